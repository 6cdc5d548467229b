//! Cases: one incoming question and everything done about it.
//!
//! This module holds the case's types and its life in the database (create,
//! read, edit, delete); [`validate`] turns what a person typed into a
//! [`Question`], and [`inbox`] lists and counts cases for the inbox.

pub mod inbox;
pub mod validate;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{msg, CoreError, Now, Result, Store};

pub use validate::{validate, Limits};

/// Where a case stands: `new` → `drafting` → `answered` → `closed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    New,
    Drafting,
    Answered,
    Closed,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 4] = [
        CaseStatus::New,
        CaseStatus::Drafting,
        CaseStatus::Answered,
        CaseStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::New => "new",
            CaseStatus::Drafting => "drafting",
            CaseStatus::Answered => "answered",
            CaseStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
    Other,
    Unspecified,
}

impl Sex {
    const ALL: [Sex; 4] = [Sex::Female, Sex::Male, Sex::Other, Sex::Unspecified];

    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
            Sex::Other => "other",
            Sex::Unspecified => "unspecified",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The age ranges a question can carry, as the Q&A services publish them.
pub const AGE_RANGES: [&str; 9] = [
    "0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80+",
];

/// A question as typed into the form: text, not yet checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuestionInput {
    pub title: String,
    pub body: String,
    pub asker: Option<String>,
    pub sex: Option<Sex>,
    pub age_range: Option<String>,
    /// `YYYY-MM-DD`; checked to be a real date, not in the future.
    pub asked_on: String,
    pub department: Option<String>,
    pub tags: Vec<String>,
    pub source: Option<String>,
}

/// A checked question, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Question {
    pub title: String,
    pub body: String,
    pub asker: Option<String>,
    pub sex: Option<Sex>,
    pub age_range: Option<String>,
    #[ts(type = "string")]
    pub asked_on: NaiveDate,
    pub department: Option<String>,
    pub tags: Vec<String>,
    pub source: Option<String>,
    pub external_id: Option<String>,
}

/// The clinician's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Reply {
    pub body: String,
    pub clinician: Option<String>,
    pub affiliation: Option<String>,
    pub signature: Option<String>,
    #[ts(type = "string | null")]
    pub replied_on: Option<NaiveDate>,
    pub more_info: Option<String>,
    /// When the reply was marked answered; a locked reply never changes.
    pub locked_at: Option<String>,
}

/// A whole case, as the case view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseDetail {
    #[ts(type = "number")]
    pub id: i64,
    pub status: CaseStatus,
    pub question: Question,
    pub reply: Option<Reply>,
    pub created_at: String,
    pub updated_at: String,
}

/// Records a new incoming question (status `new`).
pub fn create(store: &mut Store, input: &QuestionInput, now: Now) -> Result<CaseDetail> {
    let question = validate(input, now.today, &Limits::default())?;
    let id = store.with_tx(|tx| {
        let id = insert(tx, CaseStatus::New, &question, now)?;
        crate::audit::record(tx, id, crate::audit::AuditKind::Created, "", now)?;
        Ok(id)
    })?;
    get(store.conn(), id)
}

/// Changes the question's fields. Only a case without a reply can be edited:
/// once answered, the record is changed by addenda, not edits.
pub fn update(store: &mut Store, id: i64, input: &QuestionInput, now: Now) -> Result<CaseDetail> {
    let question = validate(input, now.today, &Limits::default())?;
    store.with_tx(|tx| {
        let (status, has_reply) = status_and_reply(tx, id)?;
        if has_reply || matches!(status, CaseStatus::Answered | CaseStatus::Closed) {
            return Err(CoreError::Conflict(msg!("case.edit_after_reply", id = id)));
        }
        tx.execute(
            "UPDATE cases SET title = ?2, body = ?3, asker = ?4, sex = ?5, age_range = ?6,
                    asked_on = ?7, department = ?8, source = ?9, updated_at = ?10
             WHERE id = ?1",
            params![
                id,
                question.title,
                question.body,
                question.asker,
                question.sex.map(Sex::as_str),
                question.age_range,
                question.asked_on.to_string(),
                question.department,
                question.source,
                now.stamp(),
            ],
        )?;
        tx.execute("DELETE FROM case_tags WHERE case_id = ?1", [id])?;
        insert_tags(tx, id, &question.tags)?;
        crate::audit::record(tx, id, crate::audit::AuditKind::Edited, "", now)
    })?;
    get(store.conn(), id)
}

/// Deletes a case that has no reply. A case with a reply is part of the
/// clinical record and stays.
pub fn delete(store: &mut Store, id: i64) -> Result<()> {
    store.with_tx(|tx| {
        let (_, has_reply) = status_and_reply(tx, id)?;
        if has_reply {
            return Err(CoreError::Conflict(msg!(
                "case.delete_after_reply",
                id = id
            )));
        }
        tx.execute("DELETE FROM cases WHERE id = ?1", [id])?;
        Ok(())
    })
}

/// Reads one case with its tags and reply.
pub fn get(conn: &Connection, id: i64) -> Result<CaseDetail> {
    let row = conn
        .query_row(
            "SELECT id, status, title, body, asker, sex, age_range, asked_on, department,
                    source, external_id, created_at, updated_at
             FROM cases WHERE id = ?1",
            [id],
            read_case_row,
        )
        .optional()?
        .ok_or_else(|| CoreError::NotFound(msg!("case.not_found", id = id)))?;
    let (mut detail, raw) = row;
    detail.status = parse_column("status", &raw.status, CaseStatus::parse)?;
    detail.question.sex = raw
        .sex
        .as_deref()
        .map(|s| parse_column("sex", s, Sex::parse))
        .transpose()?;
    detail.question.asked_on = parse_date_column(&raw.asked_on)?;
    detail.question.tags = tags_of(conn, id)?;
    detail.reply = reply_of(conn, id)?;
    Ok(detail)
}

/// Looks a case up by its external id (the id it had in the system it came from).
pub fn find_by_external_id(conn: &Connection, external_id: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM cases WHERE external_id = ?1",
            [external_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Inserts a checked question; the caller owns the transaction.
pub(crate) fn insert(conn: &Connection, status: CaseStatus, q: &Question, now: Now) -> Result<i64> {
    let stamp = now.stamp();
    conn.prepare_cached(
        "INSERT INTO cases (status, title, body, asker, sex, age_range, asked_on, department,
                            source, external_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        status.as_str(),
        q.title,
        q.body,
        q.asker,
        q.sex.map(Sex::as_str),
        q.age_range,
        q.asked_on.to_string(),
        q.department,
        q.source,
        q.external_id,
        stamp,
    ])?;
    let id = conn.last_insert_rowid();
    insert_tags(conn, id, &q.tags)?;
    Ok(id)
}

/// Stores a reply for a case; `locked` replies can never change again.
pub(crate) fn insert_reply(conn: &Connection, case_id: i64, reply: &Reply, now: Now) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO replies (case_id, body, clinician, affiliation, signature, replied_on,
                              more_info, locked_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )?
    .execute(params![
        case_id,
        reply.body,
        reply.clinician,
        reply.affiliation,
        reply.signature,
        reply.replied_on.map(|d| d.to_string()),
        reply.more_info,
        reply.locked_at,
        now.stamp(),
    ])?;
    Ok(())
}

fn insert_tags(conn: &Connection, id: i64, tags: &[String]) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT INTO case_tags (case_id, position, tag) VALUES (?1, ?2, ?3)")?;
    for (position, tag) in tags.iter().enumerate() {
        stmt.execute(params![id, position as i64, tag])?;
    }
    Ok(())
}

fn status_and_reply(conn: &Connection, id: i64) -> Result<(CaseStatus, bool)> {
    let (status, has_reply): (String, bool) = conn
        .query_row(
            "SELECT status, EXISTS (SELECT 1 FROM replies WHERE case_id = cases.id)
             FROM cases WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| CoreError::NotFound(msg!("case.not_found", id = id)))?;
    Ok((
        parse_column("status", &status, CaseStatus::parse)?,
        has_reply,
    ))
}

pub(crate) fn tags_of(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT tag FROM case_tags WHERE case_id = ?1 ORDER BY position")?;
    let tags = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(tags)
}

fn reply_of(conn: &Connection, id: i64) -> Result<Option<Reply>> {
    let row = conn
        .query_row(
            "SELECT body, clinician, affiliation, signature, replied_on, more_info, locked_at
             FROM replies WHERE case_id = ?1",
            [id],
            |r| {
                Ok((
                    Reply {
                        body: r.get(0)?,
                        clinician: r.get(1)?,
                        affiliation: r.get(2)?,
                        signature: r.get(3)?,
                        replied_on: None,
                        more_info: r.get(5)?,
                        locked_at: r.get(6)?,
                    },
                    r.get::<_, Option<String>>(4)?,
                ))
            },
        )
        .optional()?;
    row.map(|(mut reply, replied_on)| {
        reply.replied_on = replied_on.as_deref().map(parse_date_column).transpose()?;
        Ok(reply)
    })
    .transpose()
}

/// Columns read as text and parsed after, so a bad value is an error, not a panic.
struct RawColumns {
    status: String,
    sex: Option<String>,
    asked_on: String,
}

fn read_case_row(r: &Row) -> rusqlite::Result<(CaseDetail, RawColumns)> {
    Ok((
        CaseDetail {
            id: r.get(0)?,
            status: CaseStatus::New,
            question: Question {
                title: r.get(2)?,
                body: r.get(3)?,
                asker: r.get(4)?,
                sex: None,
                age_range: r.get(6)?,
                asked_on: NaiveDate::MIN,
                department: r.get(8)?,
                tags: Vec::new(),
                source: r.get(9)?,
                external_id: r.get(10)?,
            },
            reply: None,
            created_at: r.get(11)?,
            updated_at: r.get(12)?,
        },
        RawColumns {
            status: r.get(1)?,
            sex: r.get(5)?,
            asked_on: r.get(7)?,
        },
    ))
}

pub(crate) fn parse_column<T>(name: &str, value: &str, parse: fn(&str) -> Option<T>) -> Result<T> {
    parse(value).ok_or_else(|| {
        CoreError::Internal(msg!(
            "error.unknown_stored_value",
            name = name,
            value = value
        ))
    })
}

pub(crate) fn parse_date_column(value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| CoreError::Internal(msg!("error.invalid_stored_date", value = value)))
}

#[cfg(test)]
mod tests;

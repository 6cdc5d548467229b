//! Cases: one incoming question and everything done about it.
//!
//! This module holds the case's types and its life in the database (create,
//! read, edit, delete); [`validate`] turns what a person typed into a
//! [`Question`], and [`inbox`] lists and counts cases for the inbox.

pub mod inbox;
pub(crate) mod table;
pub mod validate;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
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

crate::columns::stored_names!(CaseStatus {
    New => "new",
    Drafting => "drafting",
    Answered => "answered",
    Closed => "closed",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
    Other,
    Unspecified,
}

crate::columns::stored_names!(Sex {
    Female => "female",
    Male => "male",
    Other => "other",
    Unspecified => "unspecified",
});

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
                question.sex,
                question.age_range,
                question.asked_on,
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
        .prepare_cached(&format!(
            "SELECT {} FROM cases WHERE id = ?1",
            table::COLUMNS
        ))?
        .query_row([id], table::from_row)
        .optional()?
        .ok_or_else(|| CoreError::NotFound(msg!("case.not_found", id = id)))?;
    let tags = tags_of(conn, id)?;
    let reply = crate::replies::table::reply_of(conn, id)?;
    Ok(row.into_detail(tags, reply))
}

/// Fails with `not_found` unless the case exists (for lists that belong to
/// a case, so an unknown case is not mistaken for an empty history).
pub(crate) fn require(conn: &Connection, id: i64) -> Result<()> {
    let found: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM cases WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    found
        .map(|_| ())
        .ok_or_else(|| CoreError::NotFound(msg!("case.not_found", id = id)))
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

pub(crate) use table::{insert, insert_tags, tags_of};

fn status_and_reply(conn: &Connection, id: i64) -> Result<(CaseStatus, bool)> {
    let (status, has_reply): (CaseStatus, bool) = conn
        .query_row(
            "SELECT status, EXISTS (SELECT 1 FROM replies WHERE case_id = cases.id)
             FROM cases WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| CoreError::NotFound(msg!("case.not_found", id = id)))?;
    Ok((status, has_reply))
}

#[cfg(test)]
mod tests;

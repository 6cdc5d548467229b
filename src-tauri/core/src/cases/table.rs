//! Table `cases` (and its `case_tags`): the one row mapper and the one
//! insert, used by the case's own functions, by replies and by import.

use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};

use super::{CaseDetail, CaseStatus, Question, Reply, Sex};
use crate::{Now, Result};

/// The columns [`from_row`] reads, in its order.
pub(crate) const COLUMNS: &str = "id, status, title, body, asker, sex, age_range, asked_on, \
     department, source, external_id, created_at, updated_at";

/// One `cases` row, fully typed (its tags are in another table).
pub(crate) struct CaseRow {
    pub id: i64,
    pub status: CaseStatus,
    pub title: String,
    pub body: String,
    pub asker: Option<String>,
    pub sex: Option<Sex>,
    pub age_range: Option<String>,
    pub asked_on: NaiveDate,
    pub department: Option<String>,
    pub source: Option<String>,
    pub external_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Maps a row selected with [`COLUMNS`].
pub(crate) fn from_row(r: &Row) -> rusqlite::Result<CaseRow> {
    Ok(CaseRow {
        id: r.get(0)?,
        status: r.get(1)?,
        title: r.get(2)?,
        body: r.get(3)?,
        asker: r.get(4)?,
        sex: r.get(5)?,
        age_range: r.get(6)?,
        asked_on: r.get(7)?,
        department: r.get(8)?,
        source: r.get(9)?,
        external_id: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

impl CaseRow {
    pub(crate) fn into_detail(self, tags: Vec<String>, reply: Option<Reply>) -> CaseDetail {
        CaseDetail {
            id: self.id,
            status: self.status,
            question: Question {
                title: self.title,
                body: self.body,
                asker: self.asker,
                sex: self.sex,
                age_range: self.age_range,
                asked_on: self.asked_on,
                department: self.department,
                tags,
                source: self.source,
                external_id: self.external_id,
            },
            reply,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// Inserts a checked question with its tags; the caller owns the transaction.
pub(crate) fn insert(conn: &Connection, status: CaseStatus, q: &Question, now: Now) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO cases (status, title, body, asker, sex, age_range, asked_on, department,
                            source, external_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        status,
        q.title,
        q.body,
        q.asker,
        q.sex,
        q.age_range,
        q.asked_on,
        q.department,
        q.source,
        q.external_id,
        now.stamp(),
    ])?;
    let id = conn.last_insert_rowid();
    insert_tags(conn, id, &q.tags)?;
    Ok(id)
}

/// Stores `tags` in order for case `id` (after its old ones were removed).
pub(crate) fn insert_tags(conn: &Connection, id: i64, tags: &[String]) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT INTO case_tags (case_id, position, tag) VALUES (?1, ?2, ?3)")?;
    for (position, tag) in tags.iter().enumerate() {
        stmt.execute(params![id, position as i64, tag])?;
    }
    Ok(())
}

/// A case's tags in order.
pub(crate) fn tags_of(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT tag FROM case_tags WHERE case_id = ?1 ORDER BY position")?;
    let tags = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(tags)
}

/// The date a case's question was asked, if the case exists.
pub(crate) fn asked_on(conn: &Connection, id: i64) -> Result<Option<NaiveDate>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT asked_on FROM cases WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

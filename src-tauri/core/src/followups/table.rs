//! Tables `follow_ups` and `follow_up_history`: one row mapper and one
//! insert each, used by the follow-up dialog, the due list, export and import.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{FollowUp, FollowUpState, Reschedule};
use crate::{Now, Result};

/// The columns [`from_row`] reads, in its order (prefix them for a join).
pub(crate) const COLUMNS: &str =
    "id, case_id, due_on, due_time, reason, state, created_at, updated_at";

/// Maps a row selected with [`COLUMNS`]; the history is read by [`history_of`].
pub(crate) fn from_row(r: &Row) -> rusqlite::Result<FollowUp> {
    Ok(FollowUp {
        id: r.get(0)?,
        case_id: r.get(1)?,
        due_on: r.get(2)?,
        due_time: r.get(3)?,
        reason: r.get(4)?,
        state: r.get(5)?,
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
        history: Vec::new(),
    })
}

/// A follow-up to store: checked by [`super::validate`].
pub(crate) struct NewFollowUp<'a> {
    pub case_id: i64,
    pub due_on: NaiveDate,
    pub due_time: Option<&'a str>,
    pub reason: &'a str,
    pub state: FollowUpState,
}

pub(crate) fn insert(conn: &Connection, f: &NewFollowUp, now: Now) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO follow_ups (case_id, due_on, due_time, reason, state, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![
        f.case_id,
        f.due_on,
        f.due_time,
        f.reason,
        f.state,
        now.stamp()
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The follow-up without its history.
pub(crate) fn read(conn: &Connection, id: i64) -> Result<Option<FollowUp>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM follow_ups WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

/// A case's follow-ups in the order they were added, without history
/// (what export writes).
pub(crate) fn of_case(conn: &Connection, case_id: i64) -> Result<Vec<FollowUp>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM follow_ups WHERE case_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([case_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The earliest pending due date of a case.
pub(crate) fn next_pending(conn: &Connection, case_id: i64) -> Result<Option<NaiveDate>> {
    Ok(conn
        .prepare_cached(
            "SELECT min(due_on) FROM follow_ups WHERE case_id = ?1 AND state = 'pending'",
        )?
        .query_row([case_id], |r| r.get(0))?)
}

fn reschedule_from_row(r: &Row) -> rusqlite::Result<Reschedule> {
    Ok(Reschedule {
        from_on: r.get(0)?,
        from_time: r.get(1)?,
        to_on: r.get(2)?,
        to_time: r.get(3)?,
        changed_at: r.get(4)?,
    })
}

/// A follow-up's reschedules, oldest first.
pub(crate) fn history_of(conn: &Connection, id: i64) -> Result<Vec<Reschedule>> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_on, from_time, to_on, to_time, changed_at FROM follow_up_history
         WHERE follow_up_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], reschedule_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_history(
    conn: &Connection,
    follow_up_id: i64,
    change: &Reschedule,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO follow_up_history (follow_up_id, from_on, from_time, to_on, to_time, changed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        follow_up_id,
        change.from_on,
        change.from_time,
        change.to_on,
        change.to_time,
        change.changed_at
    ])?;
    Ok(())
}

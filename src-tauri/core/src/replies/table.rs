//! Tables `replies`, `addenda` and `reply_revisions`: one row mapper and
//! one insert each, used by the reply editor and by import.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{Addendum, Revision};
use crate::cases::Reply;
use crate::{Now, Result};

const REPLY_COLUMNS: &str =
    "body, clinician, affiliation, signature, replied_on, more_info, locked_at";

fn reply_from_row(r: &Row) -> rusqlite::Result<Reply> {
    Ok(Reply {
        body: r.get(0)?,
        clinician: r.get(1)?,
        affiliation: r.get(2)?,
        signature: r.get(3)?,
        replied_on: r.get(4)?,
        more_info: r.get(5)?,
        locked_at: r.get(6)?,
    })
}

/// A case's reply, if it has one.
pub(crate) fn reply_of(conn: &Connection, case_id: i64) -> Result<Option<Reply>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {REPLY_COLUMNS} FROM replies WHERE case_id = ?1"
        ))?
        .query_row([case_id], reply_from_row)
        .optional()?)
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
        reply.replied_on,
        reply.more_info,
        reply.locked_at,
        now.stamp(),
    ])?;
    Ok(())
}

fn addendum_from_row(r: &Row) -> rusqlite::Result<Addendum> {
    Ok(Addendum {
        id: r.get(0)?,
        body: r.get(1)?,
        clinician: r.get(2)?,
        created_at: r.get(3)?,
    })
}

/// A case's addenda, oldest first.
pub(crate) fn addenda_of(conn: &Connection, case_id: i64) -> Result<Vec<Addendum>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, body, clinician, created_at FROM addenda WHERE case_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![case_id], addendum_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores an addendum as given; the caller owns the transaction (and the
/// checks: [`super::check_addendum`]).
pub(crate) fn insert_addendum(
    conn: &Connection,
    case_id: i64,
    body: &str,
    clinician: Option<&str>,
    created_at: &str,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO addenda (case_id, body, clinician, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![case_id, body, clinician, created_at])?;
    Ok(conn.last_insert_rowid())
}

fn revision_from_row(r: &Row) -> rusqlite::Result<Revision> {
    Ok(Revision {
        id: r.get(0)?,
        body: r.get(1)?,
        reason: r.get(2)?,
        saved_at: r.get(3)?,
    })
}

const REVISION_COLUMNS: &str = "id, body, reason, saved_at";

/// A case's revisions, newest first.
pub(crate) fn revisions_of(conn: &Connection, case_id: i64) -> Result<Vec<Revision>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {REVISION_COLUMNS} FROM reply_revisions WHERE case_id = ?1 ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map([case_id], revision_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One revision of a case, if it exists.
pub(crate) fn revision(conn: &Connection, case_id: i64, id: i64) -> Result<Option<Revision>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {REVISION_COLUMNS} FROM reply_revisions WHERE id = ?1 AND case_id = ?2"
        ))?
        .query_row(params![id, case_id], revision_from_row)
        .optional()?)
}

/// The newest revision of a case, if any.
pub(crate) fn latest_revision(conn: &Connection, case_id: i64) -> Result<Option<Revision>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {REVISION_COLUMNS} FROM reply_revisions WHERE case_id = ?1 ORDER BY id DESC LIMIT 1"
        ))?
        .query_row([case_id], revision_from_row)
        .optional()?)
}

/// Appends a revision.
pub(crate) fn insert_revision(
    conn: &Connection,
    case_id: i64,
    body: &str,
    reason: &str,
    now: Now,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO reply_revisions (case_id, body, reason, saved_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![case_id, body, reason, now.stamp()])?;
    Ok(conn.last_insert_rowid())
}

/// Replaces the text of an `edit` revision (autosaves within a minute share one).
pub(crate) fn update_revision(conn: &Connection, id: i64, body: &str, now: Now) -> Result<()> {
    conn.prepare_cached("UPDATE reply_revisions SET body = ?2, saved_at = ?3 WHERE id = ?1")?
        .execute(params![id, body, now.stamp()])?;
    Ok(())
}

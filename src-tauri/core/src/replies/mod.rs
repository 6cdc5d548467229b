//! The clinician's answer to a case: the draft (autosaved, with revisions),
//! marking it answered (stamped and locked), and addenda, the only way an
//! answered reply is corrected afterwards (clinical records are never edited).

pub(crate) mod schema;

use crate::msg;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, AuditKind};
use crate::cases::{self, CaseStatus};
use crate::templates::blanks::{self, Blank};
use crate::{profile, CoreError, Now, Result, Store};

/// Autosaves closer together than this share one revision.
const REVISION_WINDOW_SECONDS: i64 = 60;
/// The longest reply or addendum accepted, in characters.
const MAX_BODY_CHARS: usize = 100_000;

/// A correction or note added after a reply was locked. Never edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Addendum {
    #[ts(type = "number")]
    pub id: i64,
    pub body: String,
    pub clinician: Option<String>,
    /// ISO-8601 UTC.
    pub created_at: String,
}

/// A case's addenda, oldest first.
pub fn addenda(conn: &Connection, case_id: i64) -> Result<Vec<Addendum>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, body, clinician, created_at FROM addenda WHERE case_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![case_id], |r| {
        Ok(Addendum {
            id: r.get(0)?,
            body: r.get(1)?,
            clinician: r.get(2)?,
            created_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The reply side of a case, as the reply editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReplyView {
    #[ts(type = "number")]
    pub case_id: i64,
    pub status: CaseStatus,
    /// The draft or the answered reply; empty when nothing was written yet.
    pub body: String,
    /// Set once answered: the reply is locked from then on.
    pub locked_at: Option<String>,
    pub clinician: Option<String>,
    pub affiliation: Option<String>,
    pub signature: Option<String>,
    pub replied_on: Option<String>,
    /// When the draft was last saved.
    pub updated_at: Option<String>,
    /// Blanks and pick-lists still to resolve.
    pub blanks: Vec<Blank>,
    pub addenda: Vec<Addendum>,
}

/// What an autosave reports back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedDraft {
    pub status: CaseStatus,
    pub updated_at: String,
    pub blanks: Vec<Blank>,
}

/// An earlier state of the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Revision {
    #[ts(type = "number")]
    pub id: i64,
    pub body: String,
    /// `edit`, `restore`…
    pub reason: String,
    pub saved_at: String,
}

pub fn get(conn: &Connection, case_id: i64) -> Result<ReplyView> {
    let case = cases::get(conn, case_id)?;
    let updated_at: Option<String> = conn
        .query_row(
            "SELECT updated_at FROM replies WHERE case_id = ?1",
            [case_id],
            |r| r.get(0),
        )
        .optional()?;
    let reply = case.reply;
    let body = reply.as_ref().map(|r| r.body.clone()).unwrap_or_default();
    Ok(ReplyView {
        case_id,
        status: case.status,
        blanks: blanks::find(&body),
        body,
        locked_at: reply.as_ref().and_then(|r| r.locked_at.clone()),
        clinician: reply.as_ref().and_then(|r| r.clinician.clone()),
        affiliation: reply.as_ref().and_then(|r| r.affiliation.clone()),
        signature: reply.as_ref().and_then(|r| r.signature.clone()),
        replied_on: reply
            .as_ref()
            .and_then(|r| r.replied_on.map(|d| d.to_string())),
        updated_at,
        addenda: addenda(conn, case_id)?,
    })
}

/// Saves the draft (an autosave): creates the reply if needed, moves a `new`
/// case to `drafting`, and keeps a revision (one per minute of typing).
/// An answered case is refused: corrections are addenda.
pub fn save_draft(store: &mut Store, case_id: i64, body: &str, now: Now) -> Result<SavedDraft> {
    let body = body.replace("\r\n", "\n");
    check_length("body", &body)?;
    store.with_tx(|tx| {
        let status = writable_status(tx, case_id)?;
        let old: Option<String> = tx
            .query_row("SELECT body FROM replies WHERE case_id = ?1", [case_id], |r| r.get(0))
            .optional()?;
        let stamp = now.stamp();
        match &old {
            Some(old) if *old == body => {}
            Some(_) => {
                tx.prepare_cached("UPDATE replies SET body = ?2, updated_at = ?3 WHERE case_id = ?1")?
                    .execute(params![case_id, body, stamp])?;
                keep_revision(tx, case_id, &body, "edit", now)?;
            }
            None => {
                tx.execute(
                    "INSERT INTO replies (case_id, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                    params![case_id, body, stamp],
                )?;
                keep_revision(tx, case_id, &body, "edit", now)?;
            }
        }
        let status = if status == CaseStatus::New {
            tx.execute(
                "UPDATE cases SET status = 'drafting', updated_at = ?2 WHERE id = ?1",
                params![case_id, stamp],
            )?;
            CaseStatus::Drafting
        } else {
            status
        };
        let updated_at = tx.query_row(
            "SELECT updated_at FROM replies WHERE case_id = ?1",
            [case_id],
            |r| r.get(0),
        )?;
        Ok(SavedDraft {
            status,
            updated_at,
            blanks: blanks::find(&body),
        })
    })
}

/// The draft's revisions, newest first.
pub fn revisions(conn: &Connection, case_id: i64) -> Result<Vec<Revision>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, body, reason, saved_at FROM reply_revisions WHERE case_id = ?1 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok(Revision {
            id: r.get(0)?,
            body: r.get(1)?,
            reason: r.get(2)?,
            saved_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Makes an earlier revision the draft again (itself a new revision).
pub fn restore(store: &mut Store, case_id: i64, revision_id: i64, now: Now) -> Result<SavedDraft> {
    let body: String = store
        .conn()
        .query_row(
            "SELECT body FROM reply_revisions WHERE id = ?1 AND case_id = ?2",
            params![revision_id, case_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| {
            CoreError::NotFound(msg!(
                "reply.revision_not_found",
                case = case_id,
                revision = revision_id
            ))
        })?;
    let saved = save_draft(store, case_id, &body, now)?;
    store.with_tx(|tx| {
        tx.execute(
            "INSERT INTO reply_revisions (case_id, body, reason, saved_at) VALUES (?1, ?2, 'restore', ?3)",
            params![case_id, body, now.stamp()],
        )?;
        audit::record(tx, case_id, AuditKind::RevisionRestored, &format!("revision {revision_id}"), now)
    })?;
    Ok(saved)
}

/// Marks the reply answered: stamped with the profile's clinician, today's
/// date and the time, and locked for good. Refused while a blank or
/// pick-list is unresolved (the error names them) or no clinician is set.
pub fn mark_answered(store: &mut Store, case_id: i64, now: Now) -> Result<ReplyView> {
    store.with_tx(|tx| {
        writable_status(tx, case_id)?;
        let body: String = tx
            .query_row(
                "SELECT body FROM replies WHERE case_id = ?1",
                [case_id],
                |r| r.get(0),
            )
            .optional()?
            .filter(|b: &String| !b.trim().is_empty())
            .ok_or_else(|| CoreError::invalid("body", msg!("reply.empty_to_answer")))?;
        let open = blanks::find(&body);
        if !open.is_empty() {
            return Err(CoreError::invalid("body", blanks::describe(&open)));
        }
        let me = profile::get(tx)?;
        let clinician = signer(&me)?;
        let stamp = now.stamp();
        tx.execute(
            "UPDATE replies SET clinician = ?2, affiliation = ?3, signature = ?4, replied_on = ?5,
                    locked_at = ?6, updated_at = ?6
             WHERE case_id = ?1",
            params![
                case_id,
                clinician,
                Some(me.affiliation).filter(|a| !a.is_empty()),
                Some(me.signature).filter(|s| !s.is_empty()),
                now.today.to_string(),
                stamp
            ],
        )?;
        tx.execute(
            "UPDATE cases SET status = 'answered', updated_at = ?2 WHERE id = ?1",
            params![case_id, stamp],
        )?;
        audit::record(tx, case_id, AuditKind::Answered, "", now)
    })?;
    get(store.conn(), case_id)
}

/// Adds an addendum to an answered reply, signed by the profile's clinician.
pub fn add_addendum(store: &mut Store, case_id: i64, body: &str, now: Now) -> Result<Addendum> {
    let body = body.trim().replace("\r\n", "\n");
    if body.is_empty() {
        return Err(CoreError::invalid("addendum", msg!("reply.addendum_empty")));
    }
    check_length("addendum", &body)?;
    store.with_tx(|tx| {
        let locked: Option<Option<String>> = tx
            .query_row(
                "SELECT locked_at FROM replies WHERE case_id = ?1",
                [case_id],
                |r| r.get(0),
            )
            .optional()?;
        if !matches!(locked, Some(Some(_))) {
            cases::get(tx, case_id)?;
            return Err(CoreError::Conflict(msg!("reply.addendum_before_answer")));
        }
        let clinician = signer(&profile::get(tx)?)?;
        let created_at = now.stamp();
        tx.execute(
            "INSERT INTO addenda (case_id, body, clinician, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![case_id, body, clinician, created_at],
        )?;
        let id = tx.last_insert_rowid();
        audit::record(tx, case_id, AuditKind::Addendum, "", now)?;
        Ok(Addendum {
            id,
            body,
            clinician: Some(clinician),
            created_at,
        })
    })
}

/// Stores an addendum as given (import); the caller owns the transaction.
pub fn insert_addendum(
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

fn signer(me: &profile::ClinicianProfile) -> Result<String> {
    me.display_name()
        .ok_or_else(|| CoreError::invalid("clinician", msg!("reply.unsigned")))
}

fn check_length(field: &str, body: &str) -> Result<()> {
    if body.chars().count() > MAX_BODY_CHARS {
        return Err(CoreError::invalid(
            field,
            msg!("reply.too_long", limit = MAX_BODY_CHARS),
        ));
    }
    Ok(())
}

/// The case's status, if its reply may still change.
fn writable_status(conn: &Connection, case_id: i64) -> Result<CaseStatus> {
    let (status, locked): (String, Option<String>) = conn
        .query_row(
            "SELECT c.status, r.locked_at FROM cases c LEFT JOIN replies r ON r.case_id = c.id WHERE c.id = ?1",
            [case_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| CoreError::NotFound(msg!("case.not_found", id = case_id)))?;
    let status = cases::parse_column("status", &status, CaseStatus::parse)?;
    if locked.is_some() || matches!(status, CaseStatus::Answered | CaseStatus::Closed) {
        return Err(CoreError::Conflict(msg!("reply.locked", id = case_id)));
    }
    Ok(status)
}

/// Keeps `body` as a revision: a new one, or the latest `edit` one updated
/// when it is less than a minute old.
fn keep_revision(
    conn: &Connection,
    case_id: i64,
    body: &str,
    reason: &str,
    now: Now,
) -> Result<()> {
    let latest: Option<(i64, String, String)> = conn
        .prepare_cached(
            "SELECT id, reason, saved_at FROM reply_revisions WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
        )?
        .query_row([case_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let recent = latest.as_ref().and_then(|(id, kind, at)| {
        let at = chrono::DateTime::parse_from_rfc3339(at).ok()?;
        let age = now.utc.signed_duration_since(at).num_seconds();
        (kind == reason && (0..REVISION_WINDOW_SECONDS).contains(&age)).then_some(*id)
    });
    match recent {
        Some(id) => {
            conn.prepare_cached(
                "UPDATE reply_revisions SET body = ?2, saved_at = ?3 WHERE id = ?1",
            )?
            .execute(params![id, body, now.stamp()])?;
        }
        None => {
            conn.prepare_cached(
                "INSERT INTO reply_revisions (case_id, body, reason, saved_at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![case_id, body, reason, now.stamp()])?;
            audit::record(conn, case_id, AuditKind::DraftSaved, "", now)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;

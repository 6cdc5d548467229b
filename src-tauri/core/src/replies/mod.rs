//! The clinician's answer to a case: the draft (autosaved, with revisions),
//! marking it answered (stamped and locked), and addenda, the only way an
//! answered reply is corrected afterwards (clinical records are never edited).

pub(crate) mod table;

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
/// The longest reply or addendum accepted, in characters (drafts, addenda
/// and imported replies alike).
pub const MAX_BODY_CHARS: usize = 100_000;

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
    table::addenda_of(conn, case_id)
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
        if write_body(tx, case_id, &body, now)? {
            keep_revision(tx, case_id, &body, now)?;
        }
        saved(tx, case_id, status, &body, now)
    })
}

/// Writes `body` as the case's draft (creating the reply when there is none).
/// Returns false when the draft already had exactly this text.
fn write_body(tx: &Connection, case_id: i64, body: &str, now: Now) -> Result<bool> {
    let old: Option<String> = tx
        .prepare_cached("SELECT body FROM replies WHERE case_id = ?1")?
        .query_row([case_id], |r| r.get(0))
        .optional()?;
    match old {
        Some(old) if old == body => Ok(false),
        Some(_) => {
            tx.prepare_cached("UPDATE replies SET body = ?2, updated_at = ?3 WHERE case_id = ?1")?
                .execute(params![case_id, body, now.stamp()])?;
            Ok(true)
        }
        None => {
            let draft = cases::Reply {
                body: body.to_string(),
                clinician: None,
                affiliation: None,
                signature: None,
                replied_on: None,
                more_info: None,
                locked_at: None,
            };
            table::insert_reply(tx, case_id, &draft, now)?;
            Ok(true)
        }
    }
}

/// Moves a `new` case to `drafting` and reports the saved draft.
fn saved(
    tx: &Connection,
    case_id: i64,
    status: CaseStatus,
    body: &str,
    now: Now,
) -> Result<SavedDraft> {
    let status = if status == CaseStatus::New {
        tx.execute(
            "UPDATE cases SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![case_id, CaseStatus::Drafting, now.stamp()],
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
        blanks: blanks::find(body),
    })
}

/// The draft's revisions, newest first; `not_found` for an unknown case.
pub fn revisions(conn: &Connection, case_id: i64) -> Result<Vec<Revision>> {
    crate::cases::require(conn, case_id)?;
    table::revisions_of(conn, case_id)
}

/// Makes an earlier revision the draft again, in one transaction. The
/// restored text is kept as a new `restore` revision; no revision is ever
/// overwritten by a restore, so what was typed just before it stays in the
/// history (an autosave within the minute would otherwise have replaced it).
pub fn restore(store: &mut Store, case_id: i64, revision_id: i64, now: Now) -> Result<SavedDraft> {
    store.with_tx(|tx| {
        let body = table::revision(tx, case_id, revision_id)?
            .ok_or_else(|| {
                CoreError::NotFound(msg!(
                    "reply.revision_not_found",
                    case = case_id,
                    revision = revision_id
                ))
            })?
            .body;
        let status = writable_status(tx, case_id)?;
        write_body(tx, case_id, &body, now)?;
        table::insert_revision(tx, case_id, &body, "restore", now)?;
        audit::record(
            tx,
            case_id,
            AuditKind::RevisionRestored,
            &format!("revision {revision_id}"),
            now,
        )?;
        saved(tx, case_id, status, &body, now)
    })
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
    check_addendum("addendum", &body)?;
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
        let id = table::insert_addendum(tx, case_id, &body, Some(&clinician), &created_at)?;
        audit::record(tx, case_id, AuditKind::Addendum, "", now)?;
        Ok(Addendum {
            id,
            body,
            clinician: Some(clinician),
            created_at,
        })
    })
}

/// Stores an addendum as given (import); the caller owns the transaction
/// and has checked it with [`check_addendum`].
pub fn insert_addendum(
    conn: &Connection,
    case_id: i64,
    body: &str,
    clinician: Option<&str>,
    created_at: &str,
) -> Result<i64> {
    table::insert_addendum(conn, case_id, body, clinician, created_at)
}

/// The checks every addendum passes, typed or imported: some text, at most
/// [`MAX_BODY_CHARS`] characters.
pub fn check_addendum(field: &str, body: &str) -> Result<()> {
    if body.trim().is_empty() {
        return Err(CoreError::invalid(field, msg!("reply.addendum_empty")));
    }
    check_length(field, body)
}

fn signer(me: &profile::ClinicianProfile) -> Result<String> {
    me.display_name()
        .ok_or_else(|| CoreError::invalid("clinician", msg!("reply.unsigned")))
}

/// The length limit of a reply or addendum, typed or imported.
pub fn check_length(field: &str, body: &str) -> Result<()> {
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
    let (status, locked): (CaseStatus, Option<String>) = conn
        .query_row(
            "SELECT c.status, r.locked_at FROM cases c LEFT JOIN replies r ON r.case_id = c.id WHERE c.id = ?1",
            [case_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| CoreError::NotFound(msg!("case.not_found", id = case_id)))?;
    if locked.is_some() || matches!(status, CaseStatus::Answered | CaseStatus::Closed) {
        return Err(CoreError::Conflict(msg!("reply.locked", id = case_id)));
    }
    Ok(status)
}

/// Keeps `body` as an `edit` revision: a new one, or the latest one updated
/// when it is an `edit` less than a minute old (autosaves while typing).
/// Only autosaves merge; a `restore` revision is never touched.
fn keep_revision(conn: &Connection, case_id: i64, body: &str, now: Now) -> Result<()> {
    let recent = table::latest_revision(conn, case_id)?.and_then(|latest| {
        let at = chrono::DateTime::parse_from_rfc3339(&latest.saved_at).ok()?;
        let age = now.utc.signed_duration_since(at).num_seconds();
        (latest.reason == "edit" && (0..REVISION_WINDOW_SECONDS).contains(&age))
            .then_some(latest.id)
    });
    match recent {
        Some(id) => table::update_revision(conn, id, body, now)?,
        None => {
            table::insert_revision(conn, case_id, body, "edit", now)?;
            audit::record(conn, case_id, AuditKind::DraftSaved, "", now)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;

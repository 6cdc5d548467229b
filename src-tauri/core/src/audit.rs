//! The audit trail of a case: who did what, and when (created or imported,
//! edited, draft saved, template used, answered, addenda). Each event is written in the
//! same transaction as the change it records, so the trail and the record
//! never disagree; the database refuses to edit an event.

use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use crate::{profile, Now, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditKind {
    Created,
    /// Read from a JSON Lines or CSV file (detail: file and line).
    Imported,
    Edited,
    DraftSaved,
    TemplateUsed,
    RevisionRestored,
    Answered,
    Addendum,
}

crate::columns::stored_names!(AuditKind {
    Created => "created",
    Imported => "imported",
    Edited => "edited",
    DraftSaved => "draft_saved",
    TemplateUsed => "template_used",
    RevisionRestored => "revision_restored",
    Answered => "answered",
    Addendum => "addendum",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditEvent {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: AuditKind,
    /// The clinician (from the profile) when it was set.
    pub actor: Option<String>,
    /// A template's name, a revision number… empty when there is nothing to add.
    pub detail: String,
    /// ISO-8601 UTC.
    pub at: String,
}

/// Records an event; the actor is the profile's clinician. Call it inside
/// the transaction of the change.
pub fn record(
    conn: &Connection,
    case_id: i64,
    kind: AuditKind,
    detail: &str,
    now: Now,
) -> Result<()> {
    let actor = actor(conn)?;
    record_by(conn, case_id, kind, actor.as_deref(), detail, now)
}

/// Who events are recorded for: the profile's clinician, when set.
pub(crate) fn actor(conn: &Connection) -> Result<Option<String>> {
    Ok(profile::get(conn)?.display_name())
}

/// [`record`] with the actor already looked up (for bulk writes).
pub(crate) fn record_by(
    conn: &Connection,
    case_id: i64,
    kind: AuditKind,
    actor: Option<&str>,
    detail: &str,
    now: Now,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_events (case_id, kind, actor, detail, at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![case_id, kind.as_str(), actor, detail, now.stamp()])?;
    Ok(())
}

/// A case's events, oldest first; `not_found` for an unknown case.
pub fn list(conn: &Connection, case_id: i64) -> Result<Vec<AuditEvent>> {
    crate::cases::require(conn, case_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, actor, detail, at FROM audit_events WHERE case_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
        ))
    })?;
    let mut events = Vec::new();
    for row in rows {
        let (id, kind, actor, detail, at) = row?;
        // An unknown kind (from a newer version) is shown as an edit, not an error.
        let kind = AuditKind::parse(&kind).unwrap_or(AuditKind::Edited);
        events.push(AuditEvent {
            id,
            kind,
            actor,
            detail,
            at,
        });
    }
    Ok(events)
}

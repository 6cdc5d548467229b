//! The book's access trail: when it was set up, unlocked, locked, and its
//! passphrase changed. Written in the book itself (so it is as protected as
//! the cases), never edited or deleted.

use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use crate::{Book, Now, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AccessKind {
    /// Encrypted at set-up (detail: `new` or `plaintext`).
    Protected,
    /// Opened (detail: `key_store`, `passphrase` or `recovery_code`).
    Unlocked,
    /// Locked (detail: `manual` or `inactivity`).
    Locked,
    PassphraseChanged,
    /// Replaced by a backup (detail: the backup's time, ISO-8601 UTC).
    Restored,
}

crate::columns::stored_names!(AccessKind {
    Protected => "protected",
    Unlocked => "unlocked",
    Locked => "locked",
    PassphraseChanged => "passphrase_changed",
    Restored => "restored",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AccessEvent {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: AccessKind,
    pub detail: String,
    /// The clinician (from the profile) when it was set.
    pub actor: Option<String>,
    /// ISO-8601 UTC.
    pub at: String,
}

/// Records an event in its own transaction (not a change that calls for
/// a backup on its own: see [`Book::write`]).
pub fn record(book: &Book, kind: AccessKind, detail: &str, now: Now) -> Result<()> {
    book.write_unmarked(|store| {
        store.with_tx(|tx| {
            let actor = crate::audit::actor(tx)?;
            tx.execute(
                "INSERT INTO access_events (kind, detail, actor, at) VALUES (?1, ?2, ?3, ?4)",
                params![kind.as_str(), detail, actor, now.stamp()],
            )?;
            Ok(())
        })
    })
}

/// The latest `limit` events, newest first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<AccessEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, detail, actor, at FROM access_events ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        // A kind from a newer version is skipped rather than misnamed.
        let Some(kind) = AccessKind::parse(&r.get::<_, String>(1)?) else {
            return Ok(None);
        };
        Ok(Some(AccessEvent {
            id: r.get(0)?,
            kind,
            detail: r.get(2)?,
            actor: r.get(3)?,
            at: r.get(4)?,
        }))
    })?;
    Ok(rows
        .filter_map(|row| row.transpose())
        .collect::<rusqlite::Result<_>>()?)
}

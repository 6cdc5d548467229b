//! Numbered, additive schema migrations over `PRAGMA user_version`.
//!
//! The migrations are the numbered `.sql` files in `src-tauri/core/migrations/`,
//! embedded at build time (`include_str!`); the file list below is the order.
//! DESIGN.md allows rusqlite_migration or "an equally small runner": the
//! migration crates pin older rusqlite releases, so this is that runner. Each
//! entry is applied once, in order, inside one transaction with the version
//! bump; a database newer than this build is refused rather than guessed at.
//! `tests/upgrade.rs` opens a case book written by an earlier release and
//! checks that every row survives.

use crate::msg;
use rusqlite::Connection;

use crate::{CoreError, Result};

/// Never edit, rename or reorder a file once released; add a new one instead.
/// Migration 3 calls `casebook_search_text`, which `apply` registers first.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_cases_replies_follow_ups.sql"),
    include_str!("../migrations/0002_follow_up_history_settings.sql"),
    include_str!("../migrations/0003_search_index.sql"),
    include_str!("../migrations/0004_addenda_revisions_templates_profile_audit.sql"),
    include_str!("../migrations/0005_setting_blobs_batched_addenda.sql"),
    include_str!("../migrations/0006_access_events.sql"),
    include_str!("../migrations/0007_book_changes.sql"),
];

/// The schema version this build writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Brings the schema up to [`LATEST`]. Returns the version found before.
pub fn apply(conn: &mut Connection) -> Result<i64> {
    // The search triggers (migration 3) call Rust; no connection migrates
    // or writes without it.
    crate::search::register_functions(conn)?;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > LATEST {
        return Err(CoreError::Unavailable(msg!(
            "store.newer_schema",
            found = found,
            known = LATEST
        )));
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_applies_in_order_and_is_recorded() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(apply(&mut conn).unwrap(), 0);
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST);
        // A second run is a no-op.
        assert_eq!(apply(&mut conn).unwrap(), LATEST);
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        let fk_problems: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(fk_problems, 0);
    }

    #[test]
    fn each_step_applies_on_top_of_the_previous_one() {
        // Apply migrations one at a time, as an old database being upgraded would.
        let mut conn = Connection::open_in_memory().unwrap();
        crate::search::register_functions(&conn).unwrap();
        for (i, sql) in MIGRATIONS.iter().enumerate() {
            conn.execute_batch(sql)
                .unwrap_or_else(|e| panic!("migration {} fails: {e}", i + 1));
            conn.pragma_update(None, "user_version", i as i64 + 1)
                .unwrap();
        }
        assert_eq!(apply(&mut conn).unwrap(), LATEST);
    }

    #[test]
    fn a_newer_database_is_refused_with_a_clear_message() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST + 1)
            .unwrap();
        let err = apply(&mut conn).unwrap_err();
        assert!(err.to_string().contains("newer Casebook"), "{err}");
    }

    #[test]
    fn impossible_dates_are_refused_by_the_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn).unwrap();
        let r = conn.execute(
            "INSERT INTO cases (status, title, body, asked_on, created_at, updated_at)
             VALUES ('new', 't', 'b', '2026-02-30', 'x', 'x')",
            [],
        );
        assert!(r.is_err());
    }
}

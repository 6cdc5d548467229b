//! The one SQLite file that holds a clinician's case book.
//!
//! Opening sets the durability pragmas DESIGN.md asks for (WAL,
//! `synchronous=FULL`, foreign keys, a busy timeout) and applies migrations.
//! Every multi-row change goes through [`Store::with_tx`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, Transaction};

use crate::{migrations, CoreError, Result};

/// File name of the database inside the data folder.
pub const DATABASE_FILE: &str = "casebook.sqlite3";

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// True when this open created the schema (a brand-new case book).
    fresh: bool,
}

impl Store {
    /// Opens (creating when missing) the database in `data_dir`, creating the
    /// folder too. Failures name the folder and what went wrong.
    pub fn open_in_dir(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir).map_err(|e| {
            CoreError::Unavailable(format!(
                "Casebook cannot create its data folder {}: {e}",
                data_dir.display()
            ))
        })?;
        Self::open(&data_dir.join(DATABASE_FILE))
    }

    /// Opens (creating when missing) the database file at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let unavailable = |e: rusqlite::Error| {
            CoreError::Unavailable(format!(
                "Casebook cannot open its database {}: {e}",
                path.display()
            ))
        };
        let conn = Connection::open(path).map_err(unavailable)?;
        let mut store = Self::configure(conn, Some(path.to_path_buf())).map_err(|e| match e {
            CoreError::Storage(e) => unavailable(e),
            other => other,
        })?;
        // Prove the file is writable now, not at the first save.
        store
            .conn
            .execute_batch("BEGIN IMMEDIATE; COMMIT;")
            .map_err(unavailable)?;
        store.path = Some(path.to_path_buf());
        Ok(store)
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Self::configure(Connection::open_in_memory()?, None)
    }

    fn configure(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        if path.is_some() {
            let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
            debug_assert_eq!(mode, "wal");
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        // Statement journals (every write that fires a trigger keeps one) and
        // temporary sort tables stay in memory: an import wrote them to a temp
        // file, a quarter of its time. They hold one statement's pages, not
        // the database.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        let before = migrations::apply(&mut conn)?;
        Ok(Store {
            conn,
            path,
            fresh: before == 0,
        })
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// True when this open created the database (so demo data may be loaded).
    pub fn is_fresh(&self) -> bool {
        self.fresh
    }

    /// Runs `f` in one transaction: all of it is stored, or none of it.
    pub fn with_tx<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_creates_the_folder_and_sets_durable_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("nested").join("casebook");
        let store = Store::open_in_dir(&data).unwrap();
        assert!(store.is_fresh());
        assert!(data.join(DATABASE_FILE).exists());
        let c = store.conn();
        let mode: String = c
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        let fk: i64 = c
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
        drop(store);
        assert!(!Store::open_in_dir(&data).unwrap().is_fresh());
    }

    #[test]
    fn a_folder_that_cannot_be_created_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-folder");
        std::fs::write(&file, b"x").unwrap();
        let err = Store::open_in_dir(&file.join("casebook")).err().unwrap();
        assert_eq!(err.code(), crate::ErrorCode::Unavailable);
        assert!(
            err.to_string().contains("cannot create its data folder"),
            "{err}"
        );
    }

    #[test]
    fn bundled_sqlite_is_recent_enough() {
        // Releases before 3.51.3 carry a WAL-reset corruption bug.
        assert!(
            rusqlite::version_number() >= 3_051_003,
            "{}",
            rusqlite::version()
        );
    }

    #[test]
    fn a_failed_transaction_leaves_nothing_behind() {
        let mut store = Store::open_in_memory().unwrap();
        let r: Result<()> = store.with_tx(|tx| {
            tx.execute(
                "INSERT INTO cases (status, title, body, asked_on, created_at, updated_at)
                 VALUES ('new', 't', 'b', '2026-01-01', 'x', 'x')",
                [],
            )?;
            Err(CoreError::Conflict("stop".into()))
        });
        assert!(r.is_err());
        let n: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}

//! The one SQLite file that holds a clinician's case book.
//!
//! [`Store`] is one connection. Opening one for writing sets the durability
//! pragmas (WAL so readers never wait for the writer, `synchronous=FULL` so a
//! committed reply survives a power cut, foreign keys, a busy timeout) and
//! applies migrations. Every multi-row change goes through [`Store::with_tx`].
//!
//! [`Book`] is the open case book as the app uses it: one writer behind a
//! lock, and read-only connections handed out per request, so the inbox,
//! search and opening a case never queue behind a long write (an import
//! holds the writer for seconds). WAL gives every reader a consistent
//! snapshot while the writer works.
//!
//! A case book is encrypted at rest with SQLCipher ([`cipher`]): every
//! connection to an encrypted file, the readers too, is keyed with the data
//! key ([`crate::keys`]) before anything reads it, and a key that does not
//! fit is `locked`, never a new empty database.

pub mod cipher;

use crate::keys::DataKey;
use crate::msg;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::{migrations, CoreError, Now, Result};

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
        ensure_folder(data_dir)?;
        Self::open(&data_dir.join(DATABASE_FILE))
    }

    /// Opens (creating when missing) the plaintext database file at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_keyed(path, None)
    }

    /// Opens (creating when missing) the encrypted database at `path` with
    /// `key`; a key that does not open it is `locked`.
    pub fn open_encrypted(path: &Path, key: &DataKey) -> Result<Store> {
        Self::open_keyed(path, Some(key))
    }

    fn open_keyed(path: &Path, key: Option<&DataKey>) -> Result<Store> {
        let unavailable = |e: rusqlite::Error| {
            CoreError::Unavailable(msg!(
                "store.cannot_open",
                path = path.display().to_string(),
                reason = e.to_string()
            ))
        };
        let conn = Connection::open(path).map_err(unavailable)?;
        if let Some(key) = key {
            cipher::apply_key(&conn, key)?;
        }
        // Only this account reads the file (SQLite gives its -wal and -shm
        // the database's own permissions).
        owner_only(path)?;
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

    /// A read-only connection to an existing database at `path` (for
    /// [`Book`]'s readers and long exports). It runs no migrations and takes
    /// no write lock, so opening it never waits for the writer.
    pub fn open_reader(path: &Path, key: Option<&DataKey>) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(|e| {
            CoreError::Unavailable(msg!(
                "store.cannot_open",
                path = path.display().to_string(),
                reason = e.to_string()
            ))
        })?;
        if let Some(key) = key {
            cipher::apply_key(&conn, key)?;
        }
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "query_only", true)?;
        crate::search::register_functions(&conn)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            fresh: false,
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

/// What a brand-new case book starts with: the desktop app's has the demo
/// cases (a first start shows how Casebook works); one made by the CLI
/// for an import starts empty. Both get the default templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Welcome {
    DemoCases,
    Empty,
}

/// Readers kept open between requests (more are opened when needed).
const IDLE_READERS: usize = 4;

/// The open case book: one writer, and readers that never wait for it.
pub struct Book {
    writer: Mutex<Store>,
    path: Option<PathBuf>,
    /// The data key of an encrypted book, for its readers (wiped when the
    /// book is dropped, as on lock).
    key: Option<DataKey>,
    idle: Mutex<Vec<Store>>,
    /// True once the change mark was renewed since the last copy began
    /// (see [`Book::write`]).
    marked: AtomicBool,
}

impl Book {
    /// Opens (creating when missing) the case book in `data_dir`; a new one
    /// is prepared with the demo cases and the default templates
    /// ([`prepare`]), an existing one only gets templates it lacks.
    pub fn open_in_dir(data_dir: &Path, now: Now) -> Result<Book> {
        let mut store = Store::open_in_dir(data_dir)?;
        prepare(&mut store, now)?;
        Ok(Book::new(store))
    }

    /// A book over an open writer. Without a file (in memory) every read
    /// goes through the writer.
    pub fn new(writer: Store) -> Book {
        Book {
            path: writer.path().map(Path::to_path_buf),
            writer: Mutex::new(writer),
            key: None,
            idle: Mutex::new(Vec::new()),
            marked: AtomicBool::new(false),
        }
    }

    /// Opens the encrypted case book at `path` with `key` and prepares it
    /// as [`Book::open_in_dir`] does.
    pub fn open_encrypted(path: &Path, key: DataKey, now: Now) -> Result<Book> {
        Self::open_encrypted_as(path, key, now, Welcome::DemoCases)
    }

    /// [`Book::open_encrypted`], saying what a brand-new book starts with.
    pub fn open_encrypted_as(
        path: &Path,
        key: DataKey,
        now: Now,
        welcome: Welcome,
    ) -> Result<Book> {
        let mut store = Store::open_encrypted(path, &key)?;
        match welcome {
            Welcome::DemoCases => prepare(&mut store, now)?,
            Welcome::Empty => {
                crate::templates::ensure_defaults(store.conn(), now)?;
            }
        }
        Ok(Book {
            key: Some(key),
            ..Book::new(store)
        })
    }

    /// True when the book's file is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` on a read-only connection of its own: it neither waits for
    /// nor blocks the writer.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let Some(path) = &self.path else {
            return f(self.writer().conn());
        };
        let idle = lock(&self.idle).pop();
        let reader = match idle {
            Some(reader) => reader,
            None => Store::open_reader(path, self.key.as_ref())?,
        };
        let value = f(reader.conn());
        let mut idle = lock(&self.idle);
        if idle.len() < IDLE_READERS {
            idle.push(reader);
        }
        value
    }

    /// Runs `f` with the writer; writes queue here, one at a time.
    ///
    /// The first write that changes anything after a copy began (a backup)
    /// gives the book's change mark (migration 7) a new random value, so the
    /// newest backup's mark differs from the book's whenever the book holds changes
    /// the backup lacks. A kill loses no mark: the bump is committed right
    /// after the change.
    pub fn write<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut store = self.writer();
        let before = store.conn.total_changes();
        let value = f(&mut store);
        if store.conn.total_changes() != before && !self.marked.swap(true, Ordering::SeqCst) {
            let bumped = store
                .conn
                .execute("UPDATE book_changes SET serial = random()", []);
            if bumped.is_err() {
                // Try again at the next write (a full disk, say).
                self.marked.store(false, Ordering::SeqCst);
            }
        }
        value
    }

    /// [`Book::write`] without marking a change: for the access trail, whose
    /// entries alone do not call for a backup (they go into the next one).
    pub(crate) fn write_unmarked<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        f(&mut self.writer())
    }

    /// The book's change mark (see [`Book::write`]).
    pub fn change_serial(&self) -> Result<i64> {
        self.read(|c| Ok(c.query_row("SELECT serial FROM book_changes", [], |r| r.get(0))?))
    }

    /// Writes an encrypted copy of the book (same key) into the new file
    /// `dest` through a connection of its own (writes go on meanwhile), and
    /// checks the copy whole ([`cipher::check_copy`]).
    pub fn copy_to(&self, dest: &Path) -> Result<cipher::Encrypted> {
        let (Some(path), Some(key)) = (&self.path, &self.key) else {
            return Err(CoreError::Unavailable(msg!("store.no_file")));
        };
        // Every change from here on renews the mark again, so one that
        // misses the copy is never taken for backed up.
        self.marked.store(false, Ordering::SeqCst);
        cipher::copy_encrypted(path, key, dest)
    }

    /// The data key of an encrypted book.
    pub(crate) fn key(&self) -> Option<&DataKey> {
        self.key.as_ref()
    }

    /// Checks an encrypted copy made with this book's key.
    pub fn check_copy(&self, copy: &Path) -> Result<cipher::Encrypted> {
        let Some(key) = &self.key else {
            return Err(CoreError::Unavailable(msg!("store.no_file")));
        };
        cipher::check_copy(copy, key)
    }

    /// The writer, for a process that is the book's only user (the CLI).
    pub fn into_writer(self) -> Store {
        self.writer
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// A read-only connection for a long job (a batch export) to keep.
    pub fn reader(&self) -> Result<Store> {
        match &self.path {
            Some(path) => Store::open_reader(path, self.key.as_ref()),
            None => Err(CoreError::Unavailable(msg!("store.no_file"))),
        }
    }

    /// The writer. A panic in an earlier write does not lock the clinician
    /// out: its transaction was rolled back when it unwound.
    fn writer(&self) -> MutexGuard<'_, Store> {
        lock(&self.writer)
    }
}

/// Creates the data folder if it is missing (on Unix readable by its owner
/// only, `0700`); a failure names it.
pub fn ensure_folder(data_dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    let made = builder.create(data_dir).and_then(|()| {
        if data_dir.is_dir() {
            Ok(())
        } else {
            Err(std::io::Error::other("not a folder"))
        }
    });
    made.map_err(|e| {
        CoreError::Unavailable(msg!(
            "store.cannot_create_folder",
            folder = data_dir.display().to_string(),
            reason = e.to_string()
        ))
    })
}

/// On Unix, makes `path` readable and writable by its owner only (`0600`).
pub(crate) fn owner_only(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What every case book gets when it opens: a brand-new one the demo cases,
/// and any of the default templates it does not have yet.
pub fn prepare(store: &mut Store, now: Now) -> Result<()> {
    crate::demo::load_if_fresh(store, now)?;
    crate::templates::ensure_defaults(store.conn(), now)?;
    Ok(())
}

#[cfg(test)]
mod tests;

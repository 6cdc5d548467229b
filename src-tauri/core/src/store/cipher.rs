//! Encryption at rest: SQLCipher 4 (AES-256, HMAC-SHA512 per page) keyed
//! with the raw data key, and the one-time move of a plaintext case book
//! (from a release before encryption) into an encrypted file.
//!
//! SQLCipher encrypts every page of the database and of its write-ahead
//! log; temporary tables and sorts stay in memory (it is built with
//! `SQLITE_TEMP_STORE=2`), so no plaintext reaches the disk. A wrong key
//! shows only at the first read ("file is not a database"), so
//! [`apply_key`] reads the schema at once and says `locked`.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::keys::DataKey;
use crate::{msg, CoreError, Result};

/// The first 16 bytes of every plaintext SQLite database.
const PLAINTEXT_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Page cache of an encrypted connection (KiB, as SQLite's negative
/// `cache_size`). Every page read from the file is decrypted and checked,
/// so SQLite's default 2 MB cache made an inbox page at 100,000 cases 8×
/// slower than in a plaintext book (`cargo bench --bench encryption`); the
/// cache fills only as far as it is used.
const ENCRYPTED_CACHE_KIB: i64 = 32 * 1024;

/// Keys `conn` with `key` (before anything else touches the file) and
/// proves the key opens it.
pub(crate) fn apply_key(conn: &Connection, key: &DataKey) -> Result<()> {
    quiet(conn)?;
    conn.key(rusqlite::DEFAULT_NAME, &*key.sqlcipher_text(), false)?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => {
            conn.pragma_update(None, "cache_size", -ENCRYPTED_CACHE_KIB)?;
            Ok(())
        }
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            Err(CoreError::Locked(msg!("store.wrong_key")))
        }
        Err(e) => Err(e.into()),
    }
}

/// SQLCipher reports a failed page check (a wrong key) on standard error;
/// the caller reports it instead, in the clinician's language.
fn quiet(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()))
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(()),
            e => Err(e),
        })?;
    Ok(())
}

/// The SQLCipher version this build links (`None` would mean plain SQLite).
pub fn cipher_version(conn: &Connection) -> Option<String> {
    conn.query_row("PRAGMA cipher_version", [], |r| r.get(0))
        .ok()
}

/// What is at `path`: nothing, a plaintext SQLite database, or something
/// else (an encrypted database: its first page is random bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Missing,
    Plaintext,
    Encrypted,
}

pub fn file_kind(path: &Path) -> Result<FileKind> {
    use std::io::Read;
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Missing),
        Err(e) => return Err(e.into()),
    };
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..])? {
            0 => break,
            n => read += n,
        }
    }
    Ok(match read {
        // SQLite treats an empty file as a new database.
        0 => FileKind::Missing,
        _ if &header == PLAINTEXT_HEADER => FileKind::Plaintext,
        _ => FileKind::Encrypted,
    })
}

/// What moving a plaintext book into an encrypted file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encrypted {
    /// Tables and their row counts, the same before and after.
    pub tables: Vec<(String, i64)>,
    pub schema_version: i64,
    /// The book's change mark (migration 7; 0 in older books).
    pub serial: i64,
}

/// Encrypts the plaintext database at `path` with `key`, in place:
///
/// 1. checkpoint its write-ahead log and check its integrity;
/// 2. export it into a new encrypted file beside it (`…-encrypting`), with
///    its schema version (which `sqlcipher_export` does not copy);
/// 3. open the new file with the key and check it: integrity, the search
///    index, and every table's row count against the old file;
/// 4. rename it over the old file, then overwrite the old file's bytes
///    (on Unix, where the replaced file can still be reached).
///
/// A crash or kill before step 4 leaves the plaintext book as it was (a
/// leftover `…-encrypting` file is removed by the next attempt); after the
/// rename only the encrypted one is there, whole.
pub fn encrypt_in_place(path: &Path, key: &DataKey) -> Result<Encrypted> {
    let staging = staging_path(path);
    remove_if_present(&staging)?;
    let (report, old_len) = {
        let plain = Connection::open(path)?;
        let (busy, _, _): (i64, i64, i64) =
            plain.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        if busy != 0 {
            return Err(CoreError::Unavailable(msg!("store.encrypt_busy")));
        }
        check_integrity(&plain, "main")?;
        let schema_version: i64 = plain.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let before = row_counts(&plain)?;

        export_to(&plain, &staging, key, schema_version)?;
        let copy = check_copy(&staging, key)?;
        if copy.tables != before || copy.schema_version != schema_version {
            remove_if_present(&staging)?;
            return Err(CoreError::Internal(msg!("store.encrypt_mismatch")));
        }
        fs::File::open(&staging)?.sync_all()?;
        let old_len = fs::metadata(path)?.len();
        (
            Encrypted {
                tables: before,
                schema_version,
                serial: copy.serial,
            },
            old_len,
        )
    };
    // The plaintext connection is closed: its -wal and -shm are gone or empty.
    replace(path, &staging, old_len)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        remove_if_present(&sidecar(path, suffix))?;
    }
    Ok(report)
}

/// Writes the database `conn` reads into a new file at `dest`, encrypted
/// with `key`, with `schema_version` (which `sqlcipher_export` does not copy).
pub(crate) fn export_to(
    conn: &Connection,
    dest: &Path,
    key: &DataKey,
    schema_version: i64,
) -> Result<()> {
    let dest_text = dest.to_string_lossy().into_owned();
    conn.execute(
        "ATTACH DATABASE ?1 AS encrypted KEY ?2",
        rusqlite::params![dest_text, &*key.sqlcipher_text()],
    )?;
    let exported = conn
        .query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))
        .and_then(|()| conn.pragma_update(Some("encrypted"), "user_version", schema_version));
    let detached = conn.execute_batch("DETACH DATABASE encrypted");
    exported?;
    detached?;
    Ok(())
}

/// Opens the encrypted copy at `path` with `key` and checks it whole:
/// SQLCipher's page check, SQLite's integrity check, the search index;
/// returns its tables' row counts and schema version.
pub(crate) fn check_copy(path: &Path, key: &DataKey) -> Result<Encrypted> {
    let copy = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    apply_key(&copy, key)?;
    let damaged: Vec<String> = copy
        .prepare("PRAGMA cipher_integrity_check")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if !damaged.is_empty() {
        return Err(CoreError::Unavailable(msg!("store.integrity_failed")));
    }
    check_integrity(&copy, "main")?;
    check_search_index(&copy)?;
    Ok(Encrypted {
        tables: row_counts(&copy)?,
        schema_version: copy.query_row("PRAGMA user_version", [], |r| r.get(0))?,
        serial: change_serial(&copy)?,
    })
}

/// Copies the encrypted book at `path` into the new file `dest` (same key)
/// through a connection of its own, which neither migrates nor waits for
/// the writer, and checks the copy whole.
pub(crate) fn copy_encrypted(path: &Path, key: &DataKey, dest: &Path) -> Result<Encrypted> {
    if !path.is_file() {
        return Err(CoreError::Unavailable(msg!("store.no_file")));
    }
    // Default flags: the copy is ATTACHed and created with the same ones.
    let conn = Connection::open(path)?;
    apply_key(&conn, key)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    export_to(&conn, dest, key, version)?;
    drop(conn);
    check_copy(dest, key)
}

/// The schema version of the encrypted book at `path` (without migrating).
pub(crate) fn schema_version(path: &Path, key: &DataKey) -> Result<i64> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    apply_key(&conn, key)?;
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

fn change_serial(conn: &Connection) -> Result<i64> {
    let has_table: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'book_changes'",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(0);
    }
    Ok(conn.query_row("SELECT serial FROM book_changes", [], |r| r.get(0))?)
}

/// Renames `staging` over `path`; on Unix the old file's bytes are then
/// overwritten through a handle opened before the rename.
fn replace(path: &Path, staging: &Path, old_len: u64) -> Result<()> {
    #[cfg(unix)]
    let old = fs::OpenOptions::new().write(true).open(path).ok();
    fs::rename(staging, path)?;
    if let Some(dir) = path.parent() {
        crate::keys::file::sync_dir(dir);
    }
    #[cfg(unix)]
    if let Some(mut old) = old {
        use std::io::Write;
        let zeros = vec![0u8; 64 * 1024];
        let mut left = old_len;
        while left > 0 {
            let n = left.min(zeros.len() as u64) as usize;
            if old.write_all(&zeros[..n]).is_err() {
                break;
            }
            left -= n as u64;
        }
        let _ = old.sync_all();
    }
    #[cfg(not(unix))]
    let _ = old_len;
    Ok(())
}

fn check_integrity(conn: &Connection, schema: &str) -> Result<()> {
    let verdict: String =
        conn.query_row(&format!("PRAGMA {schema}.integrity_check(1)"), [], |r| {
            r.get(0)
        })?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(CoreError::Unavailable(msg!("store.integrity_failed")))
    }
}

/// Runs FTS5's own check on every full-text table.
fn check_search_index(conn: &Connection) -> Result<()> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master
             WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for table in tables {
        let quoted = quote(&table);
        conn.execute(
            &format!("INSERT INTO {quoted}({quoted}) VALUES ('integrity-check')"),
            [],
        )
        .map_err(|_| CoreError::Unavailable(msg!("store.integrity_failed")))?;
    }
    Ok(())
}

/// Every ordinary table (FTS5's shadow tables included) and its rows.
fn row_counts(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master
             WHERE type = 'table' AND rootpage > 0 AND name NOT LIKE 'sqlite_%'
             ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .map(|name| {
            let count: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {}", quote(&name)), [], |r| {
                    r.get(0)
                })?;
            Ok((name, count))
        })
        .collect()
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn staging_path(path: &Path) -> PathBuf {
    sidecar(path, "-encrypting")
}

/// `path` with `suffix` added to its name (`-wal`, `-shm`, a staging copy).
pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

pub(crate) fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests;

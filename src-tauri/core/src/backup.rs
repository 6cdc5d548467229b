//! Verified backups of the encrypted case book, in `backups/` beside it (or
//! a folder the clinician chooses). A backup is a folder of its own:
//!
//! - `casebook.sqlite3`: an encrypted copy (same key), made through a
//!   connection of its own so the clinician's writes go on meanwhile;
//! - `casebook.keys`: the key file, so the backup plus the passphrase or
//!   the recovery code opens anywhere (the key is never in it in plaintext);
//! - `manifest.json`: when, the schema version, the copy's size, SHA-256
//!   and every table's row count.
//!
//! It is written under a hidden `.…-partial` name, checked whole (SQLCipher's
//! page check, SQLite's integrity check, the search index, row counts), and
//! only then renamed into place, so a listed backup is always a whole one;
//! [`thin`] removes old ones only after that. [`verify`] repeats every check
//! on a backup already there.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::keys::KeyFile;
use crate::store::{self, DATABASE_FILE};
use crate::{msg, Book, CoreError, Now, Result};

/// The folder beside the database that backups go to by default.
pub const BACKUP_FOLDER: &str = "backups";
const MANIFEST: &str = "manifest.json";
const PREFIX: &str = "casebook-";
const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Manifest {
    pub version: u32,
    /// ISO-8601 UTC.
    pub created_at: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    #[ts(type = "number")]
    pub size: u64,
    pub sha256: String,
    /// The key file's book id: which case book this is a copy of.
    pub book_id: String,
    #[ts(type = "Record<string, number>")]
    pub tables: BTreeMap<String, i64>,
}

/// A backup on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub folder: PathBuf,
    pub manifest: Manifest,
}

/// Backs `book` up into `backups_dir` (created `0700` when missing).
pub fn create(book: &Book, key_file: &KeyFile, backups_dir: &Path, now: Now) -> Result<Backup> {
    store::ensure_folder(backups_dir)?;
    let name = format!("{PREFIX}{}", now.utc.format("%Y%m%d-%H%M%S"));
    let partial = backups_dir.join(format!(".{name}-partial"));
    if partial.exists() {
        fs::remove_dir_all(&partial)?;
    }
    store::ensure_folder(&partial)?;
    let result = (|| {
        let database = partial.join(DATABASE_FILE);
        let copy = book.copy_to(&database)?;
        key_file.save(&partial)?;
        let manifest = Manifest {
            version: VERSION,
            created_at: now.stamp(),
            schema_version: copy.schema_version,
            size: fs::metadata(&database)?.len(),
            sha256: sha256_of(&database)?,
            book_id: key_file.book_id.clone(),
            tables: copy.tables.into_iter().collect(),
        };
        let text = serde_json::to_vec_pretty(&manifest)
            .map_err(|_| CoreError::Internal(msg!("error.internal")))?;
        crate::keys::file::write_synced(&partial.join(MANIFEST), &text)?;
        fs::File::open(&database)?.sync_all()?;
        let folder = unused(backups_dir, &name);
        fs::rename(&partial, &folder)?;
        crate::keys::file::sync_dir(backups_dir);
        Ok(Backup { folder, manifest })
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&partial);
    }
    result
}

/// [`create`], then [`thin`] the folder: old backups go only once the new
/// one is whole. Returns the new backup and how many old ones went.
pub fn back_up(
    book: &Book,
    key_file: &KeyFile,
    backups_dir: &Path,
    now: Now,
) -> Result<(Backup, usize)> {
    let made = create(book, key_file, backups_dir, now)?;
    let removed = thin(backups_dir)?;
    Ok((made, removed))
}

/// A folder name not taken yet (two backups in the same second).
fn unused(dir: &Path, name: &str) -> PathBuf {
    let mut folder = dir.join(name);
    let mut n = 2;
    while folder.exists() {
        folder = dir.join(format!("{name}-{n}"));
        n += 1;
    }
    folder
}

/// The whole backups in `backups_dir`, newest first (partial ones and
/// other files are not listed).
pub fn list(backups_dir: &Path) -> Result<Vec<Backup>> {
    let entries = match fs::read_dir(backups_dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut found = Vec::new();
    for entry in entries {
        let folder = entry?.path();
        let named = folder
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(PREFIX));
        if !named || !folder.is_dir() {
            continue;
        }
        if let Ok(manifest) = read_manifest(&folder) {
            found.push(Backup { folder, manifest });
        }
    }
    found.sort_by(|a, b| b.manifest.created_at.cmp(&a.manifest.created_at));
    Ok(found)
}

fn read_manifest(folder: &Path) -> Result<Manifest> {
    let text = fs::read(folder.join(MANIFEST))?;
    serde_json::from_slice(&text).map_err(|_| damaged(folder))
}

fn damaged(folder: &Path) -> CoreError {
    CoreError::Unavailable(msg!(
        "backup.damaged",
        folder = folder.display().to_string()
    ))
}

/// Checks `backup` again: its checksum, and the copy opened with `book`'s
/// key (the same checks as when it was made, and the same row counts).
/// A backup of a newer schema than this build is refused by name.
pub fn verify(book: &Book, backup: &Backup) -> Result<()> {
    let database = backup.folder.join(DATABASE_FILE);
    if backup.manifest.schema_version > crate::migrations::LATEST {
        return Err(CoreError::Unavailable(msg!(
            "backup.newer_schema",
            found = backup.manifest.schema_version,
            known = crate::migrations::LATEST
        )));
    }
    if sha256_of(&database)? != backup.manifest.sha256 {
        return Err(damaged(&backup.folder));
    }
    let copy = book
        .check_copy(&database)
        .map_err(|_| damaged(&backup.folder))?;
    let tables: BTreeMap<String, i64> = copy.tables.into_iter().collect();
    if tables != backup.manifest.tables || copy.schema_version != backup.manifest.schema_version {
        return Err(damaged(&backup.folder));
    }
    Ok(())
}

/// How many backups thinning keeps: the newest of each of the last 12 days,
/// 10 weeks and 9 months that have one (Anki's scheme), and always the newest.
pub const KEEP_DAILY: usize = 12;
pub const KEEP_WEEKLY: usize = 10;
pub const KEEP_MONTHLY: usize = 9;

/// Removes the backups thinning does not keep; returns how many went.
pub fn thin(backups_dir: &Path) -> Result<usize> {
    let all = list(backups_dir)?;
    let keep = kept(&all);
    let mut removed = 0;
    for (backup, keep) in all.iter().zip(keep) {
        if !keep {
            fs::remove_dir_all(&backup.folder)?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Which of `backups` (newest first) to keep.
fn kept(backups: &[Backup]) -> Vec<bool> {
    use chrono::Datelike;
    let mut keep = vec![false; backups.len()];
    if let Some(first) = keep.first_mut() {
        *first = true;
    }
    let dates: Vec<Option<chrono::NaiveDate>> = backups
        .iter()
        .map(|b| {
            chrono::DateTime::parse_from_rfc3339(&b.manifest.created_at)
                .ok()
                .map(|t| t.date_naive())
        })
        .collect();
    let mut mark = |period: &dyn Fn(chrono::NaiveDate) -> (i32, u32), limit: usize| {
        let mut seen = Vec::new();
        for (i, date) in dates.iter().enumerate() {
            let Some(date) = date else { continue };
            let p = period(*date);
            if !seen.contains(&p) && seen.len() < limit {
                seen.push(p);
                keep[i] = true;
            }
        }
    };
    mark(&|d| (d.year(), d.ordinal()), KEEP_DAILY);
    mark(&|d| (d.iso_week().year(), d.iso_week().week()), KEEP_WEEKLY);
    mark(&|d| (d.year(), d.month()), KEEP_MONTHLY);
    keep
}

fn sha256_of(path: &Path) -> Result<String> {
    let mut file = fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(crate::keys::to_hex(&hasher.finalize()))
}

#[cfg(test)]
mod tests;

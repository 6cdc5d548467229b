//! Verified backups of the encrypted case book, in `backups/` beside it (or
//! a folder the clinician chooses: a USB disk, a NAS share). A backup is a
//! folder of its own:
//!
//! - `casebook.sqlite3`: an encrypted copy (same key), made through a
//!   connection of its own so the clinician's writes go on meanwhile;
//! - `casebook.keys`: the key file, so the backup plus the passphrase or
//!   the recovery code opens anywhere (the key is never in it in plaintext);
//! - `manifest.json`: when and why, the schema version, the copy's size,
//!   SHA-256, change mark and every table's row count.
//!
//! It is written under a hidden `.…-partial` name, checked whole (SQLCipher's
//! page check, SQLite's integrity check, the search index, row counts), and
//! only then renamed into place, so a listed backup is always a whole one;
//! [`thin`] removes old ones only after that. [`verify`] repeats every check
//! on a backup already there.
//!
//! When: [`due`] says whether the book holds changes its newest backup lacks
//! (the change mark, see `Book::write`) and that backup is an hour old;
//! the app also backs up on close, and before every import ([`needed`]),
//! restore and migration ([`before_migration`]).
//!
//! [`restore`] puts a backup back in place of the book (after a backup of
//! the book as it is); [`restore_into_new`] makes a new data folder from a
//! backup and the passphrase or recovery code: how a clinician moves to a
//! new computer.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::keys::{DataKey, KeyFile};
use crate::store::cipher::{self, Encrypted};
use crate::store::{self, DATABASE_FILE};
use crate::{msg, Book, CoreError, Now, Result};

/// The folder beside the database that backups go to by default.
pub const BACKUP_FOLDER: &str = "backups";
const MANIFEST: &str = "manifest.json";
const PREFIX: &str = "casebook-";
const VERSION: u32 = 1;

/// How long an automatic backup waits after the one before: at most one
/// an hour, however busy the clinic.
pub const AUTOMATIC_INTERVAL: chrono::Duration = chrono::Duration::minutes(60);

/// Backups made before an import, a restore or a migration are kept this
/// long whatever thinning says: they are the way back.
const KEEP_SAFETY_DAYS: i64 = 7;

/// Why a backup was made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// The clinician asked (Back up now, `casebook-cli backup`).
    #[default]
    Manual,
    /// After changes, at most hourly.
    Automatic,
    /// When Casebook closed.
    Closing,
    BeforeImport,
    BeforeRestore,
    BeforeMigration,
}

impl BackupReason {
    fn is_safety(self) -> bool {
        matches!(
            self,
            BackupReason::BeforeImport
                | BackupReason::BeforeRestore
                | BackupReason::BeforeMigration
        )
    }
}

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
    /// The copy's change mark: the book has changed since when its own
    /// differs.
    #[serde(default)]
    #[ts(type = "number")]
    pub serial: i64,
    #[serde(default)]
    pub reason: BackupReason,
}

impl Manifest {
    /// How many cases the backup holds.
    pub fn cases(&self) -> i64 {
        self.tables.get("cases").copied().unwrap_or(0)
    }
}

/// A backup on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub folder: PathBuf,
    pub manifest: Manifest,
}

/// Where the book in `data_dir` keeps its backups: the folder the
/// clinician chose (`conn` reads the setting), else `backups/` beside it.
pub fn folder(data_dir: &Path, conn: &Connection) -> Result<PathBuf> {
    Ok(crate::settings::backup_folder(conn)?.unwrap_or_else(|| data_dir.join(BACKUP_FOLDER)))
}

/// Keeps `chosen` as the backup folder (`None`: the default) once it is
/// shown to be a folder Casebook can create and write.
pub fn choose_folder(conn: &Connection, chosen: Option<&Path>) -> Result<()> {
    if let Some(folder) = chosen {
        if !folder.is_absolute() {
            return crate::settings::set_backup_folder(conn, Some(folder));
        }
        let writable = store::ensure_folder(folder).and_then(|()| {
            let probe = folder.join(".casebook-write-check");
            fs::write(&probe, b"")?;
            fs::remove_file(&probe)?;
            Ok(())
        });
        if let Err(e) = writable {
            return Err(CoreError::invalid(
                "folder",
                msg!(
                    "backup.folder_not_writable",
                    folder = folder.display().to_string(),
                    reason = e.message()
                ),
            ));
        }
    }
    crate::settings::set_backup_folder(conn, chosen)
}

/// Backs `book` up into `backups_dir` (created `0700` when missing).
pub fn create(
    book: &Book,
    key_file: &KeyFile,
    backups_dir: &Path,
    reason: BackupReason,
    now: Now,
) -> Result<Backup> {
    create_with(backups_dir, key_file, reason, now, |dest| {
        book.copy_to(dest)
    })
}

/// Writes a backup whose copy `copy` makes into the file it is given.
fn create_with(
    backups_dir: &Path,
    key_file: &KeyFile,
    reason: BackupReason,
    now: Now,
    copy: impl FnOnce(&Path) -> Result<Encrypted>,
) -> Result<Backup> {
    store::ensure_folder(backups_dir)?;
    remove_partial(backups_dir)?;
    let name = format!("{PREFIX}{}", now.utc.format("%Y%m%d-%H%M%S"));
    let partial = backups_dir.join(format!(".{name}-partial"));
    store::ensure_folder(&partial)?;
    let result = (|| {
        let database = partial.join(DATABASE_FILE);
        let copy = copy(&database)?;
        key_file.save(&partial)?;
        let manifest = Manifest {
            version: VERSION,
            created_at: now.stamp(),
            schema_version: copy.schema_version,
            size: fs::metadata(&database)?.len(),
            sha256: sha256_of(&database)?,
            book_id: key_file.book_id.clone(),
            tables: copy.tables.into_iter().collect(),
            serial: copy.serial,
            reason,
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
    reason: BackupReason,
    now: Now,
) -> Result<(Backup, usize)> {
    let made = create(book, key_file, backups_dir, reason, now)?;
    let removed = thin(backups_dir)?;
    Ok((made, removed))
}

/// True when the book holds changes that the newest backup in
/// `backups_dir` lacks (or there is no backup yet).
pub fn needed(book: &Book, backups_dir: &Path) -> Result<bool> {
    let newest = list(backups_dir)?.into_iter().next();
    Ok(match newest {
        None => true,
        Some(newest) => newest.manifest.serial != book.change_serial()?,
    })
}

/// True when an automatic backup is due: [`needed`], and the newest backup
/// is [`AUTOMATIC_INTERVAL`] old.
pub fn due(book: &Book, backups_dir: &Path, now: Now) -> Result<bool> {
    let newest = list(backups_dir)?.into_iter().next();
    let Some(newest) = newest else {
        return Ok(true);
    };
    if newest.manifest.serial == book.change_serial()? {
        return Ok(false);
    }
    let made = chrono::DateTime::parse_from_rfc3339(&newest.manifest.created_at)
        .map(|t| t.with_timezone(&chrono::Utc))
        .ok();
    Ok(made.is_none_or(|made| now.utc - made >= AUTOMATIC_INTERVAL))
}

/// Before the book in `data_dir` is opened with `key`: when its schema is
/// older than this build's (so opening it will migrate it), a backup of it
/// as it is. In the chosen backup folder, else beside the database (the
/// chosen one may be a disk that is not plugged in); when neither can be
/// written the migration does not happen.
pub fn before_migration(
    data_dir: &Path,
    key_file: &KeyFile,
    key: &DataKey,
    now: Now,
) -> Result<Option<Backup>> {
    let database = data_dir.join(DATABASE_FILE);
    let version = cipher::schema_version(&database, key)?;
    if version == 0 || version >= crate::migrations::LATEST {
        return Ok(None);
    }
    let chosen = {
        let conn =
            Connection::open_with_flags(&database, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        cipher::apply_key(&conn, key)?;
        crate::settings::backup_folder(&conn).ok().flatten()
    };
    let copy = |dest: &Path| cipher::copy_encrypted(&database, key, dest);
    let beside = data_dir.join(BACKUP_FOLDER);
    let made = match chosen {
        Some(chosen) => create_with(&chosen, key_file, BackupReason::BeforeMigration, now, copy)
            .or_else(|_| create_with(&beside, key_file, BackupReason::BeforeMigration, now, copy)),
        None => create_with(&beside, key_file, BackupReason::BeforeMigration, now, copy),
    };
    made.map(Some).map_err(|e| {
        CoreError::Unavailable(msg!("backup.before_migration_failed", reason = e.message()))
    })
}

/// Removes what interrupted backups left (hidden `.casebook-…-partial`
/// folders): never a whole backup, and never listed.
fn remove_partial(backups_dir: &Path) -> Result<()> {
    for entry in fs::read_dir(backups_dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&format!(".{PREFIX}")) && name.ends_with("-partial") {
            fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
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

pub(crate) fn damaged(folder: &Path) -> CoreError {
    CoreError::Unavailable(msg!(
        "backup.damaged",
        folder = folder.display().to_string()
    ))
}

/// The backup in `path`: its folder, or a file inside it (the copy, the
/// manifest), as a clinician may pick either.
pub fn open(path: &Path) -> Result<Backup> {
    let folder = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    if !folder.join(MANIFEST).is_file() || !folder.join(DATABASE_FILE).is_file() {
        return Err(CoreError::invalid(
            "backup",
            msg!("backup.not_a_backup", path = path.display().to_string()),
        ));
    }
    Ok(Backup {
        manifest: read_manifest(&folder)?,
        folder,
    })
}

/// Checks `backup` again: its checksum, and the copy opened with `book`'s
/// key (the same checks as when it was made, and the same row counts).
/// A backup of a newer schema than this build is refused by name, and one
/// of another case book as such.
pub fn verify(book: &Book, key_file: &KeyFile, backup: &Backup) -> Result<()> {
    if backup.manifest.book_id != key_file.book_id {
        return Err(CoreError::Conflict(msg!(
            "backup.other_book",
            folder = backup.folder.display().to_string()
        )));
    }
    let key = book
        .key()
        .ok_or_else(|| CoreError::Unavailable(msg!("store.no_file")))?;
    verify_with(key, backup)
}

pub(crate) fn verify_with(key: &DataKey, backup: &Backup) -> Result<()> {
    let database = backup.folder.join(DATABASE_FILE);
    if backup.manifest.schema_version > crate::migrations::LATEST {
        return Err(CoreError::Unavailable(msg!(
            "backup.newer_schema",
            found = backup.manifest.schema_version,
            known = crate::migrations::LATEST
        )));
    }
    if sha256_of(&database).map_err(|_| damaged(&backup.folder))? != backup.manifest.sha256 {
        return Err(damaged(&backup.folder));
    }
    let copy = cipher::check_copy(&database, key).map_err(|_| damaged(&backup.folder))?;
    let tables: BTreeMap<String, i64> = copy.tables.into_iter().collect();
    if tables != backup.manifest.tables || copy.schema_version != backup.manifest.schema_version {
        return Err(damaged(&backup.folder));
    }
    Ok(())
}

/// Opens the encrypted book in `data_dir`, backing it up first when
/// opening will migrate it ([`before_migration`]).
pub fn before_migration_then_open(
    data_dir: &Path,
    key_file: &KeyFile,
    key: DataKey,
    now: Now,
) -> Result<Book> {
    before_migration(data_dir, key_file, &key, now)?;
    Book::open_encrypted(&data_dir.join(DATABASE_FILE), key, now)
}

/// How many backups thinning keeps: the newest of each of the last 12 days,
/// 10 weeks and 9 months that have one (Anki's scheme), always the newest,
/// and for a week every backup made before an import, restore or migration.
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
    // The way back from an import, a restore or a migration stays a week.
    if let Some(Some(newest)) = dates.first() {
        for (i, backup) in backups.iter().enumerate() {
            let recent = dates[i].is_some_and(|d| (*newest - d).num_days() < KEEP_SAFETY_DAYS);
            if backup.manifest.reason.is_safety() && recent {
                keep[i] = true;
            }
        }
    }
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

mod restore;
pub use restore::{restore, restore_into_new, RestoreFailed, Restored};

#[cfg(test)]
mod tests;

//! `backup`, `verify` and `restore`: the core's verified backups
//! (`casebook_core::backup`) from the command line. Backups go where the
//! app puts them: the folder chosen in Settings, else `backups/` beside
//! the database.

use std::path::{Path, PathBuf};

use casebook_core::backup::{self, Backup, BackupReason};
use casebook_core::keys::KeyStore;
use casebook_core::store::DATABASE_FILE;
use casebook_core::{msg, Book, Now};

use crate::access::Open;
use crate::language::{fail, say};
use crate::output::{outln, Outcome};

/// The book's backup folder.
pub fn folder(data_dir: &Path, book: &Book) -> Result<PathBuf, String> {
    book.read(|c| backup::folder(data_dir, c)).map_err(fail)
}

/// Backs up into `out`, or into the book's backup folder and thins it.
pub fn back_up(data_dir: &Path, open: &Open, out: Option<PathBuf>, now: Now) -> Outcome {
    let (made, removed) = match out {
        Some(folder) => (
            backup::create(
                &open.book,
                &open.key_file,
                &folder,
                BackupReason::Manual,
                now,
            )
            .map_err(fail)?,
            0,
        ),
        None => backup::back_up(
            &open.book,
            &open.key_file,
            &folder(data_dir, &open.book)?,
            BackupReason::Manual,
            now,
        )
        .map_err(fail)?,
    };
    outln!(
        "{}",
        say(msg!(
            "cli.backed_up",
            folder = made.folder.display().to_string(),
            cases = made.manifest.cases(),
            removed = removed
        ))
    )
}

/// Before an import: a backup, unless the newest one already holds
/// everything. Returns what to say about it.
pub fn before_import(data_dir: &Path, open: &Open, now: Now) -> Result<Option<String>, String> {
    let folder = folder(data_dir, &open.book)?;
    if !backup::needed(&open.book, &folder).map_err(fail)? {
        return Ok(None);
    }
    let (made, _) = backup::back_up(
        &open.book,
        &open.key_file,
        &folder,
        BackupReason::BeforeImport,
        now,
    )
    .map_err(fail)?;
    Ok(Some(say(msg!(
        "cli.backed_up_before_import",
        folder = made.folder.display().to_string()
    ))))
}

/// Checks the case book and each backup; fails if any is not whole.
pub fn verify(data_dir: &Path, open: &Open) -> Outcome {
    let mut bad = 0;
    match open.book.check_copy(&data_dir.join(DATABASE_FILE)) {
        Ok(_) => outln!("{}", say(msg!("cli.verified_book")))?,
        Err(e) => {
            bad += 1;
            outln!("{}", fail(e))?;
        }
    }
    for found in backup::list(&folder(data_dir, &open.book)?).map_err(fail)? {
        let folder = found.folder.display().to_string();
        match backup::verify(&open.book, &open.key_file, &found) {
            Ok(()) => outln!(
                "{}",
                say(msg!("cli.verified_backup", folder = folder.as_str()))
            )?,
            Err(e) => {
                bad += 1;
                outln!("{}", fail(e))?;
            }
        }
    }
    if bad > 0 {
        return Err(say(msg!("cli.verify_failed", count = bad)).into());
    }
    Ok(())
}

/// `restore BACKUP` over the open book (a backup of this same book).
pub fn restore(data_dir: &Path, open: Open, backup_path: &Path, now: Now) -> Outcome {
    let chosen = backup::open(backup_path).map_err(fail)?;
    let folder = folder(data_dir, &open.book)?;
    let Open { book, key_file } = open;
    match backup::restore(data_dir, book, &key_file, &chosen, &folder, now) {
        Ok(done) => outln!(
            "{}",
            say(msg!(
                "cli.restored",
                date = local_time(&chosen),
                cases = chosen.manifest.cases(),
                safety = done.safety.folder.display().to_string()
            ))
        ),
        Err(failed) => Err(fail(failed.error).into()),
    }
}

/// `restore BACKUP` into a data folder with no case book yet, unlocked
/// with the passphrase or the recovery code in `typed`.
pub fn restore_into_new(
    data_dir: &Path,
    backup_path: &Path,
    typed: &str,
    key_store: &dyn KeyStore,
    now: Now,
) -> Outcome {
    let chosen = backup::open(backup_path).map_err(fail)?;
    backup::restore_into_new(data_dir, &chosen, typed, key_store, now).map_err(fail)?;
    outln!(
        "{}",
        say(msg!(
            "cli.restored_new",
            date = local_time(&chosen),
            cases = chosen.manifest.cases(),
            folder = data_dir.display().to_string()
        ))
    )
}

/// When a backup was made, in this machine's time.
fn local_time(backup: &Backup) -> String {
    chrono::DateTime::parse_from_rfc3339(&backup.manifest.created_at)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| backup.manifest.created_at.clone())
}

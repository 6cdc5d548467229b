//! Putting a backup back: over the same book ([`restore`], after a backup
//! of the book as it is), or into a new data folder with the passphrase or
//! recovery code of the backup's key file ([`restore_into_new`]).

use std::fs;
use std::path::Path;

use super::{
    before_migration_then_open, create, damaged, verify, verify_with, Backup, BackupReason,
};
use crate::access::{events, Found, Opened};
use crate::keys::{DataKey, KeyFile, KeyStore};
use crate::store::cipher::{remove_if_present, sidecar};
use crate::store::{self, DATABASE_FILE};
use crate::{msg, Book, CoreError, Now, Result};

/// A restore done: the book reopened on the backup's copy, and the backup
/// of the book as it was just before (the way back).
pub struct Restored {
    pub book: Book,
    pub safety: Backup,
}

/// A restore that did not happen, and the book when it is still open (it
/// is, unless the file was replaced and could not be opened after).
pub struct RestoreFailed {
    pub error: CoreError,
    pub book: Option<Box<Book>>,
}

/// Puts `backup` in place of the book in `data_dir`:
///
/// 1. verify the backup (it must be of this book, from this schema or an
///    older one, and whole);
/// 2. back the book up as it is now (into `backups_dir`);
/// 3. copy the backup's database beside the book (`…-restoring`) and sync;
/// 4. close the book (every connection: the caller holds the only `Book`),
///    remove its write-ahead log once it is closed, rename the copy over it;
/// 5. open it again (an older schema migrates) and record the restore in
///    the access trail.
///
/// A kill before the rename leaves the book as it was; after it, the
/// restored one, whole. The key file stays: a backup of the same book has
/// the same data key (only the passphrase may differ).
pub fn restore(
    data_dir: &Path,
    book: Book,
    key_file: &KeyFile,
    backup: &Backup,
    backups_dir: &Path,
    now: Now,
) -> std::result::Result<Restored, RestoreFailed> {
    let keep = |error: CoreError, book: Book| RestoreFailed {
        error,
        book: Some(Box::new(book)),
    };
    if let Err(e) = verify(&book, key_file, backup) {
        return Err(keep(e, book));
    }
    let safety = match create(
        &book,
        key_file,
        backups_dir,
        BackupReason::BeforeRestore,
        now,
    ) {
        Ok(safety) => safety,
        Err(e) => return Err(keep(e, book)),
    };
    let database = data_dir.join(DATABASE_FILE);
    let staging = sidecar(&database, "-restoring");
    if let Err(e) = stage_copy(&backup.folder.join(DATABASE_FILE), &staging) {
        let _ = fs::remove_file(&staging);
        return Err(keep(e, book));
    }
    let Some(key) = book.key().map(DataKey::duplicate) else {
        return Err(keep(CoreError::Unavailable(msg!("store.no_file")), book));
    };
    drop(book);
    let replaced = (|| -> Result<()> {
        // The closed book's log is checkpointed into it and normally gone;
        // what is left of it belongs to the old file (and is in the safety
        // backup), and must not be read with the new one.
        for suffix in ["-wal", "-shm"] {
            remove_if_present(&sidecar(&database, suffix))?;
        }
        fs::rename(&staging, &database)?;
        crate::keys::file::sync_dir(data_dir);
        Ok(())
    })();
    if let Err(error) = replaced {
        let _ = fs::remove_file(&staging);
        let book = Book::open_encrypted(&database, key, now).ok().map(Box::new);
        return Err(RestoreFailed { error, book });
    }
    let reopened = before_migration_then_open(data_dir, key_file, key, now);
    match reopened {
        Ok(book) => {
            let _ = events::record(
                &book,
                events::AccessKind::Restored,
                &backup.manifest.created_at,
                now,
            );
            Ok(Restored { book, safety })
        }
        Err(error) => Err(RestoreFailed { error, book: None }),
    }
}

/// Makes a new data folder from `backup`, unlocked with `typed` (the
/// passphrase or the recovery code of the backup's key file): the copy and
/// the key file are put in place, the key store is asked to keep the key,
/// and the book opens. `data_dir` must hold no case book yet.
pub fn restore_into_new(
    data_dir: &Path,
    backup: &Backup,
    typed: &str,
    key_store: &dyn KeyStore,
    now: Now,
) -> Result<Opened> {
    store::ensure_folder(data_dir)?;
    if !matches!(crate::access::inspect(data_dir), Ok(Found::New)) {
        return Err(CoreError::Conflict(msg!(
            "backup.folder_has_book",
            folder = data_dir.display().to_string()
        )));
    }
    let key_file = match KeyFile::load(&backup.folder) {
        Ok(Some(file)) if file.book_id == backup.manifest.book_id => file,
        _ => return Err(damaged(&backup.folder)),
    };
    let (key, _) = key_file.unlock(typed)?;
    verify_with(&key, backup)?;
    let database = data_dir.join(DATABASE_FILE);
    let staging = sidecar(&database, "-restoring");
    let staged = stage_copy(&backup.folder.join(DATABASE_FILE), &staging)
        .and_then(|()| key_file.save(data_dir));
    if let Err(e) = staged {
        let _ = fs::remove_file(&staging);
        return Err(e);
    }
    fs::rename(&staging, &database)?;
    crate::keys::file::sync_dir(data_dir);
    let key_store_result = key_store.put(&key_file.book_id, &key);
    let book = before_migration_then_open(data_dir, &key_file, key, now)?;
    events::record(
        &book,
        events::AccessKind::Restored,
        &backup.manifest.created_at,
        now,
    )?;
    Ok(Opened {
        book,
        key_file,
        key_store: key_store_result,
    })
}

/// Copies `from` to the new file `to` (owner-only), synced to the disk.
fn stage_copy(from: &Path, to: &Path) -> Result<()> {
    remove_if_present(to)?;
    fs::copy(from, to)?;
    store::owner_only(to)?;
    fs::File::open(to)?.sync_all()?;
    Ok(())
}

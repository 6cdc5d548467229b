//! How a data folder's case book is opened: found, protected, unlocked.
//!
//! A data folder holds the encrypted database ([`DATABASE_FILE`]) and its key
//! file ([`KEY_FILE`]). [`inspect`] says which of these a folder is in:
//!
//! - **new**: nothing there yet; [`protect`] asks for a passphrase, makes
//!   the data key and the recovery code, and creates the encrypted book;
//! - **plaintext**: a book from a release before encryption; [`protect`]
//!   encrypts it in place (see [`cipher::encrypt_in_place`]);
//! - **encrypted**: [`unlock_from_key_store`] opens it without a word when
//!   the OS key store has its key; otherwise [`unlock`] takes the passphrase
//!   or the recovery code.
//!
//! Nothing here ever creates a key or a database over one that exists: an
//! encrypted book whose key file is missing is an error that says to
//! restore the key file, not a fresh start.
//!
//! The key file is written, read back and compared before any data is
//! encrypted with its key, so no crash can leave data whose key is lost.
//!
//! [`start`] is what the app and the CLI do first: it says which of these a
//! folder is in and opens it when the key store can. Every set-up, unlock,
//! lock, passphrase change and restore is recorded in the book ([`events`]).
//! An older book is backed up before it is migrated
//! ([`crate::backup::before_migration`]).

use std::path::{Path, PathBuf};

use crate::keys::file::Unlocker;
use crate::keys::keystore::KeyStoreError;
use crate::keys::{DataKey, KdfParams, KeyFile, KeyStore, Passphrase, RecoveryCode, KEY_FILE};
use crate::store::cipher::{self, FileKind};
use crate::store::{self, Welcome, DATABASE_FILE};
use crate::{msg, Book, CoreError, Now, Result};

pub mod events;
pub mod sheet;
use events::AccessKind;

/// What a data folder holds.
#[derive(Debug)]
pub enum Found {
    /// No case book yet.
    New,
    /// A case book from a release before encryption, not yet encrypted.
    Plaintext,
    /// An encrypted case book and its key file.
    Encrypted(Box<KeyFile>),
}

/// Looks at `data_dir` without changing anything.
pub fn inspect(data_dir: &Path) -> Result<Found> {
    let database = data_dir.join(DATABASE_FILE);
    match cipher::file_kind(&database)? {
        FileKind::Missing => Ok(Found::New),
        FileKind::Plaintext => Ok(Found::Plaintext),
        FileKind::Encrypted => match KeyFile::load(data_dir)? {
            Some(file) => Ok(Found::Encrypted(Box::new(file))),
            None => Err(CoreError::Unavailable(msg!(
                "keys.file_missing",
                folder = data_dir.display().to_string()
            ))),
        },
    }
}

/// Where a data folder stands when Casebook starts.
pub enum Start {
    /// Needs a passphrase before anything opens: no book yet, or one from
    /// before encryption (`plaintext`) that [`protect`] will encrypt.
    Unprotected { plaintext: bool },
    /// Encrypted, and the key store had no key for it: [`unlock`] takes the
    /// passphrase or the recovery code. `notice` says why when the key store
    /// used to keep the key ([`key_store_notice`]).
    Locked {
        key_file: Box<KeyFile>,
        notice: Option<crate::Message>,
    },
    /// Opened with the key store's key.
    Open(Box<Opened>),
}

/// Inspects `data_dir` and opens its book when the key store has the key.
pub fn start(data_dir: &Path, key_store: &dyn KeyStore, now: Now) -> Result<Start> {
    store::ensure_folder(data_dir)?;
    match inspect(data_dir)? {
        Found::New => Ok(Start::Unprotected { plaintext: false }),
        Found::Plaintext => Ok(Start::Unprotected { plaintext: true }),
        Found::Encrypted(key_file) => {
            match unlock_from_key_store(data_dir, &key_file, key_store, now)? {
                Some(book) => {
                    events::record(&book, AccessKind::Unlocked, "key_store", now)?;
                    Ok(Start::Open(Box::new(Opened {
                        book,
                        key_file: *key_file,
                        key_store: Ok(()),
                    })))
                }
                None => Ok(Start::Locked {
                    notice: key_store_notice(data_dir, &key_file, key_store),
                    key_file,
                }),
            }
        }
    }
}

/// Why a book was locked (recorded in its access trail).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum LockReason {
    /// The clinician asked (Lock now, Ctrl/Cmd+L).
    Manual,
    /// No input for the configured time.
    Inactivity,
}

impl LockReason {
    fn as_str(self) -> &'static str {
        match self {
            LockReason::Manual => "manual",
            LockReason::Inactivity => "inactivity",
        }
    }
}

/// Records that `book` is being locked; the caller then drops it (which
/// closes its connections and wipes its key).
pub fn record_lock(book: &Book, reason: LockReason, now: Now) -> Result<()> {
    events::record(book, AccessKind::Locked, reason.as_str(), now)
}

/// Replaces the passphrase: `current` is the passphrase or the recovery
/// code (either proves it is the clinician), `new` wraps the same data key.
/// The key file is saved atomically and read back before this returns.
pub fn change_passphrase(
    data_dir: &Path,
    book: &Book,
    key_file: &mut KeyFile,
    current: &str,
    new: &Passphrase,
    params: KdfParams,
    now: Now,
) -> Result<()> {
    let (key, _) = key_file.unlock(current).map_err(|e| match e.code() {
        crate::ErrorCode::Locked => CoreError::invalid("current", msg!("keys.wrong_current")),
        _ => e,
    })?;
    let mut changed = key_file.clone();
    changed.change_passphrase(&key, new, params)?;
    changed.save(data_dir)?;
    if KeyFile::load(data_dir)?.as_ref() != Some(&changed) {
        return Err(CoreError::Unavailable(msg!("keys.file_not_kept")));
    }
    *key_file = changed;
    events::record(book, AccessKind::PassphraseChanged, "", now)
}

/// An open book, and what the OS key store said when asked to keep its key.
pub struct Opened {
    pub book: Book,
    pub key_file: KeyFile,
    /// `Err` when the key store could not keep the key: every start will
    /// then ask for the passphrase.
    pub key_store: std::result::Result<(), KeyStoreError>,
}

/// A newly protected book, with the recovery code to show once.
pub struct Protected {
    pub opened: Opened,
    pub recovery_code: RecoveryCode,
    /// True when a plaintext book was encrypted (rather than a new one made).
    pub was_plaintext: bool,
}

/// Protects the book in `data_dir` with `passphrase`: creates an encrypted
/// book (starting with `welcome`) when there is none, or encrypts the plaintext
/// one. Refuses when the folder already holds an encrypted book.
pub fn protect(
    data_dir: &Path,
    passphrase: &Passphrase,
    params: KdfParams,
    key_store: &dyn KeyStore,
    welcome: Welcome,
    now: Now,
) -> Result<Protected> {
    store::ensure_folder(data_dir)?;
    let was_plaintext = match cipher::file_kind(&database(data_dir))? {
        FileKind::Missing => false,
        FileKind::Plaintext => true,
        FileKind::Encrypted => return Err(CoreError::Conflict(msg!("keys.already_protected"))),
    };
    // A key file with no book beside it is left from an interrupted set-up
    // (or a book that was moved away): keep it, under another name.
    set_aside_key_file(data_dir)?;

    let key = DataKey::generate()?;
    let recovery_code = RecoveryCode::generate()?;
    let key_file = KeyFile::create(&key, passphrase, &recovery_code, params)?;
    key_file.save(data_dir)?;
    if KeyFile::load(data_dir)?.as_ref() != Some(&key_file) {
        return Err(CoreError::Unavailable(msg!("keys.file_not_kept")));
    }
    let key_store_result = key_store.put(&key_file.book_id, &key);
    note_key_store(data_dir, key_store, &key_store_result);
    if was_plaintext {
        cipher::encrypt_in_place(&database(data_dir), &key)?;
    }
    let book = Book::open_encrypted_as(&database(data_dir), key, now, welcome)?;
    let detail = if was_plaintext { "plaintext" } else { "new" };
    events::record(&book, AccessKind::Protected, detail, now)?;
    Ok(Protected {
        opened: Opened {
            book,
            key_file,
            key_store: key_store_result,
        },
        recovery_code,
        was_plaintext,
    })
}

/// Opens the encrypted book with the key the OS key store keeps for it;
/// `Ok(None)` when the store has none (or one that does not fit, or the
/// store cannot be reached: the caller then asks for the passphrase).
pub fn unlock_from_key_store(
    data_dir: &Path,
    key_file: &KeyFile,
    key_store: &dyn KeyStore,
    now: Now,
) -> Result<Option<Book>> {
    let key = match key_store.get(&key_file.book_id) {
        Ok(Some(key)) => key,
        Ok(None) | Err(_) => return Ok(None),
    };
    match crate::backup::before_migration_then_open(data_dir, key_file, key, now) {
        Ok(book) => Ok(Some(book)),
        Err(e) if e.code() == crate::ErrorCode::Locked => Ok(None),
        Err(e) => Err(e),
    }
}

/// Opens the encrypted book with what the clinician typed (the passphrase
/// or the recovery code), and asks the key store to keep the key again.
pub fn unlock(
    data_dir: &Path,
    key_file: KeyFile,
    typed: &str,
    key_store: &dyn KeyStore,
    now: Now,
) -> Result<(Opened, Unlocker)> {
    let (key, how) = key_file.unlock(typed)?;
    let key_store_result = key_store.put(&key_file.book_id, &key);
    note_key_store(data_dir, key_store, &key_store_result);
    let book = crate::backup::before_migration_then_open(data_dir, &key_file, key, now)?;
    let detail = match how {
        Unlocker::Passphrase => "passphrase",
        Unlocker::RecoveryCode => "recovery_code",
    };
    events::record(&book, AccessKind::Unlocked, detail, now)?;
    Ok((
        Opened {
            book,
            key_file,
            key_store: key_store_result,
        },
        how,
    ))
}

/// Beside the book: the name of the key store that last kept its key (no
/// secret in it), so a start that finds no key there can say why.
pub const KEY_STORE_FILE: &str = "casebook.keystore";

/// Records which key store kept the key (when it did).
pub fn note_key_store(
    data_dir: &Path,
    key_store: &dyn KeyStore,
    kept: &std::result::Result<(), KeyStoreError>,
) {
    if kept.is_ok() {
        // Best effort: without it a later start only says less.
        let _ = crate::keys::file::write_synced(
            &data_dir.join(KEY_STORE_FILE),
            key_store.name().as_bytes(),
        );
    }
}

/// Why the key store did not open a book whose key it used to keep: it is
/// another key store now, it has no entry, its key does not fit, or it
/// cannot be reached. `None` when no key store ever kept the key (every
/// start asks for the passphrase, as at set-up).
pub fn key_store_notice(
    data_dir: &Path,
    key_file: &KeyFile,
    key_store: &dyn KeyStore,
) -> Option<crate::Message> {
    let recorded = std::fs::read_to_string(data_dir.join(KEY_STORE_FILE)).ok()?;
    let recorded = recorded.trim();
    let current = key_store.name();
    if recorded != current {
        return Some(msg!(
            "keys.store_changed",
            was = recorded,
            now = current.as_str()
        ));
    }
    Some(match key_store.get(&key_file.book_id) {
        Ok(None) => msg!("keys.store_no_entry", store = current.as_str()),
        Ok(Some(_)) => msg!("keys.store_wrong_key", store = current.as_str()),
        Err(_) => msg!("keys.store_unreachable", store = current.as_str()),
    })
}

fn database(data_dir: &Path) -> PathBuf {
    data_dir.join(DATABASE_FILE)
}

fn set_aside_key_file(data_dir: &Path) -> Result<()> {
    let path = data_dir.join(KEY_FILE);
    if !path.exists() {
        return Ok(());
    }
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    std::fs::rename(
        &path,
        data_dir.join(format!("{KEY_FILE}.set-aside-{stamp}")),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;

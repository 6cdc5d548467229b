//! The app's state: whether the case book is open, locked or not yet set up
//! (or why it could not be opened), and the long jobs that are running.
//!
//! The book is opened as [`casebook_core::access`] says: a folder with no
//! book (or a plaintext one from before encryption) waits for the
//! clinician's passphrase ([`Casebook::protect`]); an encrypted one opens
//! with the OS key store's key, else waits for the passphrase or recovery
//! code ([`Casebook::unlock`]). [`Casebook::lock`] drops the book (its
//! connections close and its key is wiped) until the passphrase is typed
//! again. Every command that needs the book gets `locked` meanwhile.
//!
//! A data folder that cannot be created or written does not crash the app:
//! the window opens and shows the reason ([`ErrorCode::Unavailable`]).
//!
//! Every command reaches the database through [`Casebook::read`] or
//! [`Casebook::write`], which run on Tauri's blocking threads: a write that
//! waits for the writer (an import holds it for seconds) never occupies one
//! of the async runtime's few workers, and reads use connections of their
//! own, so they never wait at all.
//!
//! [`ErrorCode::Unavailable`]: casebook_core::ErrorCode::Unavailable

use std::path::PathBuf;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use casebook_core::access::{self, LockReason, Start};
use casebook_core::keys::{KdfParams, KeyFile, KeyStore, MemoryKeyStore, OsKeyStore, Passphrase};
use casebook_core::Connection;
use casebook_core::{msg, Book, CoreError, Now, Store};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{CommandError, CommandResult};
use crate::jobs::Jobs;

/// Environment variable that points Casebook at another data folder.
pub const DATA_DIR_ENV: &str = "CASEBOOK_DATA_DIR";

/// Debug builds only: a passphrase that sets up a new data folder and
/// unlocks an existing one without typing (for the end-to-end tests, as
/// `CASEBOOK_E2E_SAVE_PATH` answers save dialogs). Release builds ignore it.
pub const E2E_PASSPHRASE_ENV: &str = "CASEBOOK_E2E_PASSPHRASE";

/// Debug builds only: `none` leaves the OS key store out (as on a machine
/// without one), so a test run never meets a key store's prompt.
pub const E2E_KEY_STORE_ENV: &str = "CASEBOOK_E2E_KEY_STORE";

/// Where the case book stands, as the window needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AccessState {
    /// No case book yet: the set-up screen asks for a passphrase.
    New,
    /// A case book from before encryption: set-up encrypts it.
    Plaintext,
    /// Encrypted and closed: the lock screen asks for the passphrase.
    Locked,
    Open,
}

enum Access {
    Unavailable(CommandError),
    Unprotected {
        plaintext: bool,
    },
    Locked(Box<KeyFile>),
    Open {
        book: Arc<Book>,
        key_file: Box<KeyFile>,
    },
}

/// How the book's key is kept and made: the OS key store and Argon2id's
/// full cost in the app; a memory key store and a cheap cost in tests.
pub struct Protection {
    pub key_store: Arc<dyn KeyStore>,
    pub kdf: KdfParams,
    /// Sets up or unlocks without typing (see [`E2E_PASSPHRASE_ENV`]).
    pub passphrase: Option<String>,
}

impl Protection {
    /// The desktop app's: the OS key store, the full Argon2id cost, and in
    /// debug builds the end-to-end tests' passphrase.
    pub fn system() -> Protection {
        let hook = |name: &str| {
            std::env::var(name)
                .ok()
                .filter(|v| cfg!(debug_assertions) && !v.is_empty())
        };
        let passphrase = hook(E2E_PASSPHRASE_ENV);
        let key_store: Arc<dyn KeyStore> = match hook(E2E_KEY_STORE_ENV).as_deref() {
            Some("none") => Arc::new(MemoryKeyStore::unavailable("left out for the tests")),
            _ => Arc::new(OsKeyStore),
        };
        Protection {
            key_store,
            kdf: KdfParams::DEFAULT,
            passphrase,
        }
    }
}

/// What set-up hands the clinician once.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ProtectOutcome {
    /// The recovery code, grouped for reading; shown once, never stored.
    pub recovery_code: String,
    /// False when the OS key store could not keep the key: every start
    /// then asks for the passphrase.
    pub key_store_kept: bool,
    /// True when an existing plaintext book was encrypted.
    pub was_plaintext: bool,
}

/// How an unlock went.
#[derive(Debug, Clone, Serialize, TS)]
pub struct UnlockOutcome {
    /// The recovery code opened it (the window suggests a new passphrase).
    pub with_recovery_code: bool,
}

pub struct Casebook {
    pub data_dir: PathBuf,
    access: RwLock<Access>,
    protection: Protection,
    pub jobs: Arc<Jobs>,
}

/// The data folder: the `--data-dir DIR` flag, else `CASEBOOK_DATA_DIR`, else
/// the platform's app-data folder (`~/.local/share/tw.casebook.app` on Linux,
/// `%APPDATA%\tw.casebook.app` on Windows, `~/Library/Application
/// Support/tw.casebook.app` on macOS).
pub fn data_dir(platform_default: Option<PathBuf>) -> PathBuf {
    let flag = data_dir_flag(std::env::args_os().skip(1));
    let env = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty());
    flag.or(env.map(PathBuf::from))
        .or(platform_default)
        .unwrap_or_else(|| PathBuf::from("casebook-data"))
}

fn data_dir_flag(mut args: impl Iterator<Item = std::ffi::OsString>) -> Option<PathBuf> {
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if text == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = text.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(dir));
        }
    }
    None
}

/// A failure to open becomes `unavailable` (with the reason), except the
/// ones the lock screen shows itself.
fn unavailable(e: CoreError) -> CommandError {
    match e {
        e @ (CoreError::Unavailable(_) | CoreError::Locked(_)) => e.into(),
        other => {
            CoreError::Unavailable(msg!("store.prepare_failed", reason = other.message())).into()
        }
    }
}

impl Casebook {
    /// Opens the case book in `data_dir` as far as it can without the
    /// clinician: with the key store's key, or (debug builds) the test
    /// passphrase; otherwise it waits, locked or not yet set up.
    pub fn open(data_dir: PathBuf, protection: Protection, now: Now) -> Self {
        let access = match access::start(&data_dir, protection.key_store.as_ref(), now) {
            Ok(Start::Open(opened)) => Access::Open {
                book: Arc::new(opened.book),
                key_file: Box::new(opened.key_file),
            },
            Ok(Start::Locked(key_file)) => Access::Locked(key_file),
            Ok(Start::Unprotected { plaintext }) => Access::Unprotected { plaintext },
            Err(e) => {
                log::error!(
                    "the case book could not be opened: {}",
                    crate::logging::failure(&e)
                );
                Access::Unavailable(unavailable(e))
            }
        };
        let casebook = Casebook {
            data_dir,
            access: RwLock::new(access),
            protection,
            jobs: Arc::default(),
        };
        if let Some(passphrase) = casebook.protection.passphrase.clone() {
            let result = match casebook.state() {
                AccessState::New | AccessState::Plaintext => {
                    casebook.protect(&passphrase, now).map(|_| ())
                }
                AccessState::Locked => casebook.unlock(&passphrase, now).map(|_| ()),
                AccessState::Open => Ok(()),
            };
            if let Err(e) = result {
                log::error!(
                    "the test passphrase did not open the case book: {:?}",
                    e.code
                );
            }
        }
        match casebook.state() {
            AccessState::Open => log::info!("case book opened"),
            AccessState::Locked => log::info!("case book locked: waiting for the passphrase"),
            AccessState::New | AccessState::Plaintext => {
                log::info!("case book not protected yet: waiting for a passphrase")
            }
        }
        casebook
    }

    fn access(&self) -> RwLockReadGuard<'_, Access> {
        self.access
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn access_mut(&self) -> RwLockWriteGuard<'_, Access> {
        self.access
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Where the book stands; `unavailable` when it could not be opened.
    pub fn access_state(&self) -> CommandResult<AccessState> {
        match &*self.access() {
            Access::Unavailable(e) => Err(e.clone()),
            _ => Ok(self.state()),
        }
    }

    fn state(&self) -> AccessState {
        match &*self.access() {
            Access::Unavailable(_) => AccessState::Locked,
            Access::Unprotected { plaintext: false } => AccessState::New,
            Access::Unprotected { plaintext: true } => AccessState::Plaintext,
            Access::Locked(_) => AccessState::Locked,
            Access::Open { .. } => AccessState::Open,
        }
    }

    /// The open book, or why there is none (`locked`, `unavailable`).
    pub fn book(&self) -> Result<Arc<Book>, CommandError> {
        match &*self.access() {
            Access::Open { book, .. } => Ok(book.clone()),
            Access::Unavailable(e) => Err(e.clone()),
            Access::Locked(_) => Err(not_open(msg!("access.locked"))),
            Access::Unprotected { .. } => Err(not_open(msg!("access.not_protected"))),
        }
    }

    /// Sets the book up with `passphrase` (a new one, or the plaintext one
    /// encrypted); the recovery code comes back once.
    pub fn protect(&self, passphrase: &str, now: Now) -> CommandResult<ProtectOutcome> {
        let passphrase = Passphrase::new(passphrase)?;
        if !matches!(&*self.access(), Access::Unprotected { .. }) {
            return Err(CoreError::Conflict(msg!("keys.already_protected")).into());
        }
        let protected = access::protect(
            &self.data_dir,
            &passphrase,
            self.protection.kdf,
            self.protection.key_store.as_ref(),
            casebook_core::store::Welcome::DemoCases,
            now,
        )?;
        if let Err(e) = &protected.opened.key_store {
            log::warn!("the key store could not keep the key: {}", e.0);
        }
        let outcome = ProtectOutcome {
            recovery_code: protected.recovery_code.display().to_string(),
            key_store_kept: protected.opened.key_store.is_ok(),
            was_plaintext: protected.was_plaintext,
        };
        *self.access_mut() = Access::Open {
            book: Arc::new(protected.opened.book),
            key_file: Box::new(protected.opened.key_file),
        };
        log::info!("case book protected and opened");
        Ok(outcome)
    }

    /// Opens the locked book with the passphrase or the recovery code.
    pub fn unlock(&self, typed: &str, now: Now) -> CommandResult<UnlockOutcome> {
        let key_file = match &*self.access() {
            Access::Locked(key_file) => (**key_file).clone(),
            Access::Open { .. } => {
                return Ok(UnlockOutcome {
                    with_recovery_code: false,
                })
            }
            Access::Unprotected { .. } => return Err(not_open(msg!("access.not_protected"))),
            Access::Unavailable(e) => return Err(e.clone()),
        };
        let (opened, how) = access::unlock(
            &self.data_dir,
            key_file,
            typed,
            self.protection.key_store.as_ref(),
            now,
        )
        .map_err(|e| match e.code() {
            casebook_core::ErrorCode::Locked => CoreError::invalid("secret", e.message()),
            _ => e,
        })?;
        let mut access = self.access_mut();
        if matches!(&*access, Access::Locked(_)) {
            *access = Access::Open {
                book: Arc::new(opened.book),
                key_file: Box::new(opened.key_file),
            };
        }
        log::info!("case book unlocked");
        Ok(UnlockOutcome {
            with_recovery_code: how == casebook_core::keys::file::Unlocker::RecoveryCode,
        })
    }

    /// Closes the book until the passphrase is typed again: running jobs are
    /// cancelled, and its key is wiped once the last of them lets go.
    pub fn lock(&self, reason: LockReason, now: Now) -> CommandResult<()> {
        // The window is locked from here on: no command reaches the book.
        let book = {
            let mut access = self.access_mut();
            let Access::Open { book, key_file } = &*access else {
                return Ok(());
            };
            let book = book.clone();
            *access = Access::Locked(key_file.clone());
            book
        };
        // A running import lets go of the writer at once, so the lock's
        // record does not wait behind it.
        self.jobs.cancel_all();
        if let Err(e) = access::record_lock(&book, reason, now) {
            // The lock matters more than its record.
            log::warn!(
                "the lock could not be recorded: {}",
                crate::logging::failure(&e)
            );
        }
        drop(book);
        log::info!("case book locked");
        Ok(())
    }

    /// Replaces the passphrase (the current one or the recovery code proves it).
    pub fn change_passphrase(&self, current: &str, new: &str, now: Now) -> CommandResult<()> {
        let new = Passphrase::new(new).map_err(|e| match e {
            CoreError::Invalid { message, .. } => CoreError::invalid("new", message),
            other => other,
        })?;
        let (book, mut key_file) = match &*self.access() {
            Access::Open { book, key_file } => (book.clone(), (**key_file).clone()),
            _ => return Err(not_open(msg!("access.locked"))),
        };
        access::change_passphrase(
            &self.data_dir,
            &book,
            &mut key_file,
            current,
            &new,
            self.protection.kdf,
            now,
        )?;
        if let Access::Open { key_file: kept, .. } = &mut *self.access_mut() {
            **kept = key_file;
        }
        log::info!("passphrase changed");
        Ok(())
    }

    /// Writes the recovery sheet for `code` (checked against the key file).
    pub fn save_recovery_sheet(
        &self,
        code: &str,
        lang: casebook_core::Lang,
        dest: &std::path::Path,
        now: Now,
    ) -> CommandResult<()> {
        let (book, key_file) = match &*self.access() {
            Access::Open { book, key_file } => (book.clone(), (**key_file).clone()),
            _ => return Err(not_open(msg!("access.locked"))),
        };
        let paper = book.read(casebook_core::settings::pdf_settings)?.paper;
        access::sheet::write(&self.data_dir, &key_file, code, lang, paper, dest, now)?;
        Ok(())
    }

    /// The language Casebook speaks outside the window (notifications): the
    /// clinician's choice, else the system's (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub fn language(&self) -> casebook_core::Lang {
        let chosen = self
            .book()
            .ok()
            .and_then(|b| b.read(casebook_core::settings::interface_language).ok())
            .flatten();
        match chosen {
            Some(tag) => casebook_core::Lang::from_locale(&tag),
            None => casebook_core::Lang::from_locale(&system_locale()),
        }
    }

    /// Runs `f` on a read-only connection, off the async runtime.
    pub async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> casebook_core::Result<T> + Send + 'static,
    ) -> CommandResult<T> {
        let book = self.book()?;
        blocking(move || book.read(f)).await
    }

    /// Runs `f` with the writer, off the async runtime (it may wait there
    /// for a long job's write to finish).
    pub async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Store) -> casebook_core::Result<T> + Send + 'static,
    ) -> CommandResult<T> {
        let book = self.book()?;
        blocking(move || book.write(f)).await
    }
}

/// `locked`: the book is closed (locked, or not set up yet).
fn not_open(message: casebook_core::Message) -> CommandError {
    CoreError::Locked(message).into()
}

/// The locale the system names (`LC_ALL`, then `LC_MESSAGES`, then `LANG`).
pub fn system_locale() -> String {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default()
}

/// Runs `f` on a blocking thread; a panic there becomes an `internal` error.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> casebook_core::Result<T> + Send + 'static,
) -> CommandResult<T> {
    match tauri::async_runtime::spawn_blocking(f).await {
        Ok(result) => Ok(result?),
        Err(_) => Err(CoreError::Internal(msg!("error.internal")).into()),
    }
}

/// [`blocking`] for work that already answers in the commands' terms.
pub async fn blocking_command<T: Send + 'static>(
    f: impl FnOnce() -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    match tauri::async_runtime::spawn_blocking(f).await {
        Ok(result) => result,
        Err(_) => Err(CoreError::Internal(msg!("error.internal")).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn args(list: &[&str]) -> impl Iterator<Item = OsString> {
        list.iter()
            .map(OsString::from)
            .collect::<Vec<_>>()
            .into_iter()
    }

    fn test_protection() -> Protection {
        Protection {
            key_store: Arc::new(casebook_core::keys::MemoryKeyStore::default()),
            kdf: KdfParams::FAST_FOR_TESTS,
            passphrase: Some("a test passphrase".into()),
        }
    }

    #[test]
    fn the_data_dir_flag_takes_both_spellings() {
        assert_eq!(
            data_dir_flag(args(&["--data-dir", "/tmp/a"])),
            Some("/tmp/a".into())
        );
        assert_eq!(
            data_dir_flag(args(&["-x", "--data-dir=/tmp/b"])),
            Some("/tmp/b".into())
        );
        assert_eq!(data_dir_flag(args(&["--other"])), None);
    }

    #[test]
    fn an_unusable_data_folder_is_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "x").unwrap();
        let book = Casebook::open(blocker.join("casebook"), test_protection(), Now::system());
        let err = book.book().err().unwrap();
        assert_eq!(err.code, casebook_core::ErrorCode::Unavailable);
        assert!(
            err.message.contains("cannot create its data folder"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_new_data_folder_opens_with_the_demo_cases() {
        let dir = tempfile::tempdir().unwrap();
        let book = Casebook::open(dir.path().join("new"), test_protection(), Now::system());
        let counts = book
            .book()
            .unwrap()
            .read(|c| casebook_core::cases::inbox::status_counts(c, &Default::default()))
            .unwrap();
        assert!(counts.all >= 6);
    }
}

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

use casebook_core::access::{self, Start};
use casebook_core::keys::KeyFile;
use casebook_core::Connection;
use casebook_core::{msg, Book, CoreError, Now, Store};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{CommandError, CommandResult};
use crate::jobs::Jobs;

mod backups;
mod protection;
pub use backups::When;
pub use protection::{ProtectOutcome, Protection, UnlockOutcome};

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
    /// A backup is being put in place of the book (the window says so and
    /// waits; commands get `conflict`).
    Restoring,
}

pub struct Casebook {
    pub data_dir: PathBuf,
    access: RwLock<Access>,
    protection: Protection,
    pub jobs: Arc<Jobs>,
    /// Why the last backup failed (the settings screen shows it).
    backup_failure: std::sync::Mutex<Option<CommandError>>,
    /// Why the key store did not open the book at start (the lock screen
    /// says it until the book is unlocked).
    lock_notice: std::sync::Mutex<Option<casebook_core::Message>>,
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
        let mut lock_notice = None;
        let access = match access::start(&data_dir, protection.key_store.as_ref(), now) {
            Ok(Start::Open(opened)) => Access::Open {
                book: Arc::new(opened.book),
                key_file: Box::new(opened.key_file),
            },
            Ok(Start::Locked { key_file, notice }) => {
                lock_notice = notice;
                Access::Locked(key_file)
            }
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
            backup_failure: std::sync::Mutex::default(),
            lock_notice: std::sync::Mutex::new(lock_notice),
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

    /// Why the key store did not open the book, while it is locked.
    pub fn lock_notice(&self) -> Option<casebook_core::Message> {
        if self.state() != AccessState::Locked {
            return None;
        }
        self.lock_notice
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn state(&self) -> AccessState {
        match &*self.access() {
            Access::Unavailable(_) => AccessState::Locked,
            Access::Unprotected { plaintext: false } => AccessState::New,
            Access::Unprotected { plaintext: true } => AccessState::Plaintext,
            Access::Locked(_) => AccessState::Locked,
            Access::Open { .. } | Access::Restoring => AccessState::Open,
        }
    }

    /// The open book, or why there is none (`locked`, `unavailable`).
    pub fn book(&self) -> Result<Arc<Book>, CommandError> {
        match &*self.access() {
            Access::Open { book, .. } => Ok(book.clone()),
            Access::Unavailable(e) => Err(e.clone()),
            Access::Locked(_) => Err(not_open(msg!("access.locked"))),
            Access::Unprotected { .. } => Err(not_open(msg!("access.not_protected"))),
            Access::Restoring => Err(backups::restoring()),
        }
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
pub(crate) mod tests {
    use super::*;
    use std::ffi::OsString;

    fn args(list: &[&str]) -> impl Iterator<Item = OsString> {
        list.iter()
            .map(OsString::from)
            .collect::<Vec<_>>()
            .into_iter()
    }

    pub(crate) fn test_protection() -> Protection {
        Protection {
            key_store: Arc::new(casebook_core::keys::MemoryKeyStore::default()),
            kdf: casebook_core::keys::KdfParams::FAST_FOR_TESTS,
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

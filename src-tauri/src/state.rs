//! The app's state: the open case book, or the reason it could not be opened,
//! and the long jobs that are running.
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
use std::sync::Arc;

use casebook_core::Connection;
use casebook_core::{msg, Book, CoreError, Now, Store};

use crate::error::{CommandError, CommandResult};
use crate::jobs::Jobs;

/// Environment variable that points Casebook at another data folder.
pub const DATA_DIR_ENV: &str = "CASEBOOK_DATA_DIR";

pub struct Casebook {
    pub data_dir: PathBuf,
    book: Result<Arc<Book>, CommandError>,
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

impl Casebook {
    /// Opens the case book in `data_dir` (a new one gets the demo cases).
    pub fn open(data_dir: PathBuf, now: Now) -> Self {
        let book = Book::open_in_dir(&data_dir, now);
        match &book {
            Ok(_) => log::info!("case book opened"),
            Err(e) => log::error!(
                "the case book could not be opened: {}",
                crate::logging::failure(e)
            ),
        }
        Casebook {
            data_dir,
            book: book.map(Arc::new).map_err(|e| match e {
                e @ CoreError::Unavailable(_) => e.into(),
                other => {
                    CoreError::Unavailable(msg!("store.prepare_failed", reason = other.message()))
                        .into()
                }
            }),
            jobs: Arc::default(),
        }
    }

    /// The open book, or the reason it is unavailable.
    pub fn book(&self) -> Result<Arc<Book>, CommandError> {
        self.book.clone()
    }

    /// The language Casebook speaks outside the window (notifications): the
    /// clinician's choice, else the system's (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub fn language(&self) -> casebook_core::Lang {
        let chosen = self
            .book
            .as_ref()
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
        let book = Casebook::open(blocker.join("casebook"), Now::system());
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
        let book = Casebook::open(dir.path().join("new"), Now::system());
        let counts = book
            .book()
            .unwrap()
            .read(|c| casebook_core::cases::inbox::status_counts(c, &Default::default()))
            .unwrap();
        assert!(counts.all >= 6);
    }
}

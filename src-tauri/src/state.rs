//! The app's state: the open case book, or the reason it could not be opened.
//!
//! A data folder that cannot be created or written does not crash the app:
//! the window opens and shows the reason ([`ErrorCode::Unavailable`]).

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use casebook_core::{demo, CoreError, Now, Store};

use crate::error::CommandError;

/// Environment variable that points Casebook at another data folder.
pub const DATA_DIR_ENV: &str = "CASEBOOK_DATA_DIR";

pub struct Casebook {
    pub data_dir: PathBuf,
    store: Result<Mutex<Store>, CommandError>,
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
    /// Opens the case book in `data_dir`, loading the demo cases into a new one.
    pub fn open(data_dir: PathBuf, now: Now) -> Self {
        let store = Store::open_in_dir(&data_dir).and_then(|mut store| {
            demo::load_if_fresh(&mut store, now)?;
            casebook_core::templates::ensure_defaults(store.conn(), now)?;
            Ok(store)
        });
        match &store {
            Ok(_) => log::info!("case book opened"),
            Err(e) => log::error!(
                "the case book could not be opened: {}",
                crate::logging::failure(e)
            ),
        }
        Casebook {
            data_dir,
            store: store.map(Mutex::new).map_err(|e| match e {
                e @ CoreError::Unavailable(_) => e.into(),
                other => CoreError::Unavailable(format!(
                    "Casebook could not prepare its database: {}",
                    other.user_message()
                ))
                .into(),
            }),
        }
    }

    /// The store, or the reason it is unavailable. A panic in an earlier
    /// command does not lock the clinician out (the lock is recovered).
    pub fn store(&self) -> Result<MutexGuard<'_, Store>, CommandError> {
        match &self.store {
            Ok(m) => Ok(m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())),
            Err(e) => Err(e.clone()),
        }
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
        let err = book.store().err().unwrap();
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
        let store = book.store().unwrap();
        let counts =
            casebook_core::cases::inbox::status_counts(store.conn(), &Default::default()).unwrap();
        assert!(counts.all >= 6);
    }
}

//! The key file beside the database (`casebook.keys`): the data key wrapped
//! by the passphrase and by the recovery code, and the book's id (which
//! names its entry in the OS key store). It holds nothing that opens the
//! book without one of those secrets, so it travels with every backup.
//!
//! It is JSON, written to a temporary file that is synced and then renamed
//! over the old one, so a crash leaves the old file or the new one, whole.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::wrap::{self, KdfParams, Wrapped};
use super::{random, DataKey, Passphrase, RecoveryCode};
use crate::{msg, CoreError, Result};

/// File name of the key file inside the data folder.
pub const KEY_FILE: &str = "casebook.keys";

const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFile {
    pub version: u32,
    /// Random; names the book's entry in the OS key store.
    pub book_id: String,
    pub passphrase: Wrapped,
    pub recovery: Wrapped,
}

/// What unlocked the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlocker {
    Passphrase,
    RecoveryCode,
}

impl KeyFile {
    /// A key file for a new data key.
    pub fn create(
        key: &DataKey,
        passphrase: &Passphrase,
        recovery: &RecoveryCode,
        params: KdfParams,
    ) -> Result<KeyFile> {
        let mut id = [0u8; 16];
        random(&mut id)?;
        let book_id = super::to_hex(&id);
        Ok(KeyFile {
            version: VERSION,
            passphrase: seal(
                key,
                passphrase.as_bytes(),
                params,
                Unlocker::Passphrase,
                &book_id,
            )?,
            recovery: seal(
                key,
                recovery.as_bytes(),
                params,
                Unlocker::RecoveryCode,
                &book_id,
            )?,
            book_id,
        })
    }

    /// The data key, from what the clinician typed: the passphrase, or the
    /// recovery code (tried when the text has a recovery code's shape).
    /// Neither is `locked` with a message that says so.
    pub fn unlock(&self, typed: &str) -> Result<(DataKey, Unlocker)> {
        let passphrase = Passphrase::typed(typed);
        if let Some(key) = self.open(Unlocker::Passphrase, passphrase.as_bytes())? {
            return Ok((key, Unlocker::Passphrase));
        }
        if let Some(code) = RecoveryCode::parse(typed) {
            if let Some(key) = self.open(Unlocker::RecoveryCode, code.as_bytes())? {
                return Ok((key, Unlocker::RecoveryCode));
            }
        }
        Err(CoreError::Locked(msg!("keys.wrong_secret")))
    }

    /// Wraps `key` with a new passphrase (after the book was unlocked, for
    /// instance by the recovery code). The recovery copy stays as it was.
    pub fn change_passphrase(
        &mut self,
        key: &DataKey,
        passphrase: &Passphrase,
        params: KdfParams,
    ) -> Result<()> {
        self.passphrase = seal(
            key,
            passphrase.as_bytes(),
            params,
            Unlocker::Passphrase,
            &self.book_id,
        )?;
        Ok(())
    }

    /// The key in the copy that `slot` unlocks, if `secret` is its secret.
    fn open(&self, slot: Unlocker, secret: &[u8]) -> Result<Option<DataKey>> {
        let wrapped = match slot {
            Unlocker::Passphrase => &self.passphrase,
            Unlocker::RecoveryCode => &self.recovery,
        };
        wrap::unwrap(wrapped, secret, &binding(slot, &self.book_id))
    }

    /// Reads the key file in `dir`; `None` when there is none.
    pub fn load(dir: &Path) -> Result<Option<KeyFile>> {
        let path = dir.join(KEY_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(CoreError::Unavailable(msg!(
                    "keys.cannot_read_file",
                    path = path.display().to_string(),
                    reason = e.to_string()
                )))
            }
        };
        let file: KeyFile = serde_json::from_str(&text)
            .map_err(|_| CoreError::Unavailable(msg!("keys.file_damaged")))?;
        if file.version != VERSION {
            return Err(CoreError::Unavailable(msg!(
                "keys.file_too_new",
                version = file.version
            )));
        }
        Ok(Some(file))
    }

    /// Writes the key file into `dir`, replacing any there, atomically.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let path = dir.join(KEY_FILE);
        let temp = dir.join(format!("{KEY_FILE}.new"));
        let text = serde_json::to_string_pretty(self)
            .map_err(|_| CoreError::Internal(msg!("error.internal")))?;
        write_synced(&temp, text.as_bytes())?;
        fs::rename(&temp, &path)?;
        sync_dir(dir);
        Ok(())
    }
}

/// Wraps `key` with `secret` for `slot` of the book `book_id`.
fn seal(
    key: &DataKey,
    secret: &[u8],
    params: KdfParams,
    slot: Unlocker,
    book_id: &str,
) -> Result<Wrapped> {
    wrap::wrap(key, secret, params, &binding(slot, book_id))
}

/// What a wrapped copy is bound to: its slot and its book.
fn binding(slot: Unlocker, book_id: &str) -> String {
    let slot = match slot {
        Unlocker::Passphrase => "passphrase",
        Unlocker::RecoveryCode => "recovery",
    };
    format!("casebook data key v1 {slot} {book_id}")
}

/// Writes `bytes` to `path` and waits until they are on disk.
pub(crate) fn write_synced(path: &PathBuf, bytes: &[u8]) -> Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

/// Makes a rename in `dir` durable (best effort: not every platform can).
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_file() -> (KeyFile, DataKey, RecoveryCode) {
        let key = DataKey::generate().unwrap();
        let code = RecoveryCode::generate().unwrap();
        let passphrase = Passphrase::new("桃園 neurology 2026").unwrap();
        let file = KeyFile::create(&key, &passphrase, &code, KdfParams::FAST_FOR_TESTS).unwrap();
        (file, key, code)
    }

    #[test]
    fn the_passphrase_or_the_recovery_code_unlocks_and_nothing_else_does() {
        let (file, key, code) = new_file();
        let (by_passphrase, how) = file.unlock("桃園 neurology 2026").unwrap();
        assert_eq!(
            (by_passphrase.bytes(), how),
            (key.bytes(), Unlocker::Passphrase)
        );
        let typed = code.display().to_lowercase();
        let (by_code, how) = file.unlock(&typed).unwrap();
        assert_eq!(
            (by_code.bytes(), how),
            (key.bytes(), Unlocker::RecoveryCode)
        );
        let err = file.unlock("桃園 neurology 2025").unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::Locked);
        assert_eq!(err.message().key, "keys.wrong_secret");
    }

    #[test]
    fn a_new_passphrase_replaces_the_old_and_the_recovery_code_still_works() {
        let (mut file, key, code) = new_file();
        let new = Passphrase::new("a brand new passphrase").unwrap();
        file.change_passphrase(&key, &new, KdfParams::FAST_FOR_TESTS)
            .unwrap();
        assert!(file.unlock("桃園 neurology 2026").is_err());
        assert_eq!(
            file.unlock("a brand new passphrase").unwrap().0.bytes(),
            key.bytes()
        );
        assert!(file.unlock(&code.display()).is_ok());
    }

    #[test]
    fn the_file_round_trips_and_a_damaged_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(KeyFile::load(dir.path()).unwrap(), None);
        let (file, key, _) = new_file();
        file.save(dir.path()).unwrap();
        let text = fs::read_to_string(dir.path().join(KEY_FILE)).unwrap();
        assert!(!text.contains(&super::super::to_hex(key.bytes())));
        let back = KeyFile::load(dir.path()).unwrap().unwrap();
        assert_eq!(back, file);
        assert!(!dir.path().join(format!("{KEY_FILE}.new")).exists());

        fs::write(dir.path().join(KEY_FILE), "{ not json").unwrap();
        let err = KeyFile::load(dir.path()).unwrap_err();
        assert_eq!(err.message().key, "keys.file_damaged");
        let newer = text.replace("\"version\": 1", "\"version\": 9");
        fs::write(dir.path().join(KEY_FILE), newer).unwrap();
        let err = KeyFile::load(dir.path()).unwrap_err();
        assert_eq!(err.message().key, "keys.file_too_new");
    }
}

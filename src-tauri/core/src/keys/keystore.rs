//! The OS key store, which keeps the data key for the daily start: Windows
//! Credential Manager, the macOS Keychain, or the Secret Service on Linux
//! (GNOME Keyring, KWallet), through the `keyring` crate.
//!
//! The key store is a convenience, never the only copy: the key file's
//! passphrase and recovery copies unlock the book wherever the key store is
//! missing (headless Linux), locked, or has lost the entry. So a key store
//! that fails is reported (its error, which holds no secret) and the caller
//! asks for the passphrase instead.

use std::collections::HashMap;
use std::sync::Mutex;

use zeroize::Zeroizing;

use super::DataKey;

/// The service name Casebook's entries are filed under.
const SERVICE: &str = "tw.casebook.app";

/// Why the key store could not be used (safe to log: no secret in it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyStoreError(pub String);

/// Where the data key is kept between starts.
pub trait KeyStore: Send + Sync {
    /// The book's key, `None` when the store has no entry for it.
    fn get(&self, book_id: &str) -> Result<Option<DataKey>, KeyStoreError>;
    fn put(&self, book_id: &str, key: &DataKey) -> Result<(), KeyStoreError>;
    /// Forgets the book's key (no error when there was none).
    fn remove(&self, book_id: &str) -> Result<(), KeyStoreError>;
    /// Which key store this is, as a clinician knows it (recorded beside
    /// the book when it keeps the key, so a change can be named).
    fn name(&self) -> String;
}

/// The operating system's key store.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsKeyStore;

fn entry(book_id: &str) -> Result<keyring::Entry, KeyStoreError> {
    keyring::Entry::new(SERVICE, &format!("case book {book_id}")).map_err(failed)
}

fn failed(e: keyring::Error) -> KeyStoreError {
    KeyStoreError(e.to_string())
}

impl KeyStore for OsKeyStore {
    fn name(&self) -> String {
        if cfg!(target_os = "windows") {
            "Windows Credential Manager".into()
        } else if cfg!(target_os = "macos") {
            "macOS Keychain".into()
        } else {
            "Secret Service (GNOME Keyring, KWallet)".into()
        }
    }

    fn get(&self, book_id: &str) -> Result<Option<DataKey>, KeyStoreError> {
        match entry(book_id)?.get_secret() {
            Ok(bytes) => {
                let bytes = Zeroizing::new(bytes);
                DataKey::from_bytes(&bytes)
                    .map(Some)
                    .ok_or_else(|| KeyStoreError("the stored key has the wrong length".into()))
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(failed(e)),
        }
    }

    fn put(&self, book_id: &str, key: &DataKey) -> Result<(), KeyStoreError> {
        entry(book_id)?.set_secret(&key.bytes()[..]).map_err(failed)
    }

    fn remove(&self, book_id: &str) -> Result<(), KeyStoreError> {
        match entry(book_id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(failed(e)),
        }
    }
}

/// A key store in memory: for tests, and where the clinician chose not to
/// keep the key in the OS store (every start then asks for the passphrase).
#[derive(Default)]
pub struct MemoryKeyStore {
    keys: Mutex<HashMap<String, DataKey>>,
    /// When set, every call fails with this (a locked or missing store).
    failing: Option<String>,
}

impl MemoryKeyStore {
    /// A store that fails every call, as a missing Secret Service does.
    pub fn unavailable(reason: &str) -> MemoryKeyStore {
        MemoryKeyStore {
            keys: Mutex::default(),
            failing: Some(reason.to_string()),
        }
    }

    fn check(&self) -> Result<(), KeyStoreError> {
        match &self.failing {
            Some(reason) => Err(KeyStoreError(reason.clone())),
            None => Ok(()),
        }
    }

    fn keys(&self) -> std::sync::MutexGuard<'_, HashMap<String, DataKey>> {
        self.keys
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl KeyStore for MemoryKeyStore {
    fn name(&self) -> String {
        match &self.failing {
            Some(_) => "no key store".into(),
            None => "memory".into(),
        }
    }

    fn get(&self, book_id: &str) -> Result<Option<DataKey>, KeyStoreError> {
        self.check()?;
        Ok(self.keys().get(book_id).map(DataKey::duplicate))
    }

    fn put(&self, book_id: &str, key: &DataKey) -> Result<(), KeyStoreError> {
        self.check()?;
        self.keys().insert(book_id.to_string(), key.duplicate());
        Ok(())
    }

    fn remove(&self, book_id: &str) -> Result<(), KeyStoreError> {
        self.check()?;
        self.keys().remove(book_id);
        Ok(())
    }
}

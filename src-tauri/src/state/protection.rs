//! Setting the case book up, unlocking and locking it, and what only an
//! open book allows with its key file (a new passphrase, the recovery
//! sheet): the transitions between [`AccessState`]s. The rules are in
//! `casebook_core::access`; this moves the app's state along with them.
//!
//! [`AccessState`]: super::AccessState

use std::sync::Arc;

use casebook_core::access::{self, LockReason};
use casebook_core::keys::{KdfParams, KeyStore, MemoryKeyStore, OsKeyStore, Passphrase};
use casebook_core::{msg, CoreError, Now};
use serde::Serialize;
use ts_rs::TS;

use super::{not_open, Access, Casebook, E2E_KEY_STORE_ENV, E2E_PASSPHRASE_ENV};
use crate::error::CommandResult;

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

impl Casebook {
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
            Access::Restoring => return Err(super::backups::restoring()),
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
        *self
            .lock_notice
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
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
}

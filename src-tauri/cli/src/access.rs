//! How the CLI opens the case book, on the app's terms: with the key the OS
//! key store keeps for it, else with the passphrase read from the file that
//! `--passphrase-file` (or `CASEBOOK_PASSPHRASE_FILE`) names. It never
//! prompts, so a script without a passphrase fails at once with a message
//! that says what to give. A data folder with no case book is created
//! encrypted with that passphrase (empty: no demo cases), and its recovery
//! code is printed once on standard error; a folder from before encryption
//! is encrypted in place.

use std::path::{Path, PathBuf};

use casebook_core::access::{self, Start};
use casebook_core::keys::{KdfParams, KeyFile, KeyStore, MemoryKeyStore, OsKeyStore, Passphrase};
use casebook_core::store::Welcome;
use casebook_core::{msg, Book, Message, Now};
use zeroize::Zeroizing;

use crate::language::{fail, say};
use crate::output::errln;

/// How the CLI was told to unlock.
pub struct Unlocking {
    pub passphrase_file: Option<PathBuf>,
    /// Leave the OS key store alone (neither read nor written).
    pub no_key_store: bool,
}

/// The open book and its key file.
pub struct Open {
    pub book: Book,
    pub key_file: KeyFile,
}

/// The key store to use: the OS's, unless `--no-key-store`.
pub fn key_store(how: &Unlocking) -> Box<dyn KeyStore> {
    if how.no_key_store {
        Box::new(MemoryKeyStore::unavailable("--no-key-store"))
    } else {
        Box::new(OsKeyStore)
    }
}

/// The passphrase from `--passphrase-file`; without one, `missing` says
/// what to give.
pub fn passphrase_for(how: &Unlocking, missing: Message) -> Result<Zeroizing<String>, String> {
    match &how.passphrase_file {
        Some(file) => read_passphrase(file),
        None => Err(say(missing)),
    }
}

/// True when `data_dir` holds no case book yet (or does not exist).
pub fn is_new(data_dir: &Path) -> bool {
    matches!(access::inspect(data_dir), Ok(access::Found::New))
}

/// Opens the book in `data_dir` for this one process.
pub fn open(data_dir: &Path, how: &Unlocking, now: Now) -> Result<Open, String> {
    let key_store = key_store(how);
    let passphrase = |missing: Message| passphrase_for(how, missing);
    match access::start(data_dir, key_store.as_ref(), now).map_err(fail)? {
        Start::Open(opened) => Ok(Open {
            book: opened.book,
            key_file: opened.key_file,
        }),
        Start::Locked { key_file, notice } => {
            let typed = passphrase(msg!("cli.needs_passphrase")).inspect_err(|_| {
                // Why the key store did not open it, when it used to
                // (not when told to leave the key store alone).
                if let (Some(notice), false) = (notice, how.no_key_store) {
                    errln!("{}", say(notice));
                }
            })?;
            let (opened, _) = access::unlock(data_dir, *key_file, &typed, key_store.as_ref(), now)
                .map_err(fail)?;
            Ok(Open {
                book: opened.book,
                key_file: opened.key_file,
            })
        }
        Start::Unprotected { .. } => {
            let typed = passphrase(msg!("cli.needs_passphrase_to_set_up"))?;
            let passphrase = Passphrase::new(&typed).map_err(fail)?;
            let protected = access::protect(
                data_dir,
                &passphrase,
                KdfParams::DEFAULT,
                key_store.as_ref(),
                Welcome::Empty,
                now,
            )
            .map_err(fail)?;
            errln!(
                "{}",
                say(msg!(
                    "cli.recovery_code",
                    code = protected.recovery_code.display().as_str()
                ))
            );
            Ok(Open {
                book: protected.opened.book,
                key_file: protected.opened.key_file,
            })
        }
    }
}

/// `passphrase change`: the passphrase file proves who asks (the key store
/// alone does not), and `new_file` holds the new passphrase.
pub fn change_passphrase(
    data_dir: &Path,
    open: Open,
    how: &Unlocking,
    new_file: &Path,
    now: Now,
) -> Result<String, String> {
    let Some(current_file) = &how.passphrase_file else {
        return Err(say(msg!("cli.change_needs_current")));
    };
    let current = read_passphrase(current_file)?;
    let new = Passphrase::new(&read_passphrase(new_file)?).map_err(fail)?;
    let Open {
        book, mut key_file, ..
    } = open;
    access::change_passphrase(
        data_dir,
        &book,
        &mut key_file,
        &current,
        &new,
        KdfParams::DEFAULT,
        now,
    )
    .map_err(fail)?;
    Ok(say(msg!("cli.passphrase_changed")))
}

/// The passphrase in `file`: its first line, without the line break.
fn read_passphrase(file: &Path) -> Result<Zeroizing<String>, String> {
    let text = Zeroizing::new(std::fs::read_to_string(file).map_err(|e| {
        say(msg!(
            "cli.cannot_read_passphrase",
            path = file.display().to_string(),
            reason = e.to_string()
        ))
    })?);
    let line = text.lines().next().unwrap_or_default();
    Ok(Zeroizing::new(line.to_string()))
}

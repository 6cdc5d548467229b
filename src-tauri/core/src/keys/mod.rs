//! The case book's data key, and the secrets that unlock it.
//!
//! The database is encrypted (SQLCipher, see [`crate::store`]) with one
//! random 256-bit **data key**. The key itself is never written down:
//!
//! - the OS key store keeps it for the daily start ([`keystore`]: Windows
//!   Credential Manager, macOS Keychain, the Secret Service on Linux);
//! - the key file beside the database ([`file`]) keeps it **wrapped** twice,
//!   by the clinician's passphrase and by the recovery code printed once at
//!   set-up ([`wrap`]: Argon2id, then XChaCha20-Poly1305), so either unlocks
//!   the book where the key store is empty, locked or missing.
//!
//! Key material lives in buffers that are wiped when dropped
//! ([`zeroize::Zeroizing`]), and nothing here formats a key or a secret into
//! a message or a log line.

pub mod file;
pub mod keystore;
pub mod wrap;

use std::fmt;

use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::{msg, CoreError, Result};

pub use file::{KeyFile, KEY_FILE};
pub use keystore::{KeyStore, MemoryKeyStore, OsKeyStore};
pub use wrap::KdfParams;

/// Length of the data key in bytes (SQLCipher's raw AES-256 key).
pub const KEY_LEN: usize = 32;

/// The random key the database is encrypted with.
pub struct DataKey(Zeroizing<[u8; KEY_LEN]>);

impl DataKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> Result<DataKey> {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        random(&mut bytes[..])?;
        Ok(DataKey(bytes))
    }

    /// The key from its raw bytes (as the key store returns them); `None`
    /// unless there are exactly [`KEY_LEN`] of them.
    pub fn from_bytes(bytes: &[u8]) -> Option<DataKey> {
        let array: [u8; KEY_LEN] = bytes.try_into().ok()?;
        Some(DataKey(Zeroizing::new(array)))
    }

    pub fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// The key as SQLCipher takes a raw key: the text `x'<64 hex digits>'`
    /// (any other text would be run through SQLCipher's own slow KDF).
    pub(crate) fn sqlcipher_text(&self) -> Zeroizing<Vec<u8>> {
        let mut text = Zeroizing::new(Vec::with_capacity(2 * KEY_LEN + 3));
        text.extend_from_slice(b"x'");
        for byte in self.0.iter() {
            text.push(HEX[usize::from(byte >> 4)]);
            text.push(HEX[usize::from(byte & 0x0f)]);
        }
        text.push(b'\'');
        text
    }

    /// A copy, for the readers of an open book.
    pub(crate) fn duplicate(&self) -> DataKey {
        DataKey(Zeroizing::new(*self.0))
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(..)")
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

pub(crate) fn to_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}

pub(crate) fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    text.as_bytes()
        .chunks(2)
        .map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

/// Fills `buf` from the operating system's random source.
pub(crate) fn random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf)
        .map_err(|e| CoreError::Internal(msg!("keys.no_randomness", reason = e.to_string())))
}

/// The shortest passphrase Casebook accepts, in characters (a Chinese
/// passphrase counts each character once).
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// A passphrase the clinician chose, normalized (Unicode NFC, so the same
/// words typed through a different input method unlock the same book).
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Checks a new passphrase: at least [`MIN_PASSPHRASE_CHARS`] characters
    /// that are not all spaces.
    pub fn new(typed: &str) -> Result<Passphrase> {
        let normalized = Self::normalize(typed);
        if normalized.0.trim().chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(CoreError::invalid(
                "passphrase",
                msg!("keys.passphrase_too_short", min = MIN_PASSPHRASE_CHARS),
            ));
        }
        Ok(normalized)
    }

    /// A passphrase as typed to unlock (no rules: it only has to match).
    pub fn typed(typed: &str) -> Passphrase {
        Self::normalize(typed)
    }

    fn normalize(typed: &str) -> Passphrase {
        Passphrase(Zeroizing::new(typed.nfc().collect()))
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// Symbols of a recovery code: Crockford's base 32 (no I, L, O or U, so it
/// reads back without confusion), 5 bits each.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// A recovery code has 24 symbols (120 bits), shown in groups of four.
const CODE_SYMBOLS: usize = 24;
const CODE_GROUP: usize = 4;

/// The code printed on the recovery sheet: it unlocks the book when the
/// passphrase is forgotten.
pub struct RecoveryCode(Zeroizing<String>);

impl RecoveryCode {
    /// A new random code.
    pub fn generate() -> Result<RecoveryCode> {
        let mut bytes = Zeroizing::new([0u8; CODE_SYMBOLS]);
        random(&mut bytes[..])?;
        let code = bytes
            .iter()
            .map(|b| char::from(CODE_ALPHABET[usize::from(b & 0x1f)]))
            .collect::<String>();
        Ok(RecoveryCode(Zeroizing::new(code)))
    }

    /// Reads a code as typed: case, spaces and dashes do not matter, and the
    /// letters people confuse with digits (O, I, L) count as those digits.
    /// `None` when it is not a recovery code's shape.
    pub fn parse(typed: &str) -> Option<RecoveryCode> {
        let mut code = Zeroizing::new(String::with_capacity(CODE_SYMBOLS));
        for c in typed.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\u{3000}' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || !CODE_ALPHABET.contains(&(c as u8)) {
                return None;
            }
            code.push(c);
        }
        (code.len() == CODE_SYMBOLS).then(|| RecoveryCode(code))
    }

    /// The code as printed: six groups of four, `7KQ2-…`.
    pub fn display(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::with_capacity(
            CODE_SYMBOLS + CODE_SYMBOLS / CODE_GROUP,
        ));
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % CODE_GROUP == 0 {
                out.push('-');
            }
            out.push(c);
        }
        out
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode(..)")
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

#[cfg(test)]
mod tests;

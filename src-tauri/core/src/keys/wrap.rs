//! Wrapping the data key with a secret the clinician holds (the passphrase
//! or the recovery code):
//!
//! ```text
//! secret ──Argon2id(salt, cost)──▶ wrapping key ──XChaCha20-Poly1305(nonce)──▶ sealed data key
//! ```
//!
//! The salt and nonce are random per wrap. What each copy is for (and which
//! book it belongs to) is bound in as associated data, so a copy cannot be
//! moved to another slot or another book's key file. A wrong secret fails the
//! cipher's tag check: the caller learns only that it does not unlock.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{random, DataKey, KEY_LEN};
use crate::{msg, CoreError, Result};

/// The name of the only key derivation the key file knows.
const KDF: &str = "argon2id-v19";
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;

/// Argon2id's cost: memory in KiB, passes, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl KdfParams {
    /// What a new key file uses: 256 MiB and 3 passes on one lane, about a
    /// second on one core of the development machine (`cargo bench -p
    /// casebook-core --bench keys` prints it), so guessing passphrases from
    /// a stolen key file costs an attacker a second and 256 MiB each.
    pub const DEFAULT: KdfParams = KdfParams {
        memory_kib: 256 * 1024,
        iterations: 3,
        parallelism: 1,
    };

    /// Cheap and weak: for tests only.
    pub const FAST_FOR_TESTS: KdfParams = KdfParams {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };

    /// The most a key file may ask for: a damaged or hostile file must not
    /// make unlocking take minutes or all the memory there is.
    const MAX: KdfParams = KdfParams {
        memory_kib: 4 * 1024 * 1024,
        iterations: 64,
        parallelism: 16,
    };

    fn within_limits(self) -> bool {
        self.memory_kib <= Self::MAX.memory_kib
            && self.iterations <= Self::MAX.iterations
            && self.parallelism <= Self::MAX.parallelism
    }
}

/// One wrapped copy of the data key, as the key file stores it (hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wrapped {
    pub kdf: String,
    #[serde(flatten)]
    pub params: KdfParams,
    pub salt: String,
    pub nonce: String,
    pub sealed: String,
}

/// Wraps `key` with `secret`; `binding` names the copy and its book.
pub fn wrap(key: &DataKey, secret: &[u8], params: KdfParams, binding: &str) -> Result<Wrapped> {
    let mut salt = [0u8; SALT_LEN];
    random(&mut salt)?;
    let mut nonce = [0u8; NONCE_LEN];
    random(&mut nonce)?;
    let wrapping = derive(secret, &salt, params)?;
    let cipher = XChaCha20Poly1305::new_from_slice(&wrapping[..]).map_err(|_| fault())?;
    let sealed = cipher
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: &key.bytes()[..],
                aad: binding.as_bytes(),
            },
        )
        .map_err(|_| fault())?;
    Ok(Wrapped {
        kdf: KDF.to_string(),
        params,
        salt: super::to_hex(&salt),
        nonce: super::to_hex(&nonce),
        sealed: super::to_hex(&sealed),
    })
}

/// The data key `wrapped` holds, if `secret` is the one it was wrapped
/// with (`Ok(None)` when it is not); a copy Casebook cannot read is an
/// error that says the key file is damaged.
pub fn unwrap(wrapped: &Wrapped, secret: &[u8], binding: &str) -> Result<Option<DataKey>> {
    let damaged = || CoreError::Unavailable(msg!("keys.file_damaged"));
    if wrapped.kdf != KDF || !wrapped.params.within_limits() {
        return Err(damaged());
    }
    let salt = super::from_hex(&wrapped.salt).filter(|s| s.len() == SALT_LEN);
    let nonce = super::from_hex(&wrapped.nonce)
        .and_then(|n| <[u8; NONCE_LEN]>::try_from(n.as_slice()).ok());
    let sealed = super::from_hex(&wrapped.sealed);
    let (Some(salt), Some(nonce), Some(sealed)) = (salt, nonce, sealed) else {
        return Err(damaged());
    };
    let wrapping = derive(secret, &salt, wrapped.params).map_err(|_| damaged())?;
    let cipher = XChaCha20Poly1305::new_from_slice(&wrapping[..]).map_err(|_| fault())?;
    let opened = cipher.decrypt(
        &XNonce::from(nonce),
        Payload {
            msg: &sealed,
            aad: binding.as_bytes(),
        },
    );
    match opened {
        Ok(bytes) => {
            let bytes = Zeroizing::new(bytes);
            DataKey::from_bytes(&bytes).map(Some).ok_or_else(damaged)
        }
        Err(_) => Ok(None),
    }
}

fn derive(secret: &[u8], salt: &[u8], params: KdfParams) -> Result<Zeroizing<[u8; KEY_LEN]>> {
    let cost = Params::new(
        params.memory_kib,
        params.iterations,
        params.parallelism,
        Some(KEY_LEN),
    )
    .map_err(|_| CoreError::Unavailable(msg!("keys.file_damaged")))?;
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, cost)
        .hash_password_into(secret, salt, &mut out[..])
        .map_err(|_| fault())?;
    Ok(out)
}

fn fault() -> CoreError {
    CoreError::Internal(msg!("keys.cipher_failed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = "casebook data key v1 passphrase book-1";

    #[test]
    fn the_right_secret_unwraps_the_key_and_a_wrong_one_does_not() {
        let key = DataKey::generate().unwrap();
        let wrapped = wrap(&key, b"correct horse", KdfParams::FAST_FOR_TESTS, BOOK).unwrap();
        let back = unwrap(&wrapped, b"correct horse", BOOK).unwrap().unwrap();
        assert_eq!(back.bytes(), key.bytes());
        assert!(unwrap(&wrapped, b"correct horsE", BOOK).unwrap().is_none());
        // A copy moved to another slot or book does not open either.
        assert!(unwrap(
            &wrapped,
            b"correct horse",
            "casebook data key v1 recovery book-1"
        )
        .unwrap()
        .is_none());
        // Two wraps of one key share neither salt, nonce nor bytes.
        let again = wrap(&key, b"correct horse", KdfParams::FAST_FOR_TESTS, BOOK).unwrap();
        assert_ne!(again.salt, wrapped.salt);
        assert_ne!(again.sealed, wrapped.sealed);
        assert!(!wrapped.sealed.contains(&super::super::to_hex(key.bytes())));
    }

    #[test]
    fn a_damaged_or_greedy_copy_is_a_clear_error_not_a_wrong_secret() {
        let key = DataKey::generate().unwrap();
        let good = wrap(&key, b"secret words", KdfParams::FAST_FOR_TESTS, BOOK).unwrap();
        let cases = [
            Wrapped {
                salt: "zz".into(),
                ..good.clone()
            },
            Wrapped {
                nonce: good.nonce[..10].into(),
                ..good.clone()
            },
            Wrapped {
                kdf: "scrypt".into(),
                ..good.clone()
            },
            Wrapped {
                params: KdfParams {
                    memory_kib: u32::MAX,
                    ..good.params
                },
                ..good.clone()
            },
        ];
        for bad in cases {
            let err = unwrap(&bad, b"secret words", BOOK).unwrap_err();
            assert_eq!(err.message().key, "keys.file_damaged", "{bad:?}");
        }
    }
}

use super::*;

#[test]
fn a_data_key_is_random_and_becomes_sqlcipher_raw_key_text() {
    let a = DataKey::generate().unwrap();
    let b = DataKey::generate().unwrap();
    assert_ne!(a.bytes(), b.bytes());
    let text = a.sqlcipher_text();
    assert_eq!(text.len(), 67);
    assert!(text.starts_with(b"x'") && text.ends_with(b"'"));
    let key = DataKey::from_bytes(&[0xab; KEY_LEN]).unwrap();
    assert_eq!(
        std::str::from_utf8(&key.sqlcipher_text()).unwrap(),
        format!("x'{}'", "ab".repeat(KEY_LEN))
    );
    assert!(DataKey::from_bytes(&[1; 31]).is_none());
    // Neither a key nor a code shows itself in a debug print.
    assert_eq!(format!("{key:?}"), "DataKey(..)");
}

#[test]
fn a_new_passphrase_needs_eight_characters_and_chinese_ones_count_as_one_each() {
    let err = Passphrase::new("short").unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::Invalid);
    assert_eq!(err.message().key, "keys.passphrase_too_short");
    assert!(Passphrase::new("        ").is_err());
    assert!(Passphrase::new("桃園醫院神經內科").is_ok());
    assert!(Passphrase::new("桃園醫院神經內").is_err());
    // The same words in two Unicode forms are one passphrase.
    let composed = Passphrase::typed("caf\u{e9} latte");
    let decomposed = Passphrase::typed("cafe\u{301} latte");
    assert_eq!(composed.as_bytes(), decomposed.as_bytes());
}

#[test]
fn a_recovery_code_reads_back_however_it_is_typed() {
    let code = RecoveryCode::generate().unwrap();
    let shown = code.display();
    assert_eq!(shown.len(), 24 + 5);
    assert_eq!(shown.split('-').count(), 6);
    let lower = shown.to_lowercase().replace('-', " ");
    let back = RecoveryCode::parse(&lower).unwrap();
    assert_eq!(back.as_bytes(), code.as_bytes());
    // O, I and L are read as 0, 1 and 1.
    let typed = RecoveryCode::parse("OIL2-3456-789A-BCDE-FGHJ-KMNP").unwrap();
    assert_eq!(
        typed.as_bytes(),
        b"0112"
            .iter()
            .chain(b"3456789ABCDEFGHJKMNP")
            .copied()
            .collect::<Vec<_>>()
    );
    assert!(RecoveryCode::parse("too short").is_none());
    assert!(RecoveryCode::parse("UUUU-3456-789A-BCDE-FGHJ-KMNP").is_none());
}

use super::*;
use crate::keys::MemoryKeyStore;
use crate::testing::after_the_demo as now;

const PASSPHRASE: &str = "我的病例簿 passphrase";
const FIXTURE: &str = "tests/fixtures/release-0.1.0.sqlite3";

fn protect_new(dir: &Path, keys: &dyn KeyStore) -> Protected {
    protect(
        dir,
        &Passphrase::new(PASSPHRASE).unwrap(),
        KdfParams::FAST_FOR_TESTS,
        keys,
        Welcome::DemoCases,
        now(),
    )
    .unwrap()
}

fn case_count(book: &Book) -> i64 {
    book.read(|c| Ok(c.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn a_new_folder_gets_an_encrypted_book_that_the_key_store_or_a_secret_opens() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(matches!(inspect(&data).unwrap(), Found::New));
    let keys = MemoryKeyStore::default();
    let protected = protect_new(&data, &keys);
    assert!(!protected.was_plaintext);
    assert!(protected.opened.key_store.is_ok());
    assert!(protected.opened.book.is_encrypted());
    let demo_cases = case_count(&protected.opened.book);
    assert!(demo_cases >= 1);
    let code = protected.recovery_code.display();
    drop(protected);

    let Found::Encrypted(key_file) = inspect(&data).unwrap() else {
        panic!("not encrypted");
    };
    let key_file = *key_file;
    let book = unlock_from_key_store(&data, &key_file, &keys, now())
        .unwrap()
        .expect("the key store has the key");
    assert_eq!(case_count(&book), demo_cases);
    drop(book);

    // Another machine's (empty) key store: the passphrase or the code.
    let empty = MemoryKeyStore::default();
    assert!(unlock_from_key_store(&data, &key_file, &empty, now())
        .unwrap()
        .is_none());
    let err = unlock(&data, key_file.clone(), "not it at all", &empty, now())
        .err()
        .unwrap();
    assert_eq!(err.code(), crate::ErrorCode::Locked);
    let (opened, how) = unlock(&data, key_file.clone(), PASSPHRASE, &empty, now()).unwrap();
    assert_eq!(how, Unlocker::Passphrase);
    assert_eq!(case_count(&opened.book), demo_cases);
    drop(opened);
    // ...and unlocking put the key back into that store.
    assert!(unlock_from_key_store(&data, &key_file, &empty, now())
        .unwrap()
        .is_some());
    let (_, how) = unlock(&data, key_file, &code, &MemoryKeyStore::default(), now()).unwrap();
    assert_eq!(how, Unlocker::RecoveryCode);
}

#[test]
fn a_plaintext_book_from_the_last_release_is_protected_in_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE),
        dir.path().join(DATABASE_FILE),
    )
    .unwrap();
    assert!(matches!(inspect(dir.path()).unwrap(), Found::Plaintext));
    let protected = protect_new(dir.path(), &MemoryKeyStore::default());
    assert!(protected.was_plaintext);
    assert_eq!(case_count(&protected.opened.book), 7);
    drop(protected);
    assert!(matches!(inspect(dir.path()).unwrap(), Found::Encrypted(_)));
}

#[test]
fn an_encrypted_book_without_its_key_file_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    drop(protect_new(dir.path(), &MemoryKeyStore::default()));
    std::fs::remove_file(dir.path().join(KEY_FILE)).unwrap();
    let before = std::fs::read(dir.path().join(DATABASE_FILE)).unwrap();
    let err = inspect(dir.path()).unwrap_err();
    assert_eq!(err.message().key, "keys.file_missing");
    let err = protect(
        dir.path(),
        &Passphrase::new(PASSPHRASE).unwrap(),
        KdfParams::FAST_FOR_TESTS,
        &MemoryKeyStore::default(),
        Welcome::DemoCases,
        now(),
    )
    .err()
    .unwrap();
    assert_eq!(err.message().key, "keys.already_protected");
    assert_eq!(
        std::fs::read(dir.path().join(DATABASE_FILE)).unwrap(),
        before
    );
    assert!(!dir.path().join(KEY_FILE).exists());
}

#[test]
fn without_a_key_store_the_passphrase_still_opens_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let none = MemoryKeyStore::unavailable("no Secret Service on this session bus");
    let protected = protect_new(dir.path(), &none);
    assert_eq!(
        protected.opened.key_store,
        Err(KeyStoreError(
            "no Secret Service on this session bus".into()
        ))
    );
    let key_file = protected.opened.key_file.clone();
    drop(protected);
    assert!(unlock_from_key_store(dir.path(), &key_file, &none, now())
        .unwrap()
        .is_none());
    let (opened, _) = unlock(dir.path(), key_file, PASSPHRASE, &none, now()).unwrap();
    assert!(opened.key_store.is_err());
    assert!(case_count(&opened.book) >= 1);
}

#[test]
fn a_key_store_entry_that_does_not_fit_is_ignored_and_a_stray_key_file_kept() {
    let dir = tempfile::tempdir().unwrap();
    // A key file left by an interrupted set-up, with no book beside it.
    std::fs::write(dir.path().join(KEY_FILE), b"{}").unwrap();
    let keys = MemoryKeyStore::default();
    let protected = protect_new(dir.path(), &keys);
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("casebook.keys.set-aside-")
        });
    assert!(kept);
    let key_file = protected.opened.key_file.clone();
    drop(protected);
    keys.put(&key_file.book_id, &DataKey::generate().unwrap())
        .unwrap();
    assert!(unlock_from_key_store(dir.path(), &key_file, &keys, now())
        .unwrap()
        .is_none());
}

fn kinds(book: &Book) -> Vec<(events::AccessKind, String)> {
    book.read(|c| events::recent(c, 50))
        .unwrap()
        .into_iter()
        .map(|e| (e.kind, e.detail))
        .collect()
}

#[test]
fn start_says_what_the_folder_needs_and_opens_with_the_key_store() {
    use events::AccessKind::*;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let keys = MemoryKeyStore::default();
    assert!(matches!(
        start(&data, &keys, now()).unwrap(),
        Start::Unprotected { plaintext: false }
    ));
    drop(protect_new(&data, &keys));

    let Start::Open(opened) = start(&data, &keys, now()).unwrap() else {
        panic!("the key store has the key");
    };
    assert_eq!(
        kinds(&opened.book),
        [
            (Unlocked, "key_store".to_string()),
            (Protected, "new".to_string())
        ]
    );
    record_lock(&opened.book, LockReason::Inactivity, now()).unwrap();
    assert_eq!(kinds(&opened.book)[0], (Locked, "inactivity".to_string()));
    drop(opened);

    // No key in this key store (another account, a wiped keyring): locked,
    // never a new book.
    let Start::Locked { key_file, notice } =
        start(&data, &MemoryKeyStore::default(), now()).unwrap()
    else {
        panic!("locked");
    };
    assert_eq!(notice.unwrap().key, "keys.store_no_entry");
    let (opened, _) = unlock(&data, *key_file, PASSPHRASE, &keys, now()).unwrap();
    assert_eq!(kinds(&opened.book)[0], (Unlocked, "passphrase".to_string()));
    // The trail is never edited.
    let err = opened
        .book
        .write(|s| {
            Ok(s.conn()
                .execute("UPDATE access_events SET detail = 'x'", [])?)
        })
        .unwrap_err();
    assert!(err.to_string().contains("never edited"), "{err}");
}

#[test]
fn a_plaintext_book_is_reported_as_such_by_start() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(FIXTURE, dir.path().join(DATABASE_FILE)).unwrap();
    assert!(matches!(
        start(dir.path(), &MemoryKeyStore::default(), now()).unwrap(),
        Start::Unprotected { plaintext: true }
    ));
}

#[test]
fn the_passphrase_changes_only_with_the_current_one_and_the_code_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let keys = MemoryKeyStore::default();
    let protected = protect_new(&data, &keys);
    let code = protected.recovery_code.display().to_string();
    let Opened {
        book, mut key_file, ..
    } = protected.opened;
    let new = Passphrase::new("新的密碼片語 again").unwrap();

    let err = change_passphrase(
        &data,
        &book,
        &mut key_file,
        "a wrong guess",
        &new,
        KdfParams::FAST_FOR_TESTS,
        now(),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("current"));
    assert_eq!(err.message().key, "keys.wrong_current");
    assert_eq!(KeyFile::load(&data).unwrap().as_ref(), Some(&key_file));

    change_passphrase(
        &data,
        &book,
        &mut key_file,
        PASSPHRASE,
        &new,
        KdfParams::FAST_FOR_TESTS,
        now(),
    )
    .unwrap();
    assert_eq!(
        kinds(&book)[0],
        (events::AccessKind::PassphraseChanged, String::new())
    );
    drop(book);
    let saved = KeyFile::load(&data).unwrap().unwrap();
    assert_eq!(saved, key_file);
    assert!(
        saved.unlock(PASSPHRASE).is_err(),
        "the old passphrase no longer opens it"
    );
    assert_eq!(
        saved.unlock("新的密碼片語 again").unwrap().1,
        Unlocker::Passphrase
    );
    assert_eq!(saved.unlock(&code).unwrap().1, Unlocker::RecoveryCode);
}

#[test]
fn a_key_store_that_changed_is_unreachable_or_holds_another_key_is_named_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let keys = MemoryKeyStore::default();
    let protected = protect(
        &data,
        &Passphrase::new(PASSPHRASE).unwrap(),
        KdfParams::FAST_FOR_TESTS,
        &keys,
        Welcome::Empty,
        now(),
    )
    .unwrap();
    drop(protected);
    let recorded = std::fs::read_to_string(data.join(KEY_STORE_FILE)).unwrap();
    assert_eq!(recorded, keys.name());
    let before = std::fs::read(data.join(DATABASE_FILE)).unwrap();
    let notice = |store: &MemoryKeyStore| match start(&data, store, now()).unwrap() {
        Start::Locked { notice, .. } => notice.map(|m| m.key),
        _ => panic!("the book must stay locked"),
    };

    // Another key store than the one that kept the key.
    let other = MemoryKeyStore::unavailable("no Secret Service in this session");
    assert_eq!(notice(&other).as_deref(), Some("keys.store_changed"));
    // The same one, unreachable now.
    std::fs::write(data.join(KEY_STORE_FILE), other.name()).unwrap();
    assert_eq!(notice(&other).as_deref(), Some("keys.store_unreachable"));
    // The same one, holding a key that does not fit.
    std::fs::write(data.join(KEY_STORE_FILE), keys.name()).unwrap();
    let wrong = MemoryKeyStore::default();
    let book_id = match inspect(&data).unwrap() {
        Found::Encrypted(file) => file.book_id,
        _ => panic!("encrypted"),
    };
    wrong.put(&book_id, &DataKey::generate().unwrap()).unwrap();
    assert_eq!(notice(&wrong).as_deref(), Some("keys.store_wrong_key"));
    // Never kept in a key store: no notice (every start asks, as set up).
    std::fs::remove_file(data.join(KEY_STORE_FILE)).unwrap();
    assert_eq!(notice(&other), None);
    // Nothing of the book changed.
    assert_eq!(std::fs::read(data.join(DATABASE_FILE)).unwrap(), before);
}

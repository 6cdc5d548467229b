use super::*;
use crate::cases::{self, QuestionInput};
use crate::store::{Book, Store, DATABASE_FILE};
use crate::testing::now;

const FIXTURE: &str = "tests/fixtures/release-0.1.0.sqlite3";
const WORDS: &str = "右眼皮一直跳 eyelid twitching";

fn question() -> QuestionInput {
    QuestionInput {
        title: WORDS.into(),
        body: format!("{WORDS}, for three weeks now."),
        asker: Some("Wang".into()),
        sex: None,
        age_range: None,
        asked_on: "2026-02-02".into(),
        department: Some("Neurology".into()),
        tags: vec![],
        source: None,
    }
}

/// True when `needle` appears anywhere in the file's bytes.
fn file_holds(path: &Path, needle: &str) -> bool {
    let bytes = fs::read(path).unwrap_or_default();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// An encrypted book in `dir` holding one case; its path, key and the case.
fn encrypted_with_a_case(dir: &Path) -> (PathBuf, DataKey, i64) {
    let path = dir.join(DATABASE_FILE);
    let key = DataKey::generate().unwrap();
    let mut store = Store::open_encrypted(&path, &key).unwrap();
    let id = cases::create(&mut store, &question(), now()).unwrap().id;
    (path, key, id)
}

#[test]
fn this_build_links_sqlcipher_with_full_text_search() {
    let conn = Connection::open_in_memory().unwrap();
    let version = cipher_version(&conn).expect("SQLCipher is linked");
    assert!(version.starts_with('4'), "{version}");
    let fts5: bool = conn
        .query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(fts5);
}

#[test]
fn an_encrypted_book_reads_back_with_its_key_and_shows_nothing_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    let key = DataKey::generate().unwrap();
    let mut store = Store::open_encrypted(&path, &key).unwrap();
    let id = cases::create(&mut store, &question(), now()).unwrap().id;
    // While it is open the words sit in the write-ahead log: encrypted too.
    let wal = sidecar(&path, "-wal");
    assert!(fs::metadata(&wal).map(|m| m.len() > 0).unwrap_or(false));
    assert!(!file_holds(&wal, "eyelid"));
    drop(store);
    assert_eq!(file_kind(&path).unwrap(), FileKind::Encrypted);
    assert!(!file_holds(&path, "eyelid"));
    assert!(!file_holds(&path, "SQLite format 3"));

    let store = Store::open_encrypted(&path, &key).unwrap();
    assert_eq!(cases::get(store.conn(), id).unwrap().question.title, WORDS);
}

#[test]
fn a_wrong_key_or_no_key_is_locked_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, key, _) = encrypted_with_a_case(dir.path());
    let before = fs::read(&path).unwrap();

    let err = Store::open_encrypted(&path, &DataKey::generate().unwrap())
        .err()
        .unwrap();
    assert_eq!(err.code(), crate::ErrorCode::Locked);
    assert_eq!(err.message().key, "store.wrong_key");
    // Without a key it is not mistaken for an empty new database.
    let err = Store::open(&path).err().unwrap();
    assert_eq!(err.code(), crate::ErrorCode::Unavailable);
    assert_eq!(fs::read(&path).unwrap(), before);
    // A plaintext file is not opened as an encrypted one either.
    let plain = dir.path().join("plain.sqlite3");
    drop(Store::open(&plain).unwrap());
    let err = Store::open_encrypted(&plain, &key).err().unwrap();
    assert_eq!(err.code(), crate::ErrorCode::Locked);
}

#[test]
fn readers_of_an_encrypted_book_use_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    let key = DataKey::generate().unwrap();
    let book = Book::open_encrypted(&path, key, crate::testing::after_the_demo()).unwrap();
    assert!(book.is_encrypted());
    let id = book
        .write(|s| cases::create(s, &question(), now()))
        .unwrap()
        .id;
    let title = book
        .read(|c| cases::get(c, id).map(|d| d.question.title))
        .unwrap();
    assert_eq!(title, WORDS);
    let reader = book.reader().unwrap();
    assert!(cases::get(reader.conn(), id).is_ok());
}

fn fixture_copy(dir: &Path) -> PathBuf {
    let path = dir.join(DATABASE_FILE);
    fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE), &path).unwrap();
    path
}

#[test]
fn a_plaintext_book_from_the_last_release_is_encrypted_with_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    assert_eq!(file_kind(&path).unwrap(), FileKind::Plaintext);
    let chinese = "頭痛三天";
    assert!(file_holds(&path, chinese));
    let plain_counts = row_counts(&Connection::open(&path).unwrap()).unwrap();

    let key = DataKey::generate().unwrap();
    let report = encrypt_in_place(&path, &key).unwrap();
    assert_eq!(report.tables, plain_counts);
    assert!(report.tables.iter().any(|(t, n)| t == "cases" && *n == 7));
    assert_eq!(file_kind(&path).unwrap(), FileKind::Encrypted);
    assert!(!file_holds(&path, chinese));
    for suffix in ["-wal", "-shm", "-encrypting"] {
        assert!(!sidecar(&path, suffix).exists(), "{suffix}");
    }

    // It opens with the key, upgrades, and searches as before.
    let store = Store::open_encrypted(&path, &key).unwrap();
    let version: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert!(version >= report.schema_version && report.schema_version > 0);
    let cases: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cases, 7);
    let hits = crate::search::search(
        store.conn(),
        &crate::search::SearchRequest {
            query: chinese.into(),
            ..Default::default()
        },
        10,
    )
    .unwrap();
    assert!(!hits.hits.is_empty());
}

#[test]
fn an_interrupted_encryption_leaves_the_plaintext_book_and_the_next_one_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_copy(dir.path());
    let original = fs::read(&path).unwrap();
    // A kill during the export leaves a partial file beside the book.
    fs::write(staging_path(&path), b"half an encrypted file").unwrap();
    assert_eq!(fs::read(&path).unwrap(), original);
    assert_eq!(file_kind(&path).unwrap(), FileKind::Plaintext);

    let key = DataKey::generate().unwrap();
    encrypt_in_place(&path, &key).unwrap();
    assert!(!staging_path(&path).exists());
    assert!(Store::open_encrypted(&path, &key).is_ok());
}

#[test]
fn file_kinds_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.sqlite3");
    assert_eq!(file_kind(&path).unwrap(), FileKind::Missing);
    fs::write(&path, b"").unwrap();
    assert_eq!(file_kind(&path).unwrap(), FileKind::Missing);
    fs::write(&path, b"SQLite format 3\0rest").unwrap();
    assert_eq!(file_kind(&path).unwrap(), FileKind::Plaintext);
    fs::write(&path, [7u8; 4096]).unwrap();
    assert_eq!(file_kind(&path).unwrap(), FileKind::Encrypted);
}

use super::*;

#[cfg(unix)]
#[test]
fn only_the_owner_can_read_the_folder_and_the_database() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("casebook");
    let key = crate::keys::DataKey::generate().unwrap();
    drop(Store::open_encrypted(&data_dir_file(&data), &key).unwrap());
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join(DATABASE_FILE)), 0o600);
}

#[cfg(unix)]
fn data_dir_file(data: &Path) -> PathBuf {
    ensure_folder(data).unwrap();
    data.join(DATABASE_FILE)
}

#[test]
fn opening_creates_the_folder_and_sets_durable_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested").join("casebook");
    let store = Store::open_in_dir(&data).unwrap();
    assert!(store.is_fresh());
    assert!(data.join(DATABASE_FILE).exists());
    let c = store.conn();
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    let fk: i64 = c
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
    drop(store);
    assert!(!Store::open_in_dir(&data).unwrap().is_fresh());
}

#[test]
fn a_folder_that_cannot_be_created_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let err = Store::open_in_dir(&file.join("casebook")).err().unwrap();
    assert_eq!(err.code(), crate::ErrorCode::Unavailable);
    assert!(
        err.to_string().contains("cannot create its data folder"),
        "{err}"
    );
}

#[test]
fn bundled_sqlite_is_recent_enough() {
    // Releases before 3.51.3 carry a WAL-reset corruption bug.
    assert!(
        rusqlite::version_number() >= 3_051_003,
        "{}",
        rusqlite::version()
    );
}

#[test]
fn a_failed_transaction_leaves_nothing_behind() {
    let mut store = Store::open_in_memory().unwrap();
    let r: Result<()> = store.with_tx(|tx| {
        tx.execute(
            "INSERT INTO cases (status, title, body, asked_on, created_at, updated_at)
             VALUES ('new', 't', 'b', '2026-01-01', 'x', 'x')",
            [],
        )?;
        Err(CoreError::Conflict(msg!("case.not_found", id = 1)))
    });
    assert!(r.is_err());
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

#[test]
fn readers_see_committed_writes_and_do_not_wait_for_an_open_write() {
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open_in_dir(dir.path(), Now::system()).unwrap();
    let count = |c: &Connection| -> Result<i64> {
        Ok(c.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?)
    };
    let before = book.read(count).unwrap();
    assert!(before >= 6, "a new book has the demo cases");
    // A write transaction left open on the writer (as a long import
    // does) must not block a reader, which sees the last commit.
    let book = &book;
    std::thread::scope(|s| {
        let (started, wait) = std::sync::mpsc::channel();
        let (finish, done) = std::sync::mpsc::channel::<()>();
        s.spawn(move || {
            book.write(|store| {
                store.with_tx(|tx| {
                    tx.execute(
                        "INSERT INTO cases (status, title, body, asked_on, created_at, updated_at)
                         VALUES ('new', 't', 'b', '2026-01-01', 'x', 'x')",
                        [],
                    )?;
                    started.send(()).unwrap();
                    done.recv().unwrap();
                    Ok(())
                })
            })
            .unwrap();
        });
        wait.recv().unwrap();
        assert_eq!(
            book.read(count).unwrap(),
            before,
            "the open write is not seen"
        );
        finish.send(()).unwrap();
    });
    assert_eq!(book.read(count).unwrap(), before + 1, "the commit is seen");
}

#[test]
fn a_reader_refuses_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let book = Book::open_in_dir(dir.path(), Now::system()).unwrap();
    let err = book
        .read(|c| Ok(c.execute("DELETE FROM cases", [])?))
        .unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::Storage);
}

#[test]
fn an_in_memory_book_reads_through_its_writer() {
    let book = Book::new(Store::open_in_memory().unwrap());
    let n: i64 = book
        .read(|c| Ok(c.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(n, 0);
    assert!(book.reader().is_err());
}

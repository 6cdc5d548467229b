use super::*;
use crate::access::{events, protect, Opened};
use crate::keys::{KdfParams, KeyStore, MemoryKeyStore, Passphrase};
use crate::store::Welcome;
use crate::testing::after_the_demo as now;

const PASSPHRASE: &str = "備份用的 passphrase";

fn protected(dir: &Path) -> Opened {
    protect(
        dir,
        &Passphrase::new(PASSPHRASE).unwrap(),
        KdfParams::FAST_FOR_TESTS,
        &MemoryKeyStore::default(),
        Welcome::DemoCases,
        now(),
    )
    .unwrap()
    .opened
}

fn cases(book: &Book) -> i64 {
    book.read(|c| Ok(c.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn a_backup_is_encrypted_checked_listed_and_opens_with_the_passphrase_alone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Opened { book, key_file, .. } = protected(&data);
    let canary = "canary-備份-5521";
    book.write(|s| {
        s.conn().execute(
            "UPDATE cases SET title = ?1 WHERE id = (SELECT min(id) FROM cases)",
            [canary],
        )?;
        Ok(())
    })
    .unwrap();
    let backups = data.join(BACKUP_FOLDER);
    let made = create(&book, &key_file, &backups, BackupReason::Manual, now()).unwrap();
    assert_eq!(made.manifest.tables["cases"], cases(&book));
    assert_eq!(made.manifest.schema_version, crate::migrations::LATEST);
    assert_eq!(list(&backups).unwrap(), vec![made.clone()]);
    verify(&book, &key_file, &made).unwrap();
    for entry in fs::read_dir(&made.folder).unwrap() {
        let bytes = fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(canary.len()).any(|w| w == canary.as_bytes()));
    }

    // On another machine: the backup folder and the passphrase.
    let elsewhere = KeyFile::load(&made.folder).unwrap().unwrap();
    let (key, _) = elsewhere.unlock(PASSPHRASE).unwrap();
    let copy = Book::open_encrypted(&made.folder.join(DATABASE_FILE), key, now()).unwrap();
    assert_eq!(cases(&copy), cases(&book));
    let title: String = copy
        .read(|c| {
            Ok(
                c.query_row("SELECT title FROM cases ORDER BY id LIMIT 1", [], |r| {
                    r.get(0)
                })?,
            )
        })
        .unwrap();
    assert_eq!(title, canary);
}

#[test]
fn a_damaged_or_newer_backup_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Opened { book, key_file, .. } = protected(&data);
    let backups = data.join(BACKUP_FOLDER);
    let made = create(&book, &key_file, &backups, BackupReason::Manual, now()).unwrap();

    let database = made.folder.join(DATABASE_FILE);
    let mut bytes = fs::read(&database).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    fs::write(&database, &bytes).unwrap();
    let err = verify(&book, &key_file, &made).unwrap_err();
    assert_eq!(err.message().key, "backup.damaged");

    let mut newer = made.clone();
    newer.manifest.schema_version = crate::migrations::LATEST + 1;
    assert_eq!(
        verify(&book, &key_file, &newer).unwrap_err().message().key,
        "backup.newer_schema"
    );
}

#[test]
fn a_partial_backup_is_never_listed() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join(".casebook-20261201-100000-partial")).unwrap();
    fs::create_dir_all(dir.path().join("casebook-20261201-100000")).unwrap();
    assert!(
        list(dir.path()).unwrap().is_empty(),
        "no manifest, no backup"
    );
}

fn dated(day: chrono::NaiveDate) -> Backup {
    Backup {
        folder: PathBuf::from(format!("casebook-{day}")),
        manifest: Manifest {
            version: VERSION,
            created_at: format!("{day}T10:00:00Z"),
            schema_version: 1,
            size: 0,
            sha256: String::new(),
            book_id: String::new(),
            tables: BTreeMap::new(),
            serial: 0,
            reason: BackupReason::Automatic,
        },
    }
}

#[test]
fn thinning_keeps_12_days_10_weeks_and_9_months() {
    let last = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    // One backup a day for 400 days, newest first.
    let all: Vec<Backup> = (0..400)
        .map(|n| dated(last - chrono::Days::new(n)))
        .collect();
    let keep = kept(&all);
    let kept_days: Vec<chrono::NaiveDate> = all
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(b, _)| b.manifest.created_at[..10].parse().unwrap())
        .collect();
    assert_eq!(kept_days[0], last, "the newest is always kept");
    assert!(kept_days[..12]
        .iter()
        .zip(0..)
        .all(|(d, n)| *d == last - chrono::Days::new(n)));
    // 12 days + the weeks and months beyond them; nothing older than 9 months.
    assert!(kept_days.len() <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY);
    assert!(*kept_days.last().unwrap() > last - chrono::Days::new(9 * 31));
    assert!(kept_days.len() >= 12 + 8, "{kept_days:?}");
}

#[test]
fn a_safety_backup_outlives_thinning_for_a_week() {
    let last = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    // Today: an automatic backup after a restore; the safety backup made
    // just before the restore is older the same day.
    let mut safety = dated(last);
    safety.manifest.created_at = format!("{last}T09:00:00Z");
    safety.manifest.reason = BackupReason::BeforeRestore;
    let mut old_safety = dated(last - chrono::Days::new(8));
    old_safety.manifest.reason = BackupReason::BeforeImport;
    let mut older_same_day = dated(last - chrono::Days::new(8));
    older_same_day.manifest.created_at = format!("{}T11:00:00Z", last - chrono::Days::new(8));
    let all = vec![dated(last), safety, older_same_day, old_safety];
    assert_eq!(kept(&all), vec![true, true, true, false]);
}

fn first_case_title(book: &Book) -> String {
    book.read(|c| {
        Ok(
            c.query_row("SELECT title FROM cases ORDER BY id LIMIT 1", [], |r| {
                r.get(0)
            })?,
        )
    })
    .unwrap()
}

fn retitle_first_case(book: &Book, title: &str) {
    book.write(|s| {
        s.conn().execute(
            "UPDATE cases SET title = ?1 WHERE id = (SELECT min(id) FROM cases)",
            [title],
        )?;
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_backup_is_needed_after_a_change_and_not_after_an_unlock_alone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Opened { book, key_file, .. } = protected(&data);
    let backups = data.join(BACKUP_FOLDER);
    assert!(needed(&book, &backups).unwrap(), "no backup yet");
    assert!(due(&book, &backups, now()).unwrap());

    create(&book, &key_file, &backups, BackupReason::Automatic, now()).unwrap();
    assert!(!needed(&book, &backups).unwrap());
    // The access trail alone does not call for a backup.
    events::record(&book, events::AccessKind::Locked, "manual", now()).unwrap();
    assert!(!needed(&book, &backups).unwrap());

    retitle_first_case(&book, "changed once");
    retitle_first_case(&book, "changed twice");
    assert!(needed(&book, &backups).unwrap());
    // Needed, but the last one is not an hour old yet.
    assert!(!due(&book, &backups, now()).unwrap());
    let later = Now {
        utc: now().utc + AUTOMATIC_INTERVAL,
        ..now()
    };
    assert!(due(&book, &backups, later).unwrap());

    // The mark survives closing the book (a kill loses nothing either:
    // the serial is committed with the change).
    let serial = book.change_serial().unwrap();
    drop(book);
    let (key, _) = key_file.unlock(PASSPHRASE).unwrap();
    let book = Book::open_encrypted(&data.join(DATABASE_FILE), key, now()).unwrap();
    assert_eq!(book.change_serial().unwrap(), serial);
    assert!(needed(&book, &backups).unwrap());
    create(&book, &key_file, &backups, BackupReason::Closing, later).unwrap();
    assert!(!needed(&book, &backups).unwrap());
}

#[test]
fn restoring_puts_the_backup_back_and_keeps_the_book_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Opened { book, key_file, .. } = protected(&data);
    let backups = data.join(BACKUP_FOLDER);
    let original = first_case_title(&book);
    let made = create(&book, &key_file, &backups, BackupReason::Manual, now()).unwrap();
    retitle_first_case(&book, "改過的標題 after the backup");

    let later = Now {
        utc: now().utc + chrono::Duration::minutes(5),
        ..now()
    };
    let Restored { book, safety } = match restore(&data, book, &key_file, &made, &backups, later) {
        Ok(done) => done,
        Err(failed) => panic!("{:?}", failed.error),
    };
    assert_eq!(first_case_title(&book), original);
    assert_eq!(safety.manifest.reason, BackupReason::BeforeRestore);
    // The way back holds the change.
    let (key, _) = key_file.unlock(PASSPHRASE).unwrap();
    let before = Book::open_encrypted(&safety.folder.join(DATABASE_FILE), key, now()).unwrap();
    assert_eq!(first_case_title(&before), "改過的標題 after the backup");
    let trail = book.read(|c| events::recent(c, 5)).unwrap();
    assert_eq!(trail[0].kind, events::AccessKind::Restored);
    assert_eq!(trail[0].detail, made.manifest.created_at);
    assert!(!data.join("casebook.sqlite3-restoring").exists());
    // The restored book is writable, and a change after the restore is
    // never taken for the safety backup's (different) content.
    retitle_first_case(&book, "after the restore");
    assert_ne!(book.change_serial().unwrap(), safety.manifest.serial);
    assert!(needed(&book, &backups).unwrap());
}

#[test]
fn a_backup_of_another_book_or_a_damaged_one_leaves_the_book_open_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let Opened { book, key_file, .. } = protected(&dir.path().join("one"));
    let other = protected(&dir.path().join("two"));
    let theirs = create(
        &other.book,
        &other.key_file,
        &dir.path().join("their-backups"),
        BackupReason::Manual,
        now(),
    )
    .unwrap();
    let backups = dir.path().join("one").join(BACKUP_FOLDER);
    let failed = restore(
        &dir.path().join("one"),
        book,
        &key_file,
        &theirs,
        &backups,
        now(),
    )
    .err()
    .unwrap();
    assert_eq!(failed.error.message().key, "backup.other_book");
    let book = *failed.book.expect("the book stays open");
    assert!(
        list(&backups).unwrap().is_empty(),
        "no safety backup for a refusal"
    );

    let mine = create(&book, &key_file, &backups, BackupReason::Manual, now()).unwrap();
    fs::write(mine.folder.join(DATABASE_FILE), b"not a database at all").unwrap();
    retitle_first_case(&book, "kept");
    let failed = restore(
        &dir.path().join("one"),
        book,
        &key_file,
        &mine,
        &backups,
        now(),
    )
    .err()
    .unwrap();
    assert_eq!(failed.error.message().key, "backup.damaged");
    assert_eq!(first_case_title(&failed.book.unwrap()), "kept");
}

#[test]
fn a_backup_and_the_passphrase_make_a_new_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let Opened { book, key_file, .. } = protected(&dir.path().join("old-pc"));
    retitle_first_case(&book, "moved to the new PC");
    let made = create(
        &book,
        &key_file,
        &dir.path().join("usb"),
        BackupReason::Manual,
        now(),
    )
    .unwrap();
    let new_pc = dir.path().join("new-pc");
    let store = MemoryKeyStore::default();

    let err = restore_into_new(&new_pc, &made, "not the passphrase", &store, now())
        .err()
        .unwrap();
    assert_eq!(err.message().key, "keys.wrong_secret");
    assert!(!new_pc.join(DATABASE_FILE).exists());

    let opened = restore_into_new(&new_pc, &made, PASSPHRASE, &store, now()).unwrap();
    assert_eq!(first_case_title(&opened.book), "moved to the new PC");
    assert!(store.get(&key_file.book_id).unwrap().is_some());
    drop(opened);
    // Not over a book that is there.
    let err = restore_into_new(&new_pc, &made, PASSPHRASE, &store, now())
        .err()
        .unwrap();
    assert_eq!(err.message().key, "backup.folder_has_book");
    // The restored folder opens as any other does.
    match crate::access::start(&new_pc, &store, now()).unwrap() {
        crate::access::Start::Open(opened) => {
            assert_eq!(first_case_title(&opened.book), "moved to the new PC")
        }
        _ => panic!("the key store's key opens the restored book"),
    }
}

#[test]
fn an_older_book_is_backed_up_before_it_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Opened { book, key_file, .. } = protected(&data);
    retitle_first_case(&book, "before the upgrade");
    drop(book);
    // The book as the release before migration 7 left it.
    let (key, _) = key_file.unlock(PASSPHRASE).unwrap();
    {
        let conn = rusqlite::Connection::open(data.join(DATABASE_FILE)).unwrap();
        cipher::apply_key(&conn, &key).unwrap();
        conn.execute_batch("DROP TABLE book_changes; PRAGMA user_version = 6;")
            .unwrap();
    }
    let book = before_migration_then_open(&data, &key_file, key, now()).unwrap();
    let made = list(&data.join(BACKUP_FOLDER)).unwrap();
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].manifest.reason, BackupReason::BeforeMigration);
    assert_eq!(made[0].manifest.schema_version, 6);
    verify(&book, &key_file, &made[0]).unwrap();
    // Opened at the latest schema, nothing lost; a second open backs up nothing.
    assert_eq!(first_case_title(&book), "before the upgrade");
    drop(book);
    let (key, _) = key_file.unlock(PASSPHRASE).unwrap();
    before_migration_then_open(&data, &key_file, key, now()).unwrap();
    assert_eq!(list(&data.join(BACKUP_FOLDER)).unwrap().len(), 1);
}

#[test]
fn the_backup_folder_is_checked_before_it_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Opened { book, .. } = protected(&data);
    book.write(|s| {
        let conn = s.conn();
        assert_eq!(folder(&data, conn)?, data.join(BACKUP_FOLDER));
        let blocker = dir.path().join("a-file");
        fs::write(&blocker, "x").unwrap();
        let err = choose_folder(conn, Some(&blocker.join("sub"))).unwrap_err();
        assert_eq!(err.message().key, "backup.folder_not_writable");
        let err = choose_folder(conn, Some(Path::new("relative/path"))).unwrap_err();
        assert_eq!(err.message().key, "settings.backup_folder_not_absolute");
        let usb = dir.path().join("usb");
        choose_folder(conn, Some(&usb))?;
        assert_eq!(folder(&data, conn)?, usb);
        choose_folder(conn, None)?;
        assert_eq!(folder(&data, conn)?, data.join(BACKUP_FOLDER));
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_picked_file_inside_a_backup_names_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let Opened { book, key_file, .. } = protected(&dir.path().join("data"));
    let made = create(
        &book,
        &key_file,
        &dir.path().join("b"),
        BackupReason::Manual,
        now(),
    )
    .unwrap();
    assert_eq!(open(&made.folder).unwrap(), made);
    assert_eq!(open(&made.folder.join(MANIFEST)).unwrap(), made);
    let err = open(dir.path()).unwrap_err();
    assert_eq!(err.message().key, "backup.not_a_backup");
}

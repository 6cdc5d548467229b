use super::*;
use crate::access::{protect, Opened};
use crate::keys::{KdfParams, MemoryKeyStore, Passphrase};
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
    let made = create(&book, &key_file, &backups, now()).unwrap();
    assert_eq!(made.manifest.tables["cases"], cases(&book));
    assert_eq!(made.manifest.schema_version, crate::migrations::LATEST);
    assert_eq!(list(&backups).unwrap(), vec![made.clone()]);
    verify(&book, &made).unwrap();
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
    let made = create(&book, &key_file, &backups, now()).unwrap();

    let database = made.folder.join(DATABASE_FILE);
    let mut bytes = fs::read(&database).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    fs::write(&database, &bytes).unwrap();
    let err = verify(&book, &made).unwrap_err();
    assert_eq!(err.message().key, "backup.damaged");

    let mut newer = made.clone();
    newer.manifest.schema_version = crate::migrations::LATEST + 1;
    assert_eq!(
        verify(&book, &newer).unwrap_err().message().key,
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

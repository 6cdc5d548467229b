//! Kill trials: the two writes that must never leave a half-written case
//! book behind, interrupted with SIGKILL at random moments, and what each
//! kill left checked whole.
//!
//! - **migration**: the first start after the upgrade on the committed
//!   plaintext fixture (`tests/fixtures/release-0.1.0.sqlite3`): encrypt in
//!   place, then the schema migrations. After a kill the folder must hold
//!   the old plaintext book whole or the encrypted one whole (at whatever
//!   schema), never neither; the next start must then finish the job.
//! - **backup**: a backup of an encrypted book of 3,000 cases. After a kill
//!   the book must be whole and every listed backup must verify; a
//!   half-written one may only be a hidden `.…-partial` folder, which the
//!   next backup clears.
//!
//! `cargo run --release -p casebook-core --example kill_trials -- [TRIALS]`
//! (`scripts/kill-trials.sh`; 200 trials of each by default). Prints the
//! figures and exits non-zero if any trial found a broken book or backup.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use casebook_core::access::{self, Found};
use casebook_core::backup::{self, BackupReason};
use casebook_core::keys::{KdfParams, MemoryKeyStore, Passphrase};
use casebook_core::store::{Welcome, DATABASE_FILE};
use casebook_core::{import, Book, Now};

const PASSPHRASE: &str = "kill trials 測試 passphrase";
const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/release-0.1.0.sqlite3"
);
const FIXTURE_CASES: i64 = 7;
const BACKUP_CASES: u64 = 3_000;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("child-migrate") => child_migrate(Path::new(&args[1])),
        Some("child-backup") => child_backup(Path::new(&args[1])),
        other => {
            let trials = other.and_then(|n| n.parse().ok()).unwrap_or(200);
            run(trials)
        }
    }
}

fn now() -> Now {
    Now::system()
}

fn child_migrate(dir: &Path) -> ExitCode {
    let passphrase = Passphrase::new(PASSPHRASE).unwrap();
    match access::protect(
        dir,
        &passphrase,
        KdfParams::FAST_FOR_TESTS,
        &MemoryKeyStore::default(),
        Welcome::Empty,
        now(),
    ) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("migration failed: {}", e.message().key);
            ExitCode::FAILURE
        }
    }
}

fn child_backup(dir: &Path) -> ExitCode {
    let book = match open_encrypted(dir) {
        Ok((book, key_file)) => (book, key_file),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let (book, key_file) = book;
    match backup::back_up(
        &book,
        &key_file,
        &dir.join(backup::BACKUP_FOLDER),
        BackupReason::Manual,
        now(),
    ) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("backup failed: {}", e.message().key);
            ExitCode::FAILURE
        }
    }
}

fn open_encrypted(dir: &Path) -> Result<(Book, casebook_core::keys::KeyFile), String> {
    match access::inspect(dir).map_err(|e| e.message().key)? {
        Found::Encrypted(key_file) => {
            let (opened, _) = access::unlock(
                dir,
                *key_file,
                PASSPHRASE,
                &MemoryKeyStore::default(),
                now(),
            )
            .map_err(|e| e.message().key)?;
            Ok((opened.book, opened.key_file))
        }
        Found::Plaintext => Err("plaintext".into()),
        Found::New => Err("no case book".into()),
    }
}

/// What a kill left in a data folder.
#[derive(Debug, Default)]
struct Tally {
    trials: u32,
    finished_before_kill: u32,
    whole_before: u32,
    whole_after: u32,
    broken: u32,
    leftovers_cleared: u32,
    problems: Vec<String>,
}

fn run(trials: u32) -> ExitCode {
    let exe = std::env::current_exe().unwrap();
    let root = tempfile::tempdir().unwrap();
    let mut rng = Rng::seeded();

    let migrate = trial_set(
        "migration",
        &exe,
        trials,
        &mut rng,
        |dir| {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::copy(FIXTURE, dir.join(DATABASE_FILE)).unwrap();
        },
        "child-migrate",
        check_migration,
        root.path(),
    );

    // One book of 3,000 cases, copied fresh for every trial.
    let template = root.path().join("backup-template");
    make_backup_book(&template);
    let backup = trial_set(
        "backup",
        &exe,
        trials,
        &mut rng,
        |dir| copy_folder(&template, dir),
        "child-backup",
        check_backup,
        root.path(),
    );

    report(
        "migration (plaintext fixture → encrypted, schema 1 → latest)",
        &migrate,
    );
    report(
        &format!("backup ({BACKUP_CASES} cases, encrypted, verified)"),
        &backup,
    );
    if migrate.broken + backup.broken == 0 {
        println!("0 corrupt or half-written case books or backups.");
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[allow(clippy::too_many_arguments)]
fn trial_set(
    name: &str,
    exe: &Path,
    trials: u32,
    rng: &mut Rng,
    prepare: impl Fn(&Path),
    child: &str,
    check: fn(&Path, &mut Tally) -> Result<bool, String>,
    root: &Path,
) -> Tally {
    // How long the write takes when nothing interrupts it.
    let mut full = Duration::ZERO;
    for n in 0..3 {
        let dir = root.join(format!("{name}-timing-{n}"));
        prepare(&dir);
        let started = Instant::now();
        let status = Command::new(exe).arg(child).arg(&dir).status().unwrap();
        assert!(status.success(), "{name}: an uninterrupted run failed");
        full = full.max(started.elapsed());
        let _ = std::fs::remove_dir_all(&dir);
    }
    println!(
        "{name}: an uninterrupted run takes {:.0} ms (process start included); kills fall in 0–{:.0} ms",
        full.as_secs_f64() * 1000.0,
        full.as_secs_f64() * 1100.0
    );
    let mut tally = Tally::default();
    for n in 0..trials {
        let dir = root.join(format!("{name}-{n}"));
        prepare(&dir);
        let delay = full.mul_f64(1.1 * rng.unit());
        let mut process = Command::new(exe)
            .arg(child)
            .arg(&dir)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if process.try_wait().unwrap().is_some() {
            tally.finished_before_kill += 1;
        }
        let _ = process.kill(); // SIGKILL
        let _ = process.wait();
        tally.trials += 1;
        match check(&dir, &mut tally) {
            Ok(true) => tally.whole_before += 1,
            Ok(false) => tally.whole_after += 1,
            Err(problem) => {
                tally.broken += 1;
                tally
                    .problems
                    .push(format!("trial {n} ({delay:?}): {problem}"));
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    tally
}

/// Ok(true): the plaintext book was left whole (the next start then
/// encrypted it); Ok(false): the encrypted book was there, whole.
fn check_migration(dir: &Path, tally: &mut Tally) -> Result<bool, String> {
    let leftover = dir.join("casebook.sqlite3-encrypting").exists();
    match access::inspect(dir).map_err(|e| format!("inspect: {}", e.message().key))? {
        Found::New => Err("the case book is gone".into()),
        Found::Plaintext => {
            let conn =
                rusqlite::Connection::open(dir.join(DATABASE_FILE)).map_err(|e| e.to_string())?;
            let verdict: String = conn
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .map_err(|e| e.to_string())?;
            let cases: i64 = conn
                .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
                .map_err(|e| e.to_string())?;
            drop(conn);
            if verdict != "ok" || cases != FIXTURE_CASES {
                return Err(format!("plaintext book: {verdict}, {cases} cases"));
            }
            // The next start finishes the job.
            if child_migrate(dir) != ExitCode::SUCCESS {
                return Err("the next start could not encrypt it".into());
            }
            if leftover {
                tally.leftovers_cleared += 1;
            }
            check_encrypted(dir, FIXTURE_CASES)?;
            Ok(true)
        }
        Found::Encrypted(_) => {
            check_encrypted(dir, FIXTURE_CASES)?;
            Ok(false)
        }
    }
}

/// Ok(true): no backup was finished; Ok(false): the new backup is there
/// and verifies. Either way the book is whole.
fn check_backup(dir: &Path, tally: &mut Tally) -> Result<bool, String> {
    let cases = BACKUP_CASES as i64 + 6; // and the demo cases
    let (book, key_file) = check_encrypted(dir, cases)?;
    let backups_dir = dir.join(backup::BACKUP_FOLDER);
    let listed = backup::list(&backups_dir).map_err(|e| e.message().key)?;
    for found in &listed {
        backup::verify(&book, &key_file, found)
            .map_err(|e| format!("a listed backup does not verify: {}", e.message().key))?;
        if found.manifest.cases() != cases {
            return Err("a listed backup lacks cases".into());
        }
    }
    let partial = std::fs::read_dir(&backups_dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .any(|e| e.file_name().to_string_lossy().ends_with("-partial"))
        })
        .unwrap_or(false);
    if partial {
        // The next backup clears what the kill left.
        backup::back_up(&book, &key_file, &backups_dir, BackupReason::Manual, now())
            .map_err(|e| format!("the next backup failed: {}", e.message().key))?;
        let still = std::fs::read_dir(&backups_dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().ends_with("-partial"));
        if still {
            return Err("a partial backup was left after the next one".into());
        }
        tally.leftovers_cleared += 1;
    }
    Ok(listed.is_empty())
}

/// Opens the encrypted book with the passphrase and checks it whole.
fn check_encrypted(dir: &Path, cases: i64) -> Result<(Book, casebook_core::keys::KeyFile), String> {
    let (book, key_file) = open_encrypted(dir)?;
    book.check_copy(&dir.join(DATABASE_FILE))
        .map_err(|e| format!("the encrypted book is not whole: {}", e.message().key))?;
    let found: i64 = book
        .read(|c| Ok(c.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?))
        .map_err(|e| e.message().key)?;
    if found != cases {
        return Err(format!("{found} cases, not {cases}"));
    }
    Ok((book, key_file))
}

fn make_backup_book(dir: &Path) {
    let opened = access::protect(
        dir,
        &Passphrase::new(PASSPHRASE).unwrap(),
        KdfParams::FAST_FOR_TESTS,
        &MemoryKeyStore::default(),
        Welcome::DemoCases,
        now(),
    )
    .unwrap()
    .opened;
    let lines = casebook_core::synthetic::jsonl(11, BACKUP_CASES);
    opened
        .book
        .write(|s| import::import_jsonl(s, lines.as_bytes(), now()))
        .unwrap();
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target: PathBuf = to.join(entry.file_name());
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn report(what: &str, t: &Tally) {
    println!("\n{what}");
    println!("  trials:                         {}", t.trials);
    println!(
        "  finished before the kill:       {}",
        t.finished_before_kill
    );
    println!("  kill left the old state, whole: {}", t.whole_before);
    println!("  kill left the new state, whole: {}", t.whole_after);
    println!("  leftovers cleared next time:    {}", t.leftovers_cleared);
    println!("  corrupt or half-written:        {}", t.broken);
    for p in &t.problems {
        println!("    {p}");
    }
}

/// xorshift64*, seeded from the clock: no two runs kill at the same moments.
struct Rng(u64);

impl Rng {
    fn seeded() -> Rng {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64;
        Rng(nanos | 1)
    }

    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

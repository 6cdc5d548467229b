//! The CLI as clinic IT uses it: real process, real files, exit codes.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The passphrase file every test's data folder is set up and unlocked with.
fn passphrase_file() -> &'static Path {
    static FILE: std::sync::OnceLock<tempfile::NamedTempFile> = std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, "命令列 test passphrase\n".as_bytes()).unwrap();
        file
    })
    .path()
}

/// The CLI on `data_dir`, unlocked by the passphrase file (never by the
/// developer's own key store).
fn casebook_cli(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_casebook-cli"));
    command
        .arg("--data-dir")
        .arg(data_dir)
        .arg("--passphrase-file")
        .arg(passphrase_file())
        .arg("--no-key-store")
        .env_remove("CASEBOOK_DATA_DIR")
        .env_remove("CASEBOOK_PASSPHRASE_FILE");
    command
}

fn cli(data_dir: &Path, args: &[&str]) -> Output {
    casebook_cli(data_dir)
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const GOOD: &str = r#"{"external_id": "t:1", "question": {"title": "眼皮跳", "body": "左眼皮一直跳", "asked_on": "2024-05-01"}}
{"external_id": "t:2", "question": {"title": "Twitch", "body": "My eye", "asked_on": "2024-05-02"}}
"#;

#[test]
fn import_reports_counts_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cases.jsonl");
    std::fs::write(&file, GOOD).unwrap();
    let data = dir.path().join("data");
    let first = cli(&data, &["import", file.to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(
        stdout(&first).trim(),
        "Imported 2; 0 already present, 0 invalid."
    );
    let again = cli(&data, &["import", file.to_str().unwrap()]);
    assert_eq!(
        stdout(&again).trim(),
        "Imported 0; 2 already present, 0 invalid."
    );
}

#[test]
fn strict_import_of_a_file_with_a_bad_line_writes_nothing_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cases.jsonl");
    std::fs::write(
        &file,
        format!("{GOOD}{{\"question\": {{\"title\": \"x\"}}}}\n"),
    )
    .unwrap();
    let data = dir.path().join("data");
    let strict = cli(&data, &["import", "--strict", file.to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        stderr(&strict).contains("Line 3: Not a valid case record: missing field `body`"),
        "{}",
        stderr(&strict)
    );
    assert!(stderr(&strict).contains("nothing imported (--strict)"));
    // Nothing was written: a normal import now adds both good lines.
    let normal = cli(&data, &["import", file.to_str().unwrap()]);
    assert!(normal.status.success());
    assert!(
        stdout(&normal).starts_with("Imported 2; 0 already present, 1 invalid"),
        "{}",
        stdout(&normal)
    );
}

#[test]
fn failures_are_one_line_with_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    // Set up first: a new folder's first run also prints its recovery code.
    assert!(cli(dir.path(), &["search", "x"]).status.success());
    let missing = cli(dir.path(), &["import", "/no/such/file.jsonl"]);
    assert_eq!(missing.status.code(), Some(1));
    let err = stderr(&missing);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("casebook-cli: Cannot read /no/such/file.jsonl"),
        "{err}"
    );

    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "x").unwrap();
    let bad_dir = cli(&blocker.join("sub"), &["import", "/no/such/file.jsonl"]);
    assert_eq!(bad_dir.status.code(), Some(1));
    assert!(stderr(&bad_dir).contains("cannot create its data folder"));
}

#[test]
fn every_subcommand_has_help() {
    let dir = tempfile::tempdir().unwrap();
    let help = cli(dir.path(), &["import", "--help"]);
    assert!(help.status.success());
    assert!(stdout(&help).contains("--strict"));
}

const ANSWERED: &str = r#"{"external_id": "a:1", "question": {"title": "眼皮跳", "body": "左眼皮一直跳", "asked_on": "2024-05-01", "department": "Neurology"}, "reply": {"body": "請減少咖啡因。Rest well.", "clinician": "Dr. Jiang", "replied_on": "2024-05-02"}}
{"external_id": "a:2", "question": {"title": "Caffeine and twitching", "body": "My eye twitches", "asked_on": "2024-06-01"}, "reply": {"body": "Cut down on coffee.", "replied_on": "2024-06-03"}}
{"external_id": "n:3", "question": {"title": "Unanswered", "body": "Hello", "asked_on": "2024-06-01"}}
"#;

fn seeded(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("cases.jsonl");
    std::fs::write(&file, ANSWERED).unwrap();
    let data = dir.join("data");
    let o = cli(&data, &["import", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    data
}

#[test]
fn export_pdf_of_one_case_and_of_every_answered_case() {
    let dir = tempfile::tempdir().unwrap();
    let data = seeded(dir.path());
    let one = dir.path().join("one.pdf");
    let o = cli(
        &data,
        &[
            "export",
            "pdf",
            "--case",
            "1",
            "--out",
            one.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&one).unwrap().starts_with(b"%PDF-"));
    // An existing file is kept unless --force.
    let again = cli(
        &data,
        &[
            "export",
            "pdf",
            "--case",
            "1",
            "--out",
            one.to_str().unwrap(),
        ],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(stderr(&again).lines().count(), 1);

    let out = dir.path().join("pdfs");
    let o = cli(
        &data,
        &[
            "export",
            "pdf",
            "--status",
            "answered",
            "--since",
            "2024-05-01",
            "--until",
            "2024-05-31",
            "--out-dir",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["a_1_2024-05-01.pdf"]);

    let missing = cli(
        &data,
        &["export", "pdf", "--case", "99", "--out", "/tmp/x.pdf"],
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("There is no case 99"));
}

#[test]
fn export_jsonl_and_csv_round_trip_through_import() {
    let dir = tempfile::tempdir().unwrap();
    let data = seeded(dir.path());
    let jsonl = dir.path().join("all.jsonl");
    let csv = dir.path().join("all.csv");
    assert!(cli(
        &data,
        &["export", "jsonl", "--out", jsonl.to_str().unwrap()]
    )
    .status
    .success());
    assert!(
        cli(&data, &["export", "csv", "--out", csv.to_str().unwrap()])
            .status
            .success()
    );
    assert!(std::fs::read(&csv).unwrap().starts_with(b"\xEF\xBB\xBFid,"));

    let other = dir.path().join("other");
    let o = cli(&other, &["import", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let back = dir.path().join("back.jsonl");
    assert!(cli(
        &other,
        &["export", "jsonl", "--out", back.to_str().unwrap()]
    )
    .status
    .success());
    // The CLI never loads demo cases, so both folders hold the same cases.
    assert_eq!(
        std::fs::read(&back).unwrap(),
        std::fs::read(&jsonl).unwrap()
    );
}

#[test]
fn search_prints_hits_as_text_or_json() {
    let dir = tempfile::tempdir().unwrap();
    let data = seeded(dir.path());
    let o = cli(&data, &["search", "咖啡因", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let hits: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1);
    // Scripts outside Casebook know a case by its external id.
    assert_eq!(hits[0]["external_id"], "a:1");
    assert!(hits[0]["id"].is_i64(), "{hits}");
    assert_eq!(hits[0]["asked_on"], "2024-05-01");
    let o = cli(&data, &["search", "coffee", "--limit", "5"]);
    assert!(
        stdout(&o).contains("Caffeine and twitching"),
        "{}",
        stdout(&o)
    );
    let bad = cli(&data, &["search", "x", "--limit", "0"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(stderr(&bad).trim().lines().count(), 1, "{}", stderr(&bad));
}

#[test]
fn export_subcommands_have_help() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["export", "--help"][..],
        &["export", "pdf", "--help"],
        &["export", "jsonl", "--help"],
        &["export", "csv", "--help"],
        &["search", "--help"],
    ] {
        let o = cli(dir.path(), args);
        assert!(o.status.success(), "{args:?}");
        assert!(stdout(&o).contains("Usage"), "{args:?}");
    }
}

/// Runs the CLI with stdout on a pipe whose reader takes `keep` bytes and
/// then closes it, as `| head -c KEEP` does; returns the exit status and stderr.
fn read_then_close(
    data_dir: &Path,
    args: &[&str],
    keep: usize,
) -> (std::process::ExitStatus, String) {
    let mut child = casebook_cli(data_dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut start = vec![0u8; keep];
    stdout.read_exact(&mut start).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Many answered cases whose titles match "咖啡因", so a search prints far
/// more than a pipe holds (64 KiB): the writer must meet the closed pipe.
fn many_matches(dir: &Path) -> std::path::PathBuf {
    let title = format!("咖啡因{}", "與眼皮跳動".repeat(90));
    let lines: String = (0..100)
        .map(|i| {
            format!(
                "{{\"external_id\": \"m:{i}\", \"question\": {{\"title\": \"{title}{i}\", \"body\": \"喝咖啡因飲料後眼皮跳\", \"asked_on\": \"2024-05-01\"}}}}\n"
            )
        })
        .collect();
    let file = dir.join("many.jsonl");
    std::fs::write(&file, lines).unwrap();
    let data = dir.join("data");
    let o = cli(&data, &["import", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    data
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let data = many_matches(dir.path());
    let full = cli(&data, &["search", "咖啡因", "--json", "--limit", "100"]);
    assert!(
        full.stdout.len() > 2 * 65536,
        "the output must overflow the pipe: {} bytes",
        full.stdout.len()
    );
    for args in [
        &["search", "咖啡因", "--json", "--limit", "100"][..],
        &["search", "咖啡因", "--limit", "100"],
    ] {
        let (status, err) = read_then_close(&data, args, 10);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}");
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
    }
}

#[test]
fn every_subcommand_stops_quietly_when_nobody_reads_its_output() {
    let dir = tempfile::tempdir().unwrap();
    let data = seeded(dir.path());
    let file = dir.path().join("cases.jsonl");
    let pdf = dir.path().join("one.pdf");
    let jsonl = dir.path().join("all.jsonl");
    let csv = dir.path().join("all.csv");
    let runs: [&[&str]; 6] = [
        &["import", file.to_str().unwrap()],
        &[
            "export",
            "pdf",
            "--case",
            "1",
            "--out",
            pdf.to_str().unwrap(),
        ],
        &["export", "jsonl", "--out", jsonl.to_str().unwrap()],
        &["export", "csv", "--out", csv.to_str().unwrap()],
        &["search", "coffee", "--json"],
        &["--help"],
    ];
    for args in runs {
        // The reader is gone before the command has anything to say.
        let (status, err) = read_then_close(&data, args, 0);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
    }
    // The work itself was done.
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    assert!(jsonl.exists() && csv.exists());
}

#[test]
fn a_traditional_chinese_locale_names_the_bad_line_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.jsonl");
    std::fs::write(
        &file,
        format!("{GOOD}{{\"question\": {{\"title\": \"x\", \"body\": \"y\", \"asked_on\": \"2024-02-30\"}}}}\n"),
    )
    .unwrap();
    let run = |lang: &str, extra: &[&str]| {
        let mut args = extra.to_vec();
        args.extend_from_slice(&["import", "--dry-run", file.to_str().unwrap()]);
        casebook_cli(dir.path())
            .args(&args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap()
    };
    let zh = run("zh_TW.UTF-8", &[]);
    assert!(zh.status.success(), "{}", stderr(&zh));
    let err = stderr(&zh);
    assert!(err.contains("第 3 行"), "{err}");
    assert!(err.contains("2024-02-30"), "{err}");
    assert!(!err.contains("Line 3"), "{err}");
    assert!(stdout(&zh).contains("將匯入 2 筆"), "{}", stdout(&zh));
    // --lang wins over the locale.
    let en = run("zh_TW.UTF-8", &["--lang", "en"]);
    assert!(stderr(&en).contains("Line 3: asked_on:"), "{}", stderr(&en));
}

/// Every file under `dir`, with its bytes.
fn files_under(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    found.sort();
    found
}

#[test]
fn a_new_data_folder_is_set_up_encrypted_only_with_a_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let canary = "canary-眼皮-4417";
    let file = dir.path().join("cases.jsonl");
    std::fs::write(
        &file,
        format!("{{\"question\": {{\"title\": \"{canary}\", \"body\": \"{canary} body\", \"asked_on\": \"2024-05-01\"}}}}\n"),
    )
    .unwrap();

    // No passphrase, no key store: refused, and nothing is created.
    let refused = Command::new(env!("CARGO_BIN_EXE_casebook-cli"))
        .args([
            "--data-dir",
            data.to_str().unwrap(),
            "--no-key-store",
            "import",
        ])
        .arg(&file)
        .env_remove("CASEBOOK_PASSPHRASE_FILE")
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("give --passphrase-file FILE"),
        "{}",
        stderr(&refused)
    );
    assert!(!data.join("casebook.sqlite3").exists());

    let first = cli(&data, &["import", file.to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("recovery code"),
        "{}",
        stderr(&first)
    );
    assert!(stdout(&first).contains("Imported 1"), "{}", stdout(&first));
    for (path, bytes) in files_under(&data) {
        assert!(
            !bytes.windows(canary.len()).any(|w| w == canary.as_bytes()),
            "{} holds the canary",
            path.display()
        );
    }
    // The CLI's own book starts empty: only the imported case is found.
    let found = cli(&data, &["search", "canary", "--json"]);
    assert!(found.status.success(), "{}", stderr(&found));
    let hits: serde_json::Value = serde_json::from_str(&stdout(&found)).unwrap();
    assert_eq!(hits.as_array().map(Vec::len), Some(1), "{hits}");
    assert!(hits.to_string().contains("4417"), "{hits}");
}

#[test]
fn a_wrong_passphrase_fails_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(cli(&data, &["search", "anything"]).status.success());
    let before = files_under(&data);
    let wrong = dir.path().join("wrong.pass");
    std::fs::write(&wrong, "not the passphrase\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_casebook-cli"))
        .args(["--data-dir", data.to_str().unwrap(), "--no-key-store"])
        .env("CASEBOOK_PASSPHRASE_FILE", &wrong)
        .env("LANG", "C.UTF-8")
        .args(["search", "anything"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("does not unlock"), "{}", stderr(&out));
    assert_eq!(files_under(&data), before, "the data folder is unchanged");

    let missing = Command::new(env!("CARGO_BIN_EXE_casebook-cli"))
        .args(["--data-dir", data.to_str().unwrap(), "--no-key-store"])
        .env_remove("CASEBOOK_PASSPHRASE_FILE")
        .env("LANG", "C.UTF-8")
        .args(["search", "anything"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("encrypted and the key store has no key"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn a_plaintext_book_from_the_last_release_is_encrypted_in_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../core/tests/fixtures/release-0.1.0.sqlite3"
        ),
        dir.path().join("casebook.sqlite3"),
    )
    .unwrap();
    let export = dir.path().join("all.jsonl");
    let out = cli(
        dir.path(),
        &["export", "jsonl", "--out", export.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let header = std::fs::read(dir.path().join("casebook.sqlite3")).unwrap();
    assert!(!header.starts_with(b"SQLite format 3"));
    assert!(std::fs::read_to_string(&export).unwrap().lines().count() >= 1);
}

#[test]
fn the_passphrase_changes_with_the_current_one_and_the_old_one_stops_working() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(cli(&data, &["search", "x"]).status.success());
    let new = dir.path().join("new.pass");
    std::fs::write(&new, "新的 CLI passphrase\n").unwrap();
    let short = dir.path().join("short.pass");
    std::fs::write(&short, "short\n").unwrap();

    let refused = cli(
        &data,
        &[
            "passphrase",
            "change",
            "--new-passphrase-file",
            short.to_str().unwrap(),
        ],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("at least 8"),
        "{}",
        stderr(&refused)
    );

    let changed = cli(
        &data,
        &[
            "passphrase",
            "change",
            "--new-passphrase-file",
            new.to_str().unwrap(),
        ],
    );
    assert!(changed.status.success(), "{}", stderr(&changed));
    assert!(
        stdout(&changed).contains("Passphrase changed"),
        "{}",
        stdout(&changed)
    );

    let old = cli(&data, &["search", "x"]);
    assert_eq!(
        old.status.code(),
        Some(1),
        "the old passphrase no longer opens it"
    );
    let with_new = Command::new(env!("CARGO_BIN_EXE_casebook-cli"))
        .args(["--data-dir", data.to_str().unwrap(), "--no-key-store"])
        .arg("--passphrase-file")
        .arg(&new)
        .args(["search", "x"])
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert!(with_new.status.success(), "{}", stderr(&with_new));
}

#[test]
fn backup_then_verify_and_a_damaged_backup_fails_verify() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("good.jsonl");
    std::fs::write(&file, GOOD).unwrap();
    assert!(cli(&data, &["import", file.to_str().unwrap()])
        .status
        .success());

    let made = cli(&data, &["backup"]);
    assert!(made.status.success(), "{}", stderr(&made));
    assert!(
        stdout(&made).contains("Backed up 2 cases"),
        "{}",
        stdout(&made)
    );
    let elsewhere = dir.path().join("usb");
    let copied = cli(&data, &["backup", "--out", elsewhere.to_str().unwrap()]);
    assert!(copied.status.success(), "{}", stderr(&copied));
    let on_usb: Vec<_> = std::fs::read_dir(&elsewhere).unwrap().collect();
    assert_eq!(on_usb.len(), 1);

    let checked = cli(&data, &["verify"]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(
        stdout(&checked).contains("The case book is whole."),
        "{}",
        stdout(&checked)
    );
    assert!(
        stdout(&checked).contains("is whole."),
        "{}",
        stdout(&checked)
    );

    // Damage the backup's database: verify names it and fails.
    let backups = data.join("backups");
    let folder = std::fs::read_dir(&backups)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let database = folder.join("casebook.sqlite3");
    let mut bytes = std::fs::read(&database).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&database, bytes).unwrap();
    let failed = cli(&data, &["verify"]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        stdout(&failed).contains("is damaged"),
        "{}",
        stdout(&failed)
    );
    assert!(
        stderr(&failed).contains("1 check failed"),
        "{}",
        stderr(&failed)
    );
}

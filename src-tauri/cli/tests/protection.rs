//! The CLI on an encrypted case book: set-up only with a passphrase, a wrong
//! or missing one changes nothing, a plaintext book is encrypted in place, a
//! new passphrase, backups and their verification.

mod common;

use common::{cli, stderr, stdout, GOOD};
use std::path::Path;
use std::process::{Command, Stdio};

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
    let data = with_good_cases(dir.path());

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

/// A data folder set up with the test passphrase and the two GOOD cases.
fn with_good_cases(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    let file = dir.join("good.jsonl");
    std::fs::write(&file, GOOD).unwrap();
    let imported = cli(&data, &["import", file.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    data
}

/// The only backup folder in `backups` whose manifest says `reason`.
fn backup_made_for(backups: &Path, reason: &str) -> std::path::PathBuf {
    let found: Vec<_> = std::fs::read_dir(backups)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            std::fs::read_to_string(p.join("manifest.json"))
                .is_ok_and(|m| m.contains(&format!("\"reason\": \"{reason}\"")))
        })
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

fn titles(data: &Path) -> String {
    let found = cli(data, &["search", "眼皮"]);
    assert!(found.status.success(), "{}", stderr(&found));
    stdout(&found)
}

#[test]
fn an_import_is_backed_up_before_and_restore_puts_that_backup_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = with_good_cases(dir.path());

    // The second import is backed up before it runs.
    let second = dir.path().join("second.jsonl");
    std::fs::write(
        &second,
        r#"{"external_id": "t:3", "question": {"title": "眼皮又跳了", "body": "右眼", "asked_on": "2024-05-03"}}
"#,
    )
    .unwrap();
    let imported = cli(&data, &["import", second.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(
        stderr(&imported).contains("Backed up the case book before the import"),
        "{}",
        stderr(&imported)
    );
    assert!(titles(&data).contains("眼皮又跳了"));

    // An import that finds every case present writes nothing, and needs
    // no backup.
    let unchanged = cli(&data, &["import", second.to_str().unwrap()]);
    assert!(
        !stderr(&unchanged).contains("Backed up"),
        "{}",
        stderr(&unchanged)
    );

    let before_import = std::fs::read_dir(data.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            std::fs::read_to_string(p.join("manifest.json"))
                .is_ok_and(|m| m.contains("\"cases\": 2"))
        })
        .expect("the backup taken before the second import");
    let restored = cli(&data, &["restore", before_import.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", stderr(&restored));
    assert!(
        stdout(&restored).contains("Restored the backup from")
            && stdout(&restored).contains("(2 cases)"),
        "{}",
        stdout(&restored)
    );
    assert!(!titles(&data).contains("眼皮又跳了"));
    // The way back: the book as it was, kept before the restore.
    let safety = backup_made_for(&data.join("backups"), "before_restore");
    let back = cli(&data, &["restore", safety.to_str().unwrap()]);
    assert!(back.status.success(), "{}", stderr(&back));
    assert!(titles(&data).contains("眼皮又跳了"));
}

#[test]
fn a_backup_and_the_passphrase_make_a_new_data_folder_and_nothing_else_is_restored() {
    let dir = tempfile::tempdir().unwrap();
    let data = with_good_cases(dir.path());
    let usb = dir.path().join("usb");
    assert!(cli(&data, &["backup", "--out", usb.to_str().unwrap()])
        .status
        .success());
    let made = std::fs::read_dir(&usb)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();

    // A new computer: no passphrase, no restore, nothing written.
    let new_pc = dir.path().join("new-pc");
    let mut bare = Command::new(env!("CARGO_BIN_EXE_casebook-cli"));
    let refused = bare
        .args(["--no-key-store", "--data-dir", new_pc.to_str().unwrap()])
        .args(["restore", made.to_str().unwrap()])
        .env_remove("CASEBOOK_PASSPHRASE_FILE")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("--passphrase-file"),
        "{}",
        stderr(&refused)
    );
    assert!(!new_pc.join("casebook.sqlite3").exists());

    let restored = cli(
        &new_pc,
        &["restore", made.join("manifest.json").to_str().unwrap()],
    );
    assert!(restored.status.success(), "{}", stderr(&restored));
    assert!(titles(&new_pc).contains("眼皮跳"));

    // Another book's backup does not replace this one.
    let other = dir.path().join("other");
    assert!(cli(&other, &["backup"]).status.success());
    let theirs = std::fs::read_dir(other.join("backups"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let refused = cli(&new_pc, &["restore", theirs.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("of another case book"),
        "{}",
        stderr(&refused)
    );
    assert!(titles(&new_pc).contains("眼皮跳"));
    // Not a backup at all.
    let refused = cli(&new_pc, &["restore", dir.path().to_str().unwrap()]);
    assert!(
        stderr(&refused).contains("is not a Casebook backup"),
        "{}",
        stderr(&refused)
    );
}

/// Every file under `dir` (the database, its log, the key file, backups).
fn holds(dir: &Path, needle: &str) -> Vec<std::path::PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|(path, _)| path)
        .collect()
}

#[test]
fn a_canary_in_every_field_is_in_no_file_after_import_backup_export_and_a_kill() {
    const CANARY: &str = "canary-金絲雀-4417";
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("canary.jsonl");
    std::fs::write(
        &file,
        format!(
            r#"{{"external_id": "c:1", "status": "answered", "question": {{"title": "{CANARY} title", "body": "{CANARY} question", "asker": "{CANARY} asker", "asked_on": "2024-05-01"}}, "reply": {{"body": "{CANARY} reply", "clinician": "Dr. Lin"}}, "follow_ups": [{{"due_on": "2024-06-01", "reason": "{CANARY} follow-up", "state": "pending"}}], "addenda": [{{"body": "{CANARY} addendum", "clinician": "Dr. Lin", "created_at": "2024-05-03T10:00:00Z"}}]}}
"#
        ),
    )
    .unwrap();
    let imported = cli(&data, &["import", file.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(
        stdout(&imported).contains("Imported 1"),
        "{}",
        stdout(&imported)
    );
    assert!(cli(&data, &["backup"]).status.success());
    let out = dir.path().join("exports");
    std::fs::create_dir_all(&out).unwrap();
    let exported = cli(
        &data,
        &[
            "export",
            "jsonl",
            "--out",
            out.join("all.jsonl").to_str().unwrap(),
        ],
    );
    assert!(exported.status.success(), "{}", stderr(&exported));

    // A long import killed mid-write.
    let big: String = (0..20_000)
        .map(|i| {
            format!(
                r#"{{"external_id": "k:{i}", "question": {{"title": "{CANARY} killed {i}", "body": "{CANARY} body", "asked_on": "2024-05-01"}}}}
"#
            )
        })
        .collect();
    let big_file = dir.path().join("big.jsonl");
    std::fs::write(&big_file, big).unwrap();
    let mut running = common::casebook_cli(&data)
        .args(["import", big_file.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The check, the backup before the import, then the import itself.
    std::thread::sleep(std::time::Duration::from_millis(1200));
    assert!(running.try_wait().unwrap().is_none(), "killed while it ran");
    let _ = running.kill();
    let _ = running.wait();

    assert_eq!(holds(&data, CANARY), Vec::<std::path::PathBuf>::new());
    assert_eq!(holds(&data, "金絲雀"), Vec::<std::path::PathBuf>::new());
    assert!(
        files_under(&data)
            .iter()
            .any(|(p, _)| p.ends_with("manifest.json")),
        "the backup is under the data folder"
    );
    // Exports are plaintext by nature (the export dialog says so).
    assert!(!holds(&out, CANARY).is_empty());

    // Unlocked again: search finds it.
    let found = cli(&data, &["search", CANARY]);
    assert!(found.status.success(), "{}", stderr(&found));
    assert!(stdout(&found).contains("title"), "{}", stdout(&found));
}

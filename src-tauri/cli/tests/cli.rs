//! The CLI as clinic IT uses it: real process, real files, exit codes.

use std::path::Path;
use std::process::{Command, Output};

fn cli(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casebook-cli"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("CASEBOOK_DATA_DIR")
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
        "imported 2, skipped 0 (0 already present, 0 invalid)"
    );
    let again = cli(&data, &["import", file.to_str().unwrap()]);
    assert_eq!(
        stdout(&again).trim(),
        "imported 0, skipped 2 (2 already present, 0 invalid)"
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
        stderr(&strict).contains("line 3: not a valid case record: missing field `body`"),
        "{}",
        stderr(&strict)
    );
    assert!(stderr(&strict).contains("nothing imported (--strict)"));
    // Nothing was written: a normal import now adds both good lines.
    let normal = cli(&data, &["import", file.to_str().unwrap()]);
    assert!(normal.status.success());
    assert!(
        stdout(&normal).starts_with("imported 2, skipped 1"),
        "{}",
        stdout(&normal)
    );
}

#[test]
fn failures_are_one_line_with_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let missing = cli(dir.path(), &["import", "/no/such/file.jsonl"]);
    assert_eq!(missing.status.code(), Some(1));
    let err = stderr(&missing);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("casebook-cli: cannot read /no/such/file.jsonl"),
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

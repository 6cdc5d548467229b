//! The CLI as clinic IT uses it: real process, real files, exit codes.

mod common;

use common::{casebook_cli, cli, stderr, stdout, GOOD};
use std::io::Read;
use std::path::Path;
use std::process::Stdio;

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

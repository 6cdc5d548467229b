//! What the CLI's integration tests share: the CLI on a data folder set up
//! with a test passphrase (never the developer's key store), its output as
//! text, and a small valid import file.
#![allow(dead_code)] // each test file uses its own part of it

use std::path::Path;
use std::process::{Command, Output};

/// The passphrase file every test's data folder is set up and unlocked with.
pub fn passphrase_file() -> &'static Path {
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
pub fn casebook_cli(data_dir: &Path) -> Command {
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

pub fn cli(data_dir: &Path, args: &[&str]) -> Output {
    casebook_cli(data_dir)
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub const GOOD: &str = r#"{"external_id": "t:1", "question": {"title": "眼皮跳", "body": "左眼皮一直跳", "asked_on": "2024-05-01"}}
{"external_id": "t:2", "question": {"title": "Twitch", "body": "My eye", "asked_on": "2024-05-02"}}
"#;

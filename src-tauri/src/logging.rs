//! The log file a clinic can send to support: what happened, never what a
//! patient wrote.
//!
//! tauri-plugin-log writes `casebook.log` in the platform's log folder
//! (`~/.local/share/tw.casebook.app/logs/` on Linux,
//! `%LOCALAPPDATA%\tw.casebook.app\logs\` on Windows,
//! `~/Library/Logs/tw.casebook.app/` on macOS) and to stderr. At 1 MB the
//! file is set aside with the date in its name; the five newest are kept.
//!
//! What goes in: events (started, case book opened, a second launch turned
//! away, a reminder that could not be shown) and error *codes*
//! ([`failure`]: `storage: DiskFull (13)`, `io: PermissionDenied`, the field
//! an input was refused for). What never goes in: case text, SQL parameters,
//! anything a clinician typed, error messages (they may quote input), file
//! names chosen in dialogs, panic messages. Casebook's own records are kept
//! from `info` up; other crates' only from `warn` up.

use casebook_core::CoreError;
use tauri::plugin::TauriPlugin;
use tauri::Runtime;
use tauri_plugin_log::{RotationStrategy, Target, TargetKind, TimezoneStrategy};

/// The log file's name in the log folder (`casebook.log`).
pub const FILE_NAME: &str = "casebook";

/// Size at which the log file is set aside and a new one started.
const MAX_FILE_BYTES: u128 = 1_000_000;

/// The logging plugin: the log folder and stderr.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .targets([
            Target::new(TargetKind::LogDir {
                file_name: Some(FILE_NAME.into()),
            }),
            Target::new(TargetKind::Stderr),
        ])
        .level(log::LevelFilter::Warn)
        .level_for(env!("CARGO_CRATE_NAME"), log::LevelFilter::Info)
        .max_file_size(MAX_FILE_BYTES)
        .rotation_strategy(RotationStrategy::KeepSome(5))
        .timezone_strategy(TimezoneStrategy::UseUtc)
        .build()
}

/// A failure as the log names it: its code and, for storage and file
/// errors, the operating system's or SQLite's code; never the message.
pub fn failure(e: &CoreError) -> String {
    match e {
        // SQLite's own text can quote a value; its codes cannot.
        CoreError::Storage(e) => match e.sqlite_error() {
            Some(sqlite) => format!("storage: {:?} ({})", sqlite.code, sqlite.extended_code),
            None => "storage".into(),
        },
        // The message's key names the problem; its arguments (paths,
        // typed values) are never logged.
        _ => {
            let key = e.message().key;
            match e.field() {
                Some(field) => format!("{} (field {field}): {key}", e.code().as_str()),
                None => format!("{}: {key}", e.code().as_str()),
            }
        }
    }
}

/// Records that a command failed (called where core errors become IPC
/// errors). Refusals of input are routine (`info`); the rest are `warn`.
pub fn command_failed(e: &CoreError) {
    match e {
        CoreError::Invalid { .. }
        | CoreError::NotFound(_)
        | CoreError::Conflict(_)
        | CoreError::Locked(_) => {
            log::info!("a request was refused: {}", failure(e));
        }
        _ => log::warn!("a request failed: {}", failure(e)),
    }
}

/// Puts a line in the log when a thread panics: where, not what (a panic's
/// message can quote data). The default hook still prints the whole message
/// on stderr for a developer.
pub fn record_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        match info.location() {
            Some(at) => log::error!("panic at {}:{}", at.file(), at.line()),
            None => log::error!("panic"),
        }
        default(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use casebook_core::msg;

    #[test]
    fn failures_are_named_by_code_never_by_their_message() {
        let typed = "王小明 has a twitching eyelid";
        let cases = [
            (
                CoreError::invalid(
                    "title",
                    msg!("field.too_long", what = typed, chars = 9, limit = 1),
                ),
                "invalid (field title): field.too_long",
            ),
            (
                CoreError::NotFound(msg!("case.not_found", id = typed)),
                "not_found: case.not_found",
            ),
            (
                CoreError::Conflict(msg!("reply.locked", id = typed)),
                "conflict: reply.locked",
            ),
            (
                CoreError::Unavailable(msg!("store.cannot_open", path = typed, reason = typed)),
                "unavailable: store.cannot_open",
            ),
            (
                std::io::Error::new(std::io::ErrorKind::PermissionDenied, typed).into(),
                "io: error.io",
            ),
            (
                std::io::Error::from_raw_os_error(28).into(),
                "io: error.disk_full",
            ),
        ];
        for (error, expected) in cases {
            let error: CoreError = error;
            assert_eq!(failure(&error), expected);
        }
    }

    #[test]
    fn a_database_failure_is_named_by_sqlite_code_not_by_its_text() {
        let store = casebook_core::Store::open_in_memory().unwrap();
        let typed = "王小明";
        // SQLite's message quotes the name ("no such table: 王小明").
        let err = store
            .conn()
            .execute_batch(&format!("SELECT * FROM \"{typed}\""))
            .unwrap_err();
        assert!(err.to_string().contains(typed), "{err}");
        let text = failure(&CoreError::Storage(err));
        assert!(text.starts_with("storage: "), "{text}");
        assert!(!text.contains(typed), "{text}");
    }
}

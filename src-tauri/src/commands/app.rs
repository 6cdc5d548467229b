//! Facts about the running app (version, where the data lives).

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::CommandResult;
use crate::state::Casebook;

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
}

/// Fails with `unavailable` when the case book could not be opened, so the
/// UI can show why instead of an empty inbox.
#[tauri::command]
pub async fn app_info(state: State<'_, Casebook>) -> CommandResult<AppInfo> {
    let book = state.book()?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: state.data_dir.display().to_string(),
        database_path: book
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
    })
}

/// Set to have the app print `casebook: inbox shown` on standard output when
/// the inbox first paints rows (`npm run bench:app` times launches with it).
pub const REPORT_LAUNCH_ENV: &str = "CASEBOOK_REPORT_LAUNCH";

/// The inbox painted its first rows (sent once per launch by the UI).
#[tauri::command]
pub fn inbox_shown() {
    if std::env::var_os(REPORT_LAUNCH_ENV).is_some() {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "casebook: inbox shown");
        let _ = out.flush();
    }
}

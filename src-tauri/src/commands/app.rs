//! Facts about the running app (version, where the data lives).

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::CommandResult;
use crate::launch::LaunchMarks;
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

/// The inbox painted its first rows (sent once per launch by the UI, with
/// the page's own launch marks): see [`crate::launch`].
#[tauri::command]
pub fn inbox_shown(marks: Option<LaunchMarks>) {
    crate::launch::inbox_shown(marks);
}

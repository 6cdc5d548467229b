//! Facts about the running app (version, where the data lives).

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::CommandResult;
use crate::launch::LaunchMarks;
use crate::state::{AccessState, Casebook};

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
    /// Open, locked, or waiting to be set up: which screen the window shows.
    pub access: AccessState,
    /// Why the OS key store did not open the book (the lock screen says it).
    pub lock_notice: Option<casebook_core::Message>,
}

/// Fails with `unavailable` when the case book could not be opened, so the
/// UI can show why instead of an empty inbox.
#[tauri::command]
pub async fn app_info(state: State<'_, Casebook>) -> CommandResult<AppInfo> {
    let access = state.access_state()?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: state.data_dir.display().to_string(),
        database_path: state
            .data_dir
            .join(casebook_core::store::DATABASE_FILE)
            .display()
            .to_string(),
        access,
        lock_notice: state.lock_notice(),
    })
}

/// The inbox painted its first rows (sent once per launch by the UI, with
/// the page's own launch marks): see [`crate::launch`].
#[tauri::command]
pub fn inbox_shown(marks: Option<LaunchMarks>) {
    crate::launch::inbox_shown(marks);
}

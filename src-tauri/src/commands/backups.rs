//! Backups in Settings: where they go, the list (dates, why, how many
//! cases), Back up now, and Restore. The rules are `casebook_core::backup`'s;
//! the copying runs on a blocking thread.

use std::path::Path;

use casebook_core::backup::{Backup, BackupReason};
use casebook_core::{msg, CoreError, Now};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use ts_rs::TS;

use super::dialogs::pick_folder;
use crate::error::{CommandError, CommandResult};
use crate::state::{blocking_command, Casebook, When};

/// One backup, as the list shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupInfo {
    /// Its folder (what Restore is given).
    pub folder: String,
    /// ISO-8601 UTC.
    pub created_at: String,
    pub reason: BackupReason,
    #[ts(type = "number")]
    pub cases: i64,
    #[ts(type = "number")]
    pub size: u64,
}

impl From<Backup> for BackupInfo {
    fn from(b: Backup) -> BackupInfo {
        BackupInfo {
            folder: b.folder.display().to_string(),
            cases: b.manifest.cases(),
            created_at: b.manifest.created_at,
            reason: b.manifest.reason,
            size: b.manifest.size,
        }
    }
}

/// The Backups section of Settings.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupOverview {
    pub folder: String,
    /// False: the default folder beside the database.
    pub chosen: bool,
    /// Newest first.
    pub backups: Vec<BackupInfo>,
    /// Why the last backup (automatic or not) failed, if it did.
    pub last_failure: Option<CommandError>,
}

#[tauri::command]
pub async fn backup_overview<R: Runtime>(app: AppHandle<R>) -> CommandResult<BackupOverview> {
    blocking_command(move || {
        let state = app.state::<Casebook>();
        let (folder, chosen) = state.backup_folder()?;
        Ok(BackupOverview {
            folder: folder.display().to_string(),
            chosen,
            backups: state
                .list_backups()?
                .into_iter()
                .map(BackupInfo::from)
                .collect(),
            last_failure: state.last_backup_failure(),
        })
    })
    .await
}

/// Backs up now (checked, then old ones thinned).
#[tauri::command]
pub async fn back_up_now<R: Runtime>(app: AppHandle<R>) -> CommandResult<BackupInfo> {
    blocking_command(move || {
        let made = app.state::<Casebook>().back_up_when(
            When::Always,
            BackupReason::Manual,
            Now::system(),
        )?;
        made.map(BackupInfo::from)
            .ok_or_else(|| CoreError::Internal(msg!("error.internal")).into())
    })
    .await
}

/// Puts the backup in `folder` in place of the case book; returns the
/// backup of the book as it was just before (the way back).
#[tauri::command]
pub async fn restore_backup<R: Runtime>(
    app: AppHandle<R>,
    folder: String,
) -> CommandResult<BackupInfo> {
    blocking_command(move || {
        let safety = app
            .state::<Casebook>()
            .restore(Path::new(&folder), Now::system())?;
        Ok(safety.into())
    })
    .await
}

/// Picks another backup folder (checked writable); `null` when cancelled.
#[tauri::command]
pub async fn choose_backup_folder<R: Runtime>(app: AppHandle<R>) -> CommandResult<Option<String>> {
    let Some(folder) = pick_folder(&app) else {
        return Ok(None);
    };
    let shown = folder.display().to_string();
    app.state::<Casebook>()
        .write(move |s| casebook_core::backup::choose_folder(s.conn(), Some(&folder)))
        .await?;
    Ok(Some(shown))
}

/// Backups go beside the database again.
#[tauri::command]
pub async fn use_default_backup_folder(state: State<'_, Casebook>) -> CommandResult<()> {
    state
        .write(|s| casebook_core::backup::choose_folder(s.conn(), None))
        .await
}

//! Commands for importing cases (interchange JSON Lines or the CSV export's
//! columns): pick a file, preview what it would do, apply it. What an import
//! does is `casebook_core::import`'s. The file is checked on a reader; only
//! the writing holds the writer, so reads go on meanwhile and other writes
//! (an autosave) wait for it and then commit. An import that will write is
//! preceded by a backup when the newest one lacks changes.

use std::path::Path;

use casebook_core::export::batch::Progress;
use casebook_core::import::{self, ImportReport};
use casebook_core::Now;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use super::dialogs::open_path;
use crate::error::CommandResult;
use crate::state::{Casebook, When};
use casebook_core::backup::BackupReason;
use tauri::Manager;

/// Picks a .jsonl or .csv file to import; `null` when cancelled.
#[tauri::command]
pub async fn choose_import_file<R: Runtime>(app: AppHandle<R>) -> CommandResult<Option<String>> {
    let kind = casebook_core::msg!("dialog.case_files");
    Ok(open_path(&app, kind, &["jsonl", "csv"]).map(|p| p.display().to_string()))
}

/// Reads and checks the file; writes nothing.
#[tauri::command]
pub async fn preview_import(
    state: State<'_, Casebook>,
    path: String,
) -> CommandResult<ImportReport> {
    let today = Now::system().today;
    state
        .read(move |c| Ok(import::check_path(c, Path::new(&path), today)?.preview()))
        .await
}

/// Imports the file's valid lines in one transaction; `cancel_job(job)`
/// stops it, and a cancelled import writes nothing (`cancelled` is set).
#[tauri::command]
pub async fn apply_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Casebook>,
    path: String,
    job: String,
    on_progress: Channel<Progress>,
) -> CommandResult<ImportReport> {
    let job = state.jobs.start(&job);
    let now = Now::system();
    let plan = state
        .read(move |c| import::check_path(c, Path::new(&path), now.today))
        .await?;
    if !plan.ready.is_empty() {
        // The book as it was, unless the newest backup already holds it.
        let app = app.clone();
        crate::state::blocking_command(move || {
            app.state::<Casebook>()
                .back_up_when(When::Needed, BackupReason::BeforeImport, now)
        })
        .await?;
    }
    state
        .write(move |s| {
            import::apply_with_progress(
                s,
                &plan,
                now,
                &|p| {
                    let _ = on_progress.send(p);
                },
                job.token(),
            )
        })
        .await
}

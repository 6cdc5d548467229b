//! Commands for exporting cases: one case or a batch to PDF, every case to
//! JSON Lines or CSV.
//!
//! What an export does is decided in the core (`casebook_core::export`);
//! these commands open the native dialogs ([`super::dialogs`]), move the
//! work onto a blocking thread, report progress on a Tauri channel and keep
//! each job's cancel token ([`crate::jobs`]). Long exports read through a
//! connection of their own, so the window keeps working.

use std::path::{Path, PathBuf};

use casebook_core::export;
use casebook_core::export::batch::{self, BatchOutcome, BatchSelection, Destination};
use casebook_core::export::batch::{PlannedFile, Progress};
use casebook_core::export::files::{combined_pdf_name, records_name};
use casebook_core::export::records::{self, RecordsFormat, Written};
use casebook_core::Now;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};

use super::dialogs::{pick_folder, save_path};
use crate::error::CommandResult;
use crate::state::{blocking, Casebook};

/// Exports one case through the native save dialog; the path written, or
/// `null` when the clinician cancelled. The dialog asks before replacing.
#[tauri::command]
pub async fn export_case_pdf<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
) -> CommandResult<Option<String>> {
    let state = app.state::<Casebook>();
    let case = state.read(move |c| export::prepare_case(c, id)).await?;
    let Some(path) = save_path(&app, &case.file_name(), "PDF", &["pdf"]) else {
        return Ok(None);
    };
    blocking(move || {
        case.write(&path, true, Now::system())?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// Picks a folder for a one-PDF-per-case export; `null` when cancelled.
#[tauri::command]
pub async fn choose_export_folder<R: Runtime>(app: AppHandle<R>) -> CommandResult<Option<String>> {
    Ok(pick_folder(&app).map(|p| p.display().to_string()))
}

/// The files a folder export would write, with those that already exist
/// marked, so the UI can ask before replacing them.
#[tauri::command]
pub async fn plan_pdf_folder(
    state: State<'_, Casebook>,
    selection: BatchSelection,
    folder: String,
) -> CommandResult<Vec<PlannedFile>> {
    state
        .read(move |c| batch::plan_selection(c, &selection, Path::new(&folder)))
        .await
}

/// One PDF per case into `folder` (after [`plan_pdf_folder`]).
#[tauri::command]
pub async fn export_pdf_folder(
    state: State<'_, Casebook>,
    selection: BatchSelection,
    folder: String,
    overwrite: bool,
    job: String,
    on_progress: Channel<Progress>,
) -> CommandResult<BatchOutcome> {
    let dest = Destination::Folder(PathBuf::from(folder));
    run_batch(&state, selection, dest, overwrite, &job, on_progress).await
}

/// All selected cases in one PDF, through the save dialog; `null` when cancelled.
#[tauri::command]
pub async fn export_pdf_combined<R: Runtime>(
    app: AppHandle<R>,
    selection: BatchSelection,
    job: String,
    on_progress: Channel<Progress>,
) -> CommandResult<Option<BatchOutcome>> {
    let name = combined_pdf_name(Now::system().today);
    let Some(dest) = save_path(&app, &name, "PDF", &["pdf"]) else {
        return Ok(None);
    };
    let state = app.state::<Casebook>();
    let dest = Destination::Combined(dest);
    run_batch(&state, selection, dest, true, &job, on_progress)
        .await
        .map(Some)
}

/// Every case as JSON Lines or CSV, through the save dialog.
#[tauri::command]
pub async fn export_records<R: Runtime>(
    app: AppHandle<R>,
    format: RecordsFormat,
    job: String,
    on_progress: Channel<Progress>,
) -> CommandResult<Option<BatchOutcome>> {
    let name = records_name(format, Now::system().today);
    let Some(dest) = save_path(&app, &name, format.label(), &[format.extension()]) else {
        return Ok(None);
    };
    let state = app.state::<Casebook>();
    let book = state.book()?;
    let job = state.jobs.start(&job);
    blocking(move || {
        let reader = book.reader()?;
        let progress = |p: Progress| {
            let _ = on_progress.send(p);
        };
        // The dialog already asked about replacing an existing file.
        let written =
            records::export_to(reader.conn(), format, &dest, true, &progress, job.token())?;
        Ok(Some(BatchOutcome {
            cancelled: written == Written::Cancelled,
            written: match written {
                Written::Complete(_) => vec![dest.display().to_string()],
                Written::Cancelled => vec![],
            },
        }))
    })
    .await
}

/// Stops the export named `job` (a no-op when it already finished).
#[tauri::command]
pub async fn cancel_job(state: State<'_, Casebook>, job: String) -> CommandResult<bool> {
    Ok(state.jobs.cancel(&job))
}

async fn run_batch(
    state: &Casebook,
    selection: BatchSelection,
    dest: Destination,
    overwrite: bool,
    job: &str,
    on_progress: Channel<Progress>,
) -> CommandResult<BatchOutcome> {
    let book = state.book()?;
    let job = state.jobs.start(job);
    blocking(move || {
        let reader = book.reader()?;
        let conn = reader.conn();
        let progress = move |p: Progress| {
            let _ = on_progress.send(p);
        };
        let settings = export::pdf_settings(conn)?;
        batch::export_selection(
            conn,
            &selection,
            &dest,
            settings,
            overwrite,
            &progress,
            job.token(),
            Now::system(),
        )
    })
    .await
}

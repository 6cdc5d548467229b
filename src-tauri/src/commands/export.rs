//! Commands for exporting (PDF, JSON Lines, CSV) and importing cases.
//!
//! Native dialogs are opened here, on the Rust side (tauri-plugin-dialog),
//! so the UI only asks "export this" and gets a path or `null` (cancelled).
//! Test hook: a DEBUG build honours `CASEBOOK_E2E_SAVE_PATH` (and
//! `CASEBOOK_E2E_OPEN_PATH` for import) instead of showing the dialog,
//! because WebDriver cannot drive native dialogs; release builds ignore them.
//!
//! Long work runs on a blocking thread with its own connection to the case
//! book (WAL lets it read while the UI keeps working), reports progress on a
//! Tauri channel, and stops when [`cancel_export`] is called.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use casebook_core::export::batch::{self, BatchJob, BatchOutcome, PlannedFile, Progress};
use casebook_core::export::files::{case_file_name, AtomicFile};
use casebook_core::export::records::{self, Written};
use casebook_core::export::{self, pdf, PdfSettings};
use casebook_core::import::{self, ImportReport};
use casebook_core::{CoreError, Now, Store};
use chrono::NaiveDate;
use serde::Deserialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::error::{CommandError, CommandResult};
use crate::state::Casebook;

/// Set by [`cancel_export`]; cleared when an export starts.
static CANCEL: AtomicBool = AtomicBool::new(false);

/// Which cases a batch covers: the ones picked in the inbox, or all answered
/// cases between two dates (inclusive) and/or in a department.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct BatchSelection {
    #[ts(type = "number[] | null")]
    pub ids: Option<Vec<i64>>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub department: Option<String>,
}

/// The records formats.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RecordsFormat {
    Jsonl,
    Csv,
}

#[tauri::command]
pub async fn export_settings(state: State<'_, Casebook>) -> CommandResult<PdfSettings> {
    Ok(export::pdf_settings(state.store()?.conn())?)
}

#[tauri::command]
pub async fn set_export_settings(
    state: State<'_, Casebook>,
    settings: PdfSettings,
) -> CommandResult<PdfSettings> {
    let store = state.store()?;
    export::set_pdf_settings(store.conn(), settings)?;
    Ok(export::pdf_settings(store.conn())?)
}

/// Picks an image and stores it as the letterhead logo; `false` when the
/// dialog was cancelled. A file that is not an image is refused.
#[tauri::command]
pub async fn choose_letterhead_logo<R: Runtime>(app: AppHandle<R>) -> CommandResult<bool> {
    let Some(path) = open_path(&app, "Image", &["png", "jpg", "jpeg", "gif", "webp"]) else {
        return Ok(false);
    };
    let bytes = read(&path)?;
    let state = app.state::<Casebook>();
    export::set_logo(state.store()?.conn(), Some(&bytes), Now::system())?;
    Ok(true)
}

#[tauri::command]
pub async fn remove_letterhead_logo(state: State<'_, Casebook>) -> CommandResult<()> {
    Ok(export::set_logo(
        state.store()?.conn(),
        None,
        Now::system(),
    )?)
}

/// Exports one case through the native save dialog; the path written, or
/// `null` when the clinician cancelled. The dialog asks before replacing.
#[tauri::command]
pub async fn export_case_pdf<R: Runtime>(
    app: AppHandle<R>,
    id: i64,
) -> CommandResult<Option<String>> {
    let state = app.state::<Casebook>();
    let (print, head, settings) = {
        let store = state.store()?;
        let conn = store.conn();
        (
            export::gather(conn, id)?,
            export::letterhead(conn)?,
            export::pdf_settings(conn)?,
        )
    };
    let name = case_file_name(&print.number, &print.asked_on);
    let Some(path) = save_path(&app, &name, "PDF", &["pdf"]) else {
        return Ok(None);
    };
    blocking(move || {
        let bytes = pdf::render(&print, &head, &settings, Now::system())?;
        // The dialog already asked about replacing an existing file.
        export::files::write_atomic(&path, &bytes, true)?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// Picks a folder for a one-PDF-per-case export; `null` when cancelled.
#[tauri::command]
pub async fn choose_export_folder<R: Runtime>(app: AppHandle<R>) -> CommandResult<Option<String>> {
    if let Some(path) = e2e_path("CASEBOOK_E2E_SAVE_PATH") {
        return Ok(Some(path.display().to_string()));
    }
    Ok(app
        .dialog()
        .file()
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string()))
}

/// The files a folder export would write, with those that already exist
/// marked, so the UI can ask before replacing them.
#[tauri::command]
pub async fn plan_pdf_folder(
    state: State<'_, Casebook>,
    selection: BatchSelection,
    folder: String,
) -> CommandResult<Vec<PlannedFile>> {
    let store = state.store()?;
    let ids = selected(&store, &selection)?;
    Ok(batch::plan_folder(store.conn(), &ids, Path::new(&folder))?)
}

/// One PDF per case into `folder` (after [`plan_pdf_folder`]).
#[tauri::command]
pub async fn export_pdf_folder<R: Runtime>(
    app: AppHandle<R>,
    selection: BatchSelection,
    folder: String,
    overwrite: bool,
    on_progress: Channel<Progress>,
) -> CommandResult<BatchOutcome> {
    let path = db_path(&app)?;
    blocking(move || {
        let store = Store::open(&path)?;
        let ids = selected(&store, &selection)?;
        run_batch(
            &store,
            |job| batch::export_folder(store.conn(), &ids, Path::new(&folder), job),
            overwrite,
            on_progress,
        )
    })
    .await
}

/// All selected cases in one PDF, through the save dialog; `null` when cancelled.
#[tauri::command]
pub async fn export_pdf_combined<R: Runtime>(
    app: AppHandle<R>,
    selection: BatchSelection,
    on_progress: Channel<Progress>,
) -> CommandResult<Option<BatchOutcome>> {
    let name = format!("casebook-cases_{}.pdf", Now::system().today);
    let Some(dest) = save_path(&app, &name, "PDF", &["pdf"]) else {
        return Ok(None);
    };
    let path = db_path(&app)?;
    blocking(move || {
        let store = Store::open(&path)?;
        let ids = selected(&store, &selection)?;
        run_batch(
            &store,
            |job| batch::export_combined(store.conn(), &ids, &dest, job),
            true,
            on_progress,
        )
        .map(Some)
    })
    .await
}

/// Every case as JSON Lines or CSV, through the save dialog.
#[tauri::command]
pub async fn export_records<R: Runtime>(
    app: AppHandle<R>,
    format: RecordsFormat,
    on_progress: Channel<Progress>,
) -> CommandResult<Option<BatchOutcome>> {
    let today = Now::system().today;
    let (name, label, ext) = match format {
        RecordsFormat::Jsonl => (format!("casebook_{today}.jsonl"), "JSON Lines", "jsonl"),
        RecordsFormat::Csv => (format!("casebook_{today}.csv"), "CSV", "csv"),
    };
    let Some(dest) = save_path(&app, &name, label, &[ext]) else {
        return Ok(None);
    };
    let path = db_path(&app)?;
    blocking(move || {
        CANCEL.store(false, Ordering::Relaxed);
        let store = Store::open(&path)?;
        let ids = records::all_ids(store.conn())?;
        let mut file = AtomicFile::create(&dest, true)?;
        let progress = |p: Progress| {
            let _ = on_progress.send(p);
        };
        let written = {
            let mut out = std::io::BufWriter::new(&mut file);
            let w = match format {
                RecordsFormat::Jsonl => {
                    records::write_jsonl(store.conn(), &ids, &mut out, &progress, &CANCEL)
                }
                RecordsFormat::Csv => {
                    records::write_csv(store.conn(), &ids, &mut out, &progress, &CANCEL)
                }
            }?;
            std::io::Write::flush(&mut out).map_err(CoreError::Io)?;
            w
        };
        Ok(Some(match written {
            Written::Complete(_) => {
                file.commit()?;
                BatchOutcome {
                    written: vec![dest.display().to_string()],
                    cancelled: false,
                }
            }
            Written::Cancelled => BatchOutcome {
                written: vec![],
                cancelled: true,
            },
        }))
    })
    .await
}

#[tauri::command]
pub async fn cancel_export() -> CommandResult<()> {
    CANCEL.store(true, Ordering::Relaxed);
    Ok(())
}

/// Picks a .jsonl or .csv file to import; `null` when cancelled.
#[tauri::command]
pub async fn choose_import_file<R: Runtime>(app: AppHandle<R>) -> CommandResult<Option<String>> {
    Ok(open_path(&app, "Cases", &["jsonl", "csv"]).map(|p| p.display().to_string()))
}

/// Reads and checks the file; writes nothing.
#[tauri::command]
pub async fn preview_import(
    state: State<'_, Casebook>,
    path: String,
) -> CommandResult<ImportReport> {
    let bytes = read(Path::new(&path))?;
    let store = state.store()?;
    Ok(plan(&store, &path, &bytes)?.preview())
}

/// Imports the file's valid lines in one transaction.
#[tauri::command]
pub async fn apply_import(
    state: State<'_, Casebook>,
    path: String,
    on_progress: Channel<Progress>,
) -> CommandResult<ImportReport> {
    let bytes = read(Path::new(&path))?;
    let mut store = state.store()?;
    let plan = plan(&store, &path, &bytes)?;
    Ok(import::apply_with_progress(
        &mut store,
        &plan,
        Now::system(),
        &|p| {
            let _ = on_progress.send(p);
        },
    )?)
}

fn plan(store: &Store, path: &str, bytes: &[u8]) -> Result<import::ImportPlan, CoreError> {
    import::check_file(store.conn(), Path::new(path), bytes, Now::system().today)
}

fn run_batch(
    store: &Store,
    work: impl FnOnce(&BatchJob) -> Result<BatchOutcome, CoreError>,
    overwrite: bool,
    on_progress: Channel<Progress>,
) -> Result<BatchOutcome, CoreError> {
    CANCEL.store(false, Ordering::Relaxed);
    let head = export::letterhead(store.conn())?;
    let settings = export::pdf_settings(store.conn())?;
    let progress = move |p: Progress| {
        let _ = on_progress.send(p);
    };
    let job = BatchJob {
        head: &head,
        settings,
        now: Now::system(),
        overwrite,
        progress: &progress,
        cancel: &CANCEL,
    };
    work(&job)
}

fn selected(store: &Store, s: &BatchSelection) -> Result<Vec<i64>, CoreError> {
    let conn = store.conn();
    if let Some(ids) = &s.ids {
        return Ok(ids.clone());
    }
    let date = |field: &str, v: &Option<String>| {
        v.as_deref()
            .filter(|d| !d.is_empty())
            .map(|d| {
                NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                    CoreError::invalid(field, format!("{d:?} is not a date (YYYY-MM-DD)."))
                })
            })
            .transpose()
    };
    let ids = export::answered_between(
        conn,
        date("since", &s.since)?,
        date("until", &s.until)?,
        s.department.as_deref().filter(|d| !d.is_empty()),
    )?;
    if ids.is_empty() {
        return Err(CoreError::invalid("cases", "No answered cases match."));
    }
    Ok(ids)
}

fn db_path<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf, CommandError> {
    let state = app.state::<Casebook>();
    let store = state.store()?;
    store.path().map(Path::to_path_buf).ok_or_else(|| {
        CoreError::Unavailable("The case book has no file to read from.".into()).into()
    })
}

fn read(path: &Path) -> Result<Vec<u8>, CommandError> {
    std::fs::read(path).map_err(|e| {
        CommandError::from(CoreError::Io(std::io::Error::new(
            e.kind(),
            format!("{}: {e}", path.display()),
        )))
    })
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, CoreError> + Send + 'static,
) -> CommandResult<T> {
    match tauri::async_runtime::spawn_blocking(f).await {
        Ok(result) => Ok(result?),
        Err(e) => Err(CoreError::Conflict(format!("The export stopped unexpectedly: {e}")).into()),
    }
}

/// A debug build's test hook (see the module comment).
fn e2e_path(var: &str) -> Option<PathBuf> {
    if cfg!(debug_assertions) {
        std::env::var_os(var)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    } else {
        None
    }
}

/// The path picked in the native Save dialog (which asks before replacing a
/// file), or the test hook's; `None` when cancelled.
pub(crate) fn save_path<R: Runtime>(
    app: &AppHandle<R>,
    name: &str,
    label: &str,
    ext: &[&str],
) -> Option<PathBuf> {
    if let Some(path) = e2e_path("CASEBOOK_E2E_SAVE_PATH") {
        return Some(path);
    }
    app.dialog()
        .file()
        .set_file_name(name)
        .add_filter(label, ext)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

fn open_path<R: Runtime>(app: &AppHandle<R>, label: &str, ext: &[&str]) -> Option<PathBuf> {
    if let Some(path) = e2e_path("CASEBOOK_E2E_OPEN_PATH") {
        return Some(path);
    }
    app.dialog()
        .file()
        .add_filter(label, ext)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

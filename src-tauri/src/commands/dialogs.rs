//! The native file dialogs (tauri-plugin-dialog), opened from Rust so the UI
//! only asks "export this" and gets a path or `null` (cancelled).
//!
//! Test hook: a DEBUG build honours `CASEBOOK_E2E_SAVE_PATH` (save dialogs
//! and the folder picker) and `CASEBOOK_E2E_OPEN_PATH` (open dialogs)
//! instead of showing a dialog, because WebDriver cannot drive native
//! dialogs; release builds ignore them.

use std::path::PathBuf;

use casebook_core::Message;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::state::Casebook;

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

/// The path the clinician chose in a Save dialog offering `name`.
pub fn save_path<R: Runtime>(
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

/// The file the clinician chose in an Open dialog; `kind` names the files
/// offered (the filter's name), said in the clinician's language.
pub fn open_path<R: Runtime>(app: &AppHandle<R>, kind: Message, ext: &[&str]) -> Option<PathBuf> {
    if let Some(path) = e2e_path("CASEBOOK_E2E_OPEN_PATH") {
        return Some(path);
    }
    let lang = app.state::<Casebook>().language();
    app.dialog()
        .file()
        .add_filter(kind.render(lang), ext)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// The folder the clinician chose.
pub fn pick_folder<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    if let Some(path) = e2e_path("CASEBOOK_E2E_SAVE_PATH") {
        return Some(path);
    }
    app.dialog()
        .file()
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
}

//! Commands for how PDFs look: paper and PDF/A (`PdfSettings`), and the
//! letterhead logo, kept in the case book (`casebook_core::export`).

use casebook_core::export::{self, PdfSettings};
use casebook_core::Now;
use tauri::{AppHandle, Manager, Runtime, State};

use super::dialogs::open_path;
use crate::error::CommandResult;
use crate::state::Casebook;

#[tauri::command]
pub async fn export_settings(state: State<'_, Casebook>) -> CommandResult<PdfSettings> {
    state.read(export::pdf_settings).await
}

#[tauri::command]
pub async fn set_export_settings(
    state: State<'_, Casebook>,
    settings: PdfSettings,
) -> CommandResult<PdfSettings> {
    state
        .write(move |s| {
            export::set_pdf_settings(s.conn(), settings)?;
            export::pdf_settings(s.conn())
        })
        .await
}

/// Picks an image and stores it as the letterhead logo; `false` when the
/// dialog was cancelled. A file that is not an image is refused.
#[tauri::command]
pub async fn choose_letterhead_logo<R: Runtime>(app: AppHandle<R>) -> CommandResult<bool> {
    let kind = casebook_core::msg!("dialog.images");
    let Some(path) = open_path(&app, kind, &["png", "jpg", "jpeg", "gif", "webp"]) else {
        return Ok(false);
    };
    let state = app.state::<Casebook>();
    state
        .write(move |s| export::set_logo_from_file(s.conn(), &path, Now::system()))
        .await?;
    Ok(true)
}

#[tauri::command]
pub async fn remove_letterhead_logo(state: State<'_, Casebook>) -> CommandResult<()> {
    state
        .write(|s| export::set_logo(s.conn(), None, Now::system()))
        .await
}

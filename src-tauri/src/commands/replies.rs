//! Commands for the reply editor: drafts (autosave), revisions, marking a
//! reply answered, addenda and the case's audit trail.

use casebook_core::audit::{self, AuditEvent};
use casebook_core::replies::{self, Addendum, ReplyView, Revision, SavedDraft};
use casebook_core::Now;
use tauri::State;

use crate::error::CommandResult;
use crate::state::Casebook;

#[tauri::command]
pub async fn get_reply(state: State<'_, Casebook>, case_id: i64) -> CommandResult<ReplyView> {
    state.read(move |c| replies::get(c, case_id)).await
}

/// Autosave. While a long job holds the writer (an import), this waits for
/// it and then commits; the editor keeps the text and says it is waiting.
#[tauri::command]
pub async fn save_draft(
    state: State<'_, Casebook>,
    case_id: i64,
    body: String,
) -> CommandResult<SavedDraft> {
    state
        .write(move |s| replies::save_draft(s, case_id, &body, Now::system()))
        .await
}

#[tauri::command]
pub async fn list_revisions(
    state: State<'_, Casebook>,
    case_id: i64,
) -> CommandResult<Vec<Revision>> {
    state.read(move |c| replies::revisions(c, case_id)).await
}

#[tauri::command]
pub async fn restore_revision(
    state: State<'_, Casebook>,
    case_id: i64,
    revision_id: i64,
) -> CommandResult<SavedDraft> {
    state
        .write(move |s| replies::restore(s, case_id, revision_id, Now::system()))
        .await
}

#[tauri::command]
pub async fn mark_answered(state: State<'_, Casebook>, case_id: i64) -> CommandResult<ReplyView> {
    state
        .write(move |s| replies::mark_answered(s, case_id, Now::system()))
        .await
}

#[tauri::command]
pub async fn add_addendum(
    state: State<'_, Casebook>,
    case_id: i64,
    body: String,
) -> CommandResult<Addendum> {
    state
        .write(move |s| replies::add_addendum(s, case_id, &body, Now::system()))
        .await
}

#[tauri::command]
pub async fn audit_trail(
    state: State<'_, Casebook>,
    case_id: i64,
) -> CommandResult<Vec<AuditEvent>> {
    state.read(move |c| audit::list(c, case_id)).await
}

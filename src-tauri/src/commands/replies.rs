//! Commands for the reply editor: drafts (autosave), revisions, marking a
//! reply answered, addenda and the case's audit trail.

use casebook_core::audit::{self, AuditEvent};
use casebook_core::cases;
use casebook_core::replies::{self, Addendum, ReplyView, Revision, SavedDraft};
use casebook_core::Now;
use tauri::State;

use crate::error::CommandResult;
use crate::state::Casebook;

#[tauri::command]
pub async fn get_reply(state: State<'_, Casebook>, case_id: i64) -> CommandResult<ReplyView> {
    Ok(replies::get(state.store()?.conn(), case_id)?)
}

#[tauri::command]
pub async fn save_draft(
    state: State<'_, Casebook>,
    case_id: i64,
    body: String,
) -> CommandResult<SavedDraft> {
    Ok(replies::save_draft(
        &mut *state.store()?,
        case_id,
        &body,
        Now::system(),
    )?)
}

#[tauri::command]
pub async fn list_revisions(
    state: State<'_, Casebook>,
    case_id: i64,
) -> CommandResult<Vec<Revision>> {
    let store = state.store()?;
    // An unknown case is `not_found`, as for its reply, not an empty history.
    cases::get(store.conn(), case_id)?;
    Ok(replies::revisions(store.conn(), case_id)?)
}

#[tauri::command]
pub async fn restore_revision(
    state: State<'_, Casebook>,
    case_id: i64,
    revision_id: i64,
) -> CommandResult<SavedDraft> {
    Ok(replies::restore(
        &mut *state.store()?,
        case_id,
        revision_id,
        Now::system(),
    )?)
}

#[tauri::command]
pub async fn mark_answered(state: State<'_, Casebook>, case_id: i64) -> CommandResult<ReplyView> {
    Ok(replies::mark_answered(
        &mut *state.store()?,
        case_id,
        Now::system(),
    )?)
}

#[tauri::command]
pub async fn add_addendum(
    state: State<'_, Casebook>,
    case_id: i64,
    body: String,
) -> CommandResult<Addendum> {
    Ok(replies::add_addendum(
        &mut *state.store()?,
        case_id,
        &body,
        Now::system(),
    )?)
}

#[tauri::command]
pub async fn audit_trail(
    state: State<'_, Casebook>,
    case_id: i64,
) -> CommandResult<Vec<AuditEvent>> {
    let store = state.store()?;
    cases::get(store.conn(), case_id)?;
    Ok(audit::list(store.conn(), case_id)?)
}

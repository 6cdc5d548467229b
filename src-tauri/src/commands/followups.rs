//! Commands for follow-ups: add / edit / mark done / cancel / reopen, the due
//! list and the sidebar counts, the calendar export, and the reminder setting.
//! "Today" is the machine's local date ([`Now::system`]).

use std::path::PathBuf;

use casebook_core::followups::due::{self, DueCounts, DueList, DEFAULT_PER_BUCKET};
use casebook_core::followups::ics::{self, CalendarExport};
use casebook_core::followups::{self, FollowUp, FollowUpInput, FollowUpState};
use casebook_core::settings::{self, ReminderSettings};
use casebook_core::{CoreError, Now};
use tauri::State;

use crate::error::CommandResult;
use crate::state::Casebook;

#[tauri::command]
pub async fn list_follow_ups(
    state: State<'_, Casebook>,
    case_id: i64,
) -> CommandResult<Vec<FollowUp>> {
    Ok(followups::list_for_case(state.store()?.conn(), case_id)?)
}

#[tauri::command]
pub async fn add_follow_up(
    state: State<'_, Casebook>,
    case_id: i64,
    input: FollowUpInput,
) -> CommandResult<FollowUp> {
    Ok(followups::add(
        &mut *state.store()?,
        case_id,
        &input,
        Now::system(),
    )?)
}

#[tauri::command]
pub async fn update_follow_up(
    state: State<'_, Casebook>,
    id: i64,
    input: FollowUpInput,
) -> CommandResult<FollowUp> {
    Ok(followups::update(
        &mut *state.store()?,
        id,
        &input,
        Now::system(),
    )?)
}

#[tauri::command]
pub async fn set_follow_up_state(
    state: State<'_, Casebook>,
    id: i64,
    new_state: FollowUpState,
) -> CommandResult<FollowUp> {
    Ok(followups::set_state(
        &mut *state.store()?,
        id,
        new_state,
        Now::system(),
    )?)
}

#[tauri::command]
pub async fn due_list(state: State<'_, Casebook>) -> CommandResult<DueList> {
    Ok(due::due_list(
        state.store()?.conn(),
        Now::system().today,
        DEFAULT_PER_BUCKET,
    )?)
}

#[tauri::command]
pub async fn due_counts(state: State<'_, Casebook>) -> CommandResult<DueCounts> {
    Ok(due::due_counts(state.store()?.conn(), Now::system().today)?)
}

/// Writes the pending follow-ups to `path` (chosen in the native save
/// dialog) as an `.ics` file; returns how many events it holds.
#[tauri::command]
pub async fn export_follow_ups_ics(
    state: State<'_, Casebook>,
    path: String,
    export: CalendarExport,
) -> CommandResult<u32> {
    if path.trim().is_empty() {
        return Err(CoreError::invalid("path", "Choose where to save the calendar file.").into());
    }
    Ok(ics::write_calendar(
        state.store()?.conn(),
        &export,
        Now::system(),
        &PathBuf::from(path),
    )?)
}

#[tauri::command]
pub async fn reminder_settings(state: State<'_, Casebook>) -> CommandResult<ReminderSettings> {
    Ok(settings::reminder_settings(state.store()?.conn())?)
}

#[tauri::command]
pub async fn set_reminder_settings(
    state: State<'_, Casebook>,
    settings: ReminderSettings,
) -> CommandResult<ReminderSettings> {
    let store = state.store()?;
    settings::set_reminder_settings(store.conn(), settings)?;
    Ok(settings::reminder_settings(store.conn())?)
}

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
    state
        .read(move |c| followups::list_for_case(c, case_id))
        .await
}

#[tauri::command]
pub async fn add_follow_up(
    state: State<'_, Casebook>,
    case_id: i64,
    input: FollowUpInput,
) -> CommandResult<FollowUp> {
    state
        .write(move |s| followups::add(s, case_id, &input, Now::system()))
        .await
}

#[tauri::command]
pub async fn update_follow_up(
    state: State<'_, Casebook>,
    id: i64,
    input: FollowUpInput,
) -> CommandResult<FollowUp> {
    state
        .write(move |s| followups::update(s, id, &input, Now::system()))
        .await
}

#[tauri::command]
pub async fn set_follow_up_state(
    state: State<'_, Casebook>,
    id: i64,
    new_state: FollowUpState,
) -> CommandResult<FollowUp> {
    state
        .write(move |s| followups::set_state(s, id, new_state, Now::system()))
        .await
}

#[tauri::command]
pub async fn due_list(state: State<'_, Casebook>) -> CommandResult<DueList> {
    let today = Now::system().today;
    state
        .read(move |c| due::due_list(c, today, DEFAULT_PER_BUCKET))
        .await
}

#[tauri::command]
pub async fn due_counts(state: State<'_, Casebook>) -> CommandResult<DueCounts> {
    let today = Now::system().today;
    state.read(move |c| due::due_counts(c, today)).await
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
        return Err(
            CoreError::invalid("path", casebook_core::msg!("calendar.no_file_name")).into(),
        );
    }
    state
        .read(move |c| ics::write_calendar(c, &export, Now::system(), &PathBuf::from(path)))
        .await
}

#[tauri::command]
pub async fn reminder_settings(state: State<'_, Casebook>) -> CommandResult<ReminderSettings> {
    state.read(settings::reminder_settings).await
}

#[tauri::command]
pub async fn set_reminder_settings(
    state: State<'_, Casebook>,
    settings: ReminderSettings,
) -> CommandResult<ReminderSettings> {
    state
        .write(move |s| {
            settings::set_reminder_settings(s.conn(), settings)?;
            settings::reminder_settings(s.conn())
        })
        .await
}

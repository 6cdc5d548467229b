//! Commands for follow-ups: add / edit / mark done / cancel / reopen, the due
//! list and the sidebar counts, the calendar export, and the reminder setting.
//! "Today" is the machine's local date ([`Now::system`]).

use casebook_core::export::files::calendar_name;
use casebook_core::followups::due::{self, DueCounts, DueList, DEFAULT_PER_BUCKET};
use casebook_core::followups::ics::{self, CalendarExport};
use casebook_core::followups::{self, FollowUp, FollowUpInput, FollowUpState};
use casebook_core::settings::{self, ReminderSettings};
use casebook_core::Now;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use ts_rs::TS;

use super::dialogs::save_path;
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

/// Where the calendar file went and how many events it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CalendarSaved {
    pub path: String,
    pub events: u32,
}

/// Asks where to save (the native Save dialog, opened here like every other
/// export's; a debug build honours `CASEBOOK_E2E_SAVE_PATH` instead, see
/// [`super::export`]) and writes the pending follow-ups there as an `.ics`
/// file. `null` when the clinician cancelled.
#[tauri::command]
pub async fn export_follow_ups_ics<R: Runtime>(
    app: AppHandle<R>,
    export: CalendarExport,
) -> CommandResult<Option<CalendarSaved>> {
    let name = calendar_name(export.case_id, Now::system().today);
    let Some(path) = save_path(&app, &name, "iCalendar", &["ics"]) else {
        return Ok(None);
    };
    let state = app.state::<Casebook>();
    state
        .read(move |c| {
            let events = ics::write_calendar(c, &export, Now::system(), &path)?;
            Ok(Some(CalendarSaved {
                path: path.display().to_string(),
                events,
            }))
        })
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

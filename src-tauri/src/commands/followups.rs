//! Commands for follow-ups: add / edit / mark done / cancel / reopen, the due
//! list and the sidebar counts, the calendar export, and the reminder setting.
//! "Today" is the machine's local date ([`Now::system`]).

use casebook_core::followups::due::{self, DueCounts, DueList, DEFAULT_PER_BUCKET};
use casebook_core::followups::ics::{self, CalendarExport};
use casebook_core::followups::{self, FollowUp, FollowUpInput, FollowUpState};
use casebook_core::settings::{self, ReminderSettings};
use casebook_core::Now;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use ts_rs::TS;

use super::export::save_path;
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
    let today = Now::system().today;
    let name = match export.case_id {
        Some(id) => format!("casebook-case-{id}-follow-ups.ics"),
        None => format!("casebook-follow-ups-{today}.ics"),
    };
    let Some(path) = save_path(&app, &name, "iCalendar", &["ics"]) else {
        return Ok(None);
    };
    let state = app.state::<Casebook>();
    let events = ics::write_calendar(state.store()?.conn(), &export, Now::system(), &path)?;
    Ok(Some(CalendarSaved {
        path: path.display().to_string(),
        events,
    }))
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

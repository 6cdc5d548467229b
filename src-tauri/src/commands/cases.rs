//! Commands for recording, reading, editing and listing cases.

use casebook_core::cases::inbox::{self, CaseFilter, CasePage, StatusCounts};
use casebook_core::cases::{self, CaseDetail, QuestionInput};
use casebook_core::Now;
use tauri::State;

use crate::error::CommandResult;
use crate::state::Casebook;

#[tauri::command]
pub async fn list_cases(
    state: State<'_, Casebook>,
    filter: CaseFilter,
    offset: u32,
    limit: u32,
) -> CommandResult<CasePage> {
    Ok(inbox::list(state.store()?.conn(), &filter, offset, limit)?)
}

#[tauri::command]
pub async fn status_counts(
    state: State<'_, Casebook>,
    filter: CaseFilter,
) -> CommandResult<StatusCounts> {
    Ok(inbox::status_counts(state.store()?.conn(), &filter)?)
}

#[tauri::command]
pub async fn get_case(state: State<'_, Casebook>, id: i64) -> CommandResult<CaseDetail> {
    Ok(cases::get(state.store()?.conn(), id)?)
}

#[tauri::command]
pub async fn create_case(
    state: State<'_, Casebook>,
    question: QuestionInput,
) -> CommandResult<CaseDetail> {
    Ok(cases::create(
        &mut *state.store()?,
        &question,
        Now::system(),
    )?)
}

#[tauri::command]
pub async fn update_case(
    state: State<'_, Casebook>,
    id: i64,
    question: QuestionInput,
) -> CommandResult<CaseDetail> {
    Ok(cases::update(
        &mut *state.store()?,
        id,
        &question,
        Now::system(),
    )?)
}

#[tauri::command]
pub async fn delete_case(state: State<'_, Casebook>, id: i64) -> CommandResult<()> {
    Ok(cases::delete(&mut *state.store()?, id)?)
}

#[tauri::command]
pub async fn list_departments(state: State<'_, Casebook>) -> CommandResult<Vec<String>> {
    Ok(inbox::departments(state.store()?.conn())?)
}

#[tauri::command]
pub async fn list_tags(state: State<'_, Casebook>) -> CommandResult<Vec<String>> {
    Ok(inbox::tags(state.store()?.conn())?)
}

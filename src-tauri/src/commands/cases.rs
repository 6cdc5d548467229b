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
    state
        .read(move |c| inbox::list(c, &filter, offset, limit))
        .await
}

#[tauri::command]
pub async fn status_counts(
    state: State<'_, Casebook>,
    filter: CaseFilter,
) -> CommandResult<StatusCounts> {
    state.read(move |c| inbox::status_counts(c, &filter)).await
}

#[tauri::command]
pub async fn get_case(state: State<'_, Casebook>, id: i64) -> CommandResult<CaseDetail> {
    state.read(move |c| cases::get(c, id)).await
}

#[tauri::command]
pub async fn create_case(
    state: State<'_, Casebook>,
    question: QuestionInput,
) -> CommandResult<CaseDetail> {
    state
        .write(move |s| cases::create(s, &question, Now::system()))
        .await
}

#[tauri::command]
pub async fn update_case(
    state: State<'_, Casebook>,
    id: i64,
    question: QuestionInput,
) -> CommandResult<CaseDetail> {
    state
        .write(move |s| cases::update(s, id, &question, Now::system()))
        .await
}

#[tauri::command]
pub async fn delete_case(state: State<'_, Casebook>, id: i64) -> CommandResult<()> {
    state.write(move |s| cases::delete(s, id)).await
}

#[tauri::command]
pub async fn list_departments(state: State<'_, Casebook>) -> CommandResult<Vec<String>> {
    state.read(inbox::departments).await
}

#[tauri::command]
pub async fn list_tags(state: State<'_, Casebook>) -> CommandResult<Vec<String>> {
    state.read(inbox::tags).await
}

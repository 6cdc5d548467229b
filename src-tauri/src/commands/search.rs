//! Commands for searching cases and for similar answered cases.

use casebook_core::search::{self, SearchRequest, SearchResults, SimilarCase, StartingReply};
use tauri::State;

use crate::error::CommandResult;
use crate::state::Casebook;

#[tauri::command]
pub async fn search_cases(
    state: State<'_, Casebook>,
    request: SearchRequest,
    limit: u32,
) -> CommandResult<SearchResults> {
    Ok(search::search(state.store()?.conn(), &request, limit)?)
}

#[tauri::command]
pub async fn similar_cases(
    state: State<'_, Casebook>,
    id: i64,
    limit: u32,
) -> CommandResult<Vec<SimilarCase>> {
    Ok(search::similar(state.store()?.conn(), id, limit)?)
}

#[tauri::command]
pub async fn starting_reply(state: State<'_, Casebook>, id: i64) -> CommandResult<StartingReply> {
    Ok(search::starting_reply(state.store()?.conn(), id)?)
}

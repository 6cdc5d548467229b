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
    state
        .read(move |c| search::search(c, &request, limit))
        .await
}

#[tauri::command]
pub async fn similar_cases(
    state: State<'_, Casebook>,
    id: i64,
    limit: u32,
) -> CommandResult<Vec<SimilarCase>> {
    state.read(move |c| search::similar(c, id, limit)).await
}

#[tauri::command]
pub async fn starting_reply(state: State<'_, Casebook>, id: i64) -> CommandResult<StartingReply> {
    state.read(move |c| search::starting_reply(c, id)).await
}

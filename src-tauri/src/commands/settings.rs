//! Commands for the interface preferences kept in the case book: the
//! interface language (`"en"`, `"zh-TW"`, or `null` to follow the system).

use casebook_core::settings;
use tauri::State;

use crate::error::CommandResult;
use crate::state::Casebook;

#[tauri::command]
pub async fn get_interface_language(state: State<'_, Casebook>) -> CommandResult<Option<String>> {
    Ok(settings::interface_language(state.store()?.conn())?)
}

#[tauri::command]
pub async fn set_interface_language(
    state: State<'_, Casebook>,
    language: Option<String>,
) -> CommandResult<Option<String>> {
    let store = state.store()?;
    settings::set_interface_language(store.conn(), language.as_deref())?;
    Ok(settings::interface_language(store.conn())?)
}

//! Commands for the interface preferences kept in the case book: the
//! interface language (`"en"`, `"zh-TW"`, or `null` to follow the system).

use casebook_core::settings;
use tauri::State;

use crate::error::CommandResult;
use crate::state::Casebook;

#[tauri::command]
pub async fn get_interface_language(state: State<'_, Casebook>) -> CommandResult<Option<String>> {
    state.read(settings::interface_language).await
}

#[tauri::command]
pub async fn set_interface_language(
    state: State<'_, Casebook>,
    language: Option<String>,
) -> CommandResult<Option<String>> {
    state
        .write(move |s| {
            settings::set_interface_language(s.conn(), language.as_deref())?;
            settings::interface_language(s.conn())
        })
        .await
}

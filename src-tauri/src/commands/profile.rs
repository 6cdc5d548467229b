//! Commands for the clinician profile (settings).

use casebook_core::profile::{self, ClinicianProfile};
use casebook_core::Now;
use tauri::State;

use crate::error::CommandResult;
use crate::state::Casebook;

#[tauri::command]
pub async fn get_profile(state: State<'_, Casebook>) -> CommandResult<ClinicianProfile> {
    state.read(profile::get).await
}

#[tauri::command]
pub async fn set_profile(
    state: State<'_, Casebook>,
    profile: ClinicianProfile,
) -> CommandResult<ClinicianProfile> {
    state
        .write(move |s| profile::set(s.conn(), &profile, Now::system()))
        .await
}

//! Commands for the clinician profile (settings).

use casebook_core::profile::{self, ClinicianProfile};
use casebook_core::Now;
use tauri::State;

use crate::error::CommandResult;
use crate::state::Casebook;

#[tauri::command]
pub async fn get_profile(state: State<'_, Casebook>) -> CommandResult<ClinicianProfile> {
    Ok(profile::get(state.store()?.conn())?)
}

#[tauri::command]
pub async fn set_profile(
    state: State<'_, Casebook>,
    profile: ClinicianProfile,
) -> CommandResult<ClinicianProfile> {
    Ok(profile::set(
        state.store()?.conn(),
        &profile,
        Now::system(),
    )?)
}

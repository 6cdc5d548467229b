//! The Casebook desktop app: a Tauri shell over `casebook-core`.
//!
//! This crate only wires things together: it finds the data folder, opens the
//! store ([`state`]), and exposes thin commands ([`commands`]) whose errors
//! cross IPC as `{code, message, field}` ([`error`]). Everything a clinician's
//! data goes through lives in the core.

pub mod commands;
pub mod error;
pub mod state;

#[cfg(test)]
mod bindings;

use tauri::Manager;

/// Builds the app with every command registered (shared by `run` and tests).
pub fn builder<R: tauri::Runtime>() -> tauri::Builder<R> {
    tauri::Builder::<R>::new()
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::cases::list_cases,
            commands::cases::status_counts,
            commands::cases::get_case,
            commands::cases::create_case,
            commands::cases::update_case,
            commands::cases::delete_case,
            commands::cases::list_departments,
            commands::cases::list_tags,
        ])
}

/// Starts the desktop app.
pub fn run() {
    let result = builder::<tauri::Wry>()
        .setup(|app| {
            let data_dir = state::data_dir(app.path().app_data_dir().ok());
            app.manage(state::Casebook::open(
                data_dir,
                casebook_core::Now::system(),
            ));
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Casebook could not start: {e}");
        std::process::exit(1);
    }
}

//! The Casebook desktop app: a Tauri shell over `casebook-core`.
//!
//! This crate only wires things together: it finds the data folder, opens the
//! store ([`state`]), and exposes thin commands ([`commands`]) whose errors
//! cross IPC as `{code, message, field}` ([`error`]). Everything a clinician's
//! data goes through lives in the core.

pub mod commands;
pub mod error;
pub mod reminders;
pub mod state;

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod ipc_test;

use tauri::Manager;

/// Builds the app with every command registered (shared by `run` and tests).
pub fn builder<R: tauri::Runtime>() -> tauri::Builder<R> {
    with_commands(tauri::Builder::<R>::new())
}

/// Adds the plugins and every command to `builder` (IPC tests pass
/// `tauri::test::mock_builder()`, whose invoke key their requests carry).
pub fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::inbox_shown,
            commands::cases::list_cases,
            commands::cases::status_counts,
            commands::cases::get_case,
            commands::cases::create_case,
            commands::cases::update_case,
            commands::cases::delete_case,
            commands::cases::list_departments,
            commands::cases::list_tags,
            commands::export::export_settings,
            commands::export::set_export_settings,
            commands::export::choose_letterhead_logo,
            commands::export::remove_letterhead_logo,
            commands::export::export_case_pdf,
            commands::export::choose_export_folder,
            commands::export::plan_pdf_folder,
            commands::export::export_pdf_folder,
            commands::export::export_pdf_combined,
            commands::export::export_records,
            commands::export::cancel_export,
            commands::export::choose_import_file,
            commands::export::preview_import,
            commands::export::apply_import,
            commands::search::search_cases,
            commands::search::similar_cases,
            commands::search::starting_reply,
            commands::followups::list_follow_ups,
            commands::followups::add_follow_up,
            commands::followups::update_follow_up,
            commands::followups::set_follow_up_state,
            commands::replies::get_reply,
            commands::replies::save_draft,
            commands::replies::list_revisions,
            commands::replies::restore_revision,
            commands::replies::mark_answered,
            commands::replies::add_addendum,
            commands::replies::audit_trail,
            commands::templates::list_templates,
            commands::templates::create_template,
            commands::templates::update_template,
            commands::templates::duplicate_template,
            commands::templates::delete_template,
            commands::templates::render_template,
            commands::profile::get_profile,
            commands::profile::set_profile,
            commands::followups::due_list,
            commands::followups::due_counts,
            commands::followups::export_follow_ups_ics,
            commands::followups::reminder_settings,
            commands::followups::set_reminder_settings,
            commands::settings::get_interface_language,
            commands::settings::set_interface_language,
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
            reminders::start(app.handle().clone());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Casebook could not start: {e}");
        std::process::exit(1);
    }
}

//! The Casebook desktop app: a Tauri shell over `casebook-core`.
//!
//! This crate only wires things together: it finds the data folder, opens the
//! store ([`state`]), and exposes thin commands ([`commands`]) whose errors
//! cross IPC as `{code, message, field}` ([`error`]). Everything a clinician's
//! data goes through lives in the core.
//!
//! The desktop app (not the IPC tests) also runs as a single instance (a
//! second launch brings the open window forward and exits), remembers the
//! window's size and position, and keeps a log file ([`logging`]).

pub mod backups;
pub mod commands;
pub mod error;
pub mod jobs;
pub mod launch;
pub mod logging;
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
        .invoke_handler(with_launch_mark(tauri::generate_handler![
            commands::app::app_info,
            commands::access::protect,
            commands::access::unlock,
            commands::access::lock_now,
            commands::access::change_passphrase,
            commands::access::save_recovery_sheet,
            commands::access::lock_settings,
            commands::access::set_lock_settings,
            commands::access::access_events,
            commands::backups::backup_overview,
            commands::backups::back_up_now,
            commands::backups::restore_backup,
            commands::backups::choose_backup_folder,
            commands::backups::use_default_backup_folder,
            commands::app::inbox_shown,
            commands::cases::list_cases,
            commands::cases::status_counts,
            commands::cases::get_case,
            commands::cases::create_case,
            commands::cases::update_case,
            commands::cases::delete_case,
            commands::cases::list_departments,
            commands::cases::list_tags,
            commands::letterhead::export_settings,
            commands::letterhead::set_export_settings,
            commands::letterhead::choose_letterhead_logo,
            commands::letterhead::remove_letterhead_logo,
            commands::export::export_case_pdf,
            commands::export::choose_export_folder,
            commands::export::plan_pdf_folder,
            commands::export::export_pdf_folder,
            commands::export::export_pdf_combined,
            commands::export::export_records,
            commands::export::cancel_job,
            commands::import::choose_import_file,
            commands::import::preview_import,
            commands::import::apply_import,
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
            commands::templates::find_blanks,
            commands::profile::get_profile,
            commands::profile::set_profile,
            commands::followups::due_list,
            commands::followups::due_counts,
            commands::followups::export_follow_ups_ics,
            commands::followups::reminder_settings,
            commands::followups::set_reminder_settings,
            commands::settings::get_interface_language,
            commands::settings::set_interface_language,
        ]))
}

/// Notes the first command's arrival for the launch report ([`launch`]).
fn with_launch_mark<R: tauri::Runtime>(
    handler: impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    move |invoke| {
        launch::command_received();
        handler(invoke)
    }
}

/// The plugins only the desktop app has, in the order they must run: the
/// single-instance check first (a second launch exits before anything else
/// starts), then the log, then the window state.
///
/// The window state (size, position, maximized) lives in the app's config
/// folder (`~/.config/tw.casebook.app/.window-state.json` on Linux,
/// `%APPDATA%\tw.casebook.app\` on Windows, `~/Library/Application
/// Support/tw.casebook.app/` on macOS); `scripts/e2e.sh` points
/// `XDG_CONFIG_HOME` at a temporary folder so test runs neither read nor
/// change the developer's.
fn desktop_plugins<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    use tauri_plugin_window_state::StateFlags;
    builder
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            log::info!("a second launch was turned away; showing the open window");
            show_main_window(app);
        }))
        .plugin(logging::plugin())
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED)
                .build(),
        )
}

/// Brings the main window to the front (un-minimized, shown, focused).
fn show_main_window<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    // Each step is best effort: a window manager may refuse focus.
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
}

/// Starts the desktop app.
pub fn run() {
    let result = with_commands(desktop_plugins(tauri::Builder::<tauri::Wry>::new()))
        .setup(|app| {
            logging::record_panics();
            log::info!(
                "Casebook {} starting on {}",
                env!("CARGO_PKG_VERSION"),
                std::env::consts::OS
            );
            let data_dir = state::data_dir(app.path().app_data_dir().ok());
            log::info!("data folder: {}", data_dir.display());
            app.manage(state::Casebook::open(
                data_dir,
                state::Protection::system(),
                casebook_core::Now::system(),
            ));
            if let Some(window) = app.get_webview_window("main") {
                launch::watch_window(&window);
            }
            reminders::start(app.handle().clone());
            backups::start(app.handle().clone());
            Ok(())
        })
        .build(tauri::generate_context!())
        .map(|app| {
            app.run(|app, event| {
                if let tauri::RunEvent::Exit = event {
                    backups::on_exit(&app.state::<state::Casebook>());
                }
            })
        });
    if let Err(e) = result {
        // The log may not be set up yet: stderr always is.
        log::error!("Casebook could not start: {e}");
        eprintln!("Casebook could not start: {e}");
        std::process::exit(1);
    }
}

//! Tauri commands, one module per area. A command keeps only what needs the
//! desktop (a dialog, a blocking thread, a progress channel, a job's cancel
//! token) and calls one core function for the rest; errors map to
//! `CommandError` by `?`.

pub mod access;
pub mod app;
pub mod backups;
pub mod cases;
pub mod dialogs;
pub mod export;
pub mod followups;
pub mod import;
pub mod letterhead;
pub mod profile;
pub mod replies;
pub mod search;
pub mod settings;
pub mod templates;

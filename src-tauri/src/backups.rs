//! Automatic backups while the app runs: a background thread looks every
//! minute whether one is due (the book changed since its newest backup, and
//! that one is an hour old: `casebook_core::backup::due`), and one more is
//! made on close when the book changed. Failures are logged (by their
//! message key, never a path or a case) and shown in Settings → Backups.

use std::time::Duration;

use casebook_core::backup::BackupReason;
use casebook_core::Now;
use tauri::{AppHandle, Manager, Runtime};

use crate::state::{Casebook, When};

const INTERVAL: Duration = Duration::from_secs(60);

/// Starts the schedule (it runs until the app exits).
pub fn start<R: Runtime>(app: AppHandle<R>) {
    let spawned = std::thread::Builder::new()
        .name("backups".into())
        .spawn(move || loop {
            std::thread::sleep(INTERVAL);
            let casebook = app.state::<Casebook>();
            if casebook.book().is_err() {
                continue; // locked, not set up, or restoring
            }
            report(casebook.back_up_when(When::Due, BackupReason::Automatic, Now::system()));
        });
    if spawned.is_err() {
        log::warn!("the backup schedule could not start");
    }
}

/// On close: a backup when the book holds changes its newest one lacks.
pub fn on_exit(casebook: &Casebook) {
    if casebook.book().is_ok() {
        report(casebook.back_up_when(When::Needed, BackupReason::Closing, Now::system()));
    }
}

fn report(result: crate::error::CommandResult<Option<casebook_core::backup::Backup>>) {
    if let Err(e) = result {
        log::warn!("a backup failed: {}", e.text.key);
    }
}

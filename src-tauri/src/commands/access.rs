//! Opening and closing the case book: set-up with a passphrase, unlock,
//! lock (by hand or after inactivity), a new passphrase, the lock time, and
//! the book's access trail. The rules are in `casebook_core::access`; the
//! passphrase work (Argon2id, about a second) runs on a blocking thread.

use casebook_core::access::events::{self, AccessEvent};
use casebook_core::access::{sheet, LockReason};
use casebook_core::settings::{self, LockSettings};
use casebook_core::{Lang, Now};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::commands::dialogs::save_path;
use crate::error::CommandResult;
use crate::state::{blocking_command, Casebook, ProtectOutcome, UnlockOutcome};

/// How many access events the settings screen lists.
const RECENT_EVENTS: u32 = 50;

/// Sets the case book up with `passphrase` (at least 8 characters): a new
/// encrypted book, or the plaintext one encrypted in place.
#[tauri::command]
pub async fn protect<R: Runtime>(
    app: AppHandle<R>,
    passphrase: String,
) -> CommandResult<ProtectOutcome> {
    blocking_command(move || app.state::<Casebook>().protect(&passphrase, Now::system())).await
}

/// Opens the locked book with the passphrase or the recovery code; a wrong
/// one is `invalid` on the field `secret`.
#[tauri::command]
pub async fn unlock<R: Runtime>(app: AppHandle<R>, secret: String) -> CommandResult<UnlockOutcome> {
    blocking_command(move || app.state::<Casebook>().unlock(&secret, Now::system())).await
}

/// Locks the book now: the window shows only the lock screen until the
/// passphrase is typed again.
#[tauri::command]
pub async fn lock_now<R: Runtime>(app: AppHandle<R>, reason: LockReason) -> CommandResult<()> {
    blocking_command(move || app.state::<Casebook>().lock(reason, Now::system())).await
}

/// Replaces the passphrase; `current` may also be the recovery code.
#[tauri::command]
pub async fn change_passphrase<R: Runtime>(
    app: AppHandle<R>,
    current: String,
    new: String,
) -> CommandResult<()> {
    blocking_command(move || {
        app.state::<Casebook>()
            .change_passphrase(&current, &new, Now::system())
    })
    .await
}

/// Saves the recovery sheet (the code shown at set-up, on one page in
/// `language`) where the clinician chooses; `null` when cancelled. A code
/// that does not open this book is `invalid` on `code`.
#[tauri::command]
pub async fn save_recovery_sheet<R: Runtime>(
    app: AppHandle<R>,
    code: String,
    language: String,
) -> CommandResult<Option<String>> {
    let Some(path) = save_path(&app, sheet::FILE_NAME, "PDF", &["pdf"]) else {
        return Ok(None);
    };
    blocking_command(move || {
        app.state::<Casebook>().save_recovery_sheet(
            &code,
            Lang::from_locale(&language),
            &path,
            Now::system(),
        )?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

#[tauri::command]
pub async fn lock_settings(state: State<'_, Casebook>) -> CommandResult<LockSettings> {
    state.read(settings::lock_settings).await
}

#[tauri::command]
pub async fn set_lock_settings(
    state: State<'_, Casebook>,
    settings: LockSettings,
) -> CommandResult<LockSettings> {
    state
        .write(move |s| {
            settings::set_lock_settings(s.conn(), settings)?;
            settings::lock_settings(s.conn())
        })
        .await
}

/// The latest set-ups, unlocks, locks and passphrase changes, newest first.
#[tauri::command]
pub async fn access_events(state: State<'_, Casebook>) -> CommandResult<Vec<AccessEvent>> {
    state.read(|c| events::recent(c, RECENT_EVENTS)).await
}

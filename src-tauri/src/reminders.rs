//! Desktop reminders for follow-ups (tauri-plugin-notification), sent from
//! Rust so the window needs no notification permission.
//!
//! At start-up: at most ONE summary ("3 follow-ups overdue, 1 due today"),
//! never one per follow-up. While the app runs, a background thread looks
//! every 30 seconds for follow-ups that came due since its last look and sends
//! one notification for them. The clinician's setting (`reminders`) turns all
//! of it off. What to say is decided in the core
//! ([`casebook_core::followups::reminders`]); this module only reads the
//! clock and shows it. A notification that cannot be shown (no notification
//! service) is logged (its error kind, never the reminder's text), not fatal.

use std::time::Duration;

use casebook_core::followups::reminders::{self, Reminder};
use casebook_core::settings;
use chrono::{NaiveDate, NaiveDateTime};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_notification::NotificationExt;

use crate::state::Casebook;

const INTERVAL: Duration = Duration::from_secs(30);

/// The start-up summary, if notifications are on and anything is due.
pub fn startup(book: &Casebook, today: NaiveDate) -> Option<Reminder> {
    book.book()
        .ok()?
        .read(|c| {
            if !settings::reminder_settings(c)?.notifications {
                return Ok(None);
            }
            reminders::startup_summary(c, today)
        })
        .ok()?
}

/// What came due in `(after, upto]` (local times), if notifications are on.
pub fn came_due(book: &Casebook, after: NaiveDateTime, upto: NaiveDateTime) -> Option<Reminder> {
    book.book()
        .ok()?
        .read(|c| {
            if !settings::reminder_settings(c)?.notifications {
                return Ok(None);
            }
            Ok(reminders::reminder_for(&reminders::came_due(
                c, after, upto,
            )?))
        })
        .ok()?
}

fn local_now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

fn show<R: Runtime>(app: &AppHandle<R>, reminder: Reminder) {
    let lang = app.state::<Casebook>().language();
    let result = app
        .notification()
        .builder()
        .title(reminder.title.render(lang))
        .body(reminder.body.render(lang))
        .show();
    match result {
        Ok(()) => log::info!("a follow-up reminder was shown"),
        // The error's kind only: its text could quote the reminder.
        #[allow(unreachable_patterns)] // more variants on mobile
        Err(e) => match e {
            tauri_plugin_notification::Error::Io(io) => log::warn!(
                "a follow-up reminder could not be shown: io: {:?}",
                io.kind()
            ),
            _ => log::warn!("a follow-up reminder could not be shown"),
        },
    }
}

/// Starts the reminder thread for the app's open case book.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    let spawned = std::thread::Builder::new()
        .name("follow-up reminders".into())
        .spawn(move || {
            let mut last = local_now();
            if let Some(r) = startup(&app.state::<Casebook>(), last.date()) {
                show(&app, r);
            }
            loop {
                std::thread::sleep(INTERVAL);
                let now = local_now();
                if let Some(r) = came_due(&app.state::<Casebook>(), last, now) {
                    show(&app, r);
                }
                last = now;
            }
        });
    if let Err(e) = spawned {
        log::error!("follow-up reminders are off: io: {:?}", e.kind());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use casebook_core::cases::{self, QuestionInput};
    use casebook_core::followups::{self, FollowUpInput};
    use casebook_core::settings::ReminderSettings;
    use casebook_core::Now;

    #[test]
    fn one_summary_at_start_up_and_none_when_turned_off() {
        let dir = tempfile::tempdir().unwrap();
        let book = Casebook::open(
            dir.path().join("book"),
            crate::ipc_test::protection(Some(crate::ipc_test::PASSPHRASE)),
            Now::system(),
        );
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let now = Now {
            today,
            ..Now::system()
        };
        book.book()
            .unwrap()
            .write(|store| {
                let q = QuestionInput {
                    title: "Twitch".into(),
                    body: "b".into(),
                    asker: None,
                    sex: None,
                    age_range: None,
                    asked_on: "2026-01-01".into(),
                    department: None,
                    tags: vec![],
                    source: None,
                };
                let id = cases::create(store, &q, now).unwrap().id;
                for due_on in ["2026-02-01", "2026-02-02", "2026-03-01"] {
                    let input = FollowUpInput {
                        due_on: due_on.into(),
                        due_time: Some("08:00".into()),
                        reason: "check".into(),
                        confirm_before_asked: false,
                    };
                    followups::add(store, id, &input, now).unwrap();
                }
                Ok(())
            })
            .unwrap();
        let summary = startup(&book, today).unwrap();
        assert!(summary
            .body
            .to_string()
            .starts_with("2 follow-ups overdue, 1 follow-up due today"));
        let at = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let due = came_due(&book, at("2026-03-01 07:59"), at("2026-03-01 08:00")).unwrap();
        assert_eq!(due.title.to_string(), "Follow-up due");

        let off = ReminderSettings {
            notifications: false,
        };
        book.book()
            .unwrap()
            .write(|s| settings::set_reminder_settings(s.conn(), off))
            .unwrap();
        assert!(startup(&book, today).is_none());
        assert!(came_due(&book, at("2026-03-01 07:59"), at("2026-03-01 08:00")).is_none());
    }
}

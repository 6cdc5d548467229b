//! The clinician's small preferences, kept in the case book itself (table
//! `settings`, key → text) so they travel with the data folder: today only
//! whether follow-up reminders raise desktop notifications.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Result;

const NOTIFICATIONS: &str = "reminders.notifications";

/// The preferences the UI shows and edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderSettings {
    /// Desktop notifications for follow-ups that come due (on by default).
    pub notifications: bool,
}

pub fn reminder_settings(conn: &Connection) -> Result<ReminderSettings> {
    let value = get(conn, NOTIFICATIONS)?;
    Ok(ReminderSettings {
        notifications: value.as_deref() != Some("off"),
    })
}

pub fn set_reminder_settings(conn: &Connection, settings: ReminderSettings) -> Result<()> {
    set(
        conn,
        NOTIFICATIONS,
        if settings.notifications { "on" } else { "off" },
    )
}

fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn notifications_are_on_until_turned_off_and_the_choice_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in_dir(dir.path()).unwrap();
        assert!(reminder_settings(store.conn()).unwrap().notifications);
        let off = ReminderSettings {
            notifications: false,
        };
        set_reminder_settings(store.conn(), off).unwrap();
        drop(store);
        let store = Store::open_in_dir(dir.path()).unwrap();
        assert_eq!(reminder_settings(store.conn()).unwrap(), off);
        set_reminder_settings(
            store.conn(),
            ReminderSettings {
                notifications: true,
            },
        )
        .unwrap();
        assert!(reminder_settings(store.conn()).unwrap().notifications);
    }
}

//! The clinician's small preferences, kept in the case book itself (table
//! `settings`, key → text) so they travel with the data folder: whether
//! follow-up reminders raise desktop notifications, and the interface language.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{CoreError, Result};

const NOTIFICATIONS: &str = "reminders.notifications";
const INTERFACE_LANGUAGE: &str = "interface.language";

/// The languages the interface can be shown in, as the UI names them.
pub const INTERFACE_LANGUAGES: [&str; 2] = ["en", "zh-TW"];

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

/// The interface language the clinician chose, or `None` to follow the
/// system language.
pub fn interface_language(conn: &Connection) -> Result<Option<String>> {
    Ok(get(conn, INTERFACE_LANGUAGE)?.filter(|v| INTERFACE_LANGUAGES.contains(&v.as_str())))
}

/// Keeps the interface language (`"en"` or `"zh-TW"`); `None` forgets the
/// choice so the system language is followed again.
pub fn set_interface_language(conn: &Connection, language: Option<&str>) -> Result<()> {
    match language {
        None => {
            conn.execute("DELETE FROM settings WHERE key = ?1", [INTERFACE_LANGUAGE])?;
            Ok(())
        }
        Some(lang) if INTERFACE_LANGUAGES.contains(&lang) => set(conn, INTERFACE_LANGUAGE, lang),
        Some(other) => Err(CoreError::invalid(
            "language",
            format!(
                "The interface language must be one of {}, not \"{other}\".",
                INTERFACE_LANGUAGES.join(", ")
            ),
        )),
    }
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

    #[test]
    fn interface_language_is_unset_until_chosen_kept_and_can_be_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in_dir(dir.path()).unwrap();
        assert_eq!(interface_language(store.conn()).unwrap(), None);
        set_interface_language(store.conn(), Some("zh-TW")).unwrap();
        drop(store);
        let store = Store::open_in_dir(dir.path()).unwrap();
        assert_eq!(
            interface_language(store.conn()).unwrap().as_deref(),
            Some("zh-TW")
        );
        set_interface_language(store.conn(), Some("en")).unwrap();
        assert_eq!(
            interface_language(store.conn()).unwrap().as_deref(),
            Some("en")
        );
        set_interface_language(store.conn(), None).unwrap();
        assert_eq!(interface_language(store.conn()).unwrap(), None);
    }

    #[test]
    fn an_unknown_interface_language_is_refused_and_changes_nothing() {
        let store = Store::open_in_memory().unwrap();
        set_interface_language(store.conn(), Some("zh-TW")).unwrap();
        let err = set_interface_language(store.conn(), Some("zh-CN")).unwrap_err();
        assert_eq!(err.field(), Some("language"));
        assert!(err.to_string().contains("zh-CN"), "{err}");
        assert_eq!(
            interface_language(store.conn()).unwrap().as_deref(),
            Some("zh-TW")
        );
    }
}

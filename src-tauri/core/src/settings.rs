//! The clinician's small preferences, kept in the case book itself so they
//! travel with the data folder: whether follow-up reminders raise desktop
//! notifications, the interface language, how PDFs are written, the
//! letterhead logo, and flags of the core's own (the default templates were
//! added). This is the only module that reads or writes the tables:
//! `settings` (key → text) and `setting_blobs` (key → bytes, migration 5:
//! the logo).

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{msg, CoreError, Result};

const NOTIFICATIONS: &str = "reminders.notifications";
const PAPER: &str = "export.paper";
const PDFA: &str = "export.pdfa";
const LOGO: &str = "export.logo";
const INTERFACE_LANGUAGE: &str = "interface.language";
const LOCK_AFTER: &str = "access.lock_after_minutes";
const BACKUP_FOLDER: &str = "backup.folder";

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

/// When the window locks itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LockSettings {
    /// Minutes without input before the window locks; `None`: never (the
    /// settings screen warns before it allows that).
    pub minutes: Option<u32>,
}

impl LockSettings {
    /// Ten minutes, until the clinician chooses otherwise.
    pub const DEFAULT_MINUTES: u32 = 10;
    /// The longest a window may stay open without input: one clinic session.
    pub const MAX_MINUTES: u32 = 480;
}

pub fn lock_settings(conn: &Connection) -> Result<LockSettings> {
    let minutes = match get(conn, LOCK_AFTER)?.as_deref() {
        Some("off") => None,
        Some(text) => Some(
            text.parse::<u32>()
                .ok()
                .filter(|m| (1..=LockSettings::MAX_MINUTES).contains(m))
                .unwrap_or(LockSettings::DEFAULT_MINUTES),
        ),
        None => Some(LockSettings::DEFAULT_MINUTES),
    };
    Ok(LockSettings { minutes })
}

/// Keeps the lock time; 1 to [`LockSettings::MAX_MINUTES`] minutes, or off.
pub fn set_lock_settings(conn: &Connection, settings: LockSettings) -> Result<()> {
    match settings.minutes {
        None => set(conn, LOCK_AFTER, "off"),
        Some(m) if (1..=LockSettings::MAX_MINUTES).contains(&m) => {
            set(conn, LOCK_AFTER, &m.to_string())
        }
        Some(_) => Err(CoreError::invalid(
            "minutes",
            msg!("settings.lock_minutes", max = LockSettings::MAX_MINUTES),
        )),
    }
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
            msg!(
                "settings.unknown_language",
                value = other,
                choices = INTERFACE_LANGUAGES.join(", ")
            ),
        )),
    }
}

/// Paper size of exported PDFs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

/// How PDFs are written (a setting, kept in the case book).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PdfSettings {
    pub paper: Paper,
    /// Write PDF/A-2b (archival) files.
    pub pdfa: bool,
}

pub fn pdf_settings(conn: &Connection) -> Result<PdfSettings> {
    Ok(PdfSettings {
        paper: match get(conn, PAPER)?.as_deref() {
            Some("letter") => Paper::Letter,
            _ => Paper::A4,
        },
        pdfa: get(conn, PDFA)?.as_deref() == Some("on"),
    })
}

pub fn set_pdf_settings(conn: &Connection, settings: PdfSettings) -> Result<()> {
    let paper = match settings.paper {
        Paper::A4 => "a4",
        Paper::Letter => "letter",
    };
    set(conn, PAPER, paper)?;
    set(conn, PDFA, if settings.pdfa { "on" } else { "off" })
}

/// The folder the clinician chose for backups (a USB disk, a NAS share);
/// `None`: the `backups` folder beside the database.
pub fn backup_folder(conn: &Connection) -> Result<Option<std::path::PathBuf>> {
    Ok(get(conn, BACKUP_FOLDER)?
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from))
}

/// Keeps the backup folder (an absolute path); `None` goes back to the
/// default. `backup::choose_folder` checks that the folder can be written.
pub fn set_backup_folder(conn: &Connection, folder: Option<&std::path::Path>) -> Result<()> {
    match folder {
        None => {
            conn.execute("DELETE FROM settings WHERE key = ?1", [BACKUP_FOLDER])?;
            Ok(())
        }
        Some(folder) => match folder.to_str() {
            Some(text) if folder.is_absolute() => set(conn, BACKUP_FOLDER, text),
            _ => Err(CoreError::invalid(
                "folder",
                msg!(
                    "settings.backup_folder_not_absolute",
                    folder = folder.display().to_string()
                ),
            )),
        },
    }
}

/// The letterhead logo's bytes, if one was set.
pub fn logo(conn: &Connection) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT value FROM setting_blobs WHERE key = ?1")?
        .query_row([LOGO], |r| r.get(0))
        .optional()?)
}

/// Stores (or with `None` removes) the logo's bytes as given; the export
/// module checks that they are an image first (`export::set_logo`).
pub fn store_logo(conn: &Connection, bytes: Option<&[u8]>) -> Result<()> {
    match bytes {
        None => conn.execute("DELETE FROM setting_blobs WHERE key = ?1", [LOGO])?,
        Some(bytes) => conn.execute(
            "INSERT INTO setting_blobs (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![LOGO, bytes],
        )?,
    };
    Ok(())
}

/// A text setting of the core's own (for example a one-time flag).
pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
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
    fn the_logo_is_kept_as_bytes_in_a_blob_column_and_removed_again() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(logo(store.conn()).unwrap(), None);
        let bytes = [0u8, 0xff, b'P', 0, 7];
        store_logo(store.conn(), Some(&bytes)).unwrap();
        assert_eq!(logo(store.conn()).unwrap().as_deref(), Some(&bytes[..]));
        let kind: String = store
            .conn()
            .query_row("SELECT typeof(value) FROM setting_blobs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kind, "blob");
        store_logo(store.conn(), None).unwrap();
        assert_eq!(logo(store.conn()).unwrap(), None);
    }

    #[test]
    fn the_lock_time_defaults_to_ten_minutes_and_refuses_what_is_out_of_range() {
        let store = Store::open_in_memory().unwrap();
        let c = store.conn();
        assert_eq!(lock_settings(c).unwrap().minutes, Some(10));
        set_lock_settings(c, LockSettings { minutes: Some(3) }).unwrap();
        assert_eq!(lock_settings(c).unwrap().minutes, Some(3));
        set_lock_settings(c, LockSettings { minutes: None }).unwrap();
        assert_eq!(lock_settings(c).unwrap().minutes, None);
        for bad in [0, 481] {
            let err = set_lock_settings(c, LockSettings { minutes: Some(bad) }).unwrap_err();
            assert_eq!(err.field(), Some("minutes"));
        }
        assert_eq!(lock_settings(c).unwrap().minutes, None, "unchanged");
    }

    #[test]
    fn pdf_settings_default_to_a4_and_are_kept() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(pdf_settings(store.conn()).unwrap(), PdfSettings::default());
        let letter = PdfSettings {
            paper: Paper::Letter,
            pdfa: true,
        };
        set_pdf_settings(store.conn(), letter).unwrap();
        assert_eq!(pdf_settings(store.conn()).unwrap(), letter);
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

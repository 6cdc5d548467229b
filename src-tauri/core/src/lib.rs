//! Casebook's core: everything a clinician's case book does, without a window.
//!
//! The desktop app (`casebook`) and the command line (`casebook-cli`) are thin
//! shells over this crate. It owns the SQLite file ([`store`]), the domain
//! ([`cases`]), the interchange format ([`interchange`], [`import`]) and the demo
//! data that a new database starts with ([`demo`]). Nothing here knows about IPC,
//! and time is always passed in ([`Now`]) so tests can fix it.

pub mod access;
pub mod audit;
pub mod backup;
pub mod cases;
mod columns;
pub mod demo;
pub mod error;
pub mod export;
pub mod followups;
pub mod import;
pub mod interchange;
pub mod keys;
pub mod message;
mod migrations;
pub mod profile;
pub mod replies;
pub mod search;
pub mod settings;
pub mod store;
#[cfg(any(test, feature = "synthetic"))]
pub mod synthetic;
pub mod templates;
mod text;

pub use error::{CoreError, ErrorCode, Result};
pub use message::{Lang, Message};
pub use rusqlite::Connection;
pub use store::{Book, Store};

use chrono::{DateTime, NaiveDate, Utc};

/// The moment an action happens, as the caller sees it: the UTC instant (for
/// timestamps) and the clinician's local calendar date (for "today", "future").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub utc: DateTime<Utc>,
    pub today: NaiveDate,
}

impl Now {
    /// The real clock, with "today" in the machine's local time zone.
    pub fn system() -> Self {
        let local = chrono::Local::now();
        Now {
            utc: local.with_timezone(&Utc),
            today: local.date_naive(),
        }
    }

    /// The instant `local` names, with "today" taken in `local`'s own zone: at
    /// 00:30 in Taipei it is already the next day there, whatever UTC says.
    pub fn in_zone<Tz: chrono::TimeZone>(local: DateTime<Tz>) -> Self {
        Now {
            utc: local.with_timezone(&Utc),
            today: local.date_naive(),
        }
    }

    /// ISO-8601 UTC text, as stored.
    pub fn stamp(&self) -> String {
        self.utc
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use chrono::TimeZone;

    pub fn now() -> Now {
        Now {
            utc: Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 0).unwrap(),
            today: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        }
    }

    /// A day after every demo case was asked (a new book loads them).
    pub fn after_the_demo() -> Now {
        Now {
            utc: Utc.with_ymd_and_hms(2026, 12, 1, 9, 30, 0).unwrap(),
            today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        }
    }
}

//! The clinician who uses this case book: name, title, affiliation, signature
//! lines and the default closing. Templates read it (`{{ clinician }}`,
//! `{{ signature }}`), and the PDF letterhead does too. One row, table
//! `clinician_profile`; an unset profile reads as empty strings.

use crate::msg;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{CoreError, Now, Result};

/// Longest accepted field, in characters (signature lines included).
const MAX_FIELD: usize = 2_000;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClinicianProfile {
    /// As signed, e.g. "Jiang Junyi".
    pub name: String,
    /// E.g. "Dr." or "Attending physician, Neurology".
    pub title: String,
    /// E.g. "Taoyuan Medical Center".
    pub affiliation: String,
    /// Signature lines, newline-separated, printed under the reply.
    pub signature: String,
    /// The default closing wish, e.g. "Wishing you good health, peace, and joy."
    pub closing: String,
}

impl ClinicianProfile {
    /// "Dr. Jiang Junyi", or just the name, or `None` when no name is set.
    pub fn display_name(&self) -> Option<String> {
        let name = self.name.trim();
        if name.is_empty() {
            return None;
        }
        let title = self.title.trim();
        Some(if title.is_empty() {
            name.to_string()
        } else {
            format!("{title} {name}")
        })
    }
}

/// The profile; empty fields when it was never set.
pub fn get(conn: &Connection) -> Result<ClinicianProfile> {
    let found = conn
        .query_row(
            "SELECT name, title, affiliation, signature, closing FROM clinician_profile WHERE id = 1",
            [],
            |r| {
                Ok(ClinicianProfile {
                    name: r.get(0)?,
                    title: r.get(1)?,
                    affiliation: r.get(2)?,
                    signature: r.get(3)?,
                    closing: r.get(4)?,
                })
            },
        )
        .optional()?;
    Ok(found.unwrap_or_default())
}

/// Replaces the profile. Fields are trimmed (signature lines keep their
/// inner line breaks); each is at most 2,000 characters.
pub fn set(conn: &Connection, profile: &ClinicianProfile, now: Now) -> Result<ClinicianProfile> {
    let clean = ClinicianProfile {
        name: field("name", &profile.name)?,
        title: field("title", &profile.title)?,
        affiliation: field("affiliation", &profile.affiliation)?,
        signature: field("signature", &profile.signature.replace("\r\n", "\n"))?,
        closing: field("closing", &profile.closing)?,
    };
    conn.execute(
        "INSERT INTO clinician_profile (id, name, title, affiliation, signature, closing, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET name = ?1, title = ?2, affiliation = ?3,
             signature = ?4, closing = ?5, updated_at = ?6",
        params![
            clean.name,
            clean.title,
            clean.affiliation,
            clean.signature,
            clean.closing,
            now.stamp()
        ],
    )?;
    Ok(clean)
}

fn field(name: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.chars().count() > MAX_FIELD {
        return Err(CoreError::invalid(
            name,
            msg!(
                "profile.too_long",
                what = crate::cases::validate::noun(name),
                limit = MAX_FIELD
            ),
        ));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{testing::now, Store};

    #[test]
    fn an_unset_profile_is_empty_and_a_saved_one_reads_back() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(get(store.conn()).unwrap(), ClinicianProfile::default());
        let p = ClinicianProfile {
            name: " Jiang Junyi ".into(),
            title: "Dr.".into(),
            affiliation: "Taoyuan Medical Center".into(),
            signature: "Dr. Jiang Junyi\r\nTaoyuan Medical Center, cares about you.".into(),
            closing: "Wishing you good health, peace, and joy.".into(),
        };
        set(store.conn(), &p, now()).unwrap();
        let back = get(store.conn()).unwrap();
        assert_eq!(back.name, "Jiang Junyi");
        assert_eq!(back.display_name().as_deref(), Some("Dr. Jiang Junyi"));
        assert_eq!(back.signature.lines().count(), 2);
        let long = ClinicianProfile {
            name: "x".repeat(2_001),
            ..p
        };
        let err = set(store.conn(), &long, now()).unwrap_err();
        assert_eq!(err.field(), Some("name"));
    }
}

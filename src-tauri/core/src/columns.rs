//! How the domain's enums are stored: as their snake_case names in `TEXT`
//! columns (the schema's `CHECK` constraints list the same names). Reading a
//! name this build does not know is an error naming the value, never a
//! default. Dates use rusqlite's `chrono` support (`YYYY-MM-DD` text).

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::cases::{CaseStatus, Sex};
use crate::interchange::FollowUpState;

/// `ALL`, `as_str` and `parse` for an enum stored (and sent) by name:
/// `stored_names!(CaseStatus { New => "new", … });` next to the enum.
macro_rules! stored_names {
    ($type:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $type {
            pub const ALL: [$type; [$($name),+].len()] = [$($type::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($type::$variant => $name,)+
                }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($name => Some($type::$variant),)+
                    _ => None,
                }
            }
        }
    };
}
pub(crate) use stored_names;

macro_rules! text_column {
    ($type:ty, $what:literal) => {
        impl ToSql for $type {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $type {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                <$type>::parse(text).ok_or_else(|| {
                    FromSqlError::Other(
                        format!("the database holds an unknown {} {text:?}", $what).into(),
                    )
                })
            }
        }
    };
}

text_column!(CaseStatus, "case status");
text_column!(Sex, "sex");
text_column!(FollowUpState, "follow-up state");

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn enums_round_trip_and_unknown_names_are_errors() {
        let conn = Connection::open_in_memory().unwrap();
        for status in CaseStatus::ALL {
            let back: CaseStatus = conn.query_row("SELECT ?1", [status], |r| r.get(0)).unwrap();
            assert_eq!(back, status);
        }
        let sex: Sex = conn.query_row("SELECT 'male'", [], |r| r.get(0)).unwrap();
        assert_eq!(sex, Sex::Male);
        let state: FollowUpState = conn
            .query_row("SELECT ?1", [FollowUpState::Done], |r| r.get(0))
            .unwrap();
        assert_eq!(state, FollowUpState::Done);
        let err = conn
            .query_row("SELECT 'archived'", [], |r| r.get::<_, CaseStatus>(0))
            .unwrap_err();
        assert!(
            err.to_string().contains("unknown case status \"archived\""),
            "{err}"
        );
    }
}

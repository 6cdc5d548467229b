//! What Casebook says in a desktop notification about follow-ups, decided
//! here so it can be tested without a desktop: one summary at start-up (never
//! one notification per overdue follow-up), and, while the app runs, one
//! notification per check for the follow-ups that came due since the last.
//!
//! A follow-up comes due at its due time, or at the start of its due day when
//! it has none, in the clinician's local time. Notifications are seen by
//! anyone near the screen, so they name the case number and reason, never the
//! patient.

use chrono::{NaiveDateTime, NaiveTime};
use rusqlite::Connection;

use super::due::{self, DueItem};
use crate::{msg, Message, Result};

/// The text of one desktop notification, to be said in the clinician's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub title: Message,
    pub body: Message,
}

/// At start-up: one summary of what is overdue and due today, or nothing.
pub fn startup_summary(conn: &Connection, today: chrono::NaiveDate) -> Result<Option<Reminder>> {
    let counts = due::due_counts(conn, today)?;
    let body = match (counts.overdue, counts.today) {
        (0, 0) => return Ok(None),
        (overdue, 0) => msg!("reminder.overdue", count = overdue),
        (0, today) => msg!("reminder.due_today", count = today),
        (overdue, today) => msg!(
            "reminder.overdue_and_today",
            overdue = msg!("reminder.n_overdue", count = overdue),
            today = msg!("reminder.n_due_today", count = today)
        ),
    };
    Ok(Some(Reminder {
        title: msg!("reminder.summary_title"),
        body,
    }))
}

/// The moment a follow-up comes due, in local time.
pub fn due_at(item: &DueItem) -> NaiveDateTime {
    let time = item
        .due_time
        .as_deref()
        .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
        .unwrap_or(NaiveTime::MIN);
    item.due_on.and_time(time)
}

/// Pending follow-ups that came due after `after` and at or before `upto`
/// (both local times), soonest first.
pub fn came_due(
    conn: &Connection,
    after: NaiveDateTime,
    upto: NaiveDateTime,
) -> Result<Vec<DueItem>> {
    if upto <= after {
        return Ok(Vec::new());
    }
    let until = upto
        .date()
        .succ_opt()
        .map_or("9999-12-32".into(), |d| d.to_string());
    let dates = (after.date().to_string(), until);
    let items = due::pending_between(conn, &dates, 10_000)?;
    Ok(items
        .into_iter()
        .filter(|item| {
            let at = due_at(item);
            after < at && at <= upto
        })
        .collect())
}

/// One notification for follow-ups that just came due: the follow-up itself
/// when there is one, a count when there are several.
pub fn reminder_for(items: &[DueItem]) -> Option<Reminder> {
    match items {
        [] => None,
        [item] => Some(Reminder {
            title: msg!("reminder.due_title_single"),
            body: if item.reason.is_empty() {
                msg!("reminder.case", id = item.case_id)
            } else {
                msg!(
                    "reminder.case_reason",
                    id = item.case_id,
                    reason = item.reason.as_str()
                )
            },
        }),
        many => Some(Reminder {
            title: msg!("reminder.due_title_many"),
            body: msg!("reminder.due_now", count = many.len()),
        }),
    }
}

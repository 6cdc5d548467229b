//! Follow-ups: the dates on which a clinician means to check back on a case
//! ("symptoms usually improve within a week; if not, visit the clinic").
//!
//! A follow-up has a due date (a calendar date in the clinician's own zone),
//! an optional local time, a reason and a state (`pending` → `done` or
//! `cancelled`, and back to `pending` by reopening). Changing the date or time
//! of a pending follow-up is a reschedule: the old date is kept in
//! `follow_up_history`, never overwritten. This module holds the types and
//! their life in the database; [`due`] sorts pending ones into the due list,
//! [`reminders`] decides what to notify, and [`ics`] writes them as an
//! iCalendar file.
//!
//! Rules the database enforces as well as this code:
//! - a follow-up belongs to an existing case (foreign key), and deleting a case
//!   deletes its follow-ups and their history (`ON DELETE CASCADE`), so a
//!   follow-up of a deleted case cannot exist;
//! - `due_on` is a real `YYYY-MM-DD` date (a `CHECK`), so 2026-02-30 is refused.
//!
//! A due date before the question was asked is almost always a typo, so it is
//! refused (`invalid`, field `due_on`) unless the caller passes
//! `confirm_before_asked` after asking the clinician.
//!
//! Import ([`crate::import`]) checks its follow-ups with the same [`validate`]
//! (date, strict `HH:MM` time, reason limit) and stores them with the same
//! insert ([`table`]). An imported follow-up due before its question was asked
//! is accepted: there is no one to ask, and the record comes from a system
//! (often this one, through export) where it was already kept, so refusing
//! it would drop data that a round trip must preserve.

pub mod due;
pub mod ics;
pub mod reminders;
pub(crate) mod table;

use crate::msg;
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cases::validate::parse_date;
use crate::{CoreError, Now, Result, Store};

pub use crate::interchange::FollowUpState;

/// The longest reason accepted, in characters.
pub const MAX_REASON: usize = 1000;

/// A follow-up as typed into the add / edit dialog: text, not yet checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FollowUpInput {
    /// `YYYY-MM-DD`, a real calendar date.
    pub due_on: String,
    /// `HH:MM`, 24-hour, the clinician's local time; none for "that day".
    pub due_time: Option<String>,
    pub reason: String,
    /// The clinician confirmed a due date before the question was asked.
    pub confirm_before_asked: bool,
}

/// A follow-up as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FollowUp {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    pub due_time: Option<String>,
    pub reason: String,
    pub state: FollowUpState,
    pub created_at: String,
    pub updated_at: String,
    /// Every earlier date of this follow-up, oldest change first.
    pub history: Vec<Reschedule>,
}

/// One reschedule: the date (and time) a follow-up had, and what it became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Reschedule {
    #[ts(type = "string")]
    pub from_on: NaiveDate,
    pub from_time: Option<String>,
    #[ts(type = "string")]
    pub to_on: NaiveDate,
    pub to_time: Option<String>,
    pub changed_at: String,
}

/// A checked input.
pub(crate) struct Checked {
    pub due_on: NaiveDate,
    pub due_time: Option<String>,
    pub reason: String,
}

/// The checks every follow-up passes, typed or imported: a real date (not
/// before `asked_on` unless confirmed), a strict `HH:MM` time, a reason of at
/// most [`MAX_REASON`] characters (trimmed).
pub(crate) fn validate(input: &FollowUpInput, asked_on: NaiveDate) -> Result<Checked> {
    let due_on = parse_date("due_on", "follow-up date", &input.due_on)?;
    if due_on < asked_on && !input.confirm_before_asked {
        return Err(CoreError::invalid(
            "due_on",
            msg!(
                "followup.before_asked",
                due = due_on.to_string(),
                asked = asked_on.to_string()
            ),
        ));
    }
    let due_time = match input.due_time.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(parse_time(text)?),
    };
    let reason = input.reason.trim().to_string();
    if reason.chars().count() > MAX_REASON {
        return Err(CoreError::invalid(
            "reason",
            msg!("followup.reason_too_long", limit = MAX_REASON),
        ));
    }
    Ok(Checked {
        due_on,
        due_time,
        reason,
    })
}

/// A strict 24-hour `HH:MM`, returned in that form.
fn parse_time(text: &str) -> Result<String> {
    let shaped = text.len() == 5
        && text.bytes().enumerate().all(|(i, b)| match i {
            2 => b == b':',
            _ => b.is_ascii_digit(),
        });
    let time = shaped
        .then(|| NaiveTime::parse_from_str(text, "%H:%M").ok())
        .flatten()
        .ok_or_else(|| CoreError::invalid("due_time", msg!("followup.time_shape", text = text)))?;
    Ok(time.format("%H:%M").to_string())
}

fn asked_on_of(conn: &Connection, case_id: i64) -> Result<NaiveDate> {
    crate::cases::table::asked_on(conn, case_id)?
        .ok_or_else(|| CoreError::NotFound(msg!("case.not_found", id = case_id)))
}

/// Adds a pending follow-up to a case.
pub fn add(store: &mut Store, case_id: i64, input: &FollowUpInput, now: Now) -> Result<FollowUp> {
    let id = store.with_tx(|tx| {
        let checked = validate(input, asked_on_of(tx, case_id)?)?;
        table::insert(
            tx,
            &table::NewFollowUp {
                case_id,
                due_on: checked.due_on,
                due_time: checked.due_time.as_deref(),
                reason: &checked.reason,
                state: FollowUpState::Pending,
            },
            now,
        )
    })?;
    get(store.conn(), id)
}

/// Edits a pending follow-up. A new date or time is a reschedule: the old
/// one is kept in the history. Done and cancelled follow-ups are reopened
/// first, so what was recorded as done is not silently changed.
pub fn update(store: &mut Store, id: i64, input: &FollowUpInput, now: Now) -> Result<FollowUp> {
    store.with_tx(|tx| {
        let current = read(tx, id)?;
        if current.state != FollowUpState::Pending {
            return Err(CoreError::Conflict(msg!(
                "followup.closed",
                state = crate::message::Message::new(&format!(
                    "followup.state.{}",
                    current.state.as_str()
                ))
            )));
        }
        let checked = validate(input, asked_on_of(tx, current.case_id)?)?;
        let stamp = now.stamp();
        if (checked.due_on, &checked.due_time) != (current.due_on, &current.due_time) {
            table::insert_history(
                tx,
                id,
                &Reschedule {
                    from_on: current.due_on,
                    from_time: current.due_time.clone(),
                    to_on: checked.due_on,
                    to_time: checked.due_time.clone(),
                    changed_at: stamp.clone(),
                },
            )?;
        }
        tx.execute(
            "UPDATE follow_ups SET due_on = ?2, due_time = ?3, reason = ?4, updated_at = ?5
             WHERE id = ?1",
            params![id, checked.due_on, checked.due_time, checked.reason, stamp],
        )?;
        Ok(())
    })?;
    get(store.conn(), id)
}

/// Marks a follow-up done, cancels it, or reopens it (`pending`). Setting
/// the state it already has changes nothing.
pub fn set_state(store: &mut Store, id: i64, state: FollowUpState, now: Now) -> Result<FollowUp> {
    store.with_tx(|tx| {
        let current = read(tx, id)?;
        if current.state != state {
            tx.execute(
                "UPDATE follow_ups SET state = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, state, now.stamp()],
            )?;
        }
        Ok(())
    })?;
    get(store.conn(), id)
}

/// One follow-up with its history.
pub fn get(conn: &Connection, id: i64) -> Result<FollowUp> {
    let mut follow_up = read(conn, id)?;
    follow_up.history = table::history_of(conn, id)?;
    Ok(follow_up)
}

/// A case's follow-ups: pending ones first, soonest first; then the rest,
/// latest date first.
pub fn list_for_case(conn: &Connection, case_id: i64) -> Result<Vec<FollowUp>> {
    asked_on_of(conn, case_id)?; // a missing case is `not_found`, not an empty list
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM follow_ups WHERE case_id = ?1
         ORDER BY state <> 'pending',
                  CASE WHEN state = 'pending' THEN due_on END,
                  CASE WHEN state = 'pending' THEN due_time END,
                  due_on DESC, id",
        table::COLUMNS
    ))?;
    let rows = stmt
        .query_map([case_id], table::from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|mut f| {
            f.history = table::history_of(conn, f.id)?;
            Ok(f)
        })
        .collect()
}

/// The date of a case's next pending follow-up (the earliest, even when it is
/// already overdue), or `None`. Templates show it as `{{ next_follow_up }}`.
pub fn next_pending(conn: &Connection, case_id: i64) -> Result<Option<NaiveDate>> {
    table::next_pending(conn, case_id)
}

/// The follow-up without its history.
fn read(conn: &Connection, id: i64) -> Result<FollowUp> {
    table::read(conn, id)?.ok_or_else(|| CoreError::NotFound(msg!("followup.not_found", id = id)))
}

#[cfg(test)]
mod tests;

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

pub mod due;
pub mod ics;
pub mod reminders;

use crate::msg;
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cases::{parse_column, parse_date_column, validate::parse_date};
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
struct Checked {
    due_on: NaiveDate,
    due_time: Option<String>,
    reason: String,
}

fn check(input: &FollowUpInput, asked_on: NaiveDate) -> Result<Checked> {
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
    let text: String = conn
        .query_row("SELECT asked_on FROM cases WHERE id = ?1", [case_id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| CoreError::NotFound(msg!("case.not_found", id = case_id)))?;
    parse_date_column(&text)
}

/// Adds a pending follow-up to a case.
pub fn add(store: &mut Store, case_id: i64, input: &FollowUpInput, now: Now) -> Result<FollowUp> {
    let id = store.with_tx(|tx| {
        let checked = check(input, asked_on_of(tx, case_id)?)?;
        tx.execute(
            "INSERT INTO follow_ups (case_id, due_on, due_time, reason, state, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?5)",
            params![
                case_id,
                checked.due_on.to_string(),
                checked.due_time,
                checked.reason,
                now.stamp()
            ],
        )?;
        Ok(tx.last_insert_rowid())
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
        let checked = check(input, asked_on_of(tx, current.case_id)?)?;
        let stamp = now.stamp();
        if (checked.due_on, &checked.due_time) != (current.due_on, &current.due_time) {
            tx.execute(
                "INSERT INTO follow_up_history (follow_up_id, from_on, from_time, to_on, to_time, changed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id,
                    current.due_on.to_string(),
                    current.due_time,
                    checked.due_on.to_string(),
                    checked.due_time,
                    stamp
                ],
            )?;
        }
        tx.execute(
            "UPDATE follow_ups SET due_on = ?2, due_time = ?3, reason = ?4, updated_at = ?5
             WHERE id = ?1",
            params![
                id,
                checked.due_on.to_string(),
                checked.due_time,
                checked.reason,
                stamp
            ],
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
                params![id, state.as_str(), now.stamp()],
            )?;
        }
        Ok(())
    })?;
    get(store.conn(), id)
}

/// One follow-up with its history.
pub fn get(conn: &Connection, id: i64) -> Result<FollowUp> {
    let mut follow_up = read(conn, id)?;
    follow_up.history = history_of(conn, id)?;
    Ok(follow_up)
}

/// A case's follow-ups: pending ones first, soonest first; then the rest,
/// latest date first.
pub fn list_for_case(conn: &Connection, case_id: i64) -> Result<Vec<FollowUp>> {
    asked_on_of(conn, case_id)?; // a missing case is `not_found`, not an empty list
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM follow_ups WHERE case_id = ?1
         ORDER BY state <> 'pending',
                  CASE WHEN state = 'pending' THEN due_on END,
                  CASE WHEN state = 'pending' THEN due_time END,
                  due_on DESC, id"
    ))?;
    let rows = stmt
        .query_map([case_id], read_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|raw| {
            let mut f = raw.parse()?;
            f.history = history_of(conn, f.id)?;
            Ok(f)
        })
        .collect()
}

/// The date of a case's next pending follow-up (the earliest, even when it is
/// already overdue), or `None`. Templates show it as `{{ next_follow_up }}`.
pub fn next_pending(conn: &Connection, case_id: i64) -> Result<Option<NaiveDate>> {
    let text: Option<String> = conn
        .prepare_cached(
            "SELECT min(due_on) FROM follow_ups WHERE case_id = ?1 AND state = 'pending'",
        )?
        .query_row([case_id], |r| r.get(0))?;
    text.as_deref().map(parse_date_column).transpose()
}

const COLUMNS: &str = "id, case_id, due_on, due_time, reason, state, created_at, updated_at";

/// Columns as read; dates and states are parsed after, so a bad value is an
/// error, not a panic.
struct RawRow {
    id: i64,
    case_id: i64,
    due_on: String,
    due_time: Option<String>,
    reason: String,
    state: String,
    created_at: String,
    updated_at: String,
}

fn read_row(r: &Row) -> rusqlite::Result<RawRow> {
    Ok(RawRow {
        id: r.get(0)?,
        case_id: r.get(1)?,
        due_on: r.get(2)?,
        due_time: r.get(3)?,
        reason: r.get(4)?,
        state: r.get(5)?,
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

impl RawRow {
    fn parse(self) -> Result<FollowUp> {
        Ok(FollowUp {
            id: self.id,
            case_id: self.case_id,
            due_on: parse_date_column(&self.due_on)?,
            due_time: self.due_time,
            reason: self.reason,
            state: parse_column("follow-up state", &self.state, FollowUpState::parse)?,
            created_at: self.created_at,
            updated_at: self.updated_at,
            history: Vec::new(),
        })
    }
}

/// The follow-up without its history.
fn read(conn: &Connection, id: i64) -> Result<FollowUp> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM follow_ups WHERE id = ?1"),
        [id],
        read_row,
    )
    .optional()?
    .ok_or_else(|| CoreError::NotFound(msg!("followup.not_found", id = id)))?
    .parse()
}

fn history_of(conn: &Connection, id: i64) -> Result<Vec<Reschedule>> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_on, from_time, to_on, to_time, changed_at FROM follow_up_history
         WHERE follow_up_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(from_on, from_time, to_on, to_time, changed_at)| {
            Ok(Reschedule {
                from_on: parse_date_column(&from_on)?,
                from_time,
                to_on: parse_date_column(&to_on)?,
                to_time,
                changed_at,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;

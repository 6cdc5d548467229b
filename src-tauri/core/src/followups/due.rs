//! The due list: pending follow-ups sorted into overdue / today / this week /
//! later, plus the most recently done ones, each row carrying enough of its
//! case (title, asker, department) to be recognised without opening it.
//!
//! Buckets are calendar arithmetic on the clinician's local date (`today`,
//! from [`crate::Now`]); a due time never moves a follow-up between buckets.
//! "This week" is the next seven days (tomorrow to today + 7), so "in 1 week"
//! lands in it. Each bucket is read a page at a time through the
//! `(state, due_on, due_time)` index, with its full count, so the list stays
//! quick with hundreds of thousands of follow-ups.

use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::FollowUpState;
use crate::Result;

/// Rows per bucket when the caller does not say.
pub const DEFAULT_PER_BUCKET: u32 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DueBucket {
    Overdue,
    Today,
    ThisWeek,
    Later,
    Done,
}

/// Which bucket a follow-up belongs in on `today`. Cancelled follow-ups are in
/// none, and done ones are never due.
pub fn bucket_of(due_on: NaiveDate, state: FollowUpState, today: NaiveDate) -> Option<DueBucket> {
    match state {
        FollowUpState::Cancelled => None,
        FollowUpState::Done => Some(DueBucket::Done),
        FollowUpState::Pending if due_on < today => Some(DueBucket::Overdue),
        FollowUpState::Pending if due_on == today => Some(DueBucket::Today),
        FollowUpState::Pending if due_on <= week_end(today) => Some(DueBucket::ThisWeek),
        FollowUpState::Pending => Some(DueBucket::Later),
    }
}

fn week_end(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_days(Days::new(7))
        .unwrap_or(NaiveDate::MAX)
}

/// One row of the due list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DueItem {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    pub case_title: String,
    pub asker: Option<String>,
    pub department: Option<String>,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    pub due_time: Option<String>,
    pub reason: String,
    pub state: FollowUpState,
}

/// One bucket: its first rows and how many it holds in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DueGroup {
    pub bucket: DueBucket,
    pub total: u32,
    pub items: Vec<DueItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DueList {
    /// The date the buckets were computed for.
    #[ts(type = "string")]
    pub today: NaiveDate,
    /// Overdue, today, this week, later, done: always all five, in that order.
    pub groups: Vec<DueGroup>,
}

/// What the sidebar shows at all times.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct DueCounts {
    pub overdue: u32,
    pub today: u32,
}

/// The half-open range of due dates `[from, until)` of a pending bucket, as
/// the stored `YYYY-MM-DD` text (which sorts like the dates).
fn range(bucket: DueBucket, today: NaiveDate) -> (String, String) {
    let after = |d: NaiveDate| d.succ_opt().map_or("9999-12-32".into(), |d| d.to_string());
    match bucket {
        DueBucket::Overdue => (String::new(), today.to_string()),
        DueBucket::Today => (today.to_string(), after(today)),
        DueBucket::ThisWeek => (after(today), after(week_end(today))),
        DueBucket::Later | DueBucket::Done => (after(week_end(today)), "9999-12-32".into()),
    }
}

fn count_pending(conn: &Connection, (from, until): &(String, String)) -> Result<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM follow_ups
             WHERE state = 'pending' AND due_on >= ?1 AND due_on < ?2",
        )?
        .query_row(params![from, until], |r| r.get(0))?)
}

const ITEM_COLUMNS: &str = "f.id, f.case_id, c.title, c.asker, c.department, f.due_on,
                            f.due_time, f.reason, f.state";

pub(crate) fn read_items(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<DueItem>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| {
        Ok(DueItem {
            id: r.get(0)?,
            case_id: r.get(1)?,
            case_title: r.get(2)?,
            asker: r.get(3)?,
            department: r.get(4)?,
            due_on: r.get(5)?,
            due_time: r.get(6)?,
            reason: r.get(7)?,
            state: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Pending follow-ups whose due date lies in `[from, until)`, soonest first.
pub(crate) fn pending_between(
    conn: &Connection,
    (from, until): &(String, String),
    limit: u32,
) -> Result<Vec<DueItem>> {
    read_items(
        conn,
        &format!(
            "SELECT {ITEM_COLUMNS} FROM follow_ups f JOIN cases c ON c.id = f.case_id
             WHERE f.state = 'pending' AND f.due_on >= ?1 AND f.due_on < ?2
             ORDER BY f.due_on, f.due_time, f.id LIMIT ?3"
        ),
        params![from, until, limit],
    )
}

/// The due list on `today`, at most `per_bucket` rows in each bucket (the
/// done bucket holds the most recently done, newest first).
pub fn due_list(conn: &Connection, today: NaiveDate, per_bucket: u32) -> Result<DueList> {
    let limit = per_bucket.clamp(1, 1000);
    let mut groups = Vec::with_capacity(5);
    for bucket in [
        DueBucket::Overdue,
        DueBucket::Today,
        DueBucket::ThisWeek,
        DueBucket::Later,
    ] {
        let dates = range(bucket, today);
        groups.push(DueGroup {
            bucket,
            total: count_pending(conn, &dates)?,
            items: pending_between(conn, &dates, limit)?,
        });
    }
    let done = read_items(
        conn,
        &format!(
            "SELECT {ITEM_COLUMNS} FROM follow_ups f JOIN cases c ON c.id = f.case_id
             WHERE f.state = 'done' ORDER BY f.updated_at DESC, f.id DESC LIMIT ?1"
        ),
        [limit],
    )?;
    groups.push(DueGroup {
        bucket: DueBucket::Done,
        total: done.len() as u32,
        items: done,
    });
    Ok(DueList { today, groups })
}

/// How many pending follow-ups are overdue, and how many are due today.
pub fn due_counts(conn: &Connection, today: NaiveDate) -> Result<DueCounts> {
    Ok(DueCounts {
        overdue: count_pending(conn, &range(DueBucket::Overdue, today))?,
        today: count_pending(conn, &range(DueBucket::Today, today))?,
    })
}

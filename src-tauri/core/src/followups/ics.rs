//! Pending follow-ups as an iCalendar file (RFC 5545) for Outlook, Apple
//! Calendar or Thunderbird, written with the maintained `icalendar` crate.
//!
//! Privacy by default: an event names the case number and the reason only.
//! The asker's name and the case title go into the file only when the
//! clinician asks for them (`include_names`).
//!
//! Shape: a follow-up without a time is an all-day event (`DTSTART;VALUE=DATE`
//! and the next day as the exclusive `DTEND`); one with a time starts then, in
//! floating local time (the clinician's zone, as typed), and lasts 30 minutes.
//! The `UID` is stable per follow-up and `SEQUENCE` counts its reschedules, so
//! importing a newer export updates an event instead of duplicating it.
//! `DTSTAMP` is the export time passed in, never read from the clock here.

use crate::msg;
use std::path::Path;

use chrono::{Days, NaiveTime, TimeDelta};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, Property};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::due::{read_items, DueItem};
use crate::{CoreError, Now, Result};

/// What to export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarExport {
    /// One case's pending follow-ups, or (none) every pending follow-up.
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
    /// Put the asker's name and the case title in the events.
    pub include_names: bool,
}

/// The calendar text, and how many events it holds.
pub fn calendar(conn: &Connection, export: &CalendarExport, now: Now) -> Result<(String, u32)> {
    if let Some(case_id) = export.case_id {
        super::asked_on_of(conn, case_id)?; // `not_found` for a missing case
    }
    let items = read_items(
        conn,
        "SELECT f.id, f.case_id, c.title, c.asker, c.department, f.due_on, f.due_time,
                f.reason, f.state
         FROM follow_ups f JOIN cases c ON c.id = f.case_id
         WHERE f.state = 'pending' AND (?1 IS NULL OR f.case_id = ?1)
         ORDER BY f.due_on, f.due_time, f.id",
        params![export.case_id],
    )?;
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Casebook//Follow-ups//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .append_property(Property::new("X-WR-CALNAME", "Casebook follow-ups"));
    let mut uid_stmt = conn.prepare_cached(
        "SELECT f.created_at, (SELECT count(*) FROM follow_up_history h WHERE h.follow_up_id = f.id)
         FROM follow_ups f WHERE f.id = ?1",
    )?;
    for item in &items {
        let (created_at, reschedules): (String, i64) =
            uid_stmt.query_row([item.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        cal.push(event(
            item,
            &created_at,
            reschedules,
            export.include_names,
            now,
        ));
    }
    Ok((cal.done().to_string(), items.len() as u32))
}

fn event(item: &DueItem, created_at: &str, sequence: i64, names: bool, now: Now) -> Event {
    let stamp: String = created_at.chars().filter(char::is_ascii_digit).collect();
    let mut event = Event::new();
    event
        .uid(&format!(
            "casebook-follow-up-{}-{stamp}@tw.casebook.app",
            item.id
        ))
        .timestamp(now.utc)
        .add_property("SEQUENCE", sequence.to_string())
        .summary(&summary(item, names))
        .description(&description(item, names));
    let time = item
        .due_time
        .as_deref()
        .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok());
    match time {
        Some(time) => {
            let start = item.due_on.and_time(time);
            event
                .starts(CalendarDateTime::Floating(start))
                .ends(CalendarDateTime::Floating(start + TimeDelta::minutes(30)));
        }
        None => {
            let next = item
                .due_on
                .checked_add_days(Days::new(1))
                .unwrap_or(item.due_on);
            event
                .starts(item.due_on)
                .ends(next)
                .add_property("TRANSP", "TRANSPARENT");
        }
    }
    event.done()
}

fn summary(item: &DueItem, names: bool) -> String {
    let who = match (&item.asker, names) {
        (Some(asker), true) => format!("{asker}, case {}", item.case_id),
        _ => format!("case {}", item.case_id),
    };
    if item.reason.is_empty() {
        format!("Follow-up: {who}")
    } else {
        format!("Follow-up: {who} — {}", item.reason)
    }
}

fn description(item: &DueItem, names: bool) -> String {
    let mut lines = vec![format!("Casebook case {}", item.case_id)];
    if names {
        lines.push(format!("Question: {}", item.case_title));
        if let Some(asker) = &item.asker {
            lines.push(format!("Asker: {asker}"));
        }
    }
    if !item.reason.is_empty() {
        lines.push(format!("Reason: {}", item.reason));
    }
    lines.join("\n")
}

/// Writes the calendar to `path` (through a temporary file beside it, so a
/// failure never leaves half a file). Returns how many events it holds.
pub fn write_calendar(
    conn: &Connection,
    export: &CalendarExport,
    now: Now,
    path: &Path,
) -> Result<u32> {
    let (text, count) = calendar(conn, export, now)?;
    let name = path
        .file_name()
        .ok_or_else(|| CoreError::invalid("path", msg!("calendar.no_file_name")))?;
    let temp = path.with_file_name(format!(".{}.part", name.to_string_lossy()));
    std::fs::write(&temp, text.as_bytes())?;
    if let Err(e) = std::fs::rename(&temp, path) {
        let _ = std::fs::remove_file(&temp);
        return Err(e.into());
    }
    Ok(count)
}

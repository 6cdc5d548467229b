//! Records for other systems: interchange v1 JSON Lines (everything,
//! lossless: export → import into an empty case book → export gives the same
//! bytes) and CSV for spreadsheets.
//!
//! # CSV columns (UTF-8 with a byte-order mark, so Excel reads Chinese right)
//! One row per case, a header row first, fields quoted when needed (RFC 4180):
//!
//! | column | content |
//! |---|---|
//! | `id` | the case's number in this case book (ignored on import) |
//! | `external_id` | its id in the system it came from |
//! | `status` | `new`, `drafting`, `answered`, `closed` |
//! | `title`, `body` | the question |
//! | `asker`, `sex`, `age_range` | who asked (`sex`: female, male, other, unspecified) |
//! | `asked_on` | `YYYY-MM-DD` |
//! | `department`, `source` | |
//! | `tags` | the topics, separated by `; ` |
//! | `reply_body`, `clinician`, `affiliation`, `signature`, `replied_on`, `more_info` | the reply (empty when none) |
//! | `follow_ups` | the follow-ups as a JSON array of interchange objects (`due_on`, `due_time`, `reason`, `state`) |
//! | `addenda` | the addenda as a JSON array of interchange objects (`body`, `clinician`, `created_at`) |
//!
//! CSV import ([`crate::import::check_csv`]) reads the same columns; empty
//! cells are absent values.

use crate::msg;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::Connection;

use super::batch::Progress;
use crate::cases::{self, CaseDetail};
use crate::interchange::{AddendumRecord, CaseRecord, FollowUpRecord, QuestionRecord, ReplyRecord};
use crate::{replies, CoreError, Result};

/// The CSV header, in order.
pub const CSV_COLUMNS: [&str; 20] = [
    "id",
    "external_id",
    "status",
    "title",
    "body",
    "asker",
    "sex",
    "age_range",
    "asked_on",
    "department",
    "tags",
    "source",
    "reply_body",
    "clinician",
    "affiliation",
    "signature",
    "replied_on",
    "more_info",
    "follow_ups",
    "addenda",
];

/// The records formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RecordsFormat {
    /// Interchange v1 JSON Lines: every field, lossless.
    Jsonl,
    /// CSV for spreadsheets (the columns above).
    Csv,
}

impl RecordsFormat {
    pub fn extension(self) -> &'static str {
        match self {
            RecordsFormat::Jsonl => "jsonl",
            RecordsFormat::Csv => "csv",
        }
    }

    /// The file type's name in a save dialog.
    pub fn label(self) -> &'static str {
        match self {
            RecordsFormat::Jsonl => "JSON Lines",
            RecordsFormat::Csv => "CSV",
        }
    }
}

/// Writes every case in `format` to `dest`, through a temporary file that is
/// renamed into place only when complete: a cancelled or failed export
/// leaves nothing at `dest`. `overwrite` allows replacing a file there.
pub fn export_to(
    conn: &Connection,
    format: RecordsFormat,
    dest: &std::path::Path,
    overwrite: bool,
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> Result<Written> {
    let ids = all_ids(conn)?;
    let mut file = super::files::AtomicFile::create(dest, overwrite)?;
    let written = {
        let mut out = std::io::BufWriter::new(&mut file);
        let written = match format {
            RecordsFormat::Jsonl => write_jsonl(conn, &ids, &mut out, progress, cancel),
            RecordsFormat::Csv => write_csv(conn, &ids, &mut out, progress, cancel),
        }?;
        out.flush()
            .map_err(|e| super::files::io_error(dest, "write", e))?;
        written
    };
    if let Written::Complete(_) = written {
        file.commit()?;
    }
    Ok(written)
}

/// Separator of tags inside the `tags` cell.
pub const TAG_SEPARATOR: &str = "; ";

/// Every case id, in the order records are written (oldest first).
pub fn all_ids(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM cases ORDER BY id")?;
    let ids = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// One case as an interchange v1 record.
pub fn record(conn: &Connection, id: i64) -> Result<CaseRecord> {
    let case = cases::get(conn, id)?;
    let follow_ups = follow_up_records(conn, id)?;
    let addenda = replies::addenda(conn, id)?
        .into_iter()
        .map(|a| AddendumRecord {
            body: a.body,
            clinician: a.clinician,
            created_at: a.created_at,
        })
        .collect();
    Ok(record_of(case, follow_ups, addenda))
}

fn record_of(
    case: CaseDetail,
    follow_ups: Vec<FollowUpRecord>,
    addenda: Vec<AddendumRecord>,
) -> CaseRecord {
    let q = case.question;
    CaseRecord {
        external_id: q.external_id,
        status: Some(case.status),
        question: QuestionRecord {
            title: q.title,
            body: q.body,
            asker: q.asker,
            sex: q.sex,
            age_range: q.age_range,
            asked_on: q.asked_on.to_string(),
            department: q.department,
            tags: q.tags,
            source: q.source,
        },
        reply: case.reply.map(|r| ReplyRecord {
            body: r.body,
            clinician: r.clinician,
            affiliation: r.affiliation,
            signature: r.signature,
            replied_on: r.replied_on.map(|d| d.to_string()),
            more_info: r.more_info,
        }),
        follow_ups,
        addenda,
    }
}

fn follow_up_records(conn: &Connection, id: i64) -> Result<Vec<FollowUpRecord>> {
    Ok(crate::followups::table::of_case(conn, id)?
        .into_iter()
        .map(|f| FollowUpRecord {
            due_on: f.due_on.to_string(),
            due_time: f.due_time,
            reason: f.reason,
            state: f.state,
        })
        .collect())
}

/// What a records export did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Complete(u32),
    Cancelled,
}

fn step(done: u32, total: u32, progress: &(dyn Fn(Progress) + Sync), cancel: &AtomicBool) -> bool {
    if done.is_multiple_of(250) || done == total {
        progress(Progress { done, total });
    }
    !cancel.load(Ordering::Relaxed)
}

/// Writes the cases `ids` as JSON Lines (one record a line, `\n` endings).
pub fn write_jsonl(
    conn: &Connection,
    ids: &[i64],
    out: &mut dyn Write,
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> Result<Written> {
    let total = ids.len() as u32;
    for (i, id) in ids.iter().enumerate() {
        if !step(i as u32, total, progress, cancel) {
            return Ok(Written::Cancelled);
        }
        let line = serde_json::to_string(&record(conn, *id)?).map_err(json_error)?;
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
    }
    step(total, total, progress, cancel);
    Ok(Written::Complete(total))
}

/// Writes the cases `ids` as CSV with a UTF-8 byte-order mark.
pub fn write_csv(
    conn: &Connection,
    ids: &[i64],
    out: &mut dyn Write,
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> Result<Written> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    csv.write_record(CSV_COLUMNS).map_err(csv_error)?;
    let total = ids.len() as u32;
    for (i, id) in ids.iter().enumerate() {
        if !step(i as u32, total, progress, cancel) {
            return Ok(Written::Cancelled);
        }
        let r = record(conn, *id)?;
        csv.write_record(csv_row(*id, &r)?).map_err(csv_error)?;
    }
    csv.flush()?;
    step(total, total, progress, cancel);
    Ok(Written::Complete(total))
}

fn csv_row(id: i64, r: &CaseRecord) -> Result<Vec<String>> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let q = &r.question;
    let reply = r.reply.as_ref();
    let ro = |f: fn(&ReplyRecord) -> &Option<String>| {
        reply.and_then(|r| f(r).clone()).unwrap_or_default()
    };
    Ok(vec![
        id.to_string(),
        o(&r.external_id),
        r.status.map(|s| s.as_str().to_string()).unwrap_or_default(),
        q.title.clone(),
        q.body.clone(),
        o(&q.asker),
        q.sex.map(|s| s.as_str().to_string()).unwrap_or_default(),
        o(&q.age_range),
        q.asked_on.clone(),
        o(&q.department),
        q.tags.join(TAG_SEPARATOR),
        o(&q.source),
        reply.map(|r| r.body.clone()).unwrap_or_default(),
        ro(|r| &r.clinician),
        ro(|r| &r.affiliation),
        ro(|r| &r.signature),
        ro(|r| &r.replied_on),
        ro(|r| &r.more_info),
        if r.follow_ups.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&r.follow_ups).map_err(json_error)?
        },
        if r.addenda.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&r.addenda).map_err(json_error)?
        },
    ])
}

fn json_error(e: serde_json::Error) -> CoreError {
    CoreError::Internal(msg!("export.json_failed", detail = e.to_string()))
}

fn csv_error(e: csv::Error) -> CoreError {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e.into(),
        other => CoreError::Internal(msg!("export.csv_failed", detail = format!("{other:?}"))),
    }
}

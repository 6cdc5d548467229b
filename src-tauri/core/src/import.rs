//! Import of interchange v1 JSON Lines.
//!
//! Two steps, so the UI can preview before anything is written: [`check`]
//! reads every line and sorts it into ready / already present / invalid (with
//! the line number and the reason); [`apply`] writes the ready ones in ONE
//! transaction. Policy: invalid lines are skipped and reported by number,
//! never half-written; a caller that wants all-or-nothing refuses to apply a
//! plan with invalid lines (the CLI's `--strict`). Re-importing an
//! `external_id` that is already stored does not duplicate the case.
//! [`csv::check_csv`] reads the CSV export's columns into the same plan.
//!
//! Every record passes the rules a clinician's own typing passes, through
//! the same functions: the question through [`cases::validate`], the reply
//! and addenda through the reply limits of [`crate::replies`] (100,000
//! characters, as a draft), follow-ups through [`crate::followups`]'
//! validation (real date, strict `HH:MM`, reason limit); and rows are written
//! with each table's own insert. One deliberate difference: a follow-up due
//! before its question was asked is accepted (the dialog asks the clinician
//! to confirm; an imported record has no one to ask, and was already kept
//! that way where it came from). The search index is updated once per
//! imported case, at the end of the transaction, addenda included.

use crate::msg;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::audit::{self, AuditKind};
use crate::cases::{
    self, validate::parse_date, CaseStatus, Limits, Question, QuestionInput, Reply,
};
use crate::export::batch::Progress;
use crate::followups::{self, FollowUpInput};
use crate::interchange::{AddendumRecord, CaseRecord, FollowUpRecord, FollowUpState, ReplyRecord};
use crate::{replies, CoreError, Now, Result, Store};

/// One line that could not be imported, and why (with the record's field
/// when one is at fault, as `reply.body`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LineProblem {
    pub line: u32,
    pub field: Option<String>,
    pub message: crate::Message,
}

impl LineProblem {
    /// "Line 12: reply.body: The reply text is empty." in `lang`.
    pub fn render(&self, lang: crate::Lang) -> String {
        let reason = match &self.field {
            Some(field) => msg!(
                "import.field_problem",
                field = field.as_str(),
                reason = self.message.clone()
            ),
            None => self.message.clone(),
        };
        msg!("import.line_problem", line = self.line, reason = reason).render(lang)
    }
}

/// What an import did (or, before [`apply`], would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ImportReport {
    pub imported: u32,
    pub already_present: u32,
    pub invalid: Vec<LineProblem>,
    /// The import was cancelled before it finished: nothing was written
    /// (`imported` is then 0).
    pub cancelled: bool,
}

/// A line that passed every check.
#[derive(Debug, Clone)]
pub struct ReadyCase {
    pub line: u32,
    pub status: CaseStatus,
    pub question: Question,
    pub reply: Option<Reply>,
    pub follow_ups: Vec<ReadyFollowUp>,
    pub addenda: Vec<AddendumRecord>,
}

#[derive(Debug, Clone)]
pub struct ReadyFollowUp {
    pub due_on: NaiveDate,
    pub due_time: Option<String>,
    pub reason: String,
    pub state: FollowUpState,
}

#[derive(Debug, Default)]
pub struct ImportPlan {
    /// The file's name, for the audit trail of each imported case (set by
    /// the caller; without it the trail names the line only).
    pub source: Option<String>,
    pub ready: Vec<ReadyCase>,
    pub already_present: Vec<u32>,
    pub invalid: Vec<LineProblem>,
}

impl ImportPlan {
    /// The preview: what applying this plan would do.
    pub fn preview(&self) -> ImportReport {
        ImportReport {
            imported: self.ready.len() as u32,
            already_present: self.already_present.len() as u32,
            invalid: self.invalid.clone(),
            cancelled: false,
        }
    }
}

/// Reads the file at `path` and checks it ([`check_file`]); writes nothing.
/// A file that cannot be read is an `io` error naming it.
pub fn check_path(
    conn: &Connection,
    path: &std::path::Path,
    today: NaiveDate,
) -> Result<ImportPlan> {
    let bytes = std::fs::read(path).map_err(|e| crate::export::files::io_error(path, "read", e))?;
    check_file(conn, path, &bytes, today)
}

/// Checks a file's bytes with the reader its extension names (`.csv`: the
/// CSV export's columns; anything else: JSON Lines); writes nothing. The
/// plan's `source` is the file's name, for the audit trail.
pub fn check_file(
    conn: &Connection,
    path: &std::path::Path,
    bytes: &[u8],
    today: NaiveDate,
) -> Result<ImportPlan> {
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let mut plan = if is_csv {
        csv::check_csv(conn, bytes, today)?
    } else {
        check(conn, bytes, today)?
    };
    plan.source = path.file_name().map(|n| n.to_string_lossy().into_owned());
    Ok(plan)
}

/// Reads and checks every line; writes nothing. Blank lines are ignored.
pub fn check(conn: &Connection, bytes: &[u8], today: NaiveDate) -> Result<ImportPlan> {
    // One read transaction for the whole file: the per-line lookups then
    // share one snapshot and one lock instead of taking one each.
    let _snapshot = if conn.is_autocommit() {
        Some(conn.unchecked_transaction()?)
    } else {
        None
    };
    let mut checker = Checker::new(conn, today);
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    for (index, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let line = index as u32 + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let text = match std::str::from_utf8(raw) {
            Ok(text) => text,
            Err(e) => {
                checker.invalid(
                    line,
                    msg!("import.not_utf8", position = e.valid_up_to() + 1),
                );
                continue;
            }
        };
        match serde_json::from_str::<CaseRecord>(text) {
            Ok(record) => checker.accept(line, record)?,
            Err(e) => checker.invalid(line, msg!("import.not_a_record", detail = e.to_string())),
        }
    }
    Ok(checker.plan)
}

/// Sorts records into ready / already present / invalid (shared by the
/// JSON Lines and the CSV reader).
pub(crate) struct Checker<'c> {
    conn: &'c Connection,
    today: NaiveDate,
    /// external_id → (line, record) of its first appearance in this file.
    seen: HashMap<String, (u32, CaseRecord)>,
    pub(crate) plan: ImportPlan,
}

impl<'c> Checker<'c> {
    pub(crate) fn new(conn: &'c Connection, today: NaiveDate) -> Self {
        Checker {
            conn,
            today,
            seen: HashMap::new(),
            plan: ImportPlan::default(),
        }
    }

    pub(crate) fn invalid(&mut self, line: u32, message: crate::Message) {
        self.plan.invalid.push(LineProblem {
            line,
            field: None,
            message,
        });
    }

    pub(crate) fn accept(&mut self, line: u32, record: CaseRecord) -> Result<()> {
        if let Some(id) = &record.external_id {
            if let Some((first, earlier)) = self.seen.get(id) {
                if *earlier == record {
                    self.plan.already_present.push(line);
                } else {
                    let message = msg!("import.external_id_clash", id = id, first = *first);
                    self.invalid(line, message);
                }
                return Ok(());
            }
            self.seen.insert(id.clone(), (line, record.clone()));
            if cases::find_by_external_id(self.conn, id)?.is_some() {
                self.plan.already_present.push(line);
                return Ok(());
            }
        }
        match ready_case(line, record, self.today) {
            Ok(ready) => self.plan.ready.push(ready),
            Err(e) => self.plan.invalid.push(LineProblem {
                line,
                field: e.field().map(str::to_string),
                message: e.message(),
            }),
        }
        Ok(())
    }
}

/// Writes the ready cases of a plan, all in one transaction.
pub fn apply(store: &mut Store, plan: &ImportPlan, now: Now) -> Result<ImportReport> {
    apply_with_progress(store, plan, now, &|_| {}, &AtomicBool::new(false))
}

/// [`apply`], reporting progress every 500 cases (for the import dialog)
/// and stopping when `cancel` is set: the transaction is then rolled back,
/// so a cancelled import writes nothing at all.
pub fn apply_with_progress(
    store: &mut Store,
    plan: &ImportPlan,
    now: Now,
    progress: &dyn Fn(Progress),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    let total = plan.ready.len() as u32;
    if total == 0 {
        // Nothing new: the book is not touched (and needs no backup).
        return Ok(plan.preview());
    }
    // The search index is brought up to date once, at the end (same transaction).
    let written = store.with_tx(|tx| {
        crate::search::batched(tx, |tx| {
            let actor = audit::actor(tx)?;
            for (done, case) in plan.ready.iter().enumerate() {
                if cancel.load(Ordering::Relaxed) {
                    return Err(CoreError::Cancelled);
                }
                if done.is_multiple_of(500) {
                    progress(Progress {
                        done: done as u32,
                        total,
                    });
                }
                let id = cases::insert(tx, case.status, &case.question, now)?;
                let detail = match &plan.source {
                    Some(file) => format!("{file}, line {}", case.line),
                    None => format!("line {}", case.line),
                };
                audit::record_by(tx, id, AuditKind::Imported, actor.as_deref(), &detail, now)?;
                if let Some(reply) = &case.reply {
                    // Imported answers are part of the record, locked like any other.
                    let locked = matches!(case.status, CaseStatus::Answered | CaseStatus::Closed);
                    let reply = Reply {
                        locked_at: locked.then(|| now.stamp()),
                        ..reply.clone()
                    };
                    replies::table::insert_reply(tx, id, &reply, now)?;
                }
                for f in &case.follow_ups {
                    followups::table::insert(
                        tx,
                        &followups::table::NewFollowUp {
                            case_id: id,
                            due_on: f.due_on,
                            due_time: f.due_time.as_deref(),
                            reason: &f.reason,
                            state: f.state,
                        },
                        now,
                    )?;
                }
                for a in &case.addenda {
                    replies::insert_addendum(
                        tx,
                        id,
                        &a.body,
                        a.clinician.as_deref(),
                        &a.created_at,
                    )?;
                }
            }
            Ok(())
        })
    });
    match written {
        Ok(()) => {}
        Err(CoreError::Cancelled) => {
            return Ok(ImportReport {
                imported: 0,
                cancelled: true,
                ..plan.preview()
            })
        }
        Err(e) => return Err(e),
    }
    progress(Progress { done: total, total });
    Ok(plan.preview())
}

/// Checks and writes in one go; invalid lines are skipped and reported.
pub fn import_jsonl(store: &mut Store, bytes: &[u8], now: Now) -> Result<ImportReport> {
    let plan = check(store.conn(), bytes, now.today)?;
    apply(store, &plan, now)
}

fn ready_case(line: u32, record: CaseRecord, today: NaiveDate) -> Result<ReadyCase> {
    let limits = Limits::default();
    let q = record.question;
    let mut question = cases::validate(
        &QuestionInput {
            title: q.title,
            body: q.body,
            asker: q.asker,
            sex: q.sex,
            age_range: q.age_range,
            asked_on: q.asked_on,
            department: q.department,
            tags: q.tags,
            source: q.source,
        },
        today,
        &limits,
    )?;
    question.external_id = record.external_id;
    let status = record.status.unwrap_or(if record.reply.is_some() {
        CaseStatus::Answered
    } else {
        CaseStatus::New
    });
    let locked = matches!(status, CaseStatus::Answered | CaseStatus::Closed);
    if locked && record.reply.is_none() {
        return Err(CoreError::invalid(
            "status",
            msg!("import.status_needs_reply", status = status.as_str()),
        ));
    }
    let reply = record.reply.map(ready_reply).transpose()?;
    let status = match (status, &reply) {
        (CaseStatus::New, Some(_)) => CaseStatus::Drafting,
        (s, _) => s,
    };
    let follow_ups = record
        .follow_ups
        .into_iter()
        .map(|f| ready_follow_up(f, question.asked_on))
        .collect::<Result<_>>()?;
    for a in &record.addenda {
        replies::check_addendum("addenda.body", &a.body)?;
        if chrono::DateTime::parse_from_rfc3339(&a.created_at).is_err() {
            return Err(CoreError::invalid(
                "addenda.created_at",
                msg!("import.not_a_timestamp", text = a.created_at.as_str()),
            ));
        }
    }
    if !record.addenda.is_empty() && reply.is_none() {
        return Err(CoreError::invalid(
            "addenda",
            msg!("import.addenda_need_reply"),
        ));
    }
    Ok(ReadyCase {
        line,
        status,
        question,
        reply,
        follow_ups,
        addenda: record.addenda,
    })
}

fn ready_reply(r: ReplyRecord) -> Result<Reply> {
    if r.body.trim().is_empty() {
        return Err(CoreError::invalid("reply.body", msg!("import.reply_empty")));
    }
    replies::check_length("reply.body", &r.body)?;
    let replied_on = r
        .replied_on
        .as_deref()
        .map(|d| parse_date("reply.replied_on", "replied-on date", d))
        .transpose()?;
    Ok(Reply {
        body: r.body,
        clinician: r.clinician,
        affiliation: r.affiliation,
        signature: r.signature,
        replied_on,
        more_info: r.more_info,
        locked_at: None,
    })
}

/// A follow-up record through the dialog's own checks; its fields are named
/// `follow_ups.<field>` in the report.
fn ready_follow_up(f: FollowUpRecord, asked_on: NaiveDate) -> Result<ReadyFollowUp> {
    let input = FollowUpInput {
        due_on: f.due_on,
        due_time: f.due_time,
        reason: f.reason,
        // See the module comment: an imported record has no one to ask.
        confirm_before_asked: true,
    };
    let checked = followups::validate(&input, asked_on).map_err(|e| match e {
        CoreError::Invalid {
            field: Some(field),
            message,
        } => CoreError::invalid(&format!("follow_ups.{field}"), message),
        other => other,
    })?;
    Ok(ReadyFollowUp {
        due_on: checked.due_on,
        due_time: checked.due_time,
        reason: checked.reason,
        state: f.state,
    })
}

pub mod csv;

#[cfg(test)]
mod tests;

//! Export of cases: PDF a clinician signs ([`pdf`], one case or a batch,
//! [`batch`]), and records for other systems ([`records`]: CSV and
//! interchange v1 JSON Lines). Files are written safely ([`files`]): to a
//! temporary file in the destination folder, then renamed, so a cancelled or
//! failed export never leaves a half-written file.
//!
//! This module gathers what a printed case shows ([`CasePrint`]) from the
//! database; the PDF settings (paper, PDF/A) and the logo are kept by
//! [`crate::settings`] (re-exported here).

pub mod batch;
pub mod files;
pub mod pdf;
pub mod records;

use crate::msg;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::cases::{self, CaseDetail, CaseStatus};
use crate::Result;

pub use crate::settings::{logo, pdf_settings, set_pdf_settings, Paper, PdfSettings};

/// The letterhead at the top of every page one: the clinician's profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Letterhead {
    pub name: Option<String>,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    /// Further lines (address, phone), printed small.
    pub lines: Vec<String>,
    /// PNG, JPEG, GIF or WebP bytes.
    pub logo: Option<Vec<u8>>,
}

/// The most bytes a letterhead logo may have.
pub const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;

/// The letterhead from the clinician profile and the stored logo.
pub fn letterhead(conn: &Connection) -> Result<Letterhead> {
    let p = crate::profile::get(conn)?;
    let some = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(Letterhead {
        name: some(p.name),
        title: some(p.title),
        affiliation: some(p.affiliation),
        lines: Vec::new(),
        logo: logo(conn)?,
    })
}

/// Sets (or with `None` removes) the letterhead logo. Anything that is not a
/// PNG, JPEG, GIF or WebP image typst can decode is refused (field `logo`).
pub fn set_logo(conn: &Connection, bytes: Option<&[u8]>, now: crate::Now) -> Result<()> {
    if let Some(bytes) = bytes {
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(crate::CoreError::invalid(
                "logo",
                msg!(
                    "export.logo_too_big",
                    size_kb = bytes.len() / 1024,
                    limit_kb = MAX_LOGO_BYTES / 1024
                ),
            ));
        }
        pdf::check_logo(bytes, now)?;
    }
    crate::settings::store_logo(conn, bytes)
}

/// One case's PDF, gathered and ready to typeset: what it shows, the
/// letterhead and the settings (which a caller may override).
pub struct CaseExport {
    pub print: CasePrint,
    pub head: Letterhead,
    pub settings: PdfSettings,
}

/// Gathers case `id` for a PDF with the case book's letterhead and settings.
pub fn prepare_case(conn: &Connection, id: i64) -> Result<CaseExport> {
    Ok(CaseExport {
        print: gather(conn, id)?,
        head: letterhead(conn)?,
        settings: pdf_settings(conn)?,
    })
}

impl CaseExport {
    /// The name the PDF is offered under (`<case number>_<asked on>.pdf`).
    pub fn file_name(&self) -> String {
        files::case_file_name(&self.print.number, &self.print.asked_on)
    }

    /// Typesets the PDF and writes it to `dest` whole (never half a file);
    /// an existing file is replaced only with `overwrite`.
    pub fn write(&self, dest: &std::path::Path, overwrite: bool, now: crate::Now) -> Result<()> {
        let bytes = pdf::render(&self.print, &self.head, &self.settings, now)?;
        files::write_atomic(dest, &bytes, overwrite)
    }
}

/// Reads an image file and stores it as the letterhead logo ([`set_logo`]).
pub fn set_logo_from_file(
    conn: &Connection,
    path: &std::path::Path,
    now: crate::Now,
) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|e| files::io_error(path, "read", e))?;
    set_logo(conn, Some(&bytes), now)
}

/// Text as the template prints it: paragraphs, each a list of lines.
pub type Paragraphs = Vec<Vec<String>>;

/// Everything the PDF of one case shows, already formatted as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CasePrint {
    pub number: String,
    pub title: String,
    pub status: String,
    pub asked_on: String,
    pub replied_on: Option<String>,
    /// (label, value) pairs of the question's fields that are filled in.
    pub fields: Vec<(String, String)>,
    pub question: Paragraphs,
    pub reply: Option<ReplyPrint>,
    pub addenda: Vec<AddendumPrint>,
    pub follow_ups: Vec<FollowUpPrint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplyPrint {
    pub body: Paragraphs,
    pub clinician: Option<String>,
    pub affiliation: Option<String>,
    pub replied_on: Option<String>,
    pub signature: Option<Paragraphs>,
    pub more_info: Option<Paragraphs>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddendumPrint {
    pub date: String,
    pub clinician: Option<String>,
    pub body: Paragraphs,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUpPrint {
    pub due: String,
    pub reason: String,
    pub state: String,
}

/// The number a case is known by: its external id (the number the system it
/// came from gave it), else `case-<id>`.
pub fn case_number(id: i64, external_id: Option<&str>) -> String {
    match external_id {
        Some(e) if !e.trim().is_empty() => e.to_string(),
        _ => format!("case-{id}"),
    }
}

/// Reads one case and everything its PDF shows.
pub fn gather(conn: &Connection, id: i64) -> Result<CasePrint> {
    let case = cases::get(conn, id)?;
    let follow_ups = follow_ups_of(conn, id)?;
    let addenda = crate::replies::addenda(conn, id)?
        .into_iter()
        .map(|a| AddendumPrint {
            date: a.created_at.get(..10).unwrap_or(&a.created_at).to_string(),
            clinician: a.clinician,
            body: paragraphs(&a.body),
        })
        .collect();
    Ok(print_of(case, follow_ups, addenda))
}

fn print_of(
    case: CaseDetail,
    follow_ups: Vec<FollowUpPrint>,
    addenda: Vec<AddendumPrint>,
) -> CasePrint {
    let q = case.question;
    let mut fields = Vec::new();
    let mut push = |label: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            fields.push((label.to_string(), v));
        }
    };
    push("Asked by", q.asker.clone());
    let sex = q.sex.map(|s| capitalise(s.as_str()));
    let who = match (sex, q.age_range.clone()) {
        (Some(s), Some(a)) => Some(format!("{s}, {a} years")),
        (Some(s), None) => Some(s),
        (None, Some(a)) => Some(format!("{a} years")),
        (None, None) => None,
    };
    push("Sex, age", who);
    push("Department", q.department.clone());
    push("Topics", (!q.tags.is_empty()).then(|| q.tags.join(", ")));
    push("Source", q.source.clone());
    let reply = case.reply.map(|r| ReplyPrint {
        body: paragraphs(&r.body),
        clinician: r.clinician,
        affiliation: r.affiliation,
        replied_on: r.replied_on.map(|d| d.to_string()),
        signature: r.signature.as_deref().map(paragraphs),
        more_info: r.more_info.as_deref().map(paragraphs),
    });
    CasePrint {
        number: case_number(case.id, q.external_id.as_deref()),
        title: q.title,
        status: capitalise(case.status.as_str()),
        asked_on: q.asked_on.to_string(),
        replied_on: reply.as_ref().and_then(|r| r.replied_on.clone()),
        fields,
        question: paragraphs(&q.body),
        reply,
        addenda,
        follow_ups,
    }
}

fn follow_ups_of(conn: &Connection, id: i64) -> Result<Vec<FollowUpPrint>> {
    let mut rows = crate::followups::table::of_case(conn, id)?;
    rows.sort_by(|a, b| (a.due_on, &a.due_time, a.id).cmp(&(b.due_on, &b.due_time, b.id)));
    Ok(rows
        .into_iter()
        .map(|f| FollowUpPrint {
            due: match f.due_time {
                Some(t) => format!("{} {t}", f.due_on),
                None => f.due_on.to_string(),
            },
            reason: f.reason,
            state: capitalise(f.state.as_str()),
        })
        .collect())
}

/// Splits text into paragraphs (at blank lines) of lines, trimming only
/// trailing white space; the words themselves are untouched.
pub fn paragraphs(text: &str) -> Paragraphs {
    let mut out: Paragraphs = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.to_string());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Ids of the cases a batch export covers: answered (and closed) cases,
/// by reply date (else asked-on date) between `since` and `until`
/// inclusive, optionally in one department, oldest first.
pub fn answered_between(
    conn: &Connection,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    department: Option<&str>,
) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id FROM cases c LEFT JOIN replies r ON r.case_id = c.id
         WHERE c.status IN (?1, ?2)
           AND (?3 IS NULL OR coalesce(r.replied_on, c.asked_on) >= ?3)
           AND (?4 IS NULL OR coalesce(r.replied_on, c.asked_on) <= ?4)
           AND (?5 IS NULL OR c.department = ?5)
         ORDER BY coalesce(r.replied_on, c.asked_on), c.id",
    )?;
    let ids = stmt
        .query_map(
            params![
                CaseStatus::Answered.as_str(),
                CaseStatus::Closed.as_str(),
                since.map(|d| d.to_string()),
                until.map(|d| d.to_string()),
                department
            ],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

impl CasePrint {
    /// A small case for checks (the logo check typesets a letterhead with it).
    pub fn sample() -> CasePrint {
        CasePrint {
            number: "sample".into(),
            title: "Sample".into(),
            status: "Answered".into(),
            asked_on: "2023-02-02".into(),
            replied_on: None,
            fields: vec![],
            question: vec![vec!["Sample.".into()]],
            reply: None,
            addenda: vec![],
            follow_ups: vec![],
        }
    }
}

#[cfg(test)]
mod tests;

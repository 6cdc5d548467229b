//! Many cases at once: one PDF per case in a folder, or one combined PDF.
//!
//! Cases are read from the database a chunk at a time (the connection stays
//! on the calling thread) and typeset in parallel with rayon on every core.
//! Progress is reported through a callback and a shared flag cancels; a
//! cancelled export keeps the files it finished and leaves no partial one
//! (every file is written through [`AtomicFile`]). Memory stays bounded:
//! typst's cache is evicted after every case (see [`super::pdf`]).

use crate::msg;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::files::{case_file_name, io_error, unique_names, write_atomic, AtomicFile};
use super::{gather, pdf, CasePrint, Letterhead, PdfSettings};
use crate::{CoreError, Now, Result};

/// Cases read from the database per round of parallel typesetting.
const CHUNK: usize = 32;

/// How far an export has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
}

/// A file a folder export would write, and whether one is already there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlannedFile {
    #[ts(type = "number")]
    pub case_id: i64,
    pub file_name: String,
    pub exists: bool,
}

/// What a batch export did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BatchOutcome {
    /// Paths written, in case order.
    pub written: Vec<String>,
    pub cancelled: bool,
}

/// Everything a batch needs besides the cases.
pub struct BatchJob<'a> {
    pub head: &'a Letterhead,
    pub settings: PdfSettings,
    pub now: Now,
    /// Replace files that already exist (asked for in the UI beforehand).
    pub overwrite: bool,
    pub progress: &'a (dyn Fn(Progress) + Sync),
    pub cancel: &'a AtomicBool,
}

/// Which cases a batch covers: the ones picked in the inbox, or all answered
/// (and closed) cases replied between two dates (inclusive, `YYYY-MM-DD`;
/// empty means open-ended) and/or in a department.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, TS)]
pub struct BatchSelection {
    #[ts(type = "number[] | null")]
    pub ids: Option<Vec<i64>>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub department: Option<String>,
}

impl BatchSelection {
    /// The case ids, in export order. A date that is not one, or a
    /// selection that matches no case, is refused naming the field.
    pub fn resolve(&self, conn: &Connection) -> Result<Vec<i64>> {
        if let Some(ids) = &self.ids {
            if ids.is_empty() {
                return Err(CoreError::invalid("cases", msg!("export.none_selected")));
            }
            return Ok(ids.clone());
        }
        let date = |field: &str, what: &str, v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(|d| crate::cases::validate::parse_date(field, what, d))
                .transpose()
        };
        let ids = super::answered_between(
            conn,
            date("since", "start date", &self.since)?,
            date("until", "end date", &self.until)?,
            self.department
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty()),
        )?;
        if ids.is_empty() {
            return Err(CoreError::invalid("cases", msg!("export.none_match")));
        }
        Ok(ids)
    }
}

/// Where a batch goes: one PDF per case into a folder (created when
/// missing), or every case in one PDF file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Folder(PathBuf),
    Combined(PathBuf),
}

/// Exports the cases `selection` names to `dest` with the letterhead and
/// `settings` (the case book's own, or the caller's overrides).
#[allow(clippy::too_many_arguments)]
pub fn export_selection(
    conn: &Connection,
    selection: &BatchSelection,
    dest: &Destination,
    settings: PdfSettings,
    overwrite: bool,
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
    now: Now,
) -> Result<BatchOutcome> {
    let ids = selection.resolve(conn)?;
    let head = super::letterhead(conn)?;
    let job = BatchJob {
        head: &head,
        settings,
        now,
        overwrite,
        progress,
        cancel,
    };
    match dest {
        Destination::Folder(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| io_error(dir, "create", e))?;
            export_folder(conn, &ids, dir, &job)
        }
        Destination::Combined(file) => export_combined(conn, &ids, file, &job),
    }
}

/// The files a folder export of `selection` would write (see [`plan_folder`]).
pub fn plan_selection(
    conn: &Connection,
    selection: &BatchSelection,
    dir: &Path,
) -> Result<Vec<PlannedFile>> {
    plan_folder(conn, &selection.resolve(conn)?, dir)
}

/// The file names a folder export of `ids` would use, unique and safe.
pub fn plan_folder(conn: &Connection, ids: &[i64], dir: &Path) -> Result<Vec<PlannedFile>> {
    let mut names = Vec::with_capacity(ids.len());
    let mut stmt =
        conn.prepare_cached("SELECT id, external_id, asked_on FROM cases WHERE id = ?1")?;
    for id in ids {
        let (id, external, asked_on): (i64, Option<String>, String) = stmt
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => {
                    CoreError::NotFound(msg!("case.not_found", id = *id))
                }
                e => e.into(),
            })?;
        names.push((
            id,
            case_file_name(&super::case_number(id, external.as_deref()), &asked_on),
        ));
    }
    let unique = unique_names(names.iter().map(|(_, n)| n.clone()).collect());
    Ok(names
        .into_iter()
        .zip(unique)
        .map(|((case_id, _), file_name)| PlannedFile {
            case_id,
            exists: dir.join(&file_name).exists(),
            file_name,
        })
        .collect())
}

/// One PDF per case in `dir`.
pub fn export_folder(
    conn: &Connection,
    ids: &[i64],
    dir: &Path,
    job: &BatchJob,
) -> Result<BatchOutcome> {
    let plan = plan_folder(conn, ids, dir)?;
    if !job.overwrite {
        if let Some(clash) = plan.iter().find(|p| p.exists) {
            return Err(CoreError::Conflict(msg!(
                "export.file_exists_in_folder",
                file = clash.file_name.clone(),
                folder = dir.display().to_string()
            )));
        }
    }
    let total = plan.len() as u32;
    let done = AtomicU32::new(0);
    (job.progress)(Progress { done: 0, total });
    let written = Mutex::new(Vec::new());
    for chunk in plan.chunks(CHUNK) {
        if job.cancel.load(Ordering::Relaxed) {
            break;
        }
        let cases = chunk
            .iter()
            .map(|p| gather(conn, p.case_id))
            .collect::<Result<Vec<CasePrint>>>()?;
        chunk
            .par_iter()
            .zip(cases.par_iter())
            .try_for_each(|(planned, case)| -> Result<()> {
                if job.cancel.load(Ordering::Relaxed) {
                    return Ok(());
                }
                let bytes = pdf::render(case, job.head, &job.settings, job.now)?;
                let path = dir.join(&planned.file_name);
                write_atomic(&path, &bytes, job.overwrite)?;
                written
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push((planned.case_id, path));
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                (job.progress)(Progress { done: n, total });
                Ok(())
            })?;
    }
    let mut written = written.into_inner().unwrap_or_else(|p| p.into_inner());
    let order: std::collections::HashMap<i64, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    written.sort_by_key(|(id, _)| order.get(id).copied());
    Ok(BatchOutcome {
        cancelled: job.cancel.load(Ordering::Relaxed) && written.len() < plan.len(),
        written: written.into_iter().map(|(_, p)| display(&p)).collect(),
    })
}

/// Cases typeset and written per part of a combined PDF: typst's PDF
/// writer holds its whole document in memory, so memory grows with the part,
/// not with the export (the parts are joined by [`pdf::Joiner`]).
pub const CASES_PER_PART: usize = 100;

/// All `ids`, in order, as one PDF at `dest` (each case starts on a new page
/// with its own page numbers and has a bookmark).
pub fn export_combined(
    conn: &Connection,
    ids: &[i64],
    dest: &Path,
    job: &BatchJob,
) -> Result<BatchOutcome> {
    export_combined_in_parts(conn, ids, dest, job, CASES_PER_PART)
}

/// [`export_combined`], typesetting `per_part` cases at a time.
pub fn export_combined_in_parts(
    conn: &Connection,
    ids: &[i64],
    dest: &Path,
    job: &BatchJob,
    per_part: usize,
) -> Result<BatchOutcome> {
    if ids.is_empty() {
        return Err(CoreError::invalid("cases", msg!("export.no_cases")));
    }
    // Claim the destination first: a clash or an unwritable folder is
    // reported before any typesetting.
    let mut file = AtomicFile::create(dest, job.overwrite)?;
    let total = ids.len() as u32;
    let done = AtomicU32::new(0);
    (job.progress)(Progress { done: 0, total });
    // Every part carries the same title, date and identifier (see pdf::join).
    let title = format!("Casebook: {} cases", ids.len());
    let mut joiner = pdf::Joiner::new();
    for part in ids.chunks(per_part.max(1)) {
        let mut docs = Vec::with_capacity(part.len());
        let mut marks = Vec::with_capacity(part.len());
        for chunk in part.chunks(CHUNK) {
            if job.cancel.load(Ordering::Relaxed) {
                return Ok(cancelled());
            }
            let cases = chunk
                .iter()
                .map(|id| gather(conn, *id))
                .collect::<Result<Vec<CasePrint>>>()?;
            let laid = cases
                .par_iter()
                .map(|case| {
                    let doc = pdf::layout_pages(case, job.head, &job.settings, job.now)?;
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    (job.progress)(Progress { done: n, total });
                    Ok(doc)
                })
                .collect::<Result<Vec<_>>>()?;
            marks.extend(cases.iter().zip(&laid).map(|(case, pages)| pdf::CaseMark {
                title: format!("{} — {}", case.number, case.title),
                pages: pages.len(),
            }));
            docs.extend(laid);
        }
        let bytes = pdf::write_joined(docs, &title, job.head, &job.settings, job.now)?;
        joiner.add(&bytes, &marks)?;
    }
    if job.cancel.load(Ordering::Relaxed) {
        return Ok(cancelled());
    }
    joiner
        .write(&mut file)
        .map_err(|e| io_error(dest, "write", e))?;
    if job.cancel.load(Ordering::Relaxed) {
        return Ok(cancelled());
    }
    file.commit()?;
    Ok(BatchOutcome {
        written: vec![display(dest)],
        cancelled: false,
    })
}

fn cancelled() -> BatchOutcome {
    BatchOutcome {
        written: Vec::new(),
        cancelled: true,
    }
}

fn display(p: &Path) -> String {
    PathBuf::from(p).display().to_string()
}

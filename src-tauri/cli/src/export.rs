//! `casebook-cli export …`: the same exports as the app, without a window.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use casebook_core::export::batch::{export_combined, export_folder, BatchJob};
use casebook_core::export::files::AtomicFile;
use casebook_core::export::records::{self, Written};
use casebook_core::export::{self, pdf, Paper, PdfSettings};
use casebook_core::{Now, Store};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use crate::output::{outln, Outcome};

#[derive(Subcommand)]
pub enum ExportCommand {
    /// PDF a clinician signs: one case (--case ID --out FILE.pdf), or every
    /// answered case (--status answered [--since] [--until] --out-dir DIR,
    /// or --out FILE.pdf for one combined file).
    Pdf(PdfArgs),
    /// Every case as interchange v1 JSON Lines (lossless; `import` reads it back).
    Jsonl(RecordArgs),
    /// Every case as CSV (UTF-8 with BOM, for Excel; columns in the docs).
    Csv(RecordArgs),
}

#[derive(Args)]
pub struct PdfArgs {
    /// The case to export (its number in this case book).
    #[arg(long, conflicts_with_all = ["status", "since", "until", "department"])]
    case: Option<i64>,
    /// Export every case in this status (only `answered` is supported; closed cases are included).
    #[arg(long, value_parser = ["answered"])]
    status: Option<String>,
    /// Replied on or after this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<NaiveDate>,
    /// Replied on or before this date (YYYY-MM-DD).
    #[arg(long)]
    until: Option<NaiveDate>,
    /// Only cases of this department.
    #[arg(long)]
    department: Option<String>,
    /// Write one PDF to this file.
    #[arg(long, conflicts_with = "out_dir")]
    out: Option<PathBuf>,
    /// Write one PDF per case into this folder (names from case number and date).
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// Paper size (default: the app's setting).
    #[arg(long, value_enum)]
    paper: Option<PaperArg>,
    /// Write PDF/A-2b (default: the app's setting).
    #[arg(long)]
    pdfa: bool,
    /// Replace files that already exist.
    #[arg(long)]
    force: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

#[derive(Args)]
pub struct RecordArgs {
    /// The file to write.
    #[arg(long)]
    out: PathBuf,
    /// Replace the file if it already exists.
    #[arg(long)]
    force: bool,
}

pub fn run(store: &Store, what: ExportCommand, now: Now) -> Outcome {
    let msg = |e: casebook_core::CoreError| e.user_message();
    let conn = store.conn();
    let never = AtomicBool::new(false);
    match what {
        ExportCommand::Pdf(args) => {
            let mut settings: PdfSettings = export::pdf_settings(conn).map_err(msg)?;
            if let Some(p) = args.paper {
                settings.paper = match p {
                    PaperArg::A4 => Paper::A4,
                    PaperArg::Letter => Paper::Letter,
                };
            }
            settings.pdfa |= args.pdfa;
            let head = export::letterhead(conn).map_err(msg)?;
            if let Some(id) = args.case {
                let out = args.out.ok_or("--case needs --out FILE.pdf")?;
                let print = export::gather(conn, id).map_err(msg)?;
                let bytes = pdf::render(&print, &head, &settings, now).map_err(msg)?;
                casebook_core::export::files::write_atomic(&out, &bytes, args.force)
                    .map_err(msg)?;
                return outln!("wrote {}", out.display());
            }
            if args.status.is_none() {
                return Err("say which cases: --case ID, or --status answered".into());
            }
            let ids =
                export::answered_between(conn, args.since, args.until, args.department.as_deref())
                    .map_err(msg)?;
            if ids.is_empty() {
                return Err("no answered cases match".into());
            }
            let job = BatchJob {
                head: &head,
                settings,
                now,
                overwrite: args.force,
                progress: &|_| {},
                cancel: &never,
            };
            let outcome = match (args.out, args.out_dir) {
                (Some(file), None) => export_combined(conn, &ids, &file, &job),
                (None, Some(dir)) => {
                    std::fs::create_dir_all(&dir)
                        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                    export_folder(conn, &ids, &dir, &job)
                }
                _ => return Err(
                    "give --out-dir DIR (one PDF per case) or --out FILE.pdf (one combined PDF)"
                        .into(),
                ),
            }
            .map_err(msg)?;
            outln!(
                "exported {} case(s) to {} file(s)",
                ids.len(),
                outcome.written.len()
            )
        }
        ExportCommand::Jsonl(args) => records_export(store, &args, false, &never),
        ExportCommand::Csv(args) => records_export(store, &args, true, &never),
    }
}

fn records_export(store: &Store, args: &RecordArgs, csv: bool, never: &AtomicBool) -> Outcome {
    let msg = |e: casebook_core::CoreError| e.user_message();
    let ids = records::all_ids(store.conn()).map_err(msg)?;
    let mut file = AtomicFile::create(&args.out, args.force).map_err(msg)?;
    let written = if csv {
        records::write_csv(store.conn(), &ids, &mut file, &|_| {}, never)
    } else {
        let mut buffered = std::io::BufWriter::new(&mut file);
        let w = records::write_jsonl(store.conn(), &ids, &mut buffered, &|_| {}, never);
        std::io::Write::flush(&mut buffered).map_err(|e| e.to_string())?;
        w
    }
    .map_err(msg)?;
    file.commit().map_err(msg)?;
    if let Written::Complete(n) = written {
        outln!("exported {n} case(s) to {}", args.out.display())?;
    }
    Ok(())
}

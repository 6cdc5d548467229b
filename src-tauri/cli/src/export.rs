//! `casebook-cli export …`: the same exports as the app, without a window.
//! What each export does is the core's (`casebook_core::export`); this
//! module only turns arguments into a request and prints the outcome.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use casebook_core::export::batch::{export_selection, BatchSelection, Destination};
use casebook_core::export::records::{self, RecordsFormat, Written};
use casebook_core::export::{self, Paper};
use casebook_core::{Now, Store};
use clap::{Args, Subcommand, ValueEnum};

use crate::language::{fail, say};
use crate::output::{outln, Outcome};
use casebook_core::msg;

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
    since: Option<String>,
    /// Replied on or before this date (YYYY-MM-DD).
    #[arg(long)]
    until: Option<String>,
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
    let msg = fail;
    let conn = store.conn();
    let never = AtomicBool::new(false);
    match what {
        ExportCommand::Pdf(args) => {
            let mut settings = export::pdf_settings(conn).map_err(msg)?;
            if let Some(p) = args.paper {
                settings.paper = match p {
                    PaperArg::A4 => Paper::A4,
                    PaperArg::Letter => Paper::Letter,
                };
            }
            settings.pdfa |= args.pdfa;
            if let Some(id) = args.case {
                let out = args.out.ok_or_else(|| say(msg!("cli.case_needs_out")))?;
                let mut case = export::prepare_case(conn, id).map_err(msg)?;
                case.settings = settings;
                case.write(&out, args.force, now).map_err(msg)?;
                return outln!(
                    "{}",
                    say(msg!("cli.wrote", path = out.display().to_string()))
                );
            }
            if args.status.is_none() {
                return Err(say(msg!("cli.which_cases")).into());
            }
            let dest = match (args.out, args.out_dir) {
                (Some(file), None) => Destination::Combined(file),
                (None, Some(dir)) => Destination::Folder(dir),
                _ => return Err(say(msg!("cli.out_or_out_dir")).into()),
            };
            let selection = BatchSelection {
                ids: None,
                since: args.since,
                until: args.until,
                department: args.department,
            };
            let outcome = export_selection(
                conn,
                &selection,
                &dest,
                settings,
                args.force,
                &|_| {},
                &never,
                now,
            )
            .map_err(msg)?;
            outln!(
                "{}",
                say(msg!("cli.exported_files", count = outcome.written.len()))
            )
        }
        ExportCommand::Jsonl(args) => records_export(store, &args, RecordsFormat::Jsonl, &never),
        ExportCommand::Csv(args) => records_export(store, &args, RecordsFormat::Csv, &never),
    }
}

fn records_export(
    store: &Store,
    args: &RecordArgs,
    format: RecordsFormat,
    never: &AtomicBool,
) -> Outcome {
    let written = records::export_to(store.conn(), format, &args.out, args.force, &|_| {}, never)
        .map_err(fail)?;
    if let Written::Complete(n) = written {
        outln!(
            "{}",
            say(msg!(
                "cli.exported_cases",
                count = n,
                path = args.out.display().to_string()
            ))
        )?;
    }
    Ok(())
}

//! `casebook-cli`: the same core as the desktop app, without a window, for
//! clinic IT and scripting: import, export (PDF, JSON Lines, CSV), search,
//! and a new passphrase. It opens the encrypted case book as the app does
//! ([`access`]).
//!
//! Exit code 0 on success; on failure a one-line reason on stderr and 1.
//! A reader that closes standard output early (`… | head`) ends the command
//! quietly with 0, as Unix tools do ([`output`]).

use std::path::PathBuf;
use std::process::ExitCode;

use casebook_core::{import, Now};
use clap::{Parser, Subcommand};

mod access;
mod backups;
mod export;
mod language;
mod output;
mod search;

use casebook_core::msg;
use language::{fail, say};
use output::{errln, outln, Failure, Outcome};

#[derive(Parser)]
#[command(name = "casebook-cli", version, about = "Casebook without a window")]
struct Cli {
    /// Folder holding the encrypted casebook.sqlite3 and its key file
    /// (created when missing).
    #[arg(long, env = "CASEBOOK_DATA_DIR", global = true)]
    data_dir: Option<PathBuf>,
    /// A file whose first line is the passphrase: unlocks the case book when
    /// the OS key store cannot, and sets up a new data folder with it.
    #[arg(long, env = "CASEBOOK_PASSPHRASE_FILE", global = true)]
    passphrase_file: Option<PathBuf>,
    /// Neither read nor keep the key in the OS key store.
    #[arg(long, global = true)]
    no_key_store: bool,
    /// Language of messages: en or zh-TW (default: from LC_ALL / LANG).
    #[arg(long, global = true, value_parser = ["en", "zh-TW"])]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import cases from an interchange v1 JSON Lines file (or the CSV export's columns).
    Import {
        /// The .jsonl (or .csv) file to read.
        file: PathBuf,
        /// Refuse the whole import (write nothing) if any line is invalid.
        #[arg(long)]
        strict: bool,
        /// Check every line and report, but write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export cases: PDF (one case, or every answered case), JSON Lines or CSV.
    Export {
        #[command(subcommand)]
        what: export::ExportCommand,
    },
    /// Search every case (English and Chinese) and print the best matches.
    Search(search::SearchArgs),
    /// Back the case book up (encrypted, with its key file, checked) into
    /// the data folder's backups/ (old ones thinned), or into --out DIR.
    Backup {
        /// Another folder for the backup (a USB disk, a NAS share); nothing there is thinned.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check the case book and every backup in its backup folder.
    Verify,
    /// Put a backup in place of the case book (after backing it up as it
    /// is), or make a new data folder from one: a backup's folder (or a file
    /// inside it), unlocked with --passphrase-file when the folder is new.
    Restore {
        /// The backup's folder (casebook-YYYYMMDD-HHMMSS) or a file inside it.
        backup: PathBuf,
    },
    /// The passphrase that unlocks the case book.
    Passphrase {
        #[command(subcommand)]
        what: PassphraseCommand,
    },
}

#[derive(Subcommand)]
enum PassphraseCommand {
    /// Replace the passphrase (the current one comes from --passphrase-file;
    /// the recovery code keeps working).
    Change {
        /// A file whose first line is the new passphrase (at least 8 characters).
        #[arg(long)]
        new_passphrase_file: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(), // --help, --version
        Err(e) => {
            // One line: clap's first line, without its usage block.
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            errln!(
                "casebook-cli: {} (see --help)",
                first.trim_start_matches("error: ")
            );
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(()) | Err(Failure::ClosedPipe) => ExitCode::SUCCESS,
        Err(Failure::Message(message)) => {
            errln!("casebook-cli: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Outcome {
    language::choose(cli.lang.as_deref());
    let data_dir = cli.data_dir.ok_or_else(|| say(msg!("cli.no_data_dir")))?;
    let now = Now::system();
    let unlocking = access::Unlocking {
        passphrase_file: cli.passphrase_file,
        no_key_store: cli.no_key_store,
    };
    if let Command::Restore { backup } = &cli.command {
        if access::is_new(&data_dir) {
            let typed = access::passphrase_for(&unlocking, msg!("cli.restore_needs_passphrase"))?;
            let key_store = access::key_store(&unlocking);
            return backups::restore_into_new(&data_dir, backup, &typed, key_store.as_ref(), now);
        }
    }
    let open = access::open(&data_dir, &unlocking, now)?;
    match cli.command {
        Command::Restore { backup } => backups::restore(&data_dir, open, &backup, now),
        Command::Passphrase {
            what: PassphraseCommand::Change {
                new_passphrase_file,
            },
        } => {
            let said =
                access::change_passphrase(&data_dir, open, &unlocking, &new_passphrase_file, now)?;
            outln!("{said}")
        }
        Command::Backup { out } => backups::back_up(&data_dir, &open, out, now),
        Command::Verify => backups::verify(&data_dir, &open),
        Command::Import {
            file,
            strict,
            dry_run,
        } => {
            let plan = open
                .book
                .read(|c| import::check_path(c, &file, now.today))
                .map_err(fail)?;
            for problem in &plan.invalid {
                errln!("{}", problem.render(language::lang()));
            }
            let preview = plan.preview();
            if strict && !plan.invalid.is_empty() {
                return Err(say(msg!("cli.strict_refused", count = plan.invalid.len())).into());
            }
            let report = if dry_run {
                preview
            } else {
                if plan.ready.is_empty() {
                    // Nothing to write: no backup needed either.
                } else if let Some(said) = backups::before_import(&data_dir, &open, now)? {
                    errln!("{said}");
                }
                open.book
                    .write(|store| import::apply(store, &plan, now))
                    .map_err(fail)?
            };
            let summary = if dry_run {
                msg!(
                    "cli.import_would",
                    imported = report.imported,
                    present = report.already_present,
                    invalid = report.invalid.len()
                )
            } else {
                msg!(
                    "cli.import_done",
                    imported = report.imported,
                    present = report.already_present,
                    invalid = report.invalid.len()
                )
            };
            outln!("{}", say(summary))
        }
        Command::Export { what } => export::run(&open.book.into_writer(), what, now),
        Command::Search(args) => search::run(&open.book.into_writer(), args),
    }
}

//! `backup` and `verify`: the core's verified backups (`casebook_core::backup`)
//! from the command line.

use std::path::{Path, PathBuf};

use casebook_core::backup::{self, BACKUP_FOLDER};
use casebook_core::store::DATABASE_FILE;
use casebook_core::{msg, Now};

use crate::access::Open;
use crate::language::{fail, say};
use crate::output::{outln, Outcome};

/// Backs up into `out`, or into the data folder's `backups/` and thins it.
pub fn back_up(data_dir: &Path, open: &Open, out: Option<PathBuf>, now: Now) -> Outcome {
    let (made, removed) = match out {
        Some(folder) => (
            backup::create(&open.book, &open.key_file, &folder, now).map_err(fail)?,
            0,
        ),
        None => backup::back_up(
            &open.book,
            &open.key_file,
            &data_dir.join(BACKUP_FOLDER),
            now,
        )
        .map_err(fail)?,
    };
    outln!(
        "{}",
        say(msg!(
            "cli.backed_up",
            folder = made.folder.display().to_string(),
            cases = made.manifest.tables.get("cases").copied().unwrap_or(0),
            removed = removed
        ))
    )
}

/// Checks the case book and each backup; fails if any is not whole.
pub fn verify(data_dir: &Path, open: &Open) -> Outcome {
    let mut bad = 0;
    match open.book.check_copy(&data_dir.join(DATABASE_FILE)) {
        Ok(_) => outln!("{}", say(msg!("cli.verified_book")))?,
        Err(e) => {
            bad += 1;
            outln!("{}", fail(e))?;
        }
    }
    for found in backup::list(&data_dir.join(BACKUP_FOLDER)).map_err(fail)? {
        let folder = found.folder.display().to_string();
        match backup::verify(&open.book, &found) {
            Ok(()) => outln!(
                "{}",
                say(msg!("cli.verified_backup", folder = folder.as_str()))
            )?,
            Err(e) => {
                bad += 1;
                outln!("{}", fail(e))?;
            }
        }
    }
    if bad > 0 {
        return Err(say(msg!("cli.verify_failed", count = bad)).into());
    }
    Ok(())
}

//! Backups from the running app: when they are made (after changes at most
//! hourly, on close, before an import, on request) and putting one back.
//! What a backup is and when one is needed are `casebook_core::backup`'s;
//! this finds the open book and its key file, and for a restore takes the
//! book out of every command's reach while its file is replaced.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use casebook_core::backup::{self, Backup, BackupReason};
use casebook_core::keys::KeyFile;
use casebook_core::{msg, Book, CoreError, Now};

use super::{not_open, Access, Casebook};
use crate::error::{CommandError, CommandResult};

/// How long a restore waits for running work (an export) to let go of
/// the book before it gives up and leaves the book as it was.
const RESTORE_WAIT: Duration = Duration::from_secs(20);

/// Which backups [`Casebook::back_up_when`] makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Whenever asked.
    Always,
    /// When the book holds changes its newest backup lacks (on close,
    /// before an import).
    Needed,
    /// When needed and the newest backup is an hour old (the schedule).
    Due,
}

impl Casebook {
    /// The open book and its key file.
    fn open_with_key(&self) -> CommandResult<(Arc<Book>, KeyFile)> {
        match &*self.access() {
            Access::Open { book, key_file } => Ok((book.clone(), (**key_file).clone())),
            Access::Restoring => Err(restoring()),
            _ => Err(not_open(msg!("access.locked"))),
        }
    }

    /// Where backups go, and whether the clinician chose it.
    pub fn backup_folder(&self) -> CommandResult<(PathBuf, bool)> {
        let book = self.book()?;
        let chosen = book.read(casebook_core::settings::backup_folder)?;
        Ok(match chosen {
            Some(folder) => (folder, true),
            None => (self.data_dir.join(backup::BACKUP_FOLDER), false),
        })
    }

    /// Backs the book up (and thins the folder) when `when` says so;
    /// `None` when no backup was needed. A failure is also kept for the
    /// settings screen to show ([`Casebook::last_backup_failure`]).
    pub fn back_up_when(
        &self,
        when: When,
        reason: BackupReason,
        now: Now,
    ) -> CommandResult<Option<Backup>> {
        let result = self.try_back_up(when, reason, now);
        *self.backup_failure() = result.as_ref().err().cloned();
        result
    }

    fn try_back_up(
        &self,
        when: When,
        reason: BackupReason,
        now: Now,
    ) -> CommandResult<Option<Backup>> {
        let (book, key_file) = self.open_with_key()?;
        let (folder, _) = self.backup_folder()?;
        let go = match when {
            When::Always => true,
            When::Needed => backup::needed(&book, &folder)?,
            When::Due => backup::due(&book, &folder, now)?,
        };
        if !go {
            return Ok(None);
        }
        let (made, _) = backup::back_up(&book, &key_file, &folder, reason, now)?;
        log::info!("backup made ({reason:?})");
        Ok(Some(made))
    }

    /// Why the last backup failed, if it did.
    pub fn last_backup_failure(&self) -> Option<CommandError> {
        self.backup_failure().clone()
    }

    fn backup_failure(&self) -> std::sync::MutexGuard<'_, Option<CommandError>> {
        self.backup_failure
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The backups in the backup folder, newest first.
    pub fn list_backups(&self) -> CommandResult<Vec<Backup>> {
        let (folder, _) = self.backup_folder()?;
        Ok(backup::list(&folder)?)
    }

    /// Puts the backup in `folder` in place of the book (after a backup of
    /// the book as it is, which comes back): no command reaches the book
    /// meanwhile, running jobs are cancelled, and the book reopens.
    pub fn restore(&self, chosen: &Path, now: Now) -> CommandResult<Backup> {
        let chosen = backup::open(chosen)?;
        let (backups_dir, _) = self.backup_folder()?;
        let (book, key_file) = {
            let mut access = self.access_mut();
            let Access::Open { book, key_file } = &*access else {
                return Err(not_open(msg!("access.locked")));
            };
            let taken = (book.clone(), (**key_file).clone());
            *access = Access::Restoring;
            taken
        };
        self.jobs.cancel_all();
        let book = match sole_owner(book) {
            Ok(book) => book,
            Err(book) => {
                self.reopen(book, key_file);
                return Err(CoreError::Conflict(msg!("backup.book_busy")).into());
            }
        };
        match backup::restore(&self.data_dir, book, &key_file, &chosen, &backups_dir, now) {
            Ok(done) => {
                self.reopen(Arc::new(done.book), key_file);
                log::info!("backup restored");
                Ok(done.safety)
            }
            Err(failed) => {
                match failed.book {
                    Some(book) => self.reopen(Arc::new(*book), key_file),
                    None => {
                        log::error!(
                            "the restored case book could not be opened: {}",
                            crate::logging::failure(&failed.error)
                        );
                        let error: CommandError = failed.error.into();
                        *self.access_mut() = Access::Unavailable(error.clone());
                        return Err(error);
                    }
                }
                Err(failed.error.into())
            }
        }
    }

    fn reopen(&self, book: Arc<Book>, key_file: KeyFile) {
        *self.access_mut() = Access::Open {
            book,
            key_file: Box::new(key_file),
        };
    }
}

/// `book` itself once nothing else holds it (a finishing export, a
/// reminder check), or back after [`RESTORE_WAIT`].
fn sole_owner(mut book: Arc<Book>) -> Result<Book, Arc<Book>> {
    let started = Instant::now();
    loop {
        match Arc::try_unwrap(book) {
            Ok(book) => return Ok(book),
            Err(shared) if started.elapsed() < RESTORE_WAIT => {
                book = shared;
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(shared) => return Err(shared),
        }
    }
}

/// What every command gets while a restore runs.
pub(super) fn restoring() -> CommandError {
    CoreError::Conflict(msg!("backup.restoring")).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::tests::test_protection;

    fn first_title(casebook: &Casebook) -> String {
        casebook
            .book()
            .unwrap()
            .read(|c| {
                Ok(
                    c.query_row("SELECT title FROM cases ORDER BY id LIMIT 1", [], |r| {
                        r.get(0)
                    })?,
                )
            })
            .unwrap()
    }

    fn retitle(casebook: &Casebook, title: &str) {
        casebook
            .book()
            .unwrap()
            .write(|s| {
                s.conn().execute(
                    "UPDATE cases SET title = ?1 WHERE id = (SELECT min(id) FROM cases)",
                    [title],
                )?;
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn a_backup_made_before_a_change_restores_the_book_and_keeps_the_way_back() {
        let dir = tempfile::tempdir().unwrap();
        let casebook = Casebook::open(dir.path().join("data"), test_protection(), Now::system());
        let original = first_title(&casebook);
        let made = casebook
            .back_up_when(When::Always, BackupReason::Manual, Now::system())
            .unwrap()
            .unwrap();
        // Nothing changed: neither on close nor by the schedule.
        assert!(casebook
            .back_up_when(When::Needed, BackupReason::Closing, Now::system())
            .unwrap()
            .is_none());
        retitle(&casebook, "changed after the backup");

        // A reader held elsewhere (an export finishing) is waited for.
        let held = casebook.book().unwrap();
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(held);
        });
        let safety = casebook.restore(&made.folder, Now::system()).unwrap();
        release.join().unwrap();
        assert_eq!(first_title(&casebook), original);
        assert_eq!(safety.manifest.reason, BackupReason::BeforeRestore);
        assert_eq!(casebook.list_backups().unwrap().len(), 2);
        // The way back.
        casebook.restore(&safety.folder, Now::system()).unwrap();
        assert_eq!(first_title(&casebook), "changed after the backup");
        assert!(casebook.last_backup_failure().is_none());
    }

    #[test]
    fn a_failed_backup_is_kept_for_settings_and_a_bad_restore_leaves_the_book_open() {
        let dir = tempfile::tempdir().unwrap();
        let casebook = Casebook::open(dir.path().join("data"), test_protection(), Now::system());
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, "x").unwrap();
        casebook
            .book()
            .unwrap()
            .write(|s| {
                casebook_core::settings::set_backup_folder(s.conn(), Some(&blocker))?;
                Ok(())
            })
            .unwrap();
        let err = casebook
            .back_up_when(When::Always, BackupReason::Manual, Now::system())
            .unwrap_err();
        assert_eq!(casebook.last_backup_failure(), Some(err));

        let err = casebook.restore(dir.path(), Now::system()).unwrap_err();
        assert_eq!(err.text.key, "backup.not_a_backup");
        assert!(casebook.book().is_ok(), "still open");
    }
}

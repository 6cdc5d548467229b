//! Writing export files safely, on Windows, macOS and Linux alike.
//!
//! - [`safe_file_name`]: a name built from case data (`../`, `CON`, `:`,
//!   control characters, trailing dots) becomes a plain, portable file name.
//! - [`AtomicFile`]: bytes go to a hidden temporary file in the destination
//!   folder and are renamed into place only when complete, so a cancelled,
//!   failed or full-disk export leaves no partial file (the temporary file is
//!   removed when the writer is dropped unfinished).

use crate::msg;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::{CoreError, Result};

/// Longest file name stem we produce, in characters (paths stay well under
/// Windows' 260-character limit in ordinary folders).
const MAX_STEM: usize = 80;

const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A portable file name stem (no extension) from arbitrary text: path
/// separators, `<>:"|?*`, control characters and white space runs become
/// `_`, leading/trailing dots and spaces go, Windows device names get a
/// leading `_`, and the result is cut to a sane length. Never empty.
pub fn safe_file_name(text: &str) -> String {
    let mut out = String::new();
    let mut last_sub = false;
    for c in text.chars() {
        let bad = c.is_control()
            || c.is_whitespace()
            || matches!(c, '/' | '\\' | '<' | '>' | ':' | '"' | '|' | '?' | '*');
        if bad {
            if !last_sub {
                out.push('_');
            }
            last_sub = true;
        } else {
            out.push(c);
            last_sub = false;
        }
    }
    let trimmed = out.trim_matches(|c| c == '.' || c == '_' || c == ' ');
    let mut name: String = trimmed.chars().take(MAX_STEM).collect();
    name = name.trim_end_matches(['.', ' ']).to_string();
    if name.is_empty() {
        name = "case".into();
    }
    let device = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    if RESERVED.contains(&device.as_str()) {
        name.insert(0, '_');
    }
    name
}

/// The name a combined PDF of many cases is offered under.
pub fn combined_pdf_name(today: chrono::NaiveDate) -> String {
    format!("casebook-cases_{today}.pdf")
}

/// The name a records export is offered under (`casebook_<today>.jsonl`).
pub fn records_name(format: super::records::RecordsFormat, today: chrono::NaiveDate) -> String {
    format!("casebook_{today}.{}", format.extension())
}

/// The name a calendar export is offered under: all pending follow-ups, or
/// one case's.
pub fn calendar_name(case_id: Option<i64>, today: chrono::NaiveDate) -> String {
    match case_id {
        Some(id) => format!("casebook-case-{id}-follow-ups.ics"),
        None => format!("casebook-follow-ups-{today}.ics"),
    }
}

/// `<case number>_<asked on>.pdf`, made safe.
pub fn case_file_name(number: &str, asked_on: &str) -> String {
    format!("{}.pdf", safe_file_name(&format!("{number}_{asked_on}")))
}

/// Makes names unique (case-insensitively, as Windows and macOS compare them)
/// by adding `-2`, `-3`… before the extension.
pub fn unique_names(names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names
        .into_iter()
        .map(|name| {
            let (stem, ext) = match name.rfind('.') {
                Some(i) if i > 0 => (name[..i].to_string(), name[i..].to_string()),
                _ => (name.clone(), String::new()),
            };
            let mut candidate = name.clone();
            let mut n = 2;
            while !seen.insert(candidate.to_lowercase()) {
                candidate = format!("{stem}-{n}{ext}");
                n += 1;
            }
            candidate
        })
        .collect()
}

/// A file being written: complete on [`AtomicFile::commit`], gone otherwise.
pub struct AtomicFile {
    dest: PathBuf,
    temp: PathBuf,
    file: Option<File>,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

impl AtomicFile {
    /// Starts writing `dest`. Refuses when `dest` exists and `overwrite` is
    /// false (code `conflict`), or when the folder cannot be written.
    pub fn create(dest: &Path, overwrite: bool) -> Result<AtomicFile> {
        if !overwrite && dest.exists() {
            return Err(CoreError::Conflict(msg!(
                "export.file_exists",
                path = dest.display().to_string()
            )));
        }
        let folder = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = dest
            .file_name()
            .ok_or_else(|| CoreError::invalid("path", msg!("export.path_no_file")))?;
        let temp = folder.join(format!(
            ".{}.{}-{}.part",
            name.to_string_lossy(),
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let file = File::create(&temp).map_err(|e| io_error(&folder, "write to the folder", e))?;
        Ok(AtomicFile {
            dest: dest.to_path_buf(),
            temp,
            file: Some(file),
        })
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        let file = self.file.as_mut().expect("not yet committed");
        file.write_all(bytes)
            .map_err(|e| io_error(&self.dest, "write", e))
    }

    /// Flushes to disk and renames into place.
    pub fn commit(mut self) -> Result<()> {
        let file = self.file.take().expect("committed once");
        file.sync_all()
            .map_err(|e| io_error(&self.dest, "write", e))?;
        drop(file);
        std::fs::rename(&self.temp, &self.dest).map_err(|e| io_error(&self.dest, "save", e))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.as_mut().expect("not yet committed").write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().expect("not yet committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Writes `bytes` to `dest` atomically.
pub fn write_atomic(dest: &Path, bytes: &[u8], overwrite: bool) -> Result<()> {
    let mut file = AtomicFile::create(dest, overwrite)?;
    file.write_all(bytes)?;
    file.commit()
}

/// A file that could not be read, written or created, named with the
/// reason (a full disk is said plainly). `action` is `read`, `write` or
/// `create`.
pub(crate) fn io_error(path: &Path, action: &str, e: std::io::Error) -> CoreError {
    let path = path.display().to_string();
    let full = e.raw_os_error() == Some(28) || e.kind() == std::io::ErrorKind::StorageFull;
    CoreError::Io(match (action, full) {
        (_, true) => msg!("file.disk_full", path = path),
        ("read", _) => msg!("file.cannot_read", path = path, reason = e.to_string()),
        ("create", _) => msg!("file.cannot_create", path = path, reason = e.to_string()),
        _ => msg!("file.cannot_write", path = path, reason = e.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_become_portable() {
        assert_eq!(safe_file_name("../../etc/passwd"), "etc_passwd");
        assert_eq!(safe_file_name("CON"), "_CON");
        assert_eq!(safe_file_name("con.txt"), "_con.txt");
        assert_eq!(
            safe_file_name("demo:facial-twitching"),
            "demo_facial-twitching"
        );
        assert_eq!(safe_file_name("a\u{0}b\u{7}c\nd"), "a_b_c_d");
        assert_eq!(safe_file_name("..."), "case");
        assert_eq!(safe_file_name("name. "), "name");
        assert_eq!(safe_file_name("眼皮跳 / 2"), "眼皮跳_2");
        assert_eq!(safe_file_name(&"x".repeat(300)).chars().count(), MAX_STEM);
        assert_eq!(
            case_file_name("demo:facial-twitching", "2023-02-02"),
            "demo_facial-twitching_2023-02-02.pdf"
        );
        assert_eq!(
            unique_names(vec!["a.pdf".into(), "A.pdf".into(), "a.pdf".into()]),
            vec!["a.pdf", "A-2.pdf", "a-3.pdf"]
        );
    }

    #[test]
    fn an_unfinished_file_leaves_nothing_and_existing_files_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.pdf");
        {
            let mut f = AtomicFile::create(&dest, false).unwrap();
            f.write_all(b"half").unwrap();
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        write_atomic(&dest, b"one", false).unwrap();
        let err = write_atomic(&dest, b"two", false).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::Conflict);
        assert_eq!(std::fs::read(&dest).unwrap(), b"one");
        write_atomic(&dest, b"two", true).unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_a_clear_error() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let ro = dir.path().join("ro");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let result = write_atomic(&ro.join("x.pdf"), b"x", false);
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
        if let Err(e) = result {
            assert!(
                e.user_message().contains("cannot write to the folder"),
                "{e}"
            );
        } // running as root, permissions do not bind: nothing to check.
        assert!(!ro.join("x.pdf").exists() || std::fs::read(ro.join("x.pdf")).unwrap() == b"x");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_is_a_clear_error_with_no_partial_file() {
        // /dev/full accepts opens and fails every write with ENOSPC.
        let mut f = match std::fs::OpenOptions::new().write(true).open("/dev/full") {
            Ok(f) => f,
            Err(_) => return,
        };
        let e = f
            .write_all(&[0; 4096])
            .and_then(|_| f.sync_all())
            .unwrap_err();
        let err = io_error(Path::new("/x/out.pdf"), "write", e);
        assert!(err.user_message().contains("the disk is full"), "{err}");
    }
}

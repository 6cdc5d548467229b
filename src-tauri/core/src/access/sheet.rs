//! The recovery sheet: the recovery code on one printed page, with what it
//! opens and how to use it, in the clinician's language. The code is
//! checked against the key file first, so a sheet never carries a code
//! that does not open the book (a mistyped one, another book's).

use std::path::Path;

use crate::export::files::write_atomic;
use crate::export::pdf::{self, SheetFact, SheetWords};
use crate::export::Paper;
use crate::keys::file::Unlocker;
use crate::keys::{KeyFile, RecoveryCode};
use crate::{msg, CoreError, Lang, Message, Now, Result};

/// The name the save dialog offers.
pub const FILE_NAME: &str = "casebook-recovery-sheet.pdf";

/// Writes the recovery sheet for `code` (as shown at set-up) to `dest`.
pub fn write(
    data_dir: &Path,
    key_file: &KeyFile,
    code: &str,
    lang: Lang,
    paper: Paper,
    dest: &Path,
    now: Now,
) -> Result<()> {
    let bytes = render(data_dir, key_file, code, lang, paper, now)?;
    write_atomic(dest, &bytes, true)
}

/// The sheet as PDF bytes.
pub fn render(
    data_dir: &Path,
    key_file: &KeyFile,
    code: &str,
    lang: Lang,
    paper: Paper,
    now: Now,
) -> Result<Vec<u8>> {
    let not_it = || CoreError::invalid("code", msg!("sheet.code_does_not_fit"));
    let code = RecoveryCode::parse(code).ok_or_else(not_it)?;
    match key_file.unlock(&code.display()) {
        Ok((_, Unlocker::RecoveryCode)) => {}
        _ => return Err(not_it()),
    }
    let say = |m: Message| m.render(lang);
    let date = now.today.format("%Y-%m-%d").to_string();
    let words = SheetWords {
        lang: match lang {
            Lang::En => "en",
            Lang::ZhTw => "zh",
        },
        title: say(msg!("sheet.title")),
        subtitle: say(msg!("sheet.subtitle")),
        intro: say(msg!("sheet.intro")),
        code_label: say(msg!("sheet.code_label")),
        code: code.display().to_string(),
        facts: vec![
            SheetFact {
                label: say(msg!("sheet.made_on")),
                value: date.clone(),
            },
            SheetFact {
                label: say(msg!("sheet.data_folder")),
                value: data_dir.display().to_string(),
            },
            SheetFact {
                label: say(msg!("sheet.book")),
                value: key_file.book_id.chars().take(8).collect(),
            },
        ],
        steps_heading: say(msg!("sheet.steps_heading")),
        steps: vec![
            say(msg!("sheet.step_unlock")),
            say(msg!("sheet.step_new_passphrase")),
            say(msg!("sheet.step_new_computer")),
        ],
        warning_heading: say(msg!("sheet.warning_heading")),
        warning: say(msg!("sheet.warning")),
        footer: say(msg!("sheet.footer")),
    };
    pdf::recovery_sheet(&words, paper, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{DataKey, KdfParams, Passphrase};

    fn key_file(code: &RecoveryCode) -> KeyFile {
        KeyFile::create(
            &DataKey::generate().unwrap(),
            &Passphrase::new("一句好記的 passphrase").unwrap(),
            code,
            KdfParams::FAST_FOR_TESTS,
        )
        .unwrap()
    }

    #[test]
    fn the_sheet_carries_the_code_only_if_it_opens_the_book() {
        let code = RecoveryCode::generate().unwrap();
        let file = key_file(&code);
        let now = crate::testing::after_the_demo();
        let shown = code.display().to_string();
        let pdf = render(Path::new("/data"), &file, &shown, Lang::En, Paper::A4, now).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        assert_eq!(doc.get_pages().len(), 1, "one page");

        // Another book's code, or a mistyped one: refused, no sheet.
        let other = RecoveryCode::generate().unwrap().display().to_string();
        for wrong in [other.as_str(), "not a code", ""] {
            let err =
                render(Path::new("/data"), &file, wrong, Lang::ZhTw, Paper::A4, now).unwrap_err();
            assert_eq!(err.field(), Some("code"), "{wrong}");
        }
        // In Chinese too.
        let zh = render(
            Path::new("/data"),
            &file,
            &shown,
            Lang::ZhTw,
            Paper::Letter,
            now,
        )
        .unwrap();
        assert!(zh.starts_with(b"%PDF-"));
    }
}

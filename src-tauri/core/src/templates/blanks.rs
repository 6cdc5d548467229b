//! Fill-in blanks and pick-lists: the parts of a drafted reply the clinician
//! must still decide. A reply that has any cannot be marked answered.
//!
//! Syntax (also documented in data/templates/README.md):
//! - `***` is a blank: type over it.
//! - `{{ pick("rest", "see a clinic") }}` in a template renders the marker
//!   `[[rest|see a clinic]]`: replace the marker with one of the phrases.

use crate::msg;
use serde::Serialize;
use ts_rs::TS;

/// The blank a template writes with `***`.
pub const BLANK: &str = "***";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BlankKind {
    Blank,
    Pick,
}

/// One unresolved blank or pick-list in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Blank {
    pub kind: BlankKind,
    /// 1-based line and column (in characters).
    pub line: u32,
    pub column: u32,
    /// Where the marker starts and ends, in UTF-16 code units: the
    /// positions a text field counts in (`setSelectionRange`).
    pub start: u32,
    pub end: u32,
    /// The marker as written (`***` or `[[a|b]]`).
    pub text: String,
    /// The phrases of a pick-list (empty for a blank).
    pub options: Vec<String>,
}

/// Every unresolved blank and pick-list in `text`, in order.
pub fn find(text: &str) -> Vec<Blank> {
    let mut found = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if text[i..].starts_with(BLANK) {
            found.push(blank_at(text, i, BlankKind::Blank, BLANK, Vec::new()));
            // A run of stars is one blank.
            while i < bytes.len() && bytes[i] == b'*' {
                i += 1;
            }
            continue;
        }
        if text[i..].starts_with("[[") {
            if let Some(len) = pick_len(&text[i..]) {
                let marker = &text[i..i + len];
                let options = marker[2..len - 2].split('|').map(str::to_string).collect();
                found.push(blank_at(text, i, BlankKind::Pick, marker, options));
                i += len;
                continue;
            }
        }
        i += 1;
        while i < bytes.len() && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    found
}

/// The byte length of a pick-list marker at the start of `s`: `[[a|b…]]`
/// on one line with at least one `|`.
fn pick_len(s: &str) -> Option<usize> {
    let end = s[2..].find("]]")? + 2;
    let inner = &s[2..end];
    (inner.contains('|') && !inner.contains(['\n', '[', ']'])).then_some(end + 2)
}

fn blank_at(text: &str, at: usize, kind: BlankKind, marker: &str, options: Vec<String>) -> Blank {
    let before = &text[..at];
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let start = before.encode_utf16().count() as u32;
    Blank {
        kind,
        line,
        column: before[line_start..].chars().count() as u32 + 1,
        start,
        end: start + marker.encode_utf16().count() as u32,
        text: marker.to_string(),
        options,
    }
}

/// The message a clinician reads when blanks are left: how many, and where
/// the first is (F2 in the editor goes to it).
pub fn describe(blanks: &[Blank]) -> crate::Message {
    let Some(first) = blanks.first() else {
        return msg!("reply.blanks_none");
    };
    let what = match first.kind {
        BlankKind::Blank => msg!("reply.blank.blank"),
        BlankKind::Pick => msg!("reply.blank.pick", text = first.text.as_str()),
    };
    msg!(
        "reply.blanks_open",
        count = blanks.len(),
        first = what,
        line = first.line,
        column = first.column
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_and_pick_lists_are_found_with_their_position() {
        let text = "Hello ***,\n眼皮 [[rest|see a clinic]] then ***** and [[not a pick]].";
        let found = find(text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!((found[0].line, found[0].column), (1, 7));
        assert_eq!((found[0].start, found[0].end), (6, 9));
        // UTF-16 positions, as the editor counts: 眼皮 are one unit each.
        assert_eq!((found[1].start, found[1].end), (14, 35));
        assert_eq!(found[1].kind, BlankKind::Pick);
        assert_eq!((found[1].line, found[1].column), (2, 4));
        assert_eq!(found[1].options, vec!["rest", "see a clinic"]);
        assert_eq!(found[2].kind, BlankKind::Blank);
        assert!(find("all filled in. 2 * 3 ** 4").is_empty());
        let message = describe(&found).to_string();
        assert!(message.contains("3 places"), "{message}");
        assert!(message.contains("line 1, column 7"), "{message}");
        let pick = describe(&found[1..]).to_string();
        assert!(pick.contains("[[rest|see a clinic]]"), "{pick}");
    }

    #[test]
    fn unterminated_markers_do_not_panic() {
        for text in ["[[", "[[a|", "**", "[[a|b]", "é[[é|é]]é***"] {
            let _ = find(text);
        }
        assert_eq!(find("é[[é|é]]é***").len(), 2);
    }
}

//! Fill-in blanks and pick-lists: the parts of a drafted reply the clinician
//! must still decide. A reply that has any cannot be marked answered.
//!
//! Syntax (also documented in data/templates/README.md):
//! - `***` is a blank: type over it.
//! - `{{ pick("rest", "see a clinic") }}` in a template renders the marker
//!   `[[rest|see a clinic]]`: replace the marker with one of the phrases.

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
    Blank {
        kind,
        line,
        column: before[line_start..].chars().count() as u32 + 1,
        text: marker.to_string(),
        options,
    }
}

/// A sentence naming the blanks, for the error a clinician reads.
pub fn describe(blanks: &[Blank]) -> String {
    let list: Vec<String> = blanks
        .iter()
        .take(5)
        .map(|b| match b.kind {
            BlankKind::Blank => format!("a blank *** on line {}, column {}", b.line, b.column),
            BlankKind::Pick => format!(
                "a pick-list {} on line {}, column {}",
                b.text, b.line, b.column
            ),
        })
        .collect();
    let more = if blanks.len() > 5 {
        format!(" and {} more", blanks.len() - 5)
    } else {
        String::new()
    };
    format!(
        "The reply still has {} unresolved {}: {}{more}. Fill them in first.",
        blanks.len(),
        if blanks.len() == 1 { "blank" } else { "blanks" },
        list.join("; ")
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
        assert_eq!(found[1].kind, BlankKind::Pick);
        assert_eq!((found[1].line, found[1].column), (2, 4));
        assert_eq!(found[1].options, vec!["rest", "see a clinic"]);
        assert_eq!(found[2].kind, BlankKind::Blank);
        assert!(find("all filled in. 2 * 3 ** 4").is_empty());
        let msg = describe(&found);
        assert!(msg.contains("3 unresolved blanks"), "{msg}");
        assert!(msg.contains("[[rest|see a clinic]] on line 2"), "{msg}");
    }

    #[test]
    fn unterminated_markers_do_not_panic() {
        for text in ["[[", "[[a|", "**", "[[a|b]", "é[[é|é]]é***"] {
            let _ = find(text);
        }
        assert_eq!(find("é[[é|é]]é***").len(), 2);
    }
}

//! Snippets with highlights, as plain segments (`{text, highlight}`) the UI
//! renders as React text and `<mark>`: no HTML is ever built here, so a case
//! containing `<img onerror=…>` prints as itself.
//!
//! FTS5's own `snippet()` would cut the *indexed* text (CJK spaced apart,
//! NFKC-folded), so snippets are cut from the stored text instead, finding the
//! query's terms with the same folding (NFKC, lower case, accents dropped)
//! and a light English stemmer standing in for porter.

use serde::Serialize;
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

use super::fold::Term;

/// A piece of a snippet; `highlight` pieces matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Segment {
    pub text: String,
    pub highlight: bool,
}

/// One character of the folded text and where it came from in the original.
struct Folded {
    c: char,
    start: usize,
    end: usize,
}

fn fold(text: &str) -> Vec<Folded> {
    let mut out = Vec::with_capacity(text.len());
    for (start, original) in text.char_indices() {
        let end = start + original.len_utf8();
        if original.is_ascii() {
            // Its own NFKD form, no combining marks: lower case is all.
            out.push(Folded {
                c: original.to_ascii_lowercase(),
                start,
                end,
            });
            continue;
        }
        for c in std::iter::once(original).nfkd() {
            if unicode_normalization::char::is_combining_mark(c) {
                continue;
            }
            for c in c.to_lowercase() {
                out.push(Folded { c, start, end });
            }
        }
    }
    out
}

/// Drops a common English ending, so `twitching`, `twitches` and `twitched`
/// all highlight for `twitch` (porter does the real work in the index).
fn light_stem(word: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s", "ly", "ation", "er"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().count() >= 3 {
                return stem;
            }
        }
    }
    word
}

/// Byte ranges (in the original text) where the terms occur.
fn matches(folded: &[Folded], terms: &[Term]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    // Words: runs of alphanumerics, compared by light stem and prefix.
    let mut i = 0;
    while i < folded.len() {
        if !folded[i].c.is_alphanumeric() || super::fold::is_cjk(folded[i].c) {
            i += 1;
            continue;
        }
        let begin = i;
        while i < folded.len() && folded[i].c.is_alphanumeric() && !super::fold::is_cjk(folded[i].c)
        {
            i += 1;
        }
        let word: String = folded[begin..i].iter().map(|f| f.c).collect();
        let stem = light_stem(&word);
        let hit = terms.iter().any(|t| match t {
            Term::Word(q) => {
                let q = light_stem(q);
                word.starts_with(q)
                    || (stem.len() >= 3 && q.starts_with(stem) && q.len() <= stem.len() + 3)
            }
            Term::Cjk(_) => false,
        });
        if hit {
            ranges.push((folded[begin].start, folded[i - 1].end));
        }
    }
    // CJK runs: exact character sequences.
    for t in terms {
        if let Term::Cjk(chars) = t {
            let n = chars.len();
            if n == 0 || n > folded.len() {
                continue;
            }
            for s in 0..=folded.len() - n {
                if folded[s..s + n].iter().zip(chars).all(|(f, c)| f.c == *c) {
                    ranges.push((folded[s].start, folded[s + n - 1].end));
                }
            }
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// True when any term occurs in `text`.
pub fn contains(text: &str, terms: &[Term]) -> bool {
    !matches(&fold(text), terms).is_empty()
}

/// The whole of `text` (short fields: titles), with the terms highlighted.
pub fn highlight_all(text: &str, terms: &[Term]) -> Vec<Segment> {
    let ranges = matches(&fold(text), terms);
    segments(text, 0, text.len(), &ranges)
}

/// About `width` characters of `text` around its first match (or its start),
/// white space folded to single spaces, with the terms highlighted.
pub fn snippet(text: &str, terms: &[Term], width: usize) -> Vec<Segment> {
    let line = one_line(text);
    let ranges = matches(&fold(&line), terms);
    cut(&line, &ranges, width)
}

/// The [`snippet`] of `text` when a term occurs in it, else None: one
/// folding of the text answers both.
pub fn snippet_if_found(text: &str, terms: &[Term], width: usize) -> Option<Vec<Segment>> {
    let line = one_line(text);
    let ranges = matches(&fold(&line), terms);
    (!ranges.is_empty()).then(|| cut(&line, &ranges, width))
}

/// White space folded to single spaces (which changes no match: words and
/// CJK runs both end at white space).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cut(text: &str, ranges: &[(usize, usize)], width: usize) -> Vec<Segment> {
    let first = ranges.first().map_or(0, |r| r.0);
    // Start a little before the first match, at a word boundary.
    let lead = width / 4;
    let before: Vec<(usize, char)> = text[..first].char_indices().collect();
    let mut start = before.len().saturating_sub(lead);
    if start > 0 {
        while start < before.len() && !before[start].1.is_whitespace() {
            start += 1;
        }
    }
    let start_byte = before.get(start).map_or(first, |(b, _)| *b);
    let end_byte = text[start_byte..]
        .char_indices()
        .nth(width)
        .map_or(text.len(), |(b, _)| start_byte + b);
    let mut out = Vec::new();
    if start_byte > 0 {
        out.push(Segment {
            text: "…".into(),
            highlight: false,
        });
    }
    out.extend(segments(text, start_byte, end_byte, ranges));
    if end_byte < text.len() {
        out.push(Segment {
            text: "…".into(),
            highlight: false,
        });
    }
    out.retain(|s| !s.text.is_empty());
    out
}

fn segments(text: &str, from: usize, to: usize, ranges: &[(usize, usize)]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = from;
    for &(s, e) in ranges {
        let (s, e) = (s.max(from), e.min(to));
        if s >= e || s < at {
            continue;
        }
        if s > at {
            out.push(Segment {
                text: text[at..s].to_string(),
                highlight: false,
            });
        }
        out.push(Segment {
            text: text[s..e].to_string(),
            highlight: true,
        });
        at = e;
    }
    if at < to {
        out.push(Segment {
            text: text[at..to].to_string(),
            highlight: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::query_terms;

    fn marked(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| {
                if s.highlight {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn words_highlight_by_stem_accent_and_width() {
        let t = query_terms("ｔｗｉｔｃｈ cafe").terms;
        assert_eq!(
            marked(&highlight_all("Twitching after Café, twitches", &t)),
            "[Twitching] after [Café], [twitches]"
        );
    }

    #[test]
    fn ascii_folds_as_the_full_folding_would() {
        let ascii: String = (0u8..128).map(char::from).collect();
        let expected: String = ascii.nfkd().flat_map(char::to_lowercase).collect();
        let got: String = fold(&ascii).iter().map(|f| f.c).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn a_snippet_if_found_is_the_snippet_or_nothing() {
        let t = query_terms("twitch").terms;
        let text = "Eyelid\n\n  twitching at night.";
        assert_eq!(snippet_if_found(text, &t, 80), Some(snippet(text, &t, 80)));
        assert_eq!(snippet_if_found("No match here.", &t, 80), None);
    }

    #[test]
    fn cjk_highlights_the_exact_run() {
        let t = query_terms("面部抽搐").terms;
        let text = "醫師您好，我一直有面部抽搐的情形。";
        assert_eq!(
            marked(&snippet(text, &t, 100)),
            "醫師您好，我一直有[面部抽搐]的情形。"
        );
    }

    #[test]
    fn snippets_are_cut_around_the_first_match_and_stay_plain_text() {
        let text = format!(
            "{} <img src=x onerror=alert(1)> twitch {}",
            "lorem ipsum ".repeat(40),
            "dolor ".repeat(60)
        );
        let t = query_terms("twitch").terms;
        let segs = snippet(&text, &t, 80);
        let joined = marked(&segs);
        assert!(joined.starts_with('…'), "{joined}");
        assert!(joined.ends_with('…'), "{joined}");
        assert!(
            joined.contains("onerror=alert(1)> [twitch] dolor"),
            "{joined}"
        );
        assert!(joined.chars().count() < 110, "{joined}");
    }
}

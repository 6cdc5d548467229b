//! Text as the search index sees it, and a typed query as FTS5 sees it.
//!
//! Both sides go through the same folding: NFKC (full-width `ｔｗｉｔｃｈ` →
//! `twitch`, `㎎` → `mg`), then every CJK character stands alone between
//! spaces so `unicode61` makes one token of each. A CJK query becomes a
//! *phrase* of those characters (`"面 部 抽 搐"`), which FTS5 matches only
//! where they stand next to each other, so 1-, 2- and 4-character queries all
//! work. Case and accents are folded by the tokenizer itself
//! (`remove_diacritics 2`), English stems by `porter`.
//!
//! The user never writes FTS5 syntax: the MATCH expression is built here from
//! quoted tokens of letters and digits only, so `"`, `*`, `NEAR(`, `-`, `:` or
//! `AND OR` typed in the box are just separators or plain words.

use unicode_normalization::UnicodeNormalization;

/// The most characters of a typed query that are looked at; the rest is cut.
pub const MAX_QUERY_CHARS: usize = 200;
/// The most terms one query may hold (more only slows FTS5 down).
pub const MAX_QUERY_TERMS: usize = 12;

/// True for the scripts that write words without spaces: Han, kana, and the
/// CJK compatibility and extension blocks. (Hangul uses spaces; unicode61
/// handles it like Latin.)
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x3134F  // Extensions B–G
    )
}

/// The text that goes into the index for one field: NFKC, CJK characters
/// spaced apart. Registered as the SQL function `casebook_search_text` so the
/// triggers can call it.
pub fn index_text(text: &str) -> String {
    // Fast path (most text in an import): ASCII is its own NFKC form and has
    // no CJK characters.
    if text.is_ascii() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for c in text.nfkc() {
        if is_cjk(c) {
            out.push(' ');
            out.push(c);
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// One word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// Letters and digits (any non-CJK script), lower-cased.
    Word(String),
    /// A run of CJK characters, matched as adjacent characters.
    Cjk(Vec<char>),
}

impl Term {
    /// The term as one quoted FTS5 string (never any operator).
    pub fn fts(&self) -> String {
        match self {
            Term::Word(w) => format!("\"{w}\""),
            Term::Cjk(chars) => {
                let spaced: Vec<String> = chars.iter().map(char::to_string).collect();
                format!("\"{}\"", spaced.join(" "))
            }
        }
    }

    pub fn is_stop_word(&self) -> bool {
        matches!(self, Term::Word(w) if STOP_WORDS.binary_search(&w.as_str()).is_ok())
    }
}

/// A query split into terms. `truncated` says the typed text was too long and
/// only its start was used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    pub terms: Vec<Term>,
    pub truncated: bool,
    /// The last term was still being typed (no separator after it).
    pub open_end: bool,
}

/// Splits typed text into terms: NFKC, lower case, letters/digits runs and
/// CJK runs; everything else separates. English stop words are dropped when
/// something else remains.
pub fn query_terms(raw: &str) -> Terms {
    let mut truncated = false;
    let mut text = String::new();
    for (count, c) in raw.nfkc().enumerate() {
        if count >= MAX_QUERY_CHARS {
            truncated = true;
            break;
        }
        text.extend(c.to_lowercase());
    }
    let mut terms = Vec::new();
    let mut word = String::new();
    let mut cjk = Vec::new();
    let flush = |word: &mut String, cjk: &mut Vec<char>, terms: &mut Vec<Term>| {
        if !word.is_empty() {
            terms.push(Term::Word(std::mem::take(word)));
        }
        if !cjk.is_empty() {
            terms.push(Term::Cjk(std::mem::take(cjk)));
        }
    };
    for c in text.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                flush(&mut word, &mut cjk, &mut terms);
            }
            cjk.push(c);
        } else if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) {
            if !cjk.is_empty() {
                flush(&mut word, &mut cjk, &mut terms);
            }
            word.push(c);
        } else {
            flush(&mut word, &mut cjk, &mut terms);
        }
    }
    let open_end = !word.is_empty();
    flush(&mut word, &mut cjk, &mut terms);

    let mut unique: Vec<Term> = Vec::new();
    for t in terms {
        if !unique.contains(&t) {
            unique.push(t);
        }
    }
    if unique.iter().any(|t| !t.is_stop_word()) {
        unique.retain(|t| !t.is_stop_word());
    }
    if unique.len() > MAX_QUERY_TERMS {
        unique.truncate(MAX_QUERY_TERMS);
        truncated = true;
    }
    Terms {
        open_end: open_end && !truncated,
        terms: unique,
        truncated,
    }
}

/// How the terms of a query combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    All,
    Any,
}

/// The MATCH expression for a query, or None when there is nothing to find.
/// The last word also matches as a prefix while it is being typed (3+
/// characters), so results follow the keyboard.
pub fn match_expression(terms: &Terms, combine: Combine) -> Option<String> {
    if terms.terms.is_empty() {
        return None;
    }
    let joiner = match combine {
        Combine::All => " AND ",
        Combine::Any => " OR ",
    };
    Some(match_parts(terms).join(joiner))
}

/// One FTS5 expression per term (the word being typed also as a prefix).
pub fn match_parts(terms: &Terms) -> Vec<String> {
    let last = terms.terms.len().saturating_sub(1);
    terms
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| match t {
            Term::Word(w) if i == last && terms.open_end && w.chars().count() >= 3 => {
                format!("(\"{w}\" OR \"{w}\"*)")
            }
            _ => t.fts(),
        })
        .collect()
}

/// Words too common to narrow a search, in sorted order (binary search).
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "did", "do", "does", "doing", "for", "from", "get", "had", "has", "have",
    "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our",
    "should", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "to", "was", "we", "were", "what", "when", "where", "which", "who",
    "why", "will", "with", "would", "you", "your",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    proptest::proptest! {
        /// The ASCII fast path gives what the full folding would.
        #[test]
        fn ascii_text_is_indexed_as_the_full_folding_would(text in "[\\x00-\\x7f]{0,64}") {
            let full: String = text.nfkc().collect();
            proptest::prop_assert_eq!(index_text(&text), full);
        }
    }

    #[test]
    fn index_text_spaces_cjk_and_folds_full_width() {
        assert_eq!(index_text("ｔｗｉｔｃｈ"), "twitch");
        assert_eq!(index_text("有面部抽搐"), " 有  面  部  抽  搐 ");
        assert_eq!(index_text("latte 之後"), "latte  之  後 ");
    }

    #[test]
    fn typed_fts_syntax_becomes_plain_quoted_words() {
        let t = query_terms(r#"NEAR(" twitch* -eye: AND OR "#);
        let expr = match_expression(&t, Combine::All).unwrap();
        // `and` and `or` are stop words here, not operators.
        assert_eq!(expr, r#""near" AND "twitch" AND "eye""#);
        let ops = match_expression(&query_terms("AND OR"), Combine::All).unwrap();
        assert_eq!(ops, r#""and" AND "or""#);
        assert!(match_expression(&query_terms(" \" * - : "), Combine::All).is_none());
    }

    #[test]
    fn cjk_runs_become_phrases_and_mixed_text_splits() {
        let t = query_terms("面部抽搐twitch");
        assert_eq!(
            t.terms,
            vec![
                Term::Cjk("面部抽搐".chars().collect()),
                Term::Word("twitch".into())
            ]
        );
        assert_eq!(t.terms[0].fts(), "\"面 部 抽 搐\"");
    }

    #[test]
    fn the_word_being_typed_matches_as_a_prefix() {
        let t = query_terms("facial twitc");
        assert_eq!(
            match_expression(&t, Combine::All).unwrap(),
            r#""facial" AND ("twitc" OR "twitc"*)"#
        );
        let done = query_terms("facial twitch ");
        assert_eq!(
            match_expression(&done, Combine::Any).unwrap(),
            r#""facial" OR "twitch""#
        );
    }

    #[test]
    fn long_queries_are_cut_and_flagged() {
        let t = query_terms(&"word ".repeat(2000));
        assert!(t.truncated);
        assert_eq!(t.terms.len(), 1);
        let many: String = (0..50).map(|i| format!("w{i} ")).collect();
        let t = query_terms(&many);
        assert!(t.truncated);
        assert_eq!(t.terms.len(), MAX_QUERY_TERMS);
    }

    #[test]
    fn stop_words_go_unless_nothing_else_is_left() {
        let t = query_terms("what are the symptoms of gout");
        assert_eq!(
            t.terms,
            vec![Term::Word("symptoms".into()), Term::Word("gout".into())]
        );
        assert_eq!(query_terms("what is").terms.len(), 2);
    }
}

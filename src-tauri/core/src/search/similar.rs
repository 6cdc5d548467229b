//! Similar cases: the answered cases most like the one being read, so a
//! clinician can start from a reply they already wrote.
//!
//! The case's own text becomes one OR query: its tags as phrases, the words
//! of its title, then the longest words of its body (a cheap stand-in for
//! rarity), and CJK text as overlapping two-character phrases. BM25 ranks
//! the earlier answered cases (asked on or before this one), a shared
//! department scores 25 % more, and when text finds too few, answered cases
//! that share a tag or the department fill the list.

use crate::msg;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::fold::{self, Term};
use super::{window, BM25};
use crate::{text, CoreError, Result};

/// The most terms a similar-cases query holds.
const MAX_TERMS: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SimilarCase {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub department: Option<String>,
    pub asked_on: String,
    pub tags: Vec<String>,
    pub clinician: Option<String>,
    /// The first lines of its reply, on one line.
    pub reply_start: String,
}

/// The reply of an answered case, to start a new reply from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StartingReply {
    #[ts(type = "number")]
    pub case_id: i64,
    pub title: String,
    pub body: String,
    pub more_info: Option<String>,
}

/// Up to `limit` earlier answered cases most like case `id`.
pub fn similar(conn: &Connection, id: i64, limit: u32) -> Result<Vec<SimilarCase>> {
    let limit = limit.clamp(1, 20);
    let (title, body, department, asked_on): (String, String, Option<String>, String) = conn
        .query_row(
            "SELECT title, body, department, asked_on FROM cases WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or_else(|| CoreError::NotFound(msg!("case.not_found", id = id)))?;
    let tags = crate::cases::tags_of(conn, id)?;

    let mut found: Vec<SimilarCase> = Vec::new();
    let parts = super::rarest(conn, expression_parts(&title, &body, &tags))?;
    if !parts.is_empty() {
        let from = "FROM search_index JOIN cases c ON c.id = search_index.rowid
             WHERE search_index MATCH ?1 AND c.id <> ?2 AND c.asked_on <= ?3
               AND c.status IN ('answered', 'closed')
               AND EXISTS (SELECT 1 FROM replies r WHERE r.case_id = c.id)";
        let score = format!("{BM25} * (CASE WHEN c.department IS ?4 THEN 1.25 ELSE 1.0 END)");
        let mut stmt = conn.prepare_cached(&format!(
            "WITH ranked AS ({}) SELECT {SUMMARY_COLUMNS} FROM
                 (SELECT id, score FROM ranked ORDER BY score, id DESC LIMIT ?5) top
                 JOIN cases c ON c.id = top.id JOIN replies r ON r.case_id = c.id
             ORDER BY top.score, top.id DESC",
            window(from, &score)
        ))?;
        let rows = stmt.query(params![parts.join(" OR "), id, asked_on, department, limit])?;
        found = summaries(rows)?;
    }
    if found.len() < limit as usize {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM cases c JOIN replies r ON r.case_id = c.id
             WHERE c.id <> ?1 AND c.asked_on <= ?2 AND c.status IN ('answered', 'closed')
               AND (c.department IS ?3 OR c.id IN (SELECT t.case_id FROM case_tags t
                    WHERE t.tag IN (SELECT tag FROM case_tags WHERE case_id = ?1)))
             ORDER BY c.asked_on DESC, c.id DESC LIMIT ?4"
        ))?;
        let more = summaries(stmt.query(params![id, asked_on, department, limit * 2])?)?;
        for other in more {
            if found.len() >= limit as usize {
                break;
            }
            if !found.iter().any(|f| f.id == other.id) {
                found.push(other);
            }
        }
    }
    Ok(found)
}

/// The candidate terms of a case's text: tags as phrases, title words, then
/// the longest body words; [`super::rarest`] keeps the ones that narrow.
fn expression_parts(title: &str, body: &str, tags: &[String]) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let push = |part: String, parts: &mut Vec<String>| {
        if parts.len() < MAX_TERMS && !parts.contains(&part) {
            parts.push(part);
        }
    };
    for tag in tags {
        if let Some(phrase) = phrase(tag) {
            push(phrase, &mut parts);
        }
    }
    for term in terms_of(title) {
        push(term, &mut parts);
    }
    let mut body_terms = terms_of(body);
    // Longer words first: rarer, on the whole, than short ones.
    body_terms.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    for term in body_terms {
        push(term, &mut parts);
    }
    parts
}

/// Quoted FTS terms of a text: words of 3+ letters that are not stop words,
/// CJK runs as overlapping pairs.
fn terms_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in text.split_whitespace() {
        for term in fold::query_terms(piece).terms {
            match &term {
                Term::Word(w) if w.chars().count() >= 3 && !term.is_stop_word() => {
                    out.push(term.fts());
                }
                Term::Cjk(chars) if chars.len() == 1 => out.push(term.fts()),
                Term::Cjk(chars) => {
                    for pair in chars.windows(2) {
                        out.push(Term::Cjk(pair.to_vec()).fts());
                    }
                }
                Term::Word(_) => {}
            }
        }
    }
    out
}

/// A tag as one quoted phrase of all its words.
fn phrase(tag: &str) -> Option<String> {
    let words: Vec<String> = fold::query_terms(tag)
        .terms
        .iter()
        .map(|t| match t {
            Term::Word(w) => w.clone(),
            Term::Cjk(chars) => chars
                .iter()
                .map(char::to_string)
                .collect::<Vec<_>>()
                .join(" "),
        })
        .collect();
    (!words.is_empty()).then(|| format!("\"{}\"", words.join(" ")))
}

/// What a similar case is shown from, in the order [`summaries`] reads it
/// (`c` a case, `r` its reply): one query for the whole list.
const SUMMARY_COLUMNS: &str = "c.id, c.title, c.department, c.asked_on, r.clinician,
     substr(r.body, 1, 600),
     (SELECT json_group_array(t.tag ORDER BY t.position) FROM case_tags t WHERE t.case_id = c.id)";

fn summaries(mut rows: rusqlite::Rows<'_>) -> Result<Vec<SimilarCase>> {
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let reply: String = r.get(5)?;
        out.push(SimilarCase {
            id: r.get(0)?,
            title: r.get(1)?,
            department: r.get(2)?,
            asked_on: r.get(3)?,
            tags: super::tags_column(r, 6)?,
            clinician: r.get(4)?,
            reply_start: text::excerpt(&reply, 240),
        });
    }
    Ok(out)
}

/// The reply of case `id`, to start from. Not found when it has none.
pub fn starting_reply(conn: &Connection, id: i64) -> Result<StartingReply> {
    conn.query_row(
        "SELECT c.title, r.body, r.more_info FROM cases c JOIN replies r ON r.case_id = c.id
         WHERE c.id = ?1",
        [id],
        |r| {
            Ok(StartingReply {
                case_id: id,
                title: r.get(0)?,
                body: r.get(1)?,
                more_info: r.get(2)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| CoreError::NotFound(msg!("search.no_starting_reply", id = id)))
}

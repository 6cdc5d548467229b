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
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::fold::{self, Term};
use super::{window_start, BM25};
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

    let mut found: Vec<i64> = Vec::new();
    let parts = super::rarest(conn, expression_parts(&title, &body, &tags))?;
    if !parts.is_empty() {
        let expr = parts.join(" OR ");
        let from = "FROM search_index JOIN cases c ON c.id = search_index.rowid
             WHERE search_index MATCH ?1 AND c.id <> ?2 AND c.asked_on <= ?3
               AND c.status IN ('answered', 'closed')
               AND EXISTS (SELECT 1 FROM replies r WHERE r.case_id = c.id)";
        let values = [
            Value::Text(expr),
            Value::Integer(id),
            Value::Text(asked_on.clone()),
        ];
        let start = window_start(conn, from, &values)?.unwrap_or(i64::MIN);
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT c.id {from} AND search_index.rowid >= ?4
             ORDER BY {BM25} * (CASE WHEN c.department IS ?5 THEN 1.25 ELSE 1.0 END)
             LIMIT ?6"
        ))?;
        found = stmt
            .query_map(
                params![values[0], id, asked_on, start, department, limit],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
    }
    if found.len() < limit as usize {
        let mut stmt = conn.prepare_cached(
            "SELECT c.id FROM cases c
             WHERE c.id <> ?1 AND c.asked_on <= ?2 AND c.status IN ('answered', 'closed')
               AND EXISTS (SELECT 1 FROM replies r WHERE r.case_id = c.id)
               AND (c.department IS ?3 OR c.id IN (SELECT t.case_id FROM case_tags t
                    WHERE t.tag IN (SELECT tag FROM case_tags WHERE case_id = ?1)))
             ORDER BY c.asked_on DESC, c.id DESC LIMIT ?4",
        )?;
        let more = stmt
            .query_map(params![id, asked_on, department, limit * 2], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        for other in more {
            if found.len() >= limit as usize {
                break;
            }
            if !found.contains(&other) {
                found.push(other);
            }
        }
    }
    found.into_iter().map(|id| summary(conn, id)).collect()
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

fn summary(conn: &Connection, id: i64) -> Result<SimilarCase> {
    let (title, department, asked_on, clinician, reply): (
        String,
        Option<String>,
        String,
        Option<String>,
        String,
    ) = conn
        .prepare_cached(
            "SELECT c.title, c.department, c.asked_on, r.clinician, substr(r.body, 1, 600)
             FROM cases c JOIN replies r ON r.case_id = c.id WHERE c.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    Ok(SimilarCase {
        id,
        title,
        department,
        asked_on,
        tags: crate::cases::tags_of(conn, id)?,
        clinician,
        reply_start: text::excerpt(&reply, 240),
    })
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

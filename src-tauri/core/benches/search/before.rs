//! The query path search and similar cases had before hits became one query
//! (window counted, then ranked, then two queries per hit), kept here so one
//! bench run measures both side by side. Unfiltered requests only, as the
//! bench sends. It shares today's snippet functions, so its figures are, if
//! anything, a little better than the old code's were.

use casebook_core::cases::CaseStatus;
use casebook_core::search::fold::{self, Combine, Term};
use casebook_core::search::{snippet, SearchHit, SnippetSource};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

const BM25: &str = "bm25(search_index, 10.0, 6.0, 2.0, 3.0, 1.0)";
const RANK_WINDOW: i64 = 500;

fn rarest(conn: &Connection, parts: Vec<String>) -> Vec<String> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ?1 LIMIT ?2)",
        )
        .unwrap();
    let mut counted = Vec::new();
    for part in parts {
        let n: i64 = stmt
            .query_row(params![part, RANK_WINDOW], |r| r.get(0))
            .unwrap();
        if n > 0 {
            counted.push((n, part));
        }
    }
    counted.sort_by_key(|(n, _)| *n);
    let mut total = 0;
    let mut keep = Vec::new();
    for (n, part) in counted {
        if !keep.is_empty() && total + n > RANK_WINDOW {
            break;
        }
        total += n;
        keep.push(part);
    }
    keep
}

fn window_start(conn: &Connection, sql_from: &str, values: &[Value]) -> Option<i64> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT search_index.rowid {sql_from}
             ORDER BY search_index.rowid DESC LIMIT 1 OFFSET {}",
            RANK_WINDOW - 1
        ))
        .unwrap();
    stmt.query_row(params_from_iter(values.iter()), |r| r.get(0))
        .optional()
        .unwrap()
}

fn tags_of(conn: &Connection, id: i64) -> Vec<String> {
    conn.prepare_cached("SELECT tag FROM case_tags WHERE case_id = ?1 ORDER BY position")
        .unwrap()
        .query_map([id], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// The old `search::search` for a request without filters.
pub fn search(conn: &Connection, query: &str, limit: u32) -> Vec<SearchHit> {
    let terms = fold::query_terms(query);
    for combine in [Combine::All, Combine::Any] {
        if combine == Combine::Any && terms.terms.len() < 2 {
            break;
        }
        let expr = match combine {
            Combine::All => fold::match_expression(&terms, combine),
            Combine::Any => Some(rarest(conn, fold::match_parts(&terms)).join(" OR ")),
        };
        let Some(expr) = expr.filter(|e| !e.is_empty()) else {
            break;
        };
        let mut values = vec![Value::Text(expr)];
        let from = "FROM search_index JOIN cases c ON c.id = search_index.rowid
             WHERE search_index MATCH ? ";
        let window = match window_start(conn, from, &values) {
            Some(start) => {
                values.push(Value::Integer(start));
                "AND search_index.rowid >= ?"
            }
            None => "",
        };
        values.push(Value::Integer(limit.into()));
        let ids: Vec<i64> = conn
            .prepare_cached(&format!(
                "SELECT c.id {from} {window} ORDER BY {BM25} LIMIT ?"
            ))
            .unwrap()
            .query_map(params_from_iter(values.iter()), |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        if !ids.is_empty() {
            return ids
                .into_iter()
                .map(|id| hit(conn, id, &terms.terms))
                .collect();
        }
    }
    Vec::new()
}

fn hit(conn: &Connection, id: i64, terms: &[Term]) -> SearchHit {
    #[allow(clippy::type_complexity)]
    let (status, title, asker, department, asked_on, body, reply, more_info): (
        String,
        String,
        Option<String>,
        Option<String>,
        String,
        String,
        Option<String>,
        Option<String>,
    ) = conn
        .prepare_cached(
            "SELECT c.status, c.title, c.asker, c.department, c.asked_on, c.body, r.body, r.more_info
             FROM cases c LEFT JOIN replies r ON r.case_id = c.id WHERE c.id = ?1",
        )
        .unwrap()
        .query_row([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .unwrap();
    let reply_text = [reply.as_deref(), more_info.as_deref()]
        .into_iter()
        .flatten()
        .find(|text| snippet::contains(text, terms));
    let (snippet, snippet_source) = match reply_text {
        Some(text) if !snippet::contains(&body, terms) => {
            (snippet::snippet(text, terms, 180), SnippetSource::Reply)
        }
        _ => (snippet::snippet(&body, terms, 180), SnippetSource::Question),
    };
    SearchHit {
        id,
        status: CaseStatus::parse(&status).unwrap(),
        title: snippet::highlight_all(&title, terms),
        asker,
        department,
        asked_on,
        tags: tags_of(conn, id),
        snippet,
        snippet_source,
    }
}

/// The old `search::similar`, returning the ids and the summaries' parts.
pub fn similar(conn: &Connection, id: i64, limit: u32) -> Vec<(i64, String, Vec<String>)> {
    let (title, body, department, asked_on): (String, String, Option<String>, String) = conn
        .query_row(
            "SELECT title, body, department, asked_on FROM cases WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    let tags = tags_of(conn, id);
    let mut found: Vec<i64> = Vec::new();
    let parts = rarest(conn, expression_parts(&title, &body, &tags));
    if !parts.is_empty() {
        let from = "FROM search_index JOIN cases c ON c.id = search_index.rowid
             WHERE search_index MATCH ?1 AND c.id <> ?2 AND c.asked_on <= ?3
               AND c.status IN ('answered', 'closed')
               AND EXISTS (SELECT 1 FROM replies r WHERE r.case_id = c.id)";
        let values = [
            Value::Text(parts.join(" OR ")),
            Value::Integer(id),
            Value::Text(asked_on.clone()),
        ];
        let start = window_start(conn, from, &values).unwrap_or(i64::MIN);
        let mut stmt = conn
            .prepare_cached(&format!(
                "SELECT c.id {from} AND search_index.rowid >= ?4
             ORDER BY {BM25} * (CASE WHEN c.department IS ?5 THEN 1.25 ELSE 1.0 END)
             LIMIT ?6"
            ))
            .unwrap();
        found = stmt
            .query_map(
                params![values[0], id, asked_on, start, department, limit],
                |r| r.get(0),
            )
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
    }
    if found.len() < limit as usize {
        let mut stmt = conn
            .prepare_cached(
                "SELECT c.id FROM cases c
             WHERE c.id <> ?1 AND c.asked_on <= ?2 AND c.status IN ('answered', 'closed')
               AND EXISTS (SELECT 1 FROM replies r WHERE r.case_id = c.id)
               AND (c.department IS ?3 OR c.id IN (SELECT t.case_id FROM case_tags t
                    WHERE t.tag IN (SELECT tag FROM case_tags WHERE case_id = ?1)))
             ORDER BY c.asked_on DESC, c.id DESC LIMIT ?4",
            )
            .unwrap();
        let more: Vec<i64> = stmt
            .query_map(params![id, asked_on, department, limit * 2], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for other in more {
            if found.len() >= limit as usize {
                break;
            }
            if !found.contains(&other) {
                found.push(other);
            }
        }
    }
    found
        .into_iter()
        .map(|id| {
            let (title, reply): (String, String) = conn
                .prepare_cached(
                    "SELECT c.title, substr(r.body, 1, 600)
                     FROM cases c JOIN replies r ON r.case_id = c.id WHERE c.id = ?1",
                )
                .unwrap()
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap();
            let start: String = reply
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(240)
                .collect();
            (id, title + &start, tags_of(conn, id))
        })
        .collect()
}

fn expression_parts(title: &str, body: &str, tags: &[String]) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let push = |part: String, parts: &mut Vec<String>| {
        if parts.len() < 16 && !parts.contains(&part) {
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
    body_terms.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    for term in body_terms {
        push(term, &mut parts);
    }
    parts
}

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

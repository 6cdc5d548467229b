//! Search every case, and find similar answered cases, in English and Chinese.
//!
//! # The index
//! One FTS5 table, `search_index`, one row per case (rowid = case id), five
//! columns ranked by BM25 with weights: title 10, tags 6, asker + department
//! 2, question body 3, replies 1 (reply body + "more info"; addenda belong in
//! the same column: a later migration redefines the `search_source` view to
//! add them and puts the same re-index trigger on the addenda table, batched
//! during bulk writes like the others since migration 5). It is
//! contentless (`content=''`, `contentless_delete=1`): the text lives once,
//! in `cases`; snippets are cut from there ([`snippet`]).
//!
//! It is kept right by triggers on `cases`, `case_tags` and `replies` (the
//! migration that creates it, number 3), so every write path — the form,
//! import, replies, deletes, even a cascade — updates it in the same
//! transaction. The triggers compute each row from the `search_source` view,
//! which calls `casebook_search_text(text)`: a deterministic SQL function in
//! Rust ([`register_functions`]), registered on every connection the
//! [`crate::Store`] opens. A connection without it (the sqlite3 shell) can read
//! but cannot write cases: writes fail with "no such function" rather than
//! leave the index stale. Bulk writes (import) run inside [`batched`]: the
//! insert triggers only note the case, and the noted cases are indexed once
//! at the end of the same transaction.
//!
//! # Tokenizer: `porter unicode61 remove_diacritics 2` over CJK-spaced text
//! `unicode61` does not split Chinese, so [`fold::index_text`] puts every CJK
//! character between spaces (and applies NFKC, which folds full-width forms)
//! before FTS5 sees it; a CJK query is a phrase of its characters, which FTS5
//! matches only adjacent, and BM25 scores each phrase as one term.
//!
//! Measured (`tests.rs`, `trigram_misses_short_chinese_queries…`): FTS5's
//! `trigram` tokenizer finds `面部抽搐` but nothing for `抽搐` or `痛` (1–2
//! characters, the common case in Chinese) and cannot stem (`twitches`
//! misses `twitching`). CJK bigrams for unicode61 would need a second
//! unigram index for 1-character queries. Unigram phrases answer every
//! length from one index, and with `porter` the same index stems English.
//! MedQuAD relevance: top-1 74 %, top-5 100 %, MRR 0.85
//! (`tests/relevance.rs`).
//!
//! # Ranking, and what it costs
//! BM25 (`bm25()`) scores every match it is given, and before scoring the
//! first one it counts each term's matches in the whole index (for the
//! term weights), so its cost grows with how common the words are. A query
//! first counts its newest matches, stopping at [`RANK_WINDOW`] (FTS5 walks
//! its index newest first, without scoring):
//! - fewer than that: every match is ranked by BM25;
//! - the window is full (a common word: `headache` is in tens of thousands
//!   of synthetic cases): no BM25; the newest matches are shown, those with
//!   the words in their title or tags first, newest first within each.
//!   The trade-off: an older case that BM25 would put first is not shown
//!   until more words narrow the search, and among the newest 500 matches
//!   the order is title/tags, then date, not word counts. Typing a second
//!   word usually brings the match set under the window, and then BM25
//!   ranks all of it. The MedQuAD queries all stay under the window, so
//!   their relevance is unchanged.
//!
//! OR queries keep their rarest terms ([`rarest`]).
//!
//! A page of hits is one statement after the count: the window is scored
//! in the same pass that finds it ([`window`]), the best `limit` are joined
//! to their case, reply and tags, and snippets are cut in Rust from those
//! rows. Before, the window was walked twice and always scored, and each
//! hit ran two queries of its own, so a common word cost more than a
//! `LIKE '%…%'` scan, which stops at its first 50 matches. Measured on
//! 100,000 synthetic cases (`benches/search.rs`, release, 2 shared cores,
//! old and new paths side by side in one run, 12 queries × 5 rounds):
//! search p50 / p95 4.3 / 11.8 ms (before 11.4 / 27.1 ms), the `LIKE` scan
//! 9.4 / 252 ms, so search is 2.2× faster at p50 and 21.5× at p95 (before
//! 0.8× and 9.3×); similar cases 6.0 / 13.9 ms (before 7.4 / 24.5 ms). The
//! index is rebuilt from scratch in 2.7 s (with the bulk-write settings of
//! `bulk`).
//!
//! # Queries
//! The user's text never reaches FTS5 as syntax: [`fold::query_terms`] keeps
//! runs of letters/digits and CJK, and the MATCH expression is built from
//! quoted terms. All terms must match; when that finds nothing, any term may.

pub mod fold;
mod similar;
pub mod snippet;

use crate::msg;
use chrono::NaiveDate;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::{Value, ValueRef};
use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cases::CaseStatus;
use crate::{CoreError, Result};
use fold::{Combine, Term};

pub use similar::{similar, starting_reply, SimilarCase, StartingReply};
pub use snippet::Segment;

/// The most hits one search returns.
pub const MAX_HITS: u32 = 100;
/// How many characters a snippet shows.
const SNIPPET_CHARS: usize = 180;
/// `bm25()` weights, in column order: title, tags, people, body, replies.
const BM25: &str = "bm25(search_index, 10.0, 6.0, 2.0, 3.0, 1.0)";
/// How many matches BM25 ranks at most: past this many, only the most
/// recently recorded ones are ranked (see the module comment and
/// [`window`]). Set from the benchmark and the relevance test.
const RANK_WINDOW: i64 = 500;

/// Of several OR-ed term expressions, the rarest ones whose matches together
/// fit the ranking window (always at least the rarest that matches at all).
/// Each count stops at [`RANK_WINDOW`], so this stays cheap for common words.
pub(crate) fn rarest(conn: &Connection, parts: Vec<String>) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ?1 LIMIT ?2)",
    )?;
    let mut counted = Vec::with_capacity(parts.len());
    for part in parts {
        let n: i64 = stmt.query_row(rusqlite::params![part, RANK_WINDOW], |r| r.get(0))?;
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
    Ok(keep)
}

/// `SELECT rowid, score` of the newest [`RANK_WINDOW`] matches of
/// `sql_from` (a `FROM … WHERE search_index MATCH ? …` clause), scored by
/// `score` (a `bm25()` expression). FTS5 walks its index newest first and
/// stops at the window, and `bm25()` is computed only for the rows it
/// yields: one pass, where a separate count of the window and a ranking
/// query walked the same matches twice.
fn window(sql_from: &str, score: &str) -> String {
    format!(
        "SELECT search_index.rowid AS id, {score} AS score {sql_from}
         ORDER BY search_index.rowid DESC LIMIT {RANK_WINDOW}"
    )
}

/// Registers the SQL functions the search triggers call. Every connection
/// that writes cases needs them.
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "casebook_search_text",
        1,
        FunctionFlags::SQLITE_UTF8
            | FunctionFlags::SQLITE_DETERMINISTIC
            | FunctionFlags::SQLITE_INNOCUOUS,
        |ctx| {
            Ok(match ctx.get_raw(0) {
                ValueRef::Text(bytes) => fold::index_text(&String::from_utf8_lossy(bytes)),
                _ => String::new(),
            })
        },
    )
}

/// Rebuilds the whole index from the cases (for benchmarks and repairs).
pub fn rebuild(conn: &Connection) -> Result<()> {
    bulk(conn, |conn| {
        conn.execute_batch(
            "INSERT INTO search_index (search_index) VALUES ('delete-all');
             INSERT INTO search_index (rowid, title, tags, people, body, replies)
                 SELECT id, title, tags, people, body, replies FROM search_source;",
        )?;
        Ok(())
    })
}

/// Runs a bulk write (`f`, inside the caller's transaction) with the index
/// updated once at the end instead of row by row: inserts only note their
/// case in `search_pending` while the batch is open, and those cases are
/// re-indexed before `f`'s transaction commits. Edits and deletes inside `f`
/// still update the index at once. 100,000 imported cases: see the bench.
pub fn batched<T>(conn: &Connection, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    bulk(conn, |conn| {
        conn.execute("INSERT INTO search_batch (open) VALUES (1)", [])?;
        let value = f(conn)?;
        conn.execute_batch(
            "DELETE FROM search_batch;
             DELETE FROM search_index WHERE rowid IN (SELECT case_id FROM search_pending);
             INSERT INTO search_index (rowid, title, tags, people, body, replies)
                 SELECT id, title, tags, people, body, replies FROM search_source
                 WHERE id IN (SELECT case_id FROM search_pending);
             DELETE FROM search_pending;",
        )?;
        Ok(value)
    })
}

/// Page cache for a bulk write (KiB, as SQLite's negative `cache_size`):
/// with the default 2 MB, a 100,000-case import spilled pages to the WAL and
/// rewrote them.
const BULK_CACHE_KIB: i64 = 128 * 1024;
/// FTS5's in-memory term buffer for a bulk write (bytes). The default (1 MB)
/// cut a 100,000-case index into hundreds of segments that then had to be
/// merged.
const BULK_HASH_SIZE: i64 = 64 * 1024 * 1024;
/// FTS5's default, restored after a bulk write (the setting is stored in the
/// database, so edits afterwards flush as usual).
const DEFAULT_HASH_SIZE: i64 = 1024 * 1024;

/// Runs `f` with the bulk-write settings above, restoring them afterwards.
/// The hash size is stored in the index's config table, so a failed `f`
/// rolls it back with the caller's transaction; the page cache is restored
/// here either way.
fn bulk<T>(conn: &Connection, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
    let set_hash_size = |bytes: i64| {
        conn.execute(
            "INSERT INTO search_index (search_index, rank) VALUES ('hashsize', ?1)",
            [bytes],
        )
    };
    let result = set_hash_size(BULK_HASH_SIZE)
        .map_err(Into::into)
        .and_then(|_| f(conn))
        .and_then(|value| {
            set_hash_size(DEFAULT_HASH_SIZE)?;
            Ok(value)
        });
    conn.pragma_update(None, "cache_size", cache)?;
    result
}

/// What to search for, and the filters that narrow it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchRequest {
    pub query: String,
    pub status: Option<CaseStatus>,
    pub department: Option<String>,
    pub tag: Option<String>,
    /// Asked on or after this date (`YYYY-MM-DD`).
    pub asked_from: Option<String>,
    /// Asked on or before this date (`YYYY-MM-DD`).
    pub asked_to: Option<String>,
}

/// How the hits were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// No query: the most recent cases.
    Recent,
    /// Every term matched.
    All,
    /// No case had every term; these have some of them.
    Any,
}

/// Where a snippet was cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SnippetSource {
    Question,
    Reply,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SearchHit {
    #[ts(type = "number")]
    pub id: i64,
    pub status: CaseStatus,
    /// The title, with the matching words highlighted.
    pub title: Vec<Segment>,
    pub asker: Option<String>,
    pub department: Option<String>,
    pub asked_on: String,
    pub tags: Vec<String>,
    pub snippet: Vec<Segment>,
    pub snippet_source: SnippetSource,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub matched: MatchKind,
    /// The query was too long; only its start was searched.
    pub truncated: bool,
}

/// Searches every case; an empty query lists the most recent ones.
pub fn search(conn: &Connection, request: &SearchRequest, limit: u32) -> Result<SearchResults> {
    let limit = limit.clamp(1, MAX_HITS);
    let (filter_sql, filter_values) = filters(request)?;
    let terms = fold::query_terms(&request.query);
    // Without filters the index alone decides the window (its rows are the
    // cases, kept so by the triggers); the cases are read for the hits only.
    let join = if filter_sql.is_empty() {
        ""
    } else {
        "JOIN cases c ON c.id = search_index.rowid"
    };
    let from = format!("FROM search_index {join} WHERE search_index MATCH ? {filter_sql}");
    let ranked = format!(
        "WITH ranked AS ({}) SELECT {HIT_COLUMNS} FROM
             (SELECT id, score FROM ranked ORDER BY score, id DESC LIMIT ?) top
             JOIN cases c ON c.id = top.id LEFT JOIN replies r ON r.case_id = c.id
         ORDER BY top.score, top.id DESC",
        window(&from, BM25)
    );
    // The newest matches, walked once: how many (up to the window), the
    // oldest of them, and their ids (for a full window, ordered below
    // without walking the matches again: a word being typed also matches as
    // a prefix, and FTS5 merges every expansion of a prefix each time).
    let count = format!(
        "SELECT count(*), min(id), json_group_array(id) FROM
             (SELECT search_index.rowid AS id {from}
              ORDER BY search_index.rowid DESC LIMIT {RANK_WINDOW})"
    );
    let newest = format!(
        "WITH top AS (SELECT value AS id,
                             value IN (SELECT rowid FROM search_index
                                       WHERE search_index MATCH ? AND rowid >= ?) AS titled
                      FROM json_each(?) ORDER BY titled DESC, id DESC LIMIT ?)
         SELECT {HIT_COLUMNS} FROM top
             JOIN cases c ON c.id = top.id LEFT JOIN replies r ON r.case_id = c.id
         ORDER BY top.titled DESC, top.id DESC"
    );

    for combine in [Combine::All, Combine::Any] {
        if combine == Combine::Any && terms.terms.len() < 2 {
            break;
        }
        let expr = match combine {
            Combine::All => fold::match_expression(&terms, combine),
            // Any word may match: rank by the rare words, which BM25 weighs
            // most anyway, so a common one cannot flood the ranking window.
            Combine::Any => Some(rarest(conn, fold::match_parts(&terms))?.join(" OR ")),
        };
        let Some(expr) = expr.filter(|e| !e.is_empty()) else {
            break;
        };
        let mut values = vec![Value::Text(expr.clone())];
        values.extend(filter_values.iter().cloned());
        let (matches, start, ids): (i64, Option<i64>, String) = conn
            .prepare_cached(&count)?
            .query_row(params_from_iter(values.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        let hits = if matches < RANK_WINDOW {
            values.push(Value::Integer(limit.into()));
            hits(conn, &ranked, &values, &terms.terms)?
        } else {
            // A common word: the newest matches, those with it in their
            // title or tags first (see the module comment).
            let values = [
                Value::Text(format!("{{title tags}} : ({expr})")),
                Value::Integer(start.unwrap_or(i64::MIN)),
                Value::Text(ids),
                Value::Integer(limit.into()),
            ];
            hits(conn, &newest, &values, &terms.terms)?
        };
        if !hits.is_empty() {
            let matched = match combine {
                Combine::All => MatchKind::All,
                Combine::Any => MatchKind::Any,
            };
            return Ok(SearchResults {
                hits,
                matched,
                truncated: terms.truncated,
            });
        }
    }
    let (hits, matched) = if terms.terms.is_empty() {
        let mut values = filter_values;
        values.push(Value::Integer(limit.into()));
        let sql = format!(
            "SELECT {HIT_COLUMNS} FROM cases c LEFT JOIN replies r ON r.case_id = c.id
             WHERE 1 {filter_sql} ORDER BY c.asked_on DESC, c.id DESC LIMIT ?"
        );
        (hits(conn, &sql, &values, &terms.terms)?, MatchKind::Recent)
    } else {
        (Vec::new(), MatchKind::All)
    };
    Ok(SearchResults {
        hits,
        matched,
        truncated: terms.truncated,
    })
}

/// ` AND …` terms for the filters, with their values bound as parameters.
fn filters(request: &SearchRequest) -> Result<(String, Vec<Value>)> {
    let mut sql = String::new();
    let mut values = Vec::new();
    if let Some(status) = request.status {
        sql.push_str(" AND c.status = ?");
        values.push(Value::Text(status.as_str().into()));
    }
    if let Some(department) = request.department.as_deref().filter(|d| !d.is_empty()) {
        sql.push_str(" AND c.department = ?");
        values.push(Value::Text(department.into()));
    }
    if let Some(tag) = request.tag.as_deref().filter(|t| !t.is_empty()) {
        sql.push_str(" AND c.id IN (SELECT case_id FROM case_tags WHERE tag = ?)");
        values.push(Value::Text(tag.into()));
    }
    let from = date(request.asked_from.as_deref(), "asked_from")?;
    let to = date(request.asked_to.as_deref(), "asked_to")?;
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(CoreError::invalid(
                "asked_to",
                msg!("search.range_reversed"),
            ));
        }
    }
    if let Some(from) = from {
        sql.push_str(" AND c.asked_on >= ?");
        values.push(Value::Text(from.to_string()));
    }
    if let Some(to) = to {
        sql.push_str(" AND c.asked_on <= ?");
        values.push(Value::Text(to.to_string()));
    }
    Ok((sql, values))
}

fn date(value: Option<&str>, field: &str) -> Result<Option<NaiveDate>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| CoreError::invalid(field, msg!("search.not_a_date", text = v))),
    }
}

/// What a hit is shown from, in the order [`hits`] reads it: one row per
/// hit, its tags as a JSON array, so a page of hits is one query.
const HIT_COLUMNS: &str = "c.id, c.status, c.title, c.asker, c.department, c.asked_on, c.body,
     r.body, r.more_info,
     (SELECT json_group_array(t.tag ORDER BY t.position) FROM case_tags t WHERE t.case_id = c.id)";

/// A case's tags, read from a `json_group_array` column.
fn tags_column(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Vec<String>> {
    let json: String = row.get(column)?;
    serde_json::from_str(&json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Runs `sql` (selecting [`HIT_COLUMNS`]) and turns its rows into hits, with
/// snippets cut from the stored text.
fn hits(conn: &Connection, sql: &str, values: &[Value], terms: &[Term]) -> Result<Vec<SearchHit>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params_from_iter(values.iter()))?;
    let mut hits = Vec::new();
    while let Some(r) = rows.next()? {
        let title: String = r.get(2)?;
        let body: String = r.get(6)?;
        let reply: Option<String> = r.get(7)?;
        let more_info: Option<String> = r.get(8)?;
        let tags = tags_column(r, 9)?;
        let (snippet, snippet_source) = match snippet::snippet_if_found(&body, terms, SNIPPET_CHARS)
        {
            Some(found) => (found, SnippetSource::Question),
            None => match [reply.as_deref(), more_info.as_deref()]
                .into_iter()
                .flatten()
                .find_map(|text| snippet::snippet_if_found(text, terms, SNIPPET_CHARS))
            {
                Some(found) => (found, SnippetSource::Reply),
                None => (
                    snippet::snippet(&body, terms, SNIPPET_CHARS),
                    SnippetSource::Question,
                ),
            },
        };
        hits.push(SearchHit {
            id: r.get(0)?,
            status: r.get::<_, CaseStatus>(1)?,
            title: snippet::highlight_all(&title, terms),
            asker: r.get(3)?,
            department: r.get(4)?,
            asked_on: r.get(5)?,
            tags,
            snippet,
            snippet_source,
        });
    }
    Ok(hits)
}

#[cfg(test)]
mod tests;

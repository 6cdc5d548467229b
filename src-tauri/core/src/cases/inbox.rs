//! The inbox: cases newest first, grouped by status, filtered by department
//! and tag, read a page at a time so a list of 100,000 cases stays quick.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::CaseStatus;
use crate::{text, Result};

/// The most rows one page may ask for.
pub const MAX_PAGE: u32 = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseFilter {
    pub status: Option<CaseStatus>,
    pub department: Option<String>,
    pub tag: Option<String>,
}

/// One inbox row: enough to recognise a case without opening it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub status: CaseStatus,
    pub title: String,
    pub asker: Option<String>,
    pub department: Option<String>,
    pub asked_on: String,
    pub tags: Vec<String>,
    /// The start of the question, on one line.
    pub excerpt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CasePage {
    /// How many cases match the filter in all.
    pub total: u32,
    pub offset: u32,
    pub items: Vec<CaseSummary>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct StatusCounts {
    pub new: u32,
    pub drafting: u32,
    pub answered: u32,
    pub closed: u32,
    pub all: u32,
}

/// The `WHERE` clause and its bound values for a filter. Values are always
/// bound as parameters, never spliced into the SQL.
fn where_clause(filter: &CaseFilter, with_status: bool) -> (String, Vec<Value>) {
    let mut terms = Vec::new();
    let mut values = Vec::new();
    if let (true, Some(status)) = (with_status, filter.status) {
        terms.push("c.status = ?");
        values.push(Value::Text(status.as_str().into()));
    }
    if let Some(department) = &filter.department {
        terms.push("c.department = ?");
        values.push(Value::Text(department.clone()));
    }
    if let Some(tag) = &filter.tag {
        terms.push("c.id IN (SELECT case_id FROM case_tags WHERE tag = ?)");
        values.push(Value::Text(tag.clone()));
    }
    if terms.is_empty() {
        (String::new(), values)
    } else {
        (format!("WHERE {}", terms.join(" AND ")), values)
    }
}

/// A page of the inbox, newest question first.
pub fn list(conn: &Connection, filter: &CaseFilter, offset: u32, limit: u32) -> Result<CasePage> {
    let limit = limit.clamp(1, MAX_PAGE);
    let (clause, values) = where_clause(filter, true);
    let total: u32 = conn
        .prepare_cached(&format!("SELECT count(*) FROM cases c {clause}"))?
        .query_row(params_from_iter(values.iter()), |r| r.get(0))?;

    let mut page_values = values;
    page_values.push(Value::Integer(limit.into()));
    page_values.push(Value::Integer(offset.into()));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.status, c.title, c.asker, c.department, c.asked_on, substr(c.body, 1, 400)
         FROM cases c {clause}
         ORDER BY c.asked_on DESC, c.id DESC
         LIMIT ? OFFSET ?"
    ))?;
    let rows = stmt
        .query_map(params_from_iter(page_values.iter()), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, CaseStatus>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let mut items = Vec::with_capacity(rows.len());
    for (id, status, title, asker, department, asked_on, start) in rows {
        items.push(CaseSummary {
            id,
            status,
            title,
            asker,
            department,
            asked_on,
            tags: super::tags_of(conn, id)?,
            excerpt: text::excerpt(&start, 160),
        });
    }
    Ok(CasePage {
        total,
        offset,
        items,
    })
}

/// How many cases stand in each status, for the inbox's groups. The filter's
/// own status is ignored, so every group shows its count.
pub fn status_counts(conn: &Connection, filter: &CaseFilter) -> Result<StatusCounts> {
    let (clause, values) = where_clause(filter, false);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.status, count(*) FROM cases c {clause} GROUP BY c.status"
    ))?;
    let mut counts = StatusCounts::default();
    let rows = stmt.query_map(params_from_iter(values.iter()), |r| {
        Ok((r.get::<_, CaseStatus>(0)?, r.get::<_, u32>(1)?))
    })?;
    for row in rows {
        let (status, n) = row?;
        match status {
            CaseStatus::New => counts.new = n,
            CaseStatus::Drafting => counts.drafting = n,
            CaseStatus::Answered => counts.answered = n,
            CaseStatus::Closed => counts.closed = n,
        }
        counts.all += n;
    }
    Ok(counts)
}

/// Every department in use, for the filter and the form's pick-list.
///
/// A skip scan: each step seeks the next name in `cases_by_department`, so
/// the cost grows with the number of departments, not of cases (a plain
/// `DISTINCT` read all 100,000 index entries, 67 ms at start-up).
pub fn departments(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE names (name) AS (
             SELECT min(department) FROM cases WHERE department IS NOT NULL
             UNION ALL
             SELECT (SELECT min(department) FROM cases WHERE department > names.name)
             FROM names WHERE names.name IS NOT NULL
         )
         SELECT name FROM names WHERE name IS NOT NULL",
    )?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

/// Every tag in use, most used first.
pub fn tags(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT tag FROM case_tags GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 1000",
    )?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

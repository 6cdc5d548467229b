//! CSV import: the columns the CSV export writes (see
//! [`crate::export::records`]), read into the same plan as JSON Lines, so
//! preview, duplicate handling and the one-transaction apply are shared.
//! Line numbers are the file's physical lines (a quoted cell may span
//! several; the record is reported at the line it starts on). An unknown
//! column refuses the whole file, naming the column.

use crate::msg;
use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Checker, ImportPlan};
use crate::cases::{CaseStatus, Sex};
use crate::export::records::{CSV_COLUMNS, TAG_SEPARATOR};
use crate::interchange::{CaseRecord, QuestionRecord, ReplyRecord};
use crate::{Message, Result};

/// Reads and checks every row; writes nothing.
pub fn check_csv(conn: &Connection, bytes: &[u8], today: NaiveDate) -> Result<ImportPlan> {
    let mut checker = Checker::new(conn, today);
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = reader.byte_records();
    let header = match rows.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            checker.invalid(1, msg!("import.csv_header", detail = e.to_string()));
            return Ok(checker.plan);
        }
        None => return Ok(checker.plan),
    };
    let mut columns = Vec::new();
    for cell in header.iter() {
        let name = String::from_utf8_lossy(cell).trim().to_string();
        match CSV_COLUMNS.iter().position(|c| *c == name) {
            Some(i) => columns.push(i),
            None => {
                checker.invalid(
                    1,
                    msg!(
                        "import.csv_unknown_column",
                        name = name,
                        expected = CSV_COLUMNS.join(", ")
                    ),
                );
                return Ok(checker.plan);
            }
        }
    }
    for row in rows {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                let line = e.position().map(|p| p.line() as u32).unwrap_or(0);
                checker.invalid(line, msg!("import.csv_row", detail = e.to_string()));
                continue;
            }
        };
        let line = row.position().map(|p| p.line() as u32).unwrap_or(0);
        if row.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let mut cells: [Option<String>; CSV_COLUMNS.len()] = Default::default();
        let mut bad = None;
        if row.len() != columns.len() {
            bad = Some(msg!(
                "import.csv_cells",
                cells = row.len(),
                header = columns.len()
            ));
        }
        for (cell, column) in row.iter().zip(&columns) {
            match std::str::from_utf8(cell) {
                Ok("") => {}
                Ok(text) => cells[*column] = Some(text.to_string()),
                Err(e) => {
                    bad = Some(msg!(
                        "import.csv_not_utf8",
                        column = CSV_COLUMNS[*column],
                        position = e.valid_up_to() + 1
                    ))
                }
            }
        }
        match bad.map_or_else(|| record_of(cells), Err) {
            Ok(record) => checker.accept(line, record)?,
            Err(message) => checker.invalid(line, message),
        }
    }
    Ok(checker.plan)
}

fn json<T: serde::de::DeserializeOwned + Default>(
    v: Option<String>,
    name: &str,
) -> Result<T, Message> {
    v.map(|text| {
        serde_json::from_str(&text)
            .map_err(|e| msg!("import.csv_json", column = name, detail = e.to_string()))
    })
    .transpose()
    .map(Option::unwrap_or_default)
}

fn record_of(mut c: [Option<String>; CSV_COLUMNS.len()]) -> Result<CaseRecord, Message> {
    let mut take = |name: &str| c[CSV_COLUMNS.iter().position(|n| *n == name).unwrap()].take();
    let required =
        |v: Option<String>, name: &str| v.ok_or(msg!("import.csv_missing", column = name));
    let status = take("status")
        .map(|s| {
            CaseStatus::parse(s.trim()).ok_or(msg!("import.csv_unknown_status", value = s.as_str()))
        })
        .transpose()?;
    let sex = take("sex")
        .map(|s| Sex::parse(s.trim()).ok_or(msg!("import.csv_unknown_sex", value = s.as_str())))
        .transpose()?;
    let tags = take("tags")
        .map(|t| {
            t.split(TAG_SEPARATOR.trim())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let _ = take("id");
    let external_id = take("external_id");
    let question = QuestionRecord {
        title: required(take("title"), "title")?,
        body: required(take("body"), "body")?,
        asker: take("asker"),
        sex,
        age_range: take("age_range"),
        asked_on: required(take("asked_on"), "asked_on")?,
        department: take("department"),
        tags,
        source: take("source"),
    };
    let reply_body = take("reply_body");
    let clinician = take("clinician");
    let affiliation = take("affiliation");
    let signature = take("signature");
    let replied_on = take("replied_on");
    let more_info = take("more_info");
    let follow_ups = json(take("follow_ups"), "follow_ups")?;
    let addenda = json(take("addenda"), "addenda")?;
    let reply = match reply_body {
        Some(body) => Some(ReplyRecord {
            body,
            clinician,
            affiliation,
            signature,
            replied_on,
            more_info,
        }),
        None if clinician.is_some() || replied_on.is_some() || more_info.is_some() => {
            return Err(msg!("import.csv_reply_without_body"))
        }
        None => None,
    };
    Ok(CaseRecord {
        external_id,
        status,
        question,
        reply,
        follow_ups,
        addenda,
    })
}

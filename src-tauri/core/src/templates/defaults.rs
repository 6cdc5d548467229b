//! The default template set (`data/templates/*.jinja`, compiled in), added
//! once to every case book: a new one when it is created, an existing one the
//! first time this version opens it. A settings flag remembers that, so a
//! template the clinician deleted does not come back.

use crate::msg;
use rusqlite::Connection;

use super::{render, TemplateInput};
use crate::{CoreError, Now, Result};

const LOADED_FLAG: &str = "templates.defaults_loaded";

/// In include order: a template comes after the ones it includes.
const FILES: &[(&str, &[u8])] = &[
    (
        "en-greeting",
        include_bytes!("../../../../data/templates/en-greeting.jinja"),
    ),
    (
        "en-closing",
        include_bytes!("../../../../data/templates/en-closing.jinja"),
    ),
    (
        "en-caffeine",
        include_bytes!("../../../../data/templates/en-caffeine.jinja"),
    ),
    (
        "en-rest",
        include_bytes!("../../../../data/templates/en-rest.jinja"),
    ),
    (
        "en-clinic",
        include_bytes!("../../../../data/templates/en-clinic.jinja"),
    ),
    (
        "en-neurology",
        include_bytes!("../../../../data/templates/en-neurology.jinja"),
    ),
    (
        "zh-greeting",
        include_bytes!("../../../../data/templates/zh-greeting.jinja"),
    ),
    (
        "zh-closing",
        include_bytes!("../../../../data/templates/zh-closing.jinja"),
    ),
    (
        "zh-neurology",
        include_bytes!("../../../../data/templates/zh-neurology.jinja"),
    ),
];

/// The default templates, parsed from their files.
pub fn default_templates() -> Result<Vec<TemplateInput>> {
    FILES
        .iter()
        .map(|(file, bytes)| parse(file, bytes))
        .collect()
}

fn parse(file: &str, bytes: &[u8]) -> Result<TemplateInput> {
    let text = render::body_from_bytes(bytes)?;
    let (header, body) = text
        .split_once("\n---\n")
        .ok_or_else(|| CoreError::Internal(msg!("template.default_no_header", file = file)))?;
    let mut input = TemplateInput {
        name: String::new(),
        department: None,
        trigger: None,
        body: body.strip_suffix('\n').unwrap_or(body).to_string(),
    };
    for line in header.lines() {
        match line
            .split_once(':')
            .map(|(k, v)| (k.trim(), v.trim().to_string()))
        {
            Some(("name", v)) => input.name = v,
            Some(("department", v)) => input.department = Some(v),
            Some(("trigger", v)) => input.trigger = Some(v),
            _ => {
                return Err(CoreError::Internal(msg!(
                    "template.default_bad_header",
                    file = file,
                    line = line
                )))
            }
        }
    }
    Ok(input)
}

/// Adds the default templates unless they were added before; a name the
/// clinician already uses is skipped. Returns how many were added.
pub fn ensure_defaults(conn: &Connection, now: Now) -> Result<u32> {
    if crate::settings::get(conn, LOADED_FLAG)?.is_some() {
        return Ok(0);
    }
    let tx = conn.unchecked_transaction()?;
    let mut added = 0;
    for input in default_templates()? {
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM templates WHERE name = ?1 OR trigger = ?2)",
            rusqlite::params![input.name, input.trigger],
            |r| r.get(0),
        )?;
        if !taken {
            super::insert(&tx, &input, now)?;
            added += 1;
        }
    }
    crate::settings::set(&tx, LOADED_FLAG, &now.stamp())?;
    tx.commit()?;
    Ok(added)
}

//! The template library: named, department-scoped reply skeletons with
//! variables from the case and the clinician's profile, fill-in blanks,
//! pick-lists and nested snippets ([`render`], [`blanks`]). A template is
//! checked when saved, so a broken one never reaches a draft. A default set
//! ships in `data/templates/` and is added once to every case book.

pub mod blanks;
pub mod context;
mod defaults;
pub mod render;

use crate::msg;
use std::sync::Arc;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{audit, CoreError, Now, Result, Store};

pub use blanks::{Blank, BlankKind};
pub use defaults::ensure_defaults;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Template {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    /// `None`: offered for every department.
    pub department: Option<String>,
    /// The dot-phrase word, without the dot (`caffeine` for `.caffeine`).
    pub trigger: Option<String>,
    pub body: String,
    pub updated_at: String,
}

/// A template as typed into the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateInput {
    pub name: String,
    /// Empty or "all" means every department.
    pub department: Option<String>,
    /// A leading dot is dropped; letters, digits, `-` and `_` only.
    pub trigger: Option<String>,
    pub body: String,
}

/// A template rendered for a case, ready to insert into the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Rendered {
    pub text: String,
    pub blanks: Vec<Blank>,
}

const COLUMNS: &str = "id, name, department, trigger, body, updated_at";

fn read(r: &Row) -> rusqlite::Result<Template> {
    Ok(Template {
        id: r.get(0)?,
        name: r.get(1)?,
        department: r.get(2)?,
        trigger: r.get(3)?,
        body: r.get(4)?,
        updated_at: r.get(5)?,
    })
}

/// Templates whose name, trigger or body contains `query` (case-insensitive),
/// limited to `department` and the all-department ones when given; the
/// department's own first, then by name.
pub fn list(conn: &Connection, query: &str, department: Option<&str>) -> Result<Vec<Template>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM templates
         WHERE (?1 = '' OR instr(lower(name), lower(?1)) > 0 OR instr(lower(body), lower(?1)) > 0
                OR instr(lower(coalesce(trigger, '')), lower(?1)) > 0)
           AND (?2 IS NULL OR department IS NULL OR lower(department) = lower(?2))
         ORDER BY department IS NULL, name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map(params![query.trim(), department], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Template> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM templates WHERE id = ?1"),
        [id],
        read,
    )
    .optional()?
    .ok_or_else(|| CoreError::NotFound(msg!("template.not_found", id = id)))
}

/// The template a dot-phrase (`.trigger`) names, if any.
pub fn by_trigger(conn: &Connection, trigger: &str) -> Result<Option<Template>> {
    let trigger = trigger.trim_start_matches('.');
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM templates WHERE trigger = ?1 COLLATE NOCASE"),
            [trigger],
            read,
        )
        .optional()?)
}

/// Every template's body by name, for includes.
pub fn library(conn: &Connection) -> Result<render::Library> {
    let mut stmt = conn.prepare_cached("SELECT name, body FROM templates")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds a template after checking it (see [`render::validate`]).
pub fn create(store: &mut Store, input: &TemplateInput, now: Now) -> Result<Template> {
    let id = store.with_tx(|tx| insert(tx, input, now))?;
    get(store.conn(), id)
}

pub(crate) fn insert(conn: &Connection, input: &TemplateInput, now: Now) -> Result<i64> {
    let clean = clean(input)?;
    render::validate(&clean.name, &clean.body, &library(conn)?)?;
    conn.execute(
        "INSERT INTO templates (name, department, trigger, body, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![
            clean.name,
            clean.department,
            clean.trigger,
            clean.body,
            now.stamp()
        ],
    )
    .map_err(|e| unique_error(conn, None, &clean, e))?;
    Ok(conn.last_insert_rowid())
}

/// Changes a template. Renaming one that others include is refused.
pub fn update(store: &mut Store, id: i64, input: &TemplateInput, now: Now) -> Result<Template> {
    store.with_tx(|tx| {
        let old = get(tx, id)?;
        let clean = clean(input)?;
        let mut lib = library(tx)?;
        lib.remove(&old.name);
        if clean.name != old.name {
            if let Some(user) = included_by(&lib, &old.name) {
                return Err(CoreError::invalid(
                    "name",
                    msg!(
                        "template.rename_included",
                        user = user,
                        name = old.name.clone()
                    ),
                ));
            }
        }
        render::validate(&clean.name, &clean.body, &lib)?;
        tx.execute(
            "UPDATE templates SET name = ?2, department = ?3, trigger = ?4, body = ?5, updated_at = ?6
             WHERE id = ?1",
            params![id, clean.name, clean.department, clean.trigger, clean.body, now.stamp()],
        )
        .map_err(|e| unique_error(tx, Some(id), &clean, e))?;
        Ok(())
    })?;
    get(store.conn(), id)
}

/// A copy named "… (copy)", without a trigger (triggers are unique).
pub fn duplicate(store: &mut Store, id: i64, now: Now) -> Result<Template> {
    let original = get(store.conn(), id)?;
    let lib = library(store.conn())?;
    let name = (1..)
        .map(|n| match n {
            1 => format!("{} (copy)", original.name),
            n => format!("{} (copy {n})", original.name),
        })
        .find(|candidate| !lib.contains_key(candidate))
        .unwrap_or_default();
    create(
        store,
        &TemplateInput {
            name,
            department: original.department,
            trigger: None,
            body: original.body,
        },
        now,
    )
}

/// Deletes a template no other template includes. Replies written from it
/// keep their text.
pub fn delete(store: &mut Store, id: i64) -> Result<()> {
    store.with_tx(|tx| {
        let old = get(tx, id)?;
        let mut lib = library(tx)?;
        lib.remove(&old.name);
        if let Some(user) = included_by(&lib, &old.name) {
            return Err(CoreError::Conflict(msg!(
                "template.delete_included",
                user = user,
                name = old.name.clone()
            )));
        }
        tx.execute("DELETE FROM templates WHERE id = ?1", [id])?;
        Ok(())
    })
}

/// Renders the template the clinician chose for a case: by id (the picker)
/// or, without one, by the dot-phrase `trigger` they typed. `None` when
/// neither names a template (a typed `.word` then stays as typed).
pub fn render_choice(
    store: &mut Store,
    case_id: i64,
    template_id: Option<i64>,
    trigger: Option<&str>,
    now: Now,
) -> Result<Option<Rendered>> {
    let id = match (template_id, trigger) {
        (Some(id), _) => id,
        (None, Some(t)) => match by_trigger(store.conn(), t)? {
            Some(found) => found.id,
            None => return Ok(None),
        },
        (None, None) => return Ok(None),
    };
    render_for_case(store, case_id, id, now).map(Some)
}

/// Renders a template for a case and records its use in the audit trail.
pub fn render_for_case(
    store: &mut Store,
    case_id: i64,
    template_id: i64,
    now: Now,
) -> Result<Rendered> {
    store.with_tx(|tx| {
        let template = get(tx, template_id)?;
        let ctx = context::for_case(tx, case_id, now)?;
        let text = render::render(&template.name, &template.body, &ctx, Arc::new(library(tx)?))?;
        audit::record(
            tx,
            case_id,
            audit::AuditKind::TemplateUsed,
            &template.name,
            now,
        )?;
        Ok(Rendered {
            blanks: blanks::find(&text),
            text,
        })
    })
}

fn included_by(lib: &render::Library, name: &str) -> Option<String> {
    let mut users: Vec<&String> = lib
        .iter()
        .filter(|(_, body)| render::includes(body).iter().any(|n| n == name))
        .map(|(n, _)| n)
        .collect();
    users.sort();
    users.first().map(|s| s.to_string())
}

fn clean(input: &TemplateInput) -> Result<TemplateInput> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(CoreError::invalid("name", msg!("template.name_required")));
    }
    if name.chars().count() > 200 {
        return Err(CoreError::invalid(
            "name",
            msg!("template.name_too_long", limit = 200),
        ));
    }
    let department = input
        .department
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty() && !d.eq_ignore_ascii_case("all"))
        .map(str::to_string);
    let trigger = input
        .trigger
        .as_deref()
        .map(|t| t.trim().trim_start_matches('.'))
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    if let Some(t) = &trigger {
        if t.len() > 32
            || !t
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(CoreError::invalid(
                "trigger",
                msg!("template.trigger_shape"),
            ));
        }
    }
    Ok(TemplateInput {
        name: name.to_string(),
        department,
        trigger,
        body: input.body.replace("\r\n", "\n"),
    })
}

/// A template's name or trigger is already taken: found by the UNIQUE
/// constraint's own error code, then told apart by asking which value clashes.
fn unique_error(
    conn: &rusqlite::Connection,
    own: Option<i64>,
    input: &TemplateInput,
    e: rusqlite::Error,
) -> CoreError {
    let unique = matches!(
        &e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    );
    if !unique {
        return e.into();
    }
    let taken = |sql: &str, value: &str| -> bool {
        conn.query_row(sql, params![value, own], |r| r.get::<_, bool>(0))
            .unwrap_or(false)
    };
    if taken(
        "SELECT EXISTS (SELECT 1 FROM templates WHERE name = ?1 AND id IS NOT ?2)",
        &input.name,
    ) {
        CoreError::invalid("name", msg!("template.name_taken"))
    } else if input.trigger.as_deref().is_some_and(|t| {
        taken(
            "SELECT EXISTS (SELECT 1 FROM templates WHERE trigger = ?1 AND id IS NOT ?2)",
            t,
        )
    }) {
        CoreError::invalid("trigger", msg!("template.trigger_taken"))
    } else {
        e.into()
    }
}

#[cfg(test)]
mod tests;

//! The template engine: minijinja, sandboxed (no file or network access, no
//! auto-escaping, strict undefined variables, a recursion limit and fuel), so
//! a template is checked and rendered as a program, never by string
//! replacement. Case text enters only as data: a `{{ 7*7 }}` typed by a
//! patient is printed as typed, never evaluated.

use crate::msg;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};

use crate::{CoreError, Result};

/// The largest template body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Low enough that a debug build's 2 MB thread stack survives (an include
/// costs about 10, so roughly ten nested includes).
const RECURSION_LIMIT: usize = 120;
/// Instructions one render may execute (stops runaway loops).
const FUEL: u64 = 500_000;

/// The variables a template may use, with what they hold.
pub const VARIABLES: &[(&str, &str)] = &[
    (
        "asker",
        "the asker's name or alias, e.g. A Tian (may be empty)",
    ),
    ("sex", "female, male, other, unspecified, or empty"),
    ("age_range", "e.g. 30-39, or empty"),
    ("asked_on", "the date the question was asked, YYYY-MM-DD"),
    (
        "department",
        "the case's department, e.g. Neurology (may be empty)",
    ),
    ("question_title", "the question's title"),
    ("question_quote", "the first sentence of the question"),
    (
        "clinician",
        "your title and name from the profile, e.g. Dr. Jiang Junyi",
    ),
    ("affiliation", "your affiliation from the profile"),
    ("signature", "your signature lines from the profile"),
    ("closing", "your default closing from the profile"),
    ("today", "today's date, YYYY-MM-DD"),
    (
        "next_follow_up",
        "the next pending follow-up date, YYYY-MM-DD, or empty",
    ),
];

/// Functions and built-in globals a template may call.
const CALLABLE: &[&str] = &["pick", "range", "dict", "namespace", "debug"];

/// The values of [`VARIABLES`] for one render.
pub type Context = BTreeMap<&'static str, String>;

/// Template bodies by name, for `{% include "name" %}`.
pub type Library = HashMap<String, String>;

fn environment(library: Arc<Library>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_recursion_limit(RECURSION_LIMIT);
    env.set_fuel(Some(FUEL));
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.add_function("pick", pick);
    env.set_loader(move |name| Ok(library.get(name).cloned()));
    env
}

/// `pick("a", "b")` → `[[a|b]]`, a pick-list the clinician must resolve.
fn pick(options: minijinja::value::Rest<String>) -> std::result::Result<String, Error> {
    if options.len() < 2 {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "pick() needs at least two phrases to choose from",
        ));
    }
    if let Some(bad) = options
        .iter()
        .find(|o| o.is_empty() || o.contains(['|', '[', ']', '\n']))
    {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("pick() phrase {bad:?} must be non-empty, on one line, without | [ or ]"),
        ));
    }
    Ok(format!("[[{}]]", options.join("|")))
}

/// Renders `body` (named `name`) with `context`; includes come from `library`.
pub fn render(name: &str, body: &str, context: &Context, library: Arc<Library>) -> Result<String> {
    check_size(body)?;
    let env = environment(library.clone());
    env.render_named_str(name, body, context)
        .map_err(|e| template_error(&e, name, body, &library))
}

/// Checks a template before it is saved: it parses, uses only known
/// variables, includes only templates that exist and never itself, and
/// renders with sample values. The error names the line, column and culprit.
pub fn validate(name: &str, body: &str, library: &Library) -> Result<()> {
    check_size(body)?;
    let mut library = library.clone();
    library.insert(name.to_string(), body.to_string());
    let library = Arc::new(library);
    let env = environment(library.clone());
    let template = env
        .template_from_named_str(name, body)
        .map_err(|e| template_error(&e, name, body, &library))?;
    let known: HashSet<&str> = VARIABLES
        .iter()
        .map(|(n, _)| *n)
        .chain(CALLABLE.iter().copied())
        .collect();
    let mut unknown: Vec<String> = template
        .undeclared_variables(false)
        .into_iter()
        .filter(|v| !known.contains(v.as_str()))
        .collect();
    unknown.sort();
    if let Some(var) = unknown.first() {
        let (line, column) = first_use(body, var);
        return Err(body_error(msg!(
            "template.unknown_variable",
            line = line,
            column = column,
            name = var.as_str(),
            known = VARIABLES
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    check_includes(name, &library)?;
    let sample = sample_context();
    env.render_named_str(name, body, &sample)
        .map_err(|e| template_error(&e, name, body, &library))?;
    Ok(())
}

/// Values for a trial render (every variable set).
pub fn sample_context() -> Context {
    VARIABLES
        .iter()
        .map(|(n, _)| {
            let v = match *n {
                "sex" => "female",
                "age_range" => "30-39",
                "asked_on" | "today" | "next_follow_up" => "2026-01-01",
                _ => "sample",
            };
            (*n, v.to_string())
        })
        .collect()
}

fn check_size(body: &str) -> Result<()> {
    if body.len() > MAX_BODY_BYTES {
        return Err(body_error(msg!(
            "template.too_big",
            size_kb = body.len().div_ceil(1024),
            limit_kb = MAX_BODY_BYTES / 1024
        )));
    }
    Ok(())
}

/// Template text from a file: refused (not guessed at) unless it is UTF-8.
pub fn body_from_bytes(bytes: &[u8]) -> Result<String> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        body_error(msg!(
            "template.not_utf8",
            byte = e.utf8_error().valid_up_to()
        ))
    })
}

/// The names `{% include "…" %}` statements in `body` refer to (string literals).
pub fn includes(body: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find("{%") {
        rest = &rest[at + 2..];
        let stmt = rest.trim_start_matches(['-', '+', ' ', '\t', '\n', '\r']);
        if let Some(after) = stmt.strip_prefix("include") {
            let after = after.trim_start();
            if let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                if let Some(end) = after[1..].find(quote) {
                    found.push(after[1..1 + end].to_string());
                }
            }
        }
    }
    found
}

/// Every template `name` reaches by includes exists, and none leads back.
fn check_includes(name: &str, library: &Library) -> Result<()> {
    fn walk(at: &str, path: &mut Vec<String>, library: &Library) -> Result<()> {
        let Some(body) = library.get(at) else {
            return Err(body_error(msg!(
                "template.include_missing",
                user = path.last().map(String::as_str).unwrap_or(at),
                name = at
            )));
        };
        if path.iter().any(|p| p == at) {
            path.push(at.to_string());
            return Err(body_error(msg!(
                "template.include_cycle",
                path = path.join(" → ")
            )));
        }
        path.push(at.to_string());
        for next in includes(body) {
            walk(&next, path, library)?;
        }
        path.pop();
        Ok(())
    }
    walk(name, &mut Vec::new(), library)
}

fn body_error(message: crate::Message) -> CoreError {
    CoreError::Invalid {
        field: Some("body".into()),
        message,
    }
}

/// A minijinja error as a message with the line, column and template name.
fn template_error(e: &Error, name: &str, body: &str, library: &Library) -> CoreError {
    // An error inside an include is wrapped; the innermost one says what happened.
    let mut e = e;
    while let Some(inner) = std::error::Error::source(e).and_then(|s| s.downcast_ref::<Error>()) {
        e = inner;
    }
    // minijinja's own words (English, technical) are passed on as the detail.
    let detail = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    let reason = if e.kind() == ErrorKind::UndefinedError && e.detail().is_none() {
        msg!("template.reason.undefined")
    } else if e.kind() == ErrorKind::TemplateNotFound {
        msg!("template.reason.include_missing", detail = detail)
    } else {
        msg!("template.reason.other", detail = detail)
    };
    let failed_in = e.name().unwrap_or(name);
    let source = if failed_in == name {
        Some(body)
    } else {
        library.get(failed_in).map(String::as_str)
    };
    let column = match (e.range(), source) {
        (Some(range), Some(src))
            if range.start <= src.len() && src.is_char_boundary(range.start) =>
        {
            let before = &src[..range.start];
            let line_start = before.rfind('\n').map_or(0, |p| p + 1);
            Some(before[line_start..].chars().count() + 1)
        }
        _ => None,
    };
    let place = match (e.line(), column) {
        (Some(line), Some(column)) => {
            msg!("template.place.line_column", line = line, column = column)
        }
        (Some(line), None) => msg!("template.place.line", line = line),
        _ => msg!("template.place.template"),
    };
    body_error(if failed_in != name {
        msg!(
            "template.error_in_include",
            place = place,
            include = failed_in,
            reason = reason
        )
    } else {
        msg!("template.error", place = place, reason = reason)
    })
}

/// Where `var` is first used inside a `{{ }}` or `{% %}` tag.
fn first_use(body: &str, var: &str) -> (usize, usize) {
    let mut search = 0;
    while let Some(found) = body[search..].find(var) {
        let at = search + found;
        let before_ok = body[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let after_ok = body[at + var.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let open = body[..at].rfind(['{']).unwrap_or(0);
        let close = body[..at].rfind(['}']);
        if before_ok && after_ok && close.is_none_or(|c| c < open) && body[..at].contains('{') {
            let before = &body[..at];
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |p| p + 1);
            return (line, before[line_start..].chars().count() + 1);
        }
        search = at + var.len();
    }
    (1, 1)
}

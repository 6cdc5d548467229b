//! Checks a JSON value against the TypeScript type the UI declares for it
//! (`ui/src/backend/bindings/*.ts`, written by ts-rs): every field the type
//! names is there with the right kind of value, and there is no other. The
//! bindings test keeps those files in step with the Rust types; this keeps
//! the JSON in step with the files (serde attributes and `#[ts(type = …)]`
//! overrides are where the two could part).
//!
//! Only the forms ts-rs writes for this app are understood: object types,
//! unions of string literals, `T | null`, `Array<T>`, `T[]`, index signatures, `number`,
//! `string`, `boolean` and other binding names. Anything else fails loudly.

use std::path::PathBuf;

use serde_json::Value;

/// Panics, naming the path inside `value`, unless `value` is a `type_name`.
pub fn assert_shape(value: &Value, type_name: &str) {
    if let Err(problem) = check(value, type_name, type_name) {
        panic!("not a {type_name}: {problem}\n{value:#}");
    }
}

/// Panics unless `value` is an array whose every item is a `type_name`.
pub fn assert_array_of(value: &Value, type_name: &str) {
    if let Err(problem) = check(value, &format!("Array<{type_name}>"), "[]") {
        panic!("not an Array<{type_name}>: {problem}\n{value:#}");
    }
}

fn check(value: &Value, ty: &str, at: &str) -> Result<(), String> {
    let ty = ty.trim();
    if let Some(alternatives) = split_top(ty, '|').filter(|parts| parts.len() > 1) {
        let mut problems = Vec::new();
        for alt in &alternatives {
            match check(value, alt, at) {
                Ok(()) => return Ok(()),
                Err(p) => problems.push(p),
            }
        }
        if alternatives.iter().all(|alt| alt.trim().starts_with('"')) {
            return Err(format!("{at}: {value} is none of {ty}"));
        }
        return Err(problems.join("; or "));
    }
    if let Some(item) = ty
        .strip_prefix("Array<")
        .and_then(|t| t.strip_suffix('>'))
        .or_else(|| ty.strip_suffix("[]"))
    {
        let items = value
            .as_array()
            .ok_or_else(|| format!("{at}: {value} is not an array"))?;
        for (i, v) in items.iter().enumerate() {
            check(v, item, &format!("{at}[{i}]"))?;
        }
        return Ok(());
    }
    // An index signature, `{ [name: string]: T }`: an object of Ts.
    if let Some(item) = ty
        .strip_prefix("{ [")
        .and_then(|t| t.split_once("]:"))
        .and_then(|(_, t)| t.trim().strip_suffix('}'))
    {
        let map = value
            .as_object()
            .ok_or_else(|| format!("{at}: {value} is not an object"))?;
        for (k, v) in map {
            check(v, item, &format!("{at}.{k}"))?;
        }
        return Ok(());
    }
    let ok = match ty {
        "number" => value.is_number(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        literal if literal.starts_with('"') => {
            value.as_str() == Some(literal.trim_matches('"')) && literal.len() >= 2
        }
        name if name.chars().all(|c| c.is_ascii_alphanumeric()) => {
            return check(value, &definition(name), at);
        }
        object if object.starts_with('{') => return check_object(value, object, at),
        other => return Err(format!("{at}: cannot read the type `{other}`")),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{at}: {value} is not {ty}"))
    }
}

fn check_object(value: &Value, ty: &str, at: &str) -> Result<(), String> {
    let map = value
        .as_object()
        .ok_or_else(|| format!("{at}: {value} is not an object"))?;
    let inner = ty
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .ok_or_else(|| format!("{at}: cannot read the type `{ty}`"))?;
    let mut expected = Vec::new();
    for field in split_top(inner, ',').unwrap_or_default() {
        let field = field.trim();
        if field.is_empty() {
            continue;
        }
        let (name, field_ty) = field
            .split_once(':')
            .ok_or_else(|| format!("{at}: cannot read the field `{field}`"))?;
        let name = name.trim().trim_matches('"');
        let v = map
            .get(name)
            .ok_or_else(|| format!("{at}: the field `{name}` is missing"))?;
        check(v, field_ty, &format!("{at}.{name}"))?;
        expected.push(name.to_string());
    }
    if let Some(extra) = map.keys().find(|k| !expected.contains(k)) {
        return Err(format!("{at}: the field `{extra}` is not in the type"));
    }
    Ok(())
}

/// The right-hand side of `export type NAME = …;` in the binding file.
fn definition(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../ui/src/backend/bindings")
        .join(format!("{name}.ts"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let code = strip_comments(&text);
    let head = format!("export type {name} =");
    let start = code
        .find(&head)
        .unwrap_or_else(|| panic!("{} declares no `{head}`", path.display()))
        + head.len();
    let end = code[start..]
        .rfind(';')
        .unwrap_or_else(|| panic!("{}: no `;` after `{head}`", path.display()));
    code[start..start + end].trim().to_string()
}

fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else if rest.starts_with("//") {
            rest = rest.split_once('\n').map_or("", |(_, r)| r);
        } else {
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Splits `text` at `sep` outside brackets and quotes; `None` when the
/// brackets do not balance.
fn split_top(text: &str, sep: char) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '{' | '<' | '(' | '[' if !quoted => depth += 1,
            '}' | '>' | ')' | ']' if !quoted => depth -= 1,
            c if c == sep && depth == 0 && !quoted => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
        if depth < 0 {
            return None;
        }
    }
    parts.push(&text[start..]);
    (depth == 0).then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_checker_accepts_the_binding_and_names_what_differs() {
        let template = json!({"id": 1, "name": "n", "department": null, "trigger": "t",
                              "body": "b", "updated_at": "2026-01-01T00:00:00Z"});
        assert_shape(&template, "Template");
        let mut extra = template.clone();
        extra["owner"] = json!("x");
        let mut missing = template.clone();
        missing.as_object_mut().unwrap().remove("trigger");
        let mut wrong = template.clone();
        wrong["id"] = json!("1");
        for (bad, says) in [
            (extra, "Template: the field `owner` is not in the type"),
            (missing, "Template: the field `trigger` is missing"),
            (wrong, "Template.id: \"1\" is not number"),
        ] {
            let problem = check(&bad, "Template", "Template").unwrap_err();
            assert!(problem.contains(says), "{problem}");
        }
        assert!(check(&json!("archived"), "CaseStatus", "s").is_err());
        assert!(check(
            &json!([{"kind": "pick", "line": 1, "column": 2, "start": 1, "end": 8,
                     "text": "[[a|b]]", "options": ["a", 3]}]),
            "Array<Blank>",
            "b"
        )
        .unwrap_err()
        .contains("b[0].options[1]"));
    }
}

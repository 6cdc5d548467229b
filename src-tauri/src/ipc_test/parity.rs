//! The UI and the app agree on the commands between them.
//!
//! The UI side is read from `ui/src/backend/index.ts`, the only module that
//! calls `invoke`: every `call("name", {…})` / `invoke("name")` site, with
//! generics or not, and the argument names of its object literal. The app's
//! side is the `generate_handler!` list in `lib.rs` (a macro that takes paths,
//! not a constant, so it is read as text). The two name sets must be equal.
//!
//! Then each name the UI sends with arguments goes through the mock runtime
//! with none: the command must be found and refuse for a missing argument the
//! UI does send, so it never runs. Names the UI sends without arguments are
//! not invoked here (some open a native dialog); the name check covers them,
//! and the per-module tests run the ones that only read.

use std::collections::BTreeSet;

use serde_json::json;

use super::{app, invoke};

const UI_BACKEND: &str = include_str!("../../../ui/src/backend/index.ts");
const APP_LIB: &str = include_str!("../lib.rs");

/// One place where the UI invokes a command.
#[derive(Debug, PartialEq)]
struct CallSite {
    name: String,
    /// The keys of its arguments object; empty when it passes none.
    keys: Vec<String>,
    line: usize,
}

#[test]
fn the_ui_calls_exactly_the_commands_the_app_registers() {
    let calls = ui_calls(UI_BACKEND);
    let registered = registered(APP_LIB);
    assert!(
        calls.len() >= 40 && registered.len() >= 40,
        "{calls:?}\n{registered:?}"
    );
    let problems = mismatches(&calls, &registered);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn each_name_the_ui_sends_reaches_a_command_that_reads_its_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    // What an unregistered name gets, so the probe below can tell.
    assert_eq!(
        invoke(&window, "no_such_command", json!({})),
        Err(json!("Command no_such_command not found"))
    );
    // Commands whose every argument may be null (`null` means "forget the
    // choice"): without arguments they run, so only their being found is
    // checked.
    const ALL_OPTIONAL: [&str; 2] = ["set_interface_language", "inbox_shown"];
    let mut probed = 0;
    for site in ui_calls(UI_BACKEND).iter().filter(|s| !s.keys.is_empty()) {
        if ALL_OPTIONAL.contains(&site.name.as_str()) {
            assert!(
                invoke(&window, &site.name, json!({})).is_ok(),
                "{}",
                site.name
            );
            continue;
        }
        let err = invoke(&window, &site.name, json!({}))
            .expect_err(&format!("{} ran without its arguments", site.name));
        let text = err.as_str().unwrap_or_default();
        let named = site.keys.iter().any(|key| {
            text.starts_with(&format!(
                "invalid args `{key}` for command `{}`: command {} missing required key {key}",
                site.name, site.name
            ))
        });
        assert!(
            named,
            "index.ts:{}: `{}` sends {:?}, the app answered {err}",
            site.line, site.name, site.keys
        );
        probed += 1;
    }
    assert!(probed >= 30, "{probed}");
}

#[test]
fn a_command_on_one_side_only_is_named() {
    let ui = ui_calls(
        r#"
        // invoke("in_a_comment") is not a call
        export function a(): Promise<X | null> { return call<X | null>("list_a", { id, limit: Math.min(n, 3) }); }
        export function b(): void { invoke("only_in_ui").catch(() => undefined); }
        async function call<T>(command: string, args?: Record<string, unknown>) { return invoke<T>(command, args); }
        const s = "call(\"in_a_string\")";
        "#,
    );
    assert_eq!(
        ui.iter()
            .map(|c| (c.name.as_str(), c.keys.clone()))
            .collect::<Vec<_>>(),
        vec![
            ("list_a", vec!["id".to_string(), "limit".to_string()]),
            ("only_in_ui", vec![])
        ]
    );
    let lib = "tauri::generate_handler![\n  commands::a::list_a,\n  commands::z::only_in_app,\n]";
    let registered = registered(lib);
    assert_eq!(registered, ["list_a", "only_in_app"]);
    let problems = mismatches(&ui, &registered);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("`only_in_ui`") && problems[0].contains("index.ts:4"));
    assert!(problems[1].contains("`only_in_app`"));
}

#[test]
#[should_panic(expected = "a string literal")]
fn a_command_name_the_test_cannot_read_fails_it() {
    ui_calls("const name = \"get_case\"; call<CaseDetail>(name, { id });");
}

/// What is on one side only, one line each.
fn mismatches(calls: &[CallSite], registered: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let called: BTreeSet<&str> = calls.iter().map(|c| c.name.as_str()).collect();
    let mut seen = BTreeSet::new();
    for site in calls {
        if !registered.contains(&site.name) && seen.insert(site.name.as_str()) {
            problems.push(format!(
                "index.ts:{}: the UI calls `{}`, which lib.rs does not register",
                site.line, site.name
            ));
        }
    }
    let mut once = BTreeSet::new();
    for name in registered {
        if !once.insert(name) {
            problems.push(format!("lib.rs registers `{name}` twice"));
        } else if !called.contains(name.as_str()) {
            problems.push(format!(
                "lib.rs registers `{name}`, which ui/src/backend/index.ts never calls"
            ));
        }
    }
    problems
}

/// The command names in `generate_handler![…]` (the last path segment, as
/// Tauri names a command).
fn registered(lib: &str) -> Vec<String> {
    let start = lib
        .find("generate_handler![")
        .expect("lib.rs has a generate_handler! list")
        + "generate_handler![".len();
    let end = start + lib[start..].find(']').expect("the list ends with ]");
    lib[start..end]
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            assert!(
                entry
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'),
                "cannot read `{entry}` in generate_handler! (plain paths only)"
            );
            entry.rsplit("::").next().unwrap_or(entry).to_string()
        })
        .collect()
}

/// Every `call(…)` / `invoke(…)` site (generic or not) in TypeScript source.
fn ui_calls(source: &str) -> Vec<CallSite> {
    let code = blank_comments_and_strings(source);
    let mut sites = Vec::new();
    for word in ["call", "invoke"] {
        let mut from = 0;
        while let Some(found) = code[from..].find(word) {
            let at = from + found;
            from = at + word.len();
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '$') {
                continue;
            }
            let mut rest = &code[from..];
            if rest.starts_with('<') {
                let Some(close) = closing(rest, '<', '>') else {
                    continue;
                };
                rest = &rest[close + 1..];
            }
            let Some(args) = rest.strip_prefix('(') else {
                continue;
            };
            let line = source[..at].matches('\n').count() + 1;
            let offset = code.len() - args.len();
            if let Some(site) = call_site(source, &code, offset, line) {
                sites.push(site);
            }
        }
    }
    sites.sort_by_key(|s| s.line);
    sites
}

/// Reads the arguments starting at byte `offset` (just after the `(`).
/// `None` for `call`'s own definition and body, which forward `command`.
fn call_site(source: &str, code: &str, offset: usize, line: usize) -> Option<CallSite> {
    let first = code[offset..].trim_start();
    let start = code.len() - first.len();
    if !first.starts_with('"') {
        let word: String = first
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        assert!(
            word == "command",
            "index.ts:{line}: name the command with a string literal, not `{word}`"
        );
        return None;
    }
    let len = first[1..].find('"').expect("strings are closed") + 2;
    let name = source[start + 1..start + len - 1].to_string();
    assert!(
        !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
        "index.ts:{line}: `{name}` is not a command name"
    );
    let after = first[len..].trim_start();
    let keys = match after.strip_prefix(',').map(str::trim_start) {
        None | Some("") => Vec::new(),
        Some(object) if object.starts_with(')') => Vec::new(),
        Some(object) => {
            assert!(
                object.starts_with('{'),
                "index.ts:{line}: pass `{name}` its arguments as an object literal"
            );
            let close = closing(object, '{', '}').expect("the object is closed");
            object_keys(&object[1..close], line)
        }
    };
    Some(CallSite { name, keys, line })
}

fn object_keys(inner: &str, line: usize) -> Vec<String> {
    let mut keys = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    let bytes = inner.as_bytes();
    for i in 0..=bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(b',');
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b',' if depth == 0 => {
                let part = inner[start..i].trim();
                start = i + 1;
                if part.is_empty() {
                    continue;
                }
                let key = part.split(':').next().unwrap_or_default().trim();
                assert!(
                    key.chars().all(|c| c.is_alphanumeric() || c == '_'),
                    "index.ts:{line}: cannot read the argument `{part}`"
                );
                keys.push(key.to_string());
            }
            _ => {}
        }
    }
    keys
}

/// The index of the bracket that closes the one `text` starts with.
fn closing(text: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        } else if c == '(' && open == '<' {
            return None; // a comparison, not a generic
        }
    }
    None
}

/// `source` with comments turned into spaces and the insides of string
/// literals into `_`, byte for byte, so positions stay the same and neither
/// can look like a call.
fn blank_comments_and_strings(source: &str) -> String {
    let bytes = source.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, from: usize, to: usize, fill: u8| {
        for b in &mut out[from..to] {
            if *b != b'\n' {
                *b = fill;
            }
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = source[i..].find('\n').map_or(bytes.len(), |n| i + n);
                blank(&mut out, i, end, b' ');
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = source[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + n + 4);
                blank(&mut out, i, end, b' ');
                i = end;
            }
            quote @ (b'"' | b'\'' | b'`') => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != quote {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let end = j.min(bytes.len());
                blank(&mut out, i + 1, end, b'_');
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    // Only ASCII bytes were replaced, and only whole characters' bytes
    // inside strings and comments, so this is still UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"))
}

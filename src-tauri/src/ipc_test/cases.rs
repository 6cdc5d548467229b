//! The case commands through IPC: what the form sends, what comes back, and
//! bad input (unknown enum values, impossible dates, wrong types) as errors
//! the UI can show — never a panic.

use super::{app, invoke};
use serde_json::{json, Value};

fn question(title: &str, asked_on: &str) -> Value {
    json!({"title": title, "body": "左眼皮一直跳\nShould I worry?", "asker": "林小姐",
           "sex": "female", "age_range": "20-29", "asked_on": asked_on,
           "department": "Neurology", "tags": ["左眼皮"], "source": "Web form"})
}

#[test]
fn a_question_recorded_through_ipc_reads_back_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let created = invoke(
        &window,
        "create_case",
        json!({"question": question("眼皮跳", "2024-05-01")}),
    )
    .unwrap();
    assert_eq!(created["status"], "new");
    assert_eq!(created["question"]["body"], "左眼皮一直跳\nShould I worry?");
    let id = created["id"].clone();
    let read = invoke(&window, "get_case", json!({"id": id})).unwrap();
    assert_eq!(read, created);
    let filter = json!({"status": "new", "department": "Neurology", "tag": "左眼皮"});
    let page = invoke(
        &window,
        "list_cases",
        json!({"filter": filter, "offset": 0, "limit": 50}),
    )
    .unwrap();
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["title"], "眼皮跳");
}

#[test]
fn invalid_input_is_an_error_with_a_code_and_a_field() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let err = invoke(
        &window,
        "create_case",
        json!({"question": question("x", "2026-02-30")}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid");
    assert_eq!(err["field"], "asked_on");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("not a real calendar date"),
        "{err}"
    );

    let err = invoke(&window, "get_case", json!({"id": 999_999})).unwrap_err();
    assert_eq!(err["code"], "not_found");
}

#[test]
fn unknown_enum_values_and_wrong_types_are_refused_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let filter = json!({"status": "archived", "department": null, "tag": null});
    let err = invoke(
        &window,
        "list_cases",
        json!({"filter": filter, "offset": 0, "limit": 50}),
    )
    .unwrap_err();
    assert!(err.to_string().contains("archived"), "{err}");
    let mut q = question("t", "2024-05-01");
    q["sex"] = json!("robot");
    assert!(invoke(&window, "create_case", json!({"question": q})).is_err());
    assert!(invoke(&window, "get_case", json!({"id": "one"})).is_err());
    // The app still answers after all that.
    let counts = invoke(
        &window,
        "status_counts",
        json!({"filter": {"status": null, "department": null, "tag": null}}),
    )
    .unwrap();
    assert!(counts["all"].as_u64().unwrap() >= 6);
}

//! The case commands through IPC: what the form sends, what comes back, and
//! bad input (unknown enum values, impossible dates, wrong types) as errors
//! the UI can show — never a panic.

use super::shape::{assert_array_of, assert_shape};
use super::{app, assert_bad_args, assert_refused, invoke, new_case};
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
    assert_shape(&created, "CaseDetail");
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
    assert_shape(&page, "CasePage");
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

#[test]
fn an_edited_question_reads_back_and_a_replied_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let id = new_case(&window, "頭痛", "2024-05-01");
    let mut q = question("頭痛三天", "2024-05-02");
    q["tags"] = json!(["頭痛", "失眠"]);
    let edited = invoke(&window, "update_case", json!({"id": id, "question": q})).unwrap();
    assert_shape(&edited, "CaseDetail");
    assert_eq!(edited["id"], id);
    assert_eq!(edited["question"]["title"], "頭痛三天");
    assert_eq!(edited["question"]["asked_on"], "2024-05-02");
    assert_eq!(edited["question"]["tags"], json!(["頭痛", "失眠"]));
    assert_eq!(
        invoke(&window, "get_case", json!({"id": id})).unwrap(),
        edited
    );

    q["title"] = json!("   ");
    assert_refused(
        invoke(&window, "update_case", json!({"id": id, "question": q})),
        "invalid",
        Some("title"),
    );
    let good = question("t", "2024-05-01");
    assert_refused(
        invoke(
            &window,
            "update_case",
            json!({"id": 999_999, "question": good}),
        ),
        "not_found",
        None,
    );
    assert_bad_args(
        invoke(
            &window,
            "update_case",
            json!({"caseId": id, "question": good}),
        ),
        "update_case",
        "id",
    );
    invoke(
        &window,
        "save_draft",
        json!({"caseId": id, "body": "Dear 陳先生"}),
    )
    .unwrap();
    assert_refused(
        invoke(&window, "update_case", json!({"id": id, "question": good})),
        "conflict",
        None,
    );
}

#[test]
fn a_case_without_a_reply_can_be_deleted_one_with_a_reply_stays() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let gone = new_case(&window, "Delete me", "2024-05-01");
    assert_eq!(
        invoke(&window, "delete_case", json!({"id": gone})),
        Ok(Value::Null)
    );
    assert_refused(
        invoke(&window, "get_case", json!({"id": gone})),
        "not_found",
        None,
    );
    assert_refused(
        invoke(&window, "delete_case", json!({"id": gone})),
        "not_found",
        None,
    );
    let kept = new_case(&window, "Keep me", "2024-05-01");
    invoke(
        &window,
        "save_draft",
        json!({"caseId": kept, "body": "Dear 陳先生"}),
    )
    .unwrap();
    assert_refused(
        invoke(&window, "delete_case", json!({"id": kept})),
        "conflict",
        None,
    );
    assert!(invoke(&window, "get_case", json!({"id": kept})).is_ok());
    assert_bad_args(
        invoke(&window, "delete_case", json!({"id": "all"})),
        "delete_case",
        "id",
    );
}

#[test]
fn departments_and_tags_list_what_the_cases_use() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let mut q = question("Rash", "2024-05-01");
    q["department"] = json!("Dermatology");
    q["tags"] = json!(["皮疹"]);
    invoke(&window, "create_case", json!({"question": q})).unwrap();
    let departments = invoke(&window, "list_departments", json!({})).unwrap();
    assert_array_of(&departments, "string");
    let departments = departments.as_array().unwrap();
    assert!(
        departments.contains(&json!("Dermatology")),
        "{departments:?}"
    );
    assert!(
        departments
            .windows(2)
            .all(|w| w[0].as_str() < w[1].as_str()),
        "each once, in order: {departments:?}"
    );
    let tags = invoke(&window, "list_tags", json!({})).unwrap();
    assert_array_of(&tags, "string");
    assert!(tags.as_array().unwrap().contains(&json!("皮疹")), "{tags}");
    // (Both take no arguments; an unopened case book is their refusal, in app.rs.)
}

#[test]
fn status_counts_refuses_a_filter_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let all = json!({"status": null, "department": null, "tag": null});
    let counts = invoke(&window, "status_counts", json!({"filter": all})).unwrap();
    assert_shape(&counts, "StatusCounts");
    let sum: u64 = ["new", "drafting", "answered", "closed"]
        .iter()
        .map(|k| counts[k].as_u64().unwrap())
        .sum();
    assert_eq!(counts["all"].as_u64(), Some(sum));
    assert_bad_args(
        invoke(
            &window,
            "status_counts",
            json!({"filter": {"status": "archived"}}),
        ),
        "status_counts",
        "filter",
    );
    assert_bad_args(
        invoke(&window, "status_counts", json!({})),
        "status_counts",
        "filter",
    );
}

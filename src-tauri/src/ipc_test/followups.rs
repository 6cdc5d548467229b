//! (A unit test, not an integration test: an integration test makes `cargo
//! test` rebuild target/debug/casebook without the embedded UI, which the
//! end-to-end tests run.)
//!
//! The follow-up commands through Tauri's IPC (mock runtime, no display):
//! argument names as the UI sends them, errors as `{code, message, field}`,
//! and the `.ics` export written where the Save dialog pointed.

use super::{app, invoke};
use serde_json::json;

#[test]
fn follow_ups_round_trip_through_ipc_and_export_to_ics() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let case = invoke(
        &window,
        "create_case",
        json!({"question": {"title": "Twitch", "body": "b", "asker": "A Tian", "sex": null,
            "age_range": null, "asked_on": "2026-01-02", "department": null, "tags": [], "source": null}}),
    )
    .unwrap();
    let case_id = case["id"].as_i64().unwrap();

    let input = |due_on: &str, confirm: bool| json!({"due_on": due_on, "due_time": null, "reason": "check", "confirm_before_asked": confirm});
    let err = invoke(
        &window,
        "add_follow_up",
        json!({"caseId": case_id, "input": input("2026-02-30", false)}),
    )
    .unwrap_err();
    assert_eq!(
        (err["code"].as_str(), err["field"].as_str()),
        (Some("invalid"), Some("due_on"))
    );
    assert!(err["message"]
        .as_str()
        .unwrap()
        .contains("not a real calendar date"));
    let err = invoke(
        &window,
        "add_follow_up",
        json!({"caseId": case_id, "input": input("2026-01-01", false)}),
    )
    .unwrap_err();
    assert!(err["message"]
        .as_str()
        .unwrap()
        .contains("before the question was asked"));

    let added = invoke(
        &window,
        "add_follow_up",
        json!({"caseId": case_id, "input": input("2026-01-01", true)}),
    )
    .unwrap();
    let second = invoke(
        &window,
        "add_follow_up",
        json!({"caseId": case_id, "input": input("2099-12-31", false)}),
    )
    .unwrap();
    invoke(
        &window,
        "set_follow_up_state",
        json!({"id": second["id"], "newState": "cancelled"}),
    )
    .unwrap();
    let counts = invoke(&window, "due_counts", json!({})).unwrap();
    assert_eq!(counts["overdue"], 1);

    // The command opens the Save dialog itself; the debug build's test hook
    // stands in for it (no other test of this binary uses the hook).
    let file = dir.path().join("calendar.ics");
    std::env::set_var("CASEBOOK_E2E_SAVE_PATH", &file);
    let saved = invoke(
        &window,
        "export_follow_ups_ics",
        json!({"export": {"case_id": case_id, "include_names": false}}),
    );
    std::env::remove_var("CASEBOOK_E2E_SAVE_PATH");
    assert_eq!(
        saved.unwrap(),
        json!({"path": file.to_str().unwrap(), "events": 1})
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
    assert!(text.contains("DTSTART;VALUE=DATE:20260101\r\n"), "{text}");
    assert!(text.contains(&format!("UID:casebook-follow-up-{}-", added["id"])));
    assert!(!text.contains("A Tian"));

    // A deleted case takes its follow-ups with it.
    invoke(&window, "delete_case", json!({"id": case_id})).unwrap();
    let err = invoke(&window, "list_follow_ups", json!({"caseId": case_id})).unwrap_err();
    assert_eq!(err["code"], "not_found");
    assert_eq!(
        invoke(&window, "due_counts", json!({})).unwrap()["overdue"],
        0
    );
}

//! (A unit test, not an integration test: an integration test makes `cargo
//! test` rebuild target/debug/casebook without the embedded UI, which the
//! end-to-end tests run.)
//!
//! The follow-up commands through Tauri's IPC (mock runtime, no display):
//! argument names as the UI sends them, errors as `{code, message, field}`,
//! and the `.ics` export written where the Save dialog pointed.

use super::shape::{assert_array_of, assert_shape};
use super::{app, assert_bad_args, assert_refused, invoke, new_case};
use serde_json::{json, Value};

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

fn input(due_on: &str, due_time: Option<&str>) -> Value {
    json!({"due_on": due_on, "due_time": due_time, "reason": "血壓追蹤", "confirm_before_asked": false})
}

#[test]
fn a_case_lists_its_follow_ups_and_an_edit_keeps_the_old_date() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let case_id = new_case(&window, "BP", "2026-01-02");
    assert_eq!(
        invoke(&window, "list_follow_ups", json!({"caseId": case_id})),
        Ok(json!([]))
    );
    let later = invoke(
        &window,
        "add_follow_up",
        json!({"caseId": case_id, "input": input("2099-03-01", None)}),
    )
    .unwrap();
    assert_shape(&later, "FollowUp");
    let sooner = invoke(
        &window,
        "add_follow_up",
        json!({"caseId": case_id, "input": input("2099-02-01", Some("09:30"))}),
    )
    .unwrap();
    let list = invoke(&window, "list_follow_ups", json!({"caseId": case_id})).unwrap();
    assert_array_of(&list, "FollowUp");
    let ids: Vec<&Value> = list.as_array().unwrap().iter().map(|f| &f["id"]).collect();
    assert_eq!(ids, [&sooner["id"], &later["id"]], "soonest first");
    assert_bad_args(
        invoke(&window, "list_follow_ups", json!({"case_id": case_id})),
        "list_follow_ups",
        "caseId",
    );

    let moved = invoke(
        &window,
        "update_follow_up",
        json!({"id": later["id"], "input": input("2099-04-01", Some("14:00"))}),
    )
    .unwrap();
    assert_shape(&moved, "FollowUp");
    assert_eq!(
        (&moved["due_on"], &moved["due_time"]),
        (&json!("2099-04-01"), &json!("14:00"))
    );
    assert_eq!(moved["history"][0]["from_on"], "2099-03-01");
    assert_eq!(moved["history"][0]["to_on"], "2099-04-01");

    assert_refused(
        invoke(
            &window,
            "update_follow_up",
            json!({"id": later["id"], "input": input("2099-04-01", Some("25:00"))}),
        ),
        "invalid",
        Some("due_time"),
    );
    assert_refused(
        invoke(
            &window,
            "update_follow_up",
            json!({"id": 999_999, "input": input("2099-04-01", None)}),
        ),
        "not_found",
        None,
    );
    invoke(
        &window,
        "set_follow_up_state",
        json!({"id": later["id"], "newState": "done"}),
    )
    .unwrap();
    assert_refused(
        invoke(
            &window,
            "update_follow_up",
            json!({"id": later["id"], "input": input("2099-05-01", None)}),
        ),
        "conflict",
        None,
    );
}

#[test]
fn a_follow_up_state_is_one_of_three_and_the_id_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let case_id = new_case(&window, "BP", "2026-01-02");
    let f = invoke(
        &window,
        "add_follow_up",
        json!({"caseId": case_id, "input": input("2099-03-01", None)}),
    )
    .unwrap();
    let done = invoke(
        &window,
        "set_follow_up_state",
        json!({"id": f["id"], "newState": "done"}),
    )
    .unwrap();
    assert_shape(&done, "FollowUp");
    assert_eq!(done["state"], "done");
    let reopened = invoke(
        &window,
        "set_follow_up_state",
        json!({"id": f["id"], "newState": "pending"}),
    )
    .unwrap();
    assert_eq!(reopened["state"], "pending");
    assert_bad_args(
        invoke(
            &window,
            "set_follow_up_state",
            json!({"id": f["id"], "newState": "snoozed"}),
        ),
        "set_follow_up_state",
        "newState",
    );
    assert_bad_args(
        invoke(
            &window,
            "set_follow_up_state",
            json!({"id": f["id"], "new_state": "done"}),
        ),
        "set_follow_up_state",
        "newState",
    );
    assert_refused(
        invoke(
            &window,
            "set_follow_up_state",
            json!({"id": 999_999, "newState": "done"}),
        ),
        "not_found",
        None,
    );
}

#[test]
fn the_due_list_has_all_five_buckets_and_the_counts_match_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let case_id = new_case(&window, "BP", "2026-01-02");
    let overdue = json!({"due_on": "2026-01-03", "due_time": null, "reason": "r", "confirm_before_asked": false});
    invoke(
        &window,
        "add_follow_up",
        json!({"caseId": case_id, "input": overdue}),
    )
    .unwrap();
    let list = invoke(&window, "due_list", json!({})).unwrap();
    assert_shape(&list, "DueList");
    let buckets: Vec<&str> = list["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["bucket"].as_str().unwrap())
        .collect();
    assert_eq!(buckets, ["overdue", "today", "this_week", "later", "done"]);
    let counts = invoke(&window, "due_counts", json!({})).unwrap();
    assert_shape(&counts, "DueCounts");
    assert_eq!(counts["overdue"], list["groups"][0]["total"]);
    assert_eq!(counts["today"], list["groups"][1]["total"]);
    let item = &list["groups"][0]["items"].as_array().unwrap();
    assert!(item
        .iter()
        .any(|i| i["case_id"] == case_id && i["case_title"] == "BP"));
    // (Neither takes arguments; an unopened case book is their refusal, in app.rs.)
}

#[test]
fn reminder_settings_read_back_as_set_and_refuse_a_wrong_type() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let initial = invoke(&window, "reminder_settings", json!({})).unwrap();
    assert_shape(&initial, "ReminderSettings");
    assert_eq!(initial["notifications"], true, "on by default");
    let off = json!({"notifications": false});
    assert_eq!(
        invoke(&window, "set_reminder_settings", json!({"settings": off})),
        Ok(off.clone())
    );
    assert_eq!(
        invoke(&window, "reminder_settings", json!({})),
        Ok(off.clone())
    );
    assert_bad_args(
        invoke(
            &window,
            "set_reminder_settings",
            json!({"settings": {"notifications": "off"}}),
        ),
        "set_reminder_settings",
        "settings",
    );
    assert_bad_args(
        invoke(
            &window,
            "set_reminder_settings",
            json!({"notifications": true}),
        ),
        "set_reminder_settings",
        "settings",
    );
    assert_eq!(invoke(&window, "reminder_settings", json!({})), Ok(off));
}

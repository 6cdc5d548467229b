//! The reply editor's commands through IPC: a draft saved, its revisions
//! restored, the reply marked answered and then locked (edits are a
//! `conflict`, addenda are the way to add to it), and the audit trail that
//! records each step.

use super::shape::{assert_array_of, assert_shape};
use super::{app, assert_bad_args, assert_refused, invoke, new_case};
use serde_json::{json, Value};
use tauri::test::MockRuntime;
use tauri::WebviewWindow;

fn sign_as_dr_jiang(window: &WebviewWindow<MockRuntime>) {
    let profile = json!({"name": "Jiang Junyi", "title": "Dr.", "affiliation": "Taoyuan Medical Center",
                         "signature": "Dr. Jiang Junyi\nNeurology", "closing": "Wishing you good health."});
    invoke(window, "set_profile", json!({ "profile": profile })).unwrap();
}

#[test]
fn a_new_case_has_an_empty_reply_and_an_unknown_one_none() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let case_id = new_case(&window, "Headache", "2024-05-01");
    let reply = invoke(&window, "get_reply", json!({"caseId": case_id})).unwrap();
    assert_shape(&reply, "ReplyView");
    assert_eq!(reply["case_id"], case_id);
    assert_eq!(
        (&reply["status"], &reply["body"]),
        (&json!("new"), &json!(""))
    );
    assert!(reply["locked_at"].is_null() && reply["updated_at"].is_null());
    assert_refused(
        invoke(&window, "get_reply", json!({"caseId": 999_999})),
        "not_found",
        None,
    );
    assert_bad_args(
        invoke(&window, "get_reply", json!({"case_id": case_id})),
        "get_reply",
        "caseId",
    );
}

#[test]
fn a_saved_draft_reports_its_blanks_and_moves_the_case_to_drafting() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let case_id = new_case(&window, "Headache", "2024-05-01");
    let body = "陳先生您好：\n請 *** 後回診。\n[[多喝水|少喝咖啡]]";
    let saved = invoke(
        &window,
        "save_draft",
        json!({"caseId": case_id, "body": body}),
    )
    .unwrap();
    assert_shape(&saved, "SavedDraft");
    assert_eq!(saved["status"], "drafting");
    let kinds: Vec<&Value> = saved["blanks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| &b["kind"])
        .collect();
    assert_eq!(kinds, [&json!("blank"), &json!("pick")]);
    assert_eq!(saved["blanks"][1]["options"], json!(["多喝水", "少喝咖啡"]));
    let reply = invoke(&window, "get_reply", json!({"caseId": case_id})).unwrap();
    assert_eq!(
        (&reply["body"], &reply["updated_at"]),
        (&json!(body), &saved["updated_at"])
    );

    assert_refused(
        invoke(
            &window,
            "save_draft",
            json!({"caseId": case_id, "body": "x".repeat(100_001)}),
        ),
        "invalid",
        Some("body"),
    );
    assert_refused(
        invoke(
            &window,
            "save_draft",
            json!({"caseId": 999_999, "body": "x"}),
        ),
        "not_found",
        None,
    );
    assert_bad_args(
        invoke(
            &window,
            "save_draft",
            json!({"caseId": case_id, "text": "x"}),
        ),
        "save_draft",
        "body",
    );
}

#[test]
fn an_earlier_revision_comes_back_as_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let case_id = new_case(&window, "Headache", "2024-05-01");
    invoke(
        &window,
        "save_draft",
        json!({"caseId": case_id, "body": "first"}),
    )
    .unwrap();
    let revisions = invoke(&window, "list_revisions", json!({"caseId": case_id})).unwrap();
    assert_array_of(&revisions, "Revision");
    assert_eq!(revisions[0]["body"], "first");
    assert_eq!(revisions[0]["reason"], "edit");
    let first = revisions[0]["id"].clone();

    let restored = invoke(
        &window,
        "restore_revision",
        json!({"caseId": case_id, "revisionId": first}),
    )
    .unwrap();
    assert_shape(&restored, "SavedDraft");
    // Edits within a minute share a revision; a restore starts a new one.
    invoke(
        &window,
        "save_draft",
        json!({"caseId": case_id, "body": "second"}),
    )
    .unwrap();
    let revisions = invoke(&window, "list_revisions", json!({"caseId": case_id})).unwrap();
    let reasons: Vec<&Value> = revisions
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["reason"])
        .collect();
    assert_eq!(reasons, [&json!("edit"), &json!("restore"), &json!("edit")]);
    assert_eq!(revisions[1]["body"], "first");
    invoke(
        &window,
        "restore_revision",
        json!({"caseId": case_id, "revisionId": revisions[1]["id"]}),
    )
    .unwrap();
    let reply = invoke(&window, "get_reply", json!({"caseId": case_id})).unwrap();
    assert_eq!(reply["body"], "first");

    assert_refused(
        invoke(
            &window,
            "restore_revision",
            json!({"caseId": case_id, "revisionId": 999_999}),
        ),
        "not_found",
        None,
    );
    let other = new_case(&window, "Other", "2024-05-01");
    assert_refused(
        invoke(
            &window,
            "restore_revision",
            json!({"caseId": other, "revisionId": first}),
        ),
        "not_found",
        None,
    );
    assert_bad_args(
        invoke(
            &window,
            "restore_revision",
            json!({"caseId": case_id, "revision_id": first}),
        ),
        "restore_revision",
        "revisionId",
    );
    assert_refused(
        invoke(&window, "list_revisions", json!({"caseId": 999_999})),
        "not_found",
        None,
    );
}

#[test]
fn an_answered_reply_is_signed_locked_and_takes_addenda_only() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let case_id = new_case(&window, "Headache", "2024-05-01");
    assert_refused(
        invoke(&window, "mark_answered", json!({"caseId": case_id})),
        "invalid",
        Some("body"),
    );
    invoke(
        &window,
        "save_draft",
        json!({"caseId": case_id, "body": "請 *** 後回診。"}),
    )
    .unwrap();
    assert_refused(
        invoke(&window, "mark_answered", json!({"caseId": case_id})),
        "invalid",
        Some("body"),
    );
    invoke(
        &window,
        "save_draft",
        json!({"caseId": case_id, "body": "請一週後回診。"}),
    )
    .unwrap();
    assert_refused(
        invoke(&window, "mark_answered", json!({"caseId": case_id})),
        "invalid",
        Some("clinician"),
    );
    assert_refused(
        invoke(
            &window,
            "add_addendum",
            json!({"caseId": case_id, "body": "Also: rest."}),
        ),
        "conflict",
        None,
    );
    sign_as_dr_jiang(&window);

    let answered = invoke(&window, "mark_answered", json!({"caseId": case_id})).unwrap();
    assert_shape(&answered, "ReplyView");
    assert_eq!(answered["status"], "answered");
    assert_eq!(answered["clinician"], "Dr. Jiang Junyi");
    assert_eq!(answered["affiliation"], "Taoyuan Medical Center");
    assert!(answered["locked_at"].is_string() && answered["replied_on"].is_string());

    let revisions = invoke(&window, "list_revisions", json!({"caseId": case_id})).unwrap();
    let earlier = revisions.as_array().unwrap().last().unwrap()["id"].clone();
    for (cmd, args) in [
        ("mark_answered", json!({"caseId": case_id})),
        ("save_draft", json!({"caseId": case_id, "body": "changed"})),
        (
            "restore_revision",
            json!({"caseId": case_id, "revisionId": earlier}),
        ),
    ] {
        assert_refused(invoke(&window, cmd, args), "conflict", None);
    }
    assert_eq!(
        invoke(&window, "get_reply", json!({"caseId": case_id})).unwrap()["body"],
        "請一週後回診。"
    );

    let addendum = invoke(
        &window,
        "add_addendum",
        json!({"caseId": case_id, "body": "  若頭痛加劇請立即就醫。  "}),
    )
    .unwrap();
    assert_shape(&addendum, "Addendum");
    assert_eq!(addendum["body"], "若頭痛加劇請立即就醫。");
    assert_eq!(addendum["clinician"], "Dr. Jiang Junyi");
    assert_refused(
        invoke(
            &window,
            "add_addendum",
            json!({"caseId": case_id, "body": " \n "}),
        ),
        "invalid",
        Some("addendum"),
    );
    assert_refused(
        invoke(
            &window,
            "add_addendum",
            json!({"caseId": 999_999, "body": "x"}),
        ),
        "not_found",
        None,
    );
    assert_refused(
        invoke(&window, "mark_answered", json!({"caseId": 999_999})),
        "not_found",
        None,
    );
    let reply = invoke(&window, "get_reply", json!({"caseId": case_id})).unwrap();
    assert_eq!(reply["addenda"], json!([addendum]));
}

#[test]
fn the_audit_trail_records_each_step_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    sign_as_dr_jiang(&window);
    let case_id = new_case(&window, "Headache", "2024-05-01");
    invoke(
        &window,
        "save_draft",
        json!({"caseId": case_id, "body": "請一週後回診。"}),
    )
    .unwrap();
    invoke(&window, "mark_answered", json!({"caseId": case_id})).unwrap();
    invoke(
        &window,
        "add_addendum",
        json!({"caseId": case_id, "body": "Rest."}),
    )
    .unwrap();
    let trail = invoke(&window, "audit_trail", json!({"caseId": case_id})).unwrap();
    assert_array_of(&trail, "AuditEvent");
    let kinds: Vec<&str> = trail
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["created", "draft_saved", "answered", "addendum"]);
    assert_eq!(trail[2]["actor"], "Dr. Jiang Junyi");

    assert_refused(
        invoke(&window, "audit_trail", json!({"caseId": 999_999})),
        "not_found",
        None,
    );
    assert_bad_args(
        invoke(&window, "audit_trail", json!({"caseId": "first"})),
        "audit_trail",
        "caseId",
    );
}

//! The export and import commands through IPC: selections the UI builds,
//! jobs with their own cancel token, the import preview and apply, and the
//! message keys errors carry.

use super::{app, invoke};
use serde_json::{json, Value};

/// A channel argument as the UI's `new Channel()` sends it.
fn channel() -> Value {
    json!("__CHANNEL__:7")
}

fn answered_ids(window: &tauri::WebviewWindow<tauri::test::MockRuntime>) -> Vec<i64> {
    let filter = json!({"status": "answered", "department": null, "tag": null});
    let page = invoke(
        window,
        "list_cases",
        json!({"filter": filter, "offset": 0, "limit": 50}),
    )
    .unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn a_folder_export_is_planned_then_written_and_its_job_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let ids = answered_ids(&window);
    assert!(!ids.is_empty(), "the demo cases include answered ones");
    let out = dir.path().join("pdfs");
    let selection = json!({"ids": ids, "since": null, "until": null, "department": null});
    let plan = invoke(
        &window,
        "plan_pdf_folder",
        json!({"selection": selection, "folder": out.display().to_string()}),
    )
    .unwrap();
    assert_eq!(plan.as_array().unwrap().len(), ids.len());
    assert_eq!(plan[0]["exists"], false);
    let outcome = invoke(
        &window,
        "export_pdf_folder",
        json!({"selection": selection, "folder": out.display().to_string(),
               "overwrite": false, "job": "job-1", "onProgress": channel()}),
    )
    .unwrap();
    assert_eq!(outcome["cancelled"], false);
    assert_eq!(outcome["written"].as_array().unwrap().len(), ids.len());
    assert!(std::fs::read_dir(&out).unwrap().count() >= ids.len());
    // The job is over, so there is nothing left to cancel.
    assert_eq!(
        invoke(&window, "cancel_job", json!({"job": "job-1"})).unwrap(),
        false
    );

    // A second run without "replace" refuses, naming the clash as a key.
    let err = invoke(
        &window,
        "export_pdf_folder",
        json!({"selection": selection, "folder": out.display().to_string(),
               "overwrite": false, "job": "job-2", "onProgress": channel()}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "conflict");
    assert_eq!(err["text"]["key"], "export.file_exists_in_folder");
    assert!(err["message"].as_str().unwrap().contains("already exists"));
}

#[test]
fn a_selection_with_a_bad_date_or_no_match_is_refused_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let folder = dir.path().display().to_string();
    let bad = json!({"ids": null, "since": "2026-02-30", "until": null, "department": null});
    let err = invoke(
        &window,
        "plan_pdf_folder",
        json!({"selection": bad, "folder": folder}),
    )
    .unwrap_err();
    assert_eq!(
        (err["code"].as_str(), err["field"].as_str()),
        (Some("invalid"), Some("since"))
    );
    assert_eq!(err["text"]["key"], "field.date_unreal");
    let none = json!({"ids": null, "since": "2099-01-01", "until": null, "department": null});
    let err = invoke(
        &window,
        "plan_pdf_folder",
        json!({"selection": none, "folder": folder}),
    )
    .unwrap_err();
    assert_eq!(err["field"], "cases");
    assert_eq!(err["text"]["key"], "export.none_match");
}

#[test]
fn an_import_is_previewed_then_applied_and_bad_lines_carry_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let file = dir.path().join("in.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"external_id":"ipc:1","question":{"title":"頭痛","body":"每天下午頭痛","asked_on":"2024-03-01"}}"#,
            "\n",
            r#"{"question":{"title":"x","body":"y","asked_on":"2024-02-30"}}"#,
            "\n"
        ),
    )
    .unwrap();
    let path = file.display().to_string();
    let preview = invoke(&window, "preview_import", json!({"path": path})).unwrap();
    assert_eq!(preview["imported"], 1);
    assert_eq!(preview["invalid"][0]["line"], 2);
    assert_eq!(preview["invalid"][0]["field"], "asked_on");
    assert_eq!(preview["invalid"][0]["message"]["key"], "field.date_unreal");
    let report = invoke(
        &window,
        "apply_import",
        json!({"path": path, "job": "import-1", "onProgress": channel()}),
    )
    .unwrap();
    assert_eq!(
        (report["imported"].as_u64(), report["cancelled"].as_bool()),
        (Some(1), Some(false))
    );
    let again = invoke(&window, "preview_import", json!({"path": path})).unwrap();
    assert_eq!(
        (
            again["imported"].as_u64(),
            again["already_present"].as_u64()
        ),
        (Some(0), Some(1))
    );

    let err = invoke(
        &window,
        "preview_import",
        json!({"path": "/no/such/file.jsonl"}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "io");
    assert_eq!(err["text"]["key"], "file.cannot_read");
}

#[test]
fn pdf_settings_round_trip_and_an_unknown_paper_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let set = invoke(
        &window,
        "set_export_settings",
        json!({"settings": {"paper": "letter", "pdfa": true}}),
    )
    .unwrap();
    assert_eq!(set, json!({"paper": "letter", "pdfa": true}));
    assert_eq!(invoke(&window, "export_settings", json!({})).unwrap(), set);
    assert!(invoke(
        &window,
        "set_export_settings",
        json!({"settings": {"paper": "a3", "pdfa": false}}),
    )
    .is_err());
    invoke(&window, "remove_letterhead_logo", json!({})).unwrap();
}

#[test]
fn the_blanks_of_a_text_come_from_the_core_in_editor_positions() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let found = invoke(
        &window,
        "find_blanks",
        json!({"text": "眼皮 *** 或 [[休息|看診]]"}),
    )
    .unwrap();
    assert_eq!(found[0]["kind"], "blank");
    assert_eq!(
        (found[0]["start"].as_u64(), found[0]["end"].as_u64()),
        (Some(3), Some(6))
    );
    assert_eq!(found[1]["options"], json!(["休息", "看診"]));
    assert!(invoke(&window, "find_blanks", json!({"body": "x"})).is_err());
}

#[test]
fn cancelling_an_unknown_job_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    assert_eq!(
        invoke(&window, "cancel_job", json!({"job": "nope"})).unwrap(),
        false
    );
    assert!(invoke(&window, "cancel_job", json!({})).is_err());
}

//! The app-level commands through IPC, and what every command that reads the
//! case book answers when it could not be opened: `unavailable`, so the UI
//! can say why instead of showing an empty inbox.

use super::shape::assert_shape;
use super::{app, assert_refused, invoke, unavailable_app};
use serde_json::{json, Value};

#[test]
fn app_info_names_the_version_and_where_the_data_lives() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let info = invoke(&window, "app_info", json!({})).unwrap();
    assert_shape(&info, "AppInfo");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    let data_dir = dir.path().join("book");
    assert_eq!(info["data_dir"], data_dir.display().to_string());
    let database = std::path::PathBuf::from(info["database_path"].as_str().unwrap());
    assert!(
        database.starts_with(&data_dir) && database.is_file(),
        "{info}"
    );
}

#[test]
fn inbox_shown_answers_null_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let filter = json!({"filter": {"status": null, "department": null, "tag": null}});
    let before = invoke(&window, "status_counts", filter.clone()).unwrap();
    let marks = json!({"marks": {"page": 1.0, "script": 2.0, "data": 2.5, "rows": 3.0}});
    assert_eq!(invoke(&window, "inbox_shown", marks), Ok(Value::Null));
    // The marks are optional (a page may not have them)...
    assert_eq!(invoke(&window, "inbox_shown", json!({})), Ok(Value::Null));
    // ...but marks that are not times are refused.
    assert!(invoke(&window, "inbox_shown", json!({"marks": {"page": "soon"}})).is_err());
    assert_eq!(invoke(&window, "status_counts", filter).unwrap(), before);
}

#[test]
fn an_unopened_case_book_is_unavailable_to_every_command_that_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = unavailable_app(dir.path());
    let no_filter = json!({"status": null, "department": null, "tag": null});
    let calls = [
        ("app_info", json!({})),
        ("list_departments", json!({})),
        ("list_tags", json!({})),
        ("status_counts", json!({"filter": no_filter})),
        ("get_case", json!({"id": 1})),
        ("due_list", json!({})),
        ("due_counts", json!({})),
        ("reminder_settings", json!({})),
        ("get_profile", json!({})),
        ("get_reply", json!({"caseId": 1})),
        ("list_templates", json!({"query": "", "department": null})),
    ];
    for (cmd, args) in calls {
        assert_refused(invoke(&window, cmd, args), "unavailable", None);
    }
    // Commands that need no case book still answer.
    assert_eq!(invoke(&window, "inbox_shown", json!({})), Ok(Value::Null));
}

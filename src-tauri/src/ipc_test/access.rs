//! Setting up, unlocking and locking the case book through IPC, as the
//! set-up and lock screens do.

use super::shape::assert_shape;
use super::{app, app_waiting, assert_refused, invoke, new_case, PASSPHRASE};
use serde_json::{json, Value};

fn access(window: &tauri::WebviewWindow<tauri::test::MockRuntime>) -> Value {
    invoke(window, "app_info", json!({})).unwrap()["access"].clone()
}

#[test]
fn a_new_folder_waits_for_a_passphrase_then_opens_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app_waiting(dir.path());
    assert_eq!(access(&window), "new");
    let no_filter = json!({"filter": {"status": null, "department": null, "tag": null}});
    assert_refused(
        invoke(&window, "status_counts", no_filter.clone()),
        "locked",
        None,
    );
    assert_refused(
        invoke(&window, "protect", json!({"passphrase": "short"})),
        "invalid",
        Some("passphrase"),
    );
    assert_eq!(
        access(&window),
        "new",
        "a refused passphrase changes nothing"
    );

    let outcome = invoke(&window, "protect", json!({"passphrase": PASSPHRASE})).unwrap();
    assert_shape(&outcome, "ProtectOutcome");
    let code = outcome["recovery_code"].as_str().unwrap();
    assert_eq!(
        code.chars().filter(|c| c.is_ascii_alphanumeric()).count(),
        24,
        "{code}"
    );
    assert_eq!(outcome["was_plaintext"], false);
    assert_eq!(access(&window), "open");
    let counts = invoke(&window, "status_counts", no_filter).unwrap();
    assert!(
        counts["all"].as_i64().unwrap() >= 1,
        "the demo cases: {counts}"
    );
    assert_refused(
        invoke(&window, "protect", json!({"passphrase": PASSPHRASE})),
        "conflict",
        None,
    );
    let header = std::fs::read(dir.path().join("book/casebook.sqlite3")).unwrap();
    assert!(
        !header.starts_with(b"SQLite format 3"),
        "the file is encrypted"
    );
}

#[test]
fn a_locked_book_refuses_every_read_until_the_passphrase_or_code_unlocks_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app_waiting(dir.path());
    let code = invoke(&window, "protect", json!({"passphrase": PASSPHRASE})).unwrap()
        ["recovery_code"]
        .as_str()
        .unwrap()
        .to_string();
    let id = new_case(&window, "鎖定前的病例", "2026-11-20");

    assert_eq!(
        invoke(&window, "lock_now", json!({"reason": "inactivity"})),
        Ok(Value::Null)
    );
    assert_eq!(access(&window), "locked");
    for (cmd, args) in [
        ("get_case", json!({"id": id})),
        ("get_reply", json!({"caseId": id})),
        ("list_tags", json!({})),
        ("access_events", json!({})),
    ] {
        let err = assert_refused(invoke(&window, cmd, args), "locked", None);
        assert!(!err.to_string().contains("鎖定前"), "{err}");
    }
    assert!(invoke(&window, "lock_now", json!({"reason": "soon"})).is_err());

    assert_refused(
        invoke(&window, "unlock", json!({"secret": "not the passphrase"})),
        "invalid",
        Some("secret"),
    );
    assert_eq!(access(&window), "locked");
    let unlocked = invoke(&window, "unlock", json!({"secret": code})).unwrap();
    assert_shape(&unlocked, "UnlockOutcome");
    assert_eq!(unlocked["with_recovery_code"], true);
    assert_eq!(
        invoke(&window, "get_case", json!({"id": id})).unwrap()["question"]["title"],
        "鎖定前的病例"
    );

    let events = invoke(&window, "access_events", json!({})).unwrap();
    let trail: Vec<(String, String)> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_shape(e, "AccessEvent");
            (
                e["kind"].as_str().unwrap().to_string(),
                e["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let pair = |k: &str, d: &str| (k.to_string(), d.to_string());
    assert_eq!(
        trail,
        [
            pair("unlocked", "recovery_code"),
            pair("locked", "inactivity"),
            pair("protected", "new")
        ]
    );
}

#[test]
fn a_restart_without_the_key_store_entry_shows_the_lock_not_a_new_book() {
    let dir = tempfile::tempdir().unwrap();
    let (app, window) = app(dir.path());
    new_case(&window, "重新啟動", "2026-11-20");
    drop(window);
    drop(app);
    // A fresh memory key store: as on a machine whose keyring lost the entry.
    let (_app, window) = app_waiting(dir.path());
    assert_eq!(access(&window), "locked");
    invoke(&window, "unlock", json!({"secret": PASSPHRASE})).unwrap();
    let page = invoke(
        &window,
        "list_cases",
        json!({"filter": {"status": null, "department": null, "tag": null}, "offset": 0, "limit": 50}),
    )
    .unwrap();
    assert!(page.to_string().contains("重新啟動"), "{page}");
}

#[test]
fn the_passphrase_changes_only_with_the_current_one() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let new = "一個新的 passphrase";
    assert_refused(
        invoke(
            &window,
            "change_passphrase",
            json!({"current": "wrong one!", "new": new}),
        ),
        "invalid",
        Some("current"),
    );
    assert_refused(
        invoke(
            &window,
            "change_passphrase",
            json!({"current": PASSPHRASE, "new": "short"}),
        ),
        "invalid",
        Some("new"),
    );
    invoke(
        &window,
        "change_passphrase",
        json!({"current": PASSPHRASE, "new": new}),
    )
    .unwrap();
    invoke(&window, "lock_now", json!({"reason": "manual"})).unwrap();
    assert_refused(
        invoke(&window, "unlock", json!({"secret": PASSPHRASE})),
        "invalid",
        Some("secret"),
    );
    invoke(&window, "unlock", json!({"secret": new})).unwrap();
    assert_eq!(access(&window), "open");
}

#[test]
fn the_lock_time_is_ten_minutes_until_changed_and_refuses_nonsense() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let settings = invoke(&window, "lock_settings", json!({})).unwrap();
    assert_shape(&settings, "LockSettings");
    assert_eq!(settings, json!({"minutes": 10}));
    assert_refused(
        invoke(
            &window,
            "set_lock_settings",
            json!({"settings": {"minutes": 0}}),
        ),
        "invalid",
        Some("minutes"),
    );
    assert_eq!(
        invoke(
            &window,
            "set_lock_settings",
            json!({"settings": {"minutes": null}})
        )
        .unwrap(),
        json!({"minutes": null})
    );
    assert_eq!(
        invoke(&window, "lock_settings", json!({})).unwrap(),
        json!({"minutes": null})
    );
}

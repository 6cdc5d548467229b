//! Drives commands through Tauri's IPC with the mock runtime (no display),
//! exactly as the UI calls them: argument names, JSON shapes, and errors as
//! `{code, message, field}`. Unit tests of the library, not integration tests:
//! an integration test makes `cargo test` rebuild target/debug/casebook
//! without the embedded UI that the end-to-end tests run.

use crate::state::{Casebook, Protection};
use casebook_core::keys::{KdfParams, MemoryKeyStore};
use casebook_core::Now;
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};

/// The passphrase the tests' case books are set up with.
pub const PASSPHRASE: &str = "測試用 passphrase";

/// A memory key store, the cheap Argon2id cost, and (when given) a
/// passphrase that sets the book up without the set-up screen.
pub fn protection(passphrase: Option<&str>) -> Protection {
    Protection {
        key_store: std::sync::Arc::new(MemoryKeyStore::default()),
        kdf: KdfParams::FAST_FOR_TESTS,
        passphrase: passphrase.map(str::to_string),
    }
}

/// An app with every command, on a new (encrypted, open) case book in
/// `dir`, and its window.
pub fn app(dir: &std::path::Path) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    app_on(Casebook::open(
        dir.join("book"),
        protection(Some(PASSPHRASE)),
        Now::system(),
    ))
}

/// An app on `dir`'s case book as the desktop finds it: nothing opened yet.
pub fn app_waiting(dir: &std::path::Path) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    app_on(Casebook::open(
        dir.join("book"),
        protection(None),
        Now::system(),
    ))
}

/// An app whose case book could not be opened (its folder would lie under a
/// file in `dir`), as on a read-only or full disk.
pub fn unavailable_app(
    dir: &std::path::Path,
) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let blocker = dir.join("a-file");
    std::fs::write(&blocker, "not a folder").unwrap();
    app_on(Casebook::open(
        blocker.join("book"),
        protection(Some(PASSPHRASE)),
        Now::system(),
    ))
}

fn app_on(book: Casebook) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = crate::with_commands(mock_builder())
        .build(mock_context(noop_assets()))
        .unwrap();
    app.manage(book);
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    (app, window)
}

/// Invokes `cmd` with `args`; Ok is the result, Err the error value.
pub fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

/// Checks that `result` is a command's refusal with `code` and `field`, in
/// the UI's `CommandError` shape `{code, message, field}` with a message.
#[track_caller]
pub fn assert_refused(result: Result<Value, Value>, code: &str, field: Option<&str>) -> Value {
    let err = match result {
        Ok(value) => panic!("expected a `{code}` refusal, got {value}"),
        Err(err) => err,
    };
    shape::assert_shape(&err, "CommandError");
    assert_eq!(
        (err["code"].as_str(), err["field"].as_str()),
        (Some(code), field),
        "{err}"
    );
    assert!(!err["message"].as_str().unwrap().trim().is_empty(), "{err}");
    err
}

/// Checks that Tauri refused the arguments of `cmd` before running it (a
/// missing key or a value of the wrong type), naming the argument `key` as
/// the UI spells it.
#[track_caller]
pub fn assert_bad_args(result: Result<Value, Value>, cmd: &str, key: &str) {
    let err = match result {
        Ok(value) => panic!("expected `{cmd}` to refuse its `{key}` argument, got {value}"),
        Err(err) => err,
    };
    let text = err.as_str().unwrap_or_default();
    assert!(
        text.starts_with(&format!("invalid args `{key}` for command `{cmd}`")),
        "{err}"
    );
}

/// Records a question asked on `asked_on` and returns its case id.
pub fn new_case(window: &WebviewWindow<MockRuntime>, title: &str, asked_on: &str) -> i64 {
    let question = serde_json::json!({"title": title, "body": "頭痛三天\nIs it serious?",
        "asker": "陳先生", "sex": "male", "age_range": "40-49", "asked_on": asked_on,
        "department": "Neurology", "tags": ["頭痛"], "source": null});
    invoke(
        window,
        "create_case",
        serde_json::json!({ "question": question }),
    )
    .unwrap()["id"]
        .as_i64()
        .unwrap()
}

mod access;
mod app;
mod cases;
mod export;
mod followups;
mod parity;
mod profile;
mod replies;
mod search;
mod settings;
mod shape;
mod templates;

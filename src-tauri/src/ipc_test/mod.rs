//! Drives commands through Tauri's IPC with the mock runtime (no display),
//! exactly as the UI calls them: argument names, JSON shapes, and errors as
//! `{code, message, field}`. Unit tests of the library, not integration tests:
//! an integration test makes `cargo test` rebuild target/debug/casebook
//! without the embedded UI that the end-to-end tests run.

use crate::state::Casebook;
use casebook_core::Now;
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};

/// An app with every command, on a new case book in `dir`, and its window.
pub fn app(dir: &std::path::Path) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = crate::with_commands(mock_builder())
        .build(mock_context(noop_assets()))
        .unwrap();
    app.manage(Casebook::open(dir.join("book"), Now::system()));
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

mod cases;
mod followups;
mod search;
mod settings;

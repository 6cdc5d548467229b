//! The interface-language commands through Tauri's IPC (mock runtime, no
//! display): unset at first, kept, forgotten with `null`, and an unknown
//! language refused as `{code, message, field}`.

use super::{app, invoke};
use serde_json::{json, Value};

#[test]
fn the_interface_language_round_trips_through_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    assert_eq!(
        invoke(&window, "get_interface_language", json!({})),
        Ok(Value::Null)
    );
    assert_eq!(
        invoke(
            &window,
            "set_interface_language",
            json!({"language": "zh-TW"})
        ),
        Ok(json!("zh-TW"))
    );
    assert_eq!(
        invoke(&window, "get_interface_language", json!({})),
        Ok(json!("zh-TW"))
    );
    let err = invoke(&window, "set_interface_language", json!({"language": "fr"})).unwrap_err();
    assert_eq!(
        (err["code"].as_str(), err["field"].as_str()),
        (Some("invalid"), Some("language"))
    );
    assert_eq!(
        invoke(&window, "set_interface_language", json!({"language": null})),
        Ok(Value::Null)
    );
    assert_eq!(
        invoke(&window, "get_interface_language", json!({})),
        Ok(Value::Null)
    );
}

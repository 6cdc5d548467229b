//! The clinician profile through IPC: empty until set, saved trimmed, and a
//! field over its limit refused by name.

use super::shape::assert_shape;
use super::{app, assert_bad_args, assert_refused, invoke};
use serde_json::json;

#[test]
fn the_profile_is_empty_until_set_then_reads_back_trimmed() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let empty = invoke(&window, "get_profile", json!({})).unwrap();
    assert_shape(&empty, "ClinicianProfile");
    assert_eq!(
        empty,
        json!({"name": "", "title": "", "affiliation": "", "signature": "", "closing": ""})
    );
    let typed = json!({"name": " 江俊毅 ", "title": "醫師", "affiliation": "桃園醫院",
                       "signature": "江俊毅 醫師\r\n神經內科", "closing": "祝 平安健康"});
    let saved = invoke(&window, "set_profile", json!({"profile": typed})).unwrap();
    assert_shape(&saved, "ClinicianProfile");
    assert_eq!(saved["name"], "江俊毅");
    assert_eq!(saved["signature"], "江俊毅 醫師\n神經內科");
    assert_eq!(invoke(&window, "get_profile", json!({})), Ok(saved));
}

#[test]
fn a_field_over_its_limit_or_missing_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let mut profile =
        json!({"name": "Jiang", "title": "Dr.", "affiliation": "", "signature": "", "closing": ""});
    profile["affiliation"] = json!("醫".repeat(2_001));
    assert_refused(
        invoke(&window, "set_profile", json!({ "profile": profile })),
        "invalid",
        Some("affiliation"),
    );
    profile.as_object_mut().unwrap().remove("affiliation");
    assert_bad_args(
        invoke(&window, "set_profile", json!({ "profile": profile })),
        "set_profile",
        "profile",
    );
    // Nothing was saved by either.
    assert_eq!(
        invoke(&window, "get_profile", json!({})).unwrap()["name"],
        ""
    );
}

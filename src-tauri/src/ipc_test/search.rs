//! The search commands through Tauri's IPC (mock runtime, no display):
//! argument names as the UI sends them, typed FTS5 syntax never an error,
//! and errors as `{code, message, field}`.

use super::shape::{assert_array_of, assert_shape};
use super::{app, assert_bad_args, assert_refused, invoke};
use serde_json::{json, Value};

fn request(query: &str) -> Value {
    json!({"query": query, "status": null, "department": null, "tag": null,
           "asked_from": null, "asked_to": null})
}

#[test]
fn search_similar_and_starting_reply_through_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());

    let found = invoke(
        &window,
        "search_cases",
        json!({"request": request("面部抽搐"), "limit": 10}),
    )
    .unwrap();
    assert_shape(&found, "SearchResults");
    assert_eq!(found["matched"], "all");
    let first = &found["hits"][0];
    assert!(first["title"][0]["text"].as_str().unwrap().contains("眼皮"));
    assert!(first["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["highlight"] == true));

    for hostile in ["\"", "NEAR(", "AND OR", "a:b -c*", &"x".repeat(10_000)] {
        invoke(
            &window,
            "search_cases",
            json!({"request": request(hostile), "limit": 10}),
        )
        .unwrap_or_else(|e| panic!("{hostile:.20}: {e}"));
    }
    let recent = invoke(
        &window,
        "search_cases",
        json!({"request": request("  "), "limit": 3}),
    )
    .unwrap();
    assert_eq!(recent["matched"], "recent");
    assert_eq!(recent["hits"].as_array().unwrap().len(), 3);

    let numb = invoke(
        &window,
        "search_cases",
        json!({"request": request("numbness night"), "limit": 1}),
    )
    .unwrap();
    let numb_id = numb["hits"][0]["id"].as_i64().unwrap();
    let similar = invoke(&window, "similar_cases", json!({"id": numb_id, "limit": 5})).unwrap();
    assert_array_of(&similar, "SimilarCase");
    let seed = similar
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "Facial Twitching: When to See a Neurologist")
        .expect("the seed case is similar");
    let reply = invoke(&window, "starting_reply", json!({"id": seed["id"]})).unwrap();
    assert_shape(&reply, "StartingReply");
    assert!(reply["body"].as_str().unwrap().starts_with("Hello Mr."));

    let err = invoke(&window, "starting_reply", json!({"id": numb_id})).unwrap_err();
    assert_eq!(err["code"], "not_found");
    let bad = request("x");
    let mut bad = bad.as_object().unwrap().clone();
    bad.insert("asked_from".into(), json!("2026-02-30"));
    let err = invoke(&window, "search_cases", json!({"request": bad, "limit": 5})).unwrap_err();
    assert_eq!(
        (err["code"].as_str(), err["field"].as_str()),
        (Some("invalid"), Some("asked_from"))
    );
}

#[test]
fn similar_cases_refuses_an_unknown_case_and_a_missing_limit() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    assert_refused(
        invoke(&window, "similar_cases", json!({"id": 999_999, "limit": 5})),
        "not_found",
        None,
    );
    assert_bad_args(
        invoke(&window, "similar_cases", json!({"id": 1})),
        "similar_cases",
        "limit",
    );
    assert_bad_args(
        invoke(&window, "similar_cases", json!({"id": 1, "limit": -1})),
        "similar_cases",
        "limit",
    );
}

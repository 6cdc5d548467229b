//! The template library's commands through IPC: list and filter, create,
//! edit, duplicate, delete; a template is checked when saved, so a broken
//! one is refused with the field to fix, and one another includes stays.

use super::shape::{assert_array_of, assert_shape};
use super::{app, assert_bad_args, assert_refused, invoke};
use serde_json::{json, Value};
use tauri::test::MockRuntime;
use tauri::WebviewWindow;

fn template(name: &str, department: Option<&str>, trigger: Option<&str>, body: &str) -> Value {
    json!({"name": name, "department": department, "trigger": trigger, "body": body})
}

fn create(window: &WebviewWindow<MockRuntime>, input: Value) -> Value {
    invoke(window, "create_template", json!({ "template": input })).unwrap()
}

#[test]
fn the_library_lists_by_text_and_department() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let all = invoke(
        &window,
        "list_templates",
        json!({"query": "", "department": null}),
    )
    .unwrap();
    assert_array_of(&all, "Template");
    assert!(!all.as_array().unwrap().is_empty(), "the default set");
    create(
        &window,
        template("皮膚乾燥", Some("Dermatology"), Some("dry"), "多擦乳液。"),
    );
    create(
        &window,
        template("Eye strain", Some("Ophthalmology"), None, "Rest your eyes."),
    );
    let skin = invoke(
        &window,
        "list_templates",
        json!({"query": "乳液", "department": "dermatology"}),
    )
    .unwrap();
    let names: Vec<&str> = skin
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["皮膚乾燥"]);
    let by_trigger = invoke(
        &window,
        "list_templates",
        json!({"query": "DRY", "department": null}),
    )
    .unwrap();
    assert!(by_trigger
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["trigger"] == "dry"));
    let other = invoke(
        &window,
        "list_templates",
        json!({"query": "", "department": "Dermatology"}),
    )
    .unwrap();
    assert!(other
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["name"] != "Eye strain"));

    assert_bad_args(
        invoke(&window, "list_templates", json!({"department": null})),
        "list_templates",
        "query",
    );
    assert_bad_args(
        invoke(
            &window,
            "list_templates",
            json!({"query": "", "department": 7}),
        ),
        "list_templates",
        "department",
    );
}

#[test]
fn a_new_template_is_cleaned_and_a_broken_one_refused_with_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let made = create(
        &window,
        template(
            "  咖啡因  ",
            Some("all"),
            Some(".coffee-limit"),
            "每天少於 {{ 300 }} 毫克。",
        ),
    );
    assert_shape(&made, "Template");
    assert_eq!(made["name"], "咖啡因");
    assert_eq!(made["department"], Value::Null, "all departments");
    assert_eq!(made["trigger"], "coffee-limit");

    for (input, field) in [
        (template(" ", None, None, "x"), "name"),
        (
            template("Bad trigger", None, Some("two words"), "x"),
            "trigger",
        ),
        (template("咖啡因", None, None, "again"), "name"),
        (
            template("Another", None, Some("coffee-limit"), "x"),
            "trigger",
        ),
        (
            template("Unclosed", None, None, "{% if x %}never closed"),
            "body",
        ),
        (
            template("Missing include", None, None, "{% include \"Nowhere\" %}"),
            "body",
        ),
    ] {
        assert_refused(
            invoke(&window, "create_template", json!({ "template": input })),
            "invalid",
            Some(field),
        );
    }
    assert_bad_args(
        invoke(
            &window,
            "create_template",
            json!({"input": template("x", None, None, "y")}),
        ),
        "create_template",
        "template",
    );
}

#[test]
fn an_edited_template_reads_back_and_an_unknown_one_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let made = create(
        &window,
        template("Sleep", Some("Neurology"), Some("sleep"), "Sleep 7 hours."),
    );
    let edited = invoke(
        &window,
        "update_template",
        json!({"id": made["id"], "template": template("Sleep hygiene", None, None, "Sleep 8 hours.")}),
    )
    .unwrap();
    assert_shape(&edited, "Template");
    assert_eq!(edited["id"], made["id"]);
    assert_eq!(
        (
            &edited["name"],
            &edited["department"],
            &edited["trigger"],
            &edited["body"]
        ),
        (
            &json!("Sleep hygiene"),
            &Value::Null,
            &Value::Null,
            &json!("Sleep 8 hours.")
        )
    );

    let includer = create(
        &window,
        template("Evening", None, None, "{% include \"Sleep hygiene\" %}"),
    );
    assert_refused(
        invoke(
            &window,
            "update_template",
            json!({"id": made["id"], "template": template("Renamed", None, None, "x")}),
        ),
        "invalid",
        Some("name"),
    );
    assert_refused(
        invoke(
            &window,
            "update_template",
            json!({"id": includer["id"], "template": template("Evening", None, None, "{% include \"Evening\" %}")}),
        ),
        "invalid",
        Some("body"),
    );
    assert_refused(
        invoke(
            &window,
            "update_template",
            json!({"id": 999_999, "template": template("x", None, None, "y")}),
        ),
        "not_found",
        None,
    );
}

#[test]
fn a_duplicate_is_a_named_copy_without_the_trigger() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let made = create(
        &window,
        template("Diet", Some("Cardiology"), Some("diet"), "Less salt."),
    );
    let copy = invoke(&window, "duplicate_template", json!({"id": made["id"]})).unwrap();
    assert_shape(&copy, "Template");
    assert_ne!(copy["id"], made["id"]);
    assert_eq!(
        (
            &copy["name"],
            &copy["department"],
            &copy["trigger"],
            &copy["body"]
        ),
        (
            &json!("Diet (copy)"),
            &json!("Cardiology"),
            &Value::Null,
            &json!("Less salt.")
        )
    );
    let again = invoke(&window, "duplicate_template", json!({"id": made["id"]})).unwrap();
    assert_eq!(again["name"], "Diet (copy 2)");
    assert_refused(
        invoke(&window, "duplicate_template", json!({"id": 999_999})),
        "not_found",
        None,
    );
    assert_bad_args(
        invoke(
            &window,
            "duplicate_template",
            json!({"templateId": made["id"]}),
        ),
        "duplicate_template",
        "id",
    );
}

#[test]
fn a_template_another_includes_cannot_be_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app(dir.path());
    let base = create(&window, template("問候語", None, None, "您好，"));
    let user = create(
        &window,
        template("問候信", None, None, "{% include \"問候語\" %}謝謝。"),
    );
    assert_refused(
        invoke(&window, "delete_template", json!({"id": base["id"]})),
        "conflict",
        None,
    );
    assert_eq!(
        invoke(&window, "delete_template", json!({"id": user["id"]})),
        Ok(Value::Null)
    );
    assert_eq!(
        invoke(&window, "delete_template", json!({"id": base["id"]})),
        Ok(Value::Null)
    );
    let left = invoke(
        &window,
        "list_templates",
        json!({"query": "", "department": null}),
    )
    .unwrap();
    assert!(left
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["id"] != base["id"] && t["id"] != user["id"]));
    assert_refused(
        invoke(&window, "delete_template", json!({"id": base["id"]})),
        "not_found",
        None,
    );
}

use std::sync::Arc;

use proptest::prelude::*;

use super::render::{self, Context, Library};
use super::*;
use crate::cases::{self, QuestionInput, Sex};
use crate::profile::{self, ClinicianProfile};
use crate::testing::now;

fn store_with_case(body: &str) -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let input = QuestionInput {
        title: "Facial twitching?".into(),
        body: body.into(),
        asker: Some("A Tian".into()),
        sex: Some(Sex::Female),
        age_range: Some("30-39".into()),
        asked_on: "2026-02-02".into(),
        department: Some("Neurology".into()),
        tags: vec![],
        source: None,
    };
    let id = cases::create(&mut store, &input, now()).unwrap().id;
    (store, id)
}

fn input(name: &str, body: &str) -> TemplateInput {
    TemplateInput {
        name: name.into(),
        department: None,
        trigger: None,
        body: body.into(),
    }
}

#[test]
fn every_variable_renders_from_the_case_profile_and_follow_up() {
    let (mut store, id) = store_with_case("Doctor, my nose twitches. Since yesterday.");
    profile::set(
        store.conn(),
        &ClinicianProfile {
            name: "Jiang Junyi".into(),
            title: "Dr.".into(),
            affiliation: "Taoyuan Medical Center".into(),
            signature: "Dr. Jiang Junyi, cares about you.".into(),
            closing: "Wishing you good health.".into(),
        },
        now(),
    )
    .unwrap();
    store.conn().execute(
        "INSERT INTO follow_ups (case_id, due_on, state, created_at, updated_at) VALUES (?1, '2026-03-09', 'pending', 'x', 'x'), (?1, '2026-03-05', 'done', 'x', 'x')",
        [id],
    ).unwrap();
    let body = render::VARIABLES
        .iter()
        .map(|(n, _)| format!("{n}={{{{ {n} }}}}"))
        .collect::<Vec<_>>()
        .join("\n");
    let t = create(&mut store, &input("all", &body), now()).unwrap();
    let out = render_for_case(&mut store, id, t.id, now()).unwrap().text;
    for expected in [
        "asker=A Tian",
        "sex=female",
        "age_range=30-39",
        "asked_on=2026-02-02",
        "department=Neurology",
        "question_title=Facial twitching?",
        "question_quote=Doctor, my nose twitches.",
        "clinician=Dr. Jiang Junyi",
        "affiliation=Taoyuan Medical Center",
        "signature=Dr. Jiang Junyi, cares about you.",
        "closing=Wishing you good health.",
        "today=2026-03-01",
        "next_follow_up=2026-03-09",
    ] {
        assert!(out.contains(expected), "{expected} missing in\n{out}");
    }
    let events = crate::audit::list(store.conn(), id).unwrap();
    assert_eq!(
        events.last().unwrap().kind,
        crate::audit::AuditKind::TemplateUsed
    );
    assert_eq!(events.last().unwrap().detail, "all");
}

fn ctx(sex: &str, age: &str) -> Context {
    let mut c = render::sample_context();
    c.insert("sex", sex.into());
    c.insert("age_range", age.into());
    c
}

#[test]
fn conditionals_and_includes_work() {
    let mut lib = Library::new();
    lib.insert(
        "Greeting".into(),
        "Hello {% if sex == \"male\" %}Mr.{% else %}Ms.{% endif %} {{ asker }}".into(),
    );
    let body = "{% include \"Greeting\" %}{% if age_range in [\"70-79\"] %} (older){% endif %}";
    render::validate("Reply", body, &lib).unwrap();
    let lib = Arc::new(lib);
    assert_eq!(
        render::render("Reply", body, &ctx("male", "70-79"), lib.clone()).unwrap(),
        "Hello Mr. sample (older)"
    );
    assert_eq!(
        render::render("Reply", body, &ctx("female", "30-39"), lib).unwrap(),
        "Hello Ms. sample"
    );
}

#[test]
fn unknown_variables_and_syntax_errors_name_line_and_column() {
    let err = render::validate("t", "Hello\n  {{ patient_name }}", &Library::new()).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("Line 2, column 6") && msg.contains("patient_name"),
        "{msg}"
    );
    assert_eq!(err.field(), Some("body"));
    let msg = render::validate("t", "ok\nHello {{ asker \n", &Library::new())
        .unwrap_err()
        .to_string();
    assert!(msg.starts_with("Line 2"), "{msg}");
    let msg = render::validate("t", "{% if sex %}x", &Library::new())
        .unwrap_err()
        .to_string();
    assert!(msg.contains("Line 1"), "{msg}");
    // A blank inside a variable name is a syntax error, not a crash.
    let msg = render::validate("t", "{{ ask***er }}", &Library::new())
        .unwrap_err()
        .to_string();
    assert!(msg.contains("Line 1, column"), "{msg}");
    let msg = render::validate("t", "{% include \"Nope\" %}", &Library::new())
        .unwrap_err()
        .to_string();
    assert!(msg.contains("Nope"), "{msg}");
    let msg = render::validate("t", "{{ pick(\"only one\") }}", &Library::new())
        .unwrap_err()
        .to_string();
    assert!(msg.contains("at least two"), "{msg}");
}

#[test]
fn recursive_includes_are_a_clear_error_not_a_stack_overflow() {
    let mut lib = Library::new();
    lib.insert("B".into(), "b {% include \"A\" %}".into());
    let msg = render::validate("A", "a {% include \"B\" %}", &lib)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("A → B → A"), "{msg}");
    // Even if a cycle got past validation (a computed name), the engine's
    // recursion limit stops it with an error.
    lib.insert("A".into(), "a {% include [\"B\"][0] %}".into());
    let err = render::render(
        "A",
        "a {% include [\"B\"][0] %}",
        &render::sample_context(),
        Arc::new(lib),
    )
    .unwrap_err();
    assert!(
        err.to_string().to_lowercase().contains("recursion"),
        "{err}"
    );
}

#[test]
fn oversized_and_non_utf8_templates_are_refused() {
    let big = "x".repeat(1024 * 1024);
    let msg = render::validate("big", &big, &Library::new())
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("1024 KB") && msg.contains("limit is 64 KB"),
        "{msg}"
    );
    let msg = render::body_from_bytes(b"ok \xff\xfe")
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("not valid UTF-8") && msg.contains("byte 3"),
        "{msg}"
    );
    let msg = render::validate(
        "loop",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        &Library::new(),
    )
    .unwrap_err()
    .to_string();
    assert!(!msg.is_empty());
}

#[test]
fn pick_lists_and_blanks_render_as_markers() {
    let out = render::render(
        "t",
        "Rest *** or {{ pick(\"rest\", \"see a clinic\") }}",
        &render::sample_context(),
        Arc::default(),
    )
    .unwrap();
    assert_eq!(out, "Rest *** or [[rest|see a clinic]]");
    let found = blanks::find(&out);
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].options, vec!["rest", "see a clinic"]);
}

#[test]
fn library_crud_duplicate_and_search() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(ensure_defaults(store.conn(), now()).unwrap(), 9);
    assert_eq!(
        ensure_defaults(store.conn(), now()).unwrap(),
        0,
        "added once"
    );
    let neuro = list(store.conn(), "", Some("Neurology")).unwrap();
    assert!(neuro.iter().any(|t| t.name == "Neurology reply"));
    assert_eq!(
        neuro[0].department.as_deref(),
        Some("Neurology"),
        "the department's own first"
    );
    assert!(list(store.conn(), "", Some("Dermatology"))
        .unwrap()
        .iter()
        .all(|t| t.department.is_none()));
    assert_eq!(
        by_trigger(store.conn(), ".caffeine").unwrap().unwrap().name,
        "Reduce caffeine"
    );
    let closing = list(store.conn(), "closing", None)
        .unwrap()
        .into_iter()
        .find(|t| t.name == "Closing")
        .unwrap();
    let err = delete(&mut store, closing.id).unwrap_err();
    assert!(err.to_string().contains("includes “Closing”"), "{err}");
    let copy = duplicate(&mut store, closing.id, now()).unwrap();
    assert_eq!(
        (copy.name.as_str(), copy.trigger.as_deref()),
        ("Closing (copy)", None)
    );
    let edited = update(
        &mut store,
        copy.id,
        &TemplateInput {
            trigger: Some(".bye".into()),
            ..input("Bye", "Bye {{ asker }}")
        },
        now(),
    )
    .unwrap();
    assert_eq!(edited.trigger.as_deref(), Some("bye"));
    let err = create(
        &mut store,
        &TemplateInput {
            trigger: Some("bye".into()),
            ..input("Other", "x")
        },
        now(),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("trigger"));
    let err = create(&mut store, &input("Bye", "x"), now()).unwrap_err();
    assert_eq!(err.field(), Some("name"));
    let err = create(
        &mut store,
        &TemplateInput {
            trigger: Some("two words".into()),
            ..input("T", "x")
        },
        now(),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("trigger"));
    let err = update(&mut store, copy.id, &input("Bye", "{{ nope }}"), now()).unwrap_err();
    assert!(err.to_string().contains("nope"));
    delete(&mut store, copy.id).unwrap();
}

#[test]
fn the_default_neurology_templates_render_for_the_seed_case() {
    let (mut store, id) = store_with_case("Doctor, I started experiencing muscle twitching on the left side of my nose bridge while at work yesterday.\nThe twitching…");
    ensure_defaults(store.conn(), now()).unwrap();
    let en = list(store.conn(), "Neurology reply", None).unwrap()[0].id;
    let out = render_for_case(&mut store, id, en, now()).unwrap();
    assert!(out.text.starts_with("Hello Ms. A Tian: You mentioned that \"Doctor, I started experiencing muscle twitching on the left side of my nose bridge while at work yesterday.\""), "{}", out.text);
    assert!(
        out.text.contains("reduce the intake of caffeine") && out.text.contains("neurology clinic"),
        "{}",
        out.text
    );
    assert!(
        out.text
            .ends_with("Wishing you good health, peace, and joy."),
        "{}",
        out.text
    );
    assert!(out.blanks.len() >= 4, "{:?}", out.blanks);
    let zh = list(store.conn(), "神經內科", None).unwrap()[0].id;
    let out = render_for_case(&mut store, id, zh, now()).unwrap();
    assert!(
        out.text.starts_with("A Tian小姐您好：您提到「Doctor"),
        "{}",
        out.text
    );
    assert!(
        out.text.ends_with("祝您 身體健康、平安喜樂。"),
        "{}",
        out.text
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Whatever a patient typed is printed as typed, never evaluated.
    #[test]
    fn case_text_is_data_never_template_code(text in "\\PC{0,80}", trick in prop::sample::select(vec!["{{ 7*7 }}", "{% include \"Closing\" %}", "{{ asker }}", "{#", "{% raw %}", "}}"])) {
        let patient = format!("{trick}{text}");
        let mut c = render::sample_context();
        c.insert("asker", patient.clone());
        c.insert("question_quote", patient.clone());
        let out = render::render("t", "A: {{ asker }} Q: {{ question_quote }}", &c, Arc::default()).unwrap();
        prop_assert_eq!(out, format!("A: {patient} Q: {patient}"));
    }

    #[test]
    fn first_sentence_skips_a_salutation_line_and_never_panics(text in "\\PC{0,400}") {
        let s = context::first_sentence(&text);
        prop_assert!(s.chars().count() <= 301);
        prop_assert_eq!(context::first_sentence("Hello Doctor,\nMy thumb goes numb. At night."), "My thumb goes numb.");
        prop_assert_eq!(context::first_sentence("醫師您好：\n我的左眼皮一直跳。已經兩週"), "我的左眼皮一直跳。");
    }
}

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::*;
use crate::cases::{self, QuestionInput};
use crate::{import, Now, Store};

fn now() -> Now {
    Now {
        today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        ..crate::testing::now()
    }
}

fn question(title: &str, body: &str, tags: &[&str]) -> QuestionInput {
    QuestionInput {
        title: title.into(),
        body: body.into(),
        asker: Some("林小姐".into()),
        sex: None,
        age_range: None,
        asked_on: "2026-11-01".into(),
        department: Some("Neurology".into()),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        source: None,
    }
}

fn find(conn: &Connection, query: &str) -> Vec<i64> {
    let request = SearchRequest {
        query: query.into(),
        ..Default::default()
    };
    search(conn, &request, 20)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

/// Traditional Chinese and mixed fixtures: (title, body, tags).
const FIXTURES: &[(&str, &str, &[&str])] = &[
    (
        "眼皮一直跳",
        "醫師您好，最近兩個星期一直有面部抽搐的情形，晚上更明顯。",
        &["眼皮跳"],
    ),
    (
        "喝咖啡後手抖 (hand tremor after coffee)",
        "Doctor 您好，我最近喝完 latte 之後雙手會微微發抖。請問是咖啡因過量嗎？",
        &["手抖", "Tremors"],
    ),
    ("長期頭痛", "我有偏頭痛十幾年，止痛藥越吃越多。", &["頭痛"]),
    (
        "Facial twitching on the nose bridge",
        "Doctor, I started experiencing muscle twitching while at work. Café au lait spots too.",
        &["Facial Twitching"],
    ),
];

fn fixture_store() -> (Store, Vec<i64>) {
    let mut store = Store::open_in_memory().unwrap();
    let ids = FIXTURES
        .iter()
        .map(|(t, b, tags)| {
            cases::create(&mut store, &question(t, b, tags), now())
                .unwrap()
                .id
        })
        .collect();
    (store, ids)
}

#[test]
fn chinese_queries_of_one_two_and_four_characters_find_their_case() {
    let (store, ids) = fixture_store();
    let c = store.conn();
    assert_eq!(
        find(c, "面部抽搐"),
        vec![ids[0]],
        "4 characters, in the body"
    );
    assert_eq!(find(c, "抽搐"), vec![ids[0]], "2 characters");
    assert_eq!(find(c, "痛"), vec![ids[2]], "1 character");
    assert_eq!(find(c, "眼皮跳"), vec![ids[0]], "a tag");
    assert_eq!(find(c, "部抽"), vec![ids[0]], "inside a word");
    assert!(
        find(c, "抽面").is_empty(),
        "characters must be adjacent and in order"
    );
}

#[test]
fn mixed_chinese_and_english_queries() {
    let (store, ids) = fixture_store();
    let c = store.conn();
    assert_eq!(find(c, "咖啡因 latte"), vec![ids[1]]);
    assert_eq!(find(c, "手抖coffee"), vec![ids[1]]);
    assert_eq!(find(c, "tremor 手抖"), vec![ids[1]]);
    assert_eq!(
        find(c, "林小姐 頭痛"),
        vec![ids[2]],
        "asker alias is searchable"
    );
}

#[test]
fn stems_accents_and_full_width_forms_fold() {
    let (store, ids) = fixture_store();
    let c = store.conn();
    assert!(find(c, "twitch").contains(&ids[3]));
    assert!(find(c, "ｔｗｉｔｃｈ").contains(&ids[3]));
    assert!(find(c, "TWITCHES").contains(&ids[3]));
    assert_eq!(find(c, "cafe"), vec![ids[3]]);
    assert_eq!(
        find(c, "neurology facial"),
        vec![ids[3]],
        "department is searchable"
    );
}

#[test]
fn hits_carry_highlighted_snippets_from_the_stored_text() {
    let (store, ids) = fixture_store();
    let request = SearchRequest {
        query: "面部抽搐".into(),
        ..Default::default()
    };
    let result = search(store.conn(), &request, 10).unwrap();
    assert_eq!(result.matched, MatchKind::All);
    let hit = &result.hits[0];
    assert_eq!(hit.id, ids[0]);
    let marked: Vec<&str> = hit
        .snippet
        .iter()
        .filter(|s| s.highlight)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(marked, vec!["面部抽搐"]);
    assert_eq!(hit.snippet_source, SnippetSource::Question);
}

#[test]
fn typed_fts_syntax_never_errors() {
    let (store, _) = fixture_store();
    for q in [
        "\"",
        "\"unbalanced",
        "*",
        "twitch*",
        "NEAR(",
        "NEAR(a b",
        "-",
        "-twitch",
        ":",
        "title:x",
        "AND OR",
        "OR",
        "NOT",
        "(",
        ")",
        "^",
        "a AND",
        "{title}: x",
        "'",
        "''",
        "\\",
        "%",
        "_",
        "面部\"抽搐",
        "\u{0}",
        "🙂",
    ] {
        let request = SearchRequest {
            query: q.into(),
            ..Default::default()
        };
        search(store.conn(), &request, 10).unwrap_or_else(|e| panic!("{q:?}: {e}"));
    }
}

#[test]
fn an_empty_query_lists_recent_cases_and_a_huge_one_is_cut_quickly() {
    let (store, ids) = fixture_store();
    let c = store.conn();
    let recent = search(c, &SearchRequest::default(), 10).unwrap();
    assert_eq!(recent.matched, MatchKind::Recent);
    assert_eq!(recent.hits.len(), ids.len());
    let blank = SearchRequest {
        query: "   \t ".into(),
        ..Default::default()
    };
    assert_eq!(search(c, &blank, 10).unwrap().matched, MatchKind::Recent);

    let huge = SearchRequest {
        query: "twitching ".repeat(1000),
        ..Default::default()
    };
    let started = std::time::Instant::now();
    let result = search(c, &huge, 10).unwrap();
    assert!(result.truncated);
    assert!(started.elapsed().as_millis() < 500);
}

#[test]
fn when_no_case_has_every_word_any_word_counts() {
    let (store, ids) = fixture_store();
    let request = SearchRequest {
        query: "twitching xylophone".into(),
        ..Default::default()
    };
    let result = search(store.conn(), &request, 10).unwrap();
    assert_eq!(result.matched, MatchKind::Any);
    assert_eq!(result.hits[0].id, ids[3]);
}

#[test]
fn filters_narrow_by_status_department_tag_and_dates() {
    let (mut store, ids) = fixture_store();
    let mut other = question("Twitching eyelid", "My eyelid twitches.", &["Eyelid"]);
    other.department = Some("Ophthalmology".into());
    other.asked_on = "2025-01-10".into();
    let eye = cases::create(&mut store, &other, now()).unwrap().id;
    let c = store.conn();
    let run = |r: SearchRequest| -> Vec<i64> {
        search(c, &r, 10)
            .unwrap()
            .hits
            .iter()
            .map(|h| h.id)
            .collect()
    };
    let base = SearchRequest {
        query: "twitching".into(),
        ..Default::default()
    };
    let mut all = run(base.clone());
    all.sort();
    assert_eq!(all, vec![ids[3], eye]);
    let by_dept = SearchRequest {
        department: Some("Ophthalmology".into()),
        ..base.clone()
    };
    assert_eq!(run(by_dept), vec![eye]);
    let by_tag = SearchRequest {
        tag: Some("Facial Twitching".into()),
        ..base.clone()
    };
    assert_eq!(run(by_tag), vec![ids[3]]);
    let by_date = SearchRequest {
        asked_from: Some("2025-01-01".into()),
        asked_to: Some("2025-12-31".into()),
        ..base.clone()
    };
    assert_eq!(run(by_date), vec![eye]);
    let by_status = SearchRequest {
        status: Some(CaseStatus::Answered),
        ..base.clone()
    };
    assert!(run(by_status).is_empty());
    let bad = SearchRequest {
        asked_from: Some("2025-13-01".into()),
        ..base
    };
    let err = search(c, &bad, 10).unwrap_err();
    assert_eq!(err.field(), Some("asked_from"));
}

#[test]
fn hits_carry_their_tags_in_order_and_unchanged() {
    let mut store = Store::open_in_memory().unwrap();
    let tags = ["Zeta \"quoted\"", "手抖", "a\\b"];
    let id = cases::create(
        &mut store,
        &question("Hiccups", "Hiccups for days.", &tags),
        now(),
    )
    .unwrap()
    .id;
    let untagged = cases::create(&mut store, &question("Hiccups", "Again.", &[]), now())
        .unwrap()
        .id;
    for query in ["hiccups", ""] {
        let request = SearchRequest {
            query: query.into(),
            ..Default::default()
        };
        let hits = search(store.conn(), &request, 10).unwrap().hits;
        let of = |id| hits.iter().find(|h| h.id == id).unwrap().tags.clone();
        assert_eq!(of(id), tags, "{query:?}");
        assert!(of(untagged).is_empty(), "{query:?}");
    }
}

#[test]
fn a_reply_snippet_only_when_the_question_lacks_the_words() {
    let mut store = Store::open_in_memory().unwrap();
    let line = r#"{"external_id": "x:1", "question": {"title": "Gout", "body": "Big toe hurts, gout?", "asked_on": "2024-01-01"}, "reply": {"body": "Gout it is; allopurinol may help."}}"#;
    import::import_jsonl(&mut store, line.as_bytes(), now()).unwrap();
    let source = |q: &str| {
        let request = SearchRequest {
            query: q.into(),
            ..Default::default()
        };
        search(store.conn(), &request, 5).unwrap().hits[0].snippet_source
    };
    assert_eq!(source("gout"), SnippetSource::Question);
    assert_eq!(source("allopurinol"), SnippetSource::Reply);
}

// The index kept by triggers, its migration and bulk writes.
mod index;
// Similar answered cases, shown beside a reply.
mod similar;

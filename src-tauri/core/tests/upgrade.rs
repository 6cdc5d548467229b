//! A case book written by an earlier release opens, upgrades and keeps every
//! row. `tests/fixtures/release-0.1.0.sqlite3` was written by
//! `write_release_fixture` below at the code of that release (see the
//! fixture folder's README); this test opens a copy with today's code.

use std::path::{Path, PathBuf};

use casebook_core::cases::{self, CaseStatus, QuestionInput, Sex};
use casebook_core::followups::{self, FollowUpInput, FollowUpState};
use casebook_core::search::{self, SearchRequest};
use casebook_core::templates::{self, TemplateInput};
use casebook_core::{audit, export, import, profile, replies, settings, Now, Store};
use chrono::{Duration, NaiveDate, TimeZone, Utc};

const FIXTURE: &str = "tests/fixtures/release-0.1.0.sqlite3";

/// A 1×1 PNG, the letterhead logo of the fixture.
const PNG: [u8; 70] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64, 0x60, 0xf8, 0x5f,
    0x0f, 0x00, 0x02, 0x87, 0x01, 0x80, 0xeb, 0x47, 0xba, 0x92, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

const CHINESE_TITLE: &str = "頭痛三天，吃止痛藥沒有改善";

/// Row counts per table in the fixture, as written.
const COUNTS: &[(&str, i64)] = &[
    ("cases", 7),
    ("case_tags", 7),
    ("replies", 4),
    ("addenda", 2),
    ("reply_revisions", 5),
    ("follow_ups", 5),
    ("follow_up_history", 2),
    ("templates", 2),
    ("clinician_profile", 1),
    ("audit_events", 15),
    // Migration 5 moved the logo from `settings` to `setting_blobs`.
    ("settings", 3),
    ("setting_blobs", 1),
];

fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)
}

/// A fixed clock: day `day` of March 2026 at 09:00 UTC plus `seconds`.
fn at(day: u32, seconds: i64) -> Now {
    let utc = Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap() + Duration::seconds(seconds);
    Now {
        utc,
        today: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
    }
}

const IMPORT: &str = concat!(
    r#"{"external_id":"fx-1","status":"new","question":{"title":"頭痛三天，吃止痛藥沒有改善","body":"醫師您好，我這三天一直頭痛，吃了普拿疼也沒有好轉，請問需要看哪一科？","asker":"王小姐","sex":"female","age_range":"30-39","asked_on":"2026-02-20","department":"神經內科","tags":["頭痛"]}}"#,
    "\n",
    r#"{"external_id":"fx-2","status":"answered","question":{"title":"Knee pain after running","body":"My left knee hurts after long runs. Should I stop running?","asker":"J. Smith","sex":"male","age_range":"40-49","asked_on":"2026-02-18","department":"Orthopedics","tags":["knee","running"]},"reply":{"body":"Rest for a week, ice the knee, and see a physiotherapist if the swelling persists.","clinician":"Dr. Lin","affiliation":"Taipei Clinic","replied_on":"2026-02-19","more_info":"Patellofemoral pain is common in runners."},"follow_ups":[{"due_on":"2026-02-26","due_time":"09:30","reason":"check the swelling","state":"done"}],"addenda":[{"body":"Addendum: an X-ray is not needed at this stage.","clinician":"Dr. Lin","created_at":"2026-02-20T08:00:00.000Z"}]}"#,
    "\n",
    r#"{"external_id":"fx-3","status":"closed","question":{"title":"孩子發燒到三十九度","body":"小孩昨晚發燒到三十九度，退燒藥吃了會退，今天要不要帶去急診？","sex":"unspecified","age_range":"0-9","asked_on":"2026-02-10","department":"小兒科","tags":["發燒","兒童"]},"reply":{"body":"若精神活動力良好、退燒後能正常進食，可以先在家觀察；若持續高燒超過三天請回診。","clinician":"林醫師","replied_on":"2026-02-11"},"follow_ups":[{"due_on":"2026-02-14","reason":"確認是否退燒","state":"cancelled"}]}"#,
    "\n",
    r#"{"external_id":"fx-4","status":"drafting","question":{"title":"Itchy rash on both arms","body":"A red itchy rash appeared on both arms two days ago.","asked_on":"2026-02-25","department":"Dermatology"},"reply":{"body":"Draft: it sounds like contact dermatitis; avoid the new soap and"}}"#,
    "\n",
);

/// Writes the fixture database at `out` (run only on purpose, with the code
/// of the release the fixture stands for):
/// `CASEBOOK_FIXTURE_OUT=/tmp/x.sqlite3 cargo test -p casebook-core --test upgrade -- --ignored write_release_fixture`
#[test]
#[ignore = "writes the fixture; run by hand at a release"]
fn write_release_fixture() {
    let out = PathBuf::from(std::env::var("CASEBOOK_FIXTURE_OUT").expect("CASEBOOK_FIXTURE_OUT"));
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_dir(dir.path()).unwrap();

    profile::set(
        store.conn(),
        &profile::ClinicianProfile {
            name: "林怡君".into(),
            title: "主治醫師".into(),
            affiliation: "台北市立聯合醫院".into(),
            signature: "林怡君 醫師\nDr. Lin Yi-Chun".into(),
            closing: "祝 早日康復".into(),
        },
        at(1, 0),
    )
    .unwrap();

    // Imported cases: every status, Chinese and English, replies, addenda, follow-ups.
    let report = import::import_jsonl(&mut store, IMPORT.as_bytes(), at(1, 60)).unwrap();
    assert_eq!(report.imported, 4, "{report:?}");

    // Cases typed in: a draft with revisions and a restore, then answered
    // with an addendum; one left new with a rescheduled follow-up.
    let typed = |title: &str, body: &str, asked_on: &str| QuestionInput {
        title: title.into(),
        body: body.into(),
        asker: None,
        sex: Some(Sex::Other),
        age_range: Some("60-69".into()),
        asked_on: asked_on.into(),
        department: Some("家醫科".into()),
        tags: vec!["血壓".into()],
        source: Some("門診留言".into()),
    };
    let a = cases::create(
        &mut store,
        &typed(
            "血壓偏高要吃藥嗎",
            "最近量血壓都在一百四十左右，需要吃藥嗎？",
            "2026-02-27",
        ),
        at(2, 0),
    )
    .unwrap();
    replies::save_draft(&mut store, a.id, "先觀察兩週", at(2, 100)).unwrap();
    replies::save_draft(&mut store, a.id, "先觀察兩週，每天早晚量血壓", at(2, 300)).unwrap();
    let first = replies::revisions(store.conn(), a.id)
        .unwrap()
        .pop()
        .unwrap();
    replies::restore(&mut store, a.id, first.id, at(2, 500)).unwrap();
    replies::save_draft(
        &mut store,
        a.id,
        "先觀察兩週，每天早晚量血壓並記錄，減少鹽分攝取。",
        at(2, 700),
    )
    .unwrap();
    replies::mark_answered(&mut store, a.id, at(2, 900)).unwrap();
    replies::add_addendum(&mut store, a.id, "補充：若出現胸悶請立即就醫。", at(3, 0)).unwrap();
    let f = followups::add(
        &mut store,
        a.id,
        &FollowUpInput {
            due_on: "2026-03-16".into(),
            due_time: Some("10:00".into()),
            reason: "回報兩週血壓紀錄".into(),
            confirm_before_asked: false,
        },
        at(2, 1000),
    )
    .unwrap();
    followups::update(
        &mut store,
        f.id,
        &FollowUpInput {
            due_on: "2026-03-18".into(),
            due_time: None,
            reason: "回報兩週血壓紀錄".into(),
            confirm_before_asked: false,
        },
        at(3, 100),
    )
    .unwrap();

    let b = cases::create(
        &mut store,
        &QuestionInput {
            title: "Trouble sleeping".into(),
            body: "I wake up at 3 a.m. every night and cannot fall asleep again.".into(),
            asker: Some("Mrs. Chen".into()),
            sex: Some(Sex::Female),
            age_range: Some("50-59".into()),
            asked_on: "2026-03-01".into(),
            department: None,
            tags: vec![],
            source: None,
        },
        at(3, 200),
    )
    .unwrap();
    let g = followups::add(
        &mut store,
        b.id,
        &FollowUpInput {
            due_on: "2026-03-08".into(),
            due_time: Some("14:00".into()),
            reason: "Ask about the sleep diary".into(),
            confirm_before_asked: false,
        },
        at(3, 300),
    )
    .unwrap();
    followups::update(
        &mut store,
        g.id,
        &FollowUpInput {
            due_on: "2026-03-09".into(),
            due_time: Some("15:30".into()),
            reason: "Ask about the sleep diary".into(),
            confirm_before_asked: false,
        },
        at(3, 400),
    )
    .unwrap();
    followups::add(
        &mut store,
        b.id,
        &FollowUpInput {
            due_on: "2026-03-20".into(),
            due_time: None,
            reason: "".into(),
            confirm_before_asked: false,
        },
        at(3, 500),
    )
    .unwrap();
    followups::set_state(&mut store, g.id, FollowUpState::Done, at(9, 0)).unwrap();

    // A case created and deleted leaves nothing behind.
    let c = cases::create(&mut store, &typed("刪除", "刪除", "2026-03-01"), at(3, 600)).unwrap();
    cases::delete(&mut store, c.id).unwrap();
    // A case that only has a question, edited once.
    let d = cases::create(
        &mut store,
        &typed("Cough", "Dry cough for a week.", "2026-03-01"),
        at(3, 700),
    )
    .unwrap();
    cases::update(
        &mut store,
        d.id,
        &typed(
            "Cough at night",
            "Dry cough for a week, worse at night.",
            "2026-03-01",
        ),
        at(3, 800),
    )
    .unwrap();

    for (name, trigger, body) in [
        (
            "感冒衛教",
            Some("cold"),
            "{{ asker }}您好：多休息、多喝水，若發燒超過三天請回診。",
        ),
        (
            "Follow-up reminder",
            None,
            "Please come back on {{ next_follow_up }}.",
        ),
    ] {
        templates::create(
            &mut store,
            &TemplateInput {
                name: name.into(),
                department: None,
                trigger: trigger.map(Into::into),
                body: body.into(),
            },
            at(4, 0),
        )
        .unwrap();
    }

    settings::set_reminder_settings(
        store.conn(),
        settings::ReminderSettings {
            notifications: false,
        },
    )
    .unwrap();
    export::set_pdf_settings(
        store.conn(),
        export::PdfSettings {
            paper: export::Paper::Letter,
            pdfa: true,
        },
    )
    .unwrap();
    export::set_logo(store.conn(), Some(&PNG), at(4, 0)).unwrap();

    // One file, no -wal beside it.
    store
        .conn()
        .execute_batch("PRAGMA journal_mode=DELETE; VACUUM;")
        .unwrap();
    let path = store.path().unwrap().to_path_buf();
    drop(store);
    std::fs::copy(&path, &out).unwrap();
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_case_book_of_the_earlier_release_upgrades_and_keeps_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("casebook.sqlite3");
    std::fs::copy(fixture_path(), &copy).unwrap();
    let store = Store::open(&copy).unwrap();
    assert!(!store.is_fresh());
    let conn = store.conn();

    let problems: Vec<String> = COUNTS
        .iter()
        .filter_map(|(table, expected)| {
            let n = count(&store, table);
            (n != *expected).then(|| format!("{table}: {n}, expected {expected}"))
        })
        .collect();
    assert!(problems.is_empty(), "{problems:?}");

    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0);
    let logo_type: String = conn
        .query_row(
            "SELECT typeof(value) FROM setting_blobs WHERE key = 'export.logo'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logo_type, "blob");
    conn.execute_batch(
        "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)",
    )
    .unwrap();

    // Specific values.
    let fx1 = cases::find_by_external_id(conn, "fx-1").unwrap().unwrap();
    let case = cases::get(conn, fx1).unwrap();
    assert_eq!(case.question.title, CHINESE_TITLE);
    assert_eq!(case.status, CaseStatus::New);
    assert_eq!(case.question.sex, Some(Sex::Female));
    assert_eq!(case.question.tags, vec!["頭痛".to_string()]);

    let fx2 = cases::find_by_external_id(conn, "fx-2").unwrap().unwrap();
    let answered = cases::get(conn, fx2).unwrap();
    assert_eq!(answered.status, CaseStatus::Answered);
    let reply = answered.reply.unwrap();
    assert!(reply.locked_at.is_some());
    assert_eq!(reply.replied_on, NaiveDate::from_ymd_opt(2026, 2, 19));
    // Still locked: the database refuses to change it.
    assert!(conn
        .execute(
            "UPDATE replies SET body = 'changed' WHERE case_id = ?1",
            [fx2]
        )
        .is_err());
    assert_eq!(replies::addenda(conn, fx2).unwrap().len(), 1);
    let f = followups::list_for_case(conn, fx2).unwrap();
    assert_eq!(f[0].due_time.as_deref(), Some("09:30"));
    assert_eq!(f[0].state, FollowUpState::Done);

    let fx3 = cases::find_by_external_id(conn, "fx-3").unwrap().unwrap();
    assert_eq!(cases::get(conn, fx3).unwrap().status, CaseStatus::Closed);

    // The typed case: revisions, restore, reschedule history, audit trail.
    let typed: i64 = conn
        .query_row(
            "SELECT id FROM cases WHERE title = '血壓偏高要吃藥嗎'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let revisions = replies::revisions(conn, typed).unwrap();
    assert_eq!(revisions.len(), 5);
    assert!(revisions.iter().any(|r| r.reason == "restore"));
    let f = followups::list_for_case(conn, typed).unwrap();
    assert_eq!(f[0].history.len(), 1);
    assert_eq!(f[0].due_on, NaiveDate::from_ymd_opt(2026, 3, 18).unwrap());
    assert!(!audit::list(conn, typed).unwrap().is_empty());

    // Settings, the logo bytes, the profile, templates.
    assert!(!settings::reminder_settings(conn).unwrap().notifications);
    let pdf = export::pdf_settings(conn).unwrap();
    assert_eq!((pdf.paper, pdf.pdfa), (export::Paper::Letter, true));
    assert_eq!(export::logo(conn).unwrap().as_deref(), Some(&PNG[..]));
    assert_eq!(profile::get(conn).unwrap().name, "林怡君");
    assert!(templates::by_trigger(conn, "cold").unwrap().is_some());

    // The search index finds words of questions, replies and addenda.
    for (query, expected) in [
        ("knee", fx2),
        ("X-ray", fx2),
        ("胸悶", typed),
        ("頭痛", fx1),
    ] {
        let found = search::search(
            conn,
            &SearchRequest {
                query: query.into(),
                ..Default::default()
            },
            10,
        )
        .unwrap();
        assert!(
            found.hits.iter().any(|h| h.id == expected),
            "{query}: {:?}",
            found.hits.iter().map(|h| h.id).collect::<Vec<_>>()
        );
    }
}

/// The schema as SQLite keeps it: every table, index, trigger and view with
/// its SQL text.
fn schema(conn: &rusqlite::Connection) -> Vec<(String, String, Option<String>)> {
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

#[test]
fn an_upgraded_case_book_has_the_schema_of_a_new_one() {
    // The released migrations' SQL (now files) is the text that wrote the
    // fixture: an upgraded file and a new one cannot be told apart.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("casebook.sqlite3");
    std::fs::copy(fixture_path(), &copy).unwrap();
    let upgraded = Store::open(&copy).unwrap();
    let fresh = Store::open_in_memory().unwrap();
    assert_eq!(schema(upgraded.conn()), schema(fresh.conn()));
}

use super::inbox::{self, CaseFilter};
use super::*;
use crate::testing::now;

fn question(title: &str, asked_on: &str) -> QuestionInput {
    QuestionInput {
        title: title.into(),
        body: "面部抽搐 since yesterday.\nShould I see a neurologist?".into(),
        asker: Some("A Tian".into()),
        sex: Some(Sex::Female),
        age_range: Some("30-39".into()),
        asked_on: asked_on.into(),
        department: Some("Neurology".into()),
        tags: vec!["Facial Twitching".into(), "面部".into()],
        source: Some("web form".into()),
    }
}

#[test]
fn a_recorded_question_reads_back_exactly() {
    let mut store = Store::open_in_memory().unwrap();
    let input = question("臉抽動 facial twitch", "2026-02-28");
    let created = create(&mut store, &input, now()).unwrap();
    assert_eq!(created.status, CaseStatus::New);
    let read = get(store.conn(), created.id).unwrap();
    assert_eq!(read, created);
    assert_eq!(read.question.title, "臉抽動 facial twitch");
    assert_eq!(read.question.body, input.body);
    assert_eq!(read.question.tags, vec!["Facial Twitching", "面部"]);
    assert_eq!(read.question.sex, Some(Sex::Female));
    assert_eq!(read.created_at, "2026-03-01T09:30:00.000Z");
    assert!(read.reply.is_none());
}

#[test]
fn an_invalid_question_stores_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let err = create(&mut store, &question("", "2026-02-28"), now()).unwrap_err();
    assert_eq!(err.field(), Some("title"));
    let counts = inbox::status_counts(store.conn(), &CaseFilter::default()).unwrap();
    assert_eq!(counts.all, 0);
}

#[test]
fn text_that_looks_like_sql_is_stored_as_text() {
    let mut store = Store::open_in_memory().unwrap();
    let mut input = question("x'); DROP TABLE cases; --", "2026-02-28");
    input.department = Some("' OR 1=1 --".into());
    let id = create(&mut store, &input, now()).unwrap().id;
    assert_eq!(get(store.conn(), id).unwrap().question.title, input.title);
    let filter = CaseFilter {
        department: Some("' OR 1=1 --".into()),
        ..Default::default()
    };
    assert_eq!(inbox::list(store.conn(), &filter, 0, 10).unwrap().total, 1);
}

#[test]
fn editing_replaces_fields_and_tags() {
    let mut store = Store::open_in_memory().unwrap();
    let id = create(&mut store, &question("Twitch", "2026-02-28"), now())
        .unwrap()
        .id;
    let mut edited = question("Twitch, left eye", "2026-02-27");
    edited.tags = vec!["Eyelid Twitching".into()];
    edited.sex = None;
    let after = update(&mut store, id, &edited, now()).unwrap();
    assert_eq!(after.question.title, "Twitch, left eye");
    assert_eq!(after.question.tags, vec!["Eyelid Twitching"]);
    assert_eq!(after.question.sex, None);
    assert!(inbox::tags(store.conn()).unwrap() == vec!["Eyelid Twitching"]);
}

#[test]
fn a_case_with_a_reply_can_be_neither_edited_nor_deleted() {
    let mut store = Store::open_in_memory().unwrap();
    let id = create(&mut store, &question("Twitch", "2026-02-28"), now())
        .unwrap()
        .id;
    let reply = Reply {
        body: "Rest and hydrate.".into(),
        clinician: Some("Dr. Jiang".into()),
        affiliation: None,
        signature: None,
        replied_on: None,
        more_info: None,
        locked_at: Some(now().stamp()),
    };
    crate::replies::table::insert_reply(store.conn(), id, &reply, now()).unwrap();
    let e = update(&mut store, id, &question("Changed", "2026-02-28"), now()).unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::Conflict);
    let e = delete(&mut store, id).unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::Conflict);
    // Not only the code: the database refuses to touch a locked reply.
    let sql = store
        .conn()
        .execute("UPDATE replies SET body = 'x' WHERE case_id = ?1", [id]);
    assert!(sql.unwrap_err().to_string().contains("reply is locked"));
    let sql = store
        .conn()
        .execute("DELETE FROM cases WHERE id = ?1", [id]);
    assert!(sql.is_err(), "a case with a reply survives a raw DELETE");
    assert_eq!(
        get(store.conn(), id).unwrap().reply.unwrap().body,
        "Rest and hydrate."
    );
}

#[test]
fn deleting_a_new_case_removes_it_and_its_tags() {
    let mut store = Store::open_in_memory().unwrap();
    let id = create(&mut store, &question("Twitch", "2026-02-28"), now())
        .unwrap()
        .id;
    delete(&mut store, id).unwrap();
    assert_eq!(
        get(store.conn(), id).unwrap_err().code(),
        crate::ErrorCode::NotFound
    );
    assert!(inbox::tags(store.conn()).unwrap().is_empty());
    assert_eq!(
        delete(&mut store, id).unwrap_err().code(),
        crate::ErrorCode::NotFound
    );
}

#[test]
fn the_inbox_is_newest_first_paged_filtered_and_counted() {
    let mut store = Store::open_in_memory().unwrap();
    for day in 1..=9 {
        let mut q = question(&format!("Case {day}"), &format!("2026-02-0{day}"));
        if day % 3 == 0 {
            q.department = Some("Family Medicine".into());
            q.tags = vec!["Headache".into()];
        }
        create(&mut store, &q, now()).unwrap();
    }
    let all = CaseFilter::default();
    let page = inbox::list(store.conn(), &all, 0, 4).unwrap();
    assert_eq!(page.total, 9);
    let titles: Vec<_> = page.items.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["Case 9", "Case 8", "Case 7", "Case 6"]);
    let last = inbox::list(store.conn(), &all, 8, 4).unwrap();
    assert_eq!(last.items.len(), 1);
    assert_eq!(last.items[0].title, "Case 1");
    assert!(last.items[0]
        .excerpt
        .starts_with("面部抽搐 since yesterday. Should"));

    let family = CaseFilter {
        department: Some("Family Medicine".into()),
        ..Default::default()
    };
    assert_eq!(inbox::list(store.conn(), &family, 0, 50).unwrap().total, 3);
    let headache = CaseFilter {
        tag: Some("Headache".into()),
        status: Some(CaseStatus::New),
        ..Default::default()
    };
    let page = inbox::list(store.conn(), &headache, 0, 50).unwrap();
    assert_eq!(
        page.items.iter().map(|c| &c.title[..]).collect::<Vec<_>>(),
        ["Case 9", "Case 6", "Case 3"]
    );
    let answered = CaseFilter {
        status: Some(CaseStatus::Answered),
        ..Default::default()
    };
    assert_eq!(
        inbox::list(store.conn(), &answered, 0, 50).unwrap().total,
        0
    );

    let counts = inbox::status_counts(store.conn(), &headache).unwrap();
    assert_eq!((counts.new, counts.answered, counts.all), (3, 0, 3));
    assert_eq!(
        inbox::departments(store.conn()).unwrap(),
        vec!["Family Medicine", "Neurology"]
    );
}

#[test]
fn departments_list_each_name_once_in_order_like_a_distinct_scan() {
    let mut store = Store::open_in_memory().unwrap();
    let mut lines = crate::synthetic::jsonl(5, 300);
    lines.push_str(
        r#"{"question":{"title":"眼皮跳","body":"左眼皮一直跳。","asked_on":"2024-05-01","department":"神經科"}}"#,
    );
    crate::import::import_jsonl(&mut store, lines.as_bytes(), now()).unwrap();
    let mut stmt = store
        .conn()
        .prepare("SELECT DISTINCT department FROM cases WHERE department IS NOT NULL ORDER BY department")
        .unwrap();
    let distinct: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(distinct.len() > 3, "{distinct:?}");
    assert!(distinct.iter().any(|d| !d.is_ascii()), "{distinct:?}");
    assert_eq!(inbox::departments(store.conn()).unwrap(), distinct);
}

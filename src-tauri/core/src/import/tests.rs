use super::*;
use crate::cases::inbox;
use crate::testing::now;

const GOOD: &str = r#"{"external_id": "x:1", "status": "answered", "question": {"title": "Twitch", "body": "  Doctor,\n my eye twitches.  ", "asked_on": "2023-02-02", "tags": ["Eyelid"]}, "reply": {"body": "Rest.", "clinician": "Dr. Jiang", "replied_on": "2023-02-03"}, "follow_ups": [{"due_on": "2023-02-09", "reason": "check", "state": "pending"}]}"#;

fn count(store: &Store) -> u32 {
    inbox::status_counts(store.conn(), &Default::default())
        .unwrap()
        .all
}

#[test]
fn a_good_line_is_stored_exactly_and_locked() {
    let mut store = Store::open_in_memory().unwrap();
    let report = import_jsonl(&mut store, GOOD.as_bytes(), now()).unwrap();
    assert_eq!(
        report,
        ImportReport {
            imported: 1,
            already_present: 0,
            invalid: vec![]
        }
    );
    let id = cases::find_by_external_id(store.conn(), "x:1")
        .unwrap()
        .unwrap();
    let case = cases::get(store.conn(), id).unwrap();
    assert_eq!(case.question.body, "  Doctor,\n my eye twitches.  ");
    assert_eq!(case.status, CaseStatus::Answered);
    assert!(case.reply.unwrap().locked_at.is_some());
    let due: String = store
        .conn()
        .query_row(
            "SELECT due_on FROM follow_ups WHERE case_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(due, "2023-02-09");
}

#[test]
fn reimporting_the_same_external_id_does_not_duplicate() {
    let mut store = Store::open_in_memory().unwrap();
    import_jsonl(&mut store, GOOD.as_bytes(), now()).unwrap();
    let twice = format!("{GOOD}\n{GOOD}\n");
    let report = import_jsonl(&mut store, twice.as_bytes(), now()).unwrap();
    assert_eq!((report.imported, report.already_present), (0, 2));
    assert_eq!(count(&store), 1);
}

#[test]
fn a_reused_external_id_with_different_content_is_reported_not_dropped() {
    let other = GOOD.replace("Twitch", "Headache");
    let file = format!("{GOOD}\n{other}\n{GOOD}\n");
    let mut store = Store::open_in_memory().unwrap();
    let plan = check(store.conn(), file.as_bytes(), now().today).unwrap();
    assert_eq!(plan.ready.len(), 1);
    assert_eq!(plan.already_present, vec![3]);
    assert_eq!(plan.invalid.len(), 1);
    assert_eq!(plan.invalid[0].line, 2);
    assert!(
        plan.invalid[0]
            .render(crate::Lang::En)
            .contains("also used on line 1"),
        "{:?}",
        plan.invalid
    );
    apply(&mut store, &plan, now()).unwrap();
    assert_eq!(count(&store), 1);
}

#[test]
fn every_bad_line_is_reported_by_number_and_nothing_of_it_is_stored() {
    let huge = "x".repeat(10 * 1024 * 1024);
    let lines: Vec<Vec<u8>> = vec![
        GOOD.replace("x:1", "x:ok").into_bytes(),
        b"{not json".to_vec(),
        br#"{"question": {"title": "t", "asked_on": "2023-02-02"}}"#.to_vec(),
        br#"{"question": {"title": "t", "body": "b", "asked_on": "2023-02-02", "mood": "x"}}"#.to_vec(),
        br#"{"question": {"title": "t", "body": "b", "asked_on": "2023-02-30"}}"#.to_vec(),
        b"{\"question\": {\"title\": \"\xff\"}}".to_vec(),
        format!(r#"{{"question": {{"title": "t", "body": "{huge}", "asked_on": "2023-02-02"}}}}"#).into_bytes(),
        br#"{"status": "answered", "question": {"title": "t", "body": "b", "asked_on": "2023-02-02"}}"#.to_vec(),
        b"".to_vec(),
    ];
    let file = lines.join(&b'\n');
    let mut store = Store::open_in_memory().unwrap();
    let plan = check(store.conn(), &file, now().today).unwrap();
    let problems: Vec<(u32, String)> = plan
        .invalid
        .iter()
        .map(|p| (p.line, p.render(crate::Lang::En)))
        .collect();
    let expect = [
        (2, "Not a valid case record"),
        (3, "missing field `body`"),
        (4, "unknown field `mood`"),
        (5, "not a real calendar date"),
        (6, "Not valid UTF-8"),
        (7, "the limit is 200000"),
        (8, "needs a reply"),
    ];
    assert_eq!(problems.len(), expect.len(), "{problems:?}");
    for ((line, message), (want_line, words)) in problems.iter().zip(expect) {
        assert_eq!(*line, want_line);
        assert!(message.contains(words), "line {line}: {message}");
    }
    let report = apply(&mut store, &plan, now()).unwrap();
    assert_eq!(report.imported, 1);
    assert_eq!(count(&store), 1);
}

#[test]
fn a_failing_apply_writes_nothing_at_all() {
    // Checked while x:2 was new; stored by someone else before apply: the
    // UNIQUE external_id makes the second insert fail, and the whole import
    // rolls back, the first case included.
    let first = GOOD.replace("x:1", "x:2");
    let file = format!("{GOOD}\n{first}\n");
    let mut store = Store::open_in_memory().unwrap();
    let plan = check(store.conn(), file.as_bytes(), now().today).unwrap();
    assert_eq!(plan.ready.len(), 2);
    import_jsonl(&mut store, first.as_bytes(), now()).unwrap();
    assert_eq!(count(&store), 1);
    assert!(apply(&mut store, &plan, now()).is_err());
    assert_eq!(count(&store), 1);
}

#[test]
fn addenda_are_checked_and_kept_with_their_dates() {
    let with = |addenda: &str| {
        GOOD.replace(
            r#""follow_ups""#,
            &format!(r#""addenda": {addenda}, "follow_ups""#),
        )
    };
    let good = with(
        r#"[{"body": "Also rest.", "clinician": "Dr. Jiang", "created_at": "2023-02-05T01:02:03.000Z"}]"#,
    );
    let bad_date =
        with(r#"[{"body": "Also rest.", "created_at": "yesterday"}]"#).replace("x:1", "x:3");
    let empty =
        with(r#"[{"body": " ", "created_at": "2023-02-05T01:02:03Z"}]"#).replace("x:1", "x:4");
    let unknown = with(r#"[{"body": "b", "created_at": "2023-02-05T01:02:03Z", "mood": 1}]"#)
        .replace("x:1", "x:5");
    let file = [good.as_str(), &bad_date, &empty, &unknown].join("\n");
    let mut store = Store::open_in_memory().unwrap();
    let report = import_jsonl(&mut store, file.as_bytes(), now()).unwrap();
    assert_eq!(report.imported, 1);
    let lines: Vec<u32> = report.invalid.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![2, 3, 4], "{:?}", report.invalid);
    assert!(report.invalid[0]
        .render(crate::Lang::En)
        .contains("addenda.created_at"));
    assert!(report.invalid[2]
        .render(crate::Lang::En)
        .contains("unknown field `mood`"));
    let id = cases::find_by_external_id(store.conn(), "x:1")
        .unwrap()
        .unwrap();
    let addenda = crate::replies::addenda(store.conn(), id).unwrap();
    assert_eq!(addenda.len(), 1);
    assert_eq!(addenda[0].created_at, "2023-02-05T01:02:03.000Z");
}

#[test]
fn each_imported_case_records_its_file_and_line_in_the_audit_trail() {
    let mut store = Store::open_in_memory().unwrap();
    crate::profile::set(
        store.conn(),
        &crate::profile::ClinicianProfile {
            name: "Jiang Junyi".into(),
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    let text = format!("\n{GOOD}\n");
    let plan = check_file(
        store.conn(),
        std::path::Path::new("/exports/clinic.jsonl"),
        text.as_bytes(),
        now().today,
    )
    .unwrap();
    assert_eq!(plan.source.as_deref(), Some("clinic.jsonl"));
    apply(&mut store, &plan, now()).unwrap();
    let id = cases::find_by_external_id(store.conn(), "x:1")
        .unwrap()
        .unwrap();
    let events = crate::audit::list(store.conn(), id).unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].kind, crate::audit::AuditKind::Imported);
    assert_eq!(events[0].detail, "clinic.jsonl, line 2");
    assert_eq!(events[0].actor.as_deref(), Some("Jiang Junyi"));
}

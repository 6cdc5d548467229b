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
            invalid: vec![],
            cancelled: false,
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

/// GOOD with its first follow-up replaced by `follow_up` (JSON).
fn with_follow_up(follow_up: &str) -> String {
    GOOD.replace(
        r#"{"due_on": "2023-02-09", "reason": "check", "state": "pending"}"#,
        follow_up,
    )
}

/// The one problem of a one-line file.
fn problem(line: &str) -> String {
    let store = Store::open_in_memory().unwrap();
    let plan = check(store.conn(), line.as_bytes(), now().today).unwrap();
    assert!(plan.ready.is_empty(), "accepted: {line}");
    assert_eq!(plan.invalid.len(), 1);
    let p = &plan.invalid[0];
    match &p.field {
        Some(field) => format!("{field}: {}", p.message),
        None => p.message.to_string(),
    }
}

#[test]
fn an_imported_reply_has_the_length_limit_of_a_draft() {
    let long = "字".repeat(crate::replies::MAX_BODY_CHARS + 1);
    let line = GOOD.replace(r#""body": "Rest.""#, &format!(r#""body": "{long}""#));
    let message = problem(&line);
    assert!(message.starts_with("reply.body:"), "{message}");
    // Exactly at the limit is accepted, as for a draft.
    let exact = "字".repeat(crate::replies::MAX_BODY_CHARS);
    let line = GOOD.replace(r#""body": "Rest.""#, &format!(r#""body": "{exact}""#));
    let store = Store::open_in_memory().unwrap();
    assert_eq!(
        check(store.conn(), line.as_bytes(), now().today)
            .unwrap()
            .ready
            .len(),
        1
    );
}

#[test]
fn an_imported_follow_up_time_is_the_strict_hh_mm_of_the_dialog() {
    let line = with_follow_up(r#"{"due_on": "2023-02-09", "due_time": "9:05"}"#);
    let message = problem(&line);
    assert!(message.starts_with("follow_ups.due_time:"), "{message}");
    let line = with_follow_up(r#"{"due_on": "2023-02-09", "due_time": "09:05"}"#);
    let store = Store::open_in_memory().unwrap();
    let plan = check(store.conn(), line.as_bytes(), now().today).unwrap();
    assert_eq!(
        plan.ready[0].follow_ups[0].due_time.as_deref(),
        Some("09:05")
    );
}

#[test]
fn an_imported_follow_up_reason_has_the_dialogs_limit() {
    let reason = "x".repeat(crate::followups::MAX_REASON + 1);
    let line = with_follow_up(&format!(
        r#"{{"due_on": "2023-02-09", "reason": "{reason}"}}"#
    ));
    let message = problem(&line);
    assert!(message.starts_with("follow_ups.reason:"), "{message}");
}

#[test]
fn an_imported_follow_up_due_before_the_question_is_accepted_as_recorded() {
    // The dialog would ask; an imported record has no one to ask, so it is
    // kept as the source kept it (see the module comment), for every reader.
    let line = with_follow_up(r#"{"due_on": "2023-01-15", "reason": "earlier"}"#);
    let mut store = Store::open_in_memory().unwrap();
    let report = import_jsonl(&mut store, line.as_bytes(), now()).unwrap();
    assert_eq!(report.imported, 1, "{report:?}");
    let id = cases::find_by_external_id(store.conn(), "x:1")
        .unwrap()
        .unwrap();
    let f = crate::followups::list_for_case(store.conn(), id).unwrap();
    assert_eq!(f[0].due_on.to_string(), "2023-01-15");
    // The dialog itself still refuses it without confirmation.
    let input = crate::followups::FollowUpInput {
        due_on: "2023-01-15".into(),
        due_time: None,
        reason: String::new(),
        confirm_before_asked: false,
    };
    let err = crate::followups::add(&mut store, id, &input, now()).unwrap_err();
    assert_eq!(err.field(), Some("due_on"));
}

#[test]
fn imported_addenda_are_indexed_once_with_their_case_not_one_by_one() {
    // Inside a bulk write an addendum only notes its case; the index is
    // brought up to date when the batch closes.
    let mut store = Store::open_in_memory().unwrap();
    let line = GOOD.replace(
        r#""follow_ups""#,
        r#""addenda": [{"body": "Addendum about zygomycosis.", "created_at": "2023-02-04T08:00:00Z"}], "follow_ups""#,
    );
    let plan = check(store.conn(), line.as_bytes(), now().today).unwrap();
    assert_eq!(plan.ready.len(), 1, "{:?}", plan.invalid);
    let indexed_during_batch = store
        .with_tx(|tx| {
            crate::search::batched(tx, |tx| {
                let case = &plan.ready[0];
                let id = cases::insert(tx, case.status, &case.question, now())?;
                let a = &case.addenda[0];
                replies::insert_addendum(tx, id, &a.body, None, &a.created_at)?;
                let n: i64 = tx.query_row(
                    "SELECT count(*) FROM search_index WHERE rowid = ?1",
                    [id],
                    |r| r.get(0),
                )?;
                Ok(n)
            })
        })
        .unwrap();
    assert_eq!(indexed_during_batch, 0);
    // …and after the batch, the addendum's words are found.
    let hits = crate::search::search(
        store.conn(),
        &crate::search::SearchRequest {
            query: "zygomycosis".into(),
            ..Default::default()
        },
        10,
    )
    .unwrap()
    .hits;
    assert_eq!(hits.len(), 1);
}

#[test]
fn a_cancelled_import_writes_nothing_and_says_so() {
    let mut store = Store::open_in_memory().unwrap();
    let lines: String = (0..1200)
        .map(|i| GOOD.replace("x:1", &format!("x:{i}")) + "\n")
        .collect();
    let plan = check(store.conn(), lines.as_bytes(), now().today).unwrap();
    let before = count(&store);
    let cancel = AtomicBool::new(false);
    // Cancelled from the progress report after 500 cases, as the dialog's button does.
    let report = apply_with_progress(
        &mut store,
        &plan,
        now(),
        &|p| {
            if p.done >= 500 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    )
    .unwrap();
    assert!(report.cancelled);
    assert_eq!(report.imported, 0);
    assert_eq!(count(&store), before);
    let indexed: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM search_index", [], |r| r.get(0))
        .unwrap();
    assert_eq!(indexed, i64::from(before));
    // Not cancelled, the same plan goes in whole.
    let report =
        apply_with_progress(&mut store, &plan, now(), &|_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!((report.imported, report.cancelled), (1200, false));
}

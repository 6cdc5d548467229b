use chrono::{FixedOffset, NaiveDate, TimeZone, Utc};

use super::due::{self, bucket_of, DueBucket};
use super::ics::{self, CalendarExport};
use super::reminders;
use super::*;
use crate::cases::{self, QuestionInput};
use crate::testing::now;
use crate::ErrorCode;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn on(today: &str) -> Now {
    Now {
        today: date(today),
        ..now()
    }
}

fn new_case(store: &mut Store, title: &str, asked_on: &str) -> i64 {
    let input = QuestionInput {
        title: title.into(),
        body: "My face twitches.".into(),
        asker: Some("A Tian".into()),
        sex: None,
        age_range: None,
        asked_on: asked_on.into(),
        department: Some("Neurology".into()),
        tags: vec![],
        source: None,
    };
    cases::create(store, &input, on("2026-12-31")).unwrap().id
}

fn input(due_on: &str, reason: &str) -> FollowUpInput {
    FollowUpInput {
        due_on: due_on.into(),
        due_time: None,
        reason: reason.into(),
        confirm_before_asked: false,
    }
}

fn bucket_names(list: &due::DueList) -> Vec<(DueBucket, Vec<String>)> {
    list.groups
        .iter()
        .map(|g| (g.bucket, g.items.iter().map(|i| i.reason.clone()).collect()))
        .collect()
}

#[test]
fn a_follow_up_reads_back_and_is_listed_with_its_case() {
    let mut store = Store::open_in_memory().unwrap();
    let case = new_case(&mut store, "Twitch", "2026-02-02");
    let mut typed = input("2026-02-09", "  check twitching  ");
    typed.due_time = Some("09:30".into());
    let f = add(&mut store, case, &typed, on("2026-02-02")).unwrap();
    assert_eq!(f.due_on, date("2026-02-09"));
    assert_eq!(f.due_time.as_deref(), Some("09:30"));
    assert_eq!(f.reason, "check twitching");
    assert_eq!(f.state, FollowUpState::Pending);
    assert_eq!(list_for_case(store.conn(), case).unwrap(), vec![f]);
}

#[test]
fn impossible_dates_and_times_are_refused_with_the_field() {
    let mut store = Store::open_in_memory().unwrap();
    let case = new_case(&mut store, "Twitch", "2026-01-02");
    for bad in ["2026-02-30", "2025-02-29", "2026-13-01", "09/02/2026", ""] {
        let err = add(&mut store, case, &input(bad, "x"), now()).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (ErrorCode::Invalid, Some("due_on")),
            "{bad}"
        );
    }
    let msg = add(&mut store, case, &input("2026-02-30", "x"), now())
        .unwrap_err()
        .to_string();
    assert!(msg.contains("not a real calendar date"), "{msg}");
    for bad in ["24:00", "9:30", "09:60", "noon"] {
        let mut typed = input("2026-02-09", "x");
        typed.due_time = Some(bad.into());
        let err = add(&mut store, case, &typed, now()).unwrap_err();
        assert_eq!(err.field(), Some("due_time"), "{bad}");
    }
    let err = add(
        &mut store,
        case,
        &input("2026-02-09", &"x".repeat(1001)),
        now(),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("reason"));
    assert!(list_for_case(store.conn(), case).unwrap().is_empty());
}

#[test]
fn a_date_before_the_question_needs_confirmation() {
    let mut store = Store::open_in_memory().unwrap();
    let case = new_case(&mut store, "Twitch", "2026-02-02");
    let err = add(&mut store, case, &input("2026-02-01", "x"), now()).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        (ErrorCode::Invalid, Some("due_on"))
    );
    assert!(err.to_string().contains("before the question was asked"));
    // The day it was asked is fine; earlier only with the clinician's say-so.
    add(&mut store, case, &input("2026-02-02", "same day"), now()).unwrap();
    let mut confirmed = input("2026-02-01", "x");
    confirmed.confirm_before_asked = true;
    add(&mut store, case, &confirmed, now()).unwrap();
}

#[test]
fn a_follow_up_needs_an_existing_case_and_goes_with_it() {
    let mut store = Store::open_in_memory().unwrap();
    let err = add(&mut store, 999, &input("2026-02-09", "x"), now()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    // The database refuses an orphan even when the code is bypassed.
    let orphan = store.conn().execute(
        "INSERT INTO follow_ups (case_id, due_on, state, created_at, updated_at)
         VALUES (999, '2026-02-09', 'pending', 'x', 'x')",
        [],
    );
    assert!(orphan.is_err());

    let case = new_case(&mut store, "Twitch", "2026-02-02");
    let f = add(&mut store, case, &input("2026-02-09", "x"), now()).unwrap();
    update(&mut store, f.id, &input("2026-02-10", "x"), now()).unwrap();
    cases::delete(&mut store, case).unwrap();
    let left: i64 = store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM follow_ups) + (SELECT count(*) FROM follow_up_history)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
    assert_eq!(
        get(store.conn(), f.id).unwrap_err().code(),
        ErrorCode::NotFound
    );
}

#[test]
fn rescheduling_keeps_every_earlier_date() {
    let mut store = Store::open_in_memory().unwrap();
    let case = new_case(&mut store, "Twitch", "2026-02-02");
    let f = add(&mut store, case, &input("2026-02-09", "check"), now()).unwrap();
    // Changing only the reason is an edit, not a reschedule.
    let f = update(
        &mut store,
        f.id,
        &input("2026-02-09", "check eyelid"),
        now(),
    )
    .unwrap();
    assert!(f.history.is_empty());
    let later = Now {
        utc: Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap(),
        ..now()
    };
    update(
        &mut store,
        f.id,
        &input("2026-02-16", "check eyelid"),
        now(),
    )
    .unwrap();
    let mut timed = input("2026-02-16", "check eyelid");
    timed.due_time = Some("14:00".into());
    let f = update(&mut store, f.id, &timed, later).unwrap();
    assert_eq!(f.due_on, date("2026-02-16"));
    assert_eq!(f.reason, "check eyelid");
    let moves: Vec<_> = f
        .history
        .iter()
        .map(|h| {
            (
                h.from_on.to_string(),
                h.from_time.clone(),
                h.to_on.to_string(),
                h.to_time.clone(),
            )
        })
        .collect();
    assert_eq!(
        moves,
        vec![
            ("2026-02-09".into(), None, "2026-02-16".into(), None),
            (
                "2026-02-16".into(),
                None,
                "2026-02-16".into(),
                Some("14:00".into())
            ),
        ]
    );
    assert_eq!(f.history[1].changed_at, "2026-03-02T08:00:00.000Z");
}

#[test]
fn done_and_cancelled_follow_ups_are_never_due() {
    let mut store = Store::open_in_memory().unwrap();
    let case = new_case(&mut store, "Twitch", "2026-01-02");
    let today = on("2026-03-01");
    let overdue = add(&mut store, case, &input("2026-02-01", "overdue"), today).unwrap();
    let due_today = add(&mut store, case, &input("2026-03-01", "today"), today).unwrap();
    add(&mut store, case, &input("2026-03-03", "soon"), today).unwrap();
    set_state(&mut store, overdue.id, FollowUpState::Done, today).unwrap();
    set_state(&mut store, due_today.id, FollowUpState::Cancelled, today).unwrap();

    let counts = due::due_counts(store.conn(), today.today).unwrap();
    assert_eq!((counts.overdue, counts.today), (0, 0));
    let list = due::due_list(store.conn(), today.today, 50).unwrap();
    assert_eq!(
        bucket_names(&list),
        vec![
            (DueBucket::Overdue, vec![]),
            (DueBucket::Today, vec![]),
            (DueBucket::ThisWeek, vec!["soon".to_string()]),
            (DueBucket::Later, vec![]),
            (DueBucket::Done, vec!["overdue".to_string()]),
        ]
    );
    assert!(reminders::startup_summary(store.conn(), today.today)
        .unwrap()
        .is_none());
    let from = date("2026-01-01").and_hms_opt(0, 0, 0).unwrap();
    let to = date("2026-03-02").and_hms_opt(0, 0, 0).unwrap();
    assert!(reminders::came_due(store.conn(), from, to)
        .unwrap()
        .is_empty());
    let (text, n) = ics::calendar(store.conn(), &CalendarExport::default(), today).unwrap();
    assert_eq!((n, text.matches("BEGIN:VEVENT").count()), (1, 1));
    assert_eq!(
        next_pending(store.conn(), case).unwrap(),
        Some(date("2026-03-03"))
    );

    // A reopened follow-up is due again; a done one cannot be edited.
    let err = update(&mut store, overdue.id, &input("2026-03-05", "x"), today).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    set_state(&mut store, overdue.id, FollowUpState::Pending, today).unwrap();
    assert_eq!(
        due::due_counts(store.conn(), today.today).unwrap().overdue,
        1
    );
    assert_eq!(
        next_pending(store.conn(), case).unwrap(),
        Some(date("2026-02-01"))
    );
}

#[test]
fn buckets_follow_the_calendar_across_midnight_month_ends_and_leap_days() {
    use FollowUpState::Pending;
    let cases = [
        // today, due, bucket
        ("2026-03-01", "2026-02-28", DueBucket::Overdue), // the day before, across a month end
        ("2026-03-01", "2026-03-01", DueBucket::Today),
        ("2026-03-01", "2026-03-08", DueBucket::ThisWeek), // "in 1 week"
        ("2026-03-01", "2026-03-09", DueBucket::Later),
        ("2026-01-31", "2026-02-01", DueBucket::ThisWeek),
        ("2026-12-31", "2027-01-01", DueBucket::ThisWeek), // year end
        ("2027-01-01", "2026-12-31", DueBucket::Overdue),
        ("2028-02-28", "2028-02-29", DueBucket::ThisWeek), // leap day
        ("2028-02-29", "2028-02-29", DueBucket::Today),
        ("2028-03-01", "2028-02-29", DueBucket::Overdue),
        ("2028-02-29", "2028-03-07", DueBucket::ThisWeek),
        ("2028-02-29", "2028-03-08", DueBucket::Later),
    ];
    let mut store = Store::open_in_memory().unwrap();
    let case = new_case(&mut store, "Twitch", "2026-01-01");
    for (today, due_on, expected) in cases {
        assert_eq!(
            bucket_of(date(due_on), Pending, date(today)),
            Some(expected),
            "{due_on} seen on {today}"
        );
        // The stored list agrees with the rule.
        let f = add(&mut store, case, &input(due_on, due_on), on(today)).unwrap();
        let list = due::due_list(store.conn(), date(today), 100).unwrap();
        let group = list.groups.iter().find(|g| g.bucket == expected).unwrap();
        assert!(
            group.items.iter().any(|i| i.id == f.id),
            "{due_on} seen on {today} should be {expected:?}"
        );
        set_state(&mut store, f.id, FollowUpState::Cancelled, on(today)).unwrap();
    }
    assert_eq!(
        bucket_of(
            date("2026-01-01"),
            FollowUpState::Cancelled,
            date("2026-03-01")
        ),
        None
    );
}

#[test]
fn midnight_moves_a_follow_up_from_today_to_overdue() {
    let mut store = Store::open_in_memory().unwrap();
    let case = new_case(&mut store, "Twitch", "2026-01-01");
    add(
        &mut store,
        case,
        &input("2026-03-31", "x"),
        on("2026-03-01"),
    )
    .unwrap();
    // 23:59:59 and 00:00:00 local, as the app's clock would pass them in.
    let offset = FixedOffset::east_opt(8 * 3600).unwrap();
    let before = Now::in_zone(offset.with_ymd_and_hms(2026, 3, 31, 23, 59, 59).unwrap());
    let after = Now::in_zone(offset.with_ymd_and_hms(2026, 4, 1, 0, 0, 0).unwrap());
    let counts = |n: Now| due::due_counts(store.conn(), n.today).unwrap();
    assert_eq!((counts(before).overdue, counts(before).today), (0, 1));
    assert_eq!((counts(after).overdue, counts(after).today), (1, 0));
}

#[test]
fn today_is_the_clinicians_local_date_not_utcs() {
    // 16:30 UTC on 9 March is 00:30 on 10 March in Taipei (UTC+8, no DST).
    let instant = Utc.with_ymd_and_hms(2026, 3, 9, 16, 30, 0).unwrap();
    let taipei = Now::in_zone(instant.with_timezone(&FixedOffset::east_opt(8 * 3600).unwrap()));
    let utc = Now::in_zone(instant);
    let new_york = Now::in_zone(instant.with_timezone(&FixedOffset::west_opt(4 * 3600).unwrap()));
    assert_eq!(taipei.utc, instant);
    assert_eq!(taipei.today, date("2026-03-10"));
    assert_eq!(
        (utc.today, new_york.today),
        (date("2026-03-09"), date("2026-03-09"))
    );

    let mut store = Store::open_in_memory().unwrap();
    let case = new_case(&mut store, "Twitch", "2026-03-01");
    add(&mut store, case, &input("2026-03-10", "check"), taipei).unwrap();
    let in_taipei = due::due_counts(store.conn(), taipei.today).unwrap();
    let in_utc = due::due_counts(store.conn(), utc.today).unwrap();
    assert_eq!(in_taipei.today, 1, "due today in Taipei at 00:30");
    assert_eq!(in_utc.today, 0, "still tomorrow in UTC");
}

#[test]
fn reminders_summarise_at_start_up_and_name_no_patient() {
    let mut store = Store::open_in_memory().unwrap();
    let case = new_case(&mut store, "Twitch", "2026-01-01");
    let today = on("2026-03-01");
    for d in ["2026-02-01", "2026-02-02", "2026-02-03", "2026-03-01"] {
        add(&mut store, case, &input(d, "check"), today).unwrap();
    }
    let summary = reminders::startup_summary(store.conn(), today.today)
        .unwrap()
        .unwrap();
    assert_eq!(
        summary.body.to_string(),
        "3 follow-ups overdue, 1 follow-up due today. Open Follow-ups to see them."
    );

    let mut timed = input("2026-03-02", "call back");
    timed.due_time = Some("09:30".into());
    add(&mut store, case, &timed, today).unwrap();
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let due = |a: &str, b: &str| reminders::came_due(store.conn(), at(a), at(b)).unwrap();
    assert!(due("2026-03-02 09:00", "2026-03-02 09:29").is_empty());
    let one = due("2026-03-02 09:29", "2026-03-02 09:30");
    assert_eq!(one.len(), 1);
    let r = reminders::reminder_for(&one).unwrap();
    assert_eq!(r.body.to_string(), format!("Case {case}: call back"));
    assert!(!r.body.to_string().contains("A Tian"));
    assert!(
        due("2026-03-02 09:30", "2026-03-02 10:00").is_empty(),
        "once only"
    );
    // A date-only follow-up comes due at the start of its day.
    assert_eq!(due("2026-02-28 23:59", "2026-03-01 00:00").len(), 1);
    let many = due("2026-01-31 12:00", "2026-03-02 12:00");
    assert_eq!(many.len(), 5);
    assert_eq!(
        reminders::reminder_for(&many).unwrap().title.to_string(),
        "Follow-ups due"
    );
}

#[test]
fn the_calendar_names_no_patient_unless_asked() {
    let mut store = Store::open_in_memory().unwrap();
    let case = new_case(&mut store, "Twitch", "2026-01-01");
    let other = new_case(&mut store, "Tremor", "2026-01-01");
    let mut timed = input("2026-03-02", "call back; re-check, eyelid\nand cheek");
    timed.due_time = Some("09:30".into());
    add(&mut store, case, &timed, now()).unwrap();
    add(&mut store, other, &input("2026-03-05", "tremor"), now()).unwrap();
    let mine = CalendarExport {
        case_id: Some(case),
        include_names: false,
    };
    let (text, n) = ics::calendar(store.conn(), &mine, now()).unwrap();
    assert_eq!(n, 1);
    assert!(
        !text.contains("A Tian") && !text.contains("Twitch"),
        "{text}"
    );
    assert!(text.contains("DTSTART:20260302T093000\r\n"), "{text}");
    assert!(text.contains("DTSTAMP:20260301T093000Z\r\n"), "{text}");
    let named = CalendarExport {
        include_names: true,
        ..mine
    };
    let (text, _) = ics::calendar(store.conn(), &named, now()).unwrap();
    assert!(text.contains("A Tian") && text.contains("Twitch"), "{text}");
    let (all, n) = ics::calendar(store.conn(), &CalendarExport::default(), now()).unwrap();
    assert_eq!(n, 2);
    assert!(all.contains("DTSTART;VALUE=DATE:20260305\r\n"), "{all}");
    assert!(all.contains("DTEND;VALUE=DATE:20260306\r\n"), "{all}");
    let missing = CalendarExport {
        case_id: Some(999),
        include_names: false,
    };
    assert_eq!(
        ics::calendar(store.conn(), &missing, now())
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
}

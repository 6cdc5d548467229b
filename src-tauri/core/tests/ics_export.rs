//! The `.ics` export read back by an independent parser: Python's `icalendar`
//! package (Debian `python3-icalendar`), through `tests/ics_check.py`. One
//! VEVENT per pending follow-up, with the right date, and nothing for done or
//! cancelled ones. Skipped, with a message, only when there is no python3.

use std::path::Path;
use std::process::Command;

use casebook_core::cases::{self, QuestionInput};
use casebook_core::followups::ics::{self, CalendarExport};
use casebook_core::followups::{self, FollowUpInput, FollowUpState};
use casebook_core::{Now, Store};
use chrono::{NaiveDate, TimeZone, Utc};

fn now() -> Now {
    Now {
        utc: Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 0).unwrap(),
        today: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
    }
}

fn case(store: &mut Store, title: &str, asker: &str) -> i64 {
    let q = QuestionInput {
        title: title.into(),
        body: "Doctor, my eyelid twitches.".into(),
        asker: Some(asker.into()),
        sex: None,
        age_range: None,
        asked_on: "2026-02-02".into(),
        department: Some("Neurology".into()),
        tags: vec![],
        source: None,
    };
    cases::create(store, &q, now()).unwrap().id
}

fn follow_up(store: &mut Store, case: i64, due_on: &str, time: Option<&str>, reason: &str) -> i64 {
    let input = FollowUpInput {
        due_on: due_on.into(),
        due_time: time.map(str::to_string),
        reason: reason.into(),
        confirm_before_asked: false,
    };
    followups::add(store, case, &input, now()).unwrap().id
}

/// A python3 that can import icalendar; Debian's lives in /usr/bin.
fn python() -> Option<String> {
    let mut found_python = false;
    for candidate in ["/usr/bin/python3", "python3"] {
        let Ok(out) = Command::new(candidate)
            .args(["-c", "import icalendar"])
            .output()
        else {
            continue;
        };
        found_python = true;
        if out.status.success() {
            return Some(candidate.to_string());
        }
    }
    assert!(
        !found_python,
        "python3 is here but cannot import icalendar: install python3-icalendar \
         (apt-get install python3-icalendar; scripts/setup.sh test does it)"
    );
    None
}

#[test]
fn the_calendar_parses_with_an_independent_parser() {
    let Some(python) = python() else {
        eprintln!(
            "SKIPPED: no python3 on this machine, so the .ics export was not parsed independently"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_dir(dir.path()).unwrap();
    let tian = case(&mut store, "Facial twitching 面部抽搐", "A Tian");
    let lin = case(&mut store, "Hand tremor after coffee", "林小姐");
    let long = "Check whether the twitching has settled within a week; if not, \
                refer to neurology, and ask about caffeine, sleep, and stress: 咖啡因、睡眠、壓力。";
    follow_up(&mut store, tian, "2026-03-08", None, long);
    follow_up(
        &mut store,
        tian,
        "2028-02-29",
        Some("09:30"),
        "leap-day review",
    );
    let done = follow_up(&mut store, lin, "2026-03-03", None, "done already");
    let cancelled = follow_up(&mut store, lin, "2026-03-04", None, "cancelled");
    follow_up(&mut store, lin, "2026-03-31", Some("23:45"), "");
    followups::set_state(&mut store, done, FollowUpState::Done, now()).unwrap();
    followups::set_state(&mut store, cancelled, FollowUpState::Cancelled, now()).unwrap();

    let check = |export: CalendarExport, expected: serde_json::Value| {
        let file = dir.path().join("follow-ups.ics");
        let n = ics::write_calendar(store.conn(), &export, now(), &file).unwrap();
        assert_eq!(n as usize, expected.as_array().unwrap().len());
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ics_check.py");
        let out = Command::new(&python)
            .arg(&script)
            .arg(&file)
            .arg(expected.to_string())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "{text}\n{}",
            std::fs::read_to_string(&file).unwrap()
        );
        std::fs::read_to_string(&file).unwrap()
    };

    let all = check(
        CalendarExport::default(),
        serde_json::json!([
            {"start": "2026-03-08", "summary": format!("Follow-up: case {tian} — {long}")},
            {"start": "2026-03-31T23:45", "summary": format!("Follow-up: case {lin}")},
            {"start": "2028-02-29T09:30", "summary": format!("Follow-up: case {tian} — leap-day review")},
        ]),
    );
    assert!(!all.contains("Tian") && !all.contains("林小姐") && !all.contains("抽搐"));

    let named = check(
        CalendarExport {
            case_id: Some(lin),
            include_names: true,
        },
        serde_json::json!([
            {"start": "2026-03-31T23:45", "summary": format!("Follow-up: 林小姐, case {lin}")},
        ]),
    );
    assert!(named.contains("Hand tremor after coffee"));
}

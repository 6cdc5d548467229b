use std::sync::atomic::AtomicBool;

use super::records::{self, write_csv, write_jsonl, Written};
use super::*;
use crate::testing::now;
use crate::{demo, import, Now, Store};

/// After every demo case was asked (imports refuse questions from the future).
fn later() -> Now {
    Now {
        today: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        ..now()
    }
}

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    demo::load_if_fresh(&mut store, later()).unwrap();
    store
}

fn jsonl_of(store: &Store) -> Vec<u8> {
    let ids = records::all_ids(store.conn()).unwrap();
    let mut out = Vec::new();
    let w = write_jsonl(
        store.conn(),
        &ids,
        &mut out,
        &|_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(w, Written::Complete(ids.len() as u32));
    out
}

const WITH_ADDENDUM: &str = r#"{"external_id":"t:zh","status":"answered","question":{"title":"眼皮跳","body":"醫師您好，我左眼皮一直跳。","asked_on":"2024-05-01","tags":["眼皮","抽搐"]},"reply":{"body":"您好：建議減少咖啡因。","clinician":"江醫師","replied_on":"2024-05-02"},"follow_ups":[{"due_on":"2024-05-09","due_time":"10:30","reason":"回診","state":"pending"}],"addenda":[{"body":"補充：若持續兩週請回診。","clinician":"江醫師","created_at":"2024-05-03T08:00:00.000Z"}]}"#;

#[test]
fn the_seed_case_gathers_every_field_the_pdf_shows() {
    let store = demo_store();
    let id = crate::cases::find_by_external_id(store.conn(), "demo:facial-twitching")
        .unwrap()
        .unwrap();
    let print = gather(store.conn(), id).unwrap();
    assert_eq!(print.number, "demo:facial-twitching");
    assert_eq!(print.status, "Answered");
    assert_eq!(print.fields[0], ("Asked by".into(), "A Tian".into()));
    assert_eq!(print.fields[1].1, "Female, 30-39 years");
    let reply = print.reply.unwrap();
    assert_eq!(reply.body[0][0], "Hello Mr.");
    assert!(reply.more_info.unwrap().len() > 3);
    assert_eq!(case_number(7, None), "case-7");
}

#[test]
fn paragraphs_split_at_blank_lines_and_keep_lines() {
    assert_eq!(
        paragraphs("a\nb  \n\n\n c\n"),
        vec![vec!["a".to_string(), "b".into()], vec![" c".into()]]
    );
    assert!(paragraphs("  \n").is_empty());
}

#[test]
fn jsonl_export_import_export_is_byte_identical_with_addenda_and_follow_ups() {
    let mut store = demo_store();
    let report = import::import_jsonl(&mut store, WITH_ADDENDUM.as_bytes(), later()).unwrap();
    assert_eq!(report.imported, 1, "{report:?}");
    let first = jsonl_of(&store);
    assert!(String::from_utf8_lossy(&first).contains(r#""addenda":[{"body":"補充"#));

    let mut fresh = Store::open_in_memory().unwrap();
    let report = import::import_jsonl(&mut fresh, &first, later()).unwrap();
    assert!(report.invalid.is_empty(), "{report:?}");
    assert_eq!(jsonl_of(&fresh), first);
}

#[test]
fn csv_has_a_bom_a_documented_header_and_round_trips() {
    let mut store = demo_store();
    import::import_jsonl(&mut store, WITH_ADDENDUM.as_bytes(), later()).unwrap();
    let ids = records::all_ids(store.conn()).unwrap();
    let mut csv = Vec::new();
    write_csv(
        store.conn(),
        &ids,
        &mut csv,
        &|_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBFid,external_id,status,title,body,"));
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains("眼皮跳"));

    let mut fresh = Store::open_in_memory().unwrap();
    let plan = import::csv::check_csv(fresh.conn(), &csv, later().today).unwrap();
    assert!(plan.invalid.is_empty(), "{:?}", plan.invalid);
    assert_eq!(plan.ready.len(), ids.len());
    import::apply(&mut fresh, &plan, later()).unwrap();
    assert_eq!(jsonl_of(&fresh), jsonl_of(&store));
}

#[test]
fn csv_import_reports_bad_rows_by_line_and_unknown_columns() {
    let store = Store::open_in_memory().unwrap();
    let file = "title,body,asked_on,status\n\
                ok,\"two\nlines\",2024-01-01,new\n\
                bad,b,2024-02-30,new\n\
                x,y,2024-01-01,sleeping\n\
                ,b,2024-01-01,new\n";
    let plan = import::csv::check_csv(store.conn(), file.as_bytes(), now().today).unwrap();
    assert_eq!(plan.ready.len(), 1);
    let lines: Vec<u32> = plan.invalid.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![4, 5, 6], "{:?}", plan.invalid);
    assert!(plan.invalid[0]
        .render(crate::Lang::En)
        .contains("not a real calendar date"));
    assert!(plan.invalid[1]
        .render(crate::Lang::En)
        .contains("Unknown status"));
    assert!(plan.invalid[2]
        .render(crate::Lang::En)
        .contains("The title column is empty"));

    let plan = import::csv::check_csv(store.conn(), b"title,mood\nx,y\n", now().today).unwrap();
    assert_eq!(plan.invalid.len(), 1);
    assert!(plan.invalid[0]
        .render(crate::Lang::En)
        .contains("Unknown column “mood”"));
}

#[test]
fn a_cancelled_records_export_says_so() {
    let store = demo_store();
    let ids = records::all_ids(store.conn()).unwrap();
    let mut out = Vec::new();
    let w = write_jsonl(
        store.conn(),
        &ids,
        &mut out,
        &|_| {},
        &AtomicBool::new(true),
    )
    .unwrap();
    assert_eq!(w, Written::Cancelled);
}

#[test]
fn batch_selection_by_dates_and_department() {
    let mut store = demo_store();
    import::import_jsonl(&mut store, WITH_ADDENDUM.as_bytes(), later()).unwrap();
    let all = answered_between(store.conn(), None, None, None).unwrap();
    assert_eq!(all.len(), 3);
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let may = answered_between(
        store.conn(),
        Some(d("2024-05-01")),
        Some(d("2024-05-31")),
        None,
    )
    .unwrap();
    assert_eq!(may.len(), 1);
    let neuro = answered_between(store.conn(), None, None, Some("Neurology")).unwrap();
    assert!(!neuro.is_empty() && neuro.len() < 3);
}

#[test]
fn pdf_settings_default_to_a4_and_are_kept() {
    let store = demo_store();
    assert_eq!(pdf_settings(store.conn()).unwrap(), PdfSettings::default());
    let letter = PdfSettings {
        paper: Paper::Letter,
        pdfa: true,
    };
    set_pdf_settings(store.conn(), letter).unwrap();
    assert_eq!(pdf_settings(store.conn()).unwrap(), letter);
}

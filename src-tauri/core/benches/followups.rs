//! Follow-up figures at 100,000 cases with 200,000 follow-ups: the due list
//! (five buckets, 100 rows each, with counts) and the sidebar counts.
//! Target: due list < 10 ms. Run: `cargo bench -p casebook-core --bench followups`.
//!
//! Data: two follow-ups per case, due dates spread from a year ago to four
//! months ahead. Past ones are mostly done (90 %) or cancelled (5 %), the rest
//! still pending (overdue); future ones are pending — a busy clinic's book.

use std::hint::black_box;
use std::time::Instant;

use casebook_core::followups::due;
use casebook_core::{import, Now, Store};
use chrono::{Duration, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};

const CASES: usize = 100_000;

fn lines(n: usize, today: NaiveDate) -> String {
    let mut out = String::with_capacity(n * 500);
    for i in 0..n {
        let mut follow_ups = Vec::new();
        for k in 0..2 {
            let offset = ((i * 7 + k * 131) % 485) as i64 - 365;
            let due_on = today + Duration::days(offset);
            let state = match (offset < 0, (i + k) % 20) {
                (false, _) | (true, 0) => "pending",
                (true, 1) => "cancelled",
                _ => "done",
            };
            let time = if (i + k) % 3 == 0 {
                r#", "due_time": "09:30""#
            } else {
                ""
            };
            follow_ups.push(format!(
                r#"{{"due_on": "{due_on}"{time}, "reason": "Check case {i} again", "state": "{state}"}}"#
            ));
        }
        let asked = today - Duration::days(400 + (i % 300) as i64);
        out.push_str(&format!(
            r#"{{"external_id": "bench:{i}", "question": {{"title": "Question {i} about twitching 眼皮跳", "body": "Doctor, case {i}: my eyelid twitches.", "asker": "Asker {i}", "asked_on": "{asked}", "department": "Neurology"}}, "follow_ups": [{}]}}"#,
            follow_ups.join(", ")
        ));
        out.push('\n');
    }
    out
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_dir(dir.path()).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let now = Now {
        today,
        ..Now::system()
    };
    let text = lines(CASES, today);
    let t = Instant::now();
    let report = import::import_jsonl(&mut store, text.as_bytes(), now).unwrap();
    assert!(report.invalid.is_empty(), "{:?}", report.invalid.first());
    let follow_ups: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM follow_ups", [], |r| r.get(0))
        .unwrap();
    println!(
        "import of {} cases with {follow_ups} follow-ups: {:.2} s",
        report.imported,
        t.elapsed().as_secs_f64()
    );
    let list = due::due_list(store.conn(), today, 100).unwrap();
    let totals: Vec<_> = list
        .groups
        .iter()
        .map(|g| format!("{:?} {}", g.bucket, g.total))
        .collect();
    println!("buckets: {}", totals.join(", "));

    c.bench_function(
        "due list (5 buckets x 100 rows + counts), 200k follow-ups",
        |b| b.iter(|| black_box(due::due_list(store.conn(), today, 100).unwrap())),
    );
    c.bench_function("sidebar counts (overdue, today), 200k follow-ups", |b| {
        b.iter(|| black_box(due::due_counts(store.conn(), today).unwrap()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);

//! Inbox figures at 100,000 cases: one page of 50 with a status filter, the
//! status counts, and opening one case. Targets: page < 5 ms, open < 1 ms.
//! Run: `cargo bench -p casebook-core --bench inbox`.

use std::hint::black_box;
use std::time::Instant;

use casebook_core::cases::inbox::{self, CaseFilter};
use casebook_core::cases::{self, CaseStatus};
use casebook_core::{import, Now, Store};
use chrono::{Duration, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};

const CASES: usize = 100_000;

/// Interchange lines for `n` cases spread over four years, a quarter answered.
fn lines(n: usize) -> String {
    let start = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    let departments = ["Neurology", "Family Medicine", "Dermatology", "家庭醫學科"];
    let mut out = String::with_capacity(n * 400);
    for i in 0..n {
        let asked = start + Duration::days((i % 1400) as i64);
        let reply = if i % 4 == 0 {
            format!(
                r#", "reply": {{"body": "Reply {i}: rest, fluids, and see a clinic if it persists.", "replied_on": "{asked}"}}"#
            )
        } else {
            String::new()
        };
        out.push_str(&format!(
            r#"{{"external_id": "bench:{i}", "question": {{"title": "Question {i} about twitching 眼皮跳", "body": "Doctor, case {i}: my left eyelid has twitched for {d} days. 醫師您好，請問需要看神經內科嗎？", "asked_on": "{asked}", "department": "{dep}", "tags": ["tag{t}", "Twitching"]}}{reply}}}"#,
            d = i % 30,
            dep = departments[i % departments.len()],
            t = i % 50,
        ));
        out.push('\n');
    }
    out
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_dir(dir.path()).unwrap();
    let now = Now {
        today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        ..Now::system()
    };
    let text = lines(CASES);
    let t = Instant::now();
    let report = import::import_jsonl(&mut store, text.as_bytes(), now).unwrap();
    println!(
        "import of {} cases (JSON Lines, one transaction): {:.2} s",
        report.imported,
        t.elapsed().as_secs_f64()
    );

    let answered = CaseFilter {
        status: Some(CaseStatus::New),
        ..Default::default()
    };
    c.bench_function("inbox page of 50, status filter, 100k cases", |b| {
        b.iter(|| black_box(inbox::list(store.conn(), &answered, 0, 50).unwrap()))
    });
    c.bench_function("inbox page of 50 at offset 50,000, 100k cases", |b| {
        b.iter(|| black_box(inbox::list(store.conn(), &CaseFilter::default(), 50_000, 50).unwrap()))
    });
    let tagged = CaseFilter {
        tag: Some("tag7".into()),
        department: Some("Neurology".into()),
        ..Default::default()
    };
    c.bench_function(
        "inbox page of 50, department + tag filter, 100k cases",
        |b| b.iter(|| black_box(inbox::list(store.conn(), &tagged, 0, 50).unwrap())),
    );
    c.bench_function("status counts, 100k cases", |b| {
        b.iter(|| black_box(inbox::status_counts(store.conn(), &CaseFilter::default()).unwrap()))
    });
    let id = cases::find_by_external_id(store.conn(), "bench:54321")
        .unwrap()
        .unwrap();
    c.bench_function("open one case, 100k cases", |b| {
        b.iter(|| black_box(cases::get(store.conn(), id).unwrap()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);

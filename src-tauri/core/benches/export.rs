//! Export figures: one case to PDF (criterion), then 1,000 answered cases to
//! 1,000 PDFs and to one combined PDF (timed once each, both cores via
//! rayon), and JSON Lines import/export of 100,000 cases.
//! Targets: < 30 ms per case on one core; the batch on both cores; peak RSS
//! < 400 MB for the 1,000-case batch; import of 100,000 cases < 10 s.
//!
//! Run all: `cargo bench -p casebook-core --bench export`.
//! One part alone, for peak memory with `/usr/bin/time -v`:
//! `cargo bench -p casebook-core --bench export -- --part folder` (or
//! `combined`, `one`, `records`).

use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use casebook_core::export::batch::{export_combined, export_folder, BatchJob};
use casebook_core::export::records::{self, write_jsonl};
use casebook_core::export::{self, pdf, Letterhead, PdfSettings};
use casebook_core::{cases, demo, import, synthetic, Now, Store};
use chrono::NaiveDate;
use criterion::Criterion;

fn now() -> Now {
    Now {
        today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        ..Now::system()
    }
}

fn head() -> Letterhead {
    Letterhead {
        name: Some("Jiang Junyi".into()),
        title: Some("Attending physician, Neurology".into()),
        affiliation: Some("Taoyuan Medical Center".into()),
        ..Letterhead::default()
    }
}

fn one_case(c: &mut Criterion) {
    let mut store = Store::open_in_memory().unwrap();
    demo::load_if_fresh(&mut store, now()).unwrap();
    let id = cases::find_by_external_id(store.conn(), "demo:facial-twitching")
        .unwrap()
        .unwrap();
    let print = export::gather(store.conn(), id).unwrap();
    pdf::warm_up();
    let head = head();
    c.bench_function("seed case to PDF (one core)", |b| {
        b.iter(|| black_box(pdf::render(&print, &head, &PdfSettings::default(), now()).unwrap()))
    });
}

/// A case book with 1,000 answered synthetic cases (mixed English/Chinese).
fn thousand() -> (tempfile::TempDir, Store, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_dir(dir.path()).unwrap();
    let text = synthetic::jsonl(7, 1_500);
    import::import_jsonl(&mut store, text.as_bytes(), now()).unwrap();
    let mut ids = export::answered_between(store.conn(), None, None, None).unwrap();
    ids.truncate(1_000);
    assert_eq!(ids.len(), 1_000);
    (dir, store, ids)
}

fn batch(combined: bool) {
    let (dir, store, ids) = thousand();
    let head = head();
    let cancel = AtomicBool::new(false);
    let job = BatchJob {
        head: &head,
        settings: PdfSettings::default(),
        now: now(),
        overwrite: true,
        progress: &|_| {},
        cancel: &cancel,
    };
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    pdf::warm_up();
    let t = Instant::now();
    if combined {
        export_combined(store.conn(), &ids, &out.join("all.pdf"), &job).unwrap();
    } else {
        export_folder(store.conn(), &ids, &out, &job).unwrap();
    }
    let s = t.elapsed().as_secs_f64();
    let bytes: u64 = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    println!(
        "1,000 answered cases to {}: {s:.2} s ({:.1} ms per case wall, {} threads), {:.1} MB written",
        if combined { "one combined PDF" } else { "1,000 PDFs" },
        s * 1000.0 / 1000.0,
        rayon::current_num_threads(),
        bytes as f64 / 1e6
    );
}

fn records_figures() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_dir(dir.path()).unwrap();
    let text = synthetic::jsonl(11, 100_000);
    let t = Instant::now();
    let report = import::import_jsonl(&mut store, text.as_bytes(), now()).unwrap();
    println!(
        "import of {} JSON Lines cases: {:.2} s",
        report.imported,
        t.elapsed().as_secs_f64()
    );
    let ids = records::all_ids(store.conn()).unwrap();
    let mut out = Vec::new();
    let t = Instant::now();
    write_jsonl(
        store.conn(),
        &ids,
        &mut out,
        &|_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    println!(
        "export of {} cases to JSON Lines: {:.2} s ({:.0} MB)",
        ids.len(),
        t.elapsed().as_secs_f64(),
        out.len() as f64 / 1e6
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let part = args
        .iter()
        .position(|a| a == "--part")
        .and_then(|i| args.get(i + 1))
        .map(String::as_str);
    if !matches!(part, None | Some("one" | "folder" | "combined" | "records")) {
        eprintln!("--part one|folder|combined|records");
        std::process::exit(2);
    }
    if matches!(part, None | Some("one")) {
        let mut c = Criterion::default().sample_size(30);
        one_case(&mut c);
        c.final_summary();
    }
    if matches!(part, None | Some("folder")) {
        batch(false);
    }
    if matches!(part, None | Some("combined")) {
        batch(true);
    }
    if matches!(part, None | Some("records")) {
        records_figures();
    }
}

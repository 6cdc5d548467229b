//! Search at scale: 100,000 synthetic cases (20 % Chinese, `synthetic`) and
//! the MedQuAD sample. Prints, before criterion's own figures:
//! - the time to import 100,000 cases with the index kept by triggers, and
//!   to rebuild the index from scratch;
//! - p50 / p95 of 1–3 word queries (English, Chinese, mixed), of similar
//!   cases, and of the same queries as a plain `LIKE '%…%'` scan, with the ratio.
//!
//! `cargo bench -p casebook-core --bench search`

use std::hint::black_box;
use std::time::{Duration, Instant};

use casebook_core::search::{self, SearchRequest};
use casebook_core::{import, synthetic, Now, Store};
use chrono::{NaiveDate, TimeZone, Utc};
use criterion::Criterion;

const CASES: u64 = 100_000;
const QUERIES: &[&str] = &[
    "headache",
    "twitch",
    "chest pain",
    "coffee insomnia",
    "eyelid twitching night",
    "blurred vision stress",
    "抽搐",
    "頭痛",
    "面部抽搐",
    "咖啡 失眠",
    "眼皮跳 coffee",
    "手",
];

fn now() -> Now {
    Now {
        utc: Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap(),
        today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
    }
}

fn percentile(times: &mut [Duration], p: f64) -> f64 {
    times.sort();
    let i = ((times.len() as f64 - 1.0) * p).round() as usize;
    times[i].as_secs_f64() * 1000.0
}

fn request(q: &str) -> SearchRequest {
    SearchRequest {
        query: q.to_string(),
        ..Default::default()
    }
}

/// The same query as a naive scan: every term somewhere in title or body.
fn like_scan(store: &Store, q: &str) -> usize {
    let terms: Vec<String> = q.split_whitespace().map(|t| format!("%{t}%")).collect();
    let clause = vec!["(title LIKE ? OR body LIKE ?)"; terms.len()].join(" AND ");
    let values: Vec<&String> = terms.iter().flat_map(|t| [t, t]).collect();
    let mut stmt = store
        .conn()
        .prepare_cached(&format!(
            "SELECT id FROM cases WHERE {clause} ORDER BY asked_on DESC LIMIT 50"
        ))
        .unwrap();
    stmt.query_map(rusqlite_params(&values), |r| r.get::<_, i64>(0))
        .unwrap()
        .count()
}

fn rusqlite_params<'a>(values: &'a [&'a String]) -> impl rusqlite::Params + 'a {
    rusqlite::params_from_iter(values.iter())
}

fn report(name: &str, store: &Store, rounds: usize) {
    let mut fts = Vec::new();
    let mut like = Vec::new();
    for _ in 0..rounds {
        for q in QUERIES {
            let t = Instant::now();
            black_box(search::search(store.conn(), &request(q), 50).unwrap());
            fts.push(t.elapsed());
            let t = Instant::now();
            black_box(like_scan(store, q));
            like.push(t.elapsed());
        }
    }
    let (f50, f95) = (percentile(&mut fts, 0.5), percentile(&mut fts, 0.95));
    let (l50, l95) = (percentile(&mut like, 0.5), percentile(&mut like, 0.95));
    println!(
        "{name}: search p50 {f50:.2} ms, p95 {f95:.2} ms; LIKE scan p50 {l50:.2} ms, p95 {l95:.2} ms; \
         LIKE/FTS at p50 {:.1}x, at p95 {:.1}x",
        l50 / f50,
        l95 / f95
    );
    for q in QUERIES {
        let t = Instant::now();
        let r = search::search(store.conn(), &request(q), 50).unwrap();
        println!(
            "  {q:<24} {:>3} hits ({:?}) in {:.2} ms",
            r.hits.len(),
            r.matched,
            t.elapsed().as_secs_f64() * 1000.0
        );
    }

    let ids: Vec<i64> = store
        .conn()
        .prepare("SELECT id FROM cases ORDER BY status = 'new' DESC, id LIMIT 100")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut sim = Vec::new();
    for id in &ids {
        let t = Instant::now();
        black_box(search::similar(store.conn(), *id, 5).unwrap());
        sim.push(t.elapsed());
    }
    println!(
        "{name}: similar cases p50 {:.2} ms, p95 {:.2} ms (over {} cases)",
        percentile(&mut sim, 0.5),
        percentile(&mut sim, 0.95),
        ids.len()
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_dir(&dir.path().join("synthetic")).unwrap();
    let t = Instant::now();
    let lines = synthetic::jsonl(2026, CASES);
    let generated = t.elapsed();
    let t = Instant::now();
    let plan = import::check(store.conn(), lines.as_bytes(), now().today).unwrap();
    let checked = t.elapsed();
    let t = Instant::now();
    let imported = import::apply(&mut store, &plan, now()).unwrap();
    let applied = t.elapsed();
    println!(
        "synthetic: generated {CASES} cases in {:.1} s; import checked in {:.1} s, written with the index in {:.1} s ({} imported)",
        generated.as_secs_f64(),
        checked.as_secs_f64(),
        applied.as_secs_f64(),
        imported.imported
    );
    let t = Instant::now();
    search::rebuild(store.conn()).unwrap();
    println!(
        "synthetic: index rebuilt from scratch for {CASES} cases in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    report("synthetic 100k", &store, 5);

    let medquad = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/datasets/medquad-dev.jsonl");
    let mut sample = Store::open_in_dir(&dir.path().join("medquad")).unwrap();
    match std::fs::read(&medquad) {
        Ok(bytes) => {
            import::import_jsonl(&mut sample, &bytes, now()).unwrap();
            report("MedQuAD", &sample, 5);
        }
        Err(e) => println!("MedQuAD sample not found at {}: {e}", medquad.display()),
    }

    let mut c = Criterion::default()
        .sample_size(30)
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    for q in ["twitch", "chest pain", "面部抽搐", "眼皮跳 coffee"] {
        c.bench_function(&format!("search 100k {q}"), |b| {
            b.iter(|| search::search(store.conn(), &request(q), 50).unwrap())
        });
    }
    c.bench_function("similar 100k", |b| {
        b.iter(|| search::similar(store.conn(), 7, 5).unwrap())
    });
    c.final_summary();
}

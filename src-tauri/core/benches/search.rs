//! Search at scale: 100,000 synthetic cases (20 % Chinese, `synthetic`) and
//! the MedQuAD sample. Prints, before criterion's own figures:
//! - the time to import 100,000 cases with the index kept by triggers, and
//!   to rebuild the index from scratch;
//! - p50 / p95 of 1–3 word queries (English, Chinese, mixed) and of similar
//!   cases, each beside the query path they had before hits became one query
//!   (`search/before.rs`), and of the same queries as a plain `LIKE '%…%'`
//!   scan, with the ratios. The three run interleaved, query by query, so a
//!   noisy machine slows them alike.
//!
//! `cargo bench -p casebook-core --bench search` (add `-- nothing` to skip
//! criterion's own runs).

#[path = "search/before.rs"]
mod before;

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

fn ms(t: &mut [Duration]) -> (f64, f64) {
    (percentile(t, 0.5), percentile(t, 0.95))
}

fn report(name: &str, store: &Store, rounds: usize) {
    let (mut fts, mut old, mut like) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        for q in QUERIES {
            let t = Instant::now();
            black_box(search::search(store.conn(), &request(q), 50).unwrap());
            fts.push(t.elapsed());
            let t = Instant::now();
            black_box(before::search(store.conn(), q, 50));
            old.push(t.elapsed());
            let t = Instant::now();
            black_box(like_scan(store, q));
            like.push(t.elapsed());
        }
    }
    let (f50, f95) = ms(&mut fts);
    let (o50, o95) = ms(&mut old);
    let (l50, l95) = ms(&mut like);
    println!(
        "{name}: search p50 {f50:.2} ms, p95 {f95:.2} ms (before: {o50:.2} / {o95:.2} ms); \
         LIKE scan p50 {l50:.2} ms, p95 {l95:.2} ms; LIKE/search at p50 {:.1}x, at p95 {:.1}x \
         (before: {:.1}x, {:.1}x)",
        l50 / f50,
        l95 / f95,
        l50 / o50,
        l95 / o95
    );
    for q in QUERIES {
        let t = Instant::now();
        let r = search::search(store.conn(), &request(q), 50).unwrap();
        let new_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let o = before::search(store.conn(), q, 50);
        let old_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        black_box(like_scan(store, q));
        let like_ms = t.elapsed().as_secs_f64() * 1000.0;
        let same = r.hits.iter().zip(&o).filter(|(a, b)| a.id == b.id).count();
        println!(
            "  {q:<24} {:>3} hits ({:?}) in {new_ms:.2} ms (before {old_ms:.2} ms, {same} of them \
             in the same place; LIKE {like_ms:.2} ms)",
            r.hits.len(),
            r.matched,
        );
    }

    // Where a common word's time goes (as typed: the last word also as a
    // prefix): walking the newest 500 matches, and
    // scoring them with bm25() (which also counts each term's matches in
    // the whole index, for its weights).
    for q in ["headache", "chest pain"] {
        let terms = search::fold::query_terms(q);
        let expr = search::fold::match_expression(&terms, search::fold::Combine::All).unwrap();
        let time = |score: &str| {
            let sql = format!(
                "SELECT count(s) FROM (SELECT rowid, {score} AS s FROM search_index
                 WHERE search_index MATCH ?1 ORDER BY rowid DESC LIMIT 500)"
            );
            let mut t = Vec::new();
            for _ in 0..10 {
                let started = Instant::now();
                let n: i64 = store.conn().query_row(&sql, [&expr], |r| r.get(0)).unwrap();
                black_box(n);
                t.push(started.elapsed());
            }
            percentile(&mut t, 0.5)
        };
        println!(
            "  {q:<24} newest 500 matches walked in {:.2} ms, and scored by bm25() in {:.2} ms",
            time("rowid"),
            time("bm25(search_index)")
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
    let (mut sim, mut sim_old) = (Vec::new(), Vec::new());
    let mut same = 0;
    for id in &ids {
        let t = Instant::now();
        let new = black_box(search::similar(store.conn(), *id, 5).unwrap());
        sim.push(t.elapsed());
        let t = Instant::now();
        let old = black_box(before::similar(store.conn(), *id, 5));
        sim_old.push(t.elapsed());
        same += usize::from(new.iter().map(|s| s.id).eq(old.iter().map(|s| s.0)));
    }
    let (s50, s95) = ms(&mut sim);
    let (b50, b95) = ms(&mut sim_old);
    println!(
        "{name}: similar cases p50 {s50:.2} ms, p95 {s95:.2} ms (before: {b50:.2} / {b95:.2} ms; \
         over {} cases, {same} lists the same as before)",
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

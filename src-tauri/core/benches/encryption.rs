//! What encryption at rest costs, side by side in one run: the same
//! 100,000 synthetic cases in a plaintext and in an encrypted (SQLCipher)
//! case book, for the inbox page, search, opening a case and an autosave;
//! plus single timings of the import into each, of encrypting the plaintext
//! book in place (the upgrade from a release before encryption), of opening
//! each book, and of unlocking with a passphrase (Argon2id at the cost a new
//! key file uses, which is meant to take about a second).
//!
//! Run: `cargo bench -p casebook-core --bench encryption`
//! (`CASEBOOK_BENCH_CASES=20000` for a quicker run).

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use casebook_core::cases::inbox::{self, CaseFilter};
use casebook_core::keys::{DataKey, KdfParams, KeyFile, Passphrase, RecoveryCode};
use casebook_core::search::{self, SearchRequest};
use casebook_core::store::{cipher, DATABASE_FILE};
use casebook_core::{cases, import, replies, synthetic, Now, Store};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

fn cases_wanted() -> u64 {
    std::env::var("CASEBOOK_BENCH_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let value = f();
    println!("{what}: {:.3} s", t.elapsed().as_secs_f64());
    value
}

fn filled(path: &Path, key: Option<&DataKey>, jsonl: &[u8], label: &str) -> Store {
    let mut store = match key {
        Some(key) => Store::open_encrypted(path, key).unwrap(),
        None => Store::open(path).unwrap(),
    };
    timed(&format!("import into the {label} book"), || {
        import::import_jsonl(&mut store, jsonl, Now::system()).unwrap()
    });
    store
}

fn bench(c: &mut Criterion) {
    let n = cases_wanted();
    let jsonl = synthetic::jsonl(2026, n).into_bytes();
    let dir = tempfile::tempdir().unwrap();
    let plain_path = dir.path().join("plain.sqlite3");
    let encrypted_path = dir.path().join(DATABASE_FILE);
    let key = DataKey::generate().unwrap();
    println!("{n} synthetic cases");
    let mut plain = filled(&plain_path, None, &jsonl, "plaintext");
    let mut encrypted = filled(&encrypted_path, Some(&key), &jsonl, "encrypted");

    let first_id: i64 = plain
        .conn()
        .query_row("SELECT min(id) FROM cases WHERE status = 'new'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let filter = CaseFilter::default();
    let request = |query: &str| SearchRequest {
        query: query.into(),
        ..Default::default()
    };

    let mut group = c.benchmark_group("encryption");
    for (label, store) in [("plaintext", &mut plain), ("encrypted", &mut encrypted)] {
        group.bench_function(BenchmarkId::new("inbox page of 50", label), |b| {
            b.iter(|| black_box(inbox::list(store.conn(), &filter, 0, 50).unwrap()))
        });
        group.bench_function(BenchmarkId::new("open one case", label), |b| {
            b.iter(|| black_box(cases::get(store.conn(), first_id).unwrap()))
        });
        for query in ["headache", "頭痛", "eyelid twitching"] {
            group.bench_function(BenchmarkId::new(format!("search {query}"), label), |b| {
                b.iter(|| black_box(search::search(store.conn(), &request(query), 50).unwrap()))
            });
        }
        let mut i = 0u64;
        group.bench_function(BenchmarkId::new("autosave", label), |b| {
            b.iter(|| {
                i += 1;
                let body = format!("Draft {i}: rest, fluids, and see a clinic if it persists.");
                black_box(replies::save_draft(store, first_id, &body, Now::system()).unwrap())
            })
        });
    }
    group.finish();
    drop(plain);
    drop(encrypted);

    timed("open the plaintext book", || {
        Store::open(&plain_path).unwrap()
    });
    timed("open the encrypted book (key given)", || {
        Store::open_encrypted(&encrypted_path, &key).unwrap()
    });
    let upgraded = DataKey::generate().unwrap();
    let report = timed("encrypt the plaintext book in place (upgrade)", || {
        cipher::encrypt_in_place(&plain_path, &upgraded).unwrap()
    });
    println!(
        "  {} tables checked, schema version {}",
        report.tables.len(),
        report.schema_version
    );

    let passphrase = Passphrase::new("a passphrase of some length").unwrap();
    let code = RecoveryCode::generate().unwrap();
    let file = timed("make a key file (two Argon2id wraps, default cost)", || {
        KeyFile::create(&key, &passphrase, &code, KdfParams::DEFAULT).unwrap()
    });
    timed(
        "unlock with the passphrase (one Argon2id, default cost)",
        || file.unlock("a passphrase of some length").unwrap(),
    );
    timed(
        "a wrong passphrase (one Argon2id, and the recovery slot skipped)",
        || file.unlock("not the passphrase").unwrap_err(),
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);

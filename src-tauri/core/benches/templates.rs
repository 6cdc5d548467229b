//! Reply drafting figures: rendering the default "Neurology reply" template
//! (five includes, conditionals, pick-lists) for the seed case, and one
//! autosave round trip (draft written, revision kept, case re-indexed for
//! search) on a file database with WAL and `synchronous=FULL`.
//! Targets: render < 1 ms, autosave < 10 ms.
//! Run: `cargo bench -p casebook-core --bench templates`.

use std::hint::black_box;

use casebook_core::{demo, templates, Now, Store};
use chrono::Duration;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_dir(dir.path()).unwrap();
    let now = Now::system();
    demo::load_if_fresh(&mut store, now).unwrap();
    templates::ensure_defaults(store.conn(), now).unwrap();
    let case_id: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM cases WHERE status = 'new' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let template = templates::list(store.conn(), "Neurology reply", None).unwrap()[0].clone();
    let library = std::sync::Arc::new(templates::library(store.conn()).unwrap());
    let ctx = templates::context::for_case(store.conn(), case_id, now).unwrap();

    c.bench_function("render the neurology reply template", |b| {
        b.iter(|| {
            black_box(
                templates::render::render(&template.name, &template.body, &ctx, library.clone())
                    .unwrap(),
            )
        })
    });

    let draft =
        templates::render::render(&template.name, &template.body, &ctx, library.clone()).unwrap();
    let mut tick = 0i64;
    c.bench_function("autosave round trip", |b| {
        b.iter(|| {
            tick += 1;
            let at = Now {
                utc: now.utc + Duration::milliseconds(tick),
                ..now
            };
            let body = format!("{draft}\n{tick}");
            black_box(casebook_core::replies::save_draft(&mut store, case_id, &body, at).unwrap())
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = bench
}
criterion_main!(benches);

//! Export → import into an empty case book → export gives byte-identical
//! JSON Lines, on real data: shared/datasets/medquad-dev.jsonl (6,747 cases;
//! 259 external_ids repeat there, on 279 later lines, with different content;
//! those lines are reported invalid on import, as intended).

use std::path::Path;
use std::sync::atomic::AtomicBool;

use casebook_core::export::records::{all_ids, write_csv, write_jsonl};
use casebook_core::{import, Now, Store};
use chrono::NaiveDate;

fn now() -> Now {
    Now {
        today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        ..Now::system()
    }
}

fn jsonl(store: &Store) -> Vec<u8> {
    let ids = all_ids(store.conn()).unwrap();
    let mut out = Vec::new();
    write_jsonl(
        store.conn(),
        &ids,
        &mut out,
        &|_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    out
}

#[test]
fn medquad_round_trips_byte_for_byte_through_jsonl_and_csv() {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/datasets/medquad-dev.jsonl");
    let Ok(bytes) = std::fs::read(&file) else {
        eprintln!("skipped: {} is not here", file.display());
        return;
    };
    let mut first = Store::open_in_memory().unwrap();
    let report = import::import_jsonl(&mut first, &bytes, now()).unwrap();
    let other: Vec<_> = report
        .invalid
        .iter()
        .filter(|p| p.message.key != "import.external_id_clash")
        .collect();
    assert!(other.is_empty(), "{other:?}");
    // 259 external_ids repeat, on 279 later lines in all.
    assert_eq!(report.invalid.len(), 279);
    assert!(report
        .invalid
        .iter()
        .all(|p| p.message.key == "import.external_id_clash"));
    let one = jsonl(&first);

    let mut second = Store::open_in_memory().unwrap();
    let again = import::import_jsonl(&mut second, &one, now()).unwrap();
    assert!(again.invalid.is_empty(), "{:?}", again.invalid.first());
    assert_eq!(again.imported, report.imported);
    let two = jsonl(&second);
    assert!(one == two, "JSON Lines differ after a round trip");

    // CSV carries the same cases (tags without `;` in them round-trip too).
    let ids = all_ids(first.conn()).unwrap();
    let mut csv = Vec::new();
    write_csv(
        first.conn(),
        &ids,
        &mut csv,
        &|_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    let mut third = Store::open_in_memory().unwrap();
    let plan = import::csv::check_csv(third.conn(), &csv, now().today).unwrap();
    assert!(plan.invalid.is_empty(), "{:?}", plan.invalid.first());
    import::apply(&mut third, &plan, now()).unwrap();
    assert_eq!(all_ids(third.conn()).unwrap().len(), ids.len());
}

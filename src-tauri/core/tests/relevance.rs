//! Search relevance on real questions: the MedQuAD sample (6,747 cases,
//! `shared/datasets/medquad-dev.jsonl`) and queries a clinician would type —
//! short, lower case, no question words copied from the titles. Each query
//! names the case it should find; the test prints top-1 / top-5 hit rates
//! and the mean reciprocal rank, and fails when any query misses its top 5.

use std::path::PathBuf;

use casebook_core::search::{self, SearchRequest};
use casebook_core::{cases, import, Now, Store};
use chrono::{NaiveDate, TimeZone, Utc};

/// (query, expected external id, a word its title must hold).
const QUERIES: &[(&str, &str, &str)] = &[
    ("bell palsy treatment", "medquad:0000676-4", "Bell"),
    ("what causes bells palsy", "medquad:0000676-3", "Bell"),
    (
        "basilar migraine runs in families",
        "medquad:0000657-4",
        "Basilar",
    ),
    ("parkinson cause", "medquad:0004740-3", "Parkinson"),
    (
        "adenoid cystic carcinoma inheritance",
        "medquad:0000148-3",
        "Adenoid",
    ),
    ("zika treatment", "medquad:0006546-2", "Zika"),
    ("lyme disease symptoms", "medquad:0003690-2", "Lyme"),
    ("prevent TB", "medquad:0000399-3", "Tuberculosis"),
    ("rabies test", "medquad:0000342-6", "rabies"),
    ("huntington inheritance", "medquad:0002944-4", "Huntington"),
    ("marfan signs", "medquad:0003801-2", "Marfan"),
    ("essential tremor therapy", "medquad:0002175-5", "tremor"),
    (
        "diagnosing multiple sclerosis",
        "medquad:0004205-4",
        "sclerosis",
    ),
    ("narcolepsy treatments", "medquad:0004311-4", "Narcolepsy"),
    ("restless legs outlook", "medquad:0000246-3", "Restless"),
    (
        "autoimmune hepatitis cause",
        "medquad:0000536-3",
        "hepatitis",
    ),
    ("autism clinical trials", "medquad:0000035-4", "Autism"),
    (
        "dopa responsive dystonia inherited",
        "medquad:0001903-3",
        "dystonia",
    ),
    ("down syndrome tests", "medquad:0001914-4", "Down"),
    ("tourette causes", "medquad:0006132-3", "Tourette"),
    (
        "spina bifida occulta symptoms",
        "medquad:0005742-2",
        "occulta",
    ),
    ("mollaret meningitis", "medquad:0004105-1", "Mollaret"),
    ("botulism complications", "medquad:0000054-16", "botulism"),
    ("fragile x diagnosis", "medquad:0002417-5", "Fragile"),
    ("parsonage turner treatment", "medquad:0004750-6", "Turner"),
    ("wilson disease treatment", "medquad:0006449-5", "Wilson"),
    ("tay sachs inherited", "medquad:0006017-4", "Tay-Sachs"),
    ("budd chiari treatment", "medquad:0000871-3", "Budd-Chiari"),
    (
        "fatal familial insomnia cause",
        "medquad:0002316-3",
        "insomnia",
    ),
    ("sunct headache treatment", "medquad:0000262-2", "SUNCT"),
    (
        "bppv positional vertigo symptoms",
        "medquad:0000687-1",
        "vertigo",
    ),
    ("hemophilia b symptoms", "medquad:0002788-2", "Hemophilia B"),
    ("gaucher outlook", "medquad:0000134-3", "Gaucher"),
    ("myasthenia gravis", "medquad:0000206-1", "Myasthenia"),
    ("how common is botulism", "medquad:0000054-12", "botulism"),
];

fn dataset() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/datasets/medquad-dev.jsonl")
}

#[test]
fn clinician_queries_find_their_case_in_the_top_five() {
    let path = dataset();
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "The relevance test needs the MedQuAD sample at {} ({e}). \
             Put shared/ beside the repository clone (shared/datasets/medquad-dev.jsonl).",
            path.display()
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_dir(dir.path()).unwrap();
    let now = Now {
        utc: Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap(),
        today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
    };
    let report = import::import_jsonl(&mut store, &bytes, now).unwrap();
    // The sample repeats some external ids across its sources; the repeats
    // are reported and skipped, which is fine here.
    assert!(report.imported > 6000, "{report:?}");

    let (mut top1, mut top5, mut reciprocal) = (0, 0, 0.0);
    let mut misses = Vec::new();
    for (query, external_id, title_word) in QUERIES {
        let id = cases::find_by_external_id(store.conn(), external_id)
            .unwrap()
            .unwrap_or_else(|| panic!("{external_id} is not in the sample"));
        let title = cases::get(store.conn(), id).unwrap().question.title;
        assert!(title.contains(title_word), "{external_id} is {title:?}");

        let request = SearchRequest {
            query: query.to_string(),
            ..Default::default()
        };
        let hits = search::search(store.conn(), &request, 10).unwrap().hits;
        let rank = hits.iter().position(|h| h.id == id);
        if rank == Some(0) {
            top1 += 1;
        }
        if let Some(r) = rank {
            reciprocal += 1.0 / (r as f64 + 1.0);
        }
        if rank.is_some_and(|r| r < 5) {
            top5 += 1;
        } else {
            let got: Vec<String> = hits
                .iter()
                .take(5)
                .map(|h| h.title.iter().map(|s| s.text.as_str()).collect())
                .collect();
            misses.push(format!(
                "{query:?} → {external_id} ({title}) at {rank:?}; top 5: {got:?}"
            ));
        }
    }
    let n = QUERIES.len() as f64;
    println!(
        "search relevance on MedQuAD ({} cases, {} queries): top-1 {:.1} %, top-5 {:.1} %, MRR {:.3}",
        report.imported,
        QUERIES.len(),
        100.0 * top1 as f64 / n,
        100.0 * top5 as f64 / n,
        reciprocal / n
    );
    assert!(QUERIES.len() >= 30);
    assert!(
        misses.is_empty(),
        "missed the top 5:\n{}",
        misses.join("\n")
    );
}

//! The TypeScript types the UI uses for IPC are generated from the Rust types
//! (ts-rs) into `ui/src/backend/bindings/`. This test regenerates them in a
//! temporary folder and fails when the committed files differ; refresh with
//! `UPDATE_BINDINGS=1 cargo test -p casebook bindings`.

use std::collections::BTreeMap;
use std::path::Path;

use casebook_core::cases::inbox::{CaseFilter, CasePage, StatusCounts};
use casebook_core::cases::{CaseDetail, QuestionInput};
use casebook_core::import::ImportReport;
use ts_rs::{Config, TS};

use crate::commands::app::AppInfo;
use crate::error::CommandError;

fn generate(dir: &Path) {
    let cfg = Config::new().with_large_int("number").with_out_dir(dir);
    CaseDetail::export_all(&cfg).unwrap();
    QuestionInput::export_all(&cfg).unwrap();
    CaseFilter::export_all(&cfg).unwrap();
    CasePage::export_all(&cfg).unwrap();
    StatusCounts::export_all(&cfg).unwrap();
    ImportReport::export_all(&cfg).unwrap();
    AppInfo::export_all(&cfg).unwrap();
    CommandError::export_all(&cfg).unwrap();
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap())
                .filter(|e| e.file_name().to_string_lossy().ends_with(".ts"))
                .map(|e| {
                    let text = std::fs::read_to_string(e.path()).unwrap();
                    (e.file_name().to_string_lossy().into_owned(), text)
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn bindings_are_current() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/backend/bindings");
    let fresh_dir = tempfile::tempdir().unwrap();
    generate(fresh_dir.path());
    let fresh = read_dir(fresh_dir.path());
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).unwrap();
        for (name, text) in &fresh {
            std::fs::write(committed.join(name), text).unwrap();
        }
    }
    let current = read_dir(&committed);
    let stale: Vec<_> = fresh
        .keys()
        .chain(current.keys())
        .filter(|name| fresh.get(*name) != current.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/backend/bindings is stale ({stale:?}); run UPDATE_BINDINGS=1 cargo test -p casebook bindings"
    );
}

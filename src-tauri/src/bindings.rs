//! The TypeScript types the UI uses for IPC are generated from the Rust types
//! (ts-rs) into `ui/src/backend/bindings/`. This test regenerates them in a
//! temporary folder and fails when the committed files differ; refresh with
//! `UPDATE_BINDINGS=1 cargo test -p casebook bindings`.

use std::collections::BTreeMap;
use std::path::Path;

use casebook_core::access::events::AccessEvent;
use casebook_core::access::LockReason;
use casebook_core::audit::AuditEvent;
use casebook_core::cases::inbox::{CaseFilter, CasePage, StatusCounts};
use casebook_core::cases::{CaseDetail, QuestionInput};
use casebook_core::export::batch::{BatchOutcome, PlannedFile, Progress};
use casebook_core::export::PdfSettings;
use casebook_core::followups::due::{DueCounts, DueList};
use casebook_core::followups::ics::CalendarExport;
use casebook_core::followups::{FollowUp, FollowUpInput};
use casebook_core::import::ImportReport;
use casebook_core::profile::ClinicianProfile;
use casebook_core::replies::{Addendum, ReplyView, Revision, SavedDraft};
use casebook_core::search::{SearchRequest, SearchResults, SimilarCase, StartingReply};
use casebook_core::settings::{LockSettings, ReminderSettings};
use casebook_core::templates::{Rendered, Template, TemplateInput};
use ts_rs::{Config, TS};

use crate::commands::app::AppInfo;
use crate::commands::backups::BackupOverview;
use crate::commands::followups::CalendarSaved;
use crate::error::CommandError;
use crate::launch::LaunchMarks;
use crate::state::{ProtectOutcome, UnlockOutcome};
use casebook_core::export::batch::BatchSelection;
use casebook_core::export::records::RecordsFormat;

fn generate(dir: &Path) {
    let cfg = Config::new().with_large_int("number").with_out_dir(dir);
    CaseDetail::export_all(&cfg).unwrap();
    AccessEvent::export_all(&cfg).unwrap();
    BackupOverview::export_all(&cfg).unwrap();
    LockReason::export_all(&cfg).unwrap();
    LockSettings::export_all(&cfg).unwrap();
    ProtectOutcome::export_all(&cfg).unwrap();
    UnlockOutcome::export_all(&cfg).unwrap();
    ReplyView::export_all(&cfg).unwrap();
    SavedDraft::export_all(&cfg).unwrap();
    Revision::export_all(&cfg).unwrap();
    Addendum::export_all(&cfg).unwrap();
    AuditEvent::export_all(&cfg).unwrap();
    Template::export_all(&cfg).unwrap();
    TemplateInput::export_all(&cfg).unwrap();
    Rendered::export_all(&cfg).unwrap();
    ClinicianProfile::export_all(&cfg).unwrap();
    QuestionInput::export_all(&cfg).unwrap();
    CaseFilter::export_all(&cfg).unwrap();
    CasePage::export_all(&cfg).unwrap();
    StatusCounts::export_all(&cfg).unwrap();
    ImportReport::export_all(&cfg).unwrap();
    PdfSettings::export_all(&cfg).unwrap();
    BatchOutcome::export_all(&cfg).unwrap();
    PlannedFile::export_all(&cfg).unwrap();
    Progress::export_all(&cfg).unwrap();
    BatchSelection::export_all(&cfg).unwrap();
    RecordsFormat::export_all(&cfg).unwrap();
    AppInfo::export_all(&cfg).unwrap();
    LaunchMarks::export_all(&cfg).unwrap();
    CommandError::export_all(&cfg).unwrap();
    SearchRequest::export_all(&cfg).unwrap();
    SearchResults::export_all(&cfg).unwrap();
    SimilarCase::export_all(&cfg).unwrap();
    StartingReply::export_all(&cfg).unwrap();
    FollowUp::export_all(&cfg).unwrap();
    FollowUpInput::export_all(&cfg).unwrap();
    DueList::export_all(&cfg).unwrap();
    DueCounts::export_all(&cfg).unwrap();
    CalendarExport::export_all(&cfg).unwrap();
    CalendarSaved::export_all(&cfg).unwrap();
    ReminderSettings::export_all(&cfg).unwrap();
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

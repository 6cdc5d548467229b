use super::*;
use crate::cases::{QuestionInput, Sex};
use crate::profile::ClinicianProfile;
use crate::testing::now;
use chrono::Duration;

fn setup() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let input = QuestionInput {
        title: "Twitching".into(),
        body: "My eyelid twitches.".into(),
        asker: Some("A Tian".into()),
        sex: Some(Sex::Female),
        age_range: None,
        asked_on: "2026-02-02".into(),
        department: Some("Neurology".into()),
        tags: vec![],
        source: None,
    };
    let id = cases::create(&mut store, &input, now()).unwrap().id;
    (store, id)
}

fn later(seconds: i64) -> Now {
    Now {
        utc: now().utc + Duration::seconds(seconds),
        ..now()
    }
}

fn sign_in(store: &Store) {
    profile::set(
        store.conn(),
        &ClinicianProfile {
            name: "Jiang Junyi".into(),
            title: "Dr.".into(),
            affiliation: "Taoyuan".into(),
            ..Default::default()
        },
        now(),
    )
    .unwrap();
}

#[test]
fn drafts_move_the_case_to_drafting_and_keep_revisions() {
    let (mut store, id) = setup();
    let saved = save_draft(&mut store, id, "Hello", now()).unwrap();
    assert_eq!(saved.status, CaseStatus::Drafting);
    save_draft(&mut store, id, "Hello there", later(10)).unwrap();
    assert_eq!(
        revisions(store.conn(), id).unwrap().len(),
        1,
        "one revision per minute of typing"
    );
    save_draft(&mut store, id, "Hello there, ***", later(120)).unwrap();
    let revs = revisions(store.conn(), id).unwrap();
    assert_eq!(
        revs.iter().map(|r| r.body.as_str()).collect::<Vec<_>>(),
        ["Hello there, ***", "Hello there"]
    );
    let restored = restore(&mut store, id, revs[1].id, later(200)).unwrap();
    assert!(restored.blanks.is_empty());
    assert_eq!(get(store.conn(), id).unwrap().body, "Hello there");
    assert_eq!(revisions(store.conn(), id).unwrap()[0].reason, "restore");
    let kinds: Vec<_> = audit::list(store.conn(), id)
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            AuditKind::Created,
            AuditKind::DraftSaved,
            AuditKind::DraftSaved,
            AuditKind::RevisionRestored
        ]
    );
}

#[test]
fn restoring_within_a_minute_of_typing_keeps_what_was_typed() {
    let (mut store, id) = setup();
    save_draft(&mut store, id, "First version", now()).unwrap();
    save_draft(&mut store, id, "Second version, typed", later(120)).unwrap();
    let first = revisions(store.conn(), id).unwrap().pop().unwrap();
    assert_eq!(first.body, "First version");
    // Half a minute more typing, then restore the older revision.
    save_draft(
        &mut store,
        id,
        "Second version, typed for half a minute",
        later(150),
    )
    .unwrap();
    restore(&mut store, id, first.id, later(155)).unwrap();
    assert_eq!(get(store.conn(), id).unwrap().body, "First version");
    let bodies: Vec<String> = revisions(store.conn(), id)
        .unwrap()
        .into_iter()
        .map(|r| r.body)
        .collect();
    assert_eq!(
        bodies,
        [
            "First version",
            "Second version, typed for half a minute",
            "First version"
        ]
    );
    // Typing on after the restore starts a new revision; the restore stays.
    save_draft(&mut store, id, "First version, edited", later(160)).unwrap();
    let revs = revisions(store.conn(), id).unwrap();
    assert_eq!(revs[0].body, "First version, edited");
    assert_eq!(
        (revs[1].reason.as_str(), revs[1].body.as_str()),
        ("restore", "First version")
    );
}

#[test]
fn a_failed_restore_changes_nothing() {
    let (mut store, id) = setup();
    save_draft(&mut store, id, "Draft", now()).unwrap();
    let err = restore(&mut store, id, 9999, later(5)).unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::NotFound);
    assert_eq!(revisions(store.conn(), id).unwrap().len(), 1);
    assert_eq!(get(store.conn(), id).unwrap().body, "Draft");
}

#[test]
fn blanks_and_a_missing_profile_refuse_answering_then_the_reply_locks() {
    let (mut store, id) = setup();
    save_draft(
        &mut store,
        id,
        "Rest ***, then [[rest|see a clinic]].",
        now(),
    )
    .unwrap();
    let err = mark_answered(&mut store, id, now()).unwrap_err();
    assert_eq!(err.field(), Some("body"));
    assert!(
        err.message().key == "reply.blanks_open"
            && err.to_string().contains("2 places to fill in")
            && err.to_string().contains("line 1, column 6"),
        "{err}"
    );
    save_draft(&mut store, id, "Rest well, then see a clinic.", now()).unwrap();
    assert_eq!(
        mark_answered(&mut store, id, now()).unwrap_err().field(),
        Some("clinician")
    );
    sign_in(&store);
    let view = mark_answered(&mut store, id, later(5)).unwrap();
    assert_eq!(view.status, CaseStatus::Answered);
    assert_eq!(view.clinician.as_deref(), Some("Dr. Jiang Junyi"));
    assert_eq!(view.replied_on.as_deref(), Some("2026-03-01"));
    assert!(view.locked_at.is_some());
    // Core refuses, and so does the database itself.
    assert_eq!(
        save_draft(&mut store, id, "changed", now())
            .unwrap_err()
            .code(),
        crate::ErrorCode::Conflict
    );
    assert!(store
        .conn()
        .execute("UPDATE replies SET body = 'x' WHERE case_id = ?1", [id])
        .is_err());
    assert!(store
        .conn()
        .execute("DELETE FROM replies WHERE case_id = ?1", [id])
        .is_err());
    assert!(cases::delete(&mut store, id).is_err());
}

#[test]
fn addenda_are_signed_append_only_and_only_for_answered_replies() {
    let (mut store, id) = setup();
    sign_in(&store);
    save_draft(&mut store, id, "Rest well.", now()).unwrap();
    assert_eq!(
        add_addendum(&mut store, id, "late note", now())
            .unwrap_err()
            .code(),
        crate::ErrorCode::Conflict
    );
    mark_answered(&mut store, id, now()).unwrap();
    assert_eq!(
        add_addendum(&mut store, id, "  ", now())
            .unwrap_err()
            .field(),
        Some("addendum")
    );
    let a = add_addendum(
        &mut store,
        id,
        "If it lasts two weeks, come back.",
        later(60),
    )
    .unwrap();
    assert_eq!(a.clinician.as_deref(), Some("Dr. Jiang Junyi"));
    let view = get(store.conn(), id).unwrap();
    assert_eq!(view.body, "Rest well.", "the original is unchanged");
    assert_eq!(view.addenda, vec![a]);
    assert!(store
        .conn()
        .execute("UPDATE addenda SET body = 'x'", [])
        .is_err());
    assert!(store.conn().execute("DELETE FROM addenda", []).is_err());
    let kinds: Vec<_> = audit::list(store.conn(), id)
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        &kinds[kinds.len() - 2..],
        [AuditKind::Answered, AuditKind::Addendum]
    );
    assert!(audit::list(store.conn(), id)
        .unwrap()
        .iter()
        .skip(1)
        .all(|e| e.actor.as_deref() == Some("Dr. Jiang Junyi")));
}

#[test]
fn an_unknown_case_is_not_found() {
    let (mut store, _) = setup();
    assert_eq!(
        save_draft(&mut store, 999, "x", now()).unwrap_err().code(),
        crate::ErrorCode::NotFound
    );
    assert_eq!(
        mark_answered(&mut store, 999, now()).unwrap_err().code(),
        crate::ErrorCode::NotFound
    );
}

#[test]
fn an_unknown_case_has_no_history_rather_than_an_empty_one() {
    let (store, id) = setup();
    assert!(revisions(store.conn(), id).unwrap().is_empty());
    assert!(!crate::audit::list(store.conn(), id).unwrap().is_empty());
    for err in [
        revisions(store.conn(), id + 1).unwrap_err(),
        crate::audit::list(store.conn(), id + 1).unwrap_err(),
    ] {
        assert_eq!(err.code(), crate::ErrorCode::NotFound);
        assert_eq!(err.message().key, "case.not_found");
    }
}

//! Demo cases a brand-new case book starts with (`data/demo/cases.jsonl`,
//! compiled in), so the first start shows real work rather than an empty list.

use crate::msg;
use crate::{import, CoreError, Now, Result, Store};

/// The demo cases, interchange format v1.
pub const DEMO_CASES: &str = include_str!("../../../data/demo/cases.jsonl");
/// How the audit trail names them.
const DEMO_SOURCE: &str = "Casebook demo cases";

/// Loads the demo cases when the database was just created; returns how many
/// were added. An existing case book is never touched.
pub fn load_if_fresh(store: &mut Store, now: Now) -> Result<u32> {
    if !store.is_fresh() {
        return Ok(0);
    }
    let mut plan = import::check(store.conn(), DEMO_CASES.as_bytes(), now.today)?;
    // Their audit trails say where they came from.
    plan.source = Some(DEMO_SOURCE.into());
    let report = import::apply(store, &plan, now)?;
    if let Some(problem) = report.invalid.first() {
        return Err(CoreError::Internal(msg!(
            "error.demo_case_invalid",
            line = problem.line,
            reason = problem.message.clone()
        )));
    }
    Ok(report.imported)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{self, inbox, CaseStatus};
    use crate::testing::now;
    use chrono::NaiveDate;

    fn today() -> Now {
        Now {
            today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            ..now()
        }
    }

    #[test]
    fn a_fresh_database_gets_the_seed_case_with_its_reply() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(load_if_fresh(&mut store, today()).unwrap(), 6);
        let id = cases::find_by_external_id(store.conn(), "demo:facial-twitching")
            .unwrap()
            .unwrap();
        let case = cases::get(store.conn(), id).unwrap();
        assert_eq!(case.status, CaseStatus::Answered);
        assert!(case
            .question
            .body
            .starts_with("Doctor, I started experiencing muscle twitching"));
        let reply = case.reply.unwrap();
        assert!(reply.body.starts_with("Hello Mr.\nTian: You mentioned"));
        assert!(reply.signature.unwrap().contains("Taoyuan Medical Center"));
        assert!(reply.more_info.unwrap().contains("myokymia"));
        assert!(reply.locked_at.is_some(), "imported answers are locked");
        assert_eq!(case.question.tags.len(), 10);
        let trail = crate::audit::list(store.conn(), id).unwrap();
        assert_eq!(trail[0].kind, crate::audit::AuditKind::Imported);
        assert!(
            trail[0].detail.starts_with("Casebook demo cases, line "),
            "{trail:?}"
        );

        let counts = inbox::status_counts(store.conn(), &Default::default()).unwrap();
        assert_eq!((counts.new, counts.answered, counts.all), (4, 2, 6));
        let chinese = inbox::list(store.conn(), &Default::default(), 0, 50).unwrap();
        assert!(chinese.items.iter().any(|c| c.title.contains("眼皮")));
    }

    #[test]
    fn an_existing_database_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in_dir(dir.path()).unwrap();
        assert_eq!(load_if_fresh(&mut store, today()).unwrap(), 6);
        drop(store);
        let mut store = Store::open_in_dir(dir.path()).unwrap();
        assert_eq!(load_if_fresh(&mut store, today()).unwrap(), 0);
    }
}

//! Interchange format v1: JSON Lines, one case per line (the format and the
//! import policy: docs/decisions.md, "Interchange format v1").
//!
//! These are the wire types only; [`crate::import`] checks and stores them.
//! Unknown fields are refused (`deny_unknown_fields`) so a misspelt field is
//! reported rather than silently dropped.

use serde::{Deserialize, Serialize};

use crate::cases::{CaseStatus, Sex};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Defaults to `answered` when a reply is present, `new` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CaseStatus>,
    pub question: QuestionRecord,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<ReplyRecord>,
    #[serde(default)]
    pub follow_ups: Vec<FollowUpRecord>,
    /// Corrections added after the reply was locked, oldest first. Optional
    /// (absent when there are none), so files without it stay valid v1.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addenda: Vec<AddendumRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddendumRecord {
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clinician: Option<String>,
    /// ISO-8601 UTC, when the addendum was written.
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionRecord {
    pub title: String,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_range: Option<String>,
    pub asked_on: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyRecord {
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clinician: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replied_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_info: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpRecord {
    pub due_on: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_time: Option<String>,
    #[serde(default)]
    pub reason: String,
    #[serde(default = "pending")]
    pub state: FollowUpState,
}

/// Where a follow-up stands: `pending` until it is `done` or `cancelled`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpState {
    Pending,
    Done,
    Cancelled,
}

crate::columns::stored_names!(FollowUpState {
    Pending => "pending",
    Done => "done",
    Cancelled => "cancelled",
});

fn pending() -> FollowUpState {
    FollowUpState::Pending
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_design_example_parses() {
        let line = r#"{"external_id": "medquad:0000001_1-1", "status": "answered",
 "question": {"title": "t", "body": "b", "asker": "A Tian", "sex": "female",
              "age_range": "30-39", "asked_on": "2023-02-02",
              "department": "Neurology", "tags": ["Facial Twitching"]},
 "reply": {"body": "r", "clinician": "Dr. Jiang Junyi",
           "affiliation": "Taoyuan Medical Center", "replied_on": "2023-02-02",
           "more_info": "m"},
 "follow_ups": [{"due_on": "2023-02-09", "reason": "check twitching", "state": "pending"}]}"#;
        let r: CaseRecord = serde_json::from_str(line).unwrap();
        assert_eq!(r.status, Some(CaseStatus::Answered));
        assert_eq!(r.follow_ups[0].state, FollowUpState::Pending);
    }

    #[test]
    fn unknown_fields_are_named() {
        let line =
            r#"{"question": {"title": "t", "body": "b", "asked_on": "2023-02-02", "mood": 1}}"#;
        let e = serde_json::from_str::<CaseRecord>(line).unwrap_err();
        assert!(e.to_string().contains("unknown field `mood`"), "{e}");
    }
}

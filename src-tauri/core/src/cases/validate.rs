//! Turns what a person typed (or an import line held) into a checked
//! [`Question`], with one message per problem that names the field.
//!
//! Clinical text (title, question body) is stored exactly as given: it is
//! checked, never trimmed or folded. Short labels (asker, department, tags,
//! source) lose surrounding spaces, and an empty label means "not given".

use chrono::NaiveDate;

use super::{Question, QuestionInput, AGE_RANGES};
use crate::{msg, CoreError, Message, Result};

/// Size limits, in characters. A question past them is refused with a message
/// that says the limit, never truncated behind the clinician's back.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub title: usize,
    pub body: usize,
    pub label: usize,
    pub tags: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            title: 500,
            body: 200_000,
            label: 200,
            tags: 50,
        }
    }
}

/// Checks a typed question. `today` is the clinician's local date: a question
/// cannot have been asked after it.
pub fn validate(input: &QuestionInput, today: NaiveDate, limits: &Limits) -> Result<Question> {
    let title = required("title", "title", &input.title, limits.title)?;
    let body = required("body", "question text", &input.body, limits.body)?;
    let asked_on = parse_date("asked_on", "asked-on date", &input.asked_on)?;
    if asked_on > today {
        return Err(CoreError::invalid(
            "asked_on",
            msg!(
                "case.asked_on_future",
                date = asked_on.to_string(),
                today = today.to_string()
            ),
        ));
    }
    let age_range = label("age_range", &input.age_range, limits.label)?;
    if let Some(range) = &age_range {
        if !AGE_RANGES.contains(&range.as_str()) {
            return Err(CoreError::invalid(
                "age_range",
                msg!(
                    "case.age_range_unknown",
                    range = range,
                    choices = AGE_RANGES.join(", ")
                ),
            ));
        }
    }
    Ok(Question {
        title,
        body,
        asker: label("asker", &input.asker, limits.label)?,
        sex: input.sex,
        age_range,
        asked_on,
        department: label("department", &input.department, limits.label)?,
        tags: tags(&input.tags, limits)?,
        source: label("source", &input.source, limits.label)?,
        external_id: None,
    })
}

/// Parses a strict `YYYY-MM-DD` calendar date.
pub fn parse_date(field: &str, what: &str, text: &str) -> Result<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return Err(CoreError::invalid(
            field,
            msg!("field.required", what = noun(what)),
        ));
    }
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(CoreError::invalid(
            field,
            msg!("field.date_shape", what = noun(what), text = text),
        ));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        CoreError::invalid(
            field,
            msg!("field.date_unreal", what = noun(what), text = text),
        )
    })
}

fn required(field: &str, what: &str, text: &str, limit: usize) -> Result<String> {
    if text.trim().is_empty() {
        return Err(CoreError::invalid(
            field,
            msg!("field.required", what = noun(what)),
        ));
    }
    check_length(field, what, text, limit)?;
    Ok(text.to_string())
}

fn label(field: &str, text: &Option<String>, limit: usize) -> Result<Option<String>> {
    let Some(text) = text.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    check_length(field, field_words(field), text, limit)?;
    Ok(Some(text.to_string()))
}

fn tags(input: &[String], limits: &Limits) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for tag in input.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        check_length("tags", "tag", tag, limits.label)?;
        if !out.iter().any(|t| t == tag) {
            out.push(tag.to_string());
        }
    }
    if out.len() > limits.tags {
        return Err(CoreError::invalid(
            "tags",
            msg!("case.too_many_tags", count = out.len(), limit = limits.tags),
        ));
    }
    Ok(out)
}

fn check_length(field: &str, what: &str, text: &str, limit: usize) -> Result<()> {
    let chars = text.chars().count();
    if chars > limit {
        return Err(CoreError::invalid(
            field,
            msg!(
                "field.too_long",
                what = noun(what),
                chars = chars,
                limit = limit
            ),
        ));
    }
    if text.chars().any(|c| c == '\0') {
        return Err(CoreError::invalid(
            field,
            msg!("field.nul", what = noun(what)),
        ));
    }
    Ok(())
}

/// The noun a message names a field by ("asked-on date" → `noun.asked_on_date`).
pub(crate) fn noun(what: &str) -> Message {
    Message::new(&format!("noun.{}", what.replace([' ', '-'], "_")))
}

fn field_words(field: &str) -> &str {
    match field {
        "asker" => "asker alias",
        "age_range" => "age range",
        "department" => "department",
        "source" => "source",
        _ => field,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::Sex;
    use crate::testing::now;

    fn input() -> QuestionInput {
        QuestionInput {
            title: "Facial twitching?".into(),
            body: "  Doctor, my nose bridge twitches.\n\nThank you.  ".into(),
            asker: Some("  A Tian ".into()),
            sex: Some(Sex::Female),
            age_range: Some("30-39".into()),
            asked_on: "2023-02-02".into(),
            department: Some("Neurology".into()),
            tags: vec![
                " Facial Twitching ".into(),
                "".into(),
                "Facial Twitching".into(),
                "Face".into(),
            ],
            source: Some("".into()),
        }
    }

    fn field_of(e: CoreError) -> String {
        e.field().unwrap_or_default().to_string()
    }

    #[test]
    fn clinical_text_is_kept_exactly_and_labels_are_tidied() {
        let q = validate(&input(), now().today, &Limits::default()).unwrap();
        assert_eq!(q.body, "  Doctor, my nose bridge twitches.\n\nThank you.  ");
        assert_eq!(q.asker.as_deref(), Some("A Tian"));
        assert_eq!(q.tags, vec!["Facial Twitching", "Face"]);
        assert_eq!(q.source, None);
        assert_eq!(q.asked_on, NaiveDate::from_ymd_opt(2023, 2, 2).unwrap());
    }

    #[test]
    fn empty_required_fields_are_named() {
        let mut i = input();
        i.title = "   ".into();
        assert_eq!(
            field_of(validate(&i, now().today, &Limits::default()).unwrap_err()),
            "title"
        );
        let mut i = input();
        i.body = "\n\t".into();
        let e = validate(&i, now().today, &Limits::default()).unwrap_err();
        assert_eq!(e.to_string(), "The question text is required.");
    }

    #[test]
    fn impossible_and_future_dates_are_refused() {
        for (date, words) in [
            ("2026-02-30", "not a real calendar date"),
            ("2026-2-3", "YYYY-MM-DD"),
            ("yesterday", "YYYY-MM-DD"),
            ("2026-03-02", "in the future (today is 2026-03-01)"),
        ] {
            let mut i = input();
            i.asked_on = date.into();
            let e = validate(&i, now().today, &Limits::default()).unwrap_err();
            assert_eq!(e.field(), Some("asked_on"));
            assert!(e.to_string().contains(words), "{date}: {e}");
        }
        let mut i = input();
        i.asked_on = "2026-03-01".into();
        assert!(
            validate(&i, now().today, &Limits::default()).is_ok(),
            "today is fine"
        );
    }

    #[test]
    fn an_over_long_question_is_refused_with_the_limit() {
        let mut i = input();
        i.body = "抽".repeat(1_048_576);
        let e = validate(&i, now().today, &Limits::default()).unwrap_err();
        assert_eq!(e.field(), Some("body"));
        assert!(
            e.to_string()
                .contains("1048576 characters long; the limit is 200000"),
            "{e}"
        );
    }

    #[test]
    fn unknown_age_ranges_and_too_many_tags_are_refused() {
        let mut i = input();
        i.age_range = Some("30~39".into());
        assert_eq!(
            field_of(validate(&i, now().today, &Limits::default()).unwrap_err()),
            "age_range"
        );
        let mut i = input();
        i.tags = (0..51).map(|n| format!("t{n}")).collect();
        assert_eq!(
            field_of(validate(&i, now().today, &Limits::default()).unwrap_err()),
            "tags"
        );
    }
}

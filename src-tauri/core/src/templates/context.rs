//! The values a template sees for one case: the question's fields, the
//! clinician's profile, today and the next pending follow-up.

use rusqlite::Connection;

use super::render::Context;
use crate::{cases, profile, Now, Result};

/// The variables of [`super::render::VARIABLES`] for `case_id`. Missing
/// values are empty strings (false in `{% if %}`).
pub fn for_case(conn: &Connection, case_id: i64, now: Now) -> Result<Context> {
    let case = cases::get(conn, case_id)?;
    let q = &case.question;
    let me = profile::get(conn)?;
    let next_follow_up = crate::followups::next_pending(conn, case_id)?.map(|d| d.to_string());
    let mut ctx = Context::new();
    ctx.insert("asker", q.asker.clone().unwrap_or_default());
    ctx.insert(
        "sex",
        q.sex.map(|s| s.as_str().to_string()).unwrap_or_default(),
    );
    ctx.insert("age_range", q.age_range.clone().unwrap_or_default());
    ctx.insert("asked_on", q.asked_on.to_string());
    ctx.insert("department", q.department.clone().unwrap_or_default());
    ctx.insert("question_title", q.title.clone());
    ctx.insert("question_quote", first_sentence(&q.body));
    ctx.insert("clinician", me.display_name().unwrap_or_default());
    ctx.insert("affiliation", me.affiliation);
    ctx.insert("signature", me.signature);
    ctx.insert("closing", me.closing);
    ctx.insert("today", now.today.to_string());
    ctx.insert("next_follow_up", next_follow_up.unwrap_or_default());
    Ok(ctx)
}

/// The question's first sentence (ending at `.?!。？！` or a line break),
/// at most 300 characters.
pub fn first_sentence(body: &str) -> String {
    let mut body = body.trim();
    // Skip a salutation on its own line ("Hello Doctor," / "醫師您好：").
    if let Some((first, rest)) = body.split_once('\n') {
        let first = first.trim();
        if first.chars().count() <= 40
            && first.ends_with([',', '，', ':', '：'])
            && !rest.trim().is_empty()
        {
            body = rest.trim();
        }
    }
    let mut end = body.len();
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            end = i;
            break;
        }
        let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        if matches!(c, '。' | '？' | '！') || (matches!(c, '.' | '?' | '!') && next_is_space) {
            end = i + c.len_utf8();
            break;
        }
    }
    let sentence = body[..end].trim();
    match sentence.char_indices().nth(300) {
        Some((cut, _)) => format!("{}…", &sentence[..cut]),
        None => sentence.to_string(),
    }
}

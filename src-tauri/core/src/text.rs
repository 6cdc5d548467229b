//! Small text helpers shared by the listing and export code.

/// The first `max` characters of `text` on one line (runs of white space
/// folded), with an ellipsis when something was cut. For display only: the
/// stored text is never changed.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(max + 3);
    let mut count = 0;
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = count > 0;
            continue;
        }
        if count >= max {
            out.push('…');
            return out;
        }
        if pending_space {
            out.push(' ');
            count += 1;
            pending_space = false;
        }
        out.push(c);
        count += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn folds_white_space_and_cuts_on_characters_not_bytes() {
        assert_eq!(excerpt("  Doctor,\n\n my  nose ", 100), "Doctor, my nose");
        assert_eq!(excerpt("面部抽搐的情形", 4), "面部抽搐…");
        assert_eq!(excerpt("", 4), "");
    }
}

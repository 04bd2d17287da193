//! A date or time format the document states, as a pattern.

use std::sync::LazyLock;

use regex::Regex;

use crate::drafter::bounds::re;
use crate::drafter::text::Doc;
use crate::drafter::Draft;

/// A date or time format the document states (`in the format of
/// YYYY-MM-DD`, `Format: HH:MM:SS`, `in the format of 2025-08-17
/// 00:00:00`, `格式为YYYY-MM-DD`, `格式：2019-01-01 00:00:00`): its
/// pattern, when exactly one is stated and read whole.
pub(super) fn format(doc: &Doc, out: &mut Draft) -> bool {
    static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r#"(?i)(?:^|[^A-Za-z0-9])(YYYY-MM-DD(?:[ T]HH:MM(?::SS)?)?|YYYY-MM|YYYYMMDD|HH:MM(?::SS)?)(?:$|[\s`'".,;)，。；）”])"#,
        )
    });
    // Every format the text mentions, read or not.
    static MENTIONED: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)yyyy|hh:mm"));
    static BY_EXAMPLE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r#"(?i)(?:\bin\s+the\s+format\s+of\s+|格式(?:为|是|如)?\s*[:：]?\s*)[`"'“]?(\d{4}-\d{2}(?:-\d{2})?(?: \d{2}:\d{2}(?::\d{2})?)?)[`"'”]?(?:$|[\s.,;)，。；）])"#,
        )
    });
    let mut found: Vec<(String, &String)> = Vec::new();
    for sentence in &doc.sentences {
        let lower = sentence.to_ascii_lowercase();
        if !lower.contains("format") && !sentence.contains("格式") {
            continue;
        }
        // "supports two time formats", "either format", "两种格式".
        if lower.contains("formats")
            || lower.contains("either")
            || sentence.contains("种格式")
            || sentence.contains("或")
        {
            return false;
        }
        let read = WRITTEN.captures_iter(sentence).count();
        if MENTIONED.is_match(&WRITTEN.replace_all(sentence, " ")) {
            return false;
        }
        for c in WRITTEN.captures_iter(sentence) {
            found.push((c[1].to_ascii_uppercase(), sentence));
        }
        if read == 0 {
            for c in BY_EXAMPLE.captures_iter(sentence) {
                // `2025-08-17 00:00:00` is written `DDDD-DD-DD DD:DD:DD`.
                let shape: String = c[1]
                    .chars()
                    .map(|ch| if ch.is_ascii_digit() { 'D' } else { ch })
                    .collect();
                found.push((shape, sentence));
            }
        }
    }
    let Some((first, _)) = found.first() else {
        return false;
    };
    if found.iter().any(|(f, _)| f != first) {
        return false;
    }
    // Letters stand for digits; `YYYYMMDD` is eight of them.
    let mut pattern = String::from("^");
    let mut rest = first.as_str();
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_alphabetic() {
            let run = rest.chars().take_while(char::is_ascii_alphabetic).count();
            pattern.push_str(&format!("[0-9]{{{run}}}"));
            rest = &rest[run..];
        } else {
            pattern.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    pattern.push('$');
    out.pattern = Some(pattern);
    out.evidence.extend(found.iter().map(|(_, s)| (*s).clone()));
    true
}

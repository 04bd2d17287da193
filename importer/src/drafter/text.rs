//! A document as plain lines and sentences: Markdown from the importer's
//! converter, with emphasis and link targets dropped and code spans kept
//! (a value in backticks is a strong sign of an enumerated value).

use std::sync::LazyLock;

use regex::Regex;

use crate::markdown::to_markdown;

/// A list in the document: the line before it and its items.
pub(super) struct List {
    pub(super) lead: String,
    pub(super) items: Vec<String>,
}

pub(super) struct Doc {
    /// Lines that are not list items, each split into sentences.
    pub(super) sentences: Vec<String>,
    /// Lists, in order.
    pub(super) lists: Vec<List>,
    /// Lines that are not list items, whole.
    pub(super) lines: Vec<String>,
    /// The whole text, for ordering evidence.
    full: String,
    /// The document is written in Chinese.
    pub(super) chinese: bool,
}

impl Doc {
    pub(super) fn new(document: &str) -> Self {
        let markdown = to_markdown(document);
        let mut sentences = Vec::new();
        let mut lines = Vec::new();
        let mut lists: Vec<List> = Vec::new();
        let mut lead = String::new();
        let mut in_list = false;
        let mut full = String::new();
        for raw in markdown.lines() {
            let line = plain(raw);
            full.push_str(&line);
            full.push('\n');
            let trimmed = line.trim();
            let item = trimmed
                .strip_prefix("- ")
                // `-`1`: ...`: a list item written without its space.
                .or_else(|| trimmed.strip_prefix('-').filter(|r| r.starts_with('`')))
                .or_else(|| trimmed.strip_prefix("* "))
                .or_else(|| numbered(trimmed));
            match item {
                Some(item) => {
                    if !in_list {
                        lists.push(List {
                            lead: std::mem::take(&mut lead),
                            items: Vec::new(),
                        });
                        in_list = true;
                    }
                    let item = item.trim().to_owned();
                    sentences.extend(split_sentences(&item));
                    if let Some(list) = lists.last_mut() {
                        list.items.push(item);
                    }
                }
                // A stray full stop between items (`</li>.<li>`) is no line.
                None if trimmed.is_empty() || matches!(trimmed, "." | "。" | ";" | "；") => {}
                None => {
                    in_list = false;
                    lines.push(trimmed.to_owned());
                    sentences.extend(split_sentences(trimmed));
                    lead = trimmed.to_owned();
                }
            }
        }
        // Written in Chinese: CJK ideographs are more than a fifth of the
        // letters (an English document may quote a Chinese word).
        let cjk = full
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count();
        let latin = full.chars().filter(char::is_ascii_alphabetic).count();
        let chinese = cjk * 4 > latin;
        Doc {
            sentences,
            lists,
            lines,
            full,
            chinese,
        }
    }

    /// Where `text` first appears, for ordering evidence.
    pub(super) fn position(&self, text: &str) -> usize {
        self.full.find(text).unwrap_or(usize::MAX)
    }
}

/// `1. item` -> `item`.
fn numbered(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && digits < 3)
        .then(|| line[digits..].strip_prefix(". "))
        .flatten()
}

/// Markdown emphasis, escapes and link targets out; code spans kept whole.
fn plain(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find(['*', '\\', '[', '`']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(code) = tail.strip_prefix('`') {
            // A code span is kept whole: `*` there is a value, not emphasis.
            match code.find('`') {
                Some(end) => {
                    out.push_str(&tail[..end + 2]);
                    rest = &code[end + 1..];
                }
                None => {
                    out.push('`');
                    rest = code;
                }
            }
        } else if let Some(t) = tail.strip_prefix('*') {
            rest = t;
        } else if let Some(t) = tail.strip_prefix('\\') {
            rest = t;
        } else {
            // `[text](url)` -> `text`.
            match (tail.find("]("), tail.find(')')) {
                (Some(close), Some(end)) if close < end => {
                    out.push_str(&tail[1..close]);
                    rest = &tail[end + 1..];
                }
                _ => {
                    out.push('[');
                    rest = &tail[1..];
                }
            }
        }
    }
    out.push_str(rest);
    // `__release__` is bold in Markdown: the value is `release`.
    static BOLD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(^|[^\w])__([A-Za-z0-9][A-Za-z0-9_.-]*?)__($|[^\w])").expect("regex")
    });
    BOLD.replace_all(&out.replace('\u{a0}', " "), "$1$2$3")
        .into_owned()
}

/// Sentences of a line: split after `.`, `!` or `?` followed by a space and
/// an upper-case letter (a decimal point or `e.g. x` does not split), and
/// after the Chinese full stop, exclamation and question marks.
fn split_sentences(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if matches!(c, '。' | '！' | '？') {
            let end = i + c.len_utf8();
            out.extend(split_latin(&line[start..end]));
            start = end;
        }
    }
    out.extend(split_latin(&line[start..]));
    out
}

/// [`split_sentences`] at Latin sentence ends.
fn split_latin(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for i in 0..bytes.len() {
        let ends = matches!(bytes[i], b'.' | b'!' | b'?')
            && bytes.get(i + 1) == Some(&b' ')
            && bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase)
            && !line[..i].to_ascii_lowercase().ends_with("e.g")
            && !line[..i].to_ascii_lowercase().ends_with("i.e");
        if ends {
            out.push(line[start..=i].trim().to_owned());
            start = i + 1;
        }
    }
    let last = line[start..].trim();
    if !last.is_empty() {
        out.push(last.to_owned());
    }
    out
}

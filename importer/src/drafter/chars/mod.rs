//! The characters a string may hold: "can contain only letters, digits,
//! hyphens (-) and underscores (_)", "supporting [a-zA-Z0-9-_.]",
//! "Letters, digits, and :_- are allowed".
//!
//! Drafted as a charset (classes and single characters), the character
//! rule the spec can enforce, and written as the pattern a labeller writes
//! (`^[A-Za-z0-9_-]*$`). Every piece of the list must be read: a list with
//! a piece that is not a kind of character ("symbols", "special
//! characters") drafts nothing. A rule on the first or last character
//! ("must start with a letter") is drafted in the pattern; the charset
//! keeps the characters allowed anywhere, which it implies.

mod chinese;
mod format;
mod list;

use std::sync::LazyLock;

use codegen::spec::{CharClass, Charset};
use regex::Regex;

use super::bounds::re;
use super::text::Doc;
use super::{Draft, Kind, Subject};

/// What a sentence lists: classes and single characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Chars {
    chinese: bool,
    lower: bool,
    upper: bool,
    digits: bool,
    /// Single characters, in the order the text names them.
    others: String,
    /// The repetition a written regular expression gives (`{1,32}`).
    repeat: Option<String>,
}

impl Chars {
    fn is_empty(&self) -> bool {
        !self.chinese && !self.lower && !self.upper && !self.digits && self.others.is_empty()
    }

    fn add(&mut self, other: &Chars) {
        self.chinese |= other.chinese;
        self.lower |= other.lower;
        self.upper |= other.upper;
        self.digits |= other.digits;
        if other.repeat.is_some() {
            self.repeat.clone_from(&other.repeat);
        }
        for c in other.others.chars() {
            self.push(c);
        }
    }

    fn push(&mut self, c: char) {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => {}
            _ if !self.others.contains(c) => self.others.push(c),
            _ => {}
        }
    }

    /// The class of a regular expression: `\p{Han}A-Za-z0-9_.-`.
    fn class(&self) -> String {
        let mut out = String::new();
        if self.chinese {
            out.push_str(r"\p{Han}");
        }
        match (self.upper, self.lower) {
            (true, true) => out.push_str("A-Za-z"),
            (true, false) => out.push_str("A-Z"),
            (false, true) => out.push_str("a-z"),
            (false, false) => {}
        }
        if self.digits {
            out.push_str("0-9");
        }
        // `-` last, where it needs no escape; the others escaped where a
        // class would read them.
        for c in self.others.chars().filter(|c| *c != '-') {
            if matches!(c, '\\' | ']' | '[' | '^' | '&' | '~') {
                out.push('\\');
            }
            out.push(c);
        }
        if self.others.contains('-') {
            out.push('-');
        }
        out
    }

    fn charset(&self) -> Charset {
        let mut classes = Vec::new();
        if self.chinese {
            classes.push(CharClass::Chinese);
        }
        match (self.upper, self.lower) {
            (true, true) => classes.push(CharClass::Letters),
            (true, false) => classes.push(CharClass::Uppercase),
            (false, true) => classes.push(CharClass::Lowercase),
            (false, false) => {}
        }
        if self.digits {
            classes.push(CharClass::Digits);
        }
        Charset {
            classes,
            chars: self.others.clone(),
        }
    }
}

/// A rule on the first or last character.
static STARTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:(?:must|should|can\s+only|needs?\s+to|has\s+to)\s+)?(?:start|begin)s?|starting|beginning)\s+with\s+(?:an?\s+|the\s+)?([^.;]*?)(?:\s+and\s+(?:must\s+)?end\b|,?\s+(?:and|but|with)\s+(?:the\s+)?(?:rest|remaining|must|can|cannot|it|its|may)\b|,\s*(?:the\s+)?(?:rest|remaining|and|with|which|it)\b|\s*[.;]|$)",
    )
});
static ENDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:(?:must|should|can\s+only|needs?\s+to)\s+)?ends?|ending)\s+with\s+(?:an?\s+|the\s+)?([^.;]*?)\s*(?:[.;]|$)",
    )
});
static EDGE_MENTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:start|begin|end)s?\s+with\b|\b(?:starting|beginning|ending)\s+with\b|\b(?:first|last|initial|final)\s+character",
    )
});
static NEGATIVE_EDGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:cannot|can't|can\s+not|must\s+not|should\s+not|not\s+allowed\s+to|do\s+not|does\s+not|never)\s+(?:start|begin|end)",
    )
});
static EMPTY_ALLOWED: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)空字符串|\bempty\s+string"));
static REGEX_GIVEN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bregex\b|\bregular\s+expression|\bnaming\s+rules?\s*:"));

/// The charset the document states, with the pattern it reads as; or a
/// date or time format (`YYYY-MM-DD`), a pattern the spec documents only.
pub(super) fn charset(doc: &Doc, subject: &Subject<'_>, out: &mut Draft) {
    if subject.list || subject.kind != Kind::String {
        return;
    }
    if format::format(doc, out) {
        return;
    }
    let listed = if doc.chinese {
        chinese::listed
    } else {
        list::listed
    };
    let mut found: Vec<(Chars, &String)> = Vec::new();
    for sentence in &doc.sentences {
        match listed(sentence) {
            Some(chars) => found.push((chars, sentence)),
            // A regular expression not read may state other characters
            // (`Regex: [\w+=,.@_-]*` beside a list without `+`).
            None if REGEX_GIVEN.is_match(sentence) && sentence.contains('[') => return,
            None => {}
        }
    }
    let Some((first, _)) = found.first() else {
        return;
    };
    // Two statements that differ depend on a mode (or one is wrong).
    if found.iter().any(|(c, _)| c != first) {
        return;
    }
    let mut evidence: Vec<String> = found.iter().map(|(_, s)| (*s).clone()).collect();
    evidence.dedup();
    let (start, end) = match edges(doc, first) {
        Some(edges) => edges,
        None => return,
    };
    let edged = start.is_some() || end.is_some();
    let body = first.class();
    let pattern = match (start, end) {
        (None, None) => format!("^[{body}]{}$", first.repeat.as_deref().unwrap_or("*")),
        (Some((s, why)), None) => {
            evidence.push(why);
            format!("^[{}][{body}]*$", s.class())
        }
        (None, Some((e, why))) => {
            evidence.push(why);
            format!("^[{body}]*[{}]$", e.class())
        }
        (Some((s, w1)), Some((e, w2))) => {
            evidence.push(w1);
            evidence.push(w2);
            format!("^[{}][{body}]*[{}]$", s.class(), e.class())
        }
    };
    // An edge rule holds for a value that has characters: an empty string
    // the document allows ("传空字符串清空") stays allowed.
    let pattern = if edged && EMPTY_ALLOWED.is_match(&doc.sentences.join(" ")) {
        format!("^({})?$", &pattern[1..pattern.len() - 1])
    } else {
        pattern
    };
    out.pattern = Some(pattern);
    out.charset = Some(first.charset());
    out.evidence.extend(evidence);
}

/// A table of words for characters: each row's words (a regular
/// expression, matched whole inside `whole`, which holds `{}`), the classes
/// it names (`h` Chinese, `l` lower-case and `u` upper-case letters, `d`
/// digits) and the characters it names.
fn word_table(rows: &[(&str, &str, &str)], whole: &str) -> Vec<(Regex, Chars)> {
    rows.iter()
        .map(|(words, classes, others)| {
            let chars = Chars {
                chinese: classes.contains('h'),
                lower: classes.contains('l'),
                upper: classes.contains('u'),
                digits: classes.contains('d'),
                others: (*others).to_owned(),
                repeat: None,
            };
            (re(&whole.replace("{}", words)), chars)
        })
        .collect()
}

/// Characters written out (`-`, `:_-`, `-%@#&_`), unless one repeats.
fn written(piece: &str) -> Option<Chars> {
    if !list::is_symbols(piece) || list::repeats(piece) {
        return None;
    }
    let mut chars = Chars::default();
    piece.chars().for_each(|c| chars.push(c));
    Some(chars)
}

/// A word from `words`, with the characters quoted after it (`hyphens
/// "-"`, `下划线"_"`); `bare` words name no class of their own
/// (`分隔符"-"`) and need the quoted characters.
fn named(
    piece: &str,
    words: &[(Regex, Chars)],
    bare: &[&str],
    unquote: fn(&str) -> &str,
) -> Option<Chars> {
    let (name, quoted) = match piece.find(['"', '“', '\'', '「']) {
        Some(i) => (piece[..i].trim(), Some(unquote(&piece[i..]))),
        None => (piece, None),
    };
    let mut chars = if quoted.is_some() && bare.contains(&name) {
        Chars::default()
    } else {
        words
            .iter()
            .find(|(r, _)| r.is_match(name))
            .map(|(_, c)| c.clone())?
    };
    if let Some(q) = quoted {
        if !list::is_symbols(q) {
            return None;
        }
        q.chars().for_each(|c| chars.push(c));
    }
    Some(chars)
}

type Edge = Option<(Chars, String)>;

/// The rules on the first and last characters, when every one is read;
/// `None` when one is stated that cannot be.
fn edges(doc: &Doc, body: &Chars) -> Option<(Edge, Edge)> {
    type Reader = fn(&str) -> Option<Chars>;
    let (starts, ends, negative, mention, pieces): (&Regex, &Regex, &Regex, &Regex, Reader) =
        if doc.chinese {
            (
                &chinese::STARTS,
                &chinese::ENDS,
                &chinese::NEGATIVE_EDGE,
                &chinese::EDGE_MENTION,
                chinese::pieces,
            )
        } else {
            (&STARTS, &ENDS, &NEGATIVE_EDGE, &EDGE_MENTION, list::pieces)
        };
    let mut start: Edge = None;
    let mut end: Edge = None;
    for sentence in &doc.sentences {
        // "cannot start or end with -": a rule the pattern does not hold.
        if negative.is_match(sentence) {
            return None;
        }
        let mut read = false;
        for (re, edge) in [(starts, &mut start), (ends, &mut end)] {
            for c in re.captures_iter(sentence) {
                let chars = pieces(c.get(1).or(c.get(2))?.as_str())?;
                if !within(&chars, body) || chars.repeat.is_some() {
                    return None;
                }
                *edge = Some((chars, sentence.clone()));
                read = true;
            }
        }
        // An edge rule worded otherwise ("开头和结尾需为中文、英文字母或者数字").
        if !read && mention.is_match(sentence) {
            return None;
        }
    }
    Some((start, end))
}

/// `inner` allows only characters `outer` allows.
fn within(inner: &Chars, outer: &Chars) -> bool {
    (!inner.chinese || outer.chinese)
        && (!inner.lower || outer.lower)
        && (!inner.upper || outer.upper)
        && (!inner.digits || outer.digits)
        && inner.others.chars().all(|c| outer.others.contains(c))
}

//! Reading a list of characters: "letters, digits, hyphens (-) and
//! underscores (_)", "[a-z], [A-Z], [0-9], [-_.]", "symbols `+@&._[]-:,`".

use std::sync::LazyLock;

use regex::Regex;

use super::{named, word_table, written, Chars};
use crate::drafter::bounds::{about_a_part, re};

/// A sentence that states which characters are allowed, and where its list
/// is: after the trigger ("can contain ..."), or before it ("... are
/// allowed").
static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:can|may)\s+(?:only\s+)?(?:contain|include|consist\s+of|be\s+composed\s+of)|(?:only\s+)?(?:contains?|supports?|allows?|includes?)\s+only|only\s+(?:contains?|supports?|allows?|includes?|consists?\s+of)|consist(?:s|ing)?\s+of(?:\s+only)?|composed\s+of|comprised\s+of|supporting|(?:which|it)\s+supports|(?:allowed|valid|supported)\s+characters\s*(?:are|include)?\s*:?|(?:is\s+)?limited\s+to|(?:must|should)\s+be|,?\s*and\s+contain|naming\s+rules?\s*:|regular\s+expression\s*:)(?:\s+input\s+of)?",
    )
});
static BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:are|is)\s+(?:allowed|supported|permitted)\b"));
/// Where the list ends.
static END: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)[;；.。]\s|[;；。]|\.$|,?\s+(?:with|which|and\s+(?:must|cannot|can't|should|is|it|the|must)|but|must|cannot|can't|should|starting|beginning|in\s+length|unique)\b|,\s*(?:up\s+to|at\s+most|not\s+exceeding|a\s+maximum|the\s+length|length|it|and\s+the)\b|\s+(?:up\s+to|at\s+most|within)\s+\d",
    )
});
/// A count before the list: "3 to 64 characters consisting of", "1-60".
static COUNT_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:(?:up\s+to|at\s+most|a\s+maximum\s+of|no\s+more\s+than|between)\s+)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s*(?:-|–|~|to|and)\s*\d+)?\s*(?:characters?|chars|bytes)?\s*(?:of|in\s+length)?\s*(?:,\s*)?(?:including|consisting\s+of)?\s*",
    )
});
/// Sentences about something else than the characters allowed anywhere.
static NOT_A_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bat\s+least\b|\bmust\s+(?:contain|include)\b|\bpassword\b|\bcombination\b|\bcannot\s+(?:contain|include)\b|\bformat\b|\bseparated\b|\bsuch\s+as\b|\be\.g\.|\bfor\s+example\b|\bchoose\b|\bseparated\b|\bfollowed\b",
    )
});

/// The characters one sentence lists, when it states a charset and every
/// piece of its list is read.
pub(super) fn listed(sentence: &str) -> Option<Chars> {
    if NOT_A_CHARSET.is_match(sentence) || about_a_part(sentence) {
        return None;
    }
    // The first trigger whose list reads ("which must be unique, can
    // contain ...").
    for m in AFTER.find_iter(sentence) {
        let tail = &sentence[m.end()..];
        let tail = COUNT_LEAD
            .find(tail)
            .map_or(tail, |lead| &tail[lead.end()..]);
        let span = END.find(tail).map_or(tail, |e| &tail[..e.start()]);
        if let Some(chars) = pieces(span) {
            return Some(chars);
        }
    }
    if let Some(m) = BEFORE.find(sentence) {
        // From the clause's start: after the last `.`, `:` or `;`.
        // A list of one ("Chinese is supported") adds to a rule stated
        // elsewhere; it is no rule of its own.
        let head = &sentence[..m.start()];
        let from = [": ", "; ", "：", "；"]
            .iter()
            .filter_map(|sep| head.rfind(sep).map(|i| i + sep.len()))
            .max()
            .unwrap_or(0);
        let span = &head[from..];
        if SPLIT
            .split(span.trim())
            .filter(|p| !p.trim().is_empty())
            .count()
            < 2
        {
            return None;
        }
        return pieces(span);
    }
    None
}

static SYMBOL_LIST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:special|the\s+following)\s+)?(?:symbols?|characters?)\s*(?:[(（]((?:[^()（）]|\(\)|（）)*)[)）]|`([^`]*)`)",
    )
});

static QUANTIFIER: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:\*|\+|\{\d+(?:,\d*)?\})"));

/// Where the pieces of a list part.
static SPLIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\s*(?:,\s*(?:and|or)\s+|,|\band/or\b|\band\b|\bor\b|/|、|\+)\s*"));

/// Every piece of a list read as characters, or `None`.
pub(super) fn pieces(span: &str) -> Option<Chars> {
    let span = span.trim().trim_end_matches(['.', ',', ';', ':']);
    if span.is_empty() {
        return None;
    }
    let mut chars = Chars::default();
    // Symbols written out after their name: "symbols `+@&._[]-:,`",
    // "special symbols (_-@#)"; a comma there is one of them.
    let mut unnamed = String::new();
    let mut last = 0;
    for c in SYMBOL_LIST.captures_iter(span) {
        let whole = c.get(0)?;
        unnamed.push_str(&span[last..whole.start()]);
        last = whole.end();
        let inner = c.get(1).or(c.get(2))?.as_str().trim();
        let symbols: Vec<&str> = if inner.contains(", ") {
            inner.split(", ").map(str::trim).collect()
        } else {
            vec![inner]
        };
        for s in symbols {
            if !is_symbols(s) || repeats(s) {
                return None;
            }
            s.chars().for_each(|ch| chars.push(ch));
        }
    }
    unnamed.push_str(&span[last..]);
    let span = unnamed.as_str();
    // Empty brackets are a list garbled in conversion (`:()()[]+=`).
    if span.contains("()") || span.contains("[]") {
        return None;
    }
    // Bracketed classes first: `[a-z], [A-Z], [0-9], [-_.]`.
    let mut rest = String::new();
    let mut tail = span;
    while let Some(open) = tail.find('[') {
        let close = tail[open..].find(']')? + open;
        rest.push_str(&tail[..open]);
        chars.add(&bracket(&tail[open + 1..close])?);
        tail = &tail[close + 1..];
        // `[a-z0-9]{1,32}`: the count is the regular expression's own.
        if let Some(q) = QUANTIFIER.find(tail) {
            if q.as_str() != "*" {
                chars.repeat = Some(q.as_str().to_owned());
            }
            tail = &tail[q.end()..];
        }
    }
    rest.push_str(tail);
    // Parenthesised characters name what precedes them: `hyphens (-)`.
    let rest = strip_parens(&rest, &mut chars)?;
    // "upper- and lower-case letters" is one piece.
    static BOTH_CASES: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\b(?:upper(?:case|-case|\s+case|-)?\s+and\s+lower(?:case|-case|\s+case)|lower(?:case|-case|\s+case|-)?\s+and\s+upper(?:case|-case|\s+case))\s+((?:english\s+)?letters?)",
        )
    });
    let rest = BOTH_CASES.replace_all(&rest, "$1");
    for piece in SPLIT.split(&rest) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        chars.add(&piece_chars(piece)?);
    }
    (!chars.is_empty()).then_some(chars)
}

/// `hyphens (-)` -> `hyphens`, the `-` kept; `(such as ...)` refuses.
fn strip_parens(text: &str, chars: &mut Chars) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find(['(', '（']) {
        let after = &rest[open + rest[open..].chars().next()?.len_utf8()..];
        let close = after.find([')', '）'])?;
        out.push_str(&rest[..open]);
        let inner = after[..close].trim();
        let symbols = inner
            .split([',', ' '])
            .map(|s| s.trim().trim_matches(['"', '\'', '`', '“', '”']))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>();
        // Emptied by the bracketed classes read before: `([a-z], [0-9])`.
        if inner.chars().all(|c| c == ',' || c.is_whitespace()) {
            rest = &after[close + after[close..].chars().next()?.len_utf8()..];
            continue;
        }
        if symbols.is_empty() || !symbols.iter().all(|s| is_symbols(s)) {
            return None;
        }
        for s in symbols {
            for c in s.chars() {
                chars.push(c);
            }
        }
        rest = &after[close + after[close..].chars().next()?.len_utf8()..];
    }
    out.push_str(rest);
    Some(out)
}

/// A character twice in one written list: the list was garbled (full-width
/// brackets lost in `@, ,._[]-:()()[]+=.`).
pub(super) fn repeats(s: &str) -> bool {
    s.char_indices()
        .any(|(i, c)| s[i + c.len_utf8()..].contains(c))
}

pub(super) fn is_symbols(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_punctuation() && !matches!(c, '"' | '\'' | '`'))
}

/// The contents of `[...]`: ranges `a-z`, `A-Z`, `0-9` and single
/// characters (`\.` is `.`).
fn bracket(inner: &str) -> Option<Chars> {
    let mut chars = Chars::default();
    let mut rest = inner;
    while !rest.is_empty() {
        for (range, set) in [
            ("a-z", &mut chars.lower),
            ("A-Z", &mut chars.upper),
            ("0-9", &mut chars.digits),
        ] {
            if let Some(r) = rest.strip_prefix(range) {
                *set = true;
                rest = r;
            }
        }
        let mut it = rest.chars();
        match it.next() {
            None => break,
            Some('\\') => {
                let c = it.next()?;
                if !c.is_ascii_punctuation() {
                    return None;
                }
                chars.push(c);
            }
            Some(c) if c.is_ascii_punctuation() => chars.push(c),
            Some(c) if c.is_ascii_alphanumeric() && !it.as_str().starts_with('-') => {
                // A single letter or digit in a class is not a rule read.
                return None;
            }
            Some(_) => return None,
        }
        rest = it.as_str();
    }
    Some(chars)
}

static ARTICLE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:an?|the)\s+"));

/// One piece of a list: a kind of character, or characters written out.
fn piece_chars(piece: &str) -> Option<Chars> {
    static WORDS: LazyLock<Vec<(Regex, Chars)>> = LazyLock::new(|| {
        word_table(
            &[
                (
                    r"(?:upper(?:case|-case|\s+case|-)?\s+and\s+lower(?:case|-case|\s+case)|lower(?:case|-case|\s+case|-)?\s+and\s+upper(?:case|-case|\s+case)|case-(?:in)?sensitive)\s+(?:english\s+)?letters?",
                    "lu",
                    "",
                ),
                (
                    r"(?:english\s+)?(?:lower\s*-?\s*case)\s+(?:english\s+)?(?:letters?|alphabets?)",
                    "l",
                    "",
                ),
                (
                    r"(?:english\s+)?(?:upper\s*-?\s*case|capital)\s+(?:english\s+)?(?:letters?|alphabets?)",
                    "u",
                    "",
                ),
                (
                    r"(?:english|latin)?\s*(?:letters?|alphabets?|alphabetic\s+characters?)|english(?:\s+characters?)?",
                    "lu",
                    "",
                ),
                (
                    r"(?:arabic\s+)?(?:digits?|numbers?|numerals?|numeric\s+characters?|numerics?)",
                    "d",
                    "",
                ),
                (
                    r"alphanumeric(?:\s+characters?)?|letters?\s+and\s+digits?",
                    "lud",
                    "",
                ),
                (r"chinese(?:\s+characters?)?", "h", ""),
                (r"underscores?|underlines?", "", "_"),
                (
                    r"(?:hyphens?|dashes|dash|minus(?:\s+signs?)?|hyphen-minus|(?:half-width\s+)?hyphens?|strikethroughs?|short\s+dashes|middle\s+lines?|en\s+dashes?)",
                    "",
                    "-",
                ),
                (
                    r"(?:half-width\s+)?(?:periods?|dots?|decimal\s+points?|full\s+stops?|points?)",
                    "",
                    ".",
                ),
                (r"(?:forward\s+)?slash(?:es)?", "", "/"),
                (r"colons?", "", ":"),
                (r"at\s+signs?|at\s+symbols?", "", "@"),
                (r"spaces?", "", " "),
            ],
            r"(?i)^(?:the\s+|only\s+|half-width\s+|english\s+)*(?:{})$",
        )
    });
    let piece = piece
        .trim()
        .trim_matches(['"', '\'', '`', '“', '”', '‘', '’']);
    let piece = ARTICLE.replace(piece, "");
    let piece = piece.as_ref();
    if is_symbols(piece) {
        return written(piece);
    }
    named(piece, &WORDS, &[], |q| {
        q.trim_matches(['"', '“', '”', '\'', ' '])
    })
}

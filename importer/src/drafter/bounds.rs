//! Bounds of a value, lengths of a string, the default, the unit, and
//! whether a rule depends on another member.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::text::Doc;
use super::{Draft, Kind, Subject};

pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("regex")
}

pub(super) const NUM: &str = r"(-?\d+(?:\.\d+)?)";
/// A number that may be written with thousands separators (`1,000`).
/// A count of characters: `60`, `1,000`.
pub(super) const COUNT: &str = r"(\d{1,3}(?:,\d{3})+|\d+)";
pub(super) const BIG: &str = r"(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)";
/// What a count of characters is called.
const CHARS: &str = r"(?:characters?|chars|bytes|letters|digits)";

/// A number that counts characters, list items or other things is not a
/// bound on the value.
static COUNTS_THINGS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:characters?|chars|bytes|letters|items?|elements?|entries|ids?|instances?|records?|digits?|decimal|times)\b",
    )
});

/// Illustrations and examples are not rules.
static ILLUSTRATIVE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)e\.g\.|\bsuch as\b|\bfor example\b|\bexample\b"));

/// A sentence about something else than the whole value: a key of a
/// structured value (`migrationMode: ...`, `` `Key.Sub`: ... ``), or a part
/// of it ("the custom part ...", "each segment ...").
pub(super) fn about_a_part(sentence: &str) -> bool {
    static KEY: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^`?(?:[a-z]+[A-Z]\w*|[A-Z][a-z0-9]+[A-Z]\w*|\w+\.\w+(?:\.\w+)*|[A-Z][A-Z0-9]*_[A-Z0-9_]+)`?\s*[:：]",
        )
    });
    static PART: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)\b(?:part|segment|section|each|every|prefix|suffix)\b"));
    KEY.is_match(sentence.trim()) || PART.is_match(sentence)
}

/// Values the document names outside a range (`A value of 3640 indicates
/// permanent retention`, `0: disabled`): a bound they break is not drafted.
fn special_values(doc: &Doc) -> Vec<f64> {
    static SPECIAL: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r#"(?i)\bvalue of (-?\d+(?:\.\d+)?)|\b(?:is|value is)\s+(?:more|greater) than\s+(\d+)|(?:^|[\s(;,])["“'`]?(-?\d+(?:\.\d+)?)["”'`]?\s*(?:[:：]\s*[A-Za-z]|\s+(?:indicates|means|represents|stands for|is for)\b)"#,
        )
    });
    doc.sentences
        .iter()
        .flat_map(|s| SPECIAL.captures_iter(s).collect::<Vec<_>>())
        .filter_map(|c| {
            let parse = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<f64>().ok());
            // "more than 99999" names values above 99999.
            parse(1)
                .or_else(|| parse(2).map(|n| n + 0.5))
                .or_else(|| parse(3))
        })
        .collect()
}

/// Numeric bounds: "Value range: 1-100", "range: [1, 100]", "between 1 and
/// 100", "Maximum value: 100", "cannot exceed 100", "at least 1".
pub(super) fn bounds(doc: &Doc, subject: &Subject<'_>, out: &mut Draft) {
    if subject.list || !matches!(subject.kind, Kind::Integer | Kind::Float) {
        return;
    }
    static RANGE: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)(?:\branges?\b|\bvalid values?\b|\bvalues?\b)[^.:：\d]{{0,12}}[:：]?\s*(?:is\s+)?(?:from\s+)?([\[(]?)\s*(?:{BIG}\s*(?:-|–|~|～|to)\s*{BIG}|{NUM}\s*,\s*{NUM})\s*([\])]?)"
        ))
    });
    static BETWEEN: LazyLock<Regex> =
        LazyLock::new(|| re(&format!(r"(?i)\bbetween\s+{NUM}\s+and\s+{NUM}")));
    static MAX: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)(?:\bmaximum(?: value)?|\bmax\.?(?: value)?|\bupper limit|\bcannot exceed|\bcan't exceed|\bmust not exceed|\bshould not exceed|\bnot exceed|\bnot greater than|\bno greater than|\bno more than|\bnot more than|\bless than or equal to|\bat most|\bup to)\s*(?:is|of|:|：)?\s*{BIG}"
        ))
    });
    static MIN: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)(?:\bminimum(?: value)?|\bmin\.?(?: value)?|\blower limit|\bat least|\bno less than|\bnot less than|\bcannot be less than|\bcan't be less than|\bmust not be less than|\bgreater than or equal to)\s*(?:is|of|:|：)?\s*{BIG}"
        ))
    });
    // "configurable from 0s to 3600s": the same unit on both ends.
    static FROM_TO: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)\bfrom\s+{NUM}\s*(ms|s|seconds?|minutes?|hours?|days?|MB|GB|Mbps)?\s+to\s+{NUM}\s*(ms|s|seconds?|minutes?|hours?|days?|MB|GB|Mbps)?\b"
        ))
    });
    // "The maximum batch creation quantity is 10".
    static MAXIMUM_IS: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)\bthe maximum\s+(?:[a-z]+\s+){{1,4}}is\s+{BIG}\s*(?:[.,;]|$)"
        ))
    });
    static OTHER_RANGE: LazyLock<Regex> =
        LazyLock::new(|| re(&format!(r"(?:^|\s){BIG}\s*(?:–|~|～|\bto\b)\s*{BIG}")));
    static ABOVE: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)\b(?:must be|should be|needs to be|is)\s+greater than\s+(-?\d+)\b(?:\s*[.,;]|$)")
    });
    // The value's own unit, drafted before the bounds.
    let own_unit = out.unit.clone();
    let own_unit = own_unit.as_deref();
    let mut lows: Vec<(Value, &String, bool)> = Vec::new();
    let mut highs: Vec<(Value, &String, bool)> = Vec::new();
    for sentence in &doc.sentences {
        if sentence.to_ascii_lowercase().contains("length") {
            continue;
        }
        // An example, a statement about a part or under a condition drafts
        // nothing, but a bound it states differently still shows the bound
        // is not simple.
        let trusted = !ILLUSTRATIVE.is_match(sentence)
            && !about_a_part(sentence)
            && !under_a_condition(sentence);
        let after = |end: usize| &sentence[end..];
        // Every range of the sentence: two that differ depend on a mode.
        'ranges: for (i, re) in [&*RANGE, &*BETWEEN].into_iter().enumerate() {
            let mut any = false;
            for c in re.captures_iter(sentence) {
                let whole = c.get(0).expect("match");
                // `[1, 2, 3]` is a list of values, not a range.
                let list = after(whole.end()).trim_start().starts_with(',');
                if list
                    || COUNTS_THINGS.is_match(after(whole.end()))
                    || in_another_unit(own_unit, after(whole.end()))
                {
                    continue;
                }
                let (lo, hi) = if i == 0 {
                    match (c.get(2).or(c.get(4)), c.get(3).or(c.get(5))) {
                        (Some(lo), Some(hi)) => (lo.as_str(), hi.as_str()),
                        _ => continue,
                    }
                } else {
                    (
                        c.get(1).map_or("", |m| m.as_str()),
                        c.get(2).map_or("", |m| m.as_str()),
                    )
                };
                // `[1, 100)`: the upper end is excluded.
                let open_end = i == 0
                    && c.get(6).is_some_and(|m| m.as_str() == ")")
                    && c.get(1).is_some_and(|m| m.as_str() == "[");
                if let (Some(lo), Some(hi)) = (number(lo, subject.kind), number(hi, subject.kind)) {
                    if as_f64(&lo) < as_f64(&hi) {
                        lows.push((lo, sentence, trusted));
                        if !open_end {
                            highs.push((hi, sentence, trusted));
                        }
                    }
                }
                any = true;
            }
            if any {
                // Another range later in the sentence ("1,000,000–10,000,000
                // during the beta test and 1,000,000–1,000,000,000 after")
                // is another mode's.
                let first_end = re.find(sentence).map_or(0, |m| m.end());
                for c in OTHER_RANGE.captures_iter(&sentence[first_end..]) {
                    if let (Some(lo), Some(hi)) =
                        (number(&c[1], subject.kind), number(&c[2], subject.kind))
                    {
                        if as_f64(&lo) < as_f64(&hi) {
                            lows.push((lo, sentence, false));
                            highs.push((hi, sentence, false));
                        }
                    }
                }
                break 'ranges;
            }
        }
        if let Some(c) = FROM_TO.captures(sentence) {
            let same_unit = c.get(2).map(|m| m.as_str().to_ascii_lowercase())
                == c.get(4).map(|m| m.as_str().to_ascii_lowercase());
            let end = c.get(0).expect("match").end();
            if same_unit && !COUNTS_THINGS.is_match(after(end)) {
                if let (Some(lo), Some(hi)) =
                    (number(&c[1], subject.kind), number(&c[3], subject.kind))
                {
                    if as_f64(&lo) < as_f64(&hi) {
                        lows.push((lo, sentence, trusted));
                        highs.push((hi, sentence, trusted));
                    }
                }
            }
        }
        if subject.kind == Kind::Integer && !sentence.to_ascii_lowercase().contains("length") {
            if let Some(c) = MAXIMUM_IS.captures(sentence) {
                if let Some(v) = number(&c[1], subject.kind) {
                    highs.push((v, sentence, trusted));
                }
            }
        }
        // "greater than 0" for an integer: at least 1.
        if subject.kind == Kind::Integer {
            if let Some(c) = ABOVE.captures(sentence) {
                if let Some(n) = c[1].parse::<i64>().ok().and_then(|n| n.checked_add(1)) {
                    lows.push((Value::from(n), sentence, trusted));
                }
            }
        }
        if let Some(c) = MAX.captures(sentence) {
            let end = c.get(0).expect("match").end();
            if !COUNTS_THINGS.is_match(after(end)) && !in_another_unit(own_unit, after(end)) {
                if let Some(v) = number(&c[1], subject.kind) {
                    highs.push((v, sentence, trusted));
                }
            }
        }
        if let Some(c) = MIN.captures(sentence) {
            let end = c.get(0).expect("match").end();
            if !COUNTS_THINGS.is_match(after(end)) && !in_another_unit(own_unit, after(end)) {
                if let Some(v) = number(&c[1], subject.kind) {
                    lows.push((v, sentence, trusted));
                }
            }
        }
    }
    // A bound stated differently in two places depends on a mode; one that
    // a documented special value breaks does not hold.
    settle_bounds(&lows, &highs, &special_values(doc), out);
}

/// Candidate bounds into the draft: the one every statement agrees on (one
/// stated differently in two places depends on a mode), unless a special
/// value the document names lies beyond it.
pub(super) fn settle_bounds(
    lows: &[(Value, &String, bool)],
    highs: &[(Value, &String, bool)],
    special: &[f64],
    out: &mut Draft,
) {
    if let Some((lo, evidence)) = agreed(lows) {
        if !special.iter().any(|v| *v < as_f64(&lo)) {
            out.minimum = Some(lo);
            out.evidence.push(evidence.clone());
        }
    }
    if let Some((hi, evidence)) = agreed(highs) {
        if !special.iter().any(|v| *v > as_f64(&hi)) {
            out.maximum = Some(hi);
            out.evidence.push(evidence.clone());
        }
    }
}

/// Whether the text after a number names a unit other than the value's
/// ("maximum: 30 days" for a value in minutes): the number is not a bound
/// as written.
pub(super) fn in_another_unit(own_unit: Option<&str>, after: &str) -> bool {
    static WORD: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^\s*(ms|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|months?|years?|KB|MB|GB|TB|PB)\b",
        )
    });
    let Some(c) = WORD.captures(after) else {
        return false;
    };
    let norm = |u: &str| u.to_ascii_lowercase().trim_end_matches('s').to_owned();
    own_unit.is_some_and(|u| norm(u) != norm(&c[1]))
}

/// The one value all candidates agree on, with the first sentence that
/// states it outright (`true`); none when they differ or none does.
pub(super) fn agreed<'a, T: PartialEq + Clone>(
    candidates: &[(T, &'a String, bool)],
) -> Option<(T, &'a String)> {
    let (first, _, _) = candidates.first()?;
    let (_, evidence, _) = candidates.iter().find(|(_, _, trusted)| *trusted)?;
    candidates
        .iter()
        .all(|(v, _, _)| v == first)
        .then(|| (first.clone(), *evidence))
}

/// String lengths: "up to 60 characters", "1-128 characters", "length
/// cannot exceed 64", "maximum length: 60".
pub(super) fn lengths(doc: &Doc, subject: &Subject<'_>, out: &mut Draft) {
    if subject.list || subject.kind != Kind::String {
        return;
    }
    // Up to three words may name what is counted
    // (`80 internationally compatible characters`).
    const WORDS: &str = r"(?:[A-Za-z-]+\s+){0,3}";
    static SPAN: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i){COUNT}\s*(?:-|–|~|～|to)\s*{COUNT}\s*{WORDS}{CHARS}|\blength[^.\d]{{0,20}}?[\[(]?{COUNT}\s*(?:-|–|~|～|to|,)\s*{COUNT}\b|\bbetween\s+{COUNT}\s+and\s+{COUNT}\s*{WORDS}{CHARS}"
        ))
    });
    static MAX: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)(?:\bup to|\bno more than|\bnot more than|\bnot exceed|\bcannot exceed|\bcan't exceed|\bmust not exceed|\bshould not exceed|\bat most|\bmaximum of|\bmax(?:imum)?|\bless than or equal to|\bwithin|\blimited to|\blimit\s*[:：])\s*(?:is|of|:|：)?\s*{COUNT}\s*{WORDS}{CHARS}|\b(?:maximum|max\.?) length(?:\s+(?:is|of))?\s*[:：]?\s*{COUNT}\b|\blength[^.\d]{{0,30}}?(?:cannot|can't|must not|should not|does not|not|up to|at most|maximum(?: of)?|max(?:imum)?(?: is)?|limit(?: is)?|:|：|≤|<=)\s*(?:exceed\s+)?{COUNT}\b"
        ))
    });
    // "less than 60": at most 59.
    static BELOW: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)\blength(?: of)?\s+(?:is\s+|must be\s+|should be\s+)?less than\s+{COUNT}\b|\bless than\s+{COUNT}\s*{WORDS}{CHARS}|\bcharacters?\s+(?:are|is|must be|should be)\s+(?:fewer|less) than\s+{COUNT}\b"
        ))
    });
    static MIN: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)(?:\bat least|\bno less than|\bnot less than|\bminimum of|\bmin(?:imum)?)\s*(?:is|of|:|：)?\s*{COUNT}\s*{WORDS}{CHARS}"
        ))
    });
    // "longer than 3 characters": at least 4.
    static LONGER: LazyLock<Regex> =
        LazyLock::new(|| re(&format!(r"(?i)\blonger than\s+{COUNT}\s*{WORDS}{CHARS}")));
    static SIZE_UNIT: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)^\s*(?:KB|MB|GB|KiB|MiB|GiB|K|M|G)\b"));
    let count = |m: regex::Match<'_>| m.as_str().replace(',', "").parse::<u64>().ok();
    let mut lows: Vec<(u64, &String, bool)> = Vec::new();
    let mut highs: Vec<(u64, &String, bool)> = Vec::new();
    for sentence in &doc.sentences {
        let trusted_at = |at: usize| trusted(sentence, at);
        // `length(BackupDay) = 2` speaks of another member.
        if sentence.contains("length(") {
            continue;
        }
        if let Some(c) = SPAN.captures(sentence) {
            let pair = [(1, 2), (3, 4), (5, 6)]
                .into_iter()
                .find_map(|(a, b)| Some((c.get(a)?, c.get(b)?)));
            if let Some((lo, hi)) = pair {
                let at = lo.start();
                if let (Some(lo), Some(hi)) = (count(lo), count(hi)) {
                    if lo < hi {
                        lows.push((lo, sentence, trusted_at(at)));
                        highs.push((hi, sentence, trusted_at(at)));
                        continue;
                    }
                }
            }
        }
        if let Some(c) = MAX.captures(sentence) {
            if let Some(m) = (1..=3).find_map(|i| c.get(i)) {
                // "The maximum length is 64 KB": a size, not a count.
                if SIZE_UNIT.is_match(&sentence[m.end()..]) {
                    continue;
                }
                if let Some(n) = count(m) {
                    highs.push((n, sentence, trusted_at(m.start())));
                }
            }
        } else if let Some(c) = BELOW.captures(sentence) {
            if let Some(m) = c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3)) {
                if let Some(n) = count(m).filter(|n| *n > 0) {
                    highs.push((n - 1, sentence, trusted_at(m.start())));
                }
            }
        }
        if let Some(c) = MIN.captures(sentence) {
            let m = c.get(1).expect("a count");
            if let Some(n) = count(m) {
                lows.push((n, sentence, trusted_at(m.start())));
            }
        } else if let Some(c) = LONGER.captures(sentence) {
            let m = c.get(1).expect("a count");
            if let Some(n) = count(m).and_then(|n| n.checked_add(1)) {
                lows.push((n, sentence, trusted_at(m.start())));
            }
        }
    }
    settle_lengths(&lows, &highs, out);
}

/// Candidate lengths into the draft: the ones every statement agrees on.
pub(super) fn settle_lengths(
    lows: &[(u64, &String, bool)],
    highs: &[(u64, &String, bool)],
    out: &mut Draft,
) {
    if let Some((n, evidence)) = agreed(lows) {
        out.min_length = Some(n);
        out.evidence.push(evidence.clone());
    }
    if let Some((n, evidence)) = agreed(highs) {
        out.max_length = Some(n);
        out.evidence.push(evidence.clone());
    }
}

/// Whether a number at byte `at` of `sentence` states a rule: not in an
/// example (after "e.g.", "such as", "for example") nor about a part.
fn trusted(sentence: &str, at: usize) -> bool {
    !about_a_part(sentence)
        && !under_a_condition(sentence)
        && !ILLUSTRATIVE.find_iter(sentence).any(|m| m.start() < at)
}

/// A sentence that opens with a condition ("If no password rules have been
/// set, ...") states a rule for that case only.
fn under_a_condition(sentence: &str) -> bool {
    static IF: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*(?:if|when|unless|for)\b"));
    IF.is_match(sentence)
}

/// "Default value: 0", "defaults to `ALL`", "The default is 20".
pub(super) fn default(doc: &Doc, subject: &Subject<'_>, out: &mut Draft) {
    static DEFAULT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\bdefault(?:\s+value)?\s*(?:is|:|：|=|value is)\s*|\bdefaults?\s+to\s+|\bby default,?\s+(?:it is|the value is|is)\s+",
        )
    });
    for sentence in &doc.sentences {
        let Some(m) = DEFAULT.find(sentence) else {
            continue;
        };
        if about_a_part(sentence) {
            continue;
        }
        let tail = sentence[m.end()..].trim_start();
        if let Some(v) = value_token(tail, subject.kind) {
            out.default = Some(v);
            out.evidence.push(sentence.clone());
            return;
        }
    }
}

/// The value a default's text opens with.
pub(super) fn value_token(tail: &str, kind: Kind) -> Option<Value> {
    let tail = tail.trim_start_matches(['"', '\'', '“']);
    if let Some(code) = tail.strip_prefix('`') {
        let token = &code[..code.find('`')?];
        return typed(token, kind);
    }
    let end = tail
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .unwrap_or(tail.len());
    let token = tail[..end].trim_end_matches('.');
    let rest = tail[token.len()..].trim_start();
    // "The default is the current time": words, not a value.
    if rest.starts_with(|c: char| c.is_ascii_alphabetic()) && kind == Kind::String {
        return None;
    }
    typed(token, kind)
}

pub(super) fn typed(token: &str, kind: Kind) -> Option<Value> {
    match kind {
        Kind::Integer => token.parse::<i64>().ok().map(Value::from),
        Kind::Float => token.parse::<f64>().ok().map(Value::from),
        Kind::Boolean => match token.to_ascii_lowercase().as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        Kind::String => {
            let code_like = !token.is_empty()
                && token
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
            let word = token.chars().all(|c| c.is_ascii_lowercase());
            (code_like && !word || code_like && token.len() <= 12 && !is_english(token))
                .then(|| Value::from(token))
        }
        Kind::Object => None,
    }
}

/// Common words that follow "default is" without being a value.
fn is_english(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "empty"
            | "null"
            | "none"
            | "not"
            | "no"
            | "all"
            | "current"
            | "this"
            | "that"
            | "to"
            | "used"
            | "same"
            | "each"
            | "one"
            | "its"
            | "that's"
    )
}

/// "Unit: GB", "in MB", "measured in seconds".
pub(super) fn unit(doc: &Doc, out: &mut Draft) {
    const UNITS: &str = r"(?:KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|Kbps|Mbps|Gbps|bps|QPS|ms|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|months?|years?|bytes?|cores?|%|percent|yuan|USD|CNY)";
    static UNIT: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)\bunits?\s*(?:is|:|：)\s*`?({UNITS}(?:/s)?)(?:\b|$)|\b(?:measured in|in the unit of|in units of|unit of|in)\s+`?({UNITS}(?:/s)?)(?:\b|\)|$)"
        ))
    });
    for sentence in &doc.sentences {
        if let Some(c) = UNIT.captures(sentence) {
            let unit = c.get(1).or_else(|| c.get(2)).expect("a unit").as_str();
            out.unit = Some(unit.to_owned());
            out.evidence.push(sentence.clone());
            return;
        }
    }
}

/// Whether a rule names another member of the structure ("If
/// `BillingMode` is 1, ...", "When TypeId is ...").
pub(super) fn conditional(doc: &Doc, subject: &Subject<'_>, out: &mut Draft) {
    static IF: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)\b(?:if|when|only when|only if|unless|required when)\b"));
    for sentence in &doc.sentences {
        for m in IF.find_iter(sentence) {
            let window: String = sentence[m.end()..].chars().take(60).collect();
            let names_sibling = subject.siblings.iter().any(|s| {
                *s != subject.name
                    && s.len() >= 3
                    && window
                        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                        .any(|w| w == *s)
            });
            if names_sibling {
                out.conditional = true;
                out.evidence.push(sentence.clone());
                return;
            }
        }
    }
}

pub(super) fn number(text: &str, kind: Kind) -> Option<Value> {
    let text = text.replace(',', "");
    match kind {
        Kind::Integer => text.parse::<i64>().ok().map(Value::from),
        Kind::Float => text.parse::<f64>().ok().map(Value::from),
        _ => None,
    }
}

pub(super) fn as_f64(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

//! Allowed values: the complete set a document enumerates after "Valid
//! values:" (inline or as a list), a list whose every item opens with a
//! value (`- 0: ...`), or an integer member's inline pairs (`0: no; 1: yes`).

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::text::Doc;
use super::{Draft, Kind, Subject};

/// "Valid values:", "Values:", "Options:" and the like.
static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:valid|allowed|available|possible|supported|enumerated|optional|acceptable|enumeration)\s+values?\b(?:\s+(?:are|include|is))?\s*[:：]|\b(?:valid|allowed|available|possible|supported)\s+values?\s+(?:are|include)\b\s*[:：]?|\b(?:values?|options?)\s*(?:are|include)?\s*[:：]|\bsupported\s+(?:file\s+)?(?:types?|formats?)\s*[:：]|\b(?:currently\s+)?(?:supports?|supported|accepts?)(?:\s+only)?\b\s*[:：]?|(?:可选值|可取值|可取的值|可选的值|取值范围|取值|枚举值|枚举|支持值|支持的值|有效值|支持入参值|入参值|可选项)(?:有|为|是|包括|如下|可以是|包含)?\s*[:：]?|支持(?:的)?(?:格式|类型)?\s*[:：]",
    )
    .expect("regex")
});

/// Wording that makes an enumeration open or merely illustrative.
static OPEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)e\.g\.|\bsuch as\b|\bfor example\b|\bfor instance\b|\bincluding but not limited\b|\betc\b|\.\.\.|…|例如|比如|诸如|如：|包括但不限于|等等|等(?:[。，,；;）)]|$)")
        .expect("regex")
});

/// An integer's inline pair: `0: no`, `(1: yes`, `; 2：x`.
static INT_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(;,，；、:：]|取值为|值为)(-?\d{1,6})(?:\s*[:：]\s*[^\d\s]|\s+(?:means|indicates|represents|stands for)\b|\s+-\s+[A-Za-z]|\s*(?:表示|代表)|\s*[-–]\s*\p{Han}|\s*为\s*\p{Han}|\s*(?:关闭|开启|不开启|启用|禁用|是|否)(?:[\s,，；;、]|$))").expect("regex")
});

/// `[1, 2, 3, 6, 12]`: an integer member's values written as a bracketed
/// list of three or more.
static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\s*(-?\d+(?:\s*[,，]\s*-?\d+){2,})\s*\]").expect("regex"));

static EXAMPLE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)示例|例如|比如|e\.g\.|\bexample|\bsuch as|如[:：]").expect("regex")
});

pub(super) fn allowed(doc: &Doc, subject: &Subject<'_>, out: &mut Draft) {
    let before = out.evidence.len();
    listed(doc, subject, out);
    if doc.chinese
        && out
            .allowed
            .as_ref()
            .is_some_and(|v| !complete(v, &out.evidence[before..], doc))
    {
        out.allowed = None;
        out.evidence.truncate(before);
    }
}

/// Whether a Chinese document names no other value: a code paired with its
/// meaning in the set's own sentences that the set lacks (`agent: agent模式`,
/// `GC0、GC1、GC2：性能型`), a code span elsewhere (`<code>custom</code>`),
/// a range of codes (`1 - 3：旧版`), or others left open (`其他根据设备能力集
/// 自定义`, `...等`), or a subset supported for now (`目前只支持支付宝`) shows the set is not the whole list.
fn complete(values: &[Value], evidence: &[String], doc: &Doc) -> bool {
    static CODE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[\s(;,，；、\p{Han}])`?([A-Za-z][A-Za-z0-9_]*)`?\s*[:：]\s*\S")
            .expect("regex")
    });
    static CODE_LIST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"([A-Za-z][A-Za-z0-9_]*)((?:\s*、\s*[A-Za-z][A-Za-z0-9_]*)+)\s*[:：]")
            .expect("regex")
    });
    static CODE_SPAN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"`([a-z][a-z0-9_-]*)`").expect("regex"));
    static CODE_RANGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[\s(;,，；、])-?\d+\s*[-–~～]\s*-?\d+\s*[:：]").expect("regex")
    });
    static OTHERS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"其[他它](?:值|取值|类型|根据|可)|等(?:[。，,；;、）)]|$)").expect("regex")
    });
    let named = |code: &str| {
        values.iter().any(|v| match v {
            Value::String(s) => s.eq_ignore_ascii_case(code),
            Value::Number(n) => n.to_string() == code,
            _ => false,
        })
    };
    // "目前只支持支付宝" before a list of three: which of them is unclear.
    static FOR_NOW: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:目前|当前|暂时?)(?:只|仅)(?:支持|能|可)").expect("regex"));
    if values.len() > 1 && doc.sentences.iter().any(|s| FOR_NOW.is_match(s)) {
        return false;
    }
    let strings = values.iter().any(Value::is_string);
    let codes_named = |sentence: &String| {
        CODE.captures_iter(sentence).all(|c| named(&c[1]))
            && CODE_LIST.captures_iter(sentence).all(|c| {
                named(&c[1])
                    && c[2]
                        .split('、')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .all(named)
            })
    };
    !doc.sentences.iter().any(|s| CODE_RANGE.is_match(s))
        && !evidence.iter().any(|s| OTHERS.is_match(s))
        && (!strings
            || (evidence.iter().all(codes_named)
                && doc
                    .sentences
                    .iter()
                    .all(|s| CODE_SPAN.captures_iter(s).all(|c| named(&c[1])))))
}

fn listed(doc: &Doc, subject: &Subject<'_>, out: &mut Draft) {
    if !matches!(subject.kind, Kind::Integer | Kind::String) {
        return;
    }
    // After an explicit trigger, inline or in the list that follows.
    for sentence in &doc.sentences {
        let Some(m) = TRIGGER.find(sentence) else {
            continue;
        };
        let tail = sentence[m.end()..].trim();
        if OPEN.is_match(tail) {
            return;
        }
        let found = if tail.is_empty() || tail == "." {
            doc.lists
                .iter()
                .find(|l| l.lead.contains(sentence.as_str()) || sentence.contains(&l.lead))
                .filter(|l| !l.lead.is_empty())
                .and_then(|l| {
                    let items: Vec<&str> = l.items.iter().map(String::as_str).collect();
                    from_items_after_trigger(&items, subject.kind, doc.lists.len())
                        .map(|v| (v, list_evidence(&l.lead, &items)))
                })
        } else {
            // A set of one needs an explicit "valid values" (not "Default
            // value: X", not "specifies the value: X").
            static EXPLICIT: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"(?i)valid|allowed|available|possible|enumerat|可选|枚举|取值|支持")
                    .expect("regex")
            });
            let single = EXPLICIT.is_match(m.as_str())
                && !sentence[..m.start()]
                    .trim_end()
                    .to_ascii_lowercase()
                    .ends_with("default");
            from_tail(tail, subject.kind, doc.chinese, single).map(|v| (v, sentence.clone()))
        };
        if let Some((values, evidence)) = found {
            out.allowed = Some(values);
            out.evidence.push(evidence);
            return;
        }
    }
    if doc.chinese && chinese_values(doc, subject.kind, out) {
        return;
    }
    if !doc.chinese
        && matches!(subject.kind, Kind::Integer | Kind::String)
        && only_value(doc, subject.kind, out)
    {
        return;
    }
    if !doc.chinese && subject.kind == Kind::String && code_pairs(doc, out) {
        return;
    }
    // Lists whose every item opens with a value: their union (a document
    // may list the values of each mode apart).
    let mut union: Vec<Value> = Vec::new();
    for list in &doc.lists {
        let items: Vec<&str> = list.items.iter().map(String::as_str).collect();
        if items.iter().any(|i| OPEN.is_match(i)) || OPEN.is_match(&list.lead) {
            continue;
        }
        if let Some(values) = from_items(&items, subject.kind, false) {
            union = distinct(union.into_iter().chain(values));
            out.evidence.push(list_evidence(&list.lead, &items));
        }
    }
    // Lines that each open with a value and its meaning (`ASC: ascending`).
    for run in value_lines(doc, subject.kind) {
        union = distinct(union.into_iter().chain(run.0));
        out.evidence.push(run.1);
    }
    if !union.is_empty() {
        out.allowed = Some(union);
        return;
    }
    if subject.kind == Kind::Integer {
        for sentence in &doc.sentences {
            if let Some(c) = BRACKETED.captures(sentence) {
                // "示例: [1,3,5,7]" shows values; it does not list them all.
                let before = &sentence[..c.get(0).map_or(0, |m| m.start())];
                if EXAMPLE_BEFORE.is_match(before) {
                    continue;
                }
                let values: Option<Vec<Value>> = c[1]
                    .split([',', '，'])
                    .map(|v| v.trim().parse::<i64>().ok().map(Value::from))
                    .collect();
                if let Some(values) = values {
                    out.allowed = Some(distinct(values.into_iter()));
                    out.evidence.push(sentence.clone());
                    return;
                }
            }
        }
    }
    // An integer's inline pairs in one sentence.
    if subject.kind == Kind::Integer {
        for sentence in &doc.sentences {
            if OPEN.is_match(sentence) || looks_like_time(sentence) {
                continue;
            }
            let values = distinct(
                INT_PAIR
                    .captures_iter(sentence)
                    .filter_map(|c| c[1].parse::<i64>().ok())
                    .map(Value::from),
            );
            if values.len() >= 2 && !(doc.chinese && unpaired_number(sentence, &values)) {
                out.allowed = Some(values);
                out.evidence.push(sentence.clone());
                return;
            }
        }
    }
}

/// Whether a Chinese enumeration of pairs has a number written without its
/// mark ("0-普通升级，1-极速变配，2 极速优先"): the set read would miss it.
fn unpaired_number(sentence: &str, paired: &[Value]) -> bool {
    static BARE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[，,、；;]\s*(-?\d{1,6})\s+\p{Han}").expect("regex"));
    BARE.captures_iter(sentence)
        .filter_map(|c| c[1].parse::<i64>().ok())
        .any(|n| !paired.contains(&Value::from(n)))
}

/// Runs of two or more consecutive lines that each open with a value and a
/// colon; a run after a line ending in `:` may use plain words.
fn value_lines(doc: &Doc, kind: Kind) -> Vec<(Vec<Value>, String)> {
    let mut out = Vec::new();
    let mut run: Vec<(Value, &str)> = Vec::new();
    let mut loose = false;
    let mut previous = "";
    let flush = |run: &mut Vec<(Value, &str)>, out: &mut Vec<(Vec<Value>, String)>| {
        if run.len() >= 2 {
            let values = distinct(run.iter().map(|(v, _)| v.clone()));
            let text = run.iter().map(|(_, l)| *l).collect::<Vec<_>>().join(" ");
            out.push((values, text));
        }
        run.clear();
    };
    for line in &doc.lines {
        let opens = line
            .split_once([':', '：'])
            .filter(|(head, rest)| !head.trim().contains(' ') && !rest.trim().is_empty())
            .and_then(|_| leading_value(line, kind, loose || previous.trim_end().ends_with(':')));
        match opens {
            Some(v) if !OPEN.is_match(line) => {
                if run.is_empty() {
                    loose = previous.trim_end().ends_with([':', '：']);
                }
                run.push((v, line.as_str()));
            }
            _ => {
                flush(&mut run, &mut out);
                loose = false;
            }
        }
        previous = line;
    }
    flush(&mut run, &mut out);
    out
}

fn list_evidence(lead: &str, items: &[&str]) -> String {
    let mut text = lead.to_owned();
    for item in items {
        text.push_str(" - ");
        text.push_str(item);
    }
    text.trim().to_owned()
}

/// `12:30`, `00:00:00`: clock times are not pairs.
fn looks_like_time(sentence: &str) -> bool {
    static TIME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d{1,2}[:：]\d{2}").expect("regex"));
    TIME.is_match(sentence)
}

fn distinct(values: impl Iterator<Item = Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// The value a piece of text opens with, if it opens with one: an integer,
/// a code span, or (`loose`) a bare identifier-like word.
fn leading_value(piece: &str, kind: Kind, loose: bool) -> Option<Value> {
    let quoted = piece.trim_start().starts_with(['"', '\'', '“', '”']);
    let piece = piece.trim().trim_start_matches(['(', '"', '\'', '“', '”']);
    let (token, rest) = if let Some(code) = piece.strip_prefix('`') {
        // A code span left open (`` `quarters (quarterly) ``) ends with the
        // token's characters.
        let end = code.find('`').unwrap_or_else(|| {
            code.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
                .unwrap_or(code.len())
        });
        let rest = code[end..].strip_prefix('`').unwrap_or(&code[end..]);
        (&code[..end], rest)
    } else {
        let end = piece
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
            .unwrap_or(piece.len());
        let token = piece[..end].trim_end_matches(['.', '-']);
        (token, &piece[token.len()..])
    };
    let rest = rest.trim_start();
    // `https://...` is an address, not a value.
    if rest.starts_with("://") {
        return None;
    }
    // "取值为a，b，c之一": the last value closes the set.
    let rest = rest.strip_prefix("之一").unwrap_or(rest);
    // A quoted value's closing quote.
    let rest = if quoted {
        rest.trim_start_matches(['"', '\'', '”', '“']).trim_start()
    } else {
        rest
    };
    // The value is followed by its meaning, or by nothing.
    let closed = rest.is_empty()
        || rest.starts_with([':', '：', '(', '（', '-', '–', '—', '=', ',', ']'])
        || rest.starts_with(['.', ';']);
    if token.is_empty() || !closed || is_label_word(token) {
        return None;
    }
    match kind {
        Kind::Integer => token.parse::<i64>().ok().map(Value::from),
        Kind::String => {
            let code_like = token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
            let shouty = token
                .chars()
                .any(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
                && !token.chars().any(|c| c.is_ascii_lowercase());
            let backticked = piece.starts_with('`');
            // A lower-case word is a value when its meaning follows at once
            // (`together-同可用区RO跟随主实例`: a Chinese meaning after a dash).
            let with_meaning = rest.starts_with([':', '：', '(', '（'])
                || rest
                    .strip_prefix(['-', '–'])
                    .is_some_and(|r| r.trim_start().starts_with(is_han));
            (code_like && (backticked || shouty || loose || with_meaning))
                .then(|| Value::from(token))
        }
        _ => None,
    }
}

/// "Note:", "Example:": words that open a remark, not a value.
fn is_label_word(token: &str) -> bool {
    matches!(
        token.to_ascii_lowercase().as_str(),
        "note"
            | "notes"
            | "example"
            | "examples"
            | "default"
            | "remark"
            | "remarks"
            | "description"
            | "caution"
            | "warning"
            | "tip"
    )
}

/// A CJK ideograph.
fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Values from the items of a list an explicit trigger introduces ("Valid
/// values:", "枚举值："): one item is a set of one, when the document has
/// no other list.
fn from_items_after_trigger(items: &[&str], kind: Kind, lists: usize) -> Option<Vec<Value>> {
    match items {
        [one] if lists == 1 => leading_value(one, kind, true).map(|v| vec![v]),
        _ => from_items(items, kind, true),
    }
}

/// "Chinese", "digits", "underscores": kinds of characters a string may hold.
fn is_character_class(piece: &str) -> bool {
    let word = piece
        .trim()
        .trim_matches(|c: char| !c.is_ascii_alphabetic())
        .to_ascii_lowercase();
    matches!(
        word.as_str(),
        "chinese"
            | "english"
            | "letters"
            | "letter"
            | "digits"
            | "digit"
            | "numbers"
            | "number"
            | "underscores"
            | "underscore"
            | "hyphens"
            | "hyphen"
            | "periods"
            | "period"
            | "spaces"
            | "space"
            | "uppercase"
            | "lowercase"
            | "symbols"
            | "characters"
            | "decimal points"
            | "dots"
    )
}

/// Values from list items, each opening with one; all must.
fn from_items(items: &[&str], kind: Kind, loose: bool) -> Option<Vec<Value>> {
    if items.len() < 2 {
        return None;
    }
    let values: Option<Vec<Value>> = items
        .iter()
        .map(|i| leading_value(i, kind, loose))
        .collect();
    let values = distinct(values?.into_iter());
    (values.len() == items.len()).then_some(values)
}

/// Values from the text after a trigger: segments split at `,` `;` `or`
/// `and` `/` `、`; the segments that open with a value give it, the first
/// must, and at least two do.
fn from_tail(tail: &str, kind: Kind, chinese: bool, single: bool) -> Option<Vec<Value>> {
    static SPLIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[,;，；、/]|\bor\b|\band\b").expect("regex"));
    // Chinese joins the last two with 和 or 或, and lists codes with spaces
    // ("可选值 PING TCP HTTP HTTPS").
    static SPLIT_CN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[,;，；、/|]|和|或|以及|及").expect("regex"));
    let tail = if chinese {
        tail.split(['。', '；']).next().unwrap_or(tail)
    } else {
        tail
    };
    // The enumeration ends with its sentence, even when the next one starts
    // in lower case (`... no_root_squash. default value: root_squash`).
    let tail = tail.split(". ").next().unwrap_or(tail);
    let tail = tail.trim_end_matches(['.', '。']);
    // A list in brackets: `["mysql","percona"]`, `[PC (PC client), TV (TV)]`,
    // `[no, yes]`; but numbers in brackets are a range ("Valid values: -1,
    // [1, 99999999]", "[1, 100]"), no list of values.
    let tail = match tail.trim().strip_prefix('[') {
        Some(inner)
            if inner
                .trim_start()
                .starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '"' | '“' | '`')) =>
        {
            inner.rsplit_once(']').map_or(inner, |(list, _)| list)
        }
        _ if tail.contains('[') => return None,
        _ => tail,
    };
    let split = if chinese { &*SPLIT_CN } else { &*SPLIT };
    let pieces: Vec<&str> = split
        .split(tail)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            // Codes listed with spaces ("可选值 PING TCP HTTP HTTPS").
            let words: Vec<&str> = p.split_whitespace().collect();
            let codes = chinese
                && words.len() >= 2
                && words.iter().all(|w| {
                    w.chars().any(|c| c.is_ascii_alphanumeric())
                        && w.chars()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
                });
            if codes {
                words
            } else {
                vec![p]
            }
        })
        .collect();
    // A bare list (`PREPAID, POSTPAID`) takes plain words; values with
    // meanings take only integers, code spans and upper-case codes, since a
    // meaning may itself contain `or` or a comma.
    let bare = pieces
        .iter()
        .all(|p| !p.contains(char::is_whitespace) || p.starts_with('`') && p.ends_with('`'));
    // A value written as code that cannot be read leaves the set
    // incomplete: better no draft than a set that refuses a valid value.
    if pieces.iter().any(|p| {
        (p.contains('`') || chinese && p.starts_with(|c: char| c.is_ascii_alphabetic()))
            && leading_value(p, kind, bare).is_none()
    }) {
        return None;
    }
    // Words for kinds of characters describe a string, not its values.
    if pieces.iter().any(|p| is_character_class(p)) {
        return None;
    }
    let read = |p: &str| leading_value(p, kind, bare);
    // "Valid values: SCF (serverless cloud function)": a set of one, when
    // the sentence holds nothing else.
    if let [one] = pieces.as_slice() {
        let code = one.trim_start_matches('`');
        let token: String = code
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '(')
            .collect();
        let shouty = token.chars().any(|c| c.is_ascii_uppercase())
            && token
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        return (single && shouty && one.split_whitespace().count() <= 8)
            .then(|| read(one).map(|v| vec![v]))
            .flatten();
    }
    let first = read(pieces.first()?)?;
    let values = distinct(std::iter::once(first).chain(pieces[1..].iter().filter_map(|p| read(p))));
    (values.len() >= 2).then_some(values)
}

/// The Chinese site's other ways of stating the set: one value ("取值固定为
/// ENCRYPT", "支持入参值为：10.17"), and codes paired with their meanings in
/// one sentence ("ACCESS：访问日志，HEALTH：健康检查日志").
fn chinese_values(doc: &Doc, kind: Kind, out: &mut Draft) -> bool {
    static ONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?:取值固定为|固定取值为|支持入参值为|仅支持取值)\s*[:：]?\s*`?([A-Za-z0-9_.-]+)`?\s*(?:[。，,；;]|$)|仅支持\s*["“]([A-Za-z0-9_.-]+)["”]"#)
            .expect("regex")
    });
    static PAIR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[，,；;、\s])`?([A-Za-z][A-Za-z0-9_]*)`?\s*(?:[:：]|[-–])\s*\p{Han}")
            .expect("regex")
    });
    if kind != Kind::String {
        return false;
    }
    for sentence in &doc.sentences {
        if OPEN.is_match(sentence) {
            continue;
        }
        if let Some(c) = ONE.captures(sentence) {
            let one = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            if let Some(v) = leading_value(one, kind, true) {
                out.allowed = Some(vec![v]);
                out.evidence.push(sentence.clone());
                return true;
            }
        }
        let values = distinct(PAIR.captures_iter(sentence).map(|c| Value::from(&c[1])));
        if values.len() >= 2 {
            out.allowed = Some(values);
            out.evidence.push(sentence.clone());
            return true;
        }
    }
    false
}

/// One value stated as the only one: "supports POSTPAID_BY_HOUR only",
/// "Only the value 1 is supported".
pub(super) fn only_value(doc: &Doc, kind: Kind, out: &mut Draft) -> bool {
    static ONLY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b[Ss]upports?\s+`?([A-Z][A-Z0-9_]+|\d+)`?\s+only\b|\b[Oo]nly (?:the )?value\s+`?([A-Za-z0-9_]+)`?\s+is supported")
            .expect("regex")
    });
    for sentence in &doc.sentences {
        if let Some(c) = ONLY.captures(sentence) {
            let one = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            if let Some(v) = leading_value(one, kind, true) {
                out.allowed = Some(vec![v]);
                out.evidence.push(sentence.clone());
                return true;
            }
        }
    }
    false
}

/// Codes paired with their meanings in one sentence, without a trigger:
/// "`bgpip`: Anti-DDoS Advanced; `bgp`: Anti-DDoS Pro", "ADMIN:
/// administrators; COMMON: general users", "PREPAID (prepayment)
/// POSTPAID_BY_MONTH (pay-as-you-go)". Codes in backticks, or in capitals
/// with an underscore or of three letters or more; two or more of them.
fn code_pairs(doc: &Doc, out: &mut Draft) -> bool {
    static PAIR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[\s(;,])(?:`([^`\s]+)`\s*:|([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{3,}[A-Z0-9]*)\s*(?::\s|\())")
            .expect("regex")
    });
    for sentence in &doc.sentences {
        if OPEN.is_match(sentence) || sentence.contains("JSON") {
            continue;
        }
        let values: Vec<Value> = distinct(PAIR.captures_iter(sentence).filter_map(|c| {
            c.get(1)
                .or_else(|| c.get(2))
                .map(|m| Value::from(m.as_str()))
        }));
        if values.len() >= 2 {
            out.allowed = Some(values);
            out.evidence.push(sentence.clone());
            return true;
        }
    }
    false
}

//! The Chinese site's wording of the same rules: "取值范围：1-100",
//! "长度不超过64个字符", "默认值为0", "单位：GB", "当 BillingMode 为 1 时".
//! The same conservative reading as the English rules: a bound stated
//! differently in two places is not drafted, a special value outside a
//! range cancels the bound it breaks, an example drafts nothing.
//! Allowed values share [`super::values`], whose triggers and separators
//! include the Chinese ones.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::bounds::{
    about_a_part, agreed, as_f64, number, re, settle_bounds, settle_lengths, typed, value_token,
    BIG, COUNT, NUM,
};
use super::text::Doc;
use super::{Draft, Kind, Subject};

/// What a count of characters is called (`64个ASCII字符`, `60个字节`, `8位`).
const CHARS: &str =
    r"(?:个)?\s*(?:ASCII\s*|英文|中文|汉字|Unicode\s*)?(?:字符|字节|字母|汉字|字|位)";

/// Illustrations are not rules.
static ILLUSTRATIVE: LazyLock<Regex> =
    LazyLock::new(|| re(r"例如|比如|譬如|诸如|举例|示例|如：|如:|e\.g\."));

/// A number that counts characters or things is not a bound on the value.
static COUNTS_THINGS: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(?:个)?\s*(?:ASCII\s*)?(?:字符|字节|字母|汉字|元素|条|项|位数)"));

/// A statement about the whole of something else ("整体上限50个", "每个...").
static ABOUT_ANOTHER_WHOLE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:整体|总共|总计|累计|合计|总数|每个|每段|每次|每天|前缀|后缀)[^，。；,]{0,8}$")
});

/// A sentence that opens with a condition states a rule for that case.
static CONDITION_FIRST: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(?:当|若|如果|仅当|对于|针对)"));

/// Whether a number at byte `at` of `sentence` states a rule.
fn trusted(sentence: &str, at: usize) -> bool {
    !about_a_part(sentence)
        && !CONDITION_FIRST.is_match(sentence)
        && !ILLUSTRATIVE.find_iter(sentence).any(|m| m.start() < at)
        && !ABOUT_ANOTHER_WHOLE.is_match(&sentence[..at])
}

/// Values named outside a range: "-1表示不限速", "值为3640时代表永久保存",
/// "0：关闭", "默认 0，表示不开启".
fn special_values(doc: &Doc) -> Vec<f64> {
    static SPECIAL: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(-?\d+(?:\.\d+)?)\s*[，,]?\s*时?(?:表示|代表|意为|即为)|值为\s*(-?\d+(?:\.\d+)?)\s*时|(?:^|[\s(（;；，,、:：])(-?\d+(?:\.\d+)?)\s*(?:[:：]\s*\p{Han}|(?:和|或)\s*[\[(（])",
        )
    });
    doc.sentences
        .iter()
        .flat_map(|s| SPECIAL.captures_iter(s).collect::<Vec<_>>())
        .filter_map(|c| {
            (1..=3)
                .find_map(|i| c.get(i))
                .and_then(|m| m.as_str().parse().ok())
        })
        .collect()
}

/// Numeric bounds: "取值范围：1-100", "取值范围为[1,65534]", "1~10之间",
/// "最大值为100", "不能超过100", "不小于1".
pub(super) fn bounds(doc: &Doc, subject: &Subject<'_>, out: &mut Draft) {
    if subject.list || !matches!(subject.kind, Kind::Integer | Kind::Float) {
        return;
    }
    static RANGE: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?:取值范围|取值区间|范围|取值|可选值|支持)(?:为|是|在)?\s*[:：]?\s*(?:[^\[(（【。；，,]{{0,8}}[\[(（【]\s*{NUM}\s*(?:-|–|~|～|到|至|,|，)\s*{NUM}\s*[\])）】]|{NUM}\s*(?:-|–|~|～|到|至)\s*{NUM})|{NUM}\s*(?:-|~|～|到|至)\s*{NUM}\s*之间"
        ))
    });
    static MAX: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?:最大值|最大|上限|不能超过|不得超过|不可超过|不超过|不能大于|不大于|不高于|小于等于|小于或等于|≤|<=|最多)(?:为|是)?\s*[:：]?\s*{BIG}"
        ))
    });
    static MIN: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?:最小值|最小|下限|不能小于|不小于|不低于|大于等于|大于或等于|≥|>=|至少|最少|最低)(?:为|是)?\s*[:：]?\s*{BIG}"
        ))
    });
    // "只能填1": the one value of a mode, both bounds of it.
    static ONLY: LazyLock<Regex> =
        LazyLock::new(|| re(&format!(r"只能(?:填|为|是|传|取|设置为)\s*{NUM}")));
    let mut lows: Vec<(Value, &String, bool)> = Vec::new();
    let mut highs: Vec<(Value, &String, bool)> = Vec::new();
    for sentence in &doc.sentences {
        if sentence.contains("长度") {
            continue;
        }
        for c in ONLY.captures_iter(sentence) {
            if let Some(v) = number(&c[1], subject.kind) {
                lows.push((v.clone(), sentence, false));
                highs.push((v, sentence, false));
            }
        }
        let after = |end: usize| &sentence[end..];
        if let Some(c) = RANGE.captures(sentence) {
            let whole = c.get(0).expect("match");
            let pair = [(1, 2), (3, 4), (5, 6)]
                .into_iter()
                .find_map(|(a, b)| Some((c.get(a)?, c.get(b)?)));
            if let Some((lo, hi)) = pair {
                let ok = !COUNTS_THINGS.is_match(after(whole.end()));
                if let (true, Some(l), Some(h)) = (
                    ok,
                    number(lo.as_str(), subject.kind),
                    number(hi.as_str(), subject.kind),
                ) {
                    if as_f64(&l) < as_f64(&h) {
                        let t = trusted(sentence, lo.start());
                        lows.push((l, sentence, t));
                        highs.push((h, sentence, t));
                    }
                }
            }
        }
        // Every statement counts: two maxima in one sentence depend on a mode.
        for (rule, list) in [(&*MAX, &mut highs), (&*MIN, &mut lows)] {
            for c in rule.captures_iter(sentence) {
                let m = c.get(1).expect("a number");
                if COUNTS_THINGS.is_match(after(m.end()))
                    || another_unit(out.unit.as_deref(), after(m.end()))
                {
                    continue;
                }
                if let Some(v) = number(m.as_str(), subject.kind) {
                    list.push((
                        v,
                        sentence,
                        trusted(sentence, c.get(0).expect("match").start()),
                    ));
                }
            }
        }
    }
    settle_bounds(&lows, &highs, &special_values(doc), out);
}

/// Whether a bound is written in a unit other than the value's ("大图的高度最大为
/// 15000像素" for a member without that unit): it bounds something else.
fn another_unit(own: Option<&str>, after: &str) -> bool {
    static UNIT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^\s*(MB/s|GB/s|KB|MB|GB|TB|PB|EB|KiB|MiB|GiB|TiB|Kbps|Mbps|Gbps|毫秒|秒|分钟|小时|天|周|个月|月|年|像素|px|核|元|%)",
        )
    });
    UNIT.captures(after)
        .is_some_and(|c| own.is_none_or(|u| !u.eq_ignore_ascii_case(&c[1])))
}

/// A number followed by a range's other end (`2~64`).
static RANGE_NEXT: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:-|–|~|～|到|至)\s*\d"));

/// A number followed by a size unit (`1KB`, `5M`).
static SIZE_NEXT: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*[KMGTkmgt]"));

/// String lengths: "长度1-60个字符", "不超过64个字符", "长度小于60"
/// (at most 59), "名称长度限制为128个字符".
pub(super) fn lengths(doc: &Doc, subject: &Subject<'_>, out: &mut Draft) {
    if subject.list || subject.kind != Kind::String {
        return;
    }
    static SPAN: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"{COUNT}\s*(?:-|–|~|～|到|至)\s*{COUNT}\s*{CHARS}|[\[(（【]\s*{COUNT}\s*[,，]\s*{COUNT}\s*[\])）】]\s*{CHARS}|长度(?:为|在|范围为|范围是|范围|限制为|限制在|限制|要求|需要在|须在|需在)?\s*[:：]?\s*[\[(（【]?\s*{COUNT}\s*(?:-|–|~|～|到|至|,|，)\s*{COUNT}"
        ))
    });
    static MAX: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?:不超过|不能超过|不得超过|不可超过|不能超|最多|最长|最大长度(?:限制)?|最大|上限|限制)(?:支持|允许|可输入)?\s*(?:为|是|在)?\s*[:：]?\s*{COUNT}\s*{CHARS}|长度[^\d。；]{{0,10}}?(?:不超过|不能超过|不得超过|不可超过|不能超|最多|最长|最大|上限|限制|不大于|小于等于|≤|<=)\s*(?:为|是|在)?\s*[:：]?\s*{COUNT}|{COUNT}\s*{CHARS}(?:以内|内)|(?:不大于|小于等于|≤)\s*{COUNT}\s*{CHARS}"
        ))
    });
    static BELOW: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"长度(?:需|须|应|要)?小于\s*{COUNT}|小于\s*{COUNT}\s*{CHARS}"
        ))
    });
    static MIN: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?:至少|不少于|不小于|最少|最短)\s*{COUNT}\s*{CHARS}|长度[^\d。；]{{0,6}}?(?:至少|不少于|不小于|最少|最短)\s*{COUNT}"
        ))
    });
    let count = |m: regex::Match<'_>| m.as_str().replace(',', "").parse::<u64>().ok();
    let mut lows: Vec<(u64, &String, bool)> = Vec::new();
    let mut highs: Vec<(u64, &String, bool)> = Vec::new();
    for sentence in &doc.sentences {
        if let Some(c) = SPAN.captures(sentence) {
            let pair = [(1, 2), (3, 4), (5, 6)]
                .into_iter()
                .find_map(|(a, b)| Some((c.get(a)?, c.get(b)?)));
            if let Some((lo, hi)) = pair {
                let at = lo.start();
                if let (Some(lo), Some(hi)) = (count(lo), count(hi)) {
                    if lo < hi {
                        lows.push((lo, sentence, trusted(sentence, at)));
                        highs.push((hi, sentence, trusted(sentence, at)));
                        continue;
                    }
                }
            }
        }
        // Every maximum of the sentence: "中文最大支持150个汉字；英文最大支持
        // 500个字母" states two modes' rules.
        let mut any_max = false;
        for c in MAX.captures_iter(sentence) {
            // "长度限制 2~64": the number opens a range, it is no maximum.
            // "最长1KB" is a size, not a count of characters.
            let not_a_count = |m: regex::Match<'_>| {
                RANGE_NEXT.is_match(&sentence[m.end()..])
                    || SIZE_NEXT.is_match(&sentence[m.end()..])
            };
            if let Some(m) = (1..=3).find_map(|i| c.get(i)).filter(|m| !not_a_count(*m)) {
                if let Some(n) = count(m) {
                    let at = c.get(0).expect("match").start();
                    highs.push((n, sentence, trusted(sentence, at)));
                    any_max = true;
                }
            }
        }
        let below = BELOW.captures(sentence).filter(|c| {
            // "不小于5位" is a minimum.
            !sentence[..c.get(0).map_or(0, |m| m.start())].ends_with('不')
        });
        if let Some(c) = below.filter(|_| !any_max) {
            if let Some(m) = c.get(1).or_else(|| c.get(2)) {
                if let Some(n) = count(m).filter(|n| *n > 0) {
                    highs.push((n - 1, sentence, trusted(sentence, m.start())));
                }
            }
        }
        if let Some(c) = MIN.captures(sentence) {
            if let Some(m) = c.get(1).or_else(|| c.get(2)) {
                if let Some(n) = count(m) {
                    lows.push((n, sentence, trusted(sentence, m.start())));
                }
            }
        }
    }
    settle_lengths(&lows, &highs, out);
}

/// "默认值为0", "默认取值：true", "不填默认为clb_logset", "默认为“/”",
/// "false（默认）", and for booleans "默认开启" / "默认不使用".
pub(super) fn default(doc: &Doc, subject: &Subject<'_>, out: &mut Draft) {
    static DEFAULT: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?:默认值|默认取值|缺省值|默认|缺省)(?:为|是|取|设为|设置为)?\s*[:：]?\s*")
    });
    static MARKED: LazyLock<Regex> =
        LazyLock::new(|| re(r"`?([A-Za-z0-9_.-]+)`?\s*[（(]默认(?:值|选项)?[）)]"));
    // Every statement of a default; two that differ depend on a mode
    // ("对于 SHELL 命令默认为 /root，对于 POWERSHELL 命令默认为 C:\...").
    let mut found: Vec<(Value, &String, bool)> = Vec::new();
    for sentence in &doc.sentences {
        if about_a_part(sentence) {
            continue;
        }
        for m in DEFAULT.find_iter(sentence) {
            let tail = sentence[m.end()..].trim_start();
            let stated = quoted(tail, subject.kind)
                .or_else(|| value_token(tail, subject.kind))
                .or_else(|| boolean_word(tail, subject.kind));
            // "默认为 /root" is a value all the same.
            let stated = stated.or_else(|| path_like(tail, subject.kind));
            if let Some(v) = stated {
                found.push((v, sentence, !CONDITION_FIRST.is_match(sentence)));
            }
        }
        for c in MARKED.captures_iter(sentence) {
            if let Some(v) = typed(&c[1], subject.kind) {
                found.push((v, sentence, true));
            }
        }
    }
    if let Some((v, evidence)) = agreed(&found) {
        out.default = Some(v);
        out.evidence.push(evidence.clone());
    }
}

/// A path or a Windows path as a string default (`/root`, `C:\dir`): read
/// only so that a second, different default shows the first depends on a mode.
fn path_like(tail: &str, kind: Kind) -> Option<Value> {
    if kind != Kind::String {
        return None;
    }
    let token: String = tail
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '，' | '。' | '；' | ','))
        .collect();
    (token.starts_with('/') || token.get(1..3) == Some(":\\")).then(|| Value::from(token))
}

/// A string default in quotes: `“未命名”`, `"/"`.
fn quoted(tail: &str, kind: Kind) -> Option<Value> {
    if kind != Kind::String {
        return None;
    }
    let (open, close) = [('“', '”'), ('"', '"'), ('「', '」'), ('‘', '’')]
        .into_iter()
        .find(|(open, _)| tail.starts_with(*open))?;
    let inner = &tail[open.len_utf8()..];
    let end = inner.find(close)?;
    let value = &inner[..end];
    (!value.is_empty() && value.chars().count() <= 32).then(|| Value::from(value))
}

/// A boolean default in words: "开启"/"启用" true, "关闭"/"不使用" false.
fn boolean_word(tail: &str, kind: Kind) -> Option<Value> {
    if kind != Kind::Boolean {
        return None;
    }
    const TRUE: [&str; 3] = ["开启", "启用", "打开"];
    const FALSE: [&str; 6] = ["关闭", "不开启", "不启用", "不使用", "不打开", "禁用"];
    if FALSE.iter().any(|w| tail.starts_with(w)) {
        Some(Value::Bool(false))
    } else if TRUE.iter().any(|w| tail.starts_with(w)) {
        Some(Value::Bool(true))
    } else {
        None
    }
}

/// "单位：GB", "单位为秒", "（单位：MB）", "以GB为单位", a unit in
/// parentheses right after the first words ("检查间隔（秒）").
pub(super) fn unit(doc: &Doc, out: &mut Draft) {
    const UNITS: &str = r"(?:MB/s|GB/s|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|Kbps|Mbps|Gbps|bps|QPS|ms|毫秒|秒|分钟|小时|天|周|个月|月|年|核|元|次|字节|%)";
    static UNIT: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)单位(?:为|是)?\s*[:：]?\s*[（(]?\s*({UNITS})|以\s*({UNITS})\s*为单位|^[^，。；,（(]{{1,12}}[（(]({UNITS})[）)]"
        ))
    });
    for sentence in doc
        .sentences
        .iter()
        .filter(|s| !CONDITION_FIRST.is_match(s))
    {
        if let Some(c) = UNIT.captures(sentence) {
            let unit = (1..=3).find_map(|i| c.get(i)).expect("a unit").as_str();
            out.unit = Some(unit.to_owned());
            out.evidence.push(sentence.clone());
            return;
        }
    }
}

/// Whether a rule names another member of the structure under a
/// condition ("当 BillingMode 为 1 时", "只有当PayMode为PREPAID时生效",
/// "与CamRoleName搭配使用", "不可同时传入").
pub(super) fn conditional(doc: &Doc, subject: &Subject<'_>, out: &mut Draft) {
    static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
        re(r"当|若|如果|仅|只有|时|搭配|配合|同时|互斥|只能传递一个|一致|不得为空")
    });
    for sentence in &doc.sentences {
        if !CONDITION.is_match(sentence) {
            continue;
        }
        let names_sibling = subject.siblings.iter().any(|s| {
            *s != subject.name
                && s.len() >= 3
                && sentence
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

/// "默认值：a，其它可选值：b、c": the other values and the default make the set.
pub(super) fn others_include_default(doc: &Doc, out: &mut Draft) {
    let others = doc
        .sentences
        .iter()
        .any(|s| s.contains("其它可选值") || s.contains("其他可选值"));
    if let (true, Some(default), Some(allowed)) = (others, &out.default, &mut out.allowed) {
        if !allowed.contains(default) {
            allowed.insert(0, default.clone());
        }
    }
}

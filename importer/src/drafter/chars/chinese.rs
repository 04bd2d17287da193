//! The characters a Chinese document allows: "仅支持中文、英文、数字、下划线、
//! 分隔符"-"、小数点", "只能包含数字、字母、“-”和“_”", "可以由英文字母、数字、
//! 下划线、-、@#组成", "必须以字母开头". The same conservative reading as
//! the English one ([`super::list`]): every piece must be read, and a list
//! that runs on past a clause must be read there too.

use std::sync::LazyLock;

use regex::Regex;

use super::{named, word_table, written, Chars};
use crate::drafter::bounds::{about_a_part, re};

/// A clause that states which characters are allowed.
static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:仅支持|只支持|仅为|只能为|仅允许|只允许|允许包含|只能包含|仅包含|仅能包含|可包含|可以包含|包含|只能是|只能为|仅限|支持|(?:只能|仅能|可以|可|需|须|必须)?由)",
    )
});
/// A count or length before the list: "长度小于60的", "1-60个".
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:(?:长度)?(?:小于|不超过|不大于|最多|最长|为|在)?\s*\d+(?:\s*[-~～到至]\s*\d+)?\s*(?:个)?\s*(?:字符|字节|位)?(?:以内|之间|内)?\s*的|输入|填写|使用|输入的?)?\s*",
    )
});
/// Where the list ends: the clause's end, or the words after a list.
static END: LazyLock<Regex> =
    LazyLock::new(|| re(r"[，；。;]|,\s|组成|的组合|组合|的字符串|字符串|长度|，|\s+且|$"));
/// A clause that opens like a piece of a list continues it.
static RUNS_ON: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"^(?:["“'「&]|[-_.@#:/]|中文|汉字|中英文|英文|字母|大小写|小写|大写|数字|下划线|中划线|短划线|短横线|横划线|中横线|横线|连字符|减号|小数点|半角|点号|斜线|正斜|冒号|分隔符|符号|特殊)"#,
    )
});
/// Sentences about something else than the characters allowed anywhere.
static NOT_A_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"至少|必须包含|需包含|须包含|密码|不能包含|不可包含|不支持|标点|特殊字符|格式|例如|比如|如：|如:|举例|示例|[以用][^，。]{0,8}分隔|分隔开|隔开|逗号|多个|以下|其中|任意|json|JSON",
    )
});
/// Where the pieces of a list part.
static SPLIT: LazyLock<Regex> = LazyLock::new(|| re(r"\s*(?:、|，|以及|及|和|或者|或|与|/)\s*"));

pub(super) static STARTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|[，,；;。\s]|且|并|并且)(?:必须|须|需|需要|应|只能|仅能)?以([^，。；,;]{1,24}?)(?:开头|开始|为首字符|作为首字符)|首字符(?:必须|须|需|只能)?(?:为|是)([^，。；,;]{1,24}?)(?:[，。；,;]|$)",
    )
});
pub(super) static ENDS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:^|[，,；;。\s]|且|并|并且)(?:必须|须|需|需要|应|只能|仅能)?以([^，。；,;]{1,24}?)结尾")
});
pub(super) static EDGE_MENTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"开头|结尾|首字符|首位|末尾|末位|开始"));
pub(super) static NEGATIVE_EDGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:不能|不可|不可以|不得|不允许|禁止|不要)\s*(?:以|用)"));

/// The characters one sentence lists, when it states a charset and every
/// piece of its list is read.
pub(super) fn listed(sentence: &str) -> Option<Chars> {
    if NOT_A_CHARSET.is_match(sentence) || about_a_part(sentence) {
        return None;
    }
    for m in TRIGGER.find_iter(sentence) {
        let tail = &sentence[m.end()..];
        let tail = LEAD.find(tail).map_or(tail, |lead| &tail[lead.end()..]);
        let end = END.find(tail).map_or(tail.len(), |e| e.start());
        let Some(mut chars) = pieces(&tail[..end]) else {
            continue;
        };
        // "中文、英文或者数字，短划线"-"、下划线"_"": the list runs on past
        // the clause; then the next clause must be read whole too.
        let mut rest = &tail[end..];
        loop {
            let next = rest.trim_start_matches(['，', ',', ' ']);
            if next.len() == rest.len() || !RUNS_ON.is_match(next) {
                break;
            }
            let next_end = END.find(next).map_or(next.len(), |e| e.start());
            chars.add(&pieces(&next[..next_end])?);
            rest = &next[next_end..];
        }
        return Some(chars);
    }
    None
}

/// Every piece of a list read as characters, or `None`.
pub(super) fn pieces(span: &str) -> Option<Chars> {
    let span = span.trim();
    if span.is_empty() {
        return None;
    }
    let mut chars = Chars::default();
    // `短划线（-）`, `分隔符（“-”、“_”）`: the characters in brackets.
    let mut rest = String::new();
    let mut tail = span;
    while let Some(open) = tail.find(['(', '（']) {
        let after = &tail[open + tail[open..].chars().next()?.len_utf8()..];
        let close = after.find([')', '）'])?;
        rest.push_str(&tail[..open]);
        for symbol in SPLIT.split(&after[..close]) {
            let symbol = unquote(symbol);
            if !super::list::is_symbols(symbol) {
                return None;
            }
            symbol.chars().for_each(|c| chars.push(c));
        }
        // The name before the brackets needs no characters of its own.
        rest.push('\u{1}');
        tail = &after[close + after[close..].chars().next()?.len_utf8()..];
    }
    rest.push_str(tail);
    for piece in SPLIT.split(&rest) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        chars.add(&piece_chars(piece)?);
    }
    (!chars.is_empty()).then_some(chars)
}

fn unquote(s: &str) -> &str {
    s.trim()
        .trim_matches(['"', '\'', '`', '“', '”', '‘', '’', '「', '」'])
        .trim()
}

/// One piece of a list: a kind of character, or characters written out.
fn piece_chars(piece: &str) -> Option<Chars> {
    static WORDS: LazyLock<Vec<(Regex, Chars)>> = LazyLock::new(|| {
        word_table(
            &[
                (r"(?:英文)?小写(?:英文)?字母|英文小写", "l", ""),
                (r"(?:英文)?大写(?:英文)?字母|英文大写", "u", ""),
                (
                    r"(?:英文)?大小写(?:英文)?字母|(?:英文)?字母(?:（?大小写）?)?|英文(?:大小写)?|英文字符",
                    "lu",
                    "",
                ),
                (r"(?:阿拉伯)?数字(?:0-9|0~9)?", "d", ""),
                (r"中文(?:字符)?|汉字", "h", ""),
                (r"中英文(?:字符)?", "hlu", ""),
                (r"下划线", "", "_"),
                (
                    r"中划线|短划线|短横线|横划线|中横线|横线|连字符|减号|短横杠|横杠",
                    "",
                    "-",
                ),
                (r"小数点|半角句号|英文句号|点号", "", "."),
                (r"正斜线|正斜杠|斜线|斜杠", "", "/"),
                (r"(?:英文)?冒号", "", ":"),
            ],
            r"^(?:{})$",
        )
    });
    let piece = unquote(piece);
    // A name whose characters were in brackets: `短划线\u{1}`.
    if let Some(name) = piece.strip_suffix('\u{1}') {
        let name = name.trim();
        let known = WORDS.iter().any(|(r, _)| r.is_match(name))
            || matches!(name, "分隔符" | "符号" | "特殊符号");
        return known.then(Chars::default);
    }
    if super::list::is_symbols(piece) {
        return written(piece);
    }
    named(piece, &WORDS, &["分隔符", "符号"], unquote)
}

//! Doc comments: turning spec prose and constraints into rustdoc.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{FieldIr, TypeIr};
use crate::spec::{Bounds, CharClass, Charset, Constraints, Literal, PasswordVariant};

/// `#[doc]` attributes, one per line (printed as `///` lines).
pub(crate) fn doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {}", visible_controls(&l.replace('\t', " ")))
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// `text` with bidirectional-text controls (U+202A to U+202E, U+2066 to
/// U+2069) and other invisible format characters written out as `\u{..}`:
/// rustc rejects them in comments (they can make code read differently
/// from how it compiles), and a reader should see them anyway.
pub(crate) fn visible_controls(text: &str) -> String {
    if !text.chars().any(is_hidden_control) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if is_hidden_control(c) {
                format!("\\u{{{:04x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn is_hidden_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
        || (c.is_control() && c != '\t')
}

/// `#![doc]` attributes (printed as `//!` lines).
pub(crate) fn inner_doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {}", visible_controls(l))
        }
    });
    quote! { #( #![doc = #lines] )* }
}

/// Spec prose (plain text or Markdown) as rustdoc: each source line its own
/// paragraph (the pages use line breaks as list items), table rows kept
/// together, Markdown links kept, and everything else that rustdoc would
/// read as markup made literal: stray brackets (intra-doc links), angle
/// brackets (HTML), unbalanced backticks, fences and headings (code blocks
/// would become doctests). Bare URLs become autolinks.
pub(crate) fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut prev_table = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let table = line.starts_with('|');
        if !out.is_empty() {
            out.push_str(if table && prev_table { "\n" } else { "\n\n" });
        }
        escape_line(line, &mut out);
        prev_table = table;
    }
    out
}

/// [`prose`], or `fallback` when the text is empty.
pub(crate) fn prose_or(text: &str, fallback: &str) -> String {
    let p = prose(text);
    if p.is_empty() {
        fallback.to_owned()
    } else {
        p
    }
}

/// The format of a string value in words.
pub(crate) fn format_words(f: crate::spec::StringFormat) -> &'static str {
    match f {
        crate::spec::StringFormat::Date => "a date, `YYYY-MM-DD`",
        crate::spec::StringFormat::Datetime => "a date and time, `YYYY-MM-DD hh:mm:ss`",
        crate::spec::StringFormat::DatetimeIso => "an ISO 8601 date and time",
    }
}

fn escape_line(line: &str, out: &mut String) {
    if line.starts_with('#') || line.starts_with("```") || line.starts_with("~~~") {
        out.push('\\');
    }
    let balanced_ticks = line.matches('`').count() & 1 == 0;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            // A Markdown escape the source already wrote (`\<Region>`, `\[`):
            // kept as it is.
            if let Some(next) = rest[1..].chars().next().filter(char::is_ascii_punctuation) {
                out.push('\\');
                out.push(next);
                rest = &rest[1 + next.len_utf8()..];
                continue;
            }
        }
        if c == '[' {
            if let Some((link, after)) = markdown_link(rest) {
                out.push_str(link);
                rest = after;
                continue;
            }
        }
        if rest.starts_with("https://") || rest.starts_with("http://") {
            let end = rest
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, ')' | '<' | '>' | '"' | '\'' | ']')
                })
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '`' if !balanced_ticks => out.push_str("\\`"),
            other => out.push(other),
        }
        rest = &rest[c.len_utf8()..];
    }
}

/// A Markdown link `[text](http...)` at the start of `s`: the link text as
/// rustdoc should see it, and the rest of `s`.
fn markdown_link(s: &str) -> Option<(&str, &str)> {
    let close = s.find("](")?;
    let text = &s[1..close];
    if text.is_empty() || text.contains(['[', ']', '<', '>', '`']) {
        return None;
    }
    let target = &s[close + 2..];
    if !(target.starts_with("https://") || target.starts_with("http://")) {
        return None;
    }
    let end = target.find(')')?;
    if target[..end].contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '(')) {
        return None;
    }
    let whole = close + 2 + end + 1;
    Some((&s[..whole], &s[whole..]))
}

/// The doc comment of a field: description, then the facts a caller needs.
pub(crate) fn field_doc(f: &FieldIr, enum_values: Option<&[(String, String)]>) -> String {
    let mut out = prose(&f.description);
    if out.is_empty() {
        out = format!("`{}`.", f.wire);
    }
    let mut facts = vec![format!(
        "Wire name: `{}`. {}.",
        f.wire,
        if f.required { "Required" } else { "Optional" }
    )];
    if let Some(values) = enum_values {
        let list = values
            .iter()
            .map(|(v, d)| format!("`{v}` ({d})"))
            .collect::<Vec<_>>()
            .join(", ");
        facts.push(format!("Values: {list}."));
    }
    if let Some(d) = &f.default {
        facts.push(format!("Default: `{}`.", literal_plain(d)));
    }
    if let Some(d) = &f.default_description {
        facts.push(format!("Default: {}.", d.trim_end_matches('.')));
    }
    if let Some(u) = &f.unit {
        facts.push(format!("Unit: {u}."));
    }
    for c in describe(&f.constraints) {
        facts.push(format!("{c}."));
    }
    if let Some(d) = &f.draft {
        facts.push(format!(
            "Documented, not checked (drafted from the description, not reviewed): {}.",
            describe_draft(d)
        ));
    }
    if let Some(format) = f.format {
        facts.push(format!("Format: {}.", format_words(format)));
    }
    if let Some(e) = f
        .example
        .as_ref()
        .filter(|_| !f.array && !matches!(f.ty, TypeIr::Struct(_)))
    {
        let e = e.trim();
        if !f.sensitive && !e.is_empty() && !e.contains(['`', '\n']) && e.chars().count() <= 80 {
            facts.push(format!("Example: `{e}`."));
        }
    }
    if f.deprecated {
        facts.push("**Deprecated.**".to_owned());
    }
    if f.sensitive {
        facts.push("Sensitive: never shown in Debug output or error messages.".to_owned());
    }
    out.push_str("\n\n");
    out.push_str(&facts.join("\n\n"));
    out
}

/// A literal without string quotes, as in docs and messages.
pub(crate) fn literal_plain(l: &Literal) -> String {
    match l {
        Literal::Str(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Each constraint in words.
pub(crate) fn describe(c: &Constraints) -> Vec<String> {
    let mut out = Vec::new();
    if !c.allowed.is_empty() {
        out.push(format!(
            "Allowed values: {}",
            c.allowed
                .iter()
                .map(literal_plain)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(r) = &c.range {
        out.push(format!("Range: {}", bounds(r, "")));
    }
    if let Some(m) = c.multiple_of {
        out.push(format!("A multiple of {m}"));
    }
    if let Some(l) = &c.length {
        out.push(format!("Length: {}", bounds(l, " characters")));
    }
    if let Some(cs) = &c.charset {
        out.push(format!("Characters: {}", charset_summary(cs)));
    }
    if let Some(p) = &c.prefix {
        out.push(format!("Starts with `{p}`"));
    }
    if !c.password.is_empty() {
        out.push(format!(
            "Password rules, one of: {}",
            password_summary(&c.password)
        ));
    }
    out
}

fn bounds(b: &Bounds, unit: &str) -> String {
    match (b.min, b.max) {
        (Some(lo), Some(hi)) => format!("{lo} to {hi}{unit}"),
        (Some(lo), None) => format!("at least {lo}{unit}"),
        (None, Some(hi)) => format!("at most {hi}{unit}"),
        (None, None) => "any".to_owned(),
    }
}

fn class_name(c: CharClass) -> &'static str {
    match c {
        CharClass::Lowercase => "lowercase letters",
        CharClass::Uppercase => "uppercase letters",
        CharClass::Letters => "letters",
        CharClass::Digits => "digits",
        CharClass::Chinese => "Chinese characters",
    }
}

/// A character set in words: `letters, digits, "_-"`.
pub(crate) fn charset_summary(cs: &Charset) -> String {
    let mut parts: Vec<String> = cs
        .classes
        .iter()
        .map(|c| class_name(*c).to_owned())
        .collect();
    if !cs.chars.is_empty() {
        parts.push(format!("`{}`", cs.chars));
    }
    parts.join(", ")
}

/// Password variants in words.
pub(crate) fn password_summary(variants: &[PasswordVariant]) -> String {
    variants
        .iter()
        .map(|v| {
            let mut kinds: Vec<String> = v
                .classes
                .iter()
                .map(|c| class_name(*c).to_owned())
                .collect();
            if !v.specials.is_empty() {
                kinds.push(format!("specials `{}`", v.specials));
            }
            let mut s = format!(
                "{}: {} of {}",
                v.applies_to,
                bounds(&v.length, " characters"),
                kinds.join(", ")
            );
            if let Some(k) = v.min_kinds {
                s.push_str(&format!(", at least {k} kinds"));
            }
            if !v.not_first.is_empty() {
                s.push_str(&format!(", not starting with `{}`", v.not_first));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A draft in words: `valid values `0`, `1`; range 1 to 100; ...`.
fn describe_draft(d: &crate::spec::DraftSpec) -> String {
    let mut parts = Vec::new();
    if !d.allowed.is_empty() {
        let values: Vec<String> = d
            .allowed
            .iter()
            .map(|v| format!("`{}`", literal_plain(v)))
            .collect();
        parts.push(format!("valid values {}", values.join(", ")));
    }
    let bounds = |b: &crate::spec::Bounds, what: &str| match (b.min, b.max) {
        (Some(lo), Some(hi)) => format!("{what} {lo} to {hi}"),
        (Some(lo), None) => format!("{what} at least {lo}"),
        (None, Some(hi)) => format!("{what} at most {hi}"),
        (None, None) => String::new(),
    };
    if let Some(r) = &d.range {
        parts.push(bounds(r, "value"));
    }
    if let Some(l) = &d.length {
        parts.push(bounds(l, "length"));
    }
    if let Some(p) = &d.pattern {
        parts.push(format!("pattern `{p}`"));
    }
    if let Some(v) = &d.default {
        parts.push(format!("default `{}`", literal_plain(v)));
    }
    if let Some(u) = &d.unit {
        parts.push(format!("unit {u}"));
    }
    if d.conditional {
        parts.push("depending on other members".to_owned());
    }
    parts.join("; ")
}

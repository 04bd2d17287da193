//! Doc comments: turning spec prose and constraints into rustdoc.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::FieldIr;
use crate::spec::{Bounds, CharClass, Charset, Constraints, Literal, PasswordVariant};

/// `#[doc]` attributes, one per line (printed as `///` lines).
pub(crate) fn doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc]` attributes (printed as `//!` lines).
pub(crate) fn inner_doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #![doc = #lines] )* }
}

/// Spec prose as rustdoc: each source line its own paragraph (the pages use
/// line breaks as list items), brackets escaped so rustdoc sees no links.
pub(crate) fn prose(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            link_urls(
                &l.replace('[', "\\[")
                    .replace(']', "\\]")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;"),
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Wraps bare URLs in `<...>` so rustdoc renders them as links.
fn link_urls(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while let Some(start) = rest.find("https://").or_else(|| rest.find("http://")) {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || c == ')')
            .unwrap_or(tail.len());
        out.push('<');
        out.push_str(&tail[..end]);
        out.push('>');
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The doc comment of a field: description, then the facts a caller needs.
pub(crate) fn field_doc(f: &FieldIr, enum_values: Option<&[(String, String)]>) -> String {
    let mut out = prose(&f.description);
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

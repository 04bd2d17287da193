//! Public items of a generated file read from its tokens alone.
//!
//! A whole-surface diff reads back thousands of changed files on each side;
//! parsing every function body with syn took most of its time. Public items
//! are visible in item headers, field lists and variant lists, so this reader
//! splits the token trees into items and never looks inside a function body
//! or a constant's value. It gives the same paths as the syn reader in
//! `public_items.rs` (kept as the reference; `tests/diff.rs` compares the two
//! on every generated file of the fixtures and of several real services).

use std::collections::BTreeSet;

use proc_macro2::{Delimiter, Spacing, TokenTree};

/// Adds the public items of `tokens` (a file's top level) under `module`:
/// public structs with their public named fields, public enums with every
/// variant, public constants and statics, and the public functions and
/// constants of inherent impl blocks.
pub(super) fn collect(module: &str, tokens: &[TokenTree], out: &mut BTreeSet<String>) {
    for item in split_items(tokens) {
        let Some(h) = header(item) else {
            continue;
        };
        match (h.keyword.as_str(), h.public) {
            ("struct", true) => structure(module, h.rest, out),
            ("enum", true) => enumeration(module, h.rest, out),
            ("const" | "static", true) => {
                let name = h.rest.iter().find(|t| !is_ident(t, "mut"));
                if let Some(TokenTree::Ident(name)) = name {
                    out.insert(join(module, &name.to_string()));
                }
            }
            ("impl", _) => inherent_impl(module, h.rest, out),
            _ => {}
        }
    }
}

fn join(module: &str, name: &str) -> String {
    if module.is_empty() {
        name.to_owned()
    } else {
        format!("{module}::{name}")
    }
}

fn is_ident(t: &TokenTree, word: &str) -> bool {
    matches!(t, TokenTree::Ident(i) if i == word)
}

fn is_punct(t: &TokenTree, c: char) -> bool {
    matches!(t, TokenTree::Punct(p) if p.as_char() == c)
}

fn is_group(t: &TokenTree, delimiter: Delimiter) -> bool {
    matches!(t, TokenTree::Group(g) if g.delimiter() == delimiter)
}

/// The tokens inside a group.
fn contents(t: &TokenTree) -> Vec<TokenTree> {
    match t {
        TokenTree::Group(g) => g.stream().into_iter().collect(),
        _ => Vec::new(),
    }
}

/// How a token moves the depth of angle brackets: `<` opens, `>` closes,
/// except the `>` of `->`, which follows a joint `-`.
fn angle_step(prev: Option<&TokenTree>, t: &TokenTree) -> isize {
    let arrow = prev.is_some_and(|p| is_punct(p, '-'))
        && matches!(prev, Some(TokenTree::Punct(p)) if p.spacing() == Spacing::Joint);
    match t {
        TokenTree::Punct(p) if p.as_char() == '<' => 1,
        TokenTree::Punct(p) if p.as_char() == '>' && !arrow => -1,
        _ => 0,
    }
}

/// Splits a list of items: each ends with a `;` at this level, or with a
/// brace group (and a `;` right after it) unless it is a constant, static,
/// type alias, `use` or `extern crate`, whose values may hold braces.
fn split_items(tokens: &[TokenTree]) -> Vec<&[TokenTree]> {
    let mut out = Vec::new();
    let mut rest = tokens;
    while !rest.is_empty() {
        let braces_end = header(rest).is_none_or(|h| {
            !matches!(
                h.keyword.as_str(),
                "const" | "static" | "type" | "use" | "crate"
            )
        });
        let mut end = rest.len();
        for (i, t) in rest.iter().enumerate() {
            if is_punct(t, ';') {
                end = i + 1;
                break;
            }
            if braces_end && is_group(t, Delimiter::Brace) {
                end = i + 1 + usize::from(rest.get(i + 1).is_some_and(|t| is_punct(t, ';')));
                break;
            }
        }
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

/// An item's attributes and visibility read: whether it is `pub` (not
/// `pub(crate)` or other restricted forms), the keyword that names its kind
/// (`struct`, `fn`, `const`, ...; a macro's name for a macro call), and the
/// tokens after that keyword.
struct Header<'a> {
    public: bool,
    keyword: String,
    rest: &'a [TokenTree],
}

/// Reads the start of `item`; `None` when no keyword follows the
/// attributes and visibility (a stray `;`, or an `extern "C"` block).
fn header(item: &[TokenTree]) -> Option<Header<'_>> {
    let mut i = 0;
    // Attributes, outer and inner (doc comments are attributes in tokens).
    while item.get(i).is_some_and(|t| is_punct(t, '#')) {
        i += 1;
        if item.get(i).is_some_and(|t| is_punct(t, '!')) {
            i += 1;
        }
        i += 1;
    }
    let mut public = false;
    if item.get(i).is_some_and(|t| is_ident(t, "pub")) {
        i += 1;
        public = true;
        if item
            .get(i)
            .is_some_and(|t| is_group(t, Delimiter::Parenthesis))
        {
            public = false;
            i += 1;
        }
    }
    // Qualifiers before the keyword: `const fn`, `unsafe impl`, `extern "C" fn`.
    loop {
        let next_is_fn_qualifier = |j: usize| {
            item.get(j).is_some_and(|t| {
                ["fn", "unsafe", "async", "extern"]
                    .iter()
                    .any(|w| is_ident(t, w))
            })
        };
        match item.get(i)? {
            TokenTree::Ident(w) if w == "const" && next_is_fn_qualifier(i + 1) => i += 1,
            TokenTree::Ident(w) if w == "unsafe" || w == "async" => i += 1,
            // `default fn` (a field may be called `default`).
            TokenTree::Ident(w)
                if w == "default" && matches!(item.get(i + 1), Some(TokenTree::Ident(_))) =>
            {
                i += 1
            }
            TokenTree::Ident(w) if w == "extern" => {
                i += 1;
                if matches!(item.get(i), Some(TokenTree::Literal(_))) {
                    i += 1;
                }
            }
            TokenTree::Ident(keyword) => {
                return Some(Header {
                    public,
                    keyword: keyword.to_string(),
                    rest: &item[i + 1..],
                })
            }
            _ => return None,
        }
    }
}

/// `Name<..> { pub field: T, .. }`, `Name(..);` or `Name;`.
fn structure(module: &str, rest: &[TokenTree], out: &mut BTreeSet<String>) {
    let Some(TokenTree::Ident(name)) = rest.first() else {
        return;
    };
    let name = join(module, &name.to_string());
    let fields = rest
        .iter()
        .take_while(|t| !is_punct(t, ';'))
        .find(|t| is_group(t, Delimiter::Brace))
        .map(contents);
    for field in split_commas(&fields.unwrap_or_default(), true) {
        if let Some(h) = header(field) {
            let named = h.rest.first().is_some_and(|t| is_punct(t, ':'));
            if h.public && named {
                out.insert(format!("{name}::{}", h.keyword));
            }
        }
    }
    out.insert(name);
}

/// `Name<..> { Variant, Variant(..), Variant { .. } = .., .. }`.
fn enumeration(module: &str, rest: &[TokenTree], out: &mut BTreeSet<String>) {
    let Some(TokenTree::Ident(name)) = rest.first() else {
        return;
    };
    let name = join(module, &name.to_string());
    let variants = rest
        .iter()
        .find(|t| is_group(t, Delimiter::Brace))
        .map(contents);
    for variant in split_commas(&variants.unwrap_or_default(), false) {
        if let Some(h) = header(variant) {
            out.insert(format!("{name}::{}", h.keyword));
        }
    }
    out.insert(name);
}

/// Splits a field or variant list at the commas of this level; with
/// `angles`, commas between `<` and `>` (generic arguments of a field's
/// type) do not split.
fn split_commas(tokens: &[TokenTree], angles: bool) -> Vec<&[TokenTree]> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0isize, 0);
    for (i, t) in tokens.iter().enumerate() {
        if angles {
            depth = (depth + angle_step(i.checked_sub(1).map(|j| &tokens[j]), t)).max(0);
        }
        if depth == 0 && is_punct(t, ',') {
            out.push(&tokens[start..i]);
            start = i + 1;
        }
    }
    if start < tokens.len() {
        out.push(&tokens[start..]);
    }
    out
}

/// `impl<..> Type<..> where .. { items }` (a trait impl, `impl Trait for
/// Type`, adds nothing): the public functions, as `Type::name()`, and the
/// public constants, as `Type::NAME`.
fn inherent_impl(module: &str, rest: &[TokenTree], out: &mut BTreeSet<String>) {
    let Some(body_at) = rest.iter().position(|t| is_group(t, Delimiter::Brace)) else {
        return;
    };
    let Some(owner) = self_type(&rest[..body_at]) else {
        return;
    };
    let owner = join(module, &owner);
    let body = contents(&rest[body_at]);
    for item in split_items(&body) {
        let Some(h) = header(item) else {
            continue;
        };
        let name = h.rest.first().filter(|_| h.public);
        match (h.keyword.as_str(), name) {
            ("fn", Some(TokenTree::Ident(f))) => {
                out.insert(format!("{owner}::{f}()"));
            }
            ("const", Some(TokenTree::Ident(c))) => {
                out.insert(format!("{owner}::{c}"));
            }
            _ => {}
        }
    }
}

/// The last path segment's name of an inherent impl's type, from the
/// tokens between `impl` and the body; `None` for a trait impl or a type
/// that is not a path (a reference, tuple, slice, trait object).
fn self_type(header: &[TokenTree]) -> Option<String> {
    let prev = |i: usize| i.checked_sub(1).map(|j| &header[j]);
    let mut start = 0;
    // The impl's own generic parameters.
    if header.first().is_some_and(|t| is_punct(t, '<')) {
        let mut depth = 0;
        for (i, t) in header.iter().enumerate() {
            depth += angle_step(prev(i), t);
            if depth == 0 {
                start = i + 1;
                break;
            }
        }
    }
    match header.get(start)? {
        TokenTree::Ident(w) if w == "dyn" || w == "impl" || w == "fn" => return None,
        TokenTree::Ident(_) => {}
        TokenTree::Punct(p) if p.as_char() == ':' => {}
        _ => return None,
    }
    let (mut depth, mut last) = (0, None);
    for (i, t) in header.iter().enumerate().skip(start) {
        depth += angle_step(prev(i), t);
        match t {
            TokenTree::Ident(w) if depth == 0 && w == "for" => return None,
            TokenTree::Ident(w) if depth == 0 && w == "where" => break,
            TokenTree::Ident(w) if depth == 0 => last = Some(w.to_string()),
            _ => {}
        }
    }
    last
}

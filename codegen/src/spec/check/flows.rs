//! Meaning checks of pagination facts and waiters: every member they name
//! exists and has the type the generated code needs.

use std::collections::{BTreeMap, BTreeSet};

use super::{is_camel_ident, is_integer, literal_fits, Sink};
use crate::spec::flows::{Matcher, PageStyle, Pagination, Waiter, INPUT_PLACEHOLDER};
use crate::spec::model::{ActionSpec, Field, StructureSpec};

/// What the flow checks read of one named member or output.
struct Slot<'a> {
    ty: &'a str,
    array: bool,
    disabled: bool,
}

fn param<'a>(a: &'a ActionSpec, name: &str) -> Option<Slot<'a>> {
    a.parameters.iter().find(|p| p.name == name).map(slot)
}

/// What the flow checks read of a member or an output.
fn slot<M: crate::spec::Member>(m: &M) -> Slot<'_> {
    Slot {
        ty: m.ty(),
        array: m.array(),
        disabled: m.disabled(),
    }
}

fn output<'a>(a: &'a ActionSpec, name: &str) -> Option<Slot<'a>> {
    a.outputs.iter().find(|o| o.name == name).map(slot)
}

/// Problems of an action's `pagination`, at `$.pagination`.
pub(super) fn check_pagination(sink: &mut Sink<'_>, a: &ActionSpec, p: &Pagination) {
    let mut push = |key: &str, msg: String| sink.push(format!("$.pagination.{key}"), msg);
    let set = |v: &Option<String>| v.is_some();
    let want = |key: &str, present: bool, needed: bool, push: &mut dyn FnMut(&str, String)| {
        if present && !needed {
            push(
                key,
                format!("not used by the {} style; remove it", p.style.as_str()),
            );
        } else if !present && needed {
            push(key, format!("the {} style needs it", p.style.as_str()));
        }
    };
    let style = p.style;
    let paged = style != PageStyle::None;
    want("input", set(&p.input), paged, &mut push);
    want("items", set(&p.items), paged, &mut push);
    want(
        "first_page",
        p.first_page.is_some(),
        style == PageStyle::Page,
        &mut push,
    );
    want(
        "next_token",
        set(&p.next_token),
        style == PageStyle::Token,
        &mut push,
    );
    if style == PageStyle::None {
        want("page_size", set(&p.page_size), false, &mut push);
        want("total", set(&p.total), false, &mut push);
    }
    if style == PageStyle::Offset || style == PageStyle::Page {
        want("page_size", set(&p.page_size), true, &mut push);
    }
    if let Some(first) = p.first_page {
        if first > 1 {
            push("first_page", format!("{first}: pages count from 0 or 1"));
        }
    }
    let number = |m: &Slot<'_>| is_integer(m.ty) && !m.array;
    let mut member = |key: &str,
                      name: &Option<String>,
                      found: Option<Slot<'_>>,
                      what: &str,
                      fits: &dyn Fn(&Slot<'_>) -> bool| {
        let Some(name) = name else { return };
        match found {
            None => push(key, format!("\"{name}\" is not {what} of {}", a.name)),
            Some(m) if m.disabled => push(key, format!("\"{name}\" is disabled")),
            Some(m) if !fits(&m) => push(
                key,
                format!(
                    "\"{name}\" is {}{}, which cannot hold {}",
                    if m.array { "an array of " } else { "" },
                    m.ty,
                    match key {
                        "items" => "a page's items (an array)",
                        "input" if style == PageStyle::Token => "a token (a String)",
                        "next_token" => "a token (a String)",
                        _ => "a count (an Integer or UInt64)",
                    }
                ),
            ),
            Some(_) => {}
        }
    };
    let token = |m: &Slot<'_>| m.ty == "String" && !m.array;
    let input = p.input.as_deref().and_then(|n| param(a, n));
    if style == PageStyle::Token {
        member("input", &p.input, input, "a parameter", &token);
    } else {
        member("input", &p.input, input, "a parameter", &number);
    }
    let size = p.page_size.as_deref().and_then(|n| param(a, n));
    member("page_size", &p.page_size, size, "a parameter", &number);
    let items = p.items.as_deref().and_then(|n| output(a, n));
    member("items", &p.items, items, "an output", &|m| m.array);
    let total = p.total.as_deref().and_then(|n| output(a, n));
    member("total", &p.total, total, "an output", &number);
    let next = p.next_token.as_deref().and_then(|n| output(a, n));
    member("next_token", &p.next_token, next, "an output", &token);
}

/// Problems of the waiters of a service version, at `$.waiters[i]`.
pub(super) fn check_waiters(
    sink: &mut Sink<'_>,
    waiters: &[Waiter],
    actions: &BTreeMap<&str, &ActionSpec>,
    structures: &BTreeMap<&str, &StructureSpec>,
) {
    let mut names = BTreeSet::new();
    for (i, w) in waiters.iter().enumerate() {
        let base = format!("$.waiters[{i}]");
        let mut push = |key: &str, msg: String| sink.push(format!("{base}{key}"), msg);
        if !names.insert(w.name.as_str()) {
            push(".name", format!("duplicate waiter \"{}\"", w.name));
        }
        check_waiter_shape(&mut push, w);
        let Some(action) = actions.get(w.action.as_str()) else {
            push(
                ".action",
                format!("\"{}\" is not an action of this version", w.action),
            );
            continue;
        };
        let mut uses = 0;
        let mut template = Vec::new();
        check_template(
            &w.request,
            Shape::Params(&action.parameters),
            &w.input.ty,
            structures,
            ".request",
            &mut uses,
            &mut template,
        );
        for (path, msg) in template {
            push(&path, msg);
        }
        if uses == 0 {
            push(
                ".request",
                "the argument \"{input}\" is used nowhere in the request".into(),
            );
        }
        let Some(members) = selected_members(&mut push, w, action, structures) else {
            continue;
        };
        let Some((_, state)) = members.iter().find(|(n, _)| *n == w.state) else {
            push(
                ".state",
                format!("\"{}\" is not a member of the selected resource", w.state),
            );
            continue;
        };
        if state.disabled {
            push(".state", format!("\"{}\" is disabled", w.state));
        }
        if structures.contains_key(state.ty) && !state.array {
            push(
                ".state",
                format!("\"{}\" is a structure; a state is a value", w.state),
            );
        }
        check_matcher(&mut push, ".success", &w.success, state, true);
        check_matcher(&mut push, ".failure", &w.failure, state, false);
    }
}

/// A waiter's own keys: its name, the argument's type, the delays.
fn check_waiter_shape(push: &mut dyn FnMut(&str, String), w: &Waiter) {
    if !is_camel_ident(&w.name) {
        push(
            ".name",
            format!("\"{}\" is not a waiter name (UpperCamelCase)", w.name),
        );
    }
    if !["String", "Integer", "UInt64"].contains(&w.input.ty.as_str()) {
        push(
            ".input.type",
            format!(
                "\"{}\": a waiter's argument is a String, Integer or UInt64",
                w.input.ty
            ),
        );
    }
    if w.min_delay_seconds == 0 {
        push(".min_delay_seconds", "must be at least 1".into());
    }
    if w.max_delay_seconds < w.min_delay_seconds {
        push(
            ".max_delay_seconds",
            format!(
                "{} is below min_delay_seconds ({})",
                w.max_delay_seconds, w.min_delay_seconds
            ),
        );
    }
    if w.timeout_seconds < w.min_delay_seconds {
        push(
            ".timeout_seconds",
            format!(
                "{} leaves no time for a second poll (min_delay_seconds is {})",
                w.timeout_seconds, w.min_delay_seconds
            ),
        );
    }
}

/// The members the state and the key are read from: the action's outputs,
/// or the fields of the structure the selected list holds; `None` (with a
/// problem) when the selection is not such a list.
fn selected_members<'a>(
    push: &mut dyn FnMut(&str, String),
    w: &Waiter,
    action: &'a ActionSpec,
    structures: &BTreeMap<&str, &'a StructureSpec>,
) -> Option<Vec<(&'a str, Slot<'a>)>> {
    match &w.select {
        None => Some(
            action
                .outputs
                .iter()
                .map(|o| (o.name.as_str(), slot(o)))
                .collect(),
        ),
        Some(sel) => match output(action, &sel.list) {
            Some(m) if m.array && structures.contains_key(m.ty) => {
                let st = structures[m.ty];
                let fields: Vec<(&str, Slot<'_>)> = st
                    .fields
                    .iter()
                    .map(|f| (f.name.as_str(), slot(f)))
                    .collect();
                match fields.iter().find(|(n, _)| *n == sel.key) {
                    None => push(
                        ".select.key",
                        format!("\"{}\" is not a member of {}", sel.key, st.name),
                    ),
                    Some((_, k)) if k.ty != w.input.ty || k.array => push(
                        ".select.key",
                        format!(
                            "\"{}\" is {}, the argument is {}",
                            sel.key, k.ty, w.input.ty
                        ),
                    ),
                    Some(_) => {}
                }
                Some(fields)
            }
            _ => {
                push(
                    ".select.list",
                    format!(
                        "\"{}\" is not an output of {} holding an array of a structure",
                        sel.list, w.action
                    ),
                );
                None
            }
        },
    }
}

fn check_matcher(
    push: &mut dyn FnMut(&str, String),
    key: &str,
    m: &Matcher,
    state: &Slot<'_>,
    required: bool,
) {
    match (m.any_of.is_empty(), m.non_empty) {
        (true, false) if required => push(key, "set any_of or non_empty".into()),
        (false, true) => push(key, "set any_of or non_empty, not both".into()),
        _ => {}
    }
    if m.non_empty && !(state.array || state.ty == "String") {
        push(
            key,
            format!(
                "non_empty needs a String or an array state, not {}",
                state.ty
            ),
        );
    }
    if state.array && !m.any_of.is_empty() {
        push(
            key,
            "an array state can only be matched by non_empty".into(),
        );
    }
    for (i, lit) in m.any_of.iter().enumerate() {
        if !literal_fits(lit, state.ty) {
            push(
                &format!("{key}.any_of[{i}]"),
                format!("{lit} does not fit the state, a {}", state.ty),
            );
        }
    }
}

/// What a template value must fit.
#[derive(Clone, Copy)]
enum Shape<'a> {
    /// The request: an object of these parameters.
    Params(&'a [Field]),
    /// A value of this type, an array of it when `array`.
    Value { ty: &'a str, array: bool },
}

fn check_template(
    v: &serde_json::Value,
    shape: Shape<'_>,
    input_ty: &str,
    structures: &BTreeMap<&str, &StructureSpec>,
    path: &str,
    uses: &mut usize,
    out: &mut Vec<(String, String)>,
) {
    use serde_json::Value;
    let fields = match shape {
        Shape::Params(fields) => Some(fields),
        Shape::Value { ty, array: false } => structures.get(ty).map(|s| s.fields.as_slice()),
        Shape::Value { .. } => None,
    };
    match (v, shape, fields) {
        (Value::Object(map), _, Some(fields)) => {
            for (k, item) in map {
                let p = format!("{path}.{k}");
                match fields.iter().find(|f| &f.name == k) {
                    Some(f) if !f.disabled => check_template(
                        item,
                        Shape::Value {
                            ty: &f.ty,
                            array: f.array,
                        },
                        input_ty,
                        structures,
                        &p,
                        uses,
                        out,
                    ),
                    _ => out.push((p, format!("\"{k}\" is not a member here"))),
                }
            }
        }
        (Value::Array(items), Shape::Value { ty, array: true }, _) => {
            for (i, item) in items.iter().enumerate() {
                let elem = Shape::Value { ty, array: false };
                let p = format!("{path}[{i}]");
                check_template(item, elem, input_ty, structures, &p, uses, out);
            }
        }
        (Value::String(s), Shape::Value { ty, array: false }, None) if s == INPUT_PLACEHOLDER => {
            if ty == input_ty {
                *uses += 1;
            } else {
                out.push((
                    path.to_owned(),
                    format!("the argument is {input_ty}, this member is {ty}"),
                ));
            }
        }
        (value, Shape::Value { ty, array: false }, None) => {
            let fits = match ty {
                "String" => value.is_string(),
                "Integer" => value.is_i64(),
                "UInt64" => value.is_u64(),
                "Float" => value.is_number(),
                "Boolean" => value.is_boolean(),
                _ => false,
            };
            if !fits {
                out.push((path.to_owned(), format!("{value} does not fit {ty}")));
            }
        }
        (value, Shape::Value { ty, array }, _) => out.push((
            path.to_owned(),
            format!(
                "{value} does not fit {}{ty}",
                if array { "an array of " } else { "" }
            ),
        )),
        (value, Shape::Params(_), _) => out.push((
            path.to_owned(),
            format!("the request is an object, not {value}"),
        )),
    }
}

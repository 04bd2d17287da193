//! Checks of one value's constraints: each fits the value's type, ranges
//! are not inverted, enums have no duplicates, password rules are complete.

use super::*;
use crate::spec::Decision;

fn check_bounds(sink: &mut Sink<'_>, path: &str, b: &Bounds, what: &str) {
    if let (Some(min), Some(max)) = (b.min, b.max) {
        if min > max {
            sink.push(path, format!("{what} min {min} is greater than max {max}"));
        }
    }
    if b.min.is_none() && b.max.is_none() {
        sink.push(path, format!("{what} needs min, max or both"));
    }
}

pub(super) fn check_constraints(sink: &mut Sink<'_>, base: &str, ty: &str, c: &Constraints) {
    let not_for = |kind: &str| format!("{kind} does not apply to type {ty}");
    if !c.enum_values.is_empty() {
        if ty == "Boolean" || ty == "Float" {
            sink.push(format!("{base}.enum"), not_for("enum"));
        }
        let mut values = BTreeMap::new();
        let mut names = BTreeMap::new();
        for (i, v) in c.enum_values.iter().enumerate() {
            let path = format!("{base}.enum[{i}]");
            if !literal_fits(&v.value, ty) {
                sink.push(
                    format!("{path}.value"),
                    format!("{} is not a {ty}", v.value),
                );
            }
            if let Some(first) = values.insert(&v.value, i) {
                sink.push(
                    format!("{path}.value"),
                    format!(
                        "duplicate enum value {} (first at {base}.enum[{first}])",
                        v.value
                    ),
                );
            }
            match &v.name {
                Some(name) => {
                    if !is_camel_ident(name) {
                        sink.push(format!("{path}.name"), format!("\"{name}\" is not a variant name (UpperCamelCase letters and digits)"));
                    }
                    if let Some(first) = names.insert(name.clone(), i) {
                        sink.push(
                            format!("{path}.name"),
                            format!(
                                "duplicate variant name \"{name}\" (first at {base}.enum[{first}])"
                            ),
                        );
                    }
                }
                None if matches!(v.value, Literal::Int(_) | Literal::UInt(_)) => {
                    sink.push(
                        &path,
                        format!(
                            "integer value {} needs a \"name\" for its generated variant",
                            v.value
                        ),
                    );
                }
                None => {}
            }
        }
    }
    if !c.allowed.is_empty() {
        let mut seen = BTreeSet::new();
        for (i, v) in c.allowed.iter().enumerate() {
            if !literal_fits(v, ty) || ty == "Boolean" || ty == "Float" {
                sink.push(
                    format!("{base}.allowed[{i}]"),
                    format!("{v} is not an allowed-value literal for type {ty}"),
                );
            }
            if !seen.insert(v) {
                sink.push(
                    format!("{base}.allowed[{i}]"),
                    format!("duplicate allowed value {v}"),
                );
            }
        }
    }
    if let Some(r) = &c.range {
        if !is_integer(ty) {
            sink.push(format!("{base}.range"), not_for("range"));
        }
        check_bounds(sink, &format!("{base}.range"), r, "range");
    }
    if let Some(m) = c.multiple_of {
        if !is_integer(ty) {
            sink.push(format!("{base}.multiple_of"), not_for("multiple_of"));
        }
        if m <= 0 {
            sink.push(
                format!("{base}.multiple_of"),
                format!("step {m} must be at least 1"),
            );
        }
    }
    if let Some(l) = &c.length {
        if ty != "String" {
            sink.push(format!("{base}.length"), not_for("length"));
        }
        if l.min.is_some_and(|m| m < 0) || l.max.is_some_and(|m| m < 0) {
            sink.push(format!("{base}.length"), "a length cannot be negative");
        }
        check_bounds(sink, &format!("{base}.length"), l, "length");
    }
    if let Some(cs) = &c.charset {
        if ty != "String" {
            sink.push(format!("{base}.charset"), not_for("charset"));
        }
        if cs.classes.is_empty() && cs.chars.is_empty() {
            sink.push(format!("{base}.charset"), "needs classes, chars or both");
        }
    }
    if let Some(p) = &c.prefix {
        if ty != "String" {
            sink.push(format!("{base}.prefix"), not_for("prefix"));
        }
        if p.is_empty() {
            sink.push(format!("{base}.prefix"), "must not be empty");
        }
    }
    if !c.password.is_empty() && ty != "String" {
        sink.push(format!("{base}.password"), not_for("password"));
    }
    for (i, v) in c.password.iter().enumerate() {
        let path = format!("{base}.password[{i}]");
        check_bounds(sink, &format!("{path}.length"), &v.length, "length");
        if v.classes.is_empty() && v.specials.is_empty() {
            sink.push(&path, "needs classes, specials or both");
        }
        if v.min_kinds.is_some_and(|k| !(1..=4).contains(&k)) {
            sink.push(
                format!("{path}.min_kinds"),
                "must be between 1 and 4 (lowercase, uppercase, digits, specials)",
            );
        }
    }
}

/// A draft's review is consistent: an accepted draft's constraints were
/// copied into the curated ones, a rejection says why.
pub(super) fn check_draft(sink: &mut Sink<'_>, path: &str, f: &Field) {
    let Some(review) = f
        .draft
        .as_ref()
        .and_then(|d| d.review.as_ref().map(|r| (d, r)))
    else {
        return;
    };
    let (draft, review) = review;
    match review.decision {
        Decision::Rejected if review.why.as_deref().is_none_or(|w| w.trim().is_empty()) => {
            sink.push(
                format!("{path}.draft.review.why"),
                "a rejected draft says why",
            );
        }
        Decision::Accepted if draft.constrains() && f.constraints.is_empty() => {
            sink.push(
                format!("{path}.draft.review"),
                "accepted, but the member has no constraints: accept with `cargo xtask constraints review`",
            );
        }
        _ => {}
    }
}

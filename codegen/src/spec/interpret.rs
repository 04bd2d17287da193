//! A reference validator that reads the spec directly and checks raw JSON.
//!
//! The spec checker uses it to prove each documented example against its own
//! spec; the test suite compares it with the generated validators, so the two
//! implementations of the same rules keep each other honest.

use std::collections::BTreeMap;

use serde_json::Value;

use super::model::*;
use super::PRIMITIVES;

/// One violation found by the reference validator.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    /// Wire path, e.g. `DBNodeSet[1].Role`.
    pub path: String,
    /// Rule kind: `required`, `type`, `unknown_parameter`, `enum`, `allowed`,
    /// `range`, `multiple_of`, `length`, `charset`, `prefix`, `password`,
    /// `exactly_one_of`, `required_if`.
    pub rule: &'static str,
}

/// Checks a request body against an action's parameters and rules.
pub fn validate_request(
    body: &Value,
    action: &ActionSpec,
    structures: &BTreeMap<&str, &StructureSpec>,
) -> Vec<Violation> {
    let mut out = Vec::new();
    let Some(obj) = body.as_object() else {
        out.push(Violation {
            path: String::new(),
            rule: "type",
        });
        return out;
    };
    check_object(obj, &action.parameters, "", structures, &mut out);
    for rule in &action.rules {
        check_rule(obj, rule, &action.parameters, &mut out);
    }
    out
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

fn check_object(
    obj: &serde_json::Map<String, Value>,
    fields: &[Field],
    prefix: &str,
    structures: &BTreeMap<&str, &StructureSpec>,
    out: &mut Vec<Violation>,
) {
    // A disabled member has no generated field: sending it is an unknown parameter.
    for key in obj.keys() {
        if !fields.iter().any(|f| &f.name == key && !f.disabled) {
            out.push(Violation {
                path: join(prefix, key),
                rule: "unknown_parameter",
            });
        }
    }
    for f in fields.iter().filter(|f| !f.disabled) {
        let path = join(prefix, &f.name);
        // `""` for a number or a boolean reads as no value, as the SDK reads it.
        let value = obj
            .get(&f.name)
            .filter(|v| !(is_scalar(&f.ty) && !f.array && v.as_str() == Some("")));
        match value {
            None | Some(Value::Null) => {
                if f.required {
                    out.push(Violation {
                        path,
                        rule: "required",
                    });
                }
            }
            Some(Value::Array(items)) if f.array => {
                for (i, item) in items.iter().enumerate() {
                    check_value(item, f, &format!("{path}[{i}]"), structures, out);
                }
            }
            Some(_) if f.array => out.push(Violation { path, rule: "type" }),
            Some(v) => check_value(v, f, &path, structures, out),
        }
    }
}

fn check_value(
    v: &Value,
    f: &Field,
    path: &str,
    structures: &BTreeMap<&str, &StructureSpec>,
    out: &mut Vec<Violation>,
) {
    if !PRIMITIVES.contains(&f.ty.as_str()) {
        match (v.as_object(), structures.get(f.ty.as_str())) {
            (Some(obj), Some(st)) => check_object(obj, &st.fields, path, structures, out),
            _ => out.push(Violation {
                path: path.to_owned(),
                rule: "type",
            }),
        }
        return;
    }
    if f.ty == "Float" {
        // Floats carry no constraints; only the JSON type is checked.
        if float_of(v).is_none() {
            out.push(Violation {
                path: path.to_owned(),
                rule: "type",
            });
        }
        return;
    }
    // A secret is read strictly: a number typed into a password is refused
    // without being quoted back.
    let lit = to_literal(v, &f.ty).filter(|_| !f.sensitive || v.is_string());
    let Some(lit) = lit else {
        out.push(Violation {
            path: path.to_owned(),
            rule: "type",
        });
        return;
    };
    for rule in literal_violations(&lit, &f.constraints) {
        out.push(Violation {
            path: path.to_owned(),
            rule,
        });
    }
}

/// A number or a boolean: what the live API also accepts as a string.
pub(super) fn is_scalar(ty: &str) -> bool {
    matches!(ty, "Integer" | "UInt64" | "Float" | "Boolean")
}

/// The value as a literal of `ty`, read as leniently as the SDK's wire
/// reader (`tencentcloud_sdk_core::wire::Scalar`) reads JSON: numbers and
/// booleans also from strings (`"20"`, `" true"`), strings also from
/// numbers and booleans, integers also from whole floats, booleans also
/// from 0 and 1.
pub(super) fn to_literal(v: &Value, ty: &str) -> Option<Literal> {
    match (ty, v) {
        ("String", Value::String(s)) => Some(Literal::Str(s.clone())),
        ("String", Value::Number(_) | Value::Bool(_)) => Some(Literal::Str(v.to_string())),
        ("Integer", _) => integer_of(v).map(Literal::Int),
        ("UInt64", _) => {
            unsigned_of(v).map(|u| i64::try_from(u).map_or(Literal::UInt(u), Literal::Int))
        }
        ("Boolean", Value::Bool(b)) => Some(Literal::Bool(*b)),
        ("Boolean", Value::String(s)) => {
            let s = s.trim();
            if s.eq_ignore_ascii_case("true") {
                Some(Literal::Bool(true))
            } else if s.eq_ignore_ascii_case("false") {
                Some(Literal::Bool(false))
            } else {
                None
            }
        }
        ("Boolean", Value::Number(n)) => match n.as_u64() {
            Some(0) => Some(Literal::Bool(false)),
            Some(1) => Some(Literal::Bool(true)),
            _ => None,
        },
        _ => None,
    }
}

fn integer_of(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && (-9.2e18..9.2e18).contains(f))
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn unsigned_of(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && (0.0..1.8e19).contains(f))
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub(super) fn float_of(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok().filter(|f: &f64| f.is_finite()),
        _ => None,
    }
}

/// The first constraint a literal breaks, in words; `None` when it meets all.
pub fn literal_violation(lit: &Literal, c: &Constraints) -> Option<String> {
    literal_violations(lit, c)
        .first()
        .map(|rule| format!("breaks `{rule}`"))
}

/// Every constraint kind a single value breaks.
pub fn literal_violations(lit: &Literal, c: &Constraints) -> Vec<&'static str> {
    let mut out = Vec::new();
    if !c.enum_values.is_empty() && !c.enum_values.iter().any(|e| &e.value == lit) {
        out.push("enum");
    }
    if !c.allowed.is_empty() && !c.allowed.contains(lit) {
        out.push("allowed");
    }
    if let Literal::UInt(_) = lit {
        // Above i64::MAX: beyond any maximum; never a multiple of a step
        // check's concern (steps are small), so only the range applies.
        if c.range.is_some_and(|r| r.max.is_some()) {
            out.push("range");
        }
    }
    if let Literal::Int(n) = lit {
        if let Some(r) = &c.range {
            if r.min.is_some_and(|m| *n < m) || r.max.is_some_and(|m| *n > m) {
                out.push("range");
            }
        }
        if let Some(step) = c.multiple_of {
            if step > 0 && n % step != 0 {
                out.push("multiple_of");
            }
        }
    }
    if let Literal::Str(s) = lit {
        if let Some(l) = &c.length {
            let len = s.chars().count() as i64;
            if l.min.is_some_and(|m| len < m) || l.max.is_some_and(|m| len > m) {
                out.push("length");
            }
        }
        if let Some(cs) = &c.charset {
            if !s
                .chars()
                .all(|ch| cs.chars.contains(ch) || cs.classes.iter().any(|k| in_class(*k, ch)))
            {
                out.push("charset");
            }
        }
        if let Some(p) = &c.prefix {
            if !s.starts_with(p.as_str()) {
                out.push("prefix");
            }
        }
        if !c.password.is_empty() && !c.password.iter().any(|v| password_ok(s, v)) {
            out.push("password");
        }
    }
    out
}

/// Whether a character belongs to a class.
pub fn in_class(class: CharClass, ch: char) -> bool {
    match class {
        CharClass::Lowercase => ch.is_ascii_lowercase(),
        CharClass::Uppercase => ch.is_ascii_uppercase(),
        CharClass::Letters => ch.is_ascii_alphabetic(),
        CharClass::Digits => ch.is_ascii_digit(),
        CharClass::Chinese => matches!(ch, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}'),
    }
}

fn password_ok(s: &str, v: &PasswordVariant) -> bool {
    let len = s.chars().count() as i64;
    if v.length.min.is_some_and(|m| len < m) || v.length.max.is_some_and(|m| len > m) {
        return false;
    }
    if s.chars().next().is_some_and(|c| v.not_first.contains(c)) {
        return false;
    }
    if !s
        .chars()
        .all(|ch| v.specials.contains(ch) || v.classes.iter().any(|k| in_class(*k, ch)))
    {
        return false;
    }
    if let Some(min) = v.min_kinds {
        let kinds = [
            s.chars().any(|c| c.is_ascii_lowercase()),
            s.chars().any(|c| c.is_ascii_uppercase()),
            s.chars().any(|c| c.is_ascii_digit()),
            s.chars().any(|c| v.specials.contains(c)),
        ];
        if (kinds.iter().filter(|k| **k).count() as u32) < min {
            return false;
        }
    }
    true
}

fn present(obj: &serde_json::Map<String, Value>, name: &str) -> bool {
    obj.get(name).is_some_and(|v| !v.is_null())
}

/// Whether a rule's condition holds; an absent parameter takes its default.
fn condition_holds(
    obj: &serde_json::Map<String, Value>,
    when: &Condition,
    params: &[Field],
) -> bool {
    if let Some(p) = when.present {
        return present(obj, &when.parameter) == p;
    }
    let Some(expected) = &when.equals else {
        return false;
    };
    let field = params.iter().find(|f| f.name == when.parameter);
    match obj.get(&when.parameter).filter(|v| !v.is_null()) {
        Some(v) => field.and_then(|f| to_literal(v, &f.ty)).as_ref() == Some(expected),
        None => field.and_then(|f| f.default.as_ref()) == Some(expected),
    }
}

fn check_rule(
    obj: &serde_json::Map<String, Value>,
    rule: &Rule,
    params: &[Field],
    out: &mut Vec<Violation>,
) {
    let Some(first) = rule.parameters.first() else {
        return;
    };
    match rule.kind {
        RuleKind::ExactlyOneOf => {
            let count = rule.parameters.iter().filter(|p| present(obj, p)).count();
            if count != 1 {
                out.push(Violation {
                    path: first.clone(),
                    rule: "exactly_one_of",
                });
            }
        }
        RuleKind::RequiredIf => {
            if rule
                .when
                .as_ref()
                .is_some_and(|w| condition_holds(obj, w, params))
            {
                for p in rule.parameters.iter().filter(|p| !present(obj, p)) {
                    out.push(Violation {
                        path: p.clone(),
                        rule: "required_if",
                    });
                }
            }
        }
        RuleKind::ConstraintsIf => {
            let (Some(when), Some(c)) = (&rule.when, &rule.constraints) else {
                return;
            };
            if !condition_holds(obj, when, params) {
                return;
            }
            let field = params.iter().find(|f| &f.name == first);
            let Some((f, v)) = field.zip(obj.get(first)) else {
                return;
            };
            let elements: Vec<(String, &Value)> = match (f.array, v) {
                (true, Value::Array(items)) => items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (format!("{first}[{i}]"), x))
                    .collect(),
                (true, _) => Vec::new(),
                (false, x) => vec![(first.clone(), x)],
            };
            for (path, x) in elements {
                if let Some(lit) = to_literal(x, &f.ty) {
                    for r in literal_violations(&lit, c) {
                        out.push(Violation {
                            path: path.clone(),
                            rule: r,
                        });
                    }
                }
            }
        }
    }
}

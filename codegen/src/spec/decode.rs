//! A reference decoder of responses that reads the spec directly.
//!
//! It applies the rules the SDK's typed decoding applies
//! (`tencentcloud_sdk_core::wire`): numbers and booleans also from strings,
//! `""` for no value, strings also from numbers and booleans, a missing or null required output read as its default,
//! members the spec does not know skipped. Each deviation is reported the
//! way the SDK records it (a correction with its wire path), and what the
//! typed decoding could not read at all is an error. The test over every
//! official example uses it for services whose crates are not built, and
//! compares it with the generated decoders where they are.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::interpret::{float_of, is_scalar, to_literal};
use super::model::*;

/// What decoding one response found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decoded {
    /// The `Response` object as the typed response holds it: known members
    /// only, corrected values, no absent members.
    pub value: Value,
    /// `(wire path, what)` of each correction.
    pub corrections: Vec<(String, String)>,
    /// Wire paths of members the spec does not know (skipped).
    pub unknown: Vec<String>,
    /// `(wire path, what)` of what the typed decoding cannot read.
    pub errors: Vec<(String, String)>,
    /// The answer is the service's error, not the outputs.
    pub is_error: bool,
}

/// Decodes a response body (`{"Response": {...}}`) of `action`.
pub fn decode_response(
    body: &Value,
    action: &ActionSpec,
    structures: &BTreeMap<&str, &StructureSpec>,
) -> Decoded {
    let mut out = Decoded::default();
    let Some(resp) = body.get("Response").and_then(Value::as_object) else {
        out.errors.push((
            String::new(),
            "the envelope has no \"Response\" object".to_owned(),
        ));
        return out;
    };
    if let Some(error) = resp.get("Error") {
        out.is_error = true;
        out.value = decode_error(error, resp, &mut out);
        return out;
    }
    let mut kept = Map::new();
    for (key, v) in resp {
        let output = action
            .outputs
            .iter()
            .find(|o| &o.name == key && !o.disabled);
        let Some(o) = output else {
            out.unknown.push(key.clone());
            continue;
        };
        let member = Member {
            ty: &o.ty,
            array: o.array,
        };
        if let Some(v) = member.decode(v, key, structures, &mut out) {
            kept.insert(key.clone(), v);
        }
    }
    for o in action.outputs.iter().filter(|o| !o.disabled) {
        let optional = o.may_be_absent || o.nullable;
        if !optional && !kept.contains_key(&o.name) {
            out.corrections.push((
                o.name.clone(),
                "missing or null though required; read as its default".to_owned(),
            ));
        }
    }
    out.value = Value::Object(kept);
    out
}

/// The `Error` object: `Code` and `Message` strings; the RequestId beside it.
fn decode_error(error: &Value, resp: &Map<String, Value>, out: &mut Decoded) -> Value {
    let mut kept = Map::new();
    for (name, v) in [
        ("Code", error.get("Code")),
        ("Message", error.get("Message")),
    ] {
        match v {
            Some(Value::String(s)) => {
                kept.insert(name.to_owned(), Value::String(s.clone()));
            }
            Some(Value::Null) | None => {}
            Some(_) => out
                .errors
                .push((format!("Error.{name}"), "expected a string".to_owned())),
        }
    }
    if kept.get("Code").is_none() {
        out.errors
            .push(("Error.Code".to_owned(), "missing".to_owned()));
    }
    let mut value = Map::new();
    value.insert("Error".to_owned(), Value::Object(kept));
    if let Some(Value::String(id)) = resp.get("RequestId") {
        value.insert("RequestId".to_owned(), Value::String(id.clone()));
    }
    Value::Object(value)
}

/// A member's declared type.
struct Member<'a> {
    ty: &'a str,
    array: bool,
}

impl Member<'_> {
    /// The value as read, or `None` when it reads as absent.
    fn decode(
        &self,
        v: &Value,
        path: &str,
        structures: &BTreeMap<&str, &StructureSpec>,
        out: &mut Decoded,
    ) -> Option<Value> {
        if v.is_null() {
            return None;
        }
        if !self.array {
            return decode_one(v, self.ty, path, structures, out);
        }
        let Value::Array(items) = v else {
            out.errors.push((
                path.to_owned(),
                format!("expected an array, got {}", kind(v)),
            ));
            return None;
        };
        let mut kept = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let at = format!("{path}[{i}]");
            let errors = out.errors.len();
            match decode_one(item, self.ty, &at, structures, out) {
                Some(x) => kept.push(x),
                // A list has no holes: the typed decoding fails here.
                None if out.errors.len() == errors => {
                    out.errors.push((at, "an element with no value".to_owned()));
                }
                None => {}
            }
        }
        Some(Value::Array(kept))
    }
}

fn decode_one(
    v: &Value,
    ty: &str,
    path: &str,
    structures: &BTreeMap<&str, &StructureSpec>,
    out: &mut Decoded,
) -> Option<Value> {
    if v.is_null() {
        return None;
    }
    if ty == "String" {
        return match v {
            Value::String(_) => Some(v.clone()),
            Value::Number(_) | Value::Bool(_) => {
                out.corrections
                    .push((path.to_owned(), format!("{v} read as a string")));
                Some(Value::String(v.to_string()))
            }
            _ => {
                out.errors.push((
                    path.to_owned(),
                    format!("expected a string, got {}", kind(v)),
                ));
                None
            }
        };
    }
    if is_scalar(ty) {
        return decode_scalar(v, ty, path, out);
    }
    let Some(s) = structures.get(ty) else {
        out.errors.push((
            path.to_owned(),
            format!("structure {ty} is not in the spec"),
        ));
        return None;
    };
    let Value::Object(obj) = v else {
        out.errors.push((
            path.to_owned(),
            format!("expected an object ({ty}), got {}", kind(v)),
        ));
        return None;
    };
    let mut kept = Map::new();
    for (key, x) in obj {
        let at = format!("{path}.{key}");
        let Some(f) = s.fields.iter().find(|f| &f.name == key && !f.disabled) else {
            out.unknown.push(at);
            continue;
        };
        let member = Member {
            ty: &f.ty,
            array: f.array,
        };
        if let Some(x) = member.decode(x, &at, structures, out) {
            kept.insert(key.clone(), x);
        }
    }
    Some(Value::Object(kept))
}

/// A number or boolean as the SDK reads it; a correction when it was not
/// written as the declared JSON type.
fn decode_scalar(v: &Value, ty: &str, path: &str, out: &mut Decoded) -> Option<Value> {
    if v.as_str() == Some("") {
        out.corrections.push((
            path.to_owned(),
            "an empty string read as no value".to_owned(),
        ));
        return None;
    }
    let read = if ty == "Float" {
        match v {
            Value::Number(_) => Some(v.clone()),
            _ => float_of(v).map(Value::from),
        }
    } else {
        to_literal(v, ty).map(|lit| match lit {
            Literal::Int(i) => Value::from(i),
            Literal::UInt(u) => Value::from(u),
            Literal::Bool(b) => Value::Bool(b),
            Literal::Str(s) => Value::String(s),
        })
    };
    let Some(read) = read else {
        out.errors.push((
            path.to_owned(),
            format!("{} is not {}", short(v), expecting(ty)),
        ));
        return None;
    };
    let exact = match ty {
        "Integer" => v.is_i64(),
        "UInt64" => v.is_u64(),
        "Float" => v.is_number(),
        _ => v.is_boolean(),
    };
    if !exact {
        out.corrections.push((
            path.to_owned(),
            format!("{} read as {}", short(v), expecting(ty)),
        ));
    }
    Some(read)
}

fn expecting(ty: &str) -> &'static str {
    match ty {
        "Integer" => "an integer",
        "UInt64" => "an unsigned integer",
        "Float" => "a number",
        _ => "a boolean",
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The value in at most 40 characters, for a report.
fn short(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}...", &text[..i]),
        None => text,
    }
}

#[cfg(test)]
mod tests;

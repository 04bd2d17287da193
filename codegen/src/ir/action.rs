//! The IR of one action: its request (with rules), response, error codes
//! and default answer.

use std::collections::BTreeMap;

use super::*;
use crate::spec::{Condition, Rule};

pub(super) fn build_action(
    set: &SpecSet,
    a: ActionSpec,
    file: &str,
    structures: &BTreeMap<&str, &StructureSpec>,
    service_errors: &str,
) -> ActionIr {
    let name = names::type_name(&a.name);
    let mut request = build_struct(
        &format!("{name}Request"),
        &a.description,
        &a.parameters,
        structures,
        "",
        true,
        None,
    );
    request.rules = a.rules.iter().map(|r| rule_ir(r, &a, &request)).collect();
    let response = ResponseIr {
        name: format!("{name}Response"),
        fields: a
            .outputs
            .iter()
            .filter(|o| !o.disabled)
            .map(|o| OutputIr {
                wire: o.name.clone(),
                rust: rust_field(&o.name, o.rust_name.as_ref()),
                ty: map_type(&o.ty, structures),
                array: o.array,
                optional: o.may_be_absent || o.nullable,
                description: o.description.clone(),
                format: o.format,
                deprecated: o.deprecated,
                sensitive: o.sensitive && o.ty == "String",
            })
            .collect(),
    };
    let errors = action_errors(set, &a, &name);
    let example_response = a
        .example_response()
        .map(|r| r.to_string())
        .unwrap_or_else(|| synthesized_response(&response.fields).to_string());
    let mut action = ActionIr {
        pagination: None,
        module: names::field_name(&a.name),
        method: names::field_name(&a.name),
        file: file.to_owned(),
        description: a.description,
        title: a.title,
        source: a.source.map(|s| (s.url, s.last_updated)),
        rate_limit: a.rate_limit_per_second.unwrap_or(0),
        purchase: a.purchase.map(|p| (p.check, p.ids)),
        deprecated: a.deprecated,
        skip_sign: a.skip_sign,
        region_required: a.region_required,
        regions: a.regions,
        request,
        response,
        error_type: errors
            .as_ref()
            .map_or_else(|| service_errors.to_owned(), |e| e.name.clone()),
        errors,
        example_response,
        name,
    };
    action.pagination = a
        .pagination
        .as_ref()
        .and_then(|p| flows::pagination(p, &action));
    action
}

/// A cross-field rule of action `a`, its condition resolved against the
/// request's fields and enums.
fn rule_ir(r: &Rule, a: &ActionSpec, request: &StructIr) -> RuleIr {
    RuleIr {
        kind: r.kind,
        fields: r
            .parameters
            .iter()
            .map(|p| (p.clone(), names::field_name(p)))
            .collect(),
        when: r.when.as_ref().map(|w| condition_ir(w, a, request)),
        constraints: r.constraints.clone(),
    }
}

/// A rule's condition: its test on the Rust field and the words that
/// explain it in a violation (`when Period is 1`).
fn condition_ir(w: &Condition, a: &ActionSpec, request: &StructIr) -> CondIr {
    let field = a.parameters.iter().find(|f| f.name == w.parameter);
    let rust = names::field_name(&w.parameter);
    let (text, test) = match (&w.equals, w.present) {
        (Some(v), _) => {
            let enum_field = request.fields.iter().find(|f| f.wire == w.parameter);
            let value = match enum_field.map(|f| &f.ty) {
                Some(TypeIr::Enum { name, .. }) => {
                    let e = request.enums.iter().find(|e| &e.name == name);
                    let variant = e.and_then(|e| e.variants.iter().find(|x| &x.value == v));
                    match variant {
                        Some(var) => CondValue::Variant(name.clone(), var.rust.clone()),
                        None => CondValue::Literal(v.clone()),
                    }
                }
                _ => CondValue::Literal(v.clone()),
            };
            let absent_holds = field.and_then(|f| f.default.as_ref()) == Some(v);
            let meaning = field
                .and_then(|f| f.constraints.enum_values.iter().find(|e| &e.value == v))
                .filter(|e| matches!(e.value, Literal::Int(_)))
                .map(|e| format!(" ({})", e.description))
                .unwrap_or_default();
            (
                format!("when {} is {v}{meaning}", w.parameter),
                CondTest::Equals {
                    value,
                    absent_holds,
                },
            )
        }
        (None, Some(true)) => (
            format!("when {} is set", w.parameter),
            CondTest::Present(true),
        ),
        (None, _) => (
            format!("when {} is not set", w.parameter),
            CondTest::Present(false),
        ),
    };
    CondIr { rust, text, test }
}

/// The action's own error enum, when its spec lists codes: those codes and
/// every common code it does not redefine.
fn action_errors(set: &SpecSet, a: &ActionSpec, name: &str) -> Option<ErrorEnumIr> {
    if a.errors.is_empty() {
        return None;
    }
    let mut codes: Vec<CodeIr> = a.errors.iter().map(|e| CodeIr::of(e, false)).collect();
    codes.extend(
        set.common_errors
            .spec
            .errors
            .iter()
            .filter(|c| !a.errors.iter().any(|e| e.code == c.code))
            .map(|e| CodeIr::of(e, true)),
    );
    codes.sort_by(|x, y| x.code.cmp(&y.code));
    let taken: Vec<String> = codes.iter().map(|c| c.rust.clone()).collect();
    Some(ErrorEnumIr {
        name: format!("{name}ErrorCode"),
        codes,
        fallback: names::fallback_variant(&taken),
    })
}

/// A `Response` object for an action whose spec has no usable example: each
/// output that is always present gets a placeholder of its type (an empty
/// string, zero, false, an empty list, an empty object: a structure's
/// fields are all optional), so that it decodes with the SDK; outputs that
/// may be absent are left out.
fn synthesized_response(outputs: &[OutputIr]) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    for o in outputs.iter().filter(|o| !o.optional) {
        let value = if o.array {
            serde_json::json!([])
        } else if o.wire == "RequestId" {
            serde_json::json!("00000000-0000-0000-0000-000000000000")
        } else {
            match &o.ty {
                TypeIr::String | TypeIr::Enum { int: false, .. } => serde_json::json!(""),
                TypeIr::Integer | TypeIr::UInt64 | TypeIr::Enum { int: true, .. } => {
                    serde_json::json!(0)
                }
                TypeIr::Float => serde_json::json!(0.0),
                TypeIr::Boolean => serde_json::json!(false),
                TypeIr::Struct(_) => serde_json::json!({}),
            }
        };
        object.insert(o.wire.clone(), value);
    }
    serde_json::Value::Object(object)
}

//! Every documented example, driven from the spec through the generated
//! registry: requests deserialize, validate exactly as the spec records, and
//! serialize back to equivalent JSON; responses deserialize and round-trip.

use integration_tests::{curated_spec, read_as_written};
use tencentcloud_sdk::registry;

fn spec() -> codegen::spec::SpecSet {
    curated_spec()
}

#[test]
fn registry_lists_exactly_the_spec_actions() {
    let set = spec();
    let mut from_spec: Vec<(String, String, String)> = Vec::new();
    for ((service, version), sv) in &set.services {
        for name in sv.actions.keys() {
            from_spec.push((service.clone(), version.clone(), name.clone()));
        }
    }
    let from_registry: Vec<(String, String, String)> = registry::actions()
        .map(|a| (a.service.into(), a.version.into(), a.name.into()))
        .collect();
    assert_eq!(from_registry, from_spec);
    for ((service, version), sv) in &set.services {
        for (name, action) in &sv.actions {
            let entry = registry::find(service, version, name).expect("entry");
            assert_eq!(
                entry.rate_limit_per_second,
                action.spec.rate_limit_per_second.unwrap_or(0)
            );
        }
    }
}

/// Violations the typed request cannot hold: the body does not deserialize.
fn breaks_the_type(ex: &codegen::spec::Example) -> bool {
    ex.expected_violations
        .iter()
        .any(|v| v.rule == "type" || v.rule == "unknown_parameter")
}

#[test]
fn request_examples_validate_as_recorded_and_round_trip() {
    let set = spec();
    let mut seen = 0;
    let mut page_examples = 0;
    for ((service, version), sv) in &set.services {
        for (name, action) in &sv.actions {
            let entry = registry::find(service, version, name).expect("entry");
            for (i, ex) in action.spec.examples.iter().enumerate() {
                if !ex.request.is_object() {
                    continue;
                }
                seen += 1;
                page_examples += usize::from(!ex.imported);
                if breaks_the_type(ex) {
                    assert!(
                        (entry.validate_request)(&ex.request).is_err(),
                        "{name} example {i}: a body with {:?} deserialized",
                        ex.expected_violations
                    );
                    continue;
                }
                let verdict = (entry.validate_request)(&ex.request).unwrap_or_else(|e| {
                    panic!("{name} example {i}: request does not deserialize: {e}")
                });
                let mut found: Vec<(String, String)> = match verdict {
                    Ok(()) => Vec::new(),
                    Err(errors) => errors
                        .iter()
                        .map(|v| (v.path().to_owned(), v.rule().as_str().to_owned()))
                        .collect(),
                };
                found.sort();
                let mut expected: Vec<(String, String)> = ex
                    .expected_violations
                    .iter()
                    .map(|v| (v.path.clone(), v.rule.clone()))
                    .collect();
                expected.sort();
                assert_eq!(
                    found, expected,
                    "{name} example {i}: violations differ from the spec's record"
                );

                let back = (entry.roundtrip_request)(&ex.request).expect("round trip");
                assert!(
                    read_as_written(&back, &without_nulls(&ex.request)),
                    "{name} example {i}: request does not round-trip: {back} != {}",
                    ex.request
                );
            }
        }
    }
    assert_eq!(page_examples, 2, "both pages have one example each");
    assert!(seen >= page_examples);
}

#[test]
fn response_examples_deserialize_and_round_trip() {
    let set = spec();
    for ((service, version), sv) in &set.services {
        let structures: std::collections::BTreeMap<&str, &codegen::spec::StructureSpec> = sv
            .structures
            .iter()
            .map(|(k, v)| (k.as_str(), &v.spec))
            .collect();
        for (name, action) in &sv.actions {
            let outputs: Vec<(&str, &str, bool)> = action
                .spec
                .outputs
                .iter()
                .map(|o| (o.name.as_str(), o.ty.as_str(), o.disabled))
                .collect();
            let entry = registry::find(service, version, name).expect("entry");
            for (i, ex) in action.spec.examples.iter().enumerate() {
                let inner = &ex.response["Response"];
                let reference =
                    codegen::spec::decode::decode_response(&ex.response, &action.spec, &structures);
                if ex.response.is_string() || inner.get("Error").is_some() {
                    continue;
                }
                let back = (entry.roundtrip_response)(inner);
                if !reference.errors.is_empty() {
                    // The reference decoder and the generated one refuse alike.
                    assert!(back.is_err(), "{name} example {i}: {:?}", reference.errors);
                    continue;
                }
                let back = back.unwrap_or_else(|e| {
                    panic!("{name} example {i}: response does not deserialize: {e}")
                });
                // What the generated decoder read is what the reference read,
                // plus the defaults of required members that were missing.
                let mut defaulted = back.clone();
                for (path, _) in reference
                    .corrections
                    .iter()
                    .filter(|(p, _)| !p.contains(['.', '[']))
                {
                    if reference.value.get(path).is_none() {
                        defaulted.as_object_mut().expect("object").remove(path);
                    }
                }
                assert!(
                    read_as_written(&defaulted, &reference.value),
                    "{name} example {i}: generated {back} != reference {}",
                    reference.value
                );
                // A disabled member has no field: it is read and dropped.
                let expected = without_disabled(&without_nulls(inner), &outputs, &structures);
                assert!(
                    read_as_written(&back, &expected),
                    "{name} example {i}: response does not round-trip: {back} != {inner}"
                );
            }
        }
    }
}

/// The spec's reference validator and the generated validators agree on the
/// examples (the mutation tests in `mutations.rs` compare them further).
#[test]
fn reference_validator_agrees_on_examples() {
    let set = spec();
    for ((service, version), sv) in &set.services {
        let structures = sv
            .structures
            .iter()
            .map(|(k, v)| (k.as_str(), &v.spec))
            .collect();
        for (name, action) in &sv.actions {
            let entry = registry::find(service, version, name).expect("entry");
            for ex in action
                .spec
                .examples
                .iter()
                .filter(|e| e.request.is_object() && !breaks_the_type(e))
            {
                let mut reference: Vec<(String, &str)> =
                    codegen::spec::interpret::validate_request(
                        &ex.request,
                        &action.spec,
                        &structures,
                    )
                    .into_iter()
                    .map(|v| (v.path, v.rule))
                    .collect();
                reference.sort();
                let mut generated: Vec<(String, &str)> =
                    match (entry.validate_request)(&ex.request).expect("deserializes") {
                        Ok(()) => Vec::new(),
                        Err(e) => e
                            .iter()
                            .map(|v| (v.path().to_owned(), v.rule().as_str()))
                            .collect(),
                    };
                generated.sort();
                assert_eq!(reference, generated, "{name}");
            }
        }
    }
}

/// A response with `null` members removed: an absent optional field
/// serializes as absent, not as `null`.
fn without_nulls(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// `v` without the members the spec marks disabled, at any depth.
/// `members`: `(wire name, type, disabled)` of the object's members.
fn without_disabled(
    v: &serde_json::Value,
    members: &[(&str, &str, bool)],
    structures: &std::collections::BTreeMap<&str, &codegen::spec::StructureSpec>,
) -> serde_json::Value {
    use serde_json::Value;
    let nested = |ty: &str, x: &Value| -> Value {
        let Some(st) = structures.get(ty) else {
            return x.clone();
        };
        let fields: Vec<(&str, &str, bool)> = st
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.ty.as_str(), f.disabled))
            .collect();
        match x {
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|i| without_disabled(i, &fields, structures))
                    .collect(),
            ),
            other => without_disabled(other, &fields, structures),
        }
    };
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter_map(|(k, x)| match members.iter().find(|(n, _, _)| n == k) {
                    Some((_, _, true)) => None,
                    Some((_, ty, false)) => Some((k.clone(), nested(ty, x))),
                    None => Some((k.clone(), x.clone())),
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// What the mock answers by default for every action (the spec's example
/// response, or one synthesized from the outputs when the spec has no usable
/// example) decodes with the SDK's typed response.
#[test]
fn every_action_s_default_answer_decodes_with_the_sdk() {
    let mut synthesized = 0;
    let mut count = 0;
    for entry in registry::actions() {
        count += 1;
        let answer: serde_json::Value = serde_json::from_str(entry.example_response)
            .unwrap_or_else(|e| panic!("{} {}: not JSON: {e}", entry.service, entry.name));
        if answer.get("RequestId")
            == Some(&serde_json::json!("00000000-0000-0000-0000-000000000000"))
        {
            synthesized += 1;
        }
        (entry.roundtrip_response)(&answer).unwrap_or_else(|e| {
            panic!(
                "{} {} {}: the default answer does not decode: {e}\n{answer}",
                entry.service, entry.version, entry.name
            )
        });
    }
    assert!(count > 0);
    // Redis has actions whose description carries no example.
    assert!(synthesized > 0, "no action needed a synthesized answer");
}

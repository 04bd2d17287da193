//! Every documented example, driven from the spec through the generated
//! registry: requests deserialize, validate exactly as the spec records, and
//! serialize back to equivalent JSON; responses deserialize and round-trip.

use integration_tests::spec_root;
use tencentcloud_sdk::registry;

fn spec() -> codegen::spec::SpecSet {
    codegen::spec::load(&spec_root()).unwrap_or_else(|p| panic!("{p}"))
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
    let from_registry: Vec<(String, String, String)> = registry::ACTIONS
        .iter()
        .map(|a| (a.service.into(), a.version.into(), a.name.into()))
        .collect();
    assert_eq!(from_registry, from_spec);
    for ((service, version), sv) in &set.services {
        for (name, action) in &sv.actions {
            let entry = registry::find(service, version, name).expect("entry");
            assert_eq!(
                entry.rate_limit_per_second,
                action.spec.rate_limit_per_second
            );
        }
    }
}

#[test]
fn request_examples_validate_as_recorded_and_round_trip() {
    let set = spec();
    let mut seen = 0;
    for ((service, version), sv) in &set.services {
        for (name, action) in &sv.actions {
            let entry = registry::find(service, version, name).expect("entry");
            for (i, ex) in action.spec.examples.iter().enumerate() {
                seen += 1;
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
                assert_eq!(
                    back, ex.request,
                    "{name} example {i}: request does not round-trip"
                );
            }
        }
    }
    assert_eq!(seen, 2, "both pages have one example each");
}

#[test]
fn response_examples_deserialize_and_round_trip() {
    let set = spec();
    for ((service, version), sv) in &set.services {
        for (name, action) in &sv.actions {
            let entry = registry::find(service, version, name).expect("entry");
            for (i, ex) in action.spec.examples.iter().enumerate() {
                let inner = &ex.response["Response"];
                let back = (entry.roundtrip_response)(inner).unwrap_or_else(|e| {
                    panic!("{name} example {i}: response does not deserialize: {e}")
                });
                assert_eq!(
                    &back, inner,
                    "{name} example {i}: response does not round-trip"
                );
            }
        }
    }
}

/// The spec's reference validator and the generated validators agree on the
/// examples (the mutation tests in `validation.rs` compare them further).
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
            for ex in &action.spec.examples {
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

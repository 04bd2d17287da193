//! Spec-driven mutation test over `api-spec/`: every constraint and rule is
//! broken once, and the generated validators must agree exactly with the
//! spec's reference validator (see `mutation_engine.rs`).

use integration_tests::{curated_spec, mutation_engine, valid_request};
use serde_json::Value;
use tencentcloud_sdk::registry;

/// Whether any field, or any field of a structure reachable from them,
/// carries constraints.
fn constrained(
    fields: &[codegen::spec::Field],
    structures: &std::collections::BTreeMap<&str, &codegen::spec::StructureSpec>,
) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    let mut todo: Vec<&[codegen::spec::Field]> = vec![fields];
    while let Some(list) = todo.pop() {
        for f in list {
            if !f.constraints.is_empty() {
                return true;
            }
            if let Some(st) = structures.get(f.ty.as_str()) {
                if seen.insert(f.ty.as_str()) {
                    todo.push(&st.fields);
                }
            }
        }
    }
    false
}

#[test]
fn every_constraint_and_rule_rejects_and_validators_agree() {
    let set = curated_spec();
    let mut total = 0;
    let mut mutated = Vec::new();
    let mut without_base = Vec::new();
    for ((service, version), sv) in &set.services {
        let structures = sv
            .structures
            .iter()
            .map(|(k, v)| (k.as_str(), &v.spec))
            .collect();
        // Only actions with something to break (a constraint or a rule, which a
        // curator adds) are mutated, from a valid base request: a page's
        // (tests/support.rs) or an example that validates cleanly.
        for (name, action) in sv.actions.iter().filter(|(_, a)| {
            !a.spec.rules.is_empty() || constrained(&a.spec.parameters, &structures)
        }) {
            let base = if action.spec.source.is_some() {
                valid_request(name)
            } else {
                let clean = action.spec.examples.iter().find(|e| {
                    e.unchecked.is_none()
                        && e.expected_violations.is_empty()
                        && e.request.as_object().is_some_and(|o| !o.is_empty())
                });
                match clean {
                    Some(e) => e.request.clone(),
                    None => {
                        without_base.push(name.as_str());
                        continue;
                    }
                }
            };
            let entry = registry::find(service, version, name).expect("entry");
            let generated = |body: &Value| -> Vec<(String, String)> {
                match (entry.validate_request)(body).expect("deserializes") {
                    Ok(()) => Vec::new(),
                    Err(e) => e
                        .iter()
                        .map(|v| (v.path().to_owned(), v.rule().as_str().to_owned()))
                        .collect(),
                }
            };
            total += mutation_engine::run(&action.spec, &structures, &base, &generated);
            mutated.push(name.as_str());
        }
    }
    for page in ["CloneDBInstance", "CloneInstances"] {
        assert!(mutated.contains(&page), "{page} was not mutated");
    }
    println!(
        "{total} mutations over {} actions; no clean example to start from: {without_base:?}",
        mutated.len()
    );
    assert!(
        total >= 50,
        "only {total} mutations checked: the walker skipped part of the spec"
    );
}

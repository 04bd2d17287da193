//! Spec-driven mutation test over `api-spec/`: every constraint and rule is
//! broken once, and the generated validators must agree exactly with the
//! spec's reference validator (see `mutation_engine.rs`).

use integration_tests::{mutation_engine, spec_root, valid_request};
use serde_json::Value;
use tencentcloud_sdk::registry;

#[test]
fn every_constraint_and_rule_rejects_and_validators_agree() {
    let set = codegen::spec::load(&spec_root()).unwrap_or_else(|p| panic!("{p}"));
    let mut total = 0;
    for ((service, version), sv) in &set.services {
        let structures = sv
            .structures
            .iter()
            .map(|(k, v)| (k.as_str(), &v.spec))
            .collect();
        for (name, action) in &sv.actions {
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
            total +=
                mutation_engine::run(&action.spec, &structures, &valid_request(name), &generated);
        }
    }
    assert!(
        total >= 50,
        "only {total} mutations checked: the walker skipped part of the spec"
    );
}

//! `cargo xtask diff` reports: one fixture pair per change class (the base
//! fixture, and the base with the case's operations applied), each report a
//! reviewed snapshot; and a realistic change to a copy of CloneInstances.

use std::fs;
use std::path::Path;

use codegen::diff::{Class, Report};
use integration_tests::{copy_tree, fixture, scratch, spec_root};
use serde_json::Value;

const TMP: &str = env!("CARGO_TARGET_TMPDIR");

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).expect("read")).expect("json")
}

fn write_json(path: &Path, value: &Value) {
    fs::create_dir_all(path.parent().expect("parent")).expect("dir");
    fs::write(
        path,
        serde_json::to_string_pretty(value).expect("json") + "\n",
    )
    .expect("write");
}

/// Applies one operation of a case file to the spec tree at `root`.
fn apply(root: &Path, op: &Value) {
    let file = root.join(op["file"].as_str().expect("file"));
    let pointer = op["pointer"].as_str().unwrap_or_default();
    match op["op"].as_str().expect("op") {
        "delete_file" => fs::remove_file(&file).expect("delete"),
        "copy_file" => {
            let mut value = read_json(&root.join(op["from"].as_str().expect("from")));
            for (p, v) in op["set"].as_object().expect("set") {
                *value.pointer_mut(p).expect("pointer") = v.clone();
            }
            write_json(&file, &value);
        }
        kind => {
            let mut value = read_json(&file);
            match kind {
                "set" => {
                    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
                    let target = value.pointer_mut(parent).expect("parent exists");
                    match target {
                        Value::Object(map) => {
                            map.insert(key.to_owned(), op["value"].clone());
                        }
                        Value::Array(items) => {
                            items[key.parse::<usize>().expect("index")] = op["value"].clone()
                        }
                        _ => panic!("cannot set {pointer}"),
                    }
                }
                "append" => value
                    .pointer_mut(pointer)
                    .and_then(Value::as_array_mut)
                    .expect("array")
                    .push(op["value"].clone()),
                "remove" => {
                    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
                    match value.pointer_mut(parent).expect("parent exists") {
                        Value::Object(map) => {
                            map.remove(key).expect("key exists");
                        }
                        Value::Array(items) => {
                            items.remove(key.parse::<usize>().expect("index"));
                        }
                        _ => panic!("cannot remove {pointer}"),
                    }
                }
                other => panic!("unknown op {other}"),
            }
            write_json(&file, &value);
        }
    }
}

fn load(dir: &Path) -> codegen::spec::SpecSet {
    codegen::spec::load(dir).unwrap_or_else(|p| panic!("{}: {p}", dir.display()))
}

#[test]
fn each_change_class_has_a_reviewed_report() {
    let base = load(&fixture("spec-base"));
    let mut cases: Vec<_> = fs::read_dir(fixture("diff"))
        .expect("cases")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 30);
    for case in cases {
        let name = case
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let dir = scratch(TMP.as_ref(), &format!("diff-{name}"));
        copy_tree(&fixture("spec-base"), &dir);
        for op in read_json(&case)["operations"]
            .as_array()
            .expect("operations")
        {
            apply(&dir, op);
        }
        let report = codegen::diff::diff(&base, &load(&dir), &format!("fixture {name}"));
        assert!(!report.changes.is_empty(), "{name}: no change found");
        insta::assert_snapshot!(format!("diff__{name}"), report.to_markdown());
    }
}

#[test]
fn identical_specs_have_no_changes() {
    let a = load(&spec_root());
    let report = codegen::diff::diff(&a, &a, "same");
    assert!(report.changes.is_empty());
    assert!(!report.has_breaking());
    assert!(report.code.files_changed.is_empty());
}

/// Two optional parameters and one error code added, one output field
/// removed: the report lists all four with the right classes.
#[test]
fn realistic_change_to_clone_instances() {
    let dir = scratch(TMP.as_ref(), "diff-realistic");
    copy_tree(&spec_root(), &dir);
    let file = dir.join("redis/2018-04-12/actions/CloneInstances.json");
    let mut action = read_json(&file);
    let params = action["parameters"].as_array_mut().expect("parameters");
    params.push(serde_json::json!({"name": "DryRun", "type": "Boolean", "required": false, "description": "Checks the request without buying."}));
    params.push(serde_json::json!({"name": "ClientToken", "type": "String", "required": false, "description": "Idempotency token.", "constraints": {"length": {"max": 64}}}));
    action["errors"].as_array_mut().expect("errors").push(serde_json::json!({"code": "FailedOperation.DryRunPassed", "description": "The dry run passed."}));
    action["outputs"]
        .as_array_mut()
        .expect("outputs")
        .retain(|o| o["name"] != "DealId");
    // The page's example and the one the description adds both return it.
    for example in action["examples"].as_array_mut().expect("examples") {
        example["response"]["Response"]
            .as_object_mut()
            .expect("response")
            .remove("DealId");
    }
    write_json(&file, &action);

    let report: Report = codegen::diff::diff(&load(&spec_root()), &load(&dir), "realistic");
    let lines: Vec<(Class, &str)> = report
        .changes
        .iter()
        .map(|c| (c.class, c.change.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (Class::Compatible, "parameter `DryRun` added, optional"),
            (Class::Compatible, "parameter `ClientToken` added, optional"),
            (Class::Breaking, "output `DealId` removed"),
            (
                Class::Compatible,
                "error code `FailedOperation.DryRunPassed` added"
            ),
            (
                Class::Compatible,
                "example \"Example1 Request Example\" changed"
            ),
            (Class::Compatible, "example \"Example\" changed"),
        ]
    );
    assert!(report
        .changes
        .iter()
        .all(|c| c.scope == "redis 2018-04-12" && c.item == "CloneInstances"));
    assert!(report.has_breaking());
    // The service version's registry carries the example response, so the
    // removed field shows there too.
    assert_eq!(
        report.code.files_changed,
        [
            "services/redis/src/v20180412/clone_instances.rs",
            "services/redis/src/v20180412/registry.rs"
        ]
    );
    assert_eq!(
        report.code.items_removed,
        ["redis::v20180412::CloneInstancesResponse::deal_id"]
    );
    assert!(report
        .code
        .items_added
        .contains(&"redis::v20180412::CloneInstancesRequest::dry_run".to_owned()));
    let json: Value = serde_json::to_value(&report).expect("json");
    assert_eq!(json["changes"][2]["class"], "breaking");
    insta::assert_snapshot!("diff__realistic", report.to_markdown());
}

//! `cargo xtask diff` reports: one fixture pair per change class (the base
//! fixture, and the base with the case's operations applied), each report a
//! reviewed snapshot; a realistic change to a copy of CloneInstances; the
//! per-service summary counted against known changes; and the token reader
//! of public items checked against syn.

use std::fs;
use std::path::Path;

use codegen::diff::{Class, Report, Status, Totals};
use integration_tests::{copy_tree, curated_spec, curated_spec_root, fixture, full_spec, scratch};
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
    let a = curated_spec();
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
    copy_tree(&curated_spec_root(TMP.as_ref()), &dir);
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
    // What identifies a purchase can only name outputs that exist.
    action["purchase"]["ids"]
        .as_array_mut()
        .expect("purchase ids")
        .retain(|id| id != "DealId");
    // The page's example and the one the description adds both return it.
    for example in action["examples"].as_array_mut().expect("examples") {
        example["response"]["Response"]
            .as_object_mut()
            .expect("response")
            .remove("DealId");
    }
    write_json(&file, &action);

    let report: Report = codegen::diff::diff(&curated_spec(), &load(&dir), "realistic");
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

/// Sets `pointer` (which must exist) in the JSON file at `path`.
fn set_in(path: &Path, pointer: &str, value: Value) {
    let mut json = read_json(path);
    *json.pointer_mut(pointer).expect("pointer") = value;
    write_json(path, &json);
}

/// Copies the action `from` of a service version folder as `to`.
fn copy_action(version_dir: &Path, from: &str, to: &str) {
    let actions = version_dir.join("actions");
    let mut json = read_json(&actions.join(format!("{from}.json")));
    json["name"] = Value::from(to);
    write_json(&actions.join(format!("{to}.json")), &json);
}

/// The feature fixture with a second action in nested 2020-01-01: the old
/// side of the summary tests.
fn summary_base(name: &str) -> std::path::PathBuf {
    let dir = scratch(TMP.as_ref(), name);
    copy_tree(&fixture("features"), &dir);
    copy_action(
        &dir.join("nested/2020-01-01"),
        "CreateClusters",
        "CreateClustersAgain",
    );
    dir
}

/// Rows of the summary as plain tuples, for one comparison.
fn rows(report: &Report) -> Vec<(&str, &str, &str, [usize; 5])> {
    report
        .summary
        .iter()
        .map(|r| {
            let status = match r.status {
                Status::Changed => "changed",
                Status::Added => "added",
                Status::Removed => "removed",
            };
            let counts = [
                r.breaking,
                r.caution,
                r.compatible,
                r.actions_added,
                r.actions_removed,
            ];
            (r.service.as_str(), r.version.as_str(), status, counts)
        })
        .collect()
}

/// The summary scenario: the old folder, and a new one where four service
/// versions change in four ways (an optional parameter and an error code
/// added; an action removed and another added; a version removed; a version
/// added) and two stay as they were.
fn summary_scenario() -> (std::path::PathBuf, std::path::PathBuf) {
    let old_dir = summary_base("diff-summary-old");
    let new_dir = scratch(TMP.as_ref(), "diff-summary-new");
    copy_tree(&old_dir, &new_dir);
    let set_modes = new_dir.join("enums/2020-01-01/actions/SetModes.json");
    let mut action = read_json(&set_modes);
    action["parameters"].as_array_mut().expect("parameters").push(
        serde_json::json!({"name": "DryRun", "type": "Boolean", "required": false, "description": "Checks only."}),
    );
    action["errors"]
        .as_array_mut()
        .expect("errors")
        .push(serde_json::json!({"code": "LimitExceeded", "description": "Too many."}));
    write_json(&set_modes, &action);
    let nested = new_dir.join("nested/2020-01-01");
    fs::remove_file(nested.join("actions/CreateClustersAgain.json")).expect("delete");
    copy_action(&nested, "CreateClusters", "CreateClustersOnceMore");
    fs::remove_dir_all(new_dir.join("rules")).expect("delete rules");
    copy_tree(
        &new_dir.join("constraints/2020-01-01"),
        &new_dir.join("constraints/2021-01-01"),
    );
    set_in(
        &new_dir.join("constraints/2021-01-01/service.json"),
        "/version",
        Value::from("2021-01-01"),
    );

    (old_dir, new_dir)
}

/// One row per changed service version of [`summary_scenario`], with the
/// counts of their sections, and totals over them.
#[test]
fn summary_counts_each_service_version() {
    let (old_dir, new_dir) = summary_scenario();
    let (old, new) = (load(&old_dir), load(&new_dir));
    let report = codegen::diff::diff(&old, &new, "summary");
    assert_eq!(
        rows(&report),
        [
            ("constraints", "2021-01-01", "added", [0, 0, 1, 1, 0]),
            ("enums", "2020-01-01", "changed", [0, 0, 2, 0, 0]),
            ("nested", "2020-01-01", "changed", [1, 0, 1, 1, 1]),
            ("rules", "2020-01-01", "removed", [1, 0, 0, 0, 1]),
        ]
    );
    // Each row's counts are its section's: the same changes, counted again.
    for r in &report.summary {
        let scope = format!("{} {}", r.service, r.version);
        let count = |class| {
            report
                .changes
                .iter()
                .filter(|c| c.scope == scope && c.class == class)
                .count()
        };
        assert_eq!(
            [r.breaking, r.caution, r.compatible],
            [
                count(Class::Breaking),
                count(Class::Caution),
                count(Class::Compatible)
            ],
            "{scope}"
        );
    }
    assert_eq!(
        report.totals,
        Totals {
            service_versions_changed: 2,
            service_versions_added: 1,
            service_versions_removed: 1,
            breaking: 2,
            caution: 0,
            compatible: 4,
            common_error_changes: 0,
            actions_added: 2,
            actions_removed: 2,
        }
    );
    let markdown = report.to_markdown();
    let summary = "# Spec diff: summary

## Summary

| Service | Version | Status | Breaking | Caution | Compatible | Actions added | Actions removed |
|---|---|---|--:|--:|--:|--:|--:|
| constraints | 2021-01-01 | added | 0 | 0 | 1 | 1 | 0 |
| enums | 2020-01-01 | changed | 0 | 0 | 2 | 0 | 0 |
| nested | 2020-01-01 | changed | 1 | 0 | 1 | 1 | 1 |
| rules | 2020-01-01 | removed | 1 | 0 | 0 | 0 | 1 |

**Totals: 2 service version(s) changed, 1 added, 1 removed; 2 breaking, 0 caution, 4 compatible; 2 action(s) added, 2 removed**

## constraints 2021-01-01
";
    assert_eq!(&markdown[..summary.len().min(markdown.len())], summary);
    let json: Value = serde_json::to_value(&report).expect("json");
    assert_eq!(json["summary"][1]["service"], "enums");
    assert_eq!(json["summary"][1]["compatible"], 2);
    assert_eq!(json["summary"][3]["status"], "removed");
    assert_eq!(json["totals"]["actions_removed"], 2);
    assert_eq!(json["changes"].as_array().map(Vec::len), Some(6));

    // Only the changed services were generated; the impact is the one of
    // generating both sides whole.
    let whole = |set| codegen::generate_from(set).unwrap_or_else(|p| panic!("{p}"));
    let expected = codegen::diff::public_items::impact(&whole(&old).files, &whole(&new).files);
    assert_eq!(report.code, expected);
    assert!(report
        .code
        .items_removed
        .contains(&"nested::v20200101::CreateClustersAgainRequest".to_owned()));
    assert!(report
        .code
        .files_changed
        .iter()
        .all(|f| !f.contains("/hostile/") && !f.contains("/constraints/src/v20200101/")));
}

/// A common error code added: no service version row, one change in the
/// totals, named as the common codes'.
#[test]
fn common_error_changes_are_counted_apart() {
    let old_dir = summary_base("diff-common-old");
    let new_dir = scratch(TMP.as_ref(), "diff-common-new");
    copy_tree(&old_dir, &new_dir);
    let common = new_dir.join("common-errors.json");
    let mut json = read_json(&common);
    json["errors"]
        .as_array_mut()
        .expect("errors")
        .push(serde_json::json!({"code": "LimitExceeded.Everything", "description": "Too much."}));
    write_json(&common, &json);
    let report = codegen::diff::diff(&load(&old_dir), &load(&new_dir), "common");
    assert!(report.summary.is_empty());
    assert_eq!(
        (
            report.totals.compatible,
            report.totals.common_error_changes,
            report.totals.breaking
        ),
        (1, 1, 0)
    );
    assert!(report.to_markdown().contains(
        "**Totals: 0 service version(s) changed, 0 added, 0 removed; 0 breaking, 0 caution, \
         1 compatible (1 of them in the common error codes); 0 action(s) added, 0 removed**"
    ));
}

/// Two examples with one title, as the description has: unchanged, they
/// are no change; the second one changed is one change, not two.
#[test]
fn examples_sharing_a_title_are_paired_in_order() {
    let old_dir = scratch(TMP.as_ref(), "diff-examples-old");
    copy_tree(&fixture("spec-base"), &old_dir);
    let file = old_dir.join("demo/2020-01-01/actions/CreateThing.json");
    let mut action = read_json(&file);
    let examples = action["examples"].as_array_mut().expect("examples");
    let mut second = examples[0].clone();
    second["request"]["BackupId"] = Value::from("b-2");
    examples.push(second);
    write_json(&file, &action);
    let old = load(&old_dir);
    assert!(codegen::diff::diff(&old, &old, "same").changes.is_empty());

    let new_dir = scratch(TMP.as_ref(), "diff-examples-new");
    copy_tree(&old_dir, &new_dir);
    set_in(
        &new_dir.join("demo/2020-01-01/actions/CreateThing.json"),
        "/examples/1/request/BackupId",
        Value::from("b-3"),
    );
    let report = codegen::diff::diff(&old, &load(&new_dir), "second example");
    let changes: Vec<&str> = report.changes.iter().map(|c| c.change.as_str()).collect();
    assert_eq!(changes, ["example \"Example1\" changed"]);
}

/// The token reader that the diff uses gives the same public items as syn
/// on every generated file of the fixtures, the curated services and the
/// three largest service versions; and no item comes from two files (the
/// diff reads back only the files that changed, which relies on it).
#[test]
fn token_reader_matches_syn() {
    let mut sets = vec![
        load(&fixture("spec-base")),
        load(&fixture("features")),
        curated_spec(),
    ];
    let mut largest = full_spec().clone();
    let mut sizes: Vec<(usize, (String, String))> = largest
        .services
        .iter()
        .map(|(k, sv)| (sv.actions.len(), k.clone()))
        .collect();
    sizes.sort();
    let keep: Vec<_> = sizes.iter().rev().take(3).map(|(_, k)| k.clone()).collect();
    largest.services.retain(|k, _| keep.contains(k));
    sets.push(largest);
    for set in &sets {
        let files = codegen::generate_from(set)
            .unwrap_or_else(|p| panic!("{p}"))
            .files;
        let tokens = codegen::diff::public_items::items(&files);
        assert!(tokens.len() > 20);
        assert_eq!(tokens, codegen::diff::public_items::items_with_syn(&files));
        let mut seen = std::collections::BTreeMap::new();
        for (path, text) in &files {
            let one = std::iter::once((path.clone(), text.clone())).collect();
            for item in codegen::diff::public_items::items(&one) {
                if let Some(other) = seen.insert(item.clone(), path.clone()) {
                    panic!("{item} comes from {other} and {path}");
                }
            }
        }
    }
}

//! `api-spec/` loads and passes; every kind of spec problem is reported with
//! its file, JSON path and an exact message, all in one run.

use std::fs;

use integration_tests::{copy_tree, curated_spec_root, fixture, scratch, spec_root};

const TMP: &str = env!("CARGO_TARGET_TMPDIR");

#[test]
fn real_specs_load_and_pass() {
    let set = integration_tests::full_spec();
    let names: Vec<String> = set
        .services
        .values()
        .flat_map(|sv| {
            sv.actions.keys().map(move |a| {
                format!(
                    "{}/{}/{a}",
                    sv.service.spec.service, sv.service.spec.version
                )
            })
        })
        .collect();
    for page in [
        "postgres/2017-03-12/CloneDBInstance",
        "redis/2018-04-12/CloneInstances",
    ] {
        assert!(names.iter().any(|n| n == page), "{page} is missing");
    }
    // Everything the pinned description has: 112 + 123 actions.
    let count = |prefix: &str| names.iter().filter(|n| n.starts_with(prefix)).count();
    assert_eq!(count("postgres/2017-03-12/"), 112);
    assert_eq!(count("redis/2018-04-12/"), 123);
}

#[test]
fn real_specs_are_in_canonical_form_and_schema_is_fresh() {
    let report = codegen::spec::canonical_report(&spec_root());
    let stale: Vec<&str> = report.rewrites.iter().map(|(f, _)| f.as_str()).collect();
    assert!(stale.is_empty(), "not canonical: {stale:?}");
}

#[test]
fn every_spec_file_references_the_schema() {
    let set = codegen::spec::load(&spec_root()).unwrap_or_else(|p| panic!("{p}"));
    for (file, text) in set.files() {
        let value: serde_json::Value = serde_json::from_str(text).expect("json");
        let schema = value["$schema"].as_str().unwrap_or_default();
        assert!(
            schema.ends_with("spec.schema.json"),
            "{file}: $schema is {schema:?}"
        );
        let resolved = spec_root()
            .join(file)
            .parent()
            .expect("parent")
            .join(schema);
        assert!(resolved.exists(), "{file}: $schema does not resolve");
    }
}

#[test]
fn base_fixture_is_valid() {
    codegen::spec::load(&fixture("spec-base")).unwrap_or_else(|p| panic!("{p}"));
}

/// Each `tests/fixtures/spec-broken/<case>/` holds files laid over the valid
/// base fixture and `expected.txt`, the exact problems the loader must report.
#[test]
fn each_broken_fixture_reports_exactly_its_problems() {
    let cases_dir = fixture("spec-broken");
    let mut cases: Vec<_> = fs::read_dir(&cases_dir)
        .expect("cases")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 20,
        "expected the full set of broken fixtures"
    );
    let mut failures = Vec::new();
    for case in cases {
        let name = case
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let dir = scratch(TMP.as_ref(), &format!("spec-broken-{name}"));
        copy_tree(&fixture("spec-base"), &dir);
        copy_tree(&case, &dir);
        fs::remove_file(dir.join("expected.txt")).expect("expected.txt present");
        let expected = fs::read_to_string(case.join("expected.txt")).expect("expected.txt");
        let actual = match codegen::spec::load(&dir) {
            Ok(_) => "(loaded without problems)\n".to_owned(),
            Err(problems) => problems.0.iter().map(|p| format!("{p}\n")).collect(),
        };
        if actual != expected {
            failures.push(format!(
                "case {name}:\n--- expected\n{expected}--- actual\n{actual}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Truncating a real spec anywhere gives problems, never a panic.
#[test]
fn truncated_specs_are_reported_not_panicked_on() {
    let dir = scratch(TMP.as_ref(), "spec-truncated");
    copy_tree(&curated_spec_root(TMP.as_ref()), &dir);
    let file = dir.join("redis/2018-04-12/actions/CloneInstances.json");
    let text = fs::read_to_string(&file).expect("read");
    let step = (text.len() / 97).max(1);
    for cut in (0..text.len()).step_by(step) {
        if !text.is_char_boundary(cut) {
            continue;
        }
        fs::write(&file, &text[..cut]).expect("write");
        let problems = codegen::spec::load(&dir).expect_err("a truncated file is a problem");
        assert!(
            problems
                .0
                .iter()
                .any(|p| p.file == "redis/2018-04-12/actions/CloneInstances.json"),
            "cut at {cut}: {problems}"
        );
    }
}

/// Name collisions in the generated Rust are found when building the IR.
#[test]
fn rust_name_collisions_are_problems() {
    let dir = scratch(TMP.as_ref(), "spec-collision");
    copy_tree(&fixture("spec-base"), &dir);
    let file = dir.join("demo/2020-01-01/actions/CreateThing.json");
    let mut action: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&file).expect("read")).expect("json");
    let params = action["parameters"].as_array_mut().expect("parameters");
    params.push(serde_json::json!({"name": "BackupID", "type": "String", "required": false, "description": "x"}));
    action["errors"]
        .as_array_mut()
        .expect("errors")
        .push(serde_json::json!({"code": "FailedOperationBusy", "description": "y"}));
    fs::write(&file, serde_json::to_string_pretty(&action).expect("json")).expect("write");
    let problems = codegen::generate(&dir).expect_err("collisions");
    let messages: Vec<String> = problems.0.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "demo/2020-01-01/actions/CreateThing.json: $.errors: error codes FailedOperation.Busy, FailedOperationBusy all map to the Rust variant FailedOperationBusy",
            "demo/2020-01-01/actions/CreateThing.json: $.parameters: fields BackupId, BackupID all map to the Rust field backup_id",
        ]
    );
}

/// A file that means the same but is laid out differently (indentation, key
/// order, no trailing newline) is reported, and its canonical form is the
/// checked-in text.
#[test]
fn non_canonical_files_are_found_and_fixed() {
    let dir = scratch(TMP.as_ref(), "spec-canonical");
    copy_tree(&curated_spec_root(TMP.as_ref()), &dir);
    let rel = "postgres/2017-03-12/structures/Tag.json";
    let original = fs::read_to_string(dir.join(rel)).expect("read");
    let value: serde_json::Value = serde_json::from_str(&original).expect("json");
    // serde_json with preserve_order keeps key order; reverse it to scramble.
    let scrambled: serde_json::Map<String, serde_json::Value> = value
        .as_object()
        .expect("object")
        .iter()
        .rev()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let reindented = serde_json::to_string_pretty(&serde_json::Value::Object(scrambled))
        .expect("json")
        .replace("  ", "    ");
    fs::write(dir.join(rel), &reindented).expect("write");
    let report = codegen::spec::canonical_report(&dir);
    assert!(report.loaded.is_ok(), "the meaning is unchanged");
    let rewrites: Vec<&str> = report.rewrites.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(rewrites, [rel]);
    assert_eq!(
        report.rewrites[0].1, original,
        "--fix restores the canonical text"
    );
}

/// The checked-in JSON Schema (what editors use) accepts every real spec file
/// and rejects the shape errors the loader rejects.
#[test]
fn json_schema_accepts_the_specs_and_rejects_shape_errors() {
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(spec_root().join("spec.schema.json")).expect("schema"),
    )
    .expect("json");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let set = codegen::spec::load(&spec_root()).unwrap_or_else(|p| panic!("{p}"));
    for (file, text) in set.files() {
        let value: serde_json::Value = serde_json::from_str(text).expect("json");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
    }
    for case in ["unknown-field", "wrong-json-type"] {
        let file = fixture("spec-broken")
            .join(case)
            .join("demo/2020-01-01/actions/CreateThing.json");
        let value: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(file).expect("read")).expect("json");
        assert!(!validator.is_valid(&value), "{case} passes the schema");
    }
}

/// Issue 14, finding 6: anything after a spec file's JSON value is a
/// problem naming the file, not silently ignored (and later dropped by
/// `spec --fix`).
#[test]
fn content_after_the_json_value_is_a_problem() {
    let dir = scratch(TMP.as_ref(), "trailing-content");
    copy_tree(&fixture("spec-base"), &dir);
    let action = fs::read_dir(dir.join("demo/2020-01-01/actions"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .next()
        .expect("an action file");
    let mut text = fs::read_to_string(&action).unwrap();
    text.push_str("{\"name\": \"Second\"}\n");
    fs::write(&action, text).unwrap();
    let problems = codegen::spec::load(&dir)
        .expect_err("trailing content")
        .to_string();
    let name = action.file_name().unwrap().to_string_lossy().into_owned();
    assert!(problems.contains(&name), "{problems}");
    assert!(
        problems.contains("only whitespace may follow the value"),
        "{problems}"
    );
}

//! The importer on a small hand-made description that holds every odd shape
//! of the real one (floats, uint64 beyond `i64::MAX`, self-containing
//! structures, Rust name clashes, builder-method and keyword member names,
//! an empty description, disabled members, HTML, broken examples): it
//! imports, passes the spec checks, generates, compiles, round-trips JSON;
//! a re-import is byte-identical and keeps curated facts; a contradiction
//! fails and writes nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use importer::report::Report;
use importer::run::{self, Sources};
use integration_tests::{check_scratch_crate, copy_tree, fixture, repo_root, scratch};

const TMP: &str = env!("CARGO_TARGET_TMPDIR");

fn sources() -> Sources {
    Sources {
        services: fixture("import/tccli/services"),
        errors: Some(fixture("import/tencentcloud")),
        errors_label: "fixture".into(),
        edition: codegen::spec::Edition::Intl,
        base: None,
    }
}

fn import(root: &Path) -> Report {
    let mut report = Report::default();
    run::import_service_version(&sources(), root, "shapes", "2020-01-01", false, &mut report)
        .unwrap_or_else(|e| panic!("{e}"));
    report
}

/// A fresh spec root with the common error codes.
fn spec_dir(name: &str) -> PathBuf {
    let root = scratch(TMP.as_ref(), name);
    fs::create_dir_all(&root).expect("dir");
    fs::copy(
        repo_root().join("api-spec/common-errors.json"),
        root.join("common-errors.json"),
    )
    .expect("common errors");
    root
}

/// Parameter `name` of action file `file`.
fn parameter(file: &Path, name: &str) -> serde_json::Value {
    let spec: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(file).expect("read")).expect("json");
    spec["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .find(|p| p["name"] == name)
        .expect("parameter")
        .clone()
}

/// Reads action file `file`, hands its parameter `name` to `edit`, and
/// writes the file back.
fn edit_parameter(file: &Path, name: &str, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut spec: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(file).expect("read")).expect("json");
    let member = spec["parameters"]
        .as_array_mut()
        .expect("parameters")
        .iter_mut()
        .find(|p| p["name"] == name)
        .expect("parameter");
    edit(member);
    let text = format!("{}\n", serde_json::to_string_pretty(&spec).expect("json"));
    fs::write(file, text).expect("write");
}

fn tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for e in fs::read_dir(dir).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .expect("prefix")
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, fs::read_to_string(&p).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn every_shape_imports_checks_and_generates() {
    let root = spec_dir("import-shapes");
    let report = import(&root);
    assert!(report.conflicts.is_empty(), "{report}");
    assert!(report.refused.is_empty(), "{report}");
    assert_eq!(report.actions, 2);
    assert_eq!(report.disabled, 2, "Hidden and Gone");
    assert_eq!(report.error_codes, 5);
    let kinds: Vec<(&str, usize)> = report
        .examples
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(
        kinds,
        [
            // The GET's query string is read as the body it flattens.
            ("request: valid", 3),
            ("request: violations recorded", 1),
            ("response: decodes", 3),
            ("response: unchecked, not valid JSON", 1),
        ]
    );
    let set = codegen::spec::load(&root).unwrap_or_else(|p| panic!("{p}"));
    let sv = &set.services[&("shapes".to_owned(), "2020-01-01".to_owned())];
    let describe = &sv.actions["DescribeThings"].spec;
    let get = &describe.examples[2];
    assert_eq!(get.request, serde_json::json!({"Limit": "20"}));
    assert_eq!(get.unchecked, None);
    let renames: Vec<(&str, Option<&str>)> = describe
        .parameters
        .iter()
        .map(|f| (f.name.as_str(), f.rust_name.as_deref()))
        .filter(|(_, r)| r.is_some())
        .collect();
    assert_eq!(
        renames,
        [
            ("Default", Some("default_value")),
            ("Build", Some("build_value"))
        ]
    );
    let id2 = describe
        .outputs
        .iter()
        .find(|o| o.name == "Id")
        .expect("Id");
    assert_eq!(id2.rust_name.as_deref(), Some("id_2"), "ID and Id clash");
    assert_eq!(
        sv.structures["CreateThing"].spec.rust_name.as_deref(),
        Some("CreateThingModel"),
        "a structure named like an action"
    );
    // A number as a string is read as the SDK and the live API read it; a
    // string no reading makes a number is recorded as breaking the type.
    let bad = &describe.examples[1];
    assert_eq!(bad.title, "Number as string");
    assert_eq!(
        bad.expected_violations
            .iter()
            .map(|v| (v.path.as_str(), v.rule.as_str()))
            .collect::<Vec<_>>(),
        [("Ratio", "type")]
    );
    assert!(describe.deprecated);
    assert!(
        describe.description.contains("<Region>") || describe.description.contains("\\<Region>"),
        "{}",
        describe.description
    );
    let create = &sv.actions["CreateThing"].spec;
    assert_eq!(
        create.description,
        "Creates a **thing**. See [the guide](https://example.com/doc).\n\n- first\n- second"
    );
    // Members named like secrets are imported sensitive, in a request and in
    // a structure; `EncryptPassword`, a flag about one, is not.
    let sensitive = |fields: &[codegen::spec::Field]| -> Vec<String> {
        fields
            .iter()
            .filter(|f| f.sensitive)
            .map(|f| f.name.clone())
            .collect()
    };
    assert_eq!(
        sensitive(&create.parameters),
        ["AdminPassword", "RecoveryPasswords"]
    );
    assert_eq!(
        sensitive(&sv.structures["CreateThing"].spec.fields),
        ["AccessToken"]
    );
    assert_eq!(
        sensitive(&sv.structures["Node"].spec.fields),
        ["NodePassword"]
    );
    let secret_outputs: Vec<&str> = create
        .outputs
        .iter()
        .filter(|o| o.sensitive)
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(secret_outputs, ["SessionToken", "RecoveryPassword"]);
    assert_eq!((report.sensitive_by_name, report.sensitive_curated), (6, 0));

    let files = codegen::generate(&root)
        .unwrap_or_else(|p| panic!("{p}"))
        .files;
    let mut snapshots = 0;
    for (path, text) in files.iter().filter(|(p, _)| {
        p.starts_with("services/shapes/src/") && p.ends_with(".rs") && !p.ends_with("client.rs")
    }) {
        let module = path
            .trim_start_matches("services/shapes/src/")
            .trim_end_matches(".rs")
            .replace("lib", "mod")
            .replace('/', "__");
        insta::assert_snapshot!(format!("import__shapes__{module}"), text);
        snapshots += 1;
    }
    assert!(snapshots >= 3, "only {snapshots} generated files of shapes");
}

#[test]
fn reimport_is_byte_identical_and_keeps_curated_facts() {
    let root = spec_dir("import-reimport");
    import(&root);
    let first = tree(&root);
    let again = import(&root);
    assert!(again.changed.is_empty(), "{:?}", again.changed);
    assert_eq!(tree(&root), first, "a second import changed files");

    // The import marks `AdminPassword` sensitive by its name: a mark dropped
    // without `curated` comes back, as it follows the name.
    let create_file = root.join("shapes/2020-01-01/actions/CreateThing.json");
    edit_parameter(&create_file, "AdminPassword", |admin| {
        assert_eq!(admin["sensitive"], true);
        admin.as_object_mut().expect("member").remove("sensitive");
    });
    let report = import(&root);
    assert_eq!(
        report.changed,
        ["shapes/2020-01-01/actions/CreateThing.json"],
        "{report}"
    );
    assert_eq!(tree(&root), first, "the mark the name implies is back");

    // A curator adds a range, a note, a sensitive marker and keeps a text.
    let file = root.join("shapes/2020-01-01/actions/DescribeThings.json");
    let mut spec: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&file).expect("read")).expect("json");
    let params = spec["parameters"].as_array_mut().expect("parameters");
    params[0]["constraints"] = serde_json::json!({"range": {"min": 1, "max": 100}});
    params[0]["notes"] = "Curated: the console caps pages at 100.".into();
    params[3]["sensitive"] = true.into();
    params[3]["description"] = "A curated text.".into();
    params[3]["curated"] = serde_json::json!(["description"]);
    let curated = format!("{}\n", serde_json::to_string_pretty(&spec).expect("json"));
    fs::write(&file, curated).expect("write");
    // ... and overrules the name rule for `AdminPassword`.
    edit_parameter(&create_file, "AdminPassword", |admin| {
        admin.as_object_mut().expect("member").remove("sensitive");
        admin["curated"] = serde_json::json!(["sensitive"]);
        admin["notes"] = "Curated: a one-time password the service prints anyway.".into();
    });

    let report = import(&root);
    assert!(report.conflicts.is_empty(), "{report}");
    assert_eq!((report.sensitive_by_name, report.sensitive_curated), (5, 2));
    let kept: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&file).expect("read")).expect("json");
    let p = &kept["parameters"];
    assert_eq!(
        p[0]["constraints"],
        serde_json::json!({"range": {"min": 1, "max": 100}})
    );
    assert_eq!(p[0]["notes"], "Curated: the console caps pages at 100.");
    assert_eq!(p[3]["sensitive"], true);
    assert_eq!(p[3]["description"], "A curated text.");
    assert!(
        parameter(&create_file, "AdminPassword")
            .get("sensitive")
            .is_none(),
        "the curator's word is kept"
    );
    // The curated range now rejects the example's u64::MAX: recorded.
    assert_eq!(
        kept["examples"][0]["expected_violations"],
        serde_json::json!([{"path": "Limit", "rule": "range"}])
    );
    let second = tree(&root);
    import(&root);
    assert_eq!(
        tree(&root),
        second,
        "a re-import over curated facts is not stable"
    );
    codegen::spec::load(&root).unwrap_or_else(|p| panic!("{p}"));
}

#[test]
fn a_secret_that_becomes_a_number_or_an_enumeration_loses_the_mark_unless_curated() {
    // The description, copied, with `AdminPassword` turned into an integer.
    let desc = scratch(TMP.as_ref(), "import-secret-type-desc");
    copy_tree(&fixture("import/tccli/services"), &desc);
    let api = desc.join("shapes/v20200101/api.json");
    let text = fs::read_to_string(&api).expect("read");
    let mut json: serde_json::Value = serde_json::from_str(&text).expect("json");
    for m in json["objects"]["CreateThingRequest"]["members"]
        .as_array_mut()
        .expect("members")
    {
        if m["name"] == "AdminPassword" {
            m["type"] = "int".into();
            m["member"] = "int64".into();
        }
    }
    fs::write(&api, serde_json::to_string(&json).expect("json")).expect("write");
    let changed = Sources {
        services: desc,
        ..sources()
    };
    let reimport = |root: &Path| {
        let mut report = Report::default();
        run::import_service_version(&changed, root, "shapes", "2020-01-01", false, &mut report)
            .unwrap_or_else(|e| panic!("{e}"));
        report
    };
    let admin = |root: &Path| {
        parameter(
            &root.join("shapes/2020-01-01/actions/CreateThing.json"),
            "AdminPassword",
        )
    };

    // The import's own mark follows the type: gone, and no conflict.
    let root = spec_dir("import-secret-type");
    import(&root);
    assert_eq!(admin(&root)["sensitive"], true);
    let report = reimport(&root);
    assert!(report.conflicts.is_empty(), "{report}");
    assert_eq!(admin(&root)["type"], "Integer");
    assert!(admin(&root).get("sensitive").is_none(), "{}", admin(&root));

    // A curator's pin makes the member curated: the type change is a
    // conflict, and nothing is written.
    let root = spec_dir("import-secret-type-pinned");
    import(&root);
    let file = root.join("shapes/2020-01-01/actions/CreateThing.json");
    edit_parameter(&file, "AdminPassword", |p| {
        p["curated"] = serde_json::json!(["sensitive"]);
    });
    let before = tree(&root);
    let report = reimport(&root);
    let conflicts: Vec<(&str, &str, &str)> = report
        .conflicts
        .iter()
        .map(|c| (c.path.as_str(), c.old.as_str(), c.new.as_str()))
        .collect();
    assert_eq!(conflicts, [("$.parameters[1].type", "String", "Integer")]);
    assert_eq!(tree(&root), before, "a conflict writes nothing");

    // A curator lists the values: an enumeration hides nothing, so the
    // import's mark goes, and the spec checks pass again.
    let root = spec_dir("import-secret-enum");
    import(&root);
    let file = root.join("shapes/2020-01-01/actions/CreateThing.json");
    edit_parameter(&file, "AdminPassword", |p| {
        p["constraints"] =
            serde_json::json!({"enum": [{"value": "none", "description": "No password."}]});
    });
    assert!(codegen::spec::load(&root).is_err(), "sensitive enumeration");
    let report = import(&root);
    assert!(report.conflicts.is_empty(), "{report}");
    assert!(admin(&root).get("sensitive").is_none(), "{}", admin(&root));
    codegen::spec::load(&root).unwrap_or_else(|p| panic!("{p}"));
}

#[test]
fn contradicted_curated_facts_fail_and_nothing_is_written() {
    let root = spec_dir("import-conflict");
    import(&root);
    let file = root.join("shapes/2020-01-01/actions/DescribeThings.json");
    let mut spec: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&file).expect("read")).expect("json");
    let params = spec["parameters"].as_array_mut().expect("parameters");
    // Curated as a string with a length limit; the description says float.
    params[1]["type"] = "String".into();
    params[1]["constraints"] = serde_json::json!({"length": {"max": 8}});
    // Curated as required; the description says optional.
    params[2]["required"] = true.into();
    params[2]["notes"] = "Curated: required.".into();
    // A curated member the description does not have.
    params.push(serde_json::json!({
        "name": "Legacy", "type": "String", "required": false,
        "description": "Gone.", "notes": "Curated."
    }));
    let text = format!("{}\n", serde_json::to_string_pretty(&spec).expect("json"));
    fs::write(&file, &text).expect("write");
    let before = tree(&root);

    let mut report = Report::default();
    run::import_service_version(
        &sources(),
        &root,
        "shapes",
        "2020-01-01",
        false,
        &mut report,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let found: Vec<(String, String, String, String)> = report
        .conflicts
        .iter()
        .map(|c| (c.path.clone(), c.old.clone(), c.new.clone(), c.file.clone()))
        .collect();
    let f = "shapes/2020-01-01/actions/DescribeThings.json".to_owned();
    assert_eq!(
        found,
        [
            (
                "$.parameters[1].type".into(),
                "String".into(),
                "Float".into(),
                f.clone()
            ),
            (
                "$.parameters[2].required".into(),
                "true".into(),
                "false".into(),
                f.clone()
            ),
            (
                "$.parameters[9]".into(),
                "member Legacy".into(),
                "absent".into(),
                f
            ),
        ]
    );
    assert_eq!(tree(&root), before, "a failed import wrote files");
}

/// The generated code of every shape compiles under clippy and round-trips
/// JSON: u64 beyond i64::MAX, floats, null, boxed recursion, renamed fields,
/// and a disabled member rejected in a request.
#[test]
fn generated_shapes_compile_and_round_trip() {
    let root = spec_dir("import-compile");
    import(&root);
    let generated = codegen::generate(&root).unwrap_or_else(|p| panic!("{p}"));
    check_scratch_crate(
        TMP.as_ref(),
        "import-shapes",
        &generated,
        "round_trip",
        ROUND_TRIP,
        false,
    );
}

/// The round-trip test run inside the scratch crate.
const ROUND_TRIP: &str = r#"use tencentcloud_sdk::shapes::v20200101 as s;
use tencentcloud_sdk::Validate;

#[test]
fn response_shapes_round_trip() {
    let json = serde_json::json!({
        "Big": 18446744073709551615u64, "Score": null, "ID": "a", "Id": "b",
        "Tree": {"Name": "a", "Child": {"Name": "b", "Partner": {"Back": {"Name": "c"}}},
                 "Children": [{"Name": "d"}]},
        "Gone": "ignored", "RequestId": "r"
    });
    let r: s::DescribeThingsResponse = serde_json::from_value(json).expect("decodes");
    assert_eq!(r.big, u64::MAX);
    assert_eq!(r.score, None);
    assert_eq!(r.id.as_deref(), Some("a"));
    assert_eq!(r.id_2.as_deref(), Some("b"));
    let tree = r.tree.as_ref().expect("tree");
    let child: &s::Node = tree.child.as_deref().expect("boxed child");
    assert_eq!(child.name.as_deref(), Some("b"));
    let back = serde_json::to_value(&r).expect("encodes");
    assert_eq!(back["Big"], serde_json::json!(18446744073709551615u64));
    assert_eq!(back["Tree"]["Child"]["Partner"]["Back"]["Name"], "c");
    assert!(back.get("Gone").is_none());
    let e: s::ShapesErrorCode = "FailedOperation.ThingBusy".into();
    assert_eq!(e.as_str(), "FailedOperation.ThingBusy");
    assert!(matches!(s::ShapesErrorCode::from("InternalError"), s::ShapesErrorCode::Common(_)));
}

#[test]
fn request_shapes_round_trip() {
    let req = s::DescribeThingsRequest::builder()
        .limit(u64::MAX)
        .ratio(0.25)
        .default_value("d")
        .build_value(true)
        .type_("t")
        .filter(s::Node::builder().child(s::Node::builder().name("x").build().expect("valid")).build().expect("valid"))
        .build()
        .expect("valid");
    req.validate().expect("valid");
    let json = serde_json::to_value(&req).expect("encodes");
    assert_eq!(json["Limit"], serde_json::json!(18446744073709551615u64));
    assert_eq!(json["Ratio"], serde_json::json!(0.25));
    assert_eq!(json["Default"], "d");
    assert_eq!(json["Build"], true);
    assert_eq!(json["Type"], "t");
    assert_eq!(json["Filter"]["Child"]["Name"], "x");
    let again: s::DescribeThingsRequest = serde_json::from_value(json).expect("decodes");
    assert_eq!(again, req);
    let hidden = serde_json::json!({"Hidden": "never sent"});
    assert!(serde_json::from_value::<s::DescribeThingsRequest>(hidden).is_err());
    let a: s::ShapesErrorCode = "InvalidParameter.Conflict".into();
    let b: s::ShapesErrorCode = "InvalidParameterConflict".into();
    assert_ne!(a, b, "codes that join to one name stay apart");
    assert_eq!(b.as_str(), "InvalidParameterConflict");
    let thing = s::CreateThingRequest::builder()
        .thing(
            s::CreateThingModel::builder()
                .value("v")
                .labels([s::TagInfo::builder().key("k").build().expect("valid")])
                .build()
                .expect("valid"),
        )
        .build()
        .expect("valid");
    let json = serde_json::to_value(&thing).expect("encodes");
    assert_eq!(json["Thing"]["Value"], "v");
    assert_eq!(json["Thing"]["Labels"][0]["Key"], "k");
}

#[test]
fn members_named_like_secrets_are_redacted() {
    let thing = s::CreateThingRequest::builder()
        .thing(
            s::CreateThingModel::builder()
                .value("v")
                .access_token("tok-9f2c-secret")
                .build()
                .expect("valid"),
        )
        .admin_password("Adm1n-Passw0rd-secret")
        .encrypt_password(false)
        .recovery_passwords(["rec-1-secret".to_owned(), "rec-2-secret".to_owned()])
        .build()
        .expect("valid");
    let debug = format!("{thing:?}");
    assert!(!debug.contains("secret"), "{debug}");
    assert!(debug.contains("admin_password: Some(\"***\")"), "{debug}");
    assert!(debug.contains("access_token: Some(\"***\")"), "{debug}");
    assert!(debug.contains("encrypt_password: Some(false)"), "{debug}");
    let json = serde_json::to_value(&thing).expect("encodes");
    assert_eq!(json["AdminPassword"], "Adm1n-Passw0rd-secret", "sent as is");
    // The values the client masks in a server's answer, nested ones too.
    let mut values = Vec::new();
    thing.sensitive_values(&mut values);
    assert_eq!(
        values,
        ["tok-9f2c-secret", "Adm1n-Passw0rd-secret", "rec-1-secret", "rec-2-secret"]
    );
    // A wrong JSON type is reported without the value.
    let bad = serde_json::json!({"Thing": {"Value": "v"}, "AdminPassword": 987654321});
    let err = serde_json::from_value::<s::CreateThingRequest>(bad).expect_err("a number");
    assert!(!err.to_string().contains("987654321"), "{err}");
    // A list of secrets: a wrong element, or a lone string, is not quoted.
    for bad in [
        serde_json::json!({"Thing": {"Value": "v"}, "RecoveryPasswords": ["ok-secret", 24680]}),
        serde_json::json!({"Thing": {"Value": "v"}, "RecoveryPasswords": "lone-secret"}),
    ] {
        let err = serde_json::from_value::<s::CreateThingRequest>(bad).expect_err("wrong type");
        let text = err.to_string();
        assert!(text.contains("value not shown"), "{text}");
        assert!(!text.contains("24680") && !text.contains("secret"), "{text}");
    }
    let listed = serde_json::json!({"Thing": {"Value": "v"}, "RecoveryPasswords": ["a", "b"]});
    let listed: s::CreateThingRequest = serde_json::from_value(listed).expect("a list");
    assert_eq!(listed.recovery_passwords, Some(vec!["a".to_owned(), "b".to_owned()]));
    // Through a structure that contains itself: boxed, in a list, and two
    // structures round (`Node.Partner.Back`).
    let node = |name: &str, password: &str| {
        s::Node::builder().name(name).node_password(password).build().expect("valid")
    };
    let tree = s::Node::builder()
        .node_password("p-root")
        .child(node("c", "p-child"))
        .children([node("d", "p-first"), node("e", "p-second")])
        .partner(s::Pair::builder().back(node("b", "p-back")).build().expect("valid"))
        .build()
        .expect("valid");
    let request = s::DescribeThingsRequest::builder().filter(tree).build().expect("valid");
    let mut values = Vec::new();
    request.sensitive_values(&mut values);
    assert_eq!(values, ["p-child", "p-first", "p-second", "p-back", "p-root"]);
    let debug = format!("{request:?}");
    assert!(!debug.contains("p-"), "{debug}");
}

#[test]
fn outputs_named_like_secrets_are_redacted() {
    let json = serde_json::json!({
        "ThingId": "t-1", "SessionToken": "sess-secret-1", "RecoveryPassword": "rec-secret-2",
        "RequestId": "r"
    });
    let r: s::CreateThingResponse = serde_json::from_value(json).expect("decodes");
    assert_eq!(r.session_token, "sess-secret-1");
    assert_eq!(r.recovery_password.as_deref(), Some("rec-secret-2"));
    let debug = format!("{r:?}");
    assert!(!debug.contains("secret"), "{debug}");
    assert!(debug.contains("session_token: \"***\""), "{debug}");
    assert!(debug.contains("recovery_password: Some(\"***\")"), "{debug}");
    assert!(debug.contains("thing_id: \"t-1\""), "{debug}");
    let absent = serde_json::json!({"ThingId": "t-1", "SessionToken": "s", "RequestId": "r"});
    let r: s::CreateThingResponse = serde_json::from_value(absent).expect("decodes");
    assert!(format!("{r:?}").contains("recovery_password: None"));
    let bad = serde_json::json!({"ThingId": "t-1", "SessionToken": 24681357, "RequestId": "r"});
    let err = serde_json::from_value::<s::CreateThingResponse>(bad).expect_err("a number");
    assert!(!err.to_string().contains("24681357"), "{err}");
}
"#;

//! Specs built to break the generated code (issue 14, finding 4): names the
//! generated API itself uses, invisible text-direction controls, a very wide
//! structure and a very deep one. Each either gets a clear spec problem or
//! generates code that compiles without warnings and round-trips.

use std::fs;
use std::path::{Path, PathBuf};

use integration_tests::check_scratch_crate;
use serde_json::{json, Value};

const TMP: &str = env!("CARGO_TARGET_TMPDIR");

/// A spec folder with one service version `hostile` 2020-01-01.
fn spec_dir(name: &str) -> PathBuf {
    let root = Path::new(TMP).join(format!("hostile-specs-{name}"));
    service_version(&root, "hostile");
    fs::create_dir_all(root.join("hostile/2020-01-01/structures")).unwrap();
    root
}

/// A fresh spec folder `root` with the common errors and an empty service
/// version `service` 2020-01-01.
fn service_version(root: &Path, service: &str) {
    let _ = fs::remove_dir_all(root);
    let dir = root.join(service).join("2020-01-01");
    fs::create_dir_all(dir.join("actions")).unwrap();
    fs::copy(
        integration_tests::repo_root().join("api-spec/common-errors.json"),
        root.join("common-errors.json"),
    )
    .unwrap();
    write(
        &dir.join("service.json"),
        &json!({
            "$schema": "../../spec.schema.json",
            "service": service,
            "version": "2020-01-01",
            "product": "Hostile names",
            "endpoints": {
                "default": format!("{service}.tencentcloudapi.com"),
                "regional": format!("{service}.{{region}}.tencentcloudapi.com"),
                "international": format!("{service}.intl.tencentcloudapi.com")
            }
        }),
    );
}

fn write(path: &Path, value: &Value) {
    fs::write(path, serde_json::to_string_pretty(value).unwrap() + "\n").unwrap();
}

fn field(name: &str, ty: &str) -> Value {
    json!({"name": name, "type": ty, "required": false, "description": format!("{name}.")})
}

fn action(root: &Path, name: &str, description: &str, parameters: Vec<Value>) {
    write(
        &root.join(format!("hostile/2020-01-01/actions/{name}.json")),
        &json!({
            "$schema": "../../../spec.schema.json",
            "name": name,
            "description": description,
            "parameters": parameters,
            "rules": [],
            "outputs": [{"name": "RequestId", "type": "String", "description": "Request ID."}],
            "examples": []
        }),
    );
}

/// `Level0` holds `Level1` ... holds `Level{levels-1}`, which holds a string.
fn deep_chain(root: &Path, levels: usize) {
    for level in 0..levels {
        let next = if level + 1 == levels {
            field("Leaf", "String")
        } else {
            field("Next", &format!("Level{}", level + 1))
        };
        structure(root, &format!("Level{level}"), vec![next]);
    }
}

fn structure(root: &Path, name: &str, fields: Vec<Value>) {
    write(
        &root.join(format!("hostile/2020-01-01/structures/{name}.json")),
        &json!({
            "$schema": "../../../spec.schema.json",
            "name": name,
            "description": format!("{name} structure."),
            "fields": fields
        }),
    );
}

const ROUND_TRIP: &str = r##"use tencentcloud_sdk::hostile::v20200101 as h;

#[test]
fn hostile_names_round_trip() {
    // Actions named like the version's own modules and the handle's methods.
    let _ = (h::Client, h::Models, h::Registry, h::Errors, h::New, h::Get, h::GetWith);
    // A structure named like the client handle keeps its name.
    let handle: h::HostileClient = h::HostileClient::default();
    let _ = handle;
    let wide = h::Wide::builder().f0000("a").f2999("z").build().expect("valid");
    let text = serde_json::to_string(&wide).unwrap();
    assert_eq!(text, r#"{"F0000":"a","F2999":"z"}"#);
    assert_eq!(serde_json::from_str::<h::Wide>(&text).unwrap(), wide);
    let mut deep = serde_json::json!({"Leaf": "x"});
    for _ in 0..29 {
        deep = serde_json::json!({"Next": deep});
    }
    let parsed: h::Level0 = serde_json::from_value(deep.clone()).unwrap();
    assert_eq!(serde_json::to_value(&parsed).unwrap(), deep);
}
"##;

#[test]
fn hostile_specs_generate_code_that_compiles() {
    let root = spec_dir("compile");
    for name in [
        "Client", "Models", "Registry", "Errors", "New", "Get", "GetWith",
    ] {
        action(
            &root,
            name,
            &format!("Action {name}."),
            vec![field("Id", "String")],
        );
    }
    // Text-direction controls hidden in a description.
    action(
        &root,
        "Describe",
        "Returns the \u{202e}drocer\u{202c} and \u{2066}isolated\u{2069} text.",
        vec![
            field("HostileClient", "HostileClient"),
            field("Wide", "Wide"),
            field("Deep", "Level0"),
        ],
    );
    structure(&root, "HostileClient", vec![field("Name", "String")]);
    structure(
        &root,
        "Wide",
        (0..3_000)
            .map(|n| field(&format!("F{n:04}"), "String"))
            .collect(),
    );
    deep_chain(&root, 30);
    let generated = codegen::generate(&root).unwrap_or_else(|p| panic!("{p}"));
    let file = |path: &str| &generated.files[&format!("services/hostile/src/v20200101/{path}")];
    let module = file("mod.rs");
    for m in [
        "client_action",
        "models_action",
        "registry_action",
        "errors_action",
    ] {
        assert!(module.contains(&format!("mod {m};")), "{module}");
    }
    let client = file("client.rs");
    assert!(
        client.contains("pub struct HostileClientHandle<'a>"),
        "{client}"
    );
    assert!(client.contains("pub async fn new_action("), "{client}");
    assert!(client.contains("pub async fn get_action("), "{client}");
    assert!(client.contains("pub async fn get_action_with("), "{client}");
    assert!(client.contains("pub async fn get_with("), "{client}");
    let describe = file("describe.rs");
    assert!(!describe.contains('\u{202e}') && describe.contains("\\u{202e}"));
    check_scratch_crate(
        TMP.as_ref(),
        "hostile-specs",
        &generated,
        "round_trip",
        ROUND_TRIP,
        false,
    );
}

#[test]
fn members_named_like_builder_methods_are_spec_problems() {
    let root = spec_dir("members");
    action(
        &root,
        "Make",
        "Make.",
        vec![
            field("Build", "String"),
            field("BuildUnchecked", "String"),
            field("Default", "String"),
        ],
    );
    let problems = codegen::generate(&root)
        .expect_err("reserved member names")
        .to_string();
    for member in ["build", "build_unchecked", "default"] {
        assert!(
            problems.contains(&format!("the Rust field name {member} of")),
            "{problems}"
        );
    }
    assert!(problems.contains("rust_name"), "{problems}");
}

#[test]
fn structures_nested_too_deep_are_spec_problems() {
    let root = spec_dir("deep");
    action(&root, "Nest", "Nest.", vec![field("Deep", "Level0")]);
    deep_chain(&root, 60);
    let problems = codegen::generate(&root).expect_err("too deep").to_string();
    assert!(
        problems.contains("structure Level0 nests 60 structures deep (at most 40)"),
        "{problems}"
    );
}

#[test]
fn services_named_like_keywords_or_the_crate_s_own_modules_are_spec_problems() {
    for name in ["self", "registry", "client"] {
        let root = Path::new(TMP).join(format!("hostile-service-{name}"));
        service_version(&root, name);
        let problems = codegen::generate(&root)
            .expect_err("reserved service")
            .to_string();
        assert!(
            problems.contains(&format!(
                "{name}/2020-01-01/service.json: $.service: \"{name}\""
            )),
            "{problems}"
        );
        assert!(!problems.contains("internal"), "{problems}");
    }
}

/// `ListThings` pages, and an action `ListThingsPages` already takes the
/// method `list_things_pages`.
#[test]
fn a_paginator_method_another_action_takes_is_a_spec_problem() {
    let root = spec_dir("pages");
    action(&root, "ListThingsPages", "Lists pages.", vec![]);
    write(
        &root.join("hostile/2020-01-01/actions/ListThings.json"),
        &json!({
            "$schema": "../../../spec.schema.json",
            "name": "ListThings",
            "description": "Lists things.",
            "parameters": [field("Offset", "Integer"), field("Limit", "Integer")],
            "outputs": [
                {"name": "Things", "type": "String", "array": true, "description": "Things."},
                {"name": "RequestId", "type": "String", "description": "Request ID."}
            ],
            "pagination": {"style": "offset", "input": "Offset", "page_size": "Limit", "items": "Things"}
        }),
    );
    let problems = codegen::generate(&root)
        .expect_err("clashing paginator")
        .to_string();
    assert!(
        problems.contains(
            "hostile/2020-01-01/actions/ListThings.json: $.pagination: the paginator method list_things_pages is another action's method"
        ),
        "{problems}"
    );
}

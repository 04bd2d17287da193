//! The Chinese-site edition end to end on the hand-made description: the
//! same service imported into an international tree (with curated facts)
//! and into a Chinese-site tree whose import copies those facts; the
//! Chinese-site tree loads as its own edition and generates its own crate
//! family, with its own documents, default host and regions; an action whose
//! request has a member type the SDK cannot send is refused whole.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::spec::Edition;
use importer::report::Report;
use importer::run::{self, Sources};
use integration_tests::{copy_tree, fixture, repo_root, scratch};
use serde_json::Value;

const TMP: &str = env!("CARGO_TARGET_TMPDIR");

fn sources(services: PathBuf, edition: Edition, base: Option<PathBuf>) -> Sources {
    Sources {
        services,
        errors: None,
        errors_label: String::new(),
        edition,
        base,
    }
}

/// A tree of `edition` with the common error codes (and its edition file).
fn tree(name: &str, edition: Edition) -> PathBuf {
    let root = scratch(TMP.as_ref(), name);
    let common = fs::read_to_string(repo_root().join("api-spec/common-errors.json")).unwrap();
    let mut common: codegen::spec::CommonErrorsSpec = serde_json::from_str(&common).unwrap();
    common.schema = edition.schema_ref(0);
    fs::write(
        root.join("common-errors.json"),
        codegen::spec::canonical_json(&common),
    )
    .unwrap();
    if edition != Edition::Intl {
        fs::write(root.join(codegen::spec::EDITION_FILE), edition.file_text()).unwrap();
    }
    root
}

fn import(sources: &Sources, root: &Path) -> Report {
    let mut report = Report::default();
    run::import_service_version(sources, root, "shapes", "2020-01-01", false, &mut report)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
    report
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn write(path: &Path, value: &Value) {
    fs::write(path, serde_json::to_string_pretty(value).unwrap() + "\n").unwrap();
}

fn param<'a>(action: &'a Value, name: &str) -> &'a Value {
    action["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap()
}

/// The fixture's description with Chinese documents on CreateThing and a
/// second action whose request carries a file as `binary`.
fn chinese_description() -> PathBuf {
    let dir = scratch(TMP.as_ref(), "editions-description");
    copy_tree(&fixture("import/tccli/services"), &dir);
    let api_file = dir.join("shapes/v20200101/api.json");
    let mut api = read(&api_file);
    api["actions"]["CreateThing"]["document"] =
        "创建一个对象。参见[接口文档](/document/api/1/2)。".into();
    for m in api["objects"]["CreateThingRequest"]["members"]
        .as_array_mut()
        .unwrap()
    {
        if m["name"] == "Thing" {
            m["document"] = "要创建的对象。".into();
        }
    }
    api["actions"]["UploadFile"] = serde_json::json!({
        "document": "上传文件", "input": "UploadFileRequest", "name": "上传文件",
        "output": "UploadFileResponse", "status": "online"
    });
    api["objects"]["UploadFileRequest"] = serde_json::json!({"document": "", "type": "object", "members": [
        {"name": "Name", "type": "string", "member": "string", "document": "文件名", "required": true},
        {"name": "File", "type": "binary", "member": "binary", "document": "文件二进制数据", "required": true}
    ]});
    api["objects"]["UploadFileResponse"] = serde_json::json!({"document": "", "type": "object", "members": [
        {"name": "RequestId", "type": "string", "member": "string", "document": "唯一请求 ID", "required": true}
    ]});
    write(&api_file, &api);
    dir
}

#[test]
fn the_chinese_site_tree_gets_curated_facts_but_keeps_its_documents_host_and_regions() {
    // The international tree, with a curator's facts on CreateThing.
    let intl = tree("editions-intl", Edition::Intl);
    import(
        &sources(fixture("import/tccli/services"), Edition::Intl, None),
        &intl,
    );
    let action_file = intl.join("shapes/2020-01-01/actions/CreateThing.json");
    let mut action = read(&action_file);
    action["regions"] = serde_json::json!(["ap-singapore"]);
    action["curated"] = serde_json::json!(["description"]);
    action["description"] = "A curated English description.".into();
    action["rate_limit_per_second"] = 7.into();
    let thing = action["parameters"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["name"] == "Thing")
        .unwrap();
    thing["notes"] = "Read from the page.".into();
    write(&action_file, &action);
    assert_eq!(
        read(&intl.join("shapes/2020-01-01/service.json"))["endpoints"]["default"],
        "shapes.intl.tencentcloudapi.com"
    );

    // The Chinese-site tree.
    let cn = tree("editions-cn", Edition::Cn);
    let report = import(
        &sources(chinese_description(), Edition::Cn, Some(intl.clone())),
        &cn,
    );
    let refused = format!("{report}");
    assert!(
        refused.contains("shapes 2020-01-01 action UploadFile: its request cannot be sent whole (UploadFileRequest: member \"File\": unknown member type \"binary\""),
        "{refused}"
    );
    assert!(!cn
        .join("shapes/2020-01-01/actions/UploadFile.json")
        .exists());

    let service = read(&cn.join("shapes/2020-01-01/service.json"));
    assert_eq!(
        service["endpoints"]["default"],
        "shapes.tencentcloudapi.com"
    );
    assert_eq!(service["$schema"], "../../../api-spec/spec.schema.json");
    let action = read(&cn.join("shapes/2020-01-01/actions/CreateThing.json"));
    assert_eq!(
        action["description"],
        "创建一个对象。参见[接口文档](https://cloud.tencent.com/document/api/1/2)。",
        "the Chinese document stays, its link on the Chinese site"
    );
    assert_eq!(action.get("curated"), None);
    assert_eq!(action.get("regions"), None, "regions are per edition");
    assert_eq!(action["rate_limit_per_second"], 7);
    assert_eq!(param(&action, "Thing")["description"], "要创建的对象。");
    assert_eq!(param(&action, "Thing")["notes"], "Read from the page.");

    // A re-import changes nothing; the tree loads as the Chinese site's.
    let again = import(
        &sources(chinese_description(), Edition::Cn, Some(intl.clone())),
        &cn,
    );
    assert!(again.changed.is_empty(), "{:?}", again.changed);
    let set = codegen::spec::load(&cn).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(set.edition, Edition::Cn);

    // Its crates are the Chinese site's family; the runtime and the facade
    // are the international tree's alone.
    let generated = codegen::generate_from(&set).unwrap_or_else(|p| panic!("{p}"));
    let manifest = &generated.files["services-cn/shapes/Cargo.toml"];
    assert!(
        manifest.contains("name = \"tencentcloud-sdk-cn-shapes\""),
        "{manifest}"
    );
    assert!(manifest.contains(
        "# @generated by `cargo xtask gen` from api-spec-cn/shapes/2020-01-01/service.json."
    ));
    assert!(generated
        .files
        .keys()
        .all(|f| f.starts_with("services-cn/")));
    let handle = generated
        .files
        .iter()
        .find(|(f, _)| f.ends_with("/create_thing.rs"))
        .map(|(_, text)| text)
        .unwrap();
    assert!(handle.contains("创建一个对象。"));
    assert!(
        handle.contains("const REGIONS: &'static [&'static str] = &[];"),
        "{handle}"
    );
}

#[test]
fn a_tree_that_names_no_edition_is_international_and_its_schema_refs_are_checked() {
    let cn = tree("editions-schema", Edition::Cn);
    import(
        &sources(fixture("import/tccli/services"), Edition::Cn, None),
        &cn,
    );
    // The same files read as an international tree: every $schema is wrong.
    fs::remove_file(cn.join(codegen::spec::EDITION_FILE)).unwrap();
    let problems = codegen::spec::load(&cn).expect_err("schema refs of the other edition");
    let text = problems.to_string();
    assert!(
        text.contains(
            "shapes/2020-01-01/service.json: $.$schema: must be \"../../spec.schema.json\""
        ),
        "{text}"
    );
}

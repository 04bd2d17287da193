//! A catalog of the Chinese-site edition is served from its own files: a
//! member only that edition has is read, not refused by the compiled
//! (international) validators of the same action.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{error_code, Call};
use serde_json::Value;
use tencentcloud_mock::{Catalog, MockServer};

/// A copy of redis 2018-04-12 in which `CloneInstances` has one more
/// optional member, as a tree of `edition` (`None`: no edition file).
fn tree(name: &str, edition: Option<&str>) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&root);
    let from = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../api-spec/redis/2018-04-12"
    ));
    let to = root.join("redis/2018-04-12");
    for sub in ["", "actions", "structures"] {
        fs::create_dir_all(to.join(sub)).unwrap();
        for entry in fs::read_dir(from.join(sub)).unwrap().flatten() {
            if entry.path().is_file() {
                fs::copy(entry.path(), to.join(sub).join(entry.file_name())).unwrap();
            }
        }
    }
    let action = to.join("actions/CloneInstances.json");
    let mut spec: Value = serde_json::from_str(&fs::read_to_string(&action).unwrap()).unwrap();
    spec["parameters"].as_array_mut().unwrap().push(serde_json::json!({
        "name": "OnlyOnTheChineseSite", "type": "String", "required": false, "description": "仅中国站"
    }));
    fs::write(&action, serde_json::to_string_pretty(&spec).unwrap()).unwrap();
    if let Some(edition) = edition {
        fs::write(
            root.join("edition.json"),
            format!(
                "{{\"$schema\": \"../api-spec/spec.schema.json\", \"edition\": \"{edition}\"}}"
            ),
        )
        .unwrap();
    }
    root
}

async fn answer(root: &Path) -> (common::Answer, MockServer) {
    let mock = MockServer::start(common::ID, common::KEY)
        .await
        .expect("mock starts");
    let catalog = Catalog::open(root).expect("opens");
    mock.serve_specs(catalog);
    let mut body = common::redis_request();
    body["OnlyOnTheChineseSite"] = "是".into();
    let a = common::send(mock.addr(), &Call::redis(body))
        .await
        .expect("answer");
    (a, mock)
}

#[tokio::test]
async fn a_chinese_site_catalog_serves_its_own_members() {
    let (a, _mock) = answer(&tree("editions-mock-cn", Some("cn"))).await;
    assert!(a.body["Response"].get("Error").is_none(), "{}", a.body);
}

#[tokio::test]
async fn an_international_catalog_leaves_compiled_actions_to_their_validators() {
    let (a, _mock) = answer(&tree("editions-mock-intl", None)).await;
    assert_eq!(error_code(&a), "UnknownParameter", "{}", a.body);
}

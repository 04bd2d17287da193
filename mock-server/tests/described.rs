//! Services the mock serves from `api-spec/` files rather than compiled code:
//! the whole surface, checked by the spec's reference validator. Requests are
//! signed independently of the SDK (see `protocol.rs`).

mod common;

use std::path::Path;

use common::{error_code, Call, ID, KEY};
use serde_json::{json, Value};
use tencentcloud_mock::{Catalog, MockServer, Verdict};

fn spec_root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../api-spec"))
}

async fn mock() -> MockServer {
    let mock = MockServer::start(ID, KEY).await.expect("mock starts");
    mock.serve_specs(Catalog::open(spec_root()).expect("api-spec/ opens"));
    mock
}

fn call<'a>(service: &'a str, version: &'a str, action: &'a str, body: Value) -> Call<'a> {
    Call {
        service,
        action,
        version,
        region: Some("ap-guangzhou"),
        ..Call::redis(body)
    }
}

fn response(a: &common::Answer) -> &Value {
    &a.body["Response"]
}

#[tokio::test]
async fn an_uncompiled_service_answers_with_its_example() {
    let mock = mock().await;
    let body = json!({"Limit": 1, "Offset": 0, "Filters": [{"Name": "zone", "Values": ["ap-guangzhou-3"]}]});
    let a = common::send(
        mock.addr(),
        &call("cvm", "2017-03-12", "DescribeInstances", body),
    )
    .await
    .expect("answer");
    assert_eq!(a.status, 200);
    let r = response(&a);
    assert!(r.get("Error").is_none(), "{r}");
    assert!(r["InstanceSet"].is_array(), "the example's members: {r}");
    assert!(r["RequestId"].is_string());
    assert_eq!(mock.requests()[0].verdict, Verdict::Accepted);
}

/// autoscaling signs and is addressed as `as`, as the official SDKs do.
#[tokio::test]
async fn a_service_is_found_by_its_signing_name() {
    let mock = mock().await;
    let a = common::send(
        mock.addr(),
        &call("as", "2018-04-19", "DescribeAutoScalingGroups", json!({})),
    )
    .await
    .expect("answer");
    assert!(response(&a).get("Error").is_none(), "{}", a.body);
    let by_folder = common::send(
        mock.addr(),
        &call(
            "autoscaling",
            "2018-04-19",
            "DescribeAutoScalingGroups",
            json!({}),
        ),
    )
    .await
    .expect("answer");
    assert_eq!(error_code(&by_folder), "InvalidAction");
}

#[tokio::test]
async fn requests_are_checked_against_the_spec() {
    let mock = mock().await;
    let send = |action: &'static str, body: Value| {
        let addr = mock.addr();
        async move {
            common::send(addr, &call("vpc", "2017-03-12", action, body))
                .await
                .expect("answer")
        }
    };
    // CreateVpc requires VpcName and CidrBlock.
    let missing = send("CreateVpc", json!({"VpcName": "v"})).await;
    assert_eq!(error_code(&missing), "MissingParameter");
    assert!(
        response(&missing)["Error"]["Message"]
            .as_str()
            .unwrap_or_default()
            .contains("CidrBlock [required]"),
        "{}",
        missing.body
    );
    let unknown = send(
        "CreateVpc",
        json!({"VpcName": "v", "CidrBlock": "10.0.0.0/16", "Colour": "red"}),
    )
    .await;
    assert_eq!(error_code(&unknown), "UnknownParameter");
    let wrong = send(
        "CreateVpc",
        json!({"VpcName": {"Name": "v"}, "CidrBlock": "10.0.0.0/16"}),
    )
    .await;
    assert_eq!(error_code(&wrong), "InvalidParameter");
    // A number where a string belongs is read as its text, as the live API does.
    let number = send(
        "CreateVpc",
        json!({"VpcName": 7, "CidrBlock": "10.0.0.0/16"}),
    )
    .await;
    assert!(response(&number).get("Error").is_none(), "{}", number.body);
    let fine = send(
        "CreateVpc",
        json!({"VpcName": "v", "CidrBlock": "10.0.0.0/16"}),
    )
    .await;
    assert!(response(&fine).get("Error").is_none(), "{}", fine.body);
}

#[tokio::test]
async fn unknown_versions_actions_and_services_are_told_apart() {
    let mock = mock().await;
    let cases = [
        ("cvm", "2015-01-01", "DescribeInstances", "NoSuchVersion"),
        ("cvm", "2017-03-12", "DestroyEverything", "InvalidAction"),
        (
            "nosuchservice",
            "2017-03-12",
            "DescribeInstances",
            "InvalidAction",
        ),
    ];
    for (service, version, action, code) in cases {
        let a = common::send(mock.addr(), &call(service, version, action, json!({})))
            .await
            .expect("answer");
        assert_eq!(error_code(&a), code, "{service} {version} {action}");
    }
}

/// The compiled services keep their generated validators: a curated rule
/// the reference validator also has gives the generated message.
#[tokio::test]
async fn compiled_services_still_use_the_generated_code() {
    let mock = mock().await;
    let a = common::send(mock.addr(), &Call::redis(json!({"InstanceId": "crs-1"})))
        .await
        .expect("answer");
    assert_eq!(error_code(&a), "MissingParameter");
    let message = response(&a)["Error"]["Message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("[required"), "{message}");
}

/// The catalog holds every service version of `api-spec/`, each found by
/// signing name and version.
#[test]
fn the_catalog_serves_every_service_version() {
    let catalog = Catalog::open(spec_root()).expect("opens");
    let mut folders = 0;
    for service in std::fs::read_dir(spec_root()).expect("api-spec").flatten() {
        folders += std::fs::read_dir(service.path())
            .into_iter()
            .flatten()
            .flatten()
            .filter(|v| v.path().join("service.json").is_file())
            .count();
    }
    assert!(folders >= 150, "{folders} service versions in api-spec/");
    assert_eq!(catalog.len(), folders);
    let action = catalog
        .find("cvm", "2017-03-12", "RunInstances")
        .expect("RunInstances is served");
    assert_eq!(action.spec().name, "RunInstances");
}

#[test]
fn a_broken_service_file_is_named() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("described-broken");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("demo/2020-01-01")).expect("dir");
    std::fs::write(dir.join("demo/2020-01-01/service.json"), "{\"service\": ").expect("write");
    let e = Catalog::open(&dir).expect_err("broken");
    assert!(e.contains("demo/2020-01-01/service.json"), "{e}");
}

//! The generated client against the mock, end to end, for both actions:
//! success, the server's verdict on each class of bad request (local
//! validation switched off), bad signatures, expired timestamps, and retry
//! sequences.

mod common;

use std::time::Duration;

use serde_json::json;
use tencentcloud_mock::{MockServer, Reply, Verdict};
use tencentcloud_sdk::client::{CallOptions, Client, Error, RetryPolicy};
use tencentcloud_sdk::credentials::Credentials;
use tencentcloud_sdk::postgres::v20170312 as pg;
use tencentcloud_sdk::redis::v20180412 as redis;
use tencentcloud_sdk::registry;
use tencentcloud_sdk::ErrorCategory;

const ID: &str = "AKIDe2eEXAMPLE";
const KEY: &str = "e2eSecretKeyEXAMPLE";

fn client(mock: &MockServer, key: &str) -> Client {
    Client::builder()
        .region("ap-guangzhou")
        .credentials(Credentials::new(ID, key))
        .endpoint_url(mock.endpoint())
        .retry_policy(
            RetryPolicy::new(3)
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(5)),
        )
        .build()
        .expect("client")
}

fn pg_request() -> pg::CloneDBInstanceRequest {
    pg::CloneDBInstanceRequest::builder()
        .db_instance_id("postgres-abcd1234")
        .spec_code("cdb.pg.z1.2g")
        .storage(10)
        .period(1)
        .auto_renew_flag(pg::AutoRenewFlag::AutoRenewal)
        .vpc_id("vpc-2ot3acw1")
        .subnet_id("subnet-ppv9iw34")
        .recovery_target_time("2021-12-25 01:27:35")
        .db_node_set([pg::DBNode {
            role: Some(pg::DBNodeRole::Primary),
            zone: Some("ap-guangzhou-3".into()),
            ..Default::default()
        }])
        .build()
        .expect("valid")
}

fn redis_request() -> redis::CloneInstancesRequest {
    common::redis_clone("Redis-pass-1")
}

fn service_code<C: tencentcloud_sdk::ErrorCode>(e: &Error<C>) -> String {
    e.code()
        .map(|c| c.as_str().to_owned())
        .unwrap_or_else(|| format!("(not a service error: {e})"))
}

#[tokio::test]
async fn both_actions_succeed_through_the_generated_handles() {
    let mock = MockServer::start(ID, KEY).await.expect("mock");
    let c = client(&mock, KEY);
    let pg = c
        .postgres()
        .clone_db_instance(pg_request())
        .await
        .expect("postgres call");
    assert_eq!(pg.deal_name, "20211225711000768276461");
    assert_eq!(pg.db_instance_id.as_deref(), Some("postgres-xxxx"));
    assert!(!pg.request_id.is_empty());
    let rd = c
        .redis()
        .clone_instances(redis_request())
        .await
        .expect("redis call");
    assert_eq!(rd.instance_ids, ["crs-kic3****"]);
    let seen = mock.requests();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|r| r.verdict == Verdict::Accepted));
    assert_eq!(seen[0].headers["x-tc-action"], "CloneDBInstance");
    assert_eq!(seen[0].headers["x-tc-version"], "2017-03-12");
    assert_eq!(seen[1].headers["x-tc-region"], "ap-guangzhou");
    assert!(
        !seen[1].body.contains("\"NoAuth\""),
        "absent optional fields are not sent"
    );
}

#[tokio::test]
async fn the_servers_verdict_on_each_class_of_bad_request() {
    let mock = MockServer::start(ID, KEY).await.expect("mock");
    let c = client(&mock, KEY);
    let unchecked = CallOptions::new().validate(false);

    let mut missing = redis_request();
    missing.backup_id = None;
    let e = c
        .redis()
        .clone_instances_with(missing, unchecked)
        .await
        .expect_err("missing");
    assert_eq!(service_code(&e), "MissingParameter");
    assert_eq!(
        e.code().map(|c| c.category()),
        Some(ErrorCategory::InvalidParameter)
    );

    let mut out_of_range = redis_request();
    out_of_range.v_port = Some(80);
    let e = c
        .redis()
        .clone_instances_with(out_of_range, unchecked)
        .await
        .expect_err("range");
    assert_eq!(service_code(&e), "InvalidParameterValue");
    assert!(
        e.to_string()
            .contains("VPort: 80 is not between 1024 and 65535"),
        "{e}"
    );

    let mut unknown_value = pg_request();
    unknown_value.instance_charge_type = Some(pg::InstanceChargeType::Unknown("prepaid".into()));
    let e = c
        .postgres()
        .clone_db_instance_with(unknown_value, unchecked)
        .await
        .expect_err("enum");
    assert_eq!(service_code(&e), "InvalidParameterValue");

    let mut both = pg_request();
    both.backup_set_id = Some("bk-1".into());
    let e = c
        .postgres()
        .clone_db_instance_with(both, unchecked)
        .await
        .expect_err("rule");
    assert_eq!(service_code(&e), "InvalidParameterValue");
    assert!(
        e.to_string()
            .contains("exactly one of BackupSetId, RecoveryTargetTime"),
        "{e}"
    );

    // Every request reached the server and was rejected there.
    let verdicts: Vec<_> = mock.requests().into_iter().map(|r| r.verdict).collect();
    assert_eq!(verdicts.len(), 4);
    assert!(verdicts.iter().all(|v| matches!(v, Verdict::Rejected(_))));

    // With validation on (the default), the same request never leaves the machine.
    let mut local = redis_request();
    local.v_port = Some(80);
    let e = c.redis().clone_instances(local).await.expect_err("local");
    assert!(matches!(e, Error::Validation(_)), "{e}");
    assert_eq!(mock.requests().len(), 4);
}

#[tokio::test]
async fn bad_signatures_and_expired_timestamps() {
    let mock = MockServer::start(ID, KEY).await.expect("mock");
    let e = client(&mock, "wrong-key")
        .redis()
        .clone_instances(redis_request())
        .await
        .expect_err("bad key");
    assert_eq!(service_code(&e), "AuthFailure.SignatureFailure");
    assert_eq!(
        e.code().map(|c| c.category()),
        Some(ErrorCategory::Authentication)
    );
    assert!(e.request_id().is_some_and(|id| !id.is_empty()));
    assert!(
        !format!("{e} {e:?}").contains("wrong-key"),
        "the key never shows"
    );

    mock.set_clock_offset(10 * 60);
    let e = client(&mock, KEY)
        .postgres()
        .clone_db_instance(pg_request())
        .await
        .expect_err("expired");
    assert_eq!(service_code(&e), "AuthFailure.SignatureExpire");
    // Authentication failures are not retried.
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn rate_limits_are_retried_and_ambiguous_failures_are_not() {
    let mock = MockServer::start(ID, KEY).await.expect("mock");
    let c = client(&mock, KEY);
    mock.on(
        "CloneInstances",
        [
            Reply::error("RequestLimitExceeded", "slow down"),
            Reply::error("RequestLimitExceeded.UinLimitExceeded", "slow down"),
            Reply::Example,
        ],
    );
    let ok = c
        .redis()
        .clone_instances(redis_request())
        .await
        .expect("third attempt succeeds");
    assert_eq!(ok.deal_id, "crs-qd3d3XXX");
    assert_eq!(mock.requests().len(), 3);

    // A dropped connection after sending may have bought an instance: one attempt only.
    mock.on("CloneDBInstance", [Reply::Drop, Reply::Example]);
    let e = c
        .postgres()
        .clone_db_instance(pg_request())
        .await
        .expect_err("ambiguous");
    assert!(e.is_ambiguous(), "{e}");
    assert_eq!(mock.requests().len(), 4);
    // Opting in retries it.
    mock.on("CloneDBInstance", [Reply::Drop, Reply::Example]);
    let ok = c
        .postgres()
        .clone_db_instance_with(pg_request(), CallOptions::new().retry_ambiguous(true))
        .await
        .expect("retried after opting in");
    assert_eq!(ok.bill_id, "20211225711000768276471");
    assert_eq!(mock.requests().len(), 6);

    // A gateway error without an envelope is ambiguous too.
    mock.on(
        "CloneInstances",
        [Reply::Raw {
            status: 502,
            content_type: "text/html".into(),
            body: "bad gateway".into(),
        }],
    );
    let e = c
        .redis()
        .clone_instances(redis_request())
        .await
        .expect_err("502");
    assert!(
        matches!(&e, Error::MayHaveBought { failure, .. } if matches!(**failure, Error::UnexpectedStatus { status: 502, .. })),
        "{e}"
    );
    assert_eq!(mock.requests().len(), 7);
}

#[tokio::test]
async fn calls_by_name_through_the_registry() {
    let mock = MockServer::start(ID, KEY).await.expect("mock");
    let c = client(&mock, KEY);
    let entry = registry::find("redis", "2018-04-12", "CloneInstances").expect("entry");
    let body = serde_json::to_value(redis_request()).expect("json");
    let response = (entry.call_json)(&c, body).await.expect("call");
    assert_eq!(response["InstanceIds"], json!(["crs-kic3****"]));
    let err = (entry.call_json)(&c, json!({"InstanceId": ["crs-1"]}))
        .await
        .expect_err("not a request");
    assert_eq!(
        err.message,
        "request not sent: InstanceId: invalid type: sequence, expected a string"
    );
    assert!(err.local && !err.ambiguous, "{err:?}");
    // Numbers and booleans written as strings read as the live API reads them;
    // a wrong one, or a member the action lacks, is named by its wire path.
    let mut body = serde_json::to_value(redis_request()).expect("json");
    body["GoodsNum"] = json!("x");
    let err = (entry.call_json)(&c, body.clone()).await.expect_err("x");
    assert_eq!(
        err.message,
        "request not sent: GoodsNum: invalid type: string \"x\", expected an integer"
    );
    body["GoodsNum"] = json!("1");
    let mut typo = body.clone();
    typo["NodeSet"] = json!([{"NodeType": "0", "Shard": 1}]);
    let err = (entry.call_json)(&c, typo).await.expect_err("Shard");
    assert_eq!(
        err.message,
        "request not sent: NodeSet[0].Shard: unknown parameter"
    );
    let sent_before = mock.requests().len();
    (entry.call_json)(&c, body)
        .await
        .expect("string numbers accepted");
    let sent = mock.requests();
    assert_eq!(sent.len(), sent_before + 1);
    let wire: serde_json::Value = serde_json::from_str(&sent[sent_before].body).expect("body");
    assert_eq!(wire["GoodsNum"], json!(1), "sent as the declared type");
    // An answer lost after a purchase reads as a possible purchase by name too.
    mock.on("CloneInstances", [tencentcloud_mock::Reply::Drop]);
    let body = serde_json::to_value(redis_request()).expect("json");
    let err = (entry.call_json)(&c, body).await.expect_err("dropped");
    assert!(
        err.ambiguous && err.may_have_bought && !err.local,
        "{err:?}"
    );
    assert!(
        err.message.contains("CloneInstances may have bought"),
        "{err}"
    );
}

/// The SDK's signature of each action equals the one an independent
/// implementation of the published steps computes over the same bytes.
#[test]
fn signing_of_both_actions_matches_an_independent_signer() {
    let client = Client::builder()
        .region("ap-guangzhou")
        .credentials(Credentials::new(ID, KEY))
        .endpoint_url("http://127.0.0.1:9")
        .build()
        .expect("client");
    let prepared = [
        (
            "postgres",
            client
                .prepare::<pg::CloneDBInstance>(&pg_request())
                .expect("postgres"),
        ),
        (
            "redis",
            client
                .prepare::<redis::CloneInstances>(&redis_request())
                .expect("redis"),
        ),
    ];
    for (service, p) in prepared {
        let header = |name: &str| {
            p.header(name)
                .unwrap_or_else(|| panic!("{service}: no {name}"))
                .to_owned()
        };
        let timestamp: u64 = header("x-tc-timestamp").parse().expect("timestamp");
        let body = std::str::from_utf8(p.body()).expect("utf-8");
        let expected = common::tc3(
            ID,
            KEY,
            service,
            &header("host"),
            &header("content-type"),
            body,
            timestamp,
        );
        assert_eq!(header("authorization"), expected, "{service}");
    }
}

//! The mock against requests built independently of the SDK: this file signs
//! with hmac/sha2 directly, following the published TC3 steps, and speaks
//! HTTP/1.1 over a plain TCP socket.

mod common;

use std::time::Duration;

use common::{error_code, now, redis_request, tc3, Call, ID, KEY};
use serde_json::json;
use tencentcloud_mock::{MockServer, Reply, Verdict};
use tokio::net::TcpStream;

async fn send(mock: &MockServer, call: &Call<'_>) -> Option<common::Answer> {
    common::send(mock.addr(), call).await
}

#[test]
fn the_independent_signer_reproduces_the_published_vector() {
    let body =
        r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
    let auth = tc3(
        "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        "cvm",
        "cvm.tencentcloudapi.com",
        "application/json; charset=utf-8",
        body,
        1_551_113_065,
    );
    assert!(
        auth.ends_with(
            "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        ),
        "{auth}"
    );
}

async fn mock() -> MockServer {
    MockServer::start(ID, KEY).await.expect("mock starts")
}

#[tokio::test]
async fn a_correct_request_gets_the_example_in_the_real_envelope() {
    let mock = mock().await;
    let a = send(&mock, &Call::redis(redis_request()))
        .await
        .expect("answer");
    assert_eq!(a.status, 200);
    assert_eq!(a.content_type, "application/json");
    assert_eq!(a.body["Response"]["InstanceIds"], json!(["crs-kic3****"]));
    assert_eq!(a.body["Response"]["DealId"], "crs-qd3d3XXX");
    let id = a.body["Response"]["RequestId"].as_str().expect("RequestId");
    assert_ne!(
        id, "2a836c00-175f-11eb-aeb3-db134c8dXXXX",
        "a fresh RequestId"
    );
    let b = send(&mock, &Call::redis(redis_request()))
        .await
        .expect("answer");
    assert_ne!(
        b.body["Response"]["RequestId"],
        a.body["Response"]["RequestId"]
    );
    let seen = mock.requests();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].verdict, Verdict::Accepted);
    assert_eq!(seen[0].action.as_deref(), Some("CloneInstances"));
    assert_eq!(seen[0].json(), Some(redis_request()));
    assert!(
        seen[0].headers["authorization"].starts_with("TC3-HMAC-SHA256 Credential=AKIDmockEXAMPLE/")
    );
}

#[tokio::test]
async fn signature_problems_are_authentication_errors() {
    let mock = mock().await;
    let wrong_key = Call {
        secret_key: "not-the-key",
        ..Call::redis(redis_request())
    };
    assert_eq!(
        error_code(&send(&mock, &wrong_key).await.expect("answer")),
        "AuthFailure.SignatureFailure"
    );
    let tampered = Call {
        tamper_body: true,
        ..Call::redis(redis_request())
    };
    assert_eq!(
        error_code(&send(&mock, &tampered).await.expect("answer")),
        "AuthFailure.SignatureFailure"
    );
    let expired = Call {
        timestamp: now() - 301,
        ..Call::redis(redis_request())
    };
    assert_eq!(
        error_code(&send(&mock, &expired).await.expect("answer")),
        "AuthFailure.SignatureExpire"
    );
    let future = Call {
        timestamp: now() + 400,
        ..Call::redis(redis_request())
    };
    assert_eq!(
        error_code(&send(&mock, &future).await.expect("answer")),
        "AuthFailure.SignatureExpire"
    );
    let stranger = Call {
        secret_id: "AKIDunknown",
        ..Call::redis(redis_request())
    };
    assert_eq!(
        error_code(&send(&mock, &stranger).await.expect("answer")),
        "AuthFailure.SecretIdNotFound"
    );
    // The mock's clock can be moved instead of the request's.
    mock.set_clock_offset(600);
    assert_eq!(
        error_code(
            &send(&mock, &Call::redis(redis_request()))
                .await
                .expect("answer")
        ),
        "AuthFailure.SignatureExpire"
    );
    let rejected = mock
        .requests()
        .iter()
        .filter(|r| matches!(r.verdict, Verdict::Rejected(_)))
        .count();
    assert_eq!(rejected, 6);
}

#[tokio::test]
async fn dispatch_and_common_headers() {
    let mock = mock().await;
    let missing = Call {
        skip_header: Some("X-TC-Action"),
        ..Call::redis(redis_request())
    };
    let a = send(&mock, &missing).await.expect("answer");
    assert_eq!(error_code(&a), "MissingParameter");
    assert!(a.body["Response"]["Error"]["Message"]
        .as_str()
        .unwrap_or_default()
        .contains("X-TC-Action"));
    let no_region = Call {
        region: None,
        ..Call::redis(redis_request())
    };
    assert_eq!(
        error_code(&send(&mock, &no_region).await.expect("answer")),
        "MissingParameter"
    );
    let unknown = Call {
        action: "DestroyEverything",
        ..Call::redis(redis_request())
    };
    assert_eq!(
        error_code(&send(&mock, &unknown).await.expect("answer")),
        "InvalidAction"
    );
    let version = Call {
        version: "2015-01-01",
        ..Call::redis(redis_request())
    };
    assert_eq!(
        error_code(&send(&mock, &version).await.expect("answer")),
        "NoSuchVersion"
    );
    let pg = Call {
        service: "postgres",
        action: "CloneDBInstance",
        version: "2017-03-12",
        region: Some("eu-moscow"),
        ..Call::redis(json!({}))
    };
    assert_eq!(
        error_code(&send(&mock, &pg).await.expect("answer")),
        "UnsupportedRegion"
    );
}

#[tokio::test]
async fn bodies_are_read_strictly_and_validated() {
    let mock = mock().await;
    let mut body = redis_request();
    body["Pasword"] = json!("x");
    let a = send(&mock, &Call::redis(body)).await.expect("answer");
    assert_eq!(error_code(&a), "UnknownParameter");
    assert_eq!(
        a.body["Response"]["Error"]["Message"],
        "The parameter Pasword is not recognized."
    );

    let mut body = redis_request();
    body["GoodsNum"] = json!("one");
    let a = send(&mock, &Call::redis(body)).await.expect("answer");
    assert_eq!(error_code(&a), "InvalidParameter");
    assert!(a.body["Response"]["Error"]["Message"]
        .as_str()
        .unwrap_or_default()
        .starts_with("GoodsNum: invalid type"));

    let mut body = redis_request();
    body.as_object_mut().expect("object").remove("Password");
    let a = send(&mock, &Call::redis(body)).await.expect("answer");
    assert_eq!(error_code(&a), "MissingParameter");
    assert_eq!(
        a.body["Response"]["Error"]["Message"],
        "Password: is required when NoAuth is false [required_if]"
    );

    let mut body = redis_request();
    body["VPort"] = json!(80);
    body["Period"] = json!(7);
    let a = send(&mock, &Call::redis(body)).await.expect("answer");
    assert_eq!(error_code(&a), "InvalidParameterValue");
    assert_eq!(
        a.body["Response"]["Error"]["Message"],
        "VPort: 80 is not between 1024 and 65535 [range]; Period: 7 is not allowed (allowed: 1) when BillingMode is 0 (Pay-as-you-go) [allowed]"
    );
}

#[tokio::test]
async fn scripted_replies_sequences_delays_and_drops() {
    let mock = mock().await;
    mock.on(
        "CloneInstances",
        [
            Reply::error("RequestLimitExceeded", "slow down"),
            Reply::Drop,
            Reply::delayed(
                Duration::from_millis(20),
                Reply::Json(json!({"DealId": "d-1", "InstanceIds": ["crs-1"]})),
            ),
            Reply::handler(|r| {
                Reply::Json(
                    json!({"DealId": r.json().map(|b| b["BackupId"].clone()), "InstanceIds": []}),
                )
            }),
        ],
    );
    let first = send(&mock, &Call::redis(redis_request()))
        .await
        .expect("answer");
    assert_eq!(error_code(&first), "RequestLimitExceeded");
    assert!(
        send(&mock, &Call::redis(redis_request())).await.is_none(),
        "the connection is dropped"
    );
    let third = send(&mock, &Call::redis(redis_request()))
        .await
        .expect("answer");
    assert_eq!(third.body["Response"]["DealId"], "d-1");
    for _ in 0..2 {
        let again = send(&mock, &Call::redis(redis_request()))
            .await
            .expect("answer");
        assert_eq!(
            again.body["Response"]["DealId"], "331006369-11071477-*******",
            "the last reply repeats"
        );
    }
    mock.on(
        "CloneInstances",
        [Reply::Raw {
            status: 502,
            content_type: "text/html".into(),
            body: "<h1>Bad gateway</h1>".into(),
        }],
    );
    let raw = send(&mock, &Call::redis(redis_request()))
        .await
        .expect("answer");
    assert_eq!((raw.status, raw.content_type.as_str()), (502, "text/html"));
    assert_eq!(mock.requests().len(), 6);
}

#[tokio::test]
async fn the_mock_stops_when_dropped() {
    let mock = mock().await;
    let addr = mock.addr();
    drop(mock);
    // The accept loop ends on the stop signal; later connections are refused.
    let mut refused = false;
    for _ in 0..100 {
        if TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::task::yield_now().await;
    }
    assert!(refused, "the listener is closed after drop");
}

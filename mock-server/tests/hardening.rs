//! Regression tests for the findings of the independent probe (issue 14):
//! each failed before its fix.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{error_code, redis_request, send, Call};
use serde_json::json;
use tencentcloud_mock::{MockServer, Reply};
use tencentcloud_sdk::client::{CallOptions, Client, Error, RetryPolicy};
use tencentcloud_sdk::credentials::Credentials;
use tencentcloud_sdk::redis::v20180412 as redis;

const PASSWORD: &str = "Redis-pass-SECRET-1";

fn redis_clone() -> redis::CloneInstancesRequest {
    redis::CloneInstancesRequest::builder()
        .instance_id("crs-qddzg***")
        .goods_num(1)
        .zone_id(100_003)
        .billing_mode(redis::BillingMode::PayAsYouGo)
        .period(1)
        .security_group_id_list(["sg-o0lb0***".to_owned()])
        .backup_id("331006369-11071477-*******")
        .password(PASSWORD)
        .build()
        .expect("valid")
}

fn client(mock: &MockServer) -> Client {
    Client::builder()
        .region("ap-guangzhou")
        .credentials(Credentials::new(common::ID, common::KEY))
        .endpoint_url(mock.endpoint())
        .retry_policy(
            RetryPolicy::new(3)
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(2)),
        )
        .build()
        .expect("client")
}

/// Finding 3: a service that echoes the password in its error message.
#[tokio::test]
async fn an_echoed_password_is_masked_in_errors_and_retry_events() {
    let mock = MockServer::start(common::ID, common::KEY)
        .await
        .expect("mock");
    let echo = Reply::handler(|recorded| {
        let password = recorded
            .json()
            .map(|b| b["Password"].to_string())
            .unwrap_or_default();
        Reply::error(
            "InvalidParameter",
            &format!("password {password} is too weak"),
        )
    });
    mock.on(
        "CloneInstances",
        [
            Reply::error("RequestLimitExceeded", &format!("slow down {PASSWORD}")),
            echo,
        ],
    );
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = events.clone();
    let client = Client::builder()
        .region("ap-guangzhou")
        .credentials(Credentials::new(common::ID, common::KEY))
        .endpoint_url(mock.endpoint())
        .retry_policy(RetryPolicy::new(3).with_initial_backoff(Duration::from_millis(1)))
        .on_retry(move |e| seen.lock().unwrap().push(format!("{e:?}")))
        .build()
        .expect("client");
    let err = client
        .redis()
        .clone_instances(redis_clone())
        .await
        .unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(shown.contains("is too weak"), "{shown}");
    assert!(!shown.contains(PASSWORD), "{shown}");
    let events = events.lock().unwrap().join(" ");
    assert!(!events.is_empty() && !events.contains(PASSWORD), "{events}");
}

/// Finding 3: a password of the wrong JSON type is not quoted.
#[tokio::test]
async fn a_password_of_the_wrong_type_is_not_quoted() {
    let mut body = serde_json::to_value(redis_clone()).unwrap();
    body["Password"] = json!(12345678);
    let err = serde_json::from_value::<redis::CloneInstancesRequest>(body.clone()).unwrap_err();
    assert!(!err.to_string().contains("12345678"), "{err}");
    assert!(err.to_string().contains("sensitive"), "{err}");

    let mock = MockServer::start(common::ID, common::KEY)
        .await
        .expect("mock");
    let mut raw = redis_request();
    raw["Password"] = json!(12345678);
    let answer = send(mock.addr(), &Call::redis(raw)).await.expect("answer");
    assert_eq!(error_code(&answer), "InvalidParameter");
    let message = answer.body["Response"]["Error"]["Message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.starts_with("Password:"), "{message}");
    assert!(!message.contains("12345678"), "{message}");
}

/// Finding 8: an `InternalError` answer to a purchase may mean the order
/// went through: ambiguous, so not retried unless asked.
#[tokio::test]
async fn internal_errors_are_ambiguous_and_not_retried_by_default() {
    let mock = MockServer::start(common::ID, common::KEY)
        .await
        .expect("mock");
    let broke = || Reply::error("InternalError", "something broke");
    mock.on("CloneInstances", [broke(), broke(), Reply::Example]);
    let client = client(&mock);
    let err = client
        .redis()
        .clone_instances(redis_clone())
        .await
        .unwrap_err();
    assert!(err.is_ambiguous(), "{err:?}");
    assert!(matches!(err, Error::Service { .. }));
    assert_eq!(mock.requests().len(), 1, "never buy twice");
    // Opting in retries it.
    client
        .redis()
        .clone_instances_with(redis_clone(), CallOptions::new().retry_ambiguous(true))
        .await
        .expect("the retry succeeds");
    assert_eq!(mock.requests().len(), 3);
}

/// Finding 8: an error without a RequestId has none, rather than an empty one.
#[tokio::test]
async fn an_error_without_request_id_has_none() {
    let mock = MockServer::start(common::ID, common::KEY)
        .await
        .expect("mock");
    mock.on(
        "CloneInstances",
        [Reply::Raw {
            status: 200,
            content_type: "application/json".into(),
            body: json!({"Response": {"Error": {"Code": "InvalidParameter", "Message": "bad"}}})
                .to_string(),
        }],
    );
    let err = client(&mock)
        .redis()
        .clone_instances(redis_clone())
        .await
        .unwrap_err();
    assert_eq!(err.request_id(), None, "{err:?}");
    assert!(!err.to_string().contains("RequestId: )"), "{err}");
}

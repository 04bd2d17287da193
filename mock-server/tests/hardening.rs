//! Regression tests for the findings of the independent probe (issue 14)
//! and of issue 24 (hostile clients, extreme values): each failed before its
//! fix.

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
    common::redis_clone(PASSWORD)
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
    // CloneInstances buys: the error says it may have, and what to check.
    let Error::MayHaveBought { failure, check, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(matches!(**failure, Error::Service { .. }), "{failure:?}");
    assert!(check.contains("DescribeInstances"), "{check}");
    assert!(
        err.to_string().contains("CloneInstances may have bought"),
        "{err}"
    );
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

/// Finding 5: a body is one JSON object, and structures are objects.
#[tokio::test]
async fn bodies_are_one_json_object_and_structures_are_not_arrays() {
    let mock = MockServer::start(common::ID, common::KEY)
        .await
        .expect("mock");
    let valid = redis_request().to_string();
    for body in [
        format!("{valid} garbage"),
        format!("{valid}{{\"Password\":\"other\"}}"),
        format!("{valid}\n{valid}"),
    ] {
        let mut call = Call::redis(json!({}));
        call.body = body.clone();
        let answer = send(mock.addr(), &call).await.expect("answer");
        assert_eq!(error_code(&answer), "InvalidParameter", "{body}");
    }
    // A structure sent as a positional array is not remapped onto its fields.
    let mut tags = redis_request();
    tags["ResourceTags"] = json!([["v", "k"]]);
    let answer = send(mock.addr(), &Call::redis(tags)).await.expect("answer");
    assert_eq!(error_code(&answer), "InvalidParameter");
    let message = answer.body["Response"]["Error"]["Message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("ResourceTags[0]"), "{message}");
    assert!(mock
        .requests()
        .iter()
        .all(|r| r.verdict != tencentcloud_mock::Verdict::Accepted));
}

/// Sends raw bytes on a new connection and reads until the server closes
/// it (or 5 s pass, which fails the caller's assertions).
async fn raw_exchange(addr: std::net::SocketAddr, bytes: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream.write_all(bytes).await.expect("write");
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}

/// Finding 1: the mock keeps a bounded record with bounded bodies.
#[tokio::test]
async fn the_request_record_is_bounded() {
    let mock = MockServer::start(common::ID, common::KEY)
        .await
        .expect("mock");
    // An unauthenticated 1 MB request is recorded with 64 KiB of its body.
    let mut big = Call::redis(redis_request());
    big.body = format!("{{\"Pad\":\"{}\"}}", "x".repeat(1 << 20));
    big.secret_key = "wrong";
    send(mock.addr(), &big).await.expect("answer");
    let seen = mock.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].body.len(), tencentcloud_mock::RECORDED_BODY_BYTES);
    // At most the limit, the newest kept.
    mock.set_record_limit(3);
    for n in 0..5 {
        let mut call = Call::redis(redis_request());
        call.body = format!("{{\"N\":{n}}}");
        send(mock.addr(), &call).await.expect("answer");
    }
    let bodies: Vec<String> = mock.requests().into_iter().map(|r| r.body).collect();
    assert_eq!(bodies, ["{\"N\":2}", "{\"N\":3}", "{\"N\":4}"]);
    mock.clear_requests();
    assert!(mock.requests().is_empty());
}

/// Finding 2: a client that never finishes its headers is cut off.
#[tokio::test]
async fn slow_clients_are_disconnected() {
    let mock = MockServer::start(common::ID, common::KEY)
        .await
        .expect("mock");
    mock.set_header_timeout(Duration::from_millis(200));
    let started = std::time::Instant::now();
    let answer = raw_exchange(
        mock.addr(),
        b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ",
    )
    .await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the connection stayed open"
    );
    assert!(!answer.contains("200 OK"), "{answer}");
}

/// Finding 8: a malformed chunked body is not reported as too large.
#[tokio::test]
async fn a_malformed_chunked_body_is_reported_as_such() {
    let mock = MockServer::start(common::ID, common::KEY)
        .await
        .expect("mock");
    let answer = raw_exchange(
        mock.addr(),
        b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
    )
    .await;
    assert!(!answer.contains("exceeds 10 MB"), "{answer}");
    assert!(answer.contains("could not be read"), "{answer}");
}

/// Finding 7: a correct signature over more headers than `content-type;host`
/// (the signature documentation's own example signs `x-tc-action` too).
#[tokio::test]
async fn signatures_over_more_headers_are_accepted() {
    let mock = MockServer::start(common::ID, common::KEY)
        .await
        .expect("mock");
    let call = Call {
        sign_action: true,
        ..Call::redis(redis_request())
    };
    let answer = send(mock.addr(), &call).await.expect("answer");
    assert_eq!(answer.status, 200);
    assert!(
        answer.body["Response"]["Error"].is_null(),
        "{}",
        answer.body
    );
    let auth = &mock.requests()[0].headers["authorization"];
    assert!(
        auth.contains("SignedHeaders=content-type;host;x-tc-action"),
        "{auth}"
    );
    // Signed over more headers, but with the wrong key: still refused.
    let wrong = Call {
        sign_action: true,
        secret_key: "wrong",
        ..Call::redis(redis_request())
    };
    let answer = send(mock.addr(), &wrong).await.expect("answer");
    assert_eq!(error_code(&answer), "AuthFailure.SignatureFailure");
}

/// The error message of an answer.
fn message(answer: &common::Answer) -> &str {
    answer.body["Response"]["Error"]["Message"]
        .as_str()
        .unwrap_or_default()
}

/// The start of a message, for assertion failures.
fn head(message: &str) -> String {
    message.chars().take(300).collect()
}

/// Asserts an error message quotes at most an excerpt: under 1 KiB, and
/// saying how long the value was when it was cut.
fn assert_short(message: &str, total: usize) {
    assert!(
        message.len() < 1024,
        "{} bytes: {}…",
        message.len(),
        head(message)
    );
    assert!(
        message.contains(&format!("({total} characters)")),
        "{}",
        head(message)
    );
}

/// Issue 24, finding 4: a 1 MiB region is not echoed whole. Sent over
/// HTTP (as large as hyper reads a header) and checked directly at 1 MiB,
/// of multi-byte characters so the cut must fall on a char boundary.
#[tokio::test]
async fn a_huge_region_is_quoted_as_an_excerpt() {
    let mock = MockServer::start(common::ID, common::KEY)
        .await
        .expect("mock");
    let region = format!("eu-{}", "x".repeat(256 * 1024));
    let call = Call {
        service: "postgres",
        action: "CloneDBInstance",
        version: "2017-03-12",
        region: Some(&region),
        ..Call::redis(json!({}))
    };
    let answer = send(mock.addr(), &call).await.expect("answer");
    assert_eq!(error_code(&answer), "UnsupportedRegion");
    assert!(message(&answer).starts_with("CloneDBInstance does not support region eu-xxx"));
    assert_short(message(&answer), region.len());

    let region = "区".repeat(1 << 20);
    let mut headers = std::collections::BTreeMap::new();
    for (name, value) in [
        ("authorization", "TC3-HMAC-SHA256 Credential=AKIDmockEXAMPLE/2026-01-01/postgres/tc3_request, SignedHeaders=content-type;host, Signature=00"),
        ("x-tc-action", "CloneDBInstance"),
        ("x-tc-version", "2017-03-12"),
        ("x-tc-timestamp", "1"),
        ("host", "127.0.0.1"),
        ("content-type", "application/json"),
        ("x-tc-region", &region),
    ] {
        headers.insert(name.to_owned(), value.to_owned());
    }
    let incoming = tencentcloud_mock::Incoming {
        method: "POST".into(),
        headers,
        body: b"{}".to_vec(),
    };
    let e = tencentcloud_mock::protocol::check(&incoming, &Default::default(), 1, None)
        .expect_err("refused");
    assert_eq!(e.code, "UnsupportedRegion");
    assert_short(&e.message, 1 << 20);
    assert!(e.message.contains(&"区".repeat(64)), "{}", head(&e.message));
}

/// Issue 24, finding 4: huge names of services, actions and versions are
/// quoted as excerpts.
#[tokio::test]
async fn huge_action_and_version_names_are_quoted_as_excerpts() {
    let mock = MockServer::start(common::ID, common::KEY)
        .await
        .expect("mock");
    let long = "A".repeat(128 * 1024);
    let action = Call {
        action: &long,
        ..Call::redis(redis_request())
    };
    let answer = send(mock.addr(), &action).await.expect("answer");
    assert_eq!(error_code(&answer), "InvalidAction");
    assert_short(message(&answer), long.len());
    let version = Call {
        version: &long,
        ..Call::redis(redis_request())
    };
    let answer = send(mock.addr(), &version).await.expect("answer");
    assert_eq!(error_code(&answer), "NoSuchVersion");
    assert_short(message(&answer), long.len());
}

/// Issue 24, finding 4: a huge parameter value or name in the body is
/// quoted as an excerpt: a wrong type (serde quotes the string), a value
/// the validator quotes (a prefix), an unknown parameter.
#[tokio::test]
async fn huge_parameter_values_are_quoted_as_excerpts() {
    let mock = MockServer::start(common::ID, common::KEY)
        .await
        .expect("mock");
    let huge = "9".repeat(1 << 20);

    let mut body = redis_request();
    body["GoodsNum"] = json!(huge);
    let answer = send(mock.addr(), &Call::redis(body)).await.expect("answer");
    assert_eq!(error_code(&answer), "InvalidParameter");
    assert!(message(&answer).starts_with("GoodsNum: invalid type: string \"999"));
    assert!(
        message(&answer).ends_with("expected an integer."),
        "{}",
        message(&answer)
    );
    assert!(message(&answer).len() < 1024, "{}", message(&answer).len());

    let mut body = redis_request();
    body[&huge] = json!(1);
    let answer = send(mock.addr(), &Call::redis(body)).await.expect("answer");
    assert_eq!(error_code(&answer), "UnknownParameter");
    assert_short(message(&answer), huge.len());

    let body = json!({
        "DBInstanceId": "postgres-6r233v55", "SpecCode": "cdb.pg.z1.2g", "Storage": 20,
        "Period": 1, "AutoRenewFlag": 0, "SubnetId": "subnet-1", "VpcId": huge,
    });
    let call = Call {
        service: "postgres",
        action: "CloneDBInstance",
        version: "2017-03-12",
        region: Some("ap-guangzhou"),
        ..Call::redis(body)
    };
    let answer = send(mock.addr(), &call).await.expect("answer");
    assert_eq!(error_code(&answer), "InvalidParameterValue");
    assert!(
        message(&answer).contains("VpcId: \"999"),
        "{}",
        message(&answer)
    );
    assert!(
        message(&answer).contains("[prefix]"),
        "{}",
        message(&answer)
    );
    assert!(message(&answer).len() < 1024, "{}", message(&answer).len());
}

/// Issue 24, finding 4: an action read from a spec folder quotes a huge
/// unknown parameter as an excerpt, and lists a bounded number of
/// violations.
#[tokio::test]
async fn described_actions_quote_excerpts_and_list_few_violations() {
    let mock = MockServer::start(common::ID, common::KEY)
        .await
        .expect("mock");
    let specs = concat!(env!("CARGO_MANIFEST_DIR"), "/../api-spec");
    mock.serve_specs(tencentcloud_mock::Catalog::open(std::path::Path::new(specs)).expect("specs"));
    let cvm = |body| Call {
        service: "cvm",
        action: "DescribeInstances",
        version: "2017-03-12",
        region: Some("ap-guangzhou"),
        ..Call::redis(body)
    };
    let huge = "Z".repeat(1 << 20);
    let mut body = json!({});
    body[&huge] = json!(1);
    let answer = send(mock.addr(), &cvm(body)).await.expect("answer");
    assert_eq!(error_code(&answer), "UnknownParameter");
    assert_short(message(&answer), huge.len());

    let many: serde_json::Map<String, serde_json::Value> = (0..10_000)
        .map(|n| (format!("Unknown{n}"), json!(n)))
        .collect();
    let answer = send(mock.addr(), &cvm(many.into())).await.expect("answer");
    assert_eq!(error_code(&answer), "UnknownParameter");
    assert!(message(&answer).len() < 1024, "{}", message(&answer).len());
    assert!(
        message(&answer).ends_with("and 9990 more"),
        "{}",
        message(&answer)
    );
}

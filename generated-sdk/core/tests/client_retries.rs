//! Service errors and what the client retries: rate limits and failures
//! where nothing was sent by default; ambiguous failures only when asked.
#![cfg(feature = "client")]

mod common;

use common::*;

// ---------------------------------------------------------------------------
// Service errors and retries.

#[tokio::test]
async fn service_error_is_typed_and_displayed_with_code_message_and_request_id() {
    let server = Server::start(vec![Reply::Json(error_body(
        "InvalidParameter",
        "SpecCode is wrong",
        "req-err-1",
    ))])
    .await;
    let error = client(&server.url)
        .call::<FakeClone>(good_request())
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(&FakeCode::InvalidParameter));
    assert_eq!(error.request_id(), Some("req-err-1"));
    assert!(!error.is_retryable());
    let shown = error.to_string();
    for part in ["InvalidParameter", "SpecCode is wrong", "req-err-1"] {
        assert!(shown.contains(part), "{shown}");
    }
    assert_eq!(
        server.received(),
        1,
        "a non-rate-limit service error is not retried"
    );
}

#[tokio::test]
async fn unknown_codes_keep_their_text() {
    let server = Server::start(vec![Reply::Json(error_body(
        "FailedOperation.New",
        "m",
        "r",
    ))])
    .await;
    let error = client(&server.url)
        .call::<FakeClone>(good_request())
        .await
        .unwrap_err();
    assert_eq!(
        error.code(),
        Some(&FakeCode::Other("FailedOperation.New".into()))
    );
    assert_eq!(
        error.code().unwrap().category(),
        ErrorCategory::FailedOperation
    );
}

#[tokio::test]
async fn rate_limit_errors_are_retried_then_succeed() {
    let server = Server::start(vec![
        Reply::Json(error_body("RequestLimitExceeded", "slow down", "rl-1")),
        Reply::Json(error_body(
            "RequestLimitExceeded.UinLimitExceeded",
            "slow down",
            "rl-2",
        )),
        Reply::Json(ok_body(7, "req-after-rl")),
    ])
    .await;
    let (log, observer) = retry_log();
    let client = builder(&server.url).on_retry(observer).build().unwrap();
    let response = client.call::<FakeClone>(good_request()).await.unwrap();
    assert_eq!(response.job_id, 7);
    assert_eq!(server.received(), 3);
    let log = log.lock().unwrap();
    assert_eq!(log.len(), 2);
    assert!(log
        .iter()
        .all(|e| e.reason == RetryReason::RateLimited && e.action == "CloneDBInstance"));
    assert_eq!(log.iter().map(|e| e.attempt).collect::<Vec<_>>(), [1, 2]);
    assert!(log.iter().all(|e| e.delay <= Duration::from_millis(5)));
}

#[tokio::test]
async fn rate_limit_retries_are_bounded() {
    let server = Server::start(vec![Reply::Json(error_body(
        "RequestLimitExceeded",
        "slow",
        "rl",
    ))])
    .await;
    let client = builder(&server.url)
        .retry_policy(fast_retries(2))
        .build()
        .unwrap();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert_eq!(error.code(), Some(&FakeCode::RequestLimitExceeded));
    assert!(error.is_retryable());
    assert_eq!(server.received(), 2);

    // A per-call policy overrides the client's.
    let before = server.received();
    let error = client
        .call_with::<FakeClone>(
            good_request(),
            CallOptions::new().retry_policy(RetryPolicy::none()),
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(&FakeCode::RequestLimitExceeded));
    assert_eq!(server.received() - before, 1);
}

#[tokio::test]
async fn connection_refused_is_retried_because_nothing_was_sent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let (log, observer) = retry_log();
    let client = builder(&url)
        .retry_policy(fast_retries(4))
        .on_retry(observer)
        .build()
        .unwrap();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert!(matches!(error, Error::Connect { .. }), "{error:?}");
    assert!(error.is_retryable());
    assert!(!error.is_ambiguous());
    let log = log.lock().unwrap();
    assert_eq!(log.len(), 3, "4 attempts = 3 retries");
    assert!(log.iter().all(|e| e.reason == RetryReason::NotSent));
    assert!(error.to_string().contains(&url), "{error}");
}

#[tokio::test]
async fn ambiguous_timeout_is_not_retried_by_default() {
    let server = Server::start(vec![Reply::Hang]).await;
    let (log, observer) = retry_log();
    let client = builder(&server.url)
        .attempt_timeout(HANG_ATTEMPT)
        .on_retry(observer)
        .build()
        .unwrap();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert_timeout(&error, TimeoutKind::Attempt, true);
    assert!(error.is_ambiguous());
    assert!(!error.is_retryable());
    assert!(log.lock().unwrap().is_empty());
    assert_eq!(server.wait_for(1).await, 1);
}

#[tokio::test]
async fn ambiguous_timeout_is_retried_when_the_call_opts_in() {
    // Per call: three attempts, two retries.
    let per_call = async {
        let server = Server::start(vec![Reply::Hang]).await;
        let (log, observer) = retry_log();
        let client = builder(&server.url)
            .attempt_timeout(HANG_ATTEMPT)
            .on_retry(observer)
            .build()
            .unwrap();
        let error = client
            .call_with::<FakeClone>(good_request(), CallOptions::new().retry_ambiguous(true))
            .await
            .unwrap_err();
        assert_timeout(&error, TimeoutKind::Attempt, true);
        let log = log.lock().unwrap().clone();
        assert_eq!(log.iter().map(|e| e.attempt).collect::<Vec<_>>(), [1, 2]);
        assert!(log.iter().all(|e| e.reason == RetryReason::Ambiguous));
        assert_eq!(server.wait_for(3).await, 3);
    };
    // The same opt-in through the retry policy.
    let per_policy = async {
        let server =
            Server::start(vec![Reply::Hang, Reply::Json(ok_body(3, "after-timeout"))]).await;
        let (log, observer) = retry_log();
        let client = builder(&server.url)
            .attempt_timeout(HANG_ATTEMPT)
            .retry_policy(fast_retries(3).with_retry_ambiguous(true))
            .on_retry(observer)
            .build()
            .unwrap();
        let response = client.call::<FakeClone>(good_request()).await.unwrap();
        assert_eq!(response.job_id, 3);
        assert_eq!(log.lock().unwrap().len(), 1);
        assert_eq!(server.received(), 2);
    };
    // ...and a call can opt back out.
    let opted_out = async {
        let server = Server::start(vec![Reply::Hang]).await;
        let (log, observer) = retry_log();
        let client = builder(&server.url)
            .attempt_timeout(HANG_ATTEMPT)
            .retry_policy(fast_retries(3).with_retry_ambiguous(true))
            .on_retry(observer)
            .build()
            .unwrap();
        client
            .call_with::<FakeClone>(good_request(), CallOptions::new().retry_ambiguous(false))
            .await
            .unwrap_err();
        assert!(log.lock().unwrap().is_empty());
        assert_eq!(server.wait_for(1).await, 1);
    };
    tokio::join!(per_call, per_policy, opted_out);
}

#[tokio::test]
async fn connection_closed_after_sending_is_ambiguous() {
    let server = Server::start(vec![Reply::Close]).await;
    let client = client(&server.url);
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(error.is_ambiguous());
    assert_eq!(server.received(), 1);

    let error = client
        .call_with::<FakeClone>(good_request(), CallOptions::new().retry_ambiguous(true))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(server.received(), 1 + 3);
}

#[tokio::test]
async fn server_errors_without_envelope_are_not_retried_by_default() {
    let server = Server::start(vec![Reply::Status(
        502,
        "text/html",
        "<html>Bad Gateway</html>".into(),
    )])
    .await;
    let client = client(&server.url);
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    match &error {
        Error::UnexpectedStatus {
            status,
            body_excerpt,
            request_id,
        } => {
            assert_eq!(*status, 502);
            assert!(body_excerpt.contains("Bad Gateway"));
            assert_eq!(*request_id, None);
        }
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().contains("502"));
    assert_eq!(server.received(), 1);
    client
        .call_with::<FakeClone>(good_request(), CallOptions::new().retry_ambiguous(true))
        .await
        .unwrap_err();
    assert_eq!(server.received(), 1 + 3);
}

#[tokio::test]
async fn non_200_status_keeps_the_request_id_and_masks_echoed_secrets() {
    let body = format!(
        r#"{{"Response": {{"Error": {{"Code": "InternalError", "Message": "echo {SECRET_KEY} {TOKEN}"}}, "RequestId": "req-500"}}}}"#
    );
    let server = Server::start(vec![Reply::Status(500, "application/json", body)]).await;
    let client = builder(&server.url)
        .credentials(
            tencentcloud_sdk_core::credentials::Credentials::new(SECRET_ID, SECRET_KEY)
                .with_token(TOKEN),
        )
        .build()
        .unwrap();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert!(
        matches!(error, Error::UnexpectedStatus { status: 500, .. }),
        "{error:?}"
    );
    assert_eq!(error.request_id(), Some("req-500"));
    assert!(error.to_string().contains("req-500"));
    assert_no_secrets(&error.to_string());
    assert_no_secrets(&format!("{error:?}"));
}

#[tokio::test(flavor = "current_thread")]
async fn service_messages_mask_echoed_secrets_everywhere() {
    let capture = capture::Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let echo = format!("echo {SECRET_KEY} and {TOKEN}");
    let server = Server::start(vec![
        Reply::Json(error_body("RequestLimitExceeded", &echo, "rl-echo")),
        Reply::Json(error_body("InvalidParameter", &echo, "req-echo")),
        Reply::Json(format!(
            r#"{{"Response": {{"JobId": "{SECRET_KEY}", "RequestId": "req-type"}}}}"#
        )),
    ])
    .await;
    let (log, observer) = retry_log();
    let client = builder(&server.url)
        .credentials(
            tencentcloud_sdk_core::credentials::Credentials::new(SECRET_ID, SECRET_KEY)
                .with_token(TOKEN),
        )
        .on_retry(observer)
        .build()
        .unwrap();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    match &error {
        Error::Service { message, .. } => assert_eq!(message, "echo *** and ***"),
        other => panic!("{other:?}"),
    }
    assert_eq!(error.request_id(), Some("req-echo"));
    // A type mismatch quotes the offending value in the reason.
    let error2 = client
        .call_with::<FakeClone>(
            good_request(),
            CallOptions::new().retry_policy(RetryPolicy::none()),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&error2, Error::InvalidResponse { .. }),
        "{error2:?}"
    );
    assert!(error2.to_string().contains("***"), "{error2}");

    let log = log.lock().unwrap().clone();
    assert_eq!(log.len(), 1);
    assert!(
        log[0].error.contains("echo *** and ***"),
        "{}",
        log[0].error
    );
    let data = capture.data.lock().unwrap();
    let everything = format!(
        "{error} {error:?} {error2} {error2:?} {log:?} {:?} {:?}",
        data.spans.values().collect::<Vec<_>>(),
        data.events
    );
    assert!(everything.contains("retrying"), "the retry was logged");
    assert_no_secrets(&everything);
}

#[tokio::test]
async fn every_ambiguous_failure_is_retried_only_after_opting_in() {
    let truncated = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"Response\": {\"JobId\"".to_vec();
    let oversized = Reply::Json(format!(
        r#"{{"Response": {{"JobId": 1, "Pad": "{}", "RequestId": "r"}}}}"#,
        "x".repeat(5000)
    ));
    let cases = [
        ("not JSON", Reply::Json("<html>oops</html>".into())),
        (
            "wrong content type",
            Reply::Status(200, "text/html", "<html>portal</html>".into()),
        ),
        (
            "wrong shape",
            Reply::Json(r#"{"Response": {"JobId": "x", "RequestId": "r"}}"#.into()),
        ),
        ("truncated body", Reply::Raw(truncated)),
        ("oversized body", oversized),
        (
            "4xx status",
            Reply::Status(404, "text/plain", "not found".into()),
        ),
        (
            "5xx status",
            Reply::Status(503, "text/plain", "unavailable".into()),
        ),
        ("closed after sending", Reply::Close),
    ];
    for (name, reply) in cases {
        let server = Server::start(vec![reply]).await;
        let (log, observer) = retry_log();
        let client = builder(&server.url)
            .max_response_bytes(1024)
            .on_retry(observer)
            .build()
            .unwrap();
        let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
        assert!(error.is_ambiguous(), "{name}: {error:?}");
        assert!(!error.is_retryable(), "{name}: {error:?}");
        assert_eq!(error.retry_class(), Some(RetryReason::Ambiguous), "{name}");
        assert_eq!(server.received(), 1, "{name}: not retried by default");
        let again = client
            .call_with::<FakeClone>(good_request(), CallOptions::new().retry_ambiguous(true))
            .await
            .unwrap_err();
        assert_eq!(
            std::mem::discriminant(&again),
            std::mem::discriminant(&error),
            "{name}: {again:?}"
        );
        assert_eq!(server.received(), 1 + 3, "{name}: retried after opting in");
        let log = log.lock().unwrap();
        assert_eq!(log.len(), 2, "{name}");
        assert!(
            log.iter().all(|e| e.reason == RetryReason::Ambiguous),
            "{name}"
        );
    }
}

/// `FakeClone` as an action that buys: its spec would carry a `purchase`.
struct FakeBuy;

impl Action for FakeBuy {
    const SERVICE: &'static str = "postgres";
    const VERSION: &'static str = "2017-03-12";
    const NAME: &'static str = "CloneDBInstance";
    const RATE_LIMIT_PER_SECOND: u32 = 100;
    const REGIONS: &'static [&'static str] = &["ap-guangzhou"];
    const REGION_REQUIRED: bool = true;
    const ENDPOINTS: Endpoints = FAKE_ENDPOINTS;
    const PURCHASE: Option<tencentcloud_sdk_core::action::Purchase> =
        Some(tencentcloud_sdk_core::action::Purchase {
            check: "DescribeOrders with the DealName.",
            ids: &["JobId"],
        });
    type Request = FakeRequest;
    type Response = FakeResponse;
    type ErrorCode = FakeCode;
}

#[tokio::test]
async fn a_purchase_whose_outcome_is_unknown_says_it_may_have_bought_and_is_not_retried() {
    let cases = [
        ("closed after sending", Reply::Close, None),
        (
            "internal error",
            Reply::Json(error_body("InternalError", "oops", "req-int")),
            Some("req-int"),
        ),
        (
            "5xx status",
            Reply::Status(
                500,
                "application/json",
                r#"{"Response": {"RequestId": "req-500"}}"#.into(),
            ),
            Some("req-500"),
        ),
    ];
    for (name, reply, request_id) in cases {
        let server = Server::start(vec![reply]).await;
        let client = client(&server.url);
        let error = client.call::<FakeBuy>(good_request()).await.unwrap_err();
        let Error::MayHaveBought {
            action,
            check,
            ref failure,
            ..
        } = error
        else {
            panic!("{name}: {error:?}")
        };
        assert_eq!(action, "CloneDBInstance");
        assert_eq!(check, "DescribeOrders with the DealName.");
        assert!(failure.is_ambiguous(), "{name}");
        assert!(error.is_ambiguous() && !error.is_retryable() && !error.is_transient());
        assert_eq!(error.request_id(), request_id, "{name}");
        let text = error.to_string();
        assert!(
            text.starts_with(
                "CloneDBInstance may have bought (the purchase may have gone through): "
            ),
            "{name}: {text}"
        );
        assert!(
            text.contains("(outcome unknown)")
                && text.ends_with("Before retrying, check: DescribeOrders with the DealName."),
            "{name}: {text}"
        );
        if let Some(id) = request_id {
            assert!(text.contains(&format!("RequestId: {id}")), "{name}: {text}");
        }
        assert_eq!(server.received(), 1, "{name}: never retried by default");
    }

    // An error that is certain stays what it is: nothing was bought.
    let server = Server::start(vec![Reply::Json(error_body(
        "InvalidParameter",
        "bad",
        "req-1",
    ))])
    .await;
    let error = client(&server.url)
        .call::<FakeBuy>(good_request())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Service { .. }), "{error:?}");
    // And the same failure of an action that does not buy is not wrapped.
    let server = Server::start(vec![Reply::Close]).await;
    let error = client(&server.url)
        .call::<FakeClone>(good_request())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(error.to_string().contains("(outcome unknown)"), "{error}");
}

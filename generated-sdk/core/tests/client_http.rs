//! The HTTP client against a scripted local HTTP/1.1 server with a fake
//! action (no generated code involved): a call's request and answer,
//! malformed answers, client-side pacing and the tracing span.
#![cfg(feature = "client")]

mod common;

use common::*;

// ---------------------------------------------------------------------------
// Success and request shape.

#[tokio::test]
async fn success_decodes_the_response_and_ignores_unknown_fields() {
    let server = Server::start(vec![Reply::Json(
        r#"{"Response": {"JobId": 42, "Unknown": {"Nested": [1, 2]}, "RequestId": "req-ok"}, "Extra": 1}"#.into(),
    )])
    .await;
    let response = client(&server.url)
        .call::<FakeClone>(good_request())
        .await
        .unwrap();
    assert_eq!(
        response,
        FakeResponse {
            job_id: 42,
            request_id: "req-ok".into()
        }
    );
    assert_eq!(server.received(), 1);
    let recorded = &server.recorded()[0];
    assert_eq!(recorded.method, "POST");
    assert_eq!(recorded.path, "/");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&recorded.body).unwrap(),
        serde_json::json!({"InstanceId": "ins-1", "Count": 2})
    );
}

#[tokio::test]
async fn headers_are_complete_and_the_signature_verifies() {
    let server = Server::start(vec![Reply::Json(ok_body(1, "req-sig"))]).await;
    let client = builder(&server.url)
        .credentials(
            tencentcloud_sdk_core::credentials::Credentials::new(SECRET_ID, SECRET_KEY)
                .with_token(TOKEN),
        )
        .language(Language::EnUs)
        .build()
        .unwrap();
    let before = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    client.call::<FakeClone>(good_request()).await.unwrap();
    let after = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();

    let r = &server.recorded()[0];
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(r.header("host"), Some(server.host.as_str()));
    assert_eq!(r.header("x-tc-action"), Some("CloneDBInstance"));
    assert_eq!(r.header("x-tc-version"), Some("2017-03-12"));
    assert_eq!(r.header("x-tc-region"), Some("ap-guangzhou"));
    assert_eq!(r.header("x-tc-language"), Some("en-US"));
    assert_eq!(r.header("x-tc-token"), Some(TOKEN));
    assert_eq!(r.header("x-tc-requestclient"), Some(REQUEST_CLIENT));
    let timestamp: u64 = r.header("x-tc-timestamp").unwrap().parse().unwrap();
    assert!((before..=after).contains(&timestamp));

    // The service name is the action's even though the host is overridden.
    let authorization = r.header("authorization").unwrap();
    let parsed = signing::ParsedAuthorization::parse(authorization).unwrap();
    assert_eq!(parsed.service, "postgres");
    assert_eq!(parsed.secret_id, SECRET_ID);
    let signed = SigningRequest {
        service: "postgres",
        host: r.header("host").unwrap(),
        content_type: r.header("content-type").unwrap(),
        payload: &r.body,
        timestamp,
    };
    assert_eq!(
        signing::verify_authorization(authorization, SECRET_ID, SECRET_KEY, &signed),
        Ok(())
    );
    assert_eq!(
        signing::verify_authorization(authorization, SECRET_ID, "other-key", &signed),
        Err(signing::VerifyError::SignatureMismatch)
    );
}

#[tokio::test]
async fn optional_headers_are_omitted_and_huge_timeouts_saturate() {
    let server = Server::start(vec![Reply::Json(ok_body(1, "r"))]).await;
    client(&server.url)
        .call::<FakeClone>(good_request())
        .await
        .unwrap();
    let r = &server.recorded()[0];
    assert_eq!(r.header("x-tc-token"), None);
    assert_eq!(r.header("x-tc-language"), None);

    // Absurdly long time limits saturate instead of overflowing.
    let patient = builder(&server.url)
        .call_timeout(Duration::MAX)
        .attempt_timeout(Duration::MAX)
        .build()
        .unwrap();
    patient.call::<FakeClone>(good_request()).await.unwrap();
    assert_eq!(server.received(), 2);
}

#[tokio::test]
async fn prepare_builds_a_verifiable_request_and_hides_secrets_in_debug() {
    let client = builder("http://127.0.0.1:9")
        .credentials(
            tencentcloud_sdk_core::credentials::Credentials::new(SECRET_ID, SECRET_KEY)
                .with_token(TOKEN),
        )
        .build()
        .unwrap();
    let prepared = client.prepare::<FakeClone>(&good_request()).unwrap();
    assert_eq!(prepared.url(), "http://127.0.0.1:9/");
    assert_eq!(prepared.header("host"), Some("127.0.0.1:9"));
    let timestamp: u64 = prepared.header("x-tc-timestamp").unwrap().parse().unwrap();
    let signed = SigningRequest {
        service: "postgres",
        host: "127.0.0.1:9",
        content_type: signing::JSON_CONTENT_TYPE,
        payload: prepared.body(),
        timestamp,
    };
    assert_eq!(
        signing::verify_authorization(
            prepared.header("authorization").unwrap(),
            SECRET_ID,
            SECRET_KEY,
            &signed
        ),
        Ok(())
    );
    let debug = format!("{prepared:?}");
    assert!(debug.contains("x-tc-action"));
    assert!(!debug.contains(prepared.header("authorization").unwrap()));
    assert!(!debug.contains("ins-1"), "body must not be shown: {debug}");
    assert_no_secrets(&debug);
    assert_no_secrets(&format!("{client:?}"));
    // Signing keys are cached per day: a second request signs identically to a fresh derivation.
    let again = client.prepare::<FakeClone>(&good_request()).unwrap();
    let ts2: u64 = again.header("x-tc-timestamp").unwrap().parse().unwrap();
    let expected = signing::authorization(
        SECRET_ID,
        SECRET_KEY,
        &SigningRequest {
            timestamp: ts2,
            payload: again.body(),
            ..signed
        },
    );
    assert_eq!(again.header("authorization"), Some(expected.as_str()));
}

#[test]
fn the_call_future_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let client = builder("http://127.0.0.1:9").build().unwrap();
    let future = client.call::<FakeClone>(good_request());
    assert_send(&future);
}

// ---------------------------------------------------------------------------
// Malformed answers.

#[tokio::test]
async fn malformed_json_is_an_invalid_response() {
    let server = Server::start(vec![Reply::Json("<html>oops</html>".into())]).await;
    let error = client(&server.url)
        .call::<FakeClone>(good_request())
        .await
        .unwrap_err();
    match &error {
        Error::InvalidResponse {
            reason,
            request_id: None,
            path: None,
            body_excerpt,
        } => {
            assert!(reason.contains("not JSON"), "{reason}");
            assert_eq!(body_excerpt, "<html>oops</html>", "the body as received");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn truncated_bodies_are_invalid_responses() {
    // Content-Length promises more than is sent.
    let raw = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"Response\": {\"JobId\"".to_vec();
    let server = Server::start(vec![Reply::Raw(raw)]).await;
    let error = client(&server.url)
        .call::<FakeClone>(good_request())
        .await
        .unwrap_err();
    match &error {
        Error::InvalidResponse { reason, .. } => assert!(reason.contains("truncated"), "{reason}"),
        other => panic!("{other:?}"),
    }
    // No Content-Length: the body ends at close, mid-document.
    let raw = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"Response\": {\"JobId\": 1, \"Req".to_vec();
    let server = Server::start(vec![Reply::Raw(raw)]).await;
    let error = client(&server.url)
        .call::<FakeClone>(good_request())
        .await
        .unwrap_err();
    match &error {
        Error::InvalidResponse { reason, .. } => {
            assert!(reason.contains("truncated JSON"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn missing_envelope_and_wrong_types_are_invalid_responses() {
    let server = Server::start(vec![
        Reply::Json(r#"{"NotResponse": {}}"#.into()),
        Reply::Json(
            r#"{"Response": {"JobId": "not a number", "RequestId": "req-bad-type"}}"#.into(),
        ),
        Reply::Status(200, "text/html", "<html>captive portal</html>".into()),
    ])
    .await;
    let client = client(&server.url);
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert!(
        matches!(&error, Error::InvalidResponse { reason, .. } if reason.contains("Response")),
        "{error:?}"
    );
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert!(matches!(&error, Error::InvalidResponse { .. }), "{error:?}");
    assert_eq!(
        error.request_id(),
        Some("req-bad-type"),
        "the call may have succeeded: keep the id"
    );
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert!(
        matches!(&error, Error::InvalidResponse { reason, .. } if reason.contains("content type")),
        "{error:?}"
    );
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    // Declared too large.
    let server = Server::start(vec![Reply::Json(format!(
        r#"{{"Response": {{"JobId": 1, "Pad": "{}", "RequestId": "r"}}}}"#,
        "x".repeat(5000)
    ))])
    .await;
    let client = builder(&server.url)
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert!(
        matches!(error, Error::ResponseTooLarge { limit: 1024 }),
        "{error:?}"
    );

    // Undeclared length, streamed past the limit.
    let mut raw =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n".to_vec();
    raw.extend(vec![b' '; 5000]);
    let server = Server::start(vec![Reply::Raw(raw)]).await;
    let client = builder(&server.url)
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert!(
        matches!(error, Error::ResponseTooLarge { limit: 1024 }),
        "{error:?}"
    );

    // The default limit applies to a declared 11 MiB body without reading it.
    let raw =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11534336\r\n\r\n"
            .to_vec();
    let server = Server::start(vec![Reply::Raw(raw)]).await;
    let error = builder(&server.url)
        .build()
        .unwrap()
        .call::<FakeClone>(good_request())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseTooLarge {
                limit: DEFAULT_MAX_RESPONSE_BYTES
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_declared_length_reserves_nothing_ahead_of_the_bytes() {
    // With the limit lifted, a server declaring a 1 TiB body (and sending a
    // few bytes) must not make the client reserve a 1 TiB buffer, which
    // aborts the process.
    let raw = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1099511627776\r\nConnection: close\r\n\r\n{\"Response\": {"
        .to_vec();
    let server = Server::start(vec![Reply::Raw(raw)]).await;
    let client = builder(&server.url)
        .max_response_bytes(usize::MAX)
        .build()
        .unwrap();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert!(
        matches!(&error, Error::InvalidResponse { reason, .. } if reason.contains("truncated")),
        "{error:?}"
    );
    assert!(error.is_ambiguous());
}

// ---------------------------------------------------------------------------
// Client-side rate limiting.

#[tokio::test]
async fn client_side_rate_limit_paces_calls() {
    let server = Server::start(vec![Reply::Json(ok_body(1, "r"))]).await;
    let client = builder(&server.url)
        .client_rate_limit(true)
        .build()
        .unwrap();
    // FakeSlow allows 4 per second: the fifth call waits about 250 ms.
    let started = Instant::now();
    for _ in 0..5 {
        client.call::<FakeSlow>(good_request()).await.unwrap();
    }
    assert!(
        started.elapsed() >= Duration::from_millis(240),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.received(), 5);
}

// ---------------------------------------------------------------------------
// Tracing: one span per call with the documented fields, no secrets.

#[tokio::test(flavor = "current_thread")]
async fn tracing_span_has_call_fields_and_no_secrets() {
    let capture = capture::Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = Server::start(vec![
        Reply::Json(error_body("RequestLimitExceeded", "slow", "rl-trace")),
        Reply::Json(ok_body(9, "req-trace")),
    ])
    .await;
    let client = builder(&server.url)
        .credentials(
            tencentcloud_sdk_core::credentials::Credentials::new(SECRET_ID, SECRET_KEY)
                .with_token(TOKEN),
        )
        .build()
        .unwrap();
    client.call::<FakeClone>(good_request()).await.unwrap();

    let data = capture.data.lock().unwrap();
    let calls: Vec<&HashMap<String, String>> = data
        .spans
        .values()
        .filter(|(name, _)| name == "tencentcloud_call")
        .map(|(_, f)| f)
        .collect();
    assert_eq!(calls.len(), 1);
    let fields = calls[0];
    assert_eq!(fields.get("service").map(String::as_str), Some("postgres"));
    assert_eq!(
        fields.get("action").map(String::as_str),
        Some("CloneDBInstance")
    );
    assert_eq!(
        fields.get("region").map(String::as_str),
        Some("ap-guangzhou")
    );
    assert_eq!(fields.get("attempt").map(String::as_str), Some("2"));
    assert_eq!(
        fields.get("request_id").map(String::as_str),
        Some("req-trace")
    );
    assert!(data
        .events
        .iter()
        .any(|e| e.get("message").is_some_and(|m| m.contains("retrying"))));
    let everything = format!(
        "{:?} {:?}",
        data.spans.values().collect::<Vec<_>>(),
        data.events
    );
    assert_no_secrets(&everything);
    assert!(
        !everything.contains("ins-1"),
        "request body leaked into traces"
    );
}

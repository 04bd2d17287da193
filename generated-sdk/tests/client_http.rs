//! The HTTP client against a hand-rolled local HTTP/1.1 server, with a fake
//! action defined here (no generated code involved).
#![cfg(feature = "client")]

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tencentcloud_sdk::action::Endpoints;
use tencentcloud_sdk::client::{
    CallOptions, Client, ClientBuilder, ConfigError, Endpoint, Error, Language, RetryEvent,
    RetryPolicy, RetryReason, TimeoutKind, DEFAULT_MAX_RESPONSE_BYTES, REQUEST_CLIENT,
};
use tencentcloud_sdk::credentials::{CredentialsChain, Env};
use tencentcloud_sdk::signing::{self, SigningRequest};
use tencentcloud_sdk::validation::{Collector, Path};
use tencentcloud_sdk::{Action, ErrorCategory, ErrorCode, Validate, ValidationErrors};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

// ---------------------------------------------------------------------------
// A fake action.

const SECRET_ID: &str = "AKIDfakefakefakefake1234";
const SECRET_KEY: &str = "SECRETKEYsecretkeySECRETKEY0";
const TOKEN: &str = "SESSIONTOKENsessiontoken42";

struct FakeClone;

#[derive(Debug, Serialize, Deserialize)]
struct FakeRequest {
    #[serde(rename = "InstanceId", skip_serializing_if = "Option::is_none")]
    instance_id: Option<String>,
    #[serde(rename = "Count")]
    count: i64,
}

impl Validate for FakeRequest {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Collector::new();
        let root = Path::Root;
        if self.instance_id.is_none() {
            c.missing(&root.field("InstanceId"));
        }
        c.range(&root.field("Count"), self.count, Some(1), Some(10), None);
        c.finish()
    }
}

fn good_request() -> FakeRequest {
    FakeRequest {
        instance_id: Some("ins-1".into()),
        count: 2,
    }
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct FakeResponse {
    #[serde(rename = "JobId")]
    job_id: u64,
    #[serde(rename = "RequestId")]
    request_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum FakeCode {
    InvalidParameter,
    RequestLimitExceeded,
    Other(String),
}

impl fmt::Display for FakeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ErrorCode for FakeCode {
    fn from_code(code: &str) -> Self {
        match code {
            "InvalidParameter" => Self::InvalidParameter,
            "RequestLimitExceeded" => Self::RequestLimitExceeded,
            other => Self::Other(other.to_owned()),
        }
    }
    fn as_str(&self) -> &str {
        match self {
            Self::InvalidParameter => "InvalidParameter",
            Self::RequestLimitExceeded => "RequestLimitExceeded",
            Self::Other(code) => code,
        }
    }
    fn description(&self) -> Option<&'static str> {
        None
    }
}

/// Spec hosts deliberately unlike the public pattern, so a test can tell
/// hosts taken from the spec from hosts rebuilt by hand.
const FAKE_ENDPOINTS: Endpoints = Endpoints {
    default: "fake-nearest.example.test",
    regional: "fake.{region}.regional.example.test",
    international: "fake-world.example.test",
};

impl Action for FakeClone {
    const SERVICE: &'static str = "postgres";
    const VERSION: &'static str = "2017-03-12";
    const NAME: &'static str = "CloneDBInstance";
    const RATE_LIMIT_PER_SECOND: u32 = 100;
    const REGIONS: &'static [&'static str] = &["ap-guangzhou"];
    const REGION_REQUIRED: bool = true;
    const ENDPOINTS: Endpoints = FAKE_ENDPOINTS;
    type Request = FakeRequest;
    type Response = FakeResponse;
    type ErrorCode = FakeCode;
}

/// Same wire shape, a slow documented rate limit, no region needed or listed.
struct FakeSlow;

impl Action for FakeSlow {
    const SERVICE: &'static str = "redis";
    const VERSION: &'static str = "2018-04-12";
    const NAME: &'static str = "CloneInstances";
    const RATE_LIMIT_PER_SECOND: u32 = 4;
    const REGIONS: &'static [&'static str] = &[];
    const REGION_REQUIRED: bool = false;
    const ENDPOINTS: Endpoints = FAKE_ENDPOINTS;
    type Request = FakeRequest;
    type Response = FakeResponse;
    type ErrorCode = FakeCode;
}

/// One request per second; regions listed but `Region` optional.
struct FakePaced;

impl Action for FakePaced {
    const SERVICE: &'static str = "redis";
    const VERSION: &'static str = "2018-04-12";
    const NAME: &'static str = "DescribePaced";
    const RATE_LIMIT_PER_SECOND: u32 = 1;
    const REGIONS: &'static [&'static str] = &["ap-guangzhou"];
    const REGION_REQUIRED: bool = false;
    const ENDPOINTS: Endpoints = FAKE_ENDPOINTS;
    type Request = FakeRequest;
    type Response = FakeResponse;
    type ErrorCode = FakeCode;
}

// ---------------------------------------------------------------------------
// A minimal scripted HTTP/1.1 server.

#[derive(Debug, Clone)]
struct Recorded {
    method: String,
    path: String,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

impl Recorded {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

#[derive(Debug, Clone)]
enum Reply {
    /// 200, `application/json`.
    Json(String),
    /// Any status and content type.
    Status(u16, &'static str, String),
    /// Raw bytes written as-is, then the connection is closed.
    Raw(Vec<u8>),
    /// Never answers (keeps the connection open).
    Hang,
    /// Closes the connection without answering.
    Close,
}

struct Server {
    url: String,
    host: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    /// How many requests have been read completely; updated before replying.
    received: watch::Receiver<usize>,
}

/// Shared by the connections of one server.
struct ServerState {
    requests: Arc<Mutex<Vec<Recorded>>>,
    next: AtomicUsize,
    received: watch::Sender<usize>,
    script: Vec<Reply>,
}

impl Server {
    /// Answers request `i` with `script[i]`, repeating the last entry.
    async fn start(script: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (tx, received) = watch::channel(0);
        let state = Arc::new(ServerState {
            requests: requests.clone(),
            next: AtomicUsize::new(0),
            received: tx,
            script,
        });
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let state = state.clone();
                tokio::spawn(async move { serve(stream, state).await });
            }
        });
        Server {
            url: format!("http://{addr}"),
            host: addr.to_string(),
            requests,
            received,
        }
    }

    fn received(&self) -> usize {
        *self.received.borrow()
    }

    /// Waits (no sleeping: the server signals each request it has read) until
    /// `n` requests have arrived, then returns how many did. Use after a call
    /// has returned, when no more requests can come, to count exactly.
    async fn wait_for(&self, n: usize) -> usize {
        let mut received = self.received.clone();
        tokio::time::timeout(
            Duration::from_secs(20),
            received.wait_for(|&count| count >= n),
        )
        .await
        .unwrap_or_else(|_| panic!("server saw {} of {n} requests", self.received()))
        .unwrap();
        self.received()
    }

    fn recorded(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

async fn serve(mut stream: TcpStream, state: Arc<ServerState>) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    state.requests.lock().unwrap().push(request);
    let index = state.next.fetch_add(1, Ordering::SeqCst);
    state.received.send_modify(|count| *count += 1);
    let script = &state.script;
    let reply = script[index.min(script.len() - 1)].clone();
    let bytes = match reply {
        Reply::Json(body) => response(200, "application/json", &body),
        Reply::Status(status, content_type, body) => response(status, content_type, &body),
        Reply::Raw(bytes) => bytes,
        Reply::Hang => {
            std::future::pending::<()>().await;
            return;
        }
        Reply::Close => return,
    };
    let _ = stream.write_all(&bytes).await;
    let _ = stream.shutdown().await;
}

fn response(status: u16, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

async fn read_request(stream: &mut TcpStream) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let header_end = loop {
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8(buf[..header_end].to_vec()).ok()?;
    let mut lines = head.split("\r\n");
    let mut start = lines.next()?.split(' ');
    let (method, path) = (start.next()?.to_owned(), start.next()?.to_owned());
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[header_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Recorded {
        method,
        path,
        headers,
        body,
    })
}

// ---------------------------------------------------------------------------
// Helpers.

fn ok_body(job_id: u64, request_id: &str) -> String {
    format!(r#"{{"Response": {{"JobId": {job_id}, "RequestId": "{request_id}"}}}}"#)
}

fn error_body(code: &str, message: &str, request_id: &str) -> String {
    format!(
        r#"{{"Response": {{"Error": {{"Code": "{code}", "Message": "{message}"}}, "RequestId": "{request_id}"}}}}"#
    )
}

fn fast_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy::new(attempts)
        .with_initial_backoff(Duration::from_millis(2))
        .with_max_backoff(Duration::from_millis(5))
}

fn builder(server_url: &str) -> ClientBuilder {
    Client::builder()
        .region("ap-guangzhou")
        .credentials(tencentcloud_sdk::credentials::Credentials::new(
            SECRET_ID, SECRET_KEY,
        ))
        .endpoint_url(server_url)
        .use_system_proxy(false)
        .retry_policy(fast_retries(3))
}

fn client(server_url: &str) -> Client {
    builder(server_url).build().unwrap()
}

/// Records every retry the client reports.
fn retry_log() -> (
    Arc<Mutex<Vec<RetryEvent>>>,
    impl Fn(&RetryEvent) + Send + Sync + 'static,
) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = log.clone();
    (log, move |event: &RetryEvent| {
        sink.lock().unwrap().push(event.clone())
    })
}

fn assert_no_secrets(text: &str) {
    for secret in [SECRET_KEY, TOKEN] {
        assert!(!text.contains(secret), "secret leaked into: {text}");
    }
}

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
            tencentcloud_sdk::credentials::Credentials::new(SECRET_ID, SECRET_KEY)
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
            tencentcloud_sdk::credentials::Credentials::new(SECRET_ID, SECRET_KEY)
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

/// Hang cases use 1 s attempt timeouts so that even a loaded machine has the
/// request read by the server long before the attempt gives up; counts come
/// from the retry observer and the server's own signal, never from sleeping.
const HANG_ATTEMPT: Duration = Duration::from_secs(1);

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
    assert!(
        matches!(
            error,
            Error::Timeout {
                kind: TimeoutKind::Attempt,
                sent: true
            }
        ),
        "{error:?}"
    );
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
        assert!(
            matches!(
                error,
                Error::Timeout {
                    kind: TimeoutKind::Attempt,
                    sent: true
                }
            ),
            "{error:?}"
        );
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
            tencentcloud_sdk::credentials::Credentials::new(SECRET_ID, SECRET_KEY)
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
            tencentcloud_sdk::credentials::Credentials::new(SECRET_ID, SECRET_KEY)
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

// ---------------------------------------------------------------------------
// Timeouts.

#[tokio::test]
async fn whole_call_timeout_covers_a_hanging_attempt() {
    let server = Server::start(vec![Reply::Hang]).await;
    let client = builder(&server.url)
        .attempt_timeout(Duration::from_secs(30))
        .call_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                kind: TimeoutKind::Call,
                sent: true
            }
        ),
        "{error:?}"
    );
    assert!(error.is_ambiguous());
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        error
            .to_string()
            .contains("whole-call timeout (outcome unknown)"),
        "{error}"
    );
}

#[tokio::test]
async fn whole_call_timeout_covers_all_attempts_and_backoff() {
    let server = Server::start(vec![Reply::Hang]).await;
    let (log, observer) = retry_log();
    let client = builder(&server.url)
        .attempt_timeout(HANG_ATTEMPT)
        .retry_policy(fast_retries(50).with_retry_ambiguous(true))
        .on_retry(observer)
        .build()
        .unwrap();
    let started = Instant::now();
    // Attempts end at >= 1 s and >= 2 s; the third, started at ~2 s, cannot
    // finish before the 2.8 s deadline.
    let error = client
        .call_with::<FakeClone>(
            good_request(),
            CallOptions::new().call_timeout(Duration::from_millis(2800)),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                kind: TimeoutKind::Call,
                sent: true
            }
        ),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(15));
    let log = log.lock().unwrap().clone();
    assert_eq!(log.iter().map(|e| e.attempt).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(server.wait_for(3).await, 3);
}

#[tokio::test]
async fn backoff_that_would_overrun_the_call_returns_the_real_error() {
    let server = Server::start(vec![Reply::Json(error_body(
        "RequestLimitExceeded",
        "slow",
        "rl",
    ))])
    .await;
    // Full jitter draws the wait from [0, ceiling]. With a ceiling of
    // Duration::MAX (~584 years in nanoseconds) and a fixed seed (the call
    // runs on this thread), the wait certainly lies past the 60 s deadline.
    fastrand::seed(0x5eed);
    let (log, observer) = retry_log();
    let client = builder(&server.url)
        .retry_policy(
            RetryPolicy::new(5)
                .with_initial_backoff(Duration::MAX)
                .with_max_backoff(Duration::MAX),
        )
        .call_timeout(Duration::from_secs(60))
        .on_retry(observer)
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert_eq!(
        error.code(),
        Some(&FakeCode::RequestLimitExceeded),
        "{error:?}"
    );
    assert_eq!(error.request_id(), Some("rl"));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "returned after {:?}, not at once",
        started.elapsed()
    );
    assert!(log.lock().unwrap().is_empty(), "no wait was started");
    assert_eq!(server.received(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn pacing_past_the_deadline_fails_at_once_and_says_nothing_was_sent() {
    let server = Server::start(vec![Reply::Json(ok_body(1, "r"))]).await;
    let client = builder(&server.url)
        .client_rate_limit(true)
        .build()
        .unwrap();
    // One per second: the first call takes the slot, the next is at +1 s.
    client.call::<FakePaced>(good_request()).await.unwrap();
    let limit = Duration::from_millis(300);
    let started = Instant::now();
    let error = client
        .call_with::<FakePaced>(good_request(), CallOptions::new().call_timeout(limit))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                kind: TimeoutKind::Call,
                sent: false
            }
        ),
        "{error:?}"
    );
    assert!(!error.is_ambiguous());
    assert!(error.is_retryable());
    assert!(
        error
            .to_string()
            .contains("whole-call timeout (request not sent)"),
        "{error}"
    );
    assert!(
        started.elapsed() < limit,
        "gave up without waiting for the deadline: {:?}",
        started.elapsed()
    );
    assert_eq!(server.received(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn call_timeout_after_only_failed_connections_says_nothing_was_sent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let (log, observer) = retry_log();
    let client = builder(&url)
        .client_rate_limit(true)
        .on_retry(observer)
        .build()
        .unwrap();
    // Attempt 1 is refused (never sent) and retried; attempt 2's pacing slot
    // (one per second) lies past the deadline.
    let error = client
        .call_with::<FakePaced>(
            good_request(),
            CallOptions::new().call_timeout(Duration::from_millis(500)),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                kind: TimeoutKind::Call,
                sent: false
            }
        ),
        "{error:?}"
    );
    assert!(!error.is_ambiguous());
    let log = log.lock().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].reason, RetryReason::NotSent);
}

#[tokio::test]
async fn zero_per_call_timeouts_are_refused_before_sending() {
    let server = Server::start(vec![Reply::Json(ok_body(1, "r"))]).await;
    let client = client(&server.url);
    for (options, name) in [
        (
            CallOptions::new().call_timeout(Duration::ZERO),
            "call timeout",
        ),
        (
            CallOptions::new().attempt_timeout(Duration::ZERO),
            "attempt timeout",
        ),
    ] {
        let error = client
            .call_with::<FakeClone>(good_request(), options)
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::Config(ConfigError::InvalidTimeout(n)) if *n == name),
            "{error:?}"
        );
        assert!(error.is_local());
    }
    assert_eq!(server.received(), 0);
}

/// A listener whose accept queue is full, so that connecting to it hangs
/// (Linux drops the SYN). `None` where the platform refuses instead.
#[cfg(target_os = "linux")]
fn unresponsive_listener() -> Option<(tokio::net::TcpListener, Vec<std::net::TcpStream>, String)> {
    let socket = tokio::net::TcpSocket::new_v4().ok()?;
    socket.bind("127.0.0.1:0".parse().unwrap()).ok()?;
    let listener = socket.listen(0).ok()?;
    let addr = listener.local_addr().ok()?;
    let mut fillers = Vec::new();
    for _ in 0..8 {
        match std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            Ok(stream) => fillers.push(stream),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                return Some((listener, fillers, format!("http://{addr}")))
            }
            Err(_) => return None,
        }
    }
    None
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn connect_timeout_is_retried_because_nothing_was_sent() {
    // On Linux a listener whose accept queue is full drops new SYNs, so the
    // connect hangs until the client's connect timeout.
    let (_listener, _fillers, url) =
        unresponsive_listener().expect("a full accept queue makes connects hang on Linux");
    let (log, observer) = retry_log();
    let client = builder(&url)
        .connect_timeout(Duration::from_millis(300))
        .on_retry(observer)
        .build()
        .unwrap();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Timeout {
                kind: TimeoutKind::Connect,
                sent: false
            }
        ),
        "{error:?}"
    );
    assert!(error.is_retryable());
    assert!(!error.is_ambiguous());
    assert!(error.to_string().contains("request not sent"), "{error}");
    let log = log.lock().unwrap().clone();
    assert_eq!(log.len(), 2, "3 attempts = 2 retries");
    assert!(log.iter().all(|e| e.reason == RetryReason::NotSent));
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
        } => assert!(reason.contains("not JSON"), "{reason}"),
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

// ---------------------------------------------------------------------------
// Local checks.

#[tokio::test]
async fn validation_failure_is_refused_locally_unless_switched_off() {
    let server = Server::start(vec![Reply::Json(ok_body(5, "req-unvalidated"))]).await;
    let client = client(&server.url);
    let bad = || FakeRequest {
        instance_id: None,
        count: 0,
    };
    let error = client.call::<FakeClone>(bad()).await.unwrap_err();
    match &error {
        Error::Validation(errors) => assert_eq!(errors.len(), 2),
        other => panic!("{other:?}"),
    }
    assert!(error.is_local());
    let shown = error.to_string();
    assert!(
        shown.contains("InstanceId") && shown.contains("Count"),
        "{shown}"
    );
    assert_eq!(server.received(), 0, "nothing may be sent");

    // Per call.
    let response = client
        .call_with::<FakeClone>(bad(), CallOptions::new().validate(false))
        .await
        .unwrap();
    assert_eq!(response.job_id, 5);
    assert_eq!(server.received(), 1);
    assert_eq!(server.recorded()[0].body, br#"{"Count":0}"#);

    // Per client, and a call can switch it back on.
    let lax = builder(&server.url)
        .validate_requests(false)
        .build()
        .unwrap();
    lax.call::<FakeClone>(bad()).await.unwrap();
    assert_eq!(server.received(), 2);
    let error = lax
        .call_with::<FakeClone>(bad(), CallOptions::new().validate(true))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Validation(_)));
    assert_eq!(server.received(), 2);
}

#[tokio::test]
async fn regional_action_without_region_is_refused_locally() {
    let server = Server::start(vec![Reply::Json(ok_body(1, "r"))]).await;
    let client = Client::builder()
        .credentials(tencentcloud_sdk::credentials::Credentials::new(
            SECRET_ID, SECRET_KEY,
        ))
        .endpoint_url(&server.url)
        .use_system_proxy(false)
        .build()
        .unwrap();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Config(ConfigError::MissingRegion {
                action: "CloneDBInstance"
            })
        ),
        "{error:?}"
    );
    assert!(error.is_local());
    assert!(error.to_string().contains("CloneDBInstance"), "{error}");
    // Switching validation off does not help: the server would refuse it.
    let error = client
        .call_with::<FakeClone>(good_request(), CallOptions::new().validate(false))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Config(ConfigError::MissingRegion { .. })),
        "{error:?}"
    );
    assert_eq!(server.received(), 0);
    // Actions whose page does not require Region go without X-TC-Region,
    // whether or not they list regions.
    client.call::<FakeSlow>(good_request()).await.unwrap();
    client.call::<FakePaced>(good_request()).await.unwrap();
    assert_eq!(server.received(), 2);
    assert!(server
        .recorded()
        .iter()
        .all(|r| r.header("x-tc-region").is_none()));
}

#[tokio::test]
async fn unlisted_region_is_refused_locally_unless_validation_is_off() {
    let server = Server::start(vec![Reply::Json(ok_body(1, "r"))]).await;
    let elsewhere = || builder(&server.url).region("eu-frankfurt");
    let client = elsewhere().build().unwrap();
    for error in [
        client.call::<FakeClone>(good_request()).await.unwrap_err(),
        client.call::<FakePaced>(good_request()).await.unwrap_err(),
    ] {
        match &error {
            Error::Config(ConfigError::UnsupportedRegion { region, .. }) => {
                assert_eq!(region, "eu-frankfurt")
            }
            other => panic!("{other:?}"),
        }
        assert!(error.is_local());
    }
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    let shown = error.to_string();
    assert!(
        shown.contains("CloneDBInstance") && shown.contains("eu-frankfurt"),
        "{shown}"
    );
    assert!(client.prepare::<FakeClone>(&good_request()).is_err());
    assert_eq!(server.received(), 0, "nothing may be sent");

    // An action listing no regions takes any region.
    client.call::<FakeSlow>(good_request()).await.unwrap();
    assert_eq!(server.received(), 1);

    // The list may lag behind the service: validation off sends anyway,
    // per call or per client.
    client
        .call_with::<FakeClone>(good_request(), CallOptions::new().validate(false))
        .await
        .unwrap();
    let lax = elsewhere().validate_requests(false).build().unwrap();
    lax.call::<FakeClone>(good_request()).await.unwrap();
    assert!(lax.prepare::<FakeClone>(&good_request()).is_ok());
    assert_eq!(server.received(), 3);
    assert!(server.recorded()[1..]
        .iter()
        .all(|r| r.header("x-tc-region") == Some("eu-frankfurt")));
    // ...and a call can switch it back on.
    let error = lax
        .call_with::<FakeClone>(good_request(), CallOptions::new().validate(true))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Config(ConfigError::UnsupportedRegion { .. })),
        "{error:?}"
    );
    assert_eq!(server.received(), 3);
}

#[tokio::test]
async fn missing_credentials_fail_before_sending_and_name_what_was_tried() {
    let server = Server::start(vec![Reply::Json(ok_body(1, "r"))]).await;
    // The chain also asks the instance metadata service: a closed local port.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let env = Env::from_pairs([
        ("HOME", "/nonexistent-home-for-test".to_owned()),
        ("TENCENTCLOUD_METADATA_ENDPOINT", format!("http://{closed}")),
    ]);
    let client = builder(&server.url)
        .credentials_provider(CredentialsChain::default_chain_with_env(env))
        .build()
        .unwrap();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    let shown = error.to_string();
    assert!(shown.contains("TENCENTCLOUD_SECRET_ID"), "{shown}");
    assert!(
        shown.contains("/nonexistent-home-for-test/.tencentcloud/credentials"),
        "{shown}"
    );
    assert_eq!(server.received(), 0);
}

#[test]
fn builder_rejects_unusable_settings() {
    let base = || Client::builder().use_system_proxy(false);
    assert!(matches!(
        base().region("AP GZ").build(),
        Err(ConfigError::InvalidRegion(_))
    ));
    assert!(matches!(
        base().endpoint(Endpoint::Regional).build(),
        Err(ConfigError::RegionalEndpointWithoutRegion)
    ));
    assert!(matches!(
        base().endpoint_url("127.0.0.1:9000").build(),
        Err(ConfigError::InvalidEndpoint { .. })
    ));
    assert!(matches!(
        base().endpoint_url("http://h/api").build(),
        Err(ConfigError::InvalidEndpoint { .. })
    ));
    assert!(matches!(
        base().call_timeout(Duration::ZERO).build(),
        Err(ConfigError::InvalidTimeout(_))
    ));
    assert!(matches!(
        base().max_response_bytes(0).build(),
        Err(ConfigError::InvalidLimit(_))
    ));
    let client = base()
        .region("ap-guangzhou")
        .endpoint(Endpoint::Regional)
        .build()
        .unwrap();
    assert_eq!(client.region(), Some("ap-guangzhou"));
    let prepared = Client::builder()
        .region("ap-guangzhou")
        .endpoint(Endpoint::International)
        .credentials(tencentcloud_sdk::credentials::Credentials::new(
            SECRET_ID, SECRET_KEY,
        ))
        .build()
        .unwrap()
        .prepare::<FakeClone>(&good_request())
        .unwrap();
    assert_eq!(prepared.url(), "https://fake-world.example.test/");
    assert_eq!(prepared.header("host"), Some("fake-world.example.test"));
}

#[test]
fn public_endpoints_are_the_actions_spec_hosts() {
    let prepare = |endpoint: Endpoint| {
        Client::builder()
            .region("ap-guangzhou")
            .endpoint(endpoint)
            .credentials(tencentcloud_sdk::credentials::Credentials::new(
                SECRET_ID, SECRET_KEY,
            ))
            .build()
            .unwrap()
            .prepare::<FakeClone>(&good_request())
            .unwrap()
    };
    for (endpoint, host) in [
        (Endpoint::Nearest, "fake-nearest.example.test"),
        (
            Endpoint::Regional,
            "fake.ap-guangzhou.regional.example.test",
        ),
        (Endpoint::International, "fake-world.example.test"),
    ] {
        let prepared = prepare(endpoint.clone());
        assert_eq!(prepared.url(), format!("https://{host}/"), "{endpoint:?}");
        assert_eq!(prepared.header("host"), Some(host), "{endpoint:?}");
        // The signature covers that host, under the action's service name.
        let timestamp: u64 = prepared.header("x-tc-timestamp").unwrap().parse().unwrap();
        let signed = SigningRequest {
            service: "postgres",
            host,
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
    }
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

mod capture {
    use std::collections::HashMap;
    use std::fmt::Debug;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    #[derive(Default)]
    pub struct Captured {
        pub spans: HashMap<u64, (String, HashMap<String, String>)>,
        pub events: Vec<HashMap<String, String>>,
    }

    #[derive(Clone, Default)]
    pub struct Capture {
        pub data: Arc<Mutex<Captured>>,
        next: Arc<AtomicU64>,
    }

    struct Fields<'a>(&'a mut HashMap<String, String>);

    impl Visit for Fields<'_> {
        fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
            self.0.insert(field.name().to_owned(), format!("{value:?}"));
        }
        fn record_str(&mut self, field: &Field, value: &str) {
            self.0.insert(field.name().to_owned(), value.to_owned());
        }
    }

    impl Subscriber for Capture {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let id = self.next.fetch_add(1, Ordering::SeqCst) + 1;
            let mut fields = HashMap::new();
            span.record(&mut Fields(&mut fields));
            self.data
                .lock()
                .unwrap()
                .spans
                .insert(id, (span.metadata().name().to_owned(), fields));
            Id::from_u64(id)
        }
        fn record(&self, span: &Id, values: &Record<'_>) {
            let mut data = self.data.lock().unwrap();
            if let Some((_, fields)) = data.spans.get_mut(&span.into_u64()) {
                values.record(&mut Fields(fields));
            }
        }
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, event: &Event<'_>) {
            let mut fields = HashMap::new();
            event.record(&mut Fields(&mut fields));
            self.data.lock().unwrap().events.push(fields);
        }
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }
}

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
            tencentcloud_sdk::credentials::Credentials::new(SECRET_ID, SECRET_KEY)
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

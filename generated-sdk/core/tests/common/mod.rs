//! What the client tests share: a fake action defined here (no generated
//! code involved), a scripted local HTTP/1.1 server, and helpers. Each test
//! file uses part of it.
#![allow(dead_code, unused_imports)]

pub use std::collections::HashMap;
pub use std::fmt;
pub use std::sync::atomic::{AtomicUsize, Ordering};
pub use std::sync::{Arc, Mutex};
pub use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub use serde::{Deserialize, Serialize};
pub use tencentcloud_sdk_core::action::Endpoints;
pub use tencentcloud_sdk_core::client::{
    CallOptions, Client, ClientBuilder, ConfigError, Endpoint, Error, Language, RetryEvent,
    RetryPolicy, RetryReason, TimeoutKind, DEFAULT_MAX_RESPONSE_BYTES, REQUEST_CLIENT,
};
pub use tencentcloud_sdk_core::credentials::{CredentialsChain, Env};
pub use tencentcloud_sdk_core::signing::{self, SigningRequest};
pub use tencentcloud_sdk_core::validation::{Collector, Path};
pub use tencentcloud_sdk_core::{Action, ErrorCategory, ErrorCode, Validate, ValidationErrors};
pub use tokio::io::{AsyncReadExt, AsyncWriteExt};
pub use tokio::net::{TcpListener, TcpStream};
pub use tokio::sync::watch;

// ---------------------------------------------------------------------------
// A fake action.

pub const SECRET_ID: &str = "AKIDfakefakefakefake1234";
pub const SECRET_KEY: &str = "SECRETKEYsecretkeySECRETKEY0";
pub const TOKEN: &str = "SESSIONTOKENsessiontoken42";

pub struct FakeClone;

#[derive(Debug, Serialize, Deserialize)]
pub struct FakeRequest {
    #[serde(rename = "InstanceId", skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    #[serde(rename = "Count")]
    pub count: i64,
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

pub fn good_request() -> FakeRequest {
    FakeRequest {
        instance_id: Some("ins-1".into()),
        count: 2,
    }
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct FakeResponse {
    #[serde(rename = "JobId")]
    pub job_id: u64,
    #[serde(rename = "RequestId")]
    pub request_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FakeCode {
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
pub const FAKE_ENDPOINTS: Endpoints = Endpoints {
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
pub struct FakeSlow;

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
pub struct FakePaced;

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
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

#[derive(Debug, Clone)]
pub enum Reply {
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

pub struct Server {
    pub url: String,
    pub host: String,
    pub requests: Arc<Mutex<Vec<Recorded>>>,
    /// How many requests have been read completely; updated before replying.
    pub received: watch::Receiver<usize>,
}

/// Shared by the connections of one server.
pub struct ServerState {
    pub requests: Arc<Mutex<Vec<Recorded>>>,
    pub next: AtomicUsize,
    pub received: watch::Sender<usize>,
    pub script: Vec<Reply>,
}

impl Server {
    /// Answers request `i` with `script[i]`, repeating the last entry.
    pub async fn start(script: Vec<Reply>) -> Server {
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

    pub fn received(&self) -> usize {
        *self.received.borrow()
    }

    /// Waits (no sleeping: the server signals each request it has read) until
    /// `n` requests have arrived, then returns how many did. Use after a call
    /// has returned, when no more requests can come, to count exactly.
    pub async fn wait_for(&self, n: usize) -> usize {
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

    pub fn recorded(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

pub async fn serve(mut stream: TcpStream, state: Arc<ServerState>) {
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

pub fn response(status: u16, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

pub async fn read_request(stream: &mut TcpStream) -> Option<Recorded> {
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

pub fn ok_body(job_id: u64, request_id: &str) -> String {
    format!(r#"{{"Response": {{"JobId": {job_id}, "RequestId": "{request_id}"}}}}"#)
}

pub fn error_body(code: &str, message: &str, request_id: &str) -> String {
    format!(
        r#"{{"Response": {{"Error": {{"Code": "{code}", "Message": "{message}"}}, "RequestId": "{request_id}"}}}}"#
    )
}

/// Hang cases use 1 s attempt timeouts so that even a loaded machine has the
/// request read by the server long before the attempt gives up; counts come
/// from the retry observer and the server's own signal, never from sleeping.
pub const HANG_ATTEMPT: Duration = Duration::from_secs(1);

/// Asserts that `error` is a timeout of `kind`, after the request was (or
/// was not) sent.
pub fn assert_timeout(error: &Error<FakeCode>, kind: TimeoutKind, sent: bool) {
    assert!(
        matches!(error, Error::Timeout { kind: k, sent: s } if *k == kind && *s == sent),
        "expected a {kind:?} timeout with sent = {sent}: {error:?}"
    );
}

pub fn fast_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy::new(attempts)
        .with_initial_backoff(Duration::from_millis(2))
        .with_max_backoff(Duration::from_millis(5))
}

pub fn builder(server_url: &str) -> ClientBuilder {
    Client::builder()
        .region("ap-guangzhou")
        .credentials(tencentcloud_sdk_core::credentials::Credentials::new(
            SECRET_ID, SECRET_KEY,
        ))
        .endpoint_url(server_url)
        .use_system_proxy(false)
        .retry_policy(fast_retries(3))
}

pub fn client(server_url: &str) -> Client {
    builder(server_url).build().unwrap()
}

/// Records every retry the client reports.
pub fn retry_log() -> (
    Arc<Mutex<Vec<RetryEvent>>>,
    impl Fn(&RetryEvent) + Send + Sync + 'static,
) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = log.clone();
    (log, move |event: &RetryEvent| {
        sink.lock().unwrap().push(event.clone())
    })
}

pub fn assert_no_secrets(text: &str) {
    for secret in [SECRET_KEY, TOKEN] {
        assert!(!text.contains(secret), "secret leaked into: {text}");
    }
}

/// Tracing output captured per test: spans and their fields.
pub mod capture {
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

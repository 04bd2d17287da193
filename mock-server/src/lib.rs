//! A local Tencent Cloud API 3.0 endpoint built from the same specs as the
//! SDK: it dispatches on `X-TC-Action`/`X-TC-Version`, verifies TC3
//! signatures, reads bodies strictly and validates them, then answers in the
//! real envelope. The services compiled in (the facade's curated services)
//! go through the generated registry and validators; every other service of
//! `api-spec/` is served from its spec files ([`described`]), so the whole
//! surface is served without building it.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use tencentcloud_mock::{MockServer, Reply};
//!
//! let mock = MockServer::start("AKIDEXAMPLE", "secret").await?;
//! mock.on("CloneInstances", [Reply::error("RequestLimitExceeded", "slow down"), Reply::Example]);
//! // point a client at mock.endpoint() ...
//! let seen = mock.requests();
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

pub mod described;
pub mod protocol;
pub mod scenario;

use std::collections::{BTreeMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming as HyperBody};
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::watch;

pub use described::Catalog;
pub use protocol::{ApiError, Incoming, Served};
pub use scenario::Scenario;

/// Largest request body accepted, as the service documents for TC3 POST.
pub const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;
/// How many requests the mock remembers by default (the newest are kept).
pub const DEFAULT_RECORD_LIMIT: usize = 1000;
/// How much of each recorded body is kept.
pub const RECORDED_BODY_BYTES: usize = 64 * 1024;
/// How long a connection may take to send its request headers, by default.
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// What the mock answers to one accepted request.
#[derive(Clone)]
pub enum Reply {
    /// The page's example response (the default).
    Example,
    /// This `Response` object (a fresh RequestId is added).
    Json(Value),
    /// An error envelope with this code and message.
    Error {
        /// Error code.
        code: String,
        /// Message.
        message: String,
    },
    /// A raw HTTP answer outside the envelope (a gateway error, say).
    Raw {
        /// HTTP status.
        status: u16,
        /// Content type.
        content_type: String,
        /// Body.
        body: String,
    },
    /// Close the connection without answering.
    Drop,
    /// Wait, then give the inner reply.
    Delay(Duration, Box<Reply>),
    /// Compute the reply from the recorded request.
    Handler(Arc<dyn Fn(&Recorded) -> Reply + Send + Sync>),
}

impl Reply {
    /// An error envelope.
    pub fn error(code: &str, message: &str) -> Self {
        Reply::Error {
            code: code.to_owned(),
            message: message.to_owned(),
        }
    }
    /// The inner reply after `delay`.
    pub fn delayed(delay: Duration, reply: Reply) -> Self {
        Reply::Delay(delay, Box::new(reply))
    }
    /// A reply computed by `f`.
    pub fn handler(f: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Self {
        Reply::Handler(Arc::new(f))
    }
}

impl std::fmt::Debug for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reply::Example => f.write_str("Example"),
            Reply::Json(v) => write!(f, "Json({v})"),
            Reply::Error { code, .. } => write!(f, "Error({code})"),
            Reply::Raw { status, .. } => write!(f, "Raw({status})"),
            Reply::Drop => f.write_str("Drop"),
            Reply::Delay(d, r) => write!(f, "Delay({d:?}, {r:?})"),
            Reply::Handler(_) => f.write_str("Handler"),
        }
    }
}

/// What the mock decided about a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every check passed; the behaviour set for the action answered.
    Accepted,
    /// A check failed with this error.
    Rejected(ApiError),
}

/// One request the mock received. The body is kept up to
/// [`RECORDED_BODY_BYTES`].
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `X-TC-Action`, if sent.
    pub action: Option<String>,
    /// Headers, names lowercased.
    pub headers: BTreeMap<String, String>,
    /// The body as text (lossy UTF-8).
    pub body: String,
    /// The verdict.
    pub verdict: Verdict,
}

impl Recorded {
    /// The body as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.body).ok()
    }
}

struct State {
    credentials: BTreeMap<String, String>,
    clock_offset_secs: i64,
    /// Replies queued per action; the last one stays once the others are used.
    replies: BTreeMap<String, VecDeque<Reply>>,
    /// The newest requests, at most `record_limit`.
    recorded: VecDeque<Recorded>,
    record_limit: usize,
    header_timeout: Duration,
    /// The services served from spec files (beyond the compiled ones).
    catalog: Option<Arc<Catalog>>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            credentials: BTreeMap::new(),
            clock_offset_secs: 0,
            replies: BTreeMap::new(),
            recorded: VecDeque::new(),
            record_limit: DEFAULT_RECORD_LIMIT,
            header_timeout: DEFAULT_HEADER_TIMEOUT,
            catalog: None,
        }
    }
}

/// A running mock endpoint. Stops when dropped.
pub struct MockServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: watch::Sender<bool>,
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    // A panicking test handler must not take the whole mock down with it.
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl MockServer {
    /// Starts on `127.0.0.1` port 0 with one key pair.
    pub async fn start(secret_id: &str, secret_key: &str) -> std::io::Result<Self> {
        Self::bind(SocketAddr::from(([127, 0, 0, 1], 0)), secret_id, secret_key).await
    }

    /// Starts on `addr` with one key pair.
    pub async fn bind(
        addr: SocketAddr,
        secret_id: &str,
        secret_key: &str,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(Mutex::new(State::default()));
        lock(&state)
            .credentials
            .insert(secret_id.to_owned(), secret_key.to_owned());
        let (stop, mut stopped) = watch::channel(false);
        let shared = Arc::clone(&state);
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = stopped.changed() => break,
                    (stream, _) = next_connection(|| listener.accept()) => {
                        let state = Arc::clone(&shared);
                        let header_timeout = lock(&state).header_timeout;
                        let mut conn_stopped = stopped.clone();
                        tokio::spawn(async move {
                            let service = service_fn(move |req| handle(Arc::clone(&state), req));
                            // Slow or idle clients are cut off after the header timeout.
                            let conn = hyper::server::conn::http1::Builder::new()
                                .timer(TokioTimer::new())
                                .header_read_timeout(header_timeout)
                                .serve_connection(TokioIo::new(stream), service);
                            tokio::select! {
                                _ = conn => {}
                                _ = conn_stopped.changed() => {}
                            }
                        });
                    }
                }
            }
        });
        Ok(Self { addr, state, stop })
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The endpoint URL to give a client (`http://127.0.0.1:PORT`).
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Accepts another key pair.
    pub fn add_credentials(&self, secret_id: &str, secret_key: &str) {
        lock(&self.state)
            .credentials
            .insert(secret_id.to_owned(), secret_key.to_owned());
    }

    /// Moves the mock's clock by `secs` (to test expired signatures).
    pub fn set_clock_offset(&self, secs: i64) {
        lock(&self.state).clock_offset_secs = secs;
    }

    /// Sets how the mock answers accepted requests for `action`: the replies
    /// in order, one per request; the last one repeats.
    pub fn on(&self, action: &str, replies: impl IntoIterator<Item = Reply>) {
        lock(&self.state)
            .replies
            .insert(action.to_owned(), replies.into_iter().collect());
    }

    /// The requests received so far, oldest first: the newest
    /// [`DEFAULT_RECORD_LIMIT`] (see [`MockServer::set_record_limit`]).
    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.state).recorded.iter().cloned().collect()
    }

    /// Keeps at most `limit` requests (the newest); 0 keeps none.
    pub fn set_record_limit(&self, limit: usize) {
        let mut st = lock(&self.state);
        st.record_limit = limit;
        while st.recorded.len() > limit {
            st.recorded.pop_front();
        }
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        lock(&self.state).recorded.clear();
    }

    /// How long new connections may take to send their request headers
    /// (default [`DEFAULT_HEADER_TIMEOUT`]); idle keep-alive connections are
    /// closed after it too.
    pub fn set_header_timeout(&self, timeout: Duration) {
        lock(&self.state).header_timeout = timeout;
    }

    /// Serves the service versions of the spec folder `catalog` beyond the
    /// compiled ones (see [`Catalog::open`]; [`MockServer::start`] has none).
    pub fn serve_specs(&self, catalog: Catalog) {
        lock(&self.state).catalog = Some(Arc::new(catalog));
    }

    /// Stops serving (also done on drop).
    pub fn shutdown(&self) {
        let _ = self.stop.send(true);
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

type Check =
    fn(&Incoming, &BTreeMap<String, String>, u64, Option<&Catalog>) -> Result<Served, ApiError>;

/// Runs `check` on a request and picks the reply. The checks run outside
/// the state's lock (only the credentials are copied under it): a large
/// body must not hold up other requests.
fn decide(
    state: &Mutex<State>,
    incoming: &Incoming,
    check: Check,
) -> (Verdict, Result<(Served, Reply), ApiError>) {
    let (credentials, offset, catalog) = {
        let st = lock(state);
        (
            st.credentials.clone(),
            st.clock_offset_secs,
            st.catalog.clone(),
        )
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        .saturating_add_signed(offset);
    match check(incoming, &credentials, now, catalog.as_deref()) {
        Ok(entry) => {
            let mut st = lock(state);
            let queue = st.replies.entry(entry.name().to_owned()).or_default();
            let reply = if queue.len() > 1 {
                queue.pop_front()
            } else {
                queue.front().cloned()
            };
            (
                Verdict::Accepted,
                Ok((entry, reply.unwrap_or(Reply::Example))),
            )
        }
        Err(e) => (Verdict::Rejected(e.clone()), Err(e)),
    }
}

/// Wait after a failed accept.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// The next connection from `accept`. A failed accept (out of file
/// descriptors, say) is tried again after [`ACCEPT_BACKOFF`], not at once:
/// retrying at once spins a core while nothing can be accepted.
async fn next_connection<T, F, Fut>(mut accept: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = std::io::Result<T>>,
{
    loop {
        match accept().await {
            Ok(connection) => return connection,
            Err(_) => tokio::time::sleep(ACCEPT_BACKOFF).await,
        }
    }
}

type HttpResult = Result<Response<Full<Bytes>>, std::io::Error>;

fn json_response(value: &Value) -> HttpResult {
    Response::builder()
        .status(StatusCode::OK)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(value.to_string())))
        .map_err(std::io::Error::other)
}

async fn handle(state: Arc<Mutex<State>>, req: Request<HyperBody>) -> HttpResult {
    let method = req.method().as_str().to_owned();
    let headers: BTreeMap<String, String> = req
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_ascii_lowercase(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = match Limited::new(req.into_body(), MAX_BODY_BYTES)
        .collect()
        .await
    {
        Ok(b) => b.to_bytes().to_vec(),
        Err(e)
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some() =>
        {
            return json_response(&protocol::error_envelope(
                "RequestSizeLimitExceeded",
                "The request body exceeds 10 MB.",
            ));
        }
        Err(_) => {
            return json_response(&protocol::error_envelope(
                "InvalidParameter",
                "The request body could not be read (malformed or cut short).",
            ));
        }
    };
    let incoming = Incoming {
        method,
        headers,
        body,
    };
    let (verdict, reply) = decide(&state, &incoming, protocol::check);
    let recorded = Recorded {
        action: incoming.header("x-tc-action").map(str::to_owned),
        headers: incoming.headers.clone(),
        body: String::from_utf8_lossy(
            &incoming.body[..incoming.body.len().min(RECORDED_BODY_BYTES)],
        )
        .into_owned(),
        verdict,
    };
    {
        let mut st = lock(&state);
        if st.record_limit > 0 {
            if st.recorded.len() >= st.record_limit {
                st.recorded.pop_front();
            }
            st.recorded.push_back(recorded.clone());
        }
    }
    match reply {
        Err(e) => json_response(&protocol::error_envelope(&e.code, &e.message)),
        Ok((entry, reply)) => answer(&entry, reply, &recorded).await,
    }
}

async fn answer(entry: &Served, mut reply: Reply, recorded: &Recorded) -> HttpResult {
    let reply = loop {
        match reply {
            Reply::Delay(d, inner) => {
                tokio::time::sleep(d).await;
                reply = *inner;
            }
            Reply::Handler(f) => reply = f(recorded),
            other => break other,
        }
    };
    match reply {
        Reply::Example => json_response(&protocol::success_envelope(&entry.example_response())),
        Reply::Json(v) => json_response(&protocol::success_envelope(&v)),
        Reply::Error { code, message } => json_response(&protocol::error_envelope(&code, &message)),
        Reply::Raw {
            status,
            content_type,
            body,
        } => Response::builder()
            .status(status)
            .header("content-type", content_type)
            .body(Full::new(Bytes::from(body)))
            .map_err(std::io::Error::other),
        Reply::Drop => Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "dropped on purpose",
        )),
        // The loop above unwraps these.
        Reply::Delay(..) | Reply::Handler(_) => {
            Err(std::io::Error::other("reply loop ended on a wrapper"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Finding 8 of issue 14: the request checks run without the mock's lock.
    #[test]
    fn checks_run_outside_the_lock() {
        static STATE: std::sync::OnceLock<Mutex<State>> = std::sync::OnceLock::new();
        let state = STATE.get_or_init(|| Mutex::new(State::default()));
        fn check(
            _: &Incoming,
            _: &BTreeMap<String, String>,
            _: u64,
            _: Option<&Catalog>,
        ) -> Result<Served, ApiError> {
            let free = STATE.get().expect("state").try_lock().is_ok();
            Err(ApiError {
                code: if free { "Free" } else { "Held" }.to_owned(),
                message: String::new(),
            })
        }
        let incoming = Incoming {
            method: "POST".into(),
            headers: BTreeMap::new(),
            body: Vec::new(),
        };
        let (verdict, _) = decide(state, &incoming, check);
        let Verdict::Rejected(e) = verdict else {
            panic!("{verdict:?}")
        };
        assert_eq!(e.code, "Free", "the check ran while the lock was held");
    }

    /// Finding 2 of issue 14: failed accepts are retried after a pause.
    #[tokio::test(start_paused = true)]
    async fn failed_accepts_back_off() {
        let mut calls = Vec::new();
        let start = tokio::time::Instant::now();
        let got = next_connection(|| {
            calls.push(start.elapsed());
            let n = calls.len();
            async move {
                if n <= 5 {
                    Err(std::io::Error::other("too many open files"))
                } else {
                    Ok(n)
                }
            }
        })
        .await;
        assert_eq!(got, 6);
        for pair in calls.windows(2) {
            assert!(pair[1] - pair[0] >= ACCEPT_BACKOFF, "{calls:?}");
        }
    }
}

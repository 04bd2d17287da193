//! The async HTTP client: signs, sends and decodes any [`Action`].
//!
//! ```no_run
//! # use tencentcloud_sdk_core::client::{Client, Language};
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder()
//!     .region("ap-guangzhou")
//!     .language(Language::EnUs)
//!     .build()?; // credentials: environment, then ~/.tencentcloud/credentials
//! // let response = client.call::<CloneDBInstance>(&request).await?;
//! # Ok(()) }
//! ```
//!
//! Each call checks the region against the action's spec and validates the
//! request locally (unless switched off), then makes up to
//! [`RetryPolicy::max_attempts`] attempts to the spec's host for the chosen
//! [`Endpoint`]. Only rate-limit answers and
//! failures where the request never left are retried by default; see
//! [`CallOptions::retry_ambiguous`] for the rest. Every call runs in a
//! `tencentcloud_call` tracing span with the service, action, region, attempt
//! and RequestId; neither secrets nor request bodies are ever logged.

mod attempt;
mod builder;
mod config;
mod decode;
mod endpoint;
mod envelope;
mod error;
mod options;
mod paginator;
mod proxy;
mod ratelimit;
mod retry;
mod send_error;
#[doc(hidden)]
pub mod waiter;

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, HOST};
use tokio::time::Instant;
use tracing::Instrument;

use crate::action::{Action, ErrorCode};
use crate::credentials::{Credentials, CredentialsChain, ProvideCredentials};
use crate::signing::{self, SigningKey, SigningRequest, JSON_CONTENT_TYPE};
use crate::validation::Validate;

pub use builder::ClientBuilder;
pub use config::{ConfigError, Language, Timeouts};
pub use endpoint::Endpoint;
pub use error::{BoxError, Error, TimeoutKind};
pub use options::CallOptions;
pub use paginator::Paginator;
pub use proxy::Proxy;
pub use retry::{RetryEvent, RetryPolicy, RetryReason};
pub use waiter::{WaitConfig, WaitOutcome};

pub use crate::wire::Correction;
use attempt::CallContext;
pub use decode::{decode_response, decode_response_with_metadata, ResponseMetadata};
use decode::{into_result, invalid_response, reading, scrub};
use endpoint::ResolvedEndpoint;
use ratelimit::RateLimiter;
use send_error::classify_send_error;

/// Default cap on a response body: 10 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 10 * 1024 * 1024;
/// Largest request body TC3 accepts for `POST`: 10 MB.
pub const MAX_REQUEST_BYTES: usize = 10 * 1024 * 1024;
/// Sent as `X-TC-RequestClient` and `User-Agent`.
pub const REQUEST_CLIENT: &str = concat!("tencentcloud-sdk-rust/", env!("CARGO_PKG_VERSION"));

static X_TC_ACTION: HeaderName = HeaderName::from_static("x-tc-action");
static X_TC_VERSION: HeaderName = HeaderName::from_static("x-tc-version");
static X_TC_TIMESTAMP: HeaderName = HeaderName::from_static("x-tc-timestamp");
static X_TC_REGION: HeaderName = HeaderName::from_static("x-tc-region");
static X_TC_LANGUAGE: HeaderName = HeaderName::from_static("x-tc-language");
static X_TC_TOKEN: HeaderName = HeaderName::from_static("x-tc-token");
static X_TC_REQUEST_CLIENT: HeaderName = HeaderName::from_static("x-tc-requestclient");

const EXCERPT_CHARS: usize = 200;
/// Bytes reserved for a request body before serializing it.
const INITIAL_BODY_CAPACITY: usize = 1024;

type RetryObserver = Arc<dyn Fn(&RetryEvent) + Send + Sync>;

/// A signed request ready to send, from [`Client::prepare`]. Its `Debug`
/// output hides `Authorization` and `X-TC-Token` and omits the body.
#[derive(Clone)]
pub struct PreparedRequest {
    url: String,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl PreparedRequest {
    /// The URL it is POSTed to.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every header, signed ones included.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// One header's value as text, if present and printable.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The JSON body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

impl fmt::Debug for PreparedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Sensitive header values print as `Sensitive`.
        f.debug_struct("PreparedRequest")
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// A Tencent Cloud API client. Cheap to clone; clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    region: Option<String>,
    region_header: Option<HeaderValue>,
    language: Option<Language>,
    endpoint: ResolvedEndpoint,
    credentials: Arc<dyn ProvideCredentials>,
    timeouts: Timeouts,
    retry: RetryPolicy,
    validate: bool,
    strict_responses: bool,
    rate_limiter: Option<RateLimiter>,
    max_response_bytes: usize,
    on_retry: Option<RetryObserver>,
    key_cache: std::sync::Mutex<HashMap<&'static str, CachedKey>>,
    /// Each endpoint URL parsed once: parsing (IDNA included) cost about
    /// 5% of a call's CPU.
    parsed_urls: std::sync::Mutex<HashMap<String, reqwest::Url>>,
}

/// The last signing key derived for a service, reused while the secret and date match.
struct CachedKey {
    secret_key: String,
    key: SigningKey,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Client")
            .field("region", &inner.region)
            .field("language", &inner.language)
            .field("endpoint", &inner.endpoint)
            .field("credentials", &inner.credentials)
            .field("timeouts", &inner.timeouts)
            .field("retry", &inner.retry)
            .field("validate", &inner.validate)
            .field("rate_limit", &inner.rate_limiter.is_some())
            .field("max_response_bytes", &inner.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// `now + duration`, saturating at about thirty years for absurd durations.
fn after(duration: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(duration)
        .or_else(|| now.checked_add(Duration::from_secs(30 * 365 * 86_400)))
        .unwrap_or(now)
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// A header value from a `'static` string, refusing (rather than panicking on)
/// characters a header cannot hold.
fn static_value(value: &'static str, name: &'static str) -> Result<HeaderValue, ConfigError> {
    if value
        .bytes()
        .all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
    {
        Ok(HeaderValue::from_static(value))
    } else {
        Err(ConfigError::InvalidHeader(name))
    }
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The configured region.
    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    /// Sends one request with the client's settings.
    pub async fn call<A: Action>(
        &self,
        request: A::Request,
    ) -> Result<A::Response, Error<A::ErrorCode>> {
        self.call_with::<A>(request, CallOptions::default()).await
    }

    /// Sends one request with per-call settings.
    pub async fn call_with<A: Action>(
        &self,
        request: A::Request,
        options: CallOptions,
    ) -> Result<A::Response, Error<A::ErrorCode>> {
        self.call_with_metadata::<A>(request, options)
            .await
            .map(|(response, _)| response)
    }

    /// [`Client::call_with`], with what the call read besides the response:
    /// its RequestId and what decoding had to correct.
    pub async fn call_with_metadata<A: Action>(
        &self,
        request: A::Request,
        options: CallOptions,
    ) -> Result<(A::Response, ResponseMetadata), Error<A::ErrorCode>> {
        let span = tracing::info_span!(
            "tencentcloud_call",
            service = A::SERVICE,
            action = A::NAME,
            region = self.inner.region.as_deref().unwrap_or(""),
            attempt = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        let recorder = span.clone();
        async move {
            let result = self
                .run::<A>(&request, &options, &recorder)
                .await
                .map_err(Error::for_action::<A>);
            match &result {
                Ok(_) => tracing::debug!("call succeeded"),
                Err(error) => tracing::debug!(%error, "call failed"),
            }
            result
        }
        .instrument(span)
        .await
    }

    /// Validates (per the client setting), serializes and signs a request
    /// without sending it: for inspection, tests and benchmarks.
    pub fn prepare<A: Action>(
        &self,
        request: &A::Request,
    ) -> Result<PreparedRequest, Error<A::ErrorCode>> {
        let body = self.encode::<A>(request, &CallOptions::default())?;
        let (url, host) = self.inner.endpoint.resolve(&A::ENDPOINTS);
        // Synchronous: a source that must fetch first is an error here.
        let credentials = if A::SKIP_SIGN {
            Credentials::unsigned()
        } else {
            self.inner.credentials.provide_credentials().now()?
        };
        let headers = self.signed_headers::<A>(&host, &body, &credentials, unix_now())?;
        Ok(PreparedRequest { url, headers, body })
    }

    async fn run<A: Action>(
        &self,
        request: &A::Request,
        options: &CallOptions,
        span: &tracing::Span,
    ) -> Result<(A::Response, ResponseMetadata), Error<A::ErrorCode>> {
        let body = self.encode::<A>(request, options)?;
        for (value, name) in [
            (options.attempt_timeout, "attempt timeout"),
            (options.call_timeout, "call timeout"),
        ] {
            if value.is_some_and(|t| t.is_zero()) {
                return Err(ConfigError::InvalidTimeout(name).into());
            }
        }
        let deadline = after(options.call_timeout.unwrap_or(self.inner.timeouts.call));
        let (url, host) = self.inner.endpoint.resolve(&A::ENDPOINTS);
        let target = self.parsed_url(&url);
        let sent = AtomicBool::new(false);
        let mut sensitive = Vec::new();
        request.sensitive_values(&mut sensitive);
        let call = CallContext {
            url: &url,
            target: target.as_ref(),
            host: &host,
            body: &body,
            options,
            deadline,
            span,
            sent: &sent,
            sensitive: &sensitive,
        };
        match tokio::time::timeout_at(deadline, self.attempts::<A>(&call)).await {
            Ok(result) => result,
            Err(_) => Err(Error::Timeout {
                kind: TimeoutKind::Call,
                sent: sent.load(Ordering::SeqCst),
            }),
        }
    }

    /// Local checks and serialization: everything that happens before any I/O.
    fn encode<A: Action>(
        &self,
        request: &A::Request,
        options: &CallOptions,
    ) -> Result<Vec<u8>, Error<A::ErrorCode>> {
        let validate = options.validate.unwrap_or(self.inner.validate);
        match self.inner.region.as_deref() {
            None if A::REGION_REQUIRED => {
                return Err(ConfigError::MissingRegion { action: A::NAME }.into());
            }
            // The documented list may lag behind the service: only refuse
            // while validation is on.
            Some(region) if validate && !A::REGIONS.is_empty() && !A::REGIONS.contains(&region) => {
                return Err(ConfigError::UnsupportedRegion {
                    action: A::NAME,
                    region: region.to_owned(),
                }
                .into());
            }
            _ => {}
        }
        if validate {
            request.validate().map_err(Error::Validation)?;
        }
        // Room for a typical request body at once: growing from serde_json's
        // 128 bytes cost two reallocations and copies per call.
        let mut body = Vec::with_capacity(INITIAL_BODY_CAPACITY);
        serde_json::to_writer(&mut body, request).map_err(|e| Error::Encode {
            reason: format!("cannot serialize the request: {e}"),
        })?;
        if body.len() > MAX_REQUEST_BYTES {
            return Err(Error::Encode {
                reason: format!(
                    "request body of {} bytes exceeds the {MAX_REQUEST_BYTES}-byte limit",
                    body.len()
                ),
            });
        }
        Ok(body)
    }

    /// Every header of one attempt, signed at `timestamp`.
    fn signed_headers<A: Action>(
        &self,
        host: &str,
        body: &[u8],
        credentials: &Credentials,
        timestamp: u64,
    ) -> Result<HeaderMap, Error<A::ErrorCode>> {
        let inner = &*self.inner;
        let authorization = if A::SKIP_SIGN {
            // Unsigned by design; no credentials were asked for.
            "SKIP".to_owned()
        } else {
            credentials.check().map_err(|reason| {
                Error::Credentials(crate::credentials::CredentialsError::Invalid {
                    source_name: "credentials provider".to_owned(),
                    reason: reason.to_owned(),
                })
            })?;
            let signing_request = SigningRequest {
                service: A::SERVICE,
                host,
                content_type: JSON_CONTENT_TYPE,
                payload: body,
                timestamp,
            };
            let date = signing::utc_date(timestamp);
            let signature = self
                .signing_key(credentials.secret_key(), A::SERVICE, date)
                .sign_request(&signing_request);
            signing::format_authorization(credentials.secret_id(), &date, A::SERVICE, &signature)
        };

        let mut headers = HeaderMap::with_capacity(12);
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE));
        headers.insert(
            HOST,
            HeaderValue::from_str(host).map_err(|_| ConfigError::InvalidHeader("Host"))?,
        );
        headers.insert(&X_TC_ACTION, static_value(A::NAME, "X-TC-Action")?);
        headers.insert(&X_TC_VERSION, static_value(A::VERSION, "X-TC-Version")?);
        headers.insert(&X_TC_TIMESTAMP, HeaderValue::from(timestamp));
        if let Some(region) = &inner.region_header {
            headers.insert(&X_TC_REGION, region.clone());
        }
        if let Some(language) = inner.language {
            headers.insert(&X_TC_LANGUAGE, HeaderValue::from_static(language.as_str()));
        }
        headers.insert(
            &X_TC_REQUEST_CLIENT,
            HeaderValue::from_static(REQUEST_CLIENT),
        );
        if let Some(token) = credentials.token().filter(|_| !A::SKIP_SIGN) {
            // Checked printable above; never echo the value in errors.
            let mut value = HeaderValue::from_str(token)
                .map_err(|_| ConfigError::InvalidHeader("X-TC-Token"))?;
            value.set_sensitive(true);
            headers.insert(&X_TC_TOKEN, value);
        }
        let mut value = HeaderValue::try_from(authorization)
            .map_err(|_| ConfigError::InvalidHeader("Authorization"))?;
        value.set_sensitive(true);
        headers.insert(AUTHORIZATION, value);
        Ok(headers)
    }

    /// `url` parsed, from the cache when it was parsed before; `None` when it
    /// does not parse (the HTTP client then reports why).
    fn parsed_url(&self, url: &str) -> Option<reqwest::Url> {
        let mut cache = self
            .inner
            .parsed_urls
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(parsed) = cache.get(url) {
            return Some(parsed.clone());
        }
        let parsed = reqwest::Url::parse(url).ok()?;
        // One entry per service and region a program calls: bounded anyway.
        if cache.len() >= 1024 {
            cache.clear();
        }
        cache.insert(url.to_owned(), parsed.clone());
        Some(parsed)
    }

    /// The signing key for this secret, service and date, derived at most
    /// once per day and service while the secret stays the same.
    fn signing_key(
        &self,
        secret_key: &str,
        service: &'static str,
        date: signing::UtcDate,
    ) -> SigningKey {
        let mut cache = self
            .inner
            .key_cache
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(cached) = cache.get(service) {
            if cached.key.date() == date
                && signing::constant_time_eq(cached.secret_key.as_bytes(), secret_key.as_bytes())
            {
                return cached.key.clone();
            }
        }
        let key = SigningKey::derive(secret_key, &date, service);
        cache.insert(
            service,
            CachedKey {
                secret_key: secret_key.to_owned(),
                key: key.clone(),
            },
        );
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_masks_server_text_only() {
        use crate::client::error::tests::Code;
        let secrets = ["KEYKEYKEY", "TOKTOKTOK", ""];
        let service = scrub::<Code>(
            Error::Service {
                code: Code::from_code("InvalidParameter"),
                message: "bad KEYKEYKEY and TOKTOKTOK".into(),
                request_id: "r".into(),
            },
            &secrets,
        );
        assert!(
            matches!(&service, Error::Service { message, .. } if message == "bad *** and ***"),
            "{service:?}"
        );
        let invalid = scrub::<Code>(
            Error::InvalidResponse {
                reason: "invalid type: string \"KEYKEYKEY\"".into(),
                request_id: None,
                path: None,
                body_excerpt: "{\"Response\": TOKTOKTOK".into(),
            },
            &secrets,
        );
        assert_eq!(
            invalid.to_string(),
            "invalid response (outcome unknown): invalid type: string \"***\""
        );
        assert!(
            matches!(&invalid, Error::InvalidResponse { body_excerpt, .. } if body_excerpt == "{\"Response\": ***"),
            "{invalid:?}"
        );
    }
}

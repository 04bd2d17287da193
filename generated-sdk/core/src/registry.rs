//! An action as a type-erased entry, for code that works from wire names:
//! the test suite drives the spec's examples through it, the mock server
//! dispatches on `X-TC-Action` with it, and the `call` example calls by name.
//!
//! The tables are generated, one per service version
//! (`tencentcloud_sdk_postgres::v20170312::ACTIONS`, behind each service
//! crate's opt-in feature `registry`: an entry instantiates the action's JSON
//! and call code whether or not the action is used). The facade crate
//! `tencentcloud-sdk` joins the tables of the services it was built with.

use serde_json::Value;

use crate::action::Action;
use crate::validation::{Validate, ValidationErrors};

/// The outcome of validating a typed request.
pub type Verdict = Result<(), ValidationErrors>;

/// The future of a call by name: the `Response` object as JSON, or the error.
#[cfg(feature = "client")]
pub type JsonCall<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Value, CallError>> + Send + 'a>>;

/// Why a call by name failed: the typed error's message and what a caller
/// decides on (whether anything was sent, whether the outcome is unknown,
/// whether it may have bought), without its action-specific code type.
#[cfg(feature = "client")]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct CallError {
    /// The error's text, as [`Error`](crate::client::Error)'s `Display` gives it.
    pub message: String,
    /// Nothing was sent: the body did not read as the request, or a local
    /// check refused it ([`Error::is_local`](crate::client::Error::is_local)).
    pub local: bool,
    /// The server may have acted on the request
    /// ([`Error::is_ambiguous`](crate::client::Error::is_ambiguous)).
    pub ambiguous: bool,
    /// The action buys and the outcome is unknown
    /// ([`Error::MayHaveBought`](crate::client::Error::MayHaveBought)).
    pub may_have_bought: bool,
    /// The service's error code, when it answered with one.
    pub code: Option<String>,
    /// The RequestId, when the answer carried one.
    pub request_id: Option<String>,
}

#[cfg(feature = "client")]
impl<C: crate::action::ErrorCode> From<crate::client::Error<C>> for CallError {
    fn from(e: crate::client::Error<C>) -> Self {
        Self {
            message: e.to_string(),
            local: e.is_local(),
            ambiguous: e.is_ambiguous(),
            may_have_bought: matches!(e, crate::client::Error::MayHaveBought { .. }),
            code: e.code().map(|c| c.as_str().to_owned()),
            request_id: e.request_id().map(str::to_owned),
        }
    }
}

/// One action, type-erased.
#[derive(Clone, Copy)]
pub struct ActionEntry {
    /// Service name (`postgres`).
    pub service: &'static str,
    /// API version (`2017-03-12`).
    pub version: &'static str,
    /// Action name (`CloneDBInstance`).
    pub name: &'static str,
    /// Documented rate limit, requests per second.
    pub rate_limit_per_second: u32,
    /// Regions the page lists (empty: the page lists none).
    pub regions: &'static [&'static str],
    /// Whether the page marks the common parameter `Region` as required.
    pub region_required: bool,
    /// Called unsigned (`Authorization: SKIP`).
    pub skip_sign: bool,
    /// The page's example `Response` object, as JSON text.
    pub example_response: &'static str,
    /// Reads a request body strictly (unknown fields and wrong JSON types are
    /// [`BodyError`]s naming the wire path) and validates it.
    pub check_body: fn(&[u8]) -> Result<Verdict, BodyError>,
    /// Deserializes a request body into the typed request (unknown fields
    /// rejected) and validates it.
    pub validate_request: fn(&Value) -> Result<Verdict, serde_json::Error>,
    /// Calls the action with a JSON request body through `client` (validated
    /// per the client's setting) and returns the response as JSON.
    #[cfg(feature = "client")]
    pub call_json: for<'a> fn(&'a crate::client::Client, Value) -> JsonCall<'a>,
    /// Deserializes a request body and serializes the typed request back.
    pub roundtrip_request: fn(&Value) -> Result<Value, serde_json::Error>,
    /// Deserializes the `Response` object of a success into the typed response
    /// and serializes it back.
    pub roundtrip_response: fn(&Value) -> Result<Value, serde_json::Error>,
}

impl std::fmt::Debug for ActionEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ActionEntry({} {} {})",
            self.service, self.version, self.name
        )
    }
}

impl ActionEntry {
    /// The entry of action `A`, with the page's example response.
    pub const fn of<A: Action>(example_response: &'static str) -> Self {
        Self {
            service: A::SERVICE,
            version: A::VERSION,
            name: A::NAME,
            rate_limit_per_second: A::RATE_LIMIT_PER_SECOND,
            regions: A::REGIONS,
            region_required: A::REGION_REQUIRED,
            skip_sign: A::SKIP_SIGN,
            example_response,
            check_body: check_body::<A>,
            #[cfg(feature = "client")]
            call_json: call_json::<A>,
            validate_request: validate_request::<A>,
            roundtrip_request: roundtrip_request::<A>,
            roundtrip_response: roundtrip_response::<A>,
        }
    }
}

/// Why a request body could not be read into the typed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyError {
    /// The body is not JSON (or not an object).
    NotJson(String),
    /// A field the spec does not have, at this wire path.
    UnknownField(String),
    /// A value of the wrong JSON type, at this wire path.
    WrongType {
        /// Wire path (`DBNodeSet[0].Role`).
        path: String,
        /// What serde expected.
        message: String,
    },
}

impl std::fmt::Display for BodyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BodyError::NotJson(m) => write!(f, "the request body is not a JSON object: {m}"),
            BodyError::UnknownField(path) => write!(f, "{path}: unknown parameter"),
            BodyError::WrongType { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for BodyError {}

#[cfg(feature = "client")]
fn call_json<A: Action>(client: &crate::client::Client, body: Value) -> JsonCall<'_> {
    Box::pin(async move {
        let local = |message: String| CallError {
            message,
            local: true,
            ambiguous: false,
            may_have_bought: false,
            code: None,
            request_id: None,
        };
        let request =
            read_value::<A>(&body).map_err(|e| local(format!("request not sent: {e}")))?;
        let response = client.call::<A>(request).await?;
        // The typed response came from JSON: it goes back to JSON.
        serde_json::to_value(&response).map_err(|e| CallError {
            local: false,
            ..local(format!(
                "the call succeeded, but its response could not be written as JSON: {e}"
            ))
        })
    })
}

fn check_body<A: Action>(body: &[u8]) -> Result<Verdict, BodyError> {
    // serde would also read a struct from a JSON array; the API takes objects only.
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(BodyError::NotJson("expected a JSON object".to_owned()));
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    let request: A::Request = serde_path_to_error::deserialize(&mut *de).map_err(body_error)?;
    // One JSON value: trailing garbage or a second object is refused.
    de.end().map_err(|e| BodyError::NotJson(e.to_string()))?;
    // A structure that responses share tolerates unknown fields when it is
    // deserialized; a request must not, so compare with what was read.
    let input: Value =
        serde_json::from_slice(body).map_err(|e| BodyError::NotJson(e.to_string()))?;
    if let Some(path) = first_unread(&input, &typed(&request)?, "") {
        return Err(BodyError::UnknownField(path));
    }
    Ok(request.validate())
}

/// Reads a request from JSON as the live API would: numbers and booleans
/// written as strings are accepted; a member the action does not have, or a
/// value of the wrong type, is a [`BodyError`] naming its wire path.
#[cfg(feature = "client")]
fn read_value<A: Action>(body: &Value) -> Result<A::Request, BodyError> {
    if !body.is_object() {
        return Err(BodyError::NotJson("expected a JSON object".to_owned()));
    }
    let request: A::Request = serde_path_to_error::deserialize(body).map_err(body_error)?;
    if let Some(path) = first_unread(body, &typed(&request)?, "") {
        return Err(BodyError::UnknownField(path));
    }
    Ok(request)
}

/// The [`BodyError`] of a failed read, at the wire path serde stopped at.
fn body_error(err: serde_path_to_error::Error<serde_json::Error>) -> BodyError {
    let path = err.path().to_string();
    let inner = err.into_inner();
    if inner.is_syntax() || inner.is_eof() || path == "." {
        return BodyError::NotJson(inner.to_string());
    }
    let message = inner.to_string();
    // serde reports an unexpected key as "unknown field `X`"; the path ends at the key.
    if message.starts_with("unknown field `") {
        return BodyError::UnknownField(path);
    }
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned();
    BodyError::WrongType { path, message }
}

fn typed<T: serde::Serialize>(request: &T) -> Result<Value, BodyError> {
    serde_json::to_value(request).map_err(|e| BodyError::NotJson(e.to_string()))
}

/// The wire path of the first non-null member of `input` that the typed
/// request did not keep (`read`: the typed request serialized back).
fn first_unread(input: &Value, read: &Value, path: &str) -> Option<String> {
    match (input, read) {
        (Value::Object(i), Value::Object(r)) => i.iter().find_map(|(k, v)| {
            let at = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            match r.get(k) {
                // `""` for a number or boolean reads as no value.
                None if !v.is_null() && v.as_str() != Some("") => Some(at),
                None => None,
                Some(w) => first_unread(v, w, &at),
            }
        }),
        (Value::Array(i), Value::Array(r)) => i
            .iter()
            .zip(r)
            .enumerate()
            .find_map(|(n, (v, w))| first_unread(v, w, &format!("{path}[{n}]"))),
        _ => None,
    }
}

fn validate_request<A: Action>(body: &Value) -> Result<Verdict, serde_json::Error> {
    let request = <A::Request as serde::Deserialize>::deserialize(body)?;
    if let Some(path) = first_unread(body, &serde_json::to_value(&request)?, "") {
        return Err(serde::de::Error::custom(format_args!(
            "unknown field `{path}`"
        )));
    }
    Ok(request.validate())
}

fn roundtrip_request<A: Action>(body: &Value) -> Result<Value, serde_json::Error> {
    let request = <A::Request as serde::Deserialize>::deserialize(body)?;
    serde_json::to_value(&request)
}

fn roundtrip_response<A: Action>(body: &Value) -> Result<Value, serde_json::Error> {
    let response = <A::Response as serde::Deserialize>::deserialize(body)?;
    serde_json::to_value(&response)
}

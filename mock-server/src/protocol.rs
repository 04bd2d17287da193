//! The API 3.0 checks a request goes through, in the service's order:
//! common headers, dispatch on action and version, signature, then the body
//! against the generated request types and validators.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use tencentcloud_sdk::registry::{self, ActionEntry, BodyError};
use tencentcloud_sdk::signing::{
    verify_authorization_signed, ParsedAuthorization, SigningRequest, VerifyError,
};
use tencentcloud_sdk::validation::RuleKind;

/// How far a request timestamp may be from the server clock, in seconds.
pub const MAX_CLOCK_SKEW_SECS: u64 = 300;

/// A request as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// HTTP method.
    pub method: String,
    /// Headers, names lowercased; the last value wins.
    pub headers: BTreeMap<String, String>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Incoming {
    /// A header by lowercase name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

/// A rejection: an API error code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// Error code (`AuthFailure.SignatureFailure`).
    pub code: String,
    /// Message.
    pub message: String,
}

fn err(code: &str, message: impl Into<String>) -> ApiError {
    ApiError {
        code: code.to_owned(),
        message: message.into(),
    }
}

/// Runs every check; on success returns the action's registry entry.
pub fn check(
    req: &Incoming,
    credentials: &BTreeMap<String, String>,
    now: u64,
) -> Result<&'static ActionEntry, ApiError> {
    check_headers(req)?;
    let action = req.header("x-tc-action").unwrap_or_default();
    let version = req.header("x-tc-version").unwrap_or_default();
    let authorization = req.header("authorization").unwrap_or_default();
    let Some(auth) = ParsedAuthorization::parse(authorization) else {
        return Err(err(
            "AuthFailure.InvalidAuthorization",
            "The Authorization header is malformed.",
        ));
    };
    let entry = dispatch(auth.service, action, version)?;
    if !req
        .header("content-type")
        .unwrap_or_default()
        .starts_with("application/json")
    {
        return Err(err(
            "UnsupportedProtocol",
            "The mock accepts Content-Type application/json only.",
        ));
    }
    check_region(req, entry)?;
    check_signature(req, &auth, entry, credentials, now)?;
    check_body(req, entry)?;
    Ok(entry)
}

/// The method is POST and every required header is present.
fn check_headers(req: &Incoming) -> Result<(), ApiError> {
    if req.method != "POST" {
        return Err(err(
            "UnsupportedProtocol",
            format!(
                "The mock accepts POST with a JSON body, not {}.",
                req.method
            ),
        ));
    }
    for name in [
        "authorization",
        "x-tc-action",
        "x-tc-version",
        "x-tc-timestamp",
        "host",
        "content-type",
    ] {
        if req.header(name).is_none_or(str::is_empty) {
            return Err(err(
                "MissingParameter",
                format!(
                    "The request is missing the required header {}.",
                    header_name(name)
                ),
            ));
        }
    }
    Ok(())
}

/// The region is given when the action requires one, and is one the
/// action lists (when it lists any).
fn check_region(req: &Incoming, entry: &ActionEntry) -> Result<(), ApiError> {
    match req.header("x-tc-region") {
        None | Some("") if entry.region_required => {
            return Err(err(
                "MissingParameter",
                "The request is missing the required header X-TC-Region.",
            ));
        }
        None | Some("") => {}
        Some(region) if !entry.regions.is_empty() && !entry.regions.contains(&region) => {
            return Err(err(
                "UnsupportedRegion",
                format!("{} does not support region {region}.", entry.name),
            ));
        }
        Some(_) => {}
    }
    Ok(())
}

/// The timestamp is within the allowed skew, the SecretId is known and the
/// TC3 signature matches the request.
fn check_signature(
    req: &Incoming,
    auth: &ParsedAuthorization<'_>,
    entry: &ActionEntry,
    credentials: &BTreeMap<String, String>,
    now: u64,
) -> Result<(), ApiError> {
    let authorization = req.header("authorization").unwrap_or_default();
    let timestamp: u64 = req
        .header("x-tc-timestamp")
        .and_then(|t| t.parse().ok())
        .ok_or_else(|| {
            err(
                "InvalidParameter",
                "X-TC-Timestamp is not a UNIX time in seconds.",
            )
        })?;
    if timestamp.abs_diff(now) > MAX_CLOCK_SKEW_SECS {
        return Err(err(
            "AuthFailure.SignatureExpire",
            format!("The signature expired: X-TC-Timestamp {timestamp} is more than 5 minutes from the server time {now}."),
        ));
    }
    let Some(secret_key) = credentials.get(auth.secret_id) else {
        return Err(err(
            "AuthFailure.SecretIdNotFound",
            "The SecretId does not exist.",
        ));
    };
    let signing = SigningRequest {
        service: entry.service,
        host: req.header("host").unwrap_or_default(),
        content_type: req.header("content-type").unwrap_or_default(),
        payload: &req.body,
        timestamp,
    };
    let header = |name: &str| req.header(name).map(str::to_owned);
    match verify_authorization_signed(authorization, auth.secret_id, secret_key, &signing, &header)
    {
        Ok(()) => {}
        Err(VerifyError::Malformed) => {
            return Err(err(
                "AuthFailure.InvalidAuthorization",
                "The Authorization header is malformed.",
            ))
        }
        Err(_) => {
            return Err(err(
                "AuthFailure.SignatureFailure",
                "The signature does not match the request.",
            ))
        }
    }
    Ok(())
}

/// The body reads strictly into the action's request and passes its
/// validators.
fn check_body(req: &Incoming, entry: &ActionEntry) -> Result<(), ApiError> {
    match (entry.check_body)(&req.body) {
        Err(BodyError::UnknownField(path)) => Err(err(
            "UnknownParameter",
            format!("The parameter {path} is not recognized."),
        )),
        Err(BodyError::WrongType { path, message }) => {
            Err(err("InvalidParameter", format!("{path}: {message}.")))
        }
        Err(e @ BodyError::NotJson(_)) => Err(err("InvalidParameter", e.to_string())),
        Ok(Err(violations)) => {
            let missing = violations
                .iter()
                .any(|v| matches!(v.rule(), RuleKind::Required | RuleKind::RequiredIf));
            let code = if missing {
                "MissingParameter"
            } else {
                "InvalidParameterValue"
            };
            let text = violations
                .iter()
                .map(|v| format!("{v} [{}]", v.rule()))
                .collect::<Vec<_>>()
                .join("; ");
            Err(err(code, text))
        }
        Ok(Ok(())) => Ok(()),
    }
}

fn header_name(lower: &str) -> &'static str {
    match lower {
        "authorization" => "Authorization",
        "x-tc-action" => "X-TC-Action",
        "x-tc-version" => "X-TC-Version",
        "x-tc-timestamp" => "X-TC-Timestamp",
        "host" => "Host",
        _ => "Content-Type",
    }
}

/// Finds the action, or says whether the action or the version is unknown.
fn dispatch(service: &str, action: &str, version: &str) -> Result<&'static ActionEntry, ApiError> {
    if let Some(entry) = registry::find(service, version, action) {
        return Ok(entry);
    }
    let actions = registry::actions().filter(|a| a.service == service);
    if actions.clone().any(|a| a.name == action) {
        Err(err(
            "NoSuchVersion",
            format!("Version {version} of {service} does not exist or does not have {action}."),
        ))
    } else if actions.clone().next().is_none() {
        Err(err(
            "InvalidAction",
            format!("The mock does not serve the service {service}."),
        ))
    } else {
        Err(err(
            "InvalidAction",
            format!("The action {action} does not exist in {service}."),
        ))
    }
}

/// A fresh RequestId shaped like the service's (a random UUID).
pub fn request_id() -> String {
    let hex = |n: usize| {
        (0..n)
            .map(|_| char::from(b"0123456789abcdef"[fastrand::usize(..16)]))
            .collect::<String>()
    };
    format!(
        "{}-{}-4{}-{}{}-{}",
        hex(8),
        hex(4),
        hex(3),
        char::from(b"89ab"[fastrand::usize(..4)]),
        hex(3),
        hex(12)
    )
}

/// The success envelope around a `Response` object, with a fresh RequestId.
pub fn success_envelope(response: &Value) -> Value {
    let mut inner = response.as_object().cloned().unwrap_or_default();
    inner.insert("RequestId".into(), json!(request_id()));
    json!({ "Response": inner })
}

/// The error envelope.
pub fn error_envelope(code: &str, message: &str) -> Value {
    json!({ "Response": { "Error": { "Code": code, "Message": message }, "RequestId": request_id() } })
}

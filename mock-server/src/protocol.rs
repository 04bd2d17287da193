//! The API 3.0 checks a request goes through, in the service's order:
//! common headers, dispatch on action and version, signature, then the body
//! against the generated request types and validators (compiled services)
//! or the spec's reference validator (services read from a spec folder).

use std::collections::BTreeMap;

use serde_json::{json, Value};
use tencentcloud_sdk::registry::{self, ActionEntry, BodyError};
use tencentcloud_sdk::signing::{
    verify_authorization_signed, ParsedAuthorization, SigningRequest, VerifyError,
};
use tencentcloud_sdk::validation::RuleKind;

use crate::described::{Catalog, DescribedAction, Missing};

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

/// The most characters of a request value (a header) an error message
/// quotes.
pub const QUOTED_CHARS: usize = 64;

/// The most characters of a parameter's wire path (`DBNodeSet[0].Role`,
/// names the client chose included) an error message quotes.
pub const PATH_CHARS: usize = 160;

/// The most characters of one validator message (which may itself quote a
/// parameter's value) an error message carries.
pub const DETAIL_CHARS: usize = 256;

/// The most violations an error message lists.
pub const LISTED_VIOLATIONS: usize = 10;

/// A request value as an error message quotes it: whole when it has at
/// most [`QUOTED_CHARS`] characters, else its first ones, `…` and its
/// length, so a 1 MiB header is not echoed back.
pub fn excerpt(value: &str) -> String {
    clip(value, QUOTED_CHARS, 0)
}

/// A wire path as an error message quotes it, bounded like [`excerpt`]
/// to [`PATH_CHARS`].
fn path_excerpt(path: &str) -> String {
    clip(path, PATH_CHARS, 0)
}

/// A validator's message (which may quote a value) bounded to about
/// [`DETAIL_CHARS`] characters: its start and its end (which says what was
/// expected), the middle left out.
fn detail(message: &str) -> String {
    clip(message, DETAIL_CHARS - 64, 64)
}

/// `text` whole when it has at most `head + tail` characters, else its
/// first `head` and last `tail` characters around `…` and its length.
/// Cuts on character boundaries.
fn clip(text: &str, head: usize, tail: usize) -> String {
    let total = text.chars().count();
    if total <= head + tail {
        return text.to_owned();
    }
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(total - tail).collect();
    format!(
        "{start}… ({total} characters){}{end}",
        if tail > 0 { " …" } else { "" }
    )
}

/// Violations joined with `; `, at most [`LISTED_VIOLATIONS`] of them.
fn list(violations: impl ExactSizeIterator<Item = String>) -> String {
    let total = violations.len();
    let mut text = violations
        .take(LISTED_VIOLATIONS)
        .collect::<Vec<_>>()
        .join("; ");
    if total > LISTED_VIOLATIONS {
        text.push_str(&format!("; and {} more", total - LISTED_VIOLATIONS));
    }
    text
}

fn err(code: &str, message: impl Into<String>) -> ApiError {
    ApiError {
        code: code.to_owned(),
        message: message.into(),
    }
}

/// The action a request names, as the mock serves it.
#[derive(Debug, Clone)]
pub enum Served {
    /// Compiled in: the generated registry's entry and validators.
    Compiled(&'static ActionEntry),
    /// Read from a spec folder: checked by the spec's reference validator.
    Described(DescribedAction),
}

impl Served {
    /// The action's name.
    pub fn name(&self) -> &str {
        match self {
            Served::Compiled(e) => e.name,
            Served::Described(d) => &d.spec().name,
        }
    }

    /// The service's name in signing and hosts.
    fn signing_name(&self) -> &str {
        match self {
            Served::Compiled(e) => e.service,
            Served::Described(d) => d.service().signing_name(),
        }
    }

    fn region_required(&self) -> bool {
        match self {
            Served::Compiled(e) => e.region_required,
            Served::Described(d) => d.spec().region_required,
        }
    }

    /// Whether the action serves `region` (every region when it lists none).
    fn serves_region(&self, region: &str) -> bool {
        match self {
            Served::Compiled(e) => e.regions.is_empty() || e.regions.contains(&region),
            Served::Described(d) => {
                let regions = &d.spec().regions;
                regions.is_empty() || regions.iter().any(|r| r == region)
            }
        }
    }

    /// The `Response` object of the action's example.
    pub fn example_response(&self) -> Value {
        match self {
            Served::Compiled(e) => serde_json::from_str(e.example_response).unwrap_or(Value::Null),
            Served::Described(d) => d.example_response(),
        }
    }
}

/// Runs every check; on success returns the action as served. Compiled
/// actions come first; `catalog` serves the rest.
pub fn check(
    req: &Incoming,
    credentials: &BTreeMap<String, String>,
    now: u64,
    catalog: Option<&Catalog>,
) -> Result<Served, ApiError> {
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
    let entry = dispatch(auth.service, action, version, catalog)?;
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
    check_region(req, &entry)?;
    check_signature(req, &auth, &entry, credentials, now)?;
    match &entry {
        Served::Compiled(e) => check_body(req, e)?,
        Served::Described(d) => check_described_body(req, d)?,
    }
    Ok(entry)
}

/// The method is POST and every required header is present.
fn check_headers(req: &Incoming) -> Result<(), ApiError> {
    if req.method != "POST" {
        return Err(err(
            "UnsupportedProtocol",
            format!(
                "The mock accepts POST with a JSON body, not {}.",
                excerpt(&req.method)
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
fn check_region(req: &Incoming, entry: &Served) -> Result<(), ApiError> {
    match req.header("x-tc-region") {
        None | Some("") if entry.region_required() => {
            return Err(err(
                "MissingParameter",
                "The request is missing the required header X-TC-Region.",
            ));
        }
        None | Some("") => {}
        Some(region) if !entry.serves_region(region) => {
            return Err(err(
                "UnsupportedRegion",
                format!(
                    "{} does not support region {}.",
                    entry.name(),
                    excerpt(region)
                ),
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
    entry: &Served,
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
        service: entry.signing_name(),
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
            format!("The parameter {} is not recognized.", path_excerpt(&path)),
        )),
        Err(BodyError::WrongType { path, message }) => Err(err(
            "InvalidParameter",
            format!("{}: {}.", path_excerpt(&path), detail(&message)),
        )),
        Err(e @ BodyError::NotJson(_)) => Err(err("InvalidParameter", detail(&e.to_string()))),
        Ok(Err(violations)) => {
            let missing = violations
                .iter()
                .any(|v| matches!(v.rule(), RuleKind::Required | RuleKind::RequiredIf));
            let code = if missing {
                "MissingParameter"
            } else {
                "InvalidParameterValue"
            };
            let text = list(violations.iter().map(|v| {
                format!(
                    "{}: {} [{}]",
                    path_excerpt(v.path()),
                    detail(v.message()),
                    v.rule()
                )
            }));
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

/// Finds the action, compiled or in the catalog, or says whether the
/// service, the action or the version is unknown.
fn dispatch(
    service: &str,
    action: &str,
    version: &str,
    catalog: Option<&Catalog>,
) -> Result<Served, ApiError> {
    // The compiled services are the international edition's; a catalog of
    // another edition is served from its own files alone.
    let international = catalog.is_none_or(|c| c.edition() == codegen::spec::Edition::Intl);
    if international {
        if let Some(entry) = registry::find(service, version, action) {
            return Ok(Served::Compiled(entry));
        }
    }
    let compiled = registry::actions().filter(|a| international && a.service == service);
    let missing = match catalog.map(|c| c.find(service, version, action)) {
        Some(Ok(found)) => return Ok(Served::Described(found)),
        Some(Err(Err(unreadable))) => {
            return Err(err(
                "InternalError",
                format!(
                    "The mock cannot read the spec of {} {}: {unreadable}",
                    excerpt(service),
                    excerpt(version)
                ),
            ))
        }
        Some(Err(Ok(missing))) => missing,
        None => Missing::Service,
    };
    let is_version = missing == Missing::Version || compiled.clone().any(|a| a.name == action);
    let (service, version, action) = (excerpt(service), excerpt(version), excerpt(action));
    if is_version {
        Err(err(
            "NoSuchVersion",
            format!("Version {version} of {service} does not exist or does not have {action}."),
        ))
    } else if missing == Missing::Service && compiled.clone().next().is_none() {
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

/// The body of a described action: JSON, an object, and free of the
/// reference validator's violations. The code follows the worst violation:
/// a member that is not the action's, then a wrong JSON type, then a
/// missing member, else a value out of its constraints.
fn check_described_body(req: &Incoming, action: &DescribedAction) -> Result<(), ApiError> {
    let body: Value = serde_json::from_slice(&req.body).map_err(|e| {
        err(
            "InvalidParameter",
            format!("The body is not JSON: {}.", detail(&e.to_string())),
        )
    })?;
    let violations = action.violations(&body);
    if violations.is_empty() {
        return Ok(());
    }
    let has = |rules: &[&str]| violations.iter().any(|v| rules.contains(&v.rule));
    let code = if has(&["unknown_parameter"]) {
        "UnknownParameter"
    } else if has(&["type"]) {
        "InvalidParameter"
    } else if has(&["required", "required_if"]) {
        "MissingParameter"
    } else {
        "InvalidParameterValue"
    };
    let text = list(violations.iter().map(|v| {
        let path = if v.path.is_empty() {
            "the body".to_owned()
        } else {
            path_excerpt(&v.path)
        };
        format!("{path} [{}]", v.rule)
    }));
    Err(err(code, text))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_long_values_on_char_boundaries() {
        assert_eq!(excerpt("ap-guangzhou"), "ap-guangzhou");
        let exact = "é".repeat(QUOTED_CHARS);
        assert_eq!(excerpt(&exact), exact);
        let long = "é".repeat(QUOTED_CHARS + 1);
        assert_eq!(
            excerpt(&long),
            format!(
                "{}… ({} characters)",
                "é".repeat(QUOTED_CHARS),
                QUOTED_CHARS + 1
            )
        );
        let message = format!(
            "invalid type: string \"{}\", expected i64",
            "9".repeat(1000)
        );
        let shown = detail(&message);
        assert!(shown.starts_with("invalid type: string \"999"), "{shown}");
        assert!(shown.ends_with("9\", expected i64"), "{shown}");
        assert!(shown.contains("9… (1037 characters) …9"), "{shown}");
        assert!(shown.chars().count() < DETAIL_CHARS + 32, "{shown}");
    }

    #[test]
    fn violation_lists_are_bounded() {
        let few = list((0..3).map(|n| n.to_string()));
        assert_eq!(few, "0; 1; 2");
        let many = list((0..25).map(|n| n.to_string()));
        assert_eq!(many, "0; 1; 2; 3; 4; 5; 6; 7; 8; 9; and 15 more");
    }
}

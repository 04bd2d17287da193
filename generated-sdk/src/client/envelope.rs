//! Reading the `{"Response": {...}}` envelope.

use serde::de::DeserializeOwned;
use serde::Deserialize;

/// The first pass: only what decides success or failure.
#[derive(Deserialize)]
struct Probe {
    #[serde(rename = "Response")]
    response: Option<ProbeResponse>,
}

#[derive(Deserialize)]
struct ProbeResponse {
    #[serde(rename = "Error")]
    error: Option<ProbeError>,
    #[serde(rename = "RequestId")]
    request_id: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct ProbeError {
    #[serde(rename = "Code")]
    code: Option<serde_json::Value>,
    #[serde(rename = "Message")]
    message: Option<serde_json::Value>,
}

/// The second pass, for success.
#[derive(Deserialize)]
struct Envelope<R> {
    #[serde(rename = "Response")]
    response: R,
}

/// A service error read from the envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ServiceError {
    pub(crate) code: String,
    pub(crate) message: String,
    pub(crate) request_id: String,
}

/// An envelope that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Invalid {
    pub(crate) reason: String,
    pub(crate) request_id: Option<String>,
}

fn describe_json_error(e: &serde_json::Error, body: &[u8]) -> String {
    if body.iter().all(u8::is_ascii_whitespace) {
        "empty body".to_owned()
    } else if e.is_eof() {
        format!("truncated JSON ({e})")
    } else if e.is_syntax() {
        format!("not JSON ({e})")
    } else {
        format!("unexpected envelope shape ({e})")
    }
}

fn string_of(value: Option<serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// A usable envelope: the RequestId (if any) and the action's response or the service error.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Parsed<R> {
    pub(crate) request_id: Option<String>,
    pub(crate) outcome: Result<R, ServiceError>,
}

/// Parses a 200 answer: the action's response, a service error, or why neither.
pub(crate) fn parse<R: DeserializeOwned>(body: &[u8]) -> Result<Parsed<R>, Invalid> {
    let probe: Probe = serde_json::from_slice(body).map_err(|e| Invalid {
        reason: describe_json_error(&e, body),
        request_id: None,
    })?;
    let Some(response) = probe.response else {
        return Err(Invalid {
            reason: "envelope has no \"Response\" object".to_owned(),
            request_id: None,
        });
    };
    let request_id = string_of(response.request_id);
    if let Some(error) = response.error {
        let Some(code) = string_of(error.code).filter(|c| !c.is_empty()) else {
            return Err(Invalid {
                reason: "\"Error\" without a \"Code\"".to_owned(),
                request_id,
            });
        };
        return Ok(Parsed {
            outcome: Err(ServiceError {
                code,
                message: string_of(error.message).unwrap_or_default(),
                request_id: request_id.clone().unwrap_or_default(),
            }),
            request_id,
        });
    }
    match serde_json::from_slice::<Envelope<R>>(body) {
        Ok(envelope) => Ok(Parsed {
            request_id,
            outcome: Ok(envelope.response),
        }),
        Err(e) => Err(Invalid {
            reason: format!("response does not match the action's type ({e})"),
            request_id,
        }),
    }
}

/// The RequestId of any envelope-shaped body, for error reports.
pub(crate) fn request_id_of(body: &[u8]) -> Option<String> {
    let probe: Probe = serde_json::from_slice(body).ok()?;
    string_of(probe.response?.request_id)
}

/// At most `max` characters of the body, lossy UTF-8, control characters
/// replaced, and any of `secrets` masked (in case a server echoes them).
pub(crate) fn excerpt(body: &[u8], max: usize, secrets: &[&str]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(max * 4)]);
    let mut text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    text = mask_secrets(text, secrets);
    let mut out: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() || body.len() > max * 4 {
        out.push('…');
    }
    out.trim().to_owned()
}

/// `text` with every occurrence of each of `secrets` (of at least four
/// characters; shorter ones would mask ordinary text) replaced by `***`.
pub(crate) fn mask_secrets(mut text: String, secrets: &[&str]) -> String {
    for secret in secrets.iter().filter(|s| s.len() >= 4) {
        if text.contains(secret) {
            text = text.replace(secret, "***");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Out {
        #[serde(rename = "JobId")]
        job_id: u64,
        #[serde(rename = "RequestId")]
        request_id: String,
    }

    #[test]
    fn success_ignores_unknown_fields() {
        let body = br#"{"Response": {"JobId": 7, "New": [1, {"x": 2}], "RequestId": "r-1"}, "Extra": true}"#;
        let parsed = parse::<Out>(body).unwrap();
        assert_eq!(parsed.request_id.as_deref(), Some("r-1"));
        assert_eq!(
            parsed.outcome,
            Ok(Out {
                job_id: 7,
                request_id: "r-1".into()
            })
        );
    }

    #[test]
    fn service_error() {
        let body = br#"{"Response": {"Error": {"Code": "InvalidParameter", "Message": "bad"}, "RequestId": "r-2"}}"#;
        let err = parse::<Out>(body).unwrap().outcome.unwrap_err();
        assert_eq!(err.code, "InvalidParameter");
        assert_eq!(err.message, "bad");
        assert_eq!(err.request_id, "r-2");
        // Error wins even if other fields would not deserialize.
        let body = br#"{"Response": {"Error": {"Code": "X"}, "JobId": "nope"}}"#;
        assert_eq!(parse::<Out>(body).unwrap().outcome.unwrap_err().message, "");
    }

    #[test]
    fn invalid_bodies() {
        let cases: [(&[u8], &str); 7] = [
            (b"", "empty body"),
            (b"<html>busy</html>", "not JSON"),
            (br#"{"Response": {"JobId": 7, "Req"#, "truncated JSON"),
            (br#"{"Other": 1}"#, "no \"Response\""),
            (
                br#"{"Response": {"Error": {"Message": "m"}, "RequestId": "r"}}"#,
                "without a \"Code\"",
            ),
            (br#"{"Response": "text"}"#, "unexpected envelope shape"),
            (
                br#"{"Response": {"JobId": "seven", "RequestId": "r-3"}}"#,
                "does not match",
            ),
        ];
        for (body, expected) in cases {
            let invalid = parse::<Out>(body).unwrap_err();
            assert!(
                invalid.reason.contains(expected),
                "{:?}: {}",
                String::from_utf8_lossy(body),
                invalid.reason
            );
        }
        assert_eq!(
            parse::<Out>(br#"{"Response": {"JobId": "seven", "RequestId": "r-3"}}"#)
                .unwrap_err()
                .request_id
                .as_deref(),
            Some("r-3")
        );
    }

    #[test]
    fn excerpts() {
        assert_eq!(excerpt(b"a\r\nb", 10, &[]), "a  b");
        let long = "x".repeat(500);
        let e = excerpt(long.as_bytes(), 100, &[]);
        assert_eq!(e.chars().count(), 101);
        assert!(e.ends_with('…'));
        assert_eq!(
            excerpt(b"echo SECRETKEY here", 100, &["SECRETKEY"]),
            "echo *** here"
        );
        assert_eq!(
            request_id_of(br#"{"Response": {"RequestId": "r-9"}}"#).as_deref(),
            Some("r-9")
        );
        assert_eq!(request_id_of(b"nope"), None);
    }
}

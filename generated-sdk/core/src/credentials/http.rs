//! The HTTP the fetching sources share: short timeouts, a bounded body, and
//! errors that name the source and URL but never a secret.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::refresh::FAR_FUTURE;
use super::{Credentials, CredentialsError};

/// Connect timeout of the metadata service: outside a CVM the chain must
/// move on quickly.
pub const METADATA_CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
/// Whole-request timeout of credential fetches.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(5);
/// Largest answer read from a credentials endpoint.
const MAX_BODY: usize = 64 * 1024;

/// An answer: status and body text.
pub(crate) struct Answer {
    pub status: u16,
    pub body: String,
}

/// Why a request got no answer.
pub(crate) enum Failure {
    /// Nothing listens there (refused, unresolvable, connect timeout).
    Unreachable(String),
    /// Anything else: a timeout after connecting, a broken or oversized body.
    Other(String),
}

impl Failure {
    pub(crate) fn into_error(self, source_name: &str) -> CredentialsError {
        match self {
            Failure::Unreachable(reason) | Failure::Other(reason) => CredentialsError::Fetch {
                source_name: source_name.to_owned(),
                reason,
            },
        }
    }
}

/// Sends `request` and reads at most 64 KiB of the answer.
pub(crate) async fn send(request: reqwest::RequestBuilder) -> Result<Answer, Failure> {
    let mut response = request.send().await.map_err(|e| {
        let (connect, timeout) = (e.is_connect(), e.is_timeout());
        // The source's name already carries the URL; headers and bodies
        // never appear in reqwest's messages.
        let reason = e.without_url().to_string();
        // A connect timeout is a connect error too: nobody answered there.
        if connect {
            Failure::Unreachable(format!("unreachable: {reason}"))
        } else if timeout {
            Failure::Other("timed out".to_owned())
        } else {
            Failure::Other(reason)
        }
    })?;
    let status = response.status().as_u16();
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > MAX_BODY {
                    return Err(Failure::Other(format!(
                        "the answer is larger than {MAX_BODY} bytes"
                    )));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(e) => {
                return Err(Failure::Other(format!(
                    "reading the answer: {}",
                    e.without_url()
                )))
            }
        }
    }
    let body =
        String::from_utf8(body).map_err(|_| Failure::Other("the answer is not UTF-8".into()))?;
    Ok(Answer { status, body })
}

/// What is wrong with an answer that did not read as the expected JSON,
/// without quoting it (it may hold a secret): a missing member is named,
/// anything else only classed.
pub(crate) fn shape_error(e: &serde_json::Error) -> String {
    let message = e.to_string();
    if message.starts_with("missing field") {
        // "missing field `X` at line 1 column 9": the name, not the input.
        let name = message.split(" at line ").next().unwrap_or(&message);
        return format!("the answer lacks a member ({name})");
    }
    match e.classify() {
        serde_json::error::Category::Syntax => "the answer is not JSON".to_owned(),
        serde_json::error::Category::Eof => "the answer is truncated".to_owned(),
        serde_json::error::Category::Io | serde_json::error::Category::Data => {
            "the answer's credentials have the wrong shape".to_owned()
        }
    }
}

/// Temporary credentials from the members every source answers with,
/// checked usable and not yet expired. An `ExpiredTime` beyond about 30
/// years from now (up to `u64::MAX`) is taken as 30 years from now.
pub(crate) fn temporary(
    id: String,
    key: String,
    token: String,
    expired_time: u64,
) -> Result<Credentials, String> {
    if token.is_empty() {
        // Temporary keys are refused without their token: sending them
        // without one can only fail, later and less clearly.
        return Err("the answer's Token is empty".to_owned());
    }
    let now = SystemTime::now();
    let far = now.checked_add(FAR_FUTURE).unwrap_or(now);
    let expiry = UNIX_EPOCH
        .checked_add(Duration::from_secs(expired_time))
        .map_or(far, |at| at.min(far));
    let creds = Credentials::new(id, key)
        .with_token(token)
        .with_expiry(expiry);
    if expiry <= now {
        return Err("the credentials it gave have already expired".to_owned());
    }
    creds.check().map_err(str::to_owned)?;
    Ok(creds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(token: &str, expired_time: u64) -> Result<Credentials, String> {
        temporary("AKIDtemp".into(), "key".into(), token.into(), expired_time)
    }

    #[test]
    fn a_huge_expiry_saturates_instead_of_panicking() {
        let now = SystemTime::now();
        for expired_time in [u64::MAX, u64::MAX / 2, i64::MAX as u64, 1 << 40] {
            let creds = keys("token", expired_time).unwrap();
            let at = creds.expires_at().unwrap();
            assert!(at > now + Duration::from_secs(29 * 365 * 24 * 3600));
            assert!(at <= SystemTime::now() + FAR_FUTURE);
        }
        assert!(keys("token", 0).unwrap_err().contains("already expired"));
    }

    #[test]
    fn an_empty_token_is_refused() {
        let err = keys("", u64::MAX).unwrap_err();
        assert_eq!(err, "the answer's Token is empty");
    }
}

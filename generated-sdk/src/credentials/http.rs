//! The HTTP the fetching sources share: short timeouts, a bounded body, and
//! errors that name the source and URL but never a secret.

use std::time::Duration;

use super::CredentialsError;

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

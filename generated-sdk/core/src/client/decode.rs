//! Turning an answer's envelope into the call's result, with the request's
//! secrets masked in anything the server said.

use std::borrow::Cow;

use super::*;
use crate::wire::corrections::Mode;
use crate::wire::Correction;

/// Characters of the body an [`Error::InvalidResponse`] keeps.
const INVALID_BODY_CHARS: usize = 1024;

/// What a successful call read besides the response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseMetadata {
    /// The RequestId the answer carried.
    pub request_id: Option<String>,
    /// What reading the response had to correct to fit the action's types
    /// (a number sent as a string, a required member missing), each with
    /// its wire path; empty for most responses. A client built with
    /// [`strict_responses`](super::ClientBuilder::strict_responses) makes
    /// these errors instead.
    pub corrections: Vec<Correction>,
}

/// Decodes the body of a `200 application/json` answer to action `A` exactly
/// as a call does: the typed response, the service error, or why the body is
/// not a usable envelope. Useful for recorded responses and benchmarks.
pub fn decode_response<A: Action>(body: &[u8]) -> Result<A::Response, Error<A::ErrorCode>> {
    decode_response_with_metadata::<A>(body, false).map(|(response, _)| response)
}

/// [`decode_response`], with what it had to correct; with `strict`, a
/// correction is an [`Error::InvalidResponse`] naming its wire path.
pub fn decode_response_with_metadata<A: Action>(
    body: &[u8],
    strict: bool,
) -> Result<(A::Response, ResponseMetadata), Error<A::ErrorCode>> {
    into_result::<A>(envelope::parse(body, reading(strict)), body, &[])
}

/// How responses are read: corrections recorded, or refused.
pub(super) fn reading(strict: bool) -> Mode {
    if strict {
        Mode::Strict
    } else {
        Mode::Record
    }
}

pub(super) fn into_result<A: Action>(
    parsed: Result<envelope::Parsed<'_, A::Response>, envelope::Invalid>,
    body: &[u8],
    secrets: &[&str],
) -> Result<(A::Response, ResponseMetadata), Error<A::ErrorCode>> {
    match parsed {
        Ok(parsed) => {
            let request_id = parsed.request_id.map(Cow::into_owned);
            match parsed.outcome {
                Ok(response) => {
                    for correction in &parsed.corrections {
                        tracing::warn!(
                            service = A::SERVICE,
                            action = A::NAME,
                            path = %correction.path,
                            what = %correction.what,
                            "the response was corrected to fit the action's types"
                        );
                    }
                    Ok((
                        response,
                        ResponseMetadata {
                            request_id,
                            corrections: parsed.corrections,
                        },
                    ))
                }
                Err(e) => Err(Error::Service {
                    code: A::ErrorCode::from_code(&e.code),
                    message: e.message,
                    request_id: e.request_id,
                }),
            }
        }
        Err(invalid) => Err(invalid_response::<A>(
            invalid.reason,
            invalid.request_id,
            invalid.path,
            body,
            secrets,
        )),
    }
}

/// An [`Error::InvalidResponse`] for `body`; for an action that buys, inside
/// [`Error::MayHaveBought`] with what the body names of the purchase, read
/// while the body is at hand.
pub(super) fn invalid_response<A: Action>(
    reason: String,
    request_id: Option<String>,
    path: Option<String>,
    body: &[u8],
    secrets: &[&str],
) -> Error<A::ErrorCode> {
    let error = Error::InvalidResponse {
        reason,
        request_id,
        path,
        body_excerpt: envelope::excerpt(body, INVALID_BODY_CHARS, secrets),
    };
    match A::PURCHASE {
        Some(purchase) => Error::MayHaveBought {
            action: A::NAME,
            check: purchase.check,
            ids: envelope::purchase_ids(body, purchase.ids),
            failure: Box::new(error),
        },
        None => error,
    }
}

/// Masks `secrets` in the server-supplied text of a decoded failure.
pub(super) fn scrub<C: ErrorCode>(error: Error<C>, secrets: &[&str]) -> Error<C> {
    match error {
        Error::Service {
            code,
            message,
            request_id,
        } => Error::Service {
            code,
            message: envelope::mask_secrets(message, secrets),
            request_id,
        },
        Error::InvalidResponse {
            reason,
            request_id,
            path,
            body_excerpt,
        } => Error::InvalidResponse {
            reason: envelope::mask_secrets(reason, secrets),
            request_id,
            path,
            body_excerpt: envelope::mask_secrets(body_excerpt, secrets),
        },
        Error::MayHaveBought {
            action,
            check,
            ids,
            failure,
        } => Error::MayHaveBought {
            action,
            check,
            ids: ids
                .into_iter()
                .map(|(name, value)| (name, envelope::mask_secrets(value, secrets)))
                .collect(),
            failure: Box::new(scrub(*failure, secrets)),
        },
        other => other,
    }
}

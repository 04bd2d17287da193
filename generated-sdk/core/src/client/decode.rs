//! Turning an answer's envelope into the call's result, with the request's
//! secrets masked in anything the server said.

use super::*;

/// Decodes the body of a `200 application/json` answer to action `A` exactly
/// as a call does: the typed response, the service error, or why the body is
/// not a usable envelope. Useful for recorded responses and benchmarks.
pub fn decode_response<A: Action>(body: &[u8]) -> Result<A::Response, Error<A::ErrorCode>> {
    into_result::<A>(envelope::parse::<A::Response>(body))
}

pub(super) fn into_result<A: Action>(
    parsed: Result<envelope::Parsed<A::Response>, envelope::Invalid>,
) -> Result<A::Response, Error<A::ErrorCode>> {
    match parsed {
        Ok(parsed) => parsed.outcome.map_err(|e| Error::Service {
            code: A::ErrorCode::from_code(&e.code),
            message: e.message,
            request_id: e.request_id,
        }),
        Err(invalid) => Err(Error::InvalidResponse {
            reason: invalid.reason,
            request_id: invalid.request_id,
        }),
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
        Error::InvalidResponse { reason, request_id } => Error::InvalidResponse {
            reason: envelope::mask_secrets(reason, secrets),
            request_id,
        },
        other => other,
    }
}

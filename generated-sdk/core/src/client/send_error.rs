//! Sorting a failure to send by whether the request can have reached the
//! server: the line between a safe retry and an ambiguous failure.

use super::*;

/// How a failure of `send()` is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SendFailure {
    /// The connection timed out: nothing was sent.
    ConnectTimeout,
    /// The connection could not be established: nothing was sent.
    Connect,
    /// The request could not be built: nothing was sent.
    Build,
    /// Anything else: the request may have been written.
    Transport,
}

/// Sorts a failure of `send()` by whether the request can have reached the
/// server, from the flags `reqwest::Error` exposes.
pub(super) fn send_failure(is_connect: bool, is_timeout: bool, is_builder: bool) -> SendFailure {
    match (is_connect, is_timeout, is_builder) {
        (true, true, _) => SendFailure::ConnectTimeout,
        (true, false, _) => SendFailure::Connect,
        (false, _, true) => SendFailure::Build,
        // Includes a timeout that is not a connect timeout: it can only come
        // after the connection was up.
        (false, _, false) => SendFailure::Transport,
    }
}

pub(super) fn classify_send_error<C: ErrorCode>(error: reqwest::Error, url: &str) -> Error<C> {
    match send_failure(error.is_connect(), error.is_timeout(), error.is_builder()) {
        SendFailure::ConnectTimeout => Error::Timeout {
            kind: TimeoutKind::Connect,
            sent: false,
        },
        SendFailure::Connect => Error::Connect {
            url: url.to_owned(),
            cause: error::root_cause(&error),
            source: Box::new(error),
        },
        SendFailure::Build => Error::Encode {
            reason: format!(
                "cannot build the HTTP request: {}",
                error::root_cause(&error)
            ),
        },
        SendFailure::Transport => Error::Transport {
            url: url.to_owned(),
            cause: error::root_cause(&error),
            source: Box::new(error),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn send_failures_are_sorted_by_whether_anything_was_sent() {
        use SendFailure::*;
        // (is_connect, is_timeout, is_builder) -> classification
        let cases = [
            ((true, true, false), ConnectTimeout),
            ((true, false, false), Connect),
            ((true, true, true), ConnectTimeout),
            ((false, false, true), Build),
            ((false, true, true), Build),
            ((false, false, false), Transport),
            ((false, true, false), Transport),
        ];
        for ((connect, timeout, builder), expected) in cases {
            assert_eq!(
                send_failure(connect, timeout, builder),
                expected,
                "{connect} {timeout} {builder}"
            );
        }
    }
}

//! The error of a call.

use std::fmt;

use crate::action::{Action, ErrorCategory, ErrorCode};
use crate::credentials::CredentialsError;
use crate::validation::ValidationErrors;

use super::config::ConfigError;
use super::retry::RetryReason;

/// A boxed underlying error (from the HTTP stack).
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Which time limit ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// Establishing the connection: the request was never sent.
    Connect,
    /// One attempt, while sending or waiting for the answer: the server may
    /// have received and acted on the request.
    Attempt,
    /// The whole call (all attempts, backoff and pacing). Whether the server
    /// may have received the request is told by the error's `sent` field.
    Call,
}

impl fmt::Display for TimeoutKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Connect => "connect",
            Self::Attempt => "per-attempt",
            Self::Call => "whole-call",
        })
    }
}

/// Everything that can go wrong in a call. `C` is the action's error-code enum.
///
/// Messages never contain credentials or the request body.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<C: ErrorCode> {
    /// Local validation rejected the request; nothing was sent.
    #[error("request not sent: validation failed: {0}")]
    Validation(ValidationErrors),

    /// The service processed the request and answered with an error.
    /// `InternalError` and the like ([`ErrorCategory::Internal`]) say the
    /// outcome is unknown: the service failed while handling the request.
    #[error("{code}: {message}{}{}", if request_id.is_empty() { String::new() } else { format!(" (RequestId: {request_id})") }, if code.category() == ErrorCategory::Internal { " (outcome unknown)" } else { "" })]
    Service {
        /// The error code (unknown codes are kept by the enum's fallback).
        code: C,
        /// The message, in the requested language. Not a contract.
        message: String,
        /// Quote this to Tencent Cloud support. Empty when the answer had
        /// none ([`Error::request_id`] is then `None`).
        request_id: String,
    },

    /// No usable credentials; nothing was sent.
    #[error("request not sent: credentials: {0}")]
    Credentials(#[from] CredentialsError),

    /// The client configuration cannot serve this call; nothing was sent.
    #[error("request not sent: configuration: {0}")]
    Config(#[from] ConfigError),

    /// The request could not be encoded (serialization failure, or larger
    /// than the 10 MB TC3 limit); nothing was sent.
    #[error("request not sent: {reason}")]
    Encode {
        /// What went wrong.
        reason: String,
    },

    /// The connection could not be established (refused, DNS failure, TLS
    /// handshake failure): the request was certainly never sent.
    #[error("could not connect to {url}: {cause}")]
    Connect {
        /// The URL tried.
        url: String,
        /// The innermost cause, e.g. `Connection refused (os error 111)`.
        cause: String,
        /// The underlying error.
        #[source]
        source: BoxError,
    },

    /// The connection failed after the request started going out (reset,
    /// closed before the answer): the server may have acted on it.
    #[error("transport failure after sending to {url} (outcome unknown): {cause}")]
    Transport {
        /// The URL.
        url: String,
        /// The innermost cause.
        cause: String,
        /// The underlying error.
        #[source]
        source: BoxError,
    },

    /// A time limit ran out.
    #[error("{kind} timeout{}", if *.sent { " (outcome unknown)" } else { " (request not sent)" })]
    Timeout {
        /// Which limit.
        kind: TimeoutKind,
        /// Whether the request may have reached the server. Always `false`
        /// for [`TimeoutKind::Connect`] and `true` for [`TimeoutKind::Attempt`].
        /// For [`TimeoutKind::Call`] it is `false` when the time ran out
        /// before any attempt could have reached the server: while waiting for
        /// client-side pacing or a backoff, or when every earlier attempt
        /// failed to connect. An attempt still in flight when the time runs
        /// out counts as sent, even if it was still connecting: the HTTP
        /// stack does not report how far it got.
        sent: bool,
    },

    /// HTTP status other than 200 (the service answers errors with 200 too).
    #[error("unexpected HTTP status {status} (outcome unknown){}: {body_excerpt}", .request_id.as_deref().map(|id| format!(" (RequestId: {id})")).unwrap_or_default())]
    UnexpectedStatus {
        /// The status code.
        status: u16,
        /// The start of the body, cleaned of control characters.
        body_excerpt: String,
        /// The RequestId, if the body carried one.
        request_id: Option<String>,
    },

    /// The answer is not a valid envelope: not JSON, truncated, no
    /// `Response`, wrong content type, or a member that cannot be read as
    /// its type even with corrections (or with any, in strict mode).
    #[error("invalid response (outcome unknown): {reason}{}", .request_id.as_deref().map(|id| format!(" (RequestId: {id})")).unwrap_or_default())]
    InvalidResponse {
        /// What is wrong.
        reason: String,
        /// The RequestId, if it could be read: the request may have succeeded.
        request_id: Option<String>,
        /// Wire path of the first member that could not be read, inside
        /// `Response` (`InstanceSet[0].Size`), when one is to blame.
        path: Option<String>,
        /// The start of the body as received (at most 1,024 characters,
        /// control characters replaced, the request's secrets masked); empty
        /// when no body was read.
        body_excerpt: String,
    },

    /// A listing stopped because the service's pages contradict each other
    /// (a page repeats an earlier one, or an empty page comes before the
    /// total it reported), or because the page size asked for is 0. The
    /// pages before it were answered normally.
    #[error("listing {action}: {source}")]
    Pagination {
        /// The list action.
        action: &'static str,
        /// What was wrong.
        #[source]
        source: crate::pagination::PaginationError,
    },

    /// An action that buys (its spec says so) failed in a way that leaves
    /// the outcome unknown: the purchase may have gone through. The call
    /// was not retried (unless it opted in); check before calling again,
    /// or a second instance may be bought.
    #[error("{action} may have bought (the purchase may have gone through{}): {}. Before retrying, check: {check}", ids_text(ids), failure.as_ref() as &dyn fmt::Display)]
    MayHaveBought {
        /// The action.
        action: &'static str,
        /// How to find out whether the purchase went through (from the spec).
        check: &'static str,
        /// What identifies the purchase, as far as the answer could be
        /// read: `(output name, value)`.
        ids: Vec<(String, String)>,
        /// The failure (not offered as `source()`: its text is part of
        /// this error's own message).
        failure: Box<Error<C>>,
    },

    /// The response body exceeded the client's size limit; it was not read further.
    #[error("response body larger than the {limit}-byte limit (outcome unknown)")]
    ResponseTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
}

impl<C: ErrorCode> Error<C> {
    /// The service error code, for [`Error::Service`] (also inside
    /// [`Error::MayHaveBought`]).
    pub fn code(&self) -> Option<&C> {
        match self {
            Self::Service { code, .. } => Some(code),
            Self::MayHaveBought { failure, .. } => failure.code(),
            _ => None,
        }
    }

    /// For an action that buys ([`Action::PURCHASE`]): an error whose
    /// outcome is unknown becomes [`Error::MayHaveBought`]; others are kept.
    pub(crate) fn for_action<A: Action<ErrorCode = C>>(self) -> Self {
        match A::PURCHASE {
            Some(_) if matches!(self, Self::MayHaveBought { .. }) => self,
            Some(purchase) if self.is_ambiguous() => Self::MayHaveBought {
                action: A::NAME,
                check: purchase.check,
                ids: Vec::new(),
                failure: Box::new(self),
            },
            _ => self,
        }
    }

    /// The RequestId, whenever the server's answer carried one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Service { request_id, .. } => {
                Some(request_id.as_str()).filter(|id| !id.is_empty())
            }
            Self::UnexpectedStatus { request_id, .. }
            | Self::InvalidResponse { request_id, .. } => request_id.as_deref(),
            Self::MayHaveBought { failure, .. } => failure.request_id(),
            _ => None,
        }
    }

    /// True when retrying is safe and may help: rate limiting
    /// (`RequestLimitExceeded*`) and failures where the request was never sent
    /// (including a whole-call timeout with `sent: false`, which a new call
    /// may retry).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.retry_class(),
            Some(RetryReason::RateLimited | RetryReason::NotSent)
        )
    }

    /// True when the server may have acted on the request although the call
    /// failed (timeouts after the request may have been sent, transport
    /// failure after sending, a non-200 status, unreadable or oversized
    /// answers, and `InternalError`/`ServiceUnavailable` from the service).
    /// For actions that buy resources, check before retrying.
    pub fn is_ambiguous(&self) -> bool {
        match self {
            Self::Transport { .. }
            | Self::Timeout { sent: true, .. }
            | Self::UnexpectedStatus { .. }
            | Self::InvalidResponse { .. }
            | Self::ResponseTooLarge { .. }
            | Self::MayHaveBought { .. } => true,
            // The service failed while handling the request: a purchase
            // may have gone through.
            Self::Service { code, .. } => code.category() == ErrorCategory::Internal,
            _ => false,
        }
    }

    /// True when the same call may well succeed a little later: rate
    /// limiting, a failure to connect, a timeout, a broken connection or
    /// body, a 5xx or 429 status, and the service's own `InternalError` or
    /// `ServiceUnavailable` ([`ErrorCategory::Internal`]). Waiters retry
    /// these failures of their polls, which only read; a call that may buy
    /// is never retried on them unless it opts in (see
    /// [`Error::is_ambiguous`]).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Service { code, .. } => matches!(
                code.category(),
                ErrorCategory::RateLimit | ErrorCategory::Internal
            ),
            Self::Connect { .. }
            | Self::Transport { .. }
            | Self::Timeout { .. }
            | Self::InvalidResponse { .. } => true,
            Self::UnexpectedStatus { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }

    /// True when nothing was sent (local validation, credentials, configuration, encoding).
    pub fn is_local(&self) -> bool {
        matches!(
            self,
            Self::Validation(_)
                | Self::Credentials(_)
                | Self::Config(_)
                | Self::Encode { .. }
                | Self::Pagination {
                    source: crate::pagination::PaginationError::ZeroPageSize,
                    ..
                }
        )
    }

    /// How the retry loop may treat this failure: `RateLimited` and `NotSent`
    /// are always retryable; `Ambiguous` only when the call opts in.
    ///
    /// `Some(RetryReason::Ambiguous)` exactly when [`Error::is_ambiguous`] is
    /// true, so opting in retries every failure whose outcome is unknown. A
    /// whole-call timeout is classified too (`NotSent` or `Ambiguous` by its
    /// `sent` field), but the call that produced it never retries it: its
    /// time is up.
    pub fn retry_class(&self) -> Option<RetryReason> {
        match self {
            Self::Service { code, .. } if code.category() == ErrorCategory::RateLimit => {
                Some(RetryReason::RateLimited)
            }
            Self::Connect { .. } | Self::Timeout { sent: false, .. } => Some(RetryReason::NotSent),
            _ if self.is_ambiguous() => Some(RetryReason::Ambiguous),
            _ => None,
        }
    }

    /// Whether the request of the failed attempt may have reached the server.
    pub(crate) fn may_have_reached_server(&self) -> bool {
        !self.is_local() && self.retry_class() != Some(RetryReason::NotSent)
    }
}

/// `; the answer named DealName 2021..., ...` when it named anything.
fn ids_text(ids: &[(String, String)]) -> String {
    if ids.is_empty() {
        return String::new();
    }
    let ids: Vec<String> = ids.iter().map(|(k, v)| format!("{k} {v}")).collect();
    format!("; the answer named {}", ids.join(", "))
}

/// The innermost message of an error chain.
pub(crate) fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut current = error;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A free-form error code for unit tests of the runtime.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub(crate) struct Code(pub(crate) String);

    impl fmt::Display for Code {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl ErrorCode for Code {
        fn from_code(code: &str) -> Self {
            Self(code.to_owned())
        }
        fn as_str(&self) -> &str {
            &self.0
        }
        fn description(&self) -> Option<&'static str> {
            None
        }
    }

    fn every_kind() -> Vec<Error<Code>> {
        let boxed = || -> BoxError { Box::new(std::io::Error::other("x")) };
        let service = |code: &str| Error::Service {
            code: Code::from_code(code),
            message: "m".into(),
            request_id: "r".into(),
        };
        let mut errors = vec![
            service("RequestLimitExceeded.UinLimitExceeded"),
            service("InvalidParameter"),
            service("InternalError"),
            Error::Credentials(CredentialsError::NoneFound { tried: vec![] }),
            Error::Config(ConfigError::InvalidTimeout("call timeout")),
            Error::Encode { reason: "r".into() },
            Error::Connect {
                url: "u".into(),
                cause: "c".into(),
                source: boxed(),
            },
            Error::Transport {
                url: "u".into(),
                cause: "c".into(),
                source: boxed(),
            },
            Error::InvalidResponse {
                reason: "r".into(),
                request_id: None,
                path: None,
                body_excerpt: String::new(),
            },
            Error::ResponseTooLarge { limit: 1 },
            Error::Pagination {
                action: "DescribeThings",
                source: crate::pagination::PaginationError::ZeroPageSize,
            },
            Error::MayHaveBought {
                action: "CloneThing",
                check: "DescribeOrders.",
                ids: vec![("DealName".into(), "d-1".into())],
                failure: Box::new(service("InternalError")),
            },
            Error::Pagination {
                action: "DescribeThings",
                source: crate::pagination::PaginationError::EndedEarly { seen: 1, total: 2 },
            },
        ];
        for status in [400, 404, 429, 500, 502] {
            errors.push(Error::UnexpectedStatus {
                status,
                body_excerpt: String::new(),
                request_id: None,
            });
        }
        for kind in [
            TimeoutKind::Connect,
            TimeoutKind::Attempt,
            TimeoutKind::Call,
        ] {
            for sent in [false, true] {
                errors.push(Error::Timeout { kind, sent });
            }
        }
        errors
    }

    #[test]
    fn opting_in_retries_exactly_the_ambiguous_failures() {
        for error in every_kind() {
            assert_eq!(
                error.retry_class() == Some(RetryReason::Ambiguous),
                error.is_ambiguous(),
                "{error:?}"
            );
            // Nothing is both safe to retry and of unknown outcome.
            assert!(!(error.is_retryable() && error.is_ambiguous()), "{error:?}");
            if error.is_local() {
                assert!(!error.may_have_reached_server(), "{error:?}");
            }
        }
    }

    #[test]
    fn transient_failures_are_the_ones_a_later_poll_may_not_meet() {
        let transient: Vec<String> = every_kind()
            .iter()
            .filter(|e| e.is_transient())
            .map(|e| {
                format!("{e:?}")
                    .split([' ', '(', '{'])
                    .next()
                    .unwrap_or("")
                    .to_owned()
                    + e.code().map(|c| c.as_str()).unwrap_or("")
                    + &match e {
                        Error::UnexpectedStatus { status, .. } => status.to_string(),
                        _ => String::new(),
                    }
            })
            .collect();
        assert_eq!(
            transient,
            [
                "ServiceRequestLimitExceeded.UinLimitExceeded",
                "ServiceInternalError",
                "Connect",
                "Transport",
                "InvalidResponse",
                "UnexpectedStatus429",
                "UnexpectedStatus500",
                "UnexpectedStatus502",
                "Timeout",
                "Timeout",
                "Timeout",
                "Timeout",
                "Timeout",
                "Timeout",
            ]
        );
        for error in every_kind() {
            if error.is_local() {
                assert!(!error.is_transient(), "{error:?}");
            }
        }
    }

    #[test]
    fn every_failure_of_unknown_outcome_says_so() {
        for error in every_kind() {
            let text = error.to_string();
            assert_eq!(
                error.is_ambiguous(),
                text.contains("outcome unknown") || text.contains("may have bought"),
                "{text}"
            );
        }
        let bought = every_kind()
            .into_iter()
            .find(|e| matches!(e, Error::MayHaveBought { .. }))
            .expect("listed");
        assert_eq!(
            bought.to_string(),
            "CloneThing may have bought (the purchase may have gone through; the answer named \
             DealName d-1): InternalError: m (RequestId: r) (outcome unknown). Before retrying, \
             check: DescribeOrders."
        );
        assert_eq!(bought.request_id(), Some("r"));
        assert_eq!(bought.code().map(Code::as_str), Some("InternalError"));
    }

    #[test]
    fn timeouts_say_whether_anything_was_sent() {
        let call = |sent| Error::<Code>::Timeout {
            kind: TimeoutKind::Call,
            sent,
        };
        assert!(!call(false).is_ambiguous());
        assert!(call(false).is_retryable());
        assert!(!call(false).may_have_reached_server());
        assert_eq!(
            call(false).to_string(),
            "whole-call timeout (request not sent)"
        );
        assert!(call(true).is_ambiguous());
        assert!(!call(true).is_retryable());
        assert!(call(true).may_have_reached_server());
        assert_eq!(
            call(true).to_string(),
            "whole-call timeout (outcome unknown)"
        );
        let connect = Error::<Code>::Timeout {
            kind: TimeoutKind::Connect,
            sent: false,
        };
        assert_eq!(connect.retry_class(), Some(RetryReason::NotSent));
        assert_eq!(connect.to_string(), "connect timeout (request not sent)");
    }
}

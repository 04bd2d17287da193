//! [`CallOptions`]: per-call settings that override the client's.

use std::time::Duration;

use super::RetryPolicy;

/// Per-call settings for [`Client::call_with`](super::Client::call_with); unset fields take the client's settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CallOptions {
    pub(super) validate: Option<bool>,
    pub(super) retry: Option<RetryPolicy>,
    pub(super) retry_ambiguous: Option<bool>,
    pub(super) attempt_timeout: Option<Duration>,
    pub(super) call_timeout: Option<Duration>,
}

impl CallOptions {
    /// The client's settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Validates locally (or not) for this call, overriding the client
    /// setting; see [`ClientBuilder::validate_requests`](super::ClientBuilder::validate_requests) for what is checked.
    pub fn validate(mut self, enabled: bool) -> Self {
        self.validate = Some(enabled);
        self
    }

    /// Uses this retry policy for this call.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Whether to also retry failures after which the server may have acted,
    /// overriding [`RetryPolicy::retries_ambiguous`]: every failure for which
    /// [`Error::is_ambiguous`](super::Error::is_ambiguous) is true (a per-attempt timeout, a connection
    /// failing after the request was sent or while the answer was read, any
    /// non-200 status, an invalid or oversized answer). Off by default: a
    /// retried clone may buy a second instance. Only opt in when duplicates
    /// are acceptable or checked for.
    pub fn retry_ambiguous(mut self, enabled: bool) -> Self {
        self.retry_ambiguous = Some(enabled);
        self
    }

    /// Time limit for each attempt of this call; zero is refused when the call is made.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Time limit for this whole call; zero is refused when the call is made.
    pub fn call_timeout(mut self, timeout: Duration) -> Self {
        self.call_timeout = Some(timeout);
        self
    }
}

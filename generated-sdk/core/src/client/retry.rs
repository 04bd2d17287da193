//! Retry policy: bounded attempts, exponential backoff with full jitter.
//!
//! What is retried is decided by [`Error::retry_class`](super::Error) and the
//! call's options: rate-limit errors (`RequestLimitExceeded*`) and failures
//! where the request certainly never reached the server are retried; failures
//! after which the server may have acted (every error for which
//! [`Error::is_ambiguous`](super::Error::is_ambiguous) is true) only when the
//! call opts in, because both clone actions buy instances.

use std::time::Duration;

/// How often and how patiently to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    retry_ambiguous: bool,
}

impl Default for RetryPolicy {
    /// 3 attempts, backoff ceilings 200 ms, 400 ms, ... capped at 5 s, no
    /// ambiguous retries.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            retry_ambiguous: false,
        }
    }
}

impl RetryPolicy {
    /// `max_attempts` attempts in total (1 means no retry; 0 is treated as 1),
    /// with the default backoff.
    pub fn new(max_attempts: u32) -> Self {
        Self {
            max_attempts: max_attempts.max(1),
            ..Self::default()
        }
    }

    /// A single attempt, never retried.
    pub fn none() -> Self {
        Self::new(1)
    }

    /// Sets the backoff ceiling before the first retry; it doubles each retry.
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// Caps the backoff ceiling.
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// Also retries failures after which the server may have acted: every
    /// failure for which [`Error::is_ambiguous`](super::Error::is_ambiguous)
    /// is true — a per-attempt timeout, a connection failing after the request
    /// was sent (also while reading the answer), any non-200 status, an answer
    /// that is not a valid envelope (garbled, truncated, wrong content type or
    /// shape) and an answer over the size limit. Off by default: both clone
    /// actions buy instances, and a retry after an ambiguous failure may buy a
    /// second one. Opting in accepts that risk for all of these alike.
    pub fn with_retry_ambiguous(mut self, enabled: bool) -> Self {
        self.retry_ambiguous = enabled;
        self
    }

    /// Whether ambiguous failures are retried.
    pub fn retries_ambiguous(&self) -> bool {
        self.retry_ambiguous
    }

    /// Total attempts allowed, including the first.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff ceiling before the first retry.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The largest backoff ceiling.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The ceiling of the wait after failed attempt number `attempt` (1-based):
    /// `min(max_backoff, initial_backoff * 2^(attempt-1))`.
    pub fn backoff_ceiling(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1).min(31);
        self.initial_backoff
            .checked_mul(1u32 << exponent)
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff)
    }

    /// A random wait in `[0, backoff_ceiling(attempt)]` ("full jitter").
    pub fn backoff(&self, attempt: u32) -> Duration {
        let ceiling = self.backoff_ceiling(attempt);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }
}

/// Why a failed attempt is being retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryReason {
    /// The service answered `RequestLimitExceeded*`.
    RateLimited,
    /// The connection could not be established: the request was never sent.
    NotSent,
    /// The outcome is unknown (the server may have acted); retried only
    /// because the call opted in to ambiguous retries.
    Ambiguous,
}

/// Passed to the client's retry observer before each backoff wait.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryEvent {
    /// Service of the action.
    pub service: &'static str,
    /// Action name.
    pub action: &'static str,
    /// The attempt that just failed (1-based).
    pub attempt: u32,
    /// The wait before the next attempt.
    pub delay: Duration,
    /// Why it is retried.
    pub reason: RetryReason,
    /// The failure, as displayed (never contains secrets).
    pub error: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceilings_double_and_cap() {
        let p = RetryPolicy::new(10)
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(1000));
        let ceilings: Vec<u128> = (1..=6).map(|a| p.backoff_ceiling(a).as_millis()).collect();
        assert_eq!(ceilings, [100, 200, 400, 800, 1000, 1000]);
        // No overflow for huge attempt numbers or durations.
        assert_eq!(p.backoff_ceiling(u32::MAX), Duration::from_millis(1000));
        let big = RetryPolicy::new(3)
            .with_initial_backoff(Duration::from_secs(u64::MAX / 4))
            .with_max_backoff(Duration::MAX);
        assert_eq!(big.backoff_ceiling(40), Duration::MAX);
    }

    #[test]
    fn jitter_stays_in_range_and_varies() {
        let p = RetryPolicy::new(5).with_initial_backoff(Duration::from_millis(100));
        let samples: Vec<Duration> = (0..200).map(|_| p.backoff(2)).collect();
        assert!(samples.iter().all(|d| *d <= Duration::from_millis(200)));
        let distinct: std::collections::HashSet<_> = samples.iter().collect();
        assert!(distinct.len() > 100, "full jitter should spread values");
        assert_eq!(
            RetryPolicy::new(2)
                .with_initial_backoff(Duration::ZERO)
                .backoff(1),
            Duration::ZERO
        );
    }

    #[test]
    fn attempts_are_at_least_one() {
        assert_eq!(RetryPolicy::new(0).max_attempts(), 1);
        assert_eq!(RetryPolicy::none().max_attempts(), 1);
        assert_eq!(RetryPolicy::default().max_attempts(), 3);
    }
}

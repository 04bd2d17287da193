//! Waiting for a resource to reach a state: polls a describe action with a
//! growing delay until the state is a success or a failure state, or the
//! time allowed runs out. Built by the generated `wait_until_*` methods from
//! the waiters of a service's spec.
//!
//! The polls only read, so a transient failure of one (rate limiting, a 5xx
//! status, `InternalError`, a timeout or a broken connection) is retried at
//! the next poll within the time allowed, and reported with the outcome if
//! the time runs out; any other error ends the wait.
//!
//! Time is read from tokio's clock, so a waiter runs under a paused clock in
//! tests without real sleeping. With the clock paused, tokio moves time
//! forward whenever the runtime has nothing to do, including while it waits
//! for network input: a server outside the test's runtime (another process
//! or thread) answers too late, and each poll ends in its per-attempt
//! timeout at once. Run the server as a task of the same runtime (as the
//! mock's `MockServer::start` does), or test against an outside server with
//! the clock running.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

/// How long a waiter may take and how often it polls. Each waiter's
/// defaults come from its spec; [`WaitConfig::new`] sets all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitConfig {
    timeout: Duration,
    min_delay: Duration,
    max_delay: Duration,
}

impl WaitConfig {
    /// At most `timeout` in all; `min_delay` after the first poll, doubled
    /// after each poll up to `max_delay`. A `max_delay` below `min_delay` is
    /// raised to it. Any durations are accepted: a time past what the clock
    /// can represent means "without limit" (about thirty years).
    pub const fn new(timeout: Duration, min_delay: Duration, max_delay: Duration) -> Self {
        let max_delay = if max_delay.as_nanos() < min_delay.as_nanos() {
            min_delay
        } else {
            max_delay
        };
        Self {
            timeout,
            min_delay,
            max_delay,
        }
    }
    /// The same delays with another total time.
    pub const fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
    /// The same time limit with other delays (a `max_delay` below
    /// `min_delay` is raised to it).
    pub const fn with_delays(self, min_delay: Duration, max_delay: Duration) -> Self {
        Self::new(self.timeout, min_delay, max_delay)
    }
    /// The total time allowed.
    pub const fn timeout(&self) -> Duration {
        self.timeout
    }
    /// The first delay between polls.
    pub const fn min_delay(&self) -> Duration {
        self.min_delay
    }
    /// The longest delay between polls.
    pub const fn max_delay(&self) -> Duration {
        self.max_delay
    }
}

/// How a wait ended.
#[derive(Debug, Clone, PartialEq)]
pub enum WaitOutcome<T> {
    /// The resource reached a success state; here it is as last described.
    Reached(T),
    /// The resource reached a failure state.
    Failed {
        /// The state seen.
        state: String,
        /// The resource as last described.
        resource: T,
    },
    /// The time allowed ran out.
    TimedOut {
        /// The last state seen (`None` when the resource was never seen, or
        /// had no state).
        last_state: Option<String>,
        /// The resource as last described, if it was seen.
        last: Option<T>,
        /// Polls that were answered (whether or not they listed the resource).
        answered: u32,
        /// Why the last poll gave no answer, when it gave none: a transient
        /// error (retried while time was left), or no answer before the
        /// deadline.
        last_error: Option<String>,
    },
}

impl<T> WaitOutcome<T> {
    /// The resource, when the wait succeeded.
    pub fn reached(self) -> Option<T> {
        match self {
            WaitOutcome::Reached(t) => Some(t),
            _ => None,
        }
    }
    /// Whether the wait succeeded.
    pub fn is_reached(&self) -> bool {
        matches!(self, WaitOutcome::Reached(_))
    }
}

impl<T> fmt::Display for WaitOutcome<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (last_state, last, answered, last_error) = match self {
            WaitOutcome::Reached(_) => return f.write_str("reached the expected state"),
            WaitOutcome::Failed { state, .. } => {
                return write!(f, "failed: the state is {state:?}")
            }
            WaitOutcome::TimedOut {
                last_state,
                last,
                answered,
                last_error,
            } => (last_state, last, answered, last_error),
        };
        match (last_state, last) {
            (Some(s), _) => write!(f, "timed out; the last state seen was {s:?}")?,
            (None, Some(_)) => f.write_str("timed out; the resource had no state")?,
            (None, None) if *answered > 0 => {
                f.write_str("timed out; the resource was never listed")?
            }
            (None, None) => f.write_str("timed out; no poll was answered")?,
        }
        match last_error {
            Some(error) => write!(f, " (the last poll: {error})"),
            None => Ok(()),
        }
    }
}

/// An error of a poll, as a waiter sees it.
pub trait PollError: fmt::Display {
    /// Whether the next poll may well succeed: the waiter retries it.
    fn is_transient(&self) -> bool;
}

impl<C: crate::action::ErrorCode> PollError for super::Error<C> {
    fn is_transient(&self) -> bool {
        super::Error::is_transient(self)
    }
}

/// A state as a waiter compares it: its text (`"running"`, `"2"`), and
/// whether it is empty (an empty string or array).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    text: String,
    empty: bool,
}

/// A value that can be a waiter's state.
pub trait StateValue {
    /// The state as text.
    fn observe(&self) -> Observed;
}

impl StateValue for String {
    fn observe(&self) -> Observed {
        Observed {
            text: self.clone(),
            empty: self.is_empty(),
        }
    }
}

macro_rules! plain_state {
    ($($t:ty),*) => {$(
        impl StateValue for $t {
            fn observe(&self) -> Observed {
                Observed { text: self.to_string(), empty: false }
            }
        }
    )*};
}
plain_state!(i64, u64, bool);

impl<T> StateValue for Vec<T> {
    fn observe(&self) -> Observed {
        Observed {
            text: format!("{} item(s)", self.len()),
            empty: self.is_empty(),
        }
    }
}

/// The state of a member that may be absent.
pub fn observe<V: StateValue>(value: Option<&V>) -> Option<Observed> {
    value.map(StateValue::observe)
}

/// Which states match: one of `any_of` (as text), or any non-empty state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Matcher {
    /// The states, as text.
    pub any_of: &'static [&'static str],
    /// Any present, non-empty state matches.
    pub non_empty: bool,
}

impl Matcher {
    /// Matches nothing.
    pub const NONE: Matcher = Matcher {
        any_of: &[],
        non_empty: false,
    };

    fn matches(&self, state: Option<&Observed>) -> bool {
        match state {
            Some(s) => (self.non_empty && !s.empty) || self.any_of.contains(&s.text.as_str()),
            None => false,
        }
    }
}

/// What one poll saw: nothing (the resource is not listed yet), or the
/// resource and its state.
pub type Seen<T> = Option<(Option<Observed>, T)>;

/// Polls until `success` or `failure` matches the state `poll` reports, or
/// `config`'s time runs out. A transient error of a poll
/// ([`PollError::is_transient`]) is logged and retried at the next poll;
/// any other error ends the wait with it.
///
/// The first poll is at once; then `min_delay`, doubling up to `max_delay`.
/// A poll still running at the deadline is abandoned; no poll starts when
/// the next delay would pass the deadline.
pub async fn poll_until<T, E, F, Fut>(
    config: &WaitConfig,
    success: Matcher,
    failure: Matcher,
    mut poll: F,
) -> Result<WaitOutcome<T>, E>
where
    E: PollError,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Seen<T>, E>>,
{
    let deadline = super::after(config.timeout);
    let mut delay = config.min_delay;
    let mut last_state = None;
    let mut last = None;
    let mut answered = 0u32;
    let mut last_error = None;
    loop {
        match tokio::time::timeout_at(deadline, poll()).await {
            Err(_) => {
                let last_error = Some("no answer before the deadline".to_owned());
                return Ok(WaitOutcome::TimedOut {
                    last_state,
                    last,
                    answered,
                    last_error,
                });
            }
            Ok(Err(error)) if error.is_transient() => {
                tracing::warn!(%error, "a waiter's poll failed; retrying at the next poll");
                last_error = Some(error.to_string());
            }
            Ok(Err(error)) => return Err(error),
            Ok(Ok(seen)) => {
                answered = answered.saturating_add(1);
                last_error.take();
                if let Some((state, resource)) = seen {
                    if success.matches(state.as_ref()) {
                        return Ok(WaitOutcome::Reached(resource));
                    }
                    if failure.matches(state.as_ref()) {
                        let state = state.map(|s| s.text).unwrap_or_default();
                        return Ok(WaitOutcome::Failed { state, resource });
                    }
                    last_state = state.map(|s| s.text);
                    last = Some(resource);
                }
            }
        }
        if deadline.saturating_duration_since(Instant::now()) < delay {
            return Ok(WaitOutcome::TimedOut {
                last_state,
                last,
                answered,
                last_error,
            });
        }
        tokio::time::sleep(delay).await;
        delay = delay.saturating_mul(2).min(config.max_delay);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// A poll's error in these tests.
    #[derive(Debug, Clone, PartialEq)]
    enum TestError {
        Transient(&'static str),
        Fatal(&'static str),
    }

    impl fmt::Display for TestError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                TestError::Transient(s) | TestError::Fatal(s) => f.write_str(s),
            }
        }
    }

    impl PollError for TestError {
        fn is_transient(&self) -> bool {
            matches!(self, TestError::Transient(_))
        }
    }

    const RUNNING: Matcher = Matcher {
        any_of: &["running"],
        non_empty: false,
    };
    const GONE: Matcher = Matcher {
        any_of: &["isolated"],
        non_empty: false,
    };

    fn config() -> WaitConfig {
        WaitConfig::new(
            Duration::from_secs(60),
            Duration::from_secs(2),
            Duration::from_secs(10),
        )
    }

    /// Answers the states in order (the last repeats), `None` for "not
    /// listed"; records when each poll happened.
    async fn wait_for(
        states: &[Option<&'static str>],
        config: WaitConfig,
    ) -> (WaitOutcome<u32>, Vec<Duration>) {
        let start = Instant::now();
        let polls = RefCell::new(Vec::new());
        let outcome =
            poll_until(&config, RUNNING, GONE, || {
                let n = {
                    let mut p = polls.borrow_mut();
                    p.push(start.elapsed());
                    p.len()
                };
                let state = states[(n - 1).min(states.len() - 1)];
                async move {
                    Ok::<_, TestError>(state.map(|s| (observe(Some(&s.to_owned())), n as u32)))
                }
            })
            .await
            .expect("no poll fails");
        (outcome, polls.into_inner())
    }

    fn secs(s: &[u64]) -> Vec<Duration> {
        s.iter().map(|s| Duration::from_secs(*s)).collect()
    }

    #[tokio::test(start_paused = true)]
    async fn reaches_the_state_with_doubling_delays() {
        let states = [
            None,
            Some("initing"),
            Some("initing"),
            Some("initing"),
            Some("running"),
        ];
        let (outcome, polls) = wait_for(&states, config()).await;
        assert_eq!(outcome, WaitOutcome::Reached(5));
        // 2 s, 4 s, 8 s, then capped at 10 s.
        assert_eq!(polls, secs(&[0, 2, 6, 14, 24]));
    }

    #[tokio::test(start_paused = true)]
    async fn a_failure_state_ends_the_wait_with_the_state_seen() {
        let (outcome, polls) = wait_for(&[Some("initing"), Some("isolated")], config()).await;
        assert_eq!(
            outcome,
            WaitOutcome::Failed {
                state: "isolated".into(),
                resource: 2
            }
        );
        assert_eq!(polls.len(), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn times_out_with_the_last_state() {
        let start = Instant::now();
        let (outcome, polls) = wait_for(&[Some("initing")], config()).await;
        assert_eq!(
            outcome,
            WaitOutcome::TimedOut {
                last_state: Some("initing".into()),
                last: Some(polls.len() as u32),
                answered: 8,
                last_error: None,
            }
        );
        // Polls at 0, 2, 6, 14, 24, 34, 44, 54; the next would be at 64 > 60.
        assert_eq!(polls, secs(&[0, 2, 6, 14, 24, 34, 44, 54]));
        assert!(start.elapsed() <= Duration::from_secs(60));
    }

    #[tokio::test(start_paused = true)]
    async fn a_resource_never_listed_times_out_without_a_state() {
        let (outcome, _) = wait_for(&[None], config()).await;
        assert_eq!(
            outcome,
            WaitOutcome::TimedOut {
                last_state: None,
                last: None,
                answered: 8,
                last_error: None,
            }
        );
        assert_eq!(
            outcome.to_string(),
            "timed out; the resource was never listed"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_poll_that_hangs_is_cut_off_at_the_deadline_and_said_so() {
        let start = Instant::now();
        let outcome: WaitOutcome<u32> = poll_until(&config(), RUNNING, GONE, || async {
            std::future::pending::<Result<Seen<u32>, TestError>>().await
        })
        .await
        .expect("no error");
        assert_eq!(
            outcome,
            WaitOutcome::TimedOut {
                last_state: None,
                last: None,
                answered: 0,
                last_error: Some("no answer before the deadline".into()),
            }
        );
        assert_eq!(
            outcome.to_string(),
            "timed out; no poll was answered (the last poll: no answer before the deadline)"
        );
        assert_eq!(start.elapsed(), Duration::from_secs(60));
    }

    /// Polls answering `script` in order (the last repeats).
    async fn wait_through(
        script: &[Result<&'static str, TestError>],
        config: WaitConfig,
    ) -> (Result<WaitOutcome<u32>, TestError>, Vec<Duration>) {
        let start = Instant::now();
        let polls = RefCell::new(Vec::new());
        let outcome = poll_until(&config, RUNNING, GONE, || {
            let n = {
                let mut p = polls.borrow_mut();
                p.push(start.elapsed());
                p.len()
            };
            let answer = script[(n - 1).min(script.len() - 1)].clone();
            async move { answer.map(|s| Some((observe(Some(&s.to_owned())), n as u32))) }
        })
        .await;
        (outcome, polls.into_inner())
    }

    #[tokio::test(start_paused = true)]
    async fn transient_errors_are_retried_within_the_time_allowed() {
        let script = [
            Ok("initing"),
            Err(TestError::Transient("InternalError")),
            Err(TestError::Transient("unexpected HTTP status 502")),
            Ok("running"),
        ];
        let (outcome, polls) = wait_through(&script, config()).await;
        assert_eq!(outcome, Ok(WaitOutcome::Reached(4)));
        assert_eq!(polls, secs(&[0, 2, 6, 14]));
    }

    #[tokio::test(start_paused = true)]
    async fn a_wait_whose_polls_all_fail_transiently_times_out_with_the_last_error() {
        let script = [Err(TestError::Transient("RequestLimitExceeded"))];
        let (outcome, polls) = wait_through(&script, config()).await;
        let outcome = outcome.expect("timed out, not an error");
        assert_eq!(
            outcome,
            WaitOutcome::TimedOut {
                last_state: None,
                last: None,
                answered: 0,
                last_error: Some("RequestLimitExceeded".into()),
            }
        );
        assert_eq!(
            outcome.to_string(),
            "timed out; no poll was answered (the last poll: RequestLimitExceeded)"
        );
        assert_eq!(polls.len(), 8);
        // A state seen earlier is kept through later failures.
        let script = [Ok("initing"), Err(TestError::Transient("InternalError"))];
        let (outcome, _) = wait_through(&script, config()).await;
        assert_eq!(
            outcome.expect("timed out").to_string(),
            "timed out; the last state seen was \"initing\" (the last poll: InternalError)"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn an_error_that_is_not_transient_ends_the_wait() {
        let script = [
            Err(TestError::Transient("InternalError")),
            Err(TestError::Fatal("AuthFailure")),
        ];
        let (outcome, polls) = wait_through(&script, config()).await;
        assert_eq!(outcome, Err(TestError::Fatal("AuthFailure")));
        assert_eq!(polls.len(), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn extreme_durations_neither_panic_nor_loop() {
        let max = Duration::MAX;
        // Nothing fits after the first poll: one poll, then the outcome.
        for config in [
            WaitConfig::new(max, max, max),
            WaitConfig::new(Duration::from_secs(60), max, max),
        ] {
            let (outcome, polls) = wait_through(&[Ok("initing")], config).await;
            assert!(
                matches!(outcome, Ok(WaitOutcome::TimedOut { .. })),
                "{config:?}"
            );
            assert_eq!(polls.len(), 1, "{config:?}");
        }
        // A very long wait with short delays still polls and succeeds.
        let config = WaitConfig::new(max, Duration::from_secs(1), max);
        let (outcome, polls) = wait_through(&[Ok("initing"), Ok("running")], config).await;
        assert_eq!(outcome, Ok(WaitOutcome::Reached(2)));
        assert_eq!(polls, secs(&[0, 1]));
        // Doubling a delay near the largest one saturates.
        let config = WaitConfig::new(max, max / 2 + Duration::from_secs(1), max);
        let (outcome, polls) = wait_through(&[Ok("initing")], config).await;
        assert!(matches!(outcome, Ok(WaitOutcome::TimedOut { .. })));
        assert_eq!(polls.len(), 1);
    }

    #[test]
    fn non_empty_matches_a_listed_array_only() {
        let m = Matcher {
            any_of: &[],
            non_empty: true,
        };
        assert!(!m.matches(observe::<Vec<String>>(None).as_ref()));
        assert!(!m.matches(observe(Some(&Vec::<String>::new())).as_ref()));
        assert!(m.matches(observe(Some(&vec!["postgres-1".to_owned()])).as_ref()));
        let two = Matcher {
            any_of: &["2"],
            non_empty: false,
        };
        assert!(two.matches(observe(Some(&2i64)).as_ref()));
        assert!(!two.matches(observe(Some(&-2i64)).as_ref()));
    }
}

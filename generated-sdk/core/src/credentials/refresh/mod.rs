//! Temporary credentials kept fresh, shared by the instance-role,
//! AssumeRole and web-identity sources.
//!
//! # When credentials are fetched again
//!
//! Credentials that, when fetched, have `life` left until they expire are
//! used until they expire, and a refresh is due from
//!
//! ```text
//! fetched + max(life - REFRESH_BEFORE_EXPIRY, min(MIN_REFRESH_INTERVAL, life / 2))
//! ```
//!
//! on: 5 minutes before expiry for the usual hour-long credentials, but
//! never sooner than a minute (or half their life, when that is shorter)
//! after the fetch, so a source that hands out credentials with less than
//! 5 minutes left is not asked again on every call. The refresh point is
//! never after expiry. Expiry times from a server or a caller saturate at
//! about 30 years ahead ([`FAR_FUTURE`]); no arithmetic on them can panic.
//!
//! # One fetch at a time, no caller waiting for another
//!
//! - Cached credentials that are not due: returned at once.
//! - Due but still valid: the first caller fetches (and gets the new
//!   credentials); every other caller gets the cached ones at once, without
//!   waiting.
//! - Nothing valid (the first fetch, or expired): every caller awaits the
//!   one fetch in flight ([`flight`]) and all wake together when it ends. A
//!   caller dropped mid-fetch hands the fetch, where it stands, to another
//!   waiter.
//! - After a failed fetch, no new fetch before a backoff (1 s, doubling up
//!   to 60 s); meanwhile valid credentials are still used, else the error is
//!   repeated.

mod flight;
#[cfg(test)]
mod tests;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use tokio::time::Instant;

use self::flight::Flight;
use super::{Credentials, CredentialsError, Provide};

/// Credentials are refreshed this long before they expire, as the official
/// SDKs do (but see [`MIN_REFRESH_INTERVAL`]).
pub const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(300);

/// Shortest time between a fetch and the refresh after it (or half the
/// credentials' life, when that is shorter), so credentials that live less
/// than [`REFRESH_BEFORE_EXPIRY`] are not fetched again on every call.
pub const MIN_REFRESH_INTERVAL: Duration = Duration::from_secs(60);

/// How far ahead expiry times saturate: about 30 years.
pub(crate) const FAR_FUTURE: Duration = Duration::from_secs(30 * 365 * 24 * 3600);

/// First wait after a failed fetch; doubled after each further failure.
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
/// Longest wait between fetches after failures.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// A fetch of new credentials.
pub(crate) type Fetch = Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send>>;

/// What a refreshing source fetches with.
pub(crate) trait Fetcher: Send + Sync {
    /// Fetches new credentials.
    fn fetch(&self) -> Fetch;
}

/// `at + wait`, saturating at about [`FAR_FUTURE`] after `at`.
pub(crate) fn later(at: Instant, wait: Duration) -> Instant {
    at.checked_add(wait.min(FAR_FUTURE))
        .or_else(|| at.checked_add(Duration::from_secs(24 * 3600)))
        .unwrap_or(at)
}

/// How long after a fetch a refresh is due, for credentials with `life` left
/// (see the module documentation). Never more than `life`.
pub(crate) fn refresh_after(life: Duration) -> Duration {
    life.saturating_sub(REFRESH_BEFORE_EXPIRY)
        .max(MIN_REFRESH_INTERVAL.min(life / 2))
}

/// Cached credentials and their times on the runtime's clock (so tests can
/// move time).
#[derive(Debug)]
struct Cached {
    credentials: Credentials,
    /// `None` for permanent credentials.
    expires: Option<Instant>,
    /// From when on a refresh is due; `None`: never.
    refresh_at: Option<Instant>,
}

impl Cached {
    fn new(credentials: Credentials, now: Instant) -> Self {
        let life = credentials.expires_at().map(|at| {
            at.duration_since(SystemTime::now())
                .unwrap_or_default()
                .min(FAR_FUTURE)
        });
        Self {
            credentials,
            expires: life.map(|life| later(now, life)),
            refresh_at: life.map(|life| later(now, refresh_after(life))),
        }
    }

    /// Not expired.
    fn valid(&self, now: Instant) -> bool {
        self.expires.is_none_or(|at| now < at)
    }

    /// A refresh is due.
    fn due(&self, now: Instant) -> bool {
        self.refresh_at.is_some_and(|at| now >= at)
    }
}

#[derive(Default)]
struct State {
    cached: Option<Cached>,
    /// After a failure: no new fetch before this instant, and the error to
    /// repeat meanwhile when nothing valid is cached.
    backoff: Option<(Instant, CredentialsError)>,
    failures: u32,
    /// The fetch under way, if any.
    flight: Option<Arc<Flight>>,
}

/// A cache in front of a [`Fetcher`].
pub(crate) struct Refreshing {
    source_name: String,
    fetcher: Box<dyn Fetcher>,
    state: Mutex<State>,
}

impl fmt::Debug for Refreshing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let st = self.lock();
        f.debug_struct("Refreshing")
            .field("source", &self.source_name)
            .field("cached", &st.cached)
            .field("failures", &st.failures)
            .field("fetching", &st.flight.is_some())
            .finish()
    }
}

impl Refreshing {
    pub(crate) fn new(source_name: String, fetcher: impl Fetcher + 'static) -> Self {
        Self {
            source_name,
            fetcher: Box::new(fetcher),
            state: Mutex::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A poisoned lock only means a caller panicked; the state is whole.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The cached credentials when no refresh is due (or another caller is
    /// refreshing them), else a future that fetches or awaits the fetch
    /// under way.
    pub(crate) fn provide(&self) -> Provide<'_> {
        let now = Instant::now();
        let mut st = self.lock();
        let valid = st.cached.as_ref().filter(|c| c.valid(now));
        if let Some(cached) = valid.filter(|c| !c.due(now)) {
            return Provide::ready(Ok(cached.credentials.clone()));
        }
        let valid = valid.map(|c| c.credentials.clone());
        if let Some(flight) = st.flight.clone() {
            drop(st);
            return match (flight.try_drive(), valid) {
                // Nobody is driving the fetch (its caller was dropped): this
                // caller takes it over.
                (Some(slot), _) => Provide::new(self.wait(flight, Some(slot))),
                // Someone else refreshes; the cached credentials still serve.
                (None, Some(credentials)) => Provide::ready(Ok(credentials)),
                (None, None) => Provide::new(self.wait(flight, None)),
            };
        }
        if let Some((until, error)) = &st.backoff {
            if now < *until {
                return Provide::ready(self.fallback(&st, now, error.clone()));
            }
        }
        let Some((flight, mut slot)) = Flight::start() else {
            return Provide::ready(Err(CredentialsError::Fetch {
                source_name: self.source_name.clone(),
                reason: "internal error: the fetch could not start".to_owned(),
            }));
        };
        st.flight = Some(Arc::clone(&flight));
        drop(st);
        // Outside the state lock (a fetcher may read a file); nobody else
        // can poll the slot while this caller holds it.
        *slot = Some(self.fetcher.fetch());
        Provide::new(self.wait(flight, Some(slot)))
    }

    /// Records the outcome of `flight`'s fetch and returns what its callers
    /// get.
    fn settle(
        &self,
        flight: &Flight,
        fetched: Result<Credentials, CredentialsError>,
    ) -> Result<Credentials, CredentialsError> {
        let now = Instant::now();
        let mut st = self.lock();
        if st
            .flight
            .as_ref()
            .is_some_and(|f| std::ptr::eq(Arc::as_ptr(f), flight))
        {
            st.flight = None;
        }
        match fetched {
            Ok(creds) => {
                st.cached = Some(Cached::new(creds.clone(), now));
                st.backoff = None;
                st.failures = 0;
                Ok(creds)
            }
            Err(error) => {
                st.failures = st.failures.saturating_add(1);
                let wait = FIRST_BACKOFF
                    .saturating_mul(1 << (st.failures - 1).min(6))
                    .min(MAX_BACKOFF);
                tracing::debug!(source = %self.source_name, failures = st.failures, wait_ms = wait.as_millis() as u64, %error, "credentials refresh failed");
                st.backoff = Some((later(now, wait), error.clone()));
                self.fallback(&st, now, error)
            }
        }
    }

    /// After a failed or postponed fetch: credentials that are still valid,
    /// else the error.
    fn fallback(
        &self,
        st: &State,
        now: Instant,
        error: CredentialsError,
    ) -> Result<Credentials, CredentialsError> {
        match &st.cached {
            Some(c) if c.valid(now) => Ok(c.credentials.clone()),
            Some(_) => Err(CredentialsError::Expired {
                source_name: self.source_name.clone(),
                reason: error.to_string(),
            }),
            None => Err(error),
        }
    }
}

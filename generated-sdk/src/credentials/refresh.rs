//! Temporary credentials kept fresh: one fetch at a time, ahead of expiry,
//! with backoff after a failure. Shared by the instance-role, AssumeRole
//! and web-identity sources.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use super::{Credentials, CredentialsError, Provide};

/// Credentials are refreshed this long before they expire, as the official
/// SDKs do.
pub const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(300);

/// First wait after a failed fetch; doubled after each further failure.
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
/// Longest wait between fetches after failures.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

type Fetch = Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send>>;

/// What a refreshing source fetches with.
pub(crate) trait Fetcher: Send + Sync {
    /// Fetches new credentials.
    fn fetch(&self) -> Fetch;
}

#[derive(Default)]
struct State {
    cached: Option<Credentials>,
    /// After a failure: no new fetch before this instant, and the error to
    /// repeat meanwhile when nothing valid is cached.
    backoff: Option<(tokio::time::Instant, CredentialsError)>,
    failures: u32,
}

/// A cache in front of a [`Fetcher`].
pub(crate) struct Refreshing {
    source_name: String,
    fetcher: Box<dyn Fetcher>,
    state: Mutex<State>,
    /// Held while fetching: concurrent callers wait for one fetch.
    gate: tokio::sync::Mutex<()>,
    early: Duration,
}

impl fmt::Debug for Refreshing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let st = self.lock();
        f.debug_struct("Refreshing")
            .field("source", &self.source_name)
            .field("cached", &st.cached)
            .field("failures", &st.failures)
            .finish()
    }
}

impl Refreshing {
    pub(crate) fn new(source_name: String, fetcher: impl Fetcher + 'static) -> Self {
        Self {
            source_name,
            fetcher: Box::new(fetcher),
            state: Mutex::default(),
            gate: tokio::sync::Mutex::new(()),
            early: REFRESH_BEFORE_EXPIRY,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The cached credentials when they are fresh, else a future that
    /// fetches (once, whoever else is waiting).
    pub(crate) fn provide(&self) -> Provide<'_> {
        if let Some(c) = &self.lock().cached {
            if fresh(c, self.early) {
                return Provide::ready(Ok(c.clone()));
            }
        }
        Provide::new(self.refresh())
    }

    async fn refresh(&self) -> Result<Credentials, CredentialsError> {
        let _gate = self.gate.lock().await;
        {
            // Another caller may have fetched while this one waited.
            let st = self.lock();
            if let Some(c) = &st.cached {
                if fresh(c, self.early) {
                    return Ok(c.clone());
                }
            }
            if let Some((until, error)) = &st.backoff {
                if tokio::time::Instant::now() < *until {
                    return self.fallback(&st, error.clone());
                }
            }
        }
        let fetched = self.fetcher.fetch().await;
        let mut st = self.lock();
        match fetched {
            Ok(creds) => {
                st.cached = Some(creds.clone());
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
                st.backoff = Some((tokio::time::Instant::now() + wait, error.clone()));
                self.fallback(&st, error)
            }
        }
    }

    /// After a failed or postponed fetch: credentials that are still valid,
    /// else the error.
    fn fallback(
        &self,
        st: &State,
        error: CredentialsError,
    ) -> Result<Credentials, CredentialsError> {
        match &st.cached {
            Some(c) if fresh(c, Duration::ZERO) => Ok(c.clone()),
            Some(_) => Err(CredentialsError::Expired {
                source_name: self.source_name.clone(),
                reason: error.to_string(),
            }),
            None => Err(error),
        }
    }
}

/// Valid for longer than `margin` from now (permanent credentials always are).
fn fresh(c: &Credentials, margin: Duration) -> bool {
    c.expires_at()
        .is_none_or(|at| at > SystemTime::now() + margin)
}

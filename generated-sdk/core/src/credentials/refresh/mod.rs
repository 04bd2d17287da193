//! Temporary credentials kept fresh: one fetch at a time, ahead of expiry,
//! with backoff after a failure. Shared by the instance-role, AssumeRole
//! and web-identity sources.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use tokio::time::Instant;

use super::{Credentials, CredentialsError, Provide};

/// Credentials are refreshed this long before they expire, as the official
/// SDKs do.
pub const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(300);

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

#[derive(Default)]
struct State {
    /// The credentials and when they expire on the runtime's clock (so
    /// tests can move time), `None` for permanent ones.
    cached: Option<(Credentials, Option<Instant>)>,
    /// After a failure: no new fetch before this instant, and the error to
    /// repeat meanwhile when nothing valid is cached.
    backoff: Option<(Instant, CredentialsError)>,
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
        if let Some((c, deadline)) = &self.lock().cached {
            if fresh(*deadline, self.early) {
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
            if let Some((c, deadline)) = &st.cached {
                if fresh(*deadline, self.early) {
                    return Ok(c.clone());
                }
            }
            if let Some((until, error)) = &st.backoff {
                if Instant::now() < *until {
                    return self.fallback(&st, error.clone());
                }
            }
        }
        let fetched = self.fetcher.fetch().await;
        let mut st = self.lock();
        match fetched {
            Ok(creds) => {
                let deadline = creds.expires_at().map(|at| {
                    let left = at.duration_since(SystemTime::now()).unwrap_or_default();
                    Instant::now() + left
                });
                st.cached = Some((creds.clone(), deadline));
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
                st.backoff = Some((Instant::now() + wait, error.clone()));
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
            Some((c, deadline)) if fresh(*deadline, Duration::ZERO) => Ok(c.clone()),
            Some(_) => Err(CredentialsError::Expired {
                source_name: self.source_name.clone(),
                reason: error.to_string(),
            }),
            None => Err(error),
        }
    }
}

/// Valid for longer than `margin` from now (permanent credentials always are).
fn fresh(deadline: Option<Instant>, margin: Duration) -> bool {
    deadline.is_none_or(|at| at > Instant::now() + margin)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::*;

    /// Hands out numbered credentials valid for `life`, or fails while
    /// `failing` is set.
    struct Counter {
        fetches: Arc<AtomicUsize>,
        failing: Arc<std::sync::atomic::AtomicBool>,
        life: Duration,
    }

    impl Fetcher for Counter {
        fn fetch(&self) -> Fetch {
            let n = self.fetches.fetch_add(1, Ordering::SeqCst) + 1;
            let failing = self.failing.load(Ordering::SeqCst);
            let life = self.life;
            Box::pin(async move {
                // A fetch takes a while, so concurrent callers overlap it.
                tokio::time::sleep(Duration::from_millis(50)).await;
                if failing {
                    return Err(CredentialsError::Fetch {
                        source_name: "fake".into(),
                        reason: "refused".into(),
                    });
                }
                Ok(Credentials::new(format!("AKIDtemporary{n:04}"), "key")
                    .with_token("token")
                    .with_expiry(SystemTime::now() + life))
            })
        }
    }

    fn setup(
        life: Duration,
    ) -> (
        Arc<Refreshing>,
        Arc<AtomicUsize>,
        Arc<std::sync::atomic::AtomicBool>,
    ) {
        let fetches = Arc::new(AtomicUsize::new(0));
        let failing = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let cache = Refreshing::new(
            "fake".into(),
            Counter {
                fetches: fetches.clone(),
                failing: failing.clone(),
                life,
            },
        );
        (Arc::new(cache), fetches, failing)
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_callers_near_expiry_cause_one_refresh() {
        let (cache, fetches, _) = setup(Duration::from_secs(3600));
        assert_eq!(
            cache.provide().await.unwrap().secret_id(),
            "AKIDtemporary0001"
        );
        // Fresh: answered from the cache, without a future.
        assert!(cache.provide().is_ready());
        // Into the last five minutes: the next callers refresh, once.
        tokio::time::advance(Duration::from_secs(3600 - 299)).await;
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..100 {
            let cache = cache.clone();
            tasks.spawn(async move { cache.provide().await.map(|c| c.secret_id().to_owned()) });
        }
        while let Some(done) = tasks.join_next().await {
            assert_eq!(done.unwrap().unwrap(), "AKIDtemporary0002");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn a_failed_refresh_keeps_valid_credentials_and_backs_off() {
        let (cache, fetches, failing) = setup(Duration::from_secs(3600));
        cache.provide().await.unwrap();
        tokio::time::advance(Duration::from_secs(3600 - 200)).await;
        failing.store(true, Ordering::SeqCst);
        // The refresh fails; the credentials are still valid for 200 s.
        assert_eq!(
            cache.provide().await.unwrap().secret_id(),
            "AKIDtemporary0001"
        );
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
        // Within the backoff no new fetch is made.
        assert_eq!(
            cache.provide().await.unwrap().secret_id(),
            "AKIDtemporary0001"
        );
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
        // After it, one more try (still failing), then a longer wait.
        tokio::time::advance(FIRST_BACKOFF).await;
        cache.provide().await.unwrap();
        assert_eq!(fetches.load(Ordering::SeqCst), 3);
        tokio::time::advance(FIRST_BACKOFF).await;
        cache.provide().await.unwrap();
        assert_eq!(
            fetches.load(Ordering::SeqCst),
            3,
            "the second wait is twice the first"
        );
        // The service recovers.
        failing.store(false, Ordering::SeqCst);
        tokio::time::advance(FIRST_BACKOFF).await;
        assert_eq!(
            cache.provide().await.unwrap().secret_id(),
            "AKIDtemporary0004"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn expired_credentials_with_a_failing_refresh_are_a_clear_error() {
        let (cache, _, failing) = setup(Duration::from_secs(600));
        cache.provide().await.unwrap();
        failing.store(true, Ordering::SeqCst);
        tokio::time::advance(Duration::from_secs(601)).await;
        let err = cache.provide().await.unwrap_err();
        assert!(matches!(err, CredentialsError::Expired { .. }), "{err:?}");
        let text = err.to_string();
        assert!(
            text.contains("expired") && text.contains("refused"),
            "{text}"
        );
        assert!(!text.contains("key") && !text.contains("token"), "{text}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_first_fetch_that_fails_is_the_error_and_is_not_repeated_at_once() {
        let (cache, fetches, failing) = setup(Duration::from_secs(3600));
        failing.store(true, Ordering::SeqCst);
        assert!(matches!(
            cache.provide().await,
            Err(CredentialsError::Fetch { .. })
        ));
        assert!(matches!(
            cache.provide().await,
            Err(CredentialsError::Fetch { .. })
        ));
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }
}

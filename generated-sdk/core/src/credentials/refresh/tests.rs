//! The cache on tokio's paused clock, with a fake fetcher.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use super::*;

/// Hands out numbered credentials valid for `life` (`Duration::MAX`: the
/// latest time the platform can represent), or fails while `failing` is
/// set; each fetch takes `delay`.
struct Counter {
    fetches: Arc<AtomicUsize>,
    failing: Arc<AtomicBool>,
    life: Duration,
    delay: Duration,
}

/// The latest `SystemTime` there is, about.
fn latest_system_time() -> SystemTime {
    let mut secs = u64::MAX;
    loop {
        if let Some(at) = UNIX_EPOCH.checked_add(Duration::from_secs(secs)) {
            return at;
        }
        secs /= 2;
    }
}

impl Fetcher for Counter {
    fn fetch(&self) -> Fetch {
        let n = self.fetches.fetch_add(1, Ordering::SeqCst) + 1;
        let failing = self.failing.clone();
        let (life, delay) = (self.life, self.delay);
        Box::pin(async move {
            // A fetch takes a while, so concurrent callers overlap it.
            tokio::time::sleep(delay).await;
            if failing.load(Ordering::SeqCst) {
                return Err(CredentialsError::Fetch {
                    source_name: "fake".into(),
                    reason: "refused".into(),
                });
            }
            let expiry = SystemTime::now()
                .checked_add(life)
                .unwrap_or_else(latest_system_time);
            Ok(
                Credentials::new(format!("AKIDtemporary{n:04}"), "SECRETkey")
                    .with_token("SECRETtoken")
                    .with_expiry(expiry),
            )
        })
    }
}

struct Setup {
    cache: Arc<Refreshing>,
    fetches: Arc<AtomicUsize>,
    failing: Arc<AtomicBool>,
}

impl Setup {
    fn new(life: Duration) -> Self {
        Self::with_delay(life, Duration::from_millis(50))
    }

    fn with_delay(life: Duration, delay: Duration) -> Self {
        let fetches = Arc::new(AtomicUsize::new(0));
        let failing = Arc::new(AtomicBool::new(false));
        let counter = Counter {
            fetches: fetches.clone(),
            failing: failing.clone(),
            life,
            delay,
        };
        Self {
            cache: Arc::new(Refreshing::new("fake".into(), counter)),
            fetches,
            failing,
        }
    }

    fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }

    /// Provides now, expecting an answer without waiting.
    fn ready_id(&self) -> String {
        let answer = self.cache.provide();
        assert!(answer.is_ready(), "the caller would wait");
        answer.now().unwrap().secret_id().to_owned()
    }

    async fn id(&self) -> String {
        self.cache.provide().await.unwrap().secret_id().to_owned()
    }

    /// `count` callers, each on its own task, each reporting its answer and
    /// when it came.
    fn spawn_callers(
        &self,
        count: usize,
    ) -> tokio::task::JoinSet<Result<(String, Instant), CredentialsError>> {
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..count {
            let cache = self.cache.clone();
            tasks.spawn(async move {
                let creds = cache.provide().await?;
                Ok((creds.secret_id().to_owned(), Instant::now()))
            });
        }
        tasks
    }
}

const FETCH_TIME: Duration = Duration::from_millis(300);

#[tokio::test(start_paused = true)]
async fn a_thousand_callers_share_the_first_fetch_and_wake_together() {
    let setup = Setup::with_delay(Duration::from_secs(3600), FETCH_TIME);
    let started = Instant::now();
    let mut callers = setup.spawn_callers(1000);
    let mut answered = 0;
    while let Some(done) = callers.join_next().await {
        let (id, at) = done.unwrap().unwrap();
        assert_eq!(id, "AKIDtemporary0001");
        assert!(at - started <= 2 * FETCH_TIME, "{:?}", at - started);
        answered += 1;
    }
    assert_eq!(answered, 1000);
    assert_eq!(setup.fetches(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_caller_dropped_mid_fetch_does_not_stall_the_others() {
    let setup = Setup::with_delay(Duration::from_secs(3600), FETCH_TIME);
    let started = Instant::now();
    let cache = setup.cache.clone();
    let driver = tokio::spawn(async move { cache.provide().await });
    tokio::task::yield_now().await;
    assert_eq!(setup.fetches(), 1, "the first caller started the fetch");
    let mut callers = setup.spawn_callers(999);
    tokio::time::sleep(FETCH_TIME / 3).await;
    driver.abort();
    assert!(driver.await.unwrap_err().is_cancelled());
    let mut answered = 0;
    while let Some(done) = callers.join_next().await {
        let (id, at) = done.unwrap().unwrap();
        assert_eq!(id, "AKIDtemporary0001");
        // The same fetch goes on: done when it was due, not after a new one.
        assert!(at - started <= FETCH_TIME + Duration::from_millis(1));
        answered += 1;
    }
    assert_eq!(answered, 999);
    assert_eq!(setup.fetches(), 1);
}

#[tokio::test(start_paused = true)]
async fn in_the_refresh_window_one_caller_refreshes_and_the_others_do_not_wait() {
    let setup = Setup::with_delay(Duration::from_secs(3600), FETCH_TIME);
    assert_eq!(setup.id().await, "AKIDtemporary0001");
    // Not due: answered from the cache, without a future.
    assert_eq!(setup.ready_id(), "AKIDtemporary0001");
    // Into the last five minutes: one caller refreshes...
    tokio::time::advance(Duration::from_secs(3600 - 299)).await;
    let cache = setup.cache.clone();
    let refresher = tokio::spawn(async move { cache.provide().await });
    tokio::task::yield_now().await;
    assert_eq!(setup.fetches(), 2);
    // ...and every other caller gets the still-valid credentials at once.
    let asked = Instant::now();
    for _ in 0..999 {
        assert_eq!(setup.ready_id(), "AKIDtemporary0001");
    }
    let mut callers = setup.spawn_callers(100);
    while let Some(done) = callers.join_next().await {
        let (id, at) = done.unwrap().unwrap();
        assert_eq!((id.as_str(), at), ("AKIDtemporary0001", asked));
    }
    let shown = format!("{:?}", setup.cache);
    assert!(shown.contains("fetching: true") && shown.contains("AKID***0001"));
    assert!(!shown.contains("SECRET"), "{shown}");
    let refreshed = refresher.await.unwrap().unwrap();
    assert_eq!(refreshed.secret_id(), "AKIDtemporary0002");
    assert_eq!(setup.ready_id(), "AKIDtemporary0002");
    assert_eq!(setup.fetches(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_refresher_dropped_in_the_window_is_taken_over_by_the_next_caller() {
    let setup = Setup::with_delay(Duration::from_secs(3600), FETCH_TIME);
    setup.id().await;
    tokio::time::advance(Duration::from_secs(3600 - 299)).await;
    let cache = setup.cache.clone();
    let refresher = tokio::spawn(async move { cache.provide().await });
    tokio::task::yield_now().await;
    refresher.abort();
    assert!(refresher.await.unwrap_err().is_cancelled());
    // Nobody drives the refresh now: the next caller resumes it.
    assert_eq!(setup.id().await, "AKIDtemporary0002");
    assert_eq!(setup.fetches(), 2);
}

#[tokio::test(start_paused = true)]
async fn short_lived_credentials_are_not_fetched_again_on_every_call() {
    // Four minutes: less than the five-minute margin.
    let setup = Setup::new(Duration::from_secs(240));
    let first = Instant::now();
    for _ in 0..100 {
        assert_eq!(setup.id().await, "AKIDtemporary0001");
        tokio::time::advance(Duration::from_millis(100)).await;
    }
    assert_eq!(setup.fetches(), 1, "100 calls over 10 s, one fetch");
    // A minute after the fetch, one more.
    tokio::time::advance(
        MIN_REFRESH_INTERVAL + Duration::from_millis(50) - (Instant::now() - first),
    )
    .await;
    assert_eq!(setup.id().await, "AKIDtemporary0002");
    for _ in 0..100 {
        assert_eq!(setup.id().await, "AKIDtemporary0002");
        tokio::time::advance(Duration::from_millis(100)).await;
    }
    assert_eq!(setup.fetches(), 2);
}

#[test]
fn the_refresh_point() {
    let min = |s: u64| Duration::from_secs(s);
    // Long-lived: five minutes before expiry.
    assert_eq!(refresh_after(min(3600)), min(3300));
    assert_eq!(refresh_after(min(400)), min(100));
    // Short-lived: a minute after the fetch, or half the life.
    assert_eq!(refresh_after(min(301)), min(60));
    assert_eq!(refresh_after(min(240)), min(60));
    assert_eq!(refresh_after(min(100)), min(50));
    assert_eq!(refresh_after(Duration::ZERO), Duration::ZERO);
    for life in [0, 1, 59, 60, 119, 120, 299, 300, 361, 100_000] {
        assert!(refresh_after(min(life)) <= min(life), "never after expiry");
    }
    // Extreme values saturate instead of panicking.
    assert!(refresh_after(Duration::MAX) > FAR_FUTURE);
    let now = Instant::now();
    assert!(later(now, Duration::MAX) >= later(now, FAR_FUTURE));
    assert!(later(now, Duration::MAX) > now + Duration::from_secs(29 * 365 * 24 * 3600));
}

#[tokio::test(start_paused = true)]
async fn credentials_expiring_at_the_end_of_time_are_cached_without_overflow() {
    let setup = Setup::new(Duration::MAX);
    assert_eq!(setup.id().await, "AKIDtemporary0001");
    tokio::time::advance(Duration::from_secs(10 * 365 * 24 * 3600)).await;
    assert_eq!(setup.ready_id(), "AKIDtemporary0001");
    assert_eq!(setup.fetches(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_failed_refresh_keeps_valid_credentials_and_backs_off() {
    let setup = Setup::new(Duration::from_secs(3600));
    setup.id().await;
    tokio::time::advance(Duration::from_secs(3600 - 200)).await;
    setup.failing.store(true, Ordering::SeqCst);
    // The refresh fails; the credentials are still valid for 200 s.
    assert_eq!(setup.id().await, "AKIDtemporary0001");
    assert_eq!(setup.fetches(), 2);
    // Within the backoff no new fetch is made.
    assert_eq!(setup.ready_id(), "AKIDtemporary0001");
    assert_eq!(setup.fetches(), 2);
    // After it, one more try (still failing), then a longer wait.
    tokio::time::advance(FIRST_BACKOFF).await;
    setup.id().await;
    assert_eq!(setup.fetches(), 3);
    tokio::time::advance(FIRST_BACKOFF).await;
    setup.id().await;
    assert_eq!(setup.fetches(), 3, "the second wait is twice the first");
    // The service recovers.
    setup.failing.store(false, Ordering::SeqCst);
    tokio::time::advance(FIRST_BACKOFF).await;
    assert_eq!(setup.id().await, "AKIDtemporary0004");
}

#[tokio::test(start_paused = true)]
async fn expired_credentials_with_a_failing_refresh_are_a_clear_error() {
    let setup = Setup::new(Duration::from_secs(600));
    setup.id().await;
    setup.failing.store(true, Ordering::SeqCst);
    tokio::time::advance(Duration::from_secs(601)).await;
    let err = setup.cache.provide().await.unwrap_err();
    assert!(matches!(err, CredentialsError::Expired { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("expired") && text.contains("refused"),
        "{text}"
    );
    assert!(!text.contains("SECRET"), "{text}");
}

#[tokio::test(start_paused = true)]
async fn a_first_fetch_that_fails_is_the_error_for_all_waiters_and_is_not_repeated_at_once() {
    let setup = Setup::new(Duration::from_secs(3600));
    setup.failing.store(true, Ordering::SeqCst);
    let mut callers = setup.spawn_callers(50);
    while let Some(done) = callers.join_next().await {
        assert!(matches!(done.unwrap(), Err(CredentialsError::Fetch { .. })));
    }
    assert!(matches!(
        setup.cache.provide().now(),
        Err(CredentialsError::Fetch { .. })
    ));
    assert_eq!(setup.fetches(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_fetch_that_panics_ends_its_flight() {
    struct Panicking(Arc<AtomicUsize>);
    impl Fetcher for Panicking {
        fn fetch(&self) -> Fetch {
            let n = self.0.fetch_add(1, Ordering::SeqCst);
            Box::pin(async move {
                tokio::time::sleep(Duration::from_millis(10)).await;
                if n == 0 {
                    panic!("a bug in a fetcher");
                }
                Ok(Credentials::new("AKIDafter", "key"))
            })
        }
    }
    let fetches = Arc::new(AtomicUsize::new(0));
    let cache = Arc::new(Refreshing::new("fake".into(), Panicking(fetches.clone())));
    let driver = {
        let cache = cache.clone();
        tokio::spawn(async move { cache.provide().await })
    };
    tokio::task::yield_now().await;
    let follower = {
        let cache = cache.clone();
        tokio::spawn(async move { cache.provide().await })
    };
    assert!(driver.await.unwrap_err().is_panic());
    let err = follower.await.unwrap().unwrap_err();
    assert!(err.to_string().contains("panicked"), "{err}");
    // After the backoff the next fetch runs normally.
    tokio::time::advance(FIRST_BACKOFF).await;
    assert_eq!(cache.provide().await.unwrap().secret_id(), "AKIDafter");
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
}

/// Lives of every size a source can hand out: each second up to 12 minutes,
/// the extremes, and values spread over the whole `u64` range of seconds.
fn lives() -> Vec<Duration> {
    let mut out: Vec<Duration> = (0..=720).map(Duration::from_secs).collect();
    out.extend([
        Duration::ZERO,
        Duration::from_nanos(1),
        Duration::from_millis(999),
        Duration::from_secs(u64::MAX),
        Duration::MAX,
        FAR_FUTURE,
        FAR_FUTURE + Duration::from_secs(1),
    ]);
    // A fixed linear congruential walk: the same values on every run.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..2_000 {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        out.push(Duration::new(x >> (x % 64), (x % 1_000_000_000) as u32));
    }
    out
}

/// The refresh rule holds for every life: never after expiry, never sooner
/// than a minute (or half the life, when shorter than two minutes), five
/// minutes ahead when the life allows; and no instant arithmetic panics.
#[test]
fn the_refresh_point_is_within_the_life_for_every_life() {
    let now = Instant::now();
    for life in lives() {
        let after = refresh_after(life);
        assert!(after <= life, "{life:?}: refresh after {after:?}");
        assert!(
            after >= MIN_REFRESH_INTERVAL.min(life / 2),
            "{life:?}: {after:?}"
        );
        if life >= REFRESH_BEFORE_EXPIRY + MIN_REFRESH_INTERVAL {
            assert_eq!(after, life - REFRESH_BEFORE_EXPIRY, "{life:?}");
        }
        let at = later(now, life);
        assert!(at >= now && later(now, after) <= at, "{life:?}");
    }
}

/// Credentials expiring at any representable time are cached without a
/// panic, valid until their expiry and due for refresh no later than it.
#[test]
fn credentials_with_any_expiry_are_cached_without_panicking() {
    let now = Instant::now();
    let wall = SystemTime::now();
    let latest = latest_system_time();
    for life in lives() {
        let expiry = wall.checked_add(life).unwrap_or(latest);
        let credentials = Credentials::new("AKIDp", "key")
            .with_token("t")
            .with_expiry(expiry);
        let cached = Cached::new(credentials, now);
        let (expires, refresh_at) = (
            cached.expires.expect("temporary"),
            cached.refresh_at.expect("temporary"),
        );
        assert!(refresh_at <= expires, "{life:?}");
        assert!(expires <= later(now, FAR_FUTURE), "{life:?}");
        assert_eq!(cached.valid(now), expires > now, "{life:?}");
    }
}

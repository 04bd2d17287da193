//! Optional client-side pacing to an action's documented rate limit (GCRA:
//! a token bucket of `rate` tokens refilled at `rate` per second).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// One bucket per action.
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    buckets: Mutex<HashMap<(&'static str, &'static str), Gcra>>,
}

impl RateLimiter {
    /// Reserves a slot for one request of the action and returns when it may
    /// be sent (now or later). `rate_per_second == 0` means no limit.
    #[cfg(test)]
    pub(crate) fn reserve(
        &self,
        key: (&'static str, &'static str),
        rate_per_second: u32,
        now: Instant,
    ) -> Instant {
        self.reserve_before(key, rate_per_second, now, None)
            .unwrap_or(now)
    }

    /// Like `reserve`, but when the slot would come after `deadline` nothing
    /// is reserved and `None` is returned: a call that cannot go out within
    /// its time limit does not take a slot from later calls.
    pub(crate) fn reserve_before(
        &self,
        key: (&'static str, &'static str),
        rate_per_second: u32,
        now: Instant,
        deadline: Option<Instant>,
    ) -> Option<Instant> {
        if rate_per_second == 0 {
            return Some(now);
        }
        // A poisoned lock only means another call panicked mid-update; the
        // bucket state is still a valid instant.
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        buckets
            .entry(key)
            .or_insert_with(|| Gcra::new(now))
            .reserve(rate_per_second, now, deadline)
    }
}

/// Generic cell rate algorithm state: the theoretical arrival time.
#[derive(Debug, Clone, Copy)]
struct Gcra {
    tat: Instant,
}

impl Gcra {
    fn new(now: Instant) -> Self {
        Self { tat: now }
    }

    fn reserve(&mut self, rate: u32, now: Instant, deadline: Option<Instant>) -> Option<Instant> {
        let interval = Duration::from_secs(1) / rate;
        // A burst of `rate` requests may go at once.
        let tolerance = interval * (rate - 1);
        let tat = self.tat.max(now);
        let allowed_at = tat.checked_sub(tolerance).unwrap_or(now).max(now);
        if deadline.is_some_and(|deadline| allowed_at >= deadline) {
            return None;
        }
        self.tat = tat + interval;
        Some(allowed_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_spacing() {
        let limiter = RateLimiter::default();
        let t0 = Instant::now();
        let key = ("svc", "Act");
        // 4 per second: four go at once, then one every 250 ms.
        let slots: Vec<Duration> = (0..7).map(|_| limiter.reserve(key, 4, t0) - t0).collect();
        let ms: Vec<u128> = slots.iter().map(Duration::as_millis).collect();
        assert_eq!(ms, [0, 0, 0, 0, 250, 500, 750]);
        // Other actions have their own bucket.
        assert_eq!(limiter.reserve(("svc", "Other"), 4, t0), t0);
        // Unlimited.
        assert_eq!(limiter.reserve(key, 0, t0), t0);
    }

    #[test]
    fn bucket_refills_with_time() {
        let limiter = RateLimiter::default();
        let t0 = Instant::now();
        let key = ("svc", "Act");
        for _ in 0..2 {
            assert_eq!(limiter.reserve(key, 2, t0), t0);
        }
        assert_eq!(limiter.reserve(key, 2, t0) - t0, Duration::from_millis(500));
        // Long after, the full burst is available again.
        let later = t0 + Duration::from_secs(10);
        assert_eq!(limiter.reserve(key, 2, later), later);
        assert_eq!(limiter.reserve(key, 2, later), later);
        assert_eq!(
            limiter.reserve(key, 2, later) - later,
            Duration::from_millis(500)
        );
    }

    #[test]
    fn a_slot_past_the_deadline_is_refused_and_not_taken() {
        let limiter = RateLimiter::default();
        let t0 = Instant::now();
        let key = ("svc", "Act");
        let soon = Some(t0 + Duration::from_millis(100));
        assert_eq!(limiter.reserve_before(key, 1, t0, soon), Some(t0));
        // The next slot is at t0 + 1 s, after the deadline.
        assert_eq!(limiter.reserve_before(key, 1, t0, soon), None);
        assert_eq!(limiter.reserve_before(key, 1, t0, soon), None);
        // The refusals took nothing: the next patient caller gets t0 + 1 s.
        let later = Some(t0 + Duration::from_secs(5));
        assert_eq!(
            limiter.reserve_before(key, 1, t0, later),
            Some(t0 + Duration::from_secs(1))
        );
    }

    #[test]
    fn one_per_second_is_plain_spacing() {
        let limiter = RateLimiter::default();
        let t0 = Instant::now();
        let key = ("svc", "Act");
        assert_eq!(limiter.reserve(key, 1, t0), t0);
        assert_eq!(limiter.reserve(key, 1, t0) - t0, Duration::from_secs(1));
        assert_eq!(limiter.reserve(key, 1, t0) - t0, Duration::from_secs(2));
    }
}

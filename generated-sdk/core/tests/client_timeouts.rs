//! Attempt, call and connect timeouts, and how they meet retries and
//! backoff.
#![cfg(feature = "client")]

mod common;

use common::*;

// ---------------------------------------------------------------------------
// Timeouts.

#[tokio::test]
async fn whole_call_timeout_covers_a_hanging_attempt() {
    let server = Server::start(vec![Reply::Hang]).await;
    let client = builder(&server.url)
        .attempt_timeout(Duration::from_secs(30))
        .call_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert_timeout(&error, TimeoutKind::Call, true);
    assert!(error.is_ambiguous());
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        error
            .to_string()
            .contains("whole-call timeout (outcome unknown)"),
        "{error}"
    );
}

#[tokio::test]
async fn whole_call_timeout_covers_all_attempts_and_backoff() {
    let server = Server::start(vec![Reply::Hang]).await;
    let (log, observer) = retry_log();
    let client = builder(&server.url)
        .attempt_timeout(HANG_ATTEMPT)
        .retry_policy(fast_retries(50).with_retry_ambiguous(true))
        .on_retry(observer)
        .build()
        .unwrap();
    let started = Instant::now();
    // Attempts end at >= 1 s and >= 2 s; the third, started at ~2 s, cannot
    // finish before the 2.8 s deadline.
    let error = client
        .call_with::<FakeClone>(
            good_request(),
            CallOptions::new().call_timeout(Duration::from_millis(2800)),
        )
        .await
        .unwrap_err();
    assert_timeout(&error, TimeoutKind::Call, true);
    assert!(started.elapsed() < Duration::from_secs(15));
    let log = log.lock().unwrap().clone();
    assert_eq!(log.iter().map(|e| e.attempt).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(server.wait_for(3).await, 3);
}

#[tokio::test]
async fn backoff_that_would_overrun_the_call_returns_the_real_error() {
    let server = Server::start(vec![Reply::Json(error_body(
        "RequestLimitExceeded",
        "slow",
        "rl",
    ))])
    .await;
    // Full jitter draws the wait from [0, ceiling]. With a ceiling of
    // Duration::MAX (~584 years in nanoseconds) and a fixed seed (the call
    // runs on this thread), the wait certainly lies past the 60 s deadline.
    fastrand::seed(0x5eed);
    let (log, observer) = retry_log();
    let client = builder(&server.url)
        .retry_policy(
            RetryPolicy::new(5)
                .with_initial_backoff(Duration::MAX)
                .with_max_backoff(Duration::MAX),
        )
        .call_timeout(Duration::from_secs(60))
        .on_retry(observer)
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert_eq!(
        error.code(),
        Some(&FakeCode::RequestLimitExceeded),
        "{error:?}"
    );
    assert_eq!(error.request_id(), Some("rl"));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "returned after {:?}, not at once",
        started.elapsed()
    );
    assert!(log.lock().unwrap().is_empty(), "no wait was started");
    assert_eq!(server.received(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn pacing_past_the_deadline_fails_at_once_and_says_nothing_was_sent() {
    let server = Server::start(vec![Reply::Json(ok_body(1, "r"))]).await;
    let client = builder(&server.url)
        .client_rate_limit(true)
        .build()
        .unwrap();
    // One per second: the first call takes the slot, the next is at +1 s.
    client.call::<FakePaced>(good_request()).await.unwrap();
    let limit = Duration::from_millis(300);
    let started = Instant::now();
    let error = client
        .call_with::<FakePaced>(good_request(), CallOptions::new().call_timeout(limit))
        .await
        .unwrap_err();
    assert_timeout(&error, TimeoutKind::Call, false);
    assert!(!error.is_ambiguous());
    assert!(error.is_retryable());
    assert!(
        error
            .to_string()
            .contains("whole-call timeout (request not sent)"),
        "{error}"
    );
    assert!(
        started.elapsed() < limit,
        "gave up without waiting for the deadline: {:?}",
        started.elapsed()
    );
    assert_eq!(server.received(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn call_timeout_after_only_failed_connections_says_nothing_was_sent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let (log, observer) = retry_log();
    let client = builder(&url)
        .client_rate_limit(true)
        .on_retry(observer)
        .build()
        .unwrap();
    // Attempt 1 is refused (never sent) and retried; attempt 2's pacing slot
    // (one per second) lies past the deadline.
    let error = client
        .call_with::<FakePaced>(
            good_request(),
            CallOptions::new().call_timeout(Duration::from_millis(500)),
        )
        .await
        .unwrap_err();
    assert_timeout(&error, TimeoutKind::Call, false);
    assert!(!error.is_ambiguous());
    let log = log.lock().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].reason, RetryReason::NotSent);
}

#[tokio::test]
async fn zero_per_call_timeouts_are_refused_before_sending() {
    let server = Server::start(vec![Reply::Json(ok_body(1, "r"))]).await;
    let client = client(&server.url);
    for (options, name) in [
        (
            CallOptions::new().call_timeout(Duration::ZERO),
            "call timeout",
        ),
        (
            CallOptions::new().attempt_timeout(Duration::ZERO),
            "attempt timeout",
        ),
    ] {
        let error = client
            .call_with::<FakeClone>(good_request(), options)
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::Config(ConfigError::InvalidTimeout(n)) if *n == name),
            "{error:?}"
        );
        assert!(error.is_local());
    }
    assert_eq!(server.received(), 0);
}

/// A listener whose accept queue is full, so that connecting to it hangs
/// (Linux drops the SYN). `None` where the platform refuses instead.
#[cfg(target_os = "linux")]
fn unresponsive_listener() -> Option<(tokio::net::TcpListener, Vec<std::net::TcpStream>, String)> {
    let socket = tokio::net::TcpSocket::new_v4().ok()?;
    socket.bind("127.0.0.1:0".parse().unwrap()).ok()?;
    let listener = socket.listen(0).ok()?;
    let addr = listener.local_addr().ok()?;
    let mut fillers = Vec::new();
    for _ in 0..8 {
        match std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            Ok(stream) => fillers.push(stream),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                return Some((listener, fillers, format!("http://{addr}")))
            }
            Err(_) => return None,
        }
    }
    None
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn connect_timeout_is_retried_because_nothing_was_sent() {
    // On Linux a listener whose accept queue is full drops new SYNs, so the
    // connect hangs until the client's connect timeout.
    let (_listener, _fillers, url) =
        unresponsive_listener().expect("a full accept queue makes connects hang on Linux");
    let (log, observer) = retry_log();
    let client = builder(&url)
        .connect_timeout(Duration::from_millis(300))
        .on_retry(observer)
        .build()
        .unwrap();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert_timeout(&error, TimeoutKind::Connect, false);
    assert!(error.is_retryable());
    assert!(!error.is_ambiguous());
    assert!(error.to_string().contains("request not sent"), "{error}");
    let log = log.lock().unwrap().clone();
    assert_eq!(log.len(), 2, "3 attempts = 2 retries");
    assert!(log.iter().all(|e| e.reason == RetryReason::NotSent));
}

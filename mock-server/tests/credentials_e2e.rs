//! The fetching credential sources against a fake metadata service and a
//! fake STS endpoint (both on 127.0.0.1 port 0), and calls signed with
//! their temporary credentials verified by the mock server.
//!
//! Temporary credentials with `life` left when fetched are refreshed from
//! `fetched + max(life - 5 min, min(60 s, life / 2))` on: 60 s after the
//! fetch for the first keys here (2 minutes), 5 minutes before expiry for
//! the hour-long ones. Time moves by jumps of tokio's clock (see [`jump`]).

mod common;

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::fake::Fake;
use serde_json::{json, Value};
use tencentcloud_mock::{MockServer, Verdict};
use tencentcloud_sdk::client::Client;
use tencentcloud_sdk::credentials::{
    AssumeRoleProvider, Credentials, CredentialsChain, CredentialsError, CvmRoleProvider, Env,
    ProvideCredentials, WebIdentityProvider,
};
use tencentcloud_sdk::postgres::v20170312 as pg;

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

const ROLE_LIST: &str = "/latest/meta-data/cam/security-credentials/";
const ROLE_DOC: &str = "/latest/meta-data/cam/security-credentials/sdk-role";

/// Temporary keys number `n`: the first expire in 2 minutes (inside the
/// 5-minute margin, so due for a refresh 60 s after their fetch), later ones
/// in an hour (due 5 minutes before expiry).
fn keys(n: usize) -> (String, String, String, u64) {
    let life = if n == 1 { 120 } else { 3600 };
    (
        format!("AKIDtemporaryKEY{n:04}"),
        format!("temporarySecretKey{n:04}"),
        format!("temporarySessionToken{n:04}"),
        unix_now() + life,
    )
}

/// The first keys are due for a refresh (60 s after their fetch) but still
/// valid (until 119 s or 120 s after it) this long after their fetch.
const PAST_FIRST_REFRESH: Duration = Duration::from_secs(61);

/// Moves tokio's clock (on which the credentials' refresh point and expiry
/// are kept) `by` ahead at once; requests themselves run in real time.
async fn jump(by: Duration) {
    tokio::time::pause();
    tokio::time::advance(by).await;
    tokio::time::resume();
}

/// The secret id a call through the mock was signed with.
fn signed_with(request: &tencentcloud_mock::Recorded) -> &str {
    let auth = &request.headers["authorization"];
    let start = auth.find("Credential=").expect("a TC3 authorization") + "Credential=".len();
    let end = auth[start..].find('/').expect("a credential scope") + start;
    &auth[start..end]
}

async fn metadata() -> Fake {
    Fake::start(|req, n| match req.path.as_str() {
        ROLE_LIST => (200, "sdk-role".to_owned()),
        ROLE_DOC => {
            let (id, key, token, expired) = keys(n);
            (
                200,
                json!({
                    "TmpSecretId": id, "TmpSecretKey": key, "Token": token,
                    "ExpiredTime": expired, "Expiration": "2030-01-01T00:00:00Z", "Code": "Success"
                })
                .to_string(),
            )
        }
        _ => (404, "not found".to_owned()),
    })
    .await
}

async fn mock_accepting_temporary_keys(count: usize) -> MockServer {
    let mock = MockServer::start("AKIDunusedEXAMPLE", "unused")
        .await
        .expect("mock");
    // Idle keep-alive connections outlive the jumps of the clock (the mock
    // closes them after its header timeout, on the same clock).
    mock.set_header_timeout(Duration::from_secs(24 * 3600));
    for n in 1..=count {
        let (id, key, _, _) = keys(n);
        mock.add_credentials(&id, &key);
    }
    mock
}

/// A client on the mock, with credentials from `provider`.
fn client_with(mock: &MockServer, provider: impl ProvideCredentials + 'static) -> Client {
    Client::builder()
        .region("ap-guangzhou")
        .credentials_provider(provider)
        .endpoint_url(mock.endpoint())
        .build()
        .expect("client")
}

/// `DescribeRegions` once through `client`.
async fn describe_regions(client: &Client) -> Result<(), String> {
    client
        .postgres()
        .describe_regions(pg::DescribeRegionsRequest::default())
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[tokio::test]
async fn instance_role_credentials_sign_calls_and_rotate() {
    let meta = metadata().await;
    let mock = mock_accepting_temporary_keys(3).await;
    let provider = CvmRoleProvider::builder().endpoint(meta.url()).build();
    let client = client_with(&mock, provider.clone());
    let call = || async {
        describe_regions(&client)
            .await
            .expect("the mock accepts the temporary keys");
    };
    // The first keys (2 minutes) sign the next call too: not fetched again
    // before their refresh point, 60 s after the fetch.
    call().await;
    call().await;
    assert_eq!(meta.hits(ROLE_DOC), 1);
    // Past it (still valid): rotated to the second keys (an hour).
    jump(PAST_FIRST_REFRESH).await;
    call().await;
    assert_eq!(meta.hits(ROLE_DOC), 2);
    // The hour-long keys serve until 5 minutes before they expire...
    jump(Duration::from_secs(3200)).await;
    call().await;
    assert_eq!(meta.hits(ROLE_DOC), 2);
    // ...and are rotated from then on.
    jump(Duration::from_secs(101)).await;
    call().await;
    assert_eq!(meta.hits(ROLE_DOC), 3);
    let seen = mock.requests();
    assert_eq!(seen.len(), 5);
    for (request, n) in seen.iter().zip([1, 1, 2, 2, 3]) {
        let (id, _, token, _) = keys(n);
        assert_eq!(request.verdict, Verdict::Accepted);
        assert_eq!(request.headers.get("x-tc-token"), Some(&token));
        assert_eq!(signed_with(request), id);
    }
    assert_eq!(meta.hits(ROLE_LIST), 1, "the role is discovered once");
    // Debug shows the provider's state without a key or token.
    let debug = format!("{provider:?}");
    assert!(debug.contains("AKID***0003"), "{debug}");
    for n in 1..=3 {
        let (_, key, token, _) = keys(n);
        assert!(!debug.contains(&key) && !debug.contains(&token), "{debug}");
    }
}

#[tokio::test]
async fn hundred_concurrent_calls_across_expiry_refresh_once() {
    let meta = metadata().await;
    let mock = mock_accepting_temporary_keys(3).await;
    let client = client_with(
        &mock,
        CvmRoleProvider::builder().endpoint(meta.url()).build(),
    );
    let hundred_calls = || async {
        let mut calls = tokio::task::JoinSet::new();
        for _ in 0..100 {
            let client = client.clone();
            calls.spawn(async move { describe_regions(&client).await });
        }
        while let Some(done) = calls.join_next().await {
            done.expect("task").expect("call");
        }
    };
    describe_regions(&client).await.expect("first call");
    let ids = |n| keys(n).0;

    // Due for a refresh, still valid: one caller refreshes, the others are
    // served the cached first keys meanwhile.
    jump(PAST_FIRST_REFRESH).await;
    hundred_calls().await;
    assert_eq!(
        meta.hits(ROLE_DOC),
        2,
        "one fetch, then exactly one refresh"
    );
    let seen = mock.requests();
    assert_eq!(seen.len(), 101);
    assert!(seen.iter().all(|r| r.verdict == Verdict::Accepted));
    assert_eq!(signed_with(&seen[0]), ids(1));
    let (old, new) = (ids(1), ids(2));
    let window: Vec<&str> = seen[1..].iter().map(signed_with).collect();
    assert!(
        window.iter().all(|id| *id == old || *id == new),
        "{window:?}"
    );
    assert!(
        window.contains(&new.as_str()),
        "the refresher's call: {window:?}"
    );
    // Then the second keys are cached.
    describe_regions(&client).await.expect("after the refresh");
    assert_eq!(signed_with(mock.requests().last().unwrap()), new);
    assert_eq!(meta.hits(ROLE_DOC), 2);

    // Past the second keys' expiry: nothing valid is left, so every caller
    // awaits the one fetch and none signs with the expired keys.
    mock.clear_requests();
    jump(Duration::from_secs(3700)).await;
    hundred_calls().await;
    assert_eq!(meta.hits(ROLE_DOC), 3, "exactly one fetch across expiry");
    let seen = mock.requests();
    assert_eq!(seen.len(), 100);
    let newest = ids(3);
    assert!(seen
        .iter()
        .all(|r| r.verdict == Verdict::Accepted && signed_with(r) == newest));
}

#[tokio::test]
async fn an_unreachable_metadata_service_falls_through_the_chain_quickly() {
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let home = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-credentials-home");
    let env = Env::from_pairs([
        ("TENCENTCLOUD_METADATA_ENDPOINT", format!("http://{closed}")),
        ("HOME", home.display().to_string()),
    ]);
    let started = Instant::now();
    let err = CredentialsChain::default_chain_with_env(env)
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    let CredentialsError::NoneFound { tried } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(tried.len(), 4, "{tried:?}");
    for (entry, source) in tried.iter().zip([
        "environment",
        "profile file",
        "instance role",
        "OIDC web identity",
    ]) {
        assert!(entry.starts_with(source), "{entry}");
    }
    assert!(tried[2].contains(&closed.to_string()), "{}", tried[2]);
}

#[tokio::test]
async fn malformed_metadata_answers_are_errors_naming_the_source_not_the_secret() {
    let meta = Fake::start(|req, _| match req.path.as_str() {
        ROLE_LIST => (200, "sdk-role".to_owned()),
        _ => (
            200,
            r#"{"TmpSecretId":"AKIDleakCHECK","TmpSecretKey":12345,"Token":"tokenLEAKcheck","ExpiredTime":1}"#
                .to_owned(),
        ),
    })
    .await;
    let provider = CvmRoleProvider::builder().endpoint(meta.url()).build();
    let err = provider.provide_credentials().await.unwrap_err();
    assert!(matches!(err, CredentialsError::Fetch { .. }), "{err:?}");
    let text = format!("{err} {err:?}");
    assert!(
        text.contains("instance role") && text.contains(&meta.url()),
        "{text}"
    );
    assert!(
        !text.contains("tokenLEAKcheck") && !text.contains("12345"),
        "{text}"
    );

    let broken_list = Fake::start(|_, _| (500, "oops".to_owned())).await;
    let err = CvmRoleProvider::builder()
        .endpoint(broken_list.url())
        .build()
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("HTTP 500"), "{err}");

    let no_role = Fake::start(|_, _| (404, String::new())).await;
    let err = CvmRoleProvider::builder()
        .endpoint(no_role.url())
        .build()
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(matches!(err, CredentialsError::NotFound { .. }), "{err:?}");
}

fn sts_answer(n: usize) -> String {
    let (id, key, token, expired) = keys(n);
    json!({"Response": {
        "Credentials": {"TmpSecretId": id, "TmpSecretKey": key, "Token": token},
        "ExpiredTime": expired, "Expiration": "2030-01-01T00:00:00Z", "RequestId": "r"
    }})
    .to_string()
}

#[tokio::test]
async fn assume_role_signs_with_the_base_credentials() {
    let sts = Fake::start(|_, n| (200, sts_answer(n))).await;
    let provider = AssumeRoleProvider::builder("qcs::cam::uin/100000000001:roleName/sdk", "ci")
        .base_credentials(Credentials::new(common::ID, common::KEY))
        .policy(r#"{"version":"2.0"}"#)
        .duration(Duration::from_secs(900))
        .endpoint(sts.url())
        .build();
    let creds = provider.provide_credentials().await.expect("assumed");
    assert_eq!(creds.secret_id(), keys(1).0);
    assert_eq!(creds.token(), Some(keys(1).2.as_str()));
    // The assumed keys (2 minutes) are reused until their refresh point...
    assert_eq!(
        provider.provide_credentials().await.unwrap().secret_id(),
        keys(1).0
    );
    assert_eq!(sts.requests().len(), 1);
    // ...past which the role is assumed again, with the base credentials.
    jump(PAST_FIRST_REFRESH).await;
    assert_eq!(
        provider.provide_credentials().await.unwrap().secret_id(),
        keys(2).0
    );
    let seen = sts.requests();
    assert_eq!(seen.len(), 2);
    for request in &seen {
        assert_eq!(request.headers["x-tc-action"], "AssumeRole");
        assert_eq!(request.headers["x-tc-version"], "2018-08-13");
        assert!(!request.headers.contains_key("x-tc-token"));
        let body: Value = serde_json::from_str(&request.body).unwrap();
        assert_eq!(
            body,
            json!({"RoleArn": "qcs::cam::uin/100000000001:roleName/sdk", "RoleSessionName": "ci",
                   "DurationSeconds": 900, "Policy": "{\"version\":\"2.0\"}"})
        );
        // The signature, recomputed by an independent signer with the base
        // credentials (never the assumed ones), matches.
        let ts: u64 = request.headers["x-tc-timestamp"].parse().unwrap();
        let expected = common::tc3(
            common::ID,
            common::KEY,
            "sts",
            &request.headers["host"],
            &request.headers["content-type"],
            &request.body,
            ts,
        );
        assert_eq!(request.headers["authorization"], expected);
    }

    let refusing = Fake::start(|_, _| {
        (
            200,
            json!({"Response": {"Error": {"Code": "InvalidParameter.RoleNotExist", "Message": "no such role"}, "RequestId": "r"}})
                .to_string(),
        )
    })
    .await;
    let err = AssumeRoleProvider::builder("qcs::cam::uin/1:roleName/none", "ci")
        .base_credentials(Credentials::new(common::ID, common::KEY))
        .endpoint(refusing.url())
        .build()
        .provide_credentials()
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("AssumeRole") && text.contains("InvalidParameter.RoleNotExist"),
        "{text}"
    );
    assert!(!text.contains(common::KEY), "{text}");

    let garbled = Fake::start(|_, _| (200, "<html>".to_owned())).await;
    let err = AssumeRoleProvider::builder("qcs::cam::uin/1:roleName/x", "ci")
        .base_credentials(Credentials::new(common::ID, common::KEY))
        .endpoint(garbled.url())
        .build()
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(
        matches!(err, CredentialsError::Fetch { .. })
            && err.to_string().contains("not an API envelope"),
        "{err}"
    );
}

#[tokio::test]
async fn web_identity_rereads_the_rotating_token_and_calls_sts_unsigned() {
    let sts = Fake::start(|_, n| (200, sts_answer(n))).await;
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("oidc-token");
    std::fs::create_dir_all(&dir).unwrap();
    let token_file = dir.join("token");
    std::fs::write(&token_file, "web-identity-token-one\n").unwrap();
    let env = Env::from_pairs([
        ("TKE_REGION", "ap-shanghai".to_owned()),
        ("TKE_PROVIDER_ID", "oidc-provider".to_owned()),
        (
            "TKE_WEB_IDENTITY_TOKEN_FILE",
            token_file.display().to_string(),
        ),
        ("TKE_ROLE_ARN", "qcs::cam::uin/1:roleName/pod".to_owned()),
        ("TENCENTCLOUD_STS_ENDPOINT", sts.url()),
    ]);
    let provider = WebIdentityProvider::builder()
        .env(env)
        .session_name("pod-session")
        .build();
    assert_eq!(
        provider.provide_credentials().await.unwrap().secret_id(),
        keys(1).0
    );
    std::fs::write(&token_file, "web-identity-token-two\n").unwrap();
    // The first credentials (2 minutes) serve until their refresh point...
    assert_eq!(
        provider.provide_credentials().await.unwrap().secret_id(),
        keys(1).0
    );
    assert_eq!(sts.requests().len(), 1);
    // ...past which the refresh reads the rotated token.
    jump(PAST_FIRST_REFRESH).await;
    assert_eq!(
        provider.provide_credentials().await.unwrap().secret_id(),
        keys(2).0
    );
    let seen = sts.requests();
    assert_eq!(seen.len(), 2);
    for (request, token) in seen
        .iter()
        .zip(["web-identity-token-one", "web-identity-token-two"])
    {
        assert_eq!(request.headers["authorization"], "SKIP");
        assert!(!request.headers.contains_key("x-tc-token"));
        assert_eq!(request.headers["x-tc-action"], "AssumeRoleWithWebIdentity");
        assert_eq!(request.headers["x-tc-region"], "ap-shanghai");
        let body: Value = serde_json::from_str(&request.body).unwrap();
        assert_eq!(body["WebIdentityToken"], token);
        assert_eq!(body["ProviderId"], "oidc-provider");
        assert_eq!(body["RoleSessionName"], "pod-session");
    }

    // Half-configured: an error naming what is missing.
    let half = WebIdentityProvider::builder()
        .env(Env::from_pairs([("TKE_REGION", "ap-shanghai")]))
        .build();
    let err = half.provide_credentials().await.unwrap_err();
    assert!(matches!(err, CredentialsError::Invalid { .. }), "{err:?}");
    assert!(err.to_string().contains("TKE_ROLE_ARN"), "{err}");
}

#[tokio::test]
async fn a_count_of_fetches_proves_cached_credentials_are_reused() {
    let meta = metadata().await;
    let provider = CvmRoleProvider::builder().endpoint(meta.url()).build();
    // How many of ten asks are answered from the cache, without a future.
    let ten_asks = || async {
        let mut ready = 0;
        for _ in 0..10 {
            let answer = provider.provide_credentials();
            if answer.is_ready() {
                ready += 1;
            }
            answer.await.unwrap();
        }
        ready
    };
    assert!(!provider.provide_credentials().is_ready(), "nothing cached");
    provider.provide_credentials().await.unwrap();
    assert_eq!(meta.hits(ROLE_DOC), 1);
    // Even the short-lived first keys are reused before their refresh point.
    assert_eq!(ten_asks().await, 10);
    assert_eq!(meta.hits(ROLE_DOC), 1);
    // Past it: the first ask refreshes (a future), the others are cached.
    jump(PAST_FIRST_REFRESH).await;
    assert_eq!(ten_asks().await, 9);
    assert_eq!(meta.hits(ROLE_DOC), 2);
    // The hour-long second keys are reused until 5 minutes before expiry.
    jump(Duration::from_secs(3200)).await;
    assert_eq!(ten_asks().await, 10);
    assert_eq!(meta.hits(ROLE_DOC), 2);
}

#[tokio::test(flavor = "current_thread")]
async fn nothing_secret_reaches_the_logs_at_trace_level() {
    let capture = common::capture::Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    // The refresh of the first keys fails with an answer that echoes them.
    let meta = Fake::start(|req, n| match (req.path.as_str(), n) {
        (ROLE_LIST, _) => (200, "sdk-role".to_owned()),
        (_, 1) => {
            let (id, key, token, expired) = keys(1);
            (200, json!({"TmpSecretId": id, "TmpSecretKey": key, "Token": token, "ExpiredTime": expired}).to_string())
        }
        _ => {
            let (_, key, token, _) = keys(1);
            (500, format!("failed for {key} {token}"))
        }
    })
    .await;
    let mock = mock_accepting_temporary_keys(1).await;
    let client = client_with(
        &mock,
        CvmRoleProvider::builder().endpoint(meta.url()).build(),
    );
    let (id, key, token, _) = keys(1);
    for _ in 0..2 {
        describe_regions(&client).await.expect("the first keys");
    }
    assert_eq!(meta.hits(ROLE_DOC), 1, "no refresh before its time");
    // Due: the refresh fails, and the still-valid first keys sign the call.
    jump(PAST_FIRST_REFRESH).await;
    describe_regions(&client)
        .await
        .expect("the first keys are still valid");
    assert_eq!(meta.hits(ROLE_DOC), 2);
    let seen = mock.requests();
    assert_eq!(seen.len(), 3);
    assert!(seen
        .iter()
        .all(|r| r.verdict == Verdict::Accepted && signed_with(r) == id));
    // Expired, and the fetch fails again: the call is refused locally.
    jump(Duration::from_secs(60)).await;
    let err = describe_regions(&client)
        .await
        .expect_err("expired keys are refused");
    assert_eq!(meta.hits(ROLE_DOC), 3);
    assert_eq!(mock.requests().len(), 3, "nothing signed with expired keys");
    assert!(err.contains("the credentials expired"), "{err}");
    assert!(!err.contains(&key) && !err.contains(&token), "{err}");
    let text = capture.text.lock().unwrap().clone();
    assert_eq!(
        text.matches("credentials refresh failed").count(),
        2,
        "{text}"
    );
    assert!(!text.contains(&key) && !text.contains(&token), "{text}");
}

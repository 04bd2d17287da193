//! The fetching credential sources against a fake metadata service and a
//! fake STS endpoint (both on 127.0.0.1 port 0), and calls signed with
//! their temporary credentials verified by the mock server.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
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
/// 5-minute refresh margin), later ones in an hour.
fn keys(n: usize) -> (String, String, String, u64) {
    let life = if n == 1 { 120 } else { 3600 };
    (
        format!("AKIDtemporaryKEY{n:04}"),
        format!("temporarySecretKey{n:04}"),
        format!("temporarySessionToken{n:04}"),
        unix_now() + life,
    )
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
    // The first keys are inside the refresh margin: the second call refreshes.
    for _ in 0..2 {
        describe_regions(&client)
            .await
            .expect("the mock accepts the temporary keys");
    }
    let seen = mock.requests();
    assert_eq!(seen.len(), 2);
    for (request, n) in seen.iter().zip(1..) {
        let (id, _, token, _) = keys(n);
        assert_eq!(request.verdict, Verdict::Accepted);
        assert_eq!(request.headers.get("x-tc-token"), Some(&token));
        assert!(request.headers["authorization"].contains(&format!("Credential={id}/")));
    }
    assert_eq!(meta.hits(ROLE_DOC), 2);
    // Debug shows the provider's state without a key or token.
    let debug = format!("{provider:?}");
    assert!(debug.contains("AKID***0002"), "{debug}");
    for n in 1..=2 {
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
    describe_regions(&client).await.expect("first call");
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let client = client.clone();
        calls.spawn(async move { describe_regions(&client).await });
    }
    while let Some(done) = calls.join_next().await {
        done.expect("task").expect("call");
    }
    assert_eq!(
        meta.hits(ROLE_DOC),
        2,
        "one fetch, then exactly one refresh"
    );
    let (id, _, _, _) = keys(2);
    let seen = mock.requests();
    assert!(seen[1..]
        .iter()
        .all(|r| r.headers["authorization"].contains(&format!("Credential={id}/"))));
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
    let request = &sts.requests()[0];
    assert_eq!(request.headers["x-tc-action"], "AssumeRole");
    assert_eq!(request.headers["x-tc-version"], "2018-08-13");
    let body: Value = serde_json::from_str(&request.body).unwrap();
    assert_eq!(
        body,
        json!({"RoleArn": "qcs::cam::uin/100000000001:roleName/sdk", "RoleSessionName": "ci",
               "DurationSeconds": 900, "Policy": "{\"version\":\"2.0\"}"})
    );
    // The signature, recomputed by an independent signer, matches.
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
    // Inside the refresh margin: the next ask assumes the role again.
    assert_eq!(
        provider.provide_credentials().await.unwrap().secret_id(),
        keys(2).0
    );

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
    // The first credentials are inside the refresh margin: this refreshes.
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
    // The second keys last an hour: after one refresh, answers come from
    // the cache without a future.
    provider.provide_credentials().await.unwrap();
    provider.provide_credentials().await.unwrap();
    let counter = AtomicUsize::new(0);
    for _ in 0..10 {
        let answer = provider.provide_credentials();
        if answer.is_ready() {
            counter.fetch_add(1, Ordering::SeqCst);
        }
        answer.await.unwrap();
    }
    assert_eq!(counter.load(Ordering::SeqCst), 10);
    assert_eq!(meta.hits(ROLE_DOC), 2);
}

#[tokio::test(flavor = "current_thread")]
async fn nothing_secret_reaches_the_logs_at_trace_level() {
    let capture = common::capture::Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    // The first keys need a refresh at once; the refresh fails with an
    // answer that echoes them.
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
    for _ in 0..2 {
        describe_regions(&client)
            .await
            .expect("the first keys are still valid");
    }
    let text = capture.text.lock().unwrap().clone();
    assert!(text.contains("credentials refresh failed"), "{text}");
    let (_, key, token, _) = keys(1);
    assert!(!text.contains(&key) && !text.contains(&token), "{text}");
}

//! Credential sources against hostile or careless answers (local servers on
//! 127.0.0.1, port 0): extreme expiry times, empty tokens, and credentials
//! that expired before they were used.
#![cfg(feature = "client")]

mod common;

use common::*;
use tencentcloud_sdk_core::credentials::{
    AssumeRoleProvider, Credentials, CredentialsError, CvmRoleProvider, Provide,
    ProvideCredentials, WebIdentityProvider,
};

const TMP_ID: &str = "AKIDtemporaryHOSTILE01";
const TMP_KEY: &str = "temporaryKEYhostile01";
const TMP_TOKEN: &str = "temporaryTOKENhostile01";

fn metadata_document(token: &str, expired_time: u64) -> String {
    format!(
        r#"{{"TmpSecretId":"{TMP_ID}","TmpSecretKey":"{TMP_KEY}","Token":"{token}","ExpiredTime":{expired_time},"Code":"Success"}}"#
    )
}

fn sts_answer(token: &str, expired_time: u64) -> String {
    format!(
        r#"{{"Response":{{"Credentials":{{"TmpSecretId":"{TMP_ID}","TmpSecretKey":"{TMP_KEY}","Token":"{token}"}},"ExpiredTime":{expired_time},"RequestId":"r"}}}}"#
    )
}

/// A metadata service: the role list, then the role's document (repeated).
async fn metadata(document: String) -> Server {
    Server::start(vec![
        Reply::Status(200, "text/plain", "sdk-role".to_owned()),
        Reply::Json(document),
    ])
    .await
}

fn assume_role(url: &str) -> AssumeRoleProvider {
    AssumeRoleProvider::builder("qcs::cam::uin/100000000001:roleName/sdk", "ci")
        .base_credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .endpoint(url)
        .env(Env::from_pairs::<&str, &str>([]))
        .build()
}

fn assert_no_temporary_secrets(text: &str) {
    assert_no_secrets(text);
    for secret in [TMP_KEY, TMP_TOKEN] {
        assert!(!text.contains(secret), "secret leaked into: {text}");
    }
}

#[tokio::test]
async fn an_expired_time_of_u64_max_is_cached_far_ahead_not_a_panic() {
    let thirty_one_years = Duration::from_secs(31 * 365 * 24 * 3600);
    let providers: Vec<(Server, Box<dyn ProvideCredentials>, usize)> = vec![
        {
            let server = metadata(metadata_document(TMP_TOKEN, u64::MAX)).await;
            let provider = CvmRoleProvider::builder().endpoint(&server.url).build();
            (server, Box::new(provider), 2)
        },
        {
            let server = Server::start(vec![Reply::Json(sts_answer(TMP_TOKEN, u64::MAX))]).await;
            let provider = assume_role(&server.url);
            (server, Box::new(provider), 1)
        },
    ];
    for (server, provider, requests) in providers {
        for _ in 0..5 {
            let creds = provider.provide_credentials().await.unwrap();
            assert_eq!(creds.secret_id(), TMP_ID);
            let expiry = creds.expires_at().unwrap();
            assert!(expiry < SystemTime::now() + thirty_one_years);
            assert!(expiry > SystemTime::now() + thirty_one_years / 2);
        }
        assert_eq!(server.received(), requests, "cached after one fetch");
    }
}

#[tokio::test]
async fn an_empty_token_is_refused_with_the_source_named() {
    let far = u64::MAX / 2;
    let meta = metadata(metadata_document("", far)).await;
    let sts = Server::start(vec![Reply::Json(sts_answer("", far))]).await;
    let dir = std::env::temp_dir().join(format!("tc-sdk-empty-token-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let token_file = dir.join("token");
    std::fs::write(&token_file, "web-identity-token").unwrap();
    let oidc_env = Env::from_pairs([
        ("TKE_REGION", "ap-shanghai".to_owned()),
        ("TKE_PROVIDER_ID", "oidc-provider".to_owned()),
        (
            "TKE_WEB_IDENTITY_TOKEN_FILE",
            token_file.display().to_string(),
        ),
        ("TKE_ROLE_ARN", "qcs::cam::uin/1:roleName/pod".to_owned()),
        ("TENCENTCLOUD_STS_ENDPOINT", sts.url.clone()),
    ]);
    let cases: Vec<(Box<dyn ProvideCredentials>, &str)> = vec![
        (
            Box::new(CvmRoleProvider::builder().endpoint(&meta.url).build()),
            "instance role",
        ),
        (Box::new(assume_role(&sts.url)), "AssumeRole"),
        (
            Box::new(WebIdentityProvider::builder().env(oidc_env).build()),
            "OIDC web identity",
        ),
    ];
    for (provider, source) in cases {
        let err = provider.provide_credentials().await.unwrap_err();
        assert!(matches!(err, CredentialsError::Fetch { .. }), "{err:?}");
        let text = err.to_string();
        assert!(text.starts_with(source), "{text}");
        assert!(text.contains("Token is empty"), "{text}");
        assert_no_temporary_secrets(&text);
        assert_no_temporary_secrets(&format!("{err:?} {provider:?}"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Hands out whatever it holds, unchecked.
#[derive(Debug)]
struct Careless(Credentials);

impl ProvideCredentials for Careless {
    fn provide_credentials(&self) -> Provide<'_> {
        Provide::ready(Ok(self.0.clone()))
    }
}

#[tokio::test]
async fn expired_credentials_are_refused_before_anything_is_sent() {
    let past = SystemTime::now() - Duration::from_secs(1);
    let expired = Credentials::new(SECRET_ID, SECRET_KEY)
        .with_token(TOKEN)
        .with_expiry(past);

    // The static source refuses them.
    let err = expired.provide_credentials().now().unwrap_err();
    assert!(matches!(err, CredentialsError::Invalid { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("static credentials") && text.contains("expired"),
        "{text}"
    );
    assert_no_secrets(&format!("{text} {err:?}"));

    // So does a client, whatever source they come from.
    let server = Server::start(vec![Reply::Json(ok_body(1, "never"))]).await;
    let clients = [
        builder(&server.url).credentials(expired.clone()).build(),
        builder(&server.url)
            .credentials_provider(Careless(expired.clone()))
            .build(),
    ];
    for client in clients {
        let client = client.unwrap();
        let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
        assert!(matches!(error, Error::Credentials(_)), "{error:?}");
        assert!(error.is_local(), "{error:?}");
        let text = error.to_string();
        assert!(
            text.contains("request not sent") && text.contains("expired"),
            "{text}"
        );
        assert_no_secrets(&format!("{text} {error:?}"));
        let prepared = client.prepare::<FakeClone>(&good_request());
        assert!(matches!(prepared, Err(Error::Credentials(_))));
    }
    assert_eq!(server.received(), 0, "nothing may be sent");

    // Credentials that have not expired yet are sent.
    let valid = expired.with_expiry(SystemTime::now() + Duration::from_secs(3600));
    let client = builder(&server.url).credentials(valid).build().unwrap();
    client.call::<FakeClone>(good_request()).await.unwrap();
    assert_eq!(server.received(), 1);
}

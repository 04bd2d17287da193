//! What the client refuses before sending: invalid requests, missing or
//! unlisted regions, missing credentials, unusable settings; and the
//! endpoints it picks.
#![cfg(feature = "client")]

mod common;

use common::*;

// ---------------------------------------------------------------------------
// Local checks.

#[tokio::test]
async fn validation_failure_is_refused_locally_unless_switched_off() {
    let server = Server::start(vec![Reply::Json(ok_body(5, "req-unvalidated"))]).await;
    let client = client(&server.url);
    let bad = || FakeRequest {
        instance_id: None,
        count: 0,
    };
    let error = client.call::<FakeClone>(bad()).await.unwrap_err();
    match &error {
        Error::Validation(errors) => assert_eq!(errors.len(), 2),
        other => panic!("{other:?}"),
    }
    assert!(error.is_local());
    let shown = error.to_string();
    assert!(
        shown.contains("InstanceId") && shown.contains("Count"),
        "{shown}"
    );
    assert_eq!(server.received(), 0, "nothing may be sent");

    // Per call.
    let response = client
        .call_with::<FakeClone>(bad(), CallOptions::new().validate(false))
        .await
        .unwrap();
    assert_eq!(response.job_id, 5);
    assert_eq!(server.received(), 1);
    assert_eq!(server.recorded()[0].body, br#"{"Count":0}"#);

    // Per client, and a call can switch it back on.
    let lax = builder(&server.url)
        .validate_requests(false)
        .build()
        .unwrap();
    lax.call::<FakeClone>(bad()).await.unwrap();
    assert_eq!(server.received(), 2);
    let error = lax
        .call_with::<FakeClone>(bad(), CallOptions::new().validate(true))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Validation(_)));
    assert_eq!(server.received(), 2);
}

#[tokio::test]
async fn regional_action_without_region_is_refused_locally() {
    let server = Server::start(vec![Reply::Json(ok_body(1, "r"))]).await;
    let client = Client::builder()
        .credentials(tencentcloud_sdk_core::credentials::Credentials::new(
            SECRET_ID, SECRET_KEY,
        ))
        .endpoint_url(&server.url)
        .use_system_proxy(false)
        .build()
        .unwrap();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Config(ConfigError::MissingRegion {
                action: "CloneDBInstance"
            })
        ),
        "{error:?}"
    );
    assert!(error.is_local());
    assert!(error.to_string().contains("CloneDBInstance"), "{error}");
    // Switching validation off does not help: the server would refuse it.
    let error = client
        .call_with::<FakeClone>(good_request(), CallOptions::new().validate(false))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Config(ConfigError::MissingRegion { .. })),
        "{error:?}"
    );
    assert_eq!(server.received(), 0);
    // Actions whose page does not require Region go without X-TC-Region,
    // whether or not they list regions.
    client.call::<FakeSlow>(good_request()).await.unwrap();
    client.call::<FakePaced>(good_request()).await.unwrap();
    assert_eq!(server.received(), 2);
    assert!(server
        .recorded()
        .iter()
        .all(|r| r.header("x-tc-region").is_none()));
}

#[tokio::test]
async fn unlisted_region_is_refused_locally_unless_validation_is_off() {
    let server = Server::start(vec![Reply::Json(ok_body(1, "r"))]).await;
    let elsewhere = || builder(&server.url).region("eu-frankfurt");
    let client = elsewhere().build().unwrap();
    for error in [
        client.call::<FakeClone>(good_request()).await.unwrap_err(),
        client.call::<FakePaced>(good_request()).await.unwrap_err(),
    ] {
        match &error {
            Error::Config(ConfigError::UnsupportedRegion { region, .. }) => {
                assert_eq!(region, "eu-frankfurt")
            }
            other => panic!("{other:?}"),
        }
        assert!(error.is_local());
    }
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    let shown = error.to_string();
    assert!(
        shown.contains("CloneDBInstance") && shown.contains("eu-frankfurt"),
        "{shown}"
    );
    assert!(client.prepare::<FakeClone>(&good_request()).is_err());
    assert_eq!(server.received(), 0, "nothing may be sent");

    // An action listing no regions takes any region.
    client.call::<FakeSlow>(good_request()).await.unwrap();
    assert_eq!(server.received(), 1);

    // The list may lag behind the service: validation off sends anyway,
    // per call or per client.
    client
        .call_with::<FakeClone>(good_request(), CallOptions::new().validate(false))
        .await
        .unwrap();
    let lax = elsewhere().validate_requests(false).build().unwrap();
    lax.call::<FakeClone>(good_request()).await.unwrap();
    assert!(lax.prepare::<FakeClone>(&good_request()).is_ok());
    assert_eq!(server.received(), 3);
    assert!(server.recorded()[1..]
        .iter()
        .all(|r| r.header("x-tc-region") == Some("eu-frankfurt")));
    // ...and a call can switch it back on.
    let error = lax
        .call_with::<FakeClone>(good_request(), CallOptions::new().validate(true))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Config(ConfigError::UnsupportedRegion { .. })),
        "{error:?}"
    );
    assert_eq!(server.received(), 3);
}

#[tokio::test]
async fn missing_credentials_fail_before_sending_and_name_what_was_tried() {
    let server = Server::start(vec![Reply::Json(ok_body(1, "r"))]).await;
    // The chain also asks the instance metadata service: a closed local port.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let env = Env::from_pairs([
        ("HOME", "/nonexistent-home-for-test".to_owned()),
        ("TENCENTCLOUD_METADATA_ENDPOINT", format!("http://{closed}")),
    ]);
    let client = builder(&server.url)
        .credentials_provider(CredentialsChain::default_chain_with_env(env))
        .build()
        .unwrap();
    let error = client.call::<FakeClone>(good_request()).await.unwrap_err();
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    let shown = error.to_string();
    assert!(shown.contains("TENCENTCLOUD_SECRET_ID"), "{shown}");
    assert!(
        shown.contains("/nonexistent-home-for-test/.tencentcloud/credentials"),
        "{shown}"
    );
    assert_eq!(server.received(), 0);
}

#[test]
fn builder_rejects_unusable_settings() {
    let base = || Client::builder().use_system_proxy(false);
    assert!(matches!(
        base().region("AP GZ").build(),
        Err(ConfigError::InvalidRegion(_))
    ));
    assert!(matches!(
        base().endpoint(Endpoint::Regional).build(),
        Err(ConfigError::RegionalEndpointWithoutRegion)
    ));
    assert!(matches!(
        base().endpoint_url("127.0.0.1:9000").build(),
        Err(ConfigError::InvalidEndpoint { .. })
    ));
    assert!(matches!(
        base().endpoint_url("http://h/api").build(),
        Err(ConfigError::InvalidEndpoint { .. })
    ));
    assert!(matches!(
        base().call_timeout(Duration::ZERO).build(),
        Err(ConfigError::InvalidTimeout(_))
    ));
    assert!(matches!(
        base().max_response_bytes(0).build(),
        Err(ConfigError::InvalidLimit(_))
    ));
    let client = base()
        .region("ap-guangzhou")
        .endpoint(Endpoint::Regional)
        .build()
        .unwrap();
    assert_eq!(client.region(), Some("ap-guangzhou"));
    let prepared = Client::builder()
        .region("ap-guangzhou")
        .endpoint(Endpoint::International)
        .credentials(tencentcloud_sdk_core::credentials::Credentials::new(
            SECRET_ID, SECRET_KEY,
        ))
        .build()
        .unwrap()
        .prepare::<FakeClone>(&good_request())
        .unwrap();
    assert_eq!(prepared.url(), "https://fake-world.example.test/");
    assert_eq!(prepared.header("host"), Some("fake-world.example.test"));
}

#[test]
fn public_endpoints_are_the_actions_spec_hosts() {
    let prepare = |endpoint: Endpoint| {
        Client::builder()
            .region("ap-guangzhou")
            .endpoint(endpoint)
            .credentials(tencentcloud_sdk_core::credentials::Credentials::new(
                SECRET_ID, SECRET_KEY,
            ))
            .build()
            .unwrap()
            .prepare::<FakeClone>(&good_request())
            .unwrap()
    };
    for (endpoint, host) in [
        (Endpoint::Nearest, "fake-nearest.example.test"),
        (
            Endpoint::Regional,
            "fake.ap-guangzhou.regional.example.test",
        ),
        (Endpoint::International, "fake-world.example.test"),
    ] {
        let prepared = prepare(endpoint.clone());
        assert_eq!(prepared.url(), format!("https://{host}/"), "{endpoint:?}");
        assert_eq!(prepared.header("host"), Some(host), "{endpoint:?}");
        // The signature covers that host, under the action's service name.
        let timestamp: u64 = prepared.header("x-tc-timestamp").unwrap().parse().unwrap();
        let signed = SigningRequest {
            service: "postgres",
            host,
            content_type: signing::JSON_CONTENT_TYPE,
            payload: prepared.body(),
            timestamp,
        };
        assert_eq!(
            signing::verify_authorization(
                prepared.header("authorization").unwrap(),
                SECRET_ID,
                SECRET_KEY,
                &signed
            ),
            Ok(())
        );
    }
}

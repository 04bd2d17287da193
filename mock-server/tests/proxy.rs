//! Requests through a proxy set on the client builder, with credentials
//! that never show in Debug output or errors.

mod common;

use common::fake::Fake;
use serde_json::json;
use tencentcloud_sdk::client::{Client, ConfigError, Proxy};
use tencentcloud_sdk::credentials::Credentials;
use tencentcloud_sdk::postgres::v20170312 as pg;

const PASSWORD: &str = "proxyPASSWORDsecret";

fn answer() -> String {
    json!({"Response": {"TotalCount": 0, "RegionSet": [], "RequestId": "via-proxy"}}).to_string()
}

#[tokio::test]
async fn requests_go_through_the_proxy_with_its_credentials() {
    let proxy = Fake::start(|_, _| (200, answer())).await;
    // The endpoint is never contacted directly: nothing listens there.
    let endpoint = "http://api.example.invalid";
    let builder = Client::builder()
        .region("ap-guangzhou")
        .credentials(Credentials::new(common::ID, common::KEY))
        .endpoint_url(endpoint)
        .proxy(Proxy::all(proxy.url()).basic_auth("proxyuser", PASSWORD));
    let debug = format!("{builder:?}");
    assert!(
        debug.contains("proxyuser") && !debug.contains(PASSWORD),
        "{debug}"
    );
    let client = builder.build().expect("client");
    let response = client
        .postgres()
        .describe_regions(pg::DescribeRegionsRequest::default())
        .await
        .expect("answered by the proxy");
    assert_eq!(response.request_id, "via-proxy");
    let seen = &proxy.requests()[0];
    assert_eq!(seen.target, "http://api.example.invalid/");
    // "proxyuser:proxyPASSWORDsecret" in Base64.
    assert_eq!(
        seen.headers["proxy-authorization"],
        "Basic cHJveHl1c2VyOnByb3h5UEFTU1dPUkRzZWNyZXQ="
    );
    assert!(!format!("{client:?}").contains(PASSWORD));
}

#[tokio::test]
async fn a_proxy_that_refuses_is_an_error_without_its_password() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let client = Client::builder()
        .region("ap-guangzhou")
        .credentials(Credentials::new(common::ID, common::KEY))
        .endpoint_url("http://api.example.invalid")
        .proxy(Proxy::all(format!("http://{closed}")).basic_auth("proxyuser", PASSWORD))
        .build()
        .expect("client");
    let err = client
        .postgres()
        .describe_regions(pg::DescribeRegionsRequest::default())
        .await
        .unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains(PASSWORD), "{text}");
}

#[test]
fn credentials_in_the_proxy_url_are_refused_without_echoing_them() {
    let err = Client::builder()
        .proxy(Proxy::all(format!("http://user:{PASSWORD}@127.0.0.1:3128")))
        .build()
        .unwrap_err();
    assert!(matches!(err, ConfigError::InvalidProxy(_)), "{err:?}");
    assert!(!err.to_string().contains(PASSWORD), "{err}");
}

#[tokio::test]
async fn no_proxy_hosts_are_reached_directly() {
    let proxy = Fake::start(|_, _| (500, "the proxy must not be used".to_owned())).await;
    let direct = Fake::start(|_, _| (200, answer())).await;
    let client = Client::builder()
        .region("ap-guangzhou")
        .credentials(Credentials::new(common::ID, common::KEY))
        .endpoint_url(direct.url())
        .proxy(Proxy::all(proxy.url()).no_proxy("127.0.0.1"))
        .build()
        .expect("client");
    client
        .postgres()
        .describe_regions(pg::DescribeRegionsRequest::default())
        .await
        .expect("direct");
    assert_eq!(proxy.requests().len(), 0);
    assert_eq!(direct.requests().len(), 1);
}

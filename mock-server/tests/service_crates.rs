//! A service crate used alone, as a user who depends on
//! `tencentcloud-sdk-postgres` and `tencentcloud-sdk-core` (no facade) uses
//! it: the core crate's client and the service's handle call the mock, and
//! the types are the facade's own (`tencentcloud_sdk::postgres` is the
//! service crate).

use tencentcloud_mock::MockServer;
use tencentcloud_sdk_core::client::Client;
use tencentcloud_sdk_core::credentials::Credentials;
use tencentcloud_sdk_postgres::v20170312::{self as pg, PostgresClient};

const ID: &str = "AKIDserviceEXAMPLE";
const KEY: &str = "serviceKeyEXAMPLE";

fn core_client(mock: &MockServer) -> Client {
    Client::builder()
        .region("ap-guangzhou")
        .credentials(Credentials::new(ID, KEY))
        .endpoint_url(mock.endpoint())
        .build()
        .expect("client")
}

#[tokio::test]
async fn a_service_crate_calls_through_the_core_client_alone() {
    let mock = MockServer::start(ID, KEY).await.expect("mock");
    let client = core_client(&mock);
    let postgres = PostgresClient::new(&client);
    let regions = postgres
        .describe_regions(pg::DescribeRegionsRequest::default())
        .await
        .expect("DescribeRegions");
    assert!(!regions.request_id.is_empty());
    let seen = mock.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].action.as_deref(), Some("DescribeRegions"));
    assert_eq!(
        seen[0].headers.get("x-tc-version").map(String::as_str),
        Some("2017-03-12")
    );
    assert!(matches!(
        seen[0].verdict,
        tencentcloud_mock::Verdict::Accepted
    ));
}

#[tokio::test]
async fn the_facade_and_the_service_crate_share_types_and_calls() {
    let mock = MockServer::start(ID, KEY).await.expect("mock");
    // One request type: the facade's path names the service crate's type.
    let request: tencentcloud_sdk::postgres::v20170312::DescribeRegionsRequest =
        pg::DescribeRegionsRequest::default();
    // The facade's client wraps the core client; its accessor returns the
    // service crate's handle.
    let facade: tencentcloud_sdk::client::Client = core_client(&mock).into();
    let handle: PostgresClient<'_> = facade.postgres();
    handle
        .describe_regions(request)
        .await
        .expect("through the facade");
    // And the core client is reachable from the facade's for the service
    // crate's own constructor.
    PostgresClient::new(facade.as_core())
        .describe_regions(pg::DescribeRegionsRequest::default())
        .await
        .expect("through the core client");
    assert_eq!(mock.requests().len(), 2);
}

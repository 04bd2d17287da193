//! `HTTP_PROXY` and `NO_PROXY` from the environment. One test in its own
//! binary: it sets process variables, which other tests must not see.

mod common;

use common::fake::Fake;
use serde_json::json;
use tencentcloud_sdk::client::Client;
use tencentcloud_sdk::credentials::Credentials;
use tencentcloud_sdk::postgres::v20170312 as pg;

fn answer() -> String {
    json!({"Response": {"TotalCount": 0, "RegionSet": [], "RequestId": "r"}}).to_string()
}

#[tokio::test]
async fn environment_proxies_are_honoured() {
    let proxy = Fake::start(|_, _| (200, answer())).await;
    let direct = Fake::start(|_, _| (200, answer())).await;
    for name in [
        "NO_PROXY",
        "no_proxy",
        "ALL_PROXY",
        "all_proxy",
        "https_proxy",
        "HTTPS_PROXY",
    ] {
        std::env::remove_var(name);
    }
    std::env::set_var("HTTP_PROXY", proxy.url());
    std::env::set_var("http_proxy", proxy.url());
    let client = |use_system_proxy: bool| {
        Client::builder()
            .region("ap-guangzhou")
            .credentials(Credentials::new(common::ID, common::KEY))
            .endpoint_url(direct.url())
            .use_system_proxy(use_system_proxy)
            .build()
            .expect("client")
    };
    let call = |client: Client| async move {
        client
            .postgres()
            .describe_regions(pg::DescribeRegionsRequest::default())
            .await
            .expect("answered")
    };
    call(client(true)).await;
    assert_eq!((proxy.requests().len(), direct.requests().len()), (1, 0));
    call(client(false)).await;
    assert_eq!((proxy.requests().len(), direct.requests().len()), (1, 1));
    std::env::set_var("NO_PROXY", "127.0.0.1");
    std::env::set_var("no_proxy", "127.0.0.1");
    call(client(true)).await;
    assert_eq!((proxy.requests().len(), direct.requests().len()), (1, 2));
}

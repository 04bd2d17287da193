//! The instance-role source refreshing against a local metadata service
//! (127.0.0.1, port 0): the role is discovered once, short-lived keys are
//! not fetched on every call. Time moves by jumps of tokio's clock (paused,
//! advanced, resumed: the requests themselves run in real time).
#![cfg(feature = "client")]

mod common;

use common::*;
use tencentcloud_sdk_core::credentials::{CvmRoleProvider, ProvideCredentials};

const LIST: &str = "/latest/meta-data/cam/security-credentials/";

/// A role document whose keys expire `life` from now.
fn document(n: usize, life: Duration) -> Reply {
    let expired = (SystemTime::now() + life)
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    Reply::Json(format!(
        r#"{{"TmpSecretId":"AKIDrole{n:04}","TmpSecretKey":"key{n}","Token":"token{n}","ExpiredTime":{expired},"Code":"Success"}}"#
    ))
}

fn role_list(name: &str) -> Reply {
    Reply::Status(200, "text/plain", name.to_owned())
}

/// Moves the runtime's clock `by` ahead at once.
async fn jump(by: Duration) {
    tokio::time::pause();
    tokio::time::advance(by).await;
    tokio::time::resume();
}

fn paths(server: &Server) -> Vec<String> {
    server.recorded().into_iter().map(|r| r.path).collect()
}

async fn secret_id(provider: &CvmRoleProvider) -> String {
    provider
        .provide_credentials()
        .await
        .unwrap()
        .secret_id()
        .to_owned()
}

#[tokio::test]
async fn short_lived_role_keys_are_fetched_once_a_minute_and_the_role_discovered_once() {
    // Four minutes: less than the five-minute margin.
    let four_minutes = Duration::from_secs(240);
    let server = Server::start(vec![
        role_list("sdk-role"),
        document(1, four_minutes),
        document(2, four_minutes),
        document(3, four_minutes),
    ])
    .await;
    let provider = CvmRoleProvider::builder().endpoint(&server.url).build();
    for _ in 0..100 {
        assert_eq!(secret_id(&provider).await, "AKIDrole0001");
        jump(Duration::from_millis(100)).await;
    }
    assert_eq!(server.received(), 2, "one discovery, one fetch");
    jump(Duration::from_secs(51)).await;
    assert_eq!(secret_id(&provider).await, "AKIDrole0002");
    jump(Duration::from_secs(61)).await;
    assert_eq!(secret_id(&provider).await, "AKIDrole0003");
    let doc = format!("{LIST}sdk-role");
    assert_eq!(paths(&server), [LIST, doc.as_str(), &doc, &doc]);
}

#[tokio::test]
async fn a_role_unbound_between_refreshes_is_discovered_again_once() {
    let hour = Duration::from_secs(3600);
    let server = Server::start(vec![
        role_list("old-role"),
        document(1, hour),
        Reply::Status(404, "text/plain", "not found".to_owned()),
        role_list("new-role"),
        document(2, hour),
        document(3, hour),
    ])
    .await;
    let provider = CvmRoleProvider::builder().endpoint(&server.url).build();
    assert_eq!(secret_id(&provider).await, "AKIDrole0001");
    // Into the last five minutes: the refresh finds the role gone.
    jump(Duration::from_secs(3600 - 299)).await;
    assert_eq!(secret_id(&provider).await, "AKIDrole0002");
    jump(Duration::from_secs(3600 - 299)).await;
    assert_eq!(secret_id(&provider).await, "AKIDrole0003");
    let (old, new) = (format!("{LIST}old-role"), format!("{LIST}new-role"));
    assert_eq!(paths(&server), [LIST, old.as_str(), &old, LIST, &new, &new]);
}

//! Passwords of imported actions (marked sensitive by the import, from their
//! names) are as safe as the page-curated `CloneInstances.Password`: out of
//! `Debug`, and masked when a service echoes them in an error.

mod common;

use tencentcloud_mock::{MockServer, Reply};
use tencentcloud_sdk::client::{Client, RetryPolicy};
use tencentcloud_sdk::credentials::Credentials;
use tencentcloud_sdk::postgres::v20170312 as pg;
use tencentcloud_sdk::redis::v20180412 as redis;

const OLD: &str = "Old-pass-SECRET-7";
const NEW: &str = "New-pass-SECRET-8";

fn change_password() -> redis::ModifyInstancePasswordRequest {
    redis::ModifyInstancePasswordRequest::builder()
        .instance_id("crs-5a4py64p")
        .old_password(OLD)
        .password(NEW)
        .build()
        .expect("valid")
}

#[test]
fn imported_passwords_are_redacted_in_debug() {
    let request = change_password();
    let debug = format!("{request:?} {request:#?}");
    assert!(!debug.contains("SECRET"), "{debug}");
    assert!(debug.contains("crs-5a4py64p"), "{debug}");
    let account = pg::CreateAccountRequest::builder()
        .db_instance_id("postgres-6bwgamo3")
        .user_name("reader")
        .type_("normal")
        .password(NEW)
        .build()
        .expect("valid");
    let debug = format!("{account:?}");
    assert!(!debug.contains("SECRET"), "{debug}");
    assert!(debug.contains("password: Some(\"***\")"), "{debug}");
}

#[tokio::test]
async fn an_echoed_imported_password_is_masked() {
    let mock = MockServer::start(common::ID, common::KEY)
        .await
        .expect("mock");
    mock.on(
        "ModifyInstancePassword",
        [Reply::error(
            "InvalidParameter.PasswordError",
            &format!("old password {OLD} is wrong; {NEW} is too weak"),
        )],
    );
    let client = Client::builder()
        .region("ap-guangzhou")
        .credentials(Credentials::new(common::ID, common::KEY))
        .endpoint_url(mock.endpoint())
        .retry_policy(RetryPolicy::new(1))
        .build()
        .expect("client");
    let err = client
        .redis()
        .modify_instance_password(change_password())
        .await
        .unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(shown.contains("is wrong"), "{shown}");
    assert!(!shown.contains("SECRET"), "{shown}");
    // What was sent is the password itself: masking is for display only.
    let sent = mock.requests();
    let body = sent.last().expect("one request").json().expect("json");
    assert_eq!(body["OldPassword"], OLD);
    assert_eq!(body["Password"], NEW);
}

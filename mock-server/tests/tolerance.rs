//! Responses as the live API sends them: decoded with recorded
//! corrections, refused by a strict client, and an answer that cannot be
//! read reported with what the service said (and, for a purchase, what it
//! may have bought).

mod common;

use serde_json::json;
use tencentcloud_mock::{MockServer, Reply};
use tencentcloud_sdk::client::{decode_response_with_metadata, CallOptions, Client, Error};
use tencentcloud_sdk::credentials::Credentials;
use tencentcloud_sdk::postgres::v20170312 as pg;

use common::{ID, KEY};

/// As the live API sends them: a required member missing or null, numbers
/// and booleans as strings. They decode, and each correction is recorded
/// with its wire path; a strict client refuses them.
#[test]
fn responses_as_the_live_api_sends_them_decode_with_recorded_corrections() {
    // BillId is not documented as possibly absent, and DealName is null.
    let body = br#"{"Response": {"DealName": null, "RequestId": "r-1"}}"#;
    let (response, metadata) =
        decode_response_with_metadata::<pg::CloneDBInstance>(body, false).expect("decodes");
    assert_eq!(
        (response.deal_name.as_str(), response.bill_id.as_str()),
        ("", "")
    );
    assert_eq!(metadata.request_id.as_deref(), Some("r-1"));
    let corrections: Vec<String> = metadata
        .corrections
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        corrections,
        [
            "DealName: missing or null though required; read as its default",
            "BillId: missing or null though required; read as its default",
        ]
    );
    let strict = decode_response_with_metadata::<pg::CloneDBInstance>(body, true).unwrap_err();
    // CloneDBInstance buys: an answer it cannot read may mean it bought.
    let Error::MayHaveBought { failure, .. } = &strict else {
        panic!("{strict:?}")
    };
    assert!(
        matches!(&**failure, Error::InvalidResponse { reason, .. } if reason.contains("strict responses")),
        "{failure:?}"
    );

    // Numbers and booleans as strings, deep in a listing.
    let body = br#"{"Response": {"TotalCount": "2", "DBInstanceSet": [
        {"DBInstanceId": "postgres-1", "DBInstanceMemory": "4", "DBInstanceStorage": 100, "SupportIpv6": "0"},
        {"DBInstanceId": "postgres-2", "ReadOnlyInstanceNum": 1.0, "IsSupportTDE": "1", "DeletionProtection": "true"}
    ], "RequestId": "r-2"}}"#;
    let (listing, metadata) =
        decode_response_with_metadata::<pg::DescribeDBInstances>(body, false).expect("decodes");
    assert_eq!(listing.total_count, 2);
    assert_eq!(listing.db_instance_set[0].db_instance_memory, Some(4));
    assert_eq!(listing.db_instance_set[1].deletion_protection, Some(true));
    let corrections: Vec<String> = metadata
        .corrections
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        corrections,
        [
            "TotalCount: the string \"2\" read as an unsigned integer",
            "DBInstanceSet[0].DBInstanceMemory: the string \"4\" read as an unsigned integer",
            "DBInstanceSet[0].SupportIpv6: the string \"0\" read as an unsigned integer",
            "DBInstanceSet[1].ReadOnlyInstanceNum: the number 1 read as an integer",
            "DBInstanceSet[1].IsSupportTDE: the string \"1\" read as an integer",
            "DBInstanceSet[1].DeletionProtection: the string \"true\" read as a boolean",
        ]
    );
    // What no correction makes readable is an error naming its wire path.
    let body = br#"{"Response": {"TotalCount": 1, "DBInstanceSet": [{"DBInstanceMemory": "lots"}], "RequestId": "r-3"}}"#;
    let error = decode_response_with_metadata::<pg::DescribeDBInstances>(body, false).unwrap_err();
    let Error::InvalidResponse {
        path,
        request_id,
        body_excerpt,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(path.as_deref(), Some("DBInstanceSet[0].DBInstanceMemory"));
    assert_eq!(request_id.as_deref(), Some("r-3"));
    assert!(body_excerpt.contains("\"lots\""), "{body_excerpt}");
}

async fn start(strict: bool) -> (MockServer, Client) {
    let mock = MockServer::start(ID, KEY).await.expect("mock");
    let client = Client::builder()
        .region("ap-guangzhou")
        .credentials(Credentials::new(ID, KEY))
        .endpoint_url(mock.endpoint())
        .strict_responses(strict)
        .build()
        .expect("client");
    (mock, client)
}

fn clone_request() -> pg::CloneDBInstanceRequest {
    pg::CloneDBInstanceRequest::builder()
        .db_instance_id("postgres-abcd1234")
        .spec_code("pg.it.small2")
        .storage(20)
        .period(1)
        .auto_renew_flag(pg::AutoRenewFlag::ManualRenewal)
        .vpc_id("vpc-2ot3acw1")
        .subnet_id("subnet-ppv9iw34")
        .recovery_target_time("2026-11-25 01:27:35")
        .build()
        .expect("valid")
}

#[tokio::test]
async fn a_call_lists_what_it_corrected_and_a_strict_client_refuses_it() {
    let listing = json!({"TotalCount": "1", "DBInstanceSet": [{"DBInstanceId": "postgres-1", "DBInstanceStorage": "100"}]});
    let (mock, client) = start(false).await;
    mock.on("DescribeDBInstances", [Reply::Json(listing.clone())]);
    let (response, metadata) = client
        .call_with_metadata::<pg::DescribeDBInstances>(
            pg::DescribeDBInstancesRequest::default(),
            CallOptions::new(),
        )
        .await
        .expect("corrected, not refused");
    assert_eq!(response.db_instance_set[0].db_instance_storage, Some(100));
    assert!(metadata.request_id.is_some());
    let paths: Vec<&str> = metadata
        .corrections
        .iter()
        .map(|c| c.path.as_str())
        .collect();
    assert_eq!(paths, ["TotalCount", "DBInstanceSet[0].DBInstanceStorage"]);

    let (mock, strict) = start(true).await;
    mock.on("DescribeDBInstances", [Reply::Json(listing)]);
    let error = strict
        .postgres()
        .describe_db_instances(pg::DescribeDBInstancesRequest::default())
        .await
        .unwrap_err();
    let Error::InvalidResponse {
        path, request_id, ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(path.as_deref(), Some("TotalCount"));
    assert!(request_id.is_some());
    assert_eq!(mock.requests().len(), 1, "not retried");
}

#[tokio::test]
async fn a_purchase_whose_answer_cannot_be_read_names_what_it_may_have_bought() {
    let (mock, client) = start(false).await;
    // DBInstanceId is an object where a string belongs: no correction reads it.
    mock.on(
        "CloneDBInstance",
        [Reply::Json(json!({
            "DealName": "20261207000123", "BillId": "bill-77", "DBInstanceId": {"Id": "postgres-9"}
        }))],
    );
    let error = client
        .postgres()
        .clone_db_instance(clone_request())
        .await
        .unwrap_err();
    let Error::MayHaveBought { ids, failure, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        ids,
        &[
            ("DealName".to_owned(), "20261207000123".to_owned()),
            ("BillId".to_owned(), "bill-77".to_owned()),
        ]
    );
    let Error::InvalidResponse { path, .. } = &**failure else {
        panic!("{failure:?}")
    };
    assert_eq!(path.as_deref(), Some("DBInstanceId"));
    let text = error.to_string();
    assert!(
        text.starts_with(
            "CloneDBInstance may have bought (the purchase may have gone through; the answer \
             named DealName 20261207000123, BillId bill-77): invalid response (outcome unknown): \
             response does not match the action's type at DBInstanceId"
        ),
        "{text}"
    );
    assert!(text.contains("RequestId: "), "{text}");
    assert!(
        text.ends_with("shows whether a clone was ordered."),
        "{text}"
    );
    assert_eq!(mock.requests().len(), 1, "never bought twice");

    // A body cut short after the order number still names it.
    mock.on(
        "CloneDBInstance",
        [Reply::Raw {
            status: 200,
            content_type: "application/json".into(),
            body: r#"{"Response": {"DealName": "20261207000124", "BillId": "bil"#.into(),
        }],
    );
    let error = client
        .postgres()
        .clone_db_instance(clone_request())
        .await
        .unwrap_err();
    let Error::MayHaveBought { ids, failure, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(ids, &[("DealName".to_owned(), "20261207000124".to_owned())]);
    assert!(
        matches!(&**failure, Error::InvalidResponse { reason, body_excerpt, .. }
            if reason.contains("truncated") && body_excerpt.contains("20261207000124")),
        "{failure:?}"
    );
    assert_eq!(mock.requests().len(), 2);
}

/// Requests as the live API accepts them: numbers and booleans written as
/// strings pass the mock's checks; a value that is no number is refused
/// with its wire path.
#[tokio::test]
async fn the_mock_accepts_numbers_written_as_strings_and_names_a_wrong_one() {
    let mock = MockServer::start(ID, KEY).await.expect("mock");
    let mut body = common::redis_request();
    body["GoodsNum"] = json!("1");
    body["ZoneId"] = json!("200005");
    body["NoAuth"] = json!("false");
    let answer = common::send(mock.addr(), &common::Call::redis(body.clone()))
        .await
        .expect("answer");
    assert_eq!(answer.status, 200);
    assert!(
        answer.body["Response"]["Error"].is_null(),
        "{}",
        answer.body
    );
    assert_eq!(
        answer.body["Response"]["InstanceIds"],
        json!(["crs-kic3****"])
    );

    body["Period"] = json!("one month");
    let answer = common::send(mock.addr(), &common::Call::redis(body))
        .await
        .expect("answer");
    assert_eq!(common::error_code(&answer), "InvalidParameter");
    let message = answer.body["Response"]["Error"]["Message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.contains("Period: invalid type: string \"one month\", expected an integer"),
        "{message}"
    );
}

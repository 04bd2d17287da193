//! Whole flows against the mock's clone scenario: paginators over seeded
//! instances (every page shape, a wrong total, an error mid-way), waiters
//! (reached, failed, timed out) and clone-and-wait for both seed actions, as
//! the README shows it.

mod common;

use std::time::Duration;

use futures_util::StreamExt;
use serde_json::json;
use tencentcloud_mock::{MockServer, Reply, Scenario};
use tencentcloud_sdk::client::{Client, WaitConfig, WaitOutcome};
use tencentcloud_sdk::credentials::Credentials;
use tencentcloud_sdk::pagination::PaginationError;
use tencentcloud_sdk::postgres::v20170312 as pg;
use tencentcloud_sdk::redis::v20180412 as redis;

use common::{ID, KEY};

async fn start(polls: u32) -> (MockServer, Scenario, Client) {
    let mock = MockServer::start(ID, KEY).await.expect("mock");
    let scenario = Scenario::new(polls);
    scenario.install(&mock);
    let client = Client::builder()
        .region("ap-guangzhou")
        .credentials(Credentials::new(ID, KEY))
        .endpoint_url(mock.endpoint())
        .build()
        .expect("client");
    (mock, scenario, client)
}

/// Polls fast: the mock needs no pauses (the timing itself is tested under
/// a paused clock in the SDK's waiter tests).
fn fast() -> WaitConfig {
    WaitConfig::new(
        Duration::from_secs(10),
        Duration::from_millis(1),
        Duration::from_millis(4),
    )
}

/// The IDs `DescribeDBInstances` lists page by page (`page_size` items).
async fn postgres_ids(client: &Client, page_size: u64) -> Vec<String> {
    let items: Vec<_> = client
        .postgres()
        .describe_db_instances_pages(pg::DescribeDBInstancesRequest::default())
        .page_size(page_size)
        .items()
        .collect()
        .await;
    items
        .into_iter()
        .map(|i| i.expect("no error").db_instance_id.expect("an id"))
        .collect()
}

/// The `(Offset, Limit)` of each `action` request the mock received.
fn pages_asked(mock: &MockServer, action: &str) -> Vec<(u64, u64)> {
    mock.requests()
        .iter()
        .filter(|r| r.action.as_deref() == Some(action))
        .map(|r| {
            let body = r.json().expect("JSON");
            (
                body["Offset"].as_u64().unwrap_or(0),
                body["Limit"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[tokio::test]
async fn paginators_cover_every_page_shape() {
    for (seeded, page_size, pages) in [
        (0, 5, vec![(0, 5)]),
        (1, 5, vec![(0, 5)]),
        // A full page that lands on the total: one more page confirms it.
        (5, 5, vec![(0, 5), (5, 5)]),
        (12, 5, vec![(0, 5), (5, 5), (10, 5)]),
        (10, 3, vec![(0, 3), (3, 3), (6, 3), (9, 3)]),
    ] {
        let (mock, scenario, client) = start(0).await;
        let ids = scenario.seed_postgres_instances(seeded);
        assert_eq!(
            postgres_ids(&client, page_size).await,
            ids,
            "{seeded} instances"
        );
        assert_eq!(
            pages_asked(&mock, "DescribeDBInstances"),
            pages,
            "{seeded} instances, pages of {page_size}"
        );
    }
}

#[tokio::test]
async fn redis_pages_are_yielded_whole() {
    let (mock, scenario, client) = start(0).await;
    let ids = scenario.seed_redis_instances(7);
    let mut pages = client
        .redis()
        .describe_instances_pages(redis::DescribeInstancesRequest::default())
        .page_size(3);
    let mut sizes = Vec::new();
    let mut seen = Vec::new();
    while let Some(page) = pages.next_page().await {
        let page = page.expect("no error");
        assert_eq!(page.total_count, 7);
        sizes.push(page.instance_set.len());
        seen.extend(page.instance_set.into_iter().filter_map(|i| i.instance_id));
    }
    assert_eq!(sizes, [3, 3, 1]);
    assert_eq!(seen, ids);
    assert_eq!(
        pages_asked(&mock, "DescribeInstances"),
        [(0, 3), (3, 3), (6, 3)]
    );
    assert!(
        pages.next_page().await.is_none(),
        "a finished listing stays finished"
    );
}

/// Every item of `DescribeDBInstances`, pages of `page_size`, and the error
/// that ended the listing, if any.
async fn postgres_listing(
    client: &Client,
    page_size: u64,
) -> (
    Vec<String>,
    Option<tencentcloud_sdk::client::Error<pg::PostgresErrorCode>>,
) {
    let items: Vec<_> = client
        .postgres()
        .describe_db_instances_pages(pg::DescribeDBInstancesRequest::default())
        .page_size(page_size)
        .items()
        .collect()
        .await;
    let mut ids = Vec::new();
    let mut error = None;
    for item in items {
        match item {
            Ok(i) => ids.push(i.db_instance_id.expect("an id")),
            Err(e) => {
                assert!(error.is_none(), "a second error: {e}");
                error = Some(e);
            }
        }
    }
    (ids, error)
}

#[tokio::test]
async fn a_wrong_total_neither_loops_nor_loses_items_nor_ends_silently() {
    // Too high: the listing ends on the empty page after the real end, and
    // says the listing fell short of the total.
    let (mock, scenario, client) = start(0).await;
    let ids = scenario.seed_postgres_instances(4);
    scenario.set_reported_total(Some(1000));
    let (listed, error) = postgres_listing(&client, 3).await;
    assert_eq!(listed, ids);
    let error = error.expect("an empty page before the total is an error");
    assert!(
        matches!(
            error,
            tencentcloud_sdk::client::Error::Pagination {
                source: PaginationError::EndedEarly {
                    seen: 4,
                    total: 1000
                },
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "listing DescribeDBInstances: an empty page came after 4 of the 1000 items the service \
         reported; the listing may be incomplete"
    );
    assert_eq!(
        pages_asked(&mock, "DescribeDBInstances"),
        [(0, 3), (3, 3), (4, 3)]
    );

    // Too low: the first page is full and says there are only its three
    // items; one more page shows more, and the total is disregarded.
    let (mock, scenario, client) = start(0).await;
    let ids = scenario.seed_postgres_instances(6);
    scenario.set_reported_total(Some(3));
    let (listed, error) = postgres_listing(&client, 3).await;
    assert_eq!(listed, ids);
    assert!(error.is_none(), "{error:?}");
    assert_eq!(
        pages_asked(&mock, "DescribeDBInstances"),
        [(0, 3), (3, 3), (6, 3)]
    );
}

#[tokio::test]
async fn a_service_that_ignores_the_offset_is_stopped_at_once() {
    let (mock, scenario, client) = start(0).await;
    let ids = scenario.seed_postgres_instances(3);
    // The same full page, whatever the offset, with a large total.
    mock.on(
        "DescribeDBInstances",
        [Reply::handler(move |_| {
            let set: Vec<_> = ids.iter().map(|id| json!({"DBInstanceId": id})).collect();
            Reply::Json(json!({"TotalCount": 100000, "DBInstanceSet": set}))
        })],
    );
    let (listed, error) = postgres_listing(&client, 3).await;
    assert_eq!(listed.len(), 3, "the repeated page is not listed twice");
    assert!(
        matches!(
            error,
            Some(tencentcloud_sdk::client::Error::Pagination {
                source: PaginationError::Repeated {
                    page: 2,
                    seen: 3,
                    total: 100000
                },
                ..
            })
        ),
        "{error:?}"
    );
    assert_eq!(pages_asked(&mock, "DescribeDBInstances"), [(0, 3), (3, 3)]);
}

/// `DescribeDBXlogs` pages by page number; this service answers every page
/// number past the end with its last page, as the reviewer's server did.
fn xlog_pages(total: u64) -> Reply {
    Reply::handler(move |r| {
        let page = r.json().and_then(|b| b["Offset"].as_u64()).unwrap_or(0);
        let list: Vec<_> = match page {
            0 => (0..3)
                .map(|i| json!({"StartTime": format!("a{i}")}))
                .collect(),
            _ => (0..2)
                .map(|i| json!({"StartTime": format!("b{i}")}))
                .collect(),
        };
        Reply::Json(json!({"TotalCount": total, "XlogList": list}))
    })
}

#[tokio::test]
async fn a_page_number_listing_without_a_page_size_ends() {
    for (total, ends_with_error) in [(5, false), (0, false), (100, true)] {
        let (mock, _scenario, client) = start(0).await;
        mock.on("DescribeDBXlogs", [xlog_pages(total)]);
        let request = pg::DescribeDBXlogsRequest::builder()
            .db_instance_id("postgres-1")
            .start_time("2026-12-01 00:00:00")
            .end_time("2026-12-02 00:00:00")
            .build()
            .expect("valid");
        let listing = client.postgres().describe_db_xlogs_pages(request);
        let items: Vec<_> =
            tokio::time::timeout(Duration::from_secs(20), listing.items().collect::<Vec<_>>())
                .await
                .expect("the listing ends");
        let ok = items.iter().filter(|i| i.is_ok()).count();
        assert_eq!(ok, 5, "total {total}: five distinct items");
        assert_eq!(
            items.len() - ok,
            usize::from(ends_with_error),
            "total {total}: {items:?}"
        );
        let asked = mock
            .requests()
            .iter()
            .filter(|r| r.action.as_deref() == Some("DescribeDBXlogs"))
            .count();
        assert!(asked <= 3, "total {total}: {asked} pages asked");
    }
}

#[tokio::test]
async fn a_page_size_of_zero_is_an_error_and_sends_nothing() {
    let (mock, scenario, client) = start(0).await;
    scenario.seed_postgres_instances(100);
    let (listed, error) = postgres_listing(&client, 0).await;
    assert!(listed.is_empty());
    let error = error.expect("an error");
    assert!(error.is_local(), "{error}");
    assert!(error.to_string().contains("page size 0"), "{error}");
    assert!(pages_asked(&mock, "DescribeDBInstances").is_empty());
}

#[tokio::test]
async fn an_error_on_page_three_is_yielded_once_then_the_listing_ends() {
    let (mock, scenario, client) = start(0).await;
    let ids = scenario.seed_postgres_instances(10);
    let page = scenario.reply("DescribeDBInstances");
    mock.on(
        "DescribeDBInstances",
        [
            page.clone(),
            page.clone(),
            Reply::error("ResourceUnavailable.InvalidInstanceStatus", "busy"),
            page,
        ],
    );
    let items: Vec<_> = client
        .postgres()
        .describe_db_instances_pages(pg::DescribeDBInstancesRequest::default())
        .page_size(3)
        .items()
        .collect()
        .await;
    assert_eq!(items.len(), 7, "six items, then the error: {items:?}");
    let got: Vec<String> = items[..6]
        .iter()
        .map(|i| {
            i.as_ref()
                .expect("an item")
                .db_instance_id
                .clone()
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(got, ids[..6]);
    let err = items[6].as_ref().expect_err("the third page fails");
    assert_eq!(
        err.code().map(|c| c.as_str()),
        Some("ResourceUnavailable.InvalidInstanceStatus")
    );
    assert_eq!(pages_asked(&mock, "DescribeDBInstances").len(), 3);
}

#[tokio::test]
async fn postgres_clone_and_wait() {
    let (mock, _scenario, client) = start(3).await;
    let pg = client.postgres();
    let cloned = pg
        .clone_db_instance(
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
                .expect("valid"),
        )
        .await
        .expect("clone");
    let deal = pg
        .wait_until_order_delivered_with(&cloned.deal_name, fast())
        .await
        .expect("no error")
        .reached()
        .expect("delivered");
    let ids = deal.db_instance_id_set.expect("instance IDs");
    assert_eq!(ids.len(), 1);
    let instance = pg
        .wait_until_db_instance_running_with(&ids[0], fast())
        .await
        .expect("no error");
    let WaitOutcome::Reached(instance) = instance else {
        panic!("{instance}")
    };
    assert_eq!(instance.db_instance_id.as_deref(), Some(ids[0].as_str()));
    assert_eq!(instance.db_instance_status.as_deref(), Some("running"));
    assert_eq!(
        instance.db_instance_name.as_deref(),
        Some("postgres-abcd1234-Copy")
    );
    // The order was not delivered for 3 describes, the instance was
    // `initing` for 3: 4 polls each, then done.
    let count = |a: &str| {
        mock.requests()
            .iter()
            .filter(|r| r.action.as_deref() == Some(a))
            .count()
    };
    assert_eq!(count("DescribeOrders"), 4);
    assert_eq!(count("DescribeDBInstances"), 4);
}

#[tokio::test]
async fn redis_clone_and_wait() {
    let (_mock, _scenario, client) = start(2).await;
    let rd = client.redis();
    let cloned = rd
        .clone_instances(common::redis_clone("Redis-pass-1"))
        .await
        .expect("clone");
    assert_eq!(cloned.instance_ids.len(), 1);
    let outcome = rd
        .wait_until_instance_running_with(&cloned.instance_ids[0], fast())
        .await
        .expect("no error");
    let instance = outcome.reached().expect("running");
    assert_eq!(instance.status, Some(2));
    assert_eq!(instance.instance_id, Some(cloned.instance_ids[0].clone()));
}

#[tokio::test]
async fn a_failure_state_ends_the_wait() {
    let (_mock, scenario, client) = start(0).await;
    let ids = scenario.seed_postgres_instances(1);
    scenario.set_instance_state(&ids[0], json!("isolated"));
    let outcome = client
        .postgres()
        .wait_until_db_instance_running_with(&ids[0], fast())
        .await
        .expect("no error");
    let WaitOutcome::Failed { state, resource } = outcome else {
        panic!("{outcome}")
    };
    assert_eq!(state, "isolated");
    assert_eq!(resource.db_instance_id.as_deref(), Some(ids[0].as_str()));

    let ids = scenario.seed_redis_instances(1);
    scenario.set_instance_state(&ids[0], json!(-2));
    let outcome = client
        .redis()
        .wait_until_instance_running_with(&ids[0], fast())
        .await
        .expect("no error");
    assert!(
        matches!(&outcome, WaitOutcome::Failed { state, .. } if state == "-2"),
        "{outcome}"
    );
}

#[tokio::test]
async fn redis_tasks_finish_or_fail() {
    let (_mock, scenario, client) = start(0).await;
    let done = scenario.add_redis_task("crs-1", 2, "succeed");
    let failed = scenario.add_redis_task("crs-1", 1, "failed");
    let rd = client.redis();
    let outcome = rd
        .wait_until_task_finished_with(done, fast())
        .await
        .expect("no error");
    assert_eq!(
        outcome.reached().map(|t| t.status),
        Some("succeed".to_owned())
    );
    let outcome = rd
        .wait_until_task_finished_with(failed, fast())
        .await
        .expect("no error");
    assert!(
        matches!(&outcome, WaitOutcome::Failed { state, .. } if state == "failed"),
        "{outcome}"
    );
    // An unknown task is the service's error, not a wait.
    let err = rd
        .wait_until_task_finished_with(999_999, fast())
        .await
        .expect_err("no such task");
    assert_eq!(err.code().map(|c| c.as_str()), Some("ResourceNotFound"));
}

// On a paused clock (the mock runs in this runtime): the 100 ms budget is
// the clock's, not the machine's, so a loaded machine cannot cut the last
// poll short.
#[tokio::test(start_paused = true)]
async fn an_instance_that_never_runs_times_out_with_its_last_state() {
    let (_mock, _scenario, client) = start(u32::MAX).await;
    let cloned = client
        .redis()
        .clone_instances(common::redis_clone("Redis-pass-1"))
        .await
        .expect("clone");
    let short = WaitConfig::new(
        Duration::from_millis(100),
        Duration::from_millis(5),
        Duration::from_millis(10),
    );
    let outcome = client
        .redis()
        .wait_until_instance_running_with(&cloned.instance_ids[0], short)
        .await
        .expect("no error");
    let WaitOutcome::TimedOut {
        last_state,
        last,
        answered,
        last_error,
    } = outcome
    else {
        panic!("{outcome}")
    };
    assert_eq!(last_state.as_deref(), Some("1"));
    assert!(last.is_some());
    assert!(answered >= 2, "{answered}");
    assert_eq!(last_error, None);
}

#[tokio::test]
async fn blips_while_waiting_after_a_clone_do_not_end_the_wait() {
    let (mock, scenario, client) = start(1).await;
    let cloned = client
        .redis()
        .clone_instances(common::redis_clone("Redis-pass-1"))
        .await
        .expect("clone");
    // The describe polls meet an InternalError, a 502 and throttling
    // before the scenario answers again.
    let describe = scenario.reply("DescribeInstances");
    mock.on(
        "DescribeInstances",
        [
            Reply::error("InternalError", "blip"),
            Reply::Raw {
                status: 502,
                content_type: "text/html".into(),
                body: "<html>Bad Gateway</html>".into(),
            },
            Reply::error("RequestLimitExceeded", "slow down"),
            describe,
        ],
    );
    let outcome = client
        .redis()
        .wait_until_instance_running_with(&cloned.instance_ids[0], fast())
        .await
        .expect("transient failures are retried");
    let instance = outcome.reached().expect("running");
    assert_eq!(instance.status, Some(2));

    // A poll whose error is not transient still ends the wait.
    mock.on(
        "DescribeInstances",
        [Reply::error("AuthFailure.SignatureFailure", "no")],
    );
    let error = client
        .redis()
        .wait_until_instance_running_with(&cloned.instance_ids[0], fast())
        .await
        .expect_err("not transient");
    assert_eq!(
        error.code().map(|c| c.as_str()),
        Some("AuthFailure.SignatureFailure")
    );
}

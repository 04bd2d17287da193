//! The paginator against hostile token servers: a fake token-style list
//! action (no generated code involved) and the scripted local server.

mod common;

use common::*;
use futures_util::StreamExt;
use tencentcloud_sdk_core::client::Paginator;
use tencentcloud_sdk_core::pagination::{PageStyle, Paginated, PaginationError, Position};

struct FakeList;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ListRequest {
    #[serde(rename = "NextToken", skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
    #[serde(rename = "MaxResults", skip_serializing_if = "Option::is_none")]
    max_results: Option<u64>,
}

impl Validate for ListRequest {
    fn validate(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct ListResponse {
    #[serde(rename = "Items")]
    items: Vec<String>,
    #[serde(rename = "TotalCount")]
    total: Option<u64>,
    #[serde(rename = "NextToken")]
    next_token: Option<String>,
}

impl Action for FakeList {
    const SERVICE: &'static str = "redis";
    const VERSION: &'static str = "2018-04-12";
    const NAME: &'static str = "DescribeThings";
    const RATE_LIMIT_PER_SECOND: u32 = 0;
    const REGIONS: &'static [&'static str] = &[];
    const REGION_REQUIRED: bool = false;
    const ENDPOINTS: Endpoints = FAKE_ENDPOINTS;
    type Request = ListRequest;
    type Response = ListResponse;
    type ErrorCode = FakeCode;
}

impl Paginated for FakeList {
    type Item = String;
    const STYLE: PageStyle = PageStyle::Token;
    fn start(request: &ListRequest) -> Option<Position> {
        request.next_token.clone().map(Position::Token)
    }
    fn set_position(request: &mut ListRequest, position: &Position) {
        if let Position::Token(token) = position {
            request.next_token = Some(token.clone());
        }
    }
    fn page_size(request: &ListRequest) -> Option<u64> {
        request.max_results
    }
    fn set_page_size(request: &mut ListRequest, size: u64) {
        request.max_results = Some(size);
    }
    fn items(response: &ListResponse) -> &[String] {
        &response.items
    }
    fn into_items(response: ListResponse) -> Vec<String> {
        response.items
    }
    fn total(response: &ListResponse) -> Option<u64> {
        response.total
    }
    fn next_token(response: &ListResponse) -> Option<&str> {
        response.next_token.as_deref()
    }
}

fn page(items: &[&str], total: Option<u64>, token: &str) -> Reply {
    let body = serde_json::json!({"Response": {
        "Items": items, "TotalCount": total, "NextToken": token, "RequestId": "r"
    }});
    Reply::Json(body.to_string())
}

/// Pages whose tokens alternate A, B, A, B, ... for 200 answers (a server
/// that loops), each page with new items.
fn alternating(total: Option<u64>) -> Vec<Reply> {
    (0..200)
        .map(|i| {
            let item = format!("item-{i}");
            page(&[&item], total, if i % 2 == 0 { "A" } else { "B" })
        })
        .collect()
}

#[tokio::test]
async fn alternating_tokens_end_the_listing_at_the_first_token_seen_again() {
    let server = Server::start(alternating(None)).await;
    let items: Vec<_> = Paginator::<FakeList>::new(client(&server.url), ListRequest::default())
        .items()
        .collect()
        .await;
    let items: Vec<String> = items.into_iter().map(|i| i.expect("no error")).collect();
    // Tokens A, B, then A again: the third page is the last asked for.
    assert_eq!(items, ["item-0", "item-1", "item-2"]);
    assert_eq!(server.wait_for(3).await, 3);
    let sent: Vec<String> = server
        .recorded()
        .iter()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .collect();
    assert_eq!(sent, ["{}", r#"{"NextToken":"A"}"#, r#"{"NextToken":"B"}"#]);
}

#[tokio::test]
async fn a_token_loop_short_of_the_reported_total_is_an_error() {
    let server = Server::start(alternating(Some(50))).await;
    let result = Paginator::<FakeList>::new(client(&server.url), ListRequest::default())
        .collect_items()
        .await;
    let error = result.expect_err("3 of 50 items");
    assert!(
        matches!(
            error,
            Error::Pagination {
                action: "DescribeThings",
                source: PaginationError::Repeated {
                    page: 3,
                    seen: 3,
                    total: 50
                },
            }
        ),
        "{error:?}"
    );
    assert!(!error.is_ambiguous() && !error.is_retryable());
}

#[tokio::test]
async fn the_same_page_answered_for_every_token_is_listed_once() {
    let script = (0..100)
        .map(|i| page(&["same-1", "same-2"], None, &format!("t{i}")))
        .collect();
    let server = Server::start(script).await;
    let mut pages = Paginator::<FakeList>::new(client(&server.url), ListRequest::default());
    let first = pages.next_page().await.expect("a page").expect("no error");
    assert_eq!(first.items, ["same-1", "same-2"]);
    assert!(pages.next_page().await.is_none(), "the repeat ends it");
    assert!(pages.next_page().await.is_none(), "and it stays ended");
    assert_eq!(server.wait_for(2).await, 2);
}

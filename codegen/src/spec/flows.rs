//! The spec model of whole flows: how a list action pages (`pagination` in
//! an action file) and what a waiter polls for (`waiters` in `service.json`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::Literal;

/// How a list action pages through its results.
///
/// The importer drafts it from member names (`drafted: true`) and rewrites
/// a draft on every import; a reviewed one (no `drafted`) is never touched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// How the next page is asked for.
    pub style: PageStyle,
    /// The request parameter that says where a page starts: the row offset
    /// (`offset`), the page number (`page`) or the token (`token`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// The request parameter that sets the page size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<String>,
    /// `page` style: the number of the first page (0 or 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_page: Option<u64>,
    /// The output that holds the page's items (an array).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<String>,
    /// The output that holds the total number of items, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
    /// `token` style: the output that holds the next page's token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// Drafted by the importer and not reviewed yet.
    #[serde(default, skip_serializing_if = "is_false")]
    pub drafted: bool,
    /// Reading of the source where it is unclear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// How the next page is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PageStyle {
    /// `input` is a row offset: the next page starts after the items seen.
    Offset,
    /// `input` is a page number, counted from `first_page`.
    Page,
    /// `input` is the token the previous page returned in `next_token`.
    Token,
    /// Reviewed: the action does not page (stops the importer's draft).
    None,
}

impl PageStyle {
    /// The style's name as spec files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            PageStyle::Offset => "offset",
            PageStyle::Page => "page",
            PageStyle::Token => "token",
            PageStyle::None => "none",
        }
    }
}

/// The placeholder for a waiter's argument in its request template.
pub const INPUT_PLACEHOLDER: &str = "{input}";

/// A waiter: polls a describe action until a resource reaches a state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiter {
    /// UpperCamelCase name; the client method is `wait_until_<snake name>`.
    pub name: String,
    /// What the waiter waits for.
    pub description: String,
    /// The describe action polled.
    pub action: String,
    /// The waiter's argument (the resource's ID, say).
    pub input: WaiterInput,
    /// The request sent on each poll; the string `"{input}"` stands for the
    /// argument wherever a value of its type goes.
    pub request: serde_json::Value,
    /// Where the resource is in the response; absent: the response itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub select: Option<Select>,
    /// The member (of the selected item, or of the response) that holds the
    /// state.
    pub state: String,
    /// States that end the wait successfully.
    pub success: Matcher,
    /// States that end the wait as failed.
    #[serde(default, skip_serializing_if = "Matcher::is_empty")]
    pub failure: Matcher,
    /// Default total time allowed, in seconds.
    pub timeout_seconds: u64,
    /// Default first delay between polls, in seconds (doubled after each poll).
    pub min_delay_seconds: u64,
    /// Default longest delay between polls, in seconds.
    pub max_delay_seconds: u64,
    /// Reading of the source where it is unclear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A waiter's argument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WaiterInput {
    /// Name, as an API member would be spelled (`DBInstanceId`).
    pub name: String,
    /// `String`, `Integer` or `UInt64`.
    #[serde(rename = "type")]
    pub ty: String,
    /// What to pass.
    pub description: String,
}

/// Picks the resource out of a list in the response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Select {
    /// The output that lists resources (an array of a structure).
    pub list: String,
    /// The member of a listed item that equals the waiter's argument.
    pub key: String,
}

/// Which states match. Exactly one of the two is set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Matcher {
    /// The state equals one of these values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<Literal>,
    /// The state (a string or an array) is present and not empty.
    #[serde(default, skip_serializing_if = "is_false")]
    pub non_empty: bool,
}

impl Matcher {
    /// True when it matches nothing.
    pub fn is_empty(&self) -> bool {
        self.any_of.is_empty() && !self.non_empty
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

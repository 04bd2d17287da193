//! The request and response text of an `examples.json` example.
//!
//! An example `input` is an HTTP request written by hand for a web page, and
//! the published corpus has several shapes (counts for 3.1.193.1, 10,602
//! examples):
//!
//! - a request line, headers, a blank line and a JSON body
//!   (`POST / HTTP/1.1\nHost: ...\nX-TC-Action: ...\n<Common request
//!   parameters>\n\n{...}`), with `\n` or `\r\n`; the header block holds a
//!   placeholder line such as `<Common request parameters>`, sometimes no
//!   blank line before the body, or one before the headers;
//! - the same with every line break lost (`POST / HTTP/1.1Host: ...<Common
//!   request parameters>{...}`);
//! - a body alone (`{...}`);
//! - a GET as a URL with its query string split over lines
//!   (`https://cvm.tencentcloudapi.com/?Action=X\n&A=1\n&<Common request
//!   parameters>`), with no method word at all.
//!
//! [`parse_input`] classifies these into an [`ExampleInput`]; it never fails
//! and never panics. [`parse_output`] parses the response strictly.

use serde::Deserialize;
use serde_json::Value;

/// What an example request carries.
#[derive(Debug, Clone, PartialEq)]
pub enum ExampleInput {
    /// A POST (or a bare body) whose body is exactly one JSON object. An
    /// empty body reads as `{}`.
    Json(Value),
    /// A GET: the query string, without the leading `?`, its lines trimmed
    /// and joined (placeholders such as `&<Common request parameters>` are
    /// kept; see [`query_pairs`]).
    Query {
        /// The query string as written.
        raw: String,
    },
    /// Anything else: a POST whose body is not one JSON object, another
    /// method, or text that is not a request at all.
    NotJson {
        /// Why, for a report.
        reason: String,
    },
}

/// Classifies the `input` text of an example. See the module documentation
/// for the shapes it accepts.
pub fn parse_input(text: &str) -> ExampleInput {
    let text = text.trim_start();
    if text.starts_with('{') || text.starts_with('[') {
        return parse_body(text);
    }
    if starts_with_ignore_case(text, "https://") || starts_with_ignore_case(text, "http://") {
        return ExampleInput::Query {
            raw: url_query(&join_lines(text)),
        };
    }
    let Some((request_line, rest)) = split_request_line(text) else {
        let first = text.lines().next().unwrap_or("");
        return ExampleInput::NotJson {
            reason: format!("no request line: {:?}", truncate(first, 60)),
        };
    };
    match request_line.method {
        "POST" => parse_body(request_line_body(request_line.glued, rest)),
        "GET" => ExampleInput::Query {
            raw: url_query(request_line.target),
        },
        other => ExampleInput::NotJson {
            reason: format!("method {other} is neither POST nor GET"),
        },
    }
}

/// Parses an example `output` strictly: exactly one JSON value, surrounded
/// by nothing but whitespace. The error says what is wrong and where.
pub fn parse_output(text: &str) -> Result<Value, String> {
    if text.trim().is_empty() {
        return Err("empty".to_owned());
    }
    parse_strict(text).map_err(|e| e.to_string())
}

/// Splits a query string from [`ExampleInput::Query`] into `(key, value)`
/// pairs, in order. Placeholder segments (those starting with `<`, such as
/// `<Common request parameters>`) and empty segments are left out; values
/// are as written (no percent-decoding: the examples are not encoded).
pub fn query_pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .map(str::trim)
        .filter(|segment| !segment.is_empty() && !segment.starts_with('<'))
        .map(|segment| match segment.split_once('=') {
            Some((key, value)) => (key.trim().to_owned(), value.to_owned()),
            None => (segment.to_owned(), String::new()),
        })
        .collect()
}

/// The parsed request line.
struct RequestLine<'a> {
    method: &'a str,
    target: &'a str,
    /// Everything after the HTTP version when text follows it on the same
    /// line (line breaks lost: headers and body glued on), else `None`.
    glued: Option<&'a str>,
}

/// Splits `METHOD SP TARGET SP HTTP/x[.y]` off the front of `text`; returns
/// it and the text after its line.
fn split_request_line(text: &str) -> Option<(RequestLine<'_>, &str)> {
    let line_end = text.find('\n').unwrap_or(text.len());
    let rest = text.get(line_end + 1..).unwrap_or("");
    let line = text[..line_end].trim_end_matches('\r');
    let (method, after) = line.split_once(' ')?;
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let after = after.trim_start();
    let (target, after) = after.split_once(' ')?;
    let after = after.trim_start();
    if !after.starts_with("HTTP/") {
        return None;
    }
    // The version: HTTP/ then digits and dots; whatever follows is glued.
    let version_len = 5 + after[5..]
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    let glued = if after[version_len..].trim().is_empty() {
        None
    } else {
        // `after` is a suffix of `line`, itself a prefix of `text`.
        let start = line.len() - after.len() + version_len;
        Some(&text[start..])
    };
    Some((
        RequestLine {
            method,
            target,
            glued,
        },
        rest,
    ))
}

/// Finds the body of a POST after its request line.
///
/// When the request line had text glued on (line breaks lost), the body is
/// everything from the first `{` after the HTTP version, or empty when
/// there is none. Otherwise
/// header lines are skipped: `Name: value` lines, placeholder lines
/// (`<Common request parameters>`, `&<...>`), a repeated request line, and
/// blank lines before the first header. The body starts after the first
/// blank line that follows a header, or at the first line that starts with
/// `{` or `[` (or has one right after a placeholder's `>`), or at the first
/// line that is none of these.
fn request_line_body<'a>(glued: Option<&'a str>, rest: &'a str) -> &'a str {
    if let Some(glued) = glued {
        return match glued.find('{') {
            Some(i) => &glued[i..],
            None => glued.trim_start_matches(|c: char| c != '\n'),
        };
    }
    let mut seen_header = false;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if seen_header {
                return &rest[offset..];
            }
            continue;
        }
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            return &rest[start..];
        }
        if is_placeholder_start(trimmed) {
            seen_header = true;
            if let Some(close) = trimmed.find('>') {
                let after = trimmed[close + 1..].trim_start_matches('>').trim_start();
                if after.starts_with('{') {
                    let brace = line.find('{').unwrap_or(0);
                    return &rest[start + brace..];
                }
            }
            continue;
        }
        if is_header_line(trimmed) || split_request_line(trimmed).is_some() {
            seen_header = true;
            continue;
        }
        return &rest[start..];
    }
    ""
}

fn is_placeholder_start(line: &str) -> bool {
    line.starts_with('<') || line.starts_with("&<")
}

/// `Name: value` with an HTTP token as name.
fn is_header_line(line: &str) -> bool {
    match line.split_once(':') {
        Some((name, _)) => {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        }
        None => false,
    }
}

/// Classifies a body: empty is `{}`, one JSON object is JSON, anything else
/// is not.
fn parse_body(body: &str) -> ExampleInput {
    let body = body.trim();
    if body.is_empty() {
        return ExampleInput::Json(Value::Object(Default::default()));
    }
    match parse_strict(body) {
        Ok(value @ Value::Object(_)) => ExampleInput::Json(value),
        Ok(other) => ExampleInput::NotJson {
            reason: format!("body is a JSON {}, not an object", json_kind(&other)),
        },
        Err(e) => ExampleInput::NotJson {
            reason: format!("body is not JSON: {e}"),
        },
    }
}

/// Exactly one JSON value: trailing characters other than whitespace are an
/// error.
fn parse_strict(text: &str) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Value::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Joins the lines of a URL split over lines, each trimmed.
fn join_lines(text: &str) -> String {
    text.lines().map(str::trim).collect()
}

/// The query string of a URL or request target: what follows the first
/// `?`; empty when there is none.
fn url_query(url: &str) -> String {
    match url.split_once('?') {
        Some((_, query)) => query.to_owned(),
        None => String::new(),
    }
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn truncate(text: &str, max_chars: usize) -> &str {
    match text.char_indices().nth(max_chars) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn json_of(input: &str) -> Value {
        match parse_input(input) {
            ExampleInput::Json(v) => v,
            other => panic!("expected JSON, got {other:?}"),
        }
    }

    fn reason_of(input: &str) -> String {
        match parse_input(input) {
            ExampleInput::NotJson { reason } => reason,
            other => panic!("expected NotJson, got {other:?}"),
        }
    }

    #[test]
    fn post_with_headers_and_json_body() {
        let input = "POST / HTTP/1.1\nHost: postgres.tencentcloudapi.com\nContent-Type: application/json\nX-TC-Action: AddDBInstanceToReadOnlyGroup\n<Common request parameters>\n\n{\n    \"ReadOnlyGroupId\": \"pgrogrp-test\",\n    \"N\": 1\n}";
        assert_eq!(
            json_of(input),
            json!({"ReadOnlyGroupId": "pgrogrp-test", "N": 1})
        );
        let crlf = input.replace('\n', "\r\n");
        assert_eq!(json_of(&crlf), json_of(input));
    }

    #[test]
    fn big_integers_survive() {
        let v = json_of("POST / HTTP/1.1\nHost: a\n\n{\"Id\": 18446744073709551615}");
        assert_eq!(v["Id"].as_u64(), Some(u64::MAX));
    }

    #[test]
    fn empty_body_is_an_empty_object() {
        assert_eq!(
            json_of("POST / HTTP/1.1\nHost: a\nX-TC-Action: B\n<Common request parameters>\n\n"),
            json!({})
        );
        assert_eq!(json_of("POST / HTTP/1.1"), json!({}));
        assert_eq!(
            json_of("POST / HTTP/1.1Content-Type: application/jsoncommon request parameters"),
            json!({})
        );
    }

    #[test]
    fn body_without_blank_line_or_after_placeholder() {
        assert_eq!(
            json_of("POST / HTTP/1.1\nHost: a\n<Common Request Parameters>\n{\"A\": 1}"),
            json!({"A": 1})
        );
        assert_eq!(
            json_of("POST / HTTP/1.1\nHost: a\n<Common request parameters>{\"A\": 1}"),
            json!({"A": 1})
        );
        assert_eq!(
            json_of("POST / HTTP/1.1\nHost: a\n&<Common request parameters>\n\n{\"A\": 1}"),
            json!({"A": 1})
        );
    }

    #[test]
    fn blank_line_before_headers_and_indented_headers() {
        let input = "POST / HTTP/1.1 \n \nContent-Type: application/json \nX-TC-Action: CreateBlueprint \n<Common request parameters>\n\n{\"A\": 1}";
        assert_eq!(json_of(input), json!({"A": 1}));
        let input =
            "POST / HTTP/1.1\n      Host: a\n      <Common request parameters>\n\n{\"A\": 2}";
        assert_eq!(json_of(input), json!({"A": 2}));
    }

    #[test]
    fn repeated_request_line_in_headers() {
        let input = "POST / HTTP/1.1\nHost: a\nX-TC-Action: B\nPOST / HTTP/1.1\nHost: a\n<Public Request Parameters>\n\n{\"A\": 1}";
        assert_eq!(json_of(input), json!({"A": 1}));
    }

    #[test]
    fn line_breaks_lost() {
        let input = "POST / HTTP/1.1Host: billing.tencentcloudapi.comContent-Type: application/jsonX-TC-Action: DescribeBillSummaryByPayMode<Common request parameters>{    \"EndTime\": \"2018-11\",    \"BeginTime\": \"2018-11\"}";
        assert_eq!(
            json_of(input),
            json!({"EndTime": "2018-11", "BeginTime": "2018-11"})
        );
    }

    #[test]
    fn line_breaks_lost_on_the_first_line_only() {
        let input = "POST / HTTP/1.1Host: dts.tencentcloudapi.comX-TC-Action: IsolateSyncJob<Common request parameters>{    \"JobId\": \"sync-1\"\n}";
        assert_eq!(json_of(input), json!({"JobId": "sync-1"}));
        let input = "POST / HTTP/1.1Host: aX-TC-Action: B<Common request parameters>\nA=1";
        assert!(reason_of(input).starts_with("body is not JSON"));
    }

    #[test]
    fn bare_body() {
        assert_eq!(json_of("\t\n{\n  \"Limit\": 10\n}\n"), json!({"Limit": 10}));
        assert!(reason_of("[1, 2]").contains("array"));
    }

    #[test]
    fn strict_json_rejects_trailing_garbage_and_sloppy_json() {
        let reason =
            reason_of("POST / HTTP/1.1\nHost: a\n\n{\"A\": 1}\n<Common request parameters>");
        assert!(reason.contains("trailing characters"), "{reason}");
        let reason = reason_of("POST / HTTP/1.1\nHost: a\n\n{\"A\": 1,}");
        assert!(reason.starts_with("body is not JSON"), "{reason}");
        let reason = reason_of("POST / HTTP/1.1\nHost: a\n\n{\"A\": 1}{\"B\": 2}");
        assert!(reason.contains("trailing"), "{reason}");
        let reason = reason_of("POST / HTTP/1.1\nHost: a\n\n\"text\"");
        assert!(reason.contains("string"), "{reason}");
    }

    #[test]
    fn post_with_form_body_is_not_json() {
        let reason = reason_of("POST / HTTP/1.1\nHost: a\nContent-Type: x\n\nAction=A&B=1");
        assert!(reason.starts_with("body is not JSON"), "{reason}");
    }

    #[test]
    fn url_form_is_a_query() {
        let input = "https://cvm.tencentcloudapi.com/?Action=RunInstances\r\n&Placement.Zone=ap-guangzhou-2 \r\n&ImageId=img-1\n&<Common request parameters>";
        let ExampleInput::Query { raw } = parse_input(input) else {
            panic!("not a query")
        };
        assert_eq!(
            raw,
            "Action=RunInstances&Placement.Zone=ap-guangzhou-2&ImageId=img-1&<Common request parameters>"
        );
        assert_eq!(
            query_pairs(&raw),
            [
                ("Action".to_owned(), "RunInstances".to_owned()),
                ("Placement.Zone".to_owned(), "ap-guangzhou-2".to_owned()),
                ("ImageId".to_owned(), "img-1".to_owned()),
            ]
        );
        // `?` on its own line.
        let ExampleInput::Query { raw } =
            parse_input("https://cdwdoris.tencentcloudapi.com/\n?Action=X\n&A=1")
        else {
            panic!("not a query")
        };
        assert_eq!(raw, "Action=X&A=1");
    }

    #[test]
    fn get_request_line_is_a_query() {
        assert_eq!(
            parse_input("GET /?Action=A&B=2 HTTP/1.1\nHost: a\n\n"),
            ExampleInput::Query {
                raw: "Action=A&B=2".to_owned()
            }
        );
        assert_eq!(
            parse_input("https://a.tencentcloudapi.com/"),
            ExampleInput::Query { raw: String::new() }
        );
    }

    #[test]
    fn other_methods_and_non_requests() {
        assert!(reason_of("PUT / HTTP/1.1\nHost: a\n\n{}").contains("PUT"));
        assert!(reason_of("").contains("no request line"));
        assert!(reason_of("see the console").contains("no request line"));
        assert!(reason_of("post / HTTP/1.1").contains("no request line"));
        assert!(reason_of("POST /").contains("no request line"));
        // Multi-byte text never panics.
        assert!(reason_of("请求 / HTTP/1.1").contains("no request line"));
        let long = "é".repeat(200);
        assert!(reason_of(&long).len() < 200);
    }

    #[test]
    fn query_pairs_edge_cases() {
        assert_eq!(
            query_pairs("A=1&&B&C=x=y&<public parameters>"),
            [
                ("A".to_owned(), "1".to_owned()),
                ("B".to_owned(), String::new()),
                ("C".to_owned(), "x=y".to_owned()),
            ]
        );
    }

    #[test]
    fn output_is_strict() {
        assert_eq!(
            parse_output("{\n  \"Response\": {\"RequestId\": \"r\"}\n}\n").unwrap(),
            json!({"Response": {"RequestId": "r"}})
        );
        assert!(parse_output("{\"A\": 1,}").is_err());
        assert!(parse_output("{\"A\": 1} x")
            .unwrap_err()
            .contains("trailing"));
        assert_eq!(parse_output("  ").unwrap_err(), "empty");
        let err = parse_output("{\n\"A\": 1\n\"B\": 2}").unwrap_err();
        assert!(err.contains("line 3"), "{err}");
    }
}

//! A GET example's query string as the JSON body it stands for.
//!
//! API 3.0 flattens a request into query parameters: a list element is
//! `Name.N` (from 0), a structure member `Name.Member`, so
//! `Filters.0.Values.1=b` is `{"Filters": [{"Values": [_, "b"]}]}`. Values
//! stay strings, as the query carries them; the SDK reads numbers and
//! booleans from strings. The common parameters (`Action`, `Version`, ...)
//! are left out unless the action has a parameter of that name.

use serde_json::{Map, Value};

/// Common parameters a query string carries besides the action's own.
const COMMON: [&str; 11] = [
    "Action",
    "Version",
    "Region",
    "Timestamp",
    "Nonce",
    "SecretId",
    "Signature",
    "SignatureMethod",
    "Token",
    "Language",
    "RequestClient",
];

/// The JSON body of `pairs` (from [`crate::http_example::query_pairs`]);
/// `parameters` are the action's parameter names. An error says which key
/// does not fit the flattening rules.
pub fn query_to_json(pairs: &[(String, String)], parameters: &[&str]) -> Result<Value, String> {
    let mut root = Value::Object(Map::new());
    for (key, value) in pairs {
        let segments: Vec<&str> = key.split('.').map(str::trim).collect();
        let first = segments[0];
        if first.is_empty() || segments.iter().any(|s| s.is_empty()) {
            return Err(format!("query key {key:?} has an empty segment"));
        }
        if COMMON.contains(&first) && !parameters.contains(&first) {
            continue;
        }
        insert(&mut root, &segments, value, key)?;
    }
    Ok(root)
}

/// Puts `value` at `segments` below `node`, creating lists and objects.
fn insert(node: &mut Value, segments: &[&str], value: &str, key: &str) -> Result<(), String> {
    let Some((head, rest)) = segments.split_first() else {
        if node.is_null() {
            *node = Value::String(value.to_owned());
            return Ok(());
        }
        return Err(format!(
            "query key {key:?} is given twice or also as a prefix"
        ));
    };
    let child = match head.parse::<usize>() {
        Ok(index) => {
            if node.is_null() {
                *node = Value::Array(Vec::new());
            }
            let Value::Array(items) = node else {
                return Err(format!(
                    "query key {key:?} indexes a member that is not a list"
                ));
            };
            match index.cmp(&items.len()) {
                std::cmp::Ordering::Less => &mut items[index],
                std::cmp::Ordering::Equal => {
                    items.push(Value::Null);
                    &mut items[index]
                }
                std::cmp::Ordering::Greater => {
                    return Err(format!(
                        "query key {key:?} skips list positions (lists count from 0)"
                    ))
                }
            }
        }
        Err(_) => {
            if node.is_null() {
                *node = Value::Object(Map::new());
            }
            let Value::Object(members) = node else {
                return Err(format!("query key {key:?} names a member of a value"));
            };
            members.entry(*head).or_insert(Value::Null)
        }
    };
    insert(child, rest, value, key)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        crate::http_example::query_pairs(text)
    }

    #[test]
    fn flattened_lists_and_members_nest_again() {
        let body = query_to_json(
            &pairs(
                "Action=DescribeThings&Version=2020-01-01&Limit=20&Filters.0.Name=zone\
                 &Filters.0.Values.0=a&Filters.0.Values.1=b&Filters.1.Name=x&Ids.0=i-1\
                 &<Common request parameters>",
            ),
            &["Limit", "Filters", "Ids"],
        )
        .expect("body");
        assert_eq!(
            body,
            json!({"Limit": "20", "Ids": ["i-1"],
                   "Filters": [{"Name": "zone", "Values": ["a", "b"]}, {"Name": "x"}]})
        );
    }

    #[test]
    fn a_parameter_named_like_a_common_one_is_kept() {
        let body =
            query_to_json(&pairs("Action=X&Region=ap-beijing&Nonce=1"), &["Region"]).expect("body");
        assert_eq!(body, json!({"Region": "ap-beijing"}));
    }

    #[test]
    fn keys_that_do_not_flatten_are_reported() {
        for (query, why) in [
            ("Ids.1=a", "skips list positions"),
            ("A=1&A=2", "given twice"),
            ("A=1&A.B=2", "names a member of a value"),
            ("A.B=1&A.0=2", "not a list"),
            ("A..B=1", "empty segment"),
            ("A.B=1&A=2", "given twice or also as a prefix"),
        ] {
            let err = query_to_json(&pairs(query), &["A", "Ids"]).unwrap_err();
            assert!(err.contains(why), "{query}: {err}");
        }
    }
}

//! Serde model of the official API description of one service version:
//! `api.json` (actions, structures, metadata) and `examples.json` (request
//! and response examples per action), as shipped in the `tccli` package
//! under `tccli/services/<service>/v<YYYYMMDD>/`.
//!
//! The model is deliberately lenient where the published files vary and
//! strict where a wrong reading would silently change meaning:
//!
//! - unknown keys are ignored everywhere, so a newer file still reads;
//! - maps are [`BTreeMap`]s, so iteration order is sorted and deterministic;
//! - `document` strings and example fields may be missing or `null` (read as
//!   empty);
//! - `version` is missing in some files (10 of 160 in 3.1.193.1);
//! - boolean flags accept `true`/`false`, `0`/`1` (databuddy 2026-07-15 has
//!   `"required": 1`) and the strings `"true"`/`"false"`; any other value is
//!   an error that names its JSON path;
//! - a member's `example` may be any JSON value and is kept as text.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The whole `api.json` of one service version.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct ApiJson {
    /// Actions by action name (e.g. `CloneDBInstance`).
    pub actions: BTreeMap<String, Action>,
    /// Structures by name: request and response structures
    /// (`<Action>Request`, `<Action>Response`) and shared data types.
    pub objects: BTreeMap<String, Object>,
    /// Which service and API version the file describes.
    pub metadata: Metadata,
    /// Format version of the file (`"1.0"`); absent in some files.
    #[serde(default)]
    pub version: Option<String>,
}

/// One action of `api.json`. Its name is the key in [`ApiJson::actions`].
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Action {
    /// Short human title of the action, e.g. "Clones an instance". Stored
    /// under the key `name` in the file, which is *not* the action name.
    #[serde(rename = "name", default, deserialize_with = "string_or_null")]
    pub title: String,
    /// Description (HTML and/or Markdown; see [`crate::markdown`]).
    #[serde(default, deserialize_with = "string_or_null")]
    pub document: String,
    /// Name of the request structure in [`ApiJson::objects`].
    pub input: String,
    /// Name of the response structure in [`ApiJson::objects`].
    pub output: String,
    /// `online`, `deprecated`, or absent.
    #[serde(default)]
    pub status: Option<String>,
    /// The request is sent unsigned (`Authorization: SKIP`), e.g. sts
    /// `AssumeRoleWithWebIdentity`.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub skip_sign: bool,
}

impl Action {
    /// Whether the action is marked `"status": "deprecated"`.
    pub fn is_deprecated(&self) -> bool {
        self.status.as_deref() == Some("deprecated")
    }
}

/// One structure of `api.json`. Its name is the key in [`ApiJson::objects`].
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Object {
    /// Description (HTML and/or Markdown).
    #[serde(default, deserialize_with = "string_or_null")]
    pub document: String,
    /// Fields, in file order.
    pub members: Vec<Member>,
    /// The file's `type`: `object` on request/response structures, absent
    /// on shared data types.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// Where a shared data type is used: `in`, `out` or `both`; absent on
    /// request/response structures.
    #[serde(default)]
    pub usage: Option<String>,
}

/// One field of a structure.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Member {
    /// Wire name of the field, e.g. `DBInstanceId`.
    pub name: String,
    /// The file's `type`: `string`, `int`, `float`, `bool`, `list` or
    /// `object`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The file's `member`: for scalars the precise type (`string`,
    /// `int64`, `uint64`, `float`, `bool`, `datetime`, `datetime_iso`,
    /// `date`); for `list` the element type or structure name; for `object`
    /// the structure name.
    pub member: String,
    /// Description (HTML and/or Markdown).
    #[serde(default, deserialize_with = "string_or_null")]
    pub document: String,
    /// Example value as text: a JSON string as-is, any other JSON value as
    /// compact JSON; `None` when absent or `null`.
    #[serde(default, deserialize_with = "example_text")]
    pub example: Option<String>,
    /// The field must not be sent (`disabled`).
    #[serde(default, deserialize_with = "lenient_bool")]
    pub disabled: bool,
    /// Input fields: the field is required.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub required: bool,
    /// Output fields: the value may be `null`.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub value_allowed_null: bool,
    /// Output fields: the field is always present.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub output_required: bool,
}

/// The `metadata` block of `api.json`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Metadata {
    /// API version as a date, e.g. `2017-03-12`.
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    /// Service short name, e.g. `postgres`.
    #[serde(rename = "serviceShortName")]
    pub service_short_name: String,
    /// Product name as shown on the site (despite the key, English in the
    /// international package).
    #[serde(rename = "serviceNameCN", default, deserialize_with = "string_or_null")]
    pub service_name_cn: String,
}

/// The whole `examples.json` of one service version.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct ExamplesJson {
    /// Examples by action name, in file order per action.
    #[serde(default)]
    pub actions: BTreeMap<String, Vec<Example>>,
    /// Format version of the file; absent in some files.
    #[serde(default)]
    pub version: Option<String>,
}

/// One example of an action. Every field may be missing (read as empty).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct Example {
    /// Short title.
    #[serde(default, deserialize_with = "string_or_null")]
    pub title: String,
    /// Longer explanation (often a single space).
    #[serde(default, deserialize_with = "string_or_null")]
    pub document: String,
    /// The HTTP request as text; see [`crate::http_example::parse_input`].
    #[serde(default, deserialize_with = "string_or_null")]
    pub input: String,
    /// The JSON response as text; see [`crate::http_example::parse_output`].
    #[serde(default, deserialize_with = "string_or_null")]
    pub output: String,
}

/// A JSON document that did not parse into the model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{json_path}: {message}")]
pub struct JsonError {
    /// Where in the document, e.g. `$.objects.FooRequest.members[3].required`
    /// (`$` for the document itself).
    pub json_path: String,
    /// What is wrong, with line and column.
    pub message: String,
}

/// Reading a service version's files failed.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not valid JSON or does not fit the model.
    #[error("{}: {error}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// Where and what.
        error: JsonError,
    },
}

/// Parses the text of an `api.json`.
pub fn parse_api_json(text: &str) -> Result<ApiJson, JsonError> {
    parse_json(text)
}

/// Parses the text of an `examples.json`.
pub fn parse_examples_json(text: &str) -> Result<ExamplesJson, JsonError> {
    parse_json(text)
}

/// Reads `api.json` and `examples.json` from one service version folder
/// (`.../services/<service>/v<YYYYMMDD>`). A missing `examples.json` gives
/// empty examples; a missing `api.json` is an error.
pub fn read_service_version(dir: &Path) -> Result<(ApiJson, ExamplesJson), ReadError> {
    let api_path = dir.join("api.json");
    let api_text = read_text(&api_path)?;
    let api = parse_api_json(&api_text).map_err(|error| ReadError::Json {
        path: api_path.clone(),
        error,
    })?;
    let examples_path = dir.join("examples.json");
    let examples = match std::fs::read_to_string(&examples_path) {
        Ok(text) => parse_examples_json(&text).map_err(|error| ReadError::Json {
            path: examples_path.clone(),
            error,
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => ExamplesJson::default(),
        Err(source) => {
            return Err(ReadError::Io {
                path: examples_path,
                source,
            })
        }
    };
    Ok((api, examples))
}

fn read_text(path: &Path) -> Result<String, ReadError> {
    std::fs::read_to_string(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| JsonError {
        json_path: format_path(e.path()),
        message: e.inner().to_string(),
    })?;
    de.end().map_err(|e| JsonError {
        json_path: "$".to_owned(),
        message: e.to_string(),
    })?;
    Ok(value)
}

/// Formats a serde path as `$.key[0]["odd key"]`.
fn format_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::from("$");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => {
                let _ = write!(out, "[{index}]");
            }
            Segment::Map { key } => {
                let plain = !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                if plain {
                    out.push('.');
                    out.push_str(key);
                } else {
                    let _ = write!(out, "[{}]", Value::String(key.clone()));
                }
            }
            Segment::Enum { variant } => {
                out.push('.');
                out.push_str(variant);
            }
            // A syntax error between keys: the enclosing path is all we know.
            Segment::Unknown => {}
        }
    }
    out
}

fn string_or_null<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

fn example_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    })
}

fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    struct LenientBool;
    impl Visitor<'_> for LenientBool {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a boolean, 0, 1, \"true\" or \"false\"")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
            Ok(v)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
            match v {
                0 => Ok(false),
                1 => Ok(true),
                _ => Err(E::invalid_value(Unexpected::Unsigned(v), &self)),
            }
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
            match v {
                0 => Ok(false),
                1 => Ok(true),
                _ => Err(E::invalid_value(Unexpected::Signed(v), &self)),
            }
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
            match v {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(E::invalid_value(Unexpected::Str(v), &self)),
            }
        }
        fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_none<E: de::Error>(self) -> Result<bool, E> {
            Ok(false)
        }
    }
    d.deserialize_any(LenientBool)
}

#[cfg(test)]
mod tests {
    use super::*;

    const API: &str = r#"{
      "actions": {
        "CloneInstances": {
          "name": "Clones an instance",
          "document": "This API is used to clone.",
          "input": "CloneInstancesRequest",
          "output": "CloneInstancesResponse",
          "status": "online",
          "future_key": {"nested": true}
        },
        "AssumeRoleWithSAML": {
          "name": "t", "document": "d", "input": "I", "output": "O",
          "skip_sign": true
        }
      },
      "objects": {
        "CloneInstancesRequest": {
          "document": "",
          "type": "object",
          "members": [
            {"name": "GoodsNum", "type": "int", "member": "int64",
             "document": "Number.", "example": 1, "required": true, "disabled": false},
            {"name": "Tags", "type": "list", "member": "Tag",
             "document": "Tags.", "example": ["a", {"k": 2}], "required": 1},
            {"name": "Vpc", "type": "string", "member": "string",
             "document": null, "example": "vpc-1", "required": "false"},
            {"name": "Null", "type": "string", "member": "string",
             "document": "x", "example": null}
          ]
        },
        "Tag": {"document": "A tag.", "usage": "both", "members": []}
      },
      "metadata": {"apiVersion": "2018-04-12", "serviceShortName": "redis",
                   "serviceNameCN": "TencentDB for Redis"}
    }"#;

    #[test]
    fn reads_actions_objects_and_metadata() {
        let api = parse_api_json(API).unwrap();
        assert_eq!(api.version, None);
        assert_eq!(api.metadata.api_version, "2018-04-12");
        assert_eq!(api.metadata.service_short_name, "redis");
        let clone = &api.actions["CloneInstances"];
        assert_eq!(clone.title, "Clones an instance");
        assert_eq!(clone.input, "CloneInstancesRequest");
        assert!(!clone.skip_sign);
        assert!(!clone.is_deprecated());
        assert!(api.actions["AssumeRoleWithSAML"].skip_sign);
        // BTreeMap: sorted, not file order.
        let names: Vec<_> = api.actions.keys().map(String::as_str).collect();
        assert_eq!(names, ["AssumeRoleWithSAML", "CloneInstances"]);
        let tag = &api.objects["Tag"];
        assert_eq!(tag.kind, None);
        assert_eq!(tag.usage.as_deref(), Some("both"));
    }

    #[test]
    fn members_keep_file_order_and_read_leniently() {
        let api = parse_api_json(API).unwrap();
        let members = &api.objects["CloneInstancesRequest"].members;
        let names: Vec<_> = members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["GoodsNum", "Tags", "Vpc", "Null"]);
        assert_eq!(members[0].kind, "int");
        assert_eq!(members[0].member, "int64");
        assert_eq!(members[0].example.as_deref(), Some("1"));
        assert!(members[0].required);
        assert_eq!(members[1].example.as_deref(), Some(r#"["a",{"k":2}]"#));
        assert!(members[1].required, "1 reads as true");
        assert_eq!(members[2].document, "", "null document reads as empty");
        assert_eq!(members[2].example.as_deref(), Some("vpc-1"));
        assert!(!members[2].required, "\"false\" reads as false");
        assert_eq!(members[3].example, None);
        assert!(!members[3].required && !members[3].disabled);
    }

    #[test]
    fn bad_flag_names_its_json_path() {
        let text = API.replace(r#""required": 1"#, r#""required": 2"#);
        let err = parse_api_json(&text).unwrap_err();
        assert_eq!(
            err.json_path,
            "$.objects.CloneInstancesRequest.members[1].required"
        );
        assert!(err.message.contains("invalid value"), "{}", err.message);
    }

    #[test]
    fn missing_key_and_syntax_errors_name_a_path() {
        let err = parse_api_json(r#"{"actions": {}, "objects": {}}"#).unwrap_err();
        assert_eq!(err.json_path, "$");
        assert!(err.message.contains("metadata"), "{}", err.message);

        let err = parse_api_json(r#"{"actions": {"A": {"input": "I", "output": 3}}}"#).unwrap_err();
        assert_eq!(err.json_path, "$.actions.A.output");

        let err = parse_api_json(r#"{"actions": {"A b": {"input": "I",}}}"#).unwrap_err();
        assert_eq!(err.json_path, r#"$.actions["A b"]"#);
        assert!(err.message.contains("line 1"), "{}", err.message);

        let err = parse_examples_json(r#"{"actions": {}} trailing"#).unwrap_err();
        assert_eq!(err.json_path, "$");
    }

    #[test]
    fn examples_tolerate_missing_fields() {
        let ex = parse_examples_json(
            r#"{"actions": {"A": [{"title": "t", "input": "POST / HTTP/1.1"}, {}]}, "x": 1}"#,
        )
        .unwrap();
        assert_eq!(ex.actions["A"].len(), 2);
        assert_eq!(ex.actions["A"][0].title, "t");
        assert_eq!(ex.actions["A"][0].output, "");
        assert_eq!(ex.actions["A"][1], Example::default());
        assert_eq!(parse_examples_json("{}").unwrap(), ExamplesJson::default());
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "importer-description-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn read_service_version_without_examples() {
        let dir = temp_dir("noexamples");
        std::fs::write(dir.join("api.json"), API).unwrap();
        let (api, examples) = read_service_version(&dir).unwrap();
        assert_eq!(api.actions.len(), 2);
        assert!(examples.actions.is_empty());

        std::fs::write(dir.join("examples.json"), r#"{"actions": {"A": 1}}"#).unwrap();
        let err = read_service_version(&dir).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("examples.json: $.actions.A: invalid type"),
            "{text}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn read_service_version_missing_api_json_is_an_error() {
        let dir = temp_dir("noapi");
        let err = read_service_version(&dir).unwrap_err();
        assert!(matches!(err, ReadError::Io { .. }));
        assert!(err.to_string().contains("api.json"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

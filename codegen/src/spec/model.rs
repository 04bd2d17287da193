//! The spec model: exactly what a file in `api-spec/` says, nothing resolved.
//!
//! Field order here is the canonical key order of the files (`cargo xtask spec
//! --fix` writes them back through these types), so keep it reader-friendly:
//! names first, then types, then prose, then constraints.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `api-spec/<service>/<version>/service.json`: one API version of a product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceSpec {
    /// Relative path of `spec.schema.json`, for editors.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// The service's name in this project: its folder, crate and module.
    /// Signing uses it too unless `signing_name` says otherwise.
    pub service: String,
    /// API version, `YYYY-MM-DD`.
    pub version: String,
    /// The name TC3 signing and the hosts use (the description's
    /// `serviceShortName`), when it differs from `service`: `as` for
    /// `autoscaling`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_name: Option<String>,
    /// Product name as the pages spell it.
    pub product: String,
    /// Hosts that serve this API.
    pub endpoints: Endpoints,
    /// Imported keys whose checked-in value is curated and kept by every
    /// import (only `product` can be).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub curated: Vec<String>,
    /// Reading of the sources where they are unclear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Curated: waiters over this version's describe actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waiters: Vec<super::flows::Waiter>,
}

impl ServiceSpec {
    /// The name signing and the hosts use: `signing_name`, else `service`.
    pub fn signing_name(&self) -> &str {
        self.signing_name.as_deref().unwrap_or(&self.service)
    }
}

/// Endpoint hosts of a service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Endpoints {
    /// The host the edition's official SDKs call by default:
    /// `postgres.intl.tencentcloudapi.com` (international),
    /// `postgres.tencentcloudapi.com` (Chinese site, the nearest region).
    pub default: String,
    /// Region-pinned host template with a `{region}` placeholder.
    pub regional: String,
    /// International-site host named on the API page.
    pub international: String,
}

/// `api-spec/<service>/<version>/actions/<Action>.json`: one API action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionSpec {
    /// Relative path of `spec.schema.json`, for editors.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// Action name, the `X-TC-Action` value; equals the file stem.
    pub name: String,
    /// Imported: the description's one-line title of the action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the action does (imported, or the page's "API Description" when
    /// listed in `curated`).
    pub description: String,
    /// Imported: the description marks the action deprecated.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// Imported: the action is called unsigned (`Authorization: SKIP`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub skip_sign: bool,
    /// Curated: import-owned keys of this action (`description`, `title`)
    /// whose curated value a re-import keeps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub curated: Vec<String>,
    /// Curated: the page this file was transcribed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Curated: documented request rate limit (requests per second).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit_per_second: Option<u32>,
    /// Curated: the action buys or changes something billed. A failure whose
    /// outcome is unknown then says that it may have bought, and how to check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase: Option<Purchase>,
    /// The page marks the common parameter `Region` as required.
    #[serde(default, skip_serializing_if = "is_false")]
    pub region_required: bool,
    /// Regions the page says the action supports; empty when the page lists none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// Input parameters, without the common parameters (Action, Version, Region),
    /// which travel as headers.
    pub parameters: Vec<Field>,
    /// Cross-field rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    /// Output parameters, `RequestId` included.
    pub outputs: Vec<Output>,
    /// How the action pages through a list (drafted by the importer,
    /// reviewed here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<super::flows::Pagination>,
    /// Curated: action-specific error codes, in page order. When empty, the
    /// action returns its service version's codes (`error-codes.json`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorCode>,
    /// Examples: the page's (curated) and the description's (`imported`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// What an action that buys tells a user whose call ended with an unknown
/// outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Purchase {
    /// How to find out whether the purchase went through, before retrying
    /// (an action to call, and what to look for).
    pub check: String,
    /// Outputs that identify what was bought (order numbers, instance IDs),
    /// in the order a user would quote them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
}

impl ActionSpec {
    /// The `Response` object of the first example whose response is a
    /// success that decodes (as the description wrote it, corrections
    /// included): what the registry and the mock answer by default.
    pub fn example_response(&self) -> Option<&serde_json::Value> {
        self.examples
            .iter()
            .filter(|e| {
                !e.unchecked
                    .as_deref()
                    .is_some_and(|u| u.contains("response does not decode"))
            })
            .find_map(|e| {
                e.response
                    .get("Response")
                    .filter(|r| r.get("Error").is_none())
            })
    }
}

/// Where a spec file's facts come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Page URL.
    pub url: String,
    /// The page's "last updated" stamp, as printed.
    pub last_updated: String,
    /// Reading of the source where it is unclear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// `api-spec/<service>/<version>/structures/<Name>.json`: a named structure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StructureSpec {
    /// Relative path of `spec.schema.json`, for editors.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// Structure name; equals the file stem.
    pub name: String,
    /// Rust type name when the API's name cannot be used (it clashes with
    /// another generated name); the wire name is untouched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// What the structure describes.
    pub description: String,
    /// Curated: import-owned keys (`description`) whose curated value a
    /// re-import keeps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub curated: Vec<String>,
    /// Curated: reading of the source where it is unclear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Its fields.
    pub fields: Vec<Field>,
}

/// `api-spec/<service>/<version>/error-codes.json`: the codes of a service
/// version, shared by its actions that list no codes of their own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceErrorsSpec {
    /// Relative path of `spec.schema.json`, for editors.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// Where the codes come from.
    pub source: String,
    /// The codes, sorted.
    pub errors: Vec<ErrorCode>,
}

/// `api-spec/common-errors.json`: codes any action may return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommonErrorsSpec {
    /// Relative path of `spec.schema.json`, for editors.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// Where the codes come from.
    pub source: String,
    /// The codes.
    pub errors: Vec<ErrorCode>,
}

/// An input parameter or a structure field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Wire name, without the page's `.N` array suffix.
    pub name: String,
    /// Rust field name when the derived one cannot be used (a clash, a
    /// reserved method name); the wire name is untouched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// `String`, `Integer` (i64), `UInt64` (u64), `Float` (f64), `Boolean`,
    /// or the name of a structure.
    #[serde(rename = "type")]
    pub ty: String,
    /// The format of a `String` value (dates and times).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<StringFormat>,
    /// True for the page's "Array of X".
    #[serde(default, skip_serializing_if = "is_false")]
    pub array: bool,
    /// The page's "Required" column.
    pub required: bool,
    /// The description, verbatim (Markdown); may be empty.
    pub description: String,
    /// The description's example value, as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// The description marks the member disabled: it is never sent, and the
    /// generated type has no field for it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub disabled: bool,
    /// Curated: the member is deprecated.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// Curated: import-owned keys (`type`, `required`, `description`,
    /// `sensitive`) whose curated value a re-import keeps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub curated: Vec<String>,
    /// Documented default, when it is a single value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Literal>,
    /// Documented default, when the page describes it in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_description: Option<String>,
    /// Unit of the value (GB, month, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// A secret: never shown in Debug output, logs or error messages. The
    /// import sets it on strings whose name reads as a secret (`Password`,
    /// `SecretKey`, ...); set by hand elsewhere, it is curated.
    #[serde(default, skip_serializing_if = "is_false")]
    pub sensitive: bool,
    /// Constraints the page states on the value (on each element of an array).
    #[serde(default, skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
    /// Reading of the page where it is unclear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Constraints drafted from the description's document by the import,
    /// documented and never enforced; its `review` is curated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<super::DraftSpec>,
}

/// Constraints on one value. All that are present must hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    /// Enumerated values with their meanings; other values are rejected.
    #[serde(rename = "enum", default, skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<EnumValue>,
    /// Allowed values without individual meanings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<Literal>,
    /// Inclusive numeric range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<Bounds>,
    /// The value must be a multiple of this step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiple_of: Option<i64>,
    /// Inclusive length range, counted in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<Bounds>,
    /// Characters the value may contain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charset: Option<Charset>,
    /// The value must start with this text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Password rules: the value must satisfy at least one variant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub password: Vec<PasswordVariant>,
}

impl Constraints {
    /// True when no constraint is set.
    pub fn is_empty(&self) -> bool {
        self == &Constraints::default()
    }
}

/// An enumerated value and its meaning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// The wire value.
    pub value: Literal,
    /// Name of the generated variant; required for integer values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The page's meaning of the value.
    pub description: String,
}

/// An inclusive range; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    /// Smallest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// Largest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
}

/// A set of allowed characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Charset {
    /// Character classes.
    pub classes: Vec<CharClass>,
    /// Further single characters.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub chars: String,
}

/// A class of characters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CharClass {
    /// ASCII `a-z`.
    Lowercase,
    /// ASCII `A-Z`.
    Uppercase,
    /// ASCII letters, `a-z` and `A-Z`.
    Letters,
    /// ASCII `0-9`.
    Digits,
    /// Chinese characters (CJK Unified Ideographs).
    Chinese,
}

/// One set of password rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordVariant {
    /// When this variant applies, in the page's words.
    pub applies_to: String,
    /// Inclusive length range, in characters.
    pub length: Bounds,
    /// Allowed character classes.
    pub classes: Vec<CharClass>,
    /// Allowed special characters.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub specials: String,
    /// Least number of kinds (lowercase, uppercase, digits, specials) present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_kinds: Option<u32>,
    /// Characters the password may not start with.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub not_first: String,
}

/// A cross-field rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// What kind of rule.
    pub kind: RuleKind,
    /// Parameters the rule constrains.
    pub parameters: Vec<String>,
    /// Condition for `required_if` and `constraints_if`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// Constraints that hold under the condition (`constraints_if`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraints: Option<Constraints>,
    /// The page's words for the rule.
    pub description: String,
    /// Reading of the page where it is unclear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Kinds of cross-field rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// Exactly one of `parameters` is present.
    ExactlyOneOf,
    /// Each of `parameters` is present when `when` holds.
    RequiredIf,
    /// `constraints` hold for the single parameter when `when` holds.
    ConstraintsIf,
}

impl RuleKind {
    /// The kind's name as spec files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::ExactlyOneOf => "exactly_one_of",
            RuleKind::RequiredIf => "required_if",
            RuleKind::ConstraintsIf => "constraints_if",
        }
    }
}

/// A condition on another parameter. An absent parameter takes its documented
/// default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The parameter tested.
    pub parameter: String,
    /// Holds when the parameter (or its default) equals this value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<Literal>,
    /// Holds when the parameter's presence equals this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present: Option<bool>,
}

/// An output parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// Wire name.
    pub name: String,
    /// Rust field name when the derived one cannot be used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// `String`, `Integer`, `UInt64`, `Float`, `Boolean`, or a structure name.
    #[serde(rename = "type")]
    pub ty: String,
    /// The format of a `String` value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<StringFormat>,
    /// True for "Array of X".
    #[serde(default, skip_serializing_if = "is_false")]
    pub array: bool,
    /// The description, verbatim (Markdown); may be empty.
    pub description: String,
    /// The description's example value, as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// The field may be absent from the response.
    #[serde(default, skip_serializing_if = "is_false")]
    pub may_be_absent: bool,
    /// The field may be `null`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// The description marks the field disabled; the generated type has no field for it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub disabled: bool,
    /// Curated: the field is deprecated.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// A secret the response carries: never shown in Debug output or error
    /// messages. Set by the import as for members (see [`Field::sensitive`]).
    #[serde(default, skip_serializing_if = "is_false")]
    pub sensitive: bool,
    /// Curated: import-owned keys (`type`, `may_be_absent`, `nullable`,
    /// `description`, `sensitive`) whose curated value a re-import keeps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub curated: Vec<String>,
    /// Curated: reading of the source where it is unclear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The format of a string value.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum StringFormat {
    /// A date, `YYYY-MM-DD`.
    Date,
    /// A date and time, `YYYY-MM-DD hh:mm:ss`.
    Datetime,
    /// An ISO 8601 date and time, `YYYY-MM-DDThh:mm:ss+08:00`.
    DatetimeIso,
}

impl StringFormat {
    /// The format's name as spec files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            StringFormat::Date => "date",
            StringFormat::Datetime => "datetime",
            StringFormat::DatetimeIso => "datetime_iso",
        }
    }
}

/// An error code and its description, spelled exactly as on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    /// The wire code.
    pub code: String,
    /// The page's description.
    pub description: String,
}

/// A documented example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The example's title.
    pub title: String,
    /// Imported from the description's `examples.json` (rewritten on each
    /// import); otherwise curated from a page.
    #[serde(default, skip_serializing_if = "is_false")]
    pub imported: bool,
    /// The example's description.
    pub description: String,
    /// Request body, verbatim (a string when it is not a JSON body).
    pub request: serde_json::Value,
    /// Response body (the whole envelope), verbatim (a string when it is not JSON).
    pub response: serde_json::Value,
    /// Violations the request has against this spec, when the page's example
    /// contradicts the page's own parameter table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expected_violations: Vec<ExpectedViolation>,
    /// Why the example differs from the table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Why the example is kept but not checked, in part or whole (the
    /// request is not a JSON body, the response is not JSON or does not
    /// decode into the outputs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unchecked: Option<String>,
    /// A curator's reading of an imported example that breaks the spec (its
    /// request has recorded violations, or its response does not decode):
    /// why the example, and not the rule, is wrong. Kept across imports while
    /// the description's example stays the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
}

/// A violation an example is known to have.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectedViolation {
    /// Wire path, e.g. `DBNodeSet[1].Role`.
    pub path: String,
    /// Rule kind, as validators name it (`enum`, `range`, ...).
    pub rule: String,
}

/// A literal value in a spec: a default, an enum value, a condition value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Literal {
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// An integer above `i64::MAX`.
    UInt(u64),
    /// A string.
    Str(String),
}

impl std::fmt::Display for Literal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Int(i) => write!(f, "{i}"),
            Literal::UInt(i) => write!(f, "{i}"),
            Literal::Str(s) => write!(f, "\"{s}\""),
        }
    }
}

/// Any spec file; used for the JSON Schema only (the loader picks the kind
/// from the file's place in the tree).
#[derive(JsonSchema)]
#[serde(untagged)]
// Never built: it only describes the files to the schema generator.
#[allow(dead_code, clippy::large_enum_variant)]
pub enum AnySpecFile {
    /// `service.json`.
    Service(ServiceSpec),
    /// `actions/*.json`.
    Action(ActionSpec),
    /// `structures/*.json`.
    Structure(StructureSpec),
    /// `common-errors.json`.
    CommonErrors(CommonErrorsSpec),
    /// `<service>/<version>/error-codes.json`.
    ServiceErrors(ServiceErrorsSpec),
}

fn is_false(b: &bool) -> bool {
    !*b
}

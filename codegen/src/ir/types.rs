//! The IR's types: what the emitters read.

use crate::names;
use crate::spec::{Constraints, Endpoints, Literal, RuleKind, StringFormat};

use super::{PaginationIr, WaiterIr};

/// Every service version to generate.
#[derive(Debug, Clone)]
pub struct Ir {
    /// The edition the specs describe.
    pub edition: crate::spec::Edition,
    /// Service versions, ordered by (service, version).
    pub services: Vec<ServiceIr>,
    /// The common error codes, sorted by code.
    pub common_errors: Vec<CodeIr>,
}

/// One API version of one service: a Rust module `<service>::v<digits>`.
#[derive(Debug, Clone)]
pub struct ServiceIr {
    /// The edition its spec tree describes.
    pub edition: crate::spec::Edition,
    /// Service name (`postgres`), also the Rust module of the service.
    pub service: String,
    /// The name signing and the hosts use (`as` for `autoscaling`).
    pub signing_name: String,
    /// A curator has worked on it ([`crate::spec::ServiceVersion::is_curated`]).
    pub curated: bool,
    /// API version (`2017-03-12`).
    pub version: String,
    /// Rust module of the version (`v20170312`).
    pub module: String,
    /// Product name.
    pub product: String,
    /// Endpoint hosts.
    pub endpoints: Endpoints,
    /// `service.json`, relative to the spec root.
    pub file: String,
    /// Named structures.
    pub structures: Vec<StructIr>,
    /// Actions.
    pub actions: Vec<ActionIr>,
    /// The client handle type (`PostgresClient`; another name when a
    /// generated type already has that one).
    pub handle: String,
    /// The service version's error code enum, shared by actions that list no
    /// codes of their own; `None` when every action lists its own.
    pub errors: Option<ServiceErrorsIr>,
    /// Waiters, in spec order.
    pub waiters: Vec<WaiterIr>,
}

/// `<Service>ErrorCode`: the codes of a service version, with the common codes
/// delegated to the crate's one `CommonErrorCode`.
#[derive(Debug, Clone)]
pub struct ServiceErrorsIr {
    /// Rust name (`PostgresErrorCode`).
    pub name: String,
    /// `error-codes.json`, relative to the spec root, when there is one.
    pub file: Option<String>,
    /// Service-specific codes, sorted, without the common ones.
    pub codes: Vec<CodeIr>,
    /// Fallback variant name.
    pub fallback: String,
}

/// A struct to emit: a request or a named structure.
#[derive(Debug, Clone)]
pub struct StructIr {
    /// Rust type name: the API's spelling, or the spec's `rust_name`.
    pub name: String,
    /// The API's name.
    pub wire: String,
    /// What it describes.
    pub description: String,
    /// Fields in spec order.
    pub fields: Vec<FieldIr>,
    /// Enums of its fields.
    pub enums: Vec<EnumIr>,
    /// Cross-field rules (requests only).
    pub rules: Vec<RuleIr>,
    /// Whether any field is sensitive (Debug is then hand-rolled).
    pub has_sensitive: bool,
    /// Reject unknown fields when deserializing (requests: the service would too).
    pub deny_unknown: bool,
}

/// One field.
#[derive(Debug, Clone)]
pub struct FieldIr {
    /// Wire name.
    pub wire: String,
    /// Rust field name.
    pub rust: String,
    /// Element type.
    pub ty: TypeIr,
    /// An array of `ty`.
    pub array: bool,
    /// The page's "Required".
    pub required: bool,
    /// The page's description.
    pub description: String,
    /// Documented default value.
    pub default: Option<Literal>,
    /// Documented default in words.
    pub default_description: Option<String>,
    /// Unit.
    pub unit: Option<String>,
    /// A secret.
    pub sensitive: bool,
    /// A structure (or array of one) that holds a sensitive field, at any
    /// depth: its secrets are collected for masking too.
    pub holds_secrets: bool,
    /// Constraints other than the enumeration (which the type carries).
    pub constraints: Constraints,
    /// Held in a `Box`: the structure contains itself through this field.
    pub boxed: bool,
    /// The format of a string value.
    pub format: Option<StringFormat>,
    /// The description's example value.
    pub example: Option<String>,
    /// Deprecated.
    pub deprecated: bool,
    /// Constraints drafted from the document and not reviewed yet, for the
    /// docs only (never checked); none where curated constraints exist.
    pub draft: Option<crate::spec::DraftSpec>,
}

/// The Rust type of a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeIr {
    /// `String`.
    String,
    /// `i64`.
    Integer,
    /// `u64`.
    UInt64,
    /// `f64`.
    Float,
    /// `bool`.
    Boolean,
    /// A named structure (Rust name).
    Struct(String),
    /// A generated enum.
    Enum {
        /// Rust name.
        name: String,
        /// Integer values (else string values).
        int: bool,
    },
}

impl TypeIr {
    /// A number or a boolean: what the live API also sends as a string.
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            TypeIr::Integer | TypeIr::UInt64 | TypeIr::Float | TypeIr::Boolean
        )
    }
}

/// An enum generated for enumerated values.
#[derive(Debug, Clone)]
pub struct EnumIr {
    /// Rust name.
    pub name: String,
    /// Integer values (else strings).
    pub int: bool,
    /// The field's description.
    pub description: String,
    /// Wire path of the field it belongs to (`DBNode.Role`), for docs.
    pub owner: String,
    /// Documented values.
    pub variants: Vec<VariantIr>,
    /// Name of the variant that keeps unknown values.
    pub fallback: String,
}

/// One documented enum value.
#[derive(Debug, Clone)]
pub struct VariantIr {
    /// Rust variant name.
    pub rust: String,
    /// Wire value.
    pub value: Literal,
    /// Its meaning.
    pub description: String,
}

/// A cross-field rule.
#[derive(Debug, Clone)]
pub struct RuleIr {
    /// Kind.
    pub kind: RuleKind,
    /// Constrained fields: (wire, rust).
    pub fields: Vec<(String, String)>,
    /// Condition.
    pub when: Option<CondIr>,
    /// Constraints under the condition.
    pub constraints: Option<Constraints>,
}

/// A rule's condition, resolved against the tested field.
#[derive(Debug, Clone)]
pub struct CondIr {
    /// Rust name of the tested field.
    pub rust: String,
    /// How it reads in a message (`when InstanceChargeType is "PREPAID"`).
    pub text: String,
    /// The test.
    pub test: CondTest,
}

/// What a condition tests.
#[derive(Debug, Clone)]
pub enum CondTest {
    /// The field equals a value; `absent_holds` is whether its default does.
    Equals {
        /// The value, as the field's Rust type sees it.
        value: CondValue,
        /// Whether the condition holds when the field is absent (its default equals the value).
        absent_holds: bool,
    },
    /// The field's presence equals this.
    Present(bool),
}

/// A condition's value in the tested field's Rust type.
#[derive(Debug, Clone)]
pub enum CondValue {
    /// A variant of the field's enum: (enum, variant).
    Variant(String, String),
    /// A plain literal.
    Literal(Literal),
}

/// One action.
#[derive(Debug, Clone)]
pub struct ActionIr {
    /// Action name and marker type name (`CloneDBInstance`).
    pub name: String,
    /// Rust method name on the client handle (`clone_db_instance`).
    pub method: String,
    /// Rust module (file) name: the method name, unless that names one of
    /// the version's own modules (`client`, `models`, ...).
    pub module: String,
    /// The spec file.
    pub file: String,
    /// Description.
    pub description: String,
    /// The description's title.
    pub title: Option<String>,
    /// Page URL and its last-updated stamp, for transcribed pages.
    pub source: Option<(String, String)>,
    /// Documented rate limit (0: not documented).
    pub rate_limit: u32,
    /// The action buys: how to check after an unknown outcome, and the
    /// outputs that identify the purchase.
    pub purchase: Option<(String, Vec<String>)>,
    /// Deprecated.
    pub deprecated: bool,
    /// Called unsigned (`Authorization: SKIP`).
    pub skip_sign: bool,
    /// The page marks `Region` as required.
    pub region_required: bool,
    /// Supported regions (empty when unlisted).
    pub regions: Vec<String>,
    /// The request struct (`<Action>Request`).
    pub request: StructIr,
    /// The response struct.
    pub response: ResponseIr,
    /// The action's own error code enum (its spec lists codes); `None` uses
    /// the service version's enum.
    pub errors: Option<ErrorEnumIr>,
    /// Rust name of the error code type the action returns.
    pub error_type: String,
    /// The first example's `Response` object, compact JSON (a mock's default answer).
    pub example_response: String,
    /// How the action pages, when it does.
    pub pagination: Option<PaginationIr>,
}

/// `<Action>Response`.
#[derive(Debug, Clone)]
pub struct ResponseIr {
    /// Rust name.
    pub name: String,
    /// Fields.
    pub fields: Vec<OutputIr>,
}

/// One output field.
#[derive(Debug, Clone)]
pub struct OutputIr {
    /// Wire name.
    pub wire: String,
    /// Rust name.
    pub rust: String,
    /// Element type.
    pub ty: TypeIr,
    /// An array.
    pub array: bool,
    /// May be absent or null: an `Option`.
    pub optional: bool,
    /// Description.
    pub description: String,
    /// The format of a string value.
    pub format: Option<StringFormat>,
    /// Deprecated.
    pub deprecated: bool,
    /// A secret (a `String`): redacted from Debug output and errors.
    pub sensitive: bool,
}

/// `<Action>ErrorCode`.
#[derive(Debug, Clone)]
pub struct ErrorEnumIr {
    /// Rust name.
    pub name: String,
    /// Codes: the action's, then common codes the page does not repeat, by code.
    pub codes: Vec<CodeIr>,
    /// Fallback variant name.
    pub fallback: String,
}

/// One error code.
#[derive(Debug, Clone)]
pub struct CodeIr {
    /// Rust variant.
    pub rust: String,
    /// Wire code.
    pub code: String,
    /// Description (the page's when it lists the code).
    pub description: String,
    /// From the common codes, not the action page.
    pub common: bool,
}

impl CodeIr {
    /// The IR of a spec error code.
    pub(super) fn of(e: &crate::spec::ErrorCode, common: bool) -> Self {
        CodeIr {
            rust: names::code_variant(&e.code),
            code: e.code.clone(),
            description: e.description.clone(),
            common,
        }
    }
}

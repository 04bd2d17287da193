//! The checked IR: every name resolved, every Rust identifier chosen (once,
//! through [`crate::names`]), every type mapped. Emitters read only this.

mod flows;

use std::collections::BTreeMap;

pub use flows::{PaginationIr, RequestField, ResponseField, SelectIr, Template, WaiterIr};

use crate::names;
use crate::spec::{
    ActionSpec, Constraints, Endpoints, Field, Literal, Problem, Problems, RuleKind,
    ServiceVersion, SpecSet, StringFormat, StructureSpec, PRIMITIVES,
};

/// Every service version to generate.
#[derive(Debug, Clone)]
pub struct Ir {
    /// Service versions, ordered by (service, version).
    pub services: Vec<ServiceIr>,
    /// The common error codes, sorted by code.
    pub common_errors: Vec<CodeIr>,
}

/// One API version of one service: a Rust module `<service>::v<digits>`.
#[derive(Debug, Clone)]
pub struct ServiceIr {
    /// Service name (`postgres`), also the Rust module of the service.
    pub service: String,
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
    fn of(e: &crate::spec::ErrorCode, common: bool) -> Self {
        CodeIr {
            rust: names::code_variant(&e.code),
            code: e.code.clone(),
            description: e.description.clone(),
            common,
        }
    }
}

/// A problem for each set of codes that map to one Rust variant.
fn code_collisions(codes: &[CodeIr], file: &str, problems: &mut Vec<Problem>) {
    for (rust, wires) in names::collisions(codes.iter().map(|c| (c.rust.as_str(), c.code.as_str())))
    {
        problems.push(Problem {
            file: file.to_owned(),
            path: "$.errors".into(),
            message: format!(
                "error codes {} all map to the Rust variant {rust}",
                wires.join(", ")
            ),
        });
    }
}

/// Builds the IR from a checked spec set; name collisions are problems.
pub fn build(set: &SpecSet) -> Result<Ir, Problems> {
    let mut problems = Vec::new();
    let mut services = Vec::new();
    for ((service, version), sv) in &set.services {
        services.push(build_service(set, service, version, sv, &mut problems));
    }
    let mut common_errors: Vec<CodeIr> = set
        .common_errors
        .spec
        .errors
        .iter()
        .map(|e| CodeIr::of(e, true))
        .collect();
    common_errors.sort_by(|x, y| x.code.cmp(&y.code));
    if problems.is_empty() {
        Ok(Ir {
            services,
            common_errors,
        })
    } else {
        problems.sort();
        Err(Problems(problems))
    }
}

fn build_service(
    set: &SpecSet,
    service: &str,
    version: &str,
    sv: &ServiceVersion,
    problems: &mut Vec<Problem>,
) -> ServiceIr {
    let structures: BTreeMap<&str, &StructureSpec> = sv
        .structures
        .iter()
        .map(|(k, v)| (k.as_str(), &v.spec))
        .collect();
    let cycles = Cycles::of(&structures);
    nesting_problems(sv, &structures, &cycles, problems);
    let service_errors_name = format!("{}ErrorCode", names::variant_name(service));
    let mut structs = Vec::new();
    // Every public type name in the version module, with where it comes from.
    let mut type_names: Vec<(String, String, String)> = Vec::new();
    for st in sv.structures.values() {
        let name = struct_rust_name(&st.spec);
        type_names.push((name.clone(), st.file.clone(), "$.name".into()));
        let ir = build_struct(
            &name,
            &st.spec.description,
            &st.spec.fields,
            &structures,
            &name,
            false,
            Some((&st.spec.name, &cycles)),
        );
        ir_field_problems(&ir, &st.file, "$.fields", problems);
        for e in &ir.enums {
            type_names.push((
                e.name.clone(),
                st.file.clone(),
                format!("enum of {}", e.owner),
            ));
        }
        structs.push(ir);
    }
    let mut actions = Vec::new();
    for act in sv.actions.values() {
        let a = build_action(
            set,
            act.spec.clone(),
            &act.file,
            &structures,
            &service_errors_name,
        );
        ir_field_problems(&a.request, &act.file, "$.parameters", problems);
        let mut own = vec![
            (&a.name, "action marker"),
            (&a.request.name, "request"),
            (&a.response.name, "response"),
        ];
        if let Some(e) = &a.errors {
            own.push((&e.name, "error code enum"));
        }
        for (n, what) in own {
            type_names.push((n.clone(), act.file.clone(), format!("$.name ({what})")));
        }
        type_names.push((
            format!("{}Builder", a.request.name),
            act.file.clone(),
            "$.name (request builder)".into(),
        ));
        for e in &a.request.enums {
            type_names.push((
                e.name.clone(),
                act.file.clone(),
                format!("enum of {}", e.owner),
            ));
        }
        for (rust, wires) in names::collisions(
            a.response
                .fields
                .iter()
                .map(|f| (f.rust.as_str(), f.wire.as_str())),
        ) {
            problems.push(Problem {
                file: act.file.clone(),
                path: "$.outputs".into(),
                message: format!(
                    "outputs {} all map to the Rust field {rust}; give one a rust_name",
                    wires.join(", ")
                ),
            });
        }
        if let Some(errors) = &a.errors {
            code_collisions(&errors.codes, &act.file, problems);
        }
        actions.push(a);
    }
    resolve_action_names(&mut actions);
    let handle = {
        let base = format!("{}Client", names::variant_name(service));
        let taken = |n: &str| type_names.iter().any(|(t, _, _)| t == n);
        let mut handle = base.clone();
        let mut n = 1;
        while taken(&handle) {
            handle = if n == 1 {
                format!("{base}Handle")
            } else {
                format!("{base}Handle{n}")
            };
            n += 1;
        }
        type_names.push((handle.clone(), String::new(), "client handle".into()));
        handle
    };
    let errors = actions.iter().any(|a| a.errors.is_none()).then(|| {
        let common: std::collections::BTreeSet<&str> = set
            .common_errors
            .spec
            .errors
            .iter()
            .map(|e| e.code.as_str())
            .collect();
        let mut codes: Vec<CodeIr> = sv
            .errors
            .iter()
            .flat_map(|e| e.spec.errors.iter())
            .filter(|e| !common.contains(e.code.as_str()))
            .map(|e| CodeIr::of(e, false))
            .collect();
        codes.sort_by(|x, y| x.code.cmp(&y.code));
        let file = sv.errors.as_ref().map(|e| e.file.clone());
        let owner = file.clone().unwrap_or_else(|| sv.service.file.clone());
        // The Python SDK's files have codes that differ only in where the dot
        // is (`InvalidParameter.Conflict`, `InvalidParameterConflict`): in code
        // order, the first keeps the joined name and the next get `2`, `3`, ...
        let mut used = std::collections::BTreeSet::new();
        for c in &mut codes {
            let base = c.rust.clone();
            let mut n = 2;
            while !used.insert(c.rust.clone()) {
                c.rust = format!("{base}{n}");
                n += 1;
            }
        }
        let mut taken: Vec<String> = codes.iter().map(|c| c.rust.clone()).collect();
        taken.push("Common".to_owned());
        type_names.push((
            service_errors_name.clone(),
            owner,
            "service error code enum".into(),
        ));
        ServiceErrorsIr {
            name: service_errors_name.clone(),
            file,
            fallback: names::fallback_variant(&taken),
            codes,
        }
    });
    let lenient = output_structures(sv, &structures);
    for st in &mut structs {
        st.deny_unknown = !lenient.contains(st.wire.as_str());
        type_names.push((
            format!("{}Builder", st.name),
            String::new(),
            "structure builder".into(),
        ));
    }
    let mut by_name: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for (name, file, what) in &type_names {
        by_name.entry(name).or_default().push((file, what));
    }
    for (name, uses) in by_name.into_iter().filter(|(_, u)| u.len() > 1) {
        let first_file = uses
            .iter()
            .find(|(f, _)| !f.is_empty())
            .map(|(f, _)| f.to_string())
            .unwrap_or_default();
        let list: Vec<String> = uses
            .iter()
            .map(|(f, w)| {
                if f.is_empty() {
                    w.to_string()
                } else {
                    format!("{f} {w}")
                }
            })
            .collect();
        problems.push(Problem {
            file: first_file,
            path: "$".into(),
            message: format!(
                "the Rust type name {name} would be generated more than once: {}",
                list.join("; ")
            ),
        });
    }
    flows::pages_clashes(&actions, problems);
    let waiters = flows::waiters(
        &sv.service.spec.waiters,
        &sv.service.file,
        &actions,
        &structs,
        problems,
    );
    ServiceIr {
        waiters,
        service: service.to_owned(),
        version: version.to_owned(),
        module: names::version_module(version),
        product: sv.service.spec.product.clone(),
        endpoints: sv.service.spec.endpoints.clone(),
        file: sv.service.file.clone(),
        structures: structs,
        actions,
        handle,
        errors,
    }
}

/// Modules a version module declares itself; an action's module must not
/// take one of these names.
const VERSION_MODULES: &[&str] = &["models", "errors", "client", "registry"];
/// Methods of a client handle besides the actions'.
const HANDLE_METHODS: &[&str] = &["new"];

/// Gives each action a module and method names that clash with nothing the
/// generator emits: a name taken by the version's own modules, the handle's
/// own methods, or another action's `<method>_with`, gets `_action` (and a
/// number if that is taken too). Wire names are untouched.
fn resolve_action_names(actions: &mut [ActionIr]) {
    let mut modules: std::collections::BTreeSet<String> =
        VERSION_MODULES.iter().map(|m| (*m).to_owned()).collect();
    let mut methods: std::collections::BTreeSet<String> =
        HANDLE_METHODS.iter().map(|m| (*m).to_owned()).collect();
    // Every plain method name first, so that `x_with` of action `X` and the
    // method of an action `XWith` are seen as the clash they are.
    let plain: std::collections::BTreeSet<String> =
        actions.iter().map(|a| a.method.clone()).collect();
    for a in actions.iter_mut() {
        let free = |name: &str, taken: &std::collections::BTreeSet<String>| {
            let mut candidate = name.to_owned();
            let mut n = 1;
            while taken.contains(&candidate) {
                candidate = if n == 1 {
                    format!("{name}_action")
                } else {
                    format!("{name}_action{n}")
                };
                n += 1;
            }
            candidate
        };
        a.module = free(&a.module, &modules);
        modules.insert(a.module.clone());
        let mut method = free(&a.method, &methods);
        // `<method>_with` must not be another action's plain method.
        while plain.contains(&format!("{method}_with"))
            || methods.contains(&format!("{method}_with"))
        {
            method = format!("{method}_action");
        }
        methods.insert(method.clone());
        methods.insert(format!("{method}_with"));
        a.method = method;
    }
}

/// The Rust type name of a structure.
pub fn struct_rust_name(st: &StructureSpec) -> String {
    st.rust_name
        .clone()
        .unwrap_or_else(|| names::type_name(&st.name))
}

/// Which structure fields must be boxed: a structure that contains itself,
/// directly or through others, by fields that are not arrays (a `Vec`
/// already has a fixed size).
struct Cycles<'a> {
    /// For each structure, the structures reachable through non-array fields.
    reach: BTreeMap<&'a str, std::collections::BTreeSet<&'a str>>,
}

/// Deepest chain of structures held by value (not through an array or a
/// box) that the generated types may have. Each level adds about two to
/// rustc's query depth when it lays out a future holding the request, and
/// the default limit is 128, in the user's crate as much as in this one.
pub const MAX_NESTING: usize = 40;

/// A problem for each structure that nests deeper than [`MAX_NESTING`].
fn nesting_problems(
    sv: &crate::spec::ServiceVersion,
    structures: &BTreeMap<&str, &StructureSpec>,
    cycles: &Cycles<'_>,
    problems: &mut Vec<Problem>,
) {
    fn depth<'a>(
        name: &'a str,
        structures: &BTreeMap<&'a str, &'a StructureSpec>,
        cycles: &Cycles<'a>,
        memo: &mut BTreeMap<&'a str, usize>,
    ) -> usize {
        if let Some(d) = memo.get(name) {
            return *d;
        }
        // Edges that close a cycle are boxed, so what is left has no cycle.
        let mut deepest = 0;
        if let Some(st) = structures.get(name) {
            for f in st.fields.iter().filter(|f| !f.array && !f.disabled) {
                if let Some((child, _)) = structures.get_key_value(f.ty.as_str()) {
                    if !cycles.boxed(name, child) {
                        deepest = deepest.max(depth(child, structures, cycles, memo));
                    }
                }
            }
        }
        memo.insert(name, deepest + 1);
        deepest + 1
    }
    let mut memo = BTreeMap::new();
    for st in sv.structures.values() {
        let d = depth(st.spec.name.as_str(), structures, cycles, &mut memo);
        if d > MAX_NESTING {
            problems.push(Problem {
                file: st.file.clone(),
                path: "$.fields".into(),
                message: format!(
                    "structure {} nests {d} structures deep (at most {MAX_NESTING}): deeper types overflow rustc's query depth limit in async code that holds them",
                    st.spec.name
                ),
            });
        }
    }
}

impl<'a> Cycles<'a> {
    fn of(structures: &BTreeMap<&'a str, &'a StructureSpec>) -> Self {
        let edges = |name: &str| -> Vec<&'a str> {
            structures
                .get(name)
                .map(|st| {
                    st.fields
                        .iter()
                        .filter(|f| !f.array && !f.disabled)
                        .filter_map(|f| structures.get_key_value(f.ty.as_str()).map(|(k, _)| *k))
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut reach = BTreeMap::new();
        for &start in structures.keys() {
            let mut seen = std::collections::BTreeSet::new();
            let mut todo = edges(start);
            while let Some(n) = todo.pop() {
                if seen.insert(n) {
                    todo.extend(edges(n));
                }
            }
            reach.insert(start, seen);
        }
        Cycles { reach }
    }

    /// Whether `owner.field: ty` (not an array) closes a cycle back to `owner`.
    fn boxed(&self, owner: &str, ty: &str) -> bool {
        ty == owner || self.reach.get(ty).is_some_and(|r| r.contains(owner))
    }
}

fn ir_field_problems(st: &StructIr, file: &str, base: &str, problems: &mut Vec<Problem>) {
    for f in &st.fields {
        if names::RESERVED_FIELDS.contains(&f.rust.as_str()) {
            problems.push(Problem {
                file: file.to_owned(),
                path: base.to_owned(),
                message: format!(
                    "the Rust field name {} of {} is taken by a generated method; give the field a rust_name",
                    f.rust, f.wire
                ),
            });
        }
    }
    for (rust, wires) in
        names::collisions(st.fields.iter().map(|f| (f.rust.as_str(), f.wire.as_str())))
    {
        problems.push(Problem {
            file: file.to_owned(),
            path: base.to_owned(),
            message: format!(
                "fields {} all map to the Rust field {rust}",
                wires.join(", ")
            ),
        });
    }
    for e in &st.enums {
        let values: Vec<(String, String)> = e
            .variants
            .iter()
            .map(|v| (v.rust.clone(), v.value.to_string()))
            .collect();
        for (rust, wires) in names::collisions(values.iter().map(|(r, w)| (r.as_str(), w.as_str())))
        {
            problems.push(Problem {
                file: file.to_owned(),
                path: base.to_owned(),
                message: format!(
                    "values {} of {} all map to the Rust variant {rust}",
                    wires.join(", "),
                    e.owner
                ),
            });
        }
    }
}

fn map_type(ty: &str, structures: &BTreeMap<&str, &StructureSpec>) -> TypeIr {
    match ty {
        "String" => TypeIr::String,
        "Integer" => TypeIr::Integer,
        "UInt64" => TypeIr::UInt64,
        "Float" => TypeIr::Float,
        "Boolean" => TypeIr::Boolean,
        other => {
            debug_assert!(!PRIMITIVES.contains(&other));
            TypeIr::Struct(
                structures
                    .get(other)
                    .map(|st| struct_rust_name(st))
                    .unwrap_or_else(|| names::type_name(other)),
            )
        }
    }
}

/// A field's Rust name: the spec's `rust_name`, else derived from the wire name.
fn rust_field(wire: &str, rust_name: Option<&String>) -> String {
    rust_name
        .cloned()
        .unwrap_or_else(|| names::field_name(wire))
}

fn build_struct(
    name: &str,
    description: &str,
    fields: &[Field],
    structures: &BTreeMap<&str, &StructureSpec>,
    enum_prefix: &str,
    is_request: bool,
    cycles: Option<(&str, &Cycles<'_>)>,
) -> StructIr {
    let mut out_fields = Vec::new();
    let mut enums = Vec::new();
    for f in fields.iter().filter(|f| !f.disabled) {
        let mut ty = map_type(&f.ty, structures);
        let mut constraints = f.constraints.clone();
        if !constraints.enum_values.is_empty() {
            let enum_name = if is_request {
                names::type_name(&f.name)
            } else {
                format!("{enum_prefix}{}", names::type_name(&f.name))
            };
            let int = f.ty == "Integer" || f.ty == "UInt64";
            let variants: Vec<VariantIr> = constraints
                .enum_values
                .iter()
                .map(|v| VariantIr {
                    rust: match (&v.name, &v.value) {
                        (Some(n), _) => names::type_name(n),
                        (None, Literal::Str(s)) => names::variant_name(s),
                        (None, other) => names::variant_name(&other.to_string()),
                    },
                    value: v.value.clone(),
                    description: v.description.clone(),
                })
                .collect();
            let taken: Vec<String> = variants.iter().map(|v| v.rust.clone()).collect();
            enums.push(EnumIr {
                name: enum_name.clone(),
                int,
                description: f.description.clone(),
                owner: if is_request {
                    f.name.clone()
                } else {
                    format!("{enum_prefix}.{}", f.name)
                },
                variants,
                fallback: names::fallback_variant(&taken),
            });
            ty = TypeIr::Enum {
                name: enum_name,
                int,
            };
            constraints.enum_values.clear();
        }
        let boxed = !f.array
            && matches!(ty, TypeIr::Struct(_))
            && cycles.is_some_and(|(owner, c)| c.boxed(owner, &f.ty));
        out_fields.push(FieldIr {
            boxed,
            format: f.format,
            example: f.example.clone(),
            deprecated: f.deprecated,
            wire: f.name.clone(),
            rust: rust_field(&f.name, f.rust_name.as_ref()),
            ty,
            array: f.array,
            required: f.required,
            description: f.description.clone(),
            default: f.default.clone(),
            default_description: f.default_description.clone(),
            unit: f.unit.clone(),
            sensitive: f.sensitive,
            constraints,
        });
    }
    StructIr {
        name: name.to_owned(),
        wire: cycles.map_or_else(|| name.to_owned(), |(owner, _)| owner.to_owned()),
        description: description.to_owned(),
        has_sensitive: out_fields.iter().any(|f| f.sensitive),
        fields: out_fields,
        enums,
        rules: Vec::new(),
        deny_unknown: is_request,
    }
}

fn build_action(
    set: &SpecSet,
    a: ActionSpec,
    file: &str,
    structures: &BTreeMap<&str, &StructureSpec>,
    service_errors: &str,
) -> ActionIr {
    let name = names::type_name(&a.name);
    let mut request = build_struct(
        &format!("{name}Request"),
        &a.description,
        &a.parameters,
        structures,
        "",
        true,
        None,
    );
    let params: BTreeMap<&str, &Field> =
        a.parameters.iter().map(|f| (f.name.as_str(), f)).collect();
    request.rules = a
        .rules
        .iter()
        .map(|r| RuleIr {
            kind: r.kind,
            fields: r
                .parameters
                .iter()
                .map(|p| (p.clone(), names::field_name(p)))
                .collect(),
            when: r.when.as_ref().map(|w| {
                let field = params.get(w.parameter.as_str());
                let rust = names::field_name(&w.parameter);
                let (text, test) = match (&w.equals, w.present) {
                    (Some(v), _) => {
                        let enum_field = request.fields.iter().find(|f| f.wire == w.parameter);
                        let value = match enum_field.map(|f| &f.ty) {
                            Some(TypeIr::Enum { name, .. }) => {
                                let e = request.enums.iter().find(|e| &e.name == name);
                                let variant =
                                    e.and_then(|e| e.variants.iter().find(|x| &x.value == v));
                                match variant {
                                    Some(var) => CondValue::Variant(name.clone(), var.rust.clone()),
                                    None => CondValue::Literal(v.clone()),
                                }
                            }
                            _ => CondValue::Literal(v.clone()),
                        };
                        let absent_holds = field.and_then(|f| f.default.as_ref()) == Some(v);
                        let meaning = field
                            .and_then(|f| f.constraints.enum_values.iter().find(|e| &e.value == v))
                            .filter(|e| matches!(e.value, Literal::Int(_)))
                            .map(|e| format!(" ({})", e.description))
                            .unwrap_or_default();
                        (
                            format!("when {} is {v}{meaning}", w.parameter),
                            CondTest::Equals {
                                value,
                                absent_holds,
                            },
                        )
                    }
                    (None, Some(true)) => (
                        format!("when {} is set", w.parameter),
                        CondTest::Present(true),
                    ),
                    (None, _) => (
                        format!("when {} is not set", w.parameter),
                        CondTest::Present(false),
                    ),
                };
                CondIr { rust, text, test }
            }),
            constraints: r.constraints.clone(),
        })
        .collect();
    let response = ResponseIr {
        name: format!("{name}Response"),
        fields: a
            .outputs
            .iter()
            .filter(|o| !o.disabled)
            .map(|o| OutputIr {
                wire: o.name.clone(),
                rust: rust_field(&o.name, o.rust_name.as_ref()),
                ty: map_type(&o.ty, structures),
                array: o.array,
                optional: o.may_be_absent || o.nullable,
                description: o.description.clone(),
                format: o.format,
                deprecated: o.deprecated,
            })
            .collect(),
    };
    let own_codes = !a.errors.is_empty();
    let mut codes: Vec<CodeIr> = a.errors.iter().map(|e| CodeIr::of(e, false)).collect();
    let mut common: Vec<CodeIr> = set
        .common_errors
        .spec
        .errors
        .iter()
        .filter(|c| !a.errors.iter().any(|e| e.code == c.code))
        .map(|e| CodeIr::of(e, true))
        .collect();
    codes.append(&mut common);
    codes.sort_by(|x, y| x.code.cmp(&y.code));
    let taken: Vec<String> = codes.iter().map(|c| c.rust.clone()).collect();
    let errors = own_codes.then(|| ErrorEnumIr {
        name: format!("{name}ErrorCode"),
        codes,
        fallback: names::fallback_variant(&taken),
    });
    let example_response = a
        .examples
        .iter()
        .filter(|e| e.unchecked.is_none())
        .find_map(|e| {
            e.response
                .get("Response")
                .filter(|r| r.get("Error").is_none())
        })
        .map(|r| r.to_string())
        .unwrap_or_else(|| synthesized_response(&response.fields).to_string());
    let mut action = ActionIr {
        pagination: None,
        module: names::field_name(&a.name),
        method: names::field_name(&a.name),
        file: file.to_owned(),
        description: a.description,
        title: a.title,
        source: a.source.map(|s| (s.url, s.last_updated)),
        rate_limit: a.rate_limit_per_second.unwrap_or(0),
        deprecated: a.deprecated,
        skip_sign: a.skip_sign,
        region_required: a.region_required,
        regions: a.regions,
        request,
        response,
        error_type: errors
            .as_ref()
            .map_or_else(|| service_errors.to_owned(), |e| e.name.clone()),
        errors,
        example_response,
        name,
    };
    action.pagination = a
        .pagination
        .as_ref()
        .and_then(|p| flows::pagination(p, &action));
    action
}

/// A `Response` object for an action whose spec has no usable example: each
/// output that is always present gets a placeholder of its type (an empty
/// string, zero, false, an empty list, an empty object: a structure's
/// fields are all optional), so that it decodes with the SDK; outputs that
/// may be absent are left out.
fn synthesized_response(outputs: &[OutputIr]) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    for o in outputs.iter().filter(|o| !o.optional) {
        let value = if o.array {
            serde_json::json!([])
        } else if o.wire == "RequestId" {
            serde_json::json!("00000000-0000-0000-0000-000000000000")
        } else {
            match &o.ty {
                TypeIr::String | TypeIr::Enum { int: false, .. } => serde_json::json!(""),
                TypeIr::Integer | TypeIr::UInt64 | TypeIr::Enum { int: true, .. } => {
                    serde_json::json!(0)
                }
                TypeIr::Float => serde_json::json!(0.0),
                TypeIr::Boolean => serde_json::json!(false),
                TypeIr::Struct(_) => serde_json::json!({}),
            }
        };
        object.insert(o.wire.clone(), value);
    }
    serde_json::Value::Object(object)
}

/// Structures reachable from any output: a response may carry fields the
/// spec does not know yet, so these never reject unknown fields.
fn output_structures<'a>(
    sv: &'a ServiceVersion,
    structures: &BTreeMap<&'a str, &'a StructureSpec>,
) -> std::collections::BTreeSet<&'a str> {
    let mut seen = std::collections::BTreeSet::new();
    let mut todo: Vec<&str> = sv
        .actions
        .values()
        .flat_map(|a| a.spec.outputs.iter().map(|o| o.ty.as_str()))
        .collect();
    while let Some(ty) = todo.pop() {
        if let Some(st) = structures.get(ty) {
            if seen.insert(st.name.as_str()) {
                todo.extend(st.fields.iter().map(|f| f.ty.as_str()));
            }
        }
    }
    seen
}

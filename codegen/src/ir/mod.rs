//! The checked IR: every name resolved, every Rust identifier chosen (once,
//! through [`crate::names`]), every type mapped. Emitters read only this.

mod action;
mod cycles;
mod flows;
mod namespace;
mod secrets;
mod types;

use std::collections::BTreeMap;

pub use flows::{PaginationIr, RequestField, ResponseField, SelectIr, Template, WaiterIr};
pub use types::*;

use action::build_action;
pub use cycles::MAX_NESTING;
use cycles::{nesting_problems, Cycles};
use namespace::Namespace;

use crate::names;
use crate::spec::{
    ActionSpec, Field, Literal, Problem, Problems, ServiceVersion, SpecSet, StructureSpec,
    PRIMITIVES,
};

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
            edition: set.edition,
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
    let mut ns = Namespace::default();
    let mut structs = build_structures(sv, &structures, &cycles, &mut ns, problems);
    let mut actions = build_actions(
        set,
        sv,
        &structures,
        &service_errors_name,
        &mut ns,
        problems,
    );
    resolve_action_names(&mut actions);
    secrets::mark_nested(&mut structs, &mut actions);
    let base = format!("{}Client", names::variant_name(service));
    let handle = ns.claim_free(&base, "Handle", "client handle");
    let errors = actions
        .iter()
        .any(|a| a.errors.is_none())
        .then(|| service_errors(set, sv, &service_errors_name, &mut ns));
    let lenient = output_structures(sv, &structures);
    for st in &mut structs {
        st.deny_unknown = !lenient.contains(st.wire.as_str());
        ns.claim(&format!("{}Builder", st.name), "", "structure builder");
    }
    ns.report(problems);
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
        edition: set.edition,
        service: service.to_owned(),
        signing_name: sv.service.spec.signing_name().to_owned(),
        curated: sv.is_curated(),
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

/// The structures of a service version, their names and their enums'
/// claimed in `ns`.
fn build_structures(
    sv: &ServiceVersion,
    structures: &BTreeMap<&str, &StructureSpec>,
    cycles: &Cycles<'_>,
    ns: &mut Namespace,
    problems: &mut Vec<Problem>,
) -> Vec<StructIr> {
    let mut structs = Vec::new();
    for st in sv.structures.values() {
        let name = struct_rust_name(&st.spec);
        ns.claim(&name, &st.file, "$.name");
        let ir = build_struct(
            &name,
            &st.spec.description,
            &st.spec.fields,
            structures,
            &name,
            false,
            Some((&st.spec.name, cycles)),
        );
        ir_field_problems(&ir, &st.file, "$.fields", problems);
        for e in &ir.enums {
            ns.claim(&e.name, &st.file, format!("enum of {}", e.owner));
        }
        structs.push(ir);
    }
    structs
}

/// The actions of a service version, every type each one emits claimed in
/// `names`; outputs and error codes that would share a Rust name are
/// problems.
fn build_actions(
    set: &SpecSet,
    sv: &ServiceVersion,
    structures: &BTreeMap<&str, &StructureSpec>,
    service_errors_name: &str,
    ns: &mut Namespace,
    problems: &mut Vec<Problem>,
) -> Vec<ActionIr> {
    let mut actions = Vec::new();
    for act in sv.actions.values() {
        let a = build_action(
            set,
            act.spec.clone(),
            &act.file,
            structures,
            service_errors_name,
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
            ns.claim(n, &act.file, format!("$.name ({what})"));
        }
        ns.claim(
            &format!("{}Builder", a.request.name),
            &act.file,
            "$.name (request builder)",
        );
        for e in &a.request.enums {
            ns.claim(&e.name, &act.file, format!("enum of {}", e.owner));
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
    actions
}

/// The service version's error enum (for actions that list no codes of
/// their own): its codes but the common ones, each with a distinct variant.
fn service_errors(
    set: &SpecSet,
    sv: &ServiceVersion,
    name: &str,
    ns: &mut Namespace,
) -> ServiceErrorsIr {
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
    ns.claim(name, &owner, "service error code enum");
    ServiceErrorsIr {
        name: name.to_owned(),
        file,
        fallback: names::fallback_variant(&taken),
        codes,
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
            holds_secrets: false,
            constraints,
            // Curated constraints win: a draft is shown only beside none.
            draft: f
                .draft
                .clone()
                .filter(|d| d.pending() && f.constraints.is_empty()),
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

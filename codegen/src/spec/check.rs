//! Meaning checks over a loaded spec set: everything serde cannot see.

use std::collections::{BTreeMap, BTreeSet};

mod constraints;
mod example;
mod flows;
mod rules;

use constraints::{check_constraints, check_draft};
use example::check_example;
use rules::check_rule;

use super::interpret;
use super::model::*;
use super::{Problem, ServiceVersion, SpecSet, PRIMITIVES};

/// Collects problems for one file.
struct Sink<'a> {
    file: &'a str,
    out: &'a mut Vec<Problem>,
}

impl Sink<'_> {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.out.push(Problem {
            file: self.file.to_owned(),
            path: path.into(),
            message: message.into(),
        });
    }
}

pub(super) fn check(set: &SpecSet) -> Vec<Problem> {
    let mut out = Vec::new();
    {
        let c = &set.common_errors;
        let mut sink = Sink {
            file: &c.file,
            out: &mut out,
        };
        check_schema_ref(&mut sink, &c.spec.schema, 0, set.edition);
        check_error_codes(&mut sink, "$.errors", &c.spec.errors);
    }
    for ((service, version), sv) in &set.services {
        check_service_version(service, version, sv, set.edition, &mut out);
    }
    out
}

fn check_schema_ref(sink: &mut Sink<'_>, schema: &str, depth: usize, edition: super::Edition) {
    let expected = edition.schema_ref(depth);
    if schema != expected {
        sink.push(
            "$.$schema",
            format!(
                "must be \"{expected}\" (the schema, relative to this file), found \"{schema}\""
            ),
        );
    }
}

fn is_camel_ident(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric())
}

fn is_wire_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn check_error_codes(sink: &mut Sink<'_>, base: &str, errors: &[ErrorCode]) {
    check_codes(sink, base, errors, true);
}

/// `described`: every code needs a description (the pages give one; the
/// Python SDK's error code files sometimes do not).
fn check_codes(sink: &mut Sink<'_>, base: &str, errors: &[ErrorCode], described: bool) {
    let mut seen = BTreeMap::new();
    for (i, e) in errors.iter().enumerate() {
        let path = format!("{base}[{i}].code");
        let valid = !e.code.is_empty() && e.code.split('.').all(is_wire_name);
        if !valid {
            sink.push(
                &path,
                format!(
                    "\"{}\" is not an error code (dot-separated names of letters and digits)",
                    e.code
                ),
            );
        }
        if let Some(first) = seen.insert(e.code.as_str(), i) {
            sink.push(
                &path,
                format!(
                    "duplicate error code \"{}\" (first at {base}[{first}])",
                    e.code
                ),
            );
        }
        if described && e.description.trim().is_empty() {
            sink.push(format!("{base}[{i}].description"), "must not be empty");
        }
    }
}

fn check_service_version(
    service: &str,
    version: &str,
    sv: &ServiceVersion,
    edition: super::Edition,
    out: &mut Vec<Problem>,
) {
    let structures: BTreeMap<&str, &StructureSpec> = sv
        .structures
        .iter()
        .map(|(k, v)| (k.as_str(), &v.spec))
        .collect();
    check_service_file(service, version, sv, edition, out);
    for (stem, st) in &sv.structures {
        let mut sink = Sink {
            file: &st.file,
            out,
        };
        check_structure(&mut sink, stem, &st.spec, &structures, edition);
    }
    if let Some(errors) = &sv.errors {
        let mut sink = Sink {
            file: &errors.file,
            out,
        };
        check_schema_ref(&mut sink, &errors.spec.schema, 2, edition);
        check_codes(&mut sink, "$.errors", &errors.spec.errors, false);
    }
    for (stem, act) in &sv.actions {
        let mut sink = Sink {
            file: &act.file,
            out,
        };
        check_action(&mut sink, stem, &act.spec, &structures, edition);
    }
    let actions: BTreeMap<&str, &ActionSpec> = sv
        .actions
        .iter()
        .map(|(k, v)| (k.as_str(), &v.spec))
        .collect();
    let mut sink = Sink {
        file: &sv.service.file,
        out,
    };
    flows::check_waiters(&mut sink, &sv.service.spec.waiters, &actions, &structures);
}

/// `service.json`: its names agree with the folders, the service name can
/// name a module, the hosts are well formed.
fn check_service_file(
    service: &str,
    version: &str,
    sv: &ServiceVersion,
    edition: super::Edition,
    out: &mut Vec<Problem>,
) {
    {
        let s = &sv.service.spec;
        let mut sink = Sink {
            file: &sv.service.file,
            out,
        };
        check_schema_ref(&mut sink, &s.schema, 2, edition);
        if s.service != service {
            sink.push(
                "$.service",
                format!(
                    "\"{}\" does not match the folder name \"{service}\"",
                    s.service
                ),
            );
        }
        let ident_like = s.service.starts_with(|c: char| c.is_ascii_lowercase())
            && s.service
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !ident_like {
            sink.push("$.service", format!("\"{}\" is not a service name (lowercase ASCII letters and digits, starting with a letter)", s.service));
        } else if crate::names::is_keyword(&s.service) {
            sink.push(
                "$.service",
                format!(
                    "\"{}\" is a Rust keyword and cannot name the service's module",
                    s.service
                ),
            );
        } else if crate::names::RESERVED_SERVICES.contains(&s.service.as_str()) {
            sink.push(
                "$.service",
                format!(
                    "\"{}\" is taken by the crate itself (a module or a cargo feature of the same name)",
                    s.service
                ),
            );
        }
        let signing = s.signing_name();
        if s.endpoints.default.split('.').next() != Some(signing) {
            sink.push(
                "$.endpoints.default",
                format!(
                    "the first label of \"{}\" must be the signing name \"{signing}\"",
                    s.endpoints.default
                ),
            );
        }
        if let Some(name) = &s.signing_name {
            let label = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !label {
                sink.push(
                    "$.signing_name",
                    format!(
                        "\"{name}\" is not a host label (lowercase ASCII letters, digits and `-`)"
                    ),
                );
            } else if name == &s.service {
                sink.push("$.signing_name", "equals the service name: leave it out");
            }
        }
        check_curated(&mut sink, "$", &s.curated, &["product"]);
        if s.version != version {
            sink.push(
                "$.version",
                format!(
                    "\"{}\" does not match the folder name \"{version}\"",
                    s.version
                ),
            );
        }
        if !is_version(&s.version) {
            sink.push(
                "$.version",
                format!("\"{}\" is not a version of the form YYYY-MM-DD", s.version),
            );
        }
        if !s.endpoints.regional.contains("{region}") {
            sink.push(
                "$.endpoints.regional",
                "must contain the placeholder \"{region}\"",
            );
        }
    }
}

/// A structure file: its name agrees with the file and can name a type,
/// and its fields are well formed.
fn check_structure(
    sink: &mut Sink<'_>,
    stem: &str,
    st: &StructureSpec,
    structures: &BTreeMap<&str, &StructureSpec>,
    edition: super::Edition,
) {
    {
        check_schema_ref(sink, &st.schema, 3, edition);
        if st.name != stem {
            sink.push(
                "$.name",
                format!(
                    "\"{}\" does not match the file name \"{stem}.json\"",
                    st.name
                ),
            );
        }
        // The description has names such as `GetWsTokenReq_Label`: the Rust
        // name drops the `_` (a clash that makes is caught with the IR's names).
        let structure_name =
            st.name.starts_with(|c: char| c.is_ascii_uppercase()) && is_wire_name(&st.name);
        if PRIMITIVES.contains(&st.name.as_str()) || !structure_name {
            sink.push(
                "$.name",
                format!(
                    "\"{}\" is not a structure name (an ASCII capital, then letters, digits and `_`; not a primitive type)",
                    st.name
                ),
            );
        }
        if let Some(n) = &st.rust_name {
            if !is_camel_ident(n) {
                sink.push(
                    "$.rust_name",
                    format!("\"{n}\" is not a Rust type name (UpperCamelCase letters and digits)"),
                );
            }
        }
        check_curated(sink, "$", &st.curated, &["description"]);
        check_fields(sink, "$.fields", &st.fields, structures);
    }
}

fn is_version(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn check_action(
    sink: &mut Sink<'_>,
    stem: &str,
    a: &ActionSpec,
    structures: &BTreeMap<&str, &StructureSpec>,
    edition: super::Edition,
) {
    check_schema_ref(sink, &a.schema, 3, edition);
    if a.name != stem {
        sink.push(
            "$.name",
            format!(
                "\"{}\" does not match the file name \"{stem}.json\"",
                a.name
            ),
        );
    }
    if !is_camel_ident(&a.name) {
        sink.push(
            "$.name",
            format!(
                "\"{}\" is not an action name (UpperCamelCase letters and digits)",
                a.name
            ),
        );
    }
    if a.rate_limit_per_second == Some(0) {
        sink.push("$.rate_limit_per_second", "must be at least 1");
    }
    if let Some(p) = &a.purchase {
        if p.check.trim().is_empty() {
            sink.push(
                "$.purchase.check",
                "must say how to check whether the purchase went through",
            );
        }
        for (i, id) in p.ids.iter().enumerate() {
            if !a.outputs.iter().any(|o| &o.name == id) || id == "RequestId" {
                sink.push(
                    format!("$.purchase.ids[{i}]"),
                    format!("\"{id}\" is not an output of the action (RequestId is always quoted)"),
                );
            }
        }
    }
    check_curated(sink, "$", &a.curated, &["description", "title"]);
    let mut regions = BTreeSet::new();
    for (i, r) in a.regions.iter().enumerate() {
        if !regions.insert(r) {
            sink.push(
                format!("$.regions[{i}]"),
                format!("duplicate region \"{r}\""),
            );
        }
    }
    check_fields(sink, "$.parameters", &a.parameters, structures);
    let params: BTreeMap<&str, &Field> =
        a.parameters.iter().map(|f| (f.name.as_str(), f)).collect();
    for (i, rule) in a.rules.iter().enumerate() {
        check_rule(sink, &format!("$.rules[{i}]"), rule, &params);
    }
    check_outputs(sink, &a.outputs, structures);
    if let Some(p) = &a.pagination {
        flows::check_pagination(sink, a, p);
    }
    check_error_codes(sink, "$.errors", &a.errors);
    if a.examples.is_empty() && a.source.is_some() {
        sink.push(
            "$.examples",
            "every action page has at least one example; none is recorded",
        );
    }
    for (i, ex) in a.examples.iter().enumerate() {
        check_example(sink, &format!("$.examples[{i}]"), ex, a, structures);
    }
}

fn check_fields(
    sink: &mut Sink<'_>,
    base: &str,
    fields: &[Field],
    structures: &BTreeMap<&str, &StructureSpec>,
) {
    let mut seen = BTreeMap::new();
    for (i, f) in fields.iter().enumerate() {
        let path = format!("{base}[{i}]");
        if !is_wire_name(&f.name) {
            sink.push(
                format!("{path}.name"),
                format!(
                    "\"{}\" is not a wire name (letters, digits, `_`; no `.N` suffix)",
                    f.name
                ),
            );
        }
        if let Some(first) = seen.insert(f.name.as_str(), i) {
            sink.push(
                format!("{path}.name"),
                format!("duplicate name \"{}\" (first at {base}[{first}])", f.name),
            );
        }
        check_type_ref(sink, &format!("{path}.type"), &f.ty, structures);
        check_format(sink, &path, &f.ty, f.format);
        check_rust_name(sink, &path, f.rust_name.as_deref());
        check_curated(
            sink,
            &path,
            &f.curated,
            &["description", "required", "sensitive", "type"],
        );
        check_draft(sink, &path, f);
        let is_struct = !PRIMITIVES.contains(&f.ty.as_str());
        if is_struct && !f.constraints.is_empty() {
            sink.push(
                format!("{path}.constraints"),
                format!(
                    "a field of structure type {} cannot carry value constraints",
                    f.ty
                ),
            );
        } else {
            check_constraints(sink, &format!("{path}.constraints"), &f.ty, &f.constraints);
        }
        if f.sensitive && (f.ty != "String" || !f.constraints.enum_values.is_empty()) {
            sink.push(
                format!("{path}.sensitive"),
                "only free-form String fields can be sensitive (not enumerations)",
            );
        }
        if let Some(default) = &f.default {
            let dpath = format!("{path}.default");
            if f.array || is_struct {
                sink.push(
                    &dpath,
                    "a default value is only allowed on a single String, Integer, UInt64 or Boolean",
                );
            } else if !literal_fits(default, &f.ty) {
                sink.push(&dpath, format!("{default} is not a {}", f.ty));
            } else if let Some(why) = interpret::literal_violation(default, &f.constraints) {
                sink.push(
                    &dpath,
                    format!("{default} breaks the field's own constraints: {why}"),
                );
            }
        }
    }
}

fn check_type_ref(
    sink: &mut Sink<'_>,
    path: &str,
    ty: &str,
    structures: &BTreeMap<&str, &StructureSpec>,
) {
    if !PRIMITIVES.contains(&ty) && !structures.contains_key(ty) {
        let known: Vec<&str> = PRIMITIVES
            .iter()
            .copied()
            .chain(structures.keys().copied())
            .collect();
        sink.push(
            path,
            format!("unknown type \"{ty}\" (known: {})", known.join(", ")),
        );
    }
}

fn literal_fits(lit: &Literal, ty: &str) -> bool {
    match (lit, ty) {
        (Literal::Int(i), "UInt64") => *i >= 0,
        _ => matches!(
            (lit, ty),
            (Literal::Str(_), "String")
                | (Literal::Int(_), "Integer")
                | (Literal::UInt(_), "UInt64")
                | (Literal::Bool(_), "Boolean")
        ),
    }
}

fn is_integer(ty: &str) -> bool {
    ty == "Integer" || ty == "UInt64"
}

/// Import-owned keys a curator may pin with `curated`.
fn check_curated(sink: &mut Sink<'_>, base: &str, curated: &[String], known: &[&str]) {
    let mut seen = BTreeSet::new();
    for (i, key) in curated.iter().enumerate() {
        if !known.contains(&key.as_str()) {
            sink.push(
                format!("{base}.curated[{i}]"),
                format!(
                    "\"{key}\" is not an imported key a curator can keep (known: {})",
                    known.join(", ")
                ),
            );
        }
        if !seen.insert(key) {
            sink.push(
                format!("{base}.curated[{i}]"),
                format!("duplicate \"{key}\""),
            );
        }
    }
}

fn check_format(sink: &mut Sink<'_>, path: &str, ty: &str, format: Option<StringFormat>) {
    if let Some(f) = format {
        if ty != "String" {
            sink.push(
                format!("{path}.format"),
                format!("format {} applies to String, not {ty}", f.as_str()),
            );
        }
    }
}

fn check_rust_name(sink: &mut Sink<'_>, path: &str, rust_name: Option<&str>) {
    if let Some(n) = rust_name {
        let ok = n.starts_with(|c: char| c.is_ascii_lowercase())
            && n.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !crate::names::is_reserved_field(n);
        if !ok {
            sink.push(
                format!("{path}.rust_name"),
                format!("\"{n}\" is not a usable Rust field name (snake_case, not a keyword or a builder method)"),
            );
        }
    }
}

fn check_outputs(
    sink: &mut Sink<'_>,
    outputs: &[Output],
    structures: &BTreeMap<&str, &StructureSpec>,
) {
    let mut seen = BTreeMap::new();
    for (i, o) in outputs.iter().enumerate() {
        let path = format!("$.outputs[{i}]");
        if !is_wire_name(&o.name) {
            sink.push(
                format!("{path}.name"),
                format!("\"{}\" is not a wire name", o.name),
            );
        }
        if let Some(first) = seen.insert(o.name.as_str(), i) {
            sink.push(
                format!("{path}.name"),
                format!(
                    "duplicate output \"{}\" (first at $.outputs[{first}])",
                    o.name
                ),
            );
        }
        check_type_ref(sink, &format!("{path}.type"), &o.ty, structures);
        check_format(sink, &path, &o.ty, o.format);
        check_rust_name(sink, &path, o.rust_name.as_deref());
        check_curated(
            sink,
            &path,
            &o.curated,
            &[
                "description",
                "disabled",
                "may_be_absent",
                "nullable",
                "sensitive",
                "type",
            ],
        );
        if o.sensitive && o.ty != "String" {
            sink.push(
                format!("{path}.sensitive"),
                "only String outputs can be sensitive",
            );
        }
    }
    match outputs.iter().find(|o| o.name == "RequestId") {
        Some(o) if o.ty != "String" || o.array || o.may_be_absent || o.nullable || o.disabled => {
            sink.push(
                "$.outputs",
                "RequestId must be a String that is always present",
            );
        }
        Some(_) => {}
        None => sink.push(
            "$.outputs",
            "every response carries RequestId; it is missing",
        ),
    }
}

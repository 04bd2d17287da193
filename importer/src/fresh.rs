//! A service version of the description, turned into fresh spec values
//! (nothing curated yet): types mapped, documents turned into Markdown,
//! Rust name clashes resolved by recorded renames.

use std::collections::{BTreeMap, BTreeSet};

use codegen::names;
use codegen::spec::{
    ActionSpec, Edition, Endpoints, Example, Field, Output, ServiceSpec, StringFormat,
    StructureSpec, PRIMITIVES,
};

use crate::description::{
    Action as ApiAction, ApiJson, Example as ApiExample, ExamplesJson, Member as ApiMember,
};
use crate::http_example::{self, ExampleInput};
use crate::markdown::to_markdown_on;
use crate::query_body::query_to_json;
use crate::report::{Issue, Report};

/// The relative `$schema` of a file `depth` folders below the
/// international spec root ([`Edition::schema_ref`] for any edition).
pub fn schema_ref(depth: usize) -> String {
    Edition::Intl.schema_ref(depth)
}

/// Fresh spec values of one service version.
#[derive(Debug, Clone)]
pub struct Fresh {
    /// `service.json` as the description would have it.
    pub service: ServiceSpec,
    /// Actions by name.
    pub actions: BTreeMap<String, ActionSpec>,
    /// Structures by name.
    pub structures: BTreeMap<String, StructureSpec>,
}

/// A member's spec type: `(type, format, array)`.
type Mapped = (String, Option<StringFormat>, bool);

/// How a description member maps onto the spec, or why it cannot.
pub(crate) fn map_member(m: &ApiMember) -> Result<Mapped, String> {
    let scalar = |t: &str| -> Option<(String, Option<StringFormat>)> {
        Some(match t {
            "string" => ("String".into(), None),
            "datetime" => ("String".into(), Some(StringFormat::Datetime)),
            "datetime_iso" => ("String".into(), Some(StringFormat::DatetimeIso)),
            "date" => ("String".into(), Some(StringFormat::Date)),
            "int64" | "int" | "integer" => ("Integer".into(), None),
            "uint64" => ("UInt64".into(), None),
            "float" | "double" => ("Float".into(), None),
            "bool" | "boolean" => ("Boolean".into(), None),
            _ => return None,
        })
    };
    match m.kind.as_str() {
        "string" => Ok(match m.member.as_str() {
            "datetime" => ("String".into(), Some(StringFormat::Datetime), false),
            "datetime_iso" => ("String".into(), Some(StringFormat::DatetimeIso), false),
            "date" => ("String".into(), Some(StringFormat::Date), false),
            _ => ("String".into(), None, false),
        }),
        "int" => Ok((
            if m.member == "uint64" {
                "UInt64"
            } else {
                "Integer"
            }
            .into(),
            None,
            false,
        )),
        "float" => Ok(("Float".into(), None, false)),
        "bool" => Ok(("Boolean".into(), None, false)),
        "list" => match scalar(&m.member) {
            Some((t, f)) => Ok((t, f, true)),
            None => Ok((m.member.clone(), None, true)),
        },
        "object" => Ok((m.member.clone(), None, false)),
        other => Err(format!(
            "unknown member type \"{other}\" (member \"{}\")",
            m.member
        )),
    }
}

pub(crate) fn is_wire_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Rust field names for members, in order: the derived name, or a recorded
/// rename when it is reserved or taken by an earlier member.
fn field_renames<'a>(wires: impl Iterator<Item = &'a str>) -> Vec<Option<String>> {
    let mut taken = BTreeSet::new();
    wires
        .map(|wire| {
            let derived = names::field_name(wire);
            let mut name = derived.clone();
            if names::RESERVED_FIELDS.contains(&name.as_str()) {
                name = format!("{name}_value");
            }
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{derived}_{n}");
                n += 1;
            }
            taken.insert(name.clone());
            (name != derived).then_some(name)
        })
        .collect()
}

/// Builds the fresh spec of one service version. Problems that refuse a
/// member, an action or a structure go to `report`.
pub fn build(
    (service, version, ed): (&str, &str, Edition),
    api: &ApiJson,
    examples: &ExamplesJson,
    report: &mut Report,
) -> Fresh {
    let struct_names = structure_names(api);
    // Structures that will exist; a member of any other structure type is refused.
    let known: BTreeSet<String> = struct_names
        .iter()
        .filter(|n| is_wire_name(n))
        .map(|n| n.to_string())
        .collect();
    let structures = build_structures((service, version, ed), api, &struct_names, &known, report);
    let incomplete = crate::whole::incomplete(api, &known);
    let mut actions = BTreeMap::new();
    for (name, act) in &api.actions {
        if let Some(why) = incomplete.get(&act.input) {
            report.refuse(Issue::action(
                service,
                version,
                name,
                &format!("its request cannot be sent whole ({}: {why})", act.input),
            ));
            continue;
        }
        let at = (service, version, name.as_str());
        if let Some(spec) = build_action(at, ed, act, api, examples, &known, report) {
            actions.insert(name.clone(), spec);
        }
    }
    Fresh {
        service: service_spec(service, version, ed, api),
        actions,
        structures,
    }
}

/// The objects of the description that become structures: every object but
/// an action's input or output, unless a member refers to it.
fn structure_names(api: &ApiJson) -> Vec<&str> {
    let io: BTreeSet<&str> = api
        .actions
        .values()
        .flat_map(|a| [a.input.as_str(), a.output.as_str()])
        .collect();
    let mut referenced = BTreeSet::new();
    for o in api.objects.values() {
        for m in &o.members {
            if let Ok((ty, _, _)) = map_member(m) {
                if !PRIMITIVES.contains(&ty.as_str()) {
                    referenced.insert(ty);
                }
            }
        }
    }
    api.objects
        .keys()
        .map(String::as_str)
        .filter(|n| !io.contains(n) || referenced.contains(*n))
        .collect()
}

/// Rust type names taken by actions and their generated companions.
fn action_type_names(service: &str, api: &ApiJson) -> BTreeSet<String> {
    let mut taken = BTreeSet::new();
    for name in api.actions.keys() {
        let t = names::type_name(name);
        for suffix in ["", "Request", "Response", "RequestBuilder", "ErrorCode"] {
            taken.insert(format!("{t}{suffix}"));
        }
    }
    taken.insert(format!("{}ErrorCode", names::variant_name(service)));
    taken
}

/// The structures named `struct_names`, each with a Rust name that clashes
/// with no action's types (`...Model`, `...Model2`, ... when it would).
fn build_structures(
    (service, version, ed): (&str, &str, Edition),
    api: &ApiJson,
    struct_names: &[&str],
    known: &BTreeSet<String>,
    report: &mut Report,
) -> BTreeMap<String, StructureSpec> {
    let mut taken_types = action_type_names(service, api);
    let mut structures = BTreeMap::new();
    let mut lower_seen: BTreeMap<String, String> = BTreeMap::new();
    for name in struct_names {
        let obj = &api.objects[*name];
        if !is_wire_name(name) {
            report.refuse(Issue::structure(
                service,
                version,
                name,
                "not a structure name",
            ));
            continue;
        }
        let derived = names::type_name(name);
        let mut rust = derived.clone();
        let mut n = 2;
        while taken_types.contains(&rust) || taken_types.contains(&format!("{rust}Builder")) {
            rust = if n == 2 {
                format!("{derived}Model")
            } else {
                format!("{derived}Model{n}")
            };
            n += 1;
        }
        taken_types.insert(rust.clone());
        taken_types.insert(format!("{rust}Builder"));
        if let Some(other) = lower_seen.insert(name.to_ascii_lowercase(), name.to_string()) {
            report.note(format!(
                "{service} {version}: structures {other} and {name} differ only in case"
            ));
        }
        let input = obj.usage.as_deref() != Some("out");
        let fields = members_to_fields(
            (service, version, ed),
            name,
            &obj.members,
            known,
            input,
            report,
        );
        structures.insert(
            name.to_string(),
            StructureSpec {
                schema: ed.schema_ref(3),
                name: name.to_string(),
                rust_name: (rust != derived).then_some(rust),
                description: to_markdown_on(&obj.document, ed.site()),
                curated: Vec::new(),
                notes: None,
                fields,
            },
        );
    }
    structures
}

/// One action (`at`: service, version, name), or `None` with the reason in
/// `report` when it cannot be imported.
#[allow(clippy::too_many_arguments)]
fn build_action(
    (service, version, name): (&str, &str, &str),
    ed: Edition,
    act: &ApiAction,
    api: &ApiJson,
    examples: &ExamplesJson,
    known: &BTreeSet<String>,
    report: &mut Report,
) -> Option<ActionSpec> {
    let valid = {
        let mut c = name.chars();
        matches!(c.next(), Some(c) if c.is_ascii_uppercase())
            && name.chars().all(|c| c.is_ascii_alphanumeric())
    };
    if !valid {
        report.refuse(Issue::action(service, version, name, "not an action name"));
        return None;
    }
    let (Some(input), Some(output)) = (api.objects.get(&act.input), api.objects.get(&act.output))
    else {
        report.refuse(Issue::action(
            service,
            version,
            name,
            "its input or output structure is missing",
        ));
        return None;
    };
    let parameters = members_to_fields(
        (service, version, ed),
        name,
        &input.members,
        known,
        true,
        report,
    );
    let mut outputs =
        members_to_outputs((service, version, ed), name, &output.members, known, report);
    if !outputs.iter().any(|o| o.name == "RequestId") {
        outputs.push(request_id_output());
        report.note(format!(
            "{service} {version} {name}: no RequestId output in the description; added"
        ));
    }
    let examples = examples
        .actions
        .get(name)
        .map(|list| {
            let names: Vec<&str> = parameters.iter().map(|p| p.name.as_str()).collect();
            list.iter().map(|e| import_example(e, &names, ed)).collect()
        })
        .unwrap_or_default();
    Some(ActionSpec {
        schema: ed.schema_ref(3),
        name: name.to_owned(),
        title: Some(act.title.trim().to_owned()).filter(|t| !t.is_empty()),
        description: to_markdown_on(&act.document, ed.site()),
        deprecated: act.status.as_deref() == Some("deprecated"),
        skip_sign: act.skip_sign,
        curated: Vec::new(),
        source: None,
        rate_limit_per_second: None,
        purchase: None,
        region_required: false,
        regions: Vec::new(),
        parameters,
        rules: Vec::new(),
        outputs,
        pagination: None,
        errors: Vec::new(),
        examples,
    })
}

/// The `RequestId` every response carries, for an action whose output
/// structure lacks it.
fn request_id_output() -> Output {
    Output {
        name: "RequestId".into(),
        rust_name: None,
        ty: "String".into(),
        format: None,
        array: false,
        description: "The unique request ID, returned for every request.".into(),
        example: None,
        may_be_absent: false,
        nullable: false,
        disabled: false,
        deprecated: false,
        sensitive: false,
        curated: Vec::new(),
        notes: None,
    }
}

/// One example of the description: a JSON request (a GET's query string
/// read as the body it flattens) and response where they are JSON, else the
/// raw text, kept unchecked with the reason.
fn import_example(e: &ApiExample, parameters: &[&str], ed: Edition) -> Example {
    let request = match http_example::parse_input(&e.input) {
        ExampleInput::Json(v) => Ok(v),
        ExampleInput::Query { raw } => query_to_json(&http_example::query_pairs(&raw), parameters)
            .map_err(|_| {
                (
                    "request is a GET query string that does not flatten a JSON body",
                    e.input.clone(),
                )
            }),
        ExampleInput::NotJson { .. } => Err(("request body is not a JSON object", e.input.clone())),
    };
    let (request, why_req) = match request {
        Ok(v) => (v, None),
        Err((why, raw)) => (serde_json::Value::String(raw), Some(why)),
    };
    let (response, why_resp) = match http_example::parse_output(&e.output) {
        Ok(v) => (v, None),
        Err(_) => (
            serde_json::Value::String(e.output.clone()),
            Some("response is not valid JSON"),
        ),
    };
    Example {
        title: e.title.trim().to_owned(),
        imported: true,
        description: to_markdown_on(&e.document, ed.site()),
        request,
        response,
        expected_violations: Vec::new(),
        notes: None,
        unchecked: match (why_req, why_resp) {
            (Some(req), Some(resp)) => Some(format!("{req}; {resp}")),
            (req, resp) => req.or(resp).map(str::to_owned),
        },
        reading: None,
    }
}

/// `service.json` as the description gives it: the hosts and signing name
/// from `serviceShortName` (`as` for `autoscaling`, as the official SDKs
/// call it), and the product name unless it is only given in Chinese: the
/// international edition's documents are English, so such a service is
/// named by its service name until a curator writes the product's name.
fn service_spec(service: &str, version: &str, ed: Edition, api: &ApiJson) -> ServiceSpec {
    let short = api.metadata.service_short_name.trim();
    let wire = if short.is_empty() { service } else { short };
    let product = api.metadata.service_name_cn.trim();
    // The product's name is in Chinese in both editions: the Chinese site's
    // crates keep it, the international ones fall back to the service name.
    let product = if product.is_empty() || (!ed.chinese() && product.chars().any(is_cjk)) {
        service
    } else {
        product
    };
    ServiceSpec {
        schema: ed.schema_ref(2),
        service: service.to_owned(),
        version: version.to_owned(),
        signing_name: (wire != service).then(|| wire.to_owned()),
        product: product.to_owned(),
        endpoints: Endpoints {
            default: format!("{wire}.{}", ed.root_domain()),
            regional: format!("{wire}.{{region}}.tencentcloudapi.com"),
            international: format!("{wire}.intl.tencentcloudapi.com"),
        },
        curated: Vec::new(),
        notes: None,
        waiters: Vec::new(),
    }
}

/// A CJK ideograph or CJK punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// `input`: the members are sent (request members, structures used as
/// input): their documents are drafted into constraints for review.
fn members_to_fields(
    (service, version, ed): (&str, &str, Edition),
    owner: &str,
    members: &[ApiMember],
    known: &BTreeSet<String>,
    input: bool,
    report: &mut Report,
) -> Vec<Field> {
    let usable: Vec<(&ApiMember, Mapped)> = members
        .iter()
        .filter_map(|m| match crate::whole::refusal(m, known) {
            Some(why) => {
                report.refuse(Issue::member(service, version, owner, &m.name, &why));
                None
            }
            None => map_member(m).ok().map(|t| (m, t)),
        })
        .collect();
    let mut seen = BTreeSet::new();
    let usable: Vec<_> = usable
        .into_iter()
        .filter(|(m, _)| {
            let fresh = seen.insert(m.name.clone());
            if !fresh {
                report.refuse(Issue::member(
                    service,
                    version,
                    owner,
                    &m.name,
                    "duplicate member",
                ));
            }
            fresh
        })
        .collect();
    let renames = field_renames(usable.iter().map(|(m, _)| m.name.as_str()));
    let siblings: Vec<&str> = usable.iter().map(|(m, _)| m.name.as_str()).collect();
    usable
        .iter()
        .zip(renames)
        .map(|((m, (ty, format, array)), rust_name)| {
            let mut field = fresh_field(m, ty.clone(), *format, *array, rust_name, ed);
            field.sensitive = crate::secrets::implied(&field);
            if input {
                field.draft = crate::drafter::spec_draft(m, &siblings);
            }
            field
        })
        .collect()
}

fn fresh_field(
    m: &ApiMember,
    ty: String,
    format: Option<StringFormat>,
    array: bool,
    rust_name: Option<String>,
    ed: Edition,
) -> Field {
    Field {
        name: m.name.clone(),
        rust_name,
        ty,
        format,
        array,
        required: m.required,
        description: to_markdown_on(&m.document, ed.site()),
        example: m.example.clone().filter(|e| !e.is_empty()),
        disabled: m.disabled,
        deprecated: false,
        curated: Vec::new(),
        default: None,
        default_description: None,
        unit: None,
        sensitive: false,
        constraints: Default::default(),
        notes: None,
        draft: None,
    }
}

fn members_to_outputs(
    at: (&str, &str, Edition),
    owner: &str,
    members: &[ApiMember],
    known: &BTreeSet<String>,
    report: &mut Report,
) -> Vec<Output> {
    members_to_fields(at, owner, members, known, false, report)
        .into_iter()
        .map(|f| {
            let m = members.iter().find(|m| m.name == f.name);
            let request_id = f.name == "RequestId";
            Output {
                sensitive: f.sensitive,
                may_be_absent: !request_id && !m.is_some_and(|m| m.output_required),
                nullable: !request_id && m.is_some_and(|m| m.value_allowed_null),
                name: f.name,
                rust_name: f.rust_name,
                ty: f.ty,
                format: f.format,
                array: f.array,
                description: f.description,
                example: f.example,
                disabled: f.disabled,
                deprecated: false,
                curated: Vec::new(),
                notes: None,
            }
        })
        .collect()
}

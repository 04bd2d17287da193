//! The IR of paginators and waiters: the spec's member names resolved to
//! the Rust fields and types the emitters write.

use std::collections::BTreeMap;

use super::{ActionIr, OutputIr, StructIr, TypeIr};
use crate::names;
use crate::spec::{Literal, Matcher, PageStyle, Pagination, Problem, Waiter, INPUT_PLACEHOLDER};

/// How an action pages.
#[derive(Debug, Clone)]
pub struct PaginationIr {
    /// The style (never `None`: an action that does not page has no IR).
    pub style: PageStyle,
    /// `page` style: the first page's number.
    pub first_page: u64,
    /// The request field of the position.
    pub input: RequestField,
    /// The request field of the page size.
    pub page_size: Option<RequestField>,
    /// The response field of the items.
    pub items: ResponseField,
    /// The response field of the total.
    pub total: Option<ResponseField>,
    /// The response field of the next token.
    pub next_token: Option<ResponseField>,
}

/// A request field: always an `Option` in the generated type.
#[derive(Debug, Clone)]
pub struct RequestField {
    /// Rust name.
    pub rust: String,
    /// Its type.
    pub ty: TypeIr,
}

/// A response field.
#[derive(Debug, Clone)]
pub struct ResponseField {
    /// Rust name.
    pub rust: String,
    /// Element type.
    pub ty: TypeIr,
    /// Held in an `Option`.
    pub optional: bool,
}

impl ResponseField {
    fn of(o: &OutputIr) -> Self {
        ResponseField {
            rust: o.rust.clone(),
            ty: o.ty.clone(),
            optional: o.optional,
        }
    }
}

/// The IR of an action's pagination; `None` for style `none`.
pub(super) fn pagination(p: &Pagination, a: &ActionIr) -> Option<PaginationIr> {
    if p.style == PageStyle::None {
        return None;
    }
    let param = |wire: &Option<String>| {
        let wire = wire.as_deref()?;
        let f = a.request.fields.iter().find(|f| f.wire == wire)?;
        Some(RequestField {
            rust: f.rust.clone(),
            ty: f.ty.clone(),
        })
    };
    let output = |wire: &Option<String>| {
        let wire = wire.as_deref()?;
        a.response
            .fields
            .iter()
            .find(|o| o.wire == wire)
            .map(ResponseField::of)
    };
    // The spec checks made sure each named member exists with its type.
    Some(PaginationIr {
        style: p.style,
        first_page: p.first_page.unwrap_or(0),
        input: param(&p.input)?,
        page_size: param(&p.page_size),
        items: output(&p.items)?,
        total: output(&p.total),
        next_token: output(&p.next_token),
    })
}

/// A problem for each `<method>_pages` that another action's method (or
/// `<method>_with`) already takes.
pub(super) fn pages_clashes(actions: &[ActionIr], problems: &mut Vec<Problem>) {
    let taken: std::collections::BTreeSet<String> = actions
        .iter()
        .flat_map(|a| [a.method.clone(), format!("{}_with", a.method)])
        .collect();
    for a in actions.iter().filter(|a| a.pagination.is_some()) {
        let pages = format!("{}_pages", a.method);
        if taken.contains(&pages) {
            problems.push(Problem {
                file: a.file.clone(),
                path: "$.pagination".into(),
                message: format!(
                    "the paginator method {pages} is another action's method; review the pagination as \"none\" or rename"
                ),
            });
        }
    }
}

/// A waiter on a client handle.
#[derive(Debug, Clone)]
pub struct WaiterIr {
    /// Method name (`wait_until_db_instance_running`).
    pub method: String,
    /// What it waits for.
    pub description: String,
    /// The polled action's marker type.
    pub action: String,
    /// Its error code type.
    pub error_type: String,
    /// The argument's Rust name.
    pub input: String,
    /// The argument's type (String, Integer or UInt64).
    pub input_ty: TypeIr,
    /// The argument's description.
    pub input_description: String,
    /// The request each poll sends.
    pub request: Template,
    /// Where the resource is.
    pub select: Option<SelectIr>,
    /// The response type (the resource when there is no `select`).
    pub response: String,
    /// The state field of the resource.
    pub state: ResponseField,
    /// Success states (as text) or non-empty.
    pub success: (Vec<String>, bool),
    /// Failure states.
    pub failure: (Vec<String>, bool),
    /// Default total time, in seconds.
    pub timeout_seconds: u64,
    /// Default first delay, in seconds.
    pub min_delay_seconds: u64,
    /// Default longest delay, in seconds.
    pub max_delay_seconds: u64,
}

/// A list in the response and the key that picks the resource.
#[derive(Debug, Clone)]
pub struct SelectIr {
    /// The list's response field.
    pub list: ResponseField,
    /// The listed structure's Rust name (the resource's type).
    pub item: String,
    /// The key field of the structure (an `Option`).
    pub key: String,
}

/// A value of a request template, typed.
#[derive(Debug, Clone)]
pub enum Template {
    /// A struct literal: its Rust name, (field, boxed, value), and whether
    /// every field of the struct is set.
    Struct(String, Vec<(String, bool, Template)>, bool),
    /// A `Vec`.
    Array(Vec<Template>),
    /// A string.
    Str(String),
    /// An integer of the field's type (`u64` when `unsigned`).
    Int(i128, bool),
    /// A float.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// An enum value: (enum name, wrapped value).
    Enum(String, Box<Template>),
    /// The waiter's argument.
    Input,
}

fn matcher_text(m: &Matcher) -> (Vec<String>, bool) {
    let text = m
        .any_of
        .iter()
        .map(|l| match l {
            Literal::Str(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    (text, m.non_empty)
}

/// The IR of a service version's waiters; what cannot be resolved (a case
/// the spec checks let through) is a problem.
pub(super) fn waiters(
    specs: &[Waiter],
    file: &str,
    actions: &[ActionIr],
    structs: &[StructIr],
    problems: &mut Vec<Problem>,
) -> Vec<WaiterIr> {
    let by_name: BTreeMap<&str, &StructIr> = structs.iter().map(|s| (s.name.as_str(), s)).collect();
    let mut out = Vec::new();
    for (i, w) in specs.iter().enumerate() {
        let mut problem = |message: String| {
            problems.push(Problem {
                file: file.to_owned(),
                path: format!("$.waiters[{i}]"),
                message,
            })
        };
        let method = format!("wait_until_{}", names::field_name(&w.name));
        if actions
            .iter()
            .any(|a| a.method == method || format!("{}_with", a.method) == method)
        {
            problem(format!(
                "the method {method} clashes with an action's method"
            ));
            continue;
        }
        let Some(action) = actions
            .iter()
            .find(|a| a.name == names::type_name(&w.action))
        else {
            continue;
        };
        let input_ty = match w.input.ty.as_str() {
            "Integer" => TypeIr::Integer,
            "UInt64" => TypeIr::UInt64,
            _ => TypeIr::String,
        };
        let Some(request) = template(&w.request, &action.request, &by_name) else {
            problem("the request template does not fit the request type".into());
            continue;
        };
        // The resource and its state field; the spec checks made sure both exist.
        let (select, state) = match &w.select {
            None => {
                let state = action.response.fields.iter().find(|o| o.wire == w.state);
                (None, state.map(ResponseField::of))
            }
            Some(sel) => {
                let list = action.response.fields.iter().find(|o| o.wire == sel.list);
                let item = list.and_then(|l| match &l.ty {
                    TypeIr::Struct(n) => by_name.get(n.as_str()).copied(),
                    _ => None,
                });
                let (Some(list), Some(item)) = (list, item) else {
                    continue;
                };
                let field = |wire: &str| item.fields.iter().find(|f| f.wire == wire);
                let Some(key) = field(&sel.key) else { continue };
                // A structure's fields are all optional in the generated type.
                let state = field(&w.state).map(|f| ResponseField {
                    rust: f.rust.clone(),
                    ty: f.ty.clone(),
                    optional: true,
                });
                let select = SelectIr {
                    list: ResponseField::of(list),
                    item: item.name.clone(),
                    key: key.rust.clone(),
                };
                (Some(select), state)
            }
        };
        let Some(state) = state else { continue };
        out.push(WaiterIr {
            method,
            description: w.description.clone(),
            action: action.name.clone(),
            error_type: action.error_type.clone(),
            input: names::field_name(&w.input.name),
            input_ty,
            input_description: w.input.description.clone(),
            request,
            select,
            response: action.response.name.clone(),
            state,
            success: matcher_text(&w.success),
            failure: matcher_text(&w.failure),
            timeout_seconds: w.timeout_seconds,
            min_delay_seconds: w.min_delay_seconds,
            max_delay_seconds: w.max_delay_seconds,
        });
    }
    out
}

/// The typed template of a request object.
fn template(
    v: &serde_json::Value,
    st: &StructIr,
    structs: &BTreeMap<&str, &StructIr>,
) -> Option<Template> {
    let obj = v.as_object()?;
    let mut fields = Vec::new();
    for (k, item) in obj {
        let f = st.fields.iter().find(|f| &f.wire == k)?;
        let value = if f.array {
            let items = item.as_array()?;
            Template::Array(
                items
                    .iter()
                    .map(|x| value(x, &f.ty, structs))
                    .collect::<Option<_>>()?,
            )
        } else {
            value(item, &f.ty, structs)?
        };
        fields.push((f.rust.clone(), f.boxed, value));
    }
    let complete = fields.len() == st.fields.len();
    Some(Template::Struct(st.name.clone(), fields, complete))
}

fn value(
    v: &serde_json::Value,
    ty: &TypeIr,
    structs: &BTreeMap<&str, &StructIr>,
) -> Option<Template> {
    let input = v.as_str() == Some(INPUT_PLACEHOLDER);
    if input && !matches!(ty, TypeIr::Enum { .. }) {
        return Some(Template::Input);
    }
    Some(match ty {
        TypeIr::String => Template::Str(v.as_str()?.to_owned()),
        TypeIr::Integer => Template::Int(i128::from(v.as_i64()?), false),
        TypeIr::UInt64 => Template::Int(i128::from(v.as_u64()?), true),
        TypeIr::Float => Template::Float(v.as_f64()?),
        TypeIr::Boolean => Template::Bool(v.as_bool()?),
        TypeIr::Struct(name) => template(v, structs.get(name.as_str())?, structs)?,
        TypeIr::Enum { name, int } => {
            let inner = if input {
                Template::Input
            } else if *int {
                Template::Int(i128::from(v.as_i64()?), false)
            } else {
                Template::Str(v.as_str()?.to_owned())
            };
            Template::Enum(name.clone(), Box::new(inner))
        }
    })
}

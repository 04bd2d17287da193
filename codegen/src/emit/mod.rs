//! Emitters: IR in, formatted Rust files out. One module per kind of output.

mod action;
mod client;
mod docs;
mod enums;
mod errors;
mod flows;
mod serde_impls;
mod structs;
mod validate;

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Ir, ServiceIr, TypeIr};
use crate::spec::{Problem, Problems};
use docs::inner_doc;

/// Generated files: path relative to `generated-sdk/src/` -> contents.
pub type Files = BTreeMap<String, String>;

/// Folder of generated modules inside `generated-sdk/src/`.
pub const GENERATED_DIR: &str = "generated";

/// Emits every file for the IR.
pub fn emit(ir: &Ir) -> Result<Files, Problems> {
    let mut files = Files::new();
    let mut problems = Vec::new();
    let mut by_service: BTreeMap<&str, Vec<&ServiceIr>> = BTreeMap::new();
    for s in &ir.services {
        by_service.entry(&s.service).or_default().push(s);
    }
    // Each service version's files are independent: render them on every
    // core (tokens are not `Send`, so each thread builds its own), then
    // merge in path order, which keeps the output deterministic.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = ir.services.len().div_ceil(threads).max(1);
    let rendered: Vec<(Files, Vec<Problem>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = ir
            .services
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(version_files).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    for (f, p) in rendered {
        files.extend(f);
        problems.extend(p);
    }
    for (service, versions) in &by_service {
        let version_mods: Vec<Ident> = versions.iter().map(|sv| ident(&sv.module)).collect();

        let doc = docs::inner_doc(&format!(
            "{} (`{service}`): one module per API version.\n\n\
             Compiled only with the cargo feature `{service}`.",
            versions
                .first()
                .map(|v| v.product.as_str())
                .unwrap_or_default()
        ));
        let tokens = quote! {
            #doc
            #( pub mod #version_mods; )*
        };
        let srcs: Vec<String> = versions.iter().map(|v| v.file.clone()).collect();
        push(
            &mut files,
            &mut problems,
            format!("{GENERATED_DIR}/{service}/mod.rs"),
            &srcs,
            tokens,
        );
    }
    let service_mods: Vec<Ident> = by_service.keys().map(|s| ident(s)).collect();
    let service_names: Vec<&str> = by_service.keys().copied().collect();
    let registries = ir.services.iter().map(|sv| {
        let (service, module) = (ident(&sv.service), ident(&sv.module));
        let feature = &sv.service;
        quote!(#[cfg(feature = #feature)] #service::#module::ACTIONS)
    });
    let accessors = client::accessors(ir);
    push(
        &mut files,
        &mut problems,
        format!("{GENERATED_DIR}/common_errors.rs"),
        &["common-errors.json".to_owned()],
        errors::emit_common_enum(&ir.common_errors),
    );
    let tokens = quote! {
        //! Generated service modules, re-exported at the crate root; each is
        //! compiled only with its cargo feature.
        mod common_errors;
        pub use common_errors::CommonErrorCode;
        #( #[cfg(feature = #service_names)] pub mod #service_mods; )*
        /// The compiled-in actions of each service version, ordered by
        /// service, version and name.
        #[cfg(feature = "registry")]
        pub(crate) static ACTIONS: &[&[crate::registry::ActionEntry]] = &[#(#registries),*];
        #accessors
    };
    let every_service: Vec<String> = ir
        .services
        .iter()
        .map(|s| format!("{}/{}/", s.service, s.version))
        .collect();
    push(
        &mut files,
        &mut problems,
        format!("{GENERATED_DIR}/mod.rs"),
        &every_service,
        tokens,
    );
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(Problems(problems))
    }
}

/// The files of one service version: models, error codes, one file per
/// action, the client handle and `mod.rs`.
fn version_files(sv: &ServiceIr) -> (Files, Vec<Problem>) {
    let mut files = Files::new();
    let mut problems = Vec::new();
    let service = &sv.service;
    let dir = format!("{GENERATED_DIR}/{service}/{}", sv.module);
    let mut sources = vec![sv.file.clone()];
    let models_sources: Vec<String> = vec![format!("{service}/{}/structures/*.json", sv.version)];
    if !sv.structures.is_empty() {
        push(
            &mut files,
            &mut problems,
            format!("{dir}/models.rs"),
            &models_sources,
            structs::models_file(sv),
        );
    }
    if let Some(e) = &sv.errors {
        let srcs = match &e.file {
            Some(f) => vec![f.clone(), "common-errors.json".to_owned()],
            None => vec![sv.file.clone(), "common-errors.json".to_owned()],
        };
        let doc = docs::inner_doc(&format!("Error codes of {} {}.", sv.product, sv.version));
        let body = errors::emit_service_enum(sv, e);
        push(
            &mut files,
            &mut problems,
            format!("{dir}/errors.rs"),
            &srcs,
            quote! { #doc #body },
        );
    }
    for a in &sv.actions {
        let mut srcs = vec![a.file.clone()];
        if a.errors.is_some() {
            srcs.push("common-errors.json".to_owned());
        }
        push(
            &mut files,
            &mut problems,
            format!("{dir}/{}.rs", a.module),
            &srcs,
            action::action_file(sv, a),
        );
        sources.push(a.file.clone());
    }
    let entries = sv.actions.iter().map(|a| {
        let marker = ident(&a.name);
        let example = &a.example_response;
        quote!(crate::registry::ActionEntry::of::<super::#marker>(#example))
    });
    let registry_doc = inner_doc(&format!(
        "The actions of {} {} by wire name (feature `registry`).",
        sv.product, sv.version
    ));
    push(
        &mut files,
        &mut problems,
        format!("{dir}/registry.rs"),
        &sources,
        quote! {
            #registry_doc
            /// Every action of this service version, ordered by name, with
            /// its example response.
            pub static ACTIONS: &[crate::registry::ActionEntry] = &[#(#entries),*];
        },
    );
    push(
        &mut files,
        &mut problems,
        format!("{dir}/client.rs"),
        &sources,
        client::client_file(sv),
    );
    push(
        &mut files,
        &mut problems,
        format!("{dir}/mod.rs"),
        &sources,
        action::version_mod(sv),
    );
    (files, problems)
}

fn push(
    files: &mut Files,
    problems: &mut Vec<Problem>,
    path: String,
    sources: &[String],
    tokens: TokenStream,
) {
    match render(sources, tokens) {
        Ok(text) => {
            files.insert(path, text);
        }
        Err(e) => problems.push(Problem {
            file: sources.first().cloned().unwrap_or_default(),
            path: "$".into(),
            message: format!("internal: generated code for {path} does not parse: {e}"),
        }),
    }
}

/// Parses the tokens as a file, prints them with prettyplease, and prefixes
/// the generated-file header.
fn render(sources: &[String], tokens: TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens)?;
    let body = prettyplease::unparse(&file);
    let list = sources
        .iter()
        .map(|s| format!("api-spec/{s}"))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(format!(
        "// @generated by `cargo xtask gen` from {list}.\n// Do not edit by hand: change the spec and regenerate.\n\n{body}"
    ))
}

/// An identifier; names come from [`crate::names`], which only makes valid ones.
pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The Rust type of one element.
pub(crate) fn elem_type(ty: &TypeIr) -> TokenStream {
    match ty {
        TypeIr::String => quote!(::std::string::String),
        TypeIr::Integer => quote!(i64),
        TypeIr::UInt64 => quote!(u64),
        TypeIr::Float => quote!(f64),
        TypeIr::Boolean => quote!(bool),
        TypeIr::Struct(name) => {
            let name = ident(name);
            quote!(super::#name)
        }
        TypeIr::Enum { name, .. } => {
            let name = ident(name);
            quote!(#name)
        }
    }
}

/// The Rust type of a field: the element, or a `Vec` of it.
pub(crate) fn value_type(ty: &TypeIr, array: bool) -> TokenStream {
    let elem = elem_type(ty);
    if array {
        quote!(::std::vec::Vec<#elem>)
    } else {
        elem
    }
}

/// The Rust type of a structure field: [`value_type`], boxed when the
/// structure contains itself through it.
pub(crate) fn field_type(f: &crate::ir::FieldIr) -> TokenStream {
    let ty = value_type(&f.ty, f.array);
    if f.boxed {
        quote!(::std::boxed::Box<#ty>)
    } else {
        ty
    }
}

/// First line of the generated block inside `[features]` of the crate's
/// `Cargo.toml`.
pub const FEATURES_BEGIN: &str =
    "# @generated by `cargo xtask gen` from api-spec/: one feature per service.";
/// Last line of that block.
pub const FEATURES_END: &str = "# @end of generated features";

/// The generated block of `[features]`: `all-services` and one empty
/// feature per service, each named as its module.
pub fn cargo_features(ir: &Ir) -> String {
    let services: std::collections::BTreeSet<&str> =
        ir.services.iter().map(|s| s.service.as_str()).collect();
    let quoted: Vec<String> = services.iter().map(|s| format!("{s:?}")).collect();
    let mut block = format!("{FEATURES_BEGIN}\nall-services = [{}]\n", quoted.join(", "));
    for s in &services {
        block.push_str(&format!("{s} = []\n"));
    }
    block.push_str(FEATURES_END);
    block.push('\n');
    block
}

/// `manifest` with its generated features block replaced by `block`, or why
/// it cannot be: the markers are missing or out of order.
pub fn splice_features(manifest: &str, block: &str) -> Result<String, String> {
    let begin = manifest
        .find(FEATURES_BEGIN)
        .ok_or_else(|| format!("no line `{FEATURES_BEGIN}` in [features]"))?;
    let end = manifest[begin..]
        .find(FEATURES_END)
        .map(|i| begin + i + FEATURES_END.len())
        .ok_or_else(|| format!("no line `{FEATURES_END}` after `{FEATURES_BEGIN}`"))?;
    let end = if manifest[end..].starts_with('\n') {
        end + 1
    } else {
        end
    };
    Ok(format!("{}{block}{}", &manifest[..begin], &manifest[end..]))
}

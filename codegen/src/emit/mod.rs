//! Emitters: IR in, formatted files out. One module per kind of output.
//!
//! The output is a tree relative to `generated-sdk/`: one crate per service
//! under `services/<service>/` (manifest, README and every source file), the
//! common error codes of the runtime crate (`core/src/generated/`), and the
//! facade crate's service modules, registry table and client accessors
//! (`facade/src/generated/`) with the generated blocks of its manifest.

mod action;
mod client;
mod docs;
mod enums;
mod errors;
mod flows;
pub mod manifest;
pub mod rt;
mod serde_impls;
mod structs;
mod validate;

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Ir, ServiceIr, TypeIr};
use crate::spec::{Edition, Problem, Problems};
use docs::inner_doc;
pub use manifest::{FacadeManifest, SERVICES_DIR};

/// Generated files: path relative to `generated-sdk/` -> contents.
pub type Files = BTreeMap<String, String>;

/// The folders (relative to `generated-sdk/`) whose every file is
/// generated from the international edition's specs: `cargo xtask gen`
/// removes a file there that the specs no longer give.
pub const GENERATED_DIRS: &[&str] = &[SERVICES_DIR, "core/src/generated", "facade/src/generated"];

/// The folders whose every file is generated from an edition's specs: the
/// international edition also writes the runtime's common error codes and
/// the facade; any other edition only its service crates.
pub fn generated_dirs(edition: Edition) -> &'static [&'static str] {
    match edition {
        Edition::Intl => GENERATED_DIRS,
        Edition::Cn => &["services-cn"],
    }
}

/// What a long generation reports as it goes: called with `service
/// version` after each service version's files are rendered, from the
/// rendering threads.
pub type Progress<'a> = &'a (dyn Fn(&str) + Sync);

/// Emits every file for the IR.
pub fn emit(ir: &Ir, progress: Progress<'_>) -> Result<Files, Problems> {
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
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|sv| {
                            let out = version_files(sv);
                            progress(&format!("{} {}", sv.service, sv.version));
                            out
                        })
                        .collect::<Vec<_>>()
                })
            })
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
        service_crate_root(&mut files, &mut problems, service, versions);
    }
    files.insert(
        format!("{}/.gitignore", ir.edition.services_dir()),
        manifest::services_gitignore(ir.edition, &curated_services(ir)),
    );
    // The runtime and the facade are the international edition's: another
    // edition's crates share the runtime and have no facade.
    if ir.edition == Edition::Intl {
        push(
            &mut files,
            &mut problems,
            "core/src/generated/common_errors.rs".to_owned(),
            &["common-errors.json".to_owned()],
            errors::emit_common_enum(&ir.common_errors),
        );
        facade_module(&mut files, &mut problems, ir, &by_service);
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(Problems(problems))
    }
}

/// The services a curator has worked on (any version curated): their
/// crates' sources are checked in; the other crates' are generated on demand.
pub fn curated_services(ir: &Ir) -> std::collections::BTreeSet<String> {
    ir.services
        .iter()
        .filter(|sv| sv.curated)
        .map(|sv| sv.service.clone())
        .collect()
}

/// Whether the generated file `rel` (relative to `generated-sdk/`) is
/// checked in: everything but the `src/` of a service crate no curator has
/// worked on (`curated`: the curated services of the edition whose crates
/// hold `rel`).
pub fn is_checked_in(rel: &str, curated: &std::collections::BTreeSet<String>) -> bool {
    let Some(rest) = Edition::ALL.into_iter().find_map(|e| {
        rel.strip_prefix(e.services_dir())
            .and_then(|r| r.strip_prefix('/'))
    }) else {
        return true;
    };
    match rest.split_once('/') {
        Some((service, path)) if path.starts_with("src/") => curated.contains(service),
        _ => true,
    }
}

/// A service crate's manifest, README and `lib.rs` (one module per version).
fn service_crate_root(
    files: &mut Files,
    problems: &mut Vec<Problem>,
    service: &str,
    versions: &[&ServiceIr],
) {
    let edition = versions.first().map_or(Edition::Intl, |v| v.edition);
    let dir = format!("{}/{service}", edition.services_dir());
    files.insert(
        format!("{dir}/Cargo.toml"),
        manifest::service_manifest(service, versions),
    );
    files.insert(
        format!("{dir}/README.md"),
        manifest::service_readme(service, versions),
    );
    let version_mods: Vec<Ident> = versions.iter().map(|sv| ident(&sv.module)).collect();
    let doc = docs::inner_doc(&format!(
        "{} (`{service}`) for the Tencent Cloud SDK for Rust, {} edition: one module per \
         API version.\n\n\
         Built on the runtime crate `{}`. Features: `client` (default), each version's \
         client handle; `registry`, each version's `ACTIONS` by wire name.",
        versions
            .first()
            .map(|v| v.product.as_str())
            .unwrap_or_default(),
        edition.label(),
        rt::PACKAGE,
    ));
    let tokens = quote! {
        #doc
        #![deny(missing_docs)]
        #( #[rustfmt::skip] pub mod #version_mods; )*
    };
    let srcs: Vec<String> = versions.iter().map(|v| v.file.clone()).collect();
    push(files, problems, format!("{dir}/src/lib.rs"), &srcs, tokens);
}

/// The facade crate's generated module: each service crate re-exported
/// under its feature, the registry's table and the client accessors.
fn facade_module(
    files: &mut Files,
    problems: &mut Vec<Problem>,
    ir: &Ir,
    by_service: &BTreeMap<&str, Vec<&ServiceIr>>,
) {
    let service_mods: Vec<Ident> = by_service.keys().map(|s| ident(s)).collect();
    let service_names: Vec<&str> = by_service.keys().copied().collect();
    let crates: Vec<Ident> = by_service
        .keys()
        .map(|s| ident(&manifest::library_name(s)))
        .collect();
    let docs: Vec<TokenStream> = by_service
        .iter()
        .map(|(s, versions)| {
            docs::doc(&format!(
                "{} (crate `{}`, feature `{s}`).",
                versions
                    .first()
                    .map(|v| v.product.as_str())
                    .unwrap_or_default(),
                manifest::package_name(s)
            ))
        })
        .collect();
    let registries = ir.services.iter().map(|sv| {
        let (service, module) = (ident(&sv.service), ident(&sv.module));
        let feature = &sv.service;
        quote!(#[cfg(feature = #feature)] #service::#module::ACTIONS)
    });
    let accessors = client::accessors(ir);
    let tokens = quote! {
        //! The service crates, each re-exported under its cargo feature, and
        //! what joins them: the registry's table and the client accessors.
        #( #docs #[cfg(feature = #service_names)] pub use #crates as #service_mods; )*
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
        files,
        problems,
        "facade/src/generated/mod.rs".to_owned(),
        &every_service,
        tokens,
    );
}

/// The files of one service version: models, error codes, one file per
/// action, the client handle and `mod.rs`.
fn version_files(sv: &ServiceIr) -> (Files, Vec<Problem>) {
    let mut files = Files::new();
    let mut problems = Vec::new();
    let service = &sv.service;
    let dir = format!("{}/{service}/src/{}", sv.edition.services_dir(), sv.module);
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
    let action_entry = rt::action_entry();
    let entries = sv.actions.iter().map(|a| {
        let marker = ident(&a.name);
        let example = &a.example_response;
        quote!(#action_entry::of::<super::#marker>(#example))
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
            pub static ACTIONS: &[#action_entry] = &[#(#entries),*];
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
    match render(manifest::spec_dir_of(&path), sources, tokens) {
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
fn render(spec_dir: &str, sources: &[String], tokens: TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens)?;
    let body = prettyplease::unparse(&file);
    let list = sources
        .iter()
        .map(|s| format!("{spec_dir}/{s}"))
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

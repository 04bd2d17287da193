//! One file per action (marker, request, response, error codes) and the
//! version module that ties a service version together.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, format_words, inner_doc, prose, prose_or};
use super::serde_impls::{serde_impls, SerdeField};
use super::{errors, ident, rt, structs, value_type};
use crate::ir::{ActionIr, ServiceIr, TypeIr};

/// `<action>.rs`.
pub(crate) fn action_file(sv: &ServiceIr, a: &ActionIr) -> TokenStream {
    let file_doc = inner_doc(&format!("`{}` ({} {}).", a.name, sv.product, sv.version));
    let source = match &a.source {
        Some((url, stamp)) => format!("\n\nSource: <{url}> (last updated {stamp})."),
        None => String::new(),
    };
    let description = prose_or(&a.description, &format!("The `{}` action.", a.name));
    let marker = marker_item(a, &description, &source);
    let request_doc = format!(
        "Request parameters of `{}`.\n\n{description}{source}",
        a.name
    );
    let request_item = structs::emit_struct(&a.request, &request_doc);
    let response_item = response_item(a);
    let error_item = a.errors.as_ref().map(|e| errors::emit_error_enum(a, e));
    let paginated = a
        .pagination
        .as_ref()
        .map(|p| super::flows::paginated_impl(a, p));
    quote! {
        #file_doc
        #marker
        #request_item
        #response_item
        #error_item
        #paginated
    }
}

/// The action's marker type: its documented limits and its `Action` impl.
fn marker_item(a: &ActionIr, description: &str, source: &str) -> TokenStream {
    let marker = ident(&a.name);
    let request = ident(&a.request.name);
    let response = ident(&a.response.name);
    let error = {
        let e = ident(&a.error_type);
        if a.errors.is_some() {
            quote!(#e)
        } else {
            quote!(super::#e)
        }
    };
    let name = &a.name;
    let skip_sign = a.skip_sign.then(|| {
        quote!(
            const SKIP_SIGN: bool = true;
        )
    });
    let rate = a.rate_limit;
    let purchase = a.purchase.as_ref().map(|(check, ids)| {
        let ty = rt::purchase();
        quote! {
            const PURCHASE: ::std::option::Option<#ty> = ::std::option::Option::Some(#ty {
                check: #check,
                ids: &[#(#ids),*],
            });
        }
    });
    let purchase_doc = match &a.purchase {
        Some((check, _)) => format!(
            "\n\n**Buys**: a failure whose outcome is unknown is reported as \
             `Error::MayHaveBought` (the client's error) \
             and never retried unless the call opts in. To check before retrying: {}",
            prose(check)
        ),
        None => String::new(),
    };
    let region_required = a.region_required;
    let regions = &a.regions;
    let region_doc = if a.regions.is_empty() {
        String::new()
    } else {
        format!("\n\nSupported regions: {}.", a.regions.join(", "))
    };
    let rate_doc = if a.rate_limit == 0 {
        String::new()
    } else {
        format!("\n\nRate limit: {rate} requests per second.")
    };
    let title = a
        .title
        .as_deref()
        .map(|t| format!("{}\n\n", prose(t)))
        .unwrap_or_default();
    let deprecated = if a.deprecated {
        "\n\n**Deprecated**: the service marks this action deprecated."
    } else {
        ""
    };
    let marker_doc = doc(&format!(
        "{title}{description}{deprecated}{purchase_doc}{rate_doc}{region_doc}{source}"
    ));
    let action_trait = rt::action();
    let endpoints = rt::endpoints();
    quote! {
        #marker_doc
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct #marker;
        impl #marker {
            /// Action name, sent as `X-TC-Action`.
            pub const NAME: &'static str = #name;
            /// Documented rate limit, requests per second (0: not documented).
            pub const RATE_LIMIT_PER_SECOND: u32 = #rate;
            /// Regions the page says the action supports (empty: the page lists none).
            pub const REGIONS: &'static [&'static str] = &[#(#regions),*];
            /// Whether the page marks the common parameter `Region` as required.
            pub const REGION_REQUIRED: bool = #region_required;
        }
        impl #action_trait for #marker {
            const SERVICE: &'static str = super::SERVICE;
            const VERSION: &'static str = super::VERSION;
            const NAME: &'static str = Self::NAME;
            const RATE_LIMIT_PER_SECOND: u32 = Self::RATE_LIMIT_PER_SECOND;
            const REGIONS: &'static [&'static str] = Self::REGIONS;
            const REGION_REQUIRED: bool = Self::REGION_REQUIRED;
            const ENDPOINTS: #endpoints = super::ENDPOINTS;
            #skip_sign
            #purchase
            type Request = #request;
            type Response = #response;
            type ErrorCode = #error;
        }
    }
}

/// The action's response type: its fields, serde, `Debug` (redacting
/// secrets) and `PartialEq`.
fn response_item(a: &ActionIr) -> TokenStream {
    let response = ident(&a.response.name);
    let fields: Vec<_> = a.response.fields.iter().map(|f| ident(&f.rust)).collect();
    let field_docs: Vec<_> = a
        .response
        .fields
        .iter()
        .map(|f| {
            let mut text = prose_or(&f.description, &format!("`{}`.", f.wire));
            if let Some(format) = f.format {
                text.push_str(&format!("\n\nFormat: {}.", format_words(format)));
            }
            if f.optional {
                text.push_str("\n\nMay be absent or null.");
            }
            if f.deprecated {
                text.push_str("\n\n**Deprecated.**");
            }
            if f.sensitive {
                text.push_str("\n\nSensitive: never shown in Debug output or error messages.");
            }
            doc(&text)
        })
        .collect();
    let types: Vec<_> = a
        .response
        .fields
        .iter()
        .map(|f| {
            let ty = value_type(&f.ty, f.array);
            if f.optional {
                quote!(::std::option::Option<#ty>)
            } else {
                ty
            }
        })
        .collect();
    let serde_fields: Vec<SerdeField<'_>> = a
        .response
        .fields
        .iter()
        .map(|f| SerdeField {
            rust: &f.rust,
            wire: &f.wire,
            optional: f.optional,
            secret: f.sensitive,
            array: f.array,
            scalar: f.ty.is_scalar(),
            text: f.ty == TypeIr::String,
        })
        .collect();
    let response_serde = serde_impls(&a.response.name, &serde_fields, false, false);
    let (response_eq_derive, response_eq_impl) = structs::partial_eq(&a.response.name, &fields);
    let has_sensitive = a.response.fields.iter().any(|f| f.sensitive);
    let response_debug_derive = (!has_sensitive).then(|| quote!(, Debug));
    let response_debug_impl = has_sensitive.then(|| {
        structs::redacting_debug(
            &a.response.name,
            a.response
                .fields
                .iter()
                .map(|f| (f.rust.as_str(), f.sensitive, f.optional)),
        )
    });
    let response_doc = doc(&format!(
        "The `Response` object of a successful `{}` call. Unknown fields are ignored.",
        a.name
    ));
    quote! {
        #response_doc
        #[derive(Clone #response_debug_derive #response_eq_derive)]
        pub struct #response {
            #( #field_docs pub #fields: #types, )*
        }
        #response_debug_impl
        #response_serde
        #response_eq_impl
    }
}

/// `mod.rs` of a service version: constants and the re-exports.
pub(crate) fn version_mod(sv: &ServiceIr) -> TokenStream {
    let actions: Vec<String> = sv
        .actions
        .iter()
        .map(|a| format!("[`{}`]", a.name))
        .collect();
    let module_doc = inner_doc(&format!(
        "{} API version {} (service `{}`).\n\nActions: {}.",
        sv.product,
        sv.version,
        sv.signing_name,
        actions.join(", ")
    ));
    let service = &sv.signing_name;
    let version = &sv.version;
    let default = &sv.endpoints.default;
    let regional = &sv.endpoints.regional;
    let international = &sv.endpoints.international;
    let mods: Vec<_> = sv.actions.iter().map(|a| ident(&a.module)).collect();
    let models = (!sv.structures.is_empty()).then(|| quote! { mod models; pub use models::*; });
    let errors = sv
        .errors
        .is_some()
        .then(|| quote! { mod errors; pub use errors::*; });
    let endpoints = rt::endpoints();
    quote! {
        #module_doc
        /// The service's name on the wire: in signing and in the default host.
        pub const SERVICE: &str = #service;
        /// API version, sent as `X-TC-Version`.
        pub const VERSION: &str = #version;
        /// Endpoint hosts of this service version.
        pub const ENDPOINTS: #endpoints = #endpoints {
            default: #default,
            regional: #regional,
            international: #international,
        };

        #models
        #errors
        #( mod #mods; pub use #mods::*; )*
        #[cfg(feature = "client")]
        mod client;
        #[cfg(feature = "client")]
        pub use client::*;
        #[cfg(feature = "registry")]
        mod registry;
        #[cfg(feature = "registry")]
        pub use registry::ACTIONS;
    }
}

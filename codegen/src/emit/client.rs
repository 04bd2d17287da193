//! Per-service handles with one async method per action (feature `client`
//! of the service crate), and the facade's accessors on its `Client`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc, inner_doc};
use super::{ident, rt};
use crate::ir::{Ir, ServiceIr};

/// Name of a service version's handle type (`PostgresClient`).
fn handle_name(sv: &ServiceIr) -> proc_macro2::Ident {
    ident(&sv.handle)
}

/// `client.rs` of a service version.
pub(crate) fn client_file(sv: &ServiceIr) -> TokenStream {
    let file_doc = inner_doc(&format!("Calls to {} ({}).", sv.product, sv.version));
    let handle = handle_name(sv);
    let handle_doc = doc(&format!(
        "Calls to {} API version {}: `{}::new(&client)`, or `client.{}()` on the facade          crate's client.",
        sv.product, sv.version, sv.handle, sv.service
    ));
    let (client, call_error, call_options) = (rt::client(), rt::call_error(), rt::call_options());
    let methods = sv.actions.iter().map(|a| {
        let method = ident(&a.method);
        let method_with = format_ident!("{}_with", a.method);
        let marker = ident(&a.name);
        let request = ident(&a.request.name);
        let response = ident(&a.response.name);
        let error = ident(&a.error_type);
        let deprecated = a
            .deprecated
            .then(|| quote!(#[deprecated(note = "the service marks this action deprecated")]));
        let method_doc = doc(&format!(
            "Calls `{}`. The request is validated first unless validation is off for the client.\n\n\
             An ambiguous failure (the request may have been processed) is not retried unless the retry \
             policy or the call opts in.",
            a.name
        ));
        let with_doc = doc(&format!("Calls `{}` with per-call options (validation, retries, timeout).", a.name));
        quote! {
            #method_doc
            #deprecated
            pub async fn #method(
                &self,
                request: super::#request,
            ) -> ::std::result::Result<super::#response, #call_error<super::#error>> {
                self.client.call::<super::#marker>(request).await
            }
            #with_doc
            #deprecated
            pub async fn #method_with(
                &self,
                request: super::#request,
                options: #call_options,
            ) -> ::std::result::Result<super::#response, #call_error<super::#error>> {
                self.client.call_with::<super::#marker>(request, options).await
            }
        }
    });
    let pages = sv.actions.iter().filter_map(super::flows::pages_method);
    let waiters = sv.waiters.iter().map(super::flows::waiter_methods);
    quote! {
        #file_doc
        #handle_doc
        #[derive(Clone, Copy, Debug)]
        pub struct #handle<'a> {
            client: &'a #client,
        }
        impl<'a> #handle<'a> {
            /// A handle borrowing `client`.
            pub fn new(client: &'a #client) -> Self {
                Self { client }
            }
            #( #methods )*
            #( #pages )*
            #( #waiters )*
        }
    }
}

/// The facade's `Client::<service>()` for the newest version of each
/// service, each behind the service's feature.
pub(crate) fn accessors(ir: &Ir) -> TokenStream {
    let mut newest: std::collections::BTreeMap<&str, &ServiceIr> =
        std::collections::BTreeMap::new();
    for sv in &ir.services {
        let entry = newest.entry(&sv.service).or_insert(sv);
        if sv.version > entry.version {
            *entry = sv;
        }
    }
    let methods = newest.values().map(|sv| {
        let service = ident(&sv.service);
        let feature = &sv.service;
        let module = ident(&sv.module);
        let handle = handle_name(sv);
        let d = doc(&format!(
            "Calls to {} (API version {}).",
            sv.product, sv.version
        ));
        quote! {
            #d
            #[cfg(feature = #feature)]
            pub fn #service(&self) -> #service::#module::#handle<'_> {
                #service::#module::#handle::new(self.as_core())
            }
        }
    });
    quote! {
        #[cfg(feature = "client")]
        impl crate::client::Client {
            #( #methods )*
        }
    }
}

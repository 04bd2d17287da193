//! Paginators and waiters: the `Paginated` impl of a list action, and the
//! `<action>_pages` and `wait_until_*` methods of a client handle.

use proc_macro2::{Literal as Lit, TokenStream};
use quote::{format_ident, quote};

use super::docs::{doc, prose};
use super::{elem_type, ident, rt};
use crate::ir::{ActionIr, PaginationIr, ResponseField, Template, TypeIr, WaiterIr};
use crate::spec::PageStyle;

/// A request field's value as a `u64` (`Option<u64>`).
fn to_u64(value: TokenStream, ty: &TypeIr) -> TokenStream {
    match ty {
        TypeIr::UInt64 => value,
        _ => quote!(#value.and_then(|v| u64::try_from(v).ok())),
    }
}

/// A `u64` as the request field's type.
fn from_u64(value: TokenStream, ty: &TypeIr) -> TokenStream {
    match ty {
        TypeIr::UInt64 => value,
        _ => quote!(i64::try_from(#value).unwrap_or(i64::MAX)),
    }
}

/// `impl Paginated` for an action's marker (in the action's file).
pub(crate) fn paginated_impl(a: &ActionIr, p: &PaginationIr) -> TokenStream {
    let marker = ident(&a.name);
    let request = ident(&a.request.name);
    let response = ident(&a.response.name);
    let item = elem_type(&p.items.ty);
    let (page_style, position, paginated) = (rt::page_style(), rt::position(), rt::paginated());
    let style = match p.style {
        PageStyle::Offset => quote!(#page_style::Offset),
        PageStyle::Page => {
            let first = Lit::u64_suffixed(p.first_page);
            quote!(#page_style::Page { first: #first })
        }
        _ => quote!(#page_style::Token),
    };
    let input = ident(&p.input.rust);
    let (start, set_position) = if p.style == PageStyle::Token {
        (
            quote!(request.#input.clone().map(#position::Token)),
            quote! {
                if let #position::Token(token) = position {
                    request.#input = ::std::option::Option::Some(token.clone());
                }
            },
        )
    } else {
        let start = to_u64(quote!(request.#input), &p.input.ty);
        let set = from_u64(quote!(*number), &p.input.ty);
        (
            quote!(#start.map(#position::Number)),
            quote! {
                if let #position::Number(number) = position {
                    request.#input = ::std::option::Option::Some(#set);
                }
            },
        )
    };
    let (page_size, set_page_size) = match &p.page_size {
        Some(f) => {
            let field = ident(&f.rust);
            let get = to_u64(quote!(request.#field), &f.ty);
            let set = from_u64(quote!(size), &f.ty);
            (
                quote!(fn page_size(request: &#request) -> ::std::option::Option<u64> { #get }),
                quote!(fn set_page_size(request: &mut #request, size: u64) {
                    request.#field = ::std::option::Option::Some(#set);
                }),
            )
        }
        None => (
            quote!(fn page_size(_request: &#request) -> ::std::option::Option<u64> { ::std::option::Option::None }),
            quote!(fn set_page_size(_request: &mut #request, _size: u64) {}),
        ),
    };
    let items = ident(&p.items.rust);
    let (items_ref, into_items) = if p.items.optional {
        (
            quote!(response.#items.as_deref().unwrap_or(&[])),
            quote!(response.#items.unwrap_or_default()),
        )
    } else {
        (quote!(&response.#items), quote!(response.#items))
    };
    let total = match &p.total {
        Some(f) => {
            let field = ident(&f.rust);
            match (&f.ty, f.optional) {
                (TypeIr::UInt64, true) => quote!(response.#field),
                (TypeIr::UInt64, false) => quote!(::std::option::Option::Some(response.#field)),
                (_, true) => quote!(response.#field.and_then(|v| u64::try_from(v).ok())),
                (_, false) => quote!(u64::try_from(response.#field).ok()),
            }
        }
        None => quote!(::std::option::Option::None),
    };
    let total_fn = if p.total.is_some() {
        quote!(fn total(response: &#response) -> ::std::option::Option<u64> { #total })
    } else {
        quote!(fn total(_response: &#response) -> ::std::option::Option<u64> { #total })
    };
    let next_token = match &p.next_token {
        Some(f) => {
            let field = ident(&f.rust);
            let get = if f.optional {
                quote!(response.#field.as_deref())
            } else {
                quote!(::std::option::Option::Some(response.#field.as_str()))
            };
            quote!(fn next_token(response: &#response) -> ::std::option::Option<&str> { #get })
        }
        None => {
            quote!(fn next_token(_response: &#response) -> ::std::option::Option<&str> { ::std::option::Option::None })
        }
    };
    quote! {
        impl #paginated for #marker {
            type Item = #item;
            const STYLE: #page_style = #style;
            fn start(request: &#request) -> ::std::option::Option<#position> {
                #start
            }
            fn set_position(request: &mut #request, position: &#position) {
                #set_position
            }
            #page_size
            #set_page_size
            fn items(response: &#response) -> &[#item] {
                #items_ref
            }
            fn into_items(response: #response) -> ::std::vec::Vec<#item> {
                #into_items
            }
            #total_fn
            #next_token
        }
    }
}

/// `<method>_pages` on a client handle.
pub(crate) fn pages_method(a: &ActionIr) -> Option<TokenStream> {
    let p = a.pagination.as_ref()?;
    let method = format_ident!("{}_pages", a.method);
    let marker = ident(&a.name);
    let request = ident(&a.request.name);
    let how = match p.style {
        PageStyle::Offset => "each page starts after the items seen so far",
        PageStyle::Page => "each page asks for the next page number",
        _ => "each page sends the token the previous one returned",
    };
    let d = doc(&format!(
        "Pages through `{}` ({how}), from where `request` starts.\n\n\
         `next_page().await` gives one page at a time; `pages()` and `items()` give streams; \
         `page_size(n)` sets the page size. The listing ends at the last page (a wrong total \
         cannot make it loop), and an error is yielded once, then the listing ends.",
        a.name
    ));
    let paginator = rt::paginator();
    Some(quote! {
        #d
        pub fn #method(&self, request: super::#request) -> #paginator<super::#marker> {
            #paginator::new(self.client.clone(), request)
        }
    })
}

fn template_expr(t: &Template, input: &TypeIr) -> TokenStream {
    match t {
        Template::Struct(name, fields, complete) => {
            let name = ident(name);
            let fields = fields.iter().map(|(rust, boxed, value)| {
                let field = ident(rust);
                let value = template_expr(value, input);
                let value = if *boxed {
                    quote!(::std::boxed::Box::new(#value))
                } else {
                    value
                };
                quote!(#field: ::std::option::Option::Some(#value))
            });
            if *complete {
                quote!(super::#name { #( #fields, )* })
            } else {
                quote!(super::#name { #( #fields, )* ..::std::default::Default::default() })
            }
        }
        Template::Array(items) => {
            let items = items.iter().map(|i| template_expr(i, input));
            quote!(::std::vec::Vec::from([#( #items ),*]))
        }
        Template::Str(s) => quote!(::std::string::String::from(#s)),
        Template::Int(v, true) => {
            let v = Lit::u64_suffixed(*v as u64);
            quote!(#v)
        }
        Template::Int(v, false) => {
            let v = Lit::i64_suffixed(*v as i64);
            quote!(#v)
        }
        Template::Float(f) => {
            let f = Lit::f64_suffixed(*f);
            quote!(#f)
        }
        Template::Bool(b) => quote!(#b),
        Template::Enum(name, inner) => {
            let name = ident(name);
            let inner = match inner.as_ref() {
                Template::Str(s) => quote!(#s),
                other => template_expr(other, input),
            };
            quote!(super::#name::from(#inner))
        }
        Template::Input => match input {
            TypeIr::String => quote!(input.clone()),
            _ => quote!(input),
        },
    }
}

fn matcher(m: &(Vec<String>, bool)) -> TokenStream {
    let (any_of, non_empty) = m;
    let matcher = rt::waiter_matcher();
    quote!(#matcher { any_of: &[#( #any_of ),*], non_empty: #non_empty })
}

/// The state of `owner.<field>` as `Option<Observed>`.
fn observe(owner: TokenStream, f: &ResponseField) -> TokenStream {
    let field = ident(&f.rust);
    let value = if f.optional {
        quote!(#owner.#field.as_ref())
    } else {
        quote!(::std::option::Option::Some(&#owner.#field))
    };
    let observe = rt::waiter_observe();
    match f.ty {
        TypeIr::Enum { .. } => {
            quote!(#observe(#value.map(::std::string::ToString::to_string).as_ref()))
        }
        _ => quote!(#observe(#value)),
    }
}

/// `wait_until_<name>` and `wait_until_<name>_with` on a client handle.
pub(crate) fn waiter_methods(w: &WaiterIr) -> TokenStream {
    let method = ident(&w.method);
    let method_with = format_ident!("{}_with", w.method);
    let action = ident(&w.action);
    let error = ident(&w.error_type);
    let input = ident(&w.input);
    let (param_ty, bind) = match w.input_ty {
        TypeIr::String => (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(let input: ::std::string::String = #input.into();),
        ),
        ref other => {
            let ty = elem_type(other);
            (quote!(#ty), quote!(let input: #ty = #input;))
        }
    };
    let request = template_expr(&w.request, &w.input_ty);
    let (resource, seen, borrow) = match &w.select {
        Some(sel) => {
            let item = ident(&sel.item);
            let list = ident(&sel.list.rust);
            let key = ident(&sel.key);
            let iter = if sel.list.optional {
                quote!(response.#list.into_iter().flatten())
            } else {
                quote!(response.#list.into_iter())
            };
            let state = observe(quote!(item), &w.state);
            (
                quote!(super::#item),
                quote! {
                    let found = #iter.find(|item| item.#key.as_ref() == ::std::option::Option::Some(input));
                    ::std::result::Result::Ok(found.map(|item| (#state, item)))
                },
                quote!(let input = &input;),
            )
        }
        None => {
            let response_ty = ident(&w.response);
            let state = observe(quote!(response), &w.state);
            (
                quote!(super::#response_ty),
                quote!(::std::result::Result::Ok(::std::option::Option::Some((#state, response)))),
                quote!(),
            )
        }
    };
    let success = matcher(&w.success);
    let failure = matcher(&w.failure);
    let (t, min, max) = (w.timeout_seconds, w.min_delay_seconds, w.max_delay_seconds);
    let states = |m: &(Vec<String>, bool)| {
        if m.1 {
            "present and not empty".to_owned()
        } else {
            m.0.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let failure_doc = if w.failure.0.is_empty() && !w.failure.1 {
        String::new()
    } else {
        format!(" Failure states: {}.", states(&w.failure))
    };
    let d = doc(&format!(
        "Waits until: {}\n\n`{}`: {}\n\nPolls `{}` at once, then after {min} s, doubling up to {max} s, \
         for at most {t} s (change these with `{}_with`). Success states: {}.{failure_doc}\n\n\
         Returns the outcome: reached (with the resource), failed (with the state seen) or timed \
         out (with the last state seen). A transient failure of a poll (rate limiting, a 5xx \
         status, `InternalError`, a timeout) is retried at the next poll while time is left; any \
         other error ends the wait with that error.",
        prose(&w.description),
        w.input,
        prose(&w.input_description),
        w.action,
        w.method,
        states(&w.success),
    ));
    let with_doc = doc(&format!(
        "[`Self::{}`] with another time limit and delays.",
        w.method
    ));
    let constant = format_ident!(
        "{}",
        w.method
            .replacen("wait_until_", "wait_", 1)
            .to_ascii_uppercase()
    );
    let const_doc = doc(&format!(
        "The time limit and delays [`Self::{}`] uses (from the spec): {t} s in all, {min} s first, up to {max} s.",
        w.method
    ));
    let (wait_config, wait_outcome, call_error) =
        (rt::wait_config(), rt::wait_outcome(), rt::call_error());
    let poll_until = rt::waiter_poll_until();
    quote! {
        #const_doc
        pub const #constant: #wait_config = #wait_config::new(
            ::std::time::Duration::from_secs(#t),
            ::std::time::Duration::from_secs(#min),
            ::std::time::Duration::from_secs(#max),
        );
        #d
        pub async fn #method(
            &self,
            #input: #param_ty,
        ) -> ::std::result::Result<#wait_outcome<#resource>, #call_error<super::#error>> {
            self.#method_with(#input, Self::#constant).await
        }
        #with_doc
        pub async fn #method_with(
            &self,
            #input: #param_ty,
            config: #wait_config,
        ) -> ::std::result::Result<#wait_outcome<#resource>, #call_error<super::#error>> {
            #bind
            let request = #request;
            #poll_until(&config, #success, #failure, || {
                let call = self.client.call::<super::#action>(request.clone());
                #borrow
                async move {
                    let response = call.await?;
                    #seen
                }
            })
            .await
        }
    }
}

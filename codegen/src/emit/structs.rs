//! Structs for requests and named structures, their builders, and Debug
//! impls that redact sensitive fields.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc, field_doc, inner_doc, literal_plain, prose};
use super::serde_impls::{serde_impls, SerdeField};
use super::{elem_type, enums, field_type, ident, rt, validate};
use crate::ir::{ServiceIr, StructIr, TypeIr};

/// Methods of std traits that clippy's `should_implement_trait` expects a
/// same-named method to implement; a setter may take one of these names
/// from the wire.
const STD_TRAIT_METHODS: &[&str] = &[
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into_iter",
    "mul",
    "neg",
    "next",
    "not",
    "rem",
    "shl",
    "shr",
    "sub",
];

/// `models.rs`: every named structure of a service version.
pub(crate) fn models_file(sv: &ServiceIr) -> TokenStream {
    let doc = inner_doc(&format!(
        "Structures shared by the actions of {} ({}).",
        sv.product, sv.version
    ));
    let items = sv
        .structures
        .iter()
        .map(|s| emit_struct(s, &prose(&s.description)));
    quote! {
        #doc
        #( #items )*
    }
}

/// A struct with its enums, builder, Debug and validator.
pub(crate) fn emit_struct(s: &StructIr, struct_doc: &str) -> TokenStream {
    let name = ident(&s.name);
    let builder = format_ident!("{}Builder", s.name);
    let docs: Vec<_> = s
        .fields
        .iter()
        .map(|f| {
            let values = match &f.ty {
                TypeIr::Enum { name, .. } => s.enums.iter().find(|e| &e.name == name).map(|e| {
                    e.variants
                        .iter()
                        .map(|v| (literal_plain(&v.value), v.description.clone()))
                        .collect::<Vec<_>>()
                }),
                _ => None,
            };
            doc(&field_doc(f, values.as_deref()))
        })
        .collect();
    let fields: Vec<_> = s.fields.iter().map(|f| ident(&f.rust)).collect();
    let types: Vec<_> = s.fields.iter().map(field_type).collect();
    let serde_fields: Vec<SerdeField<'_>> = s
        .fields
        .iter()
        .map(|f| SerdeField {
            rust: &f.rust,
            wire: &f.wire,
            optional: true,
            secret: f.sensitive && f.ty == TypeIr::String,
            array: f.array,
            scalar: f.ty.is_scalar(),
            text: f.ty == TypeIr::String,
        })
        .collect();
    let serde = serde_impls(&s.name, &serde_fields, s.deny_unknown, true);
    let field_idents: Vec<_> = s.fields.iter().map(|f| ident(&f.rust)).collect();
    let (partial_eq_derive, partial_eq_impl) = partial_eq(&s.name, &field_idents);
    let debug_derive = (!s.has_sensitive).then(|| quote!(Debug,));
    let debug_impl = s.has_sensitive.then(|| debug_impl(s));
    let struct_doc = doc(&format!(
        "{struct_doc}\n\nAll fields are optional in the type so that [`Validate`](tencentcloud_sdk_core::Validate) can report \
         every missing required field at once; build one with [`{}::builder`].",
        s.name
    ));
    let setters = s.fields.iter().map(|f| {
        let field = ident(&f.rust);
        let doc_text = format!("Sets `{}`.", f.wire);
        let doc_tokens = doc(&doc_text);
        // A member named like a std trait's method (iss `Add`) gives a
        // setter clippy reads as that method; the name is the wire's.
        let setter_doc = if STD_TRAIT_METHODS.contains(&f.rust.as_str()) {
            quote!(#doc_tokens #[allow(clippy::should_implement_trait)])
        } else {
            doc_tokens
        };
        if f.array {
            let elem = elem_type(&f.ty);
            quote! {
                #setter_doc
                pub fn #field(mut self, value: impl ::std::iter::IntoIterator<Item = #elem>) -> Self {
                    self.inner.#field = ::std::option::Option::Some(value.into_iter().collect());
                    self
                }
            }
        } else if f.boxed {
            let ty = elem_type(&f.ty);
            quote! {
                #setter_doc
                pub fn #field(mut self, value: #ty) -> Self {
                    self.inner.#field = ::std::option::Option::Some(::std::boxed::Box::new(value));
                    self
                }
            }
        } else if f.ty == TypeIr::String {
            quote! {
                #setter_doc
                pub fn #field(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.inner.#field = ::std::option::Option::Some(value.into());
                    self
                }
            }
        } else {
            let ty = elem_type(&f.ty);
            quote! {
                #setter_doc
                pub fn #field(mut self, value: #ty) -> Self {
                    self.inner.#field = ::std::option::Option::Some(value);
                    self
                }
            }
        }
    });
    let builder_doc = doc(&format!(
        "Builds a [`{}`]; `build()` reports every violated constraint at once.",
        s.name
    ));
    let enum_items = s.enums.iter().map(enums::emit_enum);
    let validator = validate::emit_validator(s);
    let (validate, validation_errors) = (rt::validate(), rt::validation_errors());
    quote! {
        #struct_doc
        #[derive(Clone, #debug_derive Default #partial_eq_derive)]
        pub struct #name {
            #(
                #docs
                pub #fields: ::std::option::Option<#types>,
            )*
        }
        #serde
        #partial_eq_impl
        impl #name {
            /// A builder with every field unset.
            pub fn builder() -> #builder {
                #builder::default()
            }
        }
        #debug_impl
        #builder_doc
        #[derive(Clone, Debug, Default)]
        pub struct #builder {
            inner: #name,
        }
        impl #builder {
            #( #setters )*
            /// Checks every constraint and returns the value, or every violation.
            pub fn build(self) -> ::std::result::Result<#name, #validation_errors> {
                #validate::validate(&self.inner)?;
                ::std::result::Result::Ok(self.inner)
            }
            /// Returns the value without checking it, for when a rule the
            /// service has since loosened would reject it.
            pub fn build_unchecked(self) -> #name {
                self.inner
            }
        }
        #validator
        #( #enum_items )*
    }
}

/// Structs with more fields than this compare field by field in statements:
/// the derive's single `a == b && ...` expression overflows rustc's stack
/// at some thousands of fields.
const WIDE_STRUCT: usize = 64;

/// `PartialEq`: `, PartialEq` for the derive list, or a hand-written impl
/// for wide structs.
pub(crate) fn partial_eq(
    name: &str,
    fields: &[proc_macro2::Ident],
) -> (Option<TokenStream>, Option<TokenStream>) {
    if fields.len() <= WIDE_STRUCT {
        return (Some(quote!(, PartialEq)), None);
    }
    let ty = ident(name);
    let item = quote! {
        impl ::std::cmp::PartialEq for #ty {
            fn eq(&self, other: &Self) -> bool {
                #( if self.#fields != other.#fields { return false; } )*
                true
            }
        }
    };
    (None, Some(item))
}

/// Debug that prints `Some("***")` for sensitive fields.
fn debug_impl(s: &StructIr) -> TokenStream {
    redacting_debug(
        &s.name,
        s.fields
            .iter()
            .map(|f| (f.rust.as_str(), f.sensitive, true)),
    )
}

/// `Debug` for struct `label` whose `fields` are `(rust name, sensitive,
/// optional)`: `"***"` stands for a sensitive value (`Some("***")` when
/// optional and present).
pub(crate) fn redacting_debug<'a>(
    label: &str,
    fields: impl Iterator<Item = (&'a str, bool, bool)>,
) -> TokenStream {
    let name = ident(label);
    let redacted = rt::redacted();
    let entries = fields.map(|(rust, sensitive, optional)| {
        let field = ident(rust);
        match (sensitive, optional) {
            (true, true) => quote! {
                .field(#rust, &self.#field.as_ref().map(|_| #redacted))
            },
            (true, false) => quote!(.field(#rust, &#redacted)),
            (false, _) => quote!(.field(#rust, &self.#field)),
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label)
                    #( #entries )*
                    .finish()
            }
        }
    }
}

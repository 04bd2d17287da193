//! Per-action error code enums: every documented code plus a fallback that
//! keeps any other code.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc;
use super::ident;
use crate::ir::{ActionIr, ErrorEnumIr};

/// `<Action>ErrorCode` and its trait impls.
pub(crate) fn emit_error_enum(a: &ActionIr, e: &ErrorEnumIr) -> TokenStream {
    let name = ident(&e.name);
    let fallback = ident(&e.fallback);
    let variants: Vec<_> = e.codes.iter().map(|c| ident(&c.rust)).collect();
    let codes: Vec<&str> = e.codes.iter().map(|c| c.code.as_str()).collect();
    let descriptions: Vec<&str> = e.codes.iter().map(|c| c.description.as_str()).collect();
    let docs: Vec<_> = e
        .codes
        .iter()
        .map(|c| {
            let origin = if c.common { " (common error code)" } else { "" };
            doc(&format!("`{}`{origin}: {}", c.code, c.description))
        })
        .collect();
    let enum_doc = doc(&format!(
        "Error codes `{}` can return: those on its page, then the common codes of every action.\n\n\
         Parsing never fails: a code the spec does not list becomes [`{}::{}`]. \
         `as_str()` gives the exact wire code; `category()` derives a broad class from the code's prefix.",
        a.name, e.name, e.fallback
    ));
    quote! {
        #enum_doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #variants, )*
            /// A code the spec does not list, kept as received.
            #fallback(::std::string::String),
        }
        impl #name {
            /// Every documented code, sorted.
            pub const CODES: &'static [&'static str] = &[#(#codes),*];
            /// The exact wire code.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #codes, )*
                    Self::#fallback(code) => code.as_str(),
                }
            }
            /// The documented description.
            pub fn description(&self) -> ::std::option::Option<&'static str> {
                match self {
                    #( Self::#variants => ::std::option::Option::Some(#descriptions), )*
                    Self::#fallback(_) => ::std::option::Option::None,
                }
            }
            /// The broad class of the error, from the code's prefix.
            pub fn category(&self) -> crate::ErrorCategory {
                crate::ErrorCategory::of_code(self.as_str())
            }
        }
        impl ::std::convert::From<&str> for #name {
            fn from(code: &str) -> Self {
                match code {
                    #( #codes => Self::#variants, )*
                    other => Self::#fallback(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(s))
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self.description() {
                    ::std::option::Option::Some(d) => write!(f, "{} ({})", self.as_str(), d),
                    ::std::option::Option::None => f.write_str(self.as_str()),
                }
            }
        }
        impl crate::action::ErrorCode for #name {
            fn from_code(code: &str) -> Self {
                Self::from(code)
            }
            fn as_str(&self) -> &str {
                #name::as_str(self)
            }
            fn description(&self) -> ::std::option::Option<&'static str> {
                #name::description(self)
            }
        }
    }
}

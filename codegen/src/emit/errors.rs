//! Per-action error code enums: every documented code plus a fallback that
//! keeps any other code.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc;
use super::{ident, rt};
use crate::ir::{ActionIr, CodeIr, ErrorEnumIr, ServiceErrorsIr, ServiceIr};

/// `<Action>ErrorCode` and its trait impls.
pub(crate) fn emit_error_enum(a: &ActionIr, e: &ErrorEnumIr) -> TokenStream {
    let category = rt::error_category();
    let name = ident(&e.name);
    let impls = shared_impls(&name);
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
            pub fn category(&self) -> #category {
                #category::of_code(self.as_str())
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
        #impls
    }
}

/// The impls every error code enum shares, given inherent `From<&str>`,
/// `as_str` and `description`.
fn shared_impls(name: &proc_macro2::Ident) -> TokenStream {
    let error_code = rt::error_code();
    quote! {
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(s))
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self.description() {
                    ::std::option::Option::Some(d) if !d.is_empty() => {
                        write!(f, "{} ({})", self.as_str(), d)
                    }
                    _ => f.write_str(self.as_str()),
                }
            }
        }
        impl #error_code for #name {
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

/// `CommonErrorCode`: the codes every action may return, defined once for the
/// crate; service enums delegate to it.
pub(crate) fn emit_common_enum(codes: &[CodeIr]) -> TokenStream {
    let variants: Vec<_> = codes.iter().map(|c| ident(&c.rust)).collect();
    let wire: Vec<&str> = codes.iter().map(|c| c.code.as_str()).collect();
    let descriptions: Vec<&str> = codes.iter().map(|c| c.description.as_str()).collect();
    let docs: Vec<_> = codes
        .iter()
        .map(|c| doc(&format!("`{}`: {}", c.code, c.description)))
        .collect();
    quote! {
        //! The common error codes of Tencent Cloud API 3.0, shared by every service.
        /// A common error code: one any action of any service may return.
        ///
        /// Service error enums hold these as their `Common` variant, so each
        /// code is defined once for the whole crate.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum CommonErrorCode {
            #( #docs #variants, )*
        }
        impl CommonErrorCode {
            /// Every common code, sorted.
            pub const CODES: &'static [&'static str] = &[#(#wire),*];
            /// The common code `code`, if it is one.
            pub fn from_code(code: &str) -> ::std::option::Option<Self> {
                match code {
                    #( #wire => ::std::option::Option::Some(Self::#variants), )*
                    _ => ::std::option::Option::None,
                }
            }
            /// The exact wire code.
            pub fn as_str(self) -> &'static str {
                match self {
                    #( Self::#variants => #wire, )*
                }
            }
            /// The documented description.
            pub fn description(self) -> &'static str {
                match self {
                    #( Self::#variants => #descriptions, )*
                }
            }
        }
        impl ::std::fmt::Display for CommonErrorCode {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{} ({})", self.as_str(), self.description())
            }
        }
    }
}

/// `<Service>ErrorCode`: a service version's own codes, the common codes
/// through `Common`, and a fallback that keeps any other code.
pub(crate) fn emit_service_enum(sv: &ServiceIr, e: &ServiceErrorsIr) -> TokenStream {
    let (category, common) = (rt::error_category(), rt::common_error_code());
    let name = ident(&e.name);
    let impls = shared_impls(&name);
    let fallback = ident(&e.fallback);
    let variants: Vec<_> = e.codes.iter().map(|c| ident(&c.rust)).collect();
    let codes: Vec<&str> = e.codes.iter().map(|c| c.code.as_str()).collect();
    let descriptions: Vec<&str> = e.codes.iter().map(|c| c.description.as_str()).collect();
    let docs: Vec<_> = e
        .codes
        .iter()
        .map(|c| {
            if c.description.trim().is_empty() {
                doc(&format!("`{}`.", c.code))
            } else {
                doc(&format!(
                    "`{}`: {}",
                    c.code,
                    super::docs::prose(&c.description)
                ))
            }
        })
        .collect();
    let common_or_unknown = quote! {
        match #common::from_code(code) {
            ::std::option::Option::Some(c) => Self::Common(c),
            ::std::option::Option::None => Self::#fallback(::std::borrow::ToOwned::to_owned(code)),
        }
    };
    // A service with no codes of its own has nothing to match first.
    let from_body = if e.codes.is_empty() {
        common_or_unknown
    } else {
        quote! {
            match code {
                #( #codes => Self::#variants, )*
                _ => #common_or_unknown,
            }
        }
    };
    let enum_doc = doc(&format!(
        "Error codes of {} {} actions that list no codes of their own.\n\n\
         Parsing never fails: a common code becomes [`{}::Common`], any code the spec does not \
         list becomes [`{}::{}`]. `as_str()` gives the exact wire code; `category()` derives a \
         broad class from the code's prefix.",
        sv.product, sv.version, e.name, e.name, e.fallback
    ));
    quote! {
        #enum_doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #variants, )*
            /// A common code of every Tencent Cloud API.
            Common(#common),
            /// A code the spec does not list, kept as received.
            #fallback(::std::string::String),
        }
        impl #name {
            /// Every code of this service, sorted (common codes are in `CommonErrorCode::CODES`).
            pub const CODES: &'static [&'static str] = &[#(#codes),*];
            /// The exact wire code.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #codes, )*
                    Self::Common(c) => c.as_str(),
                    Self::#fallback(code) => code.as_str(),
                }
            }
            /// The documented description.
            pub fn description(&self) -> ::std::option::Option<&'static str> {
                match self {
                    #( Self::#variants => ::std::option::Option::Some(#descriptions), )*
                    Self::Common(c) => ::std::option::Option::Some(c.description()),
                    Self::#fallback(_) => ::std::option::Option::None,
                }
            }
            /// The broad class of the error, from the code's prefix.
            pub fn category(&self) -> #category {
                #category::of_code(self.as_str())
            }
        }
        impl ::std::convert::From<&str> for #name {
            fn from(code: &str) -> Self {
                #from_body
            }
        }
        #impls
    }
}

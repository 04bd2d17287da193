//! Enums for enumerated values: one variant per documented value and a
//! fallback that keeps any other value, so a value the service adds later
//! still deserializes and round-trips.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, literal_plain, prose};
use super::{ident, rt};
use crate::ir::EnumIr;
use crate::spec::Literal;

/// The enum, its inherent methods and its conversions.
pub(crate) fn emit_enum(e: &EnumIr) -> TokenStream {
    let name = ident(&e.name);
    let fallback = ident(&e.fallback);
    let values: Vec<String> = e.variants.iter().map(|v| literal_plain(&v.value)).collect();
    let enum_doc = doc(&format!(
        "Values of `{}`.\n\n{}\n\nA value this version of the SDK does not know deserializes into \
         [`{}::{}`] and is sent back unchanged; `validate()` reports it.",
        e.owner,
        prose(&e.description),
        e.name,
        e.fallback
    ));
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.rust)).collect();
    let variant_docs: Vec<_> = e
        .variants
        .iter()
        .zip(&values)
        .map(|(v, val)| doc(&format!("`{val}`: {}", v.description)))
        .collect();
    let descriptions: Vec<&str> = e.variants.iter().map(|v| v.description.as_str()).collect();
    let common = quote! {
        /// Whether the value is one the spec documents.
        pub fn is_known(&self) -> bool {
            !matches!(self, Self::#fallback(_))
        }
        /// The documented meaning of the value.
        pub fn description(&self) -> ::std::option::Option<&'static str> {
            match self {
                #( Self::#variants => ::std::option::Option::Some(#descriptions), )*
                Self::#fallback(_) => ::std::option::Option::None,
            }
        }
    };
    let parts = Parts {
        name,
        fallback,
        enum_doc,
        variants,
        variant_docs,
        common,
    };
    if e.int {
        int_enum(e, &parts)
    } else {
        string_enum(&values, &parts)
    }
}

/// `Serialize` (`serialize`: the call on `serializer` that writes the wire
/// value) and `Deserialize` (`read`: the expression that reads the wire
/// value from `deserializer`, then the enum's `From` of it) of an enum.
fn enum_serde(name: &proc_macro2::Ident, serialize: TokenStream, read: TokenStream) -> TokenStream {
    let (serialize_trait, serializer) = (rt::serialize(), rt::serializer());
    let (deserialize_trait, deserializer) = (rt::deserialize(), rt::deserializer());
    quote! {
        impl #serialize_trait for #name {
            fn serialize<S: #serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #serialize
            }
        }
        impl<'de> #deserialize_trait<'de> for #name {
            fn deserialize<D: #deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #read.map(Self::from)
            }
        }
    }
}

/// What the integer and the string forms of an enum share.
struct Parts {
    name: proc_macro2::Ident,
    fallback: proc_macro2::Ident,
    enum_doc: TokenStream,
    variants: Vec<proc_macro2::Ident>,
    variant_docs: Vec<TokenStream>,
    /// `is_known` and `description`.
    common: TokenStream,
}

/// An enum of integer values.
fn int_enum(e: &EnumIr, parts: &Parts) -> TokenStream {
    let Parts {
        name,
        fallback,
        enum_doc,
        variants,
        variant_docs,
        common,
    } = parts;
    let serde = enum_serde(name, quote!(serializer.serialize_i64(self.value())), {
        let enum_value = rt::wire_enum_value();
        quote!(#enum_value::<i64, D>(deserializer))
    });
    let ints: Vec<i64> = e
        .variants
        .iter()
        .map(|v| if let Literal::Int(i) = v.value { i } else { 0 })
        .collect();
    quote! {
            #enum_doc
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #( #variant_docs #variants, )*
                /// A value the spec does not document, kept as received.
                #fallback(i64),
            }
            impl #name {
                /// Every documented value, in the page's order.
                pub const VALUES: &'static [i64] = &[#(#ints),*];
                /// The wire value.
                pub fn value(&self) -> i64 {
                    match self {
                        #( Self::#variants => #ints, )*
                        Self::#fallback(v) => *v,
                    }
                }
                #common
            }
            impl ::std::convert::From<i64> for #name {
                fn from(value: i64) -> Self {
                    match value {
                        #( #ints => Self::#variants, )*
                        other => Self::#fallback(other),
                    }
                }
            }
            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    ::std::fmt::Display::fmt(&self.value(), f)
                }
            }
            #serde
    }
}

/// An enum of string values.
fn string_enum(values: &[String], parts: &Parts) -> TokenStream {
    let Parts {
        name,
        fallback,
        enum_doc,
        variants,
        variant_docs,
        common,
    } = parts;
    let serde = enum_serde(name, quote!(serializer.serialize_str(self.as_str())), {
        let string_value = rt::wire_string_value();
        quote!(#string_value::<D>(deserializer))
    });
    quote! {
            #enum_doc
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #( #variant_docs #variants, )*
                /// A value the spec does not document, kept as received.
                #fallback(::std::string::String),
            }
            impl #name {
                /// Every documented value, in the page's order.
                pub const VALUES: &'static [&'static str] = &[#(#values),*];
                /// The wire value.
                pub fn as_str(&self) -> &str {
                    match self {
                        #( Self::#variants => #values, )*
                        Self::#fallback(v) => v.as_str(),
                    }
                }
                #common
            }
            impl ::std::convert::From<&str> for #name {
                fn from(value: &str) -> Self {
                    match value {
                        #( #values => Self::#variants, )*
                        other => Self::#fallback(::std::borrow::ToOwned::to_owned(other)),
                    }
                }
            }
            impl ::std::convert::From<::std::string::String> for #name {
                fn from(value: ::std::string::String) -> Self {
                    match value.as_str() {
                        #( #values => Self::#variants, )*
                        _ => Self::#fallback(value),
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
                    f.write_str(self.as_str())
                }
            }
            #serde
    }
}

/// The documented values as `"A", "B"` for a violation message.
pub(crate) fn expected_list(e: &EnumIr) -> String {
    e.variants
        .iter()
        .map(|v| match &v.value {
            Literal::Str(s) => format!("{s:?}"),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

//! `Serialize` and `Deserialize` of generated structs, written against the
//! crate's `wire` helpers: one statement per field each way, rather than
//! `serde_derive`'s expansion (field enums, three key visitors, a sequence
//! visitor), which dominated the crate's build time.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{ident, rt};

/// One field as serde sees it.
pub(crate) struct SerdeField<'a> {
    /// Rust field name.
    pub rust: &'a str,
    /// Wire name.
    pub wire: &'a str,
    /// `Option<_>`: left out when `None`, `None` when absent or null.
    pub optional: bool,
    /// A sensitive string (or list of them): a value of the wrong type is
    /// reported without quoting it.
    pub secret: bool,
    /// A list.
    pub array: bool,
    /// A number or a boolean (or a list of them): also read from a string.
    pub scalar: bool,
    /// A string (or a list of them): also read from a number or boolean.
    pub text: bool,
}

/// Both impls for struct `name`. `deny_unknown`: a member that is not a
/// field is an error (requests); otherwise it is skipped.
///
/// `defaulted`: the struct implements `Default` and every field is an
/// `Option`, so members are read straight into `Self::default()`; otherwise
/// into one local per field (a response's required outputs). Structs of
/// thousands of fields need the first: thousands of nested `let` scopes
/// overflow LLVM's stack when it writes debug info.
pub(crate) fn serde_impls(
    name: &str,
    fields: &[SerdeField<'_>],
    deny_unknown: bool,
    defaulted: bool,
) -> TokenStream {
    let ty = ident(name);
    let len = fields.len();
    let rust: Vec<_> = fields.iter().map(|f| ident(f.rust)).collect();
    // Locals get a prefix so that no field name meets `key` or `map`.
    let locals: Vec<_> = fields
        .iter()
        .map(|f| format_ident!("f_{}", f.rust))
        .collect();
    let wires: Vec<&str> = fields.iter().map(|f| f.wire).collect();
    let key = rt::wire_key();
    let readers: Vec<TokenStream> = fields
        .iter()
        .map(|f| {
            if f.secret && f.array {
                rt::wire_secret_list()
            } else if f.secret {
                rt::wire_secret()
            } else if f.scalar && f.array {
                rt::wire_scalar_list()
            } else if f.scalar {
                rt::wire_scalar()
            } else if f.text && f.array {
                rt::wire_string_list()
            } else if f.text {
                rt::wire_string()
            } else {
                rt::wire_slot()
            }
        })
        .collect();
    let serialize = fields.iter().zip(&rust).map(|(f, r)| {
        let wire = f.wire;
        if f.optional {
            quote!(w.opt(#wire, &self.#r);)
        } else {
            quote!(w.field(#wire, &self.#r);)
        }
    });
    let finish = fields
        .iter()
        .zip(rust.iter().zip(&locals))
        .map(|(f, (r, l))| {
            let wire = f.wire;
            let required = rt::wire_required();
            if f.optional {
                quote!(#r: #l)
            } else {
                quote!(#r: #required(#l, #wire)?)
            }
        });
    let unknown = rt::wire_unknown();
    let unknown = if deny_unknown {
        quote!(#unknown(&mut map, &key, &[#(#wires),*], true))
    } else {
        quote!(#unknown(&mut map, &key, &[], false))
    };
    let body = if fields.is_empty() {
        quote! {
            while let ::std::option::Option::Some(key) = map.next_key::<#key<'de>>()? {
                #unknown?;
            }
            ::std::result::Result::Ok(Self {})
        }
    } else if defaulted {
        quote! {
            let mut out = Self::default();
            while let ::std::option::Option::Some(key) = map.next_key::<#key<'de>>()? {
                match key.as_str() {
                    #( #wires => #readers(&mut map, &mut out.#rust, #wires), )*
                    _ => #unknown,
                }?;
            }
            ::std::result::Result::Ok(out)
        }
    } else {
        quote! {
            #( let mut #locals = ::std::option::Option::None; )*
            while let ::std::option::Option::Some(key) = map.next_key::<#key<'de>>()? {
                match key.as_str() {
                    #( #wires => #readers(&mut map, &mut #locals, #wires), )*
                    _ => #unknown,
                }?;
            }
            ::std::result::Result::Ok(Self { #( #finish ),* })
        }
    };
    let (serialize_trait, serializer) = (rt::serialize(), rt::serializer());
    let (deserialize_trait, deserializer) = (rt::deserialize(), rt::deserializer());
    let (writer, wire_struct, wire_deserialize) =
        (rt::wire_writer(), rt::wire_struct(), rt::wire_deserialize());
    let map_access = rt::map_access();
    quote! {
        impl #serialize_trait for #ty {
            fn serialize<S: #serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                #[allow(unused_mut)]
                let mut w = #writer::begin(s, #name, #len)?;
                #( #serialize )*
                w.end()
            }
        }
        impl<'de> #deserialize_trait<'de> for #ty {
            fn deserialize<D: #deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                #wire_deserialize(d)
            }
        }
        impl #wire_struct for #ty {
            const NAME: &'static str = #name;
            fn read_map<'de, A: #map_access<'de>>(mut map: A) -> ::std::result::Result<Self, A::Error> {
                #body
            }
        }
    }
}

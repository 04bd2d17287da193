//! Validators: straight-line checks per field, then the cross-field rules,
//! calling the small helpers of `tencentcloud_sdk::validation`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{charset_summary, password_summary};
use super::{enums, ident, rt};
use crate::ir::{CondIr, CondTest, CondValue, FieldIr, RuleIr, StructIr, TypeIr};
use crate::spec::{CharClass, Constraints, Literal, RuleKind};

/// `Validate::sensitive_values` of a struct with sensitive string fields,
/// or structures holding some: the client masks these values in whatever a
/// server answers.
fn sensitive_values(s: &StructIr) -> Option<TokenStream> {
    let validate = rt::validate();
    let pushes: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| (f.sensitive && f.ty == TypeIr::String) || f.holds_secrets)
        .map(|f| {
            let field = ident(&f.rust);
            if f.holds_secrets && f.array {
                quote!(if let ::std::option::Option::Some(values) = &self.#field {
                    for value in values {
                        #validate::sensitive_values(value, out);
                    }
                })
            } else if f.holds_secrets {
                let value = if f.boxed {
                    quote!(&**value)
                } else {
                    quote!(value)
                };
                quote!(if let ::std::option::Option::Some(value) = &self.#field {
                    #validate::sensitive_values(#value, out);
                })
            } else if f.array {
                quote!(if let ::std::option::Option::Some(values) = &self.#field {
                    out.extend(values.iter().map(::std::string::String::as_str));
                })
            } else {
                quote!(if let ::std::option::Option::Some(value) = &self.#field {
                    out.push(value.as_str());
                })
            }
        })
        .collect();
    (!pushes.is_empty()).then(|| {
        quote! {
            fn sensitive_values<'a>(&'a self, out: &mut ::std::vec::Vec<&'a str>) {
                #( #pushes )*
            }
        }
    })
}

/// `validate_at` and the `Validate` impl of a struct.
pub(crate) fn emit_validator(s: &StructIr) -> TokenStream {
    let name = ident(&s.name);
    let fields: Vec<_> = s
        .fields
        .iter()
        .map(|f| field_checks(s, f))
        .filter(|t| !t.is_empty())
        .collect();
    let rules: Vec<_> = s
        .rules
        .iter()
        .map(|r| rule_checks(s, r))
        .filter(|t| !t.is_empty())
        .collect();
    let unused = (fields.is_empty() && rules.is_empty()).then(|| quote!(let _ = (path, v);));
    let sensitive = sensitive_values(s);
    let (validate, validation_errors) = (rt::validate(), rt::validation_errors());
    let (path, collector) = (rt::path(), rt::collector());
    quote! {
        impl #name {
            /// Checks this value as found at `path` of a request; used by
            /// [`Validate`](tencentcloud_sdk_core::Validate) on the request and on enclosing values.
            #[allow(clippy::only_used_in_recursion)]
            pub fn validate_at(&self, path: &#path<'_>, v: &mut #collector) {
                #unused
                #( #fields )*
                #( #rules )*
            }
        }
        impl #validate for #name {
            fn validate(&self) -> ::std::result::Result<(), #validation_errors> {
                let mut v = #collector::new();
                self.validate_at(&#path::Root, &mut v);
                v.finish()
            }
            #sensitive
        }
    }
}

fn field_checks(s: &StructIr, f: &FieldIr) -> TokenStream {
    let field = ident(&f.rust);
    let wire = &f.wire;
    let present = value_checks(s, f, &f.constraints, None);
    match (f.required, present) {
        (true, Some(checks)) => quote! {
            match &self.#field {
                ::std::option::Option::None => v.missing(&path.field(#wire)),
                ::std::option::Option::Some(value) => {
                    let path = path.field(#wire);
                    #checks
                }
            }
        },
        (true, None) => quote! {
            if self.#field.is_none() {
                v.missing(&path.field(#wire));
            }
        },
        (false, Some(checks)) => quote! {
            if let ::std::option::Option::Some(value) = &self.#field {
                let path = path.field(#wire);
                #checks
            }
        },
        (false, None) => quote! {},
    }
}

/// Checks on a field's value `value` at `path`, element by element for an
/// array; `None` when there is nothing to check. Without `when`, the checks of
/// the type itself (nested structure, enum value) are included; a conditional
/// rule adds only its own constraints.
fn value_checks(
    s: &StructIr,
    f: &FieldIr,
    c: &Constraints,
    when: Option<&str>,
) -> Option<TokenStream> {
    let checks = element_checks(s, f, c, when)?;
    Some(if f.array {
        quote! {
            for (i, value) in value.iter().enumerate() {
                let path = path.index(i);
                #checks
            }
        }
    } else {
        checks
    })
}

/// Checks on one element `value: &T` at `path`.
fn element_checks(
    s: &StructIr,
    f: &FieldIr,
    c: &Constraints,
    when: Option<&str>,
) -> Option<TokenStream> {
    let base = when.is_none();
    let when = match when {
        Some(w) => quote!(::std::option::Option::Some(#w)),
        None => quote!(::std::option::Option::None),
    };
    let mut checks = Vec::new();
    // The checks of the type itself.
    match &f.ty {
        TypeIr::Struct(_) if base => checks.push(quote!(value.validate_at(&path, v);)),
        TypeIr::Enum { name, .. } if base => {
            if let Some(e) = s.enums.iter().find(|e| &e.name == name) {
                let ename = ident(&e.name);
                let fallback = ident(&e.fallback);
                let expected = enums::expected_list(e);
                checks.push(quote! {
                    if let #ename::#fallback(raw) = value {
                        v.unknown_enum(&path, raw, #expected);
                    }
                });
            }
        }
        _ => {}
    }
    // Value constraints, on the wire value (an enum's too).
    let (int, string) = match &f.ty {
        TypeIr::Integer => (Some(quote!(*value)), None),
        // Above i64::MAX a u64 saturates: beyond any maximum a spec can state.
        TypeIr::UInt64 => (
            Some(quote!(i64::try_from(*value).unwrap_or(i64::MAX))),
            None,
        ),
        TypeIr::Enum { int: true, .. } => (Some(quote!(value.value())), None),
        TypeIr::String => (None, Some(quote!(value))),
        TypeIr::Enum { int: false, .. } => (None, Some(quote!(value.as_str()))),
        TypeIr::Boolean | TypeIr::Float | TypeIr::Struct(_) => (None, None),
    };
    if let Some(x) = int {
        if !c.allowed.is_empty() {
            let list: Vec<i64> = c
                .allowed
                .iter()
                .filter_map(|l| {
                    if let Literal::Int(i) = l {
                        Some(*i)
                    } else {
                        None
                    }
                })
                .collect();
            checks.push(quote!(v.allowed_int(&path, #x, &[#(#list),*], #when);));
        }
        if let Some(r) = &c.range {
            let (min, max) = (opt_i64(r.min), opt_i64(r.max));
            checks.push(quote!(v.range(&path, #x, #min, #max, #when);));
        }
        if let Some(step) = c.multiple_of {
            checks.push(quote!(v.multiple_of(&path, #x, #step, #when);));
        }
    }
    if let Some(x) = string {
        let sensitive = f.sensitive;
        if !c.allowed.is_empty() {
            let list: Vec<&str> = c
                .allowed
                .iter()
                .filter_map(|l| {
                    if let Literal::Str(s) = l {
                        Some(s.as_str())
                    } else {
                        None
                    }
                })
                .collect();
            checks.push(quote!(v.allowed_str(&path, #x, &[#(#list),*], #sensitive, #when);));
        }
        if let Some(l) = &c.length {
            let (min, max) = (opt_usize(l.min), opt_usize(l.max));
            checks.push(quote!(v.length(&path, #x, #min, #max, #when);));
        }
        if let Some(cs) = &c.charset {
            let classes = class_bits(&cs.classes);
            let chars = &cs.chars;
            let summary = charset_summary(cs);
            let charset = rt::charset();
            checks.push(quote! {
                v.charset(&path, #x, &#charset { classes: #classes, chars: #chars, summary: #summary }, #sensitive, #when);
            });
        }
        if let Some(p) = &c.prefix {
            checks.push(quote!(v.prefix(&path, #x, #p, #sensitive, #when);));
        }
        if !c.password.is_empty() {
            let rules = c.password.iter().map(|p| {
                let min = p.length.min.unwrap_or(0).max(0) as usize;
                let max = p
                    .length
                    .max
                    .map(|m| m.max(0) as usize)
                    .unwrap_or(usize::MAX);
                let classes = class_bits(&p.classes);
                let specials = &p.specials;
                let min_kinds = p.min_kinds.unwrap_or(0).min(4) as u8;
                let not_first = &p.not_first;
                let password_rule = rt::password_rule();
                quote! {
                    #password_rule {
                        min_len: #min, max_len: #max, classes: #classes, specials: #specials,
                        min_kinds: #min_kinds, not_first: #not_first,
                    }
                }
            });
            let summary = password_summary(&c.password);
            checks.push(quote!(v.password(&path, #x, &[#(#rules),*], #summary, #when);));
        }
    }
    (!checks.is_empty()).then(|| quote!(#(#checks)*))
}

fn opt_i64(v: Option<i64>) -> TokenStream {
    match v {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
    }
}

fn opt_usize(v: Option<i64>) -> TokenStream {
    match v {
        Some(n) => {
            let n = n.max(0) as usize;
            quote!(::std::option::Option::Some(#n))
        }
        None => quote!(::std::option::Option::None),
    }
}

/// The runtime's class constants, OR-ed (`tencentcloud_sdk_core::validation::class::LETTERS | ...`).
fn class_bits(classes: &[CharClass]) -> TokenStream {
    if classes.is_empty() {
        return quote!(0);
    }
    let names = classes.iter().map(|c| {
        let name = match c {
            CharClass::Lowercase => "LOWERCASE",
            CharClass::Uppercase => "UPPERCASE",
            CharClass::Letters => "LETTERS",
            CharClass::Digits => "DIGITS",
            CharClass::Chinese => "CHINESE",
        };
        rt::class(&ident(name))
    });
    quote!(#(#names)|*)
}

fn condition(s: &StructIr, cond: &CondIr) -> TokenStream {
    let field = ident(&cond.rust);
    match &cond.test {
        CondTest::Present(true) => quote!(self.#field.is_some()),
        CondTest::Present(false) => quote!(self.#field.is_none()),
        CondTest::Equals {
            value,
            absent_holds,
        } => {
            let is_string = s
                .fields
                .iter()
                .any(|f| f.rust == cond.rust && f.ty == TypeIr::String);
            let subject = if is_string {
                quote!(self.#field.as_deref())
            } else {
                quote!(self.#field)
            };
            let pat = match value {
                CondValue::Variant(e, var) => {
                    let (e, var) = (ident(e), ident(var));
                    quote!(#e::#var)
                }
                CondValue::Literal(Literal::Str(s)) => quote!(#s),
                CondValue::Literal(Literal::Int(i)) => {
                    let lit = proc_macro2::Literal::i64_unsuffixed(*i);
                    quote!(#lit)
                }
                CondValue::Literal(Literal::UInt(i)) => {
                    let lit = proc_macro2::Literal::u64_unsuffixed(*i);
                    quote!(#lit)
                }
                CondValue::Literal(Literal::Bool(b)) => quote!(#b),
            };
            if *absent_holds {
                quote!(
                    matches!(#subject, ::std::option::Option::Some(#pat) | ::std::option::Option::None)
                )
            } else {
                quote!(matches!(#subject, ::std::option::Option::Some(#pat)))
            }
        }
    }
}

fn rule_checks(s: &StructIr, r: &RuleIr) -> TokenStream {
    match r.kind {
        RuleKind::ExactlyOneOf => {
            let first = r
                .fields
                .first()
                .map(|(w, _)| w.as_str())
                .unwrap_or_default();
            let names = r
                .fields
                .iter()
                .map(|(w, _)| w.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let counts = r.fields.iter().map(|(_, rust)| {
                let f = ident(rust);
                quote!(usize::from(self.#f.is_some()))
            });
            quote! {
                v.exactly_one_of(&path.field(#first), #(#counts)+*, #names);
            }
        }
        RuleKind::RequiredIf => {
            let Some(cond) = &r.when else { return quote!() };
            let test = condition(s, cond);
            let text = &cond.text;
            let checks = r.fields.iter().map(|(wire, rust)| {
                let f = ident(rust);
                quote! {
                    if self.#f.is_none() && #test {
                        v.missing_if(&path.field(#wire), #text);
                    }
                }
            });
            quote! { #( #checks )* }
        }
        RuleKind::ConstraintsIf => {
            let (Some(cond), Some(c), Some((wire, rust))) =
                (&r.when, &r.constraints, r.fields.first())
            else {
                return quote!();
            };
            let Some(field) = s.fields.iter().find(|f| &f.rust == rust) else {
                return quote!();
            };
            let test = condition(s, cond);
            let Some(checks) = value_checks(s, field, c, Some(&cond.text)) else {
                return quote!();
            };
            let f = ident(rust);
            quote! {
                if #test {
                    if let ::std::option::Option::Some(value) = &self.#f {
                        let path = path.field(#wire);
                        #checks
                    }
                }
            }
        }
    }
}

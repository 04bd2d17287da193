//! Choosing Rust identifiers: one function per kind of name, used once, in
//! the IR. Emitters never derive names themselves.

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict and reserved, all editions) that cannot be plain identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Method names of generated builders and structs that a field's setter or
/// accessor cannot take: a field named like one needs a `rust_name`.
pub const RESERVED_FIELDS: &[&str] = &[
    "build",
    "build_unchecked",
    "builder",
    "default",
    "validate",
    "clone",
    "fmt",
    "eq",
    "new",
    "inner",
];

/// Names a service cannot have: the crate's own root modules and cargo
/// features (service modules are re-exported at the root, and each service
/// is a feature of its name).
pub const RESERVED_SERVICES: &[&str] = &[
    "action",
    "client",
    "credentials",
    "generated",
    "registry",
    "signing",
    "validation",
    "wire",
    "default",
];

/// Whether `name` is a Rust keyword (strict, reserved or weak-in-position).
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Whether a Rust field name is reserved for a generated method or is a keyword.
pub fn is_reserved_field(name: &str) -> bool {
    RESERVED_FIELDS.contains(&name) || KEYWORDS.contains(&name)
}

/// A field name: snake_case; a keyword gets a trailing `_`; a leading digit
/// gets an `n` prefix.
pub fn field_name(wire: &str) -> String {
    let snake = wire.to_snake_case();
    let snake = if snake.is_empty() {
        "field".to_owned()
    } else {
        snake
    };
    fix(snake, "n")
}

/// A type name. A wire name that is already an UpperCamelCase identifier
/// keeps the API's spelling (`DBNode`, `CloneDBInstance`); anything else is
/// converted with heck. A keyword gets a trailing `_`; a leading digit gets an
/// `N` prefix.
pub fn type_name(wire: &str) -> String {
    if is_camel_ident(wire) {
        fix(wire.to_owned(), "N")
    } else {
        variant_name(wire)
    }
}

/// An enum variant for a wire value: always UpperCamelCase through heck
/// (`POSTPAID_BY_HOUR` becomes `PostpaidByHour`, `Semi-sync` becomes `SemiSync`).
pub fn variant_name(value: &str) -> String {
    let camel = value.to_upper_camel_case();
    let camel = if camel.is_empty() {
        "Value".to_owned()
    } else {
        camel
    };
    fix(camel, "N")
}

/// An error code variant: the code's dot-separated segments joined, each
/// keeping the API's spelling (`FailedOperation.Unknown` becomes
/// `FailedOperationUnknown`, `InvalidParameter.OnlyVPCOnSpecZoneId` becomes
/// `InvalidParameterOnlyVPCOnSpecZoneId`).
pub fn code_variant(code: &str) -> String {
    if code.split('.').all(is_camel_ident) {
        fix(code.split('.').collect::<String>(), "N")
    } else {
        variant_name(code)
    }
}

/// An identifier that starts with an ASCII capital, has only ASCII letters and
/// digits, and is not all capitals (clippy would call that an acronym).
fn is_camel_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && (s.len() == 1 || s.chars().any(|c| c.is_ascii_lowercase()))
}

/// Keeps ASCII letters, digits and `_` (so any result is a valid identifier),
/// prefixes a leading digit, and suffixes a keyword.
fn fix(name: String, digit_prefix: &str) -> String {
    let camel = digit_prefix == "N";
    let mut name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if name.trim_matches('_').is_empty() {
        name = if camel {
            "Value".to_owned()
        } else {
            "value".to_owned()
        };
    }
    if camel {
        if let Some(first) = name.get(..1) {
            name = format!("{}{}", first.to_ascii_uppercase(), &name[1..]);
        }
    }
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{digit_prefix}{name}")
    } else {
        name
    };
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// A module name for an API version: `2017-03-12` becomes `v20170312`.
pub fn version_module(version: &str) -> String {
    let digits: String = version.chars().filter(char::is_ascii_digit).collect();
    format!("v{digits}")
}

/// The fallback variant of an enum: `Unknown`, or the first of a few
/// alternatives that no documented value already took.
pub fn fallback_variant(taken: &[String]) -> String {
    ["Unknown", "Unrecognized", "Other", "UnknownValue"]
        .iter()
        .find(|c| !taken.iter().any(|t| t == *c))
        .map(|c| (*c).to_owned())
        .unwrap_or_else(|| {
            let mut n = 2;
            loop {
                let c = format!("Unknown{n}");
                if !taken.contains(&c) {
                    return c;
                }
                n += 1;
            }
        })
}

/// Finds names that two wire names map to; returns `(name, [wire names])`.
pub fn collisions<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(String, Vec<String>)> {
    let mut by_name: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (rust, wire) in pairs {
        by_name.entry(rust).or_default().push(wire.to_owned());
    }
    by_name
        .into_iter()
        .filter(|(_, wires)| wires.len() > 1)
        .map(|(rust, wires)| (rust.to_owned(), wires))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_snake_case_and_safe() {
        assert_eq!(field_name("DBInstanceId"), "db_instance_id");
        assert_eq!(field_name("VPort"), "v_port");
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("Self"), "self_");
        assert_eq!(field_name("2FA"), "n2fa");
        assert_eq!(field_name("²nd"), "nd");
    }

    #[test]
    fn types_are_camel_case_and_safe() {
        assert_eq!(type_name("DBNode"), "DBNode");
        assert_eq!(type_name("CloneDBInstance"), "CloneDBInstance");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(type_name("2FA"), "N2fa");
        assert_eq!(type_name("VPC"), "Vpc");
        assert_eq!(variant_name("Semi-sync"), "SemiSync");
        assert_eq!(variant_name("²nd"), "Nd");
        assert_eq!(variant_name("中文"), "Value");
        assert_eq!(variant_name("POSTPAID_BY_HOUR"), "PostpaidByHour");
        assert_eq!(
            code_variant("FailedOperation.Unknown"),
            "FailedOperationUnknown"
        );
        assert_eq!(
            code_variant("InvalidParameter.OnlyVPCOnSpecZoneId"),
            "InvalidParameterOnlyVPCOnSpecZoneId"
        );
        assert_eq!(code_variant("LimitExceeded"), "LimitExceeded");
    }

    #[test]
    fn fallback_avoids_documented_names() {
        assert_eq!(fallback_variant(&[]), "Unknown");
        assert_eq!(fallback_variant(&["Unknown".into()]), "Unrecognized");
    }

    #[test]
    fn collisions_are_found() {
        let c = collisions([("A", "a"), ("B", "b"), ("A", "A")]);
        assert_eq!(
            c,
            vec![("A".to_owned(), vec!["a".to_owned(), "A".to_owned()])]
        );
    }
}

//! Members whose name reads as a secret are imported `sensitive`: their
//! values are redacted from `Debug` output and from validation messages.
//!
//! The description has no such marker, so the name decides. The rule errs
//! towards redacting: a member wrongly marked only hides a value from
//! `Debug`, one wrongly left plain leaks a password into a log. Tokens that
//! are positions or idempotency keys (`NextToken`, `ClientToken`) are not
//! secrets and stay plain.
//!
//! A mark the rule implies belongs to the import and follows the name on
//! every import; a mark the rule does not imply is curated and kept. A
//! reviewer who finds the rule wrong for a member writes
//! `"curated": ["sensitive"]` beside `"sensitive": false`.

use codegen::spec::{Field, Output};

/// Endings of a member name (compared without case) that name a secret.
const SECRET_ENDINGS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "secret",
    "secretkey",
    "secretstring",
    "secretbinary",
    "privatekey",
    "apikey",
    "sessiontoken",
    "securitytoken",
    "accesstoken",
    "authtoken",
    "bearertoken",
    "apitoken",
    "tmptoken",
    "roletoken",
    "identitytoken",
];

/// Whole member names (compared without case) that name a secret.
const SECRET_NAMES: &[&str] = &["token"];

/// Whether the name `name` reads as a secret.
pub fn name_reads_as_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_NAMES.contains(&lower.as_str()) || SECRET_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// Whether the import marks `f` sensitive: a free-form string (a sensitive
/// enumeration would have nothing to hide) whose name reads as a secret.
pub fn implied(f: &Field) -> bool {
    f.ty == "String" && f.constraints.enum_values.is_empty() && name_reads_as_secret(&f.name)
}

/// Whether the import marks output `o` sensitive: a string whose name reads
/// as a secret.
pub fn implied_output(o: &Output) -> bool {
    o.ty == "String" && name_reads_as_secret(&o.name)
}

/// Whether a checked-in `sensitive` value is the curator's: pinned with
/// `curated`, or a mark the name does not imply.
pub fn curated_mark(curated: &[String], sensitive: bool, implied: bool) -> bool {
    curated.iter().any(|k| k == "sensitive") || (sensitive && !implied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_keys_and_credentials_read_as_secrets() {
        for name in [
            "Password",
            "OldPassword",
            "AdminPassword",
            "AccountPassword",
            "PassWord",
            "DbPwd",
            "SecretKey",
            "TmpSecretKey",
            "AccessKeySecret",
            "ClientSecret",
            "PrivateKey",
            "SecretString",
            "ApiKey",
            "APIKey",
            "Token",
            "SessionToken",
            "XCosSecurityToken",
            "WebIdentityToken",
        ] {
            assert!(name_reads_as_secret(name), "{name}");
        }
    }

    #[test]
    fn positions_flags_times_and_identifiers_do_not() {
        for name in [
            "NextToken",
            "ClientToken",
            "PageToken",
            "PasswordPolicy",
            "PasswordFree",
            "EncryptPassword2",
            "PasswordLastModifiedTime",
            "PasswordUpdateTime",
            "SecretId",
            "SecretName",
            "ApiKeyId",
            "AccessKey",
            "TotalTokens",
        ] {
            assert!(!name_reads_as_secret(name), "{name}");
        }
    }

    fn field(name: &str, ty: &str) -> Field {
        serde_json::from_value(serde_json::json!({
            "name": name,
            "type": ty,
            "required": false,
            "description": "",
        }))
        .expect("field")
    }

    #[test]
    fn only_free_form_strings_are_marked() {
        assert!(implied(&field("Password", "String")));
        // `EncryptPassword` is a flag saying whether the password is encrypted.
        assert!(!implied(&field("EncryptPassword", "Boolean")));
        let mut listed = field("Password", "String");
        listed.constraints.enum_values = vec![serde_json::from_value(serde_json::json!({
            "value": "none",
            "description": "no password"
        }))
        .expect("enum value")];
        assert!(!implied(&listed));
    }
}

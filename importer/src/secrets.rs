//! Members whose name reads as a secret are imported `sensitive`: their
//! values are redacted from `Debug` output and from validation messages.
//!
//! The description has no such marker, so the name decides. The rule errs
//! towards redacting: a member wrongly marked only hides a value from
//! `Debug`, one wrongly left plain leaks a password into a log. So every
//! name ending in `Token` is a secret, but for the tokens that are positions
//! in a listing or idempotency keys (`NextToken`, `ClientToken`).
//!
//! A mark the rule implies belongs to the import and follows the name on
//! every import; a mark the rule does not imply is curated and kept. A
//! reviewer who finds the rule wrong for a member writes
//! `"curated": ["sensitive"]` beside `"sensitive": false`.

use codegen::spec::Member;

/// Endings of a member name (compared without case) that name a secret, or
/// a list of secrets (`PassWords`). `Tokens` is left out: it mostly counts
/// (`TotalTokens`, sent as a string by some services).
const SECRET_ENDINGS: &[&str] = &[
    "password",
    "passwords",
    "passwd",
    "pwd",
    "secret",
    "secrets",
    "secretkey",
    "secretkeys",
    "secretstring",
    "secretbinary",
    "privatekey",
    "privatekeys",
    "apikey",
    "apikeys",
    "token",
];

/// Names ending in `token` (compared without case) that are positions in a
/// listing or idempotency keys, not credentials.
const PLAIN_TOKENS: &[&str] = &[
    "nexttoken",
    "nextpagetoken",
    "pagetoken",
    "pagingtoken",
    "paginationtoken",
    "scrolltoken",
    "continuetoken",
    "continuationtoken",
    "clienttoken",
    "idempotencytoken",
    "creationtoken",
];

/// Whether the name `name` reads as a secret.
pub fn name_reads_as_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_ENDINGS.iter().any(|e| lower.ends_with(e)) && !PLAIN_TOKENS.contains(&lower.as_str())
}

/// Whether a member or output of type `ty` named `name` reads as a secret:
/// a string (or list of strings) with such a name.
fn reads_as_secret(name: &str, ty: &str) -> bool {
    ty == "String" && name_reads_as_secret(name)
}

/// Whether the import marks a member or output sensitive: a free-form
/// string whose name reads as a secret (a sensitive enumeration would have
/// nothing to hide).
pub fn implied<M: Member>(m: &M) -> bool {
    reads_as_secret(m.name(), m.ty()) && !m.enumerated()
}

/// Whether a checked-in `sensitive` value on a member or output named `name`
/// of type `ty` is the curator's: pinned with `curated`, or a mark the name
/// and type do not imply. (A mark they imply is the import's even where a
/// curated enumeration now forbids it: the next import clears it.)
pub fn curated_mark(curated: &[String], sensitive: bool, name: &str, ty: &str) -> bool {
    curated.iter().any(|k| k == "sensitive") || (sensitive && !reads_as_secret(name, ty))
}

#[cfg(test)]
mod tests {
    use super::*;
    use codegen::spec::{Field, Output};

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
            "RefreshToken",
            "IdToken",
            "UserToken",
            "PassWords",
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
            "NextPageToken",
            "ScrollToken",
            "IdempotencyToken",
            "TokenId",
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

    #[test]
    fn outputs_are_marked_by_name_and_type_as_members_are() {
        let output = |name: &str, ty: &str| -> Output {
            serde_json::from_value(serde_json::json!({
                "name": name,
                "type": ty,
                "description": "",
            }))
            .expect("output")
        };
        assert!(implied(&output("SessionToken", "String")));
        assert!(!implied(&output("TokenCount", "Integer")));
        assert!(!implied(&output("Password", "Boolean")));
    }
}

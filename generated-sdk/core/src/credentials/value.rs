//! [`Credentials`]: a SecretId, SecretKey, optional session token and expiry.

use std::fmt;
use std::time::SystemTime;

/// A SecretId / SecretKey pair with an optional session token.
///
/// `Debug` shows at most the first and last four characters of the SecretId
/// and never the key or the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    secret_id: String,
    secret_key: String,
    token: Option<String>,
    expires_at: Option<SystemTime>,
}

impl Credentials {
    /// Permanent credentials.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Self {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            token: None,
            expires_at: None,
        }
    }

    /// No credentials: what an unsigned action (`Action::SKIP_SIGN`) is sent with.
    #[cfg(feature = "client")]
    pub(crate) fn unsigned() -> Self {
        Self::new("", "")
    }

    /// Marks the credentials as temporary, valid until `at`. Expired
    /// credentials are refused before anything is sent (see
    /// [`Credentials::check`]).
    pub fn with_expiry(mut self, at: SystemTime) -> Self {
        self.expires_at = Some(at);
        self
    }

    /// When temporary credentials expire (`None`: permanent).
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// Adds a session token (temporary credentials), sent as `X-TC-Token`.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The SecretId (not secret: it appears in every `Authorization` header).
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// The SecretKey. Never log it.
    pub fn secret_key(&self) -> &str {
        &self.secret_key
    }

    /// The session token, if any. Never log it.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The SecretId with everything but its first and last four characters
    /// hidden (fully hidden when shorter than 12 characters).
    pub fn masked_secret_id(&self) -> String {
        mask(&self.secret_id)
    }

    /// Checks the credentials can be sent: not expired (see
    /// [`Credentials::with_expiry`]), and values usable in HTTP headers. The
    /// message names the offending field, never its value. The client checks
    /// the credentials of every signed call this way before sending it.
    pub fn check(&self) -> Result<(), &'static str> {
        if self.expires_at.is_some_and(|at| at <= SystemTime::now()) {
            return Err("the credentials have expired (their expiry time is past)");
        }
        if self.secret_id.trim().is_empty() {
            return Err("secret_id is empty");
        }
        if self.secret_key.is_empty() {
            return Err("secret_key is empty");
        }
        let printable = |s: &str| s.bytes().all(|b| (0x21..0x7f).contains(&b));
        if !printable(&self.secret_id) {
            return Err("secret_id contains whitespace, control or non-ASCII characters");
        }
        if let Some(token) = &self.token {
            if !printable(token) {
                return Err("token contains whitespace, control or non-ASCII characters");
            }
        }
        Ok(())
    }
}

fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() < 12 {
        return "***".to_owned();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}***{tail}")
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("secret_id", &self.masked_secret_id())
            .field("secret_key", &"***")
            .field("token", &self.token.as_ref().map(|_| "***"))
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking() {
        assert_eq!(mask("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"), "AKID***MPLE");
        assert_eq!(mask("short"), "***");
    }

    #[test]
    fn check_rejects_unusable_values() {
        assert!(Credentials::new("id", "key").check().is_ok());
        assert!(Credentials::new("", "key").check().is_err());
        assert!(Credentials::new("id", "").check().is_err());
        assert!(Credentials::new("i d", "key").check().is_err());
        assert!(Credentials::new("id", "key")
            .with_token("a\nb")
            .check()
            .is_err());
    }

    #[test]
    fn check_rejects_expired_credentials() {
        let now = SystemTime::now();
        let past = now - std::time::Duration::from_secs(1);
        let future = now + std::time::Duration::from_secs(3600);
        let err = Credentials::new("id", "key")
            .with_expiry(past)
            .check()
            .unwrap_err();
        assert!(err.contains("expired"), "{err}");
        assert!(Credentials::new("id", "key")
            .with_expiry(future)
            .check()
            .is_ok());
    }
}

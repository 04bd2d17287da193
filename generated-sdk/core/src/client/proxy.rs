//! [`Proxy`]: an HTTP(S) proxy set on the client builder, with optional
//! credentials that never appear in Debug output, logs or errors.
//!
//! Without one, the client honours `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`
//! and `NO_PROXY` (and their lowercase forms) from the environment, unless
//! `ClientBuilder::use_system_proxy(false)`.

use std::fmt;

use super::ConfigError;

/// A proxy for the client's requests.
#[derive(Clone)]
pub struct Proxy {
    url: String,
    scope: Scope,
    auth: Option<(String, String)>,
    no_proxy: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    All,
    Http,
    Https,
}

impl Proxy {
    /// Every request goes through the proxy at `url` (`http://host:port`).
    pub fn all(url: impl Into<String>) -> Self {
        Self::new(url.into(), Scope::All)
    }

    /// `http://` requests only (a mock or private endpoint).
    pub fn http(url: impl Into<String>) -> Self {
        Self::new(url.into(), Scope::Http)
    }

    /// `https://` requests only.
    pub fn https(url: impl Into<String>) -> Self {
        Self::new(url.into(), Scope::Https)
    }

    fn new(url: String, scope: Scope) -> Self {
        Self {
            url,
            scope,
            auth: None,
            no_proxy: None,
        }
    }

    /// Credentials for the proxy (`Proxy-Authorization: Basic`).
    pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.auth = Some((username.into(), password.into()));
        self
    }

    /// Hosts reached directly, as in `NO_PROXY` (`localhost,.internal,10.0.0.0/8`).
    pub fn no_proxy(mut self, list: impl Into<String>) -> Self {
        self.no_proxy = Some(list.into());
        self
    }

    /// The proxy for reqwest.
    pub(crate) fn to_reqwest(&self) -> Result<reqwest::Proxy, ConfigError> {
        // The URL is checked here, so that reqwest's error (which may quote
        // it) never reaches a message.
        if reqwest::Url::parse(&self.url).is_err() {
            return Err(ConfigError::InvalidProxy(
                "the proxy URL is not a URL (http://host:port)",
            ));
        }
        if self.url.contains('@') {
            return Err(ConfigError::InvalidProxy(
                "put proxy credentials in Proxy::basic_auth, not in the URL",
            ));
        }
        let proxy = match self.scope {
            Scope::All => reqwest::Proxy::all(&self.url),
            Scope::Http => reqwest::Proxy::http(&self.url),
            Scope::Https => reqwest::Proxy::https(&self.url),
        }
        .map_err(|_| ConfigError::InvalidProxy("the proxy URL is not usable"))?;
        let proxy = match &self.auth {
            Some((user, password)) => proxy.basic_auth(user, password),
            None => proxy,
        };
        Ok(proxy.no_proxy(
            self.no_proxy
                .as_deref()
                .and_then(reqwest::NoProxy::from_string),
        ))
    }
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Proxy")
            .field("url", &self.url)
            .field("scope", &self.scope)
            .field("username", &self.auth.as_ref().map(|(u, _)| u))
            .field("password", &self.auth.as_ref().map(|_| "***"))
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}

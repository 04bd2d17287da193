//! [`Env`], where variables come from, and [`EnvironmentProvider`].

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use super::{Credentials, CredentialsError, Provide, ProvideCredentials};

/// Environment variable holding the SecretId.
pub const ENV_SECRET_ID: &str = "TENCENTCLOUD_SECRET_ID";
/// Environment variable holding the SecretKey.
pub const ENV_SECRET_KEY: &str = "TENCENTCLOUD_SECRET_KEY";
/// Environment variable holding a session token (preferred name).
pub const ENV_SESSION_TOKEN: &str = "TENCENTCLOUD_SESSION_TOKEN";
/// Environment variable holding a session token (alternative name some tools use).
pub const ENV_TOKEN: &str = "TENCENTCLOUD_TOKEN";

type LookupFn = dyn Fn(&str) -> Option<String> + Send + Sync;

/// Where environment variables come from: the process, or a fixed map (tests).
#[derive(Clone)]
pub struct Env(EnvInner);

#[derive(Clone)]
enum EnvInner {
    Process,
    Map(Arc<HashMap<String, String>>),
    Custom(Arc<LookupFn>),
}

impl Env {
    /// The real process environment.
    pub fn process() -> Self {
        Self(EnvInner::Process)
    }

    /// A fixed set of variables; everything else is unset.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        Self(EnvInner::Map(Arc::new(
            pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )))
    }

    /// Any lookup function.
    pub fn from_fn(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        Self(EnvInner::Custom(Arc::new(lookup)))
    }

    /// The value of a variable; unset and non-UTF-8 values are `None`.
    pub fn get(&self, name: &str) -> Option<String> {
        match &self.0 {
            EnvInner::Process => std::env::var(name).ok(),
            EnvInner::Map(map) => map.get(name).cloned(),
            EnvInner::Custom(f) => f(name),
        }
    }

    /// Like [`Env::get`], treating empty or all-whitespace values as unset.
    pub(crate) fn get_non_empty(&self, name: &str) -> Option<String> {
        self.get(name).filter(|v| !v.trim().is_empty())
    }
}

impl Default for Env {
    fn default() -> Self {
        Self::process()
    }
}

impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never print values: the map may hold secrets.
        match &self.0 {
            EnvInner::Process => f.write_str("Env::Process"),
            EnvInner::Map(map) => write!(f, "Env::Map({} variables)", map.len()),
            EnvInner::Custom(_) => f.write_str("Env::Custom"),
        }
    }
}

/// Reads `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and optionally
/// `TENCENTCLOUD_SESSION_TOKEN` (or, failing that, `TENCENTCLOUD_TOKEN`).
#[derive(Debug, Clone, Default)]
pub struct EnvironmentProvider {
    env: Env,
}

impl EnvironmentProvider {
    /// Reads the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the given environment instead.
    pub fn with_env(env: Env) -> Self {
        Self { env }
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials(&self) -> Provide<'_> {
        Provide::ready(self.load())
    }
}

impl EnvironmentProvider {
    /// Reads the source now.
    fn load(&self) -> Result<Credentials, CredentialsError> {
        let source_name = "environment".to_owned();
        let id = self.env.get_non_empty(ENV_SECRET_ID);
        let key = self.env.get_non_empty(ENV_SECRET_KEY);
        let (id, key) = match (id, key) {
            (Some(id), Some(key)) => (id, key),
            (None, None) => {
                return Err(CredentialsError::NotFound {
                    source_name,
                    reason: format!("{ENV_SECRET_ID} and {ENV_SECRET_KEY} are not set"),
                })
            }
            (Some(_), None) => {
                return Err(CredentialsError::Invalid {
                    source_name,
                    reason: format!("{ENV_SECRET_ID} is set but {ENV_SECRET_KEY} is not"),
                })
            }
            (None, Some(_)) => {
                return Err(CredentialsError::Invalid {
                    source_name,
                    reason: format!("{ENV_SECRET_KEY} is set but {ENV_SECRET_ID} is not"),
                })
            }
        };
        let token = self
            .env
            .get_non_empty(ENV_SESSION_TOKEN)
            .or_else(|| self.env.get_non_empty(ENV_TOKEN));
        let mut creds = Credentials::new(id.trim(), key.trim());
        if let Some(token) = token {
            creds = creds.with_token(token.trim());
        }
        creds.check().map_err(|reason| CredentialsError::Invalid {
            source_name,
            reason: reason.to_owned(),
        })?;
        Ok(creds)
    }
}

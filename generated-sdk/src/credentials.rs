//! API keys and where to find them.
//!
//! [`Credentials`] holds a SecretId, SecretKey and optional session token; its
//! `Debug` output never shows the key or the token. Providers implement
//! [`ProvideCredentials`]:
//!
//! - a [`Credentials`] value itself (static credentials),
//! - [`EnvironmentProvider`]: `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`,
//!   optional `TENCENTCLOUD_SESSION_TOKEN` (or `TENCENTCLOUD_TOKEN`),
//! - [`ProfileFileProvider`]: the INI file `~/.tencentcloud/credentials`,
//!   section `[default]`, keys `secret_id`, `secret_key`, optional `token`,
//! - [`CredentialsChain`]: the first provider that has credentials;
//!   [`CredentialsChain::default_chain`] tries the environment, then the file.
//!
//! Environment lookups go through [`Env`], so tests can use a fake map instead
//! of the process environment. No error message ever contains a secret.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Environment variable holding the SecretId.
pub const ENV_SECRET_ID: &str = "TENCENTCLOUD_SECRET_ID";
/// Environment variable holding the SecretKey.
pub const ENV_SECRET_KEY: &str = "TENCENTCLOUD_SECRET_KEY";
/// Environment variable holding a session token (preferred name).
pub const ENV_SESSION_TOKEN: &str = "TENCENTCLOUD_SESSION_TOKEN";
/// Environment variable holding a session token (alternative name some tools use).
pub const ENV_TOKEN: &str = "TENCENTCLOUD_TOKEN";

/// A SecretId / SecretKey pair with an optional session token.
///
/// `Debug` shows at most the first and last four characters of the SecretId
/// and never the key or the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    secret_id: String,
    secret_key: String,
    token: Option<String>,
}

impl Credentials {
    /// Permanent credentials.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Self {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            token: None,
        }
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

    /// Checks the values can be used in HTTP headers; the message names the
    /// offending field, never its value.
    pub fn check(&self) -> Result<(), &'static str> {
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
            .finish()
    }
}

/// Why credentials could not be obtained. Messages name sources, variables,
/// files and line numbers, never values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    /// The source has no credentials at all; a chain moves on to the next source.
    #[error("{source_name}: {reason}")]
    NotFound {
        /// The source, e.g. `environment` or `profile file /home/u/.tencentcloud/credentials`.
        source_name: String,
        /// What was missing.
        reason: String,
    },
    /// The source is configured but unusable (a variable without its pair, a
    /// malformed file); a chain stops here rather than silently using another account.
    #[error("{source_name}: {reason}")]
    Invalid {
        /// The source.
        source_name: String,
        /// What is wrong.
        reason: String,
    },
    /// No source of a chain had credentials.
    #[error("no credentials found; tried: {}", .tried.join("; "))]
    NoneFound {
        /// One entry per source tried, saying why it had none.
        tried: Vec<String>,
    },
}

/// A source of credentials, asked once per API call.
pub trait ProvideCredentials: fmt::Debug + Send + Sync {
    /// Returns the current credentials.
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        self.check().map_err(|reason| CredentialsError::Invalid {
            source_name: "static credentials".to_owned(),
            reason: reason.to_owned(),
        })?;
        Ok(self.clone())
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        (**self).provide_credentials()
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Box<P> {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        (**self).provide_credentials()
    }
}

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
    fn get_non_empty(&self, name: &str) -> Option<String> {
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
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
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

/// How long [`ProfileFileProvider`] reuses credentials it read, by default.
pub const DEFAULT_PROFILE_REFRESH: Duration = Duration::from_secs(60);

/// Reads an INI credentials file, by default `~/.tencentcloud/credentials`
/// with section `[default]` and keys `secret_id`, `secret_key`, optional `token`.
///
/// Credentials read successfully are reused for [`DEFAULT_PROFILE_REFRESH`]
/// (see [`ProfileFileProvider::refresh_interval`]), so a client does not
/// read the file on every attempt; edits are still picked up without a
/// restart. A failed read is never reused: the next request reads again.
/// Clones share the cache; the builder methods start a fresh one.
#[derive(Clone)]
pub struct ProfileFileProvider {
    path: Option<PathBuf>,
    env: Env,
    profile: String,
    refresh: Duration,
    cache: Arc<Mutex<Option<(Credentials, Instant)>>>,
}

impl Default for ProfileFileProvider {
    fn default() -> Self {
        Self {
            path: None,
            env: Env::process(),
            profile: "default".to_owned(),
            refresh: DEFAULT_PROFILE_REFRESH,
            cache: Arc::default(),
        }
    }
}

impl fmt::Debug for ProfileFileProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cached = self.cache.lock().map(|c| c.is_some()).unwrap_or(false);
        f.debug_struct("ProfileFileProvider")
            .field("path", &self.path)
            .field("env", &self.env)
            .field("profile", &self.profile)
            .field("refresh", &self.refresh)
            .field("cached", &cached)
            .finish()
    }
}

impl ProfileFileProvider {
    /// `~/.tencentcloud/credentials`, home taken from the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// An explicit file path.
    pub fn with_path(path: impl Into<PathBuf>) -> Self {
        Self {
            path: Some(path.into()),
            ..Self::default()
        }
    }

    /// Resolves the home directory (`HOME`, or `USERPROFILE` on Windows) from
    /// `env` instead of the process environment.
    pub fn with_env(mut self, env: Env) -> Self {
        self.env = env;
        self.cache = Arc::default();
        self
    }

    /// Reads another section than `[default]`.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = name.into();
        self.cache = Arc::default();
        self
    }

    /// How long credentials read from the file are reused before it is read
    /// again (default [`DEFAULT_PROFILE_REFRESH`]); `Duration::ZERO` reads
    /// the file on every request.
    pub fn refresh_interval(mut self, interval: Duration) -> Self {
        self.refresh = interval;
        self.cache = Arc::default();
        self
    }

    /// The file this provider reads, or `None` when no home directory is known.
    pub fn path(&self) -> Option<PathBuf> {
        if let Some(path) = &self.path {
            return Some(path.clone());
        }
        let home = self
            .env
            .get_non_empty("HOME")
            .or_else(|| self.env.get_non_empty("USERPROFILE"))?;
        Some(Path::new(&home).join(".tencentcloud").join("credentials"))
    }
}

impl ProvideCredentials for ProfileFileProvider {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        // A poisoned lock only means a reader panicked; the cache is still valid.
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((creds, read_at)) = cache.as_ref() {
            if read_at.elapsed() < self.refresh {
                return Ok(creds.clone());
            }
        }
        let result = self.read();
        *cache = match &result {
            Ok(creds) if !self.refresh.is_zero() => Some((creds.clone(), Instant::now())),
            _ => None,
        };
        result
    }
}

impl ProfileFileProvider {
    /// Reads and parses the file.
    fn read(&self) -> Result<Credentials, CredentialsError> {
        let Some(path) = self.path() else {
            return Err(CredentialsError::NotFound {
                source_name: "profile file".to_owned(),
                reason: "no home directory (HOME / USERPROFILE unset)".to_owned(),
            });
        };
        let source_name = format!("profile file {}", path.display());
        let text = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(CredentialsError::NotFound {
                    source_name,
                    reason: "file not found".to_owned(),
                })
            }
            Err(e) => {
                return Err(CredentialsError::Invalid {
                    source_name,
                    reason: format!("cannot read file: {}", e.kind()),
                })
            }
        };
        let Ok(text) = String::from_utf8(text) else {
            return Err(CredentialsError::Invalid {
                source_name,
                reason: "file is not UTF-8".to_owned(),
            });
        };
        let section = parse_ini_section(&text, &self.profile).map_err(|reason| {
            CredentialsError::Invalid {
                source_name: source_name.clone(),
                reason,
            }
        })?;
        let Some(section) = section else {
            return Err(CredentialsError::NotFound {
                source_name,
                reason: format!("no [{}] section", self.profile),
            });
        };
        let get = |key: &str| section.get(key).filter(|v| !v.is_empty()).cloned();
        let (Some(id), Some(key)) = (get("secret_id"), get("secret_key")) else {
            let missing: Vec<&str> = ["secret_id", "secret_key"]
                .into_iter()
                .filter(|k| get(k).is_none())
                .collect();
            return Err(CredentialsError::Invalid {
                source_name,
                reason: format!("section [{}] lacks {}", self.profile, missing.join(" and ")),
            });
        };
        let mut creds = Credentials::new(id, key);
        if let Some(token) = get("token") {
            creds = creds.with_token(token);
        }
        creds.check().map_err(|reason| CredentialsError::Invalid {
            source_name,
            reason: reason.to_owned(),
        })?;
        Ok(creds)
    }
}

/// Parses the INI text and returns the keys of `wanted`, `None` if the
/// section is absent. Keys are case-insensitive; values are trimmed and may be
/// quoted. Errors give a line number, never the line itself (it may hold a secret).
fn parse_ini_section(text: &str, wanted: &str) -> Result<Option<HashMap<String, String>>, String> {
    let mut current: Option<&str> = None;
    let mut found: Option<HashMap<String, String>> = None;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let Some(name) = rest.strip_suffix(']') else {
                return Err(format!("line {}: malformed section header", index + 1));
            };
            let name = name.trim();
            current = Some(name);
            if name == wanted && found.is_none() {
                found = Some(HashMap::new());
            }
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(format!("line {}: expected key = value", index + 1));
        };
        if current != Some(wanted) {
            continue;
        }
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        if let Some(map) = found.as_mut() {
            map.insert(key.trim().to_ascii_lowercase(), value.to_owned());
        }
    }
    Ok(found)
}

/// Tries providers in order and returns the first credentials found.
///
/// A provider answering [`CredentialsError::NotFound`] is skipped; any other
/// error stops the chain (a half-configured source is a mistake to report, not
/// to paper over with another account's keys).
#[derive(Debug, Clone)]
pub struct CredentialsChain {
    providers: Vec<Arc<dyn ProvideCredentials>>,
}

impl CredentialsChain {
    /// A chain of the given providers.
    pub fn new(providers: Vec<Arc<dyn ProvideCredentials>>) -> Self {
        Self { providers }
    }

    /// The environment, then `~/.tencentcloud/credentials`, both from the process environment.
    pub fn default_chain() -> Self {
        Self::default_chain_with_env(Env::process())
    }

    /// The environment, then the profile file under the home directory, both
    /// resolved through `env`.
    pub fn default_chain_with_env(env: Env) -> Self {
        Self::new(vec![
            Arc::new(EnvironmentProvider::with_env(env.clone())),
            Arc::new(ProfileFileProvider::new().with_env(env)),
        ])
    }

    /// Appends a provider.
    pub fn push(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.providers.push(Arc::new(provider));
        self
    }
}

impl Default for CredentialsChain {
    fn default() -> Self {
        Self::default_chain()
    }
}

impl ProvideCredentials for CredentialsChain {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        let mut tried = Vec::with_capacity(self.providers.len());
        for provider in &self.providers {
            match provider.provide_credentials() {
                Ok(creds) => return Ok(creds),
                Err(CredentialsError::NotFound {
                    source_name,
                    reason,
                }) => {
                    tried.push(format!("{source_name}: {reason}"));
                }
                Err(CredentialsError::NoneFound { tried: inner }) => tried.extend(inner),
                Err(other) => return Err(other),
            }
        }
        Err(CredentialsError::NoneFound { tried })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ini_parsing() {
        let text = "\u{feff}# comment\n[other]\nsecret_id = nope\n\n[ default ]\n; note\nSecret_Id = AKID\nsecret_key=\"k=v\"\ntoken = 'tok'\n[default]\nsecret_id = later\n";
        let map = parse_ini_section(text, "default").unwrap().unwrap();
        assert_eq!(map.get("secret_id").map(String::as_str), Some("later"));
        assert_eq!(map.get("secret_key").map(String::as_str), Some("k=v"));
        assert_eq!(map.get("token").map(String::as_str), Some("tok"));
        assert_eq!(parse_ini_section(text, "missing").unwrap(), None);
        let err = parse_ini_section("[default]\nsecret_key SECRETVALUE\n", "default").unwrap_err();
        assert_eq!(err, "line 2: expected key = value");
        assert!(parse_ini_section("[default\n", "default").is_err());
    }

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
}

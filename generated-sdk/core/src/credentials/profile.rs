//! [`ProfileFileProvider`]: the INI file `~/.tencentcloud/credentials`.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{Credentials, CredentialsError, Env, Provide, ProvideCredentials};

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
    fn provide_credentials(&self) -> Provide<'_> {
        Provide::ready(self.load())
    }
}

impl ProfileFileProvider {
    /// Reads the source now.
    fn load(&self) -> Result<Credentials, CredentialsError> {
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
}

//! [`CvmRoleProvider`]: the temporary credentials of a CVM instance's role,
//! from the instance metadata service.

use std::fmt;
use std::sync::Arc;

use serde::Deserialize;

use super::http::{self, Failure, FETCH_TIMEOUT, METADATA_CONNECT_TIMEOUT};
use super::refresh::{Fetch, Fetcher, Refreshing};
use super::{Credentials, CredentialsError, Env, Provide, ProvideCredentials};

/// The metadata service of CVM instances.
pub const DEFAULT_METADATA_ENDPOINT: &str = "http://metadata.tencentyun.com";
/// Environment variable replacing [`DEFAULT_METADATA_ENDPOINT`] (a base URL;
/// for tests and private clouds).
pub const ENV_METADATA_ENDPOINT: &str = "TENCENTCLOUD_METADATA_ENDPOINT";
/// Path of the role list; a role's credentials are at this path plus its name.
pub const ROLE_PATH: &str = "/latest/meta-data/cam/security-credentials/";

/// Reads the instance role's credentials from the metadata service:
/// discovers the role at `.../cam/security-credentials/`, reads
/// `TmpSecretId`, `TmpSecretKey`, `Token` and `ExpiredTime` at
/// `.../cam/security-credentials/<role>`, and refreshes them 5 minutes before
/// they expire. Outside a CVM (nothing answers within 1 s, or no role is
/// bound) it reports "not found", so a chain moves on.
///
/// Clones share the cached credentials.
#[derive(Clone)]
pub struct CvmRoleProvider {
    base: String,
    role: Option<String>,
    cache: Arc<Refreshing>,
}

impl fmt::Debug for CvmRoleProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CvmRoleProvider")
            .field("endpoint", &self.base)
            .field("role", &self.role)
            .field("cache", &self.cache)
            .finish()
    }
}

impl Default for CvmRoleProvider {
    fn default() -> Self {
        Self::builder().build()
    }
}

impl CvmRoleProvider {
    /// The metadata service named by `TENCENTCLOUD_METADATA_ENDPOINT`, or the
    /// real one; the role is discovered.
    pub fn new() -> Self {
        Self::default()
    }

    /// Settings: endpoint, role name, environment.
    pub fn builder() -> CvmRoleProviderBuilder {
        CvmRoleProviderBuilder::default()
    }

    /// The metadata base URL this provider asks.
    pub fn endpoint(&self) -> &str {
        &self.base
    }
}

/// Builds a [`CvmRoleProvider`].
#[derive(Debug, Clone, Default)]
pub struct CvmRoleProviderBuilder {
    endpoint: Option<String>,
    role: Option<String>,
    env: Env,
}

impl CvmRoleProviderBuilder {
    /// The metadata base URL (default: `TENCENTCLOUD_METADATA_ENDPOINT`, then
    /// [`DEFAULT_METADATA_ENDPOINT`]).
    pub fn endpoint(mut self, base_url: impl Into<String>) -> Self {
        self.endpoint = Some(base_url.into());
        self
    }

    /// A role name, instead of discovering it.
    pub fn role(mut self, name: impl Into<String>) -> Self {
        self.role = Some(name.into());
        self
    }

    /// Where `TENCENTCLOUD_METADATA_ENDPOINT` is read from.
    pub fn env(mut self, env: Env) -> Self {
        self.env = env;
        self
    }

    /// The provider.
    pub fn build(self) -> CvmRoleProvider {
        let base = self
            .endpoint
            .or_else(|| self.env.get_non_empty(ENV_METADATA_ENDPOINT))
            .unwrap_or_else(|| DEFAULT_METADATA_ENDPOINT.to_owned())
            .trim_end_matches('/')
            .to_owned();
        let http = reqwest::Client::builder()
            .connect_timeout(METADATA_CONNECT_TIMEOUT)
            .timeout(FETCH_TIMEOUT)
            // The metadata service is link-local: never through a proxy.
            .no_proxy()
            .build()
            .unwrap_or_default();
        let fetcher = Metadata {
            base: base.clone(),
            role: self.role.clone(),
            http,
        };
        CvmRoleProvider {
            cache: Arc::new(Refreshing::new(fetcher.source_name(), fetcher)),
            base,
            role: self.role,
        }
    }
}

impl ProvideCredentials for CvmRoleProvider {
    fn provide_credentials(&self) -> Provide<'_> {
        self.cache.provide()
    }
}

struct Metadata {
    base: String,
    role: Option<String>,
    http: reqwest::Client,
}

impl Metadata {
    fn source_name(&self) -> String {
        format!("instance role (metadata service {})", self.base)
    }
}

impl Fetcher for Metadata {
    fn fetch(&self) -> Fetch {
        let (base, role, http, source) = (
            self.base.clone(),
            self.role.clone(),
            self.http.clone(),
            self.source_name(),
        );
        Box::pin(async move { fetch(&base, role, &http, &source).await })
    }
}

async fn fetch(
    base: &str,
    role: Option<String>,
    http: &reqwest::Client,
    source: &str,
) -> Result<Credentials, CredentialsError> {
    let not_found = |reason: String| CredentialsError::NotFound {
        source_name: source.to_owned(),
        reason,
    };
    let invalid = |reason: String| CredentialsError::Fetch {
        source_name: source.to_owned(),
        reason,
    };
    let role = match role {
        Some(role) => role,
        None => {
            let list_url = format!("{base}{ROLE_PATH}");
            let answer = match http::send(http.get(&list_url)).await {
                Ok(a) => a,
                // Not on a CVM: let a chain try the next source.
                Err(Failure::Unreachable(reason)) => return Err(not_found(reason)),
                Err(other) => return Err(other.into_error(source)),
            };
            if answer.status == 404 {
                return Err(not_found("no role is bound to this instance".to_owned()));
            }
            if answer.status != 200 {
                return Err(invalid(format!(
                    "the role list answered HTTP {}",
                    answer.status
                )));
            }
            let Some(role) = answer.body.lines().map(str::trim).find(|l| !l.is_empty()) else {
                return Err(not_found("no role is bound to this instance".to_owned()));
            };
            if !role
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b))
            {
                return Err(invalid("the role list is not a role name".to_owned()));
            }
            role.to_owned()
        }
    };
    let answer = http::send(http.get(format!("{base}{ROLE_PATH}{role}")))
        .await
        .map_err(|f| f.into_error(source))?;
    if answer.status != 200 {
        return Err(invalid(format!(
            "the credentials of role {role} answered HTTP {}",
            answer.status
        )));
    }
    parse(&answer.body).map_err(|reason| invalid(format!("role {role}: {reason}")))
}

/// The metadata document of a role.
#[derive(Deserialize)]
struct RoleDocument {
    #[serde(rename = "TmpSecretId")]
    id: String,
    #[serde(rename = "TmpSecretKey")]
    key: String,
    #[serde(rename = "Token")]
    token: String,
    #[serde(rename = "ExpiredTime")]
    expired_time: u64,
    #[serde(rename = "Code", default)]
    code: Option<String>,
}

fn parse(body: &str) -> Result<Credentials, String> {
    let doc: RoleDocument = serde_json::from_str(body).map_err(|e| http::shape_error(&e))?;
    if let Some(code) = doc.code.as_deref().filter(|c| *c != "Success") {
        return Err(format!("the answer's Code is {code:?}"));
    }
    http::temporary(doc.id, doc.key, doc.token, doc.expired_time)
}

//! [`WebIdentityProvider`]: a TKE pod's OIDC identity exchanged for a CAM
//! role's credentials with STS `AssumeRoleWithWebIdentity`.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::json;

use super::refresh::{Fetch, Fetcher, Refreshing};
use super::sts::{Sts, DEFAULT_DURATION};
use super::{CredentialsError, Env, Provide, ProvideCredentials};

/// The region the pod runs in; sent to STS.
pub const ENV_TKE_REGION: &str = "TKE_REGION";
/// The OIDC identity provider's ID.
pub const ENV_TKE_PROVIDER_ID: &str = "TKE_PROVIDER_ID";
/// The file holding the pod's identity token (it rotates: read on every refresh).
pub const ENV_TKE_WEB_IDENTITY_TOKEN_FILE: &str = "TKE_WEB_IDENTITY_TOKEN_FILE";
/// The role to assume.
pub const ENV_TKE_ROLE_ARN: &str = "TKE_ROLE_ARN";

const VARIABLES: [&str; 4] = [
    ENV_TKE_REGION,
    ENV_TKE_PROVIDER_ID,
    ENV_TKE_WEB_IDENTITY_TOKEN_FILE,
    ENV_TKE_ROLE_ARN,
];

/// Reads `TKE_REGION`, `TKE_PROVIDER_ID`, `TKE_WEB_IDENTITY_TOKEN_FILE` and
/// `TKE_ROLE_ARN`, and calls STS `AssumeRoleWithWebIdentity` unsigned (as
/// the service requires) with the token file's current content; refreshes 5
/// minutes before expiry, re-reading the token file. With none of the
/// variables set it reports "not found", so a chain moves on; with some but
/// not all, it is an error. Clones share the cached credentials.
#[derive(Clone)]
pub struct WebIdentityProvider {
    state: Result<Arc<Refreshing>, CredentialsError>,
}

impl fmt::Debug for WebIdentityProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebIdentityProvider")
            .field("configured", &self.state.is_ok())
            .finish()
    }
}

impl Default for WebIdentityProvider {
    fn default() -> Self {
        Self::builder().build()
    }
}

impl WebIdentityProvider {
    /// From the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Settings.
    pub fn builder() -> WebIdentityProviderBuilder {
        WebIdentityProviderBuilder::default()
    }
}

impl ProvideCredentials for WebIdentityProvider {
    fn provide_credentials(&self) -> Provide<'_> {
        match &self.state {
            Ok(cache) => cache.provide(),
            Err(e) => Provide::ready(Err(e.clone())),
        }
    }
}

/// Builds a [`WebIdentityProvider`].
#[derive(Debug, Clone, Default)]
pub struct WebIdentityProviderBuilder {
    env: Env,
    endpoint: Option<String>,
    session_name: Option<String>,
    duration: Option<Duration>,
}

impl WebIdentityProviderBuilder {
    /// Where the `TKE_*` variables and `TENCENTCLOUD_STS_ENDPOINT` are read.
    pub fn env(mut self, env: Env) -> Self {
        self.env = env;
        self
    }

    /// The STS URL (default: `TENCENTCLOUD_STS_ENDPOINT`, then the real one).
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// The role session name (default `tencentcloud-sdk-rust-<unix time>`).
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = Some(name.into());
        self
    }

    /// How long the credentials last (default 2 hours).
    pub fn duration(mut self, duration: Duration) -> Self {
        self.duration = Some(duration);
        self
    }

    /// The provider.
    pub fn build(self) -> WebIdentityProvider {
        let source = "OIDC web identity (TKE)".to_owned();
        let values: Vec<Option<String>> = VARIABLES
            .iter()
            .map(|v| self.env.get_non_empty(v))
            .collect();
        let state = match values.as_slice() {
            [Some(region), Some(provider_id), Some(token_file), Some(role_arn)] => {
                let sts = Sts::new(self.endpoint, Some(region.clone()), &self.env);
                let source = format!("{source} {role_arn} ({})", sts.url);
                let session = self.session_name.unwrap_or_else(|| {
                    let now = SystemTime::now()
                        .duration_since(UNIX_EPOCH)
                        .map(|d| d.as_secs())
                        .unwrap_or(0);
                    format!("tencentcloud-sdk-rust-{now}")
                });
                let fetcher = WebIdentity {
                    sts,
                    provider_id: provider_id.clone(),
                    token_file: PathBuf::from(token_file),
                    role_arn: role_arn.clone(),
                    session,
                    duration: self.duration.unwrap_or(DEFAULT_DURATION),
                    source: source.clone(),
                };
                Ok(Arc::new(Refreshing::new(source, fetcher)))
            }
            _ if values.iter().all(Option::is_none) => Err(CredentialsError::NotFound {
                source_name: source,
                reason: format!("{} are not set", VARIABLES.join(", ")),
            }),
            _ => {
                let missing: Vec<&str> = VARIABLES
                    .iter()
                    .zip(&values)
                    .filter(|(_, v)| v.is_none())
                    .map(|(n, _)| *n)
                    .collect();
                Err(CredentialsError::Invalid {
                    source_name: source,
                    reason: format!("{} not set", missing.join(", ")),
                })
            }
        };
        WebIdentityProvider { state }
    }
}

struct WebIdentity {
    sts: Sts,
    provider_id: String,
    token_file: PathBuf,
    role_arn: String,
    session: String,
    duration: Duration,
    source: String,
}

impl Fetcher for WebIdentity {
    fn fetch(&self) -> Fetch {
        let sts = self.sts.clone();
        let source = self.source.clone();
        // The token rotates: read it on every fetch.
        let token =
            std::fs::read_to_string(&self.token_file).map_err(|e| CredentialsError::Fetch {
                source_name: source.clone(),
                reason: format!(
                    "cannot read the token file {}: {}",
                    self.token_file.display(),
                    e.kind()
                ),
            });
        let body = token.map(|token| {
            json!({
                "ProviderId": self.provider_id,
                "WebIdentityToken": token.trim(),
                "RoleArn": self.role_arn,
                "RoleSessionName": self.session,
                "DurationSeconds": self.duration.as_secs(),
            })
        });
        Box::pin(async move {
            sts.credentials("AssumeRoleWithWebIdentity", &body?, None, &source)
                .await
        })
    }
}

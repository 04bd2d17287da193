//! [`AssumeRoleProvider`]: temporary credentials of a CAM role, from STS
//! `AssumeRole` signed with base credentials; and the STS call that the
//! web-identity source shares.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use serde_json::{json, Value};

use super::http::{self, FETCH_TIMEOUT};
use super::refresh::{Fetch, Fetcher, Refreshing};
use super::{Credentials, CredentialsError, Env, Provide, ProvideCredentials};
use crate::signing::{self, SigningRequest, JSON_CONTENT_TYPE};

/// The STS endpoint.
pub const DEFAULT_STS_ENDPOINT: &str = "https://sts.tencentcloudapi.com";
/// Environment variable replacing [`DEFAULT_STS_ENDPOINT`] (the full URL;
/// for tests and private clouds).
pub const ENV_STS_ENDPOINT: &str = "TENCENTCLOUD_STS_ENDPOINT";
/// STS API version.
pub const STS_VERSION: &str = "2018-08-13";
/// Region sent to STS when none is set.
pub const DEFAULT_STS_REGION: &str = "ap-guangzhou";
/// Lifetime asked for by default, in seconds (STS allows up to 43,200).
pub const DEFAULT_DURATION: Duration = Duration::from_secs(7200);

/// Where and how STS is called.
#[derive(Clone)]
pub(crate) struct Sts {
    pub url: String,
    pub region: String,
    pub http: reqwest::Client,
}

impl Sts {
    pub(crate) fn new(endpoint: Option<String>, region: Option<String>, env: &Env) -> Self {
        let url = endpoint
            .or_else(|| env.get_non_empty(ENV_STS_ENDPOINT))
            .unwrap_or_else(|| DEFAULT_STS_ENDPOINT.to_owned());
        Self {
            url,
            region: region.unwrap_or_else(|| DEFAULT_STS_REGION.to_owned()),
            http: reqwest::Client::builder()
                .timeout(FETCH_TIMEOUT)
                .build()
                .unwrap_or_default(),
        }
    }

    /// Calls `action` with `body`: signed with `signer`, or unsigned
    /// (`Authorization: SKIP`, as STS takes `AssumeRoleWithWebIdentity`).
    /// Returns the credentials of the answer.
    pub(crate) async fn credentials(
        &self,
        action: &str,
        body: &Value,
        signer: Option<&Credentials>,
        source: &str,
    ) -> Result<Credentials, CredentialsError> {
        let fail = |reason: String| CredentialsError::Fetch {
            source_name: source.to_owned(),
            reason,
        };
        let url = reqwest::Url::parse(&self.url)
            .map_err(|_| fail(format!("{} is not a URL", self.url)))?;
        let host = match (url.host_str(), url.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_owned(),
            (None, _) => return Err(fail(format!("{} has no host", self.url))),
        };
        let payload = body.to_string();
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let mut request = self
            .http
            .post(url)
            .header("content-type", JSON_CONTENT_TYPE)
            .header("host", &host)
            .header("x-tc-action", action)
            .header("x-tc-version", STS_VERSION)
            .header("x-tc-timestamp", timestamp.to_string())
            .header("x-tc-region", &self.region);
        match signer {
            None => request = request.header("authorization", "SKIP"),
            Some(creds) => {
                creds
                    .check()
                    .map_err(|r| fail(format!("base credentials: {r}")))?;
                let req = SigningRequest {
                    service: "sts",
                    host: &host,
                    content_type: JSON_CONTENT_TYPE,
                    payload: payload.as_bytes(),
                    timestamp,
                };
                let signature = signing::signature(creds.secret_key(), &req);
                let date = signing::utc_date(timestamp);
                let authorization =
                    signing::format_authorization(creds.secret_id(), &date, "sts", &signature);
                let mut value = reqwest::header::HeaderValue::try_from(authorization)
                    .map_err(|_| fail("base credentials: unusable in a header".to_owned()))?;
                value.set_sensitive(true);
                request = request.header("authorization", value);
                if let Some(token) = creds.token() {
                    let mut value = reqwest::header::HeaderValue::try_from(token)
                        .map_err(|_| fail("base credentials: unusable token".to_owned()))?;
                    value.set_sensitive(true);
                    request = request.header("x-tc-token", value);
                }
            }
        }
        let answer = http::send(request.body(payload))
            .await
            .map_err(|f| f.into_error(source))?;
        if answer.status != 200 {
            return Err(fail(format!("{action} answered HTTP {}", answer.status)));
        }
        parse(&answer.body).map_err(|reason| fail(format!("{action}: {reason}")))
    }
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "Response")]
    response: Value,
}

#[derive(Deserialize)]
struct Answer {
    #[serde(rename = "Credentials")]
    credentials: TempKeys,
    #[serde(rename = "ExpiredTime")]
    expired_time: u64,
}

#[derive(Deserialize)]
struct TempKeys {
    #[serde(rename = "TmpSecretId")]
    id: String,
    #[serde(rename = "TmpSecretKey")]
    key: String,
    #[serde(rename = "Token")]
    token: String,
}

fn parse(body: &str) -> Result<Credentials, String> {
    let envelope: Envelope =
        serde_json::from_str(body).map_err(|_| "the answer is not an API envelope".to_owned())?;
    if let Some(error) = envelope.response.get("Error") {
        let code = error.get("Code").and_then(Value::as_str).unwrap_or("");
        let message = error.get("Message").and_then(Value::as_str).unwrap_or("");
        return Err(format!("error {code}: {message}"));
    }
    // Never quote the answer: it holds the secret.
    let answer = Answer::deserialize(&envelope.response).map_err(|e| http::shape_error(&e))?;
    http::temporary(
        answer.credentials.id,
        answer.credentials.key,
        answer.credentials.token,
        answer.expired_time,
    )
}

/// Assumes a CAM role with STS `AssumeRole`, signing with base credentials
/// from another source, and refreshes the role's credentials 5 minutes
/// before they expire. Clones share the cached credentials.
#[derive(Clone)]
pub struct AssumeRoleProvider {
    role_arn: String,
    cache: Arc<Refreshing>,
}

impl fmt::Debug for AssumeRoleProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AssumeRoleProvider")
            .field("role_arn", &self.role_arn)
            .field("cache", &self.cache)
            .finish()
    }
}

impl AssumeRoleProvider {
    /// Settings; `role_arn` (`qcs::cam::uin/100000000001:roleName/test`) and
    /// a session name are required.
    pub fn builder(
        role_arn: impl Into<String>,
        session_name: impl Into<String>,
    ) -> AssumeRoleProviderBuilder {
        AssumeRoleProviderBuilder {
            role_arn: role_arn.into(),
            session_name: session_name.into(),
            duration: DEFAULT_DURATION,
            policy: None,
            base: None,
            region: None,
            endpoint: None,
            env: Env::process(),
        }
    }
}

impl ProvideCredentials for AssumeRoleProvider {
    fn provide_credentials(&self) -> Provide<'_> {
        self.cache.provide()
    }
}

/// Builds an [`AssumeRoleProvider`].
#[derive(Debug, Clone)]
pub struct AssumeRoleProviderBuilder {
    role_arn: String,
    session_name: String,
    duration: Duration,
    policy: Option<String>,
    base: Option<Arc<dyn ProvideCredentials>>,
    region: Option<String>,
    endpoint: Option<String>,
    env: Env,
}

impl AssumeRoleProviderBuilder {
    /// How long the role's credentials last (default 2 hours).
    pub fn duration(mut self, duration: Duration) -> Self {
        self.duration = duration;
        self
    }

    /// A policy narrowing the role's permissions (JSON text).
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    /// The credentials that sign `AssumeRole` (default: the default chain).
    pub fn base_credentials(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.base = Some(Arc::new(provider));
        self
    }

    /// The region sent to STS (default `ap-guangzhou`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The STS URL (default: `TENCENTCLOUD_STS_ENDPOINT`, then
    /// [`DEFAULT_STS_ENDPOINT`]).
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Where `TENCENTCLOUD_STS_ENDPOINT` (and the default chain's variables)
    /// are read from.
    pub fn env(mut self, env: Env) -> Self {
        self.env = env;
        self
    }

    /// The provider.
    pub fn build(self) -> AssumeRoleProvider {
        let sts = Sts::new(self.endpoint, self.region, &self.env);
        let base = self
            .base
            .unwrap_or_else(|| Arc::new(super::CredentialsChain::default_chain_with_env(self.env)));
        let source = format!("AssumeRole {} ({})", self.role_arn, sts.url);
        let mut body = json!({
            "RoleArn": self.role_arn,
            "RoleSessionName": self.session_name,
            "DurationSeconds": self.duration.as_secs(),
        });
        if let Some(policy) = self.policy {
            body["Policy"] = Value::String(policy);
        }
        let fetcher = AssumeRole {
            sts,
            base,
            body,
            source: source.clone(),
        };
        AssumeRoleProvider {
            role_arn: self.role_arn,
            cache: Arc::new(Refreshing::new(source, fetcher)),
        }
    }
}

struct AssumeRole {
    sts: Sts,
    base: Arc<dyn ProvideCredentials>,
    body: Value,
    source: String,
}

impl Fetcher for AssumeRole {
    fn fetch(&self) -> Fetch {
        let (sts, base, body, source) = (
            self.sts.clone(),
            Arc::clone(&self.base),
            self.body.clone(),
            self.source.clone(),
        );
        Box::pin(async move {
            let signer = base.provide_credentials().await?;
            sts.credentials("AssumeRole", &body, Some(&signer), &source)
                .await
        })
    }
}

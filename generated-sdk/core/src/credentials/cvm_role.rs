//! [`CvmRoleProvider`]: the temporary credentials of a CVM instance's role,
//! from the instance metadata service.

use std::fmt;
use std::sync::{Arc, Mutex};

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
/// discovers the role at `.../cam/security-credentials/` (once: the name is
/// remembered, and discovered again only when its credentials answer 404,
/// the role having been changed or unbound), reads `TmpSecretId`,
/// `TmpSecretKey`, `Token` and `ExpiredTime` at
/// `.../cam/security-credentials/<role>`, and refreshes them 5 minutes before
/// they expire (see [`MIN_REFRESH_INTERVAL`](super::MIN_REFRESH_INTERVAL)
/// for short-lived ones). Outside a CVM (nothing answers within 1 s, or no
/// role is bound) it reports "not found", so a chain moves on.
///
/// Role names, given or discovered, must be CAM role names: 1 to 128
/// letters, digits and `+=,.@_-`, not dots alone; others are refused (they
/// would change the metadata URL).
///
/// Clones share the cached credentials.
#[derive(Clone)]
pub struct CvmRoleProvider {
    base: String,
    role: Option<String>,
    cache: Result<Arc<Refreshing>, CredentialsError>,
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

    /// A role name, instead of discovering it. A name that is not a CAM
    /// role name makes every request of the provider an error
    /// ([`CredentialsError::Invalid`]).
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
            discovered: Arc::default(),
            http,
        };
        let source = fetcher.source_name();
        let cache = match &self.role {
            Some(role) if !is_role_name(role) => Err(CredentialsError::Invalid {
                source_name: source,
                reason: format!("the role name given is not a CAM role name ({ROLE_NAME_RULE})"),
            }),
            _ => Ok(Arc::new(Refreshing::new(source, fetcher))),
        };
        CvmRoleProvider {
            cache,
            base,
            role: self.role,
        }
    }
}

impl ProvideCredentials for CvmRoleProvider {
    fn provide_credentials(&self) -> Provide<'_> {
        match &self.cache {
            Ok(cache) => cache.provide(),
            Err(e) => Provide::ready(Err(e.clone())),
        }
    }
}

/// What [`is_role_name`] accepts, for messages.
const ROLE_NAME_RULE: &str = "1 to 128 letters, digits and +=,.@_-, not dots alone";

/// A CAM role name, safe as the last segment of the metadata URL.
fn is_role_name(name: &str) -> bool {
    (1..=128).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b))
        // "." and ".." are path segments, not names.
        && !name.bytes().all(|b| b == b'.')
}

struct Metadata {
    base: String,
    /// The role given to the builder.
    role: Option<String>,
    /// The role discovered, remembered across fetches.
    discovered: Arc<Mutex<Option<String>>>,
    http: reqwest::Client,
}

impl Metadata {
    fn source_name(&self) -> String {
        format!("instance role (metadata service {})", self.base)
    }
}

impl Fetcher for Metadata {
    fn fetch(&self) -> Fetch {
        let ask = Ask {
            base: self.base.clone(),
            http: self.http.clone(),
            source: self.source_name(),
        };
        let (role, discovered) = (self.role.clone(), Arc::clone(&self.discovered));
        Box::pin(async move {
            if let Some(role) = role {
                return ask.role(&role).await.map_err(|e| e.error);
            }
            let remembered = lock(&discovered).clone();
            if let Some(role) = remembered {
                match ask.role(&role).await {
                    Err(RoleError { gone: true, .. }) => {
                        // The role was changed or unbound: discover it again.
                        tracing::debug!(source = %ask.source, "instance role gone; discovering it again");
                        lock(&discovered).take();
                    }
                    answer => return answer.map_err(|e| e.error),
                }
            }
            let role = ask.discover().await?;
            *lock(&discovered) = Some(role.clone());
            ask.role(&role).await.map_err(|e| {
                if e.gone {
                    lock(&discovered).take();
                }
                e.error
            })
        })
    }
}

fn lock(discovered: &Mutex<Option<String>>) -> std::sync::MutexGuard<'_, Option<String>> {
    discovered.lock().unwrap_or_else(|e| e.into_inner())
}

/// A role's credentials could not be read; `gone` when they answered 404.
struct RoleError {
    gone: bool,
    error: CredentialsError,
}

/// What one fetch asks the metadata service with.
struct Ask {
    base: String,
    http: reqwest::Client,
    source: String,
}

impl Ask {
    fn invalid(&self, reason: String) -> CredentialsError {
        CredentialsError::Fetch {
            source_name: self.source.clone(),
            reason,
        }
    }

    fn not_found(&self, reason: &str) -> CredentialsError {
        CredentialsError::NotFound {
            source_name: self.source.clone(),
            reason: reason.to_owned(),
        }
    }

    /// The role bound to the instance.
    async fn discover(&self) -> Result<String, CredentialsError> {
        let list_url = format!("{}{ROLE_PATH}", self.base);
        let answer = match http::send(self.http.get(&list_url)).await {
            Ok(a) => a,
            // Not on a CVM: let a chain try the next source.
            Err(Failure::Unreachable(reason)) => {
                return Err(CredentialsError::NotFound {
                    source_name: self.source.clone(),
                    reason,
                })
            }
            Err(other) => return Err(other.into_error(&self.source)),
        };
        if answer.status == 404 {
            return Err(self.not_found("no role is bound to this instance"));
        }
        if answer.status != 200 {
            return Err(self.invalid(format!("the role list answered HTTP {}", answer.status)));
        }
        let Some(role) = answer.body.lines().map(str::trim).find(|l| !l.is_empty()) else {
            return Err(self.not_found("no role is bound to this instance"));
        };
        if !is_role_name(role) {
            // Never quoted: it came from the network.
            return Err(self.invalid(format!(
                "the role list does not name a CAM role ({ROLE_NAME_RULE})"
            )));
        }
        Ok(role.to_owned())
    }

    /// The credentials of `role` (a checked role name).
    async fn role(&self, role: &str) -> Result<Credentials, RoleError> {
        let fail = |gone: bool, error: CredentialsError| RoleError { gone, error };
        let answer = http::send(self.http.get(format!("{}{ROLE_PATH}{role}", self.base)))
            .await
            .map_err(|f| fail(false, f.into_error(&self.source)))?;
        if answer.status != 200 {
            return Err(fail(
                answer.status == 404,
                self.invalid(format!(
                    "the credentials of role {role} answered HTTP {}",
                    answer.status
                )),
            ));
        }
        parse(&answer.body)
            .map_err(|reason| fail(false, self.invalid(format!("role {role}: {reason}"))))
    }
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};

    use super::*;
    use crate::credentials::test_server::FakeServer;

    const LIST: &str = "/latest/meta-data/cam/security-credentials/";

    fn document(n: usize) -> String {
        let expired = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
            + 3600;
        format!(
            r#"{{"TmpSecretId":"AKIDrole{n:04}","TmpSecretKey":"key","Token":"token","ExpiredTime":{expired},"Code":"Success"}}"#
        )
    }

    fn metadata(base: &str, role: Option<&str>) -> Metadata {
        Metadata {
            base: base.to_owned(),
            role: role.map(str::to_owned),
            discovered: Arc::default(),
            http: reqwest::Client::new(),
        }
    }

    #[test]
    fn role_names() {
        for good in ["sdk-role", "a", "A+b=c,d.e@f_g-h", "..x", &"r".repeat(128)] {
            assert!(is_role_name(good), "{good}");
        }
        for bad in [
            "",
            ".",
            "..",
            "../x",
            "a/b",
            "a b",
            "a%2e",
            "é",
            &"r".repeat(129),
        ] {
            assert!(!is_role_name(bad), "{bad}");
        }
    }

    #[tokio::test]
    async fn the_discovered_role_is_remembered_across_fetches() {
        let server = FakeServer::start(|path| match path {
            LIST => (200, "sdk-role\n".to_owned()),
            _ => (200, document(1)),
        })
        .await;
        let fetcher = metadata(&server.url, None);
        for _ in 0..3 {
            assert_eq!(fetcher.fetch().await.unwrap().secret_id(), "AKIDrole0001");
        }
        assert_eq!(server.hits(LIST), 1, "{:?}", server.paths());
        assert_eq!(server.hits(&format!("{LIST}sdk-role")), 3);
    }

    #[tokio::test]
    async fn a_role_answering_404_is_discovered_again_once() {
        let switched = Arc::new(AtomicBool::new(false));
        let flag = switched.clone();
        let server = FakeServer::start(move |path| {
            let switched = flag.load(Ordering::SeqCst);
            match path.strip_prefix(LIST) {
                Some("") if switched => (200, "new-role".to_owned()),
                Some("") => (200, "old-role".to_owned()),
                Some("old-role") if switched => (404, "gone".to_owned()),
                Some("old-role") => (200, document(1)),
                Some("new-role") => (200, document(2)),
                _ => (404, String::new()),
            }
        })
        .await;
        let fetcher = metadata(&server.url, None);
        assert_eq!(fetcher.fetch().await.unwrap().secret_id(), "AKIDrole0001");
        switched.store(true, Ordering::SeqCst);
        for _ in 0..2 {
            assert_eq!(fetcher.fetch().await.unwrap().secret_id(), "AKIDrole0002");
        }
        let paths = server.paths();
        let expected = ["", "old-role", "old-role", "", "new-role", "new-role"];
        assert_eq!(paths, expected.map(|p| format!("{LIST}{p}")));
    }

    #[tokio::test]
    async fn a_rediscovered_role_that_still_answers_404_is_an_error_not_a_loop() {
        let first = Arc::new(AtomicBool::new(true));
        let server = FakeServer::start(move |path| match path {
            LIST => (200, "sdk-role".to_owned()),
            _ if first.swap(false, Ordering::SeqCst) => (200, document(1)),
            _ => (404, String::new()),
        })
        .await;
        let fetcher = metadata(&server.url, None);
        fetcher.fetch().await.unwrap();
        let err = fetcher.fetch().await.unwrap_err();
        assert!(err.to_string().contains("HTTP 404"), "{err}");
        assert_eq!(server.paths().len(), 2 + 3, "{:?}", server.paths());
        // Forgotten again: the next fetch discovers once more.
        fetcher.fetch().await.unwrap_err();
        assert_eq!(server.hits(LIST), 3);
    }

    #[tokio::test]
    async fn a_given_role_is_never_discovered_nor_rediscovered() {
        let server = FakeServer::start(|path| match path {
            LIST => (200, "other".to_owned()),
            _ => (404, String::new()),
        })
        .await;
        let err = metadata(&server.url, Some("mine"))
            .fetch()
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains("role mine answered HTTP 404"),
            "{err}"
        );
        assert_eq!(server.paths(), [format!("{LIST}mine")]);
    }

    #[tokio::test]
    async fn role_names_that_would_change_the_url_are_refused() {
        let server = FakeServer::start(|path| match path {
            LIST => (200, "../../x".to_owned()),
            _ => (200, document(1)),
        })
        .await;
        // Given to the builder: refused at first use, nothing asked.
        for role in ["../x", "..", "a/b", "a?b", "a#b"] {
            let provider = CvmRoleProvider::builder()
                .endpoint(&server.url)
                .role(role)
                .build();
            let err = provider.provide_credentials().await.unwrap_err();
            assert!(matches!(err, CredentialsError::Invalid { .. }), "{err:?}");
            assert!(err.to_string().contains("not a CAM role name"), "{err}");
        }
        assert!(server.paths().is_empty(), "{:?}", server.paths());
        // Discovered: a hostile metadata service cannot steer the next URL.
        for hostile in ["../../x", "..", "a/b"] {
            let hostile = hostile.to_owned();
            let server = FakeServer::start(move |path| match path {
                LIST => (200, hostile.clone()),
                _ => (200, document(1)),
            })
            .await;
            let err = CvmRoleProvider::builder()
                .endpoint(&server.url)
                .build()
                .provide_credentials()
                .await
                .unwrap_err();
            assert!(
                err.to_string().contains("does not name a CAM role"),
                "{err}"
            );
            assert_eq!(server.paths(), [LIST]);
        }
    }
}

//! [`CredentialsChain`]: the first source that has credentials.

use std::sync::Arc;

use super::{
    Credentials, CredentialsError, Env, EnvironmentProvider, ProfileFileProvider, Provide,
    ProvideCredentials,
};

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
        let chain = Self::new(vec![
            Arc::new(EnvironmentProvider::with_env(env.clone())),
            Arc::new(ProfileFileProvider::new().with_env(env.clone())),
        ]);
        #[cfg(feature = "client")]
        let chain = chain
            .push(super::CvmRoleProvider::builder().env(env.clone()).build())
            .push(super::WebIdentityProvider::builder().env(env).build());
        chain
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
    fn provide_credentials(&self) -> Provide<'_> {
        // Sources that answer at once are asked in place; from the first
        // that must fetch on, the rest is a future.
        let mut tried = Vec::with_capacity(self.providers.len());
        for (index, provider) in self.providers.iter().enumerate() {
            let answer = provider.provide_credentials();
            if !answer.is_ready() {
                return Provide::new(self.finish(index, answer, tried));
            }
            if let Some(done) = step(answer.now(), &mut tried) {
                return Provide::ready(done);
            }
        }
        Provide::ready(Err(CredentialsError::NoneFound { tried }))
    }
}

impl CredentialsChain {
    async fn finish(
        &self,
        index: usize,
        pending: Provide<'_>,
        mut tried: Vec<String>,
    ) -> Result<Credentials, CredentialsError> {
        if let Some(done) = step(pending.await, &mut tried) {
            return done;
        }
        for provider in &self.providers[index + 1..] {
            if let Some(done) = step(provider.provide_credentials().await, &mut tried) {
                return done;
            }
        }
        Err(CredentialsError::NoneFound { tried })
    }
}

/// The chain's decision on one answer: done (credentials, or an error that
/// stops the chain), or `None` to try the next source.
fn step(
    answer: Result<Credentials, CredentialsError>,
    tried: &mut Vec<String>,
) -> Option<Result<Credentials, CredentialsError>> {
    match answer {
        Ok(creds) => Some(Ok(creds)),
        Err(CredentialsError::NotFound {
            source_name,
            reason,
        }) => {
            tried.push(format!("{source_name}: {reason}"));
            None
        }
        Err(CredentialsError::NoneFound { tried: inner }) => {
            tried.extend(inner);
            None
        }
        Err(other) => Some(Err(other)),
    }
}

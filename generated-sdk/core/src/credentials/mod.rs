//! API keys and where to find them: one source per file.
//!
//! [`Credentials`] holds a SecretId, SecretKey, optional session token and
//! expiry; its `Debug` output never shows the key or the token. Sources
//! implement [`ProvideCredentials`]:
//!
//! - a [`Credentials`] value itself (static credentials),
//! - [`EnvironmentProvider`] (`env.rs`): `TENCENTCLOUD_SECRET_ID`,
//!   `TENCENTCLOUD_SECRET_KEY`, optional `TENCENTCLOUD_SESSION_TOKEN` (or
//!   `TENCENTCLOUD_TOKEN`),
//! - [`ProfileFileProvider`] (`profile.rs`): the INI file
//!   `~/.tencentcloud/credentials`, section `[default]`, keys `secret_id`,
//!   `secret_key`, optional `token`,
//! - with the `client` feature, sources that fetch temporary credentials
//!   and refresh them 5 minutes before they expire (but no sooner than a
//!   minute, or half their life, after a fetch: `MIN_REFRESH_INTERVAL`),
//!   one fetch at a time, callers never queueing behind each other
//!   (`refresh/`): `CvmRoleProvider` (`cvm_role.rs`, the instance role from
//!   the metadata service), `AssumeRoleProvider` (`sts.rs`, STS
//!   `AssumeRole`) and `WebIdentityProvider` (`oidc.rs`, a TKE pod's OIDC
//!   identity),
//! - [`CredentialsChain`] (`chain.rs`): the first source that has
//!   credentials; [`CredentialsChain::default_chain`] tries the environment,
//!   the profile file, then (with the `client` feature) the instance role
//!   and the OIDC identity.
//!
//! Credentials whose expiry time is past are refused before anything is
//! sent ([`Credentials::check`]); temporary credentials without a token are
//! refused by the source that fetched them.
//!
//! Environment lookups go through [`Env`], so tests can use a fake map instead
//! of the process environment. No error message ever contains a secret.

mod chain;
#[cfg(feature = "client")]
mod cvm_role;
mod env;
#[cfg(feature = "client")]
mod http;
#[cfg(feature = "client")]
mod oidc;
mod profile;
mod provide;
#[cfg(feature = "client")]
mod refresh;
#[cfg(feature = "client")]
mod sts;
#[cfg(all(test, feature = "client"))]
mod test_server;
mod value;

pub use chain::CredentialsChain;
#[cfg(feature = "client")]
pub use cvm_role::{
    CvmRoleProvider, CvmRoleProviderBuilder, DEFAULT_METADATA_ENDPOINT, ENV_METADATA_ENDPOINT,
};
pub use env::{
    Env, EnvironmentProvider, ENV_SECRET_ID, ENV_SECRET_KEY, ENV_SESSION_TOKEN, ENV_TOKEN,
};
#[cfg(feature = "client")]
pub use http::{FETCH_TIMEOUT, METADATA_CONNECT_TIMEOUT};
#[cfg(feature = "client")]
pub use oidc::{
    WebIdentityProvider, WebIdentityProviderBuilder, ENV_TKE_PROVIDER_ID, ENV_TKE_REGION,
    ENV_TKE_ROLE_ARN, ENV_TKE_WEB_IDENTITY_TOKEN_FILE,
};
pub use profile::{ProfileFileProvider, DEFAULT_PROFILE_REFRESH};
pub use provide::{CredentialsError, Provide, ProvideCredentials};
#[cfg(feature = "client")]
pub use refresh::{MIN_REFRESH_INTERVAL, REFRESH_BEFORE_EXPIRY};
#[cfg(feature = "client")]
pub use sts::{
    AssumeRoleProvider, AssumeRoleProviderBuilder, DEFAULT_STS_ENDPOINT, ENV_STS_ENDPOINT,
};
pub use value::Credentials;

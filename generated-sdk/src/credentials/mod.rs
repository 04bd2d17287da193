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
//! - [`CredentialsChain`] (`chain.rs`): the first source that has
//!   credentials; [`CredentialsChain::default_chain`] tries the environment,
//!   the profile file, then (with the `client` feature) the CVM instance
//!   role and the TKE OIDC identity.
//!
//! Environment lookups go through [`Env`], so tests can use a fake map instead
//! of the process environment. No error message ever contains a secret.

mod chain;
mod env;
mod profile;
mod provide;
mod value;

pub use chain::CredentialsChain;
pub use env::{
    Env, EnvironmentProvider, ENV_SECRET_ID, ENV_SECRET_KEY, ENV_SESSION_TOKEN, ENV_TOKEN,
};
pub use profile::{ProfileFileProvider, DEFAULT_PROFILE_REFRESH};
pub use provide::{CredentialsError, Provide, ProvideCredentials};
pub use value::Credentials;

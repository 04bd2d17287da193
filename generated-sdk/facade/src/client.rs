//! The async client: the runtime's [`client`](tencentcloud_sdk_core::client)
//! module, with a [`Client`] that has one accessor per enabled service
//! (`client.postgres()`, `client.redis()`).

pub use tencentcloud_sdk_core::client::*;

use std::ops::Deref;

/// A Tencent Cloud API client: the runtime's client
/// ([`tencentcloud_sdk_core::client::Client`], which it dereferences to, so
/// `call`, `prepare` and the rest are there) plus one method per enabled
/// service returning that service's handle. Cheap to clone; clones share one
/// connection pool.
#[derive(Clone, Debug)]
pub struct Client {
    inner: tencentcloud_sdk_core::client::Client,
}

/// Configures a [`Client`]; obtained from [`Client::builder`].
pub type ClientBuilder = tencentcloud_sdk_core::client::ClientBuilder<Client>;

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The runtime's client, as a service crate's handles take it.
    pub fn as_core(&self) -> &tencentcloud_sdk_core::client::Client {
        &self.inner
    }
}

impl From<tencentcloud_sdk_core::client::Client> for Client {
    fn from(inner: tencentcloud_sdk_core::client::Client) -> Self {
        Self { inner }
    }
}

impl From<Client> for tencentcloud_sdk_core::client::Client {
    fn from(client: Client) -> Self {
        client.inner
    }
}

impl Deref for Client {
    type Target = tencentcloud_sdk_core::client::Client;

    fn deref(&self) -> &Self::Target {
        &self.inner
    }
}

impl AsRef<tencentcloud_sdk_core::client::Client> for Client {
    fn as_ref(&self) -> &tencentcloud_sdk_core::client::Client {
        &self.inner
    }
}

//! Typed, validated clients for Tencent Cloud APIs, generated from `api-spec/`.
//!
//! This is the facade crate: one cargo feature per service, each re-exporting
//! that service's crate (`tencentcloud-sdk-postgres` as [`postgres`] with
//! feature `postgres`, ...), over the runtime crate `tencentcloud-sdk-core`,
//! whose modules it re-exports. A program that calls one or two services can
//! depend on their crates and the core crate directly instead; the types are
//! the same either way.
//!
//! ```no_run
//! # #[cfg(all(feature = "client", feature = "postgres"))]
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use tencentcloud_sdk::client::Client;
//! use tencentcloud_sdk::postgres::v20170312::DescribeRegionsRequest;
//!
//! let client = Client::builder().region("ap-guangzhou").build()?;
//! let regions = client.postgres().describe_regions(DescribeRegionsRequest::default()).await?;
//! println!("{} regions", regions.region_set.len());
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

pub use tencentcloud_sdk_core::{action, pagination, validation};
pub use tencentcloud_sdk_core::{
    Action, CommonErrorCode, ErrorCategory, ErrorCode, Redacted, Validate, ValidationErrors,
};

#[cfg(feature = "signing")]
pub use tencentcloud_sdk_core::{credentials, signing};

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "registry")]
pub mod registry;

#[rustfmt::skip]
mod generated;
// Without a service feature there is nothing to re-export.
#[allow(unused_imports)]
pub use generated::*;

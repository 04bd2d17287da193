//! The runtime of the Tencent Cloud SDK for Rust, written by hand: what every
//! generated service crate (`tencentcloud-sdk-<service>`) builds on.
//!
//! - [`action`]: the [`Action`] trait each generated action implements, and
//!   [`ErrorCode`] for its error codes; [`CommonErrorCode`], the codes every
//!   service may return.
//! - [`validation`]: [`Validate`] and the [`ValidationErrors`] a request's
//!   local checks report, by wire path.
//! - [`signing`] and [`credentials`] (feature `signing`): TC3-HMAC-SHA256 and
//!   the credential sources of the official SDKs.
//! - [`client`] (feature `client`, default): the async client, retries,
//!   timeouts, paginators and waiters.
//! - [`registry`]: an action as a type-erased entry, for tools that work from
//!   wire names.
//!
//! Items marked `#[doc(hidden)]` are the vocabulary of generated code, not an
//! API for users; they change with the generator.
#![deny(missing_docs)]

pub mod action;
pub mod pagination;
pub mod registry;
pub mod validation;
#[doc(hidden)]
pub mod wire;

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "signing")]
pub mod credentials;
#[cfg(feature = "signing")]
pub mod signing;

pub use action::{Action, ErrorCategory, ErrorCode};
pub use validation::{Validate, ValidationErrors};

#[rustfmt::skip]
#[path = "generated/common_errors.rs"]
mod common_errors;
pub use common_errors::CommonErrorCode;

/// serde, as the generated code names it: a service crate depends on this
/// crate alone.
#[doc(hidden)]
pub use serde;

/// Stands in for a secret in Debug output.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("\"***\"")
    }
}

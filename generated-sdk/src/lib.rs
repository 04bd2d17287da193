//! Typed, validated clients for Tencent Cloud APIs, generated from `api-spec/`.
#![deny(missing_docs)]

pub mod action;
pub mod pagination;
#[cfg(feature = "registry")]
pub mod registry;
pub mod validation;
// A build without any service feature uses none of it.
#[allow(dead_code)]
mod wire;

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "signing")]
pub mod credentials;
#[cfg(feature = "signing")]
pub mod signing;

pub use action::{Action, ErrorCategory, ErrorCode};
pub use validation::{Validate, ValidationErrors};

#[rustfmt::skip]
mod generated;
pub use generated::*;

/// Stands in for a secret in Debug output.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("\"***\"")
    }
}

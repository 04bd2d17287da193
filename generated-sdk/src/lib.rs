//! Typed, validated clients for Tencent Cloud APIs, generated from `api-spec/`.
#![deny(missing_docs)]

pub mod action;
pub mod validation;

#[cfg(feature = "signing")]
pub mod signing;
#[cfg(feature = "signing")]
pub mod credentials;
#[cfg(feature = "client")]
pub mod client;

pub use action::{Action, ErrorCategory, ErrorCode};
pub use validation::{Validate, ValidationErrors};

//! What the generated code tells the runtime about each action.

use std::fmt::{Debug, Display};

use crate::validation::Validate;

/// One API action: its identity, documented limits and types.
///
/// Implemented by the generated marker types (`CloneDBInstance`,
/// `CloneInstances`); the client sends any `Action` generically.
pub trait Action {
    /// Service name, first label of the default host, used in signing (`postgres`).
    const SERVICE: &'static str;
    /// API version, `X-TC-Version` (`2017-03-12`).
    const VERSION: &'static str;
    /// Action name, `X-TC-Action` (`CloneDBInstance`).
    const NAME: &'static str;
    /// Documented rate limit, requests per second.
    const RATE_LIMIT_PER_SECOND: u32;
    /// Regions the page says the action supports; empty when the page lists none.
    const REGIONS: &'static [&'static str];
    /// Whether the page marks the common parameter `Region` as required.
    const REGION_REQUIRED: bool;
    /// The service's endpoint hosts, from the spec.
    const ENDPOINTS: Endpoints;
    /// Called unsigned, with `Authorization: SKIP` and no credentials (the
    /// description marks such actions, e.g. STS `AssumeRoleWithWebIdentity`).
    const SKIP_SIGN: bool = false;
    /// Set when the action buys (curated in its spec): a failure whose
    /// outcome is unknown is then reported as a possible purchase.
    const PURCHASE: Option<Purchase> = None;
    /// Request parameters.
    type Request: serde::Serialize + serde::de::DeserializeOwned + Validate + Debug + Send + Sync;
    /// The `Response` object of a successful call.
    type Response: serde::Serialize + serde::de::DeserializeOwned + Debug + Send;
    /// The action's error codes.
    type ErrorCode: ErrorCode;
}

/// What an action that buys tells a user after a failure whose outcome is
/// unknown, from its spec's `purchase`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Purchase {
    /// How to find out whether the purchase went through, before retrying.
    pub check: &'static str,
    /// The outputs that identify what was bought (order numbers, instance IDs).
    pub ids: &'static [&'static str],
}

/// Endpoint hosts of a service version, from its `service.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoints {
    /// The edition's default host (`postgres.intl.tencentcloudapi.com`
    /// internationally, `postgres.tencentcloudapi.com` on the Chinese site).
    pub default: &'static str,
    /// Region-pinned host with a `{region}` placeholder.
    pub regional: &'static str,
    /// International-site host.
    pub international: &'static str,
}

impl Endpoints {
    /// The region-pinned host for `region`.
    pub fn regional_host(&self, region: &str) -> String {
        self.regional.replace("{region}", region)
    }
}

/// An action's error code enum: every documented code, plus a fallback that
/// keeps any other code.
pub trait ErrorCode: Clone + Debug + Display + PartialEq + Eq + Send + Sync + 'static {
    /// Parses a wire code; never fails (unknown codes land in the fallback).
    fn from_code(code: &str) -> Self;
    /// The exact wire code.
    fn as_str(&self) -> &str;
    /// The documented description, if the code is documented.
    fn description(&self) -> Option<&'static str>;
    /// The category derived from the code's prefix.
    fn category(&self) -> ErrorCategory {
        ErrorCategory::of_code(self.as_str())
    }
}

/// Broad class of a service error, derived from the code's first segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCategory {
    /// `AuthFailure.*`: signature, key or token problems.
    Authentication,
    /// `UnauthorizedOperation.*`, `OperationDenied.*`, IP lists: not allowed.
    Authorization,
    /// `RequestLimitExceeded.*`: rate limited; safe to retry later.
    RateLimit,
    /// `InvalidParameter*`, `MissingParameter`, `UnknownParameter`: a bad request.
    InvalidParameter,
    /// `LimitExceeded.*`, `RequestSizeLimitExceeded`, ...: a quota or size limit.
    LimitExceeded,
    /// `ResourceNotFound.*`, `ResourceUnavailable.*`, `ResourceInsufficient.*`, `ResourceInUse.*`.
    Resource,
    /// `FailedOperation.*`: the operation failed.
    FailedOperation,
    /// `InternalError.*`, `ServiceUnavailable`: a server-side failure.
    Internal,
    /// `UnsupportedOperation.*`, `InvalidAction`, `NoSuchVersion`, ...: not supported.
    Unsupported,
    /// `DryRunOperation`: a dry run that would have succeeded.
    DryRun,
    /// Anything else.
    Other,
}

impl ErrorCategory {
    /// Derives the category from a wire code's first segment.
    pub fn of_code(code: &str) -> Self {
        let prefix = code.split('.').next().unwrap_or(code);
        match prefix {
            "AuthFailure" => Self::Authentication,
            "UnauthorizedOperation" | "OperationDenied" | "IpInBlacklist" | "IpNotInWhitelist" => {
                Self::Authorization
            }
            "RequestLimitExceeded" => Self::RateLimit,
            "InvalidParameter"
            | "InvalidParameterValue"
            | "MissingParameter"
            | "UnknownParameter" => Self::InvalidParameter,
            "LimitExceeded" | "RequestSizeLimitExceeded" | "ResponseSizeLimitExceeded" => {
                Self::LimitExceeded
            }
            "ResourceNotFound"
            | "ResourceUnavailable"
            | "ResourceInsufficient"
            | "ResourceInUse" => Self::Resource,
            "FailedOperation" => Self::FailedOperation,
            "InternalError" | "ServiceUnavailable" => Self::Internal,
            "UnsupportedOperation"
            | "UnsupportedProtocol"
            | "UnsupportedRegion"
            | "InvalidAction"
            | "NoSuchVersion"
            | "NoSuchProduct"
            | "ActionOffline"
            | "InvalidRequest" => Self::Unsupported,
            "DryRunOperation" => Self::DryRun,
            _ => Self::Other,
        }
    }
}

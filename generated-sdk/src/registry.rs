//! Every generated action by name, for code that works from wire names: the
//! test suite drives the spec's examples through it, and a server can
//! dispatch on `X-TC-Action` with it. The table itself is generated
//! (`ACTIONS`, re-exported here).

use serde_json::Value;

use crate::action::Action;
use crate::validation::{Validate, ValidationErrors};

pub use crate::generated::ACTIONS;

/// One action, type-erased.
#[derive(Clone, Copy)]
pub struct ActionEntry {
    /// Service name (`postgres`).
    pub service: &'static str,
    /// API version (`2017-03-12`).
    pub version: &'static str,
    /// Action name (`CloneDBInstance`).
    pub name: &'static str,
    /// Documented rate limit, requests per second.
    pub rate_limit_per_second: u32,
    /// Deserializes a request body into the typed request (unknown fields
    /// rejected) and validates it.
    pub validate_request: fn(&Value) -> Result<Result<(), ValidationErrors>, serde_json::Error>,
    /// Deserializes a request body and serializes the typed request back.
    pub roundtrip_request: fn(&Value) -> Result<Value, serde_json::Error>,
    /// Deserializes the `Response` object of a success into the typed response
    /// and serializes it back.
    pub roundtrip_response: fn(&Value) -> Result<Value, serde_json::Error>,
}

impl std::fmt::Debug for ActionEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ActionEntry({} {} {})", self.service, self.version, self.name)
    }
}

impl ActionEntry {
    /// The entry of action `A`.
    pub const fn of<A: Action>() -> Self {
        Self {
            service: A::SERVICE,
            version: A::VERSION,
            name: A::NAME,
            rate_limit_per_second: A::RATE_LIMIT_PER_SECOND,
            validate_request: validate_request::<A>,
            roundtrip_request: roundtrip_request::<A>,
            roundtrip_response: roundtrip_response::<A>,
        }
    }
}

/// Finds an action by service version and name.
pub fn find(service: &str, version: &str, name: &str) -> Option<&'static ActionEntry> {
    ACTIONS.iter().find(|a| a.service == service && a.version == version && a.name == name)
}

fn validate_request<A: Action>(body: &Value) -> Result<Result<(), ValidationErrors>, serde_json::Error> {
    let request: A::Request = serde_json::from_value(body.clone())?;
    Ok(request.validate())
}

fn roundtrip_request<A: Action>(body: &Value) -> Result<Value, serde_json::Error> {
    let request: A::Request = serde_json::from_value(body.clone())?;
    serde_json::to_value(&request)
}

fn roundtrip_response<A: Action>(body: &Value) -> Result<Value, serde_json::Error> {
    let response: A::Response = serde_json::from_value(body.clone())?;
    serde_json::to_value(&response)
}

//! Every compiled-in action by name (feature `registry`), for code that works
//! from wire names: the mock server dispatches on `X-TC-Action` with it, and
//! the `call` example calls by name. The entry type is the runtime's
//! ([`tencentcloud_sdk_core::registry`]); the table joins the `ACTIONS` of
//! every service crate this crate was built with.

pub use tencentcloud_sdk_core::registry::*;

/// Every compiled-in action (the services whose features are on), ordered
/// by service, version and name.
pub fn actions() -> impl Iterator<Item = &'static ActionEntry> + Clone {
    crate::generated::ACTIONS.iter().flat_map(|v| v.iter())
}

/// Finds an action by service version and name.
pub fn find(service: &str, version: &str, name: &str) -> Option<&'static ActionEntry> {
    actions().find(|a| a.service == service && a.version == version && a.name == name)
}

//! The generator: reads `api-spec/`, checks it, and emits the `tencentcloud-sdk` crate.
//!
//! Stages, each in its own module: [`spec`] (what the files say, loaded and
//! checked) -> [`ir`] (names resolved, Rust identifiers chosen, types mapped)
//! -> [`emit`] (one small emitter per kind of output) -> formatted files.
#![deny(missing_docs)]

pub mod spec;

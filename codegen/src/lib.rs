//! The generator: reads `api-spec/`, checks it, and emits the `tencentcloud-sdk` crate.
//!
//! Stages, each in its own module: [`spec`] (what the files say, loaded and
//! checked) -> [`ir`] (names resolved, Rust identifiers chosen, types mapped)
//! -> [`emit`] (one small emitter per kind of output) -> formatted files.
#![deny(missing_docs)]

pub mod diff;
pub mod emit;
pub mod ir;
pub mod names;
pub mod public_items;
pub mod spec;

use std::path::Path;

pub use emit::{Files, GENERATED_DIR};
pub use spec::{Problem, Problems};

/// Everything generated from a spec folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Rust files, by path relative to `generated-sdk/src/`.
    pub files: Files,
    /// The generated part of `[features]` in `generated-sdk/Cargo.toml`: one
    /// feature per service and `all-services`; see [`emit::splice_features`].
    pub cargo_features: String,
}

/// Loads and checks `spec_root`, builds the IR and emits every file.
pub fn generate(spec_root: &Path) -> Result<Generated, Problems> {
    generate_from(&spec::load(spec_root)?)
}

/// Builds the IR of a loaded spec set and emits every file.
pub fn generate_from(set: &spec::SpecSet) -> Result<Generated, Problems> {
    let ir = ir::build(set)?;
    Ok(Generated {
        files: emit::emit(&ir)?,
        cargo_features: emit::cargo_features(&ir),
    })
}

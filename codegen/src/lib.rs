//! The generator: reads `api-spec/`, checks it, and emits the generated crates
//! of `generated-sdk/`: one per service, and the generated parts of the
//! runtime (`tencentcloud-sdk-core`) and facade (`tencentcloud-sdk`) crates.
//!
//! Stages, each in its own module: [`spec`] (what the files say, loaded and
//! checked) -> [`ir`] (names resolved, Rust identifiers chosen, types mapped)
//! -> [`emit`] (one small emitter per kind of output) -> formatted files.
#![deny(missing_docs)]

pub mod diff;
pub mod emit;
pub mod ir;
pub mod names;
pub mod spec;

use std::path::Path;

pub use emit::{FacadeManifest, Files, GENERATED_DIRS};
pub use spec::{Problem, Problems};

/// Everything generated from a spec folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Files (Rust, manifests, READMEs), by path relative to `generated-sdk/`.
    pub files: Files,
    /// The generated blocks of the facade's `generated-sdk/facade/Cargo.toml`:
    /// its features and one optional dependency per service.
    pub facade_manifest: FacadeManifest,
    /// The services a curator has worked on: their crates' sources are
    /// checked in (see [`Generated::is_checked_in`]).
    pub curated_services: std::collections::BTreeSet<String>,
}

impl Generated {
    /// Whether the generated file `rel` is checked in: everything but the
    /// sources of service crates no curator has worked on, which
    /// `cargo xtask gen` writes on demand (`generated-sdk/services/.gitignore`
    /// says the same to git).
    pub fn is_checked_in(&self, rel: &str) -> bool {
        emit::is_checked_in(rel, &self.curated_services)
    }
}

/// Loads and checks `spec_root`, builds the IR and emits every file.
pub fn generate(spec_root: &Path) -> Result<Generated, Problems> {
    generate_from(&spec::load(spec_root)?)
}

/// Builds the IR of a loaded spec set and emits every file.
pub fn generate_from(set: &spec::SpecSet) -> Result<Generated, Problems> {
    emit_ir(&ir::build(set)?, &|_| {})
}

/// Generates from a loaded spec set it takes, calling `progress` with
/// `service version` as each service version is rendered (see
/// [`emit::Progress`]). The set is dropped once the IR is built, so its
/// files' text and model do not add to the peak of rendering.
pub fn generate_with_progress(
    set: spec::SpecSet,
    progress: emit::Progress<'_>,
) -> Result<Generated, Problems> {
    let ir = ir::build(&set)?;
    drop(set);
    emit_ir(&ir, progress)
}

fn emit_ir(ir: &ir::Ir, progress: emit::Progress<'_>) -> Result<Generated, Problems> {
    Ok(Generated {
        files: emit::emit(ir, progress)?,
        facade_manifest: emit::manifest::facade_manifest(ir),
        curated_services: emit::curated_services(ir),
    })
}

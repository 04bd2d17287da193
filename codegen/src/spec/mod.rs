//! Reading `api-spec/`: the typed model, the loader, the meaning checks and the
//! canonical form.

mod check;
pub mod decode;
pub mod drafted;
pub mod edition;
pub mod flows;
pub mod interpret;
mod load;
pub mod member;
pub mod model;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

pub use drafted::{Decision, DraftSpec, Review};
pub use edition::{Edition, EDITION_FILE};
pub use flows::*;
pub use load::{
    canonical_json, canonical_report, load, parse_file_text, schema_json, CanonicalReport,
    SCHEMA_FILE, SERVICE_ERRORS_FILE,
};
pub use member::{Member, SharedKeysMut};
pub use model::*;

/// One problem in the specs: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// File, relative to the spec root, with `/` separators.
    pub file: String,
    /// JSON path inside the file (`$.parameters[3].type`), `$` for the whole file.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.path, self.message)
    }
}

/// Every problem found in one run, sorted by file and path.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(f, "{p}")?;
        }
        write!(f, "{} problem(s) in the specs", self.0.len())
    }
}

impl std::error::Error for Problems {}

/// A parsed spec file and where it came from.
#[derive(Debug, Clone)]
pub struct Located<T> {
    /// File, relative to the spec root, with `/` separators.
    pub file: String,
    /// The file's text as read.
    pub text: String,
    /// The parsed content.
    pub spec: T,
}

/// One API version of one service, with its actions and structures.
#[derive(Debug, Clone)]
pub struct ServiceVersion {
    /// `service.json`.
    pub service: Located<ServiceSpec>,
    /// `error-codes.json`, when the service version has one.
    pub errors: Option<Located<ServiceErrorsSpec>>,
    /// Actions by name.
    pub actions: BTreeMap<String, Located<ActionSpec>>,
    /// Structures by name.
    pub structures: BTreeMap<String, Located<StructureSpec>>,
}

impl ServiceVersion {
    /// Whether a curator has worked on this service version as a whole: it
    /// transcribes an API page (an action with `source`), defines waiters,
    /// or pins an imported key of `service.json`. The generated code of a
    /// curated service is checked in and reviewed as a diff; the rest of the
    /// surface is generated on demand.
    pub fn is_curated(&self) -> bool {
        let s = &self.service.spec;
        !s.waiters.is_empty()
            || !s.curated.is_empty()
            || self.actions.values().any(|a| a.spec.source.is_some())
    }
}

/// Everything in `api-spec/`, loaded and checked.
#[derive(Debug, Clone)]
pub struct SpecSet {
    /// Root folder the files were read from.
    pub root: PathBuf,
    /// The edition the tree describes (its `edition.json`).
    pub edition: Edition,
    /// `common-errors.json`.
    pub common_errors: Located<CommonErrorsSpec>,
    /// Service versions keyed by (service, version).
    pub services: BTreeMap<(String, String), ServiceVersion>,
}

impl SpecSet {
    /// Every file of the set with its text, in path order.
    pub fn files(&self) -> Vec<(&str, &str)> {
        let mut out = vec![(
            self.common_errors.file.as_str(),
            self.common_errors.text.as_str(),
        )];
        for sv in self.services.values() {
            out.push((sv.service.file.as_str(), sv.service.text.as_str()));
            out.extend(sv.errors.iter().map(|e| (e.file.as_str(), e.text.as_str())));
            out.extend(
                sv.actions
                    .values()
                    .map(|a| (a.file.as_str(), a.text.as_str())),
            );
            out.extend(
                sv.structures
                    .values()
                    .map(|s| (s.file.as_str(), s.text.as_str())),
            );
        }
        out.sort();
        out
    }
}

/// The primitive type names a field may have besides structure names.
pub const PRIMITIVES: [&str; 5] = ["String", "Integer", "UInt64", "Float", "Boolean"];

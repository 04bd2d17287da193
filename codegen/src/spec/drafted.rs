//! Constraints drafted from a member's document, for review.
//!
//! The importer writes a member's `draft` from its document on every import
//! (`importer::drafter`); it is never enforced. A curator's `review` decides
//! it: accepted, its constraints were copied into the member's curated
//! `constraints` (`cargo xtask constraints review`); rejected, it stays
//! rejected while the document drafts the same. A new draft (the document
//! changed) drops the old decision and is pending again.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::{Bounds, Charset, Literal};

fn is_false(b: &bool) -> bool {
    !*b
}

/// What the importer drafted from a member's document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftSpec {
    /// The complete set of valid values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<Literal>,
    /// Bounds of the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<Bounds>,
    /// Bounds of a string's length, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<Bounds>,
    /// The characters allowed, as a regular expression
    /// (`^[A-Za-z][A-Za-z0-9_-]*$`), or a date or time format
    /// (`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`). Documented; what accepting the
    /// draft checks is `charset`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// The characters allowed anywhere in the value (a rule on the first
    /// or last character stays in `pattern`, documented only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charset: Option<Charset>,
    /// The documented default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Literal>,
    /// The documented unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Some rule of the document depends on another member: a check needs
    /// a hand-written rule, not these constraints alone.
    #[serde(default, skip_serializing_if = "is_false")]
    pub conditional: bool,
    /// The sentences the draft came from.
    pub evidence: String,
    /// Curated: the reviewer's decision; absent while pending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

impl DraftSpec {
    /// Whether it drafts any constraint (not only a default or unit).
    pub fn constrains(&self) -> bool {
        !self.allowed.is_empty()
            || self.range.is_some()
            || self.length.is_some()
            || self.charset.is_some()
    }

    /// The same draft, whatever the review: what decides whether a decision
    /// still applies after an import.
    pub fn same_draft(&self, other: &DraftSpec) -> bool {
        DraftSpec {
            review: None,
            ..self.clone()
        } == DraftSpec {
            review: None,
            ..other.clone()
        }
    }

    /// Pending: no decision yet.
    pub fn pending(&self) -> bool {
        self.review.is_none()
    }
}

/// A curator's decision on a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Accepted or rejected.
    pub decision: Decision,
    /// Why, in the curator's words (required for a rejection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// A review's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Copied into the member's curated constraints.
    Accepted,
    /// Not to be enforced.
    Rejected,
}

//! What an import did, counted, and what it refused, named.

use std::collections::BTreeMap;
use std::fmt;

use crate::merge::Conflict;

/// Something the importer could not take, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Issue {
    /// `<service> <version> <item>`.
    pub place: String,
    /// Why.
    pub message: String,
}

impl Issue {
    /// An action refused.
    pub fn action(service: &str, version: &str, action: &str, why: &str) -> Self {
        Issue {
            place: format!("{service} {version} action {action}"),
            message: why.to_owned(),
        }
    }
    /// A structure refused.
    pub fn structure(service: &str, version: &str, name: &str, why: &str) -> Self {
        Issue {
            place: format!("{service} {version} structure {name}"),
            message: why.to_owned(),
        }
    }
    /// A member refused.
    pub fn member(service: &str, version: &str, owner: &str, member: &str, why: &str) -> Self {
        Issue {
            place: format!("{service} {version} {owner}.{member}"),
            message: why.to_owned(),
        }
    }
}

/// Counts and findings of one import run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Service versions imported.
    pub service_versions: usize,
    /// Actions written.
    pub actions: usize,
    /// Structures written.
    pub structures: usize,
    /// Members (parameters, fields, outputs) written.
    pub members: usize,
    /// Members the description marks disabled.
    pub disabled: usize,
    /// Members and structures given a Rust rename.
    pub renames: usize,
    /// Service error codes written.
    pub error_codes: usize,
    /// Service versions whose signing name and international host agree
    /// with the official Python SDK's client file.
    pub client_files_agree: usize,
    /// Imported examples' requests and responses, each by outcome
    /// (`request: valid`, `response: does not decode`, ...).
    pub examples: BTreeMap<String, usize>,
    /// Curated integer widths kept.
    pub widths_kept: usize,
    /// Page examples the description repeats.
    pub duplicate_examples: usize,
    /// Actions whose pagination the importer drafted.
    pub pagination_drafted: usize,
    /// Actions whose pagination a reviewer wrote (kept as is).
    pub pagination_reviewed: usize,
    /// Actions that seem to page but could not be drafted, with the reason.
    pub pagination_undrafted: Vec<String>,
    /// Members marked sensitive because their name reads as a secret.
    pub sensitive_by_name: usize,
    /// Members a curator marked sensitive (or, with `curated`, not).
    pub sensitive_curated: usize,
    /// Things refused, each named.
    pub refused: Vec<Issue>,
    /// Remarks that need no action.
    pub notes: Vec<String>,
    /// Curated facts the description contradicts: the import fails.
    pub conflicts: Vec<Conflict>,
    /// Files written, changed or (with `--check`) that would change.
    pub changed: Vec<String>,
    /// Files removed or that would be removed.
    pub removed: Vec<String>,
}

impl Report {
    /// Records a refusal.
    pub fn refuse(&mut self, issue: Issue) {
        self.refused.push(issue);
    }
    /// Records a remark.
    pub fn note(&mut self, note: String) {
        self.notes.push(note);
    }
    /// Counts one member's or output's `sensitive` mark, by who set it.
    pub fn count_sensitive(&mut self, curated: &[String], sensitive: bool, name: &str, ty: &str) {
        if crate::secrets::curated_mark(curated, sensitive, name, ty) {
            self.sensitive_curated += 1;
        } else if sensitive {
            self.sensitive_by_name += 1;
        }
    }
    /// Counts an example outcome.
    pub fn example(&mut self, outcome: &str) {
        *self.examples.entry(outcome.to_owned()).or_default() += 1;
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "imported {} service version(s): {} actions, {} structures, {} members ({} disabled), {} renames, {} service error codes",
            self.service_versions,
            self.actions,
            self.structures,
            self.members,
            self.disabled,
            self.renames,
            self.error_codes
        )?;
        writeln!(
            f,
            "signing names and hosts: {} service version(s) agree with the official Python SDK's client files",
            self.client_files_agree
        )?;
        // Each example counts once for its request and once for its response.
        let total: usize = self.examples.values().sum::<usize>() / 2;
        writeln!(f, "examples: {total} (request and response checked apart)")?;
        for (kind, n) in &self.examples {
            writeln!(f, "  {n:>6}  {kind}")?;
        }
        if self.widths_kept > 0 || self.duplicate_examples > 0 {
            writeln!(
                f,
                "curated kept: {} integer widths, {} page examples the description repeats",
                self.widths_kept, self.duplicate_examples
            )?;
        }
        writeln!(
            f,
            "pagination: {} drafted, {} reviewed, {} not drafted",
            self.pagination_drafted,
            self.pagination_reviewed,
            self.pagination_undrafted.len()
        )?;
        for u in &self.pagination_undrafted {
            writeln!(
                f,
                "  not drafted: {u} (write a reviewed `pagination` if it pages)"
            )?;
        }
        writeln!(
            f,
            "sensitive: {} by name, {} curated",
            self.sensitive_by_name, self.sensitive_curated
        )?;
        let mut refused = self.refused.clone();
        refused.sort();
        for r in &refused {
            writeln!(f, "refused: {}: {}", r.place, r.message)?;
        }
        for n in &self.notes {
            writeln!(f, "note: {n}")?;
        }
        let mut conflicts = self.conflicts.clone();
        conflicts.sort();
        for c in &conflicts {
            writeln!(f, "conflict: {c}")?;
        }
        Ok(())
    }
}

//! The per-service summary that opens a report: one row per service version
//! with at least one change, and the totals over the whole report.
//!
//! The counts are of the changes the detailed sections list (a service
//! version added is one compatible change, removed one breaking change), so a
//! reviewer can check a row against its section. The action counts come from
//! the two spec sets: for a service version added or removed, every action it
//! holds.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::{Change, Class};
use crate::spec::{ServiceVersion, SpecSet};

/// What happened to a service version as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Present on both sides, with changes.
    Changed,
    /// Only in the new specs.
    Added,
    /// Only in the old specs.
    Removed,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Changed => "changed",
            Status::Added => "added",
            Status::Removed => "removed",
        }
    }
}

/// One row of the summary: a service version and what changed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceSummary {
    /// Service, e.g. `redis`.
    pub service: String,
    /// API version, e.g. `2018-04-12`.
    pub version: String,
    /// Changed, added or removed.
    pub status: Status,
    /// Breaking changes listed for it.
    pub breaking: usize,
    /// Caution changes listed for it.
    pub caution: usize,
    /// Compatible (non-breaking, mostly additive) changes listed for it.
    pub compatible: usize,
    /// Actions in the new specs that the old ones lack.
    pub actions_added: usize,
    /// Actions in the old specs that the new ones lack.
    pub actions_removed: usize,
}

/// Sums over the whole report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Service versions present on both sides with at least one change.
    pub service_versions_changed: usize,
    /// Service versions only in the new specs.
    pub service_versions_added: usize,
    /// Service versions only in the old specs.
    pub service_versions_removed: usize,
    /// Breaking changes, the common error codes included.
    pub breaking: usize,
    /// Caution changes, the common error codes included.
    pub caution: usize,
    /// Compatible changes, the common error codes included.
    pub compatible: usize,
    /// Changes to the common error codes (counted in the classes above too).
    pub common_error_changes: usize,
    /// Actions added, over every service version.
    pub actions_added: usize,
    /// Actions removed, over every service version.
    pub actions_removed: usize,
}

/// Counts `changes` per service version (in service, version order) and in total.
pub fn summarize(
    changes: &[Change],
    old: &SpecSet,
    new: &SpecSet,
) -> (Vec<ServiceSummary>, Totals) {
    let mut by_key: BTreeMap<(&str, &str), [usize; 3]> = BTreeMap::new();
    let mut classes = [0; 3];
    let mut common = 0;
    for c in changes {
        // Breaking, caution, compatible: the order `Class` declares.
        let slot = c.class as usize;
        classes[slot] += 1;
        match c.service_version() {
            Some(key) => by_key.entry(key).or_default()[slot] += 1,
            None => common += 1,
        }
    }
    let mut totals = Totals {
        breaking: classes[Class::Breaking as usize],
        caution: classes[Class::Caution as usize],
        compatible: classes[Class::Compatible as usize],
        common_error_changes: common,
        ..Totals::default()
    };
    let rows: Vec<ServiceSummary> = by_key
        .into_iter()
        .map(|((service, version), counts)| {
            let key = (service.to_owned(), version.to_owned());
            let (o, n) = (old.services.get(&key), new.services.get(&key));
            let (actions_added, actions_removed) = action_counts(o, n);
            ServiceSummary {
                status: match (o, n) {
                    (Some(_), None) => Status::Removed,
                    (None, Some(_)) => Status::Added,
                    _ => Status::Changed,
                },
                service: key.0,
                version: key.1,
                breaking: counts[Class::Breaking as usize],
                caution: counts[Class::Caution as usize],
                compatible: counts[Class::Compatible as usize],
                actions_added,
                actions_removed,
            }
        })
        .collect();
    for r in &rows {
        *match r.status {
            Status::Changed => &mut totals.service_versions_changed,
            Status::Added => &mut totals.service_versions_added,
            Status::Removed => &mut totals.service_versions_removed,
        } += 1;
        totals.actions_added += r.actions_added;
        totals.actions_removed += r.actions_removed;
    }
    (rows, totals)
}

/// Actions only in `new`, and only in `old` (a missing side has none).
fn action_counts(old: Option<&ServiceVersion>, new: Option<&ServiceVersion>) -> (usize, usize) {
    let only = |a: Option<&ServiceVersion>, b: Option<&ServiceVersion>| {
        a.map_or(0, |a| {
            a.actions
                .keys()
                .filter(|k| b.is_none_or(|b| !b.actions.contains_key(*k)))
                .count()
        })
    };
    (only(new, old), only(old, new))
}

/// The summary table and the totals line, in Markdown.
pub fn to_markdown(rows: &[ServiceSummary], totals: &Totals) -> String {
    let mut out = String::from("## Summary\n\n");
    if !rows.is_empty() {
        out.push_str(
            "| Service | Version | Status | Breaking | Caution | Compatible | Actions added | Actions removed |\n\
             |---|---|---|--:|--:|--:|--:|--:|\n",
        );
        for r in rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                r.service,
                r.version,
                r.status.as_str(),
                r.breaking,
                r.caution,
                r.compatible,
                r.actions_added,
                r.actions_removed
            );
        }
        out.push('\n');
    }
    out.push_str(&totals_line(totals));
    out
}

/// One bold line: service versions, changes by class, actions.
fn totals_line(t: &Totals) -> String {
    let common = if t.common_error_changes == 0 {
        String::new()
    } else {
        format!(
            " ({} of them in the common error codes)",
            t.common_error_changes
        )
    };
    format!(
        "**Totals: {} service version(s) changed, {} added, {} removed; \
         {} breaking, {} caution, {} compatible{common}; \
         {} action(s) added, {} removed**\n\n",
        t.service_versions_changed,
        t.service_versions_added,
        t.service_versions_removed,
        t.breaking,
        t.caution,
        t.compatible,
        t.actions_added,
        t.actions_removed
    )
}

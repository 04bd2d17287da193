//! Semantic spec diffs for review: what changed between two spec sets, and
//! what each change does to users of the generated crate.

mod constraints;
mod flows;
mod members;
pub mod public_items;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::spec::{
    ActionSpec, Bounds, CharClass, Charset, Condition, Constraints, ErrorCode, Example, Field,
    Literal, Output, Rule, ServiceVersion, SpecSet,
};

/// How a change affects users of the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Code or requests that worked before may stop working.
    Breaking,
    /// Behaviour changes that a reviewer should look at.
    Caution,
    /// Nothing that worked before stops working.
    Compatible,
}

impl Class {
    fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Caution => "caution",
            Class::Compatible => "compatible",
        }
    }
}

/// One semantic change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// `service version`, e.g. `redis 2018-04-12`; empty for the common codes.
    pub scope: String,
    /// Action or structure the change is in, e.g. `CloneInstances`; empty for the service itself.
    pub item: String,
    /// What changed, e.g. ``parameter `VPort`: range max 65535 -> 60000``.
    pub change: String,
    /// Its class.
    pub class: Class,
    /// Why, in one line.
    pub reason: String,
}

/// What the change does to the generated code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CodeImpact {
    /// Generated files added, changed or removed (relative to `generated-sdk/`).
    pub files_changed: Vec<String>,
    /// Public items that appear.
    pub items_added: Vec<String>,
    /// Public items that disappear.
    pub items_removed: Vec<String>,
    /// Why the impact could not be computed (a side does not generate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// What was compared, for the title.
    pub title: String,
    /// Every change, grouped by scope and item.
    pub changes: Vec<Change>,
    /// What the generated code sees.
    pub code: CodeImpact,
}

impl Report {
    /// Whether any change is breaking.
    pub fn has_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.class == Class::Breaking)
    }

    /// The report as Markdown, ready to paste into a review.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# Spec diff: {}\n\n", self.title);
        let count = |c: Class| self.changes.iter().filter(|x| x.class == c).count();
        let _ = writeln!(
            out,
            "**{} breaking, {} caution, {} compatible**\n",
            count(Class::Breaking),
            count(Class::Caution),
            count(Class::Compatible)
        );
        if self.changes.is_empty() {
            out.push_str("No semantic change.\n\n");
        }
        let mut by_scope: BTreeMap<&str, BTreeMap<&str, Vec<&Change>>> = BTreeMap::new();
        for c in &self.changes {
            by_scope
                .entry(&c.scope)
                .or_default()
                .entry(&c.item)
                .or_default()
                .push(c);
        }
        for (scope, items) in by_scope {
            let _ = writeln!(
                out,
                "## {}\n",
                if scope.is_empty() {
                    "Common error codes"
                } else {
                    scope
                }
            );
            for (item, changes) in items {
                if !item.is_empty() {
                    let _ = writeln!(out, "### {item}\n");
                }
                out.push_str("| Class | Change | Reason |\n|---|---|---|\n");
                for c in changes {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} |",
                        c.class.as_str(),
                        cell(&c.change),
                        cell(&c.reason)
                    );
                }
                out.push('\n');
            }
        }
        out.push_str("## Generated code\n\n");
        if let Some(error) = &self.code.error {
            let _ = writeln!(out, "Not computed: {error}");
            return out;
        }
        if self.code.files_changed.is_empty() {
            out.push_str("No generated file changes.\n");
            return out;
        }
        let _ = writeln!(out, "Files changed ({}):\n", self.code.files_changed.len());
        for f in &self.code.files_changed {
            let _ = writeln!(out, "- `generated-sdk/{f}`");
        }
        for (label, items) in [
            ("added", &self.code.items_added),
            ("removed", &self.code.items_removed),
        ] {
            let _ = writeln!(out, "\nPublic items {label} ({}):\n", items.len());
            if items.is_empty() {
                out.push_str("- none\n");
            }
            for i in items {
                let _ = writeln!(out, "- `{i}`");
            }
        }
        out
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Compares two spec sets. `title` names what is compared.
pub fn diff(old: &SpecSet, new: &SpecSet, title: &str) -> Report {
    let mut d = Differ {
        out: Vec::new(),
        scope: String::new(),
        item: String::new(),
    };
    d.errors(
        &old.common_errors.spec.errors,
        &new.common_errors.spec.errors,
        "common error code",
    );
    let keys: BTreeSet<&(String, String)> =
        old.services.keys().chain(new.services.keys()).collect();
    for key in keys {
        d.scope = format!("{} {}", key.0, key.1);
        d.item.clear();
        match (old.services.get(key), new.services.get(key)) {
            (Some(_), None) => d.push(
                "service version removed",
                Class::Breaking,
                "its module and every type in it disappear",
            ),
            (None, Some(_)) => d.push(
                "service version added",
                Class::Compatible,
                "a new module; nothing existing changes",
            ),
            (Some(o), Some(n)) => d.service(o, n),
            (None, None) => {}
        }
    }
    let code = match (crate::generate_from(old), crate::generate_from(new)) {
        (Ok(a), Ok(b)) => public_items::impact(&a.files, &b.files),
        (Err(p), _) => CodeImpact {
            error: Some(format!("the old specs do not generate:\n{p}")),
            ..CodeImpact::default()
        },
        (_, Err(p)) => CodeImpact {
            error: Some(format!("the new specs do not generate:\n{p}")),
            ..CodeImpact::default()
        },
    };
    Report {
        title: title.to_owned(),
        changes: d.out,
        code,
    }
}

struct Differ {
    out: Vec<Change>,
    scope: String,
    item: String,
}

fn show(l: &Literal) -> String {
    l.to_string()
}

fn list(values: &[String]) -> String {
    values.join(", ")
}

impl Differ {
    fn push(&mut self, change: impl Into<String>, class: Class, reason: impl Into<String>) {
        self.out.push(Change {
            scope: self.scope.clone(),
            item: self.item.clone(),
            change: change.into(),
            class,
            reason: reason.into(),
        });
    }

    fn service(&mut self, o: &ServiceVersion, n: &ServiceVersion) {
        let (os, ns) = (&o.service.spec, &n.service.spec);
        if os.endpoints != ns.endpoints {
            self.push(
                "endpoint hosts changed",
                Class::Caution,
                "clients using the default hosts call a different address",
            );
        }
        self.waiters(&os.waiters, &ns.waiters);
        let structs: BTreeSet<&String> = o.structures.keys().chain(n.structures.keys()).collect();
        for name in structs {
            self.item = format!("structure {name}");
            match (o.structures.get(name), n.structures.get(name)) {
                (Some(_), None) => self.push(
                    "structure removed",
                    Class::Breaking,
                    "the generated type disappears",
                ),
                (None, Some(_)) => self.push(
                    "structure added",
                    Class::Compatible,
                    "a new type; nothing existing changes",
                ),
                (Some(a), Some(b)) => self.fields(&a.spec.fields, &b.spec.fields, "field"),
                (None, None) => {}
            }
        }
        let actions: BTreeSet<&String> = o.actions.keys().chain(n.actions.keys()).collect();
        for name in actions {
            self.item = name.clone();
            match (o.actions.get(name), n.actions.get(name)) {
                (Some(_), None) => self.push(
                    "action removed",
                    Class::Breaking,
                    "its method and types disappear",
                ),
                (None, Some(_)) => self.push(
                    "action added",
                    Class::Compatible,
                    "a new method and types; nothing existing changes",
                ),
                (Some(a), Some(b)) => self.action(&a.spec, &b.spec),
                (None, None) => {}
            }
        }
        self.item.clear();
    }

    fn action(&mut self, o: &ActionSpec, n: &ActionSpec) {
        self.pagination(o.pagination.as_ref(), n.pagination.as_ref());
        if o.rate_limit_per_second != n.rate_limit_per_second {
            let show = |r: Option<u32>| r.map_or_else(|| "unstated".to_owned(), |r| r.to_string());
            let (a, b) = (show(o.rate_limit_per_second), show(n.rate_limit_per_second));
            let lower = match (o.rate_limit_per_second, n.rate_limit_per_second) {
                (Some(x), Some(y)) => y < x,
                (None, Some(_)) => true,
                _ => false,
            };
            if lower {
                self.push(
                    format!("rate limit {a} -> {b} requests/s"),
                    Class::Caution,
                    "callers near the old limit will be throttled",
                );
            } else {
                self.push(
                    format!("rate limit {a} -> {b} requests/s"),
                    Class::Compatible,
                    "a higher limit",
                );
            }
        }
        if !o.regions.is_empty() && n.regions.is_empty() {
            self.push(
                "regions list removed",
                Class::Compatible,
                "the page no longer limits the regions",
            );
        }
        for r in o
            .regions
            .iter()
            .filter(|r| !n.regions.contains(r) && !n.regions.is_empty())
        {
            self.push(
                format!("region `{r}` removed"),
                Class::Breaking,
                "calls in that region are no longer supported",
            );
        }
        if o.region_required != n.region_required {
            if n.region_required {
                self.push(
                    "Region became required",
                    Class::Breaking,
                    "calls without a region are refused",
                );
            } else {
                self.push(
                    "Region became optional",
                    Class::Compatible,
                    "a loosened rule",
                );
            }
        }
        for r in n.regions.iter().filter(|r| !o.regions.contains(r)) {
            let class = if o.regions.is_empty() {
                Class::Caution
            } else {
                Class::Compatible
            };
            let reason = if o.regions.is_empty() {
                "the page now lists regions; others are unsupported"
            } else {
                "one more supported region"
            };
            self.push(format!("region `{r}` added"), class, reason);
        }
        if o.description != n.description || o.source != n.source {
            self.push(
                "description or source page changed",
                Class::Compatible,
                "documentation only",
            );
        }
        self.fields(&o.parameters, &n.parameters, "parameter");
        self.rules(&o.rules, &n.rules);
        self.outputs(&o.outputs, &n.outputs);
        self.errors(&o.errors, &n.errors, "error code");
        self.examples(&o.examples, &n.examples);
    }

    fn errors(&mut self, old: &[ErrorCode], new: &[ErrorCode], what: &str) {
        for e in old.iter().filter(|e| !new.iter().any(|f| f.code == e.code)) {
            self.push(
                format!("{what} `{}` removed", e.code),
                Class::Breaking,
                "its variant disappears; matches on it no longer compile",
            );
        }
        for e in new.iter().filter(|e| !old.iter().any(|f| f.code == e.code)) {
            self.push(
                format!("{what} `{}` added", e.code),
                Class::Compatible,
                "a new variant (error enums are non-exhaustive)",
            );
        }
        for e in old {
            if let Some(f) = new
                .iter()
                .find(|f| f.code == e.code && f.description != e.description)
            {
                self.push(
                    format!("{what} `{}`: description changed", f.code),
                    Class::Compatible,
                    "docs and Display text only",
                );
            }
        }
    }

    fn examples(&mut self, old: &[Example], new: &[Example]) {
        for e in old
            .iter()
            .filter(|e| !new.iter().any(|f| f.title == e.title))
        {
            self.push(
                format!("example \"{}\" removed", e.title),
                Class::Compatible,
                "documentation and tests only",
            );
        }
        for e in new
            .iter()
            .filter(|e| !old.iter().any(|f| f.title == e.title))
        {
            self.push(
                format!("example \"{}\" added", e.title),
                Class::Compatible,
                "documentation and tests only",
            );
        }
        for e in old {
            if let Some(f) = new.iter().find(|f| f.title == e.title && *f != e) {
                self.push(
                    format!("example \"{}\" changed", f.title),
                    Class::Compatible,
                    "documentation and tests only",
                );
            }
        }
    }
}

//! Semantic spec diffs for review: what changed between two spec sets, and
//! what each change does to users of the generated crate.
//!
//! A [`Report`] opens with a summary, one row per service version that
//! changed (`summary.rs`), then lists every change by service version and
//! item (`markdown.rs`), then the generated code's impact (`impact.rs`,
//! `public_items.rs`). Two whole surfaces (about 160 service versions each)
//! compare in under a minute on two cores (`docs/changelog-example.md`):
//! only the services that changed are generated, and only the generated
//! files that changed are read back.

mod constraints;
mod flows;
mod impact;
mod item_tokens;
mod markdown;
mod members;
pub mod public_items;
pub mod summary;

use std::collections::BTreeSet;

use serde::Serialize;

pub use summary::{ServiceSummary, Status, Totals};

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

impl Change {
    /// The service and version the change is in; `None` for the common codes.
    pub fn service_version(&self) -> Option<(&str, &str)> {
        self.scope.split_once(' ')
    }
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
    /// One row per service version with a change, in service, version order.
    pub summary: Vec<ServiceSummary>,
    /// Sums over every change.
    pub totals: Totals,
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
    let (summary, totals) = summary::summarize(&d.out, old, new);
    Report {
        title: title.to_owned(),
        summary,
        totals,
        changes: d.out,
        code: impact::code_impact(old, new),
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

    /// Examples are matched by title, and examples sharing a title by their
    /// order among those (the description repeats some titles): the second
    /// "Example" of the old side is compared with the second of the new.
    fn examples(&mut self, old: &[Example], new: &[Example]) {
        let old_n: Vec<_> = numbered(old).collect();
        let new_n: Vec<_> = numbered(new).collect();
        let find = counterpart;
        for &(_, e) in old_n.iter().filter(|x| find(&new_n, **x).is_none()) {
            self.push(
                format!("example \"{}\" removed", e.title),
                Class::Compatible,
                "documentation and tests only",
            );
        }
        for &(_, e) in new_n.iter().filter(|x| find(&old_n, **x).is_none()) {
            self.push(
                format!("example \"{}\" added", e.title),
                Class::Compatible,
                "documentation and tests only",
            );
        }
        for &x in &old_n {
            if find(&new_n, x).is_some_and(|f| f != x.1) {
                self.push(
                    format!("example \"{}\" changed", x.1.title),
                    Class::Compatible,
                    "documentation and tests only",
                );
            }
        }
    }
}

/// Each example with how many before it share its title.
fn numbered(list: &[Example]) -> impl Iterator<Item = (usize, &Example)> {
    list.iter().enumerate().map(move |(i, e)| {
        let k = list[..i].iter().filter(|x| x.title == e.title).count();
        (k, e)
    })
}

/// The example of `list` with the same title and number as `(k, e)`.
fn counterpart<'a>(
    list: &[(usize, &'a Example)],
    (k, e): (usize, &Example),
) -> Option<&'a Example> {
    list.iter()
        .find(|(j, f)| *j == k && f.title == e.title)
        .map(|(_, f)| *f)
}

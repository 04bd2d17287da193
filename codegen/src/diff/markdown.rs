//! The report as Markdown: the per-service summary and totals, the changes
//! grouped by service version and item, then the generated code's impact.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{summary, Change, CodeImpact, Report};

impl Report {
    /// The report as Markdown, ready to paste into a review.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# Spec diff: {}\n\n", self.title);
        out.push_str(&summary::to_markdown(&self.summary, &self.totals));
        if self.changes.is_empty() {
            out.push_str("No semantic change.\n\n");
        }
        changes(&self.changes, &mut out);
        code(&self.code, &mut out);
        out
    }
}

/// One section per service version (the common codes first), one table per item.
fn changes(list: &[Change], out: &mut String) {
    let mut by_scope: BTreeMap<&str, BTreeMap<&str, Vec<&Change>>> = BTreeMap::new();
    for c in list {
        by_scope
            .entry(&c.scope)
            .or_default()
            .entry(&c.item)
            .or_default()
            .push(c);
    }
    for (scope, items) in by_scope {
        let title = if scope.is_empty() {
            "Common error codes"
        } else {
            scope
        };
        let _ = writeln!(out, "## {title}\n");
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
}

/// Files changed and public items added or removed.
fn code(code: &CodeImpact, out: &mut String) {
    out.push_str("## Generated code\n\n");
    if let Some(error) = &code.error {
        let _ = writeln!(out, "Not computed: {error}");
        return;
    }
    if code.files_changed.is_empty() {
        out.push_str("No generated file changes.\n");
        return;
    }
    let _ = writeln!(out, "Files changed ({}):\n", code.files_changed.len());
    for f in &code.files_changed {
        let _ = writeln!(out, "- `generated-sdk/{f}`");
    }
    for (label, items) in [
        ("added", &code.items_added),
        ("removed", &code.items_removed),
    ] {
        let _ = writeln!(out, "\nPublic items {label} ({}):\n", items.len());
        if items.is_empty() {
            out.push_str("- none\n");
        }
        for i in items {
            let _ = writeln!(out, "- `{i}`");
        }
    }
}

/// Text safe inside a table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

//! Merging a fresh import into the checked-in spec: imported keys are
//! rewritten from the description, curated keys are kept, and a curated fact
//! the description contradicts is a [`Conflict`], never silently dropped.
//!
//! Which keys are which is the spec format's own rule (see
//! `api-spec/README.md`): a member's `type`, `format`, `array`, `required`,
//! `description`, `example`, `disabled` (and an output's `may_be_absent`,
//! `nullable`) are imported, unless the member's `curated` list names them;
//! a member's `draft` is imported (drafted from its document) but its
//! `review` is curated and kept while the document drafts the same;
//! everything else (`constraints`, `rules`, `notes`, `sensitive`, `unit`,
//! defaults, `source`, per-action `errors`, page examples) is curated, but
//! for a `sensitive` mark the member's name implies ([`secrets`]), which
//! follows the name.

use codegen::spec::{ActionSpec, Example, Field, Member, Output, ServiceSpec, StructureSpec};

use crate::secrets;

/// A curated fact the description contradicts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Conflict {
    /// Spec file, relative to the spec root.
    pub file: String,
    /// JSON path inside the file.
    pub path: String,
    /// The checked-in value.
    pub old: String,
    /// The description's value.
    pub new: String,
    /// What the contradiction is.
    pub what: String,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}: {} (checked in: {}; description: {})",
            self.file, self.path, self.what, self.old, self.new
        )
    }
}

/// Counts of what a merge kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeStats {
    /// Curated integer widths kept where the description has the other width.
    pub widths_kept: usize,
    /// Page examples the description repeats, kept once (the page's).
    pub duplicate_examples: usize,
}

/// Whether a member or output carries curated facts among the keys both
/// have: notes, deprecation, pinned keys, a curator's `sensitive` mark.
fn shared_is_curated<M: Member>(m: &M) -> bool {
    m.notes().is_some()
        || m.deprecated()
        || !m.curated().is_empty()
        || secrets::curated_mark(m.curated(), m.sensitive(), m.name(), m.ty())
}

/// Whether a field carries facts a curator wrote.
pub fn field_is_curated(f: &Field) -> bool {
    shared_is_curated(f)
        || !f.constraints.is_empty()
        || f.unit.is_some()
        || f.default.is_some()
        || f.default_description.is_some()
}

fn output_is_curated(o: &Output) -> bool {
    shared_is_curated(o)
}

/// Whether an action file holds curated work (a transcribed page, rules,
/// codes, curated members).
pub fn action_is_curated(a: &ActionSpec) -> bool {
    a.source.is_some()
        || !a.rules.is_empty()
        || !a.errors.is_empty()
        || a.rate_limit_per_second.is_some()
        || a.purchase.is_some()
        || !a.regions.is_empty()
        || a.region_required
        || !a.curated.is_empty()
        || a.examples.iter().any(|e| !e.imported)
        || a.parameters.iter().any(field_is_curated)
        || a.outputs.iter().any(output_is_curated)
}

/// Whether a structure file holds curated work.
pub fn structure_is_curated(s: &StructureSpec) -> bool {
    s.notes.is_some() || !s.curated.is_empty() || s.fields.iter().any(field_is_curated)
}

fn keeps(curated: &[String], key: &str) -> bool {
    curated.iter().any(|k| k == key)
}

/// `Integer` and `UInt64` are the same kind of value: a curated width is a
/// refinement of the description's, not a contradiction.
fn same_kind(a: &str, b: &str) -> bool {
    a == b || matches!((a, b), ("Integer", "UInt64") | ("UInt64", "Integer"))
}

fn type_text(ty: &str, array: bool) -> String {
    if array {
        format!("array of {ty}")
    } else {
        ty.to_owned()
    }
}

struct Ctx<'a> {
    file: &'a str,
    conflicts: &'a mut Vec<Conflict>,
    stats: &'a mut MergeStats,
}

impl Ctx<'_> {
    fn conflict(&mut self, path: String, old: String, new: String, what: &str) {
        self.conflicts.push(Conflict {
            file: self.file.to_owned(),
            path,
            old,
            new,
            what: what.to_owned(),
        });
    }

    /// One imported fact of a member (`key` at `path`): the checked-in value
    /// when the curator pinned it or it is unchanged, the description's when
    /// the member is not curated, and a conflict otherwise.
    #[allow(clippy::too_many_arguments)]
    fn fact<T: PartialEq + ToString>(
        &mut self,
        path: &str,
        key: &str,
        pinned: &[String],
        curated: bool,
        cur: T,
        new: T,
        what: &str,
    ) -> T {
        if keeps(pinned, key) || cur == new {
            cur
        } else if curated {
            self.conflict(
                format!("{path}.{key}"),
                cur.to_string(),
                new.to_string(),
                what,
            );
            cur
        } else {
            new
        }
    }

    /// The `(type, array)` of a member: like [`Ctx::fact`], except that a
    /// curated integer width is kept where the description has the other one.
    fn ty(
        &mut self,
        path: &str,
        pinned: &[String],
        curated: bool,
        cur: (&str, bool),
        new: (&str, bool),
    ) -> (String, bool) {
        let keep = (cur.0.to_owned(), cur.1);
        if keeps(pinned, "type") || cur == new {
            keep
        } else if curated && cur.1 == new.1 && same_kind(cur.0, new.0) {
            self.stats.widths_kept += 1;
            keep
        } else if curated {
            self.conflict(
                format!("{path}.type"),
                type_text(cur.0, cur.1),
                type_text(new.0, new.1),
                "type changed",
            );
            keep
        } else {
            (new.0.to_owned(), new.1)
        }
    }
}

const DISABLED_CHANGED: &str = "disabled changed (the generated field would appear or vanish)";

/// The imported facts a kind of member has beyond the keys every member
/// has: a request member's `required`, an output's `may_be_absent` and
/// `nullable`.
trait OwnFacts: Member {
    /// Merges them into `merged` (a copy of `cur`) from `new`.
    fn merge_own(
        cx: &mut Ctx<'_>,
        at: (&str, &[String], bool),
        cur: &Self,
        new: &Self,
        merged: &mut Self,
    );
}

impl OwnFacts for Field {
    fn merge_own(
        cx: &mut Ctx<'_>,
        (path, pins, curated): (&str, &[String], bool),
        cur: &Self,
        new: &Self,
        merged: &mut Self,
    ) {
        merged.required = cx.fact(
            path,
            "required",
            pins,
            curated,
            cur.required,
            new.required,
            "required changed",
        );
        // The draft is the document's: a review stays while it drafts the same.
        merged.draft = match (&cur.draft, &new.draft) {
            (Some(old), Some(fresh)) if old.same_draft(fresh) => Some(old.clone()),
            (_, fresh) => fresh.clone(),
        };
    }
}

impl OwnFacts for Output {
    fn merge_own(
        cx: &mut Ctx<'_>,
        (path, pins, curated): (&str, &[String], bool),
        cur: &Self,
        new: &Self,
        merged: &mut Self,
    ) {
        merged.may_be_absent = cx.fact(
            path,
            "may_be_absent",
            pins,
            curated,
            cur.may_be_absent,
            new.may_be_absent,
            "presence changed",
        );
        merged.nullable = cx.fact(
            path,
            "nullable",
            pins,
            curated,
            cur.nullable,
            new.nullable,
            "nullability changed",
        );
    }
}

/// Merges the members (request members or outputs) at `base`: each fresh
/// one takes the checked-in one's curated facts; a checked-in one that
/// `is_curated` and is gone from the description is a conflict.
fn merge_members<M: OwnFacts>(
    cx: &mut Ctx<'_>,
    base: &str,
    old: &[M],
    fresh: Vec<M>,
    is_curated: impl Fn(&M) -> bool,
) -> Vec<M> {
    let mut out: Vec<M> = Vec::with_capacity(fresh.len());
    for (i, new) in fresh.into_iter().enumerate() {
        match old.iter().find(|m| m.name() == new.name()) {
            Some(cur) => out.push(merge_member(
                cx,
                &format!("{base}[{i}]"),
                cur,
                new,
                is_curated(cur),
            )),
            None => out.push(new),
        }
    }
    for (i, cur) in old.iter().enumerate() {
        if !out.iter().any(|m| m.name() == cur.name()) && is_curated(cur) {
            cx.conflict(
                format!("{base}[{i}]"),
                format!("{} {}", M::KIND, cur.name()),
                "absent".to_owned(),
                &format!("curated {} is gone from the description", M::KIND),
            );
        }
    }
    out
}

/// One member present on both sides: imported keys from `new` unless
/// pinned, contradictions of curated facts reported.
fn merge_member<M: OwnFacts>(
    cx: &mut Ctx<'_>,
    path: &str,
    cur: &M,
    mut new: M,
    curated: bool,
) -> M {
    let pins = cur.curated().to_vec();
    let mut merged = cur.clone();
    let (ty, array) = cx.ty(
        path,
        &pins,
        curated,
        (cur.ty(), cur.array()),
        (new.ty(), new.array()),
    );
    M::merge_own(cx, (path, &pins, curated), cur, &new, &mut merged);
    let fresh = new.shared_mut();
    let m = merged.shared_mut();
    (*m.ty, *m.array) = (ty, array);
    if !keeps(&pins, "type") {
        *m.format = *fresh.format;
    }
    if !keeps(&pins, "description") {
        *m.description = std::mem::take(fresh.description);
    }
    *m.example = fresh.example.take();
    *m.disabled = cx.fact(
        path,
        "disabled",
        &pins,
        curated,
        cur.disabled(),
        *fresh.disabled,
        DISABLED_CHANGED,
    );
    if m.rust_name.is_none() {
        *m.rust_name = fresh.rust_name.take();
    }
    if !secrets::curated_mark(&pins, cur.sensitive(), cur.name(), cur.ty()) {
        let implied = secrets::implied(&merged);
        *merged.shared_mut().sensitive = implied;
    }
    merged
}

/// `service.json`: the description's hosts, signing name and product name,
/// with the curated keys of the checked-in file kept (waiters, notes, and
/// the product name when `curated` names it).
pub fn merge_service(old: ServiceSpec, fresh: ServiceSpec) -> ServiceSpec {
    let product = if old.curated.iter().any(|k| k == "product") {
        old.product
    } else {
        fresh.product
    };
    ServiceSpec {
        product,
        curated: old.curated,
        notes: old.notes,
        waiters: old.waiters,
        ..fresh
    }
}

/// Merges a fresh action into the checked-in one (`None`: a new action).
pub fn merge_action(
    file: &str,
    old: Option<&ActionSpec>,
    fresh: ActionSpec,
    conflicts: &mut Vec<Conflict>,
    stats: &mut MergeStats,
) -> ActionSpec {
    let Some(cur) = old else {
        return fresh;
    };
    let mut cx = Ctx {
        file,
        conflicts,
        stats,
    };
    let page = cur.source.is_some();
    let ruled: Vec<&str> = cur
        .rules
        .iter()
        .flat_map(|r| {
            r.parameters
                .iter()
                .map(String::as_str)
                .chain(r.when.iter().map(|w| w.parameter.as_str()))
        })
        .collect();
    let mut merged = cur.clone();
    merged.parameters = merge_members(
        &mut cx,
        "$.parameters",
        &cur.parameters,
        fresh.parameters,
        |f| page || field_is_curated(f) || ruled.contains(&f.name.as_str()),
    );
    merged.outputs = merge_members(&mut cx, "$.outputs", &cur.outputs, fresh.outputs, |o| {
        page || output_is_curated(o)
    });
    if !keeps(&cur.curated, "title") {
        merged.title = fresh.title;
    }
    if !keeps(&cur.curated, "description") {
        merged.description = fresh.description;
    }
    merged.deprecated = fresh.deprecated;
    merged.skip_sign = fresh.skip_sign;
    let mut examples: Vec<Example> = cur
        .examples
        .iter()
        .filter(|e| !e.imported)
        .cloned()
        .collect();
    for mut ex in fresh.examples {
        // A curator's reading stays while the example it reads is unchanged.
        ex.reading = cur
            .examples
            .iter()
            .find(|p| {
                p.imported
                    && p.title == ex.title
                    && p.request == ex.request
                    && p.response == ex.response
            })
            .and_then(|p| p.reading.clone());
        let repeated = examples
            .iter()
            .any(|p| !p.imported && p.request == ex.request && p.response == ex.response);
        if repeated {
            cx.stats.duplicate_examples += 1;
        } else {
            examples.push(ex);
        }
    }
    merged.examples = examples;
    merged
}

/// Merges a fresh structure into the checked-in one (`None`: a new one).
pub fn merge_structure(
    file: &str,
    old: Option<&StructureSpec>,
    fresh: StructureSpec,
    conflicts: &mut Vec<Conflict>,
    stats: &mut MergeStats,
) -> StructureSpec {
    let Some(cur) = old else {
        return fresh;
    };
    let mut cx = Ctx {
        file,
        conflicts,
        stats,
    };
    let mut merged = cur.clone();
    merged.fields = merge_members(
        &mut cx,
        "$.fields",
        &cur.fields,
        fresh.fields,
        field_is_curated,
    );
    if !keeps(&cur.curated, "description") {
        merged.description = fresh.description;
    }
    if merged.rust_name.is_none() {
        merged.rust_name = fresh.rust_name;
    }
    merged
}

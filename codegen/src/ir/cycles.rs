//! Structures that contain themselves: which fields must be boxed, and
//! which chains of structures held by value nest too deep to compile.

use std::collections::BTreeMap;

use crate::spec::{Problem, StructureSpec};

/// Which structure fields must be boxed: a structure that contains itself,
/// directly or through others, by fields that are not arrays (a `Vec`
/// already has a fixed size).
pub(super) struct Cycles<'a> {
    /// For each structure, the structures reachable through non-array fields.
    reach: BTreeMap<&'a str, std::collections::BTreeSet<&'a str>>,
}

/// Deepest chain of structures held by value (not through an array or a
/// box) that the generated types may have. Each level adds about two to
/// rustc's query depth when it lays out a future holding the request, and
/// the default limit is 128, in the user's crate as much as in this one.
pub const MAX_NESTING: usize = 40;

/// A problem for each structure that nests deeper than [`MAX_NESTING`].
pub(super) fn nesting_problems(
    sv: &crate::spec::ServiceVersion,
    structures: &BTreeMap<&str, &StructureSpec>,
    cycles: &Cycles<'_>,
    problems: &mut Vec<Problem>,
) {
    fn depth<'a>(
        name: &'a str,
        structures: &BTreeMap<&'a str, &'a StructureSpec>,
        cycles: &Cycles<'a>,
        memo: &mut BTreeMap<&'a str, usize>,
    ) -> usize {
        if let Some(d) = memo.get(name) {
            return *d;
        }
        // Edges that close a cycle are boxed, so what is left has no cycle.
        let mut deepest = 0;
        if let Some(st) = structures.get(name) {
            for f in st.fields.iter().filter(|f| !f.array && !f.disabled) {
                if let Some((child, _)) = structures.get_key_value(f.ty.as_str()) {
                    if !cycles.boxed(name, child) {
                        deepest = deepest.max(depth(child, structures, cycles, memo));
                    }
                }
            }
        }
        memo.insert(name, deepest + 1);
        deepest + 1
    }
    let mut memo = BTreeMap::new();
    for st in sv.structures.values() {
        let d = depth(st.spec.name.as_str(), structures, cycles, &mut memo);
        if d > MAX_NESTING {
            problems.push(Problem {
                file: st.file.clone(),
                path: "$.fields".into(),
                message: format!(
                    "structure {} nests {d} structures deep (at most {MAX_NESTING}): deeper types overflow rustc's query depth limit in async code that holds them",
                    st.spec.name
                ),
            });
        }
    }
}

impl<'a> Cycles<'a> {
    pub(super) fn of(structures: &BTreeMap<&'a str, &'a StructureSpec>) -> Self {
        let edges = |name: &str| -> Vec<&'a str> {
            structures
                .get(name)
                .map(|st| {
                    st.fields
                        .iter()
                        .filter(|f| !f.array && !f.disabled)
                        .filter_map(|f| structures.get_key_value(f.ty.as_str()).map(|(k, _)| *k))
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut reach = BTreeMap::new();
        for &start in structures.keys() {
            let mut seen = std::collections::BTreeSet::new();
            let mut todo = edges(start);
            while let Some(n) = todo.pop() {
                if seen.insert(n) {
                    todo.extend(edges(n));
                }
            }
            reach.insert(start, seen);
        }
        Cycles { reach }
    }

    /// Whether `owner.field: ty` (not an array) closes a cycle back to `owner`.
    pub(super) fn boxed(&self, owner: &str, ty: &str) -> bool {
        ty == owner || self.reach.get(ty).is_some_and(|r| r.contains(owner))
    }
}

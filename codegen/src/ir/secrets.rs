//! Which struct-typed fields lead to a sensitive field. A request's secrets
//! are masked in whatever a server answers, so `Validate::sensitive_values`
//! must reach a password inside a structure, at any depth and through
//! structures that contain themselves.

use std::collections::BTreeSet;

use super::{ActionIr, StructIr, TypeIr};

/// Sets `holds_secrets` on every field of a structure type that has a
/// sensitive field or leads to one.
pub(super) fn mark_nested(structs: &mut [StructIr], actions: &mut [ActionIr]) {
    let mut secretive: BTreeSet<String> = structs
        .iter()
        .filter(|s| s.has_sensitive)
        .map(|s| s.name.clone())
        .collect();
    // A structure leads to a secret when a field's structure does; repeat
    // until nothing is added (cycles end because the set only grows).
    loop {
        let before = secretive.len();
        for s in structs.iter() {
            if !secretive.contains(&s.name) && s.fields.iter().any(|f| leads(f, &secretive)) {
                secretive.insert(s.name.clone());
            }
        }
        if secretive.len() == before {
            break;
        }
    }
    let requests = actions.iter_mut().map(|a| &mut a.request);
    for s in structs.iter_mut().chain(requests) {
        for f in &mut s.fields {
            f.holds_secrets = leads(f, &secretive);
        }
    }
}

fn leads(f: &super::FieldIr, secretive: &BTreeSet<String>) -> bool {
    matches!(&f.ty, TypeIr::Struct(name) if secretive.contains(name))
}

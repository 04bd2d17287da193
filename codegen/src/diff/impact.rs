//! What a spec change does to the generated code, computed where it can
//! change.
//!
//! Generating the whole surface twice (about 10,000 actions) and reading it
//! back with syn costs far more than the semantic diff, so only the services
//! that differ are generated. That is exact because of two of the generator's
//! invariants (see `docs/architecture.md`): a service crate depends on its
//! own service versions and the common error codes alone, and the facade's
//! generated files are made of one part per service. A file that only
//! unchanged services feed is therefore the same on both sides, and so are
//! its public items. When the common error codes differ, every service's
//! error enums may change, and both sides are generated whole.
//!
//! One consequence: a service that fails to generate on both sides, but did
//! not change, no longer hides the impact of the services that did.

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::{public_items, CodeImpact};
use crate::spec::{ServiceVersion, SpecSet};

/// Generates both sides (on two threads) and compares the files.
pub(super) fn code_impact(old: &SpecSet, new: &SpecSet) -> CodeImpact {
    let (old_part, new_part) = changed_parts(old, new);
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(|| crate::generate_from(&old_part));
        let b = crate::generate_from(&new_part);
        let a = a.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        (a, b)
    });
    match (a, b) {
        (Ok(a), Ok(b)) => public_items::impact(&a.files, &b.files),
        (Err(p), _) => CodeImpact {
            error: Some(format!("the old specs do not generate:\n{p}")),
            ..CodeImpact::default()
        },
        (_, Err(p)) => CodeImpact {
            error: Some(format!("the new specs do not generate:\n{p}")),
            ..CodeImpact::default()
        },
    }
}

/// The parts of both sets whose generated code may differ: the services with
/// any version added, removed or changed, every version of each (a service
/// crate's manifest, README and `lib.rs` list its versions). Both sets whole
/// when the common error codes changed.
fn changed_parts<'a>(old: &'a SpecSet, new: &'a SpecSet) -> (Cow<'a, SpecSet>, Cow<'a, SpecSet>) {
    if old.common_errors.text != new.common_errors.text {
        return (Cow::Borrowed(old), Cow::Borrowed(new));
    }
    let changed: BTreeSet<&str> = old
        .services
        .keys()
        .chain(new.services.keys())
        .filter(|key| !same_files(old.services.get(*key), new.services.get(*key)))
        .map(|(service, _)| service.as_str())
        .collect();
    let part = |set: &SpecSet| SpecSet {
        root: set.root.clone(),
        edition: set.edition,
        common_errors: set.common_errors.clone(),
        services: set
            .services
            .iter()
            .filter(|((service, _), _)| changed.contains(service.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    };
    (Cow::Owned(part(old)), Cow::Owned(part(new)))
}

/// Whether two sides of a service version hold the same files with the same
/// text (both absent counts as the same).
fn same_files(a: Option<&ServiceVersion>, b: Option<&ServiceVersion>) -> bool {
    let (a, b) = match (a, b) {
        (None, None) => return true,
        (Some(a), Some(b)) => (a, b),
        _ => return false,
    };
    texts(a) == texts(b)
}

/// Every file of a service version, as (path, text).
fn texts(sv: &ServiceVersion) -> Vec<(&str, &str)> {
    let mut out = vec![(sv.service.file.as_str(), sv.service.text.as_str())];
    out.extend(sv.errors.iter().map(|e| (e.file.as_str(), e.text.as_str())));
    out.extend(
        sv.actions
            .values()
            .map(|x| (x.file.as_str(), x.text.as_str())),
    );
    out.extend(
        sv.structures
            .values()
            .map(|x| (x.file.as_str(), x.text.as_str())),
    );
    out
}

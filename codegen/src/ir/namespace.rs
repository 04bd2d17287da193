//! The public type names of one version module, chosen in one place.
//!
//! Every type the generator emits into a version module (structures, their
//! builders and enums, each action's marker, request, response, builder and
//! error enum, the service's error enum, the client handle) is claimed here
//! with where it comes from. A name claimed twice is a spec problem naming
//! every claimant; a name the generator picks itself (the client handle)
//! is the first candidate nothing has claimed.

use std::collections::BTreeMap;

use crate::spec::Problem;

/// The names claimed so far in one version module.
#[derive(Debug, Default)]
pub(crate) struct Namespace {
    /// Name -> every claim on it, in order: (spec file or "", what it is).
    claims: BTreeMap<String, Vec<(String, String)>>,
}

impl Namespace {
    /// Claims `name` for `what`, generated from spec file `file` (empty
    /// for a name the generator adds, such as a builder).
    pub(crate) fn claim(&mut self, name: &str, file: &str, what: impl Into<String>) {
        self.claims
            .entry(name.to_owned())
            .or_default()
            .push((file.to_owned(), what.into()));
    }

    /// Claims and returns the first of `base`, `{base}{suffix}`,
    /// `{base}{suffix}2`, ... that nothing has claimed.
    pub(crate) fn claim_free(&mut self, base: &str, suffix: &str, what: &str) -> String {
        let mut name = base.to_owned();
        let mut n = 1;
        while self.claims.contains_key(&name) {
            name = if n == 1 {
                format!("{base}{suffix}")
            } else {
                format!("{base}{suffix}{n}")
            };
            n += 1;
        }
        self.claim(&name, "", what);
        name
    }

    /// One problem per name claimed more than once, reported against the
    /// first spec file among its claimants.
    pub(crate) fn report(self, problems: &mut Vec<Problem>) {
        for (name, claims) in self.claims.into_iter().filter(|(_, c)| c.len() > 1) {
            let file = claims
                .iter()
                .find(|(f, _)| !f.is_empty())
                .map(|(f, _)| f.clone())
                .unwrap_or_default();
            let list: Vec<String> = claims
                .iter()
                .map(|(f, what)| {
                    if f.is_empty() {
                        what.clone()
                    } else {
                        format!("{f} {what}")
                    }
                })
                .collect();
            problems.push(Problem {
                file,
                path: "$".into(),
                message: format!(
                    "the Rust type name {name} would be generated more than once: {}",
                    list.join("; ")
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_claimed_twice_is_one_problem_naming_both() {
        let mut ns = Namespace::default();
        ns.claim("Thing", "a.json", "$.name");
        ns.claim("Other", "b.json", "$.name");
        ns.claim("Thing", "", "structure builder");
        let mut problems = Vec::new();
        ns.report(&mut problems);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].file, "a.json");
        assert_eq!(
            problems[0].message,
            "the Rust type name Thing would be generated more than once: a.json $.name; structure builder"
        );
    }

    #[test]
    fn a_free_name_skips_every_claimed_candidate() {
        let mut ns = Namespace::default();
        for taken in ["PgClient", "PgClientHandle"] {
            ns.claim(taken, "x.json", "$.name");
        }
        assert_eq!(
            ns.claim_free("PgClient", "Handle", "client handle"),
            "PgClientHandle2"
        );
        assert_eq!(ns.claim_free("Free", "Handle", "client handle"), "Free");
        let mut problems = Vec::new();
        ns.report(&mut problems);
        assert!(problems.is_empty(), "{problems:?}");
    }
}

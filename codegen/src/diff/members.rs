//! Diff rules for members, outputs and cross-field rules: what a removed,
//! added or changed one does to code and requests.

use super::*;
use crate::spec::Member;

/// Members (or outputs) of two versions matched by wire name: those only in
/// `old`, those only in `new`, and the pairs present in both.
type Paired<'a, M> = (Vec<&'a M>, Vec<&'a M>, Vec<(&'a M, &'a M)>);

fn pair<'a, M: Member>(old: &'a [M], new: &'a [M]) -> Paired<'a, M> {
    let find = |list: &'a [M], m: &M| list.iter().find(|x| x.name() == m.name());
    let removed = old.iter().filter(|m| find(new, m).is_none()).collect();
    let added = new.iter().filter(|m| find(old, m).is_none()).collect();
    let both = old
        .iter()
        .filter_map(|a| find(new, a).map(|b| (a, b)))
        .collect();
    (removed, added, both)
}

impl Differ {
    /// A change of the `sensitive` mark of `subject`, member or output alike.
    fn sensitive<M: Member>(&mut self, subject: &str, a: &M, b: &M) {
        if a.sensitive() != b.sensitive() {
            self.push(
                format!(
                    "{subject}: sensitive {} -> {}",
                    a.sensitive(),
                    b.sensitive()
                ),
                Class::Caution,
                "Debug output and messages change",
            );
        }
    }

    pub(super) fn fields(&mut self, old: &[Field], new: &[Field], what: &str) {
        let (removed, added, both) = pair(old, new);
        for f in removed {
            self.push(
                format!("{what} `{}` removed", f.name),
                Class::Breaking,
                "the generated field and setter disappear",
            );
        }
        for f in added {
            if f.required {
                self.push(
                    format!("{what} `{}` added, required", f.name),
                    Class::Breaking,
                    "a new required input: existing requests fail validation",
                );
            } else {
                self.push(
                    format!("{what} `{}` added, optional", f.name),
                    Class::Compatible,
                    "a new optional input",
                );
            }
        }
        for (a, b) in both {
            let name = &a.name;
            if a.ty != b.ty || a.array != b.array {
                let shape = |f: &Field| {
                    if f.array {
                        format!("array of {}", f.ty)
                    } else {
                        f.ty.clone()
                    }
                };
                self.push(
                    format!("{what} `{name}`: type {} -> {}", shape(a), shape(b)),
                    Class::Breaking,
                    "the generated field's type changes",
                );
            }
            match (a.required, b.required) {
                (false, true) => self.push(
                    format!("{what} `{name}` became required"),
                    Class::Breaking,
                    "requests without it now fail validation",
                ),
                (true, false) => self.push(
                    format!("{what} `{name}` became optional"),
                    Class::Compatible,
                    "a loosened rule",
                ),
                _ => {}
            }
            if a.default != b.default || a.default_description != b.default_description {
                let d = |f: &Field| {
                    f.default
                        .as_ref()
                        .map(show)
                        .or_else(|| f.default_description.clone())
                        .unwrap_or_else(|| "none".into())
                };
                self.push(
                    format!("{what} `{name}`: default {} -> {}", d(a), d(b)),
                    Class::Caution,
                    "requests that omit it behave differently",
                );
            }
            if a.unit != b.unit {
                self.push(
                    format!("{what} `{name}`: unit {:?} -> {:?}", a.unit, b.unit),
                    Class::Caution,
                    "the same number means a different amount",
                );
            }
            if a.description != b.description || a.notes != b.notes {
                let what_changed = if a.description != b.description {
                    "description"
                } else {
                    "notes"
                };
                self.push(
                    format!("{what} `{name}`: {what_changed} changed"),
                    Class::Compatible,
                    "documentation only",
                );
            }
            self.sensitive(&format!("{what} `{name}`"), a, b);
            self.constraints(&format!("{what} `{name}`"), &a.constraints, &b.constraints);
        }
    }

    pub(super) fn rules(&mut self, old: &[Rule], new: &[Rule]) {
        let key = |r: &Rule| {
            (
                r.kind.as_str(),
                r.parameters.clone(),
                r.when.as_ref().map(cond_text),
            )
        };
        for r in old.iter().filter(|r| !new.iter().any(|s| key(s) == key(r))) {
            self.push(
                format!("rule removed: {}", rule_text(r)),
                Class::Compatible,
                "a loosened rule",
            );
        }
        for r in new.iter().filter(|r| !old.iter().any(|s| key(s) == key(r))) {
            self.push(
                format!("rule added: {}", rule_text(r)),
                Class::Caution,
                "requests that passed may now fail validation",
            );
        }
        for r in old {
            if let Some(s) = new.iter().find(|s| key(s) == key(r)) {
                if r.constraints != s.constraints {
                    let subject = format!("rule {}", rule_text(r));
                    self.constraints(
                        &subject,
                        r.constraints.as_ref().unwrap_or(&Constraints::default()),
                        s.constraints.as_ref().unwrap_or(&Constraints::default()),
                    );
                }
            }
        }
    }

    pub(super) fn outputs(&mut self, old: &[Output], new: &[Output]) {
        let (removed, added, both) = pair(old, new);
        for o in removed {
            self.push(
                format!("output `{}` removed", o.name),
                Class::Breaking,
                "the response field disappears; code reading it no longer compiles",
            );
        }
        for o in added {
            if o.may_be_absent {
                self.push(
                    format!("output `{}` added", o.name),
                    Class::Compatible,
                    "a new optional response field",
                );
            } else {
                self.push(format!("output `{}` added", o.name), Class::Caution, "a new response field that must be present; older responses without it fail to parse");
            }
        }
        for (a, b) in both {
            if a.ty != b.ty || a.array != b.array {
                self.push(
                    format!("output `{}`: type changed", a.name),
                    Class::Breaking,
                    "the response field's type changes",
                );
            }
            if a.may_be_absent != b.may_be_absent {
                let (change, reason) = if b.may_be_absent {
                    ("may now be absent", "the field becomes an Option")
                } else {
                    ("is now always present", "the field is no longer an Option")
                };
                self.push(
                    format!("output `{}` {change}", a.name),
                    Class::Breaking,
                    reason,
                );
            }
            self.sensitive(&format!("output `{}`", a.name), a, b);
        }
    }
}

fn cond_text(c: &Condition) -> String {
    match (&c.equals, c.present) {
        (Some(v), _) => format!("{} = {}", c.parameter, show(v)),
        (None, Some(true)) => format!("{} set", c.parameter),
        (None, _) => format!("{} not set", c.parameter),
    }
}

fn rule_text(r: &Rule) -> String {
    let when = r
        .when
        .as_ref()
        .map(|c| format!(" when {}", cond_text(c)))
        .unwrap_or_default();
    format!("{} {}{when}", r.kind.as_str(), r.parameters.join(", "))
}

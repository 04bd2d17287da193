//! Diff rules for constraints: which changes let fewer requests through
//! (breaking or caution) and which let more through (compatible).

use super::*;

const TIGHT: &str = "a tightened constraint: values that passed may now fail";
const LOOSE: &str = "a loosened constraint";

impl Differ {
    pub(super) fn constraints(&mut self, subject: &str, a: &Constraints, b: &Constraints) {
        self.enum_values(subject, a, b);
        self.allowed(subject, a, b);
        self.bounds(subject, "range", a.range, b.range);
        self.bounds(subject, "length", a.length, b.length);
        self.steps(subject, a.multiple_of, b.multiple_of);
        self.string_shape(subject, a, b);
    }

    /// Enumerated values removed, added or renamed.
    fn enum_values(&mut self, subject: &str, a: &Constraints, b: &Constraints) {
        for v in a
            .enum_values
            .iter()
            .filter(|v| !b.enum_values.iter().any(|w| w.value == v.value))
        {
            self.push(
                format!("{subject}: enum value {} removed", show(&v.value)),
                Class::Breaking,
                "its variant disappears and the value is rejected",
            );
        }
        for v in b
            .enum_values
            .iter()
            .filter(|v| !a.enum_values.iter().any(|w| w.value == v.value))
        {
            self.push(
                format!("{subject}: enum value {} added", show(&v.value)),
                Class::Compatible,
                "a new variant (enums are non-exhaustive)",
            );
        }
        for v in &a.enum_values {
            if let Some(w) = b.enum_values.iter().find(|w| w.value == v.value) {
                if v.name != w.name {
                    self.push(
                        format!(
                            "{subject}: enum value {} renamed {:?} -> {:?}",
                            show(&v.value),
                            v.name,
                            w.name
                        ),
                        Class::Breaking,
                        "the variant's Rust name changes",
                    );
                }
            }
        }
    }

    /// The allowed-value set set, removed, narrowed or widened.
    fn allowed(&mut self, subject: &str, a: &Constraints, b: &Constraints) {
        let (tight, loose) = (TIGHT, LOOSE);
        let (aa, ba): (BTreeSet<&Literal>, BTreeSet<&Literal>) =
            (a.allowed.iter().collect(), b.allowed.iter().collect());
        if aa != ba {
            let removed: Vec<String> = aa.difference(&ba).map(|l| show(l)).collect();
            let added: Vec<String> = ba.difference(&aa).map(|l| show(l)).collect();
            if aa.is_empty() {
                self.push(
                    format!("{subject}: allowed values set to {}", list(&added)),
                    Class::Breaking,
                    tight,
                );
            } else if ba.is_empty() {
                self.push(
                    format!("{subject}: allowed-value set removed"),
                    Class::Compatible,
                    loose,
                );
            } else {
                if !removed.is_empty() {
                    self.push(
                        format!("{subject}: allowed values removed: {}", list(&removed)),
                        Class::Breaking,
                        tight,
                    );
                }
                if !added.is_empty() {
                    self.push(
                        format!("{subject}: allowed values added: {}", list(&added)),
                        Class::Compatible,
                        loose,
                    );
                }
            }
        }
    }

    /// A step (`multiple_of`) added, removed or changed: a new step that
    /// divides the old one lets more through.
    fn steps(&mut self, subject: &str, a: Option<i64>, b: Option<i64>) {
        let (tight, loose) = (TIGHT, LOOSE);
        match (a, b) {
            (x, y) if x == y => {}
            (None, Some(s)) => self.push(
                format!("{subject}: must be a multiple of {s}"),
                Class::Breaking,
                tight,
            ),
            (Some(s), None) => self.push(
                format!("{subject}: step {s} removed"),
                Class::Compatible,
                loose,
            ),
            (Some(x), Some(y)) if y != 0 && x % y == 0 => self.push(
                format!("{subject}: step {x} -> {y}"),
                Class::Compatible,
                loose,
            ),
            (Some(x), Some(y)) => self.push(
                format!("{subject}: step {x} -> {y}"),
                Class::Breaking,
                tight,
            ),
            _ => {}
        }
    }

    /// Character set, prefix and password rules of a string.
    fn string_shape(&mut self, subject: &str, a: &Constraints, b: &Constraints) {
        let (tight, loose) = (TIGHT, LOOSE);
        match (&a.charset, &b.charset) {
            (x, y) if x == y => {}
            (None, Some(_)) => self.push(
                format!("{subject}: character set added"),
                Class::Breaking,
                tight,
            ),
            (Some(_), None) => self.push(
                format!("{subject}: character set removed"),
                Class::Compatible,
                loose,
            ),
            (Some(x), Some(y)) if charset_within(x, y) => self.push(
                format!("{subject}: character set widened"),
                Class::Compatible,
                loose,
            ),
            (Some(_), Some(_)) => self.push(
                format!("{subject}: character set changed"),
                Class::Breaking,
                tight,
            ),
            (None, None) => {}
        }
        match (&a.prefix, &b.prefix) {
            (x, y) if x == y => {}
            (None, Some(p)) => self.push(
                format!("{subject}: must start with `{p}`"),
                Class::Breaking,
                tight,
            ),
            (Some(p), None) => self.push(
                format!("{subject}: prefix `{p}` removed"),
                Class::Compatible,
                loose,
            ),
            (Some(p), Some(q)) => self.push(
                format!("{subject}: prefix `{p}` -> `{q}`"),
                Class::Breaking,
                tight,
            ),
            (None, None) => {}
        }
        if a.password != b.password {
            if b.password.is_empty() {
                self.push(
                    format!("{subject}: password rules removed"),
                    Class::Compatible,
                    loose,
                );
            } else {
                self.push(
                    format!("{subject}: password rules changed"),
                    Class::Breaking,
                    "passwords that passed may now fail",
                );
            }
        }
    }

    fn bounds(&mut self, subject: &str, what: &str, a: Option<Bounds>, b: Option<Bounds>) {
        let a = a.unwrap_or(Bounds {
            min: None,
            max: None,
        });
        let b = b.unwrap_or(Bounds {
            min: None,
            max: None,
        });
        let end = |v: Option<i64>| v.map_or("none".to_owned(), |n| n.to_string());
        if a.min != b.min {
            let tighter = match (a.min, b.min) {
                (None, Some(_)) => true,
                (Some(x), Some(y)) => y > x,
                _ => false,
            };
            self.bound_change(
                subject,
                &format!("{what} min {} -> {}", end(a.min), end(b.min)),
                tighter,
            );
        }
        if a.max != b.max {
            let tighter = match (a.max, b.max) {
                (None, Some(_)) => true,
                (Some(x), Some(y)) => y < x,
                _ => false,
            };
            self.bound_change(
                subject,
                &format!("{what} max {} -> {}", end(a.max), end(b.max)),
                tighter,
            );
        }
    }

    fn bound_change(&mut self, subject: &str, change: &str, tighter: bool) {
        if tighter {
            self.push(
                format!("{subject}: {change}"),
                Class::Breaking,
                "a tightened constraint: values that passed may now fail",
            );
        } else {
            self.push(
                format!("{subject}: {change}"),
                Class::Compatible,
                "a loosened constraint",
            );
        }
    }
}

/// Whether every character `old` allows, `new` allows too.
fn charset_within(old: &Charset, new: &Charset) -> bool {
    let bits = |cs: &Charset| {
        cs.classes.iter().fold(0u8, |acc, c| {
            acc | match c {
                CharClass::Lowercase => 1,
                CharClass::Uppercase => 2,
                CharClass::Letters => 3,
                CharClass::Digits => 4,
                CharClass::Chinese => 8,
            }
        })
    };
    let (o, n) = (bits(old), bits(new));
    let chars_kept = old.chars.chars().all(|c| {
        new.chars.contains(c)
            || new
                .classes
                .iter()
                .any(|k| crate::spec::interpret::in_class(*k, c))
    });
    o & !n == 0 && chars_kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(classes: &[CharClass], chars: &str) -> Charset {
        Charset {
            classes: classes.to_vec(),
            chars: chars.to_owned(),
        }
    }

    #[test]
    fn charset_widening_is_judged_by_the_characters_allowed() {
        assert!(charset_within(
            &cs(&[CharClass::Lowercase], ""),
            &cs(&[CharClass::Letters], "")
        ));
        assert!(!charset_within(
            &cs(&[CharClass::Letters], ""),
            &cs(&[CharClass::Lowercase], "")
        ));
        assert!(charset_within(
            &cs(&[CharClass::Letters], "7"),
            &cs(&[CharClass::Letters, CharClass::Digits], "")
        ));
        assert!(!charset_within(
            &cs(&[CharClass::Digits], "_"),
            &cs(&[CharClass::Digits], "-")
        ));
    }
}

//! What decoding had to correct to read a value as its declared type, and
//! how strictly it reads.
//!
//! The live API sends what its own description does not say: numbers and
//! booleans as strings (`"Limit": "20"`), `""` for an absent number, a
//! required member missing or `null`. Reading such a value is a
//! *correction*. The reading mode is per thread, set for the duration of one
//! decode by a [`Reading`] guard:
//! - quiet (the default, for requests the mock or `call_json` read):
//!   corrections are made and not recorded;
//! - recording (the client decoding a response): corrections are made and
//!   recorded;
//! - strict (a client built with strict responses): a correction is an error.
//!
//! The wire path of each correction is found afterwards, only when there
//! were any: the body is read again, failing at the k-th correction, under a
//! path-tracking deserializer ([`with_paths`]). A response that needs no
//! correction costs nothing more than a check of a local counter.

use std::cell::RefCell;
use std::fmt;

use serde::de;

/// How a value was corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// Wire path of the member (`InstanceSet[0].Size`).
    pub path: String,
    /// What was read, and as what (`the string "20" read as an integer`).
    pub what: String,
}

impl fmt::Display for Correction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.what)
    }
}

/// How strictly the current thread reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Quiet,
    Record,
    Strict,
    /// Fail at the k-th correction (1-based), to learn its path.
    FailAt(usize),
}

/// A correction noted while reading: the member it belongs to when the
/// deserializer's path ends at the enclosing object (a missing member).
#[derive(Debug, Clone)]
pub(crate) struct Noted {
    pub(crate) member: Option<&'static str>,
    pub(crate) what: String,
}

struct State {
    mode: Mode,
    seen: usize,
    noted: Vec<Noted>,
}

thread_local! {
    static STATE: RefCell<State> = const {
        RefCell::new(State { mode: Mode::Quiet, seen: 0, noted: Vec::new() })
    };
}

/// Text that marks an error raised to locate a correction.
const LOCATING: &str = "\u{0}correction\u{0}";

/// Reads of the current thread in `mode` until dropped; then the previous
/// mode is back (decodes do not nest, but a guard never leaks a mode).
pub(crate) struct Reading {
    previous: Mode,
    previous_seen: usize,
    previous_noted: Vec<Noted>,
}

impl Reading {
    pub(crate) fn new(mode: Mode) -> Self {
        STATE.with(|s| {
            let mut s = s.borrow_mut();
            let previous = std::mem::replace(&mut s.mode, mode);
            Reading {
                previous,
                previous_seen: std::mem::take(&mut s.seen),
                previous_noted: std::mem::take(&mut s.noted),
            }
        })
    }

    /// The corrections noted so far.
    pub(crate) fn take_noted(&self) -> Vec<Noted> {
        STATE.with(|s| std::mem::take(&mut s.borrow_mut().noted))
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        STATE.with(|s| {
            let mut s = s.borrow_mut();
            s.mode = self.previous;
            s.seen = self.previous_seen;
            s.noted = std::mem::take(&mut self.previous_noted);
        });
    }
}

/// Notes a correction: made silently, recorded, or an error, by the mode.
pub(crate) fn note<E: de::Error>(
    member: Option<&'static str>,
    what: impl FnOnce() -> String,
) -> Result<(), E> {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        match s.mode {
            Mode::Quiet => Ok(()),
            Mode::Record => {
                s.noted.push(Noted {
                    member,
                    what: what(),
                });
                Ok(())
            }
            Mode::Strict => Err(E::custom(match member {
                Some(m) => format!("{m}: {} (strict responses)", what()),
                None => format!("{} (strict responses)", what()),
            })),
            Mode::FailAt(k) => {
                s.seen += 1;
                if s.seen == k {
                    Err(E::custom(LOCATING))
                } else {
                    Ok(())
                }
            }
        }
    })
}

/// The most corrections of one response whose paths are looked for; the
/// rest are reported by the member name alone.
const LOCATED: usize = 16;

/// The wire path of each of `noted`: `locate(k)` reads the body again
/// failing at the k-th correction, and returns the path of the failure.
pub(crate) fn with_paths(
    noted: Vec<Noted>,
    mut locate: impl FnMut() -> Option<String>,
) -> Vec<Correction> {
    noted
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let at = if i < LOCATED {
                let _reading = Reading::new(Mode::FailAt(i + 1));
                locate()
            } else {
                None
            };
            let path = match (at.filter(|p| !p.is_empty() && p != "."), n.member) {
                (Some(p), Some(m)) => format!("{p}.{m}"),
                (Some(p), None) => p,
                (None, Some(m)) => m.to_owned(),
                (None, None) => "?".to_owned(),
            };
            Correction { path, what: n.what }
        })
        .collect()
}

/// Whether an error was raised only to locate a correction.
pub(crate) fn is_locating(message: &str) -> bool {
    message.starts_with(LOCATING)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_decide_what_a_correction_does() {
        let quiet: Result<(), serde_json::Error> = note(None, || "x".into());
        assert!(quiet.is_ok());
        {
            let reading = Reading::new(Mode::Record);
            note::<serde_json::Error>(Some("A"), || "first".into()).unwrap();
            {
                let strict = Reading::new(Mode::Strict);
                let e = note::<serde_json::Error>(Some("B"), || "second".into()).unwrap_err();
                assert_eq!(e.to_string(), "B: second (strict responses)");
                assert!(strict.take_noted().is_empty());
            }
            let noted = reading.take_noted();
            assert_eq!(noted.len(), 1, "the inner guard restored the record");
            assert_eq!(noted[0].what, "first");
        }
        let after: Result<(), serde_json::Error> = note(None, || "y".into());
        assert!(after.is_ok(), "quiet again");
        {
            let _locating = Reading::new(Mode::FailAt(2));
            assert!(note::<serde_json::Error>(None, String::new).is_ok());
            let e = note::<serde_json::Error>(None, String::new).unwrap_err();
            assert!(is_locating(&e.to_string()));
        }
    }
}

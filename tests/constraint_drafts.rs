//! The constraint drafter scored against its hand-labelled development sets.
//!
//! English: `development.json` (375 request members of 12 services, every
//! member of 31 request structures, labelled before the drafter existed;
//! the rules were written against it), `development-2.json` to
//! `development-6.json` (each first scored as a held-out set, then used to
//! correct rules), and `patterns-development.json` (106 string members
//! whose documents speak of characters or formats; the pattern rules were
//! corrected with it). Chinese: `cn-development.json` (labelled before any
//! Chinese rule), `cn-development-2.json` to `cn-development-7.json` and
//! `cn-patterns-development.json`, likewise. `docs/constraints.md` gives
//! each set's first-contact scores. Each entry carries its document, so the
//! test needs no description installed. A rule change that makes a draft
//! of these sets wrong fails here: precision on the kinds a check would
//! enforce stays at least 95%, since a wrong one refuses a legitimate
//! purchase.
//!
//! `held-out-5.json`, `patterns-held-out.json`, `cn-held-out-7.json` and
//! `cn-patterns-held-out.json`, never used to change a rule, are the
//! measure, not a test: `cargo xtask constraints --score FILE` prints them,
//! and `docs/constraints.md` records them.

use importer::drafter::score::score_labels;

fn assert_precise(file: &str) {
    assert_precise_with(file, 150, 8);
}

/// A set drawn member by member (a few per service) rather than whole
/// structures: smaller, from more services.
fn assert_precise_members(file: &str) {
    assert_precise_with(file, 100, 20);
}

fn assert_precise_with(file: &str, members: usize, services: usize) {
    let path = format!("{}/fixtures/constraints/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let scores = score_labels(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    eprintln!(
        "{file}: {} members of {} services\n{}",
        scores.members,
        scores.services,
        scores.table()
    );
    assert!(
        scores.members >= members && scores.services >= services,
        "{file}: too small a set"
    );
    assert!(
        scores.enforceable.precision() >= 0.95,
        "{file}: precision {:.3} on enforceable kinds; wrong drafts:\n{}",
        scores.enforceable.precision(),
        scores.wrong.join("\n")
    );
}

#[test]
fn drafts_on_the_development_set_are_precise() {
    assert_precise("development.json");
}

#[test]
fn drafts_on_the_second_development_set_are_precise() {
    assert_precise("development-2.json");
}

#[test]
fn drafts_on_the_later_development_sets_are_precise() {
    assert_precise("development-3.json");
    assert_precise("development-4.json");
    assert_precise("development-5.json");
    assert_precise("development-6.json");
}

/// Character rules and formats (`importer/src/drafter/chars/`).
#[test]
fn drafts_on_the_pattern_development_sets_are_precise() {
    assert_precise_members("patterns-development.json");
    assert_precise_members("cn-patterns-development.json");
}

/// The Chinese site's wording (`importer/src/drafter/chinese.rs`).
#[test]
fn drafts_on_the_chinese_development_sets_are_precise() {
    assert_precise("cn-development.json");
    assert_precise("cn-development-2.json");
    assert_precise("cn-development-3.json");
    assert_precise("cn-development-4.json");
    assert_precise("cn-development-5.json");
    assert_precise("cn-development-6.json");
    assert_precise("cn-development-7.json");
}

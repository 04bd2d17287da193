//! The constraint drafter scored against a hand-labelled set.
//!
//! `tests/fixtures/constraints/labels.json`: 375 request members of 12
//! services, every member of 31 request structures, labelled by reading
//! each document before the drafter existed (the rules of labelling are in
//! `docs/constraints.md`); each entry carries its document, so the test
//! needs no description installed. Precision and recall per kind are
//! printed (`cargo test -p integration-tests --test constraint_drafts --
//! --nocapture`) and held to the targets: precision at least 95% on the
//! kinds a check would enforce, since a wrong one refuses a legitimate
//! purchase.

use importer::drafter::{draft, Draft, Kind, Subject};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Label {
    service: String,
    structure: String,
    member: String,
    #[serde(rename = "type")]
    kind: String,
    member_type: String,
    siblings: Vec<String>,
    document: String,
    allowed: Option<Vec<Value>>,
    minimum: Option<Value>,
    maximum: Option<Value>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    pattern: Option<String>,
    default: Option<Value>,
    unit: Option<String>,
    conditional: bool,
}

fn labels() -> Vec<Label> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/constraints/labels.json"
    );
    let text = std::fs::read_to_string(path).expect("labels");
    serde_json::from_str(&text).expect("labels parse")
}

fn drafted(l: &Label) -> Draft {
    let siblings: Vec<&str> = l.siblings.iter().map(String::as_str).collect();
    draft(&Subject {
        name: &l.member,
        document: &l.document,
        kind: Kind::of(&l.kind, &l.member_type),
        list: l.kind == "list",
        siblings: &siblings,
    })
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

fn same_set(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| same_value(x, y)))
}

/// Units compare without case or a plural `s` (`seconds` is `second`).
fn same_unit(a: &str, b: &str) -> bool {
    let norm = |u: &str| {
        u.trim()
            .to_ascii_lowercase()
            .trim_end_matches('s')
            .to_owned()
    };
    norm(a) == norm(b)
}

/// Counts of one kind: drafted, labelled, and drafted equal to the label.
#[derive(Default, Clone, Copy)]
struct Score {
    drafted: usize,
    labelled: usize,
    correct: usize,
}

impl Score {
    fn add<T>(
        &mut self,
        draft: Option<T>,
        label: Option<T>,
        same: impl Fn(&T, &T) -> bool,
    ) -> bool {
        self.drafted += usize::from(draft.is_some());
        self.labelled += usize::from(label.is_some());
        match (&draft, &label) {
            (Some(d), Some(l)) if same(d, l) => {
                self.correct += 1;
                false
            }
            (Some(_), _) => true,
            _ => false,
        }
    }
    fn precision(&self) -> f64 {
        ratio(self.correct, self.drafted)
    }
    fn recall(&self) -> f64 {
        ratio(self.correct, self.labelled)
    }
    fn plus(self, o: Score) -> Score {
        Score {
            drafted: self.drafted + o.drafted,
            labelled: self.labelled + o.labelled,
            correct: self.correct + o.correct,
        }
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        1.0
    } else {
        n as f64 / d as f64
    }
}

const KINDS: [&str; 9] = [
    "allowed",
    "minimum",
    "maximum",
    "min_length",
    "max_length",
    "pattern",
    "default",
    "unit",
    "conditional",
];
/// The kinds a reviewed draft becomes a check for.
const ENFORCEABLE: [&str; 6] = [
    "allowed",
    "minimum",
    "maximum",
    "min_length",
    "max_length",
    "pattern",
];

#[test]
fn drafts_meet_the_precision_and_recall_targets_on_the_labelled_set() {
    let labels = labels();
    assert!(labels.len() >= 150, "{}", labels.len());
    let services: std::collections::BTreeSet<&str> =
        labels.iter().map(|l| l.service.as_str()).collect();
    assert!(services.len() >= 8, "{services:?}");
    let mut scores = [Score::default(); 9];
    let mut wrong = Vec::new();
    for l in &labels {
        let d = drafted(l);
        let at = format!("{} {}.{}", l.service, l.structure, l.member);
        let mut miss = |kind: &str, bad: bool| {
            if bad {
                wrong.push(format!("{at}: {kind}"));
            }
        };
        // A boolean's two values are its type: nothing to draft or score.
        let boolean = l.kind == "bool";
        miss(
            "allowed",
            scores[0].add(
                d.allowed.as_deref().filter(|_| !boolean),
                l.allowed.as_deref().filter(|_| !boolean),
                |a, b| same_set(a, b),
            ),
        );
        miss(
            "minimum",
            scores[1].add(d.minimum.as_ref(), l.minimum.as_ref(), |a, b| {
                same_value(a, b)
            }),
        );
        miss(
            "maximum",
            scores[2].add(d.maximum.as_ref(), l.maximum.as_ref(), |a, b| {
                same_value(a, b)
            }),
        );
        miss(
            "min_length",
            scores[3].add(d.min_length, l.min_length, |a, b| a == b),
        );
        miss(
            "max_length",
            scores[4].add(d.max_length, l.max_length, |a, b| a == b),
        );
        miss(
            "pattern",
            scores[5].add(d.pattern.as_ref(), l.pattern.as_ref(), |a, b| a == b),
        );
        miss(
            "default",
            scores[6].add(d.default.as_ref(), l.default.as_ref(), |a, b| {
                same_value(a, b)
            }),
        );
        miss(
            "unit",
            scores[7].add(d.unit.as_deref(), l.unit.as_deref(), |a, b| same_unit(a, b)),
        );
        miss(
            "conditional",
            scores[8].add(
                d.conditional.then_some(()),
                l.conditional.then_some(()),
                |_, _| true,
            ),
        );
    }
    eprintln!("| kind | drafted | labelled | correct | precision | recall |");
    eprintln!("|---|---|---|---|---|---|");
    for (kind, s) in KINDS.iter().zip(&scores) {
        eprintln!(
            "| {kind} | {} | {} | {} | {:.1}% | {:.1}% |",
            s.drafted,
            s.labelled,
            s.correct,
            100.0 * s.precision(),
            100.0 * s.recall()
        );
    }
    let enforceable = KINDS
        .iter()
        .zip(&scores)
        .filter(|(k, _)| ENFORCEABLE.contains(k))
        .fold(Score::default(), |acc, (_, s)| acc.plus(*s));
    eprintln!(
        "| enforceable kinds together | {} | {} | {} | {:.1}% | {:.1}% |",
        enforceable.drafted,
        enforceable.labelled,
        enforceable.correct,
        100.0 * enforceable.precision(),
        100.0 * enforceable.recall()
    );
    eprintln!("wrong drafts:\n{}", wrong.join("\n"));
    assert!(
        enforceable.precision() >= 0.95,
        "precision {:.3} on enforceable kinds; wrong drafts:\n{}",
        enforceable.precision(),
        wrong.join("\n")
    );
}

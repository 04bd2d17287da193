//! Drafts scored against a hand-labelled set (`tests/fixtures/constraints/`,
//! the rules of labelling in `docs/constraints.md`): per kind, how many
//! members have a draft, a label, and a draft equal to the label.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::Deserialize;
use serde_json::Value;

use super::{draft, Draft, Kind, Subject};

/// One labelled member, as the label files hold it.
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

/// Patterns compare as parsed expressions: `[a-zA-Z]` is `[A-Za-z]`, an
/// escaped `\.` in a class is `.`. One that does not parse equals nothing.
fn same_pattern(a: &str, b: &str) -> bool {
    let parse = |p: &str| regex_syntax::Parser::new().parse(&uncaptured(p)).ok();
    match (parse(a), parse(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// Groups made non-capturing: `(x)?` and `(?:x)?` are one expression.
fn uncaptured(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let (mut escaped, mut in_class) = (false, false);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class && chars.peek() != Some(&'?') => out.push_str("?:"),
            _ => {}
        }
    }
    out
}

/// Counts of one kind: drafted, labelled, and drafted equal to the label.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    /// Members with a draft of the kind.
    pub drafted: usize,
    /// Members with a label of the kind.
    pub labelled: usize,
    /// Members whose draft equals their label.
    pub correct: usize,
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
    /// Correct / drafted (1 when nothing was drafted).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.drafted)
    }
    /// Correct / labelled (1 when nothing was labelled).
    pub fn recall(&self) -> f64 {
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

/// The kinds scored, in table order.
pub const KINDS: [&str; 9] = [
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
/// The kinds a reviewed draft becomes a check for: the first six.
pub const ENFORCEABLE: &[&str] = KINDS.split_at(6).0;

/// The scores of one labelled set.
#[derive(Debug, Clone)]
pub struct Scores {
    /// Members labelled.
    pub members: usize,
    /// Services they come from.
    pub services: usize,
    /// Per kind, in [`KINDS`] order.
    pub kinds: [Score; 9],
    /// The [`ENFORCEABLE`] kinds together.
    pub enforceable: Score,
    /// `service Structure.Member: kind` of each wrong draft.
    pub wrong: Vec<String>,
}

impl Scores {
    /// The Markdown table of the scores.
    pub fn table(&self) -> String {
        let mut out = String::from(
            "| kind | drafted | labelled | correct | precision | recall |\n|---|---|---|---|---|---|\n",
        );
        let rows = KINDS
            .iter()
            .zip(&self.kinds)
            .map(|(k, s)| (*k, *s))
            .chain([("enforceable kinds together", self.enforceable)]);
        for (kind, s) in rows {
            let _ = writeln!(
                out,
                "| {kind} | {} | {} | {} | {:.1}% | {:.1}% |",
                s.drafted,
                s.labelled,
                s.correct,
                100.0 * s.precision(),
                100.0 * s.recall()
            );
        }
        out
    }
}

/// Scores the drafter against a label file's text (a JSON array of labelled
/// members, each with its document).
pub fn score_labels(text: &str) -> Result<Scores, String> {
    let labels: Vec<Label> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let services: BTreeSet<&str> = labels.iter().map(|l| l.service.as_str()).collect();
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
            scores[5].add(d.pattern.as_deref(), l.pattern.as_deref(), |a, b| {
                same_pattern(a, b)
            }),
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
    let enforceable = KINDS
        .iter()
        .zip(&scores)
        .filter(|(k, _)| ENFORCEABLE.contains(k))
        .fold(Score::default(), |acc, (_, s)| acc.plus(*s));
    Ok(Scores {
        members: labels.len(),
        services: services.len(),
        kinds: scores,
        enforceable,
        wrong,
    })
}

//! Constraints drafted from a member's document.
//!
//! The official description types members, but the rules users break live
//! in prose: "Valid values: `0` (...), `1` (...)", "Value range: 1-100",
//! "up to 60 characters", "Default value: 0", "Unit: GB". [`draft`] reads
//! one document (HTML and Markdown, as the description writes it) and drafts
//! what the text states, each with the sentence it came from. It is
//! deliberately conservative: a wrong constraint refuses a legitimate
//! request, so only wording that states a rule outright is read, and a rule
//! that depends on another member is flagged `conditional`.
//!
//! Documents of the Chinese-site edition are read by their own rules
//! ([`chinese`]: "取值范围：1-100", "长度不超过64个字符", "默认值为0").
//!
//! A draft is a proposal for a reviewer, never a check: see
//! `docs/constraints.md` for how drafts are scored and reviewed.

mod bounds;
mod chars;
mod chinese;
mod folder;
pub mod score;
#[cfg(test)]
mod tests;
mod text;
mod values;

pub use folder::{drafts_in, drafts_of, MemberDraft};

use serde::Serialize;
use serde_json::Value;

/// The JSON type of a member's values, as the drafter reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `int` (any width).
    Integer,
    /// `float`.
    Float,
    /// `string` (and dates written as strings).
    String,
    /// `bool`.
    Boolean,
    /// A structure: nothing is drafted.
    Object,
}

impl Kind {
    /// From the description's `type` and `member` (`list` of `int` is an
    /// integer list).
    pub fn of(kind: &str, member: &str) -> Self {
        let scalar = if kind == "list" { member } else { kind };
        match scalar {
            "int" | "int64" | "uint64" | "int32" | "uint32" | "integer" => Kind::Integer,
            "float" | "double" => Kind::Float,
            "bool" | "boolean" => Kind::Boolean,
            "string" | "datetime" | "datetime_iso" | "date" | "binary" => Kind::String,
            _ => Kind::Object,
        }
    }
}

/// What one member's document states.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Draft {
    /// The complete set of valid values.
    pub allowed: Option<Vec<Value>>,
    /// Smallest valid value.
    pub minimum: Option<Value>,
    /// Largest valid value.
    pub maximum: Option<Value>,
    /// Fewest characters of a string.
    pub min_length: Option<u64>,
    /// Most characters of a string.
    pub max_length: Option<u64>,
    /// The characters allowed, as a regular expression (`^[A-Za-z0-9_-]*$`).
    pub pattern: Option<String>,
    /// The same rule as the spec enforces it: the characters allowed
    /// anywhere (a rule on the first or last character is in `pattern`
    /// only).
    #[serde(skip)]
    pub charset: Option<codegen::spec::Charset>,
    /// The documented default.
    pub default: Option<Value>,
    /// Unit of the value (`MB`, `second`).
    pub unit: Option<String>,
    /// Some rule of the document depends on another member.
    pub conditional: bool,
    /// The sentences the draft came from, in document order.
    pub evidence: Vec<String>,
}

impl Draft {
    /// Whether anything was drafted (a conditional flag alone is not a draft).
    pub fn is_empty(&self) -> bool {
        self.allowed.is_none()
            && self.minimum.is_none()
            && self.maximum.is_none()
            && self.min_length.is_none()
            && self.max_length.is_none()
            && self.pattern.is_none()
            && self.default.is_none()
            && self.unit.is_none()
    }
}

/// One member to draft: its document, its value kind, whether it is a list,
/// and the names of the other members of its structure (a rule naming one
/// of them is conditional).
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// The member's wire name.
    pub name: &'a str,
    /// The document, HTML and Markdown as written.
    pub document: &'a str,
    /// What its values are.
    pub kind: Kind,
    /// A list of such values (bounds and lengths are then not drafted:
    /// the text may speak of the list's size).
    pub list: bool,
    /// The other members of the structure.
    pub siblings: &'a [&'a str],
}

/// Drafts what `subject`'s document states.
pub fn draft(subject: &Subject<'_>) -> Draft {
    let mut out = Draft::default();
    if subject.kind == Kind::Object {
        return out;
    }
    let doc = text::Doc::new(subject.document);
    // A string holding JSON documents its keys, not itself.
    let structured = subject.kind == Kind::String
        && ["JSON", "{\"", "{&quot;"]
            .iter()
            .any(|m| subject.document.contains(m));
    if !structured {
        values::allowed(&doc, subject, &mut out);
        if doc.chinese {
            chinese::unit(&doc, &mut out);
            chinese::bounds(&doc, subject, &mut out);
            chinese::lengths(&doc, subject, &mut out);
            chinese::default(&doc, subject, &mut out);
            chinese::others_include_default(&doc, &mut out);
        } else {
            // The unit first: a bound written in another unit is not drafted.
            bounds::unit(&doc, &mut out);
            bounds::bounds(&doc, subject, &mut out);
            bounds::lengths(&doc, subject, &mut out);
            bounds::default(&doc, subject, &mut out);
        }
        chars::charset(&doc, subject, &mut out);
    }
    if doc.chinese {
        chinese::conditional(&doc, subject, &mut out);
    } else {
        bounds::conditional(&doc, subject, &mut out);
    }
    out.evidence.sort_by_key(|e| doc.position(e));
    out.evidence.dedup();
    out
}

/// A description member's draft in the spec's form, when anything is
/// drafted (float bounds and defaults, which the spec's integer bounds and
/// literals cannot hold, are left out).
pub fn spec_draft(
    member: &crate::description::Member,
    siblings: &[&str],
) -> Option<codegen::spec::DraftSpec> {
    use codegen::spec::{Bounds, DraftSpec, Literal};
    let d = draft(&Subject {
        name: &member.name,
        document: &member.document,
        kind: Kind::of(&member.kind, &member.member),
        list: member.kind == "list",
        siblings,
    });
    let literal = |v: &Value| match v {
        Value::Bool(b) => Some(Literal::Bool(*b)),
        Value::String(s) => Some(Literal::Str(s.clone())),
        Value::Number(n) => n
            .as_i64()
            .map(Literal::Int)
            .or_else(|| n.as_u64().map(Literal::UInt)),
        _ => None,
    };
    let int = |v: &Option<Value>| v.as_ref().and_then(Value::as_i64);
    let bounds = |min: Option<i64>, max: Option<i64>| {
        (min.is_some() || max.is_some()).then_some(Bounds { min, max })
    };
    let to_i64 = |n: Option<u64>| n.and_then(|n| i64::try_from(n).ok());
    let allowed: Option<Vec<Literal>> = d
        .allowed
        .as_ref()
        .and_then(|values| values.iter().map(literal).collect());
    let spec = DraftSpec {
        allowed: allowed.unwrap_or_default(),
        range: bounds(int(&d.minimum), int(&d.maximum)),
        length: bounds(to_i64(d.min_length), to_i64(d.max_length)),
        pattern: d.pattern.clone(),
        charset: d.charset.clone(),
        default: d.default.as_ref().and_then(literal),
        unit: d.unit.clone(),
        conditional: d.conditional,
        evidence: d.evidence.join(" | "),
        review: None,
    };
    let drafted = spec.constrains()
        || spec.pattern.is_some()
        || spec.default.is_some()
        || spec.unit.is_some();
    drafted.then_some(spec)
}

//! Local validation: what generated validators report and the small checks
//! they call.
//!
//! Generated code walks a request field by field and calls [`Collector`]'s
//! methods; each failed check becomes a [`Violation`] carrying the wire path
//! (`DBNodeSet[1].Role`), the kind of rule and a message. Paths are built
//! lazily ([`Path`] lives on the stack), so a valid request allocates nothing.

use std::fmt;

/// Implemented by every generated request and structure: checks everything
/// the spec states and lists every violation.
pub trait Validate {
    /// Checks the value; `Err` lists every violated constraint.
    fn validate(&self) -> Result<(), ValidationErrors>;

    /// Appends the values of sensitive fields (passwords), which the client
    /// masks in any text a server sends back, in case it echoes them.
    /// Default: none.
    fn sensitive_values<'a>(&'a self, out: &mut Vec<&'a str>) {
        let _ = out;
    }
}

/// The kind of rule a violation broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RuleKind {
    /// A required parameter is missing.
    Required,
    /// A value is not one of the enumerated values.
    Enum,
    /// A value is not in the allowed set.
    Allowed,
    /// A number is outside its range.
    Range,
    /// A number is not a multiple of its step.
    MultipleOf,
    /// A string is too short or too long.
    Length,
    /// A string contains a character outside its character set.
    Charset,
    /// A string does not start with its required prefix.
    Prefix,
    /// A password does not meet the password rules.
    Password,
    /// Not exactly one of a group of parameters is set.
    ExactlyOneOf,
    /// A parameter required under a condition is missing.
    RequiredIf,
}

impl RuleKind {
    /// The rule's name as the spec writes it (`multiple_of`, `exactly_one_of`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Required => "required",
            RuleKind::Enum => "enum",
            RuleKind::Allowed => "allowed",
            RuleKind::Range => "range",
            RuleKind::MultipleOf => "multiple_of",
            RuleKind::Length => "length",
            RuleKind::Charset => "charset",
            RuleKind::Prefix => "prefix",
            RuleKind::Password => "password",
            RuleKind::ExactlyOneOf => "exactly_one_of",
            RuleKind::RequiredIf => "required_if",
        }
    }
}

impl fmt::Display for RuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One violated constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    path: String,
    rule: RuleKind,
    message: String,
}

impl Violation {
    /// Wire path of the offending value, e.g. `DBNodeSet[1].Role`.
    pub fn path(&self) -> &str {
        &self.path
    }
    /// The kind of rule broken.
    pub fn rule(&self) -> RuleKind {
        self.rule
    }
    /// What is wrong, without the path (`15 is not a multiple of 10`).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every violated constraint of one value, in field order. Displays one
/// violation per line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
}

impl ValidationErrors {
    /// The violations.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
    /// Iterates over the violations.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.violations.iter()
    }
    /// Number of violations.
    pub fn len(&self) -> usize {
        self.violations.len()
    }
    /// True when there is none (never the case for a returned error).
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

impl IntoIterator for ValidationErrors {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.violations.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.violations.iter()
    }
}

/// A wire path under construction, kept on the stack until a violation needs it.
#[derive(Debug, Clone, Copy)]
#[doc(hidden)]
pub enum Path<'a> {
    /// The request itself.
    Root,
    /// A named field of the value at the inner path.
    Field(&'a Path<'a>, &'static str),
    /// An element of the array at the inner path.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The path of a field below this one.
    pub fn field(&'a self, name: &'static str) -> Path<'a> {
        Path::Field(self, name)
    }
    /// The path of an array element below this one.
    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Field(Path::Root, name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// Character classes, as bits, for [`Charset`] and [`PasswordRule`].
#[doc(hidden)]
pub mod class {
    /// ASCII `a-z`.
    pub const LOWERCASE: u8 = 1;
    /// ASCII `A-Z`.
    pub const UPPERCASE: u8 = 2;
    /// ASCII letters.
    pub const LETTERS: u8 = LOWERCASE | UPPERCASE;
    /// ASCII `0-9`.
    pub const DIGITS: u8 = 4;
    /// Chinese characters (CJK Unified Ideographs and Extension A).
    pub const CHINESE: u8 = 8;

    /// Whether `ch` is in any class of `classes`.
    pub fn contains(classes: u8, ch: char) -> bool {
        (classes & LOWERCASE != 0 && ch.is_ascii_lowercase())
            || (classes & UPPERCASE != 0 && ch.is_ascii_uppercase())
            || (classes & DIGITS != 0 && ch.is_ascii_digit())
            || (classes & CHINESE != 0
                && matches!(ch, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}'))
    }
}

/// The characters a string may contain.
#[derive(Debug, Clone, Copy)]
#[doc(hidden)]
pub struct Charset {
    /// Character classes ([`class`] bits).
    pub classes: u8,
    /// Further single characters.
    pub chars: &'static str,
    /// How the set reads in a message (`letters, digits, "-_"`).
    pub summary: &'static str,
}

impl Charset {
    /// The first character not in the set.
    fn first_outside(&self, s: &str) -> Option<char> {
        s.chars()
            .find(|&c| !(class::contains(self.classes, c) || self.chars.contains(c)))
    }
}

/// One variant of password rules; a password must meet at least one.
#[derive(Debug, Clone, Copy)]
#[doc(hidden)]
pub struct PasswordRule {
    /// Least length, in characters.
    pub min_len: usize,
    /// Greatest length, in characters.
    pub max_len: usize,
    /// Allowed classes ([`class`] bits).
    pub classes: u8,
    /// Allowed special characters.
    pub specials: &'static str,
    /// Least number of kinds present (lowercase, uppercase, digits, specials); 0 for none.
    pub min_kinds: u8,
    /// Characters the password may not start with.
    pub not_first: &'static str,
}

impl PasswordRule {
    /// Whether `s` meets this variant.
    pub fn accepts(&self, s: &str) -> bool {
        let len = s.chars().count();
        if len < self.min_len || len > self.max_len {
            return false;
        }
        if s.chars().next().is_some_and(|c| self.not_first.contains(c)) {
            return false;
        }
        let mut kinds = [false; 4];
        for c in s.chars() {
            let special = self.specials.contains(c);
            if !(special || class::contains(self.classes, c)) {
                return false;
            }
            kinds[0] |= c.is_ascii_lowercase();
            kinds[1] |= c.is_ascii_uppercase();
            kinds[2] |= c.is_ascii_digit();
            kinds[3] |= special;
        }
        kinds.iter().filter(|k| **k).count() >= usize::from(self.min_kinds)
    }
}

/// Shows a string value in a message, or hides it when it is a secret.
fn shown(value: &str, sensitive: bool) -> String {
    if sensitive {
        "the value".to_owned()
    } else {
        format!("{value:?}")
    }
}

/// Collects violations while generated code walks a value.
///
/// `when` arguments carry a rule's condition (`when InstanceChargeType is
/// "POSTPAID_BY_HOUR"`) for constraints that hold only under it.
#[derive(Debug, Default)]
#[doc(hidden)]
pub struct Collector {
    violations: Vec<Violation>,
}

impl Collector {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// `Ok` when nothing was collected, else every violation.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors {
                violations: self.violations,
            })
        }
    }

    fn push(&mut self, path: &Path<'_>, rule: RuleKind, message: String, when: Option<&str>) {
        let message = match when {
            Some(cond) => format!("{message} {cond}"),
            None => message,
        };
        self.violations.push(Violation {
            path: path.to_string(),
            rule,
            message,
        });
    }

    /// A required field is missing.
    pub fn missing(&mut self, path: &Path<'_>) {
        self.push(path, RuleKind::Required, "is required".to_owned(), None);
    }

    /// A field required under a condition is missing.
    pub fn missing_if(&mut self, path: &Path<'_>, when: &str) {
        self.push(
            path,
            RuleKind::RequiredIf,
            "is required".to_owned(),
            Some(when),
        );
    }

    /// A value outside an enumeration; `expected` lists the known values.
    pub fn unknown_enum(&mut self, path: &Path<'_>, value: &dyn fmt::Debug, expected: &str) {
        self.push(
            path,
            RuleKind::Enum,
            format!("{value:?} is not one of {expected}"),
            None,
        );
    }

    /// Checks an integer against an allowed set.
    pub fn allowed_int(
        &mut self,
        path: &Path<'_>,
        value: i64,
        allowed: &[i64],
        when: Option<&str>,
    ) {
        if !allowed.contains(&value) {
            let list = allowed
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            self.push(
                path,
                RuleKind::Allowed,
                format!("{value} is not allowed (allowed: {list})"),
                when,
            );
        }
    }

    /// Checks a string against an allowed set.
    pub fn allowed_str(
        &mut self,
        path: &Path<'_>,
        value: &str,
        allowed: &[&str],
        sensitive: bool,
        when: Option<&str>,
    ) {
        if !allowed.contains(&value) {
            let list = allowed
                .iter()
                .map(|a| format!("{a:?}"))
                .collect::<Vec<_>>()
                .join(", ");
            self.push(
                path,
                RuleKind::Allowed,
                format!(
                    "{} is not allowed (allowed: {list})",
                    shown(value, sensitive)
                ),
                when,
            );
        }
    }

    /// Checks an integer against an inclusive range.
    pub fn range(
        &mut self,
        path: &Path<'_>,
        value: i64,
        min: Option<i64>,
        max: Option<i64>,
        when: Option<&str>,
    ) {
        let message = match (min, max) {
            (Some(lo), Some(hi)) if value < lo || value > hi => {
                format!("{value} is not between {lo} and {hi}")
            }
            (Some(lo), None) if value < lo => format!("{value} is less than the minimum {lo}"),
            (None, Some(hi)) if value > hi => format!("{value} is greater than the maximum {hi}"),
            _ => return,
        };
        self.push(path, RuleKind::Range, message, when);
    }

    /// Checks that an integer is a multiple of `step`.
    pub fn multiple_of(&mut self, path: &Path<'_>, value: i64, step: i64, when: Option<&str>) {
        if step != 0 && value % step != 0 {
            self.push(
                path,
                RuleKind::MultipleOf,
                format!("{value} is not a multiple of {step}"),
                when,
            );
        }
    }

    /// Checks a string's length in characters against an inclusive range.
    pub fn length(
        &mut self,
        path: &Path<'_>,
        value: &str,
        min: Option<usize>,
        max: Option<usize>,
        when: Option<&str>,
    ) {
        let len = value.chars().count();
        let message = match (min, max) {
            (Some(lo), Some(hi)) if len < lo || len > hi => {
                format!("is {len} characters long, but must be {lo} to {hi}")
            }
            (Some(lo), None) if len < lo => {
                format!("is {len} characters long, but must be at least {lo}")
            }
            (None, Some(hi)) if len > hi => {
                format!("is {len} characters long, but must be at most {hi}")
            }
            _ => return,
        };
        self.push(path, RuleKind::Length, message, when);
    }

    /// Checks a string's characters.
    pub fn charset(
        &mut self,
        path: &Path<'_>,
        value: &str,
        set: &Charset,
        sensitive: bool,
        when: Option<&str>,
    ) {
        if let Some(bad) = set.first_outside(value) {
            let message = if sensitive {
                format!(
                    "contains a character that is not allowed (allowed: {})",
                    set.summary
                )
            } else {
                format!(
                    "contains {bad:?}, which is not allowed (allowed: {})",
                    set.summary
                )
            };
            self.push(path, RuleKind::Charset, message, when);
        }
    }

    /// Checks a string's prefix.
    pub fn prefix(
        &mut self,
        path: &Path<'_>,
        value: &str,
        prefix: &str,
        sensitive: bool,
        when: Option<&str>,
    ) {
        if !value.starts_with(prefix) {
            self.push(
                path,
                RuleKind::Prefix,
                format!("{} does not start with {prefix:?}", shown(value, sensitive)),
                when,
            );
        }
    }

    /// Checks a password against its rule variants; never shows the value.
    pub fn password(
        &mut self,
        path: &Path<'_>,
        value: &str,
        rules: &[PasswordRule],
        summary: &str,
        when: Option<&str>,
    ) {
        if !rules.iter().any(|r| r.accepts(value)) {
            self.push(
                path,
                RuleKind::Password,
                format!("does not meet the password rules ({summary})"),
                when,
            );
        }
    }

    /// Checks that exactly one of a group is set; reported at the group's first member.
    pub fn exactly_one_of(&mut self, path: &Path<'_>, set: usize, names: &str) {
        if set != 1 {
            let found = if set == 0 {
                "none is".to_owned()
            } else {
                format!("{set} are")
            };
            self.push(
                path,
                RuleKind::ExactlyOneOf,
                format!("exactly one of {names} must be set, but {found}"),
                None,
            );
        }
    }
}

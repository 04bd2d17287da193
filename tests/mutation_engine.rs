//! The spec-driven mutation engine, shared by `mutations.rs` (the real specs,
//! against `tencentcloud-sdk`) and the feature-fixture crate that
//! `codegen_snapshots.rs` compiles (the synthetic specs, against their own
//! generated code).
//!
//! For every constraint and rule of an action it breaks a valid request in
//! exactly that way, then checks that the generated validator reports the
//! break at the right wire path with the right rule kind, and that it reports
//! exactly what the spec's reference validator reports.

use std::collections::BTreeMap;

use codegen::spec::{ActionSpec, Constraints, Field, Literal, RuleKind, StructureSpec};
use serde_json::{json, Value};

/// A generated validator, type-erased: the sorted `(path, rule)` pairs it
/// reports for a request body.
pub type Validator<'a> = &'a dyn Fn(&Value) -> Vec<(String, String)>;

fn lit(l: &Literal) -> Value {
    match l {
        Literal::Bool(b) => json!(b),
        Literal::Int(i) => json!(i),
        Literal::UInt(i) => json!(i),
        Literal::Str(s) => json!(s),
    }
}

/// Values that break each constraint kind of `c` for a value of type `ty`,
/// as `(rule, value)`.
fn breakers(ty: &str, c: &Constraints) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    if !c.enum_values.is_empty() {
        out.push((
            "enum",
            if ty == "Integer" {
                json!(987_654)
            } else {
                json!("NO_SUCH_VALUE")
            },
        ));
    }
    if !c.allowed.is_empty() {
        let max = c
            .allowed
            .iter()
            .filter_map(|l| {
                if let Literal::Int(i) = l {
                    Some(*i)
                } else {
                    None
                }
            })
            .max();
        out.push((
            "allowed",
            max.map_or(json!("NOT_ALLOWED"), |m| json!(m + 1)),
        ));
    }
    if let Some(r) = &c.range {
        // A UInt64 cannot hold a value below 0: that bound is the type's.
        if let Some(min) = r.min.filter(|m| ty != "UInt64" || *m > 0) {
            out.push(("range", json!(min - 1)));
        }
        if let Some(max) = r.max {
            out.push(("range", json!(max + 1)));
        }
    }
    if let Some(step) = c.multiple_of.filter(|s| *s > 1) {
        out.push(("multiple_of", json!(step + 1)));
    }
    if let Some(l) = &c.length {
        if let Some(max) = l.max {
            out.push(("length", json!("a".repeat(max as usize + 1))));
        }
        if let Some(min) = l.min.filter(|m| *m > 0) {
            out.push(("length", json!("a".repeat(min as usize - 1))));
        }
    }
    if c.charset.is_some() {
        out.push(("charset", json!("has space")));
    }
    if let Some(p) = &c.prefix {
        out.push(("prefix", json!(format!("x{p}"))));
    }
    if !c.password.is_empty() {
        out.push(("password", json!("a")));
    }
    out
}

/// Sets (`Some`) or removes (`None`) the value at a wire path like `A.B[1].C`.
pub fn patch(body: &mut Value, path: &str, value: Option<Value>) {
    let mut cur = body;
    let parts: Vec<&str> = path.split('.').collect();
    for (n, part) in parts.iter().enumerate() {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (
                k,
                Some(rest.trim_end_matches(']').parse::<usize>().expect("index")),
            ),
            None => (*part, None),
        };
        if n + 1 == parts.len() && index.is_none() {
            let obj = cur.as_object_mut().expect("object");
            match value {
                Some(v) => obj.insert(key.to_owned(), v),
                None => obj.remove(key),
            };
            return;
        }
        cur = &mut cur[key];
        if let Some(i) = index {
            cur = &mut cur[i];
        }
    }
}

/// Runs every mutation of `action` on `base` (a valid request); returns how
/// many were checked. Panics, naming the mutation, on any disagreement.
pub fn run(
    action: &ActionSpec,
    structures: &BTreeMap<&str, &StructureSpec>,
    base: &Value,
    generated: Validator<'_>,
) -> usize {
    let mut run = Run {
        action,
        structures,
        base,
        generated,
        checked: 0,
    };
    run.check("the valid base", &[], None);
    run.fields("", &action.parameters, base);
    run.rules();
    run.checked
}

struct Run<'a> {
    action: &'a ActionSpec,
    structures: &'a BTreeMap<&'a str, &'a StructureSpec>,
    base: &'a Value,
    generated: Validator<'a>,
    checked: usize,
}

impl Run<'_> {
    fn check(
        &mut self,
        what: &str,
        patches: &[(String, Option<Value>)],
        expect: Option<(&str, &str)>,
    ) {
        let mut body = self.base.clone();
        for (path, value) in patches {
            patch(&mut body, path, value.clone());
        }
        let mut reference: Vec<(String, String)> =
            codegen::spec::interpret::validate_request(&body, self.action, self.structures)
                .into_iter()
                .map(|v| (v.path, v.rule.to_owned()))
                .collect();
        reference.sort();
        let mut generated = (self.generated)(&body);
        generated.sort();
        let name = &self.action.name;
        assert_eq!(
            generated, reference,
            "{name}: {what}: generated and reference validators disagree"
        );
        match expect {
            Some((path, rule)) => {
                let expect = (path.to_owned(), rule.to_owned());
                assert!(
                    generated.contains(&expect),
                    "{name}: {what}: expected {expect:?} in {generated:?}"
                );
            }
            None => assert!(
                generated.is_empty(),
                "{name}: {what}: expected no violation, got {generated:?}"
            ),
        }
        self.checked += 1;
    }

    /// Where to put a breaking value of field `f` under `path`: the field
    /// itself, or its first element (replacing the array) for an array.
    fn target(f: &Field, path: &str) -> (String, String) {
        if f.array {
            (path.to_owned(), format!("{path}[0]"))
        } else {
            (path.to_owned(), path.to_owned())
        }
    }

    fn fields(&mut self, prefix: &str, fields: &[Field], body: &Value) {
        for f in fields {
            let path = if prefix.is_empty() {
                f.name.clone()
            } else {
                format!("{prefix}.{}", f.name)
            };
            if f.required {
                self.check(
                    &format!("remove {path}"),
                    &[(path.clone(), None)],
                    Some((&path, "required")),
                );
            }
            if let Some(st) = self.structures.get(f.ty.as_str()).copied() {
                // Descend into the element the base has, if any.
                let elem = if f.array {
                    body.get(&f.name).and_then(|a| a.get(0))
                } else {
                    body.get(&f.name)
                };
                if let Some(elem) = elem.filter(|e| e.is_object()) {
                    let elem_path = if f.array {
                        format!("{path}[0]")
                    } else {
                        path.clone()
                    };
                    self.fields(&elem_path, &st.fields, elem);
                }
                continue;
            }
            let (set_at, expect_at) = Self::target(f, &path);
            for (rule, value) in breakers(&f.ty, &f.constraints) {
                let value = if f.array { json!([value]) } else { value };
                self.check(
                    &format!("{set_at} = {value}"),
                    &[(set_at.clone(), Some(value))],
                    Some((&expect_at, rule)),
                );
            }
        }
    }

    fn rules(&mut self) {
        for rule in &self.action.rules {
            let first = rule.parameters[0].clone();
            match rule.kind {
                RuleKind::ExactlyOneOf => {
                    let none: Vec<_> = rule.parameters.iter().map(|p| (p.clone(), None)).collect();
                    self.check("none of the group", &none, Some((&first, "exactly_one_of")));
                    let all: Vec<_> = rule
                        .parameters
                        .iter()
                        .map(|p| {
                            let f = self
                                .action
                                .parameters
                                .iter()
                                .find(|f| &f.name == p)
                                .expect("parameter");
                            (
                                p.clone(),
                                Some(if f.array { json!(["x"]) } else { json!("x") }),
                            )
                        })
                        .collect();
                    self.check("all of the group", &all, Some((&first, "exactly_one_of")));
                }
                RuleKind::RequiredIf => {
                    let when = rule.when.as_ref().expect("condition");
                    let set = match (&when.equals, when.present) {
                        (Some(v), _) => Some(lit(v)),
                        (None, Some(true)) => Some(json!("x")),
                        _ => None,
                    };
                    let mut patches = vec![(when.parameter.clone(), set)];
                    patches.extend(rule.parameters.iter().map(|p| (p.clone(), None)));
                    self.check(
                        &format!("{first} missing under its condition"),
                        &patches,
                        Some((&first, "required_if")),
                    );
                }
                RuleKind::ConstraintsIf => {
                    let when = rule.when.as_ref().expect("condition");
                    let field = self
                        .action
                        .parameters
                        .iter()
                        .find(|p| p.name == first)
                        .expect("parameter");
                    let c = rule.constraints.as_ref().expect("constraints");
                    let cond = when.equals.as_ref().map(lit);
                    let (set_at, expect_at) = Self::target(field, &first);
                    for (kind, value) in breakers(&field.ty, c) {
                        let value = if field.array { json!([value]) } else { value };
                        let patches = vec![
                            (when.parameter.clone(), cond.clone()),
                            (set_at.clone(), Some(value.clone())),
                        ];
                        self.check(
                            &format!("{first} = {value} under {:?}", when.equals),
                            &patches,
                            Some((&expect_at, kind)),
                        );
                    }
                }
            }
        }
    }
}

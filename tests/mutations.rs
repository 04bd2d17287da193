//! Spec-driven mutation test: for every constraint and rule in `api-spec/`,
//! break a valid request in exactly that way, and check that the generated
//! validator reports it at the right path with the right rule, and reports
//! exactly what the spec's reference validator reports.

use std::collections::BTreeMap;

use codegen::spec::{ActionSpec, Constraints, Field, Literal, RuleKind, StructureSpec};
use integration_tests::{patch, spec_root, valid_request};
use serde_json::{json, Value};
use tencentcloud_sdk::registry;

fn lit(l: &Literal) -> Value {
    match l {
        Literal::Bool(b) => json!(b),
        Literal::Int(i) => json!(i),
        Literal::Str(s) => json!(s),
    }
}

/// Values that break each constraint kind of `c` for a field of type `ty`, as
/// `(rule, value)`.
fn breakers(ty: &str, c: &Constraints) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    if !c.enum_values.is_empty() {
        out.push(("enum", if ty == "Integer" { json!(987_654) } else { json!("NO_SUCH_VALUE") }));
    }
    if !c.allowed.is_empty() {
        let max = c.allowed.iter().filter_map(|l| if let Literal::Int(i) = l { Some(*i) } else { None }).max();
        out.push(("allowed", max.map_or(json!("NOT_ALLOWED"), |m| json!(m + 1))));
    }
    if let Some(r) = &c.range {
        if let Some(min) = r.min {
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

struct Run<'a> {
    action: &'a ActionSpec,
    structures: BTreeMap<&'a str, &'a StructureSpec>,
    entry: &'static registry::ActionEntry,
    checked: usize,
}

impl Run<'_> {
    /// Applies `patches` to the valid request and compares both validators;
    /// `expect` must be among the violations (`None`: there must be none).
    fn check(&mut self, what: &str, patches: &[(String, Option<Value>)], expect: Option<(&str, &str)>) {
        let mut body = valid_request(&self.action.name);
        for (path, value) in patches {
            patch(&mut body, path, value.clone());
        }
        let mut reference: Vec<(String, String)> =
            codegen::spec::interpret::validate_request(&body, self.action, &self.structures)
                .into_iter()
                .map(|v| (v.path, v.rule.to_owned()))
                .collect();
        reference.sort();
        let mut generated: Vec<(String, String)> = match (self.entry.validate_request)(&body).expect("deserializes") {
            Ok(()) => Vec::new(),
            Err(e) => e.iter().map(|v| (v.path().to_owned(), v.rule().as_str().to_owned())).collect(),
        };
        generated.sort();
        assert_eq!(generated, reference, "{}: {what}: generated and reference validators disagree", self.action.name);
        match expect {
            Some((path, rule)) => {
                let expect = (path.to_owned(), rule.to_owned());
                assert!(generated.contains(&expect), "{}: {what}: expected {expect:?} in {generated:?}", self.action.name);
            }
            None => assert!(generated.is_empty(), "{}: {what}: expected no violation, got {generated:?}", self.action.name),
        }
        self.checked += 1;
    }

    fn fields(&mut self, prefix: &str, fields: &[Field], body: &Value) {
        for f in fields {
            let path = if prefix.is_empty() { f.name.clone() } else { format!("{prefix}.{}", f.name) };
            if f.required {
                self.check(&format!("remove {path}"), &[(path.clone(), None)], Some((&path, "required")));
            }
            let elem_path = if f.array { format!("{path}[0]") } else { path.clone() };
            if let Some(st) = self.structures.get(f.ty.as_str()).copied() {
                let elem = if f.array { &body[&f.name][0] } else { &body[&f.name] };
                assert!(elem.is_object(), "{}: the valid base needs a {path} element to mutate", self.action.name);
                self.fields(&elem_path, &st.fields, elem);
                continue;
            }
            if f.array && body.get(&f.name).and_then(Value::as_array).is_none_or(Vec::is_empty) && !f.constraints.is_empty() {
                panic!("{}: the valid base needs a {path} element to mutate", self.action.name);
            }
            for (rule, value) in breakers(&f.ty, &f.constraints) {
                self.check(&format!("{elem_path} = {value}"), &[(elem_path.clone(), Some(value))], Some((&elem_path, rule)));
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
                    let all: Vec<_> = rule.parameters.iter().map(|p| (p.clone(), Some(json!("x")))).collect();
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
                    self.check(&format!("{first} missing under its condition"), &patches, Some((&first, "required_if")));
                }
                RuleKind::ConstraintsIf => {
                    let when = rule.when.as_ref().expect("condition");
                    let field = self.action.parameters.iter().find(|p| p.name == first).expect("parameter");
                    let c = rule.constraints.as_ref().expect("constraints");
                    let cond = when.equals.as_ref().map(lit);
                    for (kind, value) in breakers(&field.ty, c) {
                        let patches = vec![(when.parameter.clone(), cond.clone()), (first.clone(), Some(value.clone()))];
                        self.check(&format!("{first} = {value} under {:?}", when.equals), &patches, Some((&first, kind)));
                    }
                }
            }
        }
    }
}

#[test]
fn every_constraint_and_rule_rejects_and_validators_agree() {
    let set = codegen::spec::load(&spec_root()).unwrap_or_else(|p| panic!("{p}"));
    let mut total = 0;
    for ((service, version), sv) in &set.services {
        for (name, action) in &sv.actions {
            let mut run = Run {
                action: &action.spec,
                structures: sv.structures.iter().map(|(k, v)| (k.as_str(), &v.spec)).collect(),
                entry: registry::find(service, version, name).expect("entry"),
                checked: 0,
            };
            let base = valid_request(name);
            run.check("the valid base", &[], None);
            run.fields("", &action.spec.parameters, &base);
            run.rules();
            total += run.checked;
        }
    }
    assert!(total >= 50, "only {total} mutations checked: the walker skipped part of the spec");
}

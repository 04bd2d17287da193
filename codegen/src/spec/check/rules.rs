//! Checks of a cross-field rule: its parameters exist, are sent and can be
//! absent where the rule needs it, and its condition and constraints fit
//! the parameters' types.

use super::*;

pub(super) fn check_rule(
    sink: &mut Sink<'_>,
    base: &str,
    rule: &Rule,
    params: &BTreeMap<&str, &Field>,
) {
    for (i, p) in rule.parameters.iter().enumerate() {
        match params.get(p.as_str()) {
            None => sink.push(
                format!("{base}.parameters[{i}]"),
                format!("unknown parameter \"{p}\""),
            ),
            Some(f) if f.disabled => sink.push(
                format!("{base}.parameters[{i}]"),
                format!("\"{p}\" is disabled: it is never sent, so no rule can apply to it"),
            ),
            Some(f) if f.required && rule.kind != RuleKind::ConstraintsIf => sink.push(
                format!("{base}.parameters[{i}]"),
                format!(
                    "\"{p}\" is always required, so a {} rule on it never applies",
                    rule.kind.as_str()
                ),
            ),
            Some(_) => {}
        }
    }
    match rule.kind {
        RuleKind::ExactlyOneOf => {
            if rule.parameters.len() < 2 {
                sink.push(
                    format!("{base}.parameters"),
                    "exactly_one_of needs at least two parameters",
                );
            }
            if rule.when.is_some() {
                sink.push(format!("{base}.when"), "exactly_one_of takes no condition");
            }
        }
        RuleKind::RequiredIf | RuleKind::ConstraintsIf => {
            if rule.when.is_none() {
                sink.push(
                    base,
                    format!("{} needs a \"when\" condition", rule.kind.as_str()),
                );
            }
            if rule.parameters.is_empty() {
                sink.push(format!("{base}.parameters"), "needs at least one parameter");
            }
        }
    }
    match (rule.kind, &rule.constraints) {
        (RuleKind::ConstraintsIf, None) => sink.push(base, "constraints_if needs \"constraints\""),
        (RuleKind::ConstraintsIf, Some(c)) => {
            if rule.parameters.len() != 1 {
                sink.push(
                    format!("{base}.parameters"),
                    "constraints_if names exactly one parameter",
                );
            } else if let Some(f) = params.get(rule.parameters[0].as_str()) {
                if c.is_empty() {
                    sink.push(format!("{base}.constraints"), "must not be empty");
                }
                if !c.enum_values.is_empty() {
                    sink.push(
                        format!("{base}.constraints.enum"),
                        "a conditional rule narrows values with `allowed`; `enum` defines a type",
                    );
                }
                check_constraints(sink, &format!("{base}.constraints"), &f.ty, c);
            }
        }
        (_, Some(_)) => sink.push(
            format!("{base}.constraints"),
            format!("{} takes no constraints", rule.kind.as_str()),
        ),
        (_, None) => {}
    }
    if let Some(when) = &rule.when {
        let wpath = format!("{base}.when");
        match params.get(when.parameter.as_str()) {
            None => sink.push(
                format!("{wpath}.parameter"),
                format!("unknown parameter \"{}\"", when.parameter),
            ),
            Some(f) => {
                if rule.parameters.contains(&when.parameter) {
                    sink.push(
                        format!("{wpath}.parameter"),
                        "a rule cannot depend on a parameter it constrains",
                    );
                }
                if let Some(v) = &when.equals {
                    if f.array || !literal_fits(v, &f.ty) {
                        sink.push(
                            format!("{wpath}.equals"),
                            format!("{v} can never equal {} (type {})", f.name, f.ty),
                        );
                    } else if let Some(why) = interpret::literal_violation(v, &f.constraints) {
                        sink.push(
                            format!("{wpath}.equals"),
                            format!("{v} is not a valid {}: {why}", f.name),
                        );
                    }
                }
            }
        }
        if when.equals.is_some() == when.present.is_some() {
            sink.push(wpath, "needs exactly one of \"equals\" and \"present\"");
        }
    }
}

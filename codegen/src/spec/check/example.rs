//! Checks of an action's examples against its own spec: the request
//! validates as recorded, the response fits the outputs.

use super::*;

pub(super) fn check_example(
    sink: &mut Sink<'_>,
    base: &str,
    ex: &Example,
    a: &ActionSpec,
    structures: &BTreeMap<&str, &StructureSpec>,
) {
    if let Some(why) = &ex.unchecked {
        if why.trim().is_empty() {
            sink.push(
                format!("{base}.unchecked"),
                "must say why the example is not checked",
            );
        }
        if !ex.expected_violations.is_empty() {
            sink.push(
                format!("{base}.expected_violations"),
                "an unchecked example records no violations",
            );
        }
        return;
    }
    let mut found: Vec<ExpectedViolation> = interpret::validate_request(&ex.request, a, structures)
        .into_iter()
        .map(|v| ExpectedViolation {
            path: v.path,
            rule: v.rule.to_owned(),
        })
        .collect();
    found.sort();
    found.dedup();
    let mut expected = ex.expected_violations.clone();
    expected.sort();
    for v in found.iter().filter(|v| !expected.contains(v)) {
        sink.push(
            format!("{base}.request"),
            format!(
                "the request breaks rule `{}` at {}, and expected_violations does not record it",
                v.rule, v.path
            ),
        );
    }
    for (i, v) in ex.expected_violations.iter().enumerate() {
        if !found.contains(v) {
            sink.push(
                format!("{base}.expected_violations[{i}]"),
                format!("the request does not break rule `{}` at {}", v.rule, v.path),
            );
        }
    }
    if !ex.expected_violations.is_empty() && ex.notes.is_none() {
        sink.push(
            format!("{base}.notes"),
            "an example with expected_violations must say why in notes",
        );
    }
    for problem in interpret::check_response(&ex.response, a, structures) {
        sink.push(format!("{base}.response"), problem);
    }
}

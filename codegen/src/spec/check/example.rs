//! Checks of an action's examples against its own spec: the request
//! validates as recorded, a page example's response fits the outputs
//! exactly, and a reading is never kept for an example that breaks nothing.

use super::*;
use crate::spec::decode::decode_response;

pub(super) fn check_example(
    sink: &mut Sink<'_>,
    base: &str,
    ex: &Example,
    a: &ActionSpec,
    structures: &BTreeMap<&str, &StructureSpec>,
) {
    if ex
        .unchecked
        .as_ref()
        .is_some_and(|why| why.trim().is_empty())
    {
        sink.push(
            format!("{base}.unchecked"),
            "must say why the example is not checked",
        );
    }
    let request_breaks = check_request(sink, base, ex, a, structures);
    let response_breaks = match &ex.response {
        serde_json::Value::String(_) => {
            if ex.unchecked.is_none() {
                sink.push(
                    format!("{base}.unchecked"),
                    "a response that is not JSON must say so in unchecked",
                );
            }
            false
        }
        body => {
            let decoded = decode_response(body, a, structures);
            if !ex.imported {
                // A page example is transcribed from the page's own tables: it
                // fits them exactly. Imported ones are read in
                // tests/official_examples.rs, which asks for a reading.
                for (path, what) in &decoded.errors {
                    sink.push(
                        format!("{base}.response"),
                        format!("does not decode at {path:?}: {what}"),
                    );
                }
                for path in &decoded.unknown {
                    sink.push(
                        format!("{base}.response"),
                        format!("{path} is not among the outputs"),
                    );
                }
                for (path, what) in &decoded.corrections {
                    sink.push(format!("{base}.response"), format!("{path}: {what}"));
                }
            }
            !decoded.errors.is_empty()
        }
    };
    if ex.reading.is_some() && !request_breaks && !response_breaks {
        sink.push(
            format!("{base}.reading"),
            "the example breaks nothing: the reading is stale",
        );
    }
}

/// Checks the request against the recorded violations; whether it breaks
/// any rule.
fn check_request(
    sink: &mut Sink<'_>,
    base: &str,
    ex: &Example,
    a: &ActionSpec,
    structures: &BTreeMap<&str, &StructureSpec>,
) -> bool {
    if !ex.request.is_object() {
        if !ex.expected_violations.is_empty() {
            sink.push(
                format!("{base}.expected_violations"),
                "a request that is not a JSON object records no violations",
            );
        }
        if ex.unchecked.is_none() {
            sink.push(
                format!("{base}.unchecked"),
                "a request that is not a JSON object must say so in unchecked",
            );
        }
        return false;
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
    if !ex.imported && !ex.expected_violations.is_empty() && ex.notes.is_none() {
        sink.push(
            format!("{base}.notes"),
            "an example with expected_violations must say why in notes",
        );
    }
    !found.is_empty()
}

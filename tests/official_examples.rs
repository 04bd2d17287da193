//! Every example of every service version in `api-spec/`, read as the SDK
//! reads it: each JSON response decodes into the action's outputs and keeps
//! every value it carries, leaf by leaf (members the spec does not know are
//! counted apart); each JSON request parses, and whatever validation finds
//! in it is the spec's record. An example that breaks the spec passes only
//! with a curator's `reading` saying why the example, not the rule, is
//! wrong: there is no other allowlist.
//!
//! The whole surface is read with the spec's reference decoder and
//! validator (`codegen::spec::{decode, interpret}`); `examples.rs` checks
//! that the generated code of the curated services agrees with them.

use std::collections::BTreeMap;

use codegen::spec::decode::{decode_response, Decoded};
use codegen::spec::interpret::validate_request;
use codegen::spec::{Example, ServiceVersion, SpecSet, StructureSpec};
use integration_tests::{full_spec, read_as_written};
use serde_json::Value;

/// Each example of the set, with where it is.
fn examples(
    set: &SpecSet,
) -> Vec<(
    String,
    &ServiceVersion,
    &codegen::spec::ActionSpec,
    usize,
    &Example,
)> {
    let mut out = Vec::new();
    for ((service, version), sv) in &set.services {
        for (name, action) in &sv.actions {
            for (i, ex) in action.spec.examples.iter().enumerate() {
                out.push((
                    format!("{service} {version} {name} example {i}"),
                    sv,
                    &action.spec,
                    i,
                    ex,
                ));
            }
        }
    }
    out
}

fn structures(sv: &ServiceVersion) -> BTreeMap<&str, &StructureSpec> {
    sv.structures
        .iter()
        .map(|(k, v)| (k.as_str(), &v.spec))
        .collect()
}

/// The scalar leaves of `v` by wire path (`A[0].B`); empty objects and
/// lists are leaves too, so that nothing is left uncounted.
fn leaves(v: &Value, path: &str, out: &mut BTreeMap<String, Value>) {
    let at = |k: &str| {
        if path.is_empty() {
            k.to_owned()
        } else {
            format!("{path}.{k}")
        }
    };
    match v {
        Value::Object(m) if !m.is_empty() => m.iter().for_each(|(k, x)| leaves(x, &at(k), out)),
        Value::Array(a) if !a.is_empty() => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| leaves(x, &format!("{path}[{i}]"), out)),
        Value::Null => {}
        _ => {
            out.insert(path.to_owned(), v.clone());
        }
    }
}

/// What one decoded response lost: leaves of the example at known paths
/// that the decoded value does not hold (a correction to "no value" aside).
fn lost(written: &Value, decoded: &Decoded) -> Vec<String> {
    let (mut w, mut r) = (BTreeMap::new(), BTreeMap::new());
    leaves(written, "", &mut w);
    leaves(&decoded.value, "", &mut r);
    let under = |path: &str, prefix: &str| {
        path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
    };
    w.iter()
        .filter(|(path, _)| !decoded.unknown.iter().any(|u| under(path, u)))
        .filter(|(path, value)| match r.get(*path) {
            Some(read) => !read_as_written(read, value),
            None => {
                !(value.as_str() == Some("") && decoded.corrections.iter().any(|(p, _)| p == *path))
            }
        })
        .map(|(path, value)| format!("{path} = {value}"))
        .collect()
}

#[test]
fn every_example_response_decodes_and_keeps_every_value() {
    let set = full_spec();
    let mut failures = Vec::new();
    let (mut decoded_n, mut read, mut corrected, mut unknown, mut not_json) = (0, 0, 0, 0, 0);
    for (at, sv, action, _, ex) in examples(set) {
        if ex.response.is_string() {
            not_json += 1;
            if !ex
                .unchecked
                .as_deref()
                .unwrap_or("")
                .contains("response is not valid JSON")
            {
                failures.push(format!(
                    "{at}: a response that is not JSON is not marked unchecked"
                ));
            }
            continue;
        }
        let d = decode_response(&ex.response, action, &structures(sv));
        if let Some((path, what)) = d.errors.first() {
            if ex.reading.is_none() {
                failures.push(format!(
                    "{at}: the response does not decode at {path:?}: {what} (no curator's reading)"
                ));
            }
            continue;
        }
        decoded_n += 1;
        let lost = lost(&ex.response["Response"], &d);
        if !lost.is_empty() {
            failures.push(format!("{at}: decoding lost {lost:?}"));
        }
        let mut n = BTreeMap::new();
        leaves(&d.value, "", &mut n);
        read += n.len();
        corrected += d.corrections.len();
        unknown += d.unknown.len();
    }
    eprintln!(
        "{decoded_n} responses decoded: {read} values kept, {corrected} corrected, \
         {unknown} members the spec does not know skipped; {not_json} responses are not JSON"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The surface is there: the test is not vacuous.
    assert!(decoded_n > 9_000, "{decoded_n}");
}

#[test]
fn every_example_request_parses_and_what_it_breaks_has_a_reading() {
    let set = full_spec();
    let mut failures = Vec::new();
    let (mut valid, mut read_as_wrong, mut not_json) = (0, 0, 0);
    for (at, sv, action, _, ex) in examples(set) {
        if !ex.request.is_object() {
            not_json += 1;
            if !ex.unchecked.as_deref().unwrap_or("").contains("request") {
                failures.push(format!(
                    "{at}: a request that is not a JSON object is not marked unchecked"
                ));
            }
            continue;
        }
        let mut found: Vec<(String, String)> =
            validate_request(&ex.request, action, &structures(sv))
                .into_iter()
                .map(|v| (v.path, v.rule.to_owned()))
                .collect();
        found.sort();
        found.dedup();
        let recorded: Vec<(String, String)> = ex
            .expected_violations
            .iter()
            .map(|v| (v.path.clone(), v.rule.clone()))
            .collect();
        if found != recorded {
            failures.push(format!(
                "{at}: violations {found:?}, the spec records {recorded:?}"
            ));
        } else if found.is_empty() {
            valid += 1;
        } else if ex.reading.is_none() && (ex.imported || ex.notes.is_none()) {
            // A page example carries its curator's notes; an imported one a reading.
            failures.push(format!(
                "{at}: breaks {found:?} and has no curator's reading"
            ));
        } else {
            read_as_wrong += 1;
        }
    }
    eprintln!(
        "{valid} requests valid, {read_as_wrong} read as wrong by a curator, {not_json} not a JSON object"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(valid > 10_000, "{valid}");
}

/// A reading is kept only where the example still breaks the spec: a
/// reading of an example that now passes is stale.
#[test]
fn no_reading_is_stale() {
    let set = full_spec();
    let stale: Vec<String> = examples(set)
        .into_iter()
        .filter(|(_, sv, action, _, ex)| {
            ex.reading.is_some()
                && ex.expected_violations.is_empty()
                && (ex.response.is_string()
                    || decode_response(&ex.response, action, &structures(sv))
                        .errors
                        .is_empty())
        })
        .map(|(at, ..)| at)
        .collect();
    assert!(stale.is_empty(), "{stale:?}");
}

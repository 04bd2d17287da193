//! Runs the importer's parsers over a whole unpacked corpus and reports
//! counts and timings.
//!
//! ```sh
//! cargo run --release -p importer --example corpus -- \
//!     <tccli>/tccli/services [<sdk>/tencentcloud] [--show SUBSTRING [--limit N]] \
//!     [--show-not-json N] [--dump FILE]
//! ```
//!
//! `--show` prints documents containing SUBSTRING before and after
//! conversion to Markdown; `--show-not-json` prints the first N example
//! inputs that are not JSON, with the reason; `--dump` writes every
//! document before and after conversion to FILE.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use importer::description::read_service_version;
use importer::errorcodes::read_error_codes;
use importer::http_example::{parse_input, parse_output, ExampleInput};
use importer::markdown::to_markdown;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dirs = Vec::new();
    let mut show = None;
    let mut limit = 3usize;
    let mut show_not_json = 0usize;
    let mut dump = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--show" => show = args.next(),
            "--limit" => limit = args.next().and_then(|n| n.parse().ok()).unwrap_or(3),
            "--dump" => dump = args.next().map(PathBuf::from),
            "--show-not-json" => {
                show_not_json = args.next().and_then(|n| n.parse().ok()).unwrap_or(10)
            }
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    let Some(services) = dirs.first() else {
        eprintln!("usage: corpus <services-dir> [<sdk-dir>] [--show SUBSTRING [--limit N]]");
        std::process::exit(2);
    };

    let versions = service_versions(services);
    let started = Instant::now();
    let mut loaded = Vec::new();
    for dir in &versions {
        match read_service_version(dir) {
            Ok(pair) => loaded.push(pair),
            Err(e) => println!("ERROR {e}"),
        }
    }
    let read_time = started.elapsed();
    println!(
        "read {} of {} service versions in {:?}",
        loaded.len(),
        versions.len(),
        read_time
    );

    // Examples.
    let mut json = 0;
    let mut query = 0;
    let mut not_json: BTreeMap<String, usize> = BTreeMap::new();
    let mut shapes: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut outputs_ok = 0;
    let mut outputs_bad = 0;
    let mut examples = 0;
    let started = Instant::now();
    for (_, ex) in &loaded {
        for list in ex.actions.values() {
            for example in list {
                examples += 1;
                let parsed = parse_input(&example.input);
                let outcome = match &parsed {
                    ExampleInput::Json(_) => "Json",
                    ExampleInput::Query { .. } => "Query",
                    ExampleInput::NotJson { .. } => "NotJson",
                };
                *shapes.entry((shape(&example.input), outcome)).or_default() += 1;
                match parsed {
                    ExampleInput::Json(_) => json += 1,
                    ExampleInput::Query { .. } => query += 1,
                    ExampleInput::NotJson { reason } => {
                        if show_not_json > 0 {
                            show_not_json -= 1;
                            println!("NOT JSON ({reason}):\n{}\n", example.input);
                        }
                        let key: String = reason.chars().take(40).collect();
                        *not_json.entry(key).or_default() += 1;
                    }
                }
                match parse_output(&example.output) {
                    Ok(_) => outputs_ok += 1,
                    Err(_) => outputs_bad += 1,
                }
            }
        }
    }
    let examples_time = started.elapsed();
    println!("\n{examples} examples, parsed in {examples_time:?}");
    for ((shape, outcome), n) in &shapes {
        println!("    {n:5}  {shape} -> {outcome}");
    }
    println!(
        "  Json {json}, Query {query}, NotJson {}",
        not_json.values().sum::<usize>()
    );
    for (reason, n) in &not_json {
        println!("    {n:5}  {reason}");
    }
    println!("  outputs: valid JSON {outputs_ok}, not valid JSON {outputs_bad}");

    // Documents.
    let mut docs: Vec<&str> = Vec::new();
    for (api, _) in &loaded {
        for action in api.actions.values() {
            docs.push(&action.document);
        }
        for object in api.objects.values() {
            docs.push(&object.document);
            for member in &object.members {
                docs.push(&member.document);
            }
        }
    }
    let with_html: Vec<&str> = docs.iter().copied().filter(|d| d.contains('<')).collect();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let html_bytes: usize = with_html.iter().map(|d| d.len()).sum();
    let (converted, html_time): (Vec<String>, _) =
        time(|| with_html.iter().map(|d| to_markdown(d)).collect());
    let (_, all_time): (Vec<String>, _) = time(|| docs.iter().map(|d| to_markdown(d)).collect());
    let (again, _): (Vec<String>, _) = time(|| with_html.iter().map(|d| to_markdown(d)).collect());
    println!(
        "\n{} documents ({} bytes); {} contain '<' ({} bytes)",
        docs.len(),
        bytes,
        with_html.len(),
        html_bytes
    );
    println!("  to_markdown on the documents with '<': {html_time:?}");
    println!("  to_markdown on every document: {all_time:?}");
    println!("  deterministic: {}", converted == again);
    let leaks: Vec<&String> = converted.iter().filter(|md| has_raw_tag(md)).collect();
    println!(
        "  outputs with an unescaped '<letter' outside code: {}",
        leaks.len()
    );
    for leak in leaks.iter().take(5) {
        println!("    {leak:?}");
    }

    if let Some(path) = &dump {
        let mut text = String::new();
        for before in &docs {
            let after = to_markdown(before);
            text.push_str(&format!("===== before\n{before}\n----- after\n{after}\n"));
        }
        if let Err(e) = std::fs::write(path, text) {
            println!("ERROR {}: {e}", path.display());
        }
    }

    if let Some(needle) = &show {
        for (before, after) in with_html
            .iter()
            .zip(&converted)
            .filter(|(d, _)| d.contains(needle.as_str()))
            .take(limit)
        {
            println!("\n===== before\n{before}\n----- after\n{after}");
        }
    }

    // Error codes.
    if let Some(sdk) = dirs.get(1) {
        let files: Vec<PathBuf> = service_versions(sdk)
            .into_iter()
            .map(|d| d.join("errorcodes.py"))
            .filter(|p| p.exists())
            .collect();
        let started = Instant::now();
        let mut codes = 0;
        let mut described = 0;
        for file in &files {
            match read_error_codes(file) {
                Ok(pairs) => {
                    codes += pairs.len();
                    described += pairs.iter().filter(|(_, d)| !d.is_empty()).count();
                }
                Err(e) => println!("ERROR {e}"),
            }
        }
        println!(
            "\n{} errorcodes.py: {codes} codes ({described} with a description) in {:?}",
            files.len(),
            started.elapsed()
        );
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = f();
    (value, started.elapsed())
}

/// `<service>/v<YYYYMMDD>` folders under `root`, sorted.
fn service_versions(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(services) = std::fs::read_dir(root) else {
        return out;
    };
    for service in services.flatten() {
        let Ok(versions) = std::fs::read_dir(service.path()) else {
            continue;
        };
        for version in versions.flatten() {
            let name = version.file_name();
            let name = name.to_string_lossy();
            if version.path().is_dir()
                && name.len() == 9
                && name.starts_with('v')
                && name[1..].bytes().all(|b| b.is_ascii_digit())
            {
                out.push(version.path());
            }
        }
    }
    out.sort();
    out
}

fn shape(input: &str) -> &'static str {
    let t = input.trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        "bare body"
    } else if t.starts_with("http://") || t.starts_with("https://") {
        "URL"
    } else if t.starts_with("POST / HTTP/1.1\n") || t.starts_with("POST / HTTP/1.1\r\n") {
        "request line"
    } else if t.starts_with("POST") {
        "request line, odd"
    } else {
        "other"
    }
}

/// Whether Markdown text has a `<` followed by a letter or `/` that is not
/// escaped, not in a code span or fence, and not an autolink: what rustdoc
/// would read as an HTML tag.
fn has_raw_tag(md: &str) -> bool {
    let mut in_fence = false;
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let b = line.as_bytes();
        let mut in_code = false;
        for i in 0..b.len() {
            match b[i] {
                b'`' => in_code = !in_code,
                b'<' if !in_code && (i == 0 || b[i - 1] != b'\\') => {
                    let next = b.get(i + 1).copied().unwrap_or(b' ');
                    if (next.is_ascii_alphabetic() || next == b'/')
                        && !line[i..].starts_with("<http")
                    {
                        return true;
                    }
                }
                _ => {}
            }
        }
    }
    false
}

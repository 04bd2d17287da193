//! `cargo xtask`: maintainer commands for the spec and the generated SDK.

mod bench_against;
mod bench_build;
mod bench_measure;
mod build_services;
mod constraints;
mod constraints_review;
mod diff;
mod gen;
mod import;
mod progress;

use std::path::{Path, PathBuf};

// Generation and the diff allocate hundreds of thousands of small token
// trees and strings; a sampling profile spent about 30% of the whole-surface
// diff in the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

pub(crate) const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  spec [--fix]    check every edition's spec tree (api-spec/, api-spec-cn/ when
                  present: meaning and canonical form); --fix rewrites files
                  into canonical form and refreshes spec.schema.json
  gen [--check] [--specs DIR] [--out DIR]
                  regenerate the generated parts of generated-sdk/ from each
                  edition's tree: services-cn/ from api-spec-cn/ when
                  present, and from api-spec/: services/ (one crate per service),
                  core/src/generated/, facade/src/generated/ and the generated
                  blocks of facade/Cargo.toml (or the spec folder DIR into a
                  copy of generated-sdk/ at --out DIR); --check only reports
                  stale files and fails if any
  import ...      import the official API description (see `cargo xtask import --help`)
  diff [--edition intl|cn] [--base REV] [--format markdown|json] [--allow-breaking]
                  semantic diff of the edition's spec tree (api-spec/,
                  api-spec-cn/) at REV (default HEAD) against the working
                  tree; fails when a change is breaking
  diff OLD_DIR NEW_DIR [--format markdown|json] [--allow-breaking]
                  the same for two spec folders
  build-services [--all] [--sample N] [--changed-since REV] [--curated] [SERVICE...]
                  build service crates each alone (clippy, both feature sets,
                  and rustdoc) and report seconds, peak rustc memory and
                  warnings per crate (see `cargo xtask build-services --help`)
  constraints [--edition intl|cn] [--from DIR] --json [SERVICE...]
                  draft constraints from the members' documents and print
                  one JSON object per drafted member (docs/constraints.md)
  constraints review [--edition intl|cn] SERVICE VERSION [--accept T | --reject T --why W]...
                  list pending drafts, or accept (into curated constraints)
                  or reject them
  bench-build [--runs N] [--no-release] [--no-scale] [--no-write]
                  time clean builds of the SDK crate per service, all
                  together and for larger imported sets; writes the table
                  to docs/benchmarks.md
";

fn main() -> ExitCode {
    if let Some(log) = std::env::var_os(bench_measure::METER_ENV) {
        return bench_measure::rustc_meter(Path::new(&log));
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = workspace_root();
    let result = match args.as_slice() {
        ["spec"] | ["spec", "--fix"] if dry_run() => Ok(()),
        ["spec"] => spec(&root, false),
        ["spec", "--fix"] => spec(&root, true),
        ["gen", rest @ ..] => gen::gen_args(&root, rest),
        ["import", "--help"] => Err(import::usage()),
        ["import", rest @ ..] => import::import(&root, rest),
        ["constraints", rest @ ..] => constraints::run(&root, rest),
        ["diff", rest @ ..] => diff::diff(&root, rest),
        ["bench-build", rest @ ..] => bench_build::run(&root, rest),
        ["build-services", rest @ ..] => build_services::run(&root, rest),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::FAILURE
        }
    }
}

/// With `XTASK_DRY_RUN` set, a command stops once its arguments are read:
/// the README's commands are checked this way without running them.
pub(crate) fn dry_run() -> bool {
    std::env::var_os("XTASK_DRY_RUN").is_some()
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The services of a spec folder with their number of actions (every
/// version counted), by name.
fn spec_services(spec_root: &Path) -> Result<Vec<(String, usize)>, String> {
    let set = codegen::spec::load(spec_root).map_err(|p| p.to_string())?;
    let mut out: Vec<(String, usize)> = Vec::new();
    for ((service, _), sv) in &set.services {
        match out.last_mut() {
            Some((s, n)) if s == service => *n += sv.actions.len(),
            _ => out.push((service.clone(), sv.actions.len())),
        }
    }
    Ok(out)
}

/// Checks the specs' meaning and canonical form; with `fix`, rewrites files.
fn spec(root: &Path, fix: bool) -> Result<(), String> {
    for edition in codegen::spec::Edition::ALL {
        let tree = root.join(edition.spec_dir());
        if edition == codegen::spec::Edition::Intl || tree.is_dir() {
            spec_tree(&tree, edition.spec_dir(), fix)?;
        }
    }
    Ok(())
}

/// `cargo xtask spec` on one spec tree (`name`: as messages call it).
fn spec_tree(spec_root: &Path, name: &str, fix: bool) -> Result<(), String> {
    let report = codegen::spec::canonical_report(spec_root);
    let mut stale = Vec::new();
    for (file, expected) in &report.rewrites {
        if fix {
            std::fs::write(spec_root.join(file), expected)
                .map_err(|e| format!("{file}: cannot write: {e}"))?;
            println!("rewrote {file}");
        } else {
            stale.push(file.clone());
        }
    }
    let mut failed = false;
    if let Err(problems) = &report.loaded {
        eprintln!("{problems}");
        failed = true;
    }
    for file in &stale {
        eprintln!("{file}: not in canonical form (run `cargo xtask spec --fix`)");
        failed = true;
    }
    if failed {
        return Err("cargo xtask spec: failed".into());
    }
    println!(
        "{name}: {} file(s) checked, all in canonical form",
        report.files
    );
    Ok(())
}

/// Runs git in the workspace; its standard output, or its error.
pub(crate) fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

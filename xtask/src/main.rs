//! `cargo xtask`: maintainer commands for the spec and the generated SDK.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  spec [--fix]    check api-spec/ (meaning and canonical form); --fix rewrites
                  files into canonical form and refreshes spec.schema.json
  gen [--check]   regenerate generated-sdk/ from api-spec/; --check only
                  reports stale files and fails if any
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = workspace_root();
    let result = match args.as_slice() {
        ["spec"] => spec(&root, false),
        ["spec", "--fix"] => spec(&root, true),
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

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Checks the specs' meaning and canonical form; with `fix`, rewrites files.
fn spec(root: &Path, fix: bool) -> Result<(), String> {
    let spec_root = root.join("api-spec");
    let report = codegen::spec::canonical_report(&spec_root);
    let mut stale = Vec::new();
    for (file, expected) in &report.rewrites {
        if fix {
            std::fs::write(spec_root.join(file), expected).map_err(|e| format!("{file}: cannot write: {e}"))?;
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
    println!("api-spec: {} file(s) checked, all in canonical form", report.files);
    Ok(())
}

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
        ["gen"] => gen(&root, false),
        ["gen", "--check"] => gen(&root, true),
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

/// Regenerates `generated-sdk/src/generated/`; with `check`, writes nothing
/// and fails naming each stale, missing or extra file.
fn gen(root: &Path, check: bool) -> Result<(), String> {
    let files = codegen::generate(&root.join("api-spec")).map_err(|p| format!("{p}\ncargo xtask gen: failed"))?;
    let src = root.join("generated-sdk/src");
    let out_dir = src.join(codegen::GENERATED_DIR);
    let mut existing = Vec::new();
    list_rs(&out_dir, &src, &mut existing);
    let mut stale = Vec::new();
    for (rel, text) in &files {
        let path = src.join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(format!("generated-sdk/src/{rel}"));
            if !check {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                }
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    for rel in existing.iter().filter(|r| !files.contains_key(*r)) {
        stale.push(format!("generated-sdk/src/{rel} (no longer generated)"));
        if !check {
            std::fs::remove_file(src.join(rel)).map_err(|e| format!("{rel}: {e}"))?;
        }
    }
    if check {
        if stale.is_empty() {
            println!("generated code is up to date ({} files)", files.len());
            return Ok(());
        }
        for s in &stale {
            eprintln!("stale: {s}");
        }
        return Err("cargo xtask gen --check: generated code is stale; run `cargo xtask gen`".into());
    }
    for s in &stale {
        println!("wrote {s}");
    }
    println!("{} files generated, {} changed", files.len(), stale.len());
    Ok(())
}

/// Lists `.rs` files under `dir` as paths relative to `base` with `/` separators.
fn list_rs(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            list_rs(&path, base, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            if let Ok(rel) = path.strip_prefix(base) {
                let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                out.push(rel.join("/"));
            }
        }
    }
}

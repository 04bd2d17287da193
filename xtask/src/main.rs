//! `cargo xtask`: maintainer commands for the spec and the generated SDK.

mod bench_against;
mod bench_build;
mod bench_measure;
mod import;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  spec [--fix]    check api-spec/ (meaning and canonical form); --fix rewrites
                  files into canonical form and refreshes spec.schema.json
  gen [--check] [--specs DIR] [--out DIR]
                  regenerate the generated parts of generated-sdk/ from
                  api-spec/: services/ (one crate per service),
                  core/src/generated/, facade/src/generated/ and the generated
                  blocks of facade/Cargo.toml (or the spec folder DIR into a
                  copy of generated-sdk/ at --out DIR); --check only reports
                  stale files and fails if any
  import ...      import the official API description (see `cargo xtask import --help`)
  diff [--base REV] [--format markdown|json] [--allow-breaking]
                  semantic diff of api-spec/ at REV (default HEAD) against the
                  working tree; fails when a change is breaking
  diff OLD_DIR NEW_DIR [--format markdown|json] [--allow-breaking]
                  the same for two spec folders
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
        ["gen", rest @ ..] => gen_args(&root, rest),
        ["import", "--help"] => Err(import::usage()),
        ["import", rest @ ..] => import::import(&root, rest),
        ["diff", rest @ ..] => diff(&root, rest),
        ["bench-build", rest @ ..] => bench_build::run(&root, rest),
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
    let spec_root = root.join("api-spec");
    let report = codegen::spec::canonical_report(&spec_root);
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
        "api-spec: {} file(s) checked, all in canonical form",
        report.files
    );
    Ok(())
}

/// Regenerates the generated parts of `generated-sdk/`; with `check`,
/// writes nothing and fails naming each stale, missing or extra file.
fn gen_args(root: &Path, args: &[&str]) -> Result<(), String> {
    let mut check = false;
    let mut specs = root.join("api-spec");
    let mut out = root.join("generated-sdk");
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match *arg {
            "--check" => check = true,
            "--specs" => specs = it.next().map(PathBuf::from).ok_or(USAGE)?,
            "--out" => out = it.next().map(PathBuf::from).ok_or(USAGE)?,
            _ => return Err(USAGE.into()),
        }
    }
    if dry_run() {
        return Ok(());
    }
    gen(&specs, &out, check, root)
}

/// Generates from the spec folder `specs` into `sdk` (`generated-sdk/`, or a
/// copy of it given with `--out`): every file of the generated folders,
/// and the generated blocks of the facade's manifest.
fn gen(specs: &Path, sdk: &Path, check: bool, root: &Path) -> Result<(), String> {
    let started = std::time::Instant::now();
    let generated =
        codegen::generate(specs).map_err(|p| format!("{p}\ncargo xtask gen: failed"))?;
    let files = &generated.files;
    // Paths in messages: relative to the workspace when inside it.
    let shown = sdk.strip_prefix(root).unwrap_or(sdk).display().to_string();
    let mut existing = Vec::new();
    for dir in codegen::GENERATED_DIRS {
        list_files(&sdk.join(dir), sdk, &mut existing);
    }
    let mut stale = Vec::new();
    for (rel, text) in files {
        let path = sdk.join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(format!("{shown}/{rel}"));
            if !check {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                }
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    // The facade's manifest: one feature and optional dependency per service.
    let manifest = sdk.join("facade/Cargo.toml");
    let shown_manifest = format!("{shown}/facade/Cargo.toml");
    let current = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("{shown_manifest}: cannot read the facade's manifest: {e}"))?;
    let spliced = generated
        .facade_manifest
        .splice(&current)
        .map_err(|e| format!("{shown_manifest}: {e}"))?;
    if spliced != current {
        stale.push(format!(
            "{shown_manifest} (service features and dependencies)"
        ));
        if !check {
            std::fs::write(&manifest, spliced).map_err(|e| format!("{shown_manifest}: {e}"))?;
        }
    }
    for rel in existing.iter().filter(|r| !files.contains_key(*r)) {
        stale.push(format!("{shown}/{rel} (no longer generated)"));
        if !check {
            std::fs::remove_file(sdk.join(rel)).map_err(|e| format!("{rel}: {e}"))?;
        }
    }
    if !check {
        remove_empty_dirs(&sdk.join(codegen::emit::SERVICES_DIR));
    }
    if check {
        if stale.is_empty() {
            println!("generated code is up to date ({} files)", files.len());
            return Ok(());
        }
        for s in &stale {
            eprintln!("stale: {s}");
        }
        return Err(
            "cargo xtask gen --check: generated code is stale; run `cargo xtask gen`".into(),
        );
    }
    if stale.len() <= 50 {
        for s in &stale {
            println!("wrote {s}");
        }
    }
    println!(
        "{} files generated, {} changed, in {:.2} s",
        files.len(),
        stale.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Lists the files under `dir` as paths relative to `base` with `/` separators.
fn list_files(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            list_files(&path, base, out);
        } else if let Ok(rel) = path.strip_prefix(base) {
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(rel.join("/"));
        }
    }
}

/// Removes the folders under `dir` that hold no file (a service gone).
fn remove_empty_dirs(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            remove_empty_dirs(&path);
            // Fails, as it should, when the folder still holds something.
            let _ = std::fs::remove_dir(&path);
        }
    }
}

/// `cargo xtask diff`: a semantic report of spec changes for review.
fn diff(root: &Path, args: &[&str]) -> Result<(), String> {
    let mut base = None;
    let mut json = false;
    let mut allow_breaking = false;
    let mut dirs = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match *arg {
            "--base" => base = Some(*it.next().ok_or("--base needs a revision")?),
            "--format" => match it.next() {
                Some(&"json") => json = true,
                Some(&"markdown") => json = false,
                other => return Err(format!("--format takes markdown or json, not {other:?}")),
            },
            "--allow-breaking" => allow_breaking = true,
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"))
            }
            dir => dirs.push(PathBuf::from(dir)),
        }
    }
    if (!dirs.is_empty() && dirs.len() != 2) || (dirs.len() == 2 && base.is_some()) {
        return Err(format!("diff takes --base REV or two folders\n{USAGE}"));
    }
    if dry_run() {
        return Ok(());
    }
    let (old_dir, new_dir, title) = match (dirs.as_slice(), base) {
        ([old, new], None) => (
            old.clone(),
            new.clone(),
            format!("{} -> {}", old.display(), new.display()),
        ),
        ([], base) => {
            let rev = base.unwrap_or("HEAD");
            let old = export_spec_at(root, rev)?;
            (
                old,
                root.join("api-spec"),
                format!("api-spec at {rev} -> working tree"),
            )
        }
        _ => return Err(format!("diff takes --base REV or two folders\n{USAGE}")),
    };
    let load = |dir: &Path, which: &str| {
        codegen::spec::load(dir).map_err(|p| {
            format!(
                "{p}\ncargo xtask diff: the {which} specs ({}) do not load",
                dir.display()
            )
        })
    };
    let report = codegen::diff::diff(&load(&old_dir, "old")?, &load(&new_dir, "new")?, &title);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
        );
    } else {
        print!("{}", report.to_markdown());
    }
    if report.has_breaking() && !allow_breaking {
        return Err(
            "cargo xtask diff: breaking changes present (pass --allow-breaking to accept them)"
                .into(),
        );
    }
    Ok(())
}

/// Writes `api-spec/` as of `rev` into `target/xtask-diff/` and returns that folder.
fn export_spec_at(root: &Path, rev: &str) -> Result<PathBuf, String> {
    let git = |args: &[&str]| -> Result<Vec<u8>, String> {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(format!(
                "git {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    };
    let listing = git(&["ls-tree", "-r", "--name-only", rev, "--", "api-spec"])?;
    let files: Vec<String> = String::from_utf8_lossy(&listing)
        .lines()
        .map(str::to_owned)
        .collect();
    if files.is_empty() {
        return Err(format!("no api-spec/ at {rev}"));
    }
    let dir = root.join("target/xtask-diff/base");
    let _ = std::fs::remove_dir_all(&dir);
    for file in files {
        let content = git(&["show", &format!("{rev}:{file}")])?;
        let rel = file.strip_prefix("api-spec/").unwrap_or(&file);
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, content).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(dir)
}

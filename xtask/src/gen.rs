//! `cargo xtask gen`: the generated parts of `generated-sdk/` from the specs.

use std::path::{Path, PathBuf};

use crate::{dry_run, USAGE};

/// Regenerates the generated parts of `generated-sdk/`; with `check`,
/// writes nothing and fails naming each stale, missing or extra file.
pub(crate) fn gen_args(root: &Path, args: &[&str]) -> Result<(), String> {
    let mut check = false;
    let mut specs: Option<PathBuf> = None;
    let mut out = root.join("generated-sdk");
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match *arg {
            "--check" => check = true,
            "--specs" => specs = Some(it.next().map(PathBuf::from).ok_or(USAGE)?),
            "--out" => out = it.next().map(PathBuf::from).ok_or(USAGE)?,
            _ => return Err(USAGE.into()),
        }
    }
    if dry_run() {
        return Ok(());
    }
    match specs {
        Some(specs) => gen(&specs, &out, check, root),
        // Every edition that has a tree, each into its own crates.
        None => {
            for edition in codegen::spec::Edition::ALL {
                let specs = root.join(edition.spec_dir());
                if edition == codegen::spec::Edition::Intl || specs.is_dir() {
                    gen(&specs, &out, check, root)?;
                }
            }
            Ok(())
        }
    }
}

/// Generates from the spec folder `specs` into `sdk` (`generated-sdk/`, or a
/// copy of it given with `--out`): every file of the generated folders,
/// and the generated blocks of the facade's manifest.
fn gen(specs: &Path, sdk: &Path, check: bool, root: &Path) -> Result<(), String> {
    let started = std::time::Instant::now();
    let failed = |p: codegen::Problems| format!("{p}\ncargo xtask gen: failed");
    let set = codegen::spec::load(specs).map_err(failed)?;
    let edition = set.edition;
    let progress = crate::progress::bar(set.services.len(), "gen");
    let generated = codegen::generate_with_progress(set, &|done| {
        progress.set_message(done.to_owned());
        progress.inc(1);
    })
    .map_err(failed)?;
    progress.finish_and_clear();
    let files = &generated.files;
    // Paths in messages: relative to the workspace when inside it.
    let shown = sdk.strip_prefix(root).unwrap_or(sdk).display().to_string();
    let mut existing = Vec::new();
    for dir in codegen::emit::generated_dirs(edition) {
        list_files(&sdk.join(dir), sdk, &mut existing);
    }
    let mut stale = Vec::new();
    let mut on_demand = 0;
    for (rel, text) in files {
        let path = sdk.join(rel);
        let current = std::fs::read_to_string(&path).ok();
        if check && current.is_none() && !generated.is_checked_in(rel) {
            // Not checked in, not generated yet: nothing to compare.
            on_demand += 1;
            continue;
        }
        if current.as_deref() != Some(text.as_str()) {
            stale.push(format!("{shown}/{rel}"));
            if !check {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                }
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    // The facade's manifest: one feature and optional dependency per
    // service of the international edition.
    if edition == codegen::spec::Edition::Intl {
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
    }
    for rel in existing.iter().filter(|r| !files.contains_key(*r)) {
        stale.push(format!("{shown}/{rel} (no longer generated)"));
        if !check {
            std::fs::remove_file(sdk.join(rel)).map_err(|e| format!("{rel}: {e}"))?;
        }
    }
    if !check {
        remove_empty_dirs(&sdk.join(edition.services_dir()));
    }
    if check {
        if stale.is_empty() {
            println!(
                "{}: generated code is up to date ({} files; {on_demand} of them, the sources of services no curator has worked on, not written yet)",
                edition.spec_dir(),
                files.len()
            );
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
        "{}: {} files generated, {} changed, in {:.2} s",
        edition.spec_dir(),
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

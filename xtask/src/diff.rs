//! `cargo xtask diff`: a semantic report of spec changes for review.

use std::path::{Path, PathBuf};

use crate::{dry_run, USAGE};

/// `cargo xtask diff`: a semantic report of spec changes for review.
pub(crate) fn diff(root: &Path, args: &[&str]) -> Result<(), String> {
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

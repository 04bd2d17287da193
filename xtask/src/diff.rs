//! `cargo xtask diff`: a semantic report of spec changes for review.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::{dry_run, USAGE};

/// `cargo xtask diff`: a semantic report of spec changes for review.
pub(crate) fn diff(root: &Path, args: &[&str]) -> Result<(), String> {
    let mut base = None;
    let mut json = false;
    let mut allow_breaking = false;
    let mut edition = codegen::spec::Edition::Intl;
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
            "--edition" => {
                let name = it.next().ok_or("--edition needs intl or cn")?;
                edition = codegen::spec::Edition::from_name(name)
                    .ok_or_else(|| format!("unknown edition {name:?}\n{USAGE}"))?;
            }
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
            let dir = edition.spec_dir();
            let old = export_spec_at(root, rev, dir)?;
            (
                old,
                root.join(dir),
                format!("{dir} at {rev} -> working tree"),
            )
        }
        _ => return Err(format!("diff takes --base REV or two folders\n{USAGE}")),
    };
    let started = Instant::now();
    let (old_set, new_set) = load_both(&old_dir, &new_dir)?;
    let loaded = started.elapsed();
    let report = codegen::diff::diff(&old_set, &new_set, &title);
    let compared = started.elapsed() - loaded;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
        );
    } else {
        print!("{}", report.to_markdown());
    }
    // On stderr, so that the report on stdout stays what it was.
    eprintln!(
        "cargo xtask diff: specs loaded in {:.1} s, compared and generated in {:.1} s",
        loaded.as_secs_f64(),
        compared.as_secs_f64()
    );
    if report.has_breaking() && !allow_breaking {
        return Err(
            "cargo xtask diff: breaking changes present (pass --allow-breaking to accept them)"
                .into(),
        );
    }
    Ok(())
}

/// Loads the old and the new spec folders, one on each thread (the whole
/// surface is about 20,000 files a side).
fn load_both(
    old: &Path,
    new: &Path,
) -> Result<(codegen::spec::SpecSet, codegen::spec::SpecSet), String> {
    let load = |dir: &Path, which: &str| {
        codegen::spec::load(dir).map_err(|p| {
            format!(
                "{p}\ncargo xtask diff: the {which} specs ({}) do not load",
                dir.display()
            )
        })
    };
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(|| load(old, "old"));
        let b = load(new, "new");
        (a.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), b)
    });
    Ok((a?, b?))
}

/// Writes the spec tree `spec_dir` as of `rev` into `target/xtask-diff/base/` and returns
/// that folder: one `git archive` piped into `tar`, not a git process per
/// file (the whole surface is about 20,000 files).
fn export_spec_at(root: &Path, rev: &str, spec_dir: &str) -> Result<PathBuf, String> {
    let dir = root.join("target/xtask-diff/base");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut git = Command::new("git")
        .args(["archive", "--format=tar", rev, "--", spec_dir])
        .current_dir(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let archive = git.stdout.take().ok_or("git archive: no output")?;
    let tar = Command::new("tar")
        .args(["-x", "--strip-components=1", "-f", "-", "-C"])
        .arg(&dir)
        .stdin(archive)
        .output()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    let git = git
        .wait_with_output()
        .map_err(|e| format!("git archive: {e}"))?;
    if !git.status.success() {
        return Err(format!(
            "git archive {rev} {spec_dir}: {} (is there a {spec_dir}/ at {rev}?)",
            String::from_utf8_lossy(&git.stderr).trim()
        ));
    }
    if !tar.status.success() {
        return Err(format!(
            "tar, extracting {spec_dir}/ at {rev}: {}",
            String::from_utf8_lossy(&tar.stderr).trim()
        ));
    }
    Ok(dir)
}

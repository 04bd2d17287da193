//! `cargo xtask constraints`: constraints drafted from the documents of an
//! official description folder, for review (see `docs/constraints.md`).

use std::io::Write;
use std::path::{Path, PathBuf};

const USAGE: &str = "\
usage:
  cargo xtask constraints [--edition intl|cn] [--from DIR] --json [SERVICE...]
  cargo xtask constraints --score FILE
  cargo xtask constraints review SERVICE VERSION [--list | --accept T... | --reject T --why TEXT]

  Drafts constraints from each input member's document and prints one JSON
  object per member that has a draft: service, version, structure (the
  description's name), member (the wire name), allowed, minimum, maximum,
  min_length, max_length, pattern, default, unit, conditional, evidence.
  --from DIR: a tccli/services folder (default: the edition's pinned
  description, installed under target/ as by `cargo xtask import`;
  --edition: intl, the default, or cn). SERVICE: only these
  services (default: all).
  --score FILE: the drafts of a hand-labelled set (tests/fixtures/
  constraints/*.json) against its labels: precision and recall per kind,
  and each wrong draft.";

/// Runs `cargo xtask constraints`.
pub fn run(root: &Path, args: &[&str]) -> Result<(), String> {
    let mut from: Option<PathBuf> = None;
    let mut json = false;
    let mut edition = codegen::spec::Edition::Intl;
    let mut services = Vec::new();
    if let ["review", rest @ ..] = args {
        return crate::constraints_review::run(root, rest);
    }
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match *arg {
            "--score" => return score(it.next().ok_or(USAGE)?),
            "--from" => from = Some(it.next().ok_or(USAGE)?.into()),
            "--json" => json = true,
            "--edition" => {
                let name = it.next().ok_or(USAGE)?;
                edition = codegen::spec::Edition::from_name(name)
                    .ok_or_else(|| format!("unknown edition {name:?}\n{USAGE}"))?;
            }
            "--help" | "-h" => return Err(USAGE.to_owned()),
            other if other.starts_with("--") => {
                return Err(format!("unknown option {other}\n{USAGE}"))
            }
            service => services.push(service),
        }
    }
    if !json {
        return Err(format!("--json is the only output for now\n{USAGE}"));
    }
    if crate::dry_run() {
        return Ok(());
    }
    let dir = match from {
        Some(dir) => dir,
        None => crate::import::pinned(root, edition)?.services,
    };
    let drafts = importer::drafter::drafts_in(&dir, &services)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut printed = 0usize;
    for d in drafts.iter().filter(|d| has_draft(d)) {
        let line = serde_json::to_string(d).map_err(|e| e.to_string())?;
        writeln!(out, "{line}").map_err(|e| format!("stdout: {e}"))?;
        printed += 1;
    }
    out.flush().map_err(|e| format!("stdout: {e}"))?;
    eprintln!("{printed} of {} input members have a draft", drafts.len());
    Ok(())
}

fn has_draft(d: &importer::drafter::MemberDraft) -> bool {
    d.allowed.is_some()
        || d.minimum.is_some()
        || d.maximum.is_some()
        || d.min_length.is_some()
        || d.max_length.is_some()
        || d.pattern.is_some()
        || d.default.is_some()
        || d.unit.is_some()
        || d.conditional
}

/// Prints the scores of a labelled set.
fn score(file: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let scores =
        importer::drafter::score::score_labels(&text).map_err(|e| format!("{file}: {e}"))?;
    println!(
        "{file}: {} members of {} services\n\n{}",
        scores.members,
        scores.services,
        scores.table()
    );
    if !scores.wrong.is_empty() {
        println!("wrong drafts:\n{}", scores.wrong.join("\n"));
    }
    Ok(())
}

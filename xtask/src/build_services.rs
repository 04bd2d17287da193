//! `cargo xtask build-services`: builds service crates each on its own, as a
//! user who depends on one would, and reports per crate the seconds, the
//! peak rustc memory and the warnings.
//!
//! A service crate is not a workspace member: each is checked as a
//! workspace of its own (`--manifest-path`), with clippy's lints, in two
//! feature sets (models only; the client and the registry), and documented
//! with rustdoc. All share one target folder (`target/services/`), so the
//! runtime crate and third-party crates build once.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use codegen::spec::Edition;

use crate::bench_measure::METER_ENV;

const USAGE: &str = "\
usage: cargo xtask build-services [--edition intl|cn] [--specs DIR] [--all]
                                  [--sample N] [--changed-since REV]
                                  [--curated] [--report FILE] [SERVICE...]

  Builds the named service crates, each alone (clippy with the crate's two
  feature sets, then rustdoc), and prints a table: seconds, peak rustc
  memory, warnings. Fails when any crate has a warning or an error.
  --all               every service crate
  --sample N          N crates chosen from the commit: consecutive commits
                      take consecutive windows, so every crate is built
                      within (crates / N) commits
  --changed-since REV the crates whose specs changed since REV
  --curated           the crates of the services a curator has worked on
  --report FILE       also write the table (Markdown) to FILE
  --edition E         the crates of edition E (intl, the default: services/;
                      cn: services-cn/), from its spec tree
  --specs DIR         the spec tree to read (default: the edition's); its
                      edition.json names the edition
  Run `cargo xtask gen` first: the crates' sources are generated.";

struct Args {
    edition: Edition,
    specs: Option<PathBuf>,
    all: bool,
    sample: Option<usize>,
    changed_since: Option<String>,
    curated: bool,
    report: Option<PathBuf>,
    named: Vec<String>,
}

fn parse(args: &[&str]) -> Result<Args, String> {
    let mut a = Args {
        edition: Edition::Intl,
        specs: None,
        all: false,
        sample: None,
        changed_since: None,
        curated: false,
        report: None,
        named: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .map(|s| s.to_string())
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match *arg {
            "--all" => a.all = true,
            "--curated" => a.curated = true,
            "--sample" => {
                a.sample = Some(
                    value()?
                        .parse()
                        .map_err(|e| format!("--sample: {e}\n{USAGE}"))?,
                )
            }
            "--changed-since" => a.changed_since = Some(value()?),
            "--edition" => {
                let name = value()?;
                a.edition = Edition::from_name(&name)
                    .ok_or_else(|| format!("unknown edition {name:?}\n{USAGE}"))?;
            }
            "--specs" => a.specs = Some(PathBuf::from(value()?)),
            "--report" => a.report = Some(PathBuf::from(value()?)),
            "-h" | "--help" => return Err(USAGE.into()),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"))
            }
            service => a.named.push(service.to_owned()),
        }
    }
    if !a.all && a.sample.is_none() && a.changed_since.is_none() && !a.curated && a.named.is_empty()
    {
        return Err(format!("name the crates to build\n{USAGE}"));
    }
    Ok(a)
}

/// One crate's build.
struct Outcome {
    service: String,
    package: String,
    actions: usize,
    seconds: f64,
    peak_mb: f64,
    warnings: usize,
    errors: usize,
}

/// Runs `cargo xtask build-services`.
pub fn run(root: &Path, args: &[&str]) -> Result<(), String> {
    let mut a = parse(args)?;
    if crate::dry_run() {
        return Ok(());
    }
    let specs = a
        .specs
        .clone()
        .unwrap_or_else(|| root.join(a.edition.spec_dir()));
    a.edition = Edition::of_tree(&specs)?;
    let services = crate::spec_services(&specs)?;
    let chosen = choose(root, &a, &specs, &services)?;
    let exe = std::env::current_exe().map_err(|e| format!("cannot find xtask itself: {e}"))?;
    let target = root.join("target/services");
    let progress = crate::progress::bar(chosen.len(), "build-services");
    let mut outcomes = Vec::new();
    for service in &chosen {
        progress.set_message(service.clone());
        let actions = services
            .iter()
            .find(|(s, _)| s == service)
            .map_or(0, |(_, n)| *n);
        let outcome = build_one(root, &target, &exe, (a.edition, service), actions)?;
        // Above the bar on a terminal; in CI, a log line per crate.
        progress.suspend(|| {
            eprintln!(
                "{service}: {:.1} s, {:.0} MB, {} warning(s), {} error(s)",
                outcome.seconds, outcome.peak_mb, outcome.warnings, outcome.errors
            )
        });
        outcomes.push(outcome);
        progress.inc(1);
    }
    progress.finish_and_clear();
    let table = render(&outcomes);
    print!("{table}");
    if let Some(file) = &a.report {
        std::fs::write(file, &table).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    let bad: Vec<&str> = outcomes
        .iter()
        .filter(|o| o.warnings > 0 || o.errors > 0)
        .map(|o| o.service.as_str())
        .collect();
    if bad.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "cargo xtask build-services: warnings or errors in {}",
            bad.join(", ")
        ))
    }
}

/// The crates to build, by service name, in order.
fn choose(
    root: &Path,
    a: &Args,
    specs: &Path,
    services: &[(String, usize)],
) -> Result<Vec<String>, String> {
    let all: Vec<String> = services.iter().map(|(s, _)| s.clone()).collect();
    let mut chosen = BTreeSet::new();
    for name in &a.named {
        if !all.contains(name) {
            return Err(format!("no service {name} in {}", specs.display()));
        }
        chosen.insert(name.clone());
    }
    if a.all {
        chosen.extend(all.iter().cloned());
    }
    if a.curated {
        let set = codegen::spec::load(specs).map_err(|p| p.to_string())?;
        for ((service, _), sv) in &set.services {
            if sv.is_curated() {
                chosen.insert(service.clone());
            }
        }
    }
    if let Some(rev) = &a.changed_since {
        chosen.extend(
            changed_since(root, a.edition, rev)?
                .into_iter()
                .filter(|s| all.contains(s)),
        );
    }
    if let Some(n) = a.sample {
        let commits = crate::git(root, &["rev-list", "--count", "HEAD"])?;
        let commits: usize = commits.trim().parse().unwrap_or(0);
        chosen.extend(sample(&all, n, commits));
    }
    Ok(chosen.into_iter().collect())
}

/// `n` of `all`, the window that commit number `commits` takes: window k
/// starts at `k * n`, wrapping, so consecutive commits cover every crate
/// in `all.len() / n` commits.
pub(crate) fn sample(all: &[String], n: usize, commits: usize) -> Vec<String> {
    if all.is_empty() {
        return Vec::new();
    }
    let n = n.min(all.len());
    let start = commits.wrapping_mul(n) % all.len();
    (0..n)
        .map(|i| all[(start + i) % all.len()].clone())
        .collect()
}

/// The services whose spec folders changed between `rev` and the working tree.
fn changed_since(root: &Path, edition: Edition, rev: &str) -> Result<BTreeSet<String>, String> {
    let dir = edition.spec_dir();
    let out = crate::git(root, &["diff", "--name-only", rev, "--", dir])?;
    Ok(out
        .lines()
        .filter_map(|l| l.strip_prefix(dir)?.strip_prefix('/')?.split_once('/'))
        .map(|(service, _)| service.to_owned())
        .collect())
}

/// Clippy in both feature sets, then rustdoc, of one service crate.
fn build_one(
    root: &Path,
    target: &Path,
    exe: &Path,
    (edition, service): (Edition, &str),
    actions: usize,
) -> Result<Outcome, String> {
    let dir = root
        .join("generated-sdk")
        .join(edition.services_dir())
        .join(service);
    if !dir.join("src/lib.rs").is_file() {
        return Err(format!(
            "{}: no src/lib.rs; run `cargo xtask gen` first",
            dir.display()
        ));
    }
    // The crate is a workspace of its own: give it the workspace's lockfile,
    // so it builds with the dependency versions the repository pins.
    let lock = dir.join("Cargo.lock");
    std::fs::copy(root.join("Cargo.lock"), &lock)
        .map_err(|e| format!("{}: {e}", lock.display()))?;
    let log = target.join(format!("rustc-meter-{service}.log"));
    let _ = std::fs::create_dir_all(target);
    let _ = std::fs::remove_file(&log);
    let mut outcome = Outcome {
        service: service.to_owned(),
        package: edition.package_name(service),
        actions,
        seconds: 0.0,
        peak_mb: 0.0,
        warnings: 0,
        errors: 0,
    };
    let started = Instant::now();
    // The crate's own artifacts are removed first: a cached check runs no
    // rustc, so it would report neither memory nor warnings.
    let package = edition.package_name(service);
    let steps: [&[&str]; 4] = [
        &["clean", "-p", &package],
        &["clippy", "--no-default-features"],
        &["clippy", "--all-features"],
        &["doc", "--no-deps", "--all-features"],
    ];
    let mut result = Ok(());
    for step in steps {
        let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cmd.args(step);
        if step[0] != "clean" {
            cmd.arg("--message-format=json");
        }
        cmd.args(["--offline", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", target)
            .env("CARGO_INCREMENTAL", "0")
            .env("RUSTC_WRAPPER", exe)
            .env(METER_ENV, &log)
            .env_remove("RUSTFLAGS");
        match cmd.output() {
            Ok(out) => {
                count_messages(&out.stdout, &package, &mut outcome);
                if !out.status.success() && outcome.errors == 0 {
                    outcome.errors += 1;
                    eprintln!("{service}: {}", String::from_utf8_lossy(&out.stderr));
                }
            }
            Err(e) => {
                result = Err(format!("cannot run cargo: {e}"));
                break;
            }
        }
    }
    outcome.seconds = started.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&lock);
    result?;
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let crate_name = codegen::emit::manifest::library_name_in(edition, service);
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let (_, kb, name) = (parts.next(), parts.next(), parts.next());
        if name == Some(crate_name.as_str()) {
            let kb: f64 = kb.and_then(|k| k.parse().ok()).unwrap_or(0.0);
            outcome.peak_mb = outcome.peak_mb.max(kb / 1024.0);
        }
    }
    Ok(outcome)
}

/// Counts the crate's own warnings and errors in cargo's JSON messages (a
/// dependency's never reach here: they build with lints capped), printing
/// each so a failing run says what failed.
fn count_messages(stdout: &[u8], package: &str, outcome: &mut Outcome) {
    for line in String::from_utf8_lossy(stdout).lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if msg["reason"] != "compiler-message" {
            continue;
        }
        let id = msg["package_id"].as_str().unwrap_or_default();
        if !id.contains(&format!("/{package}#")) && !id.contains(&format!("{package}@")) {
            continue;
        }
        let rendered = msg["message"]["rendered"].as_str().unwrap_or_default();
        // Summary lines ("N warnings emitted") carry no span: no finding of their own.
        let has_spans = msg["message"]["spans"]
            .as_array()
            .is_some_and(|s| !s.is_empty());
        if !has_spans {
            continue;
        }
        match msg["message"]["level"].as_str() {
            Some("warning") => outcome.warnings += 1,
            Some("error") => outcome.errors += 1,
            _ => continue,
        }
        eprint!("{rendered}");
    }
}

fn render(outcomes: &[Outcome]) -> String {
    let mut out = String::from(
        "| Crate | Actions | Seconds | Peak rustc MB | Warnings | Errors |\n|---|---|---|---|---|---|\n",
    );
    for o in outcomes {
        let _ = writeln!(
            out,
            "| {} | {} | {:.1} | {:.0} | {} | {} |",
            o.package, o.actions, o.seconds, o.peak_mb, o.warnings, o.errors
        );
    }
    let total: f64 = outcomes.iter().map(|o| o.seconds).sum();
    let peak = outcomes.iter().map(|o| o.peak_mb).fold(0.0, f64::max);
    let warnings: usize = outcomes.iter().map(|o| o.warnings).sum();
    let errors: usize = outcomes.iter().map(|o| o.errors).sum();
    let _ = writeln!(
        out,
        "| **{} crates** | {} | {total:.0} | {peak:.0} | {warnings} | {errors} |",
        outcomes.len(),
        outcomes.iter().map(|o| o.actions).sum::<usize>()
    );
    out
}

#[cfg(test)]
mod tests {
    use super::sample;

    #[test]
    fn consecutive_commits_cover_every_crate() {
        let all: Vec<String> = (0..23).map(|i| format!("s{i:02}")).collect();
        let mut seen = std::collections::BTreeSet::new();
        // 23 crates, 8 per commit: 3 commits cover them all.
        for commit in 100..103 {
            let picked = sample(&all, 8, commit);
            assert_eq!(picked.len(), 8);
            seen.extend(picked);
        }
        assert_eq!(seen.len(), all.len());
        assert_eq!(sample(&all, 50, 7).len(), 23, "at most every crate");
        assert!(sample(&[], 8, 1).is_empty());
    }
}

//! `cargo xtask bench-build --against REV`: each service's crate built here
//! (the core crate included) against the facade with that service's feature
//! at another revision, alternating so that both sides see the same machine.
//!
//! The other revision is checked out with `git worktree` in
//! `target/bench-build/against/` and built in its own target folder, each
//! side's third-party dependencies built once before the measured builds.

use std::fmt::Write as _;
use std::path::Path;

use crate::bench_measure::{Bench, Row, CORE, FACADE};

/// Measures and returns the comparison as a Markdown section.
pub fn run(
    root: &Path,
    work: &Path,
    meter: &Path,
    rev: &str,
    services: &[(String, usize)],
    runs: usize,
) -> Result<String, String> {
    let tree = work.join("against");
    checkout(root, &tree, rev)?;
    let result = compare(root, work, &tree, meter, rev, services, runs);
    let _ = git(
        root,
        &["worktree", "remove", "--force", &tree.to_string_lossy()],
    );
    result
}

fn compare(
    root: &Path,
    work: &Path,
    tree: &Path,
    meter: &Path,
    rev: &str,
    services: &[(String, usize)],
    runs: usize,
) -> Result<String, String> {
    let (here_manifest, there_manifest) = (root.join("Cargo.toml"), tree.join("Cargo.toml"));
    let (here_target, there_target) = (work.join("target"), work.join("against-target"));
    let mut here_packages = vec![CORE.to_owned(), FACADE.to_owned()];
    here_packages.extend(
        services
            .iter()
            .map(|(s, _)| codegen::emit::manifest::package_name(s)),
    );
    let there_packages = vec![FACADE.to_owned()];
    let bench = |manifest, packages, target| Bench {
        manifest,
        packages,
        target,
        meter,
        runs: 1,
        profile: "debug",
    };
    let here = bench(&here_manifest, &here_packages, &here_target);
    let there = bench(&there_manifest, &there_packages, &there_target);
    let short = rev.chars().take(12).collect::<String>();
    let mut out = format!(
        "\nThis tree against `{short}`, clean debug builds alternated, the fastest of {runs} each: \
         a service crate here (core included) and `{FACADE} --features <service>` there.\n\n\
         | Build | Here wall s | There wall s | Wall ratio | Here rustc s | There rustc s | rustc ratio |\n\
         |---|---|---|---|---|---|---|\n"
    );
    for (service, actions) in services {
        let package = codegen::emit::manifest::package_name(service);
        for client in [false, true] {
            let mut best: (Option<Row>, Option<Row>) = (None, None);
            for i in 0..runs {
                let a = here.measure(&package, *actions, &package, &[], client, i == 0)?;
                let b = there.measure(
                    &format!("{FACADE} --features {service}"),
                    *actions,
                    FACADE,
                    std::slice::from_ref(service),
                    client,
                    i == 0,
                )?;
                best.0 = Some(faster(best.0, a));
                best.1 = Some(faster(best.1, b));
            }
            let (Some(a), Some(b)) = best else {
                continue;
            };
            let label = if client { "with client" } else { "models only" };
            let _ = writeln!(
                out,
                "| {package} vs {service} feature, {label} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
                a.wall,
                b.wall,
                a.wall / b.wall,
                a.rustc,
                b.rustc,
                a.rustc / b.rustc
            );
        }
    }
    Ok(out)
}

fn faster(best: Option<Row>, row: Row) -> Row {
    match best {
        Some(b) if b.wall <= row.wall => b,
        _ => row,
    }
}

/// A fresh detached worktree of `rev` at `tree`.
fn checkout(root: &Path, tree: &Path, rev: &str) -> Result<(), String> {
    if tree.exists() {
        let _ = git(
            root,
            &["worktree", "remove", "--force", &tree.to_string_lossy()],
        );
        let _ = std::fs::remove_dir_all(tree);
    }
    let _ = git(root, &["worktree", "prune"]);
    git(
        root,
        &["worktree", "add", "--detach", &tree.to_string_lossy(), rev],
    )
}

fn git(root: &Path, args: &[&str]) -> Result<(), String> {
    crate::git(root, args).map(drop)
}

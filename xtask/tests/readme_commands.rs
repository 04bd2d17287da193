//! Every command in the README runs as written. Each `cargo xtask ...` line
//! is given to the real xtask binary with `XTASK_DRY_RUN` set, which reads
//! the arguments and stops; each `cargo run|build|bench|test ...` line is
//! checked against `cargo metadata`: the package and target exist, every
//! feature named exists, and the target's required features are on (the
//! mistake that made `cargo run -p tencentcloud-sdk --example
//! clone_and_wait` fail as once written).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ has a parent")
        .to_path_buf()
}

/// The `cargo ...` lines of the README's `sh` blocks, comments dropped, and
/// its inline code spans that run or build something (`cargo run ...`);
/// other inline spans name a command in prose (`cargo xtask import`).
fn readme_commands() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(lang) = trimmed.strip_prefix("```") {
            in_sh = !in_sh && lang == "sh";
            continue;
        }
        if !in_sh {
            let spans = line.split('`').skip(1).step_by(2);
            let runs = |c: &&str| {
                ["cargo run ", "cargo build ", "cargo bench ", "cargo test "]
                    .iter()
                    .any(|p| c.starts_with(p))
            };
            out.extend(spans.filter(runs).map(str::to_owned));
            continue;
        }
        let command = trimmed.split(" #").next().unwrap_or_default().trim();
        if command.starts_with("cargo ") {
            out.push(command.to_owned());
        }
    }
    out
}

/// What a `cargo run|build|bench|test` line selects.
#[derive(Default, Debug)]
struct Selection {
    package: Option<String>,
    workspace: bool,
    target: Option<(&'static str, String)>,
    features: Vec<String>,
    no_default: bool,
    all_features: bool,
}

fn parse(args: &[&str]) -> Result<Selection, String> {
    let mut s = Selection::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .map(|v| v.to_string())
                .ok_or(format!("{arg} needs a value"))
        };
        match *arg {
            "--" => break,
            "-p" | "--package" => s.package = Some(value()?),
            "--workspace" => s.workspace = true,
            "--example" => s.target = Some(("example", value()?)),
            "--bench" => s.target = Some(("bench", value()?)),
            "--bin" => s.target = Some(("bin", value()?)),
            "--features" | "-F" => s.features.extend(value()?.split(',').map(str::to_owned)),
            "--no-default-features" => s.no_default = true,
            "--all-features" => s.all_features = true,
            "--locked" | "--offline" | "-q" | "--quiet" | "--release" => {}
            other => return Err(format!("the check does not know the option {other}")),
        }
    }
    Ok(s)
}

fn metadata() -> Value {
    let out = Command::new(env!("CARGO"))
        .current_dir(root())
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
        ])
        .output()
        .expect("cargo metadata");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("metadata JSON")
}

/// `features` and everything they turn on in the same package.
fn closure(package: &Value, features: impl IntoIterator<Item = String>) -> BTreeSet<String> {
    let table = &package["features"];
    let mut on = BTreeSet::new();
    let mut todo: Vec<String> = features.into_iter().collect();
    while let Some(f) = todo.pop() {
        if on.insert(f.clone()) {
            for next in table[&f].as_array().into_iter().flatten() {
                let next = next.as_str().unwrap_or_default();
                if !next.contains(':') && !next.contains('/') {
                    todo.push(next.to_owned());
                }
            }
        }
    }
    on
}

/// Why the cargo command would fail, if it would.
fn check_cargo(meta: &Value, args: &[&str]) -> Result<(), String> {
    let s = parse(args)?;
    let Some(name) = &s.package else {
        return if s.workspace {
            Ok(())
        } else {
            Err("no -p: the workspace is virtual".into())
        };
    };
    let package = meta["packages"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == name.as_str()))
        .ok_or(format!("no package {name}"))?;
    for f in &s.features {
        if package["features"].get(f).is_none() {
            return Err(format!("{name} has no feature {f}"));
        }
    }
    let Some((kind, target)) = &s.target else {
        return Ok(());
    };
    let found = package["targets"]
        .as_array()
        .and_then(|ts| {
            ts.iter().find(|t| {
                t["name"] == target.as_str()
                    && t["kind"]
                        .as_array()
                        .is_some_and(|k| k.iter().any(|k| k == kind))
            })
        })
        .ok_or(format!("{name} has no {kind} {target}"))?;
    if s.all_features {
        return Ok(());
    }
    let mut given = s.features.clone();
    if !s.no_default {
        given.push("default".into());
    }
    let on = closure(package, given);
    let missing: Vec<&str> = found["required-features"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|f| !on.contains(*f))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("{kind} {target} requires the features {missing:?}"))
    }
}

fn check_xtask(args: &[&str]) -> Result<(), String> {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(root())
        .args(args)
        .env("XTASK_DRY_RUN", "1")
        .output()
        .map_err(|e| format!("cannot run xtask: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn every_readme_command_runs_as_written() {
    let commands = readme_commands();
    assert!(
        commands.len() >= 15,
        "only {} commands found",
        commands.len()
    );
    let meta = metadata();
    let mut failures = Vec::new();
    for command in &commands {
        let words: Vec<&str> = command.split_whitespace().collect();
        let result = match words.as_slice() {
            ["cargo", "xtask", rest @ ..] => check_xtask(rest),
            ["cargo", "run" | "build" | "bench" | "test", rest @ ..] => check_cargo(&meta, rest),
            _ => Err("a cargo command the check does not know".into()),
        };
        if let Err(why) = result {
            failures.push(format!("`{command}`: {why}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_check_catches_a_missing_required_feature_and_a_bad_xtask_option() {
    let meta = metadata();
    let missing = check_cargo(
        &meta,
        &["-p", "tencentcloud-sdk", "--example", "clone_and_wait"],
    );
    assert!(
        missing.as_ref().is_err_and(|e| e.contains("postgres")),
        "{missing:?}"
    );
    assert!(check_cargo(&meta, &["-p", "tencentcloud-sdk", "--features", "nope"]).is_err());
    assert!(check_cargo(&meta, &["-p", "tencentcloud-sdk", "--example", "nope"]).is_err());
    assert!(check_xtask(&["gen", "--nope"]).is_err());
    assert!(check_xtask(&["gen", "--check"]).is_ok());
}

//! `cargo xtask import`: the official API description into `api-spec/`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use importer::report::Report;
use importer::run::{self, Sources};

/// The pinned description: the command-line tool's package (api.json,
/// examples.json) and the Python SDK (errorcodes.py), international site.
const TCCLI: &str = "tccli-intl-en==3.1.193.1";
const PYTHON_SDK: &str = "tencentcloud-sdk-python-intl-en==3.1.193";

const USAGE: &str = "\
usage:
  cargo xtask import <service> <version> [--from DIR] [--errors-from DIR] [--check]
  cargo xtask import --check [--from DIR] [--errors-from DIR]
  cargo xtask import --all [--from DIR] [--errors-from DIR] [--out OUT]

  <version> as in api-spec/ (2017-03-12). Without --from, the pinned packages
  ({TCCLI}, {PYTHON_SDK}) are installed with pip into target/ and read from
  there. --from DIR: a tccli/services folder; --errors-from DIR: the Python
  SDK's tencentcloud folder (without it, error-codes.json is left as it is).
  --all: every service version of the description, into api-spec/ (or into
  OUT, merged with what OUT holds). --check: write nothing; fail when the
  checked-in specs differ from the description (without a service: every
  service version of the description and of api-spec/).";

struct Args {
    service: Option<(String, String)>,
    from: Option<PathBuf>,
    errors_from: Option<PathBuf>,
    out: Option<PathBuf>,
    all: bool,
    check: bool,
}

fn parse_args(args: &[&str]) -> Result<Args, String> {
    let mut a = Args {
        service: None,
        from: None,
        errors_from: None,
        out: None,
        all: false,
        check: false,
    };
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match *arg {
            "--from" => a.from = it.next().map(PathBuf::from),
            "--errors-from" => a.errors_from = it.next().map(PathBuf::from),
            "--out" => a.out = it.next().map(PathBuf::from),
            "--all" => a.all = true,
            "--check" => a.check = true,
            other if !other.starts_with("--") => positional.push(other.to_owned()),
            other => return Err(format!("unknown option {other}\n{}", usage())),
        }
    }
    match positional.as_slice() {
        [] => {}
        [s, v] => a.service = Some((s.clone(), v.clone())),
        _ => return Err(usage()),
    }
    if a.all && a.service.is_some() {
        return Err(format!("--all takes no service\n{}", usage()));
    }
    if !a.all && a.service.is_none() && !a.check {
        return Err(usage());
    }
    Ok(a)
}

/// Installs the pinned packages under `target/official-description/` once.
pub(crate) fn pinned(root: &Path) -> Result<Sources, String> {
    let dir = root.join("target/official-description");
    let stamp = dir.join(".installed");
    let want = format!("{TCCLI} {PYTHON_SDK}\n");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(want.as_str()) {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!("installing {TCCLI} and {PYTHON_SDK} into {}", dir.display());
        let status = Command::new("python3")
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "--target",
            ])
            .arg(&dir)
            .args([TCCLI, PYTHON_SDK])
            .status()
            .map_err(|e| format!("cannot run python3 -m pip: {e}"))?;
        if !status.success() {
            return Err(format!("pip could not install {TCCLI} and {PYTHON_SDK}"));
        }
        std::fs::write(&stamp, &want).map_err(|e| format!("{}: {e}", stamp.display()))?;
    }
    Ok(Sources {
        services: dir.join("tccli/services"),
        errors: Some(dir.join("tencentcloud")),
        errors_label: PYTHON_SDK.replace("==", " "),
    })
}

/// The usage text.
pub fn usage() -> String {
    USAGE
        .replace("{TCCLI}", TCCLI)
        .replace("{PYTHON_SDK}", PYTHON_SDK)
}

/// Runs `cargo xtask import`.
pub fn import(root: &Path, args: &[&str]) -> Result<(), String> {
    let a = parse_args(args)?;
    if crate::dry_run() {
        return Ok(());
    }
    let sources = match &a.from {
        Some(dir) => Sources {
            services: dir.clone(),
            errors: a.errors_from.clone(),
            errors_label: a
                .errors_from
                .as_ref()
                .map(|d| format!("Python SDK at {}", d.display()))
                .unwrap_or_default(),
        },
        None => {
            let mut s = pinned(root)?;
            if let Some(e) = &a.errors_from {
                s.errors = Some(e.clone());
            }
            s
        }
    };
    let spec_root = a.out.clone().unwrap_or_else(|| root.join("api-spec"));
    let described = run::list_service_versions(&sources.services)?;
    let targets: Vec<(String, String)> = if a.all {
        described.clone()
    } else if let Some(sv) = &a.service {
        vec![sv.clone()]
    } else {
        // --check of everything: the description's service versions and
        // any the specs hold beyond them (reported as not described).
        let mut all = described.clone();
        all.extend(checked_in(&spec_root)?);
        all.sort();
        all.dedup();
        all
    };
    if a.all && a.out.is_some() {
        std::fs::create_dir_all(&spec_root).map_err(|e| format!("{}: {e}", spec_root.display()))?;
        let common = root.join("api-spec/common-errors.json");
        let target = spec_root.join("common-errors.json");
        if common != target {
            std::fs::copy(&common, &target).map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    let started = Instant::now();
    let mut report = Report::default();
    let mut failed = Vec::new();
    let mut undescribed = Vec::new();
    let progress = crate::progress::bar(targets.len(), "import");
    for (service, version) in &targets {
        progress.set_message(format!("{service} {version}"));
        if described
            .binary_search(&(service.clone(), version.clone()))
            .is_err()
        {
            undescribed.push(format!("{service}/{version}"));
        } else if let Err(e) = run::import_service_version(
            &sources,
            &spec_root,
            service,
            version,
            a.check,
            &mut report,
        ) {
            failed.push(format!("{service} {version}: {e}"));
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    print!("{report}");
    println!(
        "{} file(s) {}, {} {} in {:.2} s",
        report.changed.len(),
        if a.check { "differ" } else { "written" },
        report.removed.len(),
        if a.check {
            "would be removed"
        } else {
            "removed"
        },
        started.elapsed().as_secs_f64()
    );
    for f in &failed {
        eprintln!("refused service version: {f}");
    }
    for sv in &undescribed {
        eprintln!("not in the description: api-spec/{sv} (remove it, or import from a description that has it)");
    }
    if !report.conflicts.is_empty() {
        return Err(format!(
            "cargo xtask import: {} curated fact(s) contradicted by the description; nothing written for those service versions",
            report.conflicts.len()
        ));
    }
    if a.check && (!report.changed.is_empty() || !report.removed.is_empty()) {
        for f in report.changed.iter().chain(&report.removed) {
            eprintln!("differs: api-spec/{f}");
        }
        return Err("cargo xtask import --check: the specs differ from the pinned description; run `cargo xtask import <service> <version>`".into());
    }
    if a.check && !undescribed.is_empty() {
        return Err(format!(
            "cargo xtask import --check: {} service version(s) of api-spec/ are not in the description",
            undescribed.len()
        ));
    }
    if !failed.is_empty() {
        return Err(format!(
            "cargo xtask import: {} service version(s) could not be read (the others were {})",
            failed.len(),
            if a.check { "checked" } else { "imported" }
        ));
    }
    Ok(())
}

/// Service versions present in a spec folder.
fn checked_in(spec_root: &Path) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let entries =
        std::fs::read_dir(spec_root).map_err(|e| format!("{}: {e}", spec_root.display()))?;
    for s in entries.flatten().filter(|e| e.path().is_dir()) {
        for v in std::fs::read_dir(s.path()).into_iter().flatten().flatten() {
            if v.path().join("service.json").is_file() {
                out.push((
                    s.file_name().to_string_lossy().into_owned(),
                    v.file_name().to_string_lossy().into_owned(),
                ));
            }
        }
    }
    out.sort();
    Ok(out)
}

//! `cargo xtask import`: an edition of the official API description into
//! its spec tree (`api-spec/`, `api-spec-cn/`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use codegen::spec::Edition;
use importer::report::Report;
use importer::run::{self, Sources};

/// The pinned description of an edition: the command-line tool's package
/// (api.json, examples.json) and the Python SDK (errorcodes.py, the client
/// files), installed under `target/<dir>`.
pub(crate) struct Pin {
    pub tccli: &'static str,
    pub python_sdk: &'static str,
    pub dir: &'static str,
}

/// The pin of each edition.
pub(crate) fn pin(edition: Edition) -> Pin {
    match edition {
        Edition::Intl => Pin {
            tccli: "tccli-intl-en==3.1.193.1",
            python_sdk: "tencentcloud-sdk-python-intl-en==3.1.193",
            dir: "official-description",
        },
        Edition::Cn => Pin {
            tccli: "tccli==3.1.189.1",
            python_sdk: "tencentcloud-sdk-python==3.1.195",
            dir: "official-description-cn",
        },
    }
}

const USAGE: &str = "\
usage:
  cargo xtask import [--edition intl|cn] <service> <version> [--from DIR] [--errors-from DIR] [--check]
  cargo xtask import [--edition intl|cn] --check [--from DIR] [--errors-from DIR]
  cargo xtask import [--edition intl|cn] --all [--from DIR] [--errors-from DIR] [--out OUT]

  --edition: the international description into api-spec/ (intl, the
  default) or the Chinese-site one into api-spec-cn/ (cn); the Chinese-site
  import copies the curated facts of api-spec/ onto what both editions have.
  <version> as in api-spec/ (2017-03-12). Without --from, the edition's pinned
  packages ({PINS}) are installed with pip into target/ and read from there.
  --from DIR: a tccli/services folder; --errors-from DIR: the Python SDK's
  tencentcloud folder (without it, error-codes.json is left as it is).
  --all: every service version of the description, into the edition's tree
  (or into OUT, merged with what OUT holds). --check: write nothing; fail
  when the checked-in specs differ from the description (without a service:
  every service version of the description and of the tree; without
  --edition: both editions).";

struct Args {
    edition: Option<Edition>,
    service: Option<(String, String)>,
    from: Option<PathBuf>,
    errors_from: Option<PathBuf>,
    out: Option<PathBuf>,
    all: bool,
    check: bool,
}

fn parse_args(args: &[&str]) -> Result<Args, String> {
    let mut a = Args {
        edition: None,
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
            "--edition" => {
                let name = it.next().copied().unwrap_or_default();
                a.edition = Some(
                    Edition::from_name(name)
                        .ok_or_else(|| format!("unknown edition {name:?}\n{}", usage()))?,
                );
            }
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

/// Installs the edition's pinned packages under `target/` once.
pub(crate) fn pinned(root: &Path, edition: Edition) -> Result<Sources, String> {
    let Pin {
        tccli,
        python_sdk,
        dir,
    } = pin(edition);
    let dir = root.join("target").join(dir);
    let stamp = dir.join(".installed");
    let want = format!("{tccli} {python_sdk}\n");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(want.as_str()) {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!("installing {tccli} and {python_sdk} into {}", dir.display());
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
            .args([tccli, python_sdk])
            .status()
            .map_err(|e| format!("cannot run python3 -m pip: {e}"))?;
        if !status.success() {
            return Err(format!("pip could not install {tccli} and {python_sdk}"));
        }
        std::fs::write(&stamp, &want).map_err(|e| format!("{}: {e}", stamp.display()))?;
    }
    Ok(Sources {
        services: dir.join("tccli/services"),
        errors: Some(dir.join("tencentcloud")),
        errors_label: python_sdk.replace("==", " "),
        edition,
        base: base_of(root, edition),
    })
}

/// The tree whose curated facts an import of `edition` copies.
fn base_of(root: &Path, edition: Edition) -> Option<PathBuf> {
    (edition != Edition::Intl).then(|| root.join(Edition::Intl.spec_dir()))
}

/// The usage text.
pub fn usage() -> String {
    let pins: Vec<String> = Edition::ALL
        .iter()
        .map(|e| {
            let p = pin(*e);
            format!("{}: {} and {}", e.name(), p.tccli, p.python_sdk)
        })
        .collect();
    USAGE.replace("{PINS}", &pins.join("; "))
}

/// Runs `cargo xtask import`.
pub fn import(root: &Path, args: &[&str]) -> Result<(), String> {
    let a = parse_args(args)?;
    if crate::dry_run() {
        return Ok(());
    }
    if a.edition.is_some() || !a.check || a.service.is_some() || a.from.is_some() {
        return import_edition(root, &a, a.edition.unwrap_or_default());
    }
    // `--check` alone: every edition that has a tree.
    let mut failed = Vec::new();
    for edition in Edition::ALL {
        if root.join(edition.spec_dir()).is_dir() {
            println!("== {} edition ({}/)", edition.label(), edition.spec_dir());
            if let Err(e) = import_edition(root, &a, edition) {
                failed.push(e);
            }
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join("\n"))
    }
}

/// The import of one edition.
fn import_edition(root: &Path, a: &Args, edition: Edition) -> Result<(), String> {
    let sources = match &a.from {
        Some(dir) => Sources {
            services: dir.clone(),
            errors: a.errors_from.clone(),
            errors_label: a
                .errors_from
                .as_ref()
                .map(|d| format!("Python SDK at {}", d.display()))
                .unwrap_or_default(),
            edition,
            base: base_of(root, edition),
        },
        None => {
            let mut s = pinned(root, edition)?;
            if let Some(e) = &a.errors_from {
                s.errors = Some(e.clone());
            }
            s
        }
    };
    let spec_root = a
        .out
        .clone()
        .unwrap_or_else(|| root.join(edition.spec_dir()));
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
    let mut report = Report::default();
    tree_root_files(root, &spec_root, edition, a, &mut report)?;
    let started = Instant::now();
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
        eprintln!(
            "not in the description: {}/{sv} (remove it, or import from a description that has it)",
            edition.spec_dir()
        );
    }
    if !report.conflicts.is_empty() {
        return Err(format!(
            "cargo xtask import: {} curated fact(s) contradicted by the description; nothing written for those service versions",
            report.conflicts.len()
        ));
    }
    if a.check && (!report.changed.is_empty() || !report.removed.is_empty()) {
        for f in report.changed.iter().chain(&report.removed) {
            eprintln!("differs: {}/{f}", edition.spec_dir());
        }
        return Err("cargo xtask import --check: the specs differ from the pinned description; run `cargo xtask import <service> <version>`".into());
    }
    if a.check && !undescribed.is_empty() {
        return Err(format!(
            "cargo xtask import --check: {} service version(s) of {}/ are not in the description",
            undescribed.len(),
            edition.spec_dir()
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

/// The files at a tree's root that the import owns: `common-errors.json`
/// (the international tree's, copied into another edition's tree and into
/// `--out`) and, in another edition's tree, `edition.json`.
fn tree_root_files(
    root: &Path,
    spec_root: &Path,
    edition: Edition,
    a: &Args,
    report: &mut Report,
) -> Result<(), String> {
    let common_name = "common-errors.json";
    let common = root.join(Edition::Intl.spec_dir()).join(common_name);
    let mut want = Vec::new();
    if edition != Edition::Intl || (a.all && a.out.is_some()) {
        let text =
            std::fs::read_to_string(&common).map_err(|e| format!("{}: {e}", common.display()))?;
        let mut spec: codegen::spec::CommonErrorsSpec =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", common.display()))?;
        spec.schema = edition.schema_ref(0);
        want.push((common_name, codegen::spec::canonical_json(&spec)));
    }
    if edition != Edition::Intl {
        want.push((codegen::spec::EDITION_FILE, edition.file_text()));
    }
    for (name, text) in want {
        let path = spec_root.join(name);
        if path == common || std::fs::read_to_string(&path).ok().as_deref() == Some(&text) {
            continue;
        }
        report.changed.push(name.to_owned());
        if !a.check {
            std::fs::create_dir_all(spec_root)
                .map_err(|e| format!("{}: {e}", spec_root.display()))?;
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
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

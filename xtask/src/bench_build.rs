//! `cargo xtask bench-build`: clean builds of the SDK's crates, timed.
//!
//! Each measured build is `cargo build --lib -j2` of one package (the core
//! crate, a service crate, or the facade with its services) right after
//! `cargo clean` of every SDK crate, so third-party dependencies are already
//! built and the SDK's own crates (the core crate included) are not, with
//! `CARGO_INCREMENTAL=0` as when a user builds them as dependencies. rustc
//! runs under this binary as `RUSTC_WRAPPER` (see [`rustc_meter`]), which
//! records the SDK crates' rustc time and peak memory. Builds run in
//! `target/bench-build/`; the larger sets are imported from the pinned
//! description into a scratch copy of `generated-sdk/` there.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use importer::report::Report;

use crate::bench_measure::{Bench, Row, CORE, FACADE};

const BEGIN: &str = "<!-- bench-build:begin (written by `cargo xtask bench-build`) -->";
const END: &str = "<!-- bench-build:end -->";

const USAGE: &str = "\
usage: cargo xtask bench-build [--runs N] [--no-release] [--no-scale] [--no-write] [--against REV]

  Clean debug (and release) builds of the SDK crates, third-party
  dependencies built, 2 jobs: models only and with client, for the core
  crate alone, each service crate (core included), the facade with every
  service, then sets of 112 to about 1,000 actions imported from the pinned
  description into a scratch copy of generated-sdk/ in target/bench-build/. Prints a table and writes it
  to docs/benchmarks.md (between the bench-build markers).
  --runs N: builds per row, the fastest is kept (default 1).
  --against REV: also, for each service, alternate clean debug builds of
  its crate here (core included) with `tencentcloud-sdk --features
  <service>` at revision REV (checked out in target/bench-build/against/),
  and print the ratios.";

/// Larger sets: services added in turn to postgres and redis.
const SCALE_STEPS: &[&[(&str, &str)]] = &[
    &[("postgres", "2017-03-12")],
    &[("redis", "2018-04-12")],
    &[("cvm", "2017-03-12"), ("vpc", "2017-03-12")],
    &[
        ("cdb", "2017-03-20"),
        ("tke", "2018-05-25"),
        ("clb", "2018-03-17"),
    ],
];

struct Options {
    runs: usize,
    release: bool,
    scale: bool,
    write: bool,
    /// A revision whose facade builds are measured beside this tree's.
    against: Option<String>,
}

pub fn run(root: &Path, args: &[&str]) -> Result<(), String> {
    let mut o = Options {
        runs: 1,
        release: true,
        scale: true,
        write: true,
        against: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match *arg {
            "--runs" => {
                o.runs = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or(USAGE)?
            }
            "--no-release" => o.release = false,
            "--no-scale" => o.scale = false,
            "--no-write" => o.write = false,
            "--against" => o.against = Some(it.next().ok_or(USAGE)?.to_string()),
            _ => return Err(USAGE.into()),
        }
    }
    if crate::dry_run() {
        return Ok(());
    }
    let work = root.join("target/bench-build");
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    // A copy of this binary is the rustc wrapper: rebuilding xtask while a
    // bench runs must not change it.
    let meter = work.join("rustc-meter");
    let exe = std::env::current_exe().map_err(|e| format!("cannot find xtask itself: {e}"))?;
    std::fs::copy(&exe, &meter).map_err(|e| format!("{}: {e}", meter.display()))?;

    let services = crate::spec_services(&root.join("api-spec"))?;
    let mut rows = Vec::new();
    let profiles: &[&'static str] = if o.release {
        &["debug", "release"]
    } else {
        &["debug"]
    };
    let manifest = root.join("Cargo.toml");
    let service_packages: Vec<String> = services
        .iter()
        .map(|(s, _)| codegen::emit::manifest::package_name(s))
        .collect();
    let mut packages = vec![CORE.to_owned(), FACADE.to_owned()];
    packages.extend(service_packages.iter().cloned());
    for &profile in profiles {
        let b = Bench {
            manifest: &manifest,
            packages: &packages,
            target: &work.join("target"),
            meter: &meter,
            runs: o.runs,
            profile,
        };
        for client in [false, true] {
            let base = b.measure("core crate alone", 0, CORE, &[], client, true)?;
            let base_rustc = base.rustc;
            rows.push(base);
            let mut sets: Vec<(String, String, Vec<String>, usize)> = services
                .iter()
                .zip(&service_packages)
                .map(|((_, n), p)| (format!("{p} (core included)"), p.clone(), vec![], *n))
                .collect();
            sets.push((
                format!(
                    "{FACADE} with {}",
                    services
                        .iter()
                        .map(|(s, _)| s.as_str())
                        .collect::<Vec<_>>()
                        .join(" + ")
                ),
                FACADE.to_owned(),
                vec!["all-services".into()],
                services.iter().map(|(_, n)| n).sum(),
            ));
            for (label, package, features, actions) in sets {
                let mut row = b.measure(&label, actions, &package, &features, client, true)?;
                row.base = Some(base_rustc);
                rows.push(row);
            }
        }
    }
    if o.scale {
        rows.extend(scale(root, &work, &meter, o.runs)?);
    }
    let mut table = render(&rows, &services);
    if let Some(rev) = &o.against {
        let compared = crate::bench_against::run(root, &work, &meter, rev, &services, o.runs)?;
        table.push_str(&compared);
    }
    print!("{table}");
    if o.write {
        let doc = root.join("docs/benchmarks.md");
        let text = std::fs::read_to_string(&doc).map_err(|e| format!("{}: {e}", doc.display()))?;
        let (Some(b), Some(e)) = (text.find(BEGIN), text.find(END)) else {
            return Err(format!(
                "docs/benchmarks.md: no `{BEGIN}` ... `{END}` markers"
            ));
        };
        let new = format!("{}{BEGIN}\n{table}{}", &text[..b], &text[e..]);
        std::fs::write(&doc, new).map_err(|e| format!("{}: {e}", doc.display()))?;
        println!("wrote docs/benchmarks.md");
    }
    Ok(())
}

/// The larger sets: each step's services imported into a scratch spec
/// folder (postgres and redis copied from `api-spec/`), generated into a
/// scratch copy of the crate, and built with every service on.
fn scale(root: &Path, work: &Path, meter: &Path, runs: usize) -> Result<Vec<Row>, String> {
    let sources = crate::import::pinned(root, codegen::spec::Edition::Intl)?;
    let specs = work.join("scale-specs");
    let sdk = work.join("scale-sdk");
    let _ = std::fs::remove_dir_all(&specs);
    std::fs::create_dir_all(&specs).map_err(|e| format!("{}: {e}", specs.display()))?;
    std::fs::copy(
        root.join("api-spec/common-errors.json"),
        specs.join("common-errors.json"),
    )
    .map_err(|e| format!("common-errors.json: {e}"))?;
    let manifest = sdk.join("Cargo.toml");
    let target = work.join("target");
    let mut rows = Vec::new();
    let mut names = Vec::new();
    let mut base = None;
    for step in SCALE_STEPS {
        for (service, version) in *step {
            let curated = root.join("api-spec").join(service).join(version);
            if curated.is_dir() {
                copy_dir(&curated, &specs.join(service).join(version))?;
            } else {
                let mut report = Report::default();
                importer::run::import_service_version(
                    &sources,
                    &specs,
                    service,
                    version,
                    false,
                    &mut report,
                )?;
            }
            names.push(*service);
        }
        let generated = codegen::generate(&specs).map_err(|p| p.to_string())?;
        xtask::scratch::lay_out(root, &sdk, &generated, "")?;
        let mut packages = vec![CORE.to_owned(), FACADE.to_owned()];
        packages.extend(
            names
                .iter()
                .map(|s| codegen::emit::manifest::package_name(s)),
        );
        let b = Bench {
            manifest: &manifest,
            packages: &packages,
            target: &target,
            meter,
            runs,
            profile: "debug",
        };
        let set = codegen::spec::load(&specs).map_err(|p| p.to_string())?;
        let actions: usize = set.services.values().map(|sv| sv.actions.len()).sum();
        // The runtime alone does not depend on the set: measure it once.
        let (models_base, client_base) = match base {
            Some(b) => b,
            None => {
                let m = |client| b.measure("scratch core crate", 0, CORE, &[], client, true);
                let b = (m(false)?.rustc, m(true)?.rustc);
                base = Some(b);
                b
            }
        };
        for (client, base) in [(false, models_base), (true, client_base)] {
            let mut row = b.measure(
                &format!("imported {}", names.join(" + ")),
                actions,
                FACADE,
                &["all-services".into()],
                client,
                true,
            )?;
            row.base = Some(base);
            rows.push(row);
        }
    }
    Ok(rows)
}

use xtask::scratch::copy_dir;

fn render(rows: &[Row], services: &[(String, usize)]) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "\nMachine: {}, {} cores available, {}; {}. Services in `api-spec/`: {}.\n",
        cpu_model(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        command_line("rustc", &["-V"]),
        command_line("date", &["-u", "+%Y-%m-%d"]),
        services
            .iter()
            .map(|(s, n)| format!("{s} ({n} actions)"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(
        t,
        "| Build | Actions | Profile | Wall s | rustc s | Peak rustc MB | rustc s per 100 actions |"
    );
    let _ = writeln!(t, "|---|---|---|---|---|---|---|");
    for r in rows {
        let _ = writeln!(
            t,
            "| {} | {} | {} | {:.2} | {:.2} | {:.0} | {} |",
            r.label,
            r.actions,
            r.profile,
            r.wall,
            r.rustc,
            r.peak_mb,
            r.per_100()
        );
    }
    t
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
            })
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

fn command_line(cmd: &str, args: &[&str]) -> String {
    Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

//! `cargo xtask bench-build`: clean builds of the SDK crate, timed.
//!
//! Each measured build is `cargo build --lib -j2` of `tencentcloud-sdk` right
//! after `cargo clean -p tencentcloud-sdk`, so its dependencies are already
//! built, with `CARGO_INCREMENTAL=0` as when a user builds the crate as a
//! dependency. rustc runs under this binary as `RUSTC_WRAPPER` (see
//! [`rustc_meter`]), which records the crate's own rustc time and peak
//! memory. Builds run in `target/bench-build/`; the larger sets are imported
//! from the pinned description into a scratch copy of the crate there.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use importer::report::Report;

/// Set, this binary is a rustc wrapper (see [`rustc_meter`]); its value
/// names the log file, or is empty for builds that are not measured.
pub const METER_ENV: &str = "XTASK_RUSTC_METER_LOG";

const BEGIN: &str = "<!-- bench-build:begin (written by `cargo xtask bench-build`) -->";
const END: &str = "<!-- bench-build:end -->";

const USAGE: &str = "\
usage: cargo xtask bench-build [--runs N] [--no-release] [--no-scale] [--no-write]

  Clean debug (and release) builds of tencentcloud-sdk, dependencies built,
  2 jobs: models only and with client, for each service alone and all
  together, then sets of 112 to about 1,000 actions imported from the
  pinned description into target/bench-build/. Prints a table and writes it
  to docs/benchmarks.md (between the bench-build markers).
  --runs N: builds per row, the fastest is kept (default 1).";

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
}

/// One measured build.
struct Row {
    label: String,
    actions: usize,
    profile: &'static str,
    wall: f64,
    rustc: f64,
    peak_mb: f64,
    /// rustc seconds of the same build with no service: the runtime alone.
    base: Option<f64>,
}

impl Row {
    fn per_100(&self) -> String {
        match self.base {
            Some(base) if self.actions > 0 => {
                format!("{:.2}", (self.rustc - base) * 100.0 / self.actions as f64)
            }
            _ => String::new(),
        }
    }
}

pub fn run(root: &Path, args: &[&str]) -> Result<(), String> {
    let mut o = Options {
        runs: 1,
        release: true,
        scale: true,
        write: true,
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
            _ => return Err(USAGE.into()),
        }
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
    let krate = root.join("generated-sdk");
    for &profile in profiles {
        let b = Bench {
            krate: &krate,
            target: &work.join("target"),
            meter: &meter,
            runs: o.runs,
            profile,
        };
        for client in [false, true] {
            let base = b.measure("no service", 0, &[], client, true)?;
            let base_rustc = base.rustc;
            rows.push(base);
            let mut sets: Vec<(String, Vec<String>, usize)> = services
                .iter()
                .map(|(s, n)| (format!("{s} alone"), vec![s.clone()], *n))
                .collect();
            if services.len() > 1 {
                sets.push((
                    services
                        .iter()
                        .map(|(s, _)| s.as_str())
                        .collect::<Vec<_>>()
                        .join(" + "),
                    vec!["all-services".into()],
                    services.iter().map(|(_, n)| n).sum(),
                ));
            }
            for (label, features, actions) in sets {
                let mut row = b.measure(&label, actions, &features, client, false)?;
                row.base = Some(base_rustc);
                rows.push(row);
            }
        }
    }
    if o.scale {
        rows.extend(scale(root, &work, &meter, o.runs)?);
    }
    let table = render(&rows, &services);
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

struct Bench<'a> {
    krate: &'a Path,
    target: &'a Path,
    meter: &'a Path,
    runs: usize,
    profile: &'static str,
}

impl Bench<'_> {
    fn clean(&self) -> Command {
        let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        c.args(["clean", "-q", "-p", "tencentcloud-sdk", "--manifest-path"])
            .arg(self.krate.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", self.target);
        if self.profile == "release" {
            c.arg("--release");
        }
        c
    }

    fn cargo(&self, args: &[&str], features: &[String], client: bool) -> Command {
        let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        c.args(args)
            .arg("--manifest-path")
            .arg(self.krate.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", self.target)
            .env("CARGO_INCREMENTAL", "0")
            // What a user's build pays: cargo's default dev profile has full
            // debug info; the workspace's own profile keeps only line tables.
            .env("CARGO_PROFILE_DEV_DEBUG", "true")
            .env("RUSTC_WRAPPER", self.meter)
            .env(METER_ENV, "")
            .env_remove("RUSTFLAGS");
        if self.profile == "release" {
            c.arg("--release");
        }
        let mut list: Vec<String> = features.to_vec();
        if client {
            list.push("client".into());
        }
        c.arg("--no-default-features");
        if !list.is_empty() {
            c.arg("--features").arg(list.join(","));
        }
        c
    }

    /// `runs` clean builds of the crate; keeps the fastest. The first row
    /// of a feature set (`warm`) builds once before, to have the
    /// dependencies: service features do not change them.
    fn measure(
        &self,
        label: &str,
        actions: usize,
        features: &[String],
        client: bool,
        warm: bool,
    ) -> Result<Row, String> {
        let build = ["build", "-q", "--lib", "-j2", "-p", "tencentcloud-sdk"];
        if warm {
            run_ok(self.cargo(&build, features, client), "warm-up build")?;
        }
        let mut best: Option<Row> = None;
        for _ in 0..self.runs {
            run_ok(self.clean(), "cargo clean")?;
            let log = self.target.join("rustc-meter.log");
            let _ = std::fs::remove_file(&log);
            let mut cmd = self.cargo(&build, features, client);
            cmd.env(METER_ENV, &log);
            let started = Instant::now();
            run_ok(cmd, "measured build")?;
            let wall = started.elapsed().as_secs_f64();
            let text = std::fs::read_to_string(&log)
                .map_err(|e| format!("{}: the rustc meter wrote nothing: {e}", log.display()))?;
            let (mut rustc, mut peak_kb) = (0.0, 0.0f64);
            for line in text.lines() {
                let mut parts = line.split_whitespace();
                let secs: f64 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
                let kb: f64 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
                rustc += secs;
                peak_kb = peak_kb.max(kb);
            }
            let row = Row {
                label: format!(
                    "{label}, {}",
                    if client { "with client" } else { "models only" }
                ),
                actions,
                profile: self.profile,
                wall,
                rustc,
                peak_mb: peak_kb / 1024.0,
                base: None,
            };
            eprintln!(
                "{} ({}): {:.2} s wall, {:.2} s rustc, {:.0} MB",
                row.label, row.profile, row.wall, row.rustc, row.peak_mb
            );
            match &best {
                Some(b) if b.rustc <= row.rustc => {}
                _ => best = Some(row),
            }
        }
        best.ok_or_else(|| "no run".into())
    }
}

fn run_ok(mut cmd: Command, what: &str) -> Result<(), String> {
    let status = cmd
        .status()
        .map_err(|e| format!("{what}: cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed: {cmd:?}"))
    }
}

/// The larger sets: each step's services imported into a scratch spec
/// folder (postgres and redis copied from `api-spec/`), generated into a
/// scratch copy of the crate, and built with every service on.
fn scale(root: &Path, work: &Path, meter: &Path, runs: usize) -> Result<Vec<Row>, String> {
    let sources = crate::import::pinned(root)?;
    let specs = work.join("scale-specs");
    let krate = work.join("scale-crate");
    let _ = std::fs::remove_dir_all(&specs);
    std::fs::create_dir_all(&specs).map_err(|e| format!("{}: {e}", specs.display()))?;
    std::fs::copy(
        root.join("api-spec/common-errors.json"),
        specs.join("common-errors.json"),
    )
    .map_err(|e| format!("common-errors.json: {e}"))?;
    scratch_crate(root, &krate)?;
    let b = Bench {
        krate: &krate,
        target: &work.join("target"),
        meter,
        runs,
        profile: "debug",
    };
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
        crate::gen(&specs, &krate.join("src"), false, root)?;
        let set = codegen::spec::load(&specs).map_err(|p| p.to_string())?;
        let actions: usize = set.services.values().map(|sv| sv.actions.len()).sum();
        // The runtime alone does not depend on the set: measure it once.
        let (models_base, client_base) = match base {
            Some(b) => b,
            None => {
                let b = (
                    b.measure("scratch crate, no service", 0, &[], false, true)?
                        .rustc,
                    b.measure("scratch crate, no service", 0, &[], true, true)?
                        .rustc,
                );
                base = Some(b);
                b
            }
        };
        for (client, base) in [(false, models_base), (true, client_base)] {
            let mut row = b.measure(
                &format!("imported {}", names.join(" + ")),
                actions,
                &["all-services".into()],
                client,
                false,
            )?;
            row.base = Some(base);
            rows.push(row);
        }
    }
    Ok(rows)
}

/// `generated-sdk/` without its generated code, dev targets or workspace
/// inheritance, as a crate of its own at `dir`.
fn scratch_crate(root: &Path, dir: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    copy_dir(&root.join("generated-sdk/src"), &dir.join("src"))?;
    let _ = std::fs::remove_dir_all(dir.join("src/generated"));
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let manifest = read(&root.join("generated-sdk/Cargo.toml"))?;
    let workspace = read(&root.join("Cargo.toml"))?;
    let inherited = |section: &str, key: &str| -> Option<String> {
        let start = workspace.find(&format!("[{section}]\n"))?;
        workspace[start..]
            .lines()
            .skip(1)
            .take_while(|l| !l.starts_with('['))
            .find_map(|l| {
                let (k, v) = l.split_once(" = ")?;
                (k.trim() == key).then(|| v.trim().to_owned())
            })
    };
    let mut out = String::new();
    let mut section = String::new();
    for line in manifest.lines() {
        if line.starts_with('[') {
            section = line.to_owned();
        }
        // Only the library: no dev-dependencies, benches or examples.
        let keep = matches!(
            section.as_str(),
            "[package]" | "[lib]" | "[features]" | "[dependencies]"
        );
        if !keep {
            continue;
        }
        match line.strip_suffix(".workspace = true") {
            Some(key) => {
                let from = if section == "[package]" {
                    "workspace.package"
                } else {
                    "workspace.dependencies"
                };
                let value = inherited(from, key)
                    .ok_or_else(|| format!("Cargo.toml: no {key} in [{from}]"))?;
                writeln!(out, "{key} = {value}").map_err(|e| e.to_string())?;
            }
            None => writeln!(out, "{line}").map_err(|e| e.to_string())?,
        }
    }
    out.push_str("\n[workspace]\n");
    std::fs::write(dir.join("Cargo.toml"), out).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let dest: PathBuf = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            std::fs::copy(&path, &dest).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

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

/// The rustc wrapper: runs `rustc args...`, and for the SDK crate appends
/// "seconds peak-kilobytes" to the log named by [`METER_ENV`]. The peak is
/// the child's maximum resident set size (`getrusage(RUSAGE_CHILDREN)`).
pub fn rustc_meter(log: &Path) -> std::process::ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(rustc) = args.next() else {
        eprintln!("rustc-meter: no rustc to run");
        return std::process::ExitCode::FAILURE;
    };
    let args: Vec<_> = args.collect();
    let ours = args
        .windows(2)
        .any(|w| w[0] == "--crate-name" && w[1] == "tencentcloud_sdk");
    let started = Instant::now();
    let status = match Command::new(&rustc).args(&args).status() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("rustc-meter: cannot run {}: {e}", rustc.to_string_lossy());
            return std::process::ExitCode::FAILURE;
        }
    };
    if ours && !log.as_os_str().is_empty() {
        let secs = started.elapsed().as_secs_f64();
        let line = format!("{secs:.3} {}\n", children_peak_kb());
        use std::io::Write as _;
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
        {
            let _ = f.write_all(line.as_bytes());
        }
    }
    std::process::ExitCode::from(status.code().unwrap_or(1).clamp(0, 255) as u8)
}

/// Peak resident set size of waited-for children, in kilobytes.
fn children_peak_kb() -> i64 {
    // SAFETY: getrusage only writes the struct it is given.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) == 0 {
            usage.ru_maxrss
        } else {
            0
        }
    }
}

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
use std::time::Instant;

use importer::report::Report;

/// Set, this binary is a rustc wrapper (see [`rustc_meter`]); its value
/// names the log file, or is empty for builds that are not measured.
pub const METER_ENV: &str = "XTASK_RUSTC_METER_LOG";

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

/// One measured build.
pub(crate) struct Row {
    label: String,
    actions: usize,
    profile: &'static str,
    pub(crate) wall: f64,
    pub(crate) rustc: f64,
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

/// The runtime crate and the facade, by package name.
pub(crate) const CORE: &str = "tencentcloud-sdk-core";
pub(crate) const FACADE: &str = "tencentcloud-sdk";

pub(crate) struct Bench<'a> {
    /// The workspace manifest the SDK crates belong to.
    pub(crate) manifest: &'a Path,
    /// The SDK's packages, cleaned before each build (the core, the
    /// facade and the service crates).
    pub(crate) packages: &'a [String],
    pub(crate) target: &'a Path,
    pub(crate) meter: &'a Path,
    pub(crate) runs: usize,
    pub(crate) profile: &'static str,
}

impl Bench<'_> {
    fn clean(&self) -> Command {
        let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        c.args(["clean", "-q"]);
        for p in self.packages {
            c.args(["-p", p]);
        }
        c.arg("--manifest-path")
            .arg(self.manifest)
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
            .arg(self.manifest)
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

    /// `runs` clean builds of `package`; keeps the fastest. With `warm`,
    /// builds once before, to have the third-party dependencies.
    pub(crate) fn measure(
        &self,
        label: &str,
        actions: usize,
        package: &str,
        features: &[String],
        client: bool,
        warm: bool,
    ) -> Result<Row, String> {
        let build = ["build", "-q", "--lib", "-j2", "-p", package];
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

pub(crate) fn run_ok(mut cmd: Command, what: &str) -> Result<(), String> {
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
    // The SDK's own crates: the core, the facade and every service crate.
    let ours = args
        .windows(2)
        .any(|w| w[0] == "--crate-name" && w[1].to_string_lossy().starts_with("tencentcloud_sdk"));
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

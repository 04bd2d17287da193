//! Measuring one clean build of an SDK package: [`Bench`] cleans the SDK's
//! crates and builds one package under [`rustc_meter`], which records the
//! SDK crates' rustc time and peak memory. Shared by `bench-build` and its
//! `--against` comparison.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Set, this binary is a rustc wrapper (see [`rustc_meter`]); its value
/// names the log file, or is empty for builds that are not measured.
pub const METER_ENV: &str = "XTASK_RUSTC_METER_LOG";

/// One measured build.
pub(crate) struct Row {
    pub(crate) label: String,
    pub(crate) actions: usize,
    pub(crate) profile: &'static str,
    pub(crate) wall: f64,
    pub(crate) rustc: f64,
    pub(crate) peak_mb: f64,
    /// rustc seconds of the same build with no service: the runtime alone.
    pub(crate) base: Option<f64>,
}

impl Row {
    pub(crate) fn per_100(&self) -> String {
        match self.base {
            Some(base) if self.actions > 0 => {
                format!("{:.2}", (self.rustc - base) * 100.0 / self.actions as f64)
            }
            _ => String::new(),
        }
    }
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

/// The rustc wrapper: runs `rustc args...`, and for the SDK crate appends
/// "seconds peak-kilobytes crate-name" to the log named by [`METER_ENV`]. The peak is
/// the child's maximum resident set size (`getrusage(RUSAGE_CHILDREN)`).
pub fn rustc_meter(log: &Path) -> std::process::ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(rustc) = args.next() else {
        eprintln!("rustc-meter: no rustc to run");
        return std::process::ExitCode::FAILURE;
    };
    let args: Vec<_> = args.collect();
    // The SDK's own crates: the core, the facade and every service crate.
    let crate_name = args
        .windows(2)
        .find(|w| w[0] == "--crate-name")
        .map(|w| w[1].to_string_lossy().into_owned())
        .unwrap_or_default();
    let ours = crate_name.starts_with("tencentcloud_sdk");
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
        let line = format!("{secs:.3} {} {crate_name}\n", children_peak_kb());
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

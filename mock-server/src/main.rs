//! `tencentcloud-mock`: serves the mock endpoint until stopped. Prints the
//! endpoint URL it bound on the first line of stdout, once its SIGINT and
//! SIGTERM handlers are installed: a signal sent as soon as that line is
//! read stops it cleanly (exit status 0). When the line cannot be written
//! (stdout closed), it says so on stderr and exits with status 1.

use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;

const USAGE: &str = "\
usage: tencentcloud-mock [--addr 127.0.0.1:PORT] [--secret-id ID --secret-key KEY]
                         [--polls N] [--seed N] [--no-scenario] [--specs DIR]
                         [--answer ACTION=drop|ERROR_CODE]...

Serves a local Tencent Cloud API 3.0 endpoint for the SDK's actions: the
curated services compiled in, and every service version of the spec
folder --specs (default: this repository's api-spec/) read from its files.
Credentials default to TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY.
The first line of stdout is the endpoint URL (http://127.0.0.1:PORT),
printed once the signal handlers are installed. SIGINT (Ctrl-C) or SIGTERM
stops the server cleanly and exits 0; when the URL cannot be written to
stdout the mock exits 1 with a message on stderr.

By default the clone scenario runs: a cloned PostgreSQL or Redis instance
(and its order) is reported as being created for --polls describes (default
1), then as running; --seed instances of each service (default 3) are listed
from the start. --no-scenario answers every action with its example.

--answer ACTION=drop reads each ACTION request and closes the connection
without answering (an answer lost after the service acted);
--answer ACTION=CODE answers it with the error CODE. For trying how a
client handles an unknown outcome or a refusal.";

struct Args {
    addr: SocketAddr,
    secret_id: String,
    secret_key: String,
    /// Describes before a created resource is ready; `None`: no scenario.
    polls: Option<u32>,
    seed: usize,
    specs: std::path::PathBuf,
    /// `--answer`: actions answered by a dropped connection or an error.
    answers: Vec<(String, tencentcloud_mock::Reply)>,
}

/// `ACTION=drop` or `ACTION=CODE`.
fn answer(value: &str) -> Result<(String, tencentcloud_mock::Reply), String> {
    let (action, how) = value
        .split_once('=')
        .filter(|(a, h)| !a.is_empty() && !h.is_empty())
        .ok_or_else(|| format!("--answer: expected ACTION=drop or ACTION=CODE, got {value:?}"))?;
    let reply = match how {
        "drop" => tencentcloud_mock::Reply::Drop,
        code => tencentcloud_mock::Reply::error(code, "answered so by --answer"),
    };
    Ok((action.to_owned(), reply))
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut addr = SocketAddr::from(([127, 0, 0, 1], 0));
    let mut secret_id = std::env::var("TENCENTCLOUD_SECRET_ID").ok();
    let mut secret_key = std::env::var("TENCENTCLOUD_SECRET_KEY").ok();
    let mut polls = Some(1);
    let mut seed = 3;
    let mut specs = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../api-spec"));
    let mut answers = Vec::new();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--addr" => {
                addr = value("--addr")?
                    .parse()
                    .map_err(|e| format!("--addr: {e}"))?
            }
            "--secret-id" => secret_id = Some(value("--secret-id")?),
            "--secret-key" => secret_key = Some(value("--secret-key")?),
            "--polls" => {
                polls = Some(
                    value("--polls")?
                        .parse()
                        .map_err(|e| format!("--polls: {e}"))?,
                )
            }
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--no-scenario" => polls = None,
            "--specs" => specs = value("--specs")?.into(),
            "--answer" => answers.push(answer(&value("--answer")?)?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    match (secret_id, secret_key) {
        (Some(secret_id), Some(secret_key)) => Ok(Args {
            addr,
            secret_id,
            secret_key,
            polls,
            seed,
            specs,
            answers,
        }),
        _ => Err("no credentials: pass --secret-id and --secret-key, or set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY".into()),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("tencentcloud-mock: {msg}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mock =
        match tencentcloud_mock::MockServer::bind(args.addr, &args.secret_id, &args.secret_key)
            .await
        {
            Ok(m) => m,
            Err(e) => {
                eprintln!("tencentcloud-mock: cannot bind {}: {e}", args.addr);
                return ExitCode::FAILURE;
            }
        };
    match tencentcloud_mock::Catalog::open(&args.specs) {
        Ok(catalog) => mock.serve_specs(catalog),
        Err(e) => {
            eprintln!("tencentcloud-mock: --specs: {e}");
            return ExitCode::FAILURE;
        }
    }
    if let Some(polls) = args.polls {
        let scenario = tencentcloud_mock::Scenario::new(polls);
        scenario.seed_postgres_instances(args.seed);
        scenario.seed_redis_instances(args.seed);
        scenario.install(&mock);
    }
    for (action, reply) in args.answers {
        mock.on(&action, [reply]);
    }
    // The handlers are in place before the address is out: whoever reads
    // it may signal at once and still get a clean shutdown.
    let stop = match Stop::install() {
        Ok(stop) => stop,
        Err(e) => {
            eprintln!("tencentcloud-mock: cannot install the signal handlers: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = print_endpoint(&mock.endpoint()) {
        eprintln!("tencentcloud-mock: cannot write the endpoint URL to stdout: {e}");
        mock.shutdown();
        return ExitCode::FAILURE;
    }
    stop.wait().await;
    mock.shutdown();
    ExitCode::SUCCESS
}

/// Writes the endpoint line; an error (stdout closed) instead of
/// `println!`'s panic.
fn print_endpoint(endpoint: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{endpoint}")?;
    out.flush()
}

/// The signals that stop the server, listened for from [`Stop::install`]
/// on: SIGINT and SIGTERM on unix, Ctrl-C elsewhere.
#[cfg(unix)]
struct Stop {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Stop {
    fn install() -> std::io::Result<Self> {
        use tokio::signal::unix::{signal, SignalKind};
        Ok(Self {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    async fn wait(mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
    }
}

#[cfg(windows)]
struct Stop(tokio::signal::windows::CtrlC);

#[cfg(windows)]
impl Stop {
    fn install() -> std::io::Result<Self> {
        tokio::signal::windows::ctrl_c().map(Self)
    }

    async fn wait(mut self) {
        let _ = self.0.recv().await;
    }
}

//! Client CPU per call: calls postgres `CloneDBInstance` against an endpoint
//! (the mock) and prints the process's user + system CPU per call, one call
//! at a time and 32 in flight. `mock-server/interop/compare-node.sh` runs it
//! beside the official Node.js SDK doing the same calls.
//!
//! ```sh
//! TENCENTCLOUD_ENDPOINT=http://127.0.0.1:PORT TENCENTCLOUD_SECRET_ID=... \
//!   TENCENTCLOUD_SECRET_KEY=... cargo run --release -p tencentcloud-sdk \
//!   --features postgres --example cpu_per_call -- 20000 [--current-thread]
//! ```
//!
//! Prints one JSON line per mode: `{"mode": "sequential", "calls": N,
//! "cpu_ms_per_call": X, "wall_ms_per_call": Y}`.
//!
//! `--floor` measures what the exchange alone costs: one request prepared and
//! signed by the client, its bytes written again and again on one kept-alive
//! socket, each answer read by its Content-Length; no HTTP client, no
//! validation, signing or decoding per call. `--reqwest` sends the same
//! prepared request with a bare `reqwest::Client` (the HTTP client the SDK
//! uses), reading the body as bytes. What the SDK adds is the difference.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use tencentcloud_sdk::client::Client;

#[path = "../benches/common/clone_request.rs"]
mod clone_request;
use clone_request::request;

const IN_FLIGHT: usize = 32;

/// User + system CPU time of this process so far.
fn cpu_time() -> Duration {
    // SAFETY: getrusage writes into the zeroed struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    Duration::from_micros(micros(usage.ru_utime) + micros(usage.ru_stime))
}

async fn run(client: &Client, calls: usize, in_flight: usize) -> Result<(), String> {
    let postgres = client.postgres();
    let req = request();
    let mut done = 0;
    while done < calls {
        let batch = in_flight.min(calls - done);
        let answers = futures_util::future::join_all(
            (0..batch).map(|_| postgres.clone_db_instance(req.clone())),
        )
        .await;
        for answer in answers {
            answer.map_err(|e| e.to_string())?;
        }
        done += batch;
    }
    Ok(())
}

/// One prepared request's bytes, sent `calls` times over one socket.
async fn floor(client: &Client, calls: usize) -> Result<(), String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let prepared = client
        .prepare::<tencentcloud_sdk::postgres::v20170312::CloneDBInstance>(&request())
        .map_err(|e| e.to_string())?;
    let authority = prepared
        .url()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let mut head = String::from("POST / HTTP/1.1\r\n");
    for (name, value) in prepared.headers() {
        let value = value.to_str().map_err(|e| e.to_string())?;
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "content-length: {}\r\n\r\n",
        prepared.body().len()
    ));
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(prepared.body());
    let mut stream = tokio::net::TcpStream::connect(&authority)
        .await
        .map_err(|e| e.to_string())?;
    stream.set_nodelay(true).map_err(|e| e.to_string())?;
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    for _ in 0..calls {
        stream.write_all(&bytes).await.map_err(|e| e.to_string())?;
        buf.clear();
        loop {
            let n = stream.read(&mut chunk).await.map_err(|e| e.to_string())?;
            if n == 0 {
                return Err("the server closed the connection".into());
            }
            buf.extend_from_slice(&chunk[..n]);
            let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
                continue;
            };
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .ok_or("an answer without content-length")?;
            if buf.len() >= end + 4 + length {
                break;
            }
        }
    }
    Ok(())
}

/// One prepared request sent `calls` times with a bare `reqwest::Client`.
async fn bare_reqwest(client: &Client, calls: usize) -> Result<(), String> {
    let prepared = client
        .prepare::<tencentcloud_sdk::postgres::v20170312::CloneDBInstance>(&request())
        .map_err(|e| e.to_string())?;
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .map_err(|e| e.to_string())?;
    let url = reqwest::Url::parse(prepared.url()).map_err(|e| e.to_string())?;
    for _ in 0..calls {
        let answer = http
            .post(url.clone())
            .headers(prepared.headers().clone())
            .body(prepared.body().to_vec())
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let body = answer.bytes().await.map_err(|e| e.to_string())?;
        if body.is_empty() {
            return Err("an empty answer".into());
        }
    }
    Ok(())
}

async fn measure(client: &Client, calls: usize, bare: Option<&str>) -> Result<(), String> {
    if let Some(bare) = bare {
        let exchange = |n| async move {
            if bare == "floor" {
                floor(client, n).await
            } else {
                bare_reqwest(client, n).await
            }
        };
        exchange(500).await?;
        let (cpu, wall) = (cpu_time(), Instant::now());
        exchange(calls).await?;
        let (cpu, wall) = (cpu_time() - cpu, wall.elapsed());
        let per = |d: Duration| d.as_secs_f64() * 1e3 / calls as f64;
        println!(
            "{{\"client\": \"{bare}\", \"mode\": \"sequential\", \"calls\": {calls}, \"cpu_ms_per_call\": {:.4}, \"wall_ms_per_call\": {:.4}}}",
            per(cpu),
            per(wall)
        );
        return Ok(());
    }
    run(client, 500, IN_FLIGHT).await?; // connections, keys, caches
    for (mode, in_flight) in [("sequential", 1), ("in_flight_32", IN_FLIGHT)] {
        let (cpu, wall) = (cpu_time(), Instant::now());
        run(client, calls, in_flight).await?;
        let (cpu, wall) = (cpu_time() - cpu, wall.elapsed());
        let per = |d: Duration| d.as_secs_f64() * 1e3 / calls as f64;
        println!(
            "{{\"client\": \"rust\", \"mode\": \"{mode}\", \"calls\": {calls}, \"cpu_ms_per_call\": {:.4}, \"wall_ms_per_call\": {:.4}}}",
            per(cpu),
            per(wall)
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let calls = args
        .iter()
        .find_map(|a| a.parse().ok())
        .unwrap_or(20_000usize);
    let current_thread = args.iter().any(|a| a == "--current-thread");
    let bare = if args.iter().any(|a| a == "--floor") {
        Some("floor")
    } else if args.iter().any(|a| a == "--reqwest") {
        Some("reqwest")
    } else {
        None
    };
    let runtime = if current_thread {
        tokio::runtime::Builder::new_current_thread()
    } else {
        tokio::runtime::Builder::new_multi_thread()
    }
    .enable_all()
    .build()
    .expect("runtime");
    let result = runtime.block_on(async {
        // Credentials from the environment; this measures, it never buys:
        // an endpoint (the mock) is required.
        let endpoint = std::env::var("TENCENTCLOUD_ENDPOINT")
            .map_err(|_| "set TENCENTCLOUD_ENDPOINT to the mock's address".to_owned())?;
        let client = Client::builder()
            .region("ap-guangzhou")
            .endpoint_url(endpoint)
            .client_rate_limit(false)
            .build()
            .map_err(|e| e.to_string())?;
        // On a worker, as a server's request handler would call: the call
        // and the connection it uses share the runtime's threads.
        tokio::spawn(async move { measure(&client, calls, bare).await })
            .await
            .map_err(|e| e.to_string())?
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cpu_per_call: {e}");
            ExitCode::FAILURE
        }
    }
}

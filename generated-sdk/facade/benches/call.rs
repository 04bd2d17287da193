//! One whole call against a server in the same process, so that the per-call
//! path (validate, serialize, sign, send, read, decode) cannot grow unseen.
//!
//! `cargo bench -p tencentcloud-sdk --features postgres --bench call`. The
//! server answers every request with the page's CloneDBInstance success over
//! one kept-alive HTTP/1.1 connection; it does no parsing beyond the framing,
//! so the figures are mostly the client's. Compare ratios taken in one run.

use criterion::{criterion_group, criterion_main, Criterion};
use std::net::SocketAddr;
use tencentcloud_sdk::client::Client;
use tencentcloud_sdk::credentials::Credentials;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[path = "common/clone_request.rs"]
mod clone_request;
use clone_request::request;

const ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const ANSWER: &str = r#"{"Response":{"RequestId":"6ace8140-6b9e-4e81-a8ad-ef3f92b2aa90","DealName":"20211225711000768276461","BillId":"20211225711000768276471","DBInstanceId":"postgres-xxxx"}}"#;

/// Answers each request on `stream` with [`ANSWER`] until the client closes.
async fn serve(mut stream: TcpStream) {
    let answer = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{ANSWER}",
        ANSWER.len()
    );
    let mut buf = Vec::with_capacity(8192);
    let mut chunk = [0u8; 8192];
    loop {
        // The head, then as many body bytes as it declares.
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        while buf.len() < head_end + length {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        buf.drain(..head_end + length);
        if stream.write_all(answer.as_bytes()).await.is_err() {
            return;
        }
    }
}

async fn start_server() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            tokio::spawn(serve(stream));
        }
    });
    addr
}

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let addr = rt.block_on(start_server());
    let client = Client::builder()
        .region("ap-guangzhou")
        .credentials(Credentials::new(ID, KEY))
        .endpoint_url(format!("http://{addr}"))
        .use_system_proxy(false)
        .client_rate_limit(false)
        .build()
        .expect("client");
    let req = request();
    let postgres = client.postgres();
    let mut group = c.benchmark_group("clone_db_instance_call");
    group.bench_function("one call at a time", |b| {
        b.iter(|| {
            rt.block_on(postgres.clone_db_instance(req.clone()))
                .expect("call")
        })
    });
    group.bench_function("32 calls in flight (time per call x 32)", |b| {
        b.iter(|| {
            rt.block_on(async {
                let calls = (0..32).map(|_| postgres.clone_db_instance(req.clone()));
                for answer in futures_util::future::join_all(calls).await {
                    answer.expect("call");
                }
            })
        })
    });
    group.finish();
}

criterion_group!(call, benches);
criterion_main!(call);

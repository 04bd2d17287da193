//! The `tencentcloud-mock` binary: starts, prints its endpoint on the first
//! line of stdout, serves a correctly signed request, and stops when killed.

mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};

use common::{error_code, redis_request, Call, ID, KEY};

#[tokio::test]
async fn binary_prints_its_address_and_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tencentcloud-mock"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--secret-id",
            ID,
            "--secret-key",
            KEY,
        ])
        .env_remove("TENCENTCLOUD_SECRET_ID")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the binary");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("first line");
    let endpoint = first.trim().to_owned();
    let addr: SocketAddr = endpoint
        .strip_prefix("http://")
        .expect("an http URL")
        .parse()
        .expect("host:port");
    assert_eq!(addr.ip().to_string(), "127.0.0.1");
    assert_ne!(addr.port(), 0);

    let ok = common::send(addr, &Call::redis(redis_request()))
        .await
        .expect("answer");
    assert_eq!(ok.status, 200);
    // The clone scenario runs by default: the clone is a new instance.
    let id = ok.body["Response"]["InstanceIds"][0].as_str().unwrap_or("");
    assert!(id.starts_with("crs-0"), "{}", ok.body);
    let bad = common::send(
        addr,
        &Call {
            secret_key: "wrong",
            ..Call::redis(redis_request())
        },
    )
    .await
    .expect("answer");
    assert_eq!(error_code(&bad), "AuthFailure.SignatureFailure");

    child.kill().expect("kill");
    child.wait().expect("wait");
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "nothing listens after the process ends"
    );
}

#[test]
fn binary_without_credentials_explains_and_fails() {
    let out = Command::new(env!("CARGO_BIN_EXE_tencentcloud-mock"))
        .env_remove("TENCENTCLOUD_SECRET_ID")
        .env_remove("TENCENTCLOUD_SECRET_KEY")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no credentials"));
    assert!(out.stdout.is_empty());
}

//! Shared by the mock's tests: a TC3 signer written from the published
//! steps with hmac/sha2 directly (independent of the SDK's signer), and a raw
//! HTTP/1.1 client over a TCP socket.
#![allow(dead_code)]

pub mod capture;
pub mod fake;

use std::net::SocketAddr;
use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const ID: &str = "AKIDmockEXAMPLE";
pub const KEY: &str = "mockSecretKeyEXAMPLE";

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn hmac(key: &[u8], msg: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(msg.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// TC3-HMAC-SHA256, written from the published steps, independent of the SDK.
pub fn tc3(
    secret_id: &str,
    secret_key: &str,
    service: &str,
    host: &str,
    content_type: &str,
    body: &str,
    ts: u64,
) -> String {
    tc3_signed(
        secret_id,
        secret_key,
        service,
        &[("content-type", content_type), ("host", host)],
        body,
        ts,
    )
}

/// TC3 over any headers (lowercase names, sorted), as the signature
/// documentation's own example does with `content-type;host;x-tc-action`.
pub fn tc3_signed(
    secret_id: &str,
    secret_key: &str,
    service: &str,
    headers: &[(&str, &str)],
    body: &str,
    ts: u64,
) -> String {
    let canonical_headers: String = headers
        .iter()
        .map(|(k, v)| format!("{k}:{}\n", v.trim().to_ascii_lowercase()))
        .collect();
    let signed: Vec<&str> = headers.iter().map(|(k, _)| *k).collect();
    let signed = signed.join(";");
    let canonical = format!(
        "POST\n/\n\n{canonical_headers}\n{signed}\n{}",
        hex(&Sha256::digest(body.as_bytes()))
    );
    let days = ts / 86_400;
    let date = civil(days as i64);
    let scope = format!("{date}/{service}/tc3_request");
    let to_sign = format!(
        "TC3-HMAC-SHA256\n{ts}\n{scope}\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    let k_date = hmac(format!("TC3{secret_key}").as_bytes(), &date);
    let k_service = hmac(&k_date, service);
    let k_signing = hmac(&k_service, "tc3_request");
    let signature = hex(&hmac(&k_signing, &to_sign));
    format!("TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders={signed}, Signature={signature}")
}

/// Days since 1970-01-01 to `YYYY-MM-DD` (Howard Hinnant's civil_from_days).
pub fn civil(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

pub struct Call<'a> {
    pub service: &'a str,
    pub action: &'a str,
    pub version: &'a str,
    pub region: Option<&'a str>,
    pub body: String,
    pub timestamp: u64,
    pub secret_id: &'a str,
    pub secret_key: &'a str,
    pub skip_header: Option<&'a str>,
    pub tamper_body: bool,
    /// Sign `x-tc-action` too (`SignedHeaders=content-type;host;x-tc-action`).
    pub sign_action: bool,
}

impl<'a> Call<'a> {
    pub fn redis(body: Value) -> Self {
        Call {
            service: "redis",
            action: "CloneInstances",
            version: "2018-04-12",
            region: Some("ap-shanghai"),
            body: body.to_string(),
            timestamp: now(),
            secret_id: ID,
            secret_key: KEY,
            skip_header: None,
            tamper_body: false,
            sign_action: false,
        }
    }
}

pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: Value,
}

/// Sends the call to `addr` over a raw TCP connection; `None` when the server closed
/// the connection without answering.
pub async fn send(addr: SocketAddr, call: &Call<'_>) -> Option<Answer> {
    let host = addr.to_string();
    let content_type = "application/json; charset=utf-8";
    let auth = if call.sign_action {
        tc3_signed(
            call.secret_id,
            call.secret_key,
            call.service,
            &[
                ("content-type", content_type),
                ("host", &host),
                ("x-tc-action", call.action),
            ],
            &call.body,
            call.timestamp,
        )
    } else {
        tc3(
            call.secret_id,
            call.secret_key,
            call.service,
            &host,
            content_type,
            &call.body,
            call.timestamp,
        )
    };
    let body = if call.tamper_body {
        call.body.replace("1", "2")
    } else {
        call.body.clone()
    };
    let mut headers = vec![
        ("Host", host.clone()),
        ("Content-Type", content_type.to_owned()),
        ("Authorization", auth),
        ("X-TC-Action", call.action.to_owned()),
        ("X-TC-Version", call.version.to_owned()),
        ("X-TC-Timestamp", call.timestamp.to_string()),
    ];
    if let Some(r) = call.region {
        headers.push(("X-TC-Region", r.to_owned()));
    }
    headers.retain(|(name, _)| Some(*name) != call.skip_header);
    let mut request = String::from("POST / HTTP/1.1\r\n");
    for (name, value) in &headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw).await;
    if raw.is_empty() {
        return None;
    }
    let text = String::from_utf8(raw).expect("utf-8");
    let (head, body) = text.split_once("\r\n\r\n").expect("head and body");
    let status = head
        .split(' ')
        .nth(1)
        .expect("status")
        .parse()
        .expect("number");
    let content_type = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-type: ")
                .map(str::to_owned)
        })
        .unwrap_or_default();
    Some(Answer {
        status,
        content_type,
        body: serde_json::from_str(body).unwrap_or(Value::Null),
    })
}

pub fn redis_request() -> Value {
    json!({
        "InstanceId": "crs-qddzg***", "GoodsNum": 1, "ZoneId": 200005, "BillingMode": 0, "Period": 1,
        "SecurityGroupIdList": ["sg-o0lb0***"], "BackupId": "331006369-11071477-*******",
        "VpcId": "vpc-c9v9o***", "SubnetId": "subnet-7054l***", "Password": "pwd**********"
    })
}

pub fn error_code(a: &Answer) -> &str {
    a.body["Response"]["Error"]["Code"]
        .as_str()
        .unwrap_or("(none)")
}

/// A valid typed Redis CloneInstances request with this password.
pub fn redis_clone(password: &str) -> tencentcloud_sdk::redis::v20180412::CloneInstancesRequest {
    use tencentcloud_sdk::redis::v20180412 as redis;
    redis::CloneInstancesRequest::builder()
        .instance_id("crs-qddzg***")
        .goods_num(1)
        .zone_id(100_003)
        .billing_mode(redis::BillingMode::PayAsYouGo)
        .period(1)
        .security_group_id_list(["sg-o0lb0***".to_owned()])
        .backup_id("331006369-11071477-*******")
        .password(password)
        .build()
        .expect("valid")
}

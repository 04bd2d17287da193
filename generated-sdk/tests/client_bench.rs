//! Timing of signing and request preparation. Ignored by default (timings are
//! meaningless in debug builds); run with
//! `cargo test --release -p tencentcloud-sdk --test client_bench -- --ignored --nocapture`.
//!
//! Targets: whole request preparation (validate, serialize, sign, build every
//! header) under 5 µs, and at most twice the bare `signing::authorization`.
#![cfg(feature = "client")]

use std::hint::black_box;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tencentcloud_sdk::client::Client;
use tencentcloud_sdk::credentials::Credentials;
use tencentcloud_sdk::signing::{self, SigningRequest, JSON_CONTENT_TYPE};
use tencentcloud_sdk::validation::{Collector, Path};
use tencentcloud_sdk::{Action, ErrorCode, Validate, ValidationErrors};

struct Bench;

/// Roughly the size of a real clone request.
#[derive(Debug, Serialize, Deserialize)]
struct BenchRequest {
    #[serde(rename = "DBInstanceId")]
    db_instance_id: String,
    #[serde(rename = "SpecCode")]
    spec_code: String,
    #[serde(rename = "Storage")]
    storage: i64,
    #[serde(rename = "Period")]
    period: i64,
    #[serde(rename = "AutoRenewFlag")]
    auto_renew_flag: i64,
    #[serde(rename = "VpcId")]
    vpc_id: String,
    #[serde(rename = "SubnetId")]
    subnet_id: String,
    #[serde(rename = "Name")]
    name: String,
    #[serde(rename = "InstanceChargeType")]
    instance_charge_type: String,
    #[serde(rename = "RecoveryTargetTime")]
    recovery_target_time: String,
}

impl Validate for BenchRequest {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Collector::new();
        c.range(
            &Path::Root.field("Storage"),
            self.storage,
            Some(10),
            Some(6000),
            None,
        );
        c.finish()
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct BenchResponse {
    #[serde(rename = "RequestId")]
    request_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct BenchCode(String);

impl std::fmt::Display for BenchCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ErrorCode for BenchCode {
    fn from_code(code: &str) -> Self {
        Self(code.to_owned())
    }
    fn as_str(&self) -> &str {
        &self.0
    }
    fn description(&self) -> Option<&'static str> {
        None
    }
}

impl Action for Bench {
    const SERVICE: &'static str = "postgres";
    const VERSION: &'static str = "2017-03-12";
    const NAME: &'static str = "CloneDBInstance";
    const RATE_LIMIT_PER_SECOND: u32 = 100;
    const REGIONS: &'static [&'static str] = &["ap-guangzhou"];
    type Request = BenchRequest;
    type Response = BenchResponse;
    type ErrorCode = BenchCode;
}

fn per_op(iterations: u32, mut f: impl FnMut()) -> Duration {
    for _ in 0..iterations / 10 {
        f();
    }
    let started = Instant::now();
    for _ in 0..iterations {
        f();
    }
    started.elapsed() / iterations
}

#[test]
#[ignore = "timing; run in release with --ignored"]
fn preparation_is_fast() {
    let request = BenchRequest {
        db_instance_id: "postgres-6bwgamo3".into(),
        spec_code: "pg.it.medium4".into(),
        storage: 200,
        period: 1,
        auto_renew_flag: 0,
        vpc_id: "vpc-jdaljdld".into(),
        subnet_id: "subnet-1ed4sd2a".into(),
        name: "clone-of-prod".into(),
        instance_charge_type: "PREPAID".into(),
        recovery_target_time: "2021-12-21 01:24:10".into(),
    };
    let body = serde_json::to_vec(&request).unwrap();
    let client = Client::builder()
        .region("ap-guangzhou")
        .credentials(Credentials::new(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        ))
        .build()
        .unwrap();
    let iterations = 50_000;
    let sign = per_op(iterations, || {
        let req = SigningRequest {
            service: "postgres",
            host: "postgres.tencentcloudapi.com",
            content_type: JSON_CONTENT_TYPE,
            payload: black_box(&body),
            timestamp: black_box(1_551_113_065),
        };
        black_box(signing::authorization(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            &req,
        ));
    });
    let prepare = per_op(iterations, || {
        black_box(client.prepare::<Bench>(black_box(&request)).unwrap());
    });
    println!("bare signing (derive + sign + header): {sign:?}/op");
    println!("whole preparation (validate + serialize + sign + headers): {prepare:?}/op");
    assert!(
        prepare < Duration::from_micros(5),
        "preparation took {prepare:?}"
    );
    assert!(
        prepare <= sign * 2,
        "preparation {prepare:?} vs signing {sign:?}"
    );
}

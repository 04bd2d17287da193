//! Request preparation against bare signing, and response decoding.
//!
//! `cargo bench -p tencentcloud-sdk --bench prepare`. `docs/benchmarks.md`
//! records the figures; compare ratios taken in one run, not absolute times.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use tencentcloud_sdk::client::{decode_response, Client};
use tencentcloud_sdk::credentials::Credentials;
use tencentcloud_sdk::postgres::v20170312::CloneDBInstance;
use tencentcloud_sdk::signing::{
    authorization, format_authorization, utc_date, SigningKey, SigningRequest, JSON_CONTENT_TYPE,
};

#[path = "common/clone_request.rs"]
mod clone_request;
use clone_request::request;

const ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

fn benches(c: &mut Criterion) {
    let client = Client::builder()
        .region("ap-guangzhou")
        .credentials(Credentials::new(ID, KEY))
        .build()
        .expect("client");
    let req = request();
    let body = serde_json::to_vec(&req).expect("serializes");
    let timestamp = 1_551_113_065;

    let mut group = c.benchmark_group("clone_db_instance");
    group.bench_function("prepare (validate + serialize + sign + headers)", |b| {
        b.iter(|| {
            client
                .prepare::<CloneDBInstance>(black_box(&req))
                .expect("prepared")
        })
    });
    group.bench_function("sign only (same bytes)", |b| {
        b.iter(|| {
            authorization(
                ID,
                KEY,
                black_box(&SigningRequest {
                    service: "postgres",
                    host: "postgres.tencentcloudapi.com",
                    content_type: JSON_CONTENT_TYPE,
                    payload: &body,
                    timestamp,
                }),
            )
        })
    });
    // What a call's signature costs once the day's key is cached, as the
    // client caches it: the baseline of the preparation target.
    let date = utc_date(timestamp);
    let key = SigningKey::derive(KEY, &date, "postgres");
    group.bench_function("sign with the cached key (same bytes)", |b| {
        b.iter(|| {
            let signature = key.sign_request(black_box(&SigningRequest {
                service: "postgres",
                host: "postgres.tencentcloudapi.com",
                content_type: JSON_CONTENT_TYPE,
                payload: &body,
                timestamp,
            }));
            format_authorization(ID, &date, "postgres", &signature)
        })
    });
    let success = br#"{"Response":{"RequestId":"6ace8140-6b9e-4e81-a8ad-ef3f92b2aa90","DealName":"20211225711000768276461","BillId":"20211225711000768276471","DBInstanceId":"postgres-xxxx"}}"#;
    let error = br#"{"Response":{"Error":{"Code":"FailedOperation.QueryVpcFailed","Message":"Failed to query VPC."},"RequestId":"6ace8140-6b9e-4e81-a8ad-ef3f92b2aa90"}}"#;
    group.bench_function("decode success response", |b| {
        b.iter(|| decode_response::<CloneDBInstance>(black_box(success)).expect("success"))
    });
    group.bench_function("parse the success body into a serde_json::Value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(success)).expect("json"))
    });
    group.bench_function("decode error response", |b| {
        b.iter(|| decode_response::<CloneDBInstance>(black_box(error)).expect_err("service error"))
    });
    group.finish();
}

criterion_group!(prepare, benches);
criterion_main!(prepare);

//! What tolerant decoding costs on a response that needs no correction.
//!
//! `cargo bench -p tencentcloud-sdk --features postgres --bench tolerance`.
//! Two hand-written mirrors of a postgres `DescribeZones` answer read the same
//! body through the runtime's struct reader: one with the tolerant member
//! readers the generator emits (`wire::string`, `wire::scalar`), one with the
//! strict typed reader they replaced (`wire::slot`). The generated
//! `DescribeZones` decode and a `serde_json::Value` parse of the same body
//! run beside them. Compare ratios taken in one run.

use criterion::{criterion_group, criterion_main, Criterion};
use serde::de::{Deserialize, Deserializer, MapAccess};
use std::hint::black_box;
use tencentcloud_sdk::client::decode_response;
use tencentcloud_sdk::postgres::v20170312::DescribeZones;
use tencentcloud_sdk_core::wire;

/// One zone and the whole answer, with a member reader per field; `$text`
/// and `$num` name the readers of strings and of numbers.
macro_rules! mirror {
    ($module:ident, $text:path, $num:path, $list:path) => {
        mod $module {
            use super::*;

            #[derive(Default)]
            pub struct Zone {
                pub zone: Option<String>,
                pub zone_name: Option<String>,
                pub zone_id: Option<u64>,
                pub zone_state: Option<String>,
                pub zone_support_ipv6: Option<u64>,
                pub standby_zone_set: Option<Vec<String>>,
            }

            impl wire::Struct for Zone {
                const NAME: &'static str = "Zone";
                fn read_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                    let mut out = Zone::default();
                    while let Some(key) = map.next_key::<wire::Key<'de>>()? {
                        match key.as_str() {
                            "Zone" => $text(&mut map, &mut out.zone, "Zone"),
                            "ZoneName" => $text(&mut map, &mut out.zone_name, "ZoneName"),
                            "ZoneId" => $num(&mut map, &mut out.zone_id, "ZoneId"),
                            "ZoneState" => $text(&mut map, &mut out.zone_state, "ZoneState"),
                            "ZoneSupportIpv6" => {
                                $num(&mut map, &mut out.zone_support_ipv6, "ZoneSupportIpv6")
                            }
                            "StandbyZoneSet" => {
                                $list(&mut map, &mut out.standby_zone_set, "StandbyZoneSet")
                            }
                            _ => wire::unknown(&mut map, &key, &[], false),
                        }?;
                    }
                    Ok(out)
                }
            }

            impl<'de> Deserialize<'de> for Zone {
                fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    wire::deserialize(d)
                }
            }

            #[derive(Default)]
            pub struct Zones {
                pub total_count: Option<i64>,
                pub zone_set: Option<Vec<Zone>>,
                pub request_id: Option<String>,
            }

            impl wire::Struct for Zones {
                const NAME: &'static str = "Zones";
                fn read_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                    let mut out = Zones::default();
                    while let Some(key) = map.next_key::<wire::Key<'de>>()? {
                        match key.as_str() {
                            "TotalCount" => $num(&mut map, &mut out.total_count, "TotalCount"),
                            "ZoneSet" => wire::slot(&mut map, &mut out.zone_set, "ZoneSet"),
                            "RequestId" => $text(&mut map, &mut out.request_id, "RequestId"),
                            _ => wire::unknown(&mut map, &key, &[], false),
                        }?;
                    }
                    Ok(out)
                }
            }

            impl<'de> Deserialize<'de> for Zones {
                fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    wire::deserialize(d)
                }
            }

            #[derive(Default)]
            pub struct Envelope {
                pub response: Option<Zones>,
            }

            impl wire::Struct for Envelope {
                const NAME: &'static str = "Envelope";
                fn read_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                    let mut out = Envelope::default();
                    while let Some(key) = map.next_key::<wire::Key<'de>>()? {
                        match key.as_str() {
                            "Response" => wire::slot(&mut map, &mut out.response, "Response"),
                            _ => wire::unknown(&mut map, &key, &[], false),
                        }?;
                    }
                    Ok(out)
                }
            }

            impl<'de> Deserialize<'de> for Envelope {
                fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    wire::deserialize(d)
                }
            }
        }
    };
}

mirror!(tolerant, wire::string, wire::scalar, wire::string_list);
mirror!(strict, wire::slot, wire::slot, wire::slot);

/// A DescribeZones answer of eight zones, every member as its declared type.
fn body() -> Vec<u8> {
    let zones: Vec<serde_json::Value> = (0..8)
        .map(|i| {
            serde_json::json!({
                "Zone": format!("ap-guangzhou-{i}"), "ZoneName": format!("Guangzhou Zone {i}"),
                "ZoneId": 100_000 + i, "ZoneState": "AVAILABLE", "ZoneSupportIpv6": i % 2,
                "StandbyZoneSet": ["ap-guangzhou-3", "ap-guangzhou-4"]
            })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({"Response": {
        "TotalCount": 8, "ZoneSet": zones, "RequestId": "6ace8140-6b9e-4e81-a8ad-ef3f92b2aa90"
    }}))
    .expect("json")
}

fn benches(c: &mut Criterion) {
    let body = body();
    let mut group = c.benchmark_group("describe_zones");
    group.bench_function("strict member readers (wire::slot)", |b| {
        b.iter(|| {
            let e: strict::Envelope = serde_json::from_slice(black_box(&body)).expect("strict");
            e.response.expect("response").zone_set.map(|z| z.len())
        })
    });
    group.bench_function(
        "tolerant member readers (wire::string, wire::scalar)",
        |b| {
            b.iter(|| {
                let e: tolerant::Envelope =
                    serde_json::from_slice(black_box(&body)).expect("tolerant");
                e.response.expect("response").zone_set.map(|z| z.len())
            })
        },
    );
    group.bench_function("generated decode (decode_response::<DescribeZones>)", |b| {
        b.iter(|| decode_response::<DescribeZones>(black_box(&body)).expect("decodes"))
    });
    group.bench_function("parse the body into a serde_json::Value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&body)).expect("json"))
    });
    group.finish();
}

criterion_group!(tolerance, benches);
criterion_main!(tolerance);

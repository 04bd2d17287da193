//! The client's response decoder on any bytes, for actions of both
//! services: a response, a service error or an invalid-response error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencentcloud_sdk::client::decode_response;
use tencentcloud_sdk::postgres::v20170312 as pg;
use tencentcloud_sdk::redis::v20180412 as redis;

fuzz_target!(|data: &[u8]| {
    let _ = decode_response::<pg::CloneDBInstance>(data);
    let _ = decode_response::<pg::DescribeDBInstances>(data);
    let _ = decode_response::<redis::CloneInstances>(data);
    let _ = decode_response::<redis::DescribeInstances>(data);
});

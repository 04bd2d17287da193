//! What the generated types do besides validating: unknown enum values and
//! error codes kept, secrets out of `Debug`, strict request bodies that name
//! the wire path, tolerant responses, and constants taken from the spec.

use integration_tests::{patch, pg_base, redis_base};
use serde_json::{json, Value};
use tencentcloud_sdk::postgres::v20170312 as pg;
use tencentcloud_sdk::redis::v20180412 as redis;
use tencentcloud_sdk::ErrorCategory;

/// An enum value the service adds later deserializes, round-trips, and is
/// reported by `validate()`.
#[test]
fn unknown_enum_values_are_kept() {
    let mode: pg::InstanceChargeType = serde_json::from_value(json!("SPOT")).expect("deserializes");
    assert_eq!(mode, pg::InstanceChargeType::Unknown("SPOT".into()));
    assert!(!mode.is_known());
    assert_eq!(
        serde_json::to_value(&mode).expect("serializes"),
        json!("SPOT")
    );
    let kind: redis::RedisNodeInfoNodeType =
        serde_json::from_value(json!(7)).expect("deserializes");
    assert_eq!(kind, redis::RedisNodeInfoNodeType::Unknown(7));
    assert_eq!(serde_json::to_value(kind).expect("serializes"), json!(7));
    assert_eq!(
        "PREPAID".parse::<pg::InstanceChargeType>(),
        Ok(pg::InstanceChargeType::Prepaid)
    );
    assert_eq!(
        pg::InstanceChargeType::Prepaid.description(),
        Some("Prepaid, i.e., yearly/monthly subscription")
    );
    assert_eq!(redis::BillingMode::MonthlySubscription.value(), 1);
    assert_eq!(pg::SyncMode::VALUES, ["Semi-sync", "Async"]);
}

#[test]
fn error_codes_parse_never_fail_and_keep_the_wire_code() {
    use redis::CloneInstancesErrorCode as Code;
    let known: Code = "FailedOperation.Unknown".parse().expect("infallible");
    assert_eq!(known, Code::FailedOperationUnknown);
    assert_eq!(known.as_str(), "FailedOperation.Unknown");
    assert_eq!(
        known.description(),
        Some("Invalid data is entered for weekday.")
    );
    assert_eq!(
        known.to_string(),
        "FailedOperation.Unknown (Invalid data is entered for weekday.)"
    );
    assert_eq!(known.category(), ErrorCategory::FailedOperation);

    let other: Code = "FailedOperation.Brand.New".parse().expect("infallible");
    assert_eq!(other, Code::Unknown("FailedOperation.Brand.New".into()));
    assert_eq!(other.as_str(), "FailedOperation.Brand.New");
    assert_eq!(other.description(), None);
    assert_eq!(other.category(), ErrorCategory::FailedOperation);

    // Common codes are there too, and rate limits are their own category.
    let limited: Code = "RequestLimitExceeded.UinLimitExceeded"
        .parse()
        .expect("infallible");
    assert_eq!(limited, Code::RequestLimitExceededUinLimitExceeded);
    assert_eq!(limited.category(), ErrorCategory::RateLimit);

    // Typos on the page are wire values and are kept.
    use pg::CloneDBInstanceErrorCode as PgCode;
    assert_eq!(
        PgCode::FailedOperationQueryVpcFalied.as_str(),
        "FailedOperation.QueryVpcFalied"
    );
    assert_eq!(
        PgCode::AuthFailureUnauthorizedOperation.description(),
        Some("Authentication failed.")
    );
    assert_eq!(
        PgCode::AuthFailureUnauthorizedOperation.category(),
        ErrorCategory::Authentication
    );
    for code in PgCode::CODES {
        assert_eq!(code.parse::<PgCode>().expect("infallible").as_str(), *code);
        assert!(
            !matches!(
                code.parse::<PgCode>().expect("infallible"),
                PgCode::Unknown(_)
            ),
            "{code}"
        );
    }
}

#[test]
fn password_is_redacted_in_debug() {
    let request: redis::CloneInstancesRequest =
        serde_json::from_value(redis_base()).expect("deserializes");
    let debug = format!("{request:?}");
    assert!(!debug.contains("pwd**********"), "{debug}");
    assert!(debug.contains("password: Some(\"***\")"), "{debug}");
    assert!(
        debug.contains("instance_id: Some(\"crs-qddzg***\")"),
        "{debug}"
    );
    let builder = redis::CloneInstancesRequest::builder().password("s3cret-Password");
    assert!(!format!("{builder:?}").contains("s3cret"));
    let pretty = format!("{request:#?}");
    assert!(!pretty.contains("pwd**********"));
}

#[test]
fn unknown_request_fields_are_rejected_when_deserializing() {
    let mut body = pg_base();
    patch(&mut body, "Storge", Some(json!(10)));
    let err =
        serde_json::from_value::<pg::CloneDBInstanceRequest>(body).expect_err("unknown field");
    assert!(err.to_string().contains("unknown field `Storge`"), "{err}");
}

#[test]
fn responses_tolerate_unknown_fields_and_absent_optional_outputs() {
    let response: pg::CloneDBInstanceResponse = serde_json::from_value(json!({
        "DealName": "d", "BillId": "b", "RequestId": "r", "NewField": {"x": 1}, "DBInstanceId": null
    }))
    .expect("deserializes");
    assert_eq!(response.db_instance_id, None);
}

/// The README's example says what it prints.
#[test]
fn readme_example_holds() {
    let errors = pg::CloneDBInstanceRequest::builder()
        .db_instance_id("postgres-abcd1234")
        .spec_code("cdb.pg.z1.2g")
        .storage(15)
        .period(1)
        .auto_renew_flag(pg::AutoRenewFlag::ManualRenewal)
        .vpc_id("vpc-2ot3acw1")
        .subnet_id("subnet-ppv9iw34")
        .build()
        .expect_err("invalid");
    assert_eq!(
        errors.to_string(),
        "Storage: 15 is not a multiple of 10\nBackupSetId: exactly one of BackupSetId, RecoveryTargetTime must be set, but none is"
    );
    let readme =
        std::fs::read_to_string(integration_tests::repo_root().join("README.md")).expect("README");
    assert!(readme.contains("//   Storage: 15 is not a multiple of 10"));
}

#[test]
fn action_constants_come_from_the_spec() {
    use tencentcloud_sdk::Action;
    assert_eq!(pg::CloneDBInstance::NAME, "CloneDBInstance");
    assert_eq!(pg::CloneDBInstance::RATE_LIMIT_PER_SECOND, 100);
    assert_eq!(pg::CloneDBInstance::REGIONS.len(), 18);
    assert!(pg::CloneDBInstance::REGIONS.contains(&"ap-shanghai-fsi"));
    assert_eq!(<pg::CloneDBInstance as Action>::SERVICE, "postgres");
    assert_eq!(<pg::CloneDBInstance as Action>::VERSION, "2017-03-12");
    assert_eq!(redis::CloneInstances::RATE_LIMIT_PER_SECOND, 20);
    assert!(redis::CloneInstances::REGIONS.is_empty());
    // The international edition's crates call the international site by
    // default, as its official SDKs do.
    assert_eq!(
        (redis::SERVICE, redis::VERSION, redis::ENDPOINTS.default),
        ("redis", "2018-04-12", "redis.intl.tencentcloudapi.com")
    );
    assert_eq!(
        pg::ENDPOINTS.international,
        "postgres.intl.tencentcloudapi.com"
    );
    assert_eq!(
        pg::ENDPOINTS.regional_host("ap-guangzhou"),
        "postgres.ap-guangzhou.tencentcloudapi.com"
    );
    const {
        assert!(
            <pg::CloneDBInstance as Action>::REGION_REQUIRED
                && <redis::CloneInstances as Action>::REGION_REQUIRED
        )
    };
}

/// The registry reads bodies strictly and names the wire path of what is wrong.
#[test]
fn strict_body_errors_name_the_wire_path() {
    use tencentcloud_sdk::registry::{self, BodyError};
    let entry = registry::find("postgres", "2017-03-12", "CloneDBInstance").expect("entry");
    let body = |v: Value| serde_json::to_vec(&v).expect("json");
    let mut top = pg_base();
    patch(&mut top, "Storge", Some(json!(10)));
    assert_eq!(
        (entry.check_body)(&body(top)),
        Err(BodyError::UnknownField("Storge".into()))
    );
    let mut nested = pg_base();
    patch(&mut nested, "DBNodeSet[1].Zones", Some(json!("x")));
    assert_eq!(
        (entry.check_body)(&body(nested)),
        Err(BodyError::UnknownField("DBNodeSet[1].Zones".into()))
    );
    let mut wrong = pg_base();
    patch(
        &mut wrong,
        "DBNodeSet[0].Zone",
        Some(json!(["ap-guangzhou-3"])),
    );
    assert_eq!(
        (entry.check_body)(&body(wrong)),
        Err(BodyError::WrongType {
            path: "DBNodeSet[0].Zone".into(),
            message: "invalid type: sequence, expected a string".into()
        })
    );
    // Numbers written as strings, and a number where a string belongs, read
    // as the live API reads them.
    let mut number = pg_base();
    patch(&mut number, "Storage", Some(json!("20")));
    patch(&mut number, "ProjectId", Some(json!("0")));
    patch(&mut number, "Name", Some(json!(2024)));
    assert_eq!((entry.check_body)(&body(number)), Ok(Ok(())));
    assert!(matches!(
        (entry.check_body)(b"{\"Storage\": "),
        Err(BodyError::NotJson(_))
    ));
    let top_level = (entry.check_body)(b"[]");
    assert!(
        matches!(top_level, Err(BodyError::NotJson(_))),
        "{top_level:?}"
    );
    let mut bad = pg_base();
    patch(&mut bad, "Storage", Some(json!(15)));
    let verdict = (entry.check_body)(&body(bad)).expect("reads");
    assert_eq!(
        verdict.expect_err("invalid").to_string(),
        "Storage: 15 is not a multiple of 10"
    );
    assert_eq!((entry.check_body)(&body(pg_base())), Ok(Ok(())));
    let example: Value = serde_json::from_str(entry.example_response).expect("example is JSON");
    assert_eq!(example["DealName"], "20211225711000768276461");
}

/// The prefix table of `ErrorCategory` covers every code the specs list, so
/// a new prefix in a spec cannot silently fall into `Other`.
#[test]
fn every_spec_error_code_has_a_category() {
    let set =
        codegen::spec::load(&integration_tests::spec_root()).unwrap_or_else(|p| panic!("{p}"));
    let mut codes: Vec<&str> = set
        .common_errors
        .spec
        .errors
        .iter()
        .map(|e| e.code.as_str())
        .collect();
    for sv in set.services.values() {
        for a in sv.actions.values() {
            codes.extend(a.spec.errors.iter().map(|e| e.code.as_str()));
        }
    }
    assert!(codes.len() > 90);
    let uncategorized: Vec<&str> = codes
        .into_iter()
        .filter(|c| ErrorCategory::of_code(c) == ErrorCategory::Other)
        .collect();
    assert!(
        uncategorized.is_empty(),
        "no category for {uncategorized:?}"
    );
}

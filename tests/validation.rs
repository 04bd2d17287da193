//! Generated validators, enums and error codes: one rejecting case per
//! constraint and per rule of both pages (path and message), a spec-driven
//! mutation test against the reference validator, and the forward-compatible
//! and secret-keeping behaviour of the generated types.

use integration_tests::{patch, pg_base, redis_base};
use serde_json::{json, Value};
use tencentcloud_sdk::postgres::v20170312 as pg;
use tencentcloud_sdk::redis::v20180412 as redis;
use tencentcloud_sdk::validation::RuleKind;
use tencentcloud_sdk::{ErrorCategory, Validate};

fn violations<T: Validate + serde::de::DeserializeOwned>(body: Value) -> Vec<String> {
    let request: T = serde_json::from_value(body).expect("request deserializes");
    match request.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e.iter().map(ToString::to_string).collect(),
    }
}

fn check_pg(patches: &[(&str, Option<Value>)], expected: &[&str]) {
    let mut body = pg_base();
    for (path, value) in patches {
        patch(&mut body, path, value.clone());
    }
    assert_eq!(
        violations::<pg::CloneDBInstanceRequest>(body),
        expected,
        "patches {patches:?}"
    );
}

fn check_redis(patches: &[(&str, Option<Value>)], expected: &[&str]) {
    let mut body = redis_base();
    for (path, value) in patches {
        patch(&mut body, path, value.clone());
    }
    assert_eq!(
        violations::<redis::CloneInstancesRequest>(body),
        expected,
        "patches {patches:?}"
    );
}

#[test]
fn bases_are_valid() {
    check_pg(&[], &[]);
    check_redis(&[], &[]);
}

mod clone_db_instance {
    use super::*;

    #[test]
    fn required_parameters() {
        for name in [
            "DBInstanceId",
            "SpecCode",
            "Storage",
            "Period",
            "AutoRenewFlag",
            "VpcId",
            "SubnetId",
        ] {
            check_pg(&[(name, None)], &[&format!("{name}: is required")]);
        }
    }
    #[test]
    fn storage_multiple_of_10() {
        check_pg(
            &[("Storage", Some(json!(15)))],
            &["Storage: 15 is not a multiple of 10"],
        );
        check_pg(&[("Storage", Some(json!(20)))], &[]);
    }
    #[test]
    fn period_allowed_values() {
        check_pg(
            &[("Period", Some(json!(13)))],
            &[
                "Period: 13 is not allowed (allowed: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36)",
                "Period: 13 is not allowed (allowed: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36) when InstanceChargeType is \"PREPAID\"",
            ],
        );
    }
    #[test]
    fn period_prepaid_rule_applies_when_charge_type_is_absent() {
        check_pg(
            &[("InstanceChargeType", None), ("Period", Some(json!(36)))],
            &[],
        );
        check_pg(
            &[("InstanceChargeType", None), ("Period", Some(json!(48)))],
            &[
                "Period: 48 is not allowed (allowed: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36)",
                "Period: 48 is not allowed (allowed: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36) when InstanceChargeType is \"PREPAID\"",
            ],
        );
    }
    #[test]
    fn period_postpaid_only_1() {
        check_pg(
            &[("InstanceChargeType", Some(json!("POSTPAID_BY_HOUR"))), ("Period", Some(json!(12)))],
            &["Period: 12 is not allowed (allowed: 1) when InstanceChargeType is \"POSTPAID_BY_HOUR\""],
        );
        check_pg(
            &[
                ("InstanceChargeType", Some(json!("POSTPAID_BY_HOUR"))),
                ("Period", Some(json!(1))),
            ],
            &[],
        );
    }
    #[test]
    fn auto_renew_flag_enum() {
        check_pg(
            &[("AutoRenewFlag", Some(json!(-1)))],
            &["AutoRenewFlag: -1 is not one of 0, 1"],
        );
    }
    #[test]
    fn vpc_and_subnet_prefixes() {
        check_pg(
            &[("VpcId", Some(json!("2ot3acw1")))],
            &["VpcId: \"2ot3acw1\" does not start with \"vpc-\""],
        );
        check_pg(
            &[("SubnetId", Some(json!("sub-1")))],
            &["SubnetId: \"sub-1\" does not start with \"subnet-\""],
        );
    }
    #[test]
    fn name_length_and_charset() {
        check_pg(
            &[("Name", Some(json!("a".repeat(60))))],
            &["Name: is 60 characters long, but must be at most 59"],
        );
        check_pg(&[("Name", Some(json!("数据库克隆_1")))], &[]);
        check_pg(
            &[("Name", Some(json!("my clone")))],
            &["Name: contains ' ', which is not allowed (allowed: letters, digits, Chinese characters, `_-`)"],
        );
    }
    #[test]
    fn instance_charge_type_enum() {
        check_pg(
            &[("InstanceChargeType", Some(json!("prepaid")))],
            &["InstanceChargeType: \"prepaid\" is not one of \"PREPAID\", \"POSTPAID_BY_HOUR\""],
        );
    }
    #[test]
    fn auto_voucher_enum() {
        check_pg(
            &[("AutoVoucher", Some(json!(2)))],
            &["AutoVoucher: 2 is not one of 0, 1"],
        );
    }
    #[test]
    fn sync_mode_enum() {
        check_pg(
            &[("SyncMode", Some(json!("sync")))],
            &["SyncMode: \"sync\" is not one of \"Semi-sync\", \"Async\""],
        );
    }
    #[test]
    fn db_node_role_zone_and_tags() {
        check_pg(
            &[
                ("DBNodeSet[1].Role", Some(json!("Master"))),
                ("DBNodeSet[0].Zone", None),
            ],
            &[
                "DBNodeSet[0].Zone: is required",
                "DBNodeSet[1].Role: \"Master\" is not one of \"Primary\", \"Standby\"",
            ],
        );
        check_pg(
            &[("TagList[0].TagValue", None)],
            &["TagList[0].TagValue: is required"],
        );
        check_pg(
            &[("TagList[0].TagKey", None)],
            &["TagList[0].TagKey: is required"],
        );
    }
    #[test]
    fn exactly_one_of_backup_set_or_time() {
        check_pg(
            &[("RecoveryTargetTime", None)],
            &["BackupSetId: exactly one of BackupSetId, RecoveryTargetTime must be set, but none is"],
        );
        check_pg(
            &[("BackupSetId", Some(json!("bk-1")))],
            &["BackupSetId: exactly one of BackupSetId, RecoveryTargetTime must be set, but 2 are"],
        );
        check_pg(
            &[
                ("RecoveryTargetTime", None),
                ("BackupSetId", Some(json!("bk-1"))),
            ],
            &[],
        );
    }
}

mod clone_instances {
    use super::*;

    #[test]
    fn required_parameters() {
        for name in [
            "InstanceId",
            "GoodsNum",
            "ZoneId",
            "BillingMode",
            "Period",
            "SecurityGroupIdList",
            "BackupId",
        ] {
            check_redis(&[(name, None)], &[&format!("{name}: is required")]);
        }
        check_redis(
            &[("NodeSet[1].NodeType", None)],
            &["NodeSet[1].NodeType: is required"],
        );
        check_redis(
            &[("ResourceTags[0].TagKey", None)],
            &["ResourceTags[0].TagKey: is required"],
        );
        check_redis(
            &[("ResourceTags[0].TagValue", None)],
            &["ResourceTags[0].TagValue: is required"],
        );
    }
    #[test]
    fn billing_mode_and_node_type_and_auto_renew_enums() {
        check_redis(
            &[("BillingMode", Some(json!(2)))],
            &["BillingMode: 2 is not one of 0, 1"],
        );
        check_redis(
            &[("NodeSet[0].NodeType", Some(json!(3)))],
            &["NodeSet[0].NodeType: 3 is not one of 0, 1"],
        );
        check_redis(
            &[("AutoRenew", Some(json!(3)))],
            &["AutoRenew: 3 is not one of 0, 1, 2"],
        );
    }
    #[test]
    fn period_allowed_values_by_billing_mode() {
        check_redis(
            &[("Period", Some(json!(6)))],
            &["Period: 6 is not allowed (allowed: 1) when BillingMode is 0 (Pay-as-you-go)"],
        );
        check_redis(
            &[("BillingMode", Some(json!(1))), ("Period", Some(json!(60)))],
            &[],
        );
        check_redis(
            &[("BillingMode", Some(json!(1))), ("Period", Some(json!(13)))],
            &[
                "Period: 13 is not allowed (allowed: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60)",
                "Period: 13 is not allowed (allowed: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60) when BillingMode is 1 (Monthly subscription)",
            ],
        );
    }
    #[test]
    fn goods_num_maximum_by_billing_mode() {
        check_redis(
            &[("GoodsNum", Some(json!(31)))],
            &["GoodsNum: 31 is greater than the maximum 30 when BillingMode is 0 (Pay-as-you-go)"],
        );
        check_redis(&[("GoodsNum", Some(json!(30)))], &[]);
        check_redis(
            &[
                ("BillingMode", Some(json!(1))),
                ("GoodsNum", Some(json!(100))),
            ],
            &[],
        );
        check_redis(
            &[("BillingMode", Some(json!(1))), ("GoodsNum", Some(json!(101)))],
            &["GoodsNum: 101 is greater than the maximum 100 when BillingMode is 1 (Monthly subscription)"],
        );
    }
    #[test]
    fn instance_name_length_and_charset() {
        check_redis(&[("InstanceName", Some(json!("a".repeat(60))))], &[]);
        check_redis(
            &[("InstanceName", Some(json!("a".repeat(61))))],
            &["InstanceName: is 61 characters long, but must be at most 60"],
        );
        check_redis(
            &[("InstanceName", Some(json!("redis.clone")))],
            &["InstanceName: contains '.', which is not allowed (allowed: letters, digits, `-_`)"],
        );
    }
    #[test]
    fn password_rules_accept_either_variant() {
        for ok in [
            "abcdefg1",
            "Abc!defgh",
            "ABCDEFGH12345678",
            "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5",
        ] {
            check_redis(&[("Password", Some(json!(ok)))], &[]);
        }
        let msg = "Password: does not meet the password rules (Redis 2.8, 4.0, or 5.0: 8 to 30 characters of lowercase letters, uppercase letters, digits, specials `()~!@#$%^&*-+=_|{}[]:;<>,.?/`, at least 2 kinds, not starting with `/`; CKV 3.2: 8 to 30 characters of letters, digits)";
        for bad in [
            "abc12",
            "!!!!!!!!",
            "/abcdef12",
            "abcdefg1\u{e9}",
            &"a1".repeat(16),
        ] {
            let v = {
                let mut body = redis_base();
                patch(&mut body, "Password", Some(json!(bad)));
                violations::<redis::CloneInstancesRequest>(body)
            };
            assert_eq!(v, [msg], "password {bad:?}");
            assert!(
                !v[0].contains(bad),
                "the message must not show the password"
            );
        }
    }
    #[test]
    fn vport_range() {
        check_redis(
            &[("VPort", Some(json!(1023)))],
            &["VPort: 1023 is not between 1024 and 65535"],
        );
        check_redis(
            &[("VPort", Some(json!(65536)))],
            &["VPort: 65536 is not between 1024 and 65535"],
        );
        check_redis(&[("VPort", Some(json!(1024)))], &[]);
    }
    #[test]
    fn password_required_unless_no_auth() {
        check_redis(
            &[("Password", None)],
            &["Password: is required when NoAuth is false"],
        );
        check_redis(
            &[("Password", None), ("NoAuth", Some(json!(false)))],
            &["Password: is required when NoAuth is false"],
        );
        check_redis(&[("Password", None), ("NoAuth", Some(json!(true)))], &[]);
    }
    /// The page does not make SubnetId required with a VpcId, so the SDK does not either.
    #[test]
    fn subnet_is_not_required_with_vpc() {
        check_redis(&[("SubnetId", None)], &[]);
    }
}

/// Every violation of one request is reported, one per line, in field order.
#[test]
fn all_violations_at_once_one_per_line() {
    let mut body = pg_base();
    patch(&mut body, "Storage", Some(json!(15)));
    patch(&mut body, "SpecCode", None);
    patch(&mut body, "DBNodeSet[1].Role", Some(json!("Leader")));
    let request: pg::CloneDBInstanceRequest = serde_json::from_value(body).expect("deserializes");
    let errors = request.validate().expect_err("invalid");
    assert_eq!(errors.len(), 3);
    assert_eq!(
        errors.to_string(),
        "SpecCode: is required\nStorage: 15 is not a multiple of 10\nDBNodeSet[1].Role: \"Leader\" is not one of \"Primary\", \"Standby\""
    );
    let rules: Vec<RuleKind> = errors.iter().map(|v| v.rule()).collect();
    assert_eq!(
        rules,
        [RuleKind::Required, RuleKind::MultipleOf, RuleKind::Enum]
    );
    assert_eq!(
        errors.violations()[1].message(),
        "15 is not a multiple of 10"
    );
}

#[test]
fn builder_reports_every_violation_and_builds_valid_requests() {
    let errors = pg::CloneDBInstanceRequest::builder()
        .storage(15)
        .build()
        .expect_err("incomplete");
    let paths: Vec<&str> = errors.iter().map(|v| v.path()).collect();
    assert_eq!(
        paths,
        [
            "DBInstanceId",
            "SpecCode",
            "Storage",
            "Period",
            "AutoRenewFlag",
            "VpcId",
            "SubnetId",
            "BackupSetId"
        ]
    );
    let request = pg::CloneDBInstanceRequest::builder()
        .db_instance_id("postgres-abcd1234")
        .spec_code("cdb.pg.z1.2g")
        .storage(20)
        .period(1)
        .auto_renew_flag(pg::AutoRenewFlag::AutoRenewal)
        .vpc_id("vpc-1")
        .subnet_id("subnet-1")
        .backup_set_id("bk-1")
        .instance_charge_type(pg::InstanceChargeType::PostpaidByHour)
        .db_node_set([pg::DBNode {
            role: Some(pg::DBNodeRole::Primary),
            zone: Some("ap-guangzhou-3".into()),
            ..Default::default()
        }])
        .build()
        .expect("valid");
    let wire = serde_json::to_value(&request).expect("serializes");
    assert_eq!(wire["InstanceChargeType"], "POSTPAID_BY_HOUR");
    assert_eq!(wire["AutoRenewFlag"], 1);
    assert_eq!(
        wire["DBNodeSet"][0],
        json!({"Role": "Primary", "Zone": "ap-guangzhou-3"})
    );
    assert!(
        wire.get("Name").is_none(),
        "absent optional fields are not serialized"
    );
    let unchecked = pg::CloneDBInstanceRequest::builder()
        .storage(15)
        .build_unchecked();
    assert_eq!(unchecked.storage, Some(15));
}

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
    let missing = serde_json::from_value::<pg::CloneDBInstanceResponse>(
        json!({"DealName": "d", "RequestId": "r"}),
    );
    assert!(
        missing.is_err(),
        "BillId is not documented as possibly absent"
    );
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
    assert_eq!(
        (redis::SERVICE, redis::VERSION, redis::ENDPOINTS.default),
        ("redis", "2018-04-12", "redis.tencentcloudapi.com")
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
    patch(&mut wrong, "DBNodeSet[0].Zone", Some(json!(3)));
    assert_eq!(
        (entry.check_body)(&body(wrong)),
        Err(BodyError::WrongType {
            path: "DBNodeSet[0].Zone".into(),
            message: "invalid type: integer `3`, expected a string".into()
        })
    );
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

//! Generated validators: one rejecting case per constraint and per rule of
//! both pages (path and message), every violation reported at once, by
//! `validate()` and by the builders. The other behaviour of the generated
//! types is in `generated_types.rs`.

use integration_tests::{patch, pg_base, redis_base};
use serde_json::{json, Value};
use tencentcloud_sdk::postgres::v20170312 as pg;
use tencentcloud_sdk::redis::v20180412 as redis;
use tencentcloud_sdk::validation::RuleKind;
use tencentcloud_sdk::Validate;

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

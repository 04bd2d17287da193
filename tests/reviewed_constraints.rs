//! Constraints drafted from the documents of postgres and redis purchasing
//! and modifying actions, reviewed with `cargo xtask constraints review`:
//! the accepted ones are checked as the documents word them (each case
//! quotes the sentence), the rejected ones are not checked at all.

use serde_json::{json, Value};
use tencentcloud_sdk::postgres::v20170312 as pg;
use tencentcloud_sdk::redis::v20180412 as redis;
use tencentcloud_sdk::Validate;

/// The violations `body` has at `member` (other members may be missing:
/// only the one under test is looked at).
fn at<T: Validate + serde::de::DeserializeOwned>(body: Value, member: &str) -> Vec<String> {
    let request: T = serde_json::from_value(body).expect("request deserializes");
    match request.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e
            .iter()
            .map(ToString::to_string)
            .filter(|v| v.starts_with(&format!("{member}: ")))
            .collect(),
    }
}

/// `member` = `good` passes and `member` = `bad` is refused with `message`.
fn holds<T: Validate + serde::de::DeserializeOwned>(
    member: &str,
    good: Value,
    bad: Value,
    message: &str,
) {
    assert_eq!(
        at::<T>(json!({ member: good }), member),
        Vec::<String>::new(),
        "{member} = {good}"
    );
    assert_eq!(
        at::<T>(json!({ member: bad }), member),
        [format!("{member}: {message}")],
        "{member} = {bad}"
    );
}

#[test]
fn redis_create_instances_checks_what_its_page_states() {
    type R = redis::CreateInstancesRequest;
    // "Billing mode. - 0: Pay-As-You-Go. - 1: Monthly Subscription."
    holds::<R>(
        "BillingMode",
        json!(1),
        json!(2),
        "2 is not allowed (allowed: 0, 1)",
    );
    // "permissible range [1,2,3,4,5,6,7,8,9,10,11,12,24,36]"
    holds::<R>(
        "Period",
        json!(36),
        json!(13),
        "13 is not allowed (allowed: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36)",
    );
    // "Defaults to 6379, range [1024,65535]."
    holds::<R>(
        "VPort",
        json!(65535),
        json!(1023),
        "1023 is not between 1024 and 65535",
    );
    // "the shard quantity range is: [1, 3, 5, 8, 12, 16, 24, 32, 40, 48, 64, 80, 96, 128]"
    holds::<R>(
        "RedisShardNum",
        json!(128),
        json!(2),
        "2 is not allowed (allowed: 1, 3, 5, 8, 12, 16, 24, 32, 40, 48, 64, 80, 96, 128)",
    );
    // "with a length of less than 60"
    holds::<R>(
        "InstanceName",
        json!("a".repeat(59)),
        json!("a".repeat(60)),
        "is 60 characters long, but must be at most 59",
    );
    // "It only supports Chinese characters, letters, numbers, hyphens ("-"),
    // or underscores ("_")"
    holds::<R>(
        "InstanceName",
        json!("缓存-cache_01"),
        json!("cache.01"),
        "contains '.', which is not allowed (allowed: Chinese characters, letters, digits, `-_`)",
    );
    // "- 0: Proxy Mode (default value). - 1: Direct access Mode."
    holds::<R>(
        "ConnectionMode",
        json!(0),
        json!(3),
        "3 is not allowed (allowed: 0, 1)",
    );
}

#[test]
fn redis_modifying_actions_check_what_their_pages_state() {
    // "Valid values: - rename ... - modifyProject ... - modifyAutoRenew ... - modifyDeleteProtectionSwitch"
    holds::<redis::ModifyInstanceRequest>(
        "Operation",
        json!("rename"),
        json!("delete"),
        "\"delete\" is not allowed (allowed: \"rename\", \"modifyProject\", \"modifyAutoRenew\", \"modifyDeleteProtectionSwitch\")",
    );
    // "Value ranges from 300 to 1000."
    holds::<redis::OpenLogRequest>(
        "DegradeStrategy",
        json!(300),
        json!(299),
        "299 is not between 300 and 1000",
    );
    // "Valid values: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, and 36."
    holds::<redis::RenewInstanceRequest>(
        "Period",
        json!(24),
        json!(48),
        "48 is not allowed (allowed: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36)",
    );
}

#[test]
fn postgres_purchases_check_what_their_pages_state() {
    type C = pg::CreateInstancesRequest;
    // "Number of instances to purchase, value ranges from 1 to 10."
    holds::<C>(
        "InstanceCount",
        json!(10),
        json!(11),
        "11 is not between 1 and 10",
    );
    // "with a length of 8-32 characters"
    holds::<C>(
        "AdminPassword",
        json!("Aa1!".repeat(8)),
        json!("Aa1!aaa"),
        "is 7 characters long, but must be 8 to 32",
    );
    // "must consist of 1-16 characters"
    holds::<C>(
        "AdminName",
        json!("a".repeat(16)),
        json!("a".repeat(17)),
        "is 17 characters long, but must be 1 to 16",
    );
    // "Instance character set, which currently supports only: - UTF8 - LATIN1"
    holds::<C>(
        "Charset",
        json!("LATIN1"),
        json!("GBK"),
        "\"GBK\" is not allowed (allowed: \"UTF8\", \"LATIN1\")",
    );
    // "Instance name only supports Chinese/English/number/"_"/"-""
    holds::<C>(
        "Name",
        json!("订单-db_01"),
        json!("db.01"),
        "contains '.', which is not allowed (allowed: Chinese characters, letters, digits, `_-`)",
    );
    // "Instance name. only supports chinese, english, digits, "_", or "-""
    holds::<pg::ModifyDBInstanceNameRequest>(
        "InstanceName",
        json!("订单-db_01"),
        json!("db 01"),
        "contains ' ', which is not allowed (allowed: Chinese characters, letters, digits, `_-`)",
    );
    // "The name can contain only Chinese characters, letters, digits,
    // underscores ("_"), and hyphens ("-")"
    holds::<pg::CreateReadOnlyDBInstanceRequest>(
        "Name",
        json!("ro-1"),
        json!("ro/1"),
        "contains '/', which is not allowed (allowed: Chinese characters, letters, digits, `_-`)",
    );
    // "Value range: [1-6]."
    holds::<pg::CreateReadOnlyDBInstanceRequest>(
        "InstanceCount",
        json!(6),
        json!(7),
        "7 is not between 1 and 6",
    );
    // "Value range: [5, 10]"
    holds::<pg::ModifyDBInstanceHAConfigRequest>(
        "MaxStandbyLag",
        json!(5),
        json!(11),
        "11 is not between 5 and 10",
    );
}

/// A rejected draft is documented nowhere as a check and refuses nothing.
#[test]
fn rejected_drafts_refuse_nothing() {
    // Instance types grow with new products: a type this SDK does not list passes.
    assert!(at::<redis::CreateInstancesRequest>(json!({"TypeId": 999}), "TypeId").is_empty());
    // The description's own examples send `prepaid` in lower case.
    assert!(at::<pg::CreateInstancesRequest>(
        json!({"InstanceChargeType": "prepaid"}),
        "InstanceChargeType"
    )
    .is_empty());
    // A time format is documented, not checked: the page's own example
    // ("2:00:00 AM") does not fit it.
    assert!(at::<pg::UpgradeDBInstanceMajorVersionRequest>(
        json!({"UpgradeTimeEnd": "2:00:00 AM"}),
        "UpgradeTimeEnd"
    )
    .is_empty());
    // Periods are stated for prepaid instances only.
    assert!(at::<pg::DisIsolateDBInstancesRequest>(json!({"Period": 48}), "Period").is_empty());
    // Passwords of newer editions may be up to 64 characters.
    assert!(
        at::<redis::ResetPasswordRequest>(json!({"Password": "Aa1!".repeat(12)}), "Password")
            .is_empty()
    );
}

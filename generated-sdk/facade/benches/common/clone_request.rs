//! The CloneDBInstance request the benches and `examples/cpu_per_call.rs`
//! measure (included with `#[path]`: one definition for all of them).

use tencentcloud_sdk::postgres::v20170312::{
    AutoRenewFlag, CloneDBInstanceRequest, DBNode, DBNodeRole, InstanceChargeType,
};

/// A valid prepaid clone of two nodes.
pub fn request() -> CloneDBInstanceRequest {
    CloneDBInstanceRequest::builder()
        .db_instance_id("postgres-abcd1234")
        .spec_code("cdb.pg.z1.2g")
        .storage(10)
        .period(1)
        .auto_renew_flag(AutoRenewFlag::AutoRenewal)
        .vpc_id("vpc-2ot3acw1")
        .subnet_id("subnet-ppv9iw34")
        .instance_charge_type(InstanceChargeType::Prepaid)
        .recovery_target_time("2021-12-25 01:27:35")
        .db_node_set([
            DBNode {
                role: Some(DBNodeRole::Standby),
                zone: Some("ap-guangzhou-3".into()),
                ..Default::default()
            },
            DBNode {
                role: Some(DBNodeRole::Primary),
                zone: Some("ap-guangzhou-3".into()),
                ..Default::default()
            },
        ])
        .build()
        .expect("valid request")
}

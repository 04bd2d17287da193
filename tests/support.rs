//! Helpers shared by the integration tests.

use std::fs;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The workspace root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// `api-spec/`.
pub fn spec_root() -> PathBuf {
    repo_root().join("api-spec")
}

/// `api-spec/` loaded and checked, once per test binary.
pub fn full_spec() -> &'static codegen::spec::SpecSet {
    static SPEC: std::sync::OnceLock<codegen::spec::SpecSet> = std::sync::OnceLock::new();
    SPEC.get_or_init(|| codegen::spec::load(&spec_root()).unwrap_or_else(|p| panic!("{p}")))
}

/// The curated service versions of `api-spec/`: the ones the facade's
/// `curated-services` feature compiles, so the registry the tests link has
/// exactly their actions. Tests of generated behaviour use these; the
/// whole surface is checked by `cargo xtask spec`, `gen` and
/// `build-services`.
pub fn curated_spec() -> codegen::spec::SpecSet {
    let mut set = full_spec().clone();
    set.services.retain(|_, sv| sv.is_curated());
    assert!(!set.services.is_empty(), "api-spec/ has no curated service");
    set
}

/// A folder under `tmp_root` holding the curated service versions of
/// `api-spec/` with the common errors and the schema, for tests that load
/// a folder or edit a copy. Written once per test binary.
pub fn curated_spec_root(tmp_root: &Path) -> PathBuf {
    static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let dir = scratch(tmp_root, &format!("curated-spec-{}", std::process::id()));
        for file in ["common-errors.json", "spec.schema.json"] {
            fs::copy(spec_root().join(file), dir.join(file)).expect("copy spec file");
        }
        for (service, version) in curated_spec().services.keys() {
            let rel = Path::new(service).join(version);
            copy_tree(&spec_root().join(&rel), &dir.join(rel));
        }
        dir
    })
    .clone()
}

/// `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// Copies `from` into `to` recursively, overwriting files already there.
pub fn copy_tree(from: &Path, to: &Path) {
    xtask::scratch::copy_dir(from, to).unwrap_or_else(|e| panic!("{e}"));
}

/// A fresh, empty scratch folder named `name` under the target dir.
pub fn scratch(tmp_root: &Path, name: &str) -> PathBuf {
    let dir = tmp_root.join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// `cargo` in the scratch crate `krate`. Every scratch crate shares one
/// target folder under `tmp_root`, so their dependencies build once; they
/// build without debug info or incremental state, which only cost disk here.
pub fn scratch_cargo(tmp_root: &Path, krate: &Path) -> std::process::Command {
    let mut cargo = std::process::Command::new(env!("CARGO"));
    cargo
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", tmp_root.join("scratch-target"))
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS");
    cargo
}

/// Builds a scratch copy of `generated-sdk/` (see [`xtask::scratch`]) with
/// the code generated from a fixture spec folder and one integration test
/// `facade/tests/<test_name>.rs`, then runs clippy with warnings denied on
/// every crate of the copy and the test, models only (features
/// `all-services` and `registry`: every service of the fixture). `with_codegen`: the test may use the
/// `codegen` crate. Panics with cargo's output when either fails.
pub fn check_scratch_crate(
    tmp_root: &Path,
    name: &str,
    generated: &codegen::Generated,
    test_name: &str,
    test_source: &str,
    with_codegen: bool,
) {
    let root = repo_root();
    let sdk = tmp_root.join(format!("{name}-sdk"));
    let mut dev = String::from("serde_json.workspace = true\n");
    if with_codegen {
        dev.push_str(&format!(
            "codegen = {{ path = {:?} }}\n",
            root.join("codegen")
        ));
    }
    xtask::scratch::lay_out(&root, &sdk, generated, &dev).unwrap_or_else(|e| panic!("{e}"));
    let tests = sdk.join("facade/tests");
    fs::create_dir_all(&tests).expect("tests dir");
    fs::write(tests.join(format!("{test_name}.rs")), test_source).expect("test file");
    let cargo = |args: &[&str]| {
        scratch_cargo(tmp_root, &sdk)
            .args(args)
            .output()
            .expect("run cargo")
    };
    let features = "tencentcloud-sdk/all-services,tencentcloud-sdk/registry";
    let clippy = cargo(&[
        "clippy",
        "--offline",
        "--quiet",
        "--workspace",
        "--all-targets",
        "--no-default-features",
        "--features",
        features,
        "--",
        "-D",
        "warnings",
    ]);
    assert!(
        clippy.status.success(),
        "generated code of {name} does not pass clippy:\n{}",
        String::from_utf8_lossy(&clippy.stderr)
    );
    let test = cargo(&[
        "test",
        "--offline",
        "--quiet",
        "-p",
        "tencentcloud-sdk",
        "--no-default-features",
        "--features",
        features,
        "--test",
        test_name,
    ]);
    assert!(
        test.status.success(),
        "the {test_name} test of {name} fails:\n{}\n{}",
        String::from_utf8_lossy(&test.stdout),
        String::from_utf8_lossy(&test.stderr)
    );
}

/// A valid CloneDBInstance request (the page's example with the enum value
/// spelled as the table lists it).
pub fn pg_base() -> Value {
    json!({
        "DBInstanceId": "postgres-abcd1234",
        "SpecCode": "cdb.pg.z1.2g",
        "Storage": 10,
        "Period": 1,
        "AutoRenewFlag": 1,
        "VpcId": "vpc-2ot3acw1",
        "SubnetId": "subnet-ppv9iw34",
        "Name": "clone_of-db",
        "InstanceChargeType": "PREPAID",
        "SecurityGroupIds": ["sg-1"],
        "ProjectId": 0,
        "TagList": [{"TagKey": "team", "TagValue": "db"}],
        "DBNodeSet": [{"Role": "Standby", "Zone": "ap-guangzhou-3"}, {"Role": "Primary", "Zone": "ap-guangzhou-3"}],
        "AutoVoucher": 0,
        "RecoveryTargetTime": "2021-12-25 01:27:35",
        "SyncMode": "Semi-sync",
        "DeletionProtection": true
    })
}

/// A valid CloneInstances request (the page's example).
pub fn redis_base() -> Value {
    json!({
        "InstanceId": "crs-qddzg***",
        "GoodsNum": 1,
        "ZoneId": 200005,
        "BillingMode": 0,
        "Period": 1,
        "SecurityGroupIdList": ["sg-o0lb0***"],
        "BackupId": "331006369-11071477-*******",
        "VpcId": "vpc-c9v9o***",
        "SubnetId": "subnet-7054l***",
        "InstanceName": "InstanceName-redis-preversion",
        "Password": "pwd**********",
        "AutoRenew": 0,
        "VPort": 6379,
        "NodeSet": [{"NodeType": 0, "ZoneName": "ap-shanghai-5"}, {"NodeType": 1, "ZoneName": "ap-shanghai-2"}],
        "ProjectId": 1,
        "ResourceTags": [{"TagKey": "key1", "TagValue": "value2"}],
        "AlarmPolicyList": ["policy-r7529***"]
    })
}

#[path = "mutation_engine.rs"]
pub mod mutation_engine;

pub use mutation_engine::patch;

/// A valid request body for an action, by name.
pub fn valid_request(action: &str) -> Value {
    match action {
        "CloneDBInstance" => pg_base(),
        "CloneInstances" => redis_base(),
        other => panic!("no valid base request for {other}; add one to tests/support.rs"),
    }
}

/// Whether `read`, a value the SDK wrote back, is what it reads from
/// `written`, the JSON the service or an example wrote: numbers compared by
/// value (`10` and `10.0`), a number or boolean written as a string (`"20"`,
/// `"true"`), a string written as a number or boolean, 0 and 1 as booleans;
/// arrays and objects member by member.
pub fn read_as_written(read: &Value, written: &Value) -> bool {
    match (read, written) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Number(x), Value::String(y)) => y.trim().parse::<f64>().ok() == x.as_f64(),
        (Value::Bool(x), Value::String(y)) => y.trim().eq_ignore_ascii_case(&x.to_string()),
        (Value::Bool(x), Value::Number(y)) => y.as_u64() == Some(u64::from(*x)),
        (Value::String(x), Value::Number(_) | Value::Bool(_)) => {
            let text = written.to_string();
            *x == text
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| read_as_written(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| read_as_written(v, w)))
        }
        _ => read == written,
    }
}

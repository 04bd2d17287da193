//! A service is compiled only when its cargo feature is on: a crate that
//! enables one service's feature can name that service's module and no
//! other. Each check is a `cargo check` of a scratch crate depending on the
//! SDK, so the features are the ones a user sets in `Cargo.toml`.

use std::fs;
use std::path::Path;

use integration_tests::{curated_spec, repo_root, scratch_cargo};

const TMP: &str = env!("CARGO_TARGET_TMPDIR");

/// The services of `api-spec/`, each named as its module and feature.
fn services() -> Vec<String> {
    let set = curated_spec();
    let mut names: Vec<String> = set.services.keys().map(|(s, _)| s.clone()).collect();
    names.dedup();
    names
}

/// `cargo check` of a binary crate with `main_rs`, depending on the SDK
/// with exactly `features`; returns whether it passed, and rustc's output.
fn check(name: &str, features: &[&str], main_rs: &str) -> (bool, String) {
    let root = repo_root();
    let krate = Path::new(TMP).join(format!("feature-gate-{name}"));
    let _ = fs::remove_dir_all(&krate);
    fs::create_dir_all(krate.join("src")).expect("scratch crate");
    let quoted: Vec<String> = features.iter().map(|f| format!("{f:?}")).collect();
    fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"feature-gate-{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [workspace]\n\n[dependencies]\n\
             tencentcloud-sdk = {{ path = {:?}, default-features = false, features = [{}] }}\n",
            root.join("generated-sdk/facade"),
            quoted.join(", ")
        ),
    )
    .expect("manifest");
    fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).expect("lockfile");
    fs::write(krate.join("src/main.rs"), main_rs).expect("main.rs");
    let out = scratch_cargo(TMP.as_ref(), &krate)
        .args(["check", "--offline", "--quiet"])
        .output()
        .expect("run cargo check");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn each_service_is_compiled_only_with_its_feature() {
    let services = services();
    assert!(services.len() >= 2, "the check needs two services");
    for on in &services {
        let mut main_rs = String::from("#![allow(unused_imports)]\n");
        for s in &services {
            main_rs.push_str(&format!("use tencentcloud_sdk::{s} as _;\n"));
        }
        main_rs.push_str("fn main() {}\n");
        let (passed, stderr) = check(on, &[on], &main_rs);
        assert!(
            !passed,
            "with only feature `{on}`, every other service's module still compiled"
        );
        for s in &services {
            let unresolved = stderr.contains(&format!("unresolved import `tencentcloud_sdk::{s}`"));
            if s == on {
                assert!(
                    !unresolved,
                    "feature `{on}` is on but its module is missing:\n{stderr}"
                );
            } else {
                assert!(
                    unresolved,
                    "feature `{s}` is off but its module compiled (with only `{on}` on):\n{stderr}"
                );
            }
        }
    }
}

#[test]
fn no_service_feature_compiles_no_service() {
    let services = services();
    let mut main_rs = String::from("#![allow(unused_imports)]\n");
    for s in &services {
        main_rs.push_str(&format!("use tencentcloud_sdk::{s} as _;\n"));
    }
    main_rs.push_str("fn main() {}\n");
    let (passed, stderr) = check("none", &[], &main_rs);
    assert!(!passed, "a service compiled with no service feature on");
    for s in &services {
        assert!(
            stderr.contains(&format!("unresolved import `tencentcloud_sdk::{s}`")),
            "feature `{s}` is off but its module compiled:\n{stderr}"
        );
    }
}

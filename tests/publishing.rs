//! Every crate users depend on (the runtime, the facade and each service
//! crate) can be published to crates.io as it stands: metadata crates.io
//! requires, a version on every path dependency, at most 300 features, and a
//! packaged `.crate` under the 10 MB upload limit, as `cargo package` makes
//! it (for the service crates: the curated ones and the three largest).

use std::path::{Path, PathBuf};
use std::process::Command;

use integration_tests::repo_root;
use serde_json::Value;

const TMP: &str = env!("CARGO_TARGET_TMPDIR");

/// crates.io's upload limit (10 MB), with the margin of reading it as 10^7.
const MAX_CRATE_BYTES: u64 = 10_000_000;
/// crates.io's limit on features per crate.
const MAX_FEATURES: usize = 300;

fn cargo() -> Command {
    let mut c = Command::new(env!("CARGO"));
    c.current_dir(repo_root());
    c
}

/// The packages whose manifests live under `generated-sdk/`: the core and
/// the facade (workspace members) and every service crate.
fn sdk_packages() -> Vec<Value> {
    let out = cargo()
        // Not `--no-deps`: the service crates are not workspace members,
        // they are the facade's path dependencies.
        .args(["metadata", "--offline", "--format-version", "1"])
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let sdk = repo_root().join("generated-sdk");
    let packages: Vec<Value> = meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter(|p| Path::new(p["manifest_path"].as_str().unwrap_or_default()).starts_with(&sdk))
        .cloned()
        .collect();
    let names: Vec<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
    for expected in [
        "tencentcloud-sdk-core",
        "tencentcloud-sdk",
        "tencentcloud-sdk-postgres",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    packages
}

fn name(p: &Value) -> &str {
    p["name"].as_str().unwrap_or_default()
}

#[test]
fn every_sdk_crate_has_the_metadata_crates_io_requires() {
    for p in sdk_packages() {
        let n = name(&p);
        for key in ["description", "license", "readme"] {
            let value = p[key].as_str().unwrap_or_default();
            assert!(!value.trim().is_empty(), "{n}: no `{key}`");
        }
        assert!(
            p["repository"].is_string() || p["homepage"].is_string(),
            "{n}: neither `repository` nor `homepage`"
        );
        let dir = Path::new(p["manifest_path"].as_str().unwrap_or_default())
            .parent()
            .expect("manifest folder")
            .to_path_buf();
        let readme = dir.join(p["readme"].as_str().unwrap_or_default());
        assert!(readme.is_file(), "{n}: readme {} missing", readme.display());
        assert_ne!(p["publish"], serde_json::json!([]), "{n}: publish = false");
        // The generator writes the service crates' metadata itself: it must
        // say what the workspace says for the runtime and the facade.
        use codegen::emit::manifest::{EDITION, LICENSE, REPOSITORY, RUST_VERSION, SDK_VERSION};
        for (key, value) in [
            ("version", SDK_VERSION),
            ("edition", EDITION),
            ("license", LICENSE),
            ("repository", REPOSITORY),
            ("rust_version", RUST_VERSION),
        ] {
            assert_eq!(p[key], value, "{n}: {key}");
        }
    }
}

#[test]
fn every_path_dependency_has_a_version_and_features_are_few() {
    for p in sdk_packages() {
        let n = name(&p);
        for dep in p["dependencies"].as_array().expect("dependencies") {
            if dep["path"].is_string() && dep["kind"].is_null() {
                let req = dep["req"].as_str().unwrap_or_default();
                assert!(
                    req != "*" && !req.is_empty(),
                    "{n}: path dependency {} has no version",
                    dep["name"]
                );
            }
        }
        let features = p["features"].as_object().map_or(0, |f| f.len());
        assert!(
            features <= MAX_FEATURES,
            "{n}: {features} features, crates.io takes at most {MAX_FEATURES}"
        );
    }
}

/// The service crates most at risk of the upload limit: the curated ones
/// (checked in, so their sources are always there) and the three largest
/// by generated source, which bound every other.
fn largest_and_curated_services(packages: &[Value]) -> Vec<&Value> {
    let src_bytes = |p: &Value| -> u64 {
        let dir = Path::new(p["manifest_path"].as_str().unwrap_or_default())
            .parent()
            .expect("manifest folder")
            .join("src");
        let mut total = 0;
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let path = e.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    total += e.metadata().map_or(0, |m| m.len());
                }
            }
        }
        total
    };
    let services = repo_root().join("generated-sdk/services");
    let mut sized: Vec<(u64, &Value)> = packages
        .iter()
        .filter(|p| {
            Path::new(p["manifest_path"].as_str().unwrap_or_default()).starts_with(&services)
        })
        .map(|p| (src_bytes(p), p))
        .collect();
    let missing: Vec<&str> = sized
        .iter()
        .filter(|(b, _)| *b == 0)
        .map(|(_, p)| name(p))
        .collect();
    assert!(
        missing.is_empty(),
        "service crates without sources (run `cargo xtask gen`): {missing:?}"
    );
    sized.sort_by_key(|(bytes, _)| std::cmp::Reverse(*bytes));
    let curated =
        codegen::spec::load(&integration_tests::spec_root()).unwrap_or_else(|p| panic!("{p}"));
    let curated: Vec<String> = curated
        .services
        .iter()
        .filter(|(_, sv)| sv.is_curated())
        .map(|((s, _), _)| format!("tencentcloud-sdk-{s}"))
        .collect();
    let mut chosen: Vec<&Value> = sized.iter().take(3).map(|(_, p)| *p).collect();
    for (_, p) in &sized {
        if curated.iter().any(|c| c == name(p)) && !chosen.iter().any(|c| name(c) == name(p)) {
            chosen.push(p);
        }
    }
    chosen
}

#[test]
fn every_sdk_crate_packages_under_the_upload_limit() {
    let packages = sdk_packages();
    let target = PathBuf::from(TMP).join("package-target");
    let package = |args: &[&str]| {
        let out = cargo()
            // Without a lockfile: the facade and the service crates name
            // crates that are not on crates.io yet, so none can be resolved.
            .args([
                "package",
                "--no-verify",
                "--allow-dirty",
                "--offline",
                "--quiet",
                "--exclude-lockfile",
            ])
            .args(args)
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .expect("run cargo package");
        assert!(
            out.status.success(),
            "cargo package {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    // A service crate is a workspace of its own (not a member), packaged
    // from its manifest.
    package(&["-p", "tencentcloud-sdk-core", "-p", "tencentcloud-sdk"]);
    let services = largest_and_curated_services(&packages);
    for p in &services {
        package(&[
            "--manifest-path",
            p["manifest_path"].as_str().unwrap_or_default(),
        ]);
    }
    let members = packages
        .iter()
        .filter(|p| ["tencentcloud-sdk-core", "tencentcloud-sdk"].contains(&name(p)));
    for p in members.chain(services.iter().copied()) {
        let file = target.join(format!(
            "package/{}-{}.crate",
            name(p),
            p["version"].as_str().unwrap_or_default()
        ));
        let size = std::fs::metadata(&file)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
            .len();
        assert!(
            size < MAX_CRATE_BYTES,
            "{}: {size} bytes packaged, over crates.io's 10 MB",
            name(p)
        );
    }
}

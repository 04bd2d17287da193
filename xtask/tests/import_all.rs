//! `cargo xtask import --all`: a service version whose description cannot
//! be read is named with its file and JSON path, and every other one is
//! still imported (the command then exits non-zero).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

#[test]
fn an_unreadable_service_is_named_and_the_rest_import() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-all");
    let _ = std::fs::remove_dir_all(&tmp);
    let services = tmp.join("services");
    xtask::scratch::copy_dir(
        &root().join("tests/fixtures/import/tccli/services"),
        &services,
    )
    .expect("copy the fixture description");
    let broken = services.join("broken/v20200101");
    std::fs::create_dir_all(&broken).expect("broken service");
    std::fs::write(
        broken.join("api.json"),
        r#"{"metadata": {"apiVersion": "2020-01-01", "serviceNameCN": "Broken", "serviceShortName": "broken"},
            "actions": {"DoThing": {"name": "DoThing", "document": "x", "input": 7, "output": "DoThingResponse", "status": "online"}},
            "objects": {}, "version": "1.0"}"#,
    )
    .expect("write");
    std::fs::write(broken.join("examples.json"), r#"{"actions": {}}"#).expect("write");
    let out = tmp.join("api-spec");
    let run = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["import", "--all", "--from"])
        .arg(&services)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run xtask");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        !run.status.success(),
        "a refused service version fails the run"
    );
    assert!(
        stderr.contains("refused service version: broken 2020-01-01")
            && stderr.contains("broken/v20200101/api.json: $.actions.DoThing.input"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 service version(s) could not be read (the others were imported)"),
        "{stderr}"
    );
    assert!(
        out.join("shapes/2020-01-01/service.json").is_file(),
        "the readable service version was imported"
    );
    assert!(
        !out.join("broken").exists(),
        "nothing written for the broken one"
    );
}

//! A scratch copy of `generated-sdk/` holding the code generated from another
//! spec folder: the hand-written runtime (`core/`) and facade library
//! (`facade/`), the generated files written in, and a workspace manifest of
//! its own, so the copy builds like the real tree. Used by `cargo xtask
//! bench-build` for larger imported sets and by the tests that compile the
//! code of fixture specs.

use std::path::Path;

/// Sections of a manifest a scratch copy leaves out: only the libraries are
/// built there.
const DEV_SECTIONS: &[&str] = &["[dev-dependencies]", "[[bench]]", "[[example]]", "[[test]]"];

/// Lays out the scratch copy at `dir` (emptied first) with `generated`'s
/// files. `facade_dev_dependencies`: lines for the facade's
/// `[dev-dependencies]` (tests placed in `facade/tests/` may use them).
pub fn lay_out(
    root: &Path,
    dir: &Path,
    generated: &codegen::Generated,
    facade_dev_dependencies: &str,
) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    let sdk = root.join("generated-sdk");
    copy_dir(&sdk.join("core/src"), &dir.join("core/src"))?;
    copy_dir(&sdk.join("facade/src"), &dir.join("facade/src"))?;
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let write = |p: &Path, text: &str| {
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(p, text).map_err(|e| format!("{}: {e}", p.display()))
    };
    write(
        &dir.join("core/Cargo.toml"),
        &without_dev_sections(&read(&sdk.join("core/Cargo.toml"))?),
    )?;
    let facade = without_dev_sections(&read(&sdk.join("facade/Cargo.toml"))?);
    let mut facade = generated.facade_manifest.splice(&facade)?;
    if !facade_dev_dependencies.is_empty() {
        facade.push_str("\n[dev-dependencies]\n");
        facade.push_str(facade_dev_dependencies);
        facade.push('\n');
    }
    write(&dir.join("facade/Cargo.toml"), &facade)?;
    for (rel, text) in &generated.files {
        write(&dir.join(rel), text)?;
    }
    write(
        &dir.join("Cargo.toml"),
        &workspace_manifest(&read(&root.join("Cargo.toml"))?),
    )?;
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    Ok(())
}

/// The repository's workspace manifest with the scratch copy's members: the
/// shared package keys, dependencies and profiles stay as they are.
fn workspace_manifest(manifest: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in manifest.lines() {
        if skipping {
            skipping = !line.trim_end().ends_with(']');
            continue;
        }
        if let Some(rest) = line.strip_prefix("members = [") {
            out.push_str("members = [\"core\", \"facade\", \"services/*\"]\n");
            skipping = !rest.trim_end().ends_with(']');
            continue;
        }
        if line.starts_with("exclude = ") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `manifest` without its dev-dependencies, benches, examples and tests.
fn without_dev_sections(manifest: &str) -> String {
    let mut out = String::new();
    let mut keep = true;
    for line in manifest.lines() {
        if line.starts_with('[') {
            keep = !DEV_SECTIONS.contains(&line.trim());
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Copies `from` into `to` recursively.
pub fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            std::fs::copy(&path, &dest).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_lists_the_scratch_members_only() {
        let manifest = "[workspace]\nresolver = \"2\"\nmembers = [\n    \"codegen\",\n    \"tests\",\n]\nexclude = [\"fuzz\"]\n\n[workspace.package]\nversion = \"0.1.0\"\n";
        assert_eq!(
            workspace_manifest(manifest),
            "[workspace]\nresolver = \"2\"\nmembers = [\"core\", \"facade\", \"services/*\"]\n\n[workspace.package]\nversion = \"0.1.0\"\n"
        );
    }

    #[test]
    fn dev_sections_are_dropped_and_the_rest_kept() {
        let manifest = "[package]\nname = \"x\"\n\n[dev-dependencies]\ncriterion = \"0.7\"\n\n[[example]]\nname = \"call\"\n\n[features]\na = []\n";
        assert_eq!(
            without_dev_sections(manifest),
            "[package]\nname = \"x\"\n\n[features]\na = []\n"
        );
    }
}

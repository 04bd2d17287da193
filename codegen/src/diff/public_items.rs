//! The public API of generated code, read back with syn, so a spec diff can
//! say which public items a change adds or removes.

use std::collections::BTreeSet;

use syn::{ImplItem, Item, Visibility};

use super::CodeImpact;
use crate::emit::Files;

/// Compares two generations: changed files and public items.
///
/// Only the files that differ are read back: a file with the same text on
/// both sides gives the same items, which would cancel out. (An item path
/// is defined in one file only, as Rust requires within a module.)
pub fn impact(old: &Files, new: &Files) -> CodeImpact {
    let files_changed: Vec<String> = old
        .keys()
        .chain(new.keys())
        .filter(|k| old.get(*k) != new.get(*k))
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let (a, b) = items_on_threads(old, new, &files_changed);
    CodeImpact {
        items_added: b.difference(&a).cloned().collect(),
        items_removed: a.difference(&b).cloned().collect(),
        files_changed,
        error: None,
    }
}

/// Public items of every file, as paths: `postgres::v20170312::CloneDBInstanceRequest`,
/// `...::CloneDBInstanceRequest::storage` (fields and methods), `...::InstanceChargeType::Prepaid`.
pub fn items(files: &Files) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (path, text) in files {
        file_items(path, text, &mut out);
    }
    out
}

/// The same as [`items`], read with syn's full parser: slower, and the
/// reference that the token reader is tested against.
pub fn items_with_syn(files: &Files) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (path, text) in files {
        let (Some(module), Ok(file)) = (module_path(path), syn::parse_file(text)) else {
            continue;
        };
        for item in &file.items {
            collect(&module, item, &mut out);
        }
    }
    out
}

/// The public items of `paths` in the old and the new files, read on every
/// core: thread `k` of `n` takes every `n`th path, which spreads large and
/// small services alike.
fn items_on_threads(
    old: &Files,
    new: &Files,
    paths: &[String],
) -> (BTreeSet<String>, BTreeSet<String>) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|k| {
                scope.spawn(move || {
                    let part: Vec<&String> = paths.iter().skip(k).step_by(threads).collect();
                    (items_of(old, &part), items_of(new, &part))
                })
            })
            .collect();
        let (mut a, mut b) = (BTreeSet::new(), BTreeSet::new());
        for h in handles {
            let (x, y) = h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            a.extend(x);
            b.extend(y);
        }
        (a, b)
    })
}

/// Public items of the files named in `paths` that `files` holds.
fn items_of(files: &Files, paths: &[&String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for path in paths {
        if let Some(text) = files.get(*path) {
            file_items(path, text, &mut out);
        }
    }
    out
}

/// Adds the public items of one generated file (nothing for a file that is
/// not Rust or does not lex).
fn file_items(path: &str, text: &str, out: &mut BTreeSet<String>) {
    let Some(module) = module_path(path) else {
        return;
    };
    let Ok(tokens) = text.parse::<proc_macro2::TokenStream>() else {
        return;
    };
    let tokens: Vec<proc_macro2::TokenTree> = tokens.into_iter().collect();
    super::item_tokens::collect(&module, &tokens, out);
}

/// The module a generated Rust file's items are public in, as the facade
/// crate shows them: `services/postgres/src/v20170312/clone_db_instance.rs`
/// (or `services-cn/...`, the Chinese site's crate)
/// -> `postgres::v20170312` (action and model files are re-exported into
/// their version module), `services/postgres/src/lib.rs` -> `postgres`,
/// `facade/src/generated/mod.rs` -> the crate root. `None` for files that are
/// not Rust (manifests, READMEs).
fn module_path(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.strip_suffix(".rs")?.split('/').collect();
    // Any edition's service crates (`services/`, `services-cn/`).
    let crates = |dir: &str| {
        crate::spec::Edition::ALL
            .iter()
            .any(|e| e.services_dir() == dir)
    };
    Some(match parts.as_slice() {
        [dir, service, "src", "lib"] if crates(dir) => (*service).to_owned(),
        [dir, service, "src", version, ..] if crates(dir) => format!("{service}::{version}"),
        [_, "src", "generated", "mod"] => String::new(),
        [_, "src", "generated", rest @ ..] => rest.join("::"),
        other => other.join("::"),
    })
}

fn join(module: &str, name: &str) -> String {
    if module.is_empty() {
        name.to_owned()
    } else {
        format!("{module}::{name}")
    }
}

fn is_pub(v: &Visibility) -> bool {
    matches!(v, Visibility::Public(_))
}

fn collect(module: &str, item: &Item, out: &mut BTreeSet<String>) {
    match item {
        Item::Struct(s) if is_pub(&s.vis) => {
            let name = join(module, &s.ident.to_string());
            for f in &s.fields {
                if let (true, Some(id)) = (is_pub(&f.vis), &f.ident) {
                    out.insert(format!("{name}::{id}"));
                }
            }
            out.insert(name);
        }
        Item::Enum(e) if is_pub(&e.vis) => {
            let name = join(module, &e.ident.to_string());
            for v in &e.variants {
                out.insert(format!("{name}::{}", v.ident));
            }
            out.insert(name);
        }
        Item::Const(c) if is_pub(&c.vis) => {
            out.insert(join(module, &c.ident.to_string()));
        }
        Item::Static(s) if is_pub(&s.vis) => {
            out.insert(join(module, &s.ident.to_string()));
        }
        Item::Impl(imp) if imp.trait_.is_none() => {
            let syn::Type::Path(ty) = &*imp.self_ty else {
                return;
            };
            let Some(last) = ty.path.segments.last() else {
                return;
            };
            let owner = join(module, &last.ident.to_string());
            for it in &imp.items {
                match it {
                    ImplItem::Fn(f) if is_pub(&f.vis) => {
                        out.insert(format!("{owner}::{}()", f.sig.ident));
                    }
                    ImplItem::Const(c) if is_pub(&c.vis) => {
                        out.insert(format!("{owner}::{}", c.ident));
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::module_path;

    #[test]
    fn both_editions_crates_name_their_items_by_service_and_version() {
        for dir in ["services", "services-cn"] {
            assert_eq!(
                module_path(&format!("{dir}/cii/src/v20210408/create_structure_task.rs"))
                    .as_deref(),
                Some("cii::v20210408")
            );
            assert_eq!(
                module_path(&format!("{dir}/cii/src/lib.rs")).as_deref(),
                Some("cii")
            );
        }
        assert_eq!(
            module_path("facade/src/generated/mod.rs").as_deref(),
            Some("")
        );
        assert_eq!(module_path("services-cn/cii/Cargo.toml"), None);
    }
}

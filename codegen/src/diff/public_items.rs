//! The public API of generated code, read back with syn, so a spec diff can
//! say which public items a change adds or removes.

use std::collections::BTreeSet;

use syn::{ImplItem, Item, Visibility};

use super::CodeImpact;
use crate::emit::Files;

/// Compares two generations: changed files and public items.
pub fn impact(old: &Files, new: &Files) -> CodeImpact {
    let mut files_changed: Vec<String> = old
        .keys()
        .chain(new.keys())
        .filter(|k| old.get(*k) != new.get(*k))
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    files_changed.sort();
    let (a, b) = (items(old), items(new));
    CodeImpact {
        files_changed,
        items_added: b.difference(&a).cloned().collect(),
        items_removed: a.difference(&b).cloned().collect(),
        error: None,
    }
}

/// Public items of every file, as paths: `postgres::v20170312::CloneDBInstanceRequest`,
/// `...::CloneDBInstanceRequest::storage` (fields and methods), `...::InstanceChargeType::Prepaid`.
pub fn items(files: &Files) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (path, text) in files {
        let Some(module) = module_path(path) else {
            continue;
        };
        let Ok(file) = syn::parse_file(text) else {
            continue;
        };
        for item in &file.items {
            collect(&module, item, &mut out);
        }
    }
    out
}

/// The module a generated Rust file's items are public in, as the facade
/// crate shows them: `services/postgres/src/v20170312/clone_db_instance.rs`
/// -> `postgres::v20170312` (action and model files are re-exported into
/// their version module), `services/postgres/src/lib.rs` -> `postgres`,
/// `facade/src/generated/mod.rs` -> the crate root. `None` for files that are
/// not Rust (manifests, READMEs).
fn module_path(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.strip_suffix(".rs")?.split('/').collect();
    Some(match parts.as_slice() {
        ["services", service, "src", "lib"] => (*service).to_owned(),
        ["services", service, "src", version, ..] => format!("{service}::{version}"),
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

//! Curated facts are written once. The international tree (`api-spec/`) is
//! the base: a curator writes a constraint, a rule, a secret mark or a
//! waiter there, and the import of another edition copies it onto each
//! service version, action, structure and member that edition shares with
//! the base, replacing what the edition's tree held for it. What the
//! edition's tree alone has (a service only the Chinese site offers, a
//! member the base lacks) keeps the facts curated in that tree.
//!
//! Not copied, because it belongs to one edition:
//! - text in the edition's language: descriptions, titles, examples and
//!   product names (a curated English note never replaces a Chinese
//!   document, nor the reverse), and the pins that keep such text;
//! - the regions an international page lists, and the page itself
//!   (`source`, its examples): the other site publishes its own;
//! - draft reviews: each edition drafts from its own documents.

use codegen::spec::{ActionSpec, Field, Member, Output, ServiceSpec, StructureSpec};

/// Pinned keys that hold text in the edition's language.
const TEXT_KEYS: [&str; 3] = ["description", "title", "example"];

/// The edition's pins of text, then the base's other pins.
fn pins(edition: &[String], base: &[String]) -> Vec<String> {
    let text = |k: &&String| TEXT_KEYS.contains(&k.as_str());
    edition
        .iter()
        .filter(text)
        .chain(base.iter().filter(|k| !text(k)))
        .cloned()
        .collect()
}

/// The keys both member kinds share: pinned values, deprecation, notes and
/// the secret mark.
fn shared<M: Member>(edition: &mut M, base: &M) {
    let base = &mut base.clone();
    let b = base.shared_mut();
    let e = edition.shared_mut();
    let pinned = |key: &str| b.curated.iter().any(|k| k == key);
    if pinned("type") {
        e.ty.clone_from(b.ty);
    }
    if pinned("format") {
        e.format.clone_from(b.format);
    }
    if pinned("array") {
        *e.array = *b.array;
    }
    if pinned("disabled") {
        *e.disabled = *b.disabled;
    }
    *e.curated = pins(e.curated, b.curated);
    *e.deprecated = *b.deprecated;
    e.notes.clone_from(b.notes);
    // A secret in one edition is a secret in the other.
    *e.sensitive = *b.sensitive || *e.sensitive;
}

/// A request member: the shared keys, then constraints, default and unit.
pub fn field(edition: &mut Field, base: &Field) {
    shared(edition, base);
    if base.curated.iter().any(|k| k == "required") {
        edition.required = base.required;
    }
    edition.constraints.clone_from(&base.constraints);
    edition.default.clone_from(&base.default);
    edition
        .default_description
        .clone_from(&base.default_description);
    edition.unit.clone_from(&base.unit);
}

/// A response member: the shared keys, and pinned presence.
pub fn output(edition: &mut Output, base: &Output) {
    shared(edition, base);
    if base.curated.iter().any(|k| k == "may_be_absent") {
        edition.may_be_absent = base.may_be_absent;
    }
    if base.curated.iter().any(|k| k == "nullable") {
        edition.nullable = base.nullable;
    }
}

/// Members matched by wire name.
fn members<M: Member>(edition: &mut [M], base: &[M], apply: fn(&mut M, &M)) {
    for m in edition {
        if let Some(b) = base.iter().find(|b| b.name() == m.name()) {
            apply(m, b);
        }
    }
}

/// An action: its members, rules, error codes, purchase, rate limit and
/// reviewed pagination.
pub fn action(edition: &mut ActionSpec, base: &ActionSpec) {
    members(&mut edition.parameters, &base.parameters, field);
    members(&mut edition.outputs, &base.outputs, output);
    edition.curated = pins(&edition.curated, &base.curated);
    edition.rules.clone_from(&base.rules);
    edition.errors.clone_from(&base.errors);
    edition.purchase.clone_from(&base.purchase);
    edition.rate_limit_per_second = base.rate_limit_per_second;
    edition.region_required = base.region_required;
    if base.pagination.as_ref().is_some_and(|p| !p.drafted) {
        edition.pagination.clone_from(&base.pagination);
    }
}

/// A structure: its members and notes.
pub fn structure(edition: &mut StructureSpec, base: &StructureSpec) {
    members(&mut edition.fields, &base.fields, field);
    edition.curated = pins(&edition.curated, &base.curated);
    edition.notes.clone_from(&base.notes);
}

/// A service version: its waiters and notes (its product name is in the
/// edition's language).
pub fn service(edition: &mut ServiceSpec, base: &ServiceSpec) {
    edition.waiters.clone_from(&base.waiters);
    edition.notes.clone_from(&base.notes);
}

/// Applies the base's service version folder `base_dir` (absent: nothing to
/// apply) to one imported service version of another edition.
pub fn apply(
    base_dir: &std::path::Path,
    service_spec: &mut ServiceSpec,
    actions: &mut std::collections::BTreeMap<String, ActionSpec>,
    structures: &mut std::collections::BTreeMap<String, StructureSpec>,
) -> Result<(), String> {
    fn read<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Result<Option<T>, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| format!("{}: cannot read the base spec: {e}", path.display())),
            Err(_) => Ok(None),
        }
    }
    if let Some(base) = read::<ServiceSpec>(&base_dir.join("service.json"))? {
        service(service_spec, &base);
    } else {
        return Ok(());
    }
    for (name, a) in actions.iter_mut() {
        if let Some(base) = read::<ActionSpec>(&base_dir.join(format!("actions/{name}.json")))? {
            action(a, &base);
        }
    }
    for (name, st) in structures.iter_mut() {
        if let Some(base) =
            read::<StructureSpec>(&base_dir.join(format!("structures/{name}.json")))?
        {
            structure(st, &base);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_json(json: &str) -> Field {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_member_gets_the_base_facts_but_keeps_its_own_document() {
        let mut cn = field_json(
            r#"{"name": "Period", "type": "Integer", "required": true,
                "description": "购买时长，单位：月。", "curated": ["description"],
                "unit": "年", "notes": "过时"}"#,
        );
        let base = field_json(
            r#"{"name": "Period", "type": "UInt64", "required": false,
                "description": "Purchase duration in months.",
                "curated": ["type", "description"], "unit": "month",
                "default": 1, "sensitive": true,
                "constraints": {"range": {"min": 1, "max": 36}}}"#,
        );
        field(&mut cn, &base);
        assert_eq!(cn.description, "购买时长，单位：月。");
        assert_eq!(cn.ty, "UInt64", "a pinned type is a curated fact");
        assert!(cn.required, "an unpinned `required` is the edition's own");
        assert_eq!(cn.curated, ["description", "type"]);
        assert_eq!(cn.unit.as_deref(), Some("month"));
        assert_eq!(
            cn.notes, None,
            "the base's absence of a note replaces the edition's"
        );
        assert_eq!(cn.constraints, base.constraints);
        assert_eq!(cn.default, base.default);
        assert!(cn.sensitive);
    }

    #[test]
    fn an_action_keeps_its_regions_source_and_examples() {
        let read = |json: &str| -> ActionSpec { serde_json::from_str(json).unwrap() };
        let mut cn = read(
            r#"{"$schema": "x", "name": "Buy", "description": "购买", "regions": ["ap-nanjing"],
                "parameters": [], "outputs": []}"#,
        );
        let base = read(
            r#"{"$schema": "x", "name": "Buy", "description": "Buys",
                "curated": ["description"], "regions": ["ap-singapore"],
                "source": {"url": "https://www.tencentcloud.com/document/api/1/2", "last_updated": "2024"},
                "purchase": {"check": "DescribeOrders"},
                "parameters": [], "outputs": []}"#,
        );
        action(&mut cn, &base);
        assert_eq!(cn.regions, ["ap-nanjing"]);
        assert_eq!(cn.source, None);
        assert!(
            cn.curated.is_empty(),
            "a description pin stays with its text"
        );
        assert_eq!(cn.purchase, base.purchase);
        assert_eq!(cn.description, "购买");
    }
}

//! Drafts for every input member of a description folder
//! (`tccli/services`), as `cargo xtask constraints --from DIR` prints them.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::{draft, Draft, Kind, Subject};
use crate::description::{read_service_version, ApiJson};
use crate::run::{list_service_versions, version_dir};

/// One member's draft, where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberDraft {
    /// Service (`redis`).
    pub service: String,
    /// Version, `YYYY-MM-DD`.
    pub version: String,
    /// The description's structure name (`CreateInstancesRequest`).
    pub structure: String,
    /// The member's wire name.
    pub member: String,
    /// Valid values.
    pub allowed: Option<Vec<Value>>,
    /// Smallest value.
    pub minimum: Option<Value>,
    /// Largest value.
    pub maximum: Option<Value>,
    /// Fewest characters.
    pub min_length: Option<u64>,
    /// Most characters.
    pub max_length: Option<u64>,
    /// A pattern.
    pub pattern: Option<String>,
    /// The default.
    pub default: Option<Value>,
    /// The unit.
    pub unit: Option<String>,
    /// Depends on another member.
    pub conditional: bool,
    /// The sentences the draft came from.
    pub evidence: String,
}

impl MemberDraft {
    fn new(service: &str, version: &str, structure: &str, member: &str, d: Draft) -> Self {
        MemberDraft {
            service: service.to_owned(),
            version: version.to_owned(),
            structure: structure.to_owned(),
            member: member.to_owned(),
            allowed: d.allowed,
            minimum: d.minimum,
            maximum: d.maximum,
            min_length: d.min_length,
            max_length: d.max_length,
            pattern: d.pattern,
            default: d.default,
            unit: d.unit,
            conditional: d.conditional,
            evidence: d.evidence.join(" | "),
        }
    }
}

/// Drafts of one service version's input members: the actions' request
/// structures and the shared structures used as input. Every member is
/// returned, drafted or not, in structure then member order.
pub fn drafts_of(service: &str, version: &str, api: &ApiJson) -> Vec<MemberDraft> {
    let mut out = Vec::new();
    for (name, object) in &api.objects {
        let is_input = api.actions.values().any(|a| &a.input == name)
            || matches!(object.usage.as_deref(), Some("in" | "both"));
        if !is_input {
            continue;
        }
        let siblings: Vec<&str> = object.members.iter().map(|m| m.name.as_str()).collect();
        for m in &object.members {
            let d = draft(&Subject {
                name: &m.name,
                document: &m.document,
                kind: Kind::of(&m.kind, &m.member),
                list: m.kind == "list",
                siblings: &siblings,
            });
            out.push(MemberDraft::new(service, version, name, &m.name, d));
        }
    }
    out
}

/// Drafts of every input member of the folder's service versions (of
/// `only`'s services when it is not empty).
pub fn drafts_in(services: &Path, only: &[&str]) -> Result<Vec<MemberDraft>, String> {
    let mut out = Vec::new();
    for (service, version) in list_service_versions(services)? {
        if !only.is_empty() && !only.contains(&service.as_str()) {
            continue;
        }
        let dir = services.join(&service).join(version_dir(&version));
        let (api, _) = read_service_version(&dir).map_err(|e| e.to_string())?;
        out.extend(drafts_of(&service, &version, &api));
    }
    Ok(out)
}

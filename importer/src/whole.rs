//! Requests that cannot be sent whole. A member the import refuses (a type
//! the SDK does not know, such as the Chinese site's `binary` file uploads,
//! a name that is not a wire name, a structure that does not exist) would
//! vanish from its structure; an action whose request holds such a member,
//! directly or through the structures it uses, could not carry what the
//! service needs. Such an action is refused whole, with the reason, instead
//! of being generated without the member.

use std::collections::{BTreeMap, BTreeSet};

use codegen::spec::PRIMITIVES;

use crate::description::{ApiJson, Member};
use crate::fresh::{is_wire_name, map_member};

/// Why the import refuses a member, if it does: not a wire name, a type
/// it does not know, or a structure that does not exist (`known`: the
/// structures the import keeps). The one rule both the structures and this
/// module apply.
pub fn refusal(m: &Member, known: &BTreeSet<String>) -> Option<String> {
    if !is_wire_name(&m.name) {
        return Some("not a wire name".to_owned());
    }
    match map_member(m) {
        Err(why) => Some(why),
        Ok((ty, _, _)) if !PRIMITIVES.contains(&ty.as_str()) && !known.contains(&ty) => {
            Some(format!("refers to unknown structure \"{ty}\""))
        }
        Ok(_) => None,
    }
}

/// The objects of `api` that would lose a member on import, each with the
/// first reason found (in member order); an object is incomplete when one
/// of its members is refused, or refers to an incomplete structure.
/// `known`: the structures the import keeps.
pub fn incomplete(api: &ApiJson, known: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for (name, obj) in &api.objects {
        let mut seen = BTreeSet::new();
        let why = obj.members.iter().find_map(|m| {
            if !seen.insert(m.name.as_str()) {
                return Some(format!("member \"{}\" is listed twice", m.name));
            }
            refusal(m, known).map(|why| format!("member \"{}\": {why}", m.name))
        });
        if let Some(why) = why {
            out.insert(name.clone(), why);
        }
    }
    // Through structures: repeat until nothing changes (cycles end, as an
    // object is added once).
    loop {
        let mut added = Vec::new();
        for (name, obj) in &api.objects {
            if out.contains_key(name) {
                continue;
            }
            let via = obj.members.iter().find_map(|m| {
                let ty = map_member(m).ok()?.0;
                out.get(&ty)
                    .map(|why| format!("member \"{}\" uses {ty}, whose {why}", m.name))
            });
            if let Some(why) = via {
                added.push((name.clone(), why));
            }
        }
        if added.is_empty() {
            return out;
        }
        out.extend(added);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(json: &str) -> ApiJson {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_binary_member_makes_its_request_and_every_user_incomplete() {
        let api = api(r#"{
            "metadata": {"serviceShortName": "cii", "apiVersion": "2021-04-08", "serviceNameCN": "x"},
            "actions": {},
            "objects": {
                "UploadRequest": {"document": "", "members": [
                    {"name": "Name", "type": "string", "member": "string", "document": ""},
                    {"name": "File", "type": "binary", "member": "binary", "document": "文件二进制数据"}
                ]},
                "Wrapper": {"document": "", "members": [
                    {"name": "Inner", "type": "object", "member": "UploadRequest", "document": ""}
                ]},
                "Fine": {"document": "", "members": [
                    {"name": "Name", "type": "string", "member": "string", "document": ""}
                ]}
            }
        }"#);
        let known: BTreeSet<String> = ["UploadRequest", "Wrapper", "Fine"]
            .map(String::from)
            .into();
        let got = incomplete(&api, &known);
        assert_eq!(
            got.get("UploadRequest").map(String::as_str),
            Some("member \"File\": unknown member type \"binary\" (member \"binary\")")
        );
        assert!(got["Wrapper"]
            .starts_with("member \"Inner\" uses UploadRequest, whose member \"File\""));
        assert!(!got.contains_key("Fine"));
    }
}

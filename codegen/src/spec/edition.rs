//! Editions of the official description: the international site and the
//! Chinese site publish the same API twice, with their own documents (in
//! English, in Chinese), hosts, services and packages. Each edition has its
//! own spec tree and its own family of service crates; everything that
//! differs between them is named here, once.
//!
//! A spec tree says which edition it is with `edition.json` at its root
//! (`{"edition": "cn"}`); a tree without one is the international edition.

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The file at a spec tree's root naming its edition.
pub const EDITION_FILE: &str = "edition.json";

/// An edition of the official description.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    /// The international site (`tccli-intl-en`, documents in English).
    #[default]
    Intl,
    /// The Chinese site (`tccli`, documents in Chinese).
    Cn,
}

/// `edition.json`: the edition of the spec tree it sits in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EditionFile {
    /// Relative path of `spec.schema.json`, for editors.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// The edition.
    pub edition: Edition,
}

impl Edition {
    /// Both editions.
    pub const ALL: [Edition; 2] = [Edition::Intl, Edition::Cn];

    /// The edition's short name, as `--edition` takes it (`intl`, `cn`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Intl => "intl",
            Self::Cn => "cn",
        }
    }

    /// Parses a short name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.name() == name)
    }

    /// The edition in words, for documents and reports.
    pub fn label(self) -> &'static str {
        match self {
            Self::Intl => "international",
            Self::Cn => "Chinese-site",
        }
    }

    /// The spec tree, relative to the workspace.
    pub fn spec_dir(self) -> &'static str {
        match self {
            Self::Intl => "api-spec",
            Self::Cn => "api-spec-cn",
        }
    }

    /// Where `spec.schema.json` is from the spec tree's root: the schema
    /// lives once, in the international tree.
    pub fn schema_prefix(self) -> &'static str {
        match self {
            Self::Intl => "",
            Self::Cn => "../api-spec/",
        }
    }

    /// The relative `$schema` of a file `depth` folders below the tree's root.
    pub fn schema_ref(self, depth: usize) -> String {
        format!(
            "{}{}{}",
            "../".repeat(depth),
            self.schema_prefix(),
            super::SCHEMA_FILE
        )
    }

    /// The folder of the edition's service crates, relative to `generated-sdk/`.
    pub fn services_dir(self) -> &'static str {
        match self {
            Self::Intl => "services",
            Self::Cn => "services-cn",
        }
    }

    /// The package name of a service's crate (`tencentcloud-sdk-postgres`,
    /// `tencentcloud-sdk-cn-postgres`).
    pub fn package_name(self, service: &str) -> String {
        match self {
            Self::Intl => format!("tencentcloud-sdk-{service}"),
            Self::Cn => format!("tencentcloud-sdk-cn-{service}"),
        }
    }

    /// The site root-relative links in documents point to.
    pub fn site(self) -> &'static str {
        match self {
            Self::Intl => "https://www.tencentcloud.com",
            Self::Cn => "https://cloud.tencent.com",
        }
    }

    /// The domain the official SDK of the edition calls by default
    /// (`<service>.<root domain>`).
    pub fn root_domain(self) -> &'static str {
        match self {
            Self::Intl => "intl.tencentcloudapi.com",
            Self::Cn => "tencentcloudapi.com",
        }
    }

    /// Whether documents are in Chinese.
    pub fn chinese(self) -> bool {
        self == Self::Cn
    }

    /// The edition of the spec tree at `root`: its `edition.json`, or the
    /// international edition when there is none.
    pub fn of_tree(root: &Path) -> Result<Self, String> {
        let file = root.join(EDITION_FILE);
        match std::fs::read_to_string(&file) {
            Ok(text) => serde_json::from_str::<EditionFile>(&text)
                .map(|f| f.edition)
                .map_err(|e| format!("{EDITION_FILE}: $: {e}")),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::Intl),
            Err(e) => Err(format!("{EDITION_FILE}: cannot read file: {e}")),
        }
    }

    /// The text of `edition.json` for a tree of this edition.
    pub fn file_text(self) -> String {
        super::canonical_json(&EditionFile {
            schema: self.schema_ref(0),
            edition: self,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_editions_differ_where_users_see_them() {
        for e in Edition::ALL {
            assert_eq!(Edition::from_name(e.name()), Some(e));
        }
        assert_eq!(Edition::from_name("en"), None);
        assert_ne!(
            Edition::Intl.package_name("cvm"),
            Edition::Cn.package_name("cvm")
        );
        assert_ne!(Edition::Intl.services_dir(), Edition::Cn.services_dir());
        assert_eq!(
            Edition::Cn.schema_ref(3),
            "../../../../api-spec/spec.schema.json"
        );
        assert_eq!(Edition::Intl.schema_ref(2), "../../spec.schema.json");
    }

    #[test]
    fn a_tree_names_its_edition_or_is_international() {
        let dir = std::env::temp_dir().join(format!("edition-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(Edition::of_tree(&dir), Ok(Edition::Intl));
        std::fs::write(dir.join(EDITION_FILE), Edition::Cn.file_text()).unwrap();
        assert_eq!(Edition::of_tree(&dir), Ok(Edition::Cn));
        std::fs::write(dir.join(EDITION_FILE), "{\"edition\": \"mars\"}").unwrap();
        let err = Edition::of_tree(&dir).unwrap_err();
        assert!(err.starts_with("edition.json: $:"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! Service versions the mock serves from a spec folder instead of from
//! compiled code: every service of `api-spec/` without building its crate.
//!
//! At start the [`Catalog`] reads only each `service.json` (about 160 small
//! files); a service version's actions and structures are read the first
//! time one of its actions is called, and kept. Requests are checked with
//! the spec's reference validator ([`codegen::spec::interpret`]), the same
//! one the test suite holds the generated validators against.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use codegen::spec::{interpret, ActionSpec, Edition, ServiceSpec, StructureSpec};
use serde_json::Value;

/// One service version read from its folder.
#[derive(Debug)]
pub struct DescribedVersion {
    /// `service.json`.
    pub service: ServiceSpec,
    /// Actions by name.
    pub actions: BTreeMap<String, ActionSpec>,
    /// Structures by name.
    pub structures: BTreeMap<String, StructureSpec>,
}

/// An action of a [`DescribedVersion`].
#[derive(Clone)]
pub struct DescribedAction {
    version: Arc<DescribedVersion>,
    name: String,
}

impl std::fmt::Debug for DescribedAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = &self.version.service;
        write!(
            f,
            "DescribedAction({} {} {})",
            s.service, s.version, self.name
        )
    }
}

impl DescribedAction {
    /// The action's spec.
    pub fn spec(&self) -> &ActionSpec {
        // Built only for names the version has (see `Catalog::find`).
        &self.version.actions[&self.name]
    }

    /// The service version's `service.json`.
    pub fn service(&self) -> &ServiceSpec {
        &self.version.service
    }

    /// The first example's `Response` object that is a success and fits
    /// the outputs (as the generated registry picks it), else `{}`.
    pub fn example_response(&self) -> Value {
        self.spec()
            .example_response()
            .cloned()
            .unwrap_or_else(|| Value::Object(Default::default()))
    }

    /// The reference validator's violations of a request body (a JSON
    /// object), by wire path and rule.
    pub fn violations(&self, body: &Value) -> Vec<interpret::Violation> {
        let structures = self
            .version
            .structures
            .iter()
            .map(|(k, v)| (k.as_str(), v))
            .collect();
        interpret::validate_request(body, self.spec(), &structures)
    }
}

/// Why an action was not found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// No service of that signing name.
    Service,
    /// The service has the action, but not in that version.
    Version,
    /// The service has no such action.
    Action,
}

/// The service versions of a spec folder, by signing name and version.
#[derive(Debug, Default)]
pub struct Catalog {
    /// The edition the folder describes (its `edition.json`).
    edition: Edition,
    /// `(signing name, version)` -> the service version's folder.
    folders: BTreeMap<(String, String), PathBuf>,
    loaded: Mutex<BTreeMap<(String, String), Arc<DescribedVersion>>>,
}

impl Catalog {
    /// Reads every `<service>/<version>/service.json` under `root`. A
    /// folder whose `service.json` does not read is an error naming it.
    pub fn open(root: &Path) -> Result<Self, String> {
        let mut folders = BTreeMap::new();
        for service in read_dirs(root)? {
            for version in read_dirs(&service)? {
                let file = version.join("service.json");
                if !file.is_file() {
                    continue;
                }
                let spec: ServiceSpec = read_json(&file)?;
                let key = (spec.signing_name().to_owned(), spec.version.clone());
                folders.insert(key, version);
            }
        }
        Ok(Self {
            edition: Edition::of_tree(root)?,
            folders,
            loaded: Mutex::default(),
        })
    }

    /// The edition of the folder. The compiled services are the
    /// international edition's: the mock serves another edition from its
    /// files alone, so that its own members and actions are the ones read.
    pub fn edition(&self) -> Edition {
        self.edition
    }

    /// How many service versions the catalog serves.
    pub fn len(&self) -> usize {
        self.folders.len()
    }

    /// Whether the catalog serves nothing.
    pub fn is_empty(&self) -> bool {
        self.folders.is_empty()
    }

    /// The action `name` of `service` (signing name) at `version`, reading
    /// the service version on first use. `Err(Ok(_))`: not served;
    /// `Err(Err(_))`: its files do not read.
    pub fn find(
        &self,
        service: &str,
        version: &str,
        name: &str,
    ) -> Result<DescribedAction, Result<Missing, String>> {
        let key = (service.to_owned(), version.to_owned());
        let Some(folder) = self.folders.get(&key) else {
            return Err(Ok(self.why_missing(service, name)));
        };
        let loaded = {
            let cached = self
                .loaded
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get(&key)
                .cloned();
            match cached {
                Some(v) => v,
                None => {
                    // Read outside the lock: other service versions stay served.
                    let v = Arc::new(read_version(folder).map_err(Err)?);
                    self.loaded
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .entry(key)
                        .or_insert(v)
                        .clone()
                }
            }
        };
        if loaded.actions.contains_key(name) {
            Ok(DescribedAction {
                version: loaded,
                name: name.to_owned(),
            })
        } else {
            Err(Ok(self.why_missing(service, name)))
        }
    }

    /// Whether another version of `service` has the action (by its file).
    fn why_missing(&self, service: &str, name: &str) -> Missing {
        let mut versions = self
            .folders
            .iter()
            .filter(|((s, _), _)| s == service)
            .peekable();
        if versions.peek().is_none() {
            return Missing::Service;
        }
        let file = format!("{name}.json");
        if versions.any(|(_, dir)| dir.join("actions").join(&file).is_file()) {
            Missing::Version
        } else {
            Missing::Action
        }
    }
}

fn read_dirs(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    Ok(out)
}

fn read_json<T: serde::de::DeserializeOwned>(file: &Path) -> Result<T, String> {
    let text = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    serde_json::from_slice(&text).map_err(|e| format!("{}: {e}", file.display()))
}

/// Every JSON file of `dir/<sub>/`, parsed, by file stem.
fn read_all<T: serde::de::DeserializeOwned>(
    dir: &Path,
    sub: &str,
) -> Result<BTreeMap<String, T>, String> {
    let mut out = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
        return Ok(out);
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_some_and(|x| x == "json") {
            out.insert(stem.to_owned(), read_json(&path)?);
        }
    }
    Ok(out)
}

fn read_version(dir: &Path) -> Result<DescribedVersion, String> {
    Ok(DescribedVersion {
        service: read_json(&dir.join("service.json"))?,
        actions: read_all(dir, "actions")?,
        structures: read_all(dir, "structures")?,
    })
}

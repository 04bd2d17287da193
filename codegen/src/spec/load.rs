//! Reading spec files from disk into the typed model.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::model::{
    ActionSpec, AnySpecFile, CommonErrorsSpec, ServiceErrorsSpec, ServiceSpec, StructureSpec,
};
use super::{check, Located, Problem, Problems, ServiceVersion, SpecSet};

/// Name of the JSON Schema file at the spec root.
pub const SCHEMA_FILE: &str = "spec.schema.json";
const COMMON_ERRORS_FILE: &str = "common-errors.json";
/// Name of a service version's error code file.
pub const SERVICE_ERRORS_FILE: &str = "error-codes.json";

/// Where a file sits in the tree decides what it holds.
enum Place {
    CommonErrors,
    Service {
        service: String,
        version: String,
    },
    ServiceErrors {
        service: String,
        version: String,
    },
    Action {
        service: String,
        version: String,
        stem: String,
    },
    Structure {
        service: String,
        version: String,
        stem: String,
    },
}

fn classify(rel: &str) -> Result<Place, String> {
    let parts: Vec<&str> = rel.split('/').collect();
    let stem = |name: &str| name.strip_suffix(".json").map(str::to_owned);
    match parts.as_slice() {
        [COMMON_ERRORS_FILE] => Ok(Place::CommonErrors),
        [service, version, "service.json"] => Ok(Place::Service {
            service: service.to_string(),
            version: version.to_string(),
        }),
        [service, version, SERVICE_ERRORS_FILE] => Ok(Place::ServiceErrors {
            service: service.to_string(),
            version: version.to_string(),
        }),
        [service, version, "actions", name] if name.ends_with(".json") => Ok(Place::Action {
            service: service.to_string(),
            version: version.to_string(),
            stem: stem(name).unwrap_or_default(),
        }),
        [service, version, "structures", name] if name.ends_with(".json") => Ok(Place::Structure {
            service: service.to_string(),
            version: version.to_string(),
            stem: stem(name).unwrap_or_default(),
        }),
        _ => Err(format!(
            "unexpected file: spec files are `{COMMON_ERRORS_FILE}`, `<service>/<version>/service.json`, \
             `<service>/<version>/{SERVICE_ERRORS_FILE}`, `<service>/<version>/actions/<Action>.json` or `<service>/<version>/structures/<Name>.json`"
        )),
    }
}

/// Lists files under `root` recursively, as sorted `/`-separated relative paths.
fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>, problems: &mut Vec<Problem>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Problem {
                file: rel_path(root, dir),
                path: "$".into(),
                message: format!("cannot read folder: {e}"),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            list_files(root, &path, out, problems);
        } else {
            out.push(rel_path(root, &path));
        }
    }
}

fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Parses the text of one spec file, its kind chosen from its path under
/// the spec root (`redis/2018-04-12/actions/X.json`, `.../service.json`,
/// ...), as [`load`] would; for fuzzing the reader without a folder.
pub fn parse_file_text(rel: &str, text: &str) -> Result<(), Problem> {
    let place = classify(rel).map_err(|message| Problem {
        file: rel.to_owned(),
        path: "$".into(),
        message,
    })?;
    match place {
        Place::CommonErrors => parse::<CommonErrorsSpec>(rel, text).map(drop),
        Place::Service { .. } => parse::<ServiceSpec>(rel, text).map(drop),
        Place::ServiceErrors { .. } => parse::<ServiceErrorsSpec>(rel, text).map(drop),
        Place::Action { .. } => parse::<ActionSpec>(rel, text).map(drop),
        Place::Structure { .. } => parse::<StructureSpec>(rel, text).map(drop),
    }
}

/// Parses one file's text, naming the JSON path of the first problem.
fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Problem> {
    let de = &mut serde_json::Deserializer::from_str(text);
    // `end()` rejects anything but whitespace after the value, so nothing in
    // the file is silently ignored (and later dropped by `spec --fix`).
    let parsed = serde_path_to_error::deserialize::<_, T>(&mut *de);
    if parsed.is_ok() {
        if let Err(e) = de.end() {
            return Err(Problem {
                file: file.to_owned(),
                path: "$".into(),
                message: format!("invalid JSON: {e} (only whitespace may follow the value)"),
            });
        }
    }
    match parsed {
        Ok(v) => Ok(v),
        Err(err) => {
            let path = err.path().to_string();
            let inner = err.into_inner();
            let (path, message) = match inner.classify() {
                // A syntax error has no meaningful JSON path: the position says where.
                serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                    ("$".to_owned(), format!("invalid JSON: {inner}"))
                }
                _ if path == "." => ("$".to_owned(), inner.to_string()),
                _ => (format!("$.{path}"), inner.to_string()),
            };
            Err(Problem {
                file: file.to_owned(),
                path,
                message,
            })
        }
    }
}

/// Loads every spec file under `root` and checks its meaning. Returns every
/// problem found, across all files, in one go.
pub fn load(root: &Path) -> Result<SpecSet, Problems> {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    list_files(root, root, &mut files, &mut problems);
    let mut gathered = Gathered::default();
    for file in files {
        if file == SCHEMA_FILE || file == super::EDITION_FILE || file.ends_with(".md") {
            continue;
        }
        let read = classify(&file).and_then(|place| {
            fs::read_to_string(root.join(&file))
                .map(|text| (place, text))
                .map_err(|e| format!("cannot read file: {e}"))
        });
        let added = match read {
            Ok((place, text)) => gathered.add(place, file, text),
            Err(message) => Err(Problem {
                file,
                path: "$".into(),
                message,
            }),
        };
        if let Err(p) = added {
            problems.push(p);
        }
    }
    let common = gathered.common.take();
    let services = gathered.into_versions(root, &mut problems);
    let Some(common) = common else {
        if !root.join(COMMON_ERRORS_FILE).exists() {
            problems.push(Problem {
                file: COMMON_ERRORS_FILE.into(),
                path: "$".into(),
                message: "missing: the common error codes file is required".into(),
            });
        }
        problems.sort();
        return Err(Problems(problems));
    };
    let edition = match super::Edition::of_tree(root) {
        Ok(e) => e,
        Err(message) => {
            problems.push(Problem {
                file: super::EDITION_FILE.into(),
                path: "$".into(),
                message,
            });
            super::Edition::Intl
        }
    };
    let set = SpecSet {
        root: root.to_owned(),
        edition,
        common_errors: common,
        services,
    };
    problems.extend(check::check(&set));
    problems.sort();
    problems.dedup();
    if problems.is_empty() {
        Ok(set)
    } else {
        Err(Problems(problems))
    }
}

/// A service version: (service, version).
type Key = (String, String);

/// The files read so far, each parsed and filed under its service version.
#[derive(Default)]
struct Gathered {
    common: Option<Located<CommonErrorsSpec>>,
    /// Every service version seen; `None` until its `service.json` is read.
    services: BTreeMap<Key, Option<Located<ServiceSpec>>>,
    actions: BTreeMap<Key, BTreeMap<String, Located<ActionSpec>>>,
    structures: BTreeMap<Key, BTreeMap<String, Located<StructureSpec>>>,
    service_errors: BTreeMap<Key, Located<ServiceErrorsSpec>>,
}

impl Gathered {
    /// Parses `text` as what `place` holds and files it; a parse error is
    /// the problem.
    fn add(&mut self, place: Place, file: String, text: String) -> Result<(), Problem> {
        fn located<T: DeserializeOwned>(file: String, text: String) -> Result<Located<T>, Problem> {
            let spec = parse::<T>(&file, &text)?;
            Ok(Located { file, text, spec })
        }
        match place {
            Place::CommonErrors => self.common = Some(located(file, text)?),
            Place::Service { service, version } => {
                self.services
                    .insert((service, version), Some(located(file, text)?));
            }
            Place::ServiceErrors { service, version } => {
                let located = located(file, text)?;
                let key = self.seen(service, version);
                self.service_errors.insert(key, located);
            }
            Place::Action {
                service,
                version,
                stem,
            } => {
                let located = located(file, text)?;
                let key = self.seen(service, version);
                self.actions.entry(key).or_default().insert(stem, located);
            }
            Place::Structure {
                service,
                version,
                stem,
            } => {
                let located = located(file, text)?;
                let key = self.seen(service, version);
                self.structures
                    .entry(key)
                    .or_default()
                    .insert(stem, located);
            }
        }
        Ok(())
    }

    /// Records that a service version has files, and returns its key.
    fn seen(&mut self, service: String, version: String) -> Key {
        let key = (service, version);
        self.services.entry(key.clone()).or_default();
        key
    }

    /// The service versions with a `service.json`; a folder without one is
    /// a problem (unless the file exists and failed to parse, which is
    /// reported already).
    fn into_versions(
        mut self,
        root: &Path,
        problems: &mut Vec<Problem>,
    ) -> BTreeMap<Key, ServiceVersion> {
        let mut out = BTreeMap::new();
        for (key, service) in std::mem::take(&mut self.services) {
            let actions = self.actions.remove(&key).unwrap_or_default();
            let structures = self.structures.remove(&key).unwrap_or_default();
            let errors = self.service_errors.remove(&key);
            match service {
                Some(service) => {
                    out.insert(
                        key,
                        ServiceVersion {
                            service,
                            errors,
                            actions,
                            structures,
                        },
                    );
                }
                None => {
                    let file = format!("{}/{}/service.json", key.0, key.1);
                    if !root.join(&file).exists() {
                        problems.push(Problem {
                            file,
                            path: "$".into(),
                            message: "missing: every service version folder needs a service.json"
                                .into(),
                        });
                    }
                }
            }
        }
        out
    }
}

/// The canonical text of a spec value: two-space JSON in model key order,
/// with a trailing newline.
pub fn canonical_json<T: Serialize>(value: &T) -> String {
    let mut out = serde_json::to_string_pretty(value).unwrap_or_default();
    out.push('\n');
    out
}

/// The JSON Schema of the spec format, as checked in at `api-spec/spec.schema.json`.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(AnySpecFile);
    canonical_json(&schema)
}

/// Result of `cargo xtask spec`: the checked set (or every problem), and the
/// files whose text differs from their canonical form, with that form.
#[derive(Debug)]
pub struct CanonicalReport {
    /// The loaded, checked specs, or every problem found.
    pub loaded: Result<SpecSet, Problems>,
    /// `(file, canonical text)` for each file not in canonical form.
    pub rewrites: Vec<(String, String)>,
    /// Number of files looked at, the schema included.
    pub files: usize,
}

/// Loads and checks the specs, and finds files not in canonical form
/// (including a stale `spec.schema.json`). Files that do not parse are left
/// to the load problems.
pub fn canonical_report(root: &Path) -> CanonicalReport {
    let mut ignored = Vec::new();
    let mut files = Vec::new();
    list_files(root, root, &mut files, &mut ignored);
    let mut rewrites = Vec::new();
    // The schema lives in the international tree; the others refer to it.
    if super::Edition::of_tree(root) == Ok(super::Edition::Intl) {
        let schema_path = root.join(SCHEMA_FILE);
        let schema = schema_json();
        if fs::read_to_string(&schema_path).ok().as_deref() != Some(schema.as_str()) {
            rewrites.push((SCHEMA_FILE.to_owned(), schema));
        }
    }
    for file in &files {
        let Ok(text) = fs::read_to_string(root.join(file)) else {
            continue;
        };
        let canonical = match classify(file) {
            Ok(Place::CommonErrors) => parse::<CommonErrorsSpec>(file, &text)
                .ok()
                .map(|s| canonical_json(&s)),
            Ok(Place::Service { .. }) => parse::<ServiceSpec>(file, &text)
                .ok()
                .map(|s| canonical_json(&s)),
            Ok(Place::ServiceErrors { .. }) => parse::<ServiceErrorsSpec>(file, &text)
                .ok()
                .map(|s| canonical_json(&s)),
            Ok(Place::Action { .. }) => parse::<ActionSpec>(file, &text)
                .ok()
                .map(|s| canonical_json(&s)),
            Ok(Place::Structure { .. }) => parse::<StructureSpec>(file, &text)
                .ok()
                .map(|s| canonical_json(&s)),
            Err(_) => None,
        };
        if let Some(canonical) = canonical {
            if canonical != text {
                rewrites.push((file.clone(), canonical));
            }
        }
    }
    let count = files.len().max(1);
    CanonicalReport {
        loaded: load(root),
        rewrites,
        files: count,
    }
}

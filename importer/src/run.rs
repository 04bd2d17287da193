//! One import: read a service version of the description, merge it into the
//! checked-in spec folder, check its examples against the merged spec, and
//! write (or, with `check`, compare) the files.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use codegen::spec::{
    canonical_json, decode, interpret, ActionSpec, Edition, ErrorCode, ExpectedViolation, Member,
    ServiceErrorsSpec, ServiceSpec, StructureSpec, SERVICE_ERRORS_FILE,
};

use crate::fresh;
use crate::merge::{self, MergeStats};
use crate::report::Report;
use crate::{client_file, description, errorcodes, paging};

/// Where the description of a service version is.
#[derive(Debug, Clone)]
pub struct Sources {
    /// `tccli/services`: holds `<service>/v<YYYYMMDD>/api.json`.
    pub services: PathBuf,
    /// The Python SDK's `tencentcloud` folder: holds
    /// `<service>/v<YYYYMMDD>/errorcodes.py`; `None` leaves error codes as they are.
    pub errors: Option<PathBuf>,
    /// Names the source in `error-codes.json` (`package version`).
    pub errors_label: String,
    /// The edition the description is of.
    pub edition: Edition,
    /// The international spec tree, whose curated facts an import of another
    /// edition copies ([`crate::edition_base`]); `None` for the international
    /// edition itself.
    pub base: Option<PathBuf>,
}

/// `2017-03-12` -> `v20170312`.
pub fn version_dir(version: &str) -> String {
    format!("v{}", version.replace('-', ""))
}

/// `v20170312` -> `2017-03-12`, if it is one.
pub fn version_of_dir(dir: &str) -> Option<String> {
    let d = dir.strip_prefix('v')?;
    (d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]))
}

/// Every `(service, version)` in a `tccli/services` folder, sorted.
pub fn list_service_versions(services: &Path) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let entries = fs::read_dir(services).map_err(|e| format!("{}: {e}", services.display()))?;
    for e in entries.flatten() {
        let Ok(inner) = fs::read_dir(e.path()) else {
            continue;
        };
        let service = e.file_name().to_string_lossy().into_owned();
        for v in inner.flatten() {
            let name = v.file_name().to_string_lossy().into_owned();
            if let Some(version) = version_of_dir(&name) {
                if v.path().join("api.json").is_file() {
                    out.push((service.clone(), version));
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Files of one service version folder: relative path -> text.
type Tree = BTreeMap<String, String>;

fn read_tree(dir: &Path) -> Tree {
    let mut out = Tree::new();
    for sub in ["", "actions", "structures"] {
        let Ok(entries) = fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_file() && path.extension().is_some_and(|x| x == "json") {
                let name = e.file_name().to_string_lossy().into_owned();
                let rel = if sub.is_empty() {
                    name
                } else {
                    format!("{sub}/{name}")
                };
                if let Ok(text) = fs::read_to_string(&path) {
                    out.insert(rel, text);
                }
            }
        }
    }
    out
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| format!("{file}: cannot read the checked-in spec: {e}"))
}

/// Imports one service version into `spec_root/<service>/<version>/`.
/// `check`: write nothing, record in the report what would change.
/// Conflicts are recorded in the report and nothing is written.
pub fn import_service_version(
    sources: &Sources,
    spec_root: &Path,
    service: &str,
    version: &str,
    check: bool,
    report: &mut Report,
) -> Result<(), String> {
    let desc_dir = sources.services.join(service).join(version_dir(version));
    let (api, examples) =
        description::read_service_version(&desc_dir).map_err(|e| e.to_string())?;
    let fresh = fresh::build((service, version, sources.edition), &api, &examples, report);

    let rel_dir = format!("{service}/{version}");
    let out_dir = spec_root.join(&rel_dir);
    let old = read_tree(&out_dir);
    let mut new = Tree::new();
    let mut m = Merging {
        rel_dir: &rel_dir,
        old: &old,
        conflicts: Vec::new(),
        stats: MergeStats::default(),
    };

    let mut service_spec = match old.get("service.json") {
        Some(text) => merge::merge_service(
            parse::<ServiceSpec>(&format!("{rel_dir}/service.json"), text)?,
            fresh.service.clone(),
        ),
        None => fresh.service.clone(),
    };
    if let Some(sdk) = &sources.errors {
        if client_file::check(sdk, &service_spec, &version_dir(version))?.is_some() {
            report.client_files_agree += 1;
        }
    }

    let mut structures = m.structures(fresh.structures)?;
    let mut actions = m.actions(fresh.actions, report)?;
    m.keep_curated_but_gone(&mut actions, &mut structures)?;
    if let Some(base) = &sources.base {
        crate::edition_base::apply(
            &base.join(&rel_dir),
            &mut service_spec,
            &mut actions,
            &mut structures,
        )?;
    }
    new.insert("service.json".into(), canonical_json(&service_spec));
    check_examples(&mut actions, &structures, report);

    for st in structures.values() {
        count_structure(st, report);
        new.insert(format!("structures/{}.json", st.name), canonical_json(st));
    }
    for a in actions.values() {
        count_action(a, report);
        new.insert(format!("actions/{}.json", a.name), canonical_json(a));
    }
    match &sources.errors {
        Some(_) => {
            if let Some(spec) = service_errors(sources, service, version, report)? {
                new.insert(SERVICE_ERRORS_FILE.into(), canonical_json(&spec));
            }
        }
        None => {
            if let Some(text) = old.get(SERVICE_ERRORS_FILE) {
                new.insert(SERVICE_ERRORS_FILE.into(), text.clone());
            }
        }
    }

    report.service_versions += 1;
    report.widths_kept += m.stats.widths_kept;
    report.duplicate_examples += m.stats.duplicate_examples;
    if !m.conflicts.is_empty() {
        report.conflicts.extend(m.conflicts);
        return Ok(());
    }
    write_tree(&rel_dir, &out_dir, &old, &new, check, report)
}

/// One service version's merge: the checked-in files and what the merge
/// found.
struct Merging<'a> {
    rel_dir: &'a str,
    old: &'a Tree,
    conflicts: Vec<merge::Conflict>,
    stats: MergeStats,
}

impl Merging<'_> {
    /// The checked-in file `rel` parsed, if there is one.
    fn checked_in<T: serde::de::DeserializeOwned>(&self, rel: &str) -> Result<Option<T>, String> {
        let file = format!("{}/{rel}", self.rel_dir);
        self.old.get(rel).map(|t| parse::<T>(&file, t)).transpose()
    }

    /// The fresh structures merged into the checked-in ones.
    fn structures(
        &mut self,
        fresh: BTreeMap<String, StructureSpec>,
    ) -> Result<BTreeMap<String, StructureSpec>, String> {
        let mut out = BTreeMap::new();
        for (name, st) in fresh {
            let rel = format!("structures/{name}.json");
            let cur: Option<StructureSpec> = self.checked_in(&rel)?;
            let file = format!("{}/{rel}", self.rel_dir);
            let merged = merge::merge_structure(
                &file,
                cur.as_ref(),
                st,
                &mut self.conflicts,
                &mut self.stats,
            );
            out.insert(name, merged);
        }
        Ok(out)
    }

    /// The fresh actions merged into the checked-in ones, each with its
    /// pagination drafted or kept as reviewed.
    fn actions(
        &mut self,
        fresh: BTreeMap<String, ActionSpec>,
        report: &mut Report,
    ) -> Result<BTreeMap<String, ActionSpec>, String> {
        let mut out = BTreeMap::new();
        for (name, act) in fresh {
            let rel = format!("actions/{name}.json");
            let cur: Option<ActionSpec> = self.checked_in(&rel)?;
            let file = format!("{}/{rel}", self.rel_dir);
            let mut merged = merge::merge_action(
                &file,
                cur.as_ref(),
                act,
                &mut self.conflicts,
                &mut self.stats,
            );
            draft_pagination(
                &format!("{} {name}", self.rel_dir.replace('/', " ")),
                &mut merged,
                report,
            );
            out.insert(name, merged);
        }
        Ok(out)
    }

    /// Checked-in actions and structures the description no longer has:
    /// kept, with a conflict, when they hold curated work; dropped otherwise.
    fn keep_curated_but_gone(
        &mut self,
        actions: &mut BTreeMap<String, ActionSpec>,
        structures: &mut BTreeMap<String, StructureSpec>,
    ) -> Result<(), String> {
        for (rel, text) in self.old {
            let file = format!("{}/{rel}", self.rel_dir);
            let stem = |prefix: &str| {
                rel.strip_prefix(prefix)
                    .and_then(|r| r.strip_suffix(".json"))
            };
            if let Some(stem) = stem("actions/") {
                if !actions.contains_key(stem) {
                    let cur = parse::<ActionSpec>(&file, text)?;
                    if merge::action_is_curated(&cur) {
                        self.conflicts.push(gone(file, "action", stem));
                        actions.insert(stem.to_owned(), cur);
                    }
                }
            } else if let Some(stem) = stem("structures/") {
                if !structures.contains_key(stem) {
                    let cur = parse::<StructureSpec>(&file, text)?;
                    if merge::structure_is_curated(&cur) {
                        self.conflicts.push(gone(file, "structure", stem));
                        structures.insert(stem.to_owned(), cur);
                    }
                }
            }
        }
        Ok(())
    }
}

/// The conflict of a curated `kind` (action, structure) gone from the description.
fn gone(file: String, kind: &str, name: &str) -> merge::Conflict {
    merge::Conflict {
        file,
        path: "$".into(),
        old: format!("{kind} {name}"),
        new: "absent".into(),
        what: format!("curated {kind} is gone from the description"),
    }
}

/// Drafts the pagination of an action from its members, unless reviewed;
/// `place` names it in the report (`postgres 2017-03-12 DescribeThings`).
fn draft_pagination(place: &str, merged: &mut ActionSpec, report: &mut Report) {
    let reviewed = merged.pagination.as_ref().is_some_and(|p| !p.drafted);
    let draft = match paging::draft(&merged.parameters, &merged.outputs) {
        Ok(d) => d,
        Err(why) if !reviewed => {
            report.pagination_undrafted.push(format!("{place}: {why}"));
            None
        }
        Err(_) => None,
    };
    merged.pagination = paging::merge(merged.pagination.as_ref(), draft);
    match &merged.pagination {
        Some(p) if p.drafted => report.pagination_drafted += 1,
        Some(_) => report.pagination_reviewed += 1,
        None => {}
    }
}

/// Counts a structure's members, renames and marks in the report.
fn count_structure(st: &StructureSpec, report: &mut Report) {
    report.structures += 1;
    count_members(&st.fields, report);
    report.renames += usize::from(st.rust_name.is_some());
}

/// Counts an action's members and outputs, renames and marks in the report.
fn count_action(a: &ActionSpec, report: &mut Report) {
    report.actions += 1;
    count_members(&a.parameters, report);
    count_members(&a.outputs, report);
}

fn count_members<M: Member>(members: &[M], report: &mut Report) {
    report.members += members.len();
    for m in members {
        report.disabled += usize::from(m.disabled());
        report.renames += usize::from(m.rust_name().is_some());
        report.count_sensitive(m.curated(), m.sensitive(), m.name(), m.ty());
    }
}

/// The service version's error codes from the Python SDK's
/// `errorcodes.py`, when the file exists; a line that is no error code is
/// refused in the report.
fn service_errors(
    sources: &Sources,
    service: &str,
    version: &str,
    report: &mut Report,
) -> Result<Option<ServiceErrorsSpec>, String> {
    let Some(dir) = &sources.errors else {
        return Ok(None);
    };
    let path = dir
        .join(service)
        .join(version_dir(version))
        .join("errorcodes.py");
    if !path.is_file() {
        return Ok(None);
    }
    let codes = errorcodes::read_error_codes(&path).map_err(|e| e.to_string())?;
    let mut errors: Vec<ErrorCode> = Vec::new();
    for (code, description) in codes {
        if code.is_empty()
            || !code.split('.').all(|s| {
                s.starts_with(|c: char| c.is_ascii_alphabetic())
                    && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            })
        {
            report.refuse(crate::report::Issue {
                place: format!("{service} {version} error code {code:?}"),
                message: "not an error code (dot-separated names)".into(),
            });
            continue;
        }
        errors.push(ErrorCode { code, description });
    }
    errors.sort_by(|a, b| a.code.cmp(&b.code));
    errors.dedup_by(|a, b| a.code == b.code);
    report.error_codes += errors.len();
    Ok(Some(ServiceErrorsSpec {
        schema: sources.edition.schema_ref(2),
        source: format!(
            "{}: tencentcloud/{service}/{}/errorcodes.py",
            sources.errors_label,
            version_dir(version)
        ),
        errors,
    }))
}

/// Writes the files of `new` that differ from `old` and removes those `new`
/// lacks (with `check`, only reports them).
fn write_tree(
    rel_dir: &str,
    out_dir: &Path,
    old: &Tree,
    new: &Tree,
    check: bool,
    report: &mut Report,
) -> Result<(), String> {
    for (rel, text) in new {
        if old.get(rel) != Some(text) {
            report.changed.push(format!("{rel_dir}/{rel}"));
            if !check {
                let path = out_dir.join(rel);
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
                }
                fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    for rel in old.keys().filter(|r| !new.contains_key(*r)) {
        report.removed.push(format!("{rel_dir}/{rel}"));
        if !check {
            let path = out_dir.join(rel);
            fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Runs each imported example through the reference validator and decoder
/// against the merged spec: a JSON request's violations are recorded
/// (`expected_violations`, for a curator's `reading`), a JSON response that
/// does not decode into the outputs is marked unchecked with the first
/// problem. A part that is not JSON keeps the reason the import gave.
fn check_examples(
    actions: &mut BTreeMap<String, ActionSpec>,
    structures: &BTreeMap<String, StructureSpec>,
    report: &mut Report,
) {
    let by_name: BTreeMap<&str, &StructureSpec> =
        structures.iter().map(|(k, v)| (k.as_str(), v)).collect();
    for a in actions.values_mut() {
        let snapshot = a.clone();
        for ex in a.examples.iter_mut().filter(|e| e.imported) {
            ex.expected_violations.clear();
            ex.notes = None;
            let mut unchecked: Vec<String> = ex
                .unchecked
                .take()
                .into_iter()
                .flat_map(|u| u.split("; ").map(str::to_owned).collect::<Vec<_>>())
                .filter(|u| !u.starts_with("response does not"))
                .collect();
            if ex.response.is_string() {
                report.example("response: unchecked, not valid JSON");
            } else {
                let decoded = decode::decode_response(&ex.response, &snapshot, &by_name);
                match decoded.errors.first() {
                    Some((path, what)) => {
                        let at = if path.is_empty() { "(envelope)" } else { path };
                        unchecked.push(format!("response does not decode: {at}: {what}"));
                        report.example("response: does not decode");
                    }
                    None => report.example("response: decodes"),
                }
            }
            if ex.request.is_object() {
                let mut found: Vec<ExpectedViolation> =
                    interpret::validate_request(&ex.request, &snapshot, &by_name)
                        .into_iter()
                        .map(|v| ExpectedViolation {
                            path: v.path,
                            rule: v.rule.to_owned(),
                        })
                        .collect();
                found.sort();
                found.dedup();
                if found.is_empty() {
                    report.example("request: valid");
                } else {
                    ex.expected_violations = found;
                    report.example("request: violations recorded");
                }
            } else {
                report.example("request: unchecked, not a JSON body");
            }
            ex.unchecked = (!unchecked.is_empty()).then(|| unchecked.join("; "));
        }
    }
}

//! `cargo xtask constraints review`: a curator's decisions on drafted
//! constraints. Accepting copies a draft into the member's curated
//! `constraints` (and its default and unit where none is curated), which the
//! generated validators then check; rejecting records why. Both are kept
//! across imports while the document drafts the same.

use std::path::{Path, PathBuf};

use codegen::spec::{
    canonical_json, ActionSpec, Decision, DraftSpec, Field, Review, StructureSpec,
};

pub(crate) const USAGE: &str = "\
usage:
  cargo xtask constraints review [--edition intl|cn] SERVICE VERSION [--list]
  cargo xtask constraints review [--edition intl|cn] SERVICE VERSION [--accept TARGET]...
                    [--accept-all-cases TARGET]... [--reject TARGET --why TEXT]...

  --edition: the tree of the edition (intl, the default: api-spec/; cn:
  api-spec-cn/). Curated constraints of a member both editions have are
  written in api-spec/ and copied by the Chinese-site import.

  TARGET: Action.Member (a request parameter) or Structure.Member (a field).
  --list (the default): every pending draft, one line each, with its evidence.
  --accept: the draft becomes curated constraints, checked from the next
  `cargo xtask gen`; a draft that depends on other members is refused
  (write the rule by hand, then reject the draft), unless accepted with
  --accept-all-cases: the reviewer read that its values hold whatever the
  other members are. --reject: recorded with the reason.";

/// Why a conditional draft was accepted as it is.
const ALL_CASES: &str = "Its values hold whatever the other members are (read by the reviewer).";

/// A member's place in the spec.
struct Place {
    file: PathBuf,
    member: String,
}

/// Runs `cargo xtask constraints review`.
pub(crate) fn run(root: &Path, args: &[&str]) -> Result<(), String> {
    let (edition, args) = match args {
        ["--edition", name, rest @ ..] => (
            codegen::spec::Edition::from_name(name)
                .ok_or_else(|| format!("unknown edition {name:?}\n{USAGE}"))?,
            rest,
        ),
        rest => (codegen::spec::Edition::Intl, rest),
    };
    let [service, version, rest @ ..] = args else {
        return Err(USAGE.to_owned());
    };
    let dir = root.join(edition.spec_dir()).join(service).join(version);
    if !dir.is_dir() {
        return Err(format!("{}: no such service version", dir.display()));
    }
    let mut decisions: Vec<(&str, Review)> = Vec::new();
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        match *arg {
            "--list" => {}
            "--accept" => decisions.push((
                it.next().ok_or(USAGE)?,
                Review {
                    decision: Decision::Accepted,
                    why: None,
                },
            )),
            "--accept-all-cases" => decisions.push((
                it.next().ok_or(USAGE)?,
                Review {
                    decision: Decision::Accepted,
                    why: Some(ALL_CASES.to_owned()),
                },
            )),
            "--reject" => {
                let target = it.next().ok_or(USAGE)?;
                if it.next() != Some(&"--why") {
                    return Err(format!("--reject {target}: give --why TEXT\n{USAGE}"));
                }
                let why = it.next().ok_or(USAGE)?;
                decisions.push((
                    target,
                    Review {
                        decision: Decision::Rejected,
                        why: Some((*why).to_owned()),
                    },
                ));
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if crate::dry_run() {
        return Ok(());
    }
    if decisions.is_empty() {
        return list(&dir);
    }
    let mut problems = Vec::new();
    for (target, review) in decisions {
        if let Err(e) = decide(&dir, target, review) {
            problems.push(format!("{target}: {e}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

fn place(dir: &Path, target: &str) -> Result<Place, String> {
    let (owner, member) = target
        .split_once('.')
        .ok_or("expected Action.Member or Structure.Member")?;
    for sub in ["actions", "structures"] {
        let file = dir.join(sub).join(format!("{owner}.json"));
        if file.is_file() {
            return Ok(Place {
                file,
                member: member.to_owned(),
            });
        }
    }
    Err(format!("no action or structure named {owner}"))
}

/// Applies `review` to the draft of `target`, and writes the file.
fn decide(dir: &Path, target: &str, review: Review) -> Result<(), String> {
    let place = place(dir, target)?;
    let text = std::fs::read_to_string(&place.file).map_err(|e| e.to_string())?;
    let is_action = place.file.parent().is_some_and(|p| p.ends_with("actions"));
    let out = if is_action {
        let mut spec: ActionSpec = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        apply(&mut spec.parameters, &place.member, review)?;
        canonical_json(&spec)
    } else {
        let mut spec: StructureSpec = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        apply(&mut spec.fields, &place.member, review)?;
        canonical_json(&spec)
    };
    std::fs::write(&place.file, out).map_err(|e| format!("{}: {e}", place.file.display()))
}

fn apply(fields: &mut [Field], member: &str, review: Review) -> Result<(), String> {
    let field = fields
        .iter_mut()
        .find(|f| f.name == member)
        .ok_or_else(|| format!("no member {member}"))?;
    let draft = field.draft.as_mut().ok_or("no draft")?;
    if review.decision == Decision::Accepted {
        if draft.conditional && review.why.as_deref() != Some(ALL_CASES) {
            return Err("the draft depends on other members: write the rule by hand (`rules`), then reject the draft".into());
        }
        if draft.constrains()
            && !field.constraints.is_empty()
            && !extends(draft, &field.constraints)
        {
            return Err(
                "curated constraints exist: edit them by hand, then reject or accept the draft"
                    .into(),
            );
        }
        field.constraints.allowed = draft.allowed.clone();
        field.constraints.range = draft.range;
        field.constraints.length = draft.length;
        // The characters allowed anywhere; a first- or last-character
        // rule or a date format in `pattern` stays documented.
        field.constraints.charset = draft.charset.clone();
        // The spec holds a default for a single value only.
        if field.default.is_none() && !field.array {
            field.default = draft.default.clone();
        }
        if field.unit.is_none() {
            field.unit = draft.unit.clone();
        }
    }
    draft.review = Some(review);
    Ok(())
}

/// The curated constraints are those of an earlier draft that this one
/// repeats and extends (accepted before the drafter read more of the same
/// document): every curated constraint is the draft's, so accepting it
/// again loses nothing curated.
fn extends(draft: &DraftSpec, curated: &codegen::spec::Constraints) -> bool {
    let repeated = codegen::spec::Constraints {
        allowed: if curated.allowed.is_empty() {
            Vec::new()
        } else {
            draft.allowed.clone()
        },
        range: curated.range.and(draft.range),
        length: curated.length.and(draft.length),
        charset: curated.charset.as_ref().and(draft.charset.clone()),
        ..Default::default()
    };
    repeated == *curated
}

/// Prints every pending draft of the service version.
fn list(dir: &Path) -> Result<(), String> {
    let mut pending = 0;
    for sub in ["actions", "structures"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
            let owner = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let fields: Vec<Field> = if sub == "actions" {
                serde_json::from_str::<ActionSpec>(&text)
                    .map_err(|e| format!("{}: {e}", file.display()))?
                    .parameters
            } else {
                serde_json::from_str::<StructureSpec>(&text)
                    .map_err(|e| format!("{}: {e}", file.display()))?
                    .fields
            };
            for f in &fields {
                if let Some(d) = f.draft.as_ref().filter(|d| d.pending()) {
                    println!("{owner}.{}: {} [{}]", f.name, summary(d), d.evidence);
                    pending += 1;
                }
            }
        }
    }
    eprintln!("{pending} pending draft(s)");
    Ok(())
}

fn summary(d: &DraftSpec) -> String {
    let mut parts = Vec::new();
    if !d.allowed.is_empty() {
        let values: Vec<String> = d.allowed.iter().map(ToString::to_string).collect();
        parts.push(format!("allowed {}", values.join(",")));
    }
    for (what, b) in [("range", d.range), ("length", d.length)] {
        if let Some(b) = b {
            let end = |v: Option<i64>| v.map_or(String::new(), |v| v.to_string());
            parts.push(format!("{what} {}..{}", end(b.min), end(b.max)));
        }
    }
    match (&d.pattern, &d.charset) {
        (Some(p), Some(_)) => parts.push(format!("pattern {p} (checks the characters)")),
        (Some(p), None) => parts.push(format!("pattern {p} (documented only)")),
        _ => {}
    }
    if let Some(v) = &d.default {
        parts.push(format!("default {v}"));
    }
    if let Some(u) = &d.unit {
        parts.push(format!("unit {u}"));
    }
    if d.conditional {
        parts.push("conditional".to_owned());
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use codegen::spec::{Bounds, CharClass, Charset, Constraints, DraftSpec};

    use super::extends;

    fn draft(length: Option<Bounds>, charset: Option<Charset>) -> DraftSpec {
        DraftSpec {
            allowed: Vec::new(),
            range: None,
            length,
            pattern: None,
            charset,
            default: None,
            unit: None,
            conditional: false,
            evidence: "Name, less than 60 characters.".into(),
            review: None,
        }
    }

    #[test]
    fn a_draft_extends_the_constraints_it_repeats_and_nothing_else() {
        let length = Some(Bounds {
            min: None,
            max: Some(59),
        });
        let charset = Some(Charset {
            classes: vec![CharClass::Letters],
            chars: "_-".into(),
        });
        let accepted = Constraints {
            length,
            ..Default::default()
        };
        // The same length, and a charset read since: accepting loses nothing.
        assert!(extends(&draft(length, charset.clone()), &accepted));
        // A length edited by hand is not the draft's.
        let edited = Constraints {
            length: Some(Bounds {
                min: Some(1),
                max: Some(59),
            }),
            ..Default::default()
        };
        assert!(!extends(&draft(length, charset.clone()), &edited));
        // A curated constraint the draft does not state (a prefix) would be lost.
        let more = Constraints {
            length,
            prefix: Some("pg-".into()),
            ..Default::default()
        };
        assert!(!extends(&draft(length, charset), &more));
        // A curated charset the draft no longer states would be lost too.
        let with_charset = Constraints {
            length,
            charset: Some(Charset {
                classes: vec![CharClass::Digits],
                chars: String::new(),
            }),
            ..Default::default()
        };
        assert!(!extends(&draft(length, None), &with_charset));
    }
}

//! `swagger2rs diff`: what a spec change does to the generated Rust API, and which version bump it needs.
//!
//! Both sides go through [`pipeline::prepare`](crate::pipeline::prepare), so overlays and configured renames
//! apply exactly as when generating, and the comparison ([`compare`]) sees the IR the emitter would see. Each
//! change has a [`Kind`] whose [`Level`] comes from the one table in [`rules`]; [`report`] prints the result.
//! A spec edit that generates the same Rust API reports nothing.

pub mod bump;
pub mod compare;
pub mod report;
pub mod rules;
pub mod signature;
pub mod source;

use std::path::PathBuf;

use serde::Serialize;
use swagger2rs_parser::ir::Api;

use crate::pipeline::Inputs;

pub use rules::{Kind, Level, classify};

/// The pipeline inputs for one side of a diff: its spec, overlays and configuration, every other input at
/// its default (references confined to the spec's own directory tree).
pub fn side_inputs(spec: PathBuf, overlays: Vec<PathBuf>, config: Option<PathBuf>) -> Inputs {
    Inputs { spec, overlays, config, ..Inputs::default() }
}

/// One change to the generated API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: Kind,
    pub level: Level,
    /// The Rust item it concerns: `Client::get_pet`, `types::Pet::tag`, `types::Status::Sold`.
    pub item: String,
    /// What happened to it, one phrase.
    pub message: String,
    /// The operation (indices into the old and the new API) a change of an operation belongs to, so reports can
    /// show the method's signature before and after.
    #[serde(skip)]
    pub operation: Option<(Option<usize>, Option<usize>)>,
}

impl Change {
    pub fn new(kind: Kind, item: String, message: String) -> Self {
        Self { kind, level: classify(kind), item, message, operation: None }
    }

    fn ops(mut self, old: Option<usize>, new: Option<usize>) -> Self {
        self.operation = Some((old, new));
        self
    }
}

/// A method whose generated surface changed: its signature on each side (`None` where it does not exist).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MethodChange {
    /// `Client::get_pet` (the new name when it was renamed).
    pub item: String,
    /// The most severe change to it.
    pub level: Level,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The version the generated crate needs next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The most severe change; `None` when nothing changed.
    pub level: Option<Level>,
    /// `major`, `minor`, `patch` or `none`: the semver component that changes.
    pub bump: &'static str,
    pub current_version: String,
    /// `None` when the current version is not plain `MAJOR.MINOR.PATCH` (or nothing changed).
    pub next_version: Option<String>,
    /// One sentence explaining the bump, including cargo's 0.x convention.
    pub explanation: String,
}

/// Everything a report prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub crate_name: String,
    pub changes: Vec<Change>,
    pub methods: Vec<MethodChange>,
    pub verdict: Verdict,
}

impl Diff {
    pub fn count(&self, level: Level) -> usize {
        self.changes.iter().filter(|c| c.level == level).count()
    }

    pub fn is_breaking(&self) -> bool {
        self.verdict.level == Some(Level::Breaking)
    }

    /// `jira: 2 additive, 0 breaking` — the one-line summary `cargo xtask codegen` prints.
    pub fn summary(&self) -> String {
        format!(
            "{}: {} breaking, {} additive, {} patch",
            self.crate_name,
            self.count(Level::Breaking),
            self.count(Level::Additive),
            self.count(Level::Patch)
        )
    }
}

/// Compares two APIs; `crate_name` and `version` are the generated crate's (from the old side's configuration).
pub fn diff(old: &Api, new: &Api, crate_name: &str, version: &str) -> Diff {
    let mut changes = compare::changes(old, new);
    // Stable order within a level: the comparison's order (operations, schemes, types, base URL).
    changes.sort_by_key(|c| std::cmp::Reverse(c.level));
    let methods = methods(old, new, &changes);
    let verdict = verdict(changes.iter().map(|c| c.level).max(), version);
    Diff { crate_name: crate_name.to_owned(), changes, methods, verdict }
}

fn methods(old: &Api, new: &Api, changes: &[Change]) -> Vec<MethodChange> {
    let mut out: Vec<MethodChange> = Vec::new();
    for change in changes {
        let Some((o, n)) = change.operation else { continue };
        let before = o.and_then(|o| old.operations.get(o)).map(|op| signature::operation(old, op));
        let after = n.and_then(|n| new.operations.get(n)).map(|op| signature::operation(new, op));
        let name = n.and_then(|n| new.operations.get(n)).or_else(|| o.and_then(|o| old.operations.get(o)));
        let Some(op) = name else { continue };
        let item = format!("Client::{}", op.name);
        match out.iter_mut().find(|m| m.item == item) {
            Some(existing) => existing.level = existing.level.max(change.level),
            None => out.push(MethodChange { item, level: change.level, before, after }),
        }
    }
    out
}

/// The bump for the most severe change. Cargo treats `0.y.z` → `0.(y+1).0` as breaking and `0.y.z` →
/// `0.y.(z+1)` as compatible, so for 0.x crates everything moves one place right.
pub fn verdict(level: Option<Level>, version: &str) -> Verdict {
    let parsed = parse_version(version);
    let zero = parsed.is_some_and(|(major, _, _)| major == 0);
    let (bump, explanation) = match (level, zero) {
        (None, _) => ("none", "no change to the generated API: no release needed".to_owned()),
        (Some(Level::Breaking), false) => ("major", "breaking changes need a major version".to_owned()),
        (Some(Level::Breaking), true) => (
            "minor",
            "breaking changes need a new major version; for a 0.x crate cargo reads the minor number as the \
             major one, so bump the minor version"
                .to_owned(),
        ),
        (Some(Level::Additive), false) => ("minor", "additive changes need a minor version".to_owned()),
        (Some(Level::Additive), true) => (
            "patch",
            "additive changes need a minor version; for a 0.x crate cargo treats a patch bump as compatible, \
             so bump the patch version (or the minor one to mark the new API)"
                .to_owned(),
        ),
        (Some(Level::Patch), _) => ("patch", "wire-only changes need a patch version".to_owned()),
    };
    let next = parsed.filter(|_| level.is_some()).map(|(major, minor, patch)| match bump {
        "major" => format!("{}.0.0", major + 1),
        "minor" => format!("{major}.{}.0", minor + 1),
        _ => format!("{major}.{minor}.{}", patch + 1),
    });
    Verdict { level, bump, current_version: version.to_owned(), next_version: next, explanation }
}

fn parse_version(version: &str) -> Option<(u64, u64, u64)> {
    let mut parts = version.trim().split('.').map(|p| p.parse::<u64>().ok());
    let parsed = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_versions_shift_the_bump() {
        let next = |level, version| verdict(Some(level), version).next_version;
        assert_eq!(next(Level::Breaking, "0.1.3").as_deref(), Some("0.2.0"));
        assert_eq!(next(Level::Breaking, "1.4.2").as_deref(), Some("2.0.0"));
        assert_eq!(next(Level::Additive, "0.1.3").as_deref(), Some("0.1.4"));
        assert_eq!(next(Level::Additive, "1.4.2").as_deref(), Some("1.5.0"));
        assert_eq!(next(Level::Patch, "1.4.2").as_deref(), Some("1.4.3"));
        assert_eq!(verdict(None, "1.0.0").bump, "none");
        assert_eq!(verdict(Some(Level::Patch), "1.0.0-beta.1").next_version, None);
    }
}

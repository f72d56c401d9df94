//! Following `$ref` chains.
//!
//! Where a chain from each target ends — a value, or a failure — is decided once and remembered for every
//! node on the chain, failures included, so any number of references into any chains costs linear time.
//! What a failure costs depends on what refers to it ([`Referrer`]): a `$ref` that names nothing in a loaded
//! file (or is not a usable reference at all) is repaired with a warning — a schema becomes free-form JSON, a
//! parameter, response or path item is left out — while a `$ref` to a file that could not be loaded, or to a
//! remote document, stays an error.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::Lowerer;
use crate::diagnostic::Code;
use crate::source::{Node, Sources};

/// What a `$ref` chain is followed for, which decides what a failure of it costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Referrer {
    /// A schema: repaired as free-form JSON.
    Schema,
    /// A parameter: left out of the operation.
    Parameter,
    /// A response: left out, as if its status were not declared.
    Response,
    /// A path item: the path is left out, since its operations cannot be known.
    PathItem,
}

impl Referrer {
    /// What is done when this referrer's `$ref` names nothing, for the warning.
    fn repair(self) -> &'static str {
        match self {
            Referrer::Schema => "read as free-form JSON (`serde_json::Value`)",
            Referrer::Parameter => "the parameter is left out",
            Referrer::Response => "the response is left out, as if its status were not declared",
            Referrer::PathItem => "the path is left out, since its operations cannot be known",
        }
    }
}

/// Index of a [`Failure`] in [`RefMemo::failures`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct FailureId(usize);

/// Where following `$ref`s from a target ends.
#[derive(Clone)]
enum Outcome<'s> {
    /// A node that is not a reference, and its value.
    Reaches(Node, &'s Value),
    /// No value: the chain fails.
    Fails(FailureId),
}

/// Why a `$ref` chain reaches no value.
enum Failure {
    /// The `$ref` at `at` names nothing in a loaded file, or is no usable reference (not a string, empty, a
    /// fragment that is not a JSON pointer): repaired, with a warning.
    Dangling { at: Node, why: String },
    /// The `$ref` at `at` names a file that could not be loaded, or a remote document: an error.
    Refused { at: Node, code: Code, why: String },
    /// The chain comes back to itself; its members in chain order.
    Cycle(Vec<Node>),
}

/// The outcomes of the `$ref` chains followed so far.
#[derive(Default)]
pub(super) struct RefMemo<'s> {
    /// The outcome for every target on a chain already followed.
    outcomes: HashMap<Node, Outcome<'s>>,
    failures: Vec<Failure>,
    /// Failures already reported, per kind of referrer (whose repair the message names).
    reported: HashSet<(FailureId, Referrer)>,
}

impl<'s> Lowerer<'s> {
    /// Follows `$ref` chains starting at the object `value` (at `at`) until a non-reference value is reached,
    /// returning it and where it is. A failure is reported once per kind of referrer, at the `$ref` that failed
    /// (or at the first member of a cycle), and gives `None`.
    pub(super) fn follow_refs<'v>(
        &mut self,
        mut at: Node,
        mut value: &'v Value,
        referrer: Referrer,
    ) -> Option<(Node, &'v Value)>
    where
        's: 'v,
    {
        let sources: &'s Sources = self.sources;
        let mut seen: Vec<Node> = Vec::new();
        let mut on_chain: HashSet<Node> = HashSet::new();
        // The value of the last target reached, which outlives the value the chain started from.
        let mut reached: Option<&'s Value> = None;
        let outcome = loop {
            let Some(reference) = value.get("$ref") else { break None };
            let reference = match usable_reference(reference) {
                Ok(reference) => reference,
                Err(why) => break Some(self.fail(Failure::Dangling { at: at.push("$ref"), why })),
            };
            let (target, resolved) = match sources.resolve(at.file, reference) {
                Ok(found) => found,
                Err((code, why)) => {
                    let refused = names_unloaded_file(sources, at.file, reference);
                    let at = at.push("$ref");
                    let failure =
                        if refused { Failure::Refused { at, code, why } } else { Failure::Dangling { at, why } };
                    break Some(self.fail(failure));
                }
            };
            if let Some(known) = self.refs.outcomes.get(&target) {
                break Some(known.clone());
            }
            if !on_chain.insert(target.clone()) {
                let start = seen.iter().position(|t| *t == target).unwrap_or(0);
                break Some(self.fail(Failure::Cycle(seen[start..].to_vec())));
            }
            seen.push(target.clone());
            at = target;
            value = resolved;
            reached = Some(resolved);
        };
        let Some(outcome) = outcome else {
            // The chain ends here, at a value no chain reached before.
            if let Some(end_value) = reached {
                self.remember(seen, &Outcome::Reaches(at.clone(), end_value));
            }
            return Some((at, value));
        };
        self.remember(seen, &outcome);
        match outcome {
            Outcome::Reaches(end, end_value) => Some((end, end_value)),
            Outcome::Fails(id) => {
                self.report_ref_failure(id, referrer);
                None
            }
        }
    }

    /// [`Self::follow_refs`] for a schema.
    pub(super) fn follow_schema_refs<'v>(&mut self, at: Node, value: &'v Value) -> Option<(Node, &'v Value)>
    where
        's: 'v,
    {
        self.follow_refs(at, value, Referrer::Schema)
    }

    /// [`Self::follow_refs`] for a path item.
    pub(super) fn follow_path_item_refs<'v>(&mut self, at: Node, value: &'v Value) -> Option<(Node, &'v Value)>
    where
        's: 'v,
    {
        self.follow_refs(at, value, Referrer::PathItem)
    }

    /// Reports a schema's `$ref` at `at` that is no usable reference (see [`malformed_ref`]), found while
    /// reading the schema: the same warning a chain through it gives, so the two are one finding.
    pub(super) fn report_malformed_schema_ref(&mut self, at: Node, why: String) {
        let id = self.new_failure(Failure::Dangling { at, why });
        self.report_ref_failure(id, Referrer::Schema);
    }

    fn fail(&mut self, failure: Failure) -> Outcome<'s> {
        Outcome::Fails(self.new_failure(failure))
    }

    fn new_failure(&mut self, failure: Failure) -> FailureId {
        self.refs.failures.push(failure);
        FailureId(self.refs.failures.len() - 1)
    }

    fn remember(&mut self, nodes: Vec<Node>, outcome: &Outcome<'s>) {
        for node in nodes {
            self.refs.outcomes.insert(node, outcome.clone());
        }
    }

    /// Reports a failure once for each kind of referrer: a warning saying what is repaired, or an error.
    fn report_ref_failure(&mut self, id: FailureId, referrer: Referrer) {
        if !self.refs.reported.insert((id, referrer)) {
            return;
        }
        match &self.refs.failures[id.0] {
            Failure::Dangling { at, why } => {
                let (at, message) = (at.clone(), format!("{why}; {}", referrer.repair()));
                self.warning(Code::DanglingRef, &at, message);
            }
            Failure::Refused { at, code, why } => {
                let (at, code, why) = (at.clone(), *code, why.clone());
                self.error(code, &at, why);
            }
            Failure::Cycle(members) => {
                let members = members.clone();
                self.report_ref_cycle(&members, referrer);
            }
        }
    }

    /// Reports a `$ref` cycle at the `$ref` of its first member in document order.
    fn report_ref_cycle(&mut self, members: &[Node], referrer: Referrer) {
        let Some(first) = members.iter().min_by(|a, b| (a.file, a.pointer.as_str()).cmp(&(b.file, b.pointer.as_str())))
        else {
            return;
        };
        let first = first.push("$ref");
        let path: Vec<String> = members.iter().chain(members.first()).map(|t| t.pointer.to_string()).collect();
        let path = path.join(" → ");
        match referrer {
            Referrer::Schema => {
                let message = format!(
                    "`$ref` cycle {path} never reaches a schema; it is read as free-form JSON (`serde_json::Value`)"
                );
                self.warning(Code::RefCycle, &first, message);
            }
            Referrer::Parameter | Referrer::Response | Referrer::PathItem => {
                let message = format!("`$ref` cycle {path} never reaches a value, so what refers to it is left out");
                self.error(Code::RefCycle, &first, message);
            }
        }
    }
}

/// The reference text of a `$ref` value, or why it is no usable reference.
fn usable_reference(reference: &Value) -> Result<&str, String> {
    match reference {
        Value::String(text) if text.is_empty() => Err("`$ref` is empty".to_owned()),
        Value::String(text) => Ok(text),
        other => Err(format!("`$ref` is {}, not a string", crate::diagnostic::json_kind(other))),
    }
}

/// Why the `$ref` of an object is no usable reference (not a string, or empty); `None` when it is one, or
/// when the object has no `$ref`.
pub(super) fn malformed_ref(object: &Value) -> Option<String> {
    usable_reference(object.get("$ref")?).err()
}

/// Whether `reference` (written in file `from`) names another document that is not loaded: a file that
/// could not be read, or a remote one. Such a reference is refused, where a pointer that names nothing in a
/// loaded file is repaired.
fn names_unloaded_file(sources: &Sources, from: crate::source::FileId, reference: &str) -> bool {
    let (file_part, _) = reference.split_once('#').unwrap_or((reference, ""));
    !file_part.is_empty() && sources.resolve(from, file_part).is_err()
}

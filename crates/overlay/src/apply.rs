//! Applying an overlay's actions to a document. The semantics, with the specification text they follow, are
//! documented on [`apply`].

use serde_json::Value;
use serde_json_path::JsonPath;
use swagger2rs_parser::pointer::JsonPointer;
use swagger2rs_parser::{Code, Diagnostic, Diagnostics, Severity};

use crate::document::{Action, Overlay, kind};
use crate::merge;
use crate::select::{NodePath, Step, select};

/// Applies the actions of `overlay` to `document` in order and returns what went wrong, located in the overlay
/// file, with the semantics of Overlay Specification 1.0.0.
///
/// The rules followed, quoted from the specification:
///
/// - Order: "The list of actions MUST be applied in sequential order to ensure a consistent outcome. Actions are
///   applied to the result of the previous action." Each action's target is evaluated against the document as the
///   previous actions left it.
/// - Queries: "The `target` property is a JSONPath query expression", JSONPath being RFC 9535 (evaluated with
///   `serde_json_path`). A target that does not parse is an error at the action's `target`, and the action is
///   skipped.
/// - Targets: "The result of the `target` JSONPath expression MUST be zero or more objects or arrays (not
///   primitive types or `null` values)." Selecting a primitive or `null` is an error, for `update` and `remove`
///   alike ("Primitive-valued items of an array cannot be replaced or removed individually"); to change a
///   property, "the `target` expression should select the _containing_ object". Selecting nothing is allowed
///   ("zero or more") but almost always a stale or misspelt target, so it is a warning.
/// - `update` on an object: "the value of this field MUST be an object with the properties and values to merge
///   with the selected node". The merge is recursive: "the properties in the `update` object are recursively
///   merged with the properties in the target object with the same names; new properties are added to the target
///   object", and the properties "MUST be compatible". As Overlay 1.1.0 spells out: objects merge into objects,
///   an array is concatenated to an array, a primitive (`null` included) replaces a primitive, and "Other property
///   value combinations are incompatible and result in an error". New keys go after the existing ones, so the
///   document's key order is kept.
/// - `update` on an array: "the value of this field MUST be an entry to append to the array". An object or
///   primitive is appended as one item. An array value is concatenated instead of being appended as one nested
///   item: Overlay 1.0.0 does not single that case out, and concatenation is what Overlay 1.1.0 later states ("an
///   array to concatenate with each selected array, or an object or primitive value to append"), what arrays
///   nested inside an update object get from the merge, and what Speakeasy's overlay tool does; a nested array is never a
///   meaningful item of an OpenAPI list.
/// - `remove`: "the target object or array MUST be removed from the the map or array it is contained in". The
///   root has no container, so removing it is an error. `update` "has no impact if the `remove` field of this
///   action object is `true`": remove wins, with a warning that the update is ignored.
///
/// Within one action each selected node is handled once, and a node that cannot be changed (a primitive target,
/// an incompatible update) is reported and left alone while the other selected nodes are still changed. After an
/// error, later actions are still applied, so that one run reports every problem; the caller should not use the
/// document when the returned diagnostics have errors.
pub fn apply(document: &mut Value, overlay: &Overlay) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    for (index, action) in overlay.actions.iter().enumerate() {
        ActionRun { overlay, action, index, diagnostics: &mut diagnostics }.run(document);
    }
    diagnostics
}

/// Applies several overlays one after the other, each to the result of the previous one.
pub fn apply_all(document: &mut Value, overlays: &[Overlay]) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    for overlay in overlays {
        for diagnostic in apply(document, overlay) {
            diagnostics.push(diagnostic);
        }
    }
    diagnostics
}

/// One action being applied, with what it needs to report problems.
struct ActionRun<'a> {
    overlay: &'a Overlay,
    action: &'a Action,
    index: usize,
    diagnostics: &'a mut Diagnostics,
}

/// A node an action could not change: grouped by (place in the overlay, message) so that a wildcard target
/// selecting a hundred nodes yields one diagnostic, not a hundred.
struct Problem {
    at: JsonPointer,
    message: String,
    node: JsonPointer,
}

impl ActionRun<'_> {
    fn run(mut self, document: &mut Value) {
        let path = match JsonPath::parse(&self.action.target) {
            Ok(path) => path,
            Err(e) => {
                let mut message = format!("invalid JSONPath: {} (at character {})", e.message(), e.position());
                if has_dashed_shorthand(&self.action.target) {
                    message.push_str(
                        "; RFC 9535 dot names cannot contain `-`, so write names like `x-beta` in brackets: \
                         `['x-beta']`",
                    );
                }
                self.report(Severity::Error, Code::InvalidJsonPath, self.action.pointer.push("target"), message);
                return;
            }
        };
        if self.action.update.is_none() && !self.action.remove {
            let message = "has neither `update` nor `remove: true`, so it does nothing";
            self.report(Severity::Warning, Code::InvalidShape, self.action.pointer.clone(), message);
            return;
        }
        if self.action.remove && self.action.update.is_some() {
            let message = "`update` is ignored because `remove` is true";
            self.report(Severity::Warning, Code::InvalidShape, self.action.pointer.push("update"), message);
        }
        let nodes = select(&path, document);
        if nodes.is_empty() {
            let message = "the target selects no node in the document, so the action does nothing";
            self.report(Severity::Warning, Code::OverlayTargetUnmatched, self.action.pointer.clone(), message);
            return;
        }
        let problems = match (&self.action.update, self.action.remove) {
            (_, true) => self.remove(document, nodes),
            (Some(update), false) => self.update(document, &nodes, update),
            (None, false) => return, // Reported above as doing nothing.
        };
        self.report_problems(problems);
    }

    fn update(&self, document: &mut Value, nodes: &[NodePath], update: &Value) -> Vec<Problem> {
        let mut problems = Vec::new();
        let target_at = self.action.pointer.push("target");
        let update_at = self.action.pointer.push("update");
        for node_path in nodes {
            let pointer = node_path.pointer();
            let Some(node) = document.pointer_mut(pointer.as_str()) else { continue };
            match (node, update) {
                (Value::Object(node), Value::Object(update)) => {
                    let conflicts = merge::conflicts(node, update);
                    if conflicts.is_empty() {
                        merge::merge(node, update);
                    }
                    for conflict in conflicts {
                        let at = conflict.keys.iter().fold(update_at.clone(), |at, key| at.push(key));
                        let node = conflict.keys.iter().fold(pointer.clone(), |at, key| at.push(key));
                        let message = format!(
                            "cannot merge {} into {}: objects merge with objects, arrays with arrays, and primitives \
                             replace primitives",
                            conflict.update, conflict.target
                        );
                        problems.push(Problem { at, message, node });
                    }
                }
                (Value::Object(_), other) => {
                    let message = format!(
                        "`update` must be an object to merge into a selected object, but it is {}",
                        kind(other)
                    );
                    problems.push(Problem { at: update_at.clone(), message, node: pointer });
                }
                (Value::Array(items), Value::Array(new)) => items.extend(new.iter().cloned()),
                (Value::Array(items), new) => items.push(new.clone()),
                (other, _) => {
                    problems.push(Problem { at: target_at.clone(), message: primitive_target(other), node: pointer })
                }
            }
        }
        problems
    }

    fn remove(&self, document: &mut Value, mut nodes: Vec<NodePath>) -> Vec<Problem> {
        let mut problems = Vec::new();
        let target_at = self.action.pointer.push("target");
        // Greatest first: later array items and descendants go before anything whose removal would shift them.
        nodes.sort_by(|a, b| b.cmp(a));
        for node_path in nodes {
            let pointer = node_path.pointer();
            let Some((parent_pointer, last)) = node_path.split_last() else {
                let message = "the target selects the document root, which cannot be removed".to_owned();
                problems.push(Problem { at: target_at.clone(), message, node: pointer });
                continue;
            };
            match document.pointer(pointer.as_str()) {
                Some(Value::Object(_) | Value::Array(_)) => {}
                Some(other) => {
                    problems.push(Problem { at: target_at.clone(), message: primitive_target(other), node: pointer });
                    continue;
                }
                None => continue,
            }
            match (document.pointer_mut(parent_pointer.as_str()), last) {
                (Some(Value::Object(parent)), Step::Key(key)) => {
                    // `shift_remove` keeps the order of the remaining keys (`remove` would swap the last one in).
                    parent.shift_remove(key);
                }
                (Some(Value::Array(parent)), Step::Index(index)) if *index < parent.len() => {
                    parent.remove(*index);
                }
                _ => {}
            }
        }
        problems
    }

    fn report_problems(&mut self, problems: Vec<Problem>) {
        let mut groups: Vec<(JsonPointer, String, Vec<JsonPointer>)> = Vec::new();
        for problem in problems {
            match groups.iter_mut().find(|(at, message, _)| *at == problem.at && *message == problem.message) {
                Some((_, _, nodes)) => nodes.push(problem.node),
                None => groups.push((problem.at, problem.message, vec![problem.node])),
            }
        }
        for (at, message, nodes) in groups {
            let others = match nodes.len() - 1 {
                0 => String::new(),
                1 => " and 1 other selected node".to_owned(),
                n => format!(" and {n} other selected nodes"),
            };
            let message = format!("{message} (at {}{others} in the document)", nodes[0]);
            self.report(Severity::Error, Code::InvalidShape, at, message);
        }
    }

    /// Pushes a diagnostic whose message names the action by index and target.
    fn report(&mut self, severity: Severity, code: Code, at: JsonPointer, message: impl std::fmt::Display) {
        let message = format!("overlay action {} (target `{}`): {message}", self.index, self.action.target);
        self.diagnostics.push(Diagnostic { severity, code, message, location: self.overlay.location(at) });
    }
}

fn primitive_target(node: &Value) -> String {
    format!(
        "the target selects {}, but Overlay 1.0 targets must be objects or arrays (to change a property, target the \
         object that holds it)",
        kind(node)
    )
}

/// Whether `target` has a dot-notation name with a `-` in it (`$.x-beta`, `@.x-oai-traits`): the most common
/// JSONPath mistake in overlays, made by the Overlay 1.0.0 specification's own traits example.
fn has_dashed_shorthand(target: &str) -> bool {
    target.split('.').skip(1).any(|segment| {
        let name: String = segment.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-').collect();
        name.starts_with(|c: char| c.is_alphabetic() || c == '_') && name.contains('-')
    })
}

#[cfg(test)]
mod tests {
    use super::has_dashed_shorthand;

    #[test]
    fn spots_dashed_dot_names() {
        assert!(has_dashed_shorthand("$.paths.*.get[?@.x-oai-traits.paged]"));
        assert!(has_dashed_shorthand("$.x-beta"));
        assert!(!has_dashed_shorthand("$.paths['/a-b'].get"));
        assert!(!has_dashed_shorthand("$.paths[?@['x-beta']==true]"));
        assert!(!has_dashed_shorthand("$.a[?@.n == -1]"));
    }
}

//! The recursive merge of an `update` object into a selected object.
//!
//! Overlay 1.0.0 states the rule briefly: "the properties in the `update` object are recursively merged with the
//! properties in the target object with the same names; new properties are added to the target object", and
//! "The properties of the `update` object MUST be compatible with the target object". Overlay 1.1.0 spells out
//! what that means, and this module follows it:
//!
//! > - A property that only exists in the target object is left unchanged.
//! > - A property that only exists in the `update` or `copy` object is inserted into the target object.
//! > - If a property exists in both `update` or `copy` and target object:
//! >   - A primitive value of the `update` or `copy` property replaces a primitive value of the target property.
//! >   - An array value of the `update` or `copy` property is concatenated with an array value of the target
//! >     property.
//! >   - An object value of the `update` or `copy` property is recursively merged with an object value of the
//! >     target property.
//! >   - Other property value combinations are incompatible and result in an error.
//!
//! `null` counts as a primitive (as in RFC 8259: "four primitive types (strings, numbers, booleans, and null)").
//! New properties go after the existing ones, so document order is kept (the workspace builds `serde_json` with
//! `preserve_order`).
//!
//! Merging first checks the whole update against the node ([`conflicts`]) and only then changes it ([`merge`]),
//! so a node is either fully updated or left as it was.

use serde_json::{Map, Value};

/// A place where a property of the update and the same property of the target cannot be merged.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Conflict {
    /// The property names from the merged objects down to the conflicting property.
    pub(crate) keys: Vec<String>,
    pub(crate) target: &'static str,
    pub(crate) update: &'static str,
}

/// Every incompatible property pair, in update order; empty when `update` can be merged into `target`.
pub(crate) fn conflicts(target: &Map<String, Value>, update: &Map<String, Value>) -> Vec<Conflict> {
    let mut found = Vec::new();
    collect_conflicts(target, update, &mut Vec::new(), &mut found);
    found
}

fn collect_conflicts(
    target: &Map<String, Value>,
    update: &Map<String, Value>,
    keys: &mut Vec<String>,
    found: &mut Vec<Conflict>,
) {
    for (key, new) in update {
        let Some(old) = target.get(key) else { continue };
        match (old, new) {
            (Value::Object(old), Value::Object(new)) => {
                keys.push(key.clone());
                collect_conflicts(old, new, keys, found);
                keys.pop();
            }
            (Value::Array(_), Value::Array(_)) => {}
            (old, new) if is_primitive(old) && is_primitive(new) => {}
            (old, new) => {
                let mut keys = keys.clone();
                keys.push(key.clone());
                found.push(Conflict { keys, target: crate::document::kind(old), update: crate::document::kind(new) });
            }
        }
    }
}

/// Merges `update` into `target` by the rules above. Call only when [`conflicts`] found none; an incompatible
/// pair left over is skipped, leaving the target's value.
pub(crate) fn merge(target: &mut Map<String, Value>, update: &Map<String, Value>) {
    for (key, new) in update {
        let Some(old) = target.get_mut(key) else {
            target.insert(key.clone(), new.clone());
            continue;
        };
        match (old, new) {
            (Value::Object(old), Value::Object(new)) => merge(old, new),
            (Value::Array(old), Value::Array(new)) => old.extend(new.iter().cloned()),
            (old, new) if is_primitive(old) && is_primitive(new) => *old = new.clone(),
            _ => {}
        }
    }
}

fn is_primitive(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!(),
        }
    }

    #[test]
    fn merges_recursively_and_keeps_key_order() {
        let mut target = object(json!({"a": 1, "b": {"c": [1], "d": "x"}, "e": null}));
        let update = object(json!({"b": {"c": [2, 3], "d": "y", "f": true}, "e": 5, "g": {}}));
        assert!(conflicts(&target, &update).is_empty());
        merge(&mut target, &update);
        let merged = Value::Object(target);
        assert_eq!(merged, json!({"a": 1, "b": {"c": [1, 2, 3], "d": "y", "f": true}, "e": 5, "g": {}}));
        let keys: Vec<&String> = merged["b"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["c", "d", "f"]);
    }

    #[test]
    fn reports_incompatible_pairs_with_their_keys() {
        let target = object(json!({"a": {"b": "text", "c": [1]}, "d": {}}));
        let update = object(json!({"a": {"b": {"x": 1}, "c": 2}, "d": [1]}));
        let found = conflicts(&target, &update);
        let summary: Vec<(Vec<String>, &str, &str)> = found.into_iter().map(|c| (c.keys, c.target, c.update)).collect();
        assert_eq!(
            summary,
            [
                (vec!["a".to_owned(), "b".to_owned()], "a string", "an object"),
                (vec!["a".to_owned(), "c".to_owned()], "an array", "a number"),
                (vec!["d".to_owned()], "an object", "an array"),
            ]
        );
    }
}

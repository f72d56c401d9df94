//! Evaluating an action's JSONPath `target` into owned paths of the selected nodes.
//!
//! `serde_json_path` returns nodes borrowed from the document, which cannot be mutated while borrowed; their
//! normalized paths are copied out first, and the document is then changed through those paths.

use serde_json::Value;
use serde_json_path::{JsonPath, PathElement};
use swagger2rs_parser::pointer::JsonPointer;

/// One step from a node to a child.
///
/// The derived order (names by text, indices by number) is what removal relies on: see [`NodePath`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

/// The location of a selected node: the steps from the root (empty for the root itself).
///
/// Paths compare step by step, and a path sorts after its own ancestors. All paths come from one document, so at
/// any shared prefix the next steps are of the same kind (keys of one object or indices of one array), and the
/// order is meaningful: processing paths from greatest to least removes later array items before earlier ones and
/// descendants before their ancestors, so no removal shifts a path still to be processed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct NodePath(Vec<Step>);

impl NodePath {
    /// The RFC 6901 pointer to the node, for `pointer_mut` and for messages.
    pub(crate) fn pointer(&self) -> JsonPointer {
        pointer_of(&self.0)
    }

    /// The pointer to the parent node and the step from it to this node; `None` for the root.
    pub(crate) fn split_last(&self) -> Option<(JsonPointer, &Step)> {
        let (last, parent) = self.0.split_last()?;
        Some((pointer_of(parent), last))
    }
}

fn pointer_of(steps: &[Step]) -> JsonPointer {
    steps.iter().fold(JsonPointer::root(), |pointer, step| match step {
        Step::Key(key) => pointer.push(key),
        Step::Index(index) => pointer.index(*index),
    })
}

/// The distinct nodes `path` selects in `document`, in the order the query yields them (document order for the
/// common queries). A query may select one node more than once (`$['a','a']`, overlapping descendant segments);
/// an action applies to each node once, since appending or removing twice would change the result.
pub(crate) fn select(path: &JsonPath, document: &Value) -> Vec<NodePath> {
    let mut seen = std::collections::HashSet::new();
    path.query_located(document)
        .locations()
        .map(|location| {
            NodePath(
                location
                    .iter()
                    .map(|element| match element {
                        PathElement::Name(name) => Step::Key((*name).to_owned()),
                        PathElement::Index(index) => Step::Index(*index),
                    })
                    .collect(),
            )
        })
        .filter(|node| seen.insert(node.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_become_escaped_pointers() {
        let doc = json!({"paths": {"/a~b": {"get": {"parameters": [{"name": "x"}, {"name": "y"}]}}}});
        let path = JsonPath::parse("$.paths.*.get.parameters[?@.name=='y']").unwrap();
        let found = select(&path, &doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer().as_str(), "/paths/~1a~0b/get/parameters/1");
        assert_eq!(doc.pointer(found[0].pointer().as_str()), Some(&json!({"name": "y"})));
    }

    #[test]
    fn duplicates_are_selected_once() {
        let doc = json!({"a": {"b": 1}});
        let path = JsonPath::parse("$['a','a']").unwrap();
        assert_eq!(select(&path, &doc).len(), 1);
    }

    #[test]
    fn removal_order_puts_later_items_and_descendants_first() {
        let index = |i| Step::Index(i);
        let key = |k: &str| Step::Key(k.to_owned());
        let mut paths = [
            NodePath(vec![key("a"), index(2)]),
            NodePath(vec![key("a"), index(10)]),
            NodePath(vec![key("a"), index(2), key("x")]),
            NodePath(vec![key("a")]),
        ];
        paths.sort_by(|a, b| b.cmp(a));
        let pointers: Vec<String> = paths.iter().map(|p| p.pointer().as_str().to_owned()).collect();
        assert_eq!(pointers, ["/a/10", "/a/2/x", "/a/2", "/a"]);
    }
}

//! How actions change the document: order, the deep merge, array updates and removals, and the corner cases of
//! selecting a node more than once or a node together with its ancestor.

mod common;

use common::*;
use serde_json::{Value, json};
use swagger2rs_overlay::{Overlay, parse_overlay};
use swagger2rs_parser::{Code, Severity};

/// An overlay with the given actions (YAML flow or block text, indented by four spaces under `actions:`).
fn inline(actions: &str) -> Overlay {
    let text = format!("overlay: 1.0.0\ninfo:\n  title: test\n  version: 1.0.0\nactions:\n{actions}");
    parse_overlay("inline.yaml", &text).unwrap_or_else(|d| panic!("overlay does not parse:\n{}", show(&d)))
}

fn apply_inline(mut doc: Value, actions: &str) -> (Value, Vec<swagger2rs_parser::Diagnostic>) {
    let diagnostics = swagger2rs_overlay::apply(&mut doc, &inline(actions));
    (doc, diagnostics.into_vec())
}

#[test]
fn each_action_sees_the_result_of_the_previous_ones() {
    let (doc, diagnostics) = apply("order.doc.yaml", "order.overlay.yaml");
    assert_json(
        &doc["paths"],
        &json!({
            "/kept": {"get": {"responses": {"200": {"description": "OK"}}}},
            "/old": {
                "get": {"operationId": "newGet", "responses": {"200": {"description": "OK"}}, "summary": "Re-created"}
            }
        }),
    );
    // The last action would have matched the original `/old`, but that one was removed and re-created without it.
    assert_eq!(
        findings(&diagnostics),
        [(Severity::Warning, Code::OverlayTargetUnmatched, "/actions/3".to_owned(), Some((22, 5)))]
    );
}

#[test]
fn update_merges_objects_deeply_replaces_primitives_and_concatenates_arrays() {
    let doc = apply_clean("merge.doc.yaml", "merge.overlay.yaml");
    assert_json(
        &doc["definitions"]["Pet"],
        &json!({
            "type": "object",
            "description": "A pet in the store",
            "required": ["id", "name"],
            "properties": {
                "id": {"type": "integer", "format": "int64"},
                "name": {"type": "string", "minLength": 1},
                "status": {"type": "string", "enum": ["available", "sold"]}
            },
            // Concatenation is literal: an item already present is not deduplicated.
            "x-tags": ["animal", "store", "animal"],
            "x-nullable": false
        }),
    );
}

#[test]
fn null_is_a_primitive_that_replaces_and_is_replaced() {
    let (doc, diagnostics) = apply_inline(
        json!({"info": {"a": null, "b": "text"}}),
        "  - target: $.info\n    update: {a: 1, b: null, c: null}\n",
    );
    assert!(diagnostics.is_empty(), "{}", show(&diagnostics));
    assert_json(&doc, &json!({"info": {"a": 1, "b": null, "c": null}}));
}

#[test]
fn update_on_an_array_concatenates_an_array_and_appends_anything_else() {
    let (doc, diagnostics) = apply_inline(
        json!({"required": ["id"], "enum": [1], "items": [{"a": 1}]}),
        "  - target: $.required\n    update: [name, tag]\n\
         \x20 - target: $.enum\n    update: 2\n\
         \x20 - target: $.items\n    update: {b: 2}\n",
    );
    assert!(diagnostics.is_empty(), "{}", show(&diagnostics));
    assert_json(&doc, &json!({"required": ["id", "name", "tag"], "enum": [1, 2], "items": [{"a": 1}, {"b": 2}]}));
}

#[test]
fn removes_array_items_at_several_indices_whatever_order_they_are_selected_in() {
    let doc = apply_clean("remove-indices.doc.yaml", "remove-indices.overlay.yaml");
    assert_json(&doc["tags"], &json!([{"name": "t0"}, {"name": "t2"}, {"name": "t4"}]));
    assert_json(
        &doc["paths"]["/x"]["get"]["parameters"],
        &json!([{"name": "p1", "in": "query", "type": "string"}, {"name": "p3", "in": "query", "type": "string"}]),
    );
}

#[test]
fn removing_a_key_keeps_the_order_of_the_others() {
    let (doc, diagnostics) =
        apply_inline(json!({"a": {}, "b": {}, "c": {}, "d": {}}), "  - target: $.b\n    remove: true\n");
    assert!(diagnostics.is_empty(), "{}", show(&diagnostics));
    assert_json(&doc, &json!({"a": {}, "c": {}, "d": {}}));
}

#[test]
fn removing_nodes_together_with_their_ancestors() {
    let (doc, diagnostics) = apply_inline(
        json!({
            "keep": {"n": 0},
            "a": {"x-drop": true, "inner": {"x-drop": true}},
            "list": [{"x-drop": true}, {"n": 1}, {"x-drop": true, "sub": [{"x-drop": true}]}, {"n": 3}]
        }),
        "  - target: $..[?@['x-drop']==true]\n    remove: true\n",
    );
    assert!(diagnostics.is_empty(), "{}", show(&diagnostics));
    assert_json(&doc, &json!({"keep": {"n": 0}, "list": [{"n": 1}, {"n": 3}]}));
}

#[test]
fn a_node_selected_twice_is_changed_once() {
    let (doc, diagnostics) = apply_inline(
        json!({"list": [{"a": 1}, {"b": 2}], "tags": []}),
        "  - target: $.list[0,0]\n    remove: true\n\
         \x20 - target: $['tags','tags']\n    update: {name: once}\n",
    );
    assert!(diagnostics.is_empty(), "{}", show(&diagnostics));
    assert_json(&doc, &json!({"list": [{"b": 2}], "tags": [{"name": "once"}]}));
}

#[test]
fn remove_wins_over_update_with_a_warning() {
    let (doc, diagnostics) =
        apply_inline(json!({"a": {"x": 1}, "b": {}}), "  - target: $.a\n    remove: true\n    update: {y: 2}\n");
    assert_json(&doc, &json!({"b": {}}));
    assert_eq!(
        findings(&diagnostics),
        [(Severity::Warning, Code::InvalidShape, "/actions/0/update".to_owned(), Some((8, 5)))]
    );
}

#[test]
fn apply_all_applies_overlays_in_sequence() {
    let first = inline("  - target: $\n    update: {x-step: [1]}\n");
    let second = inline("  - target: $['x-step']\n    update: 2\n");
    let mut doc = json!({"swagger": "2.0"});
    let diagnostics = swagger2rs_overlay::apply_all(&mut doc, &[first, second]);
    assert!(diagnostics.is_empty(), "{}", show(&diagnostics));
    assert_json(&doc, &json!({"swagger": "2.0", "x-step": [1, 2]}));
}

//! What applying an overlay reports: each finding names the action (index and target) and is located in the
//! overlay file with line:column; a node that cannot be changed is left as it was.

mod common;

use common::*;
use serde_json::json;
use swagger2rs_overlay::parse_overlay;
use swagger2rs_parser::{Code, Diagnostic, Severity};

fn apply_text(doc: &mut serde_json::Value, actions: &str) -> Vec<Diagnostic> {
    let text = format!("overlay: 1.0.0\ninfo:\n  title: test\n  version: 1.0.0\nactions:\n{actions}");
    let overlay = parse_overlay("inline.yaml", &text).unwrap_or_else(|d| panic!("{}", show(&d)));
    swagger2rs_overlay::apply(doc, &overlay).into_vec()
}

#[test]
fn a_target_matching_nothing_is_a_warning_at_the_action() {
    let (doc, diagnostics) = apply("structured.doc.yaml", "no-match.overlay.yaml");
    assert_eq!(
        findings(&diagnostics),
        [(Severity::Warning, Code::OverlayTargetUnmatched, "/actions/1".to_owned(), Some((9, 5)))]
    );
    let d = &diagnostics[0];
    assert!(d.location.file.ends_with("fixtures/no-match.overlay.yaml"), "{d}");
    assert!(d.message.contains("action 1"), "{d}");
    assert!(d.message.contains("$.paths['/does-not-exist'].get"), "{d}");
    assert_eq!(doc["info"]["x-seen"], json!(true), "the other action still applies");
}

#[test]
fn an_invalid_jsonpath_is_a_syntax_error_at_the_target() {
    // The trait example of Overlay 1.0.0 uses `@.x-oai-traits`, but RFC 9535's name shorthand has no `-`.
    let (doc, diagnostics) = apply("traits.doc.yaml", "invalid-jsonpath.overlay.yaml");
    assert_eq!(
        findings(&diagnostics),
        [(Severity::Error, Code::InvalidJsonPath, "/actions/0/target".to_owned(), Some((6, 5)))],
        "{}",
        show(&diagnostics)
    );
    let d = &diagnostics[0];
    assert!(d.message.contains("invalid JSONPath"), "{d}");
    assert!(d.message.contains("$.paths.*.get[?@.x-oai-traits.paged]"), "{d}");
    assert!(d.message.contains("`['x-beta']`"), "a hint for the dashed dot name: {d}");
    assert_eq!(doc["info"]["x-seen"], json!(true), "later actions still apply");
    assert_eq!(doc["paths"]["/items"]["get"].get("x-paged"), None);
}

#[test]
fn an_update_that_is_not_an_object_for_selected_objects_is_one_error() {
    let before = document("targeted.doc.yaml");
    let (doc, diagnostics) = apply("targeted.doc.yaml", "non-object-update.overlay.yaml");
    assert_eq!(
        findings(&diagnostics),
        [(Severity::Error, Code::InvalidShape, "/actions/0/update".to_owned(), Some((7, 5)))]
    );
    let d = &diagnostics[0];
    assert!(d.message.contains("must be an object"), "{d}");
    assert!(d.message.contains("#/paths/~1foo/get and 1 other selected node"), "{d}");
    assert_json(&doc, &before);
}

#[test]
fn incompatible_properties_are_errors_at_the_update_property_and_the_node_is_unchanged() {
    let mut doc = json!({"definitions": {"A": {"type": "string"}, "B": {"type": "object", "required": ["x"]}}});
    let diagnostics =
        apply_text(&mut doc, "  - target: $.definitions.*\n    update:\n      required: x\n      x-ok: true\n");
    // `A` has no `required`, so it merges; `B`'s array `required` cannot take a string.
    assert_eq!(
        findings(&diagnostics),
        [(Severity::Error, Code::InvalidShape, "/actions/0/update/required".to_owned(), Some((8, 7)))]
    );
    assert!(diagnostics[0].message.contains("cannot merge a string into an array"), "{}", diagnostics[0]);
    assert!(diagnostics[0].message.contains("#/definitions/B/required"), "{}", diagnostics[0]);
    assert_json(
        &doc,
        &json!({
            "definitions": {"A": {"type": "string", "required": "x", "x-ok": true}, "B": {"type": "object", "required": ["x"]}}
        }),
    );
}

#[test]
fn selecting_a_primitive_is_an_error_for_update_and_remove() {
    let mut doc = json!({"info": {"title": "T", "version": "1"}, "tags": ["a", "b"]});
    let before = doc.clone();
    let diagnostics = apply_text(
        &mut doc,
        "  - target: $.info.title\n    update: New\n\
         \x20 - target: $.tags[?@ == 'a']\n    remove: true\n",
    );
    assert_eq!(
        findings(&diagnostics),
        [
            (Severity::Error, Code::InvalidShape, "/actions/0/target".to_owned(), Some((6, 5))),
            (Severity::Error, Code::InvalidShape, "/actions/1/target".to_owned(), Some((8, 5))),
        ]
    );
    assert!(diagnostics[0].message.contains("selects a string"), "{}", diagnostics[0]);
    assert_json(&doc, &before);
}

#[test]
fn removing_the_root_is_an_error() {
    let mut doc = json!({"swagger": "2.0"});
    let diagnostics = apply_text(&mut doc, "  - target: $\n    remove: true\n");
    assert_eq!(
        findings(&diagnostics),
        [(Severity::Error, Code::InvalidShape, "/actions/0/target".to_owned(), Some((6, 5)))]
    );
    assert!(diagnostics[0].message.contains("root"), "{}", diagnostics[0]);
    assert_json(&doc, &json!({"swagger": "2.0"}));
}

#[test]
fn an_action_without_update_or_remove_is_a_warning() {
    let mut doc = json!({"info": {}});
    let diagnostics = apply_text(&mut doc, "  - target: $.info\n    description: forgot the update\n");
    assert_eq!(
        findings(&diagnostics),
        [(Severity::Warning, Code::InvalidShape, "/actions/0".to_owned(), Some((6, 5)))]
    );
    let diagnostics = apply_text(&mut doc, "  - target: $.info\n    remove: false\n");
    assert_eq!(
        findings(&diagnostics),
        [(Severity::Warning, Code::InvalidShape, "/actions/0".to_owned(), Some((6, 5)))]
    );
}

#[test]
fn diagnostics_render_with_file_line_and_pointer() {
    let (_, diagnostics) = apply("structured.doc.yaml", "no-match.overlay.yaml");
    let rendered = diagnostics[0].to_string();
    assert!(
        rendered.starts_with(
            "warning[overlay-target-unmatched]: overlay action 1 (target `$.paths['/does-not-exist'].get`)"
        ),
        "{rendered}"
    );
    assert!(rendered.ends_with("no-match.overlay.yaml:9:5 (#/actions/1)"), "{rendered}");
}

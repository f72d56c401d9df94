//! Overlays on a Swagger 2.0 document, end to end: typing Jira-style untyped parameters so that the parser
//! lowers them as integers instead of guessing strings.

mod common;

use common::*;
use serde_json::{Value, json};
use swagger2rs_parser::ir::{IntegerFormat, Primitive, TypeRef};
use swagger2rs_parser::{Code, Loaded};

fn lower(doc: &Value) -> Loaded {
    swagger2rs_parser::load_str("jira.json", serde_json::to_string(doc).unwrap())
}

fn missing_types(loaded: &Loaded) -> usize {
    loaded.diagnostics.iter().filter(|d| d.code == Code::MissingParameterType).count()
}

#[test]
fn types_untyped_parameters_wherever_they_occur() {
    for overlay_name in ["jira.overlay.yaml", "jira.overlay.json"] {
        let doc = apply_clean("jira.doc.yaml", overlay_name);
        let typed = json!({"name": "maxResults", "in": "query", "type": "integer", "format": "int32"});
        assert_json(
            &doc["paths"]["/search"]["get"]["parameters"],
            &json!([{"name": "jql", "in": "query", "type": "string"}, typed]),
        );
        assert_json(
            &doc["paths"]["/project/{key}/versions"],
            &json!({
                "parameters": [{"name": "key", "in": "path", "required": true, "type": "string"}],
                "get": {
                    "operationId": "getProjectVersions",
                    "parameters": [{"name": "startAt", "in": "query", "type": "integer"}, typed],
                    "responses": {"200": {"description": "OK"}}
                }
            }),
        );
    }
}

#[test]
fn the_parser_lowers_the_overlaid_parameters_as_int32() {
    let original = lower(&document("jira.doc.yaml"));
    assert_eq!(missing_types(&original), 2, "{}", show(&original.diagnostics));

    let overlaid = lower(&apply_clean("jira.doc.yaml", "jira.overlay.yaml"));
    assert!(overlaid.diagnostics.is_empty(), "{}", show(&overlaid.diagnostics));
    let api = overlaid.api.expect("lowered");
    for operation in &api.operations {
        let max_results = operation.parameters.iter().find(|p| p.wire_name == "maxResults").expect("maxResults");
        assert_eq!(max_results.ty, TypeRef::Primitive(Primitive::Integer(IntegerFormat::Int32)), "{}", operation.name);
    }
}

//! The examples of the Overlay Specification 1.0.0 (structured, targeted, wildcard, array modification, traits),
//! rewritten as fixtures against Swagger 2.0 documents, with the exact documents they must produce.

mod common;

use common::*;
use serde_json::json;

#[test]
fn structured_overlay_merges_one_update_at_the_root() {
    let doc = apply_clean("structured.doc.yaml", "structured.overlay.yaml");
    assert_json(
        &doc,
        &json!({
            "swagger": "2.0",
            "info": {"title": "Pets", "version": "1.0", "x-overlay-applied": "structured"},
            "paths": {
                "/": {
                    "get": {
                        "responses": {"200": {"description": "OK"}},
                        "summary": "Fetch the root resource",
                        "x-rate-limit": 100
                    },
                    "x-summary": "The root resource"
                },
                "/pets": {
                    "get": {
                        "summary": "Fetch the list of pets",
                        "responses": {"200": {"description": "OK"}},
                        "x-rate-limit": 50
                    }
                }
            }
        }),
    );
}

#[test]
fn targeted_overlay_adds_replaces_and_merges_into_children() {
    let doc = apply_clean("targeted.doc.yaml", "targeted.overlay.yaml");
    assert_json(
        &doc["paths"],
        &json!({
            "/foo": {
                "get": {"responses": {"200": {"description": "OK"}}, "description": "Added description"}
            },
            "/bar": {
                "get": {"description": "Replaced description", "responses": {"200": {"description": "OK"}}},
                "post": {
                    "responses": {"201": {"description": "Created"}},
                    "description": "Description of a child object",
                    "x-safe": false
                }
            }
        }),
    );
}

#[test]
fn wildcard_and_filter_targets_update_every_selected_node() {
    let doc = apply_clean("wildcard.doc.yaml", "wildcard.overlay.yaml");
    assert_json(
        &doc["paths"],
        &json!({
            "/items": {
                "get": {
                    "parameters": [
                        {"name": "filter", "in": "query", "type": "string", "x-filter": true},
                        {"name": "filter", "in": "header"}
                    ],
                    "responses": {"200": {"description": "OK"}},
                    "x-safe": true
                },
                "post": {"x-beta": true, "responses": {"201": {"description": "Created"}}, "x-badge": "beta"}
            },
            "/items/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
                "get": {"x-beta": false, "responses": {"200": {"description": "OK"}}, "x-safe": true},
                "delete": {"x-beta": true, "responses": {"204": {"description": "Deleted"}}, "x-badge": "beta"}
            }
        }),
    );
}

#[test]
fn update_on_an_array_appends_the_value_as_an_item() {
    let doc = apply_clean("array.doc.yaml", "array-append.overlay.yaml");
    let added = json!({"name": "newParam", "in": "query", "type": "string"});
    assert_json(
        &doc["paths"]["/a"]["get"]["parameters"],
        &json!([
            {"name": "dummy", "in": "query", "type": "string"},
            {"name": "keep", "in": "query", "type": "string"},
            added
        ]),
    );
    assert_json(
        &doc["paths"]["/b"]["get"]["parameters"],
        &json!([{"name": "dummy", "in": "header", "type": "string"}, added]),
    );
}

#[test]
fn remove_with_a_filter_deletes_matching_items_from_every_array() {
    let doc = apply_clean("array.doc.yaml", "array-remove.overlay.yaml");
    assert_json(&doc["paths"]["/a"]["get"]["parameters"], &json!([{"name": "keep", "in": "query", "type": "string"}]));
    assert_json(&doc["paths"]["/b"]["get"]["parameters"], &json!([]));
}

#[test]
fn traits_overlay_updates_operations_carrying_the_trait() {
    let doc = apply_clean("traits.doc.yaml", "traits.overlay.yaml");
    let top = json!({"name": "top", "in": "query", "type": "integer"});
    let skip = json!({"name": "skip", "in": "query", "type": "integer"});
    assert_json(
        &doc["paths"],
        &json!({
            "/items": {
                "get": {
                    "x-oai-traits": ["paged"],
                    "responses": {"200": {"description": "OK"}},
                    "parameters": [top, skip]
                }
            },
            "/items/{id}/subitems": {
                "get": {
                    "x-oai-traits": ["paged"],
                    "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}, top, skip],
                    "responses": {"200": {"description": "OK"}}
                }
            },
            "/other": {"get": {"responses": {"200": {"description": "OK"}}}}
        }),
    );
}

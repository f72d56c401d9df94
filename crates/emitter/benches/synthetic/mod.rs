//! A deterministic synthetic Swagger 2.0 spec with a chosen number of operations, shaped like real APIs.
//!
//! Operations come in groups of five per resource `r` (the last group is cut short when `n` is not a multiple
//! of five):
//!
//! | # | operation | exercises |
//! |---|---|---|
//! | 0 | `GET /r{r}/items` | `#/parameters` refs (query, header), untyped query parameter, array query parameters with each `collectionFormat`, inline string enum parameter, integer parameter with bounds, array-of-refs 200 response with a response header, `default` |
//! | 1 | `POST /r{r}/items` | body `$ref` to a definition, 201 with a schema, 400 and `default` errors |
//! | 2 | `GET /r{r}/items/{id}` | path-level parameters (a `#/parameters` ref plus an untyped header), 404 |
//! | 3 | `PUT /r{r}/items/{id}` | body with an inline object schema (nested object, array of refs, enum), operation-level override of a path-level header, 200 with `allOf` definition |
//! | 4 | `DELETE /r{r}/items/{id}` | `If-Match` header, 204 without schema, `default` |
//!
//! Definitions, about one per two operations: per resource `Item{r}` (nested inline objects, a map, arrays of
//! refs, string and integer enums, a `$ref` to the previous resource's item) and `Summary{r}` (every tenth one
//! points at itself, a cycle the emitter must box); every second resource also `ItemPatch{r}` (`allOf` of
//! `Summary{r}` and an inline object); plus the shared `Error`, `Status` (string enum) and `Priority`
//! (integer enum).

use serde_json::{Map, Value, json};

/// The Swagger 2.0 document for `n` operations.
pub fn spec(n: usize) -> Value {
    let resources = n.div_ceil(5);
    let mut paths = Map::new();
    let mut definitions = Map::new();
    definitions.insert("Error".into(), error_definition());
    definitions.insert(
        "Status".into(),
        json!({
            "type": "string",
            "description": "Lifecycle state shared by every resource.",
            "enum": ["active", "inactive", "pending-review", "archived"]
        }),
    );
    definitions.insert(
        "Priority".into(),
        json!({
            "type": "integer",
            "format": "int32",
            "enum": [1, 2, 3, 5, 8],
            "x-enum-varnames": ["Lowest", "Low", "Medium", "High", "Highest"]
        }),
    );
    for r in 0..resources {
        let ops = (n - r * 5).min(5);
        add_definitions(r, &mut definitions);
        let (collection, item) = paths_for(r, ops);
        if let Some(collection) = collection {
            paths.insert(format!("/r{r}/items"), collection);
        }
        if let Some(item) = item {
            paths.insert(format!("/r{r}/items/{{id}}"), item);
        }
    }
    json!({
        "swagger": "2.0",
        "info": {
            "title": format!("Synthetic API ({n} operations)"),
            "version": "1.0.0",
            "description": "A generated spec for benchmarking swagger2rs.\n\n* deterministic\n* realistic mix of features"
        },
        "host": "api.example.com",
        "basePath": "/v1",
        "schemes": ["https"],
        "consumes": ["application/json"],
        "produces": ["application/json"],
        "securityDefinitions": {
            "apiKey": { "type": "apiKey", "name": "X-Api-Key", "in": "header" },
            "basic": { "type": "basic" }
        },
        "security": [{ "apiKey": [] }, { "basic": [] }],
        "parameters": {
            "PageSize": {
                "name": "pageSize", "in": "query", "type": "integer", "format": "int32",
                "minimum": 1, "maximum": 500, "default": 50, "description": "How many items per page."
            },
            "PageToken": { "name": "pageToken", "in": "query", "type": "string" },
            "ItemId": { "name": "id", "in": "path", "required": true, "type": "string", "description": "The item's id." },
            "TraceId": { "name": "X-Trace-Id", "in": "header", "type": "string", "format": "uuid" }
        },
        "paths": paths,
        "definitions": definitions
    })
}

fn error_definition() -> Value {
    json!({
        "type": "object",
        "required": ["code", "message"],
        "properties": {
            "code": { "type": "integer", "format": "int32" },
            "message": { "type": "string" },
            "details": { "type": "array", "items": { "type": "object", "additionalProperties": { "type": "string" } } }
        }
    })
}

fn add_definitions(r: usize, definitions: &mut Map<String, Value>) {
    let mut item = json!({
        "type": "object",
        "description": format!("An item of resource {r}. Items have **nested** metadata and `children`."),
        "required": ["id", "name", "status"],
        "properties": {
            "id": { "type": "string", "readOnly": true },
            "name": { "type": "string", "minLength": 1, "maxLength": 200 },
            "count": { "type": "integer", "format": "int64" },
            "ratio": { "type": "number", "format": "double" },
            "enabled": { "type": "boolean", "default": true },
            "status": { "$ref": "#/definitions/Status" },
            "priority": { "$ref": "#/definitions/Priority" },
            "visibility": { "type": "string", "enum": ["public", "private", "internal"] },
            "level": { "type": "integer", "enum": [0, 10, 20] },
            "createdAt": { "type": "string", "format": "date-time" },
            "tags": { "type": "array", "items": { "type": "string" } },
            "labels": { "type": "object", "additionalProperties": { "type": "string" } },
            "metadata": {
                "type": "object",
                "description": "Nested inline object.",
                "properties": {
                    "revision": { "type": "integer", "format": "int32" },
                    "owner": {
                        "type": "object",
                        "properties": {
                            "id": { "type": "string" },
                            "email": { "type": "string" },
                            "roles": { "type": "array", "items": { "type": "string", "enum": ["admin", "editor", "viewer"] } }
                        }
                    },
                    "annotations": { "type": "object", "additionalProperties": { "type": "string" } }
                }
            },
            "children": { "type": "array", "items": { "$ref": format!("#/definitions/Summary{r}") } },
            "history": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "at": { "type": "string", "format": "date-time" },
                        "status": { "$ref": "#/definitions/Status" },
                        "note": { "type": "string" }
                    }
                }
            },
            "extra": { "description": "Free-form JSON." }
        }
    });
    if r > 0 {
        item["properties"]["previous"] = json!({ "$ref": format!("#/definitions/Item{}", r - 1) });
    }
    definitions.insert(format!("Item{r}"), item);

    let mut summary = json!({
        "type": "object",
        "required": ["id"],
        "properties": {
            "id": { "type": "string" },
            "name": { "type": "string" },
            "kind": { "type": "string", "enum": ["leaf", "branch"] }
        }
    });
    if r % 10 == 0 {
        summary["properties"]["parent"] = json!({ "$ref": format!("#/definitions/Summary{r}") });
    }
    definitions.insert(format!("Summary{r}"), summary);

    if r % 2 == 0 {
        definitions.insert(
            format!("ItemPatch{r}"),
            json!({
                "allOf": [
                    { "$ref": format!("#/definitions/Summary{r}") },
                    {
                        "type": "object",
                        "properties": {
                            "note": { "type": "string" },
                            "operations": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["op", "path"],
                                    "properties": {
                                        "op": { "type": "string", "enum": ["add", "remove", "replace"] },
                                        "path": { "type": "string" },
                                        "value": {}
                                    }
                                }
                            }
                        }
                    }
                ]
            }),
        );
    }
}

const COLLECTION_FORMATS: [&str; 5] = ["csv", "ssv", "tsv", "pipes", "multi"];

/// The two path items of resource `r`, holding its first `ops` operations.
fn paths_for(r: usize, ops: usize) -> (Option<Value>, Option<Value>) {
    let tag = format!("resource{r}");
    let item_ref = json!({ "$ref": format!("#/definitions/Item{r}") });
    let error_ref = json!({ "$ref": "#/definitions/Error" });
    let default = json!({ "description": "Unexpected error.", "schema": error_ref });
    let mut collection = Map::new();
    let mut item = Map::new();
    if ops > 0 {
        let format = COLLECTION_FORMATS[r % COLLECTION_FORMATS.len()];
        collection.insert("get".into(), json!({
            "tags": [tag],
            "operationId": format!("listItems{r}"),
            "summary": format!("Lists the items of resource {r}"),
            "description": "Returns a page of items. Filter with `status` and `tag`; see <https://example.com/docs>.",
            "parameters": [
                { "$ref": "#/parameters/PageSize" },
                { "$ref": "#/parameters/PageToken" },
                { "$ref": "#/parameters/TraceId" },
                { "name": "status", "in": "query", "type": "string", "enum": ["active", "inactive", "all"], "default": "all" },
                { "name": "tag", "in": "query", "type": "array", "items": { "type": "string" }, "collectionFormat": format },
                { "name": "ids", "in": "query", "type": "array", "items": { "type": "integer", "format": "int64" }, "collectionFormat": "csv" },
                { "name": "filter", "in": "query", "description": "An untyped parameter (read as a string)." },
                { "name": "minCount", "in": "query", "type": "integer", "minimum": 0 }
            ],
            "responses": {
                "200": {
                    "description": "A page of items.",
                    "schema": { "type": "array", "items": item_ref },
                    "headers": { "X-Next-Page": { "type": "string" }, "X-Rate-Limit": { "type": "integer", "format": "int32" } }
                },
                "default": default
            }
        }));
    }
    if ops > 1 {
        collection.insert(
            "post".into(),
            json!({
                "tags": [tag],
                "operationId": format!("createItem{r}"),
                "summary": "Creates an item",
                "parameters": [
                    { "name": "body", "in": "body", "required": true, "schema": item_ref },
                    { "name": "dryRun", "in": "query", "type": "boolean" }
                ],
                "responses": {
                    "201": { "description": "Created.", "schema": item_ref },
                    "400": { "description": "Invalid item.", "schema": error_ref },
                    "default": default
                }
            }),
        );
    }
    if ops > 2 {
        item.insert(
            "parameters".into(),
            json!([
                { "$ref": "#/parameters/ItemId" },
                { "name": "X-Tenant", "in": "header" }
            ]),
        );
        item.insert("get".into(), json!({
            "tags": [tag],
            "operationId": format!("getItem{r}"),
            "parameters": [
                { "name": "fields", "in": "query", "type": "array", "items": { "type": "string" }, "collectionFormat": "multi" }
            ],
            "responses": {
                "200": { "description": "The item.", "schema": item_ref },
                "404": { "description": "No such item.", "schema": error_ref },
                "default": default
            }
        }));
    }
    if ops > 3 {
        let patch =
            if r % 2 == 0 { format!("#/definitions/ItemPatch{r}") } else { format!("#/definitions/Summary{r}") };
        item.insert("put".into(), json!({
            "tags": [tag],
            "operationId": format!("updateItem{r}"),
            "description": "Replaces an item.\n\n```json\n{\"name\": \"x\"}\n```",
            "parameters": [
                { "name": "X-Tenant", "in": "header", "type": "string", "required": true },
                {
                    "name": "body",
                    "in": "body",
                    "required": true,
                    "schema": {
                        "type": "object",
                        "required": ["name"],
                        "properties": {
                            "name": { "type": "string" },
                            "mode": { "type": "string", "enum": ["merge", "replace"] },
                            "settings": {
                                "type": "object",
                                "properties": {
                                    "retries": { "type": "integer", "format": "int32" },
                                    "timeoutSeconds": { "type": "number", "format": "float" }
                                }
                            },
                            "children": { "type": "array", "items": { "$ref": format!("#/definitions/Summary{r}") } }
                        }
                    }
                }
            ],
            "responses": {
                "200": { "description": "The updated item.", "schema": { "$ref": patch } },
                "409": { "description": "Conflict.", "schema": error_ref },
                "default": default
            }
        }));
    }
    if ops > 4 {
        item.insert(
            "delete".into(),
            json!({
                "tags": [tag],
                "operationId": format!("deleteItem{r}"),
                "deprecated": r % 7 == 0,
                "parameters": [{ "name": "If-Match", "in": "header", "type": "string" }],
                "responses": {
                    "204": { "description": "Deleted." },
                    "default": default
                }
            }),
        );
    }
    let some = |map: Map<String, Value>| map.keys().any(|k| k != "parameters").then_some(Value::Object(map));
    (some(collection), some(item))
}

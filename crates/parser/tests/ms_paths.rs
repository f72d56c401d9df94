//! AutoRest's `x-ms-paths`: path items whose keys carry a fixed query (`/{c}?restype=container&comp=list`),
//! lowered like those under `paths`, after them, as distinct operations holding that query.

mod common;

use common::*;
use swagger2rs_parser::ir::{HttpMethod, Operation, ParamLocation, PathSegment, QueryPair};
use swagger2rs_parser::{Code, Severity};

fn pair(name: &str, value: &str) -> QueryPair {
    QueryPair { name: name.into(), value: Some(value.into()) }
}

fn bare(name: &str) -> QueryPair {
    QueryPair { name: name.into(), value: None }
}

fn routes(api: &swagger2rs_parser::ir::Api) -> Vec<(&str, HttpMethod, &str)> {
    api.operations.iter().map(|o| (o.name.as_str(), o.method, o.path.as_str())).collect()
}

fn container_template() -> Vec<PathSegment> {
    vec![PathSegment::Literal("/".into()), PathSegment::Param("containerName".into())]
}

fn wire_names(op: &Operation) -> Vec<(&str, ParamLocation)> {
    op.parameters.iter().map(|p| (p.wire_name.as_str(), p.location)).collect()
}

#[test]
fn operations_under_x_ms_paths_alone_are_generated_in_document_order() {
    let (api, diagnostics) = load_ok("ms_paths_only.yaml");
    assert_eq!(
        routes(&api),
        [
            ("container_get_properties", HttpMethod::Get, "/{containerName}?restype=container"),
            ("container_create", HttpMethod::Put, "/{containerName}?restype=container"),
            (
                "get_by_container_name_restype_container_comp_list",
                HttpMethod::Get,
                "/{containerName}?restype=container&comp=list"
            ),
            (
                "get_by_container_name_restype_container_comp_acl",
                HttpMethod::Get,
                "/{containerName}?restype=container&comp=acl"
            ),
            ("container_get_by_bare_key", HttpMethod::Get, "/{containerName}?comp"),
            ("blob_get_tags", HttpMethod::Get, "/{containerName}/{blob}?comp=tags&&where=a%20b+c%3D&"),
        ],
        "the `x-` key is an extension, not a path"
    );
    // The only finding is located under `x-ms-paths`: a path-level parameter there is read as under `paths`.
    assert_eq!(
        findings(&diagnostics),
        [(
            Severity::Warning,
            Code::PathParameterNotRequired,
            "/x-ms-paths/~1{containerName}?restype=container&comp=list/parameters/0".to_owned()
        )],
        "{}",
        show(&diagnostics)
    );
}

#[test]
fn the_query_of_a_key_is_the_fixed_query_and_the_rest_the_template() {
    let (api, _) = load_ok("ms_paths_only.yaml");
    let properties = op(&api, "container_get_properties");
    assert_eq!(properties.path_segments, container_template());
    assert_eq!(properties.fixed_query, [pair("restype", "container")]);
    let list = op(&api, "get_by_container_name_restype_container_comp_list");
    assert_eq!(list.path_segments, container_template());
    assert_eq!(list.fixed_query, [pair("restype", "container"), pair("comp", "list")]);
    assert_eq!(op(&api, "container_get_by_bare_key").fixed_query, [bare("comp")]);
    let tags = op(&api, "blob_get_tags");
    assert_eq!(
        tags.path_segments,
        [
            PathSegment::Literal("/".into()),
            PathSegment::Param("containerName".into()),
            PathSegment::Literal("/".into()),
            PathSegment::Param("blob".into()),
        ]
    );
    assert_eq!(
        tags.fixed_query,
        [pair("comp", "tags"), pair("where", "a b c=")],
        "percent-decoded, `+` a space, empty pieces skipped"
    );
}

#[test]
fn path_level_parameters_and_ref_path_items_work_as_under_paths() {
    let (api, _) = load_ok("ms_paths_only.yaml");
    assert_eq!(
        wire_names(op(&api, "container_create")),
        [("containerName", ParamLocation::Path), ("timeout", ParamLocation::Query)]
    );
    assert_eq!(
        wire_names(op(&api, "get_by_container_name_restype_container_comp_list")),
        [("containerName", ParamLocation::Path), ("prefix", ParamLocation::Query)]
    );
    let by_ref = op(&api, "container_get_by_bare_key");
    assert_eq!(wire_names(by_ref), [("containerName", ParamLocation::Path)], "from the `$ref`'d item");
    assert_eq!(by_ref.path_segments, container_template());
}

#[test]
fn a_fixed_query_tells_apart_operations_on_one_path_and_method() {
    let (api, diagnostics) = load_ok("ms_paths_mixed.yaml");
    assert_eq!(
        routes(&api),
        [
            ("get_custom_models", HttpMethod::Get, "/custom/models"),
            ("question_mark_in_paths", HttpMethod::Get, "/custom/models?op=full"),
            ("get_custom_models_op_full", HttpMethod::Get, "/custom/models?op=full"),
            ("get_custom_models_op_summary", HttpMethod::Get, "/custom/models?op=summary"),
            ("custom_models_train", HttpMethod::Post, "/custom/models"),
        ],
        "`paths` first, then `x-ms-paths`, each in document order; names without an id include the query"
    );
    assert!(diagnostics.is_empty(), "{}", show(&diagnostics));
    let full = op(&api, "get_custom_models_op_full");
    assert_eq!(full.fixed_query, [pair("op", "full")]);
    assert_eq!(full.path_segments, [PathSegment::Literal("/custom/models".into())]);
    assert_eq!(op(&api, "get_custom_models_op_summary").fixed_query, [pair("op", "summary")]);
    assert!(op(&api, "custom_models_train").fixed_query.is_empty());
    // Under `paths` a `?` is part of the path, as Swagger 2.0 reads it: no fixed query.
    let in_paths = op(&api, "question_mark_in_paths");
    assert!(in_paths.fixed_query.is_empty());
    assert_eq!(in_paths.path_segments, [PathSegment::Literal("/custom/models?op=full".into())]);
}

#[test]
fn path_tables_that_are_not_objects_are_reported_as_ignored() {
    let (api, diagnostics) = load_ok("ms_paths_invalid.yaml");
    assert!(api.operations.is_empty());
    assert_eq!(
        findings(&diagnostics),
        [
            (Severity::Warning, Code::InvalidShape, "/paths".to_owned()),
            (Severity::Warning, Code::InvalidShape, "/x-ms-paths".to_owned()),
        ],
        "{}",
        show(&diagnostics)
    );
    assert!(diagnostics.iter().all(|d| d.message.contains("ignored")), "{}", show(&diagnostics));
}

#[test]
fn path_item_keys_that_are_not_operations_are_reported_as_ignored() {
    let (api, diagnostics) = load_ok("path_item_keys.yaml");
    assert_eq!(routes(&api), [("create_thing", HttpMethod::Post, "/things")]);
    assert_eq!(
        findings(&diagnostics),
        [
            (Severity::Warning, Code::Ignored, "/paths/~1things/GET".to_owned()),
            (Severity::Warning, Code::Ignored, "/paths/~1things/trace".to_owned()),
        ],
        "{}",
        show(&diagnostics)
    );
}

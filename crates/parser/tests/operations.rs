//! Operations: parameters (path-level overrides, formData, collection formats, lenient repairs), responses,
//! security, and loading the same spec from YAML and JSON.

mod common;

use common::*;
use serde_json::json;
use swagger2rs_parser::ir::{
    CollectionFormat, HttpMethod, IntegerFormat, ParamLocation, PathSegment, SecurityKind, SecurityUse, StatusCode,
    TypeKind, TypeRef,
};
use swagger2rs_parser::{Code, Severity};

#[test]
fn path_level_parameters_are_overridden_by_name_and_location() {
    let api = load_clean("path_parameters.yaml");
    let get = op(&api, "get_pet");
    let params: Vec<(&str, &str, ParamLocation, bool)> =
        get.parameters.iter().map(|p| (p.wire_name.as_str(), p.name.as_str(), p.location, p.required)).collect();
    assert_eq!(
        params,
        [
            ("id", "id", ParamLocation::Path, true),
            ("verbose", "verbose", ParamLocation::Query, false),
            ("X-Trace", "x_trace", ParamLocation::Header, false),
            ("verbose", "verbose_2", ParamLocation::Header, false),
            ("extra", "extra", ParamLocation::Query, true),
        ]
    );
    // The operation's own `id` replaced the path-level one.
    assert_eq!(get.parameters[0].ty, integer(IntegerFormat::Int64));
    assert_eq!(get.parameters[0].description.as_deref(), Some("own"));
    assert_eq!(get.parameters[1].ty, boolean());
    assert_eq!(get.parameters[2].description.as_deref(), Some("shared"));
    assert_eq!(get.parameters[3].ty, string());

    // An operation without parameters inherits all path-level ones.
    let delete = op(&api, "delete_pet");
    let params: Vec<(&str, ParamLocation)> =
        delete.parameters.iter().map(|p| (p.wire_name.as_str(), p.location)).collect();
    assert_eq!(
        params,
        [("id", ParamLocation::Path), ("verbose", ParamLocation::Query), ("X-Trace", ParamLocation::Header)]
    );
    assert_eq!(delete.parameters[0].ty, string());
    assert_eq!(delete.method, HttpMethod::Delete);
    assert_eq!(delete.path_segments, [PathSegment::Literal("/pets/".into()), PathSegment::Param("id".into())]);
}

#[test]
fn lenient_parameter_repairs_are_reported() {
    let (api, diagnostics) = load_ok("lenient.yaml");
    let lenient = op(&api, "lenient");
    let params: Vec<(&str, ParamLocation, bool)> =
        lenient.parameters.iter().map(|p| (p.wire_name.as_str(), p.location, p.required)).collect();
    assert_eq!(
        params,
        [
            ("thingId", ParamLocation::Path, true),
            ("q", ParamLocation::Query, false),
            ("tags", ParamLocation::Query, false),
            ("undeclared", ParamLocation::Path, true),
        ]
    );
    assert_eq!(param(lenient, "q").ty, string());
    assert_eq!(param(lenient, "tags").ty, array(TypeRef::Any));
    assert_eq!(param(lenient, "tags").collection_format, Some(CollectionFormat::Csv));
    assert_eq!(param(lenient, "undeclared").ty, string());

    let op_ptr = "/paths/~1things~1{thingId}~1{undeclared}/get";
    let expected = [
        (Severity::Warning, Code::PathParameterNotRequired, format!("{op_ptr}/parameters/0")),
        (Severity::Warning, Code::UnusedPathParameter, format!("{op_ptr}/parameters/1")),
        (Severity::Warning, Code::MissingParameterType, format!("{op_ptr}/parameters/2")),
        (Severity::Warning, Code::UndeclaredPathParameter, op_ptr.to_owned()),
    ];
    assert_eq!(findings(&diagnostics), expected, "{}", show(&diagnostics));
    assert!(diagnostics.iter().all(|d| d.location.line_col.is_some()), "{}", show(&diagnostics));
}

#[test]
fn form_data_and_files() {
    let (api, diagnostics) = load_ok("form_data.yaml");
    let upload = op(&api, "upload");
    assert_eq!(upload.consumes, ["multipart/form-data"]);
    assert!(upload.body.is_none());
    let params: Vec<(&str, ParamLocation, bool, TypeRef)> =
        upload.parameters.iter().map(|p| (p.wire_name.as_str(), p.location, p.required, p.ty.clone())).collect();
    assert_eq!(
        params,
        [
            ("file", ParamLocation::FormData, true, TypeRef::File),
            ("note", ParamLocation::FormData, false, string()),
            ("count", ParamLocation::FormData, false, integer(IntegerFormat::Int32)),
        ]
    );
    assert_eq!(param(upload, "file").description.as_deref(), Some("the file"));
    assert_eq!(upload.parameters_in(ParamLocation::FormData).count(), 3);

    // `type: file` outside formData is repaired to a string; a file response body is raw bytes.
    let download = op(&api, "download");
    assert_eq!(param(download, "asFile").ty, string());
    assert_eq!(download.produces, ["application/octet-stream"]);
    assert_eq!(response(download, StatusCode::Code(200)).ty, Some(TypeRef::File));
    assert_eq!(
        findings(&diagnostics),
        [(Severity::Warning, Code::InvalidShape, "/paths/~1download/get/parameters/0/type".to_owned())]
    );
}

#[test]
fn collection_formats() {
    let api = load_clean("collection_formats.yaml");
    let search = op(&api, "search");
    let formats: Vec<(&str, Option<CollectionFormat>)> =
        search.parameters.iter().map(|p| (p.wire_name.as_str(), p.collection_format)).collect();
    use CollectionFormat::*;
    assert_eq!(
        formats,
        [
            ("csvDefault", Some(Csv)),
            ("csv", Some(Csv)),
            ("ssv", Some(Ssv)),
            ("tsv", Some(Tsv)),
            ("pipes", Some(Pipes)),
            ("multi", Some(Multi)),
            ("X-Ids", Some(Pipes)),
            ("nested", Some(Csv)),
            ("scalar", None),
        ]
    );
    assert_eq!(param(search, "multi").ty, array(integer(IntegerFormat::Int64)));
    assert_eq!(param(search, "X-Ids").location, ParamLocation::Header);
    assert_eq!(param(search, "X-Ids").name.as_str(), "x_ids");
    assert_eq!(param(search, "nested").ty, array(array(integer(IntegerFormat::Unspecified))));
    assert_eq!(param(search, "scalar").ty, string());
}

fn uses(alternatives: &[&[(&str, &[&str])]]) -> Vec<Vec<SecurityUse>> {
    alternatives
        .iter()
        .map(|alt| {
            alt.iter()
                .map(|(scheme, scopes)| SecurityUse {
                    scheme: (*scheme).to_owned(),
                    scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn security_definitions() {
    let (api, _) = load_ok("security.yaml");
    let schemes: Vec<(&str, &str, &SecurityKind)> =
        api.security_schemes.iter().map(|s| (s.key.as_str(), s.name.as_str(), &s.kind)).collect();
    let oauth = SecurityKind::OAuth2 {
        flow: "accessCode".to_owned(),
        authorization_url: Some("https://auth.example.com/authorize".to_owned()),
        token_url: Some("https://auth.example.com/token".to_owned()),
        scopes: vec![("read".to_owned(), "Read things".to_owned()), ("write".to_owned(), "Write things".to_owned())],
    };
    assert_eq!(
        schemes,
        [
            // `with_basic_auth` is an inherent method of the generated client.
            ("basicAuth", "with_basic_auth_", &SecurityKind::Basic),
            ("headerKey", "with_header_key", &SecurityKind::ApiKeyHeader { header: "X-API-Key".to_owned() }),
            ("queryKey", "with_query_key", &SecurityKind::ApiKeyQuery { param: "api_key".to_owned() }),
            ("oauth", "with_oauth", &oauth),
        ]
    );
    assert_eq!(api.security_schemes[0].description.as_deref(), Some("user and password"));
}

#[test]
fn effective_security() {
    let (api, diagnostics) = load_ok("security.yaml");
    // The document's default.
    assert_eq!(op(&api, "inherited").security, uses(&[&[("basicAuth", &[])]]));
    // The operation's own: alternatives, each a set of schemes used together.
    assert_eq!(
        // `override` is a reserved keyword.
        op(&api, "override_").security,
        uses(&[&[("oauth", &["read", "write"])], &[("headerKey", &[]), ("queryKey", &[])]])
    );
    // `security: []` turns authentication off.
    assert_eq!(op(&api, "public").security, uses(&[]));
    // An alternative naming an undefined scheme is reported and dropped.
    assert_eq!(op(&api, "undefined_scheme").security, uses(&[&[("queryKey", &[])]]));
    assert_eq!(
        findings(&diagnostics),
        [(Severity::Warning, Code::DanglingRef, "/paths/~1undefined/get/security/0".to_owned())],
        "{}",
        show(&diagnostics)
    );
    let at = diagnostics[0].location.line_col.expect("located");
    assert_eq!((at.line, at.column), (55, 11));
    assert!(diagnostics[0].message.contains("nope"), "{}", diagnostics[0]);
}

/// One wrong global `security` entry is one finding, however many operations inherit it.
#[test]
fn undefined_scheme_in_global_security_is_reported_once() {
    let (api, diagnostics) = load_ok("security_undefined_global.yaml");
    assert!(op(&api, "a").security.is_empty());
    assert!(op(&api, "b").security.is_empty());
    assert_eq!(
        findings(&diagnostics),
        [(Severity::Warning, Code::DanglingRef, "/security/0".to_owned())],
        "{}",
        show(&diagnostics)
    );
}

/// A lenient repair of a parameter shared by several operations (path-level, or `#/parameters/…`) is one
/// finding at the shared parameter, not one per operation.
#[test]
fn warnings_about_shared_parameters_are_reported_once() {
    let (api, diagnostics) = load_ok("shared_parameter_warnings.yaml");
    for name in ["get_x", "put_x"] {
        let params: Vec<(&str, bool)> =
            op(&api, name).parameters.iter().map(|p| (p.wire_name.as_str(), p.required)).collect();
        assert_eq!(params, [("id", true), ("q", false)], "{name}");
    }
    let mut found = findings(&diagnostics);
    found.sort();
    let mut expected = vec![
        (Severity::Warning, Code::MissingParameterType, "/paths/~1x~1{id}/parameters/0".to_owned()),
        (Severity::Warning, Code::PathParameterNotRequired, "/paths/~1x~1{id}/parameters/0".to_owned()),
        (Severity::Warning, Code::MissingParameterType, "/parameters/q".to_owned()),
    ];
    expected.sort();
    assert_eq!(found, expected, "{}", show(&diagnostics));
}

#[test]
fn yaml_integer_response_codes_and_headers() {
    let api = load_clean("responses.yaml");
    let get = op(&api, "get_r");
    let statuses: Vec<StatusCode> = get.responses.iter().map(|r| r.status).collect();
    // Sorted by code, `default` last; `x-` keys are not responses.
    assert_eq!(
        statuses,
        [
            StatusCode::Code(200),
            StatusCode::Code(201),
            StatusCode::Code(404),
            StatusCode::Code(500),
            StatusCode::Default
        ]
    );
    let ok = response(get, StatusCode::Code(200));
    assert_eq!(ok.description, "ok");
    assert_eq!(ok.ty, Some(string()));
    let headers: Vec<(&str, &str, TypeRef, Option<&str>)> = ok
        .headers
        .iter()
        .map(|h| (h.wire_name.as_str(), h.name.as_str(), h.ty.clone(), h.description.as_deref()))
        .collect();
    assert_eq!(
        headers,
        [
            ("X-Rate-Limit", "x_rate_limit", integer(IntegerFormat::Int32), Some("calls per hour")),
            ("x-request-id", "x_request_id", string(), None),
        ]
    );
    let created = named(&api, response(get, StatusCode::Code(201)).ty.as_ref().unwrap());
    assert_eq!(created.name.as_str(), "GetRResponse201");
    assert_eq!(wire_names(as_struct(created)), ["id"]);
    assert_eq!(response(get, StatusCode::Code(404)).ty, None);
    assert_eq!(response(get, StatusCode::Default).description, "anything else");
    assert!(StatusCode::Code(201).is_success() && !StatusCode::Code(404).is_success());
}

#[test]
fn petstore_ir() {
    let (api, diagnostics) = load_ok("petstore.yaml");
    assert!(diagnostics.is_empty(), "{}", show(&diagnostics));
    assert_eq!(api.title, "Petstore");
    assert_eq!(api.description.as_deref(), Some("A sample API"));
    assert_eq!(api.version, "1.0.0");
    assert_eq!(api.base_path, "/v1");
    assert_eq!(api.default_base_url.as_deref(), Some("https://petstore.example.com/v1"));

    let names: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["list_pets", "create_pet", "show_pet_by_id", "delete_pet"]);

    let list = op(&api, "list_pets");
    assert_eq!(list.tags, ["pets"]);
    assert_eq!(list.summary.as_deref(), Some("List all pets"));
    let limit = param(list, "limit");
    assert_eq!((limit.constraints.minimum, limit.constraints.maximum), (Some(1.0), Some(100.0)));
    let status = param(list, "status");
    assert_eq!(status.collection_format, Some(CollectionFormat::Multi));
    let TypeRef::Array(item) = &status.ty else { panic!("{:?}", status.ty) };
    assert_eq!(named(&api, item).name.as_str(), "ListPetsStatusItem");
    let pets = response(list, StatusCode::Code(200));
    assert_eq!(pets.ty, Some(array(TypeRef::Named(def(&api, "Pet").id))));
    assert_eq!(pets.headers[0].wire_name, "X-Next");
    assert_eq!(list.security, [vec![SecurityUse { scheme: "apiKey".into(), scopes: vec![] }]]);
    assert_eq!(list.schemes, ["https", "http"]);

    let create = op(&api, "create_pet");
    let body = create.body.as_ref().expect("createPet has a body");
    assert_eq!((body.wire_name.as_str(), body.name.as_str(), body.required), ("pet", "pet", true));
    assert_eq!(body.ty, TypeRef::Named(def(&api, "NewPet").id));
    assert_eq!(body.media_type.as_str(), "application/json");
    assert!(create.parameters.is_empty());

    let show_pet = op(&api, "show_pet_by_id");
    assert!(show_pet.deprecated);
    assert_eq!(param(show_pet, "petId").location, ParamLocation::Path);
    assert!(op(&api, "delete_pet").security.is_empty());

    let pet = struct_of(&api, "Pet");
    assert_eq!(wire_names(pet), ["name", "tag", "status", "id", "attributes"]);
    assert_eq!(required_names(pet), ["name", "id"]);
    assert!(field(pet, "id").read_only);
    assert_eq!(field(pet, "attributes").ty, map(string()));
    assert!(matches!(def(&api, "NewPet").kind, TypeKind::Struct(_)));
}

#[test]
fn yaml_and_json_give_the_same_ir() {
    let (yaml, _) = load_ok("petstore.yaml");
    let (json_api, _) = load_ok("petstore.json");
    // A few fields first, for a readable failure…
    assert_eq!(yaml.title, json_api.title);
    assert_eq!(yaml.default_base_url, json_api.default_base_url);
    let names = |api: &swagger2rs_parser::ir::Api| -> Vec<String> {
        api.operations.iter().map(|o| o.name.to_string()).chain(api.types.iter().map(|t| t.name.to_string())).collect()
    };
    assert_eq!(names(&yaml), names(&json_api));
    assert_eq!(op(&yaml, "list_pets").responses.len(), op(&json_api, "list_pets").responses.len());
    // …then everything the IR serializes.
    assert_eq!(serde_json::to_value(&yaml).unwrap(), serde_json::to_value(&json_api).unwrap());
    assert!(json!(serde_json::to_value(&yaml).unwrap()["operations"]).as_array().is_some_and(|o| o.len() == 4));
}

#[test]
fn stray_document_markers_are_accepted() {
    let api = load_clean("trailing_document_marker.yaml");
    let names: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["ping", "pong"]);
    assert_eq!(response(op(&api, "ping"), StatusCode::Code(200)).description, "pong");
    assert_eq!(op(&api, "pong").method, HttpMethod::Post);

    // The same in memory, with only the trailing marker, and with a comment after it.
    let text = std::fs::read_to_string(fixture_path("trailing_document_marker.yaml")).unwrap();
    for variant in [text.trim_start_matches("---\n").to_owned(), format!("{text}# trailing comment\n")] {
        let loaded = swagger2rs_parser::load_str("mem.yaml", variant);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        assert_eq!(loaded.api.unwrap().operations.len(), 2);
    }
}

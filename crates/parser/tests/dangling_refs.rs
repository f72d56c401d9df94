//! `$ref`s that name nothing in a loaded file, or are no usable reference at all, are repaired with a located
//! `dangling-ref` warning: a schema becomes free-form JSON, a parameter or response is left out, a path item's
//! path is left out. A `$ref` to a file that could not be loaded stays an error (see `errors.rs`).

mod common;

use common::*;
use swagger2rs_parser::ir::{Api, ParamLocation, StatusCode, TypeRef};
use swagger2rs_parser::{Code, Diagnostic, Severity};

/// Loads a fixture under `dangling_refs/`: no errors, every diagnostic a `dangling-ref` warning except those
/// of the codes in `also`. Returns the API and the `dangling-ref` warnings.
fn load_repaired(name: &str, also: &[Code]) -> (Api, Vec<Diagnostic>) {
    let (api, diagnostics) = load_ok(&format!("dangling_refs/{name}"));
    let (dangling, other): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diagnostics.into_iter().partition(|d| d.code == Code::DanglingRef);
    assert!(dangling.iter().all(|d| d.severity == Severity::Warning), "{name}:\n{}", show(&dangling));
    assert!(other.iter().all(|d| also.contains(&d.code)), "{name}: unexpected\n{}", show(&other));
    (api, dangling)
}

/// The pointers of `diagnostics`, sorted.
fn pointers(diagnostics: &[Diagnostic]) -> Vec<&str> {
    let mut pointers: Vec<&str> = diagnostics.iter().map(|d| d.location.pointer.as_str()).collect();
    pointers.sort_unstable();
    pointers
}

/// The one diagnostic at `pointer`.
fn at<'d>(diagnostics: &'d [Diagnostic], pointer: &str) -> &'d Diagnostic {
    let found: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.location.pointer.as_str() == pointer).collect();
    assert_eq!(found.len(), 1, "at {pointer}:\n{}", show(diagnostics));
    found[0]
}

fn op_names(api: &Api) -> Vec<&str> {
    api.operations.iter().map(|o| o.name.as_str()).collect()
}

fn statuses(api: &Api, operation: &str) -> Vec<StatusCode> {
    op(api, operation).responses.iter().map(|r| r.status).collect()
}

fn parameter_names<'a>(api: &'a Api, operation: &str) -> Vec<(&'a str, ParamLocation)> {
    op(api, operation).parameters.iter().map(|p| (p.wire_name.as_str(), p.location)).collect()
}

#[test]
fn a_schema_ref_naming_nothing_is_free_form_json() {
    let (api, warnings) = load_repaired("schema.yaml", &[]);
    assert_eq!(
        pointers(&warnings),
        [
            "/definitions/Alias/$ref",
            "/definitions/Child/allOf/0/$ref",
            "/definitions/Thing/properties/gone/$ref",
            "/definitions/Thing/properties/list/items/$ref",
            "/paths/~1a/get/responses/200/schema/$ref",
        ]
    );
    let d = at(&warnings, "/paths/~1a/get/responses/200/schema/$ref");
    assert_eq!(
        d.to_string(),
        format!(
            "warning[dangling-ref]: `#/definitions/Nope` does not name anything; read as free-form JSON \
             (`serde_json::Value`)\n  --> {}:13:13 (#/paths/~1a/get/responses/200/schema/$ref)",
            fixture_path("dangling_refs/schema.yaml").display()
        )
    );
    assert_eq!(op_names(&api), ["a", "b"]);
    assert_eq!(response(op(&api, "a"), StatusCode::Code(200)).ty, Some(TypeRef::Any));
    assert_eq!(response(op(&api, "b"), StatusCode::Code(200)).ty, Some(TypeRef::Named(def(&api, "Thing").id)));
    let thing = struct_of(&api, "Thing");
    assert_eq!(wire_names(thing), ["name", "gone", "list"]);
    assert_eq!(field(thing, "gone").ty, TypeRef::Any);
    assert_eq!(field(thing, "list").ty, array(TypeRef::Any));
    assert_eq!(as_alias(def(&api, "Alias")), &TypeRef::Any);
    // The parent that does not exist is left out; the child keeps its own properties.
    let child = struct_of(&api, "Child");
    assert_eq!(wire_names(child), ["own"]);
    assert!(child.all_of.is_empty());
}

#[test]
fn a_response_ref_naming_nothing_is_left_out() {
    let (api, warnings) = load_repaired("response.yaml", &[]);
    assert_eq!(
        pointers(&warnings),
        ["/paths/~1a/get/responses/404/$ref", "/paths/~1b/get/responses/500/$ref", "/responses/Chained/$ref"]
    );
    assert!(
        warnings.iter().all(|d| d.message.ends_with("; the response is left out, as if its status were not declared")),
        "{}",
        show(&warnings)
    );
    assert!(at(&warnings, "/responses/Chained/$ref").message.starts_with("`#/responses/AlsoNope` does not name"));
    assert_eq!(op_names(&api), ["a", "b"]);
    assert_eq!(statuses(&api, "a"), [StatusCode::Code(200), StatusCode::Default]);
    assert_eq!(response(op(&api, "a"), StatusCode::Default).description, "an error");
    // Both responses of `b` are gone: it is still generated, with no declared response.
    assert_eq!(statuses(&api, "b"), []);
}

#[test]
fn a_parameter_ref_naming_nothing_is_left_out() {
    let (api, warnings) = load_repaired("parameter.yaml", &[Code::UndeclaredPathParameter]);
    assert_eq!(pointers(&warnings), ["/paths/~1a/get/parameters/0/$ref", "/paths/~1items~1{id}/parameters/0/$ref"]);
    let d = at(&warnings, "/paths/~1a/get/parameters/0/$ref");
    assert_eq!(d.message, "`#/parameters/nope` does not name anything; the parameter is left out");
    assert_eq!(d.location.line_col.map(|lc| (lc.line, lc.column)), Some((10, 11)));
    assert_eq!(op_names(&api), ["a", "get_item", "delete_item"]);
    assert_eq!(parameter_names(&api, "a"), [("q", ParamLocation::Query)]);
    // The path-level parameter shared by two operations is one finding. Its name is in the template, so each
    // operation still gets `id`, as the repair of an undeclared path parameter adds it: a required string.
    assert_eq!(parameter_names(&api, "get_item"), [("id", ParamLocation::Path)]);
    assert_eq!(parameter_names(&api, "delete_item"), [("limit", ParamLocation::Query), ("id", ParamLocation::Path)]);
    let id = param(op(&api, "get_item"), "id");
    assert_eq!((id.ty.clone(), id.required), (string(), true));
}

#[test]
fn a_path_parameter_left_out_is_added_back_as_an_undeclared_one() {
    let (_, diagnostics) = load_ok("dangling_refs/parameter.yaml");
    let undeclared: Vec<(Severity, Code, String)> =
        findings(&diagnostics).into_iter().filter(|(_, code, _)| *code == Code::UndeclaredPathParameter).collect();
    assert_eq!(
        undeclared,
        [
            (Severity::Warning, Code::UndeclaredPathParameter, "/paths/~1items~1{id}/get".to_owned()),
            (Severity::Warning, Code::UndeclaredPathParameter, "/paths/~1items~1{id}/delete".to_owned()),
        ]
    );
}

#[test]
fn a_path_item_ref_naming_nothing_leaves_the_path_out() {
    let (api, warnings) = load_repaired("path_item.yaml", &[]);
    assert_eq!(pointers(&warnings), ["/paths/~1gone/$ref"]);
    assert_eq!(
        warnings[0].message,
        "`#/x-path-items/nope` does not name anything; the path is left out, since its operations cannot be known"
    );
    assert_eq!(op_names(&api), ["kept"]);
}

/// A pointer into another loaded file that names nothing is repaired and located in the file that holds it.
#[test]
fn a_ref_naming_nothing_in_another_file_is_located_in_that_file() {
    let (api, warnings) = load_repaired("in_other_file.yaml", &[]);
    assert_eq!(
        pointers(&warnings),
        ["/definitions/Broken/properties/missing/$ref", "/paths/~1b/get/responses/200/schema/$ref"]
    );
    let inside = at(&warnings, "/definitions/Broken/properties/missing/$ref");
    assert!(inside.location.file.ends_with("dangling_refs/other/broken.yaml"), "{inside}");
    assert_eq!(inside.location.line_col.map(|lc| (lc.line, lc.column)), Some((8, 9)));
    let outside = at(&warnings, "/paths/~1b/get/responses/200/schema/$ref");
    assert!(outside.location.file.ends_with("dangling_refs/in_other_file.yaml"), "{outside}");
    assert!(outside.message.starts_with("`other/broken.yaml#/definitions/Nope` does not name anything"), "{outside}");
    let broken = struct_of(&api, "Broken");
    assert_eq!(wire_names(broken), ["fine", "missing"]);
    assert_eq!(field(broken, "missing").ty, TypeRef::Any);
    assert_eq!(response(op(&api, "b"), StatusCode::Code(200)).ty, Some(TypeRef::Any));
}

/// A `$ref` that is no usable reference — not a string, empty, a fragment that is not a JSON pointer, an
/// escape that decodes to a name that does not exist — gets the same repair as one that names nothing.
#[test]
fn malformed_refs_are_repaired_as_refs_naming_nothing() {
    let (api, warnings) = load_repaired("malformed.yaml", &[]);
    let holder = |property: &str| format!("/definitions/Holder/properties/{property}/$ref");
    let mut expected = vec![
        "/definitions/Holder/properties/items/items/$ref".to_owned(),
        "/definitions/Number/$ref".to_owned(),
        "/paths/~1a/get/parameters/0/$ref".to_owned(),
        "/paths/~1a/get/responses/404/$ref".to_owned(),
        "/paths/~1b/$ref".to_owned(),
    ];
    expected.extend(["number", "object", "list", "empty", "not_a_pointer", "bad_escape", "bad_percent"].map(holder));
    expected.sort_unstable();
    assert_eq!(pointers(&warnings), expected);
    let message = |pointer: &str| at(&warnings, pointer).message.clone();
    assert_eq!(
        message(&holder("number")),
        "`$ref` is a number, not a string; read as free-form JSON (`serde_json::Value`)"
    );
    assert!(message(&holder("object")).starts_with("`$ref` is an object, not a string;"));
    assert!(message(&holder("list")).starts_with("`$ref` is an array, not a string;"));
    assert!(
        message("/definitions/Holder/properties/items/items/$ref").starts_with("`$ref` is a boolean, not a string;")
    );
    assert!(message(&holder("empty")).starts_with("`$ref` is empty;"));
    assert!(message(&holder("not_a_pointer")).starts_with("`#definitions/Holder`: fragment is not a JSON pointer;"));
    assert!(message(&holder("bad_escape")).starts_with("`#/definitions/a~2b` does not name anything;"));
    assert!(message(&holder("bad_percent")).starts_with("`#/definitions/%zz` does not name anything;"));
    assert_eq!(
        message("/paths/~1a/get/parameters/0/$ref"),
        "`$ref` is a number, not a string; the parameter is left out"
    );
    assert!(
        message("/paths/~1a/get/responses/404/$ref")
            .ends_with("the response is left out, as if its status were not declared")
    );
    assert!(message("/paths/~1b/$ref").starts_with("`$ref` is an array, not a string; the path is left out"));

    assert_eq!(op_names(&api), ["a"]);
    assert_eq!(parameter_names(&api, "a"), [("q", ParamLocation::Query)]);
    assert_eq!(statuses(&api, "a"), [StatusCode::Code(200)]);
    let holder_struct = struct_of(&api, "Holder");
    for property in ["number", "object", "list", "empty", "not_a_pointer", "bad_escape", "bad_percent"] {
        assert_eq!(field(holder_struct, property).ty, TypeRef::Any, "{property}");
    }
    assert_eq!(field(holder_struct, "items").ty, array(TypeRef::Any));
    assert_eq!(as_alias(def(&api, "Number")), &TypeRef::Any);
}

/// Every link of a chain ending in a malformed `$ref` is free-form JSON, with one warning, at the end.
#[test]
fn a_chain_ending_in_a_malformed_ref_is_one_warning() {
    let (api, warnings) = load_repaired("malformed_chain.yaml", &[]);
    assert_eq!(pointers(&warnings), ["/definitions/A7/$ref"]);
    assert_eq!(warnings[0].message, "`$ref` is an array, not a string; read as free-form JSON (`serde_json::Value`)");
    for i in 0..8 {
        assert_eq!(as_alias(def(&api, &format!("A{i}"))), &TypeRef::Any, "A{i}");
    }
    // A reference into the chain is followed to its end, as every `$ref` to an alias is.
    assert_eq!(response(op(&api, "a"), StatusCode::Code(200)).ty, Some(TypeRef::Any));
}

/// A `$ref` to a file that could not be loaded stays an error, whatever refers to it, and so does a remote one.
#[test]
fn refs_to_files_that_could_not_be_loaded_stay_errors() {
    let spec = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        \
                - $ref: 'missing.yaml#/parameters/P'\n      responses:\n        '200':\n          $ref: \
                'missing.yaml#/responses/R'\n        '201':\n          description: ok\n          schema: {$ref: \
                'missing.yaml#/definitions/S'}\n        '202':\n          description: ok\n          schema: {$ref: \
                'https://example.com/s.yaml#/S'}\n  /b:\n    $ref: 'missing.yaml#/paths/b'\n";
    let loaded = swagger2rs_parser::load_str("spec.yaml", spec);
    let diagnostics = loaded.diagnostics.into_vec();
    let mut found = findings(&diagnostics);
    found.sort();
    assert_eq!(
        found,
        [
            (Severity::Error, Code::DanglingRef, "/paths/~1a/get/parameters/0/$ref".to_owned()),
            (Severity::Error, Code::DanglingRef, "/paths/~1a/get/responses/200/$ref".to_owned()),
            (Severity::Error, Code::DanglingRef, "/paths/~1a/get/responses/201/schema/$ref".to_owned()),
            (Severity::Error, Code::DanglingRef, "/paths/~1b/$ref".to_owned()),
            (Severity::Error, Code::Unsupported, "/paths/~1a/get/responses/202/schema/$ref".to_owned()),
        ],
        "{}",
        show(&diagnostics)
    );
    assert!(diagnostics.iter().all(|d| d.message.contains("missing.yaml") || d.message.contains("remote")));
}

/// Many references into one dangling chain, from referrers of different kinds, cost one walk of it and one
/// finding per kind of referrer (definitions are lowered first, then each path's parameters and responses).
#[test]
fn a_dangling_ref_is_reported_once_per_kind_of_referrer() {
    let mut spec = String::from("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n");
    for i in 0..50 {
        spec.push_str(&format!(
            "  /p{i}:\n    get:\n      parameters: [{{$ref: '#/parameters/Gone'}}]\n      responses:\n        \
             '200': {{description: ok, schema: {{$ref: '#/definitions/Gone'}}}}\n        '404': {{$ref: \
             '#/responses/Gone'}}\n"
        ));
    }
    spec.push_str("parameters:\n  Gone: {$ref: '#/x-nothing/here'}\nresponses:\n  Gone: {$ref: '#/parameters/Gone'}\n");
    spec.push_str("definitions:\n  Gone: {$ref: '#/parameters/Gone'}\n");
    let loaded = swagger2rs_parser::load_str("spec.yaml", spec);
    let diagnostics = loaded.diagnostics.into_vec();
    let found: Vec<(Severity, Code, &str, &str)> = diagnostics
        .iter()
        .map(|d| (d.severity, d.code, d.location.pointer.as_str(), d.message.rsplit("; ").next().unwrap_or("")))
        .collect();
    assert_eq!(
        found,
        [
            (
                Severity::Warning,
                Code::DanglingRef,
                "/parameters/Gone/$ref",
                "read as free-form JSON (`serde_json::Value`)"
            ),
            (Severity::Warning, Code::DanglingRef, "/parameters/Gone/$ref", "the parameter is left out"),
            (
                Severity::Warning,
                Code::DanglingRef,
                "/parameters/Gone/$ref",
                "the response is left out, as if its status were not declared"
            ),
        ],
        "{}",
        show(&diagnostics)
    );
    let api = loaded.api.unwrap();
    assert_eq!(api.operations.len(), 50);
    assert!(api.operations.iter().all(|o| o.parameters.is_empty() && o.responses.len() == 1));
}

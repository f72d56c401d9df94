//! Hard errors: each is reported exactly once, with its code and location, and the rest of the spec is still
//! lowered where that is possible.

mod common;

use common::*;
use swagger2rs_parser::ir::{Api, TypeRef};
use swagger2rs_parser::{Code, Diagnostic, Severity};

/// Loads an error fixture: it must produce exactly one diagnostic, an error with `code` at `pointer`
/// (and at `line:col` when given). Returns the diagnostic and the API, if any.
fn single_error(name: &str, code: Code, pointer: &str, line_col: Option<(u32, u32)>) -> (Diagnostic, Option<Api>) {
    let loaded = load_fixture(&format!("errors/{name}"));
    let diagnostics = loaded.diagnostics.into_vec();
    assert_eq!(diagnostics.len(), 1, "{name}: expected exactly one diagnostic, got:\n{}", show(&diagnostics));
    let d = diagnostics.into_iter().next().unwrap();
    assert_eq!((d.severity, d.code), (Severity::Error, code), "{name}: {d}");
    assert_eq!(d.location.pointer.as_str(), pointer, "{name}: {d}");
    if let Some((line, column)) = line_col {
        let at = d.location.line_col.unwrap_or_else(|| panic!("{name}: no line:column: {d}"));
        assert_eq!((at.line, at.column), (line, column), "{name}: {d}");
    }
    if let Some(api) = &loaded.api {
        check_idents(api);
    }
    (d, loaded.api)
}

fn op_names(api: &Api) -> Vec<&str> {
    api.operations.iter().map(|o| o.name.as_str()).collect()
}

#[test]
fn yaml_syntax_error() {
    let (d, api) = single_error("syntax.yaml", Code::Syntax, "", Some((7, 5)));
    assert!(api.is_none());
    assert!(d.message.contains("YAML"), "{d}");
    assert!(d.location.file.ends_with("errors/syntax.yaml"));
}

#[test]
fn json_syntax_error() {
    let (d, api) = single_error("syntax.json", Code::Syntax, "", Some((5, 19)));
    assert!(api.is_none());
    assert!(d.message.contains("JSON"), "{d}");
}

#[test]
fn in_memory_syntax_errors() {
    for (path, text) in [
        ("mem.yaml", "swagger: \"2.0\"\ninfo: {title: x\n"),
        ("mem.yaml", "a: b: c\n"),
        ("mem.json", "{\"swagger\": \"2.0\",,}"),
        ("mem.yaml", "{\"swagger\": [1, 2}"),
        ("mem.txt", "\t- nope:\n  -: [\n"),
    ] {
        let loaded = swagger2rs_parser::load_str(path, text);
        let d: Vec<&Diagnostic> = loaded.diagnostics.iter().collect();
        assert_eq!(d.len(), 1, "{text:?}: {:?}", loaded.diagnostics);
        assert_eq!(d[0].code, Code::Syntax, "{text:?}: {}", d[0]);
        assert!(d[0].location.line_col.is_some(), "{text:?}: {}", d[0]);
        assert!(loaded.api.is_none());
    }
}

#[test]
fn more_than_one_document() {
    // At the `---` that starts the second document.
    let (d, api) = single_error("multiple_documents.yaml", Code::Syntax, "", Some((6, 1)));
    assert!(api.is_none());
    assert!(d.message.contains("more than one YAML document"), "{d}");
}

#[test]
fn openapi_3() {
    let (d, api) = single_error("openapi3.yaml", Code::NotSwagger2, "/openapi", Some((1, 1)));
    assert!(api.is_none());
    assert!(d.message.contains("OpenAPI 3"), "{d}");
}

#[test]
fn swagger_1_2() {
    let (d, api) = single_error("swagger12.yaml", Code::NotSwagger2, "/swagger", Some((4, 1)));
    assert!(api.is_none());
    assert!(d.message.contains("1.2"), "{d}");
}

#[test]
fn no_version() {
    let (_, api) = single_error("no_version.yaml", Code::NotSwagger2, "", Some((1, 1)));
    assert!(api.is_none());
    for text in ["", "[1, 2]", "just a string", "null"] {
        let loaded = swagger2rs_parser::load_str("mem.yaml", text);
        let codes: Vec<Code> = loaded.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::NotSwagger2], "{text:?}");
        assert!(loaded.api.is_none());
    }
}

#[test]
fn an_empty_file_is_called_empty() {
    for (path, text) in [("mem.yaml", ""), ("mem.json", ""), ("mem.yaml", "  \n\n")] {
        let loaded = swagger2rs_parser::load_str(path, text);
        let d: Vec<&Diagnostic> = loaded.diagnostics.iter().collect();
        assert_eq!(d.len(), 1, "{path} {text:?}: {:?}", loaded.diagnostics);
        assert_eq!(d[0].code, Code::NotSwagger2);
        assert!(d[0].message.starts_with("the file is empty"), "{path} {text:?}: {}", d[0]);
    }
}

#[test]
fn unreadable_file() {
    let loaded = swagger2rs_parser::load(&fixture_path("errors/does-not-exist.yaml"));
    let d: Vec<&Diagnostic> = loaded.diagnostics.iter().collect();
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].severity, d[0].code), (Severity::Error, Code::Io));
    assert!(d[0].location.file.ends_with("errors/does-not-exist.yaml"));
    assert!(loaded.api.is_none());
}

/// A `$ref` to a file that could not be loaded stays an error (one that names nothing in a loaded file is
/// repaired, see `dangling_refs.rs`).
#[test]
fn dangling_external_file_ref() {
    let (d, api) = single_error(
        "dangling_file_ref.yaml",
        Code::DanglingRef,
        "/paths/~1a/get/parameters/0/schema/$ref",
        Some((13, 13)),
    );
    assert!(d.message.contains("nowhere.yaml"), "{d}");
    assert!(d.location.file.ends_with("errors/dangling_file_ref.yaml"));
    let api = api.unwrap();
    assert_eq!(op_names(&api), ["a", "b"]);
    assert_eq!(op(&api, "a").body.as_ref().unwrap().ty, TypeRef::Any);
}

/// `A → B → A` is one problem, reported once, at one of the cycle's `$ref`s: a warning, since both
/// definitions are repaired into free-form JSON.
#[test]
fn ref_cycle_is_reported_once() {
    let loaded = load_fixture("errors/ref_cycle.yaml");
    let diagnostics = loaded.diagnostics.into_vec();
    let api = loaded.api.expect("lowered despite the cycle");
    assert_eq!(op_names(&api), ["a"]);
    assert!(
        diagnostics.iter().all(|d| d.code == Code::RefCycle && d.severity == Severity::Warning),
        "{}",
        show(&diagnostics)
    );
    assert_eq!(as_alias(def(&api, "A")), &TypeRef::Any);
    assert_eq!(as_alias(def(&api, "B")), &TypeRef::Any);
    assert!(
        diagnostics
            .iter()
            .all(|d| ["/definitions/A/$ref", "/definitions/B/$ref"].contains(&d.location.pointer.as_str())),
        "{}",
        show(&diagnostics)
    );
    assert_eq!(diagnostics.len(), 1, "{}", show(&diagnostics));
}

#[test]
fn cookie_parameter() {
    let (d, api) = single_error(
        "cookie_parameter.yaml",
        Code::InvalidParameterLocation,
        "/paths/~1a/get/parameters/0/in",
        Some((11, 11)),
    );
    assert!(d.message.contains("cookie"), "{d}");
    let api = api.unwrap();
    assert_eq!(op_names(&api), ["with_cookie", "other"]);
    let params: Vec<&str> = op(&api, "with_cookie").parameters.iter().map(|p| p.wire_name.as_str()).collect();
    assert_eq!(params, ["q"]);
}

/// A bad path-level parameter is one finding, however many operations share it.
#[test]
fn cookie_parameter_shared_by_two_operations_is_reported_once() {
    let (_, api) = single_error(
        "cookie_parameter_path_level.yaml",
        Code::InvalidParameterLocation,
        "/paths/~1a/parameters/0/in",
        Some((9, 9)),
    );
    let api = api.unwrap();
    assert_eq!(op_names(&api), ["get_a", "put_a"]);
    assert!(api.operations.iter().all(|o| o.parameters.is_empty()));
}

#[test]
fn malformed_parameters() {
    let (_, api) =
        single_error("malformed_parameters.yaml", Code::InvalidShape, "/paths/~1bad/get/parameters", Some((9, 7)));
    assert_eq!(op_names(&api.unwrap()), ["good"]);
}

#[test]
fn malformed_responses() {
    let (_, api) =
        single_error("malformed_responses.yaml", Code::InvalidShape, "/paths/~1bad/get/responses", Some((9, 7)));
    assert_eq!(op_names(&api.unwrap()), ["also_good", "good"]);
}

#[test]
fn unquoted_version_number_is_accepted_with_a_warning() {
    let loaded = swagger2rs_parser::load_str("v.yaml", "swagger: 2.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
    assert!(loaded.api.is_some());
    let diagnostics: Vec<_> = loaded.diagnostics.iter().collect();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0].severity, swagger2rs_parser::Severity::Warning);
    assert_eq!(diagnostics[0].location.pointer.as_str(), "/swagger");
    assert_eq!(diagnostics[0].location.line_col.map(|lc| (lc.line, lc.column)), Some((1, 1)));
}

//! Lenient repair of common schema mistakes: a JSON-Schema tuple `items: [A, B]` and a malformed property
//! cost only themselves, with a warning each, not the whole type.

mod common;

use common::{field, struct_of};
use swagger2rs_parser::ir::{IntegerFormat, Primitive, TypeRef};
use swagger2rs_parser::{Code, Severity};

fn load(definitions: &str) -> swagger2rs_parser::Loaded {
    let spec = format!("swagger: '2.0'\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ndefinitions:\n{definitions}");
    swagger2rs_parser::load_str("s.yaml", spec)
}

#[test]
fn tuple_items_become_the_one_schema_or_free_form_json() {
    let loaded = load(
        "  T:\n    type: object\n    properties:\n      \
         same: {type: array, items: [{type: integer}, {type: integer}]}\n      \
         mixed: {type: array, items: [{type: integer}, {type: string}]}\n      \
         name: {type: string}\n",
    );
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    let warnings: Vec<_> = loaded.diagnostics.iter().filter(|d| d.severity == Severity::Warning).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings.iter().all(|d| d.code == Code::InvalidShape && d.message.contains("tuple")));
    let api = loaded.api.unwrap();
    let t = struct_of(&api, "T");
    assert_eq!(
        field(t, "same").ty,
        TypeRef::Array(Box::new(TypeRef::Primitive(Primitive::Integer(IntegerFormat::Unspecified))))
    );
    assert_eq!(field(t, "mixed").ty, TypeRef::Array(Box::new(TypeRef::Any)));
    assert_eq!(field(t, "name").ty, common::string());
}

#[test]
fn a_malformed_property_is_free_form_and_the_rest_of_the_type_survives() {
    let loaded = load(
        "  P:\n    type: object\n    required: [id]\n    properties:\n      \
         id: {type: integer, format: int64}\n      \
         bad: {type: string, minLength: lots}\n      \
         nested: {type: object, properties: {worse: {type: integer, maximum: [1]}, fine: {type: boolean}}}\n",
    );
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    let warnings: Vec<&str> = loaded.diagnostics.iter().map(|d| d.location.pointer.as_str()).collect();
    assert_eq!(warnings, ["/definitions/P/properties/bad", "/definitions/P/properties/nested/properties/worse"]);
    let api = loaded.api.unwrap();
    let p = struct_of(&api, "P");
    assert_eq!(field(p, "id").ty, TypeRef::Primitive(Primitive::Integer(IntegerFormat::Int64)));
    assert!(field(p, "id").required);
    assert_eq!(field(p, "bad").ty, TypeRef::Any);
    let nested = common::named(&api, &field(p, "nested").ty);
    let nested = common::as_struct(nested);
    assert_eq!(field(nested, "worse").ty, TypeRef::Any);
    assert_eq!(field(nested, "fine").ty, common::boolean());
}

#[test]
fn a_shape_error_outside_any_property_is_still_an_error() {
    let loaded = load("  Q: {type: object, required: notalist}\n");
    assert!(loaded.diagnostics.has_errors());
}

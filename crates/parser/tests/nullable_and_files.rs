//! `x-nullable` where fields are not the only place it can appear, and `type: file` inside schemas.

mod common;

use common::{field, struct_of};
use swagger2rs_parser::ir::{Primitive, StringFormat, TypeRef};

fn load_definitions(definitions: &str) -> swagger2rs_parser::ir::Api {
    let spec = format!("swagger: '2.0'\ninfo: {{title: t, version: '1'}}\npaths: {{}}\n{definitions}");
    let loaded = swagger2rs_parser::load_str("s.yaml", spec);
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    loaded.api.unwrap()
}

#[test]
fn items_values_and_referenced_definitions_can_be_nullable() {
    let api = load_definitions(
        "definitions:\n  Holder:\n    type: object\n    properties:\n      \
         map: {type: object, additionalProperties: {type: integer, x-nullable: true}}\n      \
         list: {type: array, items: {$ref: '#/definitions/Maybe'}}\n      \
         one: {$ref: '#/definitions/Maybe'}\n      plain: {type: array, items: {type: integer}}\n  \
         Maybe: {type: object, x-nullable: true, properties: {a: {type: string}}}\n",
    );
    let holder = struct_of(&api, "Holder");
    assert!(matches!(&field(holder, "map").ty, TypeRef::Map(v) if matches!(**v, TypeRef::Nullable(_))));
    assert!(matches!(&field(holder, "list").ty, TypeRef::Array(v) if matches!(**v, TypeRef::Nullable(_))));
    assert!(field(holder, "one").nullable, "a reference to a nullable definition is nullable");
    assert!(matches!(&field(holder, "plain").ty, TypeRef::Array(v) if !matches!(**v, TypeRef::Nullable(_))));
}

#[test]
fn files_inside_schemas_are_base64_strings_with_a_warning() {
    let spec = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  \
                A: {type: object, properties: {f: {type: file}, fs: {type: array, items: {type: file}}}}\n  \
                Blob: {type: file}\n";
    let loaded = swagger2rs_parser::load_str("s.yaml", spec);
    let api = loaded.api.unwrap();
    let byte = TypeRef::Primitive(Primitive::String(StringFormat::Byte));
    assert_eq!(field(struct_of(&api, "A"), "f").ty, byte);
    assert_eq!(field(struct_of(&api, "A"), "fs").ty, TypeRef::Array(Box::new(byte)));
    assert_eq!(loaded.diagnostics.warnings().count(), 2);
    let blob = api.types.iter().find(|t| t.name.as_str() == "Blob").unwrap();
    assert!(
        matches!(blob.kind, swagger2rs_parser::ir::TypeKind::Alias(TypeRef::File)),
        "a whole-document file stays bytes"
    );
}

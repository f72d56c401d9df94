//! Aliases that contain themselves become newtypes (Rust rejects recursive type aliases); others stay aliases.

use swagger2rs_parser::ir::{TypeKind, TypeRef};
use swagger2rs_parser::{Code, Severity};

#[test]
fn self_containing_aliases_become_newtypes_with_a_warning() {
    let spec = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  \
                Tree: {type: array, items: {$ref: '#/definitions/Tree'}}\n  \
                A: {type: object, additionalProperties: {$ref: '#/definitions/B'}}\n  \
                B: {type: array, items: {$ref: '#/definitions/A'}}\n  \
                C: {$ref: '#/definitions/Tree'}\n  \
                S: {type: object, properties: {kids: {type: array, items: {$ref: '#/definitions/S'}}}}\n";
    let loaded = swagger2rs_parser::load_str("s.yaml", spec);
    let api = loaded.api.unwrap();
    let kind = |name: &str| &api.types.iter().find(|t| t.name.as_str() == name).unwrap().kind;
    assert!(matches!(kind("Tree"), TypeKind::Newtype(TypeRef::Array(_))));
    assert!(matches!(kind("A"), TypeKind::Newtype(TypeRef::Map(_))));
    assert!(matches!(kind("B"), TypeKind::Newtype(TypeRef::Array(_))));
    assert!(matches!(kind("C"), TypeKind::Alias(TypeRef::Named(_))), "reaches a cycle but is not on it");
    assert!(matches!(kind("S"), TypeKind::Struct(_)), "a struct already breaks the recursion");
    let warnings: Vec<_> = loaded.diagnostics.iter().filter(|d| d.code == Code::Unsupported).collect();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings.iter().all(|d| d.severity == Severity::Warning));
    assert_eq!(warnings[0].location.pointer.as_str(), "/definitions/Tree");
}

/// A definition that is only a `$ref` to itself names no schema at all: a warning, and free-form JSON, so
/// the crate still compiles; a parameter in a `$ref` cycle cannot be repaired and stays an error.
#[test]
fn a_definition_referring_to_itself_is_free_form_json_with_a_warning() {
    let spec = "swagger: '2.0'
info: {title: t, version: '1'}
parameters:
  Loop: {$ref: '#/parameters/Loop'}
paths:
  /a:
    get:
      operationId: getA
      parameters: [{$ref: '#/parameters/Loop'}]
      responses: {'200': {description: ok, schema: {$ref: '#/definitions/Me'}}}
definitions:
  Me: {$ref: '#/definitions/Me'}
  Holder: {type: object, properties: {me: {$ref: '#/definitions/Me'}}}
";
    let loaded = swagger2rs_parser::load_str("self.yaml", spec);
    let found: Vec<(Severity, Code, &str)> =
        loaded.diagnostics.iter().map(|d| (d.severity, d.code, d.location.pointer.as_str())).collect();
    assert_eq!(
        found,
        [
            (Severity::Warning, Code::RefCycle, "/definitions/Me/$ref"),
            (Severity::Error, Code::RefCycle, "/parameters/Loop/$ref"),
        ]
    );
    let api = loaded.api.expect("lowers");
    let me = api.types.iter().find(|t| t.name.as_str() == "Me").expect("Me");
    assert!(matches!(me.kind, TypeKind::Alias(TypeRef::Any)), "{:?}", me.kind);
    assert!(api.operations[0].parameters.is_empty());
}

//! Spec defaults are kept when they can be values of their field's type, and dropped with a warning when not;
//! an enum's own `default` names its default variant.

use swagger2rs_parser::Severity;
use swagger2rs_parser::ir::TypeKind;

const SPEC: &str = "swagger: '2.0'
info: {title: t, version: '1'}
paths: {}
definitions:
  Thing:
    type: object
    properties:
      n: {type: integer, format: int32, default: 10}
      big: {type: integer, format: int32, default: 10000000000}
      word: {type: integer, default: ten}
      flag: {type: boolean, default: false}
      tags: {type: array, items: {type: string}, default: [a, 1]}
      unit: {type: string, default: cm}
      mode: {$ref: '#/definitions/Mode'}
  Mode: {type: string, enum: [fast, slow], default: slow}
  Bad: {type: string, enum: [a], default: b}
";

#[test]
fn defaults_that_do_not_fit_are_dropped_with_a_warning() {
    let loaded = swagger2rs_parser::load_str("s.yaml", SPEC);
    let api = loaded.api.expect("lowers");
    let TypeKind::Struct(thing) = &api.types[0].kind else { panic!("Thing is a struct") };
    let kept: Vec<(&str, bool)> = thing.fields.iter().map(|f| (f.wire_name.as_str(), f.default.is_some())).collect();
    assert_eq!(
        kept,
        [
            ("n", true),
            ("big", false),
            ("word", false),
            ("flag", true),
            ("tags", false),
            ("unit", true),
            ("mode", false)
        ]
    );
    let warnings: Vec<&str> =
        loaded.diagnostics.iter().filter(|d| d.severity == Severity::Warning).map(|d| d.message.as_str()).collect();
    assert_eq!(warnings.len(), 4, "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("property `big`")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("default \"b\" is not one of the enum's values")), "{warnings:?}");
    let enum_default = |name: &str| match &api.types.iter().find(|t| t.name.as_str() == name).unwrap().kind {
        TypeKind::Enum(e) => e.default.map(|i| e.variants[i].name.to_string()),
        _ => panic!("{name} is an enum"),
    };
    assert_eq!(enum_default("Mode").as_deref(), Some("Slow"));
    assert_eq!(enum_default("Bad"), None);
}

/// Parameter defaults get the same check, each warning at the parameter's `default`.
#[test]
fn parameter_defaults_that_do_not_fit_are_dropped_with_a_warning() {
    let spec = "swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: limit, in: query, type: integer, default: abc}
        - {name: offset, in: query, type: integer, default: 0}
        - {name: order, in: query, type: string, enum: [asc, desc], default: 1}
        - {name: fields, in: query, type: array, items: {type: string}, default: [id, name]}
        - {name: verbose, in: header, type: boolean, default: 'yes'}
      responses: {'200': {description: ok}}
";
    let loaded = swagger2rs_parser::load_str("s.yaml", spec);
    let api = loaded.api.clone().expect("lowers");
    let kept: Vec<(&str, bool)> =
        api.operations[0].parameters.iter().map(|p| (p.wire_name.as_str(), p.default.is_some())).collect();
    assert_eq!(kept, [("limit", false), ("offset", true), ("order", false), ("fields", true), ("verbose", false)]);
    let warnings: Vec<(Severity, &str)> =
        loaded.diagnostics.iter().map(|d| (d.severity, d.location.pointer.as_str())).collect();
    let at = |i: usize| format!("/paths/~1things/get/parameters/{i}/default");
    let expected = [(Severity::Warning, at(0)), (Severity::Warning, at(2)), (Severity::Warning, at(4))];
    let expected: Vec<(Severity, &str)> = expected.iter().map(|(s, p)| (*s, p.as_str())).collect();
    assert_eq!(warnings, expected);
}

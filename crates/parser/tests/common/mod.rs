//! Helpers shared by the integration tests: loading fixtures and looking things up in the IR.
#![allow(dead_code)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use swagger2rs_parser::ir::{
    Api, Enum, Field, IntegerFormat, NumberFormat, Operation, Parameter, Primitive, Response, StatusCode, StringFormat,
    Struct, TypeDef, TypeKind, TypeRef,
};
use swagger2rs_parser::naming::Ident;
use swagger2rs_parser::{Code, Diagnostic, Loaded, Severity};

/// The crate directory.
pub fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The path of a fixture under `tests/fixtures/`.
pub fn fixture_path(name: &str) -> PathBuf {
    crate_dir().join("tests/fixtures").join(name)
}

pub fn load_fixture(name: &str) -> Loaded {
    swagger2rs_parser::load(&fixture_path(name))
}

/// Loads a fixture that must lower without errors; returns the API and the (warning) diagnostics.
pub fn load_ok(name: &str) -> (Api, Vec<Diagnostic>) {
    let loaded = load_fixture(name);
    let diagnostics = loaded.diagnostics.into_vec();
    let errors: Vec<String> = diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{name}: unexpected errors:\n{}", errors.join("\n"));
    let api = loaded.api.unwrap_or_else(|| panic!("{name}: no API"));
    check_idents(&api);
    (api, diagnostics)
}

/// Loads a fixture that must lower without any diagnostic at all.
pub fn load_clean(name: &str) -> Api {
    let (api, diagnostics) = load_ok(name);
    let all: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert!(all.is_empty(), "{name}: unexpected diagnostics:\n{}", all.join("\n"));
    api
}

/// Renders diagnostics for assertion messages.
pub fn show(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

/// (severity, code, pointer) of each diagnostic, in order.
pub fn findings(diagnostics: &[Diagnostic]) -> Vec<(Severity, Code, String)> {
    diagnostics.iter().map(|d| (d.severity, d.code, d.location.pointer.as_str().to_owned())).collect()
}

pub fn op<'a>(api: &'a Api, name: &str) -> &'a Operation {
    api.operations.iter().find(|o| o.name.as_str() == name).unwrap_or_else(|| {
        let names: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
        panic!("no operation named `{name}`; have {names:?}")
    })
}

pub fn param<'a>(op: &'a Operation, wire_name: &str) -> &'a Parameter {
    op.parameters
        .iter()
        .find(|p| p.wire_name == wire_name)
        .unwrap_or_else(|| panic!("operation `{}` has no parameter `{wire_name}`", op.name))
}

pub fn response(op: &Operation, status: StatusCode) -> &Response {
    op.responses
        .iter()
        .find(|r| r.status == status)
        .unwrap_or_else(|| panic!("operation `{}` has no response {status:?}", op.name))
}

/// The type declared for definition `name` (exactly one must exist).
pub fn def<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    let found: Vec<&TypeDef> = api.types.iter().filter(|t| t.definition.as_deref() == Some(name)).collect();
    assert_eq!(found.len(), 1, "expected exactly one type for definition `{name}`, found {}", found.len());
    found[0]
}

/// The type whose Rust name is `name`.
pub fn type_named<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types.iter().find(|t| t.name.as_str() == name).unwrap_or_else(|| {
        let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
        panic!("no type named `{name}`; have {names:?}")
    })
}

pub fn as_struct(def: &TypeDef) -> &Struct {
    match &def.kind {
        TypeKind::Struct(s) => s,
        other => panic!("type `{}` is not a struct: {other:?}", def.name),
    }
}

pub fn as_enum(def: &TypeDef) -> &Enum {
    match &def.kind {
        TypeKind::Enum(e) => e,
        other => panic!("type `{}` is not an enum: {other:?}", def.name),
    }
}

pub fn as_alias(def: &TypeDef) -> &TypeRef {
    match &def.kind {
        TypeKind::Alias(t) => t,
        other => panic!("type `{}` is not an alias: {other:?}", def.name),
    }
}

pub fn struct_of<'a>(api: &'a Api, definition: &str) -> &'a Struct {
    as_struct(def(api, definition))
}

pub fn field<'a>(s: &'a Struct, wire_name: &str) -> &'a Field {
    s.fields.iter().find(|f| f.wire_name == wire_name).unwrap_or_else(|| {
        let names: Vec<&str> = s.fields.iter().map(|f| f.wire_name.as_str()).collect();
        panic!("no field `{wire_name}`; have {names:?}")
    })
}

pub fn wire_names(s: &Struct) -> Vec<&str> {
    s.fields.iter().map(|f| f.wire_name.as_str()).collect()
}

pub fn rust_names(s: &Struct) -> Vec<&str> {
    s.fields.iter().map(|f| f.name.as_str()).collect()
}

pub fn required_names(s: &Struct) -> Vec<&str> {
    s.fields.iter().filter(|f| f.required).map(|f| f.wire_name.as_str()).collect()
}

/// The definition a `TypeRef::Named` points at.
pub fn named<'a>(api: &'a Api, ty: &TypeRef) -> &'a TypeDef {
    match ty {
        TypeRef::Named(id) => api.type_def(*id),
        other => panic!("expected a named type, got {other:?}"),
    }
}

pub fn string() -> TypeRef {
    TypeRef::Primitive(Primitive::String(StringFormat::Plain))
}

pub fn string_fmt(format: StringFormat) -> TypeRef {
    TypeRef::Primitive(Primitive::String(format))
}

pub fn integer(format: IntegerFormat) -> TypeRef {
    TypeRef::Primitive(Primitive::Integer(format))
}

pub fn number(format: NumberFormat) -> TypeRef {
    TypeRef::Primitive(Primitive::Number(format))
}

pub fn boolean() -> TypeRef {
    TypeRef::Primitive(Primitive::Boolean)
}

pub fn array(inner: TypeRef) -> TypeRef {
    TypeRef::Array(Box::new(inner))
}

pub fn map(inner: TypeRef) -> TypeRef {
    TypeRef::Map(Box::new(inner))
}

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield", "_",
];

/// Whether `name` can be printed as a plain (non-raw) Rust identifier.
pub fn is_valid_ident(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else { return false };
    (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&name)
}

fn check_namespace<'a>(what: &str, names: impl IntoIterator<Item = &'a Ident>) {
    let mut seen = HashSet::new();
    for name in names {
        assert!(is_valid_ident(name.as_str()), "{what}: `{name}` is not a valid identifier");
        assert!(seen.insert(name.as_str()), "{what}: `{name}` is used twice");
    }
}

/// Every identifier in the IR is valid and unique within its namespace.
pub fn check_idents(api: &Api) {
    check_namespace(
        "client methods",
        api.operations.iter().map(|o| &o.name).chain(api.security_schemes.iter().map(|s| &s.name)),
    );
    check_namespace("request builders", api.operations.iter().map(|o| &o.type_name));
    check_namespace("types", api.types.iter().map(|t| &t.name));
    for op in &api.operations {
        check_namespace(
            &format!("parameters of `{}`", op.name),
            op.parameters.iter().map(|p| &p.name).chain(op.body.iter().map(|b| &b.name)),
        );
        for r in &op.responses {
            check_namespace(&format!("headers of `{}` {:?}", op.name, r.status), r.headers.iter().map(|h| &h.name));
        }
    }
    for (i, t) in api.types.iter().enumerate() {
        assert_eq!(t.id.0, i, "type `{}` has id {:?} at index {i}", t.name, t.id);
        match &t.kind {
            TypeKind::Struct(s) => check_namespace(
                &format!("fields of `{}`", t.name),
                s.fields.iter().map(|f| &f.name).chain(s.additional_properties.iter().map(|a| &a.name)),
            ),
            TypeKind::Enum(e) => {
                check_namespace(&format!("variants of `{}`", t.name), e.variants.iter().map(|v| &v.name))
            }
            TypeKind::Alias(_) | TypeKind::Newtype(_) => {}
        }
    }
}

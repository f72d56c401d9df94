//! `$ref`s of every kind: definitions, parameters, responses, path items, pointer escapes and other files.

mod common;

use common::*;
use swagger2rs_parser::ir::{IntegerFormat, ParamLocation, StatusCode, TypeKind, TypeRef};

const ROOT: &str = "refs/root.yaml";

#[test]
fn refs_lower_without_diagnostics() {
    load_clean(ROOT);
}

#[test]
fn parameter_refs_and_path_level_refs() {
    let api = load_clean(ROOT);
    let get = op(&api, "get_pet");
    let params: Vec<(&str, &str, ParamLocation, bool)> =
        get.parameters.iter().map(|p| (p.wire_name.as_str(), p.name.as_str(), p.location, p.required)).collect();
    assert_eq!(
        params,
        [
            ("petId", "pet_id", ParamLocation::Path, true),
            ("limit", "limit", ParamLocation::Query, false),
            ("escaped", "escaped", ParamLocation::Query, false),
            ("braced", "braced", ParamLocation::Header, false),
        ]
    );
    assert_eq!(param(get, "petId").ty, integer(IntegerFormat::Int64));
    assert_eq!(param(get, "limit").ty, integer(IntegerFormat::Int32));
    assert_eq!(param(get, "escaped").ty, string());
    assert_eq!(param(get, "braced").ty, boolean());
}

#[test]
fn definition_and_response_refs() {
    let api = load_clean(ROOT);
    let get = op(&api, "get_pet");
    let statuses: Vec<StatusCode> = get.responses.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [StatusCode::Code(200), StatusCode::Code(404), StatusCode::Default]);

    let ok = response(get, StatusCode::Code(200));
    assert_eq!(ok.description, "the pet");
    let pet = named(&api, ok.ty.as_ref().unwrap());
    assert_eq!(pet.id, def(&api, "Pet").id);
    assert_eq!(pet.name.as_str(), "Pet");

    // `#/responses/NotFound`: its description and its schema (a ref into another file) are used.
    let not_found = response(get, StatusCode::Code(404));
    assert_eq!(not_found.description, "not found");
    let error = named(&api, not_found.ty.as_ref().unwrap());
    assert_eq!(error.definition.as_deref(), Some("Error"));
    // `Error` is reserved in the generated crate.
    assert_eq!(error.name.as_str(), "Error_");
    assert!(error.location.file.ends_with("refs/common.yaml"), "{}", error.location.file.display());
    assert_eq!(error.location.pointer.as_str(), "/definitions/Error");
    let fields = as_struct(error);
    assert_eq!(wire_names(fields), ["code", "message"]);
    assert_eq!(required_names(fields), ["code"]);
    assert_eq!(field(fields, "code").ty, integer(IntegerFormat::Int32));

    // The same target reached by another `$ref` is the same type.
    let default = response(get, StatusCode::Default);
    assert_eq!(default.ty, Some(TypeRef::Named(error.id)));
    assert_eq!(api.types.iter().filter(|t| t.definition.as_deref() == Some("Error")).count(), 1);
}

#[test]
fn json_pointer_escapes() {
    let api = load_clean(ROOT);
    let get = op(&api, "get_escapes");
    let target = |code: u16| named(&api, response(get, StatusCode::Code(code)).ty.as_ref().unwrap());
    // `~1` is `/`, `~0` is `~`, and percent-encoding is decoded before the pointer is read.
    for (code, definition, name) in
        [(200, "a/b", "AB"), (201, "c~d", "CD"), (202, "My Type", "MyType"), (203, "{weird}", "Weird")]
    {
        let t = target(code);
        assert_eq!(t.definition.as_deref(), Some(definition), "{code}");
        assert_eq!(t.name.as_str(), name, "{code}");
        // The referenced definition is the declared one, not a second copy.
        assert_eq!(t.id, def(&api, definition).id, "{code}");
    }
    assert_eq!(as_alias(def(&api, "{weird}")), &string());
    assert_eq!(def(&api, "a/b").location.pointer.as_str(), "/definitions/a~1b");
    assert_eq!(def(&api, "c~d").location.pointer.as_str(), "/definitions/c~0d");
    // A ref inside a definition to an escaped name.
    let pet = struct_of(&api, "Pet");
    assert_eq!(field(pet, "tags").ty, array(TypeRef::Named(def(&api, "a/b").id)));
}

#[test]
fn refs_into_other_files_are_relative_to_the_referring_file() {
    let api = load_clean(ROOT);
    let chain = op(&api, "get_chain");
    let a = named(&api, chain.responses[0].ty.as_ref().unwrap());
    assert_eq!(a.definition.as_deref(), Some("A"));
    assert!(a.location.file.ends_with("refs/sub/a.yaml"), "{}", a.location.file.display());

    let a_fields = as_struct(a);
    assert_eq!(wire_names(a_fields), ["b", "local"]);
    // `deeper/b.yaml` relative to `sub/`.
    let b = named(&api, &field(a_fields, "b").ty);
    assert_eq!(b.definition.as_deref(), Some("B"));
    assert!(b.location.file.ends_with("refs/sub/deeper/b.yaml"), "{}", b.location.file.display());
    // `#/definitions/ALocal` inside sub/a.yaml is in sub/a.yaml.
    let local = named(&api, &field(a_fields, "local").ty);
    assert_eq!(local.definition.as_deref(), Some("ALocal"));
    assert!(local.location.file.ends_with("refs/sub/a.yaml"));
    assert!(matches!(local.kind, TypeKind::Enum(_)));

    // `../../common.yaml` from sub/deeper/ is the same file the root refers to as `common.yaml`.
    let b_fields = as_struct(b);
    let error = named(&api, &field(b_fields, "error").ty);
    let root_error = named(&api, response(op(&api, "get_pet"), StatusCode::Default).ty.as_ref().unwrap());
    assert_eq!(error.id, root_error.id);
}

#[test]
fn path_item_refs() {
    let api = load_clean(ROOT);

    // An internal path-item ref: the operation keeps the path it is mounted at.
    let shared = op(&api, "get_shared");
    assert_eq!(shared.path, "/shared-item");
    assert_eq!(shared.location.pointer.as_str(), "/x-path-items/shared/get");
    assert_eq!(param(shared, "limit").ty, integer(IntegerFormat::Int32));
    assert_eq!(response(shared, StatusCode::Code(200)).ty, Some(TypeRef::Named(def(&api, "Pet").id)));

    // A path item in another file, whose own refs are relative to that file.
    let items = op(&api, "list_items");
    assert_eq!(items.path, "/external-item");
    assert!(items.location.file.ends_with("refs/paths/items.yaml"), "{}", items.location.file.display());
    assert_eq!(items.location.pointer.as_str(), "/get");
    assert_eq!(param(items, "q").ty, string());
    let ty = response(items, StatusCode::Code(200)).ty.clone().unwrap();
    let TypeRef::Array(inner) = ty else { panic!("expected an array, got {ty:?}") };
    let item = named(&api, &inner);
    // A whole-file schema is named after its file.
    assert_eq!(item.name.as_str(), "Item");
    assert!(item.location.file.ends_with("refs/paths/item.yaml"));
    assert_eq!(wire_names(as_struct(item)), ["sku"]);
}

#[test]
fn operations_keep_document_order() {
    let api = load_clean(ROOT);
    let names: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["get_pet", "get_escapes", "get_chain", "get_shared", "list_items"]);
}

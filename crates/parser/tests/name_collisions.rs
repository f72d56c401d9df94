//! Spec names equal to names the generated code adds itself (`spec/fixtures/name_collisions.yaml`): the spec's
//! names yield, with the `_` escape of reserved names, so the generated crate compiles (checked by the
//! workspace build of `generated/name_collisions`).

mod common;

use common::*;
use swagger2rs_parser::ir::{Api, TypeKind};

fn load() -> Api {
    let path = crate_dir().join("../../spec/fixtures/name_collisions.yaml");
    let loaded = swagger2rs_parser::load(&path);
    assert!(loaded.diagnostics.is_empty(), "{}", show(&loaded.diagnostics.into_vec()));
    let api = loaded.api.expect("a Swagger 2.0 document");
    check_idents(&api);
    api
}

fn variants<'a>(api: &'a Api, definition: &str) -> Vec<&'a str> {
    as_enum(def(api, definition)).variants.iter().map(|v| v.name.as_str()).collect()
}

#[test]
fn enum_values_named_other_yield_to_the_fallback_variant() {
    let api = load();
    assert_eq!(variants(&api, "Colour"), ["Red", "Other_", "Other2"], "`Other` holds the values not listed");
    assert_eq!(variants(&api, "Size"), ["Small", "Other_"], "`x-enum-varnames` yield too");
    let kind = as_enum(named(&api, &param(op(&api, "new_"), "kind").ty));
    let names: Vec<&str> = kind.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Other_", "Other2", "Known"], "an inline parameter enum too");
}

#[test]
fn models_named_like_type_parameters_keep_their_names() {
    let api = load();
    let names: Vec<&str> = ["A", "D", "S"].iter().map(|d| def(&api, d).name.as_str()).collect();
    assert_eq!(names, ["A", "D", "S"], "the generated serde impls' type parameters are never spec names");
}

#[test]
fn the_builder_s_own_methods_and_the_map_of_unknown_keys_do_not_take_spec_names() {
    let api = load();
    let list = op(&api, "list_shapes");
    let params: Vec<&str> = list.parameters.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(params, ["pager_", "stream_", "send_"], "a paged builder has `pager`, `stream` and `send` itself");
    assert!(list.pagination.is_some());
    let extra = struct_of(&api, "Extra");
    assert_eq!(rust_names(extra), ["additional_properties"]);
    let map = extra.additional_properties.as_ref().expect("a map of unknown keys");
    assert_eq!(map.name.as_str(), "additional_properties_2", "the generated field yields to the spec's");
}

#[test]
fn a_discriminated_child_named_other_keeps_its_type_name() {
    let api = load();
    assert_eq!(def(&api, "Other").name.as_str(), "Other", "the variant is named in the emitter, the type is not");
    let TypeKind::Struct(shape) = &def(&api, "Shape").kind else { panic!("a struct") };
    let tags: Vec<&str> = shape.discriminator.as_ref().unwrap().mapping.iter().map(|(tag, _)| tag.as_str()).collect();
    assert_eq!(tags, ["Circle", "Other"]);
}

#[test]
fn the_client_s_own_methods_do_not_take_operation_or_credential_names() {
    let api = load();
    assert!(api.operations.iter().any(|o| o.name.as_str() == "new_"), "operationId `new`");
    let setters: Vec<&str> = api.security_schemes.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(setters, ["with_timeout_"], "the scheme `timeout` beside `Client::with_timeout`");
}

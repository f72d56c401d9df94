//! Tags become groups: one per distinct tag, named once (feature, client accessor, struct), and each
//! operation knows its groups and its method name inside its first group.

mod common;

use swagger2rs_parser::ir::{Api, GroupId};

fn tags_fixture() -> Api {
    let path = common::crate_dir().join("../../spec/fixtures/tags.yaml");
    let loaded = swagger2rs_parser::load(&path);
    assert!(loaded.diagnostics.into_vec().is_empty());
    loaded.api.expect("the tags fixture lowers")
}

#[test]
fn groups_are_named_once_in_first_use_order_with_collisions_numbered() {
    let api = tags_fixture();
    let names: Vec<(&str, &str, &str, &str)> = api
        .groups
        .iter()
        .map(|g| (g.tag.as_str(), g.feature.as_str(), g.method.as_str(), g.type_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("pets", "pets", "pets", "Pets"),
            ("admin", "admin", "admin", "Admin"),
            ("Store Orders", "store_orders", "store_orders", "StoreOrders"),
            ("store_orders", "store_orders_2", "store_orders_2", "StoreOrders2"),
            // `full` is the crate's all-on feature, so the tag's feature steps aside.
            ("full", "full_", "full", "Full"),
        ]
    );
    assert_eq!(api.groups[0].description.as_deref(), Some("Everything about pets."));
    assert_eq!(api.groups[1].description, None);
}

#[test]
fn operations_know_their_groups_and_their_name_inside_the_first() {
    let api = tags_fixture();
    let list = common::op(&api, "list_pets");
    assert_eq!((list.groups.as_slice(), list.group_method.as_str()), ([GroupId(0)].as_slice(), "list"));
    let two_tags = common::op(&api, "get_pet_by_id");
    assert_eq!(two_tags.groups, [GroupId(0), GroupId(1)]);
    // "pet" is not the group's word "pets": the name stays whole.
    assert_eq!(two_tags.group_method.as_str(), "get_pet_by_id");
    let untagged = common::op(&api, "health");
    assert!(untagged.groups.is_empty());
    assert_eq!(untagged.group_method.as_str(), "health");
}

#[test]
fn a_group_named_like_an_operation_yields_to_it() {
    let spec = r#"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {
        "/a": {"get": {"operationId": "pets", "responses": {"200": {"description": "ok"}}}},
        "/b": {"get": {"operationId": "listPets", "tags": ["pets"], "responses": {"200": {"description": "ok"}}}}}}"#;
    let sources = swagger2rs_parser::Sources::from_text("spec.json", spec.to_owned()).expect("loads");
    let loaded = swagger2rs_parser::lower(&sources);
    assert!(loaded.diagnostics.into_vec().is_empty());
    let api = loaded.api.expect("lowers");
    assert_eq!((api.groups[0].feature.as_str(), api.groups[0].method.as_str()), ("pets", "pets_2"));
}

#[test]
fn group_words_are_stripped_only_as_whole_words() {
    use swagger2rs_parser::naming::strip_group_words;
    assert_eq!(strip_group_words("list_core_v1_namespaced_pod", "core_v1").as_deref(), Some("list_namespaced_pod"));
    assert_eq!(strip_group_words("list_pets", "pets").as_deref(), Some("list"));
    assert_eq!(strip_group_words("pets", "pets"), None);
    assert_eq!(strip_group_words("list_petsv2", "pets"), None);
    assert_eq!(strip_group_words("read_x_status", "x").as_deref(), Some("read_status"));
    // What is left must be an identifier: no leading digit, no keyword.
    assert_eq!(strip_group_words("pets_2fa", "pets"), None);
    assert_eq!(strip_group_words("pets_type", "pets"), None);
}

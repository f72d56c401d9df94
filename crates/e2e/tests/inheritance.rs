//! `allOf` hierarchies on the wire: a parent too big to copy is a flattened field, so its properties sit
//! beside the child's own in one JSON object, both ways; a small parent's fields are copied.

mod common;

use inheritance::Client;
use inheritance::types::{Both, Entity, Open, OpenChild, Redefined, SmallChild, Tracked};
use swagger2rs_e2e::{Response, Server};

fn entity() -> Entity {
    Entity { p1: Some("one".to_owned()), p32: Some("thirty-two".to_owned()), ..Entity::new("e-1") }
}

#[tokio::test]
async fn a_composed_parent_is_sent_and_read_as_one_flat_object() {
    let answer = r#"{"id":"e-1","p2":"two","location":"here","left":1,"right":2}"#;
    let server = Server::fixed(Response::new(200).json(answer));
    let client = Client::with_http_client(server.url(), common::http());
    let tracked = Tracked { tags: Some([("k".to_owned(), "v".to_owned())].into()), ..Tracked::new(entity(), "here") };
    let both = client.put_tracked(tracked).send().await.unwrap().into_body();

    let sent: serde_json::Value = serde_json::from_slice(&server.single_request().body).unwrap();
    let expected =
        serde_json::json!({"id": "e-1", "p1": "one", "p32": "thirty-two", "location": "here", "tags": {"k": "v"}});
    assert_eq!(sent, expected);
    let reached = Entity { p2: Some("two".to_owned()), ..Entity::new("e-1") };
    assert_eq!(both, Both { left: Some(1), right: Some(2), ..Both::new(reached, "here") });
}

#[test]
fn a_missing_required_parent_property_is_an_error() {
    let error = serde_json::from_str::<Tracked>(r#"{"location":"here"}"#).unwrap_err();
    assert!(error.to_string().contains("missing field `id`"), "{error}");
}

#[test]
fn a_child_redefining_a_parent_property_copies_the_parent_and_its_definition_wins() {
    let value: Redefined = serde_json::from_str(r#"{"id":"r","p1":7,"p2":"two"}"#).unwrap();
    assert_eq!((value.id.as_str(), value.p1, value.p2.as_deref()), ("r", Some(7), Some("two")));
}

#[test]
fn unknown_keys_of_a_composed_child_go_to_the_parents_map_once() {
    let text = r#"{"id":"o","child":true,"extra":5}"#;
    let value: OpenChild = serde_json::from_str(text).unwrap();
    assert_eq!(value.child, Some(true));
    let open =
        Open { id: Some("o".to_owned()), additional_properties: [("extra".to_owned(), 5)].into(), ..Open::default() };
    assert_eq!(value.open, open);
    let written: serde_json::Value = serde_json::to_value(&value).unwrap();
    assert_eq!(written, serde_json::json!({"id": "o", "child": true, "extra": 5}));
}

#[test]
fn a_small_parents_fields_are_copied_into_the_child() {
    let value: SmallChild = serde_json::from_str(r#"{"name":"n","size":3,"colour":"red"}"#).unwrap();
    assert_eq!((value.name.as_str(), value.size, value.colour.as_deref()), ("n", Some(3), Some("red")));
}

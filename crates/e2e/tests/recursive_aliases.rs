//! Definitions that contain themselves without an object in between (`Tree = [Tree]`): generated as
//! transparent newtypes, so the crate compiles and the values are plain JSON on the wire.

mod common;

use std::collections::BTreeMap;

use recursive_aliases::Client;
use recursive_aliases::types::{Forest, Grove, JsonValue, Leaf, Tree};
use swagger2rs_e2e::{Response, Server};

#[tokio::test]
async fn a_tree_of_nested_lists_is_sent_and_read_as_plain_json() {
    let server = Server::fixed(Response::new(200).json(r#"{"oaks":[{"old":[]}],"none":[]}"#));
    let client = Client::with_http_client(server.url(), common::http());
    let tree = Tree(vec![Tree(vec![]), Tree(vec![Tree(vec![])])]);
    let forest = client.put_tree(tree).send().await.unwrap().into_body();
    assert_eq!(server.single_request().body, b"[[],[[]]]");
    let old = Forest(BTreeMap::new());
    let expected = Forest(BTreeMap::from([
        ("none".to_owned(), Grove(vec![])),
        ("oaks".to_owned(), Grove(vec![Forest(BTreeMap::from([("old".to_owned(), Grove(vec![]))]))])),
    ]));
    assert_eq!(forest, expected);
    assert_ne!(forest, old);
}

#[test]
fn a_map_of_itself_round_trips_and_plain_aliases_stay_aliases() {
    let value: JsonValue = serde_json::from_str(r#"{"a":{"b":{}}}"#).unwrap();
    assert_eq!(serde_json::to_string(&value).unwrap(), r#"{"a":{"b":{}}}"#);
    let leaf: Leaf = vec!["x".to_owned()];
    assert_eq!(leaf.len(), 1);
}

//! `null` where the spec declares an array or a map (`spec/fixtures/go_nulls.yaml`), as every Go server sends
//! for an empty slice or map: the default client (`go_nulls`) reads it as empty in required fields (of
//! written and derived models, and of items inside arrays) and whole bodies, and as `None` in optional
//! fields; the client generated with `[types] nulls = "strict"` (`go_nulls_strict`) refuses it with
//! `Error::InvalidBody`. A `null` for a required scalar or object is an error in both.

mod common;

use std::collections::BTreeMap;

use swagger2rs_e2e::{Response, Server};

fn lenient(server: &Server) -> go_nulls::Client {
    go_nulls::Client::with_http_client(server.url(), common::http())
}

fn strict(server: &Server) -> go_nulls_strict::Client {
    go_nulls_strict::Client::with_http_client(server.url(), common::http())
}

/// A server answering every request with `status` and the JSON text `body`.
fn serve(status: u16, body: &str) -> Server {
    Server::fixed(Response::new(status).json(body))
}

/// The decoder's message of an `Error::InvalidBody`, failing the test on any other outcome.
fn invalid_body<T: std::fmt::Debug, E: std::fmt::Debug>(
    result: Result<go_nulls_strict::ResponseValue<T>, go_nulls_strict::Error<E>>,
) -> String {
    match result {
        Err(go_nulls_strict::Error::InvalidBody { message, .. }) => message,
        other => panic!("expected InvalidBody, got {other:?}"),
    }
}

/// The same for the lenient client.
fn lenient_invalid_body<T: std::fmt::Debug, E: std::fmt::Debug>(
    result: Result<go_nulls::ResponseValue<T>, go_nulls::Error<E>>,
) -> String {
    match result {
        Err(go_nulls::Error::InvalidBody { message, .. }) => message,
        other => panic!("expected InvalidBody, got {other:?}"),
    }
}

const IMAGES: &str = r#"[{"Id":"sha256:1","Size":10,"RepoTags":null,"RepoDigests":null,"Labels":null,"Aliases":null,"Tags":null},
    {"Id":"sha256:2","Size":20,"RepoTags":["web:1"],"RepoDigests":[],"Labels":{"a":"b"},"Tags":["x"]}]"#;

#[tokio::test]
async fn required_arrays_and_maps_of_items_in_an_array_body() {
    let server = serve(200, IMAGES);
    let images = lenient(&server).list_images().send().await.expect("decodes").into_body();
    let first = &images[0];
    assert_eq!((first.id.as_str(), first.size), ("sha256:1", 10));
    assert!(first.repo_tags.is_empty() && first.repo_digests.is_empty() && first.labels.is_empty());
    assert!(first.tags.is_empty(), "a required field declared through an alias of an array");
    assert_eq!(first.aliases, None, "an optional array: null is None");
    assert_eq!((images[1].repo_tags.clone(), images[1].labels["a"].as_str()), (vec!["web:1".to_owned()], "b"));

    let message = invalid_body(strict(&server).list_images().send().await);
    assert!(message.starts_with("invalid type: null, expected a sequence"), "{message}");
}

#[tokio::test]
async fn an_image_history_with_untagged_layers() {
    let server = serve(200, r#"[{"Id":"a","Tags":null},{"Id":"b","Tags":["latest"]}]"#);
    let history = lenient(&server).image_history("web").send().await.expect("decodes").into_body();
    assert_eq!(history.iter().map(|h| h.tags.len()).collect::<Vec<_>>(), [0, 1]);
    let message = invalid_body(strict(&server).image_history("web").send().await);
    assert!(message.starts_with("invalid type: null, expected a sequence"), "{message}");
}

#[tokio::test]
async fn a_whole_array_body_of_null_or_nothing_is_empty() {
    for body in ["null", ""] {
        let server = serve(200, body);
        let changes = lenient(&server).container_changes("c1").send().await.expect("decodes").into_body();
        assert!(changes.is_empty(), "{body:?}");
        let message = invalid_body(strict(&server).container_changes("c1").send().await);
        assert!(message.starts_with("invalid type: null, expected a sequence"), "{body:?}: {message}");
    }
}

#[tokio::test]
async fn a_map_body_and_an_alias_body_of_null_are_empty() {
    let server = serve(200, "null");
    let labels: BTreeMap<String, String> = lenient(&server).engine_labels().send().await.expect("map").into_body();
    assert!(labels.is_empty());
    let tags: go_nulls::types::TagList = lenient(&server).list_tags().send().await.expect("alias").into_body();
    assert!(tags.is_empty());
    let message = invalid_body(strict(&server).engine_labels().send().await);
    assert!(message.starts_with("invalid type: null, expected a map"), "{message}");
    let message = invalid_body(strict(&server).list_tags().send().await);
    assert!(message.starts_with("invalid type: null, expected a sequence"), "{message}");
}

#[tokio::test]
async fn a_success_variant_holding_an_array_reads_null_as_empty() {
    let server = serve(200, "null");
    let top = lenient(&server).container_top("c1").send().await.expect("decodes").into_body();
    assert_eq!(top, go_nulls::types::ContainerTopSuccess::Status200(Vec::new()));
    let message = invalid_body(strict(&server).container_top("c1").send().await);
    assert!(message.starts_with("invalid type: null, expected a sequence"), "{message}");
}

#[tokio::test]
async fn an_error_body_declared_as_an_array_reads_null_as_empty() {
    let server = serve(409, "null");
    match lenient(&server).prune_volumes().send().await {
        Err(go_nulls::Error::ErrorResponse(response)) => assert!(response.body().is_empty()),
        other => panic!("expected ErrorResponse, got {other:?}"),
    }
    let message = invalid_body(strict(&server).prune_volumes().send().await);
    assert!(message.starts_with("invalid type: null, expected a sequence"), "{message}");
}

const VOLUME: &str =
    r#"{"Name":"v","Options":null,"Labels":null,"Status":null,"Mountpoints":null,"UsageData":{"Size":1}}"#;

#[tokio::test]
async fn volume_maps_of_null_when_inspected_created_and_listed() {
    let server = serve(200, VOLUME);
    let volume = lenient(&server).inspect_volume("v").send().await.expect("decodes").into_body();
    assert!(volume.options.is_empty() && volume.labels.is_empty());
    assert_eq!(volume.status, None, "an optional map: null is None");
    assert_eq!(volume.mountpoints, None, "required and x-nullable: null stays None");
    let message = invalid_body(strict(&server).inspect_volume("v").send().await);
    assert!(message.starts_with("invalid type: null, expected a map"), "{message}");

    let server = serve(201, VOLUME);
    let created = lenient(&server).create_volume(Default::default()).send().await.expect("decodes").into_body();
    assert_eq!(created, volume);
    let message = invalid_body(strict(&server).create_volume(Default::default()).send().await);
    assert!(message.starts_with("invalid type: null, expected a map"), "{message}");

    let server = serve(200, &format!(r#"{{"Volumes":[{VOLUME}],"Warnings":null}}"#));
    let list = lenient(&server).list_volumes().send().await.expect("decodes").into_body();
    assert_eq!((list.volumes, list.warnings), (vec![volume], None));
    let message = invalid_body(strict(&server).list_volumes().send().await);
    assert!(message.starts_with("invalid type: null, expected a map"), "{message}");

    let server = serve(200, r#"{"Volumes":null}"#);
    assert!(lenient(&server).list_volumes().send().await.expect("decodes").volumes.is_empty());
    let message = invalid_body(strict(&server).list_volumes().send().await);
    assert!(message.starts_with("invalid type: null, expected a sequence"), "{message}");
}

/// `Network` keeps serde's derive (unknown keys go to a flattened map): its required array and map read
/// `null` as empty through `runtime::de::null_as_empty`, and the written `EndpointResource` inside the map too.
#[tokio::test]
async fn a_model_that_keeps_the_derive() {
    let body = r#"{"Name":"n","Containers":{"c1":{"Name":"web","Aliases":null}},"Subnets":null,"Options":null,"Driver":"bridge"}"#;
    let server = serve(200, body);
    let network = lenient(&server).inspect_network("n").send().await.expect("decodes").into_body();
    assert!(network.subnets.is_empty());
    assert!(network.containers["c1"].aliases.is_empty());
    assert_eq!(network.options, None);
    assert_eq!(network.additional_properties["Driver"], "bridge");
    let message = invalid_body(strict(&server).inspect_network("n").send().await);
    assert!(message.starts_with("invalid type: null, expected a sequence"), "{message}");

    let server = serve(200, r#"{"Name":"n","Containers":null,"Subnets":[]}"#);
    assert!(lenient(&server).inspect_network("n").send().await.expect("decodes").containers.is_empty());
    let message = invalid_body(strict(&server).inspect_network("n").send().await);
    assert!(message.starts_with("invalid type: null, expected a map"), "{message}");
}

#[tokio::test]
async fn null_for_a_required_scalar_or_object_is_an_error_in_both_modes() {
    let scalar = r#"[{"Id":"a","Size":null,"RepoTags":[],"RepoDigests":[],"Labels":{},"Tags":[]}]"#;
    let server = serve(200, scalar);
    let message = lenient_invalid_body(lenient(&server).list_images().send().await);
    assert!(message.starts_with("invalid type: null, expected i64"), "{message}");
    let message = invalid_body(strict(&server).list_images().send().await);
    assert!(message.starts_with("invalid type: null, expected i64"), "{message}");

    let object = r#"{"Name":"v","Options":{},"Labels":{},"Mountpoints":[],"UsageData":null}"#;
    let server = serve(200, object);
    let message = lenient_invalid_body(lenient(&server).inspect_volume("v").send().await);
    assert!(message.starts_with("invalid type: null, expected struct UsageData"), "{message}");
    let message = invalid_body(strict(&server).inspect_volume("v").send().await);
    assert!(message.starts_with("invalid type: null, expected struct UsageData"), "{message}");

    let server = serve(200, r#"{"Name":null,"Containers":{},"Subnets":[]}"#);
    let message = lenient_invalid_body(lenient(&server).inspect_network("n").send().await);
    assert!(message.starts_with("invalid type: null, expected a string"), "{message}");
}

#[tokio::test]
async fn a_required_array_still_has_to_be_sent() {
    let server = serve(200, r#"[{"Id":"a","Tags":[]},{"Id":"b"}]"#);
    let message = lenient_invalid_body(lenient(&server).image_history("web").send().await);
    assert!(message.starts_with("missing field `Tags`"), "absent is not null: {message}");
}

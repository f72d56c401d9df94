//! Bodies that are a sequence of JSON values (`spec/fixtures/json_streams.yaml`): Docker's `/build` sends one
//! progress object per line on `application/json` and declares no schema; other operations declare
//! `application/x-ndjson`, `application/json-seq` or `application/jsonl`, with the schema as the item type.
//!
//! `send()` never fails on such a body for lack of a schema (untyped: an array of the values; declared
//! streams: a `Vec` of items), and `send_json_stream()` reads the items as they arrive, reading no chunk
//! before the items already read are taken. A bad item is an error item and the stream goes on with the next
//! one; an oversized item or a broken connection is the last item.

mod common;

use std::sync::Arc;
use std::time::Duration;

use json_streams::runtime::{JsonStreamError, StreamExt};
use json_streams::types::{ErrorResponse, EventMessage, Stats};
use json_streams::{Client, Error};
use serde_json::json;
use swagger2rs_e2e::{Response, Server};
use tokio::sync::Semaphore;

fn client(server: &Server) -> Client {
    Client::with_http_client(server.url(), common::http())
}

/// Fails a test that waits for the network longer than this, rather than hanging.
async fn bounded<F: std::future::Future>(future: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(10), future).await.expect("the test waited too long")
}

#[tokio::test]
async fn untyped_progress_is_read_item_by_item_as_the_server_sends_it() {
    let gate = Arc::new(Semaphore::new(0));
    let chunks = vec![
        b"{\"stream\":\"Step 1/3\"}\r\n".to_vec(),
        // Item 2 whole and the start of item 3, cut inside it.
        b"{\"stream\":\"Step 2/3\"}\r\n{\"aux\":".to_vec(),
        b"{\"ID\":\"sha256:abc\"}}\r\n".to_vec(),
    ];
    let server =
        Server::fixed(Response::new(200).header("Content-Type", "application/json").paced(chunks, Arc::clone(&gate)));
    let client = client(&server);
    bounded(async {
        let response = client.build_image().t("app:1").send_json_stream().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let mut items = response.into_body();
        // Only the first chunk has been sent: its item is read before the server sends the others.
        assert_eq!(items.next().await.unwrap().unwrap(), json!({"stream": "Step 1/3"}));
        gate.add_permits(1);
        assert_eq!(items.next().await.unwrap().unwrap(), json!({"stream": "Step 2/3"}));
        // Item 3 is cut short until the server sends the rest: the stream waits for it.
        let waited = tokio::time::timeout(Duration::from_millis(200), items.next()).await;
        assert!(waited.is_err(), "an item was yielded before the server sent it: {waited:?}");
        gate.add_permits(1);
        assert_eq!(items.next().await.unwrap().unwrap(), json!({"aux": {"ID": "sha256:abc"}}));
        assert!(items.next().await.is_none());
    })
    .await;
    assert_eq!(server.single_request().request_line, "POST /build?t=app%3A1 HTTP/1.1");
}

#[tokio::test]
async fn send_returns_an_untyped_stream_as_an_array_instead_of_failing() {
    let body = "{\"stream\":\"Step 1/2\"}\r\n{\"stream\":\"Step 2/2\"}\r\n";
    let server = Server::fixed(Response::new(200).json(body));
    let value = client(&server).build_image().send().await.unwrap().into_body();
    assert_eq!(value, json!([{"stream": "Step 1/2"}, {"stream": "Step 2/2"}]));
    // One document is still that document, and text that is not JSON is kept as a string.
    let server = Server::fixed(Response::new(200).json(r#"{"ok":true}"#));
    assert_eq!(client(&server).build_image().send().await.unwrap().into_body(), json!({"ok": true}));
    let server = Server::fixed(Response::new(200).header("Content-Type", "text/plain").body("OK"));
    assert_eq!(client(&server).build_image().send().await.unwrap().into_body(), json!("OK"));
}

#[tokio::test]
async fn typed_items_with_a_bad_one_in_the_middle() {
    let body = "{\"Type\":\"container\",\"Action\":\"start\"}\n{\"Type\":1}\nnot json\n\
                {\"Type\":\"image\",\"Action\":\"pull\",\"time\":5}\n";
    let server = Server::fixed(Response::new(200).header("Content-Type", "application/x-ndjson").body(body));
    let mut items = client(&server).system_events().send_json_stream().await.unwrap().into_body();
    let first: EventMessage = items.next_item().await.unwrap().unwrap();
    assert_eq!((first.type_.as_str(), first.action.as_str(), first.time), ("container", "start", None));
    match items.next_item().await.unwrap() {
        Err(JsonStreamError::InvalidItem { index: 1, message, .. }) => assert!(message.contains("invalid type")),
        other => panic!("expected item 1 to be invalid, got {other:?}"),
    }
    assert!(matches!(items.next_item().await.unwrap(), Err(JsonStreamError::InvalidItem { index: 2, .. })));
    let last = items.next_item().await.unwrap().unwrap();
    assert_eq!((last.type_.as_str(), last.time), ("image", Some(5)));
    assert!(items.next_item().await.is_none());
    // `send` reads the whole body as a `Vec` of items; a bad item fails it, naming the item.
    let server = Server::fixed(Response::new(200).body(body));
    match client(&server).system_events().send().await {
        Err(Error::InvalidBody { message, .. }) => assert!(message.starts_with("item 1: "), "{message}"),
        other => panic!("expected InvalidBody, got {other:?}"),
    }
    let server = Server::fixed(Response::new(200).body("{\"Type\":\"a\",\"Action\":\"b\"}\n"));
    let events: Vec<EventMessage> = client(&server).system_events().send().await.unwrap().into_body();
    assert_eq!(events.len(), 1);
    assert_eq!(server.single_request().header("accept"), Some("application/x-ndjson"));
}

#[tokio::test]
async fn json_seq_items_after_record_separators() {
    let body = b"\x1e{\"read\":\"t1\",\"pids\":3}\n\x1e{\"read\":\"t2\"}\n".to_vec();
    let server = Server::fixed(Response::new(200).header("Content-Type", "application/json-seq").body(body));
    let stats: Vec<Stats> = client(&server)
        .container_stats("c1")
        .send_json_stream()
        .await
        .unwrap()
        .into_body()
        .collect_items()
        .await
        .unwrap();
    assert_eq!(stats.iter().map(|s| (s.read.as_str(), s.pids)).collect::<Vec<_>>(), [("t1", Some(3)), ("t2", None)]);
    let untyped = Server::fixed(Response::new(200).body("{\"status\":\"Pulling\"}\n{\"status\":\"Done\"}\n"));
    let items: Vec<serde_json::Value> = client(&untyped).image_create().send().await.unwrap().into_body();
    assert_eq!(items, [json!({"status": "Pulling"}), json!({"status": "Done"})]);
}

#[tokio::test]
async fn error_statuses_decode_as_with_send() {
    let server = Server::fixed(Response::new(500).json(r#"{"message":"no space left"}"#));
    match client(&server).build_image().send_json_stream().await {
        Err(Error::ErrorResponse(response)) => {
            assert_eq!(response.status().as_u16(), 500);
            assert_eq!(response.into_body(), ErrorResponse { message: "no space left".to_owned() });
        }
        other => panic!("expected ErrorResponse, got {other:?}"),
    }
    let server = Server::fixed(Response::new(500).json(r#"{"message":"down"}"#));
    match client(&server).system_events().send_json_stream().await {
        Err(Error::ErrorResponse(response)) => assert_eq!(response.body().message, "down"),
        other => panic!("expected ErrorResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn an_oversized_item_or_a_broken_body_is_the_last_item() {
    let body = format!("{{\"a\":1}}\n{{\"big\":\"{}\"}}\n{{\"b\":2}}\n", "x".repeat(64));
    let server = Server::fixed(Response::new(200).json(&body));
    let stream = client(&server).build_image().send_json_stream().await.unwrap().into_body();
    let items: Vec<_> = stream.max_item_len(32).collect().await;
    assert_eq!(items.len(), 2);
    assert_eq!(*items[0].as_ref().unwrap(), json!({"a": 1}));
    assert!(matches!(items[1], Err(JsonStreamError::ItemTooLarge { index: 1, limit: 32 })));
    // The server announces more than it sends, then closes the connection.
    let server = Server::fixed(Response::new(200).json("{\"a\":1}\n{\"b\":").declared_length(100));
    let mut stream = client(&server).build_image().send_json_stream().await.unwrap().into_body();
    assert_eq!(stream.next().await.unwrap().unwrap(), json!({"a": 1}));
    let err = stream.next().await.unwrap().unwrap_err();
    assert!(matches!(err, JsonStreamError::Transport(_)), "{err:?}");
    assert!(stream.next().await.is_none());
}

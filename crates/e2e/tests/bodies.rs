//! The bodies fixture (`spec/fixtures/bodies.yaml`): each request body is sent in the encoding and with the
//! `Content-Type` its media type and schema call for, and each response body decodes as its media type says.

mod common;

use bodies::Client;
use bodies::types::{Document, PatchDocumentSuccess};
use swagger2rs_e2e::{RecordedRequest, Response, Server};

fn client(server: &Server) -> Client {
    Client::with_http_client(format!("{}/v1", server.url()), common::http())
}

fn sent(server: &Server) -> RecordedRequest {
    server.single_request()
}

#[tokio::test]
async fn a_base64_string_in_an_octet_stream_body_is_sent_as_the_raw_bytes() {
    let server = Server::fixed(Response::new(204));
    let bytes: &[u8] = &[0, 159, 146, 150, b'"'];
    let value = client(&server).put_base64_blob(bytes.to_vec()).send().await.unwrap();
    assert_eq!(value.status().as_u16(), 204);
    let request = sent(&server);
    assert_eq!(request.request_line, "PUT /v1/blobs/base64 HTTP/1.1");
    assert_eq!(request.header("content-type"), Some("application/octet-stream"));
    assert_eq!(request.body, bytes, "the bytes themselves, not a JSON string of their base64");
}

#[tokio::test]
async fn a_binary_string_prefers_the_octet_stream_type_over_json() {
    let server = Server::fixed(Response::new(204));
    client(&server).put_binary_blob(&b"\x01\x02"[..]).send().await.unwrap();
    let request = sent(&server);
    assert_eq!(request.header("content-type"), Some("application/octet-stream"));
    assert_eq!(request.body, b"\x01\x02");
}

#[tokio::test]
async fn a_file_body_without_consumes_is_octet_stream() {
    let server = Server::fixed(Response::new(204));
    client(&server).put_file_blob(&b"file"[..]).send().await.unwrap();
    let request = sent(&server);
    assert_eq!(request.header("content-type"), Some("application/octet-stream"));
    assert_eq!(request.body, b"file");
}

#[tokio::test]
async fn a_binary_octet_stream_response_decodes_as_bytes() {
    let server =
        Server::fixed(Response::new(200).header("Content-Type", "application/octet-stream").body(vec![0, 255]));
    let value = client(&server).get_blob("a b").send().await.unwrap();
    assert_eq!(value.body().as_ref(), [0, 255]);
    let request = sent(&server);
    assert_eq!(request.request_line, "GET /v1/blobs/a%20b HTTP/1.1");
    assert_eq!(request.header("accept"), Some("application/octet-stream"));
}

#[tokio::test]
async fn a_text_body_is_sent_as_text_with_its_media_type() {
    let server = Server::fixed(Response::new(200).header("Content-Type", "text/plain").body("stored: ü"));
    let value = client(&server).post_note("ü \"quoted\"").send().await.unwrap();
    assert_eq!(value.body(), "stored: ü");
    let request = sent(&server);
    assert_eq!(request.header("content-type"), Some("text/plain; charset=utf-8"));
    assert_eq!(request.header("accept"), Some("text/plain"));
    assert_eq!(request.body, "ü \"quoted\"".as_bytes());
}

#[tokio::test]
async fn json_is_chosen_when_the_spec_lists_it_after_xml() {
    let server = Server::fixed(Response::new(201).json(r#"{"title":"t","pages":2}"#));
    let document = Document { title: Some("t".into()), pages: Some(2) };
    let value = client(&server).post_document(document.clone()).send().await.unwrap();
    assert_eq!(*value.body(), document);
    let request = sent(&server);
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.body, br#"{"title":"t","pages":2}"#);
}

/// The spec lists only XML: the client warns at generation time, sends JSON and keeps the answer as bytes.
#[tokio::test]
async fn an_xml_only_operation_sends_json_and_returns_bytes() {
    let xml = "<document><title>t</title></document>";
    let server = Server::fixed(Response::new(201).header("Content-Type", "application/xml").body(xml));
    let document = Document { title: Some("t".into()), pages: None };
    let value = client(&server).post_xml_document(document).send().await.unwrap();
    assert_eq!(value.body().as_ref(), xml.as_bytes());
    let request = sent(&server);
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("accept"), Some("application/xml"));
    assert_eq!(request.body, br#"{"title":"t"}"#);
}

#[tokio::test]
async fn a_merge_patch_body_keeps_its_media_type_and_204_is_empty() {
    let server = Server::fixed(Response::new(204));
    let patch = Document { title: None, pages: Some(3) };
    let value = client(&server).patch_document("d1", patch).send().await.unwrap();
    assert_eq!(*value.body(), PatchDocumentSuccess::Status204);
    let request = sent(&server);
    assert_eq!(request.request_line, "PATCH /v1/documents/d1 HTTP/1.1");
    assert_eq!(request.header("content-type"), Some("application/merge-patch+json"));
    assert_eq!(request.body, br#"{"pages":3}"#);
}

//! `type: file` inside JSON schemas (properties, array items), where Swagger 2.0 only allows it for formData:
//! read as base64 strings (the only way a file fits in JSON), with a warning at generation time, so the crate
//! compiles and such documents decode.

mod common;

use file_schemas::Client;
use file_schemas::runtime::Base64;
use file_schemas::types::Attachment;
use swagger2rs_e2e::{Response, Server};

#[tokio::test]
async fn files_in_json_documents_are_base64_strings() {
    let server = Server::fixed(Response::new(200).json(r#"["aGk=","AAE="]"#));
    let client = Client::with_http_client(server.url(), common::http());
    let files = client.list_attachments().send().await.expect("decodes").into_body();
    assert_eq!(files, vec![Base64::from(b"hi".to_vec()), Base64::from(vec![0, 1])]);
}

#[tokio::test]
async fn a_model_with_file_properties_is_sent_as_json() {
    let server = Server::fixed(Response::new(201).json(r#"{"name":"a.txt","content":"aGk=","thumbnails":[]}"#));
    let client = Client::with_http_client(server.url(), common::http());
    let attachment = Attachment {
        name: Some("a.txt".into()),
        content: Some(Base64::from(b"hi".to_vec())),
        thumbnails: Some(vec![]),
        raw: None,
    };
    let stored = client.add_attachment(attachment).send().await.expect("decodes").into_body();
    assert_eq!(server.single_request().body, br#"{"name":"a.txt","content":"aGk=","thumbnails":[]}"#);
    assert_eq!(stored.content, Some(Base64::from(b"hi".to_vec())));
}

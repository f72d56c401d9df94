//! The bodies client against Stoplight Prism (`prism mock --errors`): every request body media type the
//! client sends, validated by Prism against `spec/fixtures/bodies.yaml`, and every response decoded.

mod common;

use std::path::Path;

use bodies::Client;
use bodies::types::{Document, PatchDocumentSuccess};
use swagger2rs_e2e::{Prism, prism_hook};

/// A string with every character that is reserved somewhere in a URL.
const RESERVED: &str = "a b/c?d&e=f#g%h";

fn spec() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/fixtures/bodies.yaml"))
}

fn full_document() -> Document {
    Document { title: Some(RESERVED.into()), pages: Some(-3) }
}

fn empty_document() -> Document {
    Document { title: None, pages: None }
}

#[tokio::test]
async fn every_operation_passes_prism_validation_and_decodes() {
    let Some(prism) = Prism::start(spec()) else { return };
    let client =
        Client::with_http_client(prism.url(), common::http()).with_hook(prism_hook!(bodies, prism.violations()));
    let c = &client;

    // Disagreement, reported for the integrator: the client sends a `format: byte` body under
    // `application/octet-stream` as the raw bytes (its documented choice), while Prism validates the body as
    // the schema's string, base64 text, and rejects raw bytes. Asserted exactly, so a change on either side shows.
    let (stored, log) = prism.call_rejected("putBase64Blob", c.put_base64_blob(b"\x00\xffbytes".to_vec()).send()).await;
    assert!(log.contains(r#"Request body must match format "byte""#), "{log}");
    assert_eq!(stored.expect_err("rejected").status().map(|s| s.as_u16()), Some(422));
    let stored = prism.call("putBinaryBlob", c.put_binary_blob(RESERVED.as_bytes().to_vec()).send()).await;
    assert_eq!(stored.expect("putBinaryBlob").status(), 204);
    // Disagreement, reported for the integrator: the `type: file` body of an operation without consumes of
    // its own is sent as `application/octet-stream` (the client's documented choice), but the operation
    // inherits the spec's `consumes: [application/json]`, so Prism answers 415. (Swagger 2.0 allows
    // `type: file` only for formData parameters, so the spec itself is outside the standard here.)
    let (stored, log) = prism.call_rejected("putFileBlob", c.put_file_blob(b"\x00\x01".to_vec()).send()).await;
    assert!(log.contains("Supported content types: application/json"), "{log}");
    assert_eq!(stored.expect_err("rejected").status().map(|s| s.as_u16()), Some(415));

    let note = prism.call("postNote", c.post_note(RESERVED).send()).await.expect("postNote");
    assert_eq!(note.status(), 200);
    assert_eq!(note.body(), "string");

    for document in [empty_document(), full_document()] {
        let created = prism.call("postDocument", c.post_document(document).send()).await.expect("postDocument");
        assert_eq!(created.status(), 201);
        assert_eq!(created.body(), &Document { title: Some("string".into()), pages: Some(i32::MIN) });
        let patched = prism.call("patchDocument", c.patch_document(RESERVED, full_document()).send()).await;
        let patched = patched.expect("patchDocument");
        assert!(matches!(patched.body(), PatchDocumentSuccess::Status200(_)), "{patched:?}");
    }

    let blob = prism.call("getBlob", c.get_blob(RESERVED).send()).await.expect("getBlob");
    assert_eq!(blob.status(), 200);
    assert_eq!(blob.body().as_ref(), b"string", "Prism's value for a string schema, sent as the bytes");

    // A known limitation of the client, not of Prism: it cannot encode XML, so for an operation that
    // consumes only `application/xml` it sends JSON (the generator warns about it), which Prism rejects.
    let (created, log) = prism.call_rejected("postXmlDocument", c.post_xml_document(full_document()).send()).await;
    assert!(log.contains("Supported content types: application/xml"), "{log}");
    assert_eq!(created.expect_err("rejected").status().map(|s| s.as_u16()), Some(415));
}

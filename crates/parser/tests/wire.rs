//! Wire decisions made while lowering: how each body is encoded and with which media type, how each response
//! decodes, the `Accept` header and the form encoding.

mod common;

use common::{op, response};
use swagger2rs_parser::ir::{BodyEncoding, FormEncoding, ResponseDecoding, StatusCode};
use swagger2rs_parser::{Code, Severity};

/// One operation `op` with the given `consumes`, `produces`, parameters and responses (YAML flow text).
fn spec(consumes: &str, produces: &str, parameters: &str, responses: &str) -> String {
    format!(
        "swagger: '2.0'\ninfo: {{title: t, version: '1'}}\npaths:\n  /x:\n    post:\n      operationId: op\n      \
         consumes: {consumes}\n      produces: {produces}\n      parameters: {parameters}\n      responses: {responses}\n\
         definitions:\n  Blob: {{type: string, format: binary}}\n  Thing: {{type: object}}\n"
    )
}

fn body_of(consumes: &str, schema: &str) -> (BodyEncoding, String, usize) {
    let loaded = swagger2rs_parser::load_str(
        "s.yaml",
        spec(consumes, "[]", &format!("[{{name: b, in: body, schema: {schema}}}]"), "{200: {description: ok}}"),
    );
    let warnings = loaded.diagnostics.iter().filter(|d| d.code == Code::Unsupported).count();
    let api = loaded.api.unwrap();
    let body = op(&api, "op").body.clone().unwrap();
    (body.encoding, body.media_type.as_str().to_owned(), warnings)
}

#[test]
fn bodies_are_encoded_by_media_type_and_schema() {
    use BodyEncoding::*;
    let cases = [
        ("[application/octet-stream]", "{type: string, format: byte}", (Bytes, "application/octet-stream", 0)),
        ("[application/json, image/png]", "{type: string, format: binary}", (Bytes, "image/png", 0)),
        ("[application/json]", "{type: string, format: byte}", (Json, "application/json", 0)),
        ("[]", "{type: file}", (Bytes, "application/octet-stream", 0)),
        ("[application/json]", "{type: file}", (Bytes, "application/octet-stream", 0)),
        ("[application/octet-stream]", "{$ref: '#/definitions/Blob'}", (Bytes, "application/octet-stream", 0)),
        ("[text/plain]", "{type: string}", (Text, "text/plain", 0)),
        ("[application/json, text/plain]", "{type: string}", (Json, "application/json", 0)),
        ("[application/xml, application/json]", "{$ref: '#/definitions/Thing'}", (Json, "application/json", 0)),
        ("['application/merge-patch+json']", "{type: object}", (Json, "application/merge-patch+json", 0)),
        ("['*/*']", "{type: object}", (Json, "application/json", 0)),
        ("[]", "{type: object}", (Json, "application/json", 0)),
        ("[application/xml]", "{type: object}", (Json, "application/json", 1)),
    ];
    for (consumes, schema, (encoding, media, warnings)) in cases {
        let got = body_of(consumes, schema);
        assert_eq!(got, (encoding, media.to_owned(), warnings), "consumes {consumes}, schema {schema}");
    }
}

fn decodings(produces: &str, responses: &str) -> (Vec<ResponseDecoding>, usize, ResponseDecoding) {
    let loaded = swagger2rs_parser::load_str("s.yaml", spec("[]", produces, "[]", responses));
    let warnings: Vec<_> = loaded.diagnostics.iter().filter(|d| d.code == Code::Unsupported).collect();
    assert!(warnings.iter().all(|d| d.severity == Severity::Warning));
    let api = loaded.api.unwrap();
    let op = op(&api, "op");
    (op.responses.iter().map(|r| r.decoding).collect(), warnings.len(), op.untyped_decoding)
}

#[test]
fn responses_decode_by_media_type_schema_and_status() {
    use ResponseDecoding::*;
    let typed = "{200: {description: ok, schema: {type: object}}, 204: {description: none}, \
                 404: {description: gone}}";
    assert_eq!(decodings("[application/json]", typed), (vec![Json, Empty, Json], 0, Json));
    assert_eq!(decodings("[]", typed), (vec![Json, Empty, Json], 0, Json));
    assert_eq!(decodings("['*/*']", typed), (vec![Json, Empty, Json], 0, Json));
    // A schema in a media type the client cannot decode: bytes, and one warning for the operation.
    let xml = "{200: {description: ok, schema: {type: object}}, 201: {description: ok, schema: {type: object}}}";
    assert_eq!(decodings("[application/xml]", xml), (vec![Bytes, Bytes], 1, Bytes));
    let binary = "{200: {description: ok, schema: {type: string, format: binary}}, \
                  201: {description: ok, schema: {$ref: '#/definitions/Blob'}}, 202: {description: ok, schema: {type: file}}}";
    assert_eq!(decodings("[application/octet-stream]", binary), (vec![Bytes, Bytes, Bytes], 0, Bytes));
    let text = "{200: {description: ok, schema: {type: string}}, 400: {description: bad}}";
    assert_eq!(decodings("[text/plain]", text), (vec![Text, Bytes], 0, Bytes));
    // In JSON, a file is still bytes and a binary string a JSON string.
    assert_eq!(decodings("[application/json]", binary), (vec![Json, Json, Bytes], 0, Json));
}

#[test]
fn a_json_stream_type_makes_the_schema_the_item_type() {
    use ResponseDecoding::*;
    let responses = "{200: {description: ok, schema: {$ref: '#/definitions/Thing'}}, 201: {description: ok}, \
                     202: {description: ok, schema: {type: file}}, 204: {description: none}, \
                     500: {description: bad, schema: {type: object}}}";
    // An error's schema is one document, not a stream.
    let streamed = (vec![JsonStream, JsonStream, Bytes, Empty, Json], 0, JsonStream);
    for produces in ["[application/x-ndjson]", "[application/jsonl]", "[application/json-seq]"] {
        assert_eq!(decodings(produces, responses), streamed, "{produces}");
    }
    // Listed beside JSON the stream wins: a stream reader reads one document as one item.
    assert_eq!(decodings("[application/json, application/x-ndjson]", responses), streamed);
    // Kubernetes' watch parameter is not a stream media type.
    let watch = decodings("['application/json;stream=watch']", responses);
    assert_eq!(watch, (vec![Json, Json, Bytes, Empty, Json], 0, Json));
    let api = swagger2rs_parser::load_str("s.yaml", spec("[]", "[application/x-ndjson]", "[]", responses)).api.unwrap();
    let ok = response(op(&api, "op"), StatusCode::Code(200));
    assert!(ok.item_type().is_some() && ok.json_type().is_none());
}

#[test]
fn accept_and_form_encoding() {
    let load = |consumes: &str, produces: &str, parameters: &str| {
        let api =
            swagger2rs_parser::load_str("s.yaml", spec(consumes, produces, parameters, "{200: {description: ok}}"))
                .api
                .unwrap();
        let op = op(&api, "op");
        (op.accept.clone(), op.form)
    };
    let text = "[{name: a, in: formData, type: string}]";
    let file = "[{name: a, in: formData, type: file}]";
    assert_eq!(load("[]", "[application/xml, application/json]", "[]"), (Some("application/json".into()), None));
    assert_eq!(load("[]", "[image/png, image/gif]", "[]"), (Some("image/png, image/gif".into()), None));
    assert_eq!(load("[]", "[]", "[]"), (None, None));
    assert_eq!(
        load("[application/x-www-form-urlencoded, multipart/form-data]", "[]", text).1,
        Some(FormEncoding::UrlEncoded)
    );
    assert_eq!(
        load("[multipart/form-data, application/x-www-form-urlencoded]", "[]", text).1,
        Some(FormEncoding::Multipart)
    );
    assert_eq!(load("[application/x-www-form-urlencoded]", "[]", file).1, Some(FormEncoding::Multipart));
    let api = swagger2rs_parser::load_str("s.yaml", spec("[]", "[]", "[]", "{204: {description: ok}}")).api.unwrap();
    assert_eq!(response(op(&api, "op"), StatusCode::Code(204)).decoding, ResponseDecoding::Empty);
}

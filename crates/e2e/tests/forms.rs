//! formData on the wire (`spec/fixtures/forms.yaml`): URL-encoded forms, and multipart forms with file
//! parts, parsed back on the server side.

use std::time::Duration;

use swagger2rs_e2e::{RecordedRequest, Response, Server};

fn client(url: &str) -> forms::Client {
    let http = reqwest::Client::builder().no_proxy().timeout(Duration::from_secs(10)).build().expect("client");
    forms::Client::with_http_client(url, http)
}

/// One part of a multipart body: its headers (lower-cased names) and raw content.
#[derive(Debug, PartialEq)]
struct Part {
    headers: Vec<(String, String)>,
    content: Vec<u8>,
}

/// Splits a `multipart/form-data` body per RFC 7578, using the boundary from `Content-Type`.
fn multipart_parts(request: &RecordedRequest) -> Vec<Part> {
    let content_type = request.header("content-type").expect("a content type");
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("multipart content type");
    let body = &request.body;
    let delimiter = format!("--{boundary}");
    let close = format!("--{boundary}--\r\n");
    assert!(body.ends_with(close.as_bytes()), "body ends with the close delimiter");
    let mut parts = Vec::new();
    let mut rest = &body[..body.len() - close.len()];
    while !rest.is_empty() {
        let start = format!("{delimiter}\r\n");
        assert!(rest.starts_with(start.as_bytes()), "each part starts with the delimiter");
        rest = &rest[start.len()..];
        let next = find(rest, format!("\r\n{delimiter}").as_bytes()).unwrap_or(rest.len() - 2);
        let part = &rest[..next];
        let head_end = find(part, b"\r\n\r\n").expect("part headers end with a blank line");
        let headers = String::from_utf8(part[..head_end].to_vec())
            .expect("UTF-8 part headers")
            .split("\r\n")
            .map(|line| {
                let (name, value) = line.split_once(": ").expect("name: value");
                (name.to_ascii_lowercase(), value.to_owned())
            })
            .collect();
        parts.push(Part { headers, content: part[head_end + 4..].to_vec() });
        rest = &rest[next + 2..];
    }
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn part(name: &str, content: &[u8]) -> Part {
    Part {
        headers: vec![("content-disposition".into(), format!("form-data; name=\"{name}\""))],
        content: content.to_vec(),
    }
}

#[tokio::test]
async fn urlencoded_form_sends_fields_in_order_with_multi_repeated() {
    let server = Server::fixed(Response::new(200).json("{}"));
    let client = client(&server.url());
    client
        .login("me & you")
        .remember(true)
        .scopes(["read", "write all"])
        .ids(vec![1, 2])
        .send()
        .await
        .expect("login succeeds");
    let request = server.single_request();
    assert_eq!(request.request_line, "POST /login HTTP/1.1");
    assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(
        String::from_utf8(request.body.clone()).unwrap(),
        "user=me+%26+you&remember=true&scopes=read&scopes=write+all&ids=1%2C2"
    );
}

#[tokio::test]
async fn urlencoded_form_leaves_out_unset_fields() {
    let server = Server::fixed(Response::new(200).json("{}"));
    client(&server.url()).login("me").send().await.expect("login succeeds");
    assert_eq!(server.single_request().body, b"user=me");
}

#[tokio::test]
async fn multipart_upload_sends_file_bytes_name_and_type() {
    let server = Server::fixed(Response::new(200).json(r#"{"ok":true}"#));
    let data: Vec<u8> = vec![0, 1, 2, b'\r', b'\n', b'-', b'-', 255];
    let file = forms::runtime::FilePart::new(data.clone()).file_name("cat \"1\".png").content_type("image/png");
    let response =
        client(&server.url()).upload_image(42, file).additional_metadata("a cat").send().await.expect("upload");
    assert_eq!(response.body(), &serde_json::json!({"ok": true}));
    let request = server.single_request();
    assert_eq!(request.request_line, "POST /pets/42/image HTTP/1.1");
    assert_eq!(request.header("content-length"), Some(request.body.len().to_string().as_str()));
    assert_eq!(
        multipart_parts(&request),
        [
            part("additionalMetadata", b"a cat"),
            Part {
                headers: vec![
                    ("content-disposition".into(), "form-data; name=\"file\"; filename=\"cat %221%22.png\"".into()),
                    ("content-type".into(), "image/png".into()),
                ],
                content: data,
            },
        ]
    );
}

#[tokio::test]
async fn multipart_file_defaults_to_octet_stream_without_a_name() {
    let server = Server::fixed(Response::new(200).json("{}"));
    client(&server.url()).upload_image(1, b"raw".to_vec()).send().await.expect("upload");
    let parts = multipart_parts(&server.single_request());
    assert_eq!(
        parts,
        [Part {
            headers: vec![
                ("content-disposition".into(), "form-data; name=\"file\"".into()),
                ("content-type".into(), "application/octet-stream".into()),
            ],
            content: b"raw".to_vec(),
        }]
    );
}

#[tokio::test]
async fn multipart_form_without_its_optional_file_still_is_multipart() {
    let server = Server::fixed(Response::new(200).json("{}"));
    client(&server.url()).add_note("hello\r\nworld").send().await.expect("note");
    assert_eq!(multipart_parts(&server.single_request()), [part("text", b"hello\r\nworld")]);
}

#[tokio::test]
async fn a_file_part_with_a_line_break_in_its_type_is_refused_before_sending() {
    let server = Server::fixed(Response::new(200).json("{}"));
    let file = forms::runtime::FilePart::new(vec![1]).content_type("text/plain\r\nX-Injected: 1");
    let error = client(&server.url()).upload_image(1, file).send().await.expect_err("refused");
    assert!(matches!(error, forms::Error::InvalidRequest(_)), "{error:?}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_streamed_file_part_is_sent_chunked_as_it_is_read() {
    let server = Server::fixed(Response::new(200).json("{}"));
    let chunks: Vec<Result<forms::runtime::Bytes, std::io::Error>> =
        vec![Ok(b"first ".to_vec().into()), Ok(b"\r\n--middle-- ".to_vec().into()), Ok(b"last".to_vec().into())];
    let file = forms::runtime::FilePart::stream(futures_util::stream::iter(chunks)).file_name("big.bin");
    let client = client(&server.url());
    let builder = client.upload_image(7, file).additional_metadata("streamed");
    let again = builder.clone();
    builder.send().await.expect("upload");
    let request = server.single_request();
    assert_eq!(request.header("transfer-encoding"), Some("chunked"), "length unknown in advance");
    assert_eq!(
        multipart_parts(&request),
        [
            part("additionalMetadata", b"streamed"),
            Part {
                headers: vec![
                    ("content-disposition".into(), "form-data; name=\"file\"; filename=\"big.bin\"".into()),
                    ("content-type".into(), "application/octet-stream".into()),
                ],
                content: b"first \r\n--middle-- last".to_vec(),
            },
        ]
    );
    let error = again.send().await.expect_err("a stream is sent once");
    assert!(matches!(&error, forms::Error::InvalidRequest(m) if m.contains("already sent")), "{error:?}");
    assert_eq!(server.requests().len(), 1, "nothing sent the second time");
}

#[tokio::test]
async fn a_failing_file_stream_fails_the_call_as_a_transport_error() {
    let server = Server::fixed(Response::new(200).json("{}"));
    let chunks: Vec<Result<forms::runtime::Bytes, std::io::Error>> =
        vec![Ok(b"partial".to_vec().into()), Err(std::io::Error::other("disk gone"))];
    let file = forms::runtime::FilePart::stream(futures_util::stream::iter(chunks));
    let error = client(&server.url()).upload_image(7, file).send().await.expect_err("stream error");
    assert!(matches!(error, forms::Error::Transport(_)), "{error:?}");
}

#[tokio::test]
async fn a_request_refused_before_sending_does_not_use_up_a_file_stream() {
    let chunks: Vec<Result<forms::runtime::Bytes, std::io::Error>> = vec![Ok(b"data".to_vec().into())];
    let file = forms::runtime::FilePart::stream(futures_util::stream::iter(chunks));
    let client = forms::Client::new("not a base url");
    let builder = client.upload_image(7, file);
    let again = builder.clone();
    for attempt in [builder, again] {
        let error = attempt.send().await.expect_err("no valid URL");
        assert!(matches!(&error, forms::Error::InvalidRequest(m) if !m.contains("already sent")), "{error:?}");
    }
}

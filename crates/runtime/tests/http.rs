//! End-to-end tests against a minimal HTTP/1.1 server on 127.0.0.1 that
//! records exactly what arrives on the wire.

use std::time::Duration;

use serde_json::{Value, json};
use swagger2rs_runtime::{
    ClientCore, CollectionFormat, Credential, Error, Method, RawResponse, Request, RetryPolicy, SecurityScheme,
    StatusCode,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

const BASIC: SecurityScheme = SecurityScheme::Basic { name: "basic" };
const OAUTH: SecurityScheme = SecurityScheme::OAuth2 { name: "oauth" };
const HEADER_KEY: SecurityScheme = SecurityScheme::ApiKeyHeader { name: "header_key", header: "X-Api-Key" };
const QUERY_KEY: SecurityScheme = SecurityScheme::ApiKeyQuery { name: "query_key", param: "api_key" };
const QUERY_SECRET: &str = "query-secret-123";

/// One request as the server received it.
#[derive(Debug)]
struct Captured {
    head: String,
    body: Vec<u8>,
}

impl Captured {
    fn request_line(&self) -> &str {
        self.head.lines().next().unwrap_or_default()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// A complete HTTP/1.1 response that closes the connection.
fn response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         X-Served-By: test\r\nConnection: close\r\n\r\n",
        body.len()
    );
    [head.as_bytes(), body].concat()
}

fn ok_json(body: &str) -> Vec<u8> {
    response("200 OK", "application/json", body.as_bytes())
}

/// Reads one request (head and `Content-Length` body) from `stream`.
async fn read_request(stream: &mut TcpStream) -> Captured {
    let mut data = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).into_owned();
            let captured = Captured { head, body: Vec::new() };
            let length: usize = captured.header("content-length").map_or(0, |v| v.parse().unwrap());
            let body_start = end + 4;
            if data.len() >= body_start + length {
                let body = data[body_start..body_start + length].to_vec();
                return Captured { body, ..captured };
            }
        }
        let n = stream.read(&mut chunk).await.unwrap();
        assert!(n > 0, "connection closed mid-request: {data:?}");
        data.extend_from_slice(&chunk[..n]);
    }
}

/// Starts a server that answers exactly one request with `reply`; returns
/// the base URL (with `prefix` as path) and what the server received.
async fn serve_once(prefix: &str, reply: Vec<u8>) -> (String, JoinHandle<Captured>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}{prefix}", listener.local_addr().unwrap());
    let handle = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let captured = read_request(&mut stream).await;
        stream.write_all(&reply).await.unwrap();
        stream.shutdown().await.unwrap();
        captured
    });
    (base_url, handle)
}

/// Sends `request` through a client set up by `configure` to a one-shot
/// server answering `reply`.
async fn exchange(
    configure: impl FnOnce(&mut ClientCore),
    request: Request,
    reply: Vec<u8>,
) -> (Result<RawResponse, Error>, Captured) {
    let (base_url, server) = serve_once("", reply).await;
    let mut client = ClientCore::new(base_url);
    configure(&mut client);
    let result = client.execute(request).await;
    (result, server.await.unwrap())
}

async fn auth_seen(
    configure: impl FnOnce(&mut ClientCore),
    security: &'static [&'static [SecurityScheme]],
) -> Captured {
    let request = Request::new(Method::GET).path("/secure").security(security);
    let (result, captured) = exchange(configure, request, ok_json("{}")).await;
    assert_eq!(result.unwrap().status(), StatusCode::OK);
    captured
}

fn all_credentials(client: &mut ClientCore) {
    client.set_credential("basic", Credential::basic("alice", Some("pw")));
    client.set_credential("oauth", Credential::bearer("tok"));
    client.set_credential("header_key", Credential::api_key("hkey"));
    client.set_credential("query_key", Credential::api_key(QUERY_SECRET));
}

fn no_setup(_: &mut ClientCore) {}

/// A URL on which nothing listens, so connecting is refused.
async fn refusing_base_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

fn assert_no_secret(err: &Error) {
    let debug = format!("{err:?}");
    let display = err.to_string();
    assert!(!debug.contains(QUERY_SECRET), "{debug}");
    assert!(!display.contains(QUERY_SECRET), "{display}");
    assert!(display.contains("api_key=REDACTED"), "{display}");
}

#[tokio::test]
async fn path_and_query_are_encoded_on_the_wire() {
    let (base_url, server) = serve_once("/rest", ok_json("{}")).await;
    let request = Request::new(Method::GET)
        .path("/api/2/issue/")
        .path_param("../../admin?x=1#f")
        .path("/watchers/")
        .path_param("Ω 🦀%")
        .query("jql", "project = \"A B\" & x+y")
        .query_array("id", [1, 2], CollectionFormat::Multi)
        .query_array("fields", ["a", "b"], CollectionFormat::Csv)
        .query("unicode", "é");
    let client = ClientCore::new(base_url);
    client.execute::<Value>(request).await.unwrap();
    assert_eq!(
        server.await.unwrap().request_line(),
        "GET /rest/api/2/issue/..%2F..%2Fadmin%3Fx%3D1%23f/watchers/%CE%A9%20%F0%9F%A6%80%25\
         ?jql=project+%3D+%22A+B%22+%26+x%2By&id=1&id=2&fields=a%2Cb&unicode=%C3%A9 HTTP/1.1"
    );
}

#[tokio::test]
async fn base_url_with_trailing_slash_and_no_path() {
    let (base_url, server) = serve_once("/", ok_json("{}")).await;
    let client = ClientCore::new(base_url);
    let request = Request::new(Method::DELETE).path("/a");
    client.execute::<Value>(request).await.unwrap();
    assert_eq!(server.await.unwrap().request_line(), "DELETE /a HTTP/1.1");
}

#[tokio::test]
async fn headers_and_json_body_are_sent() {
    let request = Request::new(Method::POST)
        .path("/items")
        .header("X-Request-Id", &42)
        .header_array("X-Tags", ["a", "b"], CollectionFormat::Pipes)
        .accept("application/json")
        .json_body("application/json", &json!({"name": "Ω"}));
    let configure = |client: &mut ClientCore| {
        client.set_default_header("X-Tenant", "acme").unwrap();
    };
    let reply = response("201 Created", "application/json", br#"{"id":1}"#);
    let (result, captured) = exchange(configure, request, reply).await;
    assert_eq!(captured.request_line(), "POST /items HTTP/1.1");
    assert_eq!(captured.header("x-request-id"), Some("42"));
    assert_eq!(captured.header("x-tags"), Some("a|b"));
    assert_eq!(captured.header("accept"), Some("application/json"));
    assert_eq!(captured.header("x-tenant"), Some("acme"));
    assert_eq!(captured.header("content-type"), Some("application/json"));
    assert_eq!(captured.body, r#"{"name":"Ω"}"#.as_bytes());
    let raw = result.unwrap();
    assert_eq!(raw.status(), StatusCode::CREATED);
    assert_eq!(raw.headers()["x-served-by"], "test");
    assert_eq!(*raw.json::<Value, Value>().unwrap(), json!({"id": 1}));
}

#[tokio::test]
async fn form_and_text_bodies_are_sent() {
    let request = Request::new(Method::POST).path("/form").form_text("name", "a b&c");
    let (_, captured) = exchange(no_setup, request, ok_json("")).await;
    assert_eq!(captured.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(captured.body, b"name=a+b%26c");

    let request = Request::new(Method::PUT).path("/text").text_body("text/plain", "héllo".into());
    let (_, captured) = exchange(no_setup, request, ok_json("")).await;
    assert_eq!(captured.header("content-type"), Some("text/plain"));
    assert_eq!(captured.body, "héllo".as_bytes());
}

#[tokio::test]
async fn basic_auth_is_applied_for_basic_scheme() {
    let captured = auth_seen(all_credentials, &[&[BASIC]]).await;
    assert_eq!(captured.header("authorization"), Some("Basic YWxpY2U6cHc="));
    assert_eq!(captured.request_line(), "GET /secure HTTP/1.1");
}

#[tokio::test]
async fn bearer_token_is_applied_for_oauth2_scheme() {
    let captured = auth_seen(all_credentials, &[&[OAUTH]]).await;
    assert_eq!(captured.header("authorization"), Some("Bearer tok"));
}

#[tokio::test]
async fn api_keys_are_applied_in_header_and_query() {
    let captured = auth_seen(all_credentials, &[&[HEADER_KEY, QUERY_KEY]]).await;
    assert_eq!(captured.header("x-api-key"), Some("hkey"));
    assert_eq!(captured.request_line(), format!("GET /secure?api_key={QUERY_SECRET} HTTP/1.1"));
    assert_eq!(captured.header("authorization"), None);
}

#[tokio::test]
async fn only_a_fully_satisfied_alternative_is_applied() {
    let only_basic = |client: &mut ClientCore| {
        client.set_credential("basic", Credential::basic("alice", Some("pw")));
        client.set_credential("oauth", Credential::api_key("wrong kind"));
    };
    let captured = auth_seen(only_basic, &[&[OAUTH], &[HEADER_KEY, BASIC], &[BASIC]]).await;
    assert_eq!(captured.header("authorization"), Some("Basic YWxpY2U6cHc="));
    assert_eq!(captured.header("x-api-key"), None);

    let captured = auth_seen(only_basic, &[&[OAUTH], &[QUERY_KEY]]).await;
    assert_eq!(captured.header("authorization"), None);
    assert_eq!(captured.request_line(), "GET /secure HTTP/1.1");
}

#[tokio::test]
async fn operations_without_security_send_no_credentials() {
    let captured = auth_seen(all_credentials, &[]).await;
    assert_eq!(captured.header("authorization"), None);
    assert_eq!(captured.header("x-api-key"), None);
    assert_eq!(captured.request_line(), "GET /secure HTTP/1.1");
}

#[tokio::test]
async fn client_wide_basic_auth_is_sent_and_security_overrides_it() {
    let configure = |client: &mut ClientCore| {
        client.set_basic_auth("me@example.com", Some("api-token")).unwrap();
        all_credentials(client);
    };
    let captured = auth_seen(configure, &[]).await;
    assert_eq!(captured.header("authorization"), Some("Basic bWVAZXhhbXBsZS5jb206YXBpLXRva2Vu"));
    let captured = auth_seen(configure, &[&[OAUTH]]).await;
    assert_eq!(captured.header("authorization"), Some("Bearer tok"));
}

#[tokio::test]
async fn invalid_headers_are_rejected_before_sending() {
    let (base_url, server) = serve_once("", ok_json("{}")).await;
    let mut client = ClientCore::new(base_url);
    let request = Request::new(Method::GET).path("/bad").header("X-Evil", "a\r\nInjected: 1");
    let err = client.execute::<Value>(request).await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");

    client.set_credential("oauth", Credential::bearer("tok\r\nInjected: 1"));
    let request = Request::new(Method::GET).path("/bad").security(&[&[OAUTH]]);
    let err = client.execute::<Value>(request).await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(!format!("{err:?}").contains("tok"), "{err:?}");

    let request = Request::new(Method::GET).path("/good");
    client.execute::<Value>(request).await.unwrap();
    assert_eq!(server.await.unwrap().request_line(), "GET /good HTTP/1.1");
}

#[tokio::test]
async fn dot_segment_path_params_are_rejected_before_sending() {
    let client = ClientCore::new(refusing_base_url().await);
    for value in [".", ".."] {
        let request = Request::new(Method::GET).path("/files/").path_param(value);
        let err = client.execute::<Value>(request).await.unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    }
}

#[tokio::test]
async fn unparsable_base_url_is_an_invalid_request() {
    let client = ClientCore::new("not a url");
    let err = client.execute::<Value>(Request::new(Method::GET).path("/a")).await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
}

#[tokio::test]
async fn json_on_empty_body_is_null() {
    let reply = response("200 OK", "application/json", b"");
    let (result, _) = exchange(no_setup, Request::new(Method::GET), reply).await;
    let value = result.unwrap().json::<Value, Value>().unwrap();
    assert_eq!(*value, Value::Null);
}

#[tokio::test]
async fn json_on_non_json_is_invalid_body_with_raw_body() {
    let reply = response("200 OK", "text/html", b"<html>maintenance</html>");
    let (result, _) = exchange(no_setup, Request::new(Method::GET), reply).await;
    match result.unwrap().json::<Value, Value>() {
        Err(Error::InvalidBody { status, headers, body, message }) => {
            assert_eq!(status, StatusCode::OK);
            assert_eq!(headers["content-type"], "text/html");
            assert_eq!(body, "<html>maintenance</html>");
            assert!(!message.is_empty());
        }
        other => panic!("expected InvalidBody, got {other:?}"),
    }
}

#[tokio::test]
async fn declared_error_status_decodes_json_error_body() {
    let body = br#"{"errorMessages":["Issue does not exist"],"errors":{}}"#;
    let reply = response("404 Not Found", "application/json", body);
    let (result, _) = exchange(no_setup, Request::new(Method::GET), reply).await;
    let raw = result.unwrap();
    assert_eq!(raw.status(), StatusCode::NOT_FOUND);
    let err = raw.error_json::<Value>();
    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    match err {
        Error::ErrorResponse(value) => {
            assert_eq!(value["errorMessages"][0], "Issue does not exist");
        }
        other => panic!("expected ErrorResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn connection_refused_is_transport_error_without_secrets() {
    let mut client = ClientCore::new(refusing_base_url().await);
    client.set_credential("query_key", Credential::api_key(QUERY_SECRET));
    let request = Request::new(Method::GET).path("/x").query("q", "visible").security(&[&[QUERY_KEY]]);
    let err = client.execute::<Value>(request).await.unwrap_err();
    match &err {
        Error::Transport(inner) => assert!(inner.is_connect(), "{inner:?}"),
        other => panic!("expected Transport, got {other:?}"),
    }
    assert!(std::error::Error::source(&err).is_some());
    assert_eq!(err.status(), None);
    assert!(err.to_string().contains("q=visible"), "{err}");
    // The cause, not only reqwest's "error sending request".
    assert!(err.to_string().to_lowercase().contains("connection refused"), "{err}");
    assert_no_secret(&err);
}

#[tokio::test]
async fn a_dns_failure_says_so() {
    // `.invalid` never resolves (RFC 6761), with or without a network.
    let http = reqwest::Client::builder().no_proxy().timeout(Duration::from_secs(20)).build().unwrap();
    let client = ClientCore::with_http_client("http://no-such-host.invalid", http);
    let err = client.execute::<Value>(Request::new(Method::GET).path("/x")).await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(err.to_string().contains("dns error"), "{err}");
}

#[tokio::test]
async fn timeout_is_its_own_error_without_secrets() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let silent = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut sink = Vec::new();
        // Never answer; return once the client gives up and closes.
        let _ = stream.read_to_end(&mut sink).await;
    });
    let http = reqwest::Client::builder().timeout(Duration::from_millis(200)).build().unwrap();
    let mut client = ClientCore::with_http_client(base_url, http);
    client.set_credential("query_key", Credential::api_key(QUERY_SECRET));
    // The silent server accepts one connection; a retry would be refused.
    client.set_retry(RetryPolicy::none());
    let request = Request::new(Method::GET).path("/slow").security(&[&[QUERY_KEY]]);
    let err = client.execute::<Value>(request).await.unwrap_err();
    match &err {
        Error::Timeout(inner) => assert!(inner.is_timeout() && inner.attempts() == 1, "{inner:?}"),
        other => panic!("expected Timeout, got {other:?}"),
    }
    assert!(err.to_string().contains("timed out"), "{err}");
    assert_no_secret(&err);
    silent.await.unwrap();
}

#[test]
fn execute_future_is_send() {
    fn assert_send<T: Send>(_: T) {}
    let client = ClientCore::new("http://127.0.0.1:1");
    assert_send(client.execute::<Value>(Request::new(Method::GET)));
}

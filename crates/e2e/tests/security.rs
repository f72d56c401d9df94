//! The `security` fixture client: which credentials each operation sends,
//! per the document-level default, per-operation overrides, OR and AND
//! alternatives and `security: []`; and that no secret ever shows up in
//! `Debug` or error output.

mod common;

use std::time::Duration;

use security::{Client, Error};
use swagger2rs_e2e::{RecordedRequest, Reply, Response, Server, deadline};

const USER: &str = "alice";
const PASSWORD: &str = "pw-s3cr3t-D4";
/// `base64("alice:pw-s3cr3t-D4")`, computed independently.
const BASIC_SECRET: &str = "YWxpY2U6cHctczNjcjN0LUQ0";
const HEADER_KEY: &str = "hk-s3cr3t-A1";
const QUERY_KEY: &str = "qk-s3cr3t-B2";
const TOKEN: &str = "oa-s3cr3t-C3";
const GENERIC_TOKEN: &str = "gen-s3cr3t-E5";
const DEFAULT_HEADER_SECRET: &str = "dh-s3cr3t-F6";

/// Every secret of this file; none contains a character that URL or header
/// encoding would change, so each is found however it is printed.
const SECRETS: [&str; 7] = [PASSWORD, BASIC_SECRET, HEADER_KEY, QUERY_KEY, TOKEN, GENERIC_TOKEN, DEFAULT_HEADER_SECRET];

/// Headers any request of this spec may carry besides credentials.
const PLAIN_HEADERS: [&str; 4] = ["host", "accept", "content-length", "user-agent"];

/// The spec's `basePath` is `/v2`.
fn client(server: &Server) -> Client {
    Client::with_http_client(format!("{}/v2", server.url()), common::http())
}

/// A credential for every scheme the spec declares.
fn with_all_schemes(client: Client) -> Client {
    client
        .with_basic_auth_(USER, Some(PASSWORD))
        .with_header_key(HEADER_KEY)
        .with_query_key(QUERY_KEY)
        .with_oauth(TOKEN)
}

fn ok_server() -> Server {
    Server::fixed(Response::new(200).json("{}"))
}

type Outcome = Result<security::ResponseValue<serde_json::Value>, Error>;

/// Calls every operation once, in spec order, each of which must succeed.
async fn call_every_operation(client: &Client) {
    let outcomes: [(&str, Outcome); 6] = [
        ("uses_default", client.uses_default().send().await),
        ("uses_basic", client.uses_basic().send().await),
        ("uses_query_key", client.uses_query_key().send().await),
        ("uses_oauth", client.uses_oauth().send().await),
        ("uses_either", client.uses_either().send().await),
        ("is_public", client.is_public().send().await),
    ];
    for (operation, outcome) in outcomes {
        let value = outcome.unwrap_or_else(|err| panic!("{operation}: {err:?}"));
        assert_eq!(value.status().as_u16(), 200, "{operation}");
    }
}

/// Asserts the request line and that the headers besides [`PLAIN_HEADERS`]
/// are exactly `credentials` (lower-cased name, value), once each.
#[track_caller]
fn assert_sent(request: &RecordedRequest, request_line: &str, credentials: &[(&str, &str)]) {
    assert_eq!(request.request_line, request_line, "{request:#?}");
    assert_eq!(request.header_values("accept"), ["application/json"], "{request:#?}");
    let mut sent: Vec<(&str, &str)> = request
        .headers
        .iter()
        .filter(|(name, _)| !PLAIN_HEADERS.contains(&name.as_str()))
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    sent.sort_unstable();
    let mut expected = credentials.to_vec();
    expected.sort_unstable();
    assert_eq!(sent, expected, "{request:#?}");
    let api_keys: Vec<_> = request.query_pairs().unwrap().into_iter().filter(|(name, _)| name == "api_key").collect();
    let expected_keys = usize::from(request_line.contains("api_key="));
    assert_eq!(api_keys.len(), expected_keys, "{request:#?}");
}

const DEFAULT: &str = "GET /v2/default HTTP/1.1";
const BASIC: &str = "GET /v2/basic HTTP/1.1";
const QUERY: &str = "GET /v2/query HTTP/1.1";
const OAUTH: &str = "POST /v2/oauth HTTP/1.1";
const EITHER: &str = "GET /v2/either HTTP/1.1";
const PUBLIC: &str = "GET /v2/public HTTP/1.1";

fn basic_header() -> (&'static str, &'static str) {
    ("authorization", "Basic YWxpY2U6cHctczNjcjN0LUQ0")
}

fn bearer_header() -> (&'static str, &'static str) {
    ("authorization", "Bearer oa-s3cr3t-C3")
}

fn key_header() -> (&'static str, &'static str) {
    ("x-api-key", HEADER_KEY)
}

#[test]
fn default_base_url_comes_from_host_base_path_and_scheme() {
    assert_eq!(Client::DEFAULT_BASE_URL, "https://api.example.com/v2");
    assert_eq!(Client::new(Client::DEFAULT_BASE_URL).base_url(), "https://api.example.com/v2");
}

/// With a credential for every scheme configured, each operation sends
/// exactly the credentials of its own requirement.
#[tokio::test]
async fn each_operation_sends_exactly_its_required_credentials() {
    let server = ok_server();
    call_every_operation(&with_all_schemes(client(&server))).await;
    let requests = server.requests();
    assert_eq!(requests.len(), 6);
    assert_sent(&requests[0], DEFAULT, &[key_header()]);
    assert_sent(&requests[1], BASIC, &[basic_header()]);
    assert_sent(&requests[2], "GET /v2/query?api_key=qk-s3cr3t-B2 HTTP/1.1", &[]);
    assert_sent(&requests[3], OAUTH, &[bearer_header()]);
    // The first alternative (OAuth) is satisfied, so the keys stay home.
    assert_sent(&requests[4], EITHER, &[bearer_header()]);
    assert_sent(&requests[5], PUBLIC, &[]);
}

#[tokio::test]
async fn uses_default_sends_the_document_level_header_key() {
    let server = ok_server();
    client(&server).with_header_key(HEADER_KEY).uses_default().send().await.unwrap();
    assert_sent(&server.single_request(), DEFAULT, &[key_header()]);
}

#[tokio::test]
async fn uses_basic_sends_the_exact_basic_authorization() {
    let server = ok_server();
    client(&server).with_basic_auth_(USER, Some(PASSWORD)).uses_basic().send().await.unwrap();
    client(&server).with_basic_auth_(USER, None).uses_basic().send().await.unwrap();
    client(&server).with_basic_auth_("Ωuser", Some("pässwörd")).uses_basic().send().await.unwrap();
    client(&server).with_basic_auth_(USER, Some("pa:ss\r\nX-Injected: 1")).uses_basic().send().await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 4);
    assert_sent(&requests[0], BASIC, &[basic_header()]);
    assert_sent(&requests[1], BASIC, &[("authorization", "Basic YWxpY2U6")]);
    assert_sent(&requests[2], BASIC, &[("authorization", "Basic zql1c2VyOnDDpHNzd8O2cmQ=")]);
    assert_sent(&requests[3], BASIC, &[("authorization", "Basic YWxpY2U6cGE6c3MNClgtSW5qZWN0ZWQ6IDE=")]);
}

#[tokio::test]
async fn uses_query_key_sends_the_key_in_the_query_and_no_header() {
    let server = ok_server();
    client(&server).with_query_key(QUERY_KEY).uses_query_key().send().await.unwrap();
    let request = server.single_request();
    assert_sent(&request, "GET /v2/query?api_key=qk-s3cr3t-B2 HTTP/1.1", &[]);
    assert_eq!(request.query_pairs().unwrap(), [("api_key".to_owned(), QUERY_KEY.to_owned())]);
}

#[tokio::test]
async fn query_key_with_reserved_characters_is_form_encoded_and_round_trips() {
    let server = ok_server();
    let key = "k y&api_key=evil#Ω+%";
    client(&server).with_query_key(key).uses_query_key().send().await.unwrap();
    let request = server.single_request();
    assert_sent(&request, "GET /v2/query?api_key=k+y%26api_key%3Devil%23%CE%A9%2B%25 HTTP/1.1", &[]);
    assert_eq!(request.query_pairs().unwrap(), [("api_key".to_owned(), key.to_owned())]);
}

#[tokio::test]
async fn uses_oauth_sends_the_bearer_token() {
    let server = ok_server();
    client(&server).with_oauth(TOKEN).uses_oauth().send().await.unwrap();
    let request = server.single_request();
    assert_sent(&request, OAUTH, &[bearer_header()]);
    assert_eq!(request.header_values("content-length"), ["0"]);
}

#[tokio::test]
async fn uses_either_with_only_the_oauth_token_sends_the_bearer() {
    let server = ok_server();
    client(&server).with_oauth(TOKEN).uses_either().send().await.unwrap();
    client(&server).with_oauth(TOKEN).with_header_key(HEADER_KEY).uses_either().send().await.unwrap();
    client(&server).with_oauth(TOKEN).with_query_key(QUERY_KEY).uses_either().send().await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_sent(request, EITHER, &[bearer_header()]);
    }
}

#[tokio::test]
async fn uses_either_with_both_keys_sends_both_and_no_authorization() {
    let server = ok_server();
    let client = client(&server).with_header_key(HEADER_KEY).with_query_key(QUERY_KEY);
    client.uses_either().send().await.unwrap();
    // A Basic credential belongs to no alternative of this operation.
    client.with_basic_auth_(USER, Some(PASSWORD)).uses_either().send().await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_sent(request, "GET /v2/either?api_key=qk-s3cr3t-B2 HTTP/1.1", &[key_header()]);
    }
}

/// The second alternative needs both keys together; with one of them
/// neither alternative is satisfied, so nothing is sent and the server
/// decides. Sending half an alternative would leak a key for nothing.
#[tokio::test]
async fn uses_either_with_only_one_key_sends_no_credentials() {
    let server = ok_server();
    client(&server).with_header_key(HEADER_KEY).uses_either().send().await.unwrap();
    client(&server).with_query_key(QUERY_KEY).uses_either().send().await.unwrap();
    client(&server)
        .with_header_key(HEADER_KEY)
        .with_basic_auth_(USER, Some(PASSWORD))
        .uses_either()
        .send()
        .await
        .unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_sent(request, EITHER, &[]);
    }
}

#[tokio::test]
async fn is_public_sends_no_credentials_even_when_all_are_configured() {
    let server = ok_server();
    let client = with_all_schemes(client(&server));
    client.is_public().send().await.unwrap();
    client.is_public().send().await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_sent(request, PUBLIC, &[]);
    }
}

#[tokio::test]
async fn without_credentials_nothing_auth_related_is_sent() {
    let server = ok_server();
    call_every_operation(&client(&server)).await;
    let requests = server.requests();
    let lines = [DEFAULT, BASIC, QUERY, OAUTH, EITHER, PUBLIC];
    assert_eq!(requests.len(), lines.len());
    for (request, line) in requests.iter().zip(lines) {
        assert_sent(request, line, &[]);
        assert_eq!(request.query(), None, "{request:#?}");
    }
}

/// A request line and the credential headers expected with it.
type Exchange<'a> = (&'a str, &'a [(&'a str, &'a str)]);

/// A scheme credential is sent only to operations that accept the scheme.
#[tokio::test]
async fn each_scheme_credential_alone_reaches_only_its_operations() {
    let server = ok_server();
    call_every_operation(&client(&server).with_basic_auth_(USER, Some(PASSWORD))).await;
    call_every_operation(&client(&server).with_header_key(HEADER_KEY)).await;
    call_every_operation(&client(&server).with_query_key(QUERY_KEY)).await;
    call_every_operation(&client(&server).with_oauth(TOKEN)).await;
    let requests = server.requests();
    assert_eq!(requests.len(), 24);
    let query_with_key = "GET /v2/query?api_key=qk-s3cr3t-B2 HTTP/1.1";
    let expected: [[Exchange<'_>; 6]; 4] = [
        [(DEFAULT, &[]), (BASIC, &[basic_header()]), (QUERY, &[]), (OAUTH, &[]), (EITHER, &[]), (PUBLIC, &[])],
        [(DEFAULT, &[key_header()]), (BASIC, &[]), (QUERY, &[]), (OAUTH, &[]), (EITHER, &[]), (PUBLIC, &[])],
        [(DEFAULT, &[]), (BASIC, &[]), (query_with_key, &[]), (OAUTH, &[]), (EITHER, &[]), (PUBLIC, &[])],
        [
            (DEFAULT, &[]),
            (BASIC, &[]),
            (QUERY, &[]),
            (OAUTH, &[bearer_header()]),
            (EITHER, &[bearer_header()]),
            (PUBLIC, &[]),
        ],
    ];
    for (request, (line, credentials)) in requests.iter().zip(expected.iter().flatten()) {
        assert_sent(request, line, credentials);
    }
}

#[tokio::test]
async fn setting_a_scheme_credential_again_replaces_it() {
    let server = ok_server();
    let client =
        client(&server).with_header_key("old-key").with_header_key(HEADER_KEY).with_oauth("old").with_oauth(TOKEN);
    client.uses_default().send().await.unwrap();
    client.uses_oauth().send().await.unwrap();
    let requests = server.requests();
    assert_sent(&requests[0], DEFAULT, &[key_header()]);
    assert_sent(&requests[1], OAUTH, &[bearer_header()]);
}

/// The generic setters are documented to send "with every request,
/// whatever the spec declares": even to `security: []` operations. Where
/// an operation's scheme credential has the same header, it wins, so an
/// operation never sends two `Authorization` headers.
#[tokio::test]
async fn generic_credentials_go_with_every_call_and_scheme_credentials_take_precedence() {
    let server = ok_server();
    let client = client(&server)
        .with_bearer_token(GENERIC_TOKEN)
        .unwrap()
        .with_default_header("X-API-Key", DEFAULT_HEADER_SECRET)
        .unwrap();
    client.is_public().send().await.unwrap();
    let generic = ("authorization", "Bearer gen-s3cr3t-E5");
    let default_key = ("x-api-key", DEFAULT_HEADER_SECRET);
    assert_sent(&server.single_request(), PUBLIC, &[generic, default_key]);

    let client = with_all_schemes(client);
    call_every_operation(&client).await;
    let requests = server.requests();
    assert_eq!(requests.len(), 7);
    assert_sent(&requests[1], DEFAULT, &[generic, key_header()]);
    assert_sent(&requests[2], BASIC, &[basic_header(), default_key]);
    assert_sent(&requests[3], "GET /v2/query?api_key=qk-s3cr3t-B2 HTTP/1.1", &[generic, default_key]);
    assert_sent(&requests[4], OAUTH, &[bearer_header(), default_key]);
    assert_sent(&requests[5], EITHER, &[bearer_header(), default_key]);
    assert_sent(&requests[6], PUBLIC, &[generic, default_key]);
}

#[tokio::test]
async fn generic_basic_auth_is_not_the_basic_auth_scheme() {
    let server = ok_server();
    let client = client(&server).with_basic_auth("gen-user", Some("gen-s3cr3t-E5")).unwrap();
    client.uses_basic().send().await.unwrap();
    client.is_public().send().await.unwrap();
    let generic = ("authorization", "Basic Z2VuLXVzZXI6Z2VuLXMzY3IzdC1FNQ==");
    let requests = server.requests();
    assert_sent(&requests[0], BASIC, &[generic]);
    assert_sent(&requests[1], PUBLIC, &[generic]);
    // The scheme setter replaces it for `uses_basic` only.
    let client = client.with_basic_auth_(USER, Some(PASSWORD));
    client.uses_basic().send().await.unwrap();
    client.is_public().send().await.unwrap();
    let requests = server.requests();
    assert_sent(&requests[2], BASIC, &[basic_header()]);
    assert_sent(&requests[3], PUBLIC, &[generic]);
}

/// A credential that cannot travel in a header fails the call that would
/// send it, before anything is sent, without repeating the value; calls
/// that do not need it are unaffected.
#[tokio::test]
async fn header_credentials_with_line_breaks_are_invalid_request_and_nothing_is_sent() {
    let server = ok_server();
    for bad in ["k\r\nX-Injected: 1", "k\nX-Injected: 1", "k\0"] {
        let client = client(&server).with_header_key(bad).with_oauth(bad);
        let outcomes = [
            ("uses_default", "x-api-key", client.uses_default().send().await),
            ("uses_oauth", "authorization", client.uses_oauth().send().await),
            ("uses_either", "authorization", client.uses_either().send().await),
        ];
        for (operation, header, outcome) in outcomes {
            match outcome {
                Err(Error::InvalidRequest(message)) => {
                    assert!(message.to_ascii_lowercase().contains(header), "{operation} {bad:?}: {message}");
                    assert!(!message.contains("Injected"), "{operation} {bad:?}: error repeats the secret: {message}");
                }
                other => panic!("{operation} {bad:?}: expected InvalidRequest, got {other:?}"),
            }
        }
    }
    assert!(server.requests().is_empty());
    assert_eq!(server.connections(), 0);
    let client = client(&server).with_header_key("k\r\nX-Injected: 1");
    client.is_public().send().await.unwrap();
    assert_sent(&server.single_request(), PUBLIC, &[]);
}

#[tokio::test]
async fn query_key_with_line_breaks_is_encoded_not_injected() {
    let server = ok_server();
    client(&server).with_query_key("k\r\nX-Injected: 1").uses_query_key().send().await.unwrap();
    let request = server.single_request();
    assert_sent(&request, "GET /v2/query?api_key=k%0D%0AX-Injected%3A+1 HTTP/1.1", &[]);
    assert_eq!(request.header("x-injected"), None);
}

/// Asserts that no secret of this file appears in `text`.
#[track_caller]
fn assert_no_secret(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} leaks {secret:?}: {text}");
    }
}

fn every_kind_of_credential(client: Client) -> Client {
    with_all_schemes(client)
        .with_bearer_token(GENERIC_TOKEN)
        .unwrap()
        .with_default_header("X-Tenant-Key", DEFAULT_HEADER_SECRET)
        .unwrap()
}

#[test]
fn client_and_builder_debug_never_show_secrets() {
    let client = every_kind_of_credential(Client::with_http_client("http://127.0.0.1:9/v2", common::http()));
    let debug = format!("{client:?}");
    assert_no_secret("Debug of Client", &debug);
    for scheme in ["basic_auth", "header_key", "query_key", "oauth", "x-tenant-key", "authorization"] {
        assert!(debug.contains(scheme), "Debug of Client should name {scheme:?}: {debug}");
    }
    assert_no_secret("Debug of a clone", &format!("{:?}", client.clone()));
    assert_no_secret("Debug of uses_default", &format!("{:?}", client.uses_default()));
    assert_no_secret("Debug of uses_basic", &format!("{:?}", client.uses_basic()));
    assert_no_secret("Debug of uses_query_key", &format!("{:?}", client.uses_query_key()));
    assert_no_secret("Debug of uses_oauth", &format!("{:?}", client.uses_oauth()));
    assert_no_secret("Debug of uses_either", &format!("{:?}", client.uses_either()));
    assert_no_secret("Debug of is_public", &format!("{:?}", client.is_public()));
}

fn kind(err: &Error) -> &'static str {
    match err {
        Error::InvalidRequest(_) => "InvalidRequest",
        Error::Transport(_) => "Transport",
        Error::Timeout(_) => "Timeout",
        Error::TokenProvider(_) => "TokenProvider",
        Error::ErrorResponse(_) => "ErrorResponse",
        Error::UnexpectedResponse(_) => "UnexpectedResponse",
        Error::InvalidBody { .. } => "InvalidBody",
        Error::Paging(_) => "Paging",
        Error::Polling(_) => "Polling",
    }
}

/// The query key is part of the URL, which transport errors carry; it
/// must be redacted there, and nothing else secret may show either.
#[tokio::test]
async fn errors_never_show_secrets() {
    let refused = common::refusing_url();
    let hanging = Server::fixed(Reply::Hang);
    let cut_off = Server::fixed(Response::new(200).json("{\"a\":").declared_length(1000));
    let unauthorized = Server::fixed(Response::new(401).json(r#"{"message":"bad key"}"#));
    let redirect = Server::fixed(Response::new(302).body("moved"));
    // Redirects back to the very URL it was asked for, key included, until
    // the HTTP client gives up.
    let looping = Server::start(|request| Response::new(302).header("Location", &request.target).into());
    // Not UTF-8: a body without a schema that is JSON or text is returned, not an error.
    let garbage = Server::fixed(Response::new(200).body(b"\xff<html>".to_vec()));
    let cases = [
        (refused, Duration::from_secs(10), "Transport"),
        (hanging.url(), Duration::from_millis(200), "Timeout"),
        (cut_off.url(), Duration::from_secs(10), "Transport"),
        (unauthorized.url(), Duration::from_secs(10), "ErrorResponse"),
        (redirect.url(), Duration::from_secs(10), "UnexpectedResponse"),
        (looping.url(), Duration::from_secs(10), "Transport"),
        (garbage.url(), Duration::from_secs(10), "InvalidBody"),
    ];
    for (base_url, timeout, expected_kind) in cases {
        let http = common::http_with_timeout(timeout);
        let client = every_kind_of_credential(Client::with_http_client(format!("{base_url}/v2"), http));
        let calls = [
            ("uses_default", deadline("uses_default", client.uses_default().send()).await),
            ("uses_basic", deadline("uses_basic", client.uses_basic().send()).await),
            ("uses_query_key", deadline("uses_query_key", client.uses_query_key().send()).await),
            ("uses_oauth", deadline("uses_oauth", client.uses_oauth().send()).await),
            ("uses_either", deadline("uses_either", client.uses_either().send()).await),
        ];
        for (operation, outcome) in calls {
            let err = outcome.unwrap_err();
            let what = format!("{operation} against {base_url} ({expected_kind})");
            assert_eq!(kind(&err), expected_kind, "{what}: {err:?}");
            assert_no_secret(&format!("Debug of Error of {what}"), &format!("{err:?}"));
            assert_no_secret(&format!("Display of Error of {what}"), &err.to_string());
            let mut source = std::error::Error::source(&err);
            while let Some(inner) = source {
                assert_no_secret(&format!("source of Error of {what}"), &format!("{inner} {inner:?}"));
                source = inner.source();
            }
        }
    }
    assert!(!looping.requests().is_empty());
}

/// The connection-refused error of `uses_query_key` still names the URL,
/// with the key replaced, so the failure stays diagnosable.
#[tokio::test]
async fn transport_error_shows_the_url_with_the_query_key_redacted() {
    let refused = common::refusing_url();
    let client = Client::with_http_client(format!("{refused}/v2"), common::http()).with_query_key(QUERY_KEY);
    let err = client.uses_query_key().send().await.unwrap_err();
    assert_eq!(kind(&err), "Transport", "{err:?}");
    let display = err.to_string();
    assert_no_secret("Display of Error", &display);
    assert_no_secret("Debug of Error", &format!("{err:?}"));
    assert!(display.contains(&format!("{refused}/v2/query?api_key=REDACTED")), "{display}");
}

#[tokio::test]
async fn invalid_base_url_error_shows_no_secret() {
    let client = every_kind_of_credential(Client::with_http_client("not a url", common::http()));
    let err = client.uses_query_key().send().await.unwrap_err();
    assert_eq!(kind(&err), "InvalidRequest", "{err:?}");
    assert_no_secret("Debug of Error", &format!("{err:?}"));
    assert_no_secret("Display of Error", &err.to_string());
}

/// Whether `Client::new`, which builds its own reqwest client, would send
/// to 127.0.0.1 directly: it honours proxy variables.
fn system_proxy_configured() -> bool {
    ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"].iter().any(|name| std::env::var_os(name).is_some())
}

/// The client's own HTTP client follows a same-origin redirect without a
/// `Referer` (which would repeat the URL holding the query key), and does
/// not follow one to another origin, which would receive the header key.
#[tokio::test]
async fn default_http_client_keeps_keys_from_redirect_targets() {
    if system_proxy_configured() {
        eprintln!("skipped: a proxy variable is set, so security::Client::new would not reach 127.0.0.1 directly");
        return;
    }
    let other_origin = ok_server();
    let elsewhere = format!("{}/elsewhere", other_origin.url());
    let origin = Server::start(move |request| match request.path() {
        "/v2/query" => Response::new(302).header("Location", "/v2/moved").into(),
        "/v2/default" => Response::new(302).header("Location", &elsewhere).into(),
        _ => Response::new(200).json("{}").into(),
    });
    let client = Client::new(format!("{}/v2", origin.url())).with_query_key(QUERY_KEY).with_header_key(HEADER_KEY);
    deadline("same-origin redirect", client.uses_query_key().send()).await.unwrap();
    let outcome = deadline("cross-origin redirect", client.uses_default().send()).await;
    assert!(matches!(outcome, Err(Error::UnexpectedResponse(_))), "{outcome:?}");
    let requests = origin.requests();
    assert_eq!(requests.len(), 3, "{requests:#?}");
    assert_sent(&requests[0], "GET /v2/query?api_key=qk-s3cr3t-B2 HTTP/1.1", &[]);
    assert_eq!(requests[1].request_line, "GET /v2/moved HTTP/1.1");
    assert_eq!(requests[1].header("referer"), None, "{:#?}", requests[1]);
    for (name, value) in &requests[1].headers {
        assert_no_secret(&format!("header {name} of the redirected request"), value);
    }
    assert_sent(&requests[2], DEFAULT, &[key_header()]);
    assert!(other_origin.requests().is_empty(), "{:#?}", other_origin.requests());
}

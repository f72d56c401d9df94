//! How the generated client turns what the server answers (or fails to
//! answer) into a `ResponseValue` or an `Error` variant. `get_issue`
//! decodes an `IssueBean` and declares Jira's `ErrorCollection` on 401 and
//! 404.

mod common;

use std::time::{Duration, Instant};

use jira::types::{ErrorCollection, GetSelectedTimeTrackingImplementationSuccess, IssueBean};
use serde_json::json;
use swagger2rs_e2e::{Reply, Response, Server, deadline};

type Outcome = Result<jira::ResponseValue<IssueBean>, jira::Error<ErrorCollection>>;

/// Sends one `get_issue` to a server answering `reply`, returning the
/// outcome and the server (to inspect what it received).
async fn get_issue_answered_with(reply: impl Into<Reply>) -> (Outcome, Server) {
    let server = Server::fixed(reply);
    let outcome = deadline("get_issue", common::client(&server.url()).get_issue("PROJ-1").send()).await;
    (outcome, server)
}

#[tokio::test]
async fn json_body_is_decoded_with_status_and_headers() {
    let body = r#"{"id":"10000","key":"PROJ-1","fields":{"summary":"Ω 🦀","labels":["a","b"],"n":1.5,"x":null}}"#;
    let reply = Response::new(200).header("X-Trace", "t-1").header("Set-Cookie", "a=1").header("Set-Cookie", "b=2");
    let (outcome, _) = get_issue_answered_with(reply.json(body)).await;
    let value = outcome.unwrap();
    assert_eq!(value.status().as_u16(), 200);
    assert_eq!(value.headers()["x-trace"], "t-1");
    assert_eq!(value.headers().get_all("set-cookie").iter().collect::<Vec<_>>(), ["a=1", "b=2"]);
    let fields = json!({"summary": "Ω 🦀", "labels": ["a", "b"], "n": 1.5, "x": null});
    let expected = IssueBean {
        id: Some("10000".into()),
        key: Some("PROJ-1".into()),
        fields: Some(serde_json::from_value(fields).unwrap()),
        ..serde_json::from_str("{}").unwrap()
    };
    assert_eq!(*value.body(), expected);
    let issue = value.into_body();
    assert_eq!(issue, expected);
    assert_eq!(issue.fields.unwrap()["x"], serde_json::Value::Null);
}

#[tokio::test]
async fn other_success_statuses_are_decoded_too() {
    for status in [201, 202, 299] {
        let (outcome, _) = get_issue_answered_with(Response::new(status).json(r#"{"key":"PROJ-1"}"#)).await;
        let value = outcome.unwrap_or_else(|err| panic!("{status}: {err:?}"));
        assert_eq!((value.status().as_u16(), value.body().key.as_deref()), (status, Some("PROJ-1")));
    }
}

/// With time tracking turned off, Jira answers 204 without a body; an empty
/// 200 cannot be a provider, whose `key` is required.
#[tokio::test]
async fn empty_success_body_is_no_content_or_invalid() {
    for body in ["", " \r\n"] {
        let server = Server::fixed(Response::new(204).header("Content-Type", "application/json").body(body));
        let outcome = common::client(&server.url()).get_selected_time_tracking_implementation().send().await;
        let value = outcome.unwrap_or_else(|err| panic!("body {body:?}: {err:?}"));
        assert_eq!(value.status().as_u16(), 204);
        assert_eq!(*value.body(), GetSelectedTimeTrackingImplementationSuccess::Status204);
        assert_eq!(server.single_request().request_line, "GET /api/2/configuration/timetracking HTTP/1.1");

        let server = Server::fixed(Response::new(200).header("Content-Type", "application/json").body(body));
        let outcome = common::client(&server.url()).get_selected_time_tracking_implementation().send().await;
        match outcome {
            Err(jira::Error::InvalidBody { status, body: raw, .. }) => {
                assert_eq!((status.as_u16(), raw.as_ref()), (200, body.as_bytes()));
            }
            other => panic!("body {body:?}: expected InvalidBody, got {other:?}"),
        }
    }
    let server = Server::fixed(Response::new(204));
    let outcome = common::client(&server.url()).delete_dashboard_item_property("1", "2", "k").send().await;
    let value = outcome.unwrap();
    assert_eq!((value.status().as_u16(), value.body()), (204, &()));
}

#[tokio::test]
async fn non_json_success_body_is_invalid_body_with_raw_body() {
    let html = "<html><body>Service under maintenance</body></html>";
    let reply = Response::new(200).header("Content-Type", "text/html").header("X-Trace", "t-2").body(html);
    let (outcome, _) = get_issue_answered_with(reply).await;
    match outcome {
        Err(jira::Error::InvalidBody { status, headers, body, message }) => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(headers["content-type"], "text/html");
            assert_eq!(headers["x-trace"], "t-2");
            assert_eq!(body, html.as_bytes());
            assert!(!message.is_empty());
        }
        other => panic!("expected InvalidBody, got {other:?}"),
    }
    let (outcome, _) = get_issue_answered_with(Response::new(200).json(r#"{"truncated":"#)).await;
    match outcome {
        Err(err @ jira::Error::InvalidBody { .. }) => assert_eq!(err.status().map(|s| s.as_u16()), Some(200)),
        other => panic!("expected InvalidBody, got {other:?}"),
    }
}

#[tokio::test]
async fn declared_error_statuses_with_json_body_are_error_responses() {
    for status in [401, 404] {
        let body = format!(r#"{{"errorMessages":["failed with {status}"],"errors":{{}}}}"#);
        let reply = Response::new(status).header("Retry-After", "7").json(&body);
        let (outcome, server) = get_issue_answered_with(reply).await;
        match outcome {
            Err(jira::Error::ErrorResponse(value)) => {
                assert_eq!(value.status().as_u16(), status);
                assert_eq!(value.headers()["retry-after"], "7");
                assert_eq!(value.headers()["content-type"], "application/json");
                let expected = ErrorCollection {
                    error_messages: Some(vec![format!("failed with {status}")]),
                    errors: Some(Default::default()),
                    status: None,
                };
                assert_eq!(*value.body(), expected);
            }
            other => panic!("{status}: expected ErrorResponse, got {other:?}"),
        }
        assert_eq!(server.requests().len(), 1, "{status}: an error status must not be retried");
    }
}

/// `get_issue` documents only 401 and 404; any other error status keeps its
/// raw body, undecoded, and is not retried either.
#[tokio::test]
async fn undeclared_error_statuses_with_json_body_are_unexpected_responses() {
    for status in [400, 403, 409, 429, 500, 503, 599] {
        let body = format!(r#"{{"errorMessages":["failed with {status}"],"errors":{{}}}}"#);
        let reply = Response::new(status).header("Retry-After", "7").json(&body);
        let (outcome, server) = get_issue_answered_with(reply).await;
        match outcome {
            Err(jira::Error::UnexpectedResponse(value)) => {
                assert_eq!(value.status().as_u16(), status);
                assert_eq!(value.headers()["retry-after"], "7");
                assert_eq!(value.body().as_ref(), body.as_bytes());
            }
            other => panic!("{status}: expected UnexpectedResponse, got {other:?}"),
        }
        assert_eq!(server.requests().len(), 1, "{status}: an error status must not be retried");
    }
}

/// An empty body is no `ErrorCollection`: the status and the (empty) raw
/// body are kept.
#[tokio::test]
async fn declared_error_status_with_empty_body_is_invalid_body() {
    let (outcome, _) = get_issue_answered_with(Response::new(404)).await;
    match outcome {
        Err(jira::Error::InvalidBody { status, body, .. }) => {
            assert_eq!(status.as_u16(), 404);
            assert!(body.is_empty());
        }
        other => panic!("expected InvalidBody, got {other:?}"),
    }
}

#[tokio::test]
async fn error_status_with_non_json_body_keeps_status_and_raw_body() {
    let html = "<h1>401-ish login page</h1>";
    let (outcome, _) = get_issue_answered_with(Response::new(401).header("Content-Type", "text/html").body(html)).await;
    match outcome {
        Err(jira::Error::InvalidBody { status, body, .. }) => {
            assert_eq!(status.as_u16(), 401);
            assert_eq!(body, html.as_bytes());
        }
        other => panic!("expected InvalidBody, got {other:?}"),
    }
    let html = "<h1>502-ish gateway page</h1>";
    let (outcome, _) = get_issue_answered_with(Response::new(500).header("Content-Type", "text/html").body(html)).await;
    match outcome {
        Err(jira::Error::UnexpectedResponse(value)) => {
            assert_eq!(value.status().as_u16(), 500);
            assert_eq!(value.body().as_ref(), html.as_bytes());
        }
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn undeclared_statuses_are_unexpected_responses_with_raw_body() {
    // A 302 without `Location` cannot be followed, so reqwest surfaces it;
    // so does a 101 the client never asked for.
    for status in [101, 302, 304, 399, 600] {
        let reply = Response::new(status).header("X-Trace", "t-3").body("not json");
        let (outcome, server) = get_issue_answered_with(reply).await;
        match outcome {
            Err(jira::Error::UnexpectedResponse(value)) => {
                assert_eq!(value.status().as_u16(), status);
                assert_eq!(value.headers()["x-trace"], "t-3");
                // A 304 has no body by definition, and after a 101 the
                // connection no longer speaks HTTP, whatever the server writes.
                let expected: &[u8] = if status == 101 || status == 304 { b"" } else { b"not json" };
                assert_eq!(value.body().as_ref(), expected, "{status}");
            }
            other => panic!("{status}: expected UnexpectedResponse, got {other:?}"),
        }
        assert_eq!(server.requests().len(), 1);
    }
}

#[tokio::test]
async fn connection_refused_is_transport_error() {
    let client = common::client(&common::refusing_url());
    let err = deadline("refused call", client.get_attachment_meta().send()).await.unwrap_err();
    match &err {
        jira::Error::Transport(inner) => assert!(inner.is_connect(), "{inner:?}"),
        other => panic!("expected Transport, got {other:?}"),
    }
    assert_eq!(err.status(), None);
    assert!(std::error::Error::source(&err).is_some());
}

#[tokio::test]
async fn server_that_never_answers_times_out_as_timeout_error() {
    let server = Server::fixed(Reply::Hang);
    let http = common::http_with_timeout(Duration::from_millis(300));
    let client = jira::Client::with_http_client(server.url(), http);
    let started = Instant::now();
    let err = deadline("hanging call", client.get_issue("PROJ-1").send()).await.unwrap_err();
    let elapsed = started.elapsed();
    match &err {
        jira::Error::Timeout(inner) => assert!(inner.is_timeout() && inner.attempts() == 1, "{inner:?}"),
        other => panic!("expected Timeout, got {other:?}"),
    }
    assert!(elapsed >= Duration::from_millis(300) && elapsed < Duration::from_secs(5), "{elapsed:?}");
    assert_eq!(server.single_request().request_line, "GET /api/2/issue/PROJ-1 HTTP/1.1");
}

#[tokio::test]
async fn connection_closed_without_answer_is_transport_error() {
    let (outcome, server) = get_issue_answered_with(Reply::Close).await;
    match outcome {
        Err(jira::Error::Transport(_)) => {}
        other => panic!("expected Transport, got {other:?}"),
    }
    assert!(!server.requests().is_empty(), "the close must come after a received request");
}

#[tokio::test]
async fn connection_closed_mid_body_is_transport_error() {
    let reply = Response::new(200).json(r#"{"key":"PROJ-1","#).declared_length(1000);
    let (outcome, _) = get_issue_answered_with(reply).await;
    match outcome {
        Err(jira::Error::Transport(_)) => {}
        other => panic!("expected Transport, got {other:?}"),
    }
}

const HUGE: usize = 50 * 1024 * 1024;
const CHUNK: usize = 64 * 1024;

#[tokio::test]
async fn huge_json_body_is_decoded() {
    let reply = Response::new(200).header("Content-Type", "application/json").repeated(
        br#"{"key":"PROJ-1","fields":{"description":""#,
        vec![b'a'; CHUNK],
        HUGE / CHUNK,
        br#""}}"#,
    );
    let (outcome, _) = get_issue_answered_with(reply).await;
    let value = outcome.unwrap_or_else(|err| panic!("{}", err));
    assert_eq!(value.body().key.as_deref(), Some("PROJ-1"));
    let fields = value.body().fields.as_ref().expect("the issue has fields");
    let blob = fields["description"].as_str().expect("the description is a string");
    assert_eq!(blob.len(), HUGE);
    assert!(blob.bytes().all(|b| b == b'a'));
}

#[tokio::test]
async fn huge_garbage_body_is_invalid_body() {
    let reply = Response::new(200).header("Content-Type", "application/json").repeated(
        b"\x00garbage",
        vec![0xFF; CHUNK],
        HUGE / CHUNK,
        b"",
    );
    let (outcome, _) = get_issue_answered_with(reply).await;
    match outcome {
        Err(jira::Error::InvalidBody { status, body, .. }) => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(body.len(), HUGE + 8);
            assert!(body.starts_with(b"\x00garbage"));
        }
        Err(other) => panic!("expected InvalidBody, got {other}"),
        Ok(value) => panic!("garbage decoded as {:?}", value.body().key),
    }
}

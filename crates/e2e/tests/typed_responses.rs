//! Responses typed by status (`spec/fixtures/responses.yaml`): declared success and error bodies decode into
//! their own types, differing ones into enums by status, `default` catches the rest, and non-JSON media
//! types decode as text or bytes.

use std::time::Duration;

use responses::types::{
    DeleteThingSuccess, GetJobFailure, GetJobSuccess, Job, Problem, StartJobFailure, StartJobSuccess, Thing,
};
use responses::{Error, runtime::Bytes};
use serde_json::json;
use swagger2rs_e2e::{Response, Server};

fn client(url: &str) -> responses::Client {
    let http = reqwest::Client::builder().no_proxy().timeout(Duration::from_secs(10)).build().expect("client");
    responses::Client::with_http_client(url, http)
}

fn json(status: u16, body: &str) -> Server {
    Server::fixed(Response::new(status).json(body))
}

fn problem() -> Problem {
    Problem { message: Some("nope".into()), code: Some(7) }
}

const PROBLEM: &str = r#"{"message":"nope","code":7}"#;
const JOB: &str = r#"{"id":"j1","state":"queued"}"#;

fn job() -> Job {
    Job { id: Some("j1".into()), state: Some("queued".into()) }
}

#[tokio::test]
async fn a_declared_success_decodes_into_its_type() {
    let server = json(200, r#"{"id":"t1","size":3}"#);
    let thing = client(&server.url()).get_thing("t1").send().await.expect("ok");
    assert_eq!(thing.into_body(), Thing { id: "t1".into(), size: Some(3) });
    assert_eq!(server.single_request().request_line, "GET /things/t1 HTTP/1.1");
}

#[tokio::test]
async fn declared_error_statuses_decode_into_the_error_type() {
    for status in [404, 500] {
        let server = json(status, PROBLEM);
        let error = client(&server.url()).get_thing("t1").send().await.expect_err("an error status");
        let Error::ErrorResponse(response) = error else { panic!("{status}: {error:?}") };
        assert_eq!(response.status().as_u16(), status);
        assert_eq!(response.into_body(), problem());
    }
}

#[tokio::test]
async fn an_undeclared_error_status_is_unexpected_when_errors_are_typed() {
    let server = json(418, r#"{"teapot":true}"#);
    let error = client(&server.url()).get_thing("t1").send().await.expect_err("undeclared");
    let Error::UnexpectedResponse(response) = error else { panic!("{error:?}") };
    assert_eq!(response.status().as_u16(), 418);
    assert_eq!(response.body(), &Bytes::from_static(br#"{"teapot":true}"#));
}

#[tokio::test]
async fn default_types_every_other_status() {
    let server = Server::fixed(Response::new(204));
    let deleted = client(&server.url()).delete_thing("t1").send().await.expect("204");
    assert_eq!(deleted.status().as_u16(), 204);
    // `default` may also describe a success status, so the success side is an enum too.
    assert_eq!(deleted.into_body(), DeleteThingSuccess::Status204);
    for status in [400, 503] {
        let server = json(status, PROBLEM);
        let error = client(&server.url()).delete_thing("t1").send().await.expect_err("default error");
        assert!(matches!(&error, Error::ErrorResponse(r) if *r.body() == problem()), "{status}: {error:?}");
    }
}

#[tokio::test]
async fn text_plain_decodes_as_a_string() {
    let server = Server::fixed(Response::new(200).header("content-type", "text/plain").body("Ωmega"));
    let name = client(&server.url()).get_thing_name("t1").send().await.expect("text");
    assert_eq!(name.body(), "Ωmega");
    assert_eq!(server.single_request().header("accept"), Some("text/plain"));
}

#[tokio::test]
async fn octet_streams_are_bytes_both_ways() {
    let data = vec![0u8, 255, 13, 10];
    let server =
        Server::fixed(Response::new(200).header("content-type", "application/octet-stream").body(data.clone()));
    let blob = client(&server.url()).get_thing_blob("t1").send().await.expect("bytes");
    assert_eq!(blob.body(), &Bytes::from(data.clone()));

    let server = Server::fixed(Response::new(204));
    client(&server.url()).put_thing_blob("t1", data.clone()).send().await.expect("stored");
    let request = server.single_request();
    assert_eq!(request.header("content-type"), Some("application/octet-stream"));
    assert_eq!(request.body, data);
}

#[tokio::test]
async fn differing_success_bodies_decode_into_an_enum_by_status() {
    let cases: [(u16, &str, StartJobSuccess); 4] = [
        (200, r#"{"id":"t1"}"#, StartJobSuccess::Status200(Thing { id: "t1".into(), size: None })),
        (202, JOB, StartJobSuccess::Status202(job())),
        (204, "", StartJobSuccess::Status204),
        (201, r#"{"x":1}"#, StartJobSuccess::Other(json!({"x": 1}))),
    ];
    for (status, body, expected) in cases {
        let server = json(status, body);
        let response = client(&server.url()).start_job().send().await.expect("success");
        assert_eq!(response.status().as_u16(), status);
        assert_eq!(response.into_body(), expected, "{status}");
    }
}

#[tokio::test]
async fn differing_error_bodies_decode_into_an_enum_by_status() {
    let server = json(400, PROBLEM);
    let error = client(&server.url()).start_job().send().await.expect_err("400");
    assert!(
        matches!(&error, Error::ErrorResponse(r) if *r.body() == StartJobFailure::Status400(problem())),
        "{error:?}"
    );
    let server = json(409, JOB);
    let error = client(&server.url()).start_job().send().await.expect_err("409");
    assert!(matches!(&error, Error::ErrorResponse(r) if *r.body() == StartJobFailure::Status409(job())), "{error:?}");
    let server = json(500, PROBLEM);
    let error = client(&server.url()).start_job().send().await.expect_err("500 is not declared");
    assert!(matches!(error, Error::UnexpectedResponse(_)), "{error:?}");
}

#[tokio::test]
async fn a_body_of_the_wrong_shape_for_its_status_is_invalid() {
    let server = json(202, r#"{"id": 5}"#);
    let error = client(&server.url()).start_job().send().await.expect_err("bad 202 body");
    assert!(matches!(&error, Error::InvalidBody { status, .. } if status.as_u16() == 202), "{error:?}");
}

#[tokio::test]
async fn default_variants_take_the_statuses_nothing_else_declares() {
    let server = json(200, JOB);
    let ok = client(&server.url()).get_job("j1").send().await.expect("200");
    assert_eq!(ok.into_body(), GetJobSuccess::Status200(job()));
    let server = json(201, PROBLEM);
    let other = client(&server.url()).get_job("j1").send().await.expect("201 falls to default");
    assert_eq!(other.into_body(), GetJobSuccess::Default(problem()));
    let server = json(404, "");
    let error = client(&server.url()).get_job("j1").send().await.expect_err("404");
    assert!(
        matches!(&error, Error::ErrorResponse(r) if *r.body() == GetJobFailure::Status404(serde_json::Value::Null))
    );
    let server = json(503, PROBLEM);
    let error = client(&server.url()).get_job("j1").send().await.expect_err("503");
    assert!(matches!(&error, Error::ErrorResponse(r) if *r.body() == GetJobFailure::Default(problem())), "{error:?}");
}

#[tokio::test]
async fn declared_response_headers_are_typed() {
    let server = Server::fixed(
        Response::new(200)
            .header("X-Rate-Limit", "42")
            .header("X-Expires-After", "2026-11-28T12:00:00Z")
            .header("X-Tags", "a, b,c")
            .json(JOB),
    );
    let response = client(&server.url()).get_job("j1").send().await.expect("200");
    let headers = responses::types::GetJobHeaders::from_headers(response.headers());
    assert_eq!(headers.x_rate_limit, Some(42));
    assert_eq!(headers.x_expires_after.map(|t| t.to_rfc3339()).as_deref(), Some("2026-11-28T12:00:00+00:00"));
    assert_eq!(headers.x_tags, Some(vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]));

    let server = Server::fixed(Response::new(200).header("X-Rate-Limit", "many").json(JOB));
    let response = client(&server.url()).get_job("j1").send().await.expect("200");
    let headers = responses::types::GetJobHeaders::from_headers(response.headers());
    assert_eq!(headers, responses::types::GetJobHeaders::default(), "bad or absent values are None, not errors");
}

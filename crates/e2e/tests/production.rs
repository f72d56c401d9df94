//! The production features of a generated client, on the wire: retries (attempts, `Retry-After`, what is
//! never retried), per-call timeouts, token providers refreshed after a 401, the default `User-Agent`.
//!
//! Timing runs on paused tokio time: the client's backoff sleeps and timeouts complete as soon as nothing else
//! can run, and the server stamps each request with that clock, which shows the delays the client chose. No
//! test sleeps in real time.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bodies::runtime::{RetryPolicy, TokenFuture, TokenProvider};
use swagger2rs_e2e::{RecordedRequest, Reply, Response, Server};
use tokio::time::Instant;

/// An HTTP client for the local server with no timeout of its own (on paused time a client timeout would
/// fire as soon as the runtime idles).
fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().expect("build reqwest client")
}

fn client(server: &Server) -> bodies::Client {
    bodies::Client::with_http_client(format!("{}/v1", server.url()), http())
}

/// A server answering each request with `script[n]` (the last entry once the script runs out), recording when
/// each request arrived.
fn scripted(script: Vec<Reply>) -> (Server, Arc<Mutex<Vec<Instant>>>) {
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&arrivals);
    let server = Server::start(move |_: &RecordedRequest| {
        let mut seen = seen.lock().unwrap();
        seen.push(Instant::now());
        script[(seen.len() - 1).min(script.len() - 1)].clone()
    });
    (server, arrivals)
}

fn unavailable(retry_after: &str) -> Reply {
    Response::new(503).header("Retry-After", retry_after).json(r#"{"error":"busy"}"#).into()
}

fn blob() -> Reply {
    Response::new(200).header("Content-Type", "application/octet-stream").body("ok").into()
}

#[tokio::test(start_paused = true)]
async fn a_get_is_retried_after_the_wait_the_server_asks_for() {
    let (server, arrivals) = scripted(vec![unavailable("2"), unavailable("3"), blob()]);
    let client = client(&server).with_retry(RetryPolicy::default());
    let value = client.get_blob("a").send().await.expect("the third attempt succeeds");
    assert_eq!((value.body().as_ref(), value.attempts()), (&b"ok"[..], 3));
    let arrivals = arrivals.lock().unwrap();
    let waits: Vec<Duration> = arrivals.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(waits[0] >= Duration::from_secs(2) && waits[1] >= Duration::from_secs(3), "{waits:?}");
}

#[tokio::test(start_paused = true)]
async fn retries_are_off_until_the_client_opts_in() {
    let (server, _) = scripted(vec![unavailable("1"), blob()]);
    let error = client(&server).get_blob("a").send().await.unwrap_err();
    assert_eq!((error.status().map(|s| s.as_u16()), error.attempts()), (Some(503), 1));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_server_that_stays_unavailable_ends_in_an_error_within_the_policy() {
    let (server, _) = scripted(vec![unavailable("1")]);
    let policy = RetryPolicy::default().max_attempts(4);
    let started = Instant::now();
    let error = client(&server).with_retry(policy).get_blob("a").send().await.unwrap_err();
    assert_eq!((error.status().map(|s| s.as_u16()), error.attempts()), (Some(503), 4));
    assert_eq!(server.requests().len(), 4);
    assert!(started.elapsed() < Duration::from_secs(60), "{:?}", started.elapsed());
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_beyond_the_policy_gives_up_at_once() {
    let (server, _) = scripted(vec![unavailable("31536000"), blob()]);
    let started = Instant::now();
    let error = client(&server).with_retry(RetryPolicy::default()).get_blob("a").send().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.requests().len(), 1, "no year-long sleep, no second attempt");
    assert!(started.elapsed() < Duration::from_secs(1));
}

/// `POST /notes` is not idempotent: a 503 may have been acted on, so it is not sent again unless the policy
/// says so for this call.
#[tokio::test(start_paused = true)]
async fn a_post_is_retried_only_when_the_call_opts_in() {
    let note = || Response::new(200).header("Content-Type", "text/plain").body("stored").into();
    let (server, _) = scripted(vec![unavailable("1"), unavailable("1"), note()]);
    let client = client(&server).with_retry(RetryPolicy::default());
    let error = client.post_note("n").send().await.unwrap_err();
    assert_eq!((error.status().map(|s| s.as_u16()), error.attempts()), (Some(503), 1));
    let value = client.post_note("n").retry(RetryPolicy::default().retry_non_idempotent(true)).send().await.unwrap();
    assert_eq!((value.body().as_str(), value.attempts()), ("stored", 2));
}

#[tokio::test(start_paused = true)]
async fn a_call_past_its_timeout_is_a_timeout_error() {
    let server = Server::start(|_| Reply::Hang);
    let client = client(&server).with_timeout(Duration::from_secs(30));
    let started = Instant::now();
    let error = client.get_blob("a").timeout(Duration::from_secs(5)).send().await.unwrap_err();
    assert!(matches!(error, bodies::Error::Timeout(_)), "{error:?}");
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_secs(5) && elapsed < Duration::from_secs(30), "{elapsed:?}");
}

/// Hands out `t1`, then `t2` once asked to refresh.
struct Rotating(AtomicUsize);

impl TokenProvider for Rotating {
    fn token(&self, refresh: bool) -> TokenFuture<'_> {
        let generation =
            if refresh { self.0.fetch_add(1, Ordering::SeqCst) + 1 } else { self.0.load(Ordering::SeqCst) };
        Box::pin(async move { Ok(format!("t{}", generation + 1)) })
    }
}

#[tokio::test]
async fn a_token_the_server_rejects_is_refreshed_once() {
    let server = Server::start(|request| match request.header("authorization") {
        Some("Bearer t2") => blob(),
        _ => Response::new(401).json(r#"{"error":"expired"}"#).into(),
    });
    let client = client(&server).with_token_provider(Rotating(AtomicUsize::new(0)));
    let value = client.get_blob("a").send().await.expect("the refreshed token is accepted");
    assert_eq!(value.attempts(), 2);
    let sent: Vec<Option<String>> =
        server.requests().iter().map(|r| r.header("authorization").map(str::to_owned)).collect();
    assert_eq!(sent, [Some("Bearer t1".to_owned()), Some("Bearer t2".to_owned())]);
}

#[tokio::test]
async fn requests_name_the_client_crate_unless_told_otherwise() {
    let server = Server::fixed(blob());
    client(&server).get_blob("a").send().await.unwrap();
    client(&server).with_user_agent("my-app/2").unwrap().get_blob("a").send().await.unwrap();
    let agents: Vec<String> =
        server.requests().iter().map(|r| r.header("user-agent").unwrap_or_default().to_owned()).collect();
    assert_eq!(agents, ["bodies/0.1.0", "my-app/2"]);
}

/// `send` returns the runtime's future rather than being an `async fn`; a program can still spawn calls of
/// both kinds (decoded as JSON, and dispatched on the status) as tasks, which `tokio::spawn` allows only for
/// `Send` futures.
#[tokio::test]
async fn calls_can_be_spawned_as_tasks() {
    let server = Server::start(|request: &RecordedRequest| match request.path() {
        "/v1/documents" => Response::new(201).json(r#"{"title":"t"}"#).into(),
        _ => blob(),
    });
    let client = Arc::new(client(&server));
    let json = tokio::spawn({
        let client = Arc::clone(&client);
        async move { client.post_document(bodies::types::Document::default()).send().await }
    });
    let dispatched = tokio::spawn({
        let client = Arc::clone(&client);
        async move { client.get_blob("a").send().await }
    });
    let document = json.await.expect("the task ran").expect("the call succeeded");
    assert_eq!(document.body().title.as_deref(), Some("t"));
    let blob = dispatched.await.expect("the task ran").expect("the call succeeded");
    assert_eq!(blob.body().as_ref(), b"ok");
}

//! Retries, timeouts, hooks and token providers against a scripted HTTP/1.1 server on 127.0.0.1.
//!
//! The tests run on paused tokio time (`start_paused`): the client's backoff sleeps and timeouts complete as
//! soon as nothing else can run, so no test waits in real time, and the server stamps each request with the
//! paused clock, which shows exactly the delays the client chose. Real loopback I/O completes immediately,
//! so the auto-advancing clock only jumps over the client's own timers. The clients use no connect timeout
//! and responses close their connections, so no other timer (pool idle, connect) can move the clock.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::stream;
use serde_json::Value;
use swagger2rs_runtime::{
    Bytes, ClientCore, Error, FilePart, HeaderMap, Hook, HookContext, Method, OAuth2ClientCredentials, Request,
    RetryPolicy, SecurityScheme, StatusCode, TokenFuture, TokenProvider,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;

const OAUTH: SecurityScheme = SecurityScheme::OAuth2 { name: "oauth" };
const MS: Duration = Duration::from_millis(1);

/// What the server does with one connection.
#[derive(Clone)]
enum Reply {
    /// Sends these bytes and closes.
    Send(Vec<u8>),
    /// Reads the request, then never answers.
    Hang,
    /// Sends these bytes, then resets the connection (RST, not an orderly close).
    Reset(Vec<u8>),
}

/// One request as the server received it, stamped with the (paused) clock.
#[derive(Debug)]
struct Hit {
    head: String,
    body: Vec<u8>,
    at: Instant,
}

impl Hit {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// A server answering the n-th connection with `replies[n]`, and the last reply forever after.
struct Server {
    url: String,
    hits: Arc<Mutex<Vec<Hit>>>,
}

impl Server {
    async fn start(replies: Vec<Reply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&hits);
        tokio::spawn(async move {
            for n in 0.. {
                let (stream, _) = listener.accept().await.unwrap();
                let reply = replies[n.min(replies.len() - 1)].clone();
                let log = Arc::clone(&log);
                tokio::spawn(async move { answer(stream, reply, log).await });
            }
        });
        Self { url, hits }
    }

    fn count(&self) -> usize {
        self.hits.lock().unwrap().len()
    }

    /// The time between consecutive requests.
    fn gaps(&self) -> Vec<Duration> {
        let hits = self.hits.lock().unwrap();
        hits.windows(2).map(|pair| pair[1].at - pair[0].at).collect()
    }

    fn headers(&self, name: &str) -> Vec<String> {
        self.hits.lock().unwrap().iter().map(|hit| hit.header(name).unwrap_or("-").to_owned()).collect()
    }
}

async fn answer(mut stream: TcpStream, reply: Reply, log: Arc<Mutex<Vec<Hit>>>) {
    let Some(hit) = read_request(&mut stream).await else { return };
    log.lock().unwrap().push(hit);
    match reply {
        Reply::Send(bytes) => {
            // The client may already have given up; that is not the server's problem.
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        Reply::Hang => {
            let mut sink = Vec::new();
            let _ = stream.read_to_end(&mut sink).await;
        }
        Reply::Reset(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.flush().await;
            // Closing with a zero linger time sends RST.
            stream.set_zero_linger().unwrap();
            drop(stream);
        }
    }
}

/// Reads one request: the head, then a `Content-Length` or chunked body. `None` if the client hung up.
async fn read_request(stream: &mut TcpStream) -> Option<Hit> {
    let mut data = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).into_owned();
            let hit = Hit { head, body: Vec::new(), at: Instant::now() };
            let rest = &data[end + 4..];
            let complete = if hit.header("transfer-encoding").is_some() {
                rest.ends_with(b"0\r\n\r\n").then(|| rest.to_vec())
            } else {
                let length: usize = hit.header("content-length").map_or(0, |v| v.parse().unwrap());
                (rest.len() >= length).then(|| rest[..length].to_vec())
            };
            if let Some(body) = complete {
                return Some(Hit { body, ..hit });
            }
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&chunk[..n]);
    }
}

fn reply(status: &str, extra_headers: &str, body: &str) -> Reply {
    Reply::Send(
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra_headers}\
             Connection: close\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    )
}

fn ok() -> Reply {
    reply("200 OK", "", "{}")
}

fn unavailable(extra_headers: &str) -> Reply {
    reply("503 Service Unavailable", extra_headers, r#"{"message":"busy"}"#)
}

/// A client without a connect timeout (see the module comment) and with `policy`.
fn client(server: &Server, policy: RetryPolicy) -> ClientCore {
    let mut client = ClientCore::with_http_client(&server.url, reqwest::Client::builder().build().unwrap());
    client.set_retry(policy);
    client
}

fn policy() -> RetryPolicy {
    RetryPolicy::default().max_attempts(4).initial_delay(100 * MS).max_delay(Duration::from_secs(5))
}

fn get() -> Request {
    Request::new(Method::GET).path("/thing")
}

fn assert_within(gap: Duration, low: Duration, high: Duration) {
    assert!(low <= gap && gap <= high, "{gap:?} not within {low:?}..={high:?}");
}

#[tokio::test(start_paused = true)]
async fn a_server_unavailable_forever_ends_after_the_attempts_with_the_last_status() {
    let server = Server::start(vec![unavailable("")]).await;
    let raw = client(&server, policy()).execute::<Value>(get()).await.unwrap();
    assert_eq!((raw.status(), raw.attempts(), server.count()), (StatusCode::SERVICE_UNAVAILABLE, 4, 4));
    // Exponential backoff with jitter in the upper half of each doubled delay.
    let gaps = server.gaps();
    assert_within(gaps[0], 50 * MS, 100 * MS);
    assert_within(gaps[1], 100 * MS, 200 * MS);
    assert_within(gaps[2], 200 * MS, 400 * MS);
    match raw.json_or_error::<Value, Value>() {
        Err(err @ Error::ErrorResponse(_)) => {
            assert_eq!((err.status(), err.attempts()), (Some(StatusCode::SERVICE_UNAVAILABLE), 4));
        }
        other => panic!("expected ErrorResponse, got {other:?}"),
    }
}

#[tokio::test(start_paused = true)]
async fn a_client_retries_only_once_told_to() {
    let server = Server::start(vec![unavailable(""), ok()]).await;
    let mut client = ClientCore::with_http_client(&server.url, reqwest::Client::new());
    assert_eq!(client.retry_policy(), &RetryPolicy::none());
    assert_eq!(client.execute::<Value>(get()).await.unwrap().attempts(), 1);
    client.set_retry(RetryPolicy::default());
    let raw = client.execute::<Value>(get()).await.unwrap();
    assert_eq!((raw.status(), raw.attempts(), server.count()), (StatusCode::OK, 1, 2));
    let server = Server::start(vec![unavailable(""), ok()]).await;
    let client = self::client(&server, RetryPolicy::default());
    let raw = client.execute::<Value>(get()).await.unwrap();
    assert_eq!((raw.status(), raw.attempts()), (StatusCode::OK, 2), "the recommended policy retries");
    assert_within(server.gaps()[0], 125 * MS, 250 * MS);
}

#[tokio::test(start_paused = true)]
async fn the_total_time_caps_retries_before_the_attempts_do() {
    let server = Server::start(vec![unavailable("")]).await;
    let policy = policy().max_attempts(100).max_delay(200 * MS).max_elapsed(Duration::from_secs(1));
    let started = Instant::now();
    let raw = client(&server, policy).execute::<Value>(get()).await.unwrap();
    assert!(started.elapsed() <= Duration::from_secs(1), "{:?}", started.elapsed());
    // 50..100 ms, then at least 100 ms per retry: between 6 and 11 attempts fit in a second.
    assert!((6..=11).contains(&raw.attempts()), "{}", raw.attempts());
    assert_eq!(raw.attempts() as usize, server.count());
}

#[tokio::test(start_paused = true)]
async fn retry_after_seconds_date_and_milliseconds_are_honoured() {
    let in_three_seconds = httpdate_in(3);
    let server = Server::start(vec![
        unavailable("Retry-After: 2\r\n"),
        reply("429 Too Many Requests", "retry-after-ms: 1500\r\nRetry-After: 9\r\n", ""),
        unavailable(&format!("Retry-After: {in_three_seconds}\r\n")),
        ok(),
    ])
    .await;
    let raw = client(&server, policy()).execute::<Value>(get()).await.unwrap();
    assert_eq!((raw.status(), raw.attempts()), (StatusCode::OK, 4));
    let gaps = server.gaps();
    assert_within(gaps[0], 2000 * MS, 2010 * MS);
    assert_within(gaps[1], 1500 * MS, 1510 * MS);
    // An HTTP date has whole seconds and is read against the wall clock, which paused time does not stop.
    assert_within(gaps[2], 1500 * MS, 3010 * MS);
}

/// An IMF-fixdate `seconds` from now on the wall clock.
fn httpdate_in(seconds: u64) -> String {
    let at = std::time::SystemTime::now() + Duration::from_secs(seconds);
    let secs = at.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil from days (Howard Hinnant), for a test-only formatter.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    format!(
        "{}, {day:02} {} {year} {:02}:{:02}:{:02} GMT",
        DAYS[(days % 7) as usize],
        MONTHS[month as usize - 1],
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_of_a_year_ends_the_call_at_once() {
    let a_year = 365 * 86_400;
    for header in [format!("Retry-After: {a_year}\r\n"), format!("Retry-After: {}\r\n", httpdate_in(a_year))] {
        let server = Server::start(vec![unavailable(&header), ok()]).await;
        let started = Instant::now();
        let raw = client(&server, policy()).execute::<Value>(get()).await.unwrap();
        assert_eq!((raw.status(), raw.attempts(), server.count()), (StatusCode::SERVICE_UNAVAILABLE, 1, 1), "{header}");
        assert!(started.elapsed() < MS, "slept {:?} for {header}", started.elapsed());
    }
}

#[tokio::test(start_paused = true)]
async fn a_garbage_retry_after_falls_back_to_backoff() {
    let server = Server::start(vec![unavailable("Retry-After: soon-ish\r\nretry-after-ms: -3\r\n"), ok()]).await;
    let raw = client(&server, policy()).execute::<Value>(get()).await.unwrap();
    assert_eq!((raw.status(), raw.attempts()), (StatusCode::OK, 2));
    assert_within(server.gaps()[0], 50 * MS, 100 * MS);
}

#[tokio::test(start_paused = true)]
async fn a_connection_cut_mid_body_is_a_transport_error_and_not_repeated() {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"partial\":";
    let server = Server::start(vec![Reply::Send(head.as_bytes().to_vec())]).await;
    let err = client(&server, policy()).execute::<Value>(get()).await.unwrap_err();
    match &err {
        Error::Transport(inner) => assert!(inner.is_body() || inner.is_decode() || inner.is_request(), "{inner:?}"),
        other => panic!("expected Transport, got {other:?}"),
    }
    assert_eq!((err.attempts(), server.count()), (1, 1));
}

#[tokio::test(start_paused = true)]
async fn a_connection_reset_mid_body_is_a_transport_error_in_both_reading_modes() {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n";
    let partial = [head.as_bytes(), &[7u8; 5000]].concat();
    let server = Server::start(vec![Reply::Reset(partial)]).await;
    let client = client(&server, policy());
    let err = client.execute::<Value>(get()).await.unwrap_err();
    assert!(matches!(&err, Error::Transport(_)), "{err:?}");
    assert_eq!((err.attempts(), server.count()), (1, 1), "a body already being received is not retried");
    // Streamed, the 200 arrives and the reset surfaces as an error item instead of the rest of the body.
    let mut body = match client.execute_streaming::<Value>(get()).await.unwrap() {
        Ok(value) => value.into_body(),
        Err(raw) => panic!("expected the stream, got {raw:?}"),
    };
    let mut received = 0;
    let error = loop {
        match futures_util::StreamExt::next(&mut body).await {
            Some(Ok(chunk)) => received += chunk.len(),
            Some(Err(err)) => break err,
            None => panic!("the stream ended cleanly after {received} bytes"),
        }
    };
    assert!(received <= 5000, "{received} {error:?}");
}

#[tokio::test(start_paused = true)]
async fn streaming_calls_are_retried_until_the_success_body_is_handed_over() {
    let server = Server::start(vec![unavailable(""), ok()]).await;
    let value = match client(&server, policy()).execute_streaming::<Value>(get()).await.unwrap() {
        Ok(value) => value,
        Err(raw) => panic!("expected the stream, got {raw:?}"),
    };
    assert_eq!((value.status(), value.attempts(), server.count()), (StatusCode::OK, 2, 2));
}

#[tokio::test(start_paused = true)]
async fn a_post_answered_503_is_retried_only_when_the_caller_opts_in() {
    let server = Server::start(vec![unavailable("")]).await;
    let client = client(&server, policy().max_attempts(3));
    let post = || Request::new(Method::POST).path("/things").json_body("application/json", &serde_json::json!({}));
    let raw = client.execute::<Value>(post()).await.unwrap();
    assert_eq!((raw.status(), raw.attempts(), server.count()), (StatusCode::SERVICE_UNAVAILABLE, 1, 1));
    let opted_in = post().retry(client.retry_policy().clone().retry_non_idempotent(true));
    let raw = client.execute::<Value>(opted_in).await.unwrap();
    assert_eq!((raw.attempts(), server.count()), (3, 4));
    let hits = server.hits.lock().unwrap();
    assert!(hits.iter().all(|hit| hit.body == b"{}"), "every attempt carries the body");
}

#[tokio::test(start_paused = true)]
async fn a_streamed_body_is_never_retried() {
    let server = Server::start(vec![unavailable(""), ok()]).await;
    let client = client(&server, policy().retry_non_idempotent(true));
    let chunks = stream::iter([Ok::<_, std::io::Error>(Bytes::from_static(b"file data"))]);
    let request = Request::new(Method::PUT).path("/upload").form_file("file", FilePart::stream(chunks));
    let raw = client.execute::<Value>(request).await.unwrap();
    assert_eq!((raw.status(), raw.attempts(), server.count()), (StatusCode::SERVICE_UNAVAILABLE, 1, 1));
    let body = String::from_utf8_lossy(&server.hits.lock().unwrap()[0].body).into_owned();
    assert!(body.contains("file data"), "{body}");
}

#[tokio::test(start_paused = true)]
async fn connect_errors_and_timeouts_are_retried_and_typed() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let refused = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let mut client = ClientCore::with_http_client(refused, reqwest::Client::new());
    client.set_retry(policy().max_attempts(3));
    let err = client.execute::<Value>(get()).await.unwrap_err();
    match &err {
        Error::Transport(inner) => assert!(inner.is_connect() && inner.attempts() == 3, "{inner:?}"),
        other => panic!("expected Transport, got {other:?}"),
    }
    assert!(err.to_string().contains("after 3 attempts"), "{err}");

    let server = Server::start(vec![Reply::Hang, Reply::Hang, ok()]).await;
    let mut client = self::client(&server, policy().max_elapsed(Duration::from_secs(120)));
    client.set_timeout(Some(Duration::from_secs(30)));
    let started = Instant::now();
    let raw = client.execute::<Value>(get()).await.unwrap();
    assert_eq!((raw.status(), raw.attempts()), (StatusCode::OK, 3));
    assert!(started.elapsed() >= Duration::from_secs(60), "two 30 s timeouts: {:?}", started.elapsed());
    // The default total time of 60 s ends the call with the second timeout.
    let server = Server::start(vec![Reply::Hang]).await;
    let mut client = self::client(&server, policy());
    client.set_timeout(Some(Duration::from_secs(30)));
    let err = client.execute::<Value>(get()).await.unwrap_err();
    assert!(matches!(&err, Error::Timeout(inner) if inner.attempts() == 2), "{err:?}");
}

#[tokio::test(start_paused = true)]
async fn a_request_timeout_overrides_the_client_timeout() {
    let server = Server::start(vec![Reply::Hang]).await;
    let mut client = client(&server, RetryPolicy::none());
    client.set_timeout(Some(Duration::from_secs(300)));
    let started = Instant::now();
    let err = client.execute::<Value>(get().timeout(Duration::from_secs(2))).await.unwrap_err();
    assert!(matches!(&err, Error::Timeout(inner) if inner.attempts() == 1), "{err:?}");
    assert_within(started.elapsed(), Duration::from_secs(2), Duration::from_millis(2010));
    assert!(err.to_string().starts_with("timed out"), "{err}");
}

/// Hands out `t1`, `t2`, … (a new one on each refresh) or fails, counting calls.
struct Counting {
    calls: AtomicUsize,
    refreshes: AtomicUsize,
    fail: bool,
}

impl Counting {
    fn new(fail: bool) -> Arc<Self> {
        Arc::new(Self { calls: AtomicUsize::new(0), refreshes: AtomicUsize::new(0), fail })
    }
}

struct Shared(Arc<Counting>);

impl TokenProvider for Shared {
    fn token(&self, refresh: bool) -> TokenFuture<'_> {
        Box::pin(async move {
            self.0.calls.fetch_add(1, Ordering::SeqCst);
            if self.0.fail {
                return Err("vault unreachable".into());
            }
            let generation = if refresh { self.0.refreshes.fetch_add(1, Ordering::SeqCst) + 1 } else { 0 };
            Ok(format!("t{}", generation + 1))
        })
    }
}

fn secured() -> Request {
    get().security(&[&[OAUTH]])
}

#[tokio::test(start_paused = true)]
async fn a_failing_token_provider_fails_the_call_before_anything_is_sent() {
    let server = Server::start(vec![ok()]).await;
    let mut client = client(&server, policy());
    let tokens = Counting::new(true);
    client.set_token_provider(Shared(Arc::clone(&tokens)));
    let err = client.execute::<Value>(secured()).await.unwrap_err();
    assert!(matches!(&err, Error::TokenProvider(inner) if inner.to_string() == "vault unreachable"), "{err:?}");
    assert_eq!((err.attempts(), err.status(), server.count()), (0, None, 0));
    assert!(std::error::Error::source(&err).is_some());
    // Operations without an OAuth2 requirement do not ask the provider.
    assert_eq!(client.execute::<Value>(get()).await.unwrap().status(), StatusCode::OK);
    assert_eq!(tokens.calls.load(Ordering::SeqCst), 1);
}

#[tokio::test(start_paused = true)]
async fn a_rejected_token_is_refreshed_and_the_request_repeated_once() {
    let unauthorized = reply("401 Unauthorized", "", r#"{"message":"expired"}"#);
    let server = Server::start(vec![unauthorized.clone(), ok(), unauthorized]).await;
    let mut client = client(&server, RetryPolicy::none());
    let tokens = Counting::new(false);
    client.set_token_provider(Shared(Arc::clone(&tokens)));
    let raw = client.execute::<Value>(secured()).await.unwrap();
    assert_eq!((raw.status(), raw.attempts()), (StatusCode::OK, 2));
    // Still 401 after the refresh: given back, not refreshed again.
    let raw = client.execute::<Value>(secured()).await.unwrap();
    assert_eq!((raw.status(), raw.attempts()), (StatusCode::UNAUTHORIZED, 2));
    assert_eq!(server.headers("authorization"), ["Bearer t1", "Bearer t2", "Bearer t1", "Bearer t3"]);
    assert_eq!(tokens.refreshes.load(Ordering::SeqCst), 2);
}

#[tokio::test(start_paused = true)]
async fn a_provider_for_every_request_serves_apis_without_security_schemes() {
    let server = Server::start(vec![ok()]).await;
    let mut client = client(&server, RetryPolicy::none());
    client.set_token_provider_for_every_request(Shared(Counting::new(false)));
    client.execute::<Value>(get()).await.unwrap();
    assert_eq!(server.headers("authorization"), ["Bearer t1"]);
    let debug = format!("{client:?}");
    assert!(debug.contains("EveryRequest") && !debug.contains("t1"), "{debug}");
}

/// Numbers every attempt in a header and turns a 418 into a retryable 503.
struct Numbering(Arc<Mutex<Vec<String>>>);

impl Hook for Numbering {
    fn on_request(&self, request: &mut reqwest::Request, context: &HookContext<'_>) {
        let value = context.attempt.to_string().parse().unwrap();
        request.headers_mut().insert("x-attempt", value);
        self.0.lock().unwrap().push(format!("{} {} #{}", context.operation, context.path_template, context.attempt));
    }

    fn on_response(&self, status: &mut StatusCode, headers: &mut HeaderMap, _: &HookContext<'_>) {
        if *status == StatusCode::IM_A_TEAPOT {
            *status = StatusCode::SERVICE_UNAVAILABLE;
        }
        headers.insert("x-seen-by-hook", "yes".parse().unwrap());
    }
}

#[tokio::test(start_paused = true)]
async fn hooks_see_and_change_every_attempt() {
    let server = Server::start(vec![reply("418 I'm a teapot", "", ""), ok()]).await;
    let mut client = client(&server, policy());
    let log = Arc::new(Mutex::new(Vec::new()));
    client.add_hook(Numbering(Arc::clone(&log)));
    let request =
        Request::new(Method::GET).path("/issue/").path_param("SECRET-1").operation("get_issue", "/issue/{id}");
    let raw = client.execute::<Value>(request).await.unwrap();
    assert_eq!((raw.status(), raw.attempts()), (StatusCode::OK, 2));
    assert_eq!(raw.headers()["x-seen-by-hook"], "yes");
    assert_eq!(server.headers("x-attempt"), ["1", "2"]);
    assert_eq!(*log.lock().unwrap(), ["get_issue /issue/{id} #1", "get_issue /issue/{id} #2"]);
}

#[tokio::test(start_paused = true)]
async fn the_user_agent_names_the_crate_unless_set() {
    let server = Server::start(vec![ok()]).await;
    let mut client = client(&server, RetryPolicy::none());
    client.execute::<Value>(get()).await.unwrap();
    client.set_user_agent("jira/1.2.3").unwrap();
    client.execute::<Value>(get()).await.unwrap();
    client.execute::<Value>(get().header("User-Agent", "per-call")).await.unwrap();
    let mut with_default = client.clone();
    with_default.set_default_header("User-Agent", "default-header").unwrap();
    with_default.execute::<Value>(get()).await.unwrap();
    client.clear_user_agent();
    client.execute::<Value>(get()).await.unwrap();
    let expected =
        [concat!("swagger2rs-runtime/", env!("CARGO_PKG_VERSION")), "jira/1.2.3", "per-call", "default-header", "-"];
    assert_eq!(server.headers("user-agent"), expected);
    assert!(client.set_user_agent("bad\r\nvalue").is_err());
}

#[tokio::test(start_paused = true)]
async fn client_credentials_tokens_are_cached_until_shortly_before_expiry() {
    let token = |name: &str| reply("200 OK", "", &format!(r#"{{"access_token":"{name}","expires_in":120}}"#));
    let endpoint = Server::start(vec![token("first"), token("second"), token("third")]).await;
    let provider =
        OAuth2ClientCredentials::new(format!("{}/oauth/token", endpoint.url), "my id", "s3cr&t", ["read", "write"]);
    assert_eq!(provider.token(false).await.unwrap(), "first");
    tokio::time::advance(Duration::from_secs(89)).await;
    assert_eq!(provider.token(false).await.unwrap(), "first", "cached until 30 s before expiry");
    tokio::time::advance(Duration::from_secs(2)).await;
    assert_eq!(provider.token(false).await.unwrap(), "second");
    assert_eq!(provider.token(true).await.unwrap(), "third", "a refresh never returns the cached token");
    let hits = endpoint.hits.lock().unwrap();
    assert_eq!(hits.len(), 3);
    assert!(hits[0].head.starts_with("POST /oauth/token "), "{}", hits[0].head);
    assert_eq!(hits[0].body, b"grant_type=client_credentials&scope=read+write");
    // base64("my+id:s3cr%26t")
    assert_eq!(hits[0].header("authorization"), Some("Basic bXkraWQ6czNjciUyNnQ="));
}

#[tokio::test(start_paused = true)]
async fn client_credentials_errors_name_the_cause_but_not_the_secret() {
    let endpoint = Server::start(vec![
        reply("401 Unauthorized", "", r#"{"error":"invalid_client","error_description":"unknown client"}"#),
        reply("200 OK", "", "<html>"),
        reply("200 OK", "", r#"{"token_type":"bearer"}"#),
    ])
    .await;
    let provider =
        OAuth2ClientCredentials::new(format!("{}/token", endpoint.url), "id", "s3cr3t", Vec::<String>::new())
            .credentials_in_body();
    let errors: Vec<String> = [
        provider.token(false).await.unwrap_err().to_string(),
        provider.token(false).await.unwrap_err().to_string(),
        provider.token(false).await.unwrap_err().to_string(),
    ]
    .into();
    assert!(errors[0].contains("401") && errors[0].contains("invalid_client: unknown client"), "{}", errors[0]);
    assert!(errors[1].contains("not a token response"), "{}", errors[1]);
    assert!(errors[2].contains("no access_token"), "{}", errors[2]);
    assert!(errors.iter().all(|e| !e.contains("s3cr3t")), "{errors:?}");
    let hits = endpoint.hits.lock().unwrap();
    assert_eq!(hits[0].body, b"grant_type=client_credentials&client_id=id&client_secret=s3cr3t");
    assert_eq!(hits[0].header("authorization"), None);
}

#[tokio::test(start_paused = true)]
async fn a_client_credentials_provider_drives_a_client_end_to_end() {
    let endpoint = Server::start(vec![reply("200 OK", "", r#"{"access_token":"abc","expires_in":3600}"#)]).await;
    let api = Server::start(vec![ok()]).await;
    let mut client = client(&api, RetryPolicy::none());
    client.set_token_provider(OAuth2ClientCredentials::new(format!("{}/token", endpoint.url), "id", "secret", ["a"]));
    for _ in 0..3 {
        client.execute::<Value>(secured()).await.unwrap();
    }
    assert_eq!(api.headers("authorization"), ["Bearer abc"; 3]);
    assert_eq!(endpoint.count(), 1);
}

/// Has a token, but cannot get a new one.
struct FailsOnRefresh;

impl TokenProvider for FailsOnRefresh {
    fn token(&self, refresh: bool) -> TokenFuture<'_> {
        Box::pin(async move { if refresh { Err("refresh token revoked".into()) } else { Ok("stale".to_owned()) } })
    }
}

#[tokio::test(start_paused = true)]
async fn a_failed_refresh_leaves_the_servers_401_as_the_answer() {
    let server = Server::start(vec![reply("401 Unauthorized", "", "{}"), ok()]).await;
    let mut client = client(&server, policy());
    client.set_token_provider(FailsOnRefresh);
    let raw = client.execute::<Value>(secured()).await.unwrap();
    assert_eq!((raw.status(), raw.attempts(), server.count()), (StatusCode::UNAUTHORIZED, 1, 1));
    assert_eq!(server.headers("authorization"), ["Bearer stale"]);
}

//! With the `tracing` feature: one span per call with the operation, method, path template, status, attempt
//! count and duration, debug events per attempt, and never the filled-in path, query or credentials.
#![cfg(feature = "tracing")]

use std::fmt::Debug;
use std::sync::{Arc, Mutex};

use serde_json::Value;
use swagger2rs_runtime::{ClientCore, Credential, Method, Request, RetryPolicy, SecurityScheme, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

const QUERY_KEY: SecurityScheme = SecurityScheme::ApiKeyQuery { name: "key", param: "api_key" };

type Fields = Vec<(String, String)>;

/// Spans (name and fields) and events (fields) the runtime emitted.
#[derive(Default)]
struct Recorded {
    spans: Mutex<Vec<(&'static str, Fields)>>,
    events: Mutex<Vec<Fields>>,
}

struct Recorder(Arc<Recorded>);

struct Collect<'a>(&'a mut Fields);

impl Visit for Collect<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("swagger2rs_runtime")
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = Vec::new();
        span.record(&mut Collect(&mut fields));
        let mut spans = self.0.spans.lock().unwrap();
        spans.push((span.metadata().name(), fields));
        Id::from_u64(spans.len() as u64)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.0.spans.lock().unwrap();
        let index = usize::try_from(span.into_u64()).unwrap() - 1;
        values.record(&mut Collect(&mut spans[index].1));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = vec![("level".to_owned(), event.metadata().level().to_string())];
        event.record(&mut Collect(&mut fields));
        self.0.events.lock().unwrap().push(fields);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

#[tokio::test(start_paused = true)]
async fn a_call_is_one_span_with_events_per_attempt_and_no_identifiers_or_secrets() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        for status in ["503 Service Unavailable", "200 OK"] {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut buffer = [0u8; 4096];
            let _ = stream.read(&mut buffer).await.unwrap();
            let reply = format!("HTTP/1.1 {status}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}");
            stream.write_all(reply.as_bytes()).await.unwrap();
            stream.shutdown().await.unwrap();
        }
    });
    let recorded = Arc::new(Recorded::default());
    let _guard = tracing::subscriber::set_default(Recorder(Arc::clone(&recorded)));
    let mut client = ClientCore::with_http_client(url, reqwest::Client::new());
    client.set_retry(RetryPolicy::default());
    client.set_credential("key", Credential::api_key("KEY-SECRET"));
    let request = Request::new(Method::GET)
        .path("/issue/")
        .path_param("PROJ-4242")
        .query("jql", "assignee=alice")
        .security(&[&[QUERY_KEY]])
        .operation("get_issue", "/issue/{issueIdOrKey}");
    let raw = client.execute::<Value>(request).await.unwrap();
    assert_eq!((raw.status(), raw.attempts()), (StatusCode::OK, 2));

    let spans = recorded.spans.lock().unwrap();
    assert_eq!(spans.len(), 1, "{spans:?}");
    let (name, fields) = &spans[0];
    assert_eq!(*name, "http.request");
    assert_eq!(field(fields, "operation"), Some("get_issue"));
    assert_eq!(field(fields, "http.method"), Some("GET"));
    assert_eq!(field(fields, "http.path_template"), Some("/issue/{issueIdOrKey}"));
    assert_eq!(field(fields, "http.status"), Some("200"));
    assert_eq!(field(fields, "attempts"), Some("2"));
    assert!(field(fields, "duration_ms").is_some(), "{fields:?}");

    let events = recorded.events.lock().unwrap();
    let messages: Vec<&str> = events.iter().filter_map(|fields| field(fields, "message")).collect();
    assert_eq!(messages, ["sending request", "received response", "retrying", "sending request", "received response"]);
    assert!(events.iter().all(|fields| field(fields, "level") == Some("DEBUG")), "{events:?}");
    let everything = format!("{spans:?} {events:?}");
    for secret in ["PROJ-4242", "alice", "KEY-SECRET", "api_key", "127.0.0.1"] {
        assert!(!everything.contains(secret), "{secret} leaked: {everything}");
    }
}

//! The error type every generated operation returns, and the error for
//! rejected header names and values.

use std::fmt;
use std::ops::Deref;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::lro::PollError;
use super::paging::PagingError;
use super::response::ResponseValue;

/// Printed in place of a secret inside a URL.
pub(super) const REDACTED: &str = "REDACTED";

/// Why an operation failed.
///
/// `E` is the body type the spec declares for error statuses; it defaults to
/// arbitrary JSON for operations whose error responses have no schema. Every
/// variant that carries a response keeps enough of it (status, headers, body)
/// to diagnose the failure.
#[derive(Debug)]
pub enum Error<E = serde_json::Value> {
    /// The request could not be built, e.g. a header value containing CR or
    /// LF, a body that failed to serialize or an unparsable base URL. Nothing
    /// was sent.
    InvalidRequest(String),
    /// The request or response did not make it across the network: connection
    /// refused, TLS failure, connection closed mid-body, too many redirects.
    /// Values of API-key query parameters are redacted from the error's URL.
    /// Dereferences to the `reqwest::Error`.
    Transport(TransportError),
    /// No complete response arrived within the request's timeout (see
    /// [`ClientCore::set_timeout`](super::ClientCore::set_timeout)), on the
    /// last attempt. Kept apart from [`Error::Transport`] because callers
    /// usually handle it differently (a larger timeout, a smaller page).
    Timeout(TransportError),
    /// The [`TokenProvider`](super::TokenProvider) could not supply an access
    /// token. Nothing was sent. (A provider failing to refresh a token the
    /// server rejected leaves that 401 response as the call's answer.)
    TokenProvider(BoxError),
    /// The server answered with a status the spec declares as an error, and
    /// its body decoded as `E`.
    ErrorResponse(ResponseValue<E>),
    /// The server answered with a status the spec does not declare; the raw
    /// body is kept since there is no schema to decode it with.
    UnexpectedResponse(ResponseValue<Bytes>),
    /// The server answered, but its body did not decode as the declared type
    /// (malformed JSON, wrong shape, invalid UTF-8 for text).
    InvalidBody {
        /// The status of the response.
        status: StatusCode,
        /// The headers of the response.
        headers: HeaderMap,
        /// The raw body that failed to decode.
        body: Bytes,
        /// What the decoder reported.
        message: String,
    },
    /// A stream of pages stopped because going on would repeat pages forever: the server sent a next link
    /// or cursor it had sent before. The pages before it were delivered.
    Paging(PagingError),
    /// A long-running operation ended in a failure state (`Failed`, `Canceled`), or did not end before the
    /// polling deadline.
    Polling(PollError),
}

impl<E> Error<E> {
    /// Converts the decoded error body, leaving every other variant as it is;
    /// generated code uses it to wrap a status's body in the operation's
    /// error enum.
    pub fn map<U>(self, f: impl FnOnce(E) -> U) -> Error<U> {
        match self {
            Self::InvalidRequest(message) => Error::InvalidRequest(message),
            Self::Transport(err) => Error::Transport(err),
            Self::Timeout(err) => Error::Timeout(err),
            Self::TokenProvider(err) => Error::TokenProvider(err),
            Self::ErrorResponse(response) => Error::ErrorResponse(response.map(f)),
            Self::UnexpectedResponse(response) => Error::UnexpectedResponse(response),
            Self::InvalidBody { status, headers, body, message } => {
                Error::InvalidBody { status, headers, body, message }
            }
            Self::Paging(err) => Error::Paging(err),
            Self::Polling(err) => Error::Polling(err),
        }
    }

    /// The HTTP status of the response behind this error, if the server
    /// answered at all.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::InvalidRequest(_) | Self::TokenProvider(_) => None,
            Self::Transport(err) | Self::Timeout(err) => err.status(),
            Self::ErrorResponse(response) => Some(response.status()),
            Self::UnexpectedResponse(response) => Some(response.status()),
            Self::InvalidBody { status, .. } => Some(*status),
            Self::Paging(_) => None,
            Self::Polling(err) => err.response().map(ResponseValue::status),
        }
    }

    /// How many times the request was sent: 0 if it never was
    /// ([`InvalidRequest`](Self::InvalidRequest),
    /// [`TokenProvider`](Self::TokenProvider)), else the attempt count up to
    /// and including the one that failed. [`InvalidBody`](Self::InvalidBody)
    /// does not record it and reports 1.
    pub fn attempts(&self) -> u32 {
        match self {
            Self::InvalidRequest(_) | Self::TokenProvider(_) => 0,
            Self::Transport(err) | Self::Timeout(err) => err.attempts,
            Self::ErrorResponse(response) => response.attempts(),
            Self::UnexpectedResponse(response) => response.attempts(),
            Self::InvalidBody { .. } => 1,
            Self::Paging(_) => 0,
            Self::Polling(err) => err.response().map_or(0, ResponseValue::attempts),
        }
    }

    /// Wraps a failure of the `attempts`th attempt, as [`Error::Timeout`] if it
    /// was one, after replacing the values of the `sensitive` query
    /// parameters in its URL, so neither `Debug` nor `Display` can leak an
    /// API key.
    pub(super) fn transport(mut err: reqwest::Error, sensitive: &[&str], attempts: u32) -> Self {
        if let Some(url) = err.url_mut() {
            redact_query(url, sensitive);
        }
        let timeout = err.is_timeout();
        let err = TransportError { source: err, attempts };
        if timeout { Self::Timeout(err) } else { Self::Transport(err) }
    }
}

/// Any error a [`TokenProvider`](super::TokenProvider) reports.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A network failure, with the number of attempts made when it happened.
///
/// Dereferences to the underlying `reqwest::Error` (for `is_connect`,
/// `url` and the like), whose URL has API-key query values redacted.
#[derive(Debug)]
pub struct TransportError {
    source: reqwest::Error,
    attempts: u32,
}

impl TransportError {
    /// How many times the request was sent, the failed attempt included.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The underlying `reqwest::Error`.
    pub fn into_inner(self) -> reqwest::Error {
        self.source
    }
}

impl Deref for TransportError {
    type Target = reqwest::Error;

    fn deref(&self) -> &reqwest::Error {
        &self.source
    }
}

impl fmt::Display for TransportError {
    /// reqwest's own message ("error sending request for url (…)") says where, not why: the why is at the
    /// end of its source chain (hyper's "tcp connect error", the OS's "Connection refused", "failed to lookup
    /// address information", "operation timed out"), so the chain is appended, each message once.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&cause_chain(&self.source))?;
        write_attempts(f, self.attempts)
    }
}

/// `error`'s message followed by those of its sources, `": "`-separated, leaving out any message already
/// contained in what came before (wrappers often repeat their source).
fn cause_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    // Bounded: a source chain that loops must not hang `Display`.
    for _ in 0..16 {
        let Some(cause) = source else { break };
        let message = cause.to_string();
        if !message.is_empty() && !text.contains(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        source = cause.source();
    }
    text
}

/// At most this many characters of a response body appear in an error's `Display`: enough to recognise an
/// HTML error page or an error code, never a whole (possibly large or sensitive) document.
const BODY_EXCERPT_CHARS: usize = 120;

/// The start of `text` for a one-line message: control characters (line breaks included) become spaces,
/// and a cut is marked with `…`.
fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(BODY_EXCERPT_CHARS).map(|c| if c.is_control() { ' ' } else { c }).collect();
    if text.chars().nth(BODY_EXCERPT_CHARS).is_some() {
        out.push('…');
    }
    out
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Replaces the value of every query pair of `url` whose name is in
/// `sensitive` by [`REDACTED`], leaving the URL untouched if there is none.
fn redact_query(url: &mut reqwest::Url, sensitive: &[&str]) {
    let is_sensitive = |name: &str| sensitive.contains(&name);
    if !url.query_pairs().any(|(name, _)| is_sensitive(&name)) {
        return;
    }
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(name, value)| {
            let value = if is_sensitive(&name) { REDACTED.to_owned() } else { value.into_owned() };
            (name.into_owned(), value)
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidRequest(message) => write!(f, "invalid request: {message}"),
            Self::Transport(err) => write!(f, "transport error: {err}"),
            Self::Timeout(err) => write!(f, "timed out: {err}"),
            Self::TokenProvider(err) => write!(f, "could not obtain an access token: {err}"),
            Self::ErrorResponse(response) => {
                let body = excerpt(&format!("{:?}", response.body()));
                write!(f, "error response with status {}: {body}", response.status())?;
                write_attempts(f, response.attempts())
            }
            Self::UnexpectedResponse(response) => {
                let body = response.body();
                write!(f, "unexpected response with status {} ({} byte body", response.status(), body.len())?;
                match std::str::from_utf8(body) {
                    Ok(text) if !text.trim().is_empty() => write!(f, ": {}", excerpt(text.trim()))?,
                    _ => {}
                }
                f.write_str(")")?;
                write_attempts(f, response.attempts())
            }
            Self::InvalidBody { status, message, body, .. } => {
                write!(f, "could not decode the {} byte body of a response with status {status}: {message}", body.len())
            }
            Self::Paging(err) => write!(f, "paging stopped: {err}"),
            Self::Polling(err) => write!(f, "long-running operation: {err}"),
        }
    }
}

/// Appends the attempt count to a message when the client retried.
fn write_attempts(f: &mut fmt::Formatter<'_>, attempts: u32) -> fmt::Result {
    if attempts > 1 { write!(f, " (after {attempts} attempts)") } else { Ok(()) }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport(err) | Self::Timeout(err) => Some(&err.source),
            Self::TokenProvider(err) => Some(err.as_ref()),
            Self::Paging(err) => Some(err),
            Self::Polling(err) => Some(err),
            _ => None,
        }
    }
}

/// A header name or value that HTTP cannot carry, such as a value containing
/// CR or LF (which would allow header injection). The value itself is never
/// included, since it is often a credential.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidHeader {
    name: String,
    part: HeaderPart,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HeaderPart {
    Name,
    Value,
}

impl InvalidHeader {
    /// The header name is not a valid HTTP token.
    pub(super) fn for_name(name: &str) -> Self {
        Self { name: name.to_owned(), part: HeaderPart::Name }
    }

    /// The value for header `name` contains bytes HTTP forbids.
    pub(super) fn for_value(name: &str) -> Self {
        Self { name: name.to_owned(), part: HeaderPart::Value }
    }

    /// The header name that was rejected or whose value was rejected.
    pub fn header_name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for InvalidHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.part {
            HeaderPart::Name => write!(f, "invalid HTTP header name {:?}", self.name),
            HeaderPart::Value => write!(
                f,
                "invalid value for HTTP header {:?} (control characters such as CR or LF are not allowed)",
                self.name
            ),
        }
    }
}

impl std::error::Error for InvalidHeader {}

#[cfg(test)]
mod tests {
    use super::*;

    fn response_value<T>(status: u16, body: T) -> ResponseValue<T> {
        let status = StatusCode::from_u16(status).unwrap();
        ResponseValue::new(status, HeaderMap::new(), body)
    }

    #[test]
    fn map_converts_only_the_error_body() {
        let response = ResponseValue::new(StatusCode::NOT_FOUND, HeaderMap::new(), 7u8);
        let mapped: Error<String> = Error::ErrorResponse(response).map(|n| format!("#{n}"));
        assert!(matches!(&mapped, Error::ErrorResponse(r) if r.body() == "#7" && r.status() == StatusCode::NOT_FOUND));
        let invalid: Error<String> = Error::<u8>::InvalidRequest("bad".into()).map(|n| n.to_string());
        assert!(matches!(invalid, Error::InvalidRequest(m) if m == "bad"));
    }

    #[test]
    fn status_is_known_only_when_the_server_answered() {
        let invalid: Error = Error::InvalidRequest("x".into());
        assert_eq!(invalid.status(), None);
        let error: Error<String> = Error::ErrorResponse(response_value(404, "nf".into()));
        assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
        let unexpected: Error = Error::UnexpectedResponse(response_value(418, Bytes::new()));
        assert_eq!(unexpected.status(), Some(StatusCode::IM_A_TEAPOT));
        let body: Error = Error::InvalidBody {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from_static(b"{"),
            message: "eof".into(),
        };
        assert_eq!(body.status(), Some(StatusCode::OK));
    }

    #[test]
    fn display_describes_each_variant() {
        let invalid: Error = Error::InvalidRequest("bad header".into());
        assert_eq!(invalid.to_string(), "invalid request: bad header");
        let error: Error<String> = Error::ErrorResponse(response_value(404, "nf".into()));
        assert_eq!(error.to_string(), "error response with status 404 Not Found: \"nf\"");
        let unexpected: Error = Error::UnexpectedResponse(response_value(500, Bytes::from_static(b"oops")));
        assert_eq!(
            unexpected.to_string(),
            "unexpected response with status 500 Internal Server Error (4 byte body: oops)"
        );
        assert!(std::error::Error::source(&unexpected).is_none());
        let retried: Error = Error::UnexpectedResponse(response_value(503, Bytes::new()).with_attempts(3));
        assert_eq!(
            retried.to_string(),
            "unexpected response with status 503 Service Unavailable (0 byte body) (after 3 attempts)"
        );
        assert_eq!(retried.attempts(), 3);
        let token: Error = Error::TokenProvider("vault down".into());
        assert_eq!((token.to_string().as_str(), token.attempts()), ("could not obtain an access token: vault down", 0));
    }

    #[test]
    fn display_shows_a_one_line_excerpt_of_a_body_never_all_of_it() {
        let page = format!("<html>\n<title>502 Bad Gateway</title>{}</html>", "x".repeat(10_000));
        let len = page.len();
        let unexpected: Error = Error::UnexpectedResponse(response_value(502, Bytes::from(page)));
        let text = unexpected.to_string();
        let start = format!("unexpected response with status 502 Bad Gateway ({len} byte body: <html> <title>502");
        assert!(text.starts_with(&start), "{text}");
        assert!(text.ends_with("xx…)"), "{text}");
        assert!(text.len() < 250, "{text}");
        let error: Error<String> = Error::ErrorResponse(response_value(400, "y".repeat(1000)));
        assert!(error.to_string().len() < 200);
        let binary: Error = Error::UnexpectedResponse(response_value(500, Bytes::from_static(&[0xff, 0xfe])));
        assert_eq!(binary.to_string(), "unexpected response with status 500 Internal Server Error (2 byte body)");
    }

    #[test]
    fn display_of_an_invalid_body_says_where_the_json_broke() {
        let message = serde_json::from_str::<serde_json::Value>("{\"a\": tru}").unwrap_err().to_string();
        let body: Error = Error::InvalidBody {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from_static(b"{\"a\": tru}"),
            message,
        };
        assert_eq!(
            body.to_string(),
            "could not decode the 10 byte body of a response with status 200 OK: expected ident at line 1 column 10"
        );
    }

    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);
    impl fmt::Display for Layer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
    }
    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|l| l as _)
        }
    }

    #[test]
    fn cause_chains_keep_each_message_once() {
        let inner = Layer("Connection refused (os error 111)", None);
        let middle = Layer("tcp connect error", Some(Box::new(inner)));
        let outer = Layer("error sending request for url (http://h/)", Some(Box::new(middle)));
        assert_eq!(
            cause_chain(&outer),
            "error sending request for url (http://h/): tcp connect error: Connection refused (os error 111)"
        );
        let repeated = Layer("dns error: no such host", Some(Box::new(Layer("no such host", None))));
        assert_eq!(cause_chain(&repeated), "dns error: no such host");
    }

    #[test]
    fn redact_query_replaces_only_sensitive_values() {
        let mut url = reqwest::Url::parse("http://h/p?api_key=s3cr3t&q=a+b&token=t0k&api_key=again").unwrap();
        redact_query(&mut url, &["api_key", "token"]);
        assert_eq!(url.as_str(), "http://h/p?api_key=REDACTED&q=a+b&token=REDACTED&api_key=REDACTED");
    }

    #[test]
    fn redact_query_leaves_other_urls_alone() {
        let mut url = reqwest::Url::parse("http://h/p?q=%7E").unwrap();
        redact_query(&mut url, &["api_key"]);
        assert_eq!(url.as_str(), "http://h/p?q=%7E");
        let mut url = reqwest::Url::parse("http://h/p").unwrap();
        redact_query(&mut url, &["api_key"]);
        assert_eq!(url.as_str(), "http://h/p");
    }

    #[test]
    fn invalid_header_never_shows_the_value() {
        let err = InvalidHeader::for_value("X-Api-Key");
        assert_eq!(err.header_name(), "X-Api-Key");
        assert!(err.to_string().contains("\"X-Api-Key\""));
        assert!(InvalidHeader::for_name("bad name").to_string().starts_with("invalid HTTP header name"));
    }
}

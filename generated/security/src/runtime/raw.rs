//! A fully received response that has not been decoded yet.

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::error::Error;
use super::response::ResponseValue;

/// A response whose body has been read completely but not decoded.
///
/// Generated code matches on [`RawResponse::status`] and then picks the
/// decoder the spec declares for that status: [`json`](Self::json),
/// [`text`](Self::text), [`bytes`](Self::bytes) or [`empty`](Self::empty) for
/// success, [`error_json`](Self::error_json) or
/// [`error_with`](Self::error_with) for declared errors, and
/// [`unexpected`](Self::unexpected) for everything else.
#[derive(Clone, Debug)]
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    attempts: u32,
}

impl RawResponse {
    /// Bundles a received status, headers and body; also useful to test
    /// decoding without a server.
    pub fn new(status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        Self { status, headers, body, attempts: 1 }
    }

    /// Records how many attempts this answer took.
    pub(super) fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// How many times the request was sent before this answer arrived (see
    /// [`ResponseValue::attempts`]); carried into the decoded value or error.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The decoded `body` with this response's status, headers and attempt count.
    fn value<T>(self, body: T) -> ResponseValue<T> {
        ResponseValue::new(self.status, self.headers, body).with_attempts(self.attempts)
    }

    /// The HTTP status the server answered with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers, as received.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The undecoded body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// Decodes the body as JSON.
    ///
    /// An empty or all-whitespace body decodes as JSON `null`, because many
    /// servers send nothing where the spec promises an object: a
    /// `serde_json::Value` becomes `Null` and an `Option` becomes `None`,
    /// while a required struct still fails. Failure yields
    /// [`Error::InvalidBody`] with the raw body.
    #[allow(
        clippy::result_large_err,
        reason = "Error keeps the whole response for diagnosis; its size is irrelevant next to an HTTP round trip"
    )]
    pub fn json<T: DeserializeOwned, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        match decode_json(&self.body) {
            Ok(body) => Ok(self.value(body)),
            Err(message) => Err(self.invalid_body(message)),
        }
    }

    /// Like [`json`](Self::json), for a body the spec declares as an array or a map: `null` (and so an empty
    /// body) decodes as the empty value, as Go servers send `null` for an empty slice or map (see
    /// [`de::null_as_empty`](super::de::null_as_empty)).
    #[allow(
        clippy::result_large_err,
        reason = "Error keeps the whole response for diagnosis; its size is irrelevant next to an HTTP round trip"
    )]
    pub fn json_collection<T: DeserializeOwned + Default, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        match decode_json_collection(&self.body) {
            Ok(body) => Ok(self.value(body)),
            Err(message) => Err(self.invalid_body(message)),
        }
    }

    /// Decodes a body the spec gives no schema for, which must not fail for lack of one: a JSON document is
    /// its value (an empty body `null`), several JSON values one after another (NDJSON, JSON Lines,
    /// `application/json-seq`, concatenated objects: see [`JsonStream`](super::JsonStream)) are an array of
    /// them, and any other UTF-8 text is a JSON string. Only a body that is none of these (not UTF-8) is
    /// [`Error::InvalidBody`], with the raw body.
    #[allow(
        clippy::result_large_err,
        reason = "Error keeps the whole response for diagnosis; its size is irrelevant next to an HTTP round trip"
    )]
    pub fn json_value<E>(self) -> Result<ResponseValue<serde_json::Value>, Error<E>> {
        match decode_json_value(&self.body) {
            Ok(body) => Ok(self.value(body)),
            Err(message) => Err(self.invalid_body(message)),
        }
    }

    /// Decodes a body that is a sequence of JSON values (see [`JsonStream`](super::JsonStream) for how it is
    /// split) into its items, each a `T`; an empty body is no items. Failure yields [`Error::InvalidBody`]
    /// naming the first item that does not decode.
    #[allow(
        clippy::result_large_err,
        reason = "Error keeps the whole response for diagnosis; its size is irrelevant next to an HTTP round trip"
    )]
    pub fn json_seq<T: DeserializeOwned, E>(self) -> Result<ResponseValue<Vec<T>>, Error<E>> {
        match super::json_stream::decode_json_seq(&self.body) {
            Ok(items) => Ok(self.value(items)),
            Err(message) => Err(self.invalid_body(message)),
        }
    }

    /// Decodes the body as UTF-8 text; invalid UTF-8 yields
    /// [`Error::InvalidBody`] with the raw body.
    #[allow(
        clippy::result_large_err,
        reason = "Error keeps the whole response for diagnosis; its size is irrelevant next to an HTTP round trip"
    )]
    pub fn text<E>(self) -> Result<ResponseValue<String>, Error<E>> {
        match std::str::from_utf8(&self.body) {
            Ok(text) => {
                let text = text.to_owned();
                Ok(self.value(text))
            }
            Err(err) => Err(self.invalid_body(format!("body is not valid UTF-8: {err}"))),
        }
    }

    /// Keeps the body as raw bytes, for binary (`type: file`) responses.
    pub fn bytes(self) -> ResponseValue<Bytes> {
        let body = self.body.clone();
        self.value(body)
    }

    /// Discards the body, for responses the spec declares without a schema.
    /// Whatever the server sent anyway is dropped, so use this only when the
    /// body carries no meaning.
    pub fn empty(self) -> ResponseValue<()> {
        self.value(())
    }

    /// Turns a declared error status into [`Error::ErrorResponse`] with the
    /// body decoded as JSON (empty decodes as `null`, as in
    /// [`json`](Self::json)), or [`Error::InvalidBody`] if it does not decode.
    pub fn error_json<E: DeserializeOwned>(self) -> Error<E> {
        self.error_with(decode_json)
    }

    /// Like [`error_json`](Self::error_json), for an error body declared as an array or a map: `null` (and an
    /// empty body) decodes as the empty value, as in [`json_collection`](Self::json_collection).
    pub fn error_json_collection<E: DeserializeOwned + Default>(self) -> Error<E> {
        self.error_with(decode_json_collection)
    }

    /// Like [`error_json`](Self::error_json) with a caller-chosen decoder,
    /// e.g. for text error bodies; the decoder's message ends up in
    /// [`Error::InvalidBody`].
    pub fn error_with<E>(self, decode: impl FnOnce(&Bytes) -> Result<E, String>) -> Error<E> {
        match decode(&self.body) {
            Ok(body) => Error::ErrorResponse(self.value(body)),
            Err(message) => self.invalid_body(message),
        }
    }

    /// The whole status dispatch of an operation whose responses are all JSON with one success type and an
    /// untyped error body, the commonest shape by far: any 2xx decodes as `T` ([`json`](Self::json)), any
    /// 4xx or 5xx is [`Error::ErrorResponse`] ([`error_json`](Self::error_json)), and anything else (1xx,
    /// 3xx) is [`Error::UnexpectedResponse`].
    #[allow(
        clippy::result_large_err,
        reason = "Error keeps the whole response for diagnosis; its size is irrelevant next to an HTTP round trip"
    )]
    pub fn json_or_error<T: DeserializeOwned, E: DeserializeOwned>(self) -> Result<ResponseValue<T>, Error<E>> {
        self.success_or_error(Self::json)
    }

    /// [`json_or_error`](Self::json_or_error) for a success type declared as an array or a map: a 2xx decodes
    /// with [`json_collection`](Self::json_collection), so `null` is the empty value.
    #[allow(
        clippy::result_large_err,
        reason = "Error keeps the whole response for diagnosis; its size is irrelevant next to an HTTP round trip"
    )]
    pub fn json_collection_or_error<T: DeserializeOwned + Default, E: DeserializeOwned>(
        self,
    ) -> Result<ResponseValue<T>, Error<E>> {
        self.success_or_error(Self::json_collection)
    }

    /// [`json_or_error`](Self::json_or_error) for a success body without a schema: a 2xx decodes with
    /// [`json_value`](Self::json_value), so a body that is not one JSON document is still returned.
    #[allow(
        clippy::result_large_err,
        reason = "Error keeps the whole response for diagnosis; its size is irrelevant next to an HTTP round trip"
    )]
    pub fn json_value_or_error<E: DeserializeOwned>(self) -> Result<ResponseValue<serde_json::Value>, Error<E>> {
        self.success_or_error(Self::json_value)
    }

    /// The status dispatch of [`json_or_error`](Self::json_or_error), with `success` decoding a 2xx.
    #[allow(
        clippy::result_large_err,
        reason = "Error keeps the whole response for diagnosis; its size is irrelevant next to an HTTP round trip"
    )]
    fn success_or_error<T, E: DeserializeOwned>(
        self,
        success: fn(Self) -> Result<ResponseValue<T>, Error<E>>,
    ) -> Result<ResponseValue<T>, Error<E>> {
        if self.status.is_success() {
            success(self)
        } else if self.status.is_client_error() || self.status.is_server_error() {
            Err(self.error_json())
        } else {
            Err(self.unexpected())
        }
    }

    /// Turns a status the spec does not declare into
    /// [`Error::UnexpectedResponse`], keeping the raw body.
    pub fn unexpected<E>(self) -> Error<E> {
        Error::UnexpectedResponse(self.bytes())
    }

    fn invalid_body<E>(self, message: String) -> Error<E> {
        Error::InvalidBody { status: self.status, headers: self.headers, body: self.body, message }
    }
}

/// Decodes JSON, reading an empty or all-whitespace body as `null`.
fn decode_json<T: DeserializeOwned>(body: &Bytes) -> Result<T, String> {
    let body: &[u8] = if body.trim_ascii().is_empty() { b"null" } else { body };
    serde_json::from_slice(body).map_err(|err| err.to_string())
}

/// Decodes JSON declared as an array or a map: `null` (and an empty body) is the empty value.
fn decode_json_collection<T: DeserializeOwned + Default>(body: &Bytes) -> Result<T, String> {
    decode_json::<Option<T>>(body).map(Option::unwrap_or_default)
}

/// Decodes a body without a schema (see [`RawResponse::json_value`]).
fn decode_json_value(body: &Bytes) -> Result<serde_json::Value, String> {
    let whole = match decode_json(body) {
        Ok(value) => return Ok(value),
        Err(message) => message,
    };
    if let Ok(items) = super::json_stream::decode_json_seq(body) {
        return Ok(serde_json::Value::Array(items));
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(serde_json::Value::String(text.to_owned())),
        Err(_) => Err(format!("{whole}; the body is neither JSON values nor UTF-8 text")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn raw(status: u16, body: &'static [u8]) -> RawResponse {
        let status = StatusCode::from_u16(status).unwrap();
        RawResponse::new(status, HeaderMap::new(), Bytes::from_static(body))
    }

    fn invalid_body<T: std::fmt::Debug, E: std::fmt::Debug>(result: Result<T, Error<E>>) -> (Bytes, String) {
        match result {
            Err(Error::InvalidBody { body, message, .. }) => (body, message),
            other => panic!("expected InvalidBody, got {other:?}"),
        }
    }

    #[test]
    fn json_or_error_dispatches_on_the_status_class() {
        let ok = raw(201, br#"{"a":1}"#).json_or_error::<Value, Value>().unwrap();
        assert_eq!((ok.status().as_u16(), ok.into_body()), (201, json!({"a": 1})));
        for status in [404, 503] {
            match raw(status, br#"{"e":1}"#).json_or_error::<Value, Value>() {
                Err(Error::ErrorResponse(r)) => assert_eq!((r.status().as_u16(), r.body()), (status, &json!({"e": 1}))),
                other => panic!("{status}: {other:?}"),
            }
        }
        assert!(matches!(raw(304, b"").json_or_error::<Value, Value>(), Err(Error::UnexpectedResponse(_))));
        let (_, message) = invalid_body(raw(200, b"{").json_or_error::<Value, Value>());
        assert!(!message.is_empty());
    }

    #[test]
    fn json_decodes_the_body() {
        let value = raw(200, br#"{"a":[1,2]}"#).json::<Value, Value>().unwrap();
        assert_eq!(value.status(), StatusCode::OK);
        assert_eq!(*value, json!({"a": [1, 2]}));
    }

    #[test]
    fn json_reads_empty_or_blank_body_as_null() {
        assert_eq!(*raw(200, b"").json::<Value, Value>().unwrap(), Value::Null);
        assert_eq!(*raw(200, b" \r\n\t").json::<Value, Value>().unwrap(), Value::Null);
        assert_eq!(*raw(204, b"").json::<Option<u32>, Value>().unwrap(), None);
        let (_, message) = invalid_body(raw(200, b"").json::<Vec<u32>, Value>());
        assert!(message.contains("null"), "{message}");
    }

    #[test]
    fn json_collection_reads_null_and_empty_as_empty() {
        use std::collections::BTreeMap;
        assert_eq!(*raw(200, b"null").json_collection::<Vec<u32>, Value>().unwrap(), Vec::<u32>::new());
        assert_eq!(*raw(200, b" ").json_collection::<Vec<u32>, Value>().unwrap(), Vec::<u32>::new());
        assert_eq!(*raw(200, b"[1]").json_collection::<Vec<u32>, Value>().unwrap(), vec![1]);
        let map = raw(200, b"null").json_collection::<BTreeMap<String, u32>, Value>().unwrap();
        assert!(map.is_empty());
        let (body, message) = invalid_body(raw(200, b"{}").json_collection::<Vec<u32>, Value>());
        assert_eq!((body, message.starts_with("invalid type: map")), (Bytes::from_static(b"{}"), true), "{message}");
        let ok = raw(201, b"null").json_collection_or_error::<Vec<u32>, Value>().unwrap();
        assert_eq!((ok.status().as_u16(), ok.into_body()), (201, Vec::new()));
        match raw(404, b"null").json_collection_or_error::<Vec<u32>, Value>() {
            Err(Error::ErrorResponse(r)) => assert_eq!(*r.body(), Value::Null),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            raw(304, b"").json_collection_or_error::<Vec<u32>, Value>(),
            Err(Error::UnexpectedResponse(_))
        ));
        match raw(400, b"null").error_json_collection::<Vec<String>>() {
            Error::ErrorResponse(r) => assert!(r.body().is_empty()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn json_failure_keeps_raw_body_and_message() {
        let (body, message) = invalid_body(raw(200, b"<html>").json::<Value, Value>());
        assert_eq!(body, "<html>");
        assert!(message.contains("expected value"), "{message}");
    }

    #[test]
    fn text_requires_utf8() {
        assert_eq!(*raw(200, "Ω".as_bytes()).text::<Value>().unwrap(), "Ω".to_owned());
        let (body, message) = invalid_body(raw(200, b"\xff\xfe").text::<Value>());
        assert_eq!(body, &b"\xff\xfe"[..]);
        assert!(message.contains("UTF-8"), "{message}");
    }

    #[test]
    fn bytes_and_empty_keep_status() {
        assert_eq!(*raw(200, b"\x00\x01").bytes(), &b"\x00\x01"[..]);
        assert_eq!(raw(202, b"ignored").empty().status(), StatusCode::ACCEPTED);
    }

    #[test]
    fn error_json_decodes_declared_errors() {
        match raw(404, br#"{"errorMessages":["gone"]}"#).error_json::<Value>() {
            Error::ErrorResponse(value) => {
                assert_eq!(value.status(), StatusCode::NOT_FOUND);
                assert_eq!(*value, json!({"errorMessages": ["gone"]}));
            }
            other => panic!("expected ErrorResponse, got {other:?}"),
        }
        match raw(500, b"").error_json::<Value>() {
            Error::ErrorResponse(value) => assert_eq!(*value, Value::Null),
            other => panic!("expected ErrorResponse, got {other:?}"),
        }
        let (body, _) = invalid_body::<(), u32>(Err(raw(400, b"nope").error_json::<u32>()));
        assert_eq!(body, "nope");
    }

    #[test]
    fn error_with_uses_the_given_decoder() {
        let decode = |body: &Bytes| String::from_utf8(body.to_vec()).map_err(|e| e.to_string());
        match raw(409, b"conflict").error_with(decode) {
            Error::ErrorResponse(value) => assert_eq!(*value, "conflict"),
            other => panic!("expected ErrorResponse, got {other:?}"),
        }
        let (_, message) = invalid_body::<(), String>(Err(raw(409, b"\xff").error_with(decode)));
        assert!(message.contains("utf-8"), "{message}");
    }

    #[test]
    fn the_attempt_count_reaches_every_decoded_value_and_error() {
        let retried = || raw(503, br#"{"e":1}"#).with_attempts(3);
        assert_eq!(raw(200, b"").attempts(), 1);
        assert_eq!(retried().json::<Value, Value>().unwrap().attempts(), 3);
        assert_eq!(retried().text::<Value>().unwrap().attempts(), 3);
        assert_eq!((retried().bytes().attempts(), retried().empty().attempts()), (3, 3));
        assert_eq!(retried().error_json::<Value>().attempts(), 3);
        assert_eq!(retried().unexpected::<Value>().attempts(), 3);
        assert_eq!(retried().json_or_error::<Value, Value>().unwrap_err().attempts(), 3);
    }

    #[test]
    fn unexpected_keeps_raw_body() {
        match raw(418, b"teapot").unexpected::<Value>() {
            Error::UnexpectedResponse(value) => {
                assert_eq!(value.status(), StatusCode::IM_A_TEAPOT);
                assert_eq!(*value, "teapot");
            }
            other => panic!("expected UnexpectedResponse, got {other:?}"),
        }
    }

    #[test]
    fn a_body_without_a_schema_is_returned_whatever_it_holds() {
        let value = |body: &'static [u8]| raw(200, body).json_value::<Value>().unwrap().into_body();
        assert_eq!(value(br#"{"a":1}"#), json!({"a": 1}));
        assert_eq!(value(b""), Value::Null);
        assert_eq!(
            value(b"{\"stream\":\"Step 1\"}\r\n{\"stream\":\"Step 2\"}\r\n"),
            json!([{"stream": "Step 1"}, {"stream": "Step 2"}])
        );
        assert_eq!(value(br#"{"a":1}{"b":2}"#), json!([{"a": 1}, {"b": 2}]));
        assert_eq!(value(b"OK"), json!("OK"));
        assert_eq!(value(br#"{"a":"#), json!(r#"{"a":"#));
        let (body, message) = invalid_body(raw(200, b"\xff\xfe").json_value::<Value>());
        assert_eq!(&body[..], b"\xff\xfe");
        assert!(message.ends_with("the body is neither JSON values nor UTF-8 text"), "{message}");
        match raw(500, b"boom").json_value_or_error::<Value>() {
            Err(Error::InvalidBody { status, .. }) => assert_eq!(status.as_u16(), 500),
            other => panic!("{other:?}"),
        }
        assert_eq!(raw(200, b"1\n2").json_value_or_error::<Value>().unwrap().into_body(), json!([1, 2]));
    }

    #[test]
    fn a_sequence_body_decodes_into_its_items() {
        let items = raw(200, b"\x1e{\"a\":1}\n\x1e{\"a\":2}\n").json_seq::<Value, Value>().unwrap();
        assert_eq!(items.into_body(), [json!({"a": 1}), json!({"a": 2})]);
        let (_, message) = invalid_body(raw(200, b"1\nx\n").json_seq::<u32, Value>());
        assert!(message.starts_with("item 1: "), "{message}");
    }
}

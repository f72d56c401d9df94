//! The description of one HTTP call, filled in by generated operation code.

use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;

use super::encoding::{CollectionFormat, ParamValue, encode_path_literal, encode_path_segment, join_values};
use super::error::InvalidHeader;
use super::form::{FilePart, Form, FormBody};
use super::retry::RetryPolicy;
use super::security::SecurityScheme;

/// One operation call, built up by value and then passed to
/// [`ClientCore::execute`](super::ClientCore::execute).
///
/// Generated request builders hold one and fill it as their setters are
/// called, so setting a parameter twice keeps the last value. The builder
/// methods never fail: the first problem (an invalid header, a body that
/// cannot be serialized) is recorded and returned by `execute` as
/// [`Error::InvalidRequest`](super::Error::InvalidRequest) before anything is
/// sent.
#[derive(Clone)]
pub struct Request {
    pub(super) method: Method,
    pub(super) path: String,
    /// Query pairs in the order they are sent; a `None` value is a bare key (`?comp`).
    pub(super) query: Vec<(String, Option<String>)>,
    pub(super) headers: HeaderMap,
    pub(super) body: Option<Bytes>,
    /// formData fields, encoded into the body when the request is sent.
    pub(super) form: Option<Form>,
    pub(super) security: &'static [&'static [SecurityScheme]],
    pub(super) error: Option<String>,
    /// The operation's name and path template, for tracing and hooks.
    pub(super) operation: &'static str,
    pub(super) path_template: &'static str,
    /// Overrides of the client's timeout and retry policy for this call.
    pub(super) timeout: Option<Duration>,
    pub(super) retry: Option<RetryPolicy>,
    /// An absolute URL that replaces the base URL and path (a next-page link, a polling URL), already
    /// carrying its own query; `query` is appended to it. The client sends it only to the base URL's origin.
    pub(super) url: Option<reqwest::Url>,
}

impl Request {
    /// Starts a request with an empty path (the base URL itself), no
    /// parameters, no body and no authentication.
    pub fn new(method: Method) -> Self {
        Self {
            method,
            path: String::new(),
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: None,
            form: None,
            security: &[],
            error: None,
            operation: "",
            path_template: "",
            timeout: None,
            retry: None,
            url: None,
        }
    }

    /// Names the operation this request performs and its path template as the spec writes it (for
    /// example `("get_issue", "/issue/{issueIdOrKey}")`). Both appear in tracing spans and
    /// [`HookContext`](super::HookContext); the template, unlike the filled-in path, holds no identifiers or
    /// keys, so it is safe to log and to group metrics by.
    pub fn operation(mut self, name: &'static str, path_template: &'static str) -> Self {
        self.operation = name;
        self.path_template = path_template;
        self
    }

    /// Gives this call its own timeout instead of the client's (see
    /// [`ClientCore::set_timeout`](super::ClientCore::set_timeout)): the most time for one attempt, from
    /// connecting until the whole response body has arrived. Expiry is [`Error::Timeout`](super::Error::Timeout).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Gives this call its own retry policy instead of the client's, e.g. [`RetryPolicy::none`] for a call
    /// that must not be repeated, or one with
    /// [`retry_non_idempotent`](RetryPolicy::retry_non_idempotent) for a `POST` the caller knows is safe to
    /// repeat.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Appends a literal piece of the path template, such as
    /// `/api/2/issue/`. `/` and other legal path characters are kept;
    /// anything else (notably `?` and `#`) is percent-encoded so the spec
    /// cannot alter the query or fragment.
    pub fn path(mut self, literal: &str) -> Self {
        self.path.push_str(&encode_path_literal(literal));
        self
    }

    /// Appends a path parameter, encoded so it stays a single segment (see
    /// [`encode_path_segment`]).
    ///
    /// An empty value is recorded as an invalid request: it would collapse the
    /// segment and address a different resource (`/users/{id}` → `/users/`).
    pub fn path_param<T: ParamValue + ?Sized>(mut self, value: &T) -> Self {
        let value = value.to_param();
        if value.is_empty() {
            self.error.get_or_insert_with(|| "a path parameter is empty".to_owned());
        }
        self.path.push_str(&encode_path_segment(&value));
        self
    }

    /// Appends an array path parameter, joined per `format` and then encoded
    /// as a single segment, separators included.
    pub fn path_array<T: ParamValue>(self, values: impl IntoIterator<Item = T>, format: CollectionFormat) -> Self {
        self.path_param(&join_values(values, format))
    }

    /// Sets the query parameter `name` to `value`, replacing an earlier
    /// value; both are form-urlencoded when the URL is built.
    pub fn query<T: ParamValue + ?Sized>(mut self, name: &str, value: &T) -> Self {
        self.query.retain(|(n, _)| n != name);
        self.query.push((name.to_owned(), Some(value.to_param())));
        self
    }

    /// Sets the bare query key `name`, sent without `=` (`?comp`), replacing an earlier value; the name is
    /// form-urlencoded when the URL is built. Operations whose path the spec writes with such a key
    /// (`/{container}?comp`) send it on every call.
    pub fn query_key(mut self, name: &str) -> Self {
        self.query.retain(|(n, _)| n != name);
        self.query.push((name.to_owned(), None));
        self
    }

    /// Sets an array query parameter, replacing an earlier value: one pair
    /// per value for [`CollectionFormat::Multi`], otherwise one pair with the
    /// joined values. An empty array sends nothing.
    pub fn query_array<T: ParamValue>(
        mut self,
        name: &str,
        values: impl IntoIterator<Item = T>,
        format: CollectionFormat,
    ) -> Self {
        self.query.retain(|(n, _)| n != name);
        let values: Vec<String> = values.into_iter().map(|v| v.to_param()).collect();
        if values.is_empty() {
            return self;
        }
        match format {
            CollectionFormat::Multi => {
                self.query.extend(values.into_iter().map(|v| (name.to_owned(), Some(v))));
                self
            }
            _ => self.query(name, &join_values(values, format)),
        }
    }

    /// Sets the header `name` (replacing an earlier value). An invalid name,
    /// or a value with CR, LF or other bytes HTTP forbids, is recorded as an
    /// error instead.
    pub fn header<T: ParamValue + ?Sized>(mut self, name: &str, value: &T) -> Self {
        match header_pair(name, &value.to_param()) {
            Ok((name, value)) => {
                self.headers.insert(name, value);
                self
            }
            Err(err) => self.fail(err.to_string()),
        }
    }

    /// Sets an array header, joined per `format` (commas for
    /// [`CollectionFormat::Multi`]). An empty array removes the header.
    pub fn header_array<T: ParamValue>(
        mut self,
        name: &str,
        values: impl IntoIterator<Item = T>,
        format: CollectionFormat,
    ) -> Self {
        let values: Vec<String> = values.into_iter().map(|v| v.to_param()).collect();
        if values.is_empty() {
            if let Ok(name) = HeaderName::from_bytes(name.as_bytes()) {
                self.headers.remove(name);
            }
            return self;
        }
        self.header(name, &join_values(values, format))
    }

    /// Sets the `Accept` header to the media type the operation expects.
    pub fn accept(self, media: &str) -> Self {
        self.header(ACCEPT.as_str(), media)
    }

    /// Sends `body` as JSON labelled with `content_type` (`application/json`, or a JSON-based type such as
    /// `application/merge-patch+json`).
    pub fn json_body<B: Serialize + ?Sized>(self, content_type: &str, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(json) => self.bytes_body(content_type, json),
            Err(err) => self.fail(format!("could not serialize the JSON body: {err}")),
        }
    }

    /// Sends `body` as is, labelled with `content_type`.
    pub fn bytes_body(mut self, content_type: &str, body: impl Into<Bytes>) -> Self {
        self.body = Some(body.into());
        self.header(CONTENT_TYPE.as_str(), content_type)
    }

    /// Sends `body` as text, labelled with `content_type` (which should name
    /// the charset if it is not UTF-8's usual default).
    pub fn text_body(self, content_type: &str, body: String) -> Self {
        self.bytes_body(content_type, body)
    }

    /// Gives the request a form body sent as
    /// `application/x-www-form-urlencoded` (or as multipart once a file is
    /// added), even if no field is ever set; the fields go out in the order
    /// of `fields`, the names the spec declares.
    pub fn urlencoded_form(mut self, fields: &'static [&'static str]) -> Self {
        self.form = Some(Form::urlencoded().ordered(fields));
        self
    }

    /// Gives the request a form body sent as `multipart/form-data`, with its
    /// parts in the order of `fields`.
    pub fn multipart_form(mut self, fields: &'static [&'static str]) -> Self {
        self.form = Some(Form::multipart().ordered(fields));
        self
    }

    /// Sets the form field `name` to a plain-text value (never JSON-quoted).
    pub fn form_text<T: ParamValue + ?Sized>(mut self, name: &str, value: &T) -> Self {
        self.form.get_or_insert_with(Form::urlencoded).text(name, value);
        self
    }

    /// Sets an array form field: one field per value for `multi`, else one
    /// field with the joined values.
    pub fn form_array<T: ParamValue>(
        mut self,
        name: &str,
        values: impl IntoIterator<Item = T>,
        format: CollectionFormat,
    ) -> Self {
        self.form.get_or_insert_with(Form::urlencoded).array(name, values, format);
        self
    }

    /// Sets the file part `name`; the form is then sent as multipart.
    pub fn form_file(mut self, name: &str, file: FilePart) -> Self {
        self.form.get_or_insert_with(Form::multipart).file(name, file);
        self
    }

    /// Declares the operation's security requirement: any one inner slice
    /// suffices, and every scheme within it is needed. An empty slice, the
    /// default, means the operation needs no authentication, so no
    /// credentials are sent.
    pub fn security(mut self, alternatives: &'static [&'static [SecurityScheme]]) -> Self {
        self.security = alternatives;
        self
    }

    /// The value of the query parameter `name`, if set (a bare key has none).
    pub(super) fn query_value(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }

    /// Sends this request to `url` (absolute, with its own query) instead of the base URL and path. The query
    /// parameters set on the request whose names `url` does not carry are appended to it when it is sent, so
    /// the caller's optional parameters survive a server's next link that leaves them out.
    pub(super) fn with_url(mut self, url: reqwest::Url) -> Self {
        self.url = Some(url);
        self
    }

    /// Encodes the form fields, if any, into the body; a form with a streamed file part becomes a streamed
    /// body, returned beside the request.
    pub(super) fn finish_form(mut self) -> (Self, Option<reqwest::Body>) {
        match self.form.take().map(Form::encode) {
            Some(Ok((content_type, FormBody::Bytes(body)))) => (self.bytes_body(&content_type, body), None),
            Some(Ok((content_type, FormBody::Stream(body)))) => {
                (self.header(CONTENT_TYPE.as_str(), content_type.as_str()), Some(body))
            }
            Some(Err(message)) => (self.fail(message), None),
            None => (self, None),
        }
    }

    /// Records `message` unless an earlier problem was already recorded; the
    /// first one is usually the cause of the rest.
    fn fail(mut self, message: String) -> Self {
        self.error.get_or_insert(message);
        self
    }
}

/// Shows where the request goes and what it carries, with the body as its length: bodies may be large or
/// private. Credentials are not part of a `Request`; the client adds them when sending.
impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("body_len", &self.body.as_ref().map(Bytes::len))
            .field("form", &self.form)
            .field("error", &self.error)
            .field("operation", &self.operation)
            .field("path_template", &self.path_template)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("url", &self.url.as_ref().map(reqwest::Url::as_str))
            .finish()
    }
}

/// Validates a header name and value. Values may contain any byte HTTP
/// allows (including UTF-8), but never CR, LF or other control characters.
pub(super) fn header_pair(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), InvalidHeader> {
    let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| InvalidHeader::for_name(name))?;
    let header_value = HeaderValue::from_bytes(value.as_bytes()).map_err(|_| InvalidHeader::for_value(name))?;
    Ok((header_name, header_value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get() -> Request {
        Request::new(Method::GET)
    }

    fn pairs(request: &Request) -> Vec<(&str, &str)> {
        request.query.iter().map(|(n, v)| (n.as_str(), v.as_deref().unwrap_or("<bare>"))).collect()
    }

    #[test]
    fn path_combines_literals_and_encoded_params() {
        let request =
            get().path("/api/2/issue/").path_param("../../admin?x=1#f").path("/comment/").path_param(&42).path("?#");
        assert_eq!(request.path, "/api/2/issue/..%2F..%2Fadmin%3Fx%3D1%23f/comment/42%3F%23");
        assert_eq!(request.method, Method::GET);
    }

    #[test]
    fn path_array_is_one_segment() {
        let request = get().path("/ids/").path_array(["a b", "c/d"], CollectionFormat::Pipes);
        assert_eq!(request.path, "/ids/a%20b%7Cc%2Fd");
    }

    #[test]
    fn query_pairs_are_plain_values() {
        let request = get().query("q", "a b").query("n", &7).query("v", &serde_json::json!("s")).query("num", &1.5);
        assert_eq!(pairs(&request), [("q", "a b"), ("n", "7"), ("v", "s"), ("num", "1.5")]);
    }

    #[test]
    fn setting_a_parameter_again_replaces_it() {
        let request = get()
            .query("a", "1")
            .query_array("m", [1, 2], CollectionFormat::Multi)
            .query("b", "2")
            .query("a", "3")
            .query_array("m", [4], CollectionFormat::Multi)
            .query_array("b", Vec::<u8>::new(), CollectionFormat::Csv);
        assert_eq!(pairs(&request), [("a", "3"), ("m", "4")], "the last value wins; an empty array clears");
        let request = get().header("X-A", "1").header_array("X-A", Vec::<u8>::new(), CollectionFormat::Csv);
        assert!(!request.headers.contains_key("x-a"));
        let (request, _) = get().form_text("f", "1").form_text("g", "2").form_text("f", "3").finish_form();
        assert_eq!(request.body.unwrap(), "g=2&f=3");
        let request = get().urlencoded_form(&["f", "g"]).form_text("x", "0").form_text("g", "2").form_text("f", "1");
        assert_eq!(request.finish_form().0.body.unwrap(), "f=1&g=2&x=0", "declared order, then the rest as set");
    }

    #[test]
    fn bare_keys_keep_their_place_until_a_value_replaces_them() {
        let request = get().query("restype", "container").query_key("comp").query("timeout", &30);
        assert_eq!(pairs(&request), [("restype", "container"), ("comp", "<bare>"), ("timeout", "30")]);
        assert_eq!(request.query_value("comp"), None, "a bare key has no value");
        let request = request.query("comp", "list").query_key("restype");
        assert_eq!(pairs(&request), [("timeout", "30"), ("comp", "list"), ("restype", "<bare>")]);
    }

    #[test]
    fn query_arrays_follow_collection_format() {
        let request = get()
            .query_array("m", [1, 2], CollectionFormat::Multi)
            .query_array("c", ["a", "b"], CollectionFormat::Csv)
            .query_array("s", ["a", "b"], CollectionFormat::Ssv)
            .query_array("t", ["a", "b"], CollectionFormat::Tsv)
            .query_array("p", ["a", "b"], CollectionFormat::Pipes)
            .query_array::<u8>("empty", [], CollectionFormat::Multi)
            .query_array::<u8>("empty", [], CollectionFormat::Csv);
        assert_eq!(pairs(&request), [("m", "1"), ("m", "2"), ("c", "a,b"), ("s", "a b"), ("t", "a\tb"), ("p", "a|b")]);
    }

    #[test]
    fn headers_are_set_under_their_name() {
        let request = get()
            .header("X-Id", &5)
            .header("X-Id", "6")
            .header("X-Some", &true)
            .header_array("X-List", ["a", "b"], CollectionFormat::Multi)
            .header_array::<u8>("X-Empty", [], CollectionFormat::Csv)
            .header("X-Utf8", "Ω")
            .accept("application/json");
        assert!(request.error.is_none());
        let headers = &request.headers;
        assert_eq!(headers.get_all("x-id").iter().count(), 1);
        assert_eq!(headers["x-id"], "6");
        assert_eq!(headers["x-some"], "true");
        assert_eq!(headers["x-list"], "a,b");
        assert!(!headers.contains_key("x-empty"));
        assert_eq!(headers["x-utf8"].as_bytes(), "Ω".as_bytes());
        assert_eq!(headers[ACCEPT], "application/json");
    }

    #[test]
    fn invalid_headers_record_the_first_error() {
        let request = get().header("X-Evil", "a\r\nInjected: yes").header("bad name", "v").header("X-Nul", "a\0b");
        let error = request.error.unwrap();
        assert!(error.contains("X-Evil"), "{error}");
        assert!(!error.contains("Injected"), "{error}");
        assert!(!request.headers.contains_key("x-evil"));
        let request = get().header("bad name", "v");
        assert!(request.error.unwrap().contains("name"));
        assert!(get().header("X-Lf", "\n").error.is_some());
    }

    #[test]
    fn bodies_set_content_type() {
        let json = get().json_body("application/json", &serde_json::json!({"a": 1}));
        assert_eq!(json.headers[CONTENT_TYPE], "application/json");
        assert_eq!(json.body.unwrap(), r#"{"a":1}"#);
        let (form, _) = get().urlencoded_form(&[]).form_text("a b", "c&d=é").finish_form();
        assert_eq!(form.headers[CONTENT_TYPE], "application/x-www-form-urlencoded");
        assert_eq!(form.body.unwrap(), "a+b=c%26d%3D%C3%A9");
        let text = get().text_body("text/plain; charset=utf-8", "hi".into());
        assert_eq!(text.headers[CONTENT_TYPE], "text/plain; charset=utf-8");
        assert_eq!(text.body.unwrap(), "hi");
        let bytes = get().bytes_body("application/octet-stream", vec![0u8, 1]);
        assert_eq!(bytes.body.unwrap(), &[0u8, 1][..]);
        assert!(get().bytes_body("bad\n", "x").error.is_some());
    }

    #[test]
    fn unserializable_json_body_is_recorded() {
        let mut map = std::collections::HashMap::new();
        map.insert((1, 2), "tuple keys are not JSON");
        let request = get().json_body("application/json", &map);
        assert!(request.error.unwrap().contains("JSON body"));
    }

    #[test]
    fn security_is_stored() {
        const SCHEMES: &[&[SecurityScheme]] = &[&[SecurityScheme::OAuth2 { name: "o" }]];
        assert!(get().security.is_empty());
        assert_eq!(get().security(SCHEMES).security, SCHEMES);
    }
}

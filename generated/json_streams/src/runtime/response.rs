//! A decoded response body together with the status and headers it came with.

use std::ops::Deref;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// A response body of type `T` with the status and headers it arrived with.
///
/// Operations return this instead of the bare body so callers can still read
/// pagination, rate-limit or location headers. It dereferences to the body for
/// convenience.
#[derive(Clone, Debug)]
pub struct ResponseValue<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
    attempts: u32,
}

impl<T> ResponseValue<T> {
    /// Bundles a decoded body with the response's status and headers, as the answer to a first attempt.
    pub fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        Self { status, headers, body, attempts: 1 }
    }

    /// How many times the request was sent before this answer arrived: 1 unless the client retried (see
    /// [`RetryPolicy`](super::RetryPolicy)) or refreshed a rejected token.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Records how many attempts this answer took.
    pub(super) fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// The HTTP status the server answered with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers, as received.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// Drops status and headers, keeping the body.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Splits the value so each part can be moved out independently.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }

    /// Transforms the body while keeping status and headers.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U> {
        ResponseValue { status: self.status, headers: self.headers, body: f(self.body), attempts: self.attempts }
    }
}

impl<T> Deref for ResponseValue<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderValue, LOCATION};

    fn sample() -> ResponseValue<Vec<u8>> {
        let mut headers = HeaderMap::new();
        headers.insert(LOCATION, HeaderValue::from_static("/x"));
        ResponseValue::new(StatusCode::CREATED, headers, vec![1, 2, 3])
    }

    #[test]
    fn accessors_and_deref_expose_the_parts() {
        let value = sample();
        assert_eq!(value.status(), StatusCode::CREATED);
        assert_eq!(value.headers()[LOCATION], "/x");
        assert_eq!(value.body(), &vec![1, 2, 3]);
        assert_eq!(value.len(), 3);
        assert_eq!(value.clone().into_body(), vec![1, 2, 3]);
        let (status, headers, body) = value.into_parts();
        assert_eq!((status, headers.len(), body), (StatusCode::CREATED, 1, vec![1, 2, 3]));
    }

    #[test]
    fn map_keeps_status_and_headers() {
        assert_eq!(sample().attempts(), 1);
        let mapped = sample().with_attempts(3).map(|body| body.len());
        assert_eq!(mapped.attempts(), 3);
        assert_eq!(mapped.status(), StatusCode::CREATED);
        assert_eq!(mapped.headers()[LOCATION], "/x");
        assert_eq!(*mapped, 3);
    }
}

/// Deserializes an optional, nullable field so that absent (`None`, via `#[serde(default)]`), `null`
/// (`Some(None)`) and a value (`Some(Some(v))`) stay distinct; serde alone would read `null` as absent.
pub fn deserialize_nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}

/// Reads the header `name` as a `T`: the value is tried as JSON first (numbers, booleans) and then as a
/// plain string (strings, enums). `None` when the header is absent, not text, or not a valid `T`, so a server
/// sending an unexpected header value never fails the call.
pub fn header_value<T: serde::de::DeserializeOwned>(headers: &reqwest::header::HeaderMap, name: &str) -> Option<T> {
    let text = headers.get(name)?.to_str().ok()?;
    serde_json::from_str(text).ok().or_else(|| serde_json::from_value(serde_json::Value::String(text.to_owned())).ok())
}

/// Reads a comma-separated header (a `csv` array) as a list of `T`s; `None` as for [`header_value`], or when
/// any item is not a valid `T`.
pub fn header_list<T: serde::de::DeserializeOwned>(headers: &reqwest::header::HeaderMap, name: &str) -> Option<Vec<T>> {
    let text = headers.get(name)?.to_str().ok()?;
    text.split(',')
        .map(str::trim)
        .map(|item| {
            serde_json::from_str(item)
                .ok()
                .or_else(|| serde_json::from_value(serde_json::Value::String(item.to_owned())).ok())
        })
        .collect()
}

#[cfg(test)]
mod header_tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (reqwest::header::HeaderName::from_static(k), HeaderValue::from_static(v))).collect()
    }

    #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
    struct Patch {
        #[serde(default, deserialize_with = "deserialize_nullable", skip_serializing_if = "Option::is_none")]
        note: Option<Option<String>>,
    }

    #[test]
    fn nullable_fields_tell_absent_from_null() {
        let parse = |text: &str| serde_json::from_str::<Patch>(text).unwrap().note;
        assert_eq!(parse("{}"), None);
        assert_eq!(parse(r#"{"note":null}"#), Some(None));
        assert_eq!(parse(r#"{"note":"x"}"#), Some(Some("x".to_owned())));
        assert_eq!(serde_json::to_string(&Patch { note: None }).unwrap(), "{}");
        assert_eq!(serde_json::to_string(&Patch { note: Some(None) }).unwrap(), r#"{"note":null}"#);
    }

    #[test]
    fn header_values_parse_as_their_type() {
        let map = headers(&[("x-rate-limit", "50"), ("x-flag", "true"), ("x-name", "abc"), ("x-list", "1, 2,3")]);
        assert_eq!(header_value::<i32>(&map, "X-Rate-Limit"), Some(50));
        assert_eq!(header_value::<bool>(&map, "x-flag"), Some(true));
        assert_eq!(header_value::<String>(&map, "x-name"), Some("abc".to_owned()));
        assert_eq!(header_value::<String>(&map, "x-rate-limit"), Some("50".to_owned()), "digits are text too");
        assert_eq!(header_list::<i64>(&map, "x-list"), Some(vec![1, 2, 3]));
        assert_eq!(header_value::<i32>(&map, "x-name"), None);
        assert_eq!(header_value::<i32>(&map, "x-missing"), None);
    }
}

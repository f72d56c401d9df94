//! Media types: the one place a `consumes`/`produces` string is interpreted.
//!
//! Every wire decision that depends on a media type (how a body is encoded, how a response is decoded, which
//! `Accept` to send, which form encoding to use) is made from a [`MediaType`] while lowering, and stored in the
//! IR as an enum; the emitter never looks at media-type text.

use std::fmt;

use serde::Serialize;

/// A media type as the spec writes it (`application/merge-patch+json; charset=utf-8`), kept verbatim for the
/// wire, with its essence (`type/subtype`, lower-case, parameters dropped) for decisions.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct MediaType(String);

impl MediaType {
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// `application/json`: what a JSON body is sent as when the spec names no JSON media type of its own.
    pub fn json() -> Self {
        Self::new("application/json")
    }

    /// `application/octet-stream`: what raw bytes are sent as when the spec names no media type for them.
    pub fn octet_stream() -> Self {
        Self::new("application/octet-stream")
    }

    /// The text as written, sent in `Content-Type`/`Accept`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `type/subtype`, lower-case, without parameters.
    pub fn essence(&self) -> String {
        self.0.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
    }

    /// `application/json` or a `+json` structured syntax (`application/merge-patch+json`).
    pub fn is_json(&self) -> bool {
        let essence = self.essence();
        essence == "application/json" || essence.ends_with("+json")
    }

    /// A media type of a stream of JSON values: newline-delimited JSON (`application/x-ndjson`,
    /// `application/ndjson`), JSON Lines (`application/jsonl`, `application/x-jsonlines`, …) and JSON text
    /// sequences (`application/json-seq`, RFC 7464). Not a JSON type: a body in it is not one JSON document.
    pub fn is_json_stream(&self) -> bool {
        matches!(
            self.essence().as_str(),
            "application/x-ndjson"
                | "application/ndjson"
                | "application/jsonl"
                | "application/x-jsonl"
                | "application/jsonlines"
                | "application/x-jsonlines"
                | "application/json-seq"
                | "application/x-json-stream"
        )
    }

    /// `*/*`: the operation accepts or returns anything, which for a generated client means JSON.
    pub fn is_wildcard(&self) -> bool {
        self.essence() == "*/*"
    }

    /// JSON, or a wildcard that JSON satisfies.
    pub fn admits_json(&self) -> bool {
        self.is_json() || self.is_wildcard()
    }

    /// `multipart/form-data` (or another `multipart/` type).
    pub fn is_multipart(&self) -> bool {
        self.essence().starts_with("multipart/")
    }

    /// `application/x-www-form-urlencoded`.
    pub fn is_urlencoded(&self) -> bool {
        self.essence() == "application/x-www-form-urlencoded"
    }

    /// A concrete type other than JSON and forms, in which a body is sent as raw bytes or text.
    pub fn is_raw(&self) -> bool {
        !self.admits_json() && !self.is_multipart() && !self.is_urlencoded() && !self.essence().is_empty()
    }
}

impl fmt::Display for MediaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::MediaType;

    #[test]
    fn essences_and_kinds() {
        let m = MediaType::new("Application/Merge-Patch+JSON; charset=utf-8");
        assert_eq!(m.essence(), "application/merge-patch+json");
        assert!(m.is_json() && m.admits_json() && !m.is_raw());
        assert!(MediaType::new("*/*").admits_json());
        assert!(!MediaType::new("*/*").is_json());
        assert!(MediaType::new("multipart/form-data; boundary=x").is_multipart());
        assert!(MediaType::new("application/x-www-form-urlencoded").is_urlencoded());
        assert!(MediaType::new("application/octet-stream").is_raw());
        assert!(MediaType::new("text/plain").is_raw());
        assert!(!MediaType::new("").is_raw());
        for stream in ["application/x-ndjson", "Application/JSONL; charset=utf-8", "application/json-seq"] {
            let m = MediaType::new(stream);
            assert!(m.is_json_stream() && !m.is_json() && !m.admits_json(), "{stream}");
        }
        assert!(!MediaType::new("application/json").is_json_stream());
        assert!(!MediaType::new("application/json;stream=watch").is_json_stream());
    }
}

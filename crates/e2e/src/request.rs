//! What the server saw of one request.

use crate::decode::{DecodeError, decode_path_segments, decode_query};

/// One request exactly as it arrived, before any decoding.
///
/// Header names are lower-cased (HTTP header names are case-insensitive, so
/// a client may send either), but kept in arrival order with duplicates, so
/// a test can tell one `Authorization` header from two.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The first line without its CRLF, e.g. `GET /api/2/issue/X?expand=names HTTP/1.1`.
    pub request_line: String,
    /// The method token of the request line.
    pub method: String,
    /// The request target (path and query) exactly as sent, still percent-encoded.
    pub target: String,
    /// The protocol version of the request line, e.g. `HTTP/1.1`.
    pub version: String,
    /// `(lower-cased name, value)` pairs in arrival order; values have
    /// surrounding whitespace trimmed, and bytes that are not UTF-8 are
    /// replaced by U+FFFD.
    pub headers: Vec<(String, String)>,
    /// The body, read per `Content-Length` or de-chunked.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// The first value of header `name` (any case), if it was sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.header_values(name).into_iter().next()
    }

    /// Every value of header `name` (any case), in arrival order.
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    }

    /// The names of all headers received, in order, duplicates included.
    pub fn header_names(&self) -> Vec<&str> {
        self.headers.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// The raw path: the target up to, not including, any `?`.
    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(&self.target, |(path, _)| path)
    }

    /// The raw query after `?`, or `None` if the target has no `?` at all
    /// (which differs from an empty query).
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, query)| query)
    }

    /// The decoded path segments; see [`decode_path_segments`].
    ///
    /// # Errors
    ///
    /// When the path is not validly percent-encoded UTF-8.
    pub fn path_segments(&self) -> Result<Vec<String>, DecodeError> {
        decode_path_segments(self.path())
    }

    /// The decoded query pairs (empty without a query); see [`decode_query`].
    ///
    /// # Errors
    ///
    /// When the query is not validly form-encoded UTF-8.
    pub fn query_pairs(&self) -> Result<Vec<(String, String)>, DecodeError> {
        decode_query(self.query().unwrap_or_default())
    }
}

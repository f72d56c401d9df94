//! Decoding of received request targets, so tests can check that a value
//! survives the round trip through the client's encoding.
//!
//! Decoding is strict on purpose: a malformed escape, or a character that
//! may not appear unencoded in a request target, is an error instead of
//! being passed through, because it means the client sent a broken URL.

use std::fmt;

/// Why a received target could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    message: String,
}

impl DecodeError {
    fn new(message: String) -> Self {
        Self { message }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

/// Percent-decodes `text` into the bytes it stands for.
///
/// # Errors
///
/// When `%` is not followed by two hex digits, or `text` contains a byte
/// that RFC 3986 never allows unencoded in a URI (space, controls,
/// non-ASCII, `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`).
pub fn percent_decode(text: &str) -> Result<Vec<u8>, DecodeError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
                let byte = hex
                    .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| DecodeError::new(format!("malformed percent escape at byte {i} of {text:?}")))?;
                out.push(byte);
                i += 3;
            }
            b if is_uri_char(b) => {
                out.push(b);
                i += 1;
            }
            b => return Err(DecodeError::new(format!("byte 0x{b:02X} must be percent-encoded in {text:?}"))),
        }
    }
    Ok(out)
}

/// Characters RFC 3986 allows unencoded somewhere in a URI (unreserved,
/// reserved and `%`).
fn is_uri_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b)
}

fn utf8(bytes: Vec<u8>, text: &str) -> Result<String, DecodeError> {
    String::from_utf8(bytes).map_err(|_| DecodeError::new(format!("{text:?} does not decode to UTF-8")))
}

/// Splits the path of a request target (everything before `?`) into
/// segments and percent-decodes each one, so `/api/2/issue/a%2Fb` gives
/// `["api", "2", "issue", "a/b"]`: a value that was encoded as one segment
/// comes back as one element, whatever it contains.
///
/// # Errors
///
/// When a segment is malformed (see [`percent_decode`]) or does not decode
/// to UTF-8.
pub fn decode_path_segments(target: &str) -> Result<Vec<String>, DecodeError> {
    let path = target.split_once('?').map_or(target, |(path, _)| path);
    let path = path.strip_prefix('/').unwrap_or(path);
    path.split('/').map(|segment| utf8(percent_decode(segment)?, segment)).collect()
}

/// Decodes an `application/x-www-form-urlencoded` query (without the `?`)
/// into its pairs, in order; `+` stands for a space, and a pair without `=`
/// has an empty value.
///
/// # Errors
///
/// When a name or value is malformed (see [`percent_decode`]) or does not
/// decode to UTF-8.
pub fn decode_query(query: &str) -> Result<Vec<(String, String)>, DecodeError> {
    if query.is_empty() {
        return Ok(Vec::new());
    }
    let component = |text: &str| utf8(percent_decode(&text.replace('+', "%20"))?, text);
    query
        .split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((component(name)?, component(value)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decode_is_strict() {
        assert_eq!(percent_decode("a%2Fb%CE%a9").unwrap(), "a/bΩ".as_bytes());
        assert_eq!(percent_decode("").unwrap(), b"");
        for bad in ["%", "%2", "%zz", "%+1", "a b", "Ω", "a\"b", "a\r\n"] {
            assert!(percent_decode(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn path_segments_keep_encoded_slashes_inside_a_segment() {
        let segments = decode_path_segments("/api/2/issue/..%2F..%2Fadmin%3Fx%3D1%23f?expand=a").unwrap();
        assert_eq!(segments, ["api", "2", "issue", "../../admin?x=1#f"]);
        assert_eq!(decode_path_segments("/").unwrap(), [""]);
        assert_eq!(decode_path_segments("/a//b/").unwrap(), ["a", "", "b", ""]);
        assert!(decode_path_segments("/%FF").is_err());
    }

    #[test]
    fn query_is_form_decoded() {
        let pairs = decode_query("a=b+c%2Bd&e&f=%26%3D&=x").unwrap();
        let expected = [("a", "b c+d"), ("e", ""), ("f", "&="), ("", "x")];
        let expected: Vec<(String, String)> = expected.iter().map(|(n, v)| ((*n).into(), (*v).into())).collect();
        assert_eq!(pairs, expected);
        assert_eq!(decode_query("").unwrap(), []);
        assert!(decode_query("a=%").is_err());
    }
}

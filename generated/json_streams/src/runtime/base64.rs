//! Base64 (RFC 4648): for HTTP Basic credentials and for `format: byte` values, which Swagger 2.0 sends as
//! base64 text. Small enough not to warrant a dependency in every generated crate.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648 section 4).
pub(super) fn encode(input: &[u8]) -> String {
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let bytes = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let bits = u32::from_be_bytes([0, bytes[0], bytes[1], bytes[2]]);
        for i in 0..4 {
            if i <= chunk.len() {
                let index = (bits >> (18 - 6 * i)) & 0x3F;
                out.push(char::from(ALPHABET[index as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard or URL-safe base64, padded or not, ignoring ASCII whitespace (servers wrap long values).
pub(super) fn decode(input: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3);
    let mut bits: u32 = 0;
    let mut count = 0u32;
    let mut padding = false;
    for (position, c) in input.bytes().enumerate() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => {
                padding = true;
                continue;
            }
            c if c.is_ascii_whitespace() => continue,
            _ => return Err(format!("invalid base64 character at byte {position}")),
        };
        if padding {
            return Err("base64 data after padding".to_owned());
        }
        bits = (bits << 6) | u32::from(value);
        count += 1;
        if count == 4 {
            out.extend_from_slice(&bits.to_be_bytes()[1..]);
            bits = 0;
            count = 0;
        }
    }
    match count {
        0 => {}
        2 => out.push((bits >> 4) as u8),
        3 => out.extend_from_slice(&((bits >> 2) as u16).to_be_bytes()),
        _ => return Err("truncated base64 data".to_owned()),
    }
    Ok(out)
}

/// Bytes sent as base64 text (`type: string, format: byte`): decoded on receipt, encoded when sent.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Base64(pub Vec<u8>);

impl Base64 {
    /// The decoded bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Base64 {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<&[u8]> for Base64 {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

/// Prints the base64 text, as it travels.
impl fmt::Debug for Base64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64({:?})", encode(&self.0))
    }
}

impl fmt::Display for Base64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&encode(&self.0))
    }
}

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        decode(&text).map(Self).map_err(serde::de::Error::custom)
    }
}

impl super::encoding::ParamValue for Base64 {
    fn to_param(&self) -> String {
        encode(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VECTORS: [(&str, &str); 7] = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];

    #[test]
    fn encoding_matches_rfc4648_vectors() {
        for (input, expected) in VECTORS {
            assert_eq!(encode(input.as_bytes()), expected, "input {input:?}");
        }
        assert_eq!(encode(&[0xFB, 0xFF, 0xBF]), "+/+/");
    }

    #[test]
    fn decoding_reverses_encoding_leniently() {
        for (expected, input) in VECTORS {
            assert_eq!(decode(input).unwrap(), expected.as_bytes(), "input {input:?}");
            assert_eq!(decode(input.trim_end_matches('=')).unwrap(), expected.as_bytes(), "unpadded {input:?}");
        }
        assert_eq!(decode("-_-_").unwrap(), [0xFB, 0xFF, 0xBF], "URL-safe alphabet");
        assert_eq!(decode("Zm9v\nYmFy").unwrap(), b"foobar", "line breaks");
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode(&encode(&all)).unwrap(), all);
    }

    #[test]
    fn invalid_input_is_an_error() {
        assert!(decode("Zm9v!").is_err());
        assert!(decode("Z").is_err());
        assert!(decode("Zg==Zg").is_err());
    }

    #[test]
    fn serde_uses_base64_text() {
        let value = Base64(b"hi\x00".to_vec());
        assert_eq!(serde_json::to_string(&value).unwrap(), "\"aGkA\"");
        assert_eq!(serde_json::from_str::<Base64>("\"aGkA\"").unwrap(), value);
        assert!(serde_json::from_str::<Base64>("\"***\"").is_err());
    }
}

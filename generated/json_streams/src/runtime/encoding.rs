//! Turning parameter values into text for paths, queries, headers and form
//! bodies.
//!
//! Everything here is a pure function so the exact wire format can be tested
//! without a server.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Bytes encoded in a path parameter: everything except RFC 3986 unreserved
/// characters, so the value can never add a `/`, `?` or `#` to the URL.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Bytes encoded in a literal piece of a path template: like
/// [`PATH_SEGMENT`], but `/`, sub-delims, `:` and `@` are legal path
/// characters and stay as written in the spec.
const PATH_LITERAL: &AsciiSet = &PATH_SEGMENT
    .remove(b'/')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// Bytes encoded by `application/x-www-form-urlencoded` (a space becomes `+`
/// separately).
const FORM: &AsciiSet = &NON_ALPHANUMERIC.remove(b'*').remove(b'-').remove(b'.').remove(b'_');

/// Percent-encodes `s` so that it stays exactly one path segment.
///
/// Only RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) are kept;
/// every other character is written as its UTF-8 bytes in uppercase `%XX`
/// form. The segments `.` and `..` have their dots encoded so a literal
/// reading cannot navigate. WHATWG URL parsers (reqwest's included) still
/// treat `%2E` as a dot, so [`ClientCore::execute`](super::ClientCore::execute)
/// refuses such paths rather than letting them reach another resource.
pub fn encode_path_segment(s: &str) -> String {
    match s {
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        _ => utf8_percent_encode(s, PATH_SEGMENT).to_string(),
    }
}

/// Encodes a literal piece of a path template so that a hostile spec cannot
/// inject a query (`?`) or fragment (`#`); legal path characters are kept.
pub(super) fn encode_path_literal(s: &str) -> String {
    utf8_percent_encode(s, PATH_LITERAL).to_string()
}

/// Serializes `pairs` as an `application/x-www-form-urlencoded` body, with
/// the same rules browsers and the `url` crate apply to query strings.
pub(super) fn form_urlencode(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!("{}={}", form_component(name), form_component(value)))
        .collect::<Vec<_>>()
        .join("&")
}

pub(super) fn form_component(s: &str) -> String {
    s.split(' ').map(|part| utf8_percent_encode(part, FORM).to_string()).collect::<Vec<_>>().join("+")
}

/// A value that can be sent as a path, query, header or form parameter.
///
/// The result is the plain text of the value (strings are never quoted);
/// escaping for the place it is sent in happens later. Generated enums
/// implement this to send their wire names.
pub trait ParamValue {
    /// The unescaped text form of the value.
    fn to_param(&self) -> String;
}

impl ParamValue for str {
    fn to_param(&self) -> String {
        self.to_owned()
    }
}

impl ParamValue for String {
    fn to_param(&self) -> String {
        self.clone()
    }
}

impl<T: ParamValue + ?Sized> ParamValue for &T {
    fn to_param(&self) -> String {
        (**self).to_param()
    }
}

impl ParamValue for bool {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

/// Numbers use Rust's `Display`, which never uses exponent notation and so is
/// what servers parse most reliably.
macro_rules! display_param {
    ($($ty:ty),*) => {
        $(impl ParamValue for $ty {
            fn to_param(&self) -> String {
                self.to_string()
            }
        })*
    };
}

display_param!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64);

/// Strings are sent without JSON quotes; any other JSON value (numbers,
/// booleans, `null`, arrays, objects) as compact JSON text.
impl ParamValue for serde_json::Value {
    fn to_param(&self) -> String {
        match self {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// How an array parameter is written, as declared by Swagger 2.0's
/// `collectionFormat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CollectionFormat {
    /// Comma separated: `a,b`. The Swagger default.
    Csv,
    /// Space separated: `a b`.
    Ssv,
    /// Tab separated: `a\tb`.
    Tsv,
    /// Pipe separated: `a|b`.
    Pipes,
    /// One query or form pair per value: `x=a&x=b`.
    Multi,
}

impl CollectionFormat {
    /// The text placed between values, or `None` for [`CollectionFormat::Multi`],
    /// which repeats the parameter instead of joining.
    pub fn separator(self) -> Option<&'static str> {
        match self {
            Self::Csv => Some(","),
            Self::Ssv => Some(" "),
            Self::Tsv => Some("\t"),
            Self::Pipes => Some("|"),
            Self::Multi => None,
        }
    }
}

/// Joins `values` into one parameter text with the separator of `format`.
///
/// [`CollectionFormat::Multi`] cannot be repeated in a path or header, so it
/// falls back to commas there, the common reading of such specs.
pub fn join_values<T: ParamValue>(values: impl IntoIterator<Item = T>, format: CollectionFormat) -> String {
    values.into_iter().map(|v| v.to_param()).collect::<Vec<_>>().join(format.separator().unwrap_or(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segment_keeps_only_unreserved() {
        assert_eq!(encode_path_segment("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(encode_path_segment("../../admin?x=1#f"), "..%2F..%2Fadmin%3Fx%3D1%23f");
        assert_eq!(encode_path_segment("a/b"), "a%2Fb");
        assert_eq!(encode_path_segment("a b"), "a%20b");
        assert_eq!(encode_path_segment("100%"), "100%25");
        assert_eq!(encode_path_segment("%2E%2E"), "%252E%252E");
        assert_eq!(encode_path_segment("a+b;c=d"), "a%2Bb%3Bc%3Dd");
        assert_eq!(encode_path_segment("a\\b"), "a%5Cb");
    }

    #[test]
    fn path_segment_encodes_non_ascii_as_uppercase_utf8() {
        assert_eq!(encode_path_segment("Ω"), "%CE%A9");
        assert_eq!(encode_path_segment("🦀"), "%F0%9F%A6%80");
    }

    #[test]
    fn path_segment_neutralizes_dot_segments() {
        assert_eq!(encode_path_segment("."), "%2E");
        assert_eq!(encode_path_segment(".."), "%2E%2E");
        assert_eq!(encode_path_segment("..."), "...");
        assert_eq!(encode_path_segment(".a"), ".a");
        assert_eq!(encode_path_segment(""), "");
    }

    #[test]
    fn path_literal_keeps_path_syntax_but_not_query_or_fragment() {
        assert_eq!(encode_path_literal("/api/2/issue/"), "/api/2/issue/");
        assert_eq!(encode_path_literal("/a:b@c!$&'()*+,;=/"), "/a:b@c!$&'()*+,;=/");
        assert_eq!(encode_path_literal("/x?y#z"), "/x%3Fy%23z");
        assert_eq!(encode_path_literal("/a b/%/Ω"), "/a%20b/%25/%CE%A9");
    }

    #[test]
    fn form_encoding_matches_url_crate() {
        let samples = [("a b", "x+y"), ("&=", "%"), ("Ω", "🦀"), ("*-._~", "!'(),/:;?@[]"), ("", "")];
        let pairs: Vec<(String, String)> = samples.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let mut url = reqwest::Url::parse("http://h/").unwrap();
        url.query_pairs_mut().extend_pairs(&pairs);
        assert_eq!(Some(form_urlencode(&pairs).as_str()), url.query());
        assert_eq!(form_component("a b+c"), "a+b%2Bc");
    }

    #[test]
    fn param_values_are_plain_text() {
        assert_eq!("s".to_param(), "s");
        assert_eq!(String::from("s").to_param(), "s");
        assert_eq!((&&"s").to_param(), "s");
        assert_eq!(true.to_param(), "true");
        assert_eq!(false.to_param(), "false");
        assert_eq!((-5i8).to_param(), "-5");
        assert_eq!(u64::MAX.to_param(), "18446744073709551615");
        assert_eq!(i128::MIN.to_param(), i128::MIN.to_string());
        assert_eq!(7usize.to_param(), "7");
        assert_eq!(1.5f32.to_param(), "1.5");
        assert_eq!(2.0f64.to_param(), "2");
        assert_eq!(1e21f64.to_param(), "1000000000000000000000");
    }

    #[test]
    fn json_values_are_unquoted_strings_or_compact_json() {
        use serde_json::json;
        assert_eq!(json!("a \"b\"").to_param(), "a \"b\"");
        assert_eq!(json!(3).to_param(), "3");
        assert_eq!(json!(true).to_param(), "true");
        assert_eq!(json!(null).to_param(), "null");
        assert_eq!(json!([1, "x"]).to_param(), "[1,\"x\"]");
        assert_eq!(json!({"k": 1}).to_param(), "{\"k\":1}");
    }

    #[test]
    fn collection_formats_join_with_their_separator() {
        let values = ["a", "b", "c"];
        assert_eq!(join_values(values, CollectionFormat::Csv), "a,b,c");
        assert_eq!(join_values(values, CollectionFormat::Ssv), "a b c");
        assert_eq!(join_values(values, CollectionFormat::Tsv), "a\tb\tc");
        assert_eq!(join_values(values, CollectionFormat::Pipes), "a|b|c");
        assert_eq!(join_values(values, CollectionFormat::Multi), "a,b,c");
        assert_eq!(join_values([1, 2], CollectionFormat::Pipes), "1|2");
        assert_eq!(join_values::<i32>([], CollectionFormat::Csv), "");
        assert_eq!(join_values(["only"], CollectionFormat::Csv), "only");
    }

    #[test]
    fn separators() {
        assert_eq!(CollectionFormat::Csv.separator(), Some(","));
        assert_eq!(CollectionFormat::Ssv.separator(), Some(" "));
        assert_eq!(CollectionFormat::Tsv.separator(), Some("\t"));
        assert_eq!(CollectionFormat::Pipes.separator(), Some("|"));
        assert_eq!(CollectionFormat::Multi.separator(), None);
    }
}

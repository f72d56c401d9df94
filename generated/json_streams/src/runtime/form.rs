//! Request bodies built from `formData` parameters: `application/x-www-form-urlencoded`, or
//! `multipart/form-data` (RFC 7578) when the operation uploads files or asks for it.

use std::fmt;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures_util::stream::{self, BoxStream, Stream, StreamExt};

use super::encoding::{CollectionFormat, ParamValue, form_urlencode, join_values};

/// The data of a streamed file part, read as the request is sent.
type ByteStream = BoxStream<'static, Result<Bytes, Box<dyn std::error::Error + Send + Sync>>>;

/// A file sent as one part of a multipart form: its bytes or a stream of them and, optionally, the file name
/// and media type announced for it. Never built from a path, so callers decide where the data comes from.
#[derive(Clone)]
pub struct FilePart {
    content: Content,
    file_name: Option<String>,
    content_type: Option<String>,
}

#[derive(Clone)]
enum Content {
    Bytes(Bytes),
    /// Shared by clones of the part (a request builder can be cloned); the first send takes it.
    Stream(Arc<Mutex<Option<ByteStream>>>),
}

impl FilePart {
    /// A part carrying `data`, announced as `application/octet-stream` with no file name.
    pub fn new(data: impl Into<Bytes>) -> Self {
        Self { content: Content::Bytes(data.into()), file_name: None, content_type: None }
    }

    /// A part whose data is read from `stream` while the request is sent, so a large file never has to be in
    /// memory (for example `tokio_util::io::ReaderStream::new(tokio::fs::File::open(path).await?)`). The body
    /// is then sent with chunked transfer encoding. A stream can be sent once: sending a clone of the request
    /// again yields [`Error::InvalidRequest`](super::Error::InvalidRequest).
    pub fn stream<S, E>(stream: S) -> Self
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let stream: ByteStream = stream.map(|chunk| chunk.map_err(Into::into)).boxed();
        Self { content: Content::Stream(Arc::new(Mutex::new(Some(stream)))), file_name: None, content_type: None }
    }

    /// The file name sent in the part's `Content-Disposition`.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The part's media type (default `application/octet-stream`).
    pub fn content_type(mut self, media_type: impl Into<String>) -> Self {
        self.content_type = Some(media_type.into());
        self
    }

    /// The bytes sent, unless the part is streamed.
    pub fn data(&self) -> Option<&Bytes> {
        match &self.content {
            Content::Bytes(data) => Some(data),
            Content::Stream(_) => None,
        }
    }
}

/// Parts are equal when they announce the same name and type and carry equal bytes, or the same stream.
impl PartialEq for FilePart {
    fn eq(&self, other: &Self) -> bool {
        let same_content = match (&self.content, &other.content) {
            (Content::Bytes(a), Content::Bytes(b)) => a == b,
            (Content::Stream(a), Content::Stream(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        same_content && self.file_name == other.file_name && self.content_type == other.content_type
    }
}

impl From<Bytes> for FilePart {
    fn from(data: Bytes) -> Self {
        Self::new(data)
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(data: Vec<u8>) -> Self {
        Self::new(data)
    }
}

impl From<&'static [u8]> for FilePart {
    fn from(data: &'static [u8]) -> Self {
        Self::new(data)
    }
}

impl From<String> for FilePart {
    fn from(data: String) -> Self {
        Self::new(data)
    }
}

/// Shows the size (or that the data is streamed), file name and media type, not the contents (which may be
/// large or private).
impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("FilePart");
        match &self.content {
            Content::Bytes(data) => debug.field("len", &data.len()),
            Content::Stream(_) => debug.field("streamed", &true),
        };
        debug.field("file_name", &self.file_name).field("content_type", &self.content_type).finish()
    }
}

/// An encoded form body: bytes, or a stream when a file part is streamed.
pub(super) enum FormBody {
    Bytes(Bytes),
    Stream(reqwest::Body),
}

/// A run of the multipart body: bytes known up front, or a file part's stream.
enum Segment {
    Bytes(Vec<u8>),
    Stream(ByteStream),
}

#[derive(Clone, Debug)]
enum Part {
    Text { name: String, value: String },
    File { name: String, file: FilePart },
}

/// The fields of a form body. They are sent in the order the spec declares them (`order`), whatever order
/// they were set in: some servers read multipart metadata fields before a file part and stream the file.
#[derive(Clone, Debug)]
pub struct Form {
    parts: Vec<Part>,
    multipart: bool,
    order: &'static [&'static str],
}

impl Form {
    /// A form sent as `application/x-www-form-urlencoded`; adding a file makes it multipart.
    pub fn urlencoded() -> Self {
        Self { parts: Vec::new(), multipart: false, order: &[] }
    }

    /// A form sent as `multipart/form-data`.
    pub fn multipart() -> Self {
        Self { parts: Vec::new(), multipart: true, order: &[] }
    }

    /// Sends the fields named in `order` in that order, before any others (which keep the order they were
    /// set in).
    pub fn ordered(mut self, order: &'static [&'static str]) -> Self {
        self.order = order;
        self
    }

    /// Sets the field `name` to a plain-text value (never JSON-quoted), replacing earlier parts of that name.
    pub fn text<T: ParamValue + ?Sized>(&mut self, name: &str, value: &T) {
        self.remove(name);
        self.parts.push(Part::Text { name: name.to_owned(), value: value.to_param() });
    }

    /// Sets an array field: one field per value for `multi`, else one field with the joined values; an empty
    /// array sends nothing.
    pub fn array<T: ParamValue>(&mut self, name: &str, values: impl IntoIterator<Item = T>, format: CollectionFormat) {
        self.remove(name);
        let values: Vec<String> = values.into_iter().map(|v| v.to_param()).collect();
        if format == CollectionFormat::Multi {
            let parts = values.into_iter().map(|value| Part::Text { name: name.to_owned(), value });
            self.parts.extend(parts);
        } else if !values.is_empty() {
            self.parts.push(Part::Text { name: name.to_owned(), value: join_values(values, format) });
        }
    }

    /// Sets a file part; the form is then sent as multipart.
    pub fn file(&mut self, name: &str, file: FilePart) {
        self.remove(name);
        self.multipart = true;
        self.parts.push(Part::File { name: name.to_owned(), file });
    }

    fn remove(&mut self, name: &str) {
        self.parts.retain(|part| match part {
            Part::Text { name: n, .. } | Part::File { name: n, .. } => n != name,
        });
    }

    /// The `Content-Type` and the encoded body, or why the form cannot be sent.
    pub(super) fn encode(mut self) -> Result<(String, FormBody), String> {
        let order = self.order;
        let rank = |part: &Part| {
            let (Part::Text { name, .. } | Part::File { name, .. }) = part;
            order.iter().position(|n| n == name).unwrap_or(order.len())
        };
        self.parts.sort_by_key(rank);
        if !self.multipart {
            let pairs: Vec<(String, String)> = self
                .parts
                .iter()
                .filter_map(|part| match part {
                    Part::Text { name, value } => Some((name.clone(), value.clone())),
                    Part::File { .. } => None,
                })
                .collect();
            let body = FormBody::Bytes(form_urlencode(&pairs).into());
            return Ok(("application/x-www-form-urlencoded".to_owned(), body));
        }
        let boundary = self.boundary();
        let mut segments = Vec::new();
        let mut body = Vec::new();
        for part in &self.parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match part {
                Part::Text { name, value } => {
                    body.extend_from_slice(
                        format!("Content-Disposition: form-data; name=\"{}\"\r\n\r\n", quote(name)).as_bytes(),
                    );
                    body.extend_from_slice(value.as_bytes());
                }
                Part::File { name, file } => {
                    let file_name = file.file_name.as_deref().map(|f| format!("; filename=\"{}\"", quote(f)));
                    let content_type = file.content_type.as_deref().unwrap_or("application/octet-stream");
                    if content_type.contains(['\r', '\n']) {
                        return Err(format!("the content type of file part `{name}` contains a line break"));
                    }
                    body.extend_from_slice(
                        format!(
                            "Content-Disposition: form-data; name=\"{}\"{}\r\nContent-Type: {content_type}\r\n\r\n",
                            quote(name),
                            file_name.unwrap_or_default()
                        )
                        .as_bytes(),
                    );
                    match &file.content {
                        Content::Bytes(data) => body.extend_from_slice(data),
                        Content::Stream(slot) => {
                            let taken = slot.lock().ok().and_then(|mut slot| slot.take());
                            let Some(stream) = taken else {
                                return Err(format!("the stream of file part `{name}` was already sent"));
                            };
                            segments.push(Segment::Bytes(std::mem::take(&mut body)));
                            segments.push(Segment::Stream(stream));
                        }
                    }
                }
            }
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let content_type = format!("multipart/form-data; boundary={boundary}");
        if segments.is_empty() {
            return Ok((content_type, FormBody::Bytes(body.into())));
        }
        segments.push(Segment::Bytes(body));
        let chunks = stream::iter(segments).flat_map(|segment| match segment {
            Segment::Bytes(bytes) => stream::once(async move { Ok(Bytes::from(bytes)) }).boxed(),
            Segment::Stream(stream) => stream,
        });
        Ok((content_type, FormBody::Stream(reqwest::Body::wrap_stream(chunks))))
    }

    /// A boundary that occurs in no part: derived from the contents (so bodies are reproducible) and
    /// lengthened until it is unique. Streamed contents cannot be checked in advance, so a form with a streamed
    /// part gets 128 random bits as well, which no file contains by chance.
    fn boundary(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |bytes: &[u8]| {
            for b in bytes {
                hash ^= u64::from(*b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        };
        for part in &self.parts {
            match part {
                Part::Text { name, value } => {
                    feed(name.as_bytes());
                    feed(value.as_bytes());
                }
                Part::File { name, file } => {
                    feed(name.as_bytes());
                    if let Some(data) = file.data() {
                        feed(data);
                    }
                }
            }
        }
        let mut boundary = format!("swagger2rs-{hash:016x}");
        if self.parts.iter().any(|part| matches!(part, Part::File { file, .. } if file.data().is_none())) {
            boundary.push_str(&format!("{:016x}{:016x}", random_u64(), random_u64()));
        }
        while self.parts.iter().any(|part| contains(part, &boundary)) {
            boundary.push('x');
        }
        boundary
    }
}

/// Random bits from the standard library's per-process hash keys, which need no extra dependency.
fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    std::collections::hash_map::RandomState::new().build_hasher().finish()
}

fn contains(part: &Part, boundary: &str) -> bool {
    let haystacks: [&[u8]; 2] = match part {
        Part::Text { name, value } => [name.as_bytes(), value.as_bytes()],
        Part::File { name, file } => [name.as_bytes(), file.data().map_or(&[][..], |data| &data[..])],
    };
    haystacks.iter().any(|h| h.windows(boundary.len()).any(|w| w == boundary.as_bytes()))
}

/// Escapes a field or file name for a quoted `Content-Disposition` parameter the way browsers do
/// (RFC 7578 §4.2 defers to the HTML form encoding algorithm): `"` → `%22`, CR → `%0D`, LF → `%0A`.
fn quote(name: &str) -> String {
    name.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes of a form without streamed parts.
    fn bytes(body: FormBody) -> Bytes {
        match body {
            FormBody::Bytes(bytes) => bytes,
            FormBody::Stream(_) => panic!("expected bytes"),
        }
    }

    #[test]
    fn urlencoded_forms_repeat_multi_and_join_the_rest() {
        let mut form = Form::urlencoded();
        form.text("name", "a b&c");
        form.array("tags", ["x", "y"], CollectionFormat::Multi);
        form.array("ids", [1, 2], CollectionFormat::Csv);
        form.array("none", Vec::<String>::new(), CollectionFormat::Csv);
        let (content_type, body) = form.encode().map(|(t, b)| (t, bytes(b))).unwrap();
        assert_eq!(content_type, "application/x-www-form-urlencoded");
        assert_eq!(body, "name=a+b%26c&tags=x&tags=y&ids=1%2C2");
    }

    #[test]
    fn multipart_forms_have_text_and_file_parts() {
        let mut form = Form::urlencoded();
        form.text("note", "hi");
        form.file("file", FilePart::new(&b"\x00\x01data"[..]).file_name("a\"b.png").content_type("image/png"));
        let (content_type, body) = form.encode().map(|(t, b)| (t, bytes(b))).unwrap();
        let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap();
        let expected = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a%22b.png\"\r\n\
             Content-Type: image/png\r\n\r\n\x00\x01data\r\n--{boundary}--\r\n"
        );
        assert_eq!(body, expected.as_bytes());
    }

    #[test]
    fn boundary_never_occurs_in_the_content() {
        let mut probe = Form::multipart();
        probe.text("a", "b");
        let boundary = probe.boundary();
        let mut form = Form::multipart();
        form.text("a", &format!("{boundary} inside"));
        let chosen = form.boundary();
        let body = bytes(form.encode().unwrap().1);
        let occurrences = body.windows(chosen.len()).filter(|w| *w == chosen.as_bytes()).count();
        assert_eq!(occurrences, 2, "only the delimiter and the close delimiter");
    }

    #[test]
    fn line_breaks_in_part_headers_are_neutralized_or_rejected() {
        let mut form = Form::multipart();
        form.text("x\r\nInjected: 1", "v");
        let body = bytes(form.encode().unwrap().1);
        assert!(String::from_utf8_lossy(&body).contains("name=\"x%0D%0AInjected: 1\""));
        let mut bad = Form::multipart();
        bad.file("f", FilePart::new(vec![1]).content_type("text/plain\r\nX: y"));
        assert!(bad.encode().is_err());
    }

    #[test]
    fn file_part_debug_hides_the_contents() {
        let part = FilePart::new(b"secret".to_vec()).file_name("f.txt");
        assert_eq!(format!("{part:?}"), "FilePart { len: 6, file_name: Some(\"f.txt\"), content_type: None }");
    }
}

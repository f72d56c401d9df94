//! Bodies that are a sequence of JSON values rather than one document: newline-delimited JSON
//! (`application/x-ndjson`, JSON Lines), JSON text sequences (`application/json-seq`, RFC 7464: each value
//! after an RS byte), and values simply written one after another on a JSON media type (Docker's `/build`,
//! `/images/create`, `/events` and stats).
//!
//! The body is split into items without parsing it ([`Splitter`]), and each item is decoded on its own, so
//! one bad item is one error item and the next ones still decode. The rules:
//! - whitespace and RS (`0x1E`) between values are skipped;
//! - an object or array ends at its matching bracket (brackets inside strings do not count), a string at its
//!   closing quote, any other value (numbers, `true`, a line of garbage) at the end of its line;
//! - an RS always ends the value before it (RFC 7464: a truncated value is not glued to the next one), as
//!   does a line break inside a top-level string;
//! - at the end of the body, an unfinished value is the last item (it fails to decode: EOF while parsing).
//!
//! An object or array whose brackets never balance therefore reads up to the item size limit or the end of
//! the body and is one error item; there is no resynchronising inside it.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::stream::{BoxStream, Stream, StreamExt};
use serde::de::DeserializeOwned;

/// The default bound on one item's size (16 MiB): a stream that never closes a value must not make the
/// client buffer without end. Change it with [`JsonStream::max_item_len`].
pub const DEFAULT_MAX_ITEM_LEN: usize = 16 * 1024 * 1024;

/// The record separator of `application/json-seq`.
const RS: u8 = 0x1E;

/// What an item of a [`JsonStream`] can fail with.
#[derive(Debug)]
pub enum JsonStreamError {
    /// The item (counted from 0) is not JSON, or not of the item type; `message` is serde_json's, with its
    /// line and column inside the item. The stream goes on with the next item.
    InvalidItem {
        /// Which item, counted from 0.
        index: usize,
        /// The item's length in bytes.
        len: usize,
        /// What serde_json reported.
        message: String,
    },
    /// The item (counted from 0) is longer than the stream's limit. The stream ends after this error.
    ItemTooLarge {
        /// Which item, counted from 0.
        index: usize,
        /// The stream's limit, in bytes.
        limit: usize,
    },
    /// The body could not be read to its end (connection closed, timeout). The error carries no URL, so no
    /// credential sent in a query can leak through it. The stream ends after this error.
    Transport(reqwest::Error),
}

impl fmt::Display for JsonStreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidItem { index, len, message } => {
                write!(f, "item {index} of the JSON stream ({len} bytes) does not decode: {message}")
            }
            Self::ItemTooLarge { index, limit } => {
                write!(f, "item {index} of the JSON stream is longer than the limit of {limit} bytes")
            }
            Self::Transport(err) => write!(f, "the JSON stream's body could not be read: {err}"),
        }
    }
}

impl std::error::Error for JsonStreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport(err) => Some(err),
            Self::InvalidItem { .. } | Self::ItemTooLarge { .. } => None,
        }
    }
}

/// The successful body of a response read as a stream of JSON values, each decoded as `T` (typed when the
/// spec gives the item schema, else `serde_json::Value`); returned by the `send_json_stream` method of
/// operations that stream JSON.
///
/// The body is read as items are asked for: a chunk is read only when the chunks read so far hold no whole
/// item, so a slow consumer slows the connection rather than filling memory. A bad item is an
/// [`JsonStreamError::InvalidItem`] and the stream continues; an oversized item or a transport failure is
/// the last item. The stream is `Unpin`: `while let Some(item) = stream.next().await` needs no pinning.
pub struct JsonStream<T> {
    /// `None` once the body has ended.
    body: Option<BoxStream<'static, Result<Bytes, reqwest::Error>>>,
    buffer: Vec<u8>,
    splitter: Splitter,
    /// The index of the next item.
    index: usize,
    max_item_len: usize,
    /// Set after a fatal error: the stream yields nothing more.
    finished: bool,
    item: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> JsonStream<T> {
    /// Reads the items of `body`, a stream of chunks as they arrive.
    pub(super) fn new(body: impl Stream<Item = Result<Bytes, reqwest::Error>> + Send + 'static) -> Self {
        Self {
            body: Some(body.boxed()),
            buffer: Vec::new(),
            splitter: Splitter::default(),
            index: 0,
            max_item_len: DEFAULT_MAX_ITEM_LEN,
            finished: false,
            item: PhantomData,
        }
    }

    /// Sets the largest item accepted, in bytes ([`DEFAULT_MAX_ITEM_LEN`] unless set).
    #[must_use]
    pub fn max_item_len(mut self, limit: usize) -> Self {
        self.max_item_len = limit;
        self
    }

    /// The next item, or `None` at the end of the body; for use without a `StreamExt` import.
    pub async fn next_item(&mut self) -> Option<Result<T, JsonStreamError>> {
        self.next().await
    }

    /// Reads every item into memory; the first error ends the reading.
    ///
    /// # Errors
    ///
    /// The first item's error.
    pub async fn collect_items(mut self) -> Result<Vec<T>, JsonStreamError> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }

    /// Decodes the item at `range` of the buffer, or the error of one too large.
    fn decode(&mut self, range: Range<usize>) -> Result<T, JsonStreamError> {
        let index = self.index;
        self.index += 1;
        if range.len() > self.max_item_len {
            self.finished = true;
            return Err(JsonStreamError::ItemTooLarge { index, limit: self.max_item_len });
        }
        let len = range.len();
        serde_json::from_slice(&self.buffer[range]).map_err(|err| JsonStreamError::InvalidItem {
            index,
            len,
            message: err.to_string(),
        })
    }

    /// Drops the bytes before the item being read once they are at least half the buffer, so the copying
    /// stays linear in the body's size.
    fn compact(&mut self) {
        let consumed = self.splitter.consumed();
        if consumed > 0 && consumed * 2 >= self.buffer.len() {
            self.buffer.drain(..consumed);
            self.splitter.shift(consumed);
        }
    }
}

impl<T: DeserializeOwned> Stream for JsonStream<T> {
    type Item = Result<T, JsonStreamError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.finished {
                return Poll::Ready(None);
            }
            if let Some(range) = this.splitter.next_item(&this.buffer, this.body.is_none()) {
                return Poll::Ready(Some(this.decode(range)));
            }
            if this.splitter.pending_len(this.buffer.len()) > this.max_item_len {
                this.finished = true;
                let index = this.index;
                return Poll::Ready(Some(Err(JsonStreamError::ItemTooLarge { index, limit: this.max_item_len })));
            }
            let Some(body) = this.body.as_mut() else {
                this.finished = true;
                return Poll::Ready(None);
            };
            match body.poll_next_unpin(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Ok(chunk))) => {
                    this.compact();
                    this.buffer.extend_from_slice(&chunk);
                }
                Poll::Ready(Some(Err(err))) => {
                    this.finished = true;
                    return Poll::Ready(Some(Err(JsonStreamError::Transport(err.without_url()))));
                }
                Poll::Ready(None) => this.body = None,
            }
        }
    }
}

impl<T> fmt::Debug for JsonStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonStream").field("index", &self.index).finish_non_exhaustive()
    }
}

/// Decodes a whole body that is a sequence of JSON values (see the module docs for how it is split) into
/// its items; an empty body is no items.
///
/// # Errors
///
/// The first item that does not decode, with its index and serde_json's message.
pub fn decode_json_seq<T: DeserializeOwned>(body: &[u8]) -> Result<Vec<T>, String> {
    let mut splitter = Splitter::default();
    let mut items = Vec::new();
    while let Some(range) = splitter.next_item(body, true) {
        let index = items.len();
        let item = serde_json::from_slice(&body[range]).map_err(|err| format!("item {index}: {err}"))?;
        items.push(item);
    }
    Ok(items)
}

/// The value being scanned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Value {
    /// An object or array, `depth` brackets deep, maybe inside a string.
    Container { depth: usize, in_string: bool, escaped: bool },
    /// A top-level string.
    String { escaped: bool },
    /// Anything else, up to the end of its line.
    Bare,
}

/// Finds where JSON values start and end in a buffer that grows at its end, without parsing them; each byte
/// is looked at once, however the body is cut into chunks.
#[derive(Debug, Default)]
struct Splitter {
    /// The first byte not looked at yet.
    scanned: usize,
    /// Where the value being scanned starts, and what it is.
    current: Option<(usize, Value)>,
}

impl Splitter {
    /// The bytes before this offset are no longer needed.
    fn consumed(&self) -> usize {
        self.current.map_or(self.scanned, |(start, _)| start)
    }

    /// The buffer lost its first `by` bytes.
    fn shift(&mut self, by: usize) {
        self.scanned -= by;
        if let Some((start, _)) = &mut self.current {
            *start -= by;
        }
    }

    /// How long the unfinished value at the end of a buffer of `len` bytes is.
    fn pending_len(&self, len: usize) -> usize {
        self.current.map_or(0, |(start, _)| len - start)
    }

    /// The range of the next whole value in `buffer`, scanning on from where the last call stopped; `None`
    /// when more bytes are needed. At the end of the body (`eof`), an unfinished value is returned as it is.
    fn next_item(&mut self, buffer: &[u8], eof: bool) -> Option<Range<usize>> {
        while self.scanned < buffer.len() {
            let at = self.scanned;
            let byte = buffer[at];
            self.scanned += 1;
            let Some((start, value)) = self.current else {
                self.current = start_value(byte).map(|value| (at, value));
                continue;
            };
            match step(value, byte) {
                Step::Continue(value) => self.current = Some((start, value)),
                Step::EndAfter => {
                    self.current = None;
                    return Some(start..at + 1);
                }
                Step::EndBefore => {
                    self.current = None;
                    return Some(start..at);
                }
            }
        }
        if eof { self.current.take().map(|(start, _)| start..buffer.len()) } else { None }
    }
}

/// What a byte between values starts: nothing for whitespace and RS.
fn start_value(byte: u8) -> Option<Value> {
    match byte {
        b' ' | b'\t' | b'\r' | b'\n' | RS => None,
        b'{' | b'[' => Some(Value::Container { depth: 1, in_string: false, escaped: false }),
        b'"' => Some(Value::String { escaped: false }),
        _ => Some(Value::Bare),
    }
}

/// What one more byte does to the value being scanned.
enum Step {
    Continue(Value),
    /// The byte is the value's last.
    EndAfter,
    /// The value ended just before this byte, which is not part of it.
    EndBefore,
}

fn step(value: Value, byte: u8) -> Step {
    if byte == RS {
        return Step::EndBefore;
    }
    match value {
        Value::Container { depth, in_string: true, escaped } => {
            let (in_string, escaped) = match byte {
                _ if escaped => (true, false),
                b'\\' => (true, true),
                b'"' => (false, false),
                _ => (true, false),
            };
            Step::Continue(Value::Container { depth, in_string, escaped })
        }
        Value::Container { depth, .. } => match byte {
            b'"' => Step::Continue(Value::Container { depth, in_string: true, escaped: false }),
            b'{' | b'[' => Step::Continue(Value::Container { depth: depth + 1, in_string: false, escaped: false }),
            b'}' | b']' if depth == 1 => Step::EndAfter,
            b'}' | b']' => Step::Continue(Value::Container { depth: depth - 1, in_string: false, escaped: false }),
            _ => Step::Continue(value),
        },
        Value::String { escaped: true } => Step::Continue(Value::String { escaped: false }),
        Value::String { .. } => match byte {
            b'\\' => Step::Continue(Value::String { escaped: true }),
            b'"' => Step::EndAfter,
            b'\n' => Step::EndBefore,
            _ => Step::Continue(value),
        },
        Value::Bare => match byte {
            b'\n' => Step::EndBefore,
            _ => Step::Continue(value),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value as Json, json};

    /// Polls the stream of `chunks` to its end; every chunk is ready, so no poll waits (the runtime copied
    /// into generated crates has no async test harness).
    fn items<T: DeserializeOwned>(chunks: &[&[u8]], limit: usize) -> Vec<Result<T, String>> {
        let chunks: Vec<Result<Bytes, reqwest::Error>> = chunks.iter().map(|c| Ok(Bytes::copy_from_slice(c))).collect();
        let mut stream = JsonStream::<T>::new(futures_util::stream::iter(chunks)).max_item_len(limit);
        let mut context = Context::from_waker(std::task::Waker::noop());
        let mut out = Vec::new();
        loop {
            match stream.poll_next_unpin(&mut context) {
                Poll::Ready(Some(item)) => out.push(item.map_err(|e| e.to_string())),
                Poll::Ready(None) => return out,
                Poll::Pending => panic!("the stream waited although every chunk was ready"),
            }
        }
    }

    fn values(chunks: &[&[u8]]) -> Vec<Json> {
        items::<Json>(chunks, DEFAULT_MAX_ITEM_LEN).into_iter().map(Result::unwrap).collect()
    }

    #[test]
    fn ndjson_with_crlf_and_blank_lines() {
        let body: &[u8] = b"{\"a\":1}\r\n\r\n\n{\"b\":\"x\\ny\"}\r\n[1,2]\n7\r\n\"s\"\n";
        assert_eq!(values(&[body]), [json!({"a":1}), json!({"b":"x\ny"}), json!([1, 2]), json!(7), json!("s")]);
    }

    #[test]
    fn concatenated_objects_without_separators() {
        let body: &[u8] = br#"{"stream":"Step 1/2"}{"stream":"}{ in a string"}["a"]{"aux":{"ID":"sha"}}"#;
        assert_eq!(
            values(&[body]),
            [
                json!({"stream":"Step 1/2"}),
                json!({"stream":"}{ in a string"}),
                json!(["a"]),
                json!({"aux":{"ID":"sha"}})
            ]
        );
    }

    #[test]
    fn json_seq_with_record_separators() {
        let body: &[u8] = b"\x1e{\"a\":1}\n\x1e42\n\x1e\"t\"\n";
        assert_eq!(values(&[body]), [json!({"a":1}), json!(42), json!("t")]);
    }

    #[test]
    fn a_record_separator_ends_a_truncated_value() {
        let got = items::<Json>(&[b"\x1e{\"a\":\n\x1e{\"b\":2}\n"], DEFAULT_MAX_ITEM_LEN);
        assert_eq!(got.len(), 2);
        assert!(got[0].as_ref().unwrap_err().contains("item 0"), "{got:?}");
        assert_eq!(got[1], Ok(json!({"b": 2})));
    }

    #[test]
    fn values_split_across_chunks_anywhere() {
        let body: &[u8] = b"{\"a\":\"q\\\"}\"}\n{\"b\":[1,{\"c\":2}]}\r\n\x1e3\n";
        let whole = values(&[body]);
        assert_eq!(whole, [json!({"a":"q\"}"}), json!({"b":[1,{"c":2}]}), json!(3)]);
        for cut in 0..=body.len() {
            assert_eq!(values(&[&body[..cut], &body[cut..]]), whole, "cut at {cut}");
        }
        let bytes: Vec<&[u8]> = body.chunks(1).collect();
        assert_eq!(values(&bytes), whole);
    }

    #[test]
    fn a_bad_item_is_an_error_item_and_the_stream_goes_on() {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Progress {
            id: u32,
        }
        let got = items::<Progress>(&[b"{\"id\":1}\nnot json at all\n{\"id\":\"two\"}\n{\"id\":3}\n"], 1024);
        assert_eq!(got.len(), 4);
        assert_eq!(got[0], Ok(Progress { id: 1 }));
        assert!(got[1].as_ref().unwrap_err().starts_with("item 1 of the JSON stream (15 bytes) does not decode"));
        assert!(got[2].as_ref().unwrap_err().contains("invalid type"), "{got:?}");
        assert_eq!(got[3], Ok(Progress { id: 3 }));
    }

    #[test]
    fn an_oversized_item_ends_the_stream() {
        let big = format!("{{\"a\":\"{}\"}}\n", "x".repeat(100));
        let got = items::<Json>(&[b"{\"a\":1}\n", big.as_bytes(), b"{\"b\":2}\n"], 64);
        assert_eq!(got[0], Ok(json!({"a": 1})));
        assert_eq!(got[1], Err("item 1 of the JSON stream is longer than the limit of 64 bytes".to_owned()));
        assert_eq!(got.len(), 2);
        // Unfinished and growing: refused before the whole body is buffered.
        let endless: Vec<&[u8]> =
            std::iter::once(&b"{\"a\":["[..]).chain(std::iter::repeat_n(&b"1,"[..], 100)).collect();
        let got = items::<Json>(&endless, 64);
        assert_eq!(got, [Err("item 0 of the JSON stream is longer than the limit of 64 bytes".to_owned())]);
    }

    #[test]
    fn an_empty_or_blank_body_has_no_items() {
        assert!(values(&[]).is_empty());
        assert!(values(&[b""]).is_empty());
        assert!(values(&[b" \r\n\x1e\n"]).is_empty());
    }

    #[test]
    fn a_value_cut_off_by_the_end_of_the_body_is_a_last_error_item() {
        let got = items::<Json>(&[b"{\"a\":1}\n{\"b\":"], DEFAULT_MAX_ITEM_LEN);
        assert_eq!(got[0], Ok(json!({"a": 1})));
        assert!(got[1].as_ref().unwrap_err().contains("EOF while parsing"), "{got:?}");
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn the_buffer_keeps_only_the_unfinished_item() {
        let chunks: Vec<Result<Bytes, reqwest::Error>> =
            (0..1000).map(|i| Ok(Bytes::from(format!("{{\"n\":{i}}}\n")))).collect();
        let mut stream = JsonStream::<Json>::new(futures_util::stream::iter(chunks));
        let mut context = Context::from_waker(std::task::Waker::noop());
        let mut seen = 0;
        while let Poll::Ready(Some(item)) = stream.poll_next_unpin(&mut context) {
            assert_eq!(item.unwrap(), json!({"n": seen}));
            seen += 1;
            assert!(stream.buffer.len() <= 2 * 12, "{}", stream.buffer.len());
        }
        assert_eq!(seen, 1000);
    }

    #[test]
    fn whole_bodies_decode_into_their_items() {
        assert_eq!(decode_json_seq::<Json>(b"{\"a\":1}{\"a\":2}").unwrap(), [json!({"a":1}), json!({"a":2})]);
        assert_eq!(decode_json_seq::<Json>(b"").unwrap(), Vec::<Json>::new());
        assert_eq!(decode_json_seq::<u8>(b"1\n\"x\"\n").unwrap_err().split(':').next(), Some("item 1"));
    }

    #[test]
    fn the_stream_is_unpin_and_send() {
        fn check<S: Unpin + Send>() {}
        check::<JsonStream<std::rc::Rc<u8>>>();
    }
}

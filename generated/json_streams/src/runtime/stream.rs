//! Response bodies read as they arrive, for downloads too large to hold in memory.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::stream::{self, BoxStream, Stream, StreamExt};

/// The body of a successful response as a stream of chunks, returned by the `send_streaming` method of
/// operations that download files or other binary data. A transport failure mid-body is the stream's last
/// item; its error carries no URL, so no credential sent in a query can leak through it.
pub struct BodyStream {
    inner: BoxStream<'static, Result<Bytes, reqwest::Error>>,
}

impl BodyStream {
    pub(super) fn new(response: reqwest::Response) -> Self {
        Self { inner: response.bytes_stream().map(|chunk| chunk.map_err(reqwest::Error::without_url)).boxed() }
    }

    /// The next chunk, or `None` at the end of the body; for use without a `StreamExt` import.
    pub async fn next_chunk(&mut self) -> Option<Result<Bytes, reqwest::Error>> {
        self.inner.next().await
    }

    /// Reads the rest of the body into memory.
    ///
    /// # Errors
    ///
    /// The transport error that ended the body early.
    pub async fn collect_bytes(mut self) -> Result<Bytes, reqwest::Error> {
        let mut body = Vec::new();
        while let Some(chunk) = self.next_chunk().await {
            body.extend_from_slice(&chunk?);
        }
        Ok(body.into())
    }
}

/// A body already read in full, as a one-chunk stream.
impl From<Bytes> for BodyStream {
    fn from(body: Bytes) -> Self {
        Self { inner: stream::once(async move { Ok(body) }).boxed() }
    }
}

impl Stream for BodyStream {
    type Item = Result<Bytes, reqwest::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl fmt::Debug for BodyStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BodyStream").finish_non_exhaustive()
    }
}

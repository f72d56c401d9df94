//! Scripted answers and how they are written to the socket.

use std::sync::Arc;

use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::Semaphore;

/// What the server does once it has read a request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Sends the response; the connection stays open for further requests
    /// unless the response says otherwise.
    Respond(Response),
    /// Sends nothing and keeps the connection open until the [`Server`]
    /// is dropped, so the client's timeout is the only way out.
    ///
    /// [`Server`]: crate::Server
    Hang,
    /// Closes the connection without sending a single byte.
    Close,
}

impl From<Response> for Reply {
    fn from(response: Response) -> Self {
        Self::Respond(response)
    }
}

/// A scripted HTTP/1.1 response.
///
/// `Content-Length` is computed from the body unless
/// [`declared_length`](Self::declared_length) says otherwise; every other
/// header is sent exactly as given, in order, so duplicates are possible.
#[derive(Clone, Debug)]
pub struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Body,
    declared_length: Option<u64>,
    close: bool,
}

/// A body kept small in memory even when what is sent is huge.
#[derive(Clone, Debug)]
enum Body {
    Bytes(Vec<u8>),
    /// `prefix`, then `chunk` `count` times, then `suffix`.
    Repeated {
        prefix: Vec<u8>,
        chunk: Vec<u8>,
        count: usize,
        suffix: Vec<u8>,
    },
    /// Sent with `Transfer-Encoding: chunked`, one HTTP chunk per element; each chunk after the first waits
    /// for a permit of `gate`, so a test decides when the next part of the body leaves the server.
    Paced {
        chunks: Vec<Vec<u8>>,
        gate: Arc<Semaphore>,
    },
}

impl Body {
    fn len(&self) -> u64 {
        match self {
            Self::Bytes(bytes) => bytes.len() as u64,
            Self::Repeated { prefix, chunk, count, suffix } => {
                (prefix.len() + suffix.len()) as u64 + chunk.len() as u64 * *count as u64
            }
            Self::Paced { chunks, .. } => chunks.iter().map(|c| c.len() as u64).sum(),
        }
    }
}

impl Response {
    /// A response with `status`, no headers and an empty body.
    pub fn new(status: u16) -> Self {
        Self { status, headers: Vec::new(), body: Body::Bytes(Vec::new()), declared_length: None, close: false }
    }

    /// Appends a header line; calling it twice with one name sends the
    /// header twice.
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets the body.
    #[must_use]
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = Body::Bytes(body.into());
        self
    }

    /// Sets `Content-Type: application/json` and the body `json`, sent as
    /// given (so it may be deliberately malformed).
    #[must_use]
    pub fn json(self, json: &str) -> Self {
        self.header("Content-Type", "application/json").body(json)
    }

    /// Sends `prefix`, then `chunk` repeated `count` times, then `suffix`,
    /// writing one chunk at a time so a body of many megabytes costs the
    /// server only `chunk.len()` bytes of memory.
    #[must_use]
    pub fn repeated(mut self, prefix: &[u8], chunk: Vec<u8>, count: usize, suffix: &[u8]) -> Self {
        self.body = Body::Repeated { prefix: prefix.to_vec(), chunk, count, suffix: suffix.to_vec() };
        self
    }

    /// Sends `chunks` as the chunks of a `Transfer-Encoding: chunked` body, the first at once and each
    /// next one only after the test adds a permit to `gate` (`gate.add_permits(1)`), so the test can read
    /// what has arrived before the rest is sent.
    #[must_use]
    pub fn paced(mut self, chunks: Vec<Vec<u8>>, gate: Arc<Semaphore>) -> Self {
        self.body = Body::Paced { chunks, gate };
        self
    }

    /// Announces `length` in `Content-Length` whatever the body really is,
    /// and closes the connection after the body; announcing more than is
    /// sent simulates a connection lost mid-body.
    #[must_use]
    pub fn declared_length(mut self, length: u64) -> Self {
        self.declared_length = Some(length);
        self.close = true;
        self
    }

    /// Sends `Connection: close` and closes the connection after the body.
    #[must_use]
    pub fn close(mut self) -> Self {
        self.close = true;
        self
    }

    /// Whether the connection ends after this response.
    pub(crate) fn closes_connection(&self) -> bool {
        self.close
    }

    /// Writes the status line, headers and (unless `head_only`) body.
    pub(crate) async fn write_to<W: AsyncWrite + Unpin>(&self, out: &mut W, head_only: bool) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Body::Paced { .. } = self.body {
            head.push_str("Transfer-Encoding: chunked\r\n");
        } else {
            let length = self.declared_length.unwrap_or_else(|| self.body.len());
            head.push_str(&format!("Content-Length: {length}\r\n"));
        }
        if self.close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        out.write_all(head.as_bytes()).await?;
        if !head_only {
            match &self.body {
                Body::Bytes(bytes) => out.write_all(bytes).await?,
                Body::Repeated { prefix, chunk, count, suffix } => {
                    out.write_all(prefix).await?;
                    for _ in 0..*count {
                        out.write_all(chunk).await?;
                    }
                    out.write_all(suffix).await?;
                }
                Body::Paced { chunks, gate } => {
                    for (i, chunk) in chunks.iter().enumerate() {
                        if i > 0 {
                            gate.acquire().await.map_err(std::io::Error::other)?.forget();
                        }
                        // An empty chunk would end the body.
                        if chunk.is_empty() {
                            continue;
                        }
                        out.write_all(format!("{:x}\r\n", chunk.len()).as_bytes()).await?;
                        out.write_all(chunk).await?;
                        out.write_all(b"\r\n").await?;
                        out.flush().await?;
                    }
                    out.write_all(b"0\r\n\r\n").await?;
                }
            }
        }
        out.flush().await
    }
}

/// The reason phrase; clients ignore it, but a recognizable one makes
/// packet captures readable.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Scripted",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn written(response: Response) -> String {
        let mut out = Vec::new();
        response.write_to(&mut out, false).await.unwrap();
        String::from_utf8(out).unwrap()
    }

    #[tokio::test]
    async fn writes_headers_in_order_with_computed_length() {
        let response = Response::new(404).header("X-A", "1").header("X-A", "2").json("{}");
        let text = written(response).await;
        assert_eq!(
            text,
            "HTTP/1.1 404 Not Found\r\nX-A: 1\r\nX-A: 2\r\nContent-Type: application/json\r\n\
             Content-Length: 2\r\n\r\n{}"
        );
    }

    #[tokio::test]
    async fn repeated_body_and_declared_length() {
        let text = written(Response::new(200).repeated(b"[", b"ab".to_vec(), 3, b"]")).await;
        assert!(text.ends_with("Content-Length: 8\r\n\r\n[ababab]"), "{text}");
        let text = written(Response::new(200).body("short").declared_length(100)).await;
        assert!(text.ends_with("Content-Length: 100\r\nConnection: close\r\n\r\nshort"), "{text}");
    }
}

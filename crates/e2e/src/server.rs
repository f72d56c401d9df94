//! The listening side: accepting connections, reading requests, recording
//! them and writing the scripted reply.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

use crate::request::RecordedRequest;
use crate::response::{Reply, Response};

/// Largest request head (request line and headers) accepted; a client
/// gone wrong must not make the server buffer without bound.
const MAX_HEAD: usize = 64 * 1024;

/// Largest request body accepted.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// How long the server waits for one request to arrive completely before
/// dropping the connection, so a stuck client cannot pin a task.
const READ_TIMEOUT: Duration = Duration::from_secs(30);

type Responder = Arc<dyn Fn(&RecordedRequest) -> Reply + Send + Sync>;

/// A scripted HTTP/1.1 server on an ephemeral port of 127.0.0.1.
///
/// Every request is recorded before the responder sees it, so by the time
/// a client has its answer (or has given up), [`requests`](Self::requests)
/// already holds the request. Connections are kept alive like a real
/// server's, so pooled client connections are exercised too.
///
/// Dropping the server stops accepting and aborts every connection,
/// including those left hanging by [`Reply::Hang`].
pub struct Server {
    addr: SocketAddr,
    state: Arc<State>,
    accept: JoinHandle<()>,
}

#[derive(Default)]
struct State {
    requests: Mutex<Vec<RecordedRequest>>,
    connections: AtomicUsize,
    /// Whether a connection waits at most [`READ_TIMEOUT`] for a request.
    untimed: bool,
}

impl Server {
    /// Starts a server that answers each request with what `responder`
    /// returns for it. A panicking responder closes that connection
    /// without an answer.
    ///
    /// # Panics
    ///
    /// When called outside a tokio runtime, or if 127.0.0.1 cannot be
    /// bound, since no test could run then.
    pub fn start(responder: impl Fn(&RecordedRequest) -> Reply + Send + Sync + 'static) -> Self {
        Self::start_with(State::default(), responder)
    }

    /// Like [`Server::start`], but a connection waits for its next request without a time limit. For tests on
    /// paused tokio time that measure the client's waits: paused time jumps to the next timer whenever the
    /// runtime waits for the network, and the read timeout's timer would add 30 s to whichever exchange it
    /// happens to catch.
    ///
    /// # Panics
    ///
    /// As [`Server::start`].
    pub fn start_untimed(responder: impl Fn(&RecordedRequest) -> Reply + Send + Sync + 'static) -> Self {
        Self::start_with(State { untimed: true, ..State::default() }, responder)
    }

    fn start_with(state: State, responder: impl Fn(&RecordedRequest) -> Reply + Send + Sync + 'static) -> Self {
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).expect("make the listener non-blocking");
        let listener = TcpListener::from_std(listener).expect("register the listener with tokio");
        let addr = listener.local_addr().expect("listener address");
        let state = Arc::new(state);
        let accept = tokio::spawn(accept_loop(listener, Arc::clone(&state), Arc::new(responder)));
        Self { addr, state, accept }
    }

    /// Starts a server that gives every request the same `reply`.
    ///
    /// # Panics
    ///
    /// As [`Server::start`].
    pub fn fixed(reply: impl Into<Reply>) -> Self {
        let reply = reply.into();
        Self::start(move |_| reply.clone())
    }

    /// The base URL, `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.requests.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// The only request received so far.
    ///
    /// # Panics
    ///
    /// Unless exactly one request was received.
    #[track_caller]
    pub fn single_request(&self) -> RecordedRequest {
        let mut requests = self.requests();
        assert_eq!(requests.len(), 1, "expected exactly one request, got {requests:#?}");
        requests.remove(0)
    }

    /// How many TCP connections were accepted so far, including those that
    /// never carried a complete request.
    pub fn connections(&self) -> usize {
        self.state.connections.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // The connection tasks live in a `JoinSet` owned by the accept
        // task, so aborting it aborts them as well.
        self.accept.abort();
    }
}

async fn accept_loop(listener: TcpListener, state: Arc<State>, responder: Responder) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    state.connections.fetch_add(1, Ordering::SeqCst);
                    connections.spawn(serve(stream, Arc::clone(&state), Arc::clone(&responder)));
                }
                // Such as running out of file descriptors: back off
                // instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
            // Reap finished connections so the set does not grow.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// Why no request could be read.
enum ReadError {
    /// The connection failed or ended mid-request; nothing can be sent.
    Io,
    /// The request is unacceptable; answer with this status and close.
    Refuse(u16),
}

impl From<io::Error> for ReadError {
    fn from(_: io::Error) -> Self {
        Self::Io
    }
}

async fn serve(stream: TcpStream, state: Arc<State>, responder: Responder) {
    let mut stream = BufReader::new(stream);
    loop {
        let read = read_request(&mut stream);
        let read = if state.untimed { Ok(read.await) } else { tokio::time::timeout(READ_TIMEOUT, read).await };
        let request = match read {
            Ok(Ok(Some(request))) => request,
            Ok(Err(ReadError::Refuse(status))) => {
                let _ = Response::new(status).close().write_to(stream.get_mut(), false).await;
                let _ = stream.get_mut().shutdown().await;
                // Closing with unread input makes the kernel send a reset,
                // which can destroy the answer before the client reads it.
                let (mut rest, mut sink) = ((&mut stream).take(MAX_BODY as u64), tokio::io::sink());
                let _ = tokio::time::timeout(Duration::from_secs(1), tokio::io::copy(&mut rest, &mut sink)).await;
                return;
            }
            // Clean end of a kept-alive connection, a broken one, or a
            // client that stalled mid-request.
            Ok(Ok(None) | Err(ReadError::Io)) | Err(_) => return,
        };
        state.requests.lock().unwrap_or_else(PoisonError::into_inner).push(request.clone());
        match responder(&request) {
            Reply::Respond(response) => {
                let written = response.write_to(stream.get_mut(), request.method == "HEAD").await;
                if written.is_err() || response.closes_connection() {
                    let _ = stream.get_mut().shutdown().await;
                    return;
                }
            }
            Reply::Hang => std::future::pending::<()>().await,
            Reply::Close => return,
        }
    }
}

/// Reads one request, or `None` if the client closed the connection
/// cleanly before sending anything.
async fn read_request(reader: &mut BufReader<TcpStream>) -> Result<Option<RecordedRequest>, ReadError> {
    let Some(head) = read_head(reader).await? else {
        return Ok(None);
    };
    let head = String::from_utf8_lossy(&head);
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default().to_owned();
    let mut parts = request_line.splitn(3, ' ');
    let mut part = || parts.next().unwrap_or_default().to_owned();
    let (method, target, version) = (part(), part(), part());
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':').ok_or(ReadError::Refuse(400))?;
        headers.push((name.to_ascii_lowercase(), value.trim_matches([' ', '\t']).to_owned()));
    }
    let body = read_body(reader, &headers).await?;
    Ok(Some(RecordedRequest { request_line, method, target, version, headers, body }))
}

/// Reads up to and including the blank line ending the head, which is
/// returned without that final CRLF CRLF.
async fn read_head(reader: &mut BufReader<TcpStream>) -> Result<Option<Vec<u8>>, ReadError> {
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        // One byte more than allowed, to tell "exactly full" from "too long".
        let room = (MAX_HEAD + 1 - head.len()) as u64;
        let read = (&mut *reader).take(room).read_until(b'\n', &mut head).await?;
        if read == 0 {
            return if head.is_empty() { Ok(None) } else { Err(ReadError::Io) };
        }
        if head.len() > MAX_HEAD {
            return Err(ReadError::Refuse(431));
        }
        // RFC 9112 section 2.2: ignore an empty line before the request line.
        if head == b"\r\n" {
            head.clear();
        }
    }
    head.truncate(head.len() - 4);
    Ok(Some(head))
}

async fn read_body(reader: &mut BufReader<TcpStream>, headers: &[(String, String)]) -> Result<Vec<u8>, ReadError> {
    let values = |name: &'static str| headers.iter().filter(move |(n, _)| n == name).map(|(_, v)| v.as_str());
    if values("transfer-encoding").any(|v| v.to_ascii_lowercase().contains("chunked")) {
        return read_chunked(reader).await;
    }
    let lengths: Vec<&str> = values("content-length").collect();
    let length = match lengths[..] {
        [] => 0,
        [length] => length.parse::<usize>().map_err(|_| ReadError::Refuse(400))?,
        _ => return Err(ReadError::Refuse(400)),
    };
    if length > MAX_BODY {
        return Err(ReadError::Refuse(413));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await?;
    Ok(body)
}

/// Decodes a `Transfer-Encoding: chunked` body, discarding extensions and
/// trailers.
async fn read_chunked(reader: &mut BufReader<TcpStream>) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    loop {
        let line = read_line(reader).await?;
        let size = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size, 16).map_err(|_| ReadError::Refuse(400))?;
        if size == 0 {
            break;
        }
        if body.len() + size > MAX_BODY {
            return Err(ReadError::Refuse(413));
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..]).await?;
        if !read_line(reader).await?.is_empty() {
            return Err(ReadError::Refuse(400));
        }
    }
    while !read_line(reader).await?.is_empty() {}
    Ok(body)
}

/// Reads one CRLF-terminated line of at most [`MAX_HEAD`] bytes.
async fn read_line(reader: &mut BufReader<TcpStream>) -> Result<String, ReadError> {
    let mut line = Vec::new();
    (&mut *reader).take(MAX_HEAD as u64).read_until(b'\n', &mut line).await?;
    if !line.ends_with(b"\r\n") {
        return Err(ReadError::Refuse(400));
    }
    line.truncate(line.len() - 2);
    String::from_utf8(line).map_err(|_| ReadError::Refuse(400))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sends `raw` on a fresh connection and returns everything the server
    /// wrote back before closing.
    async fn exchange(server: &Server, raw: &[u8]) -> String {
        let mut stream = TcpStream::connect(server.addr()).await.unwrap();
        stream.write_all(raw).await.unwrap();
        let mut answer = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer));
        read.await.expect("server answers and closes").unwrap();
        String::from_utf8(answer).unwrap()
    }

    #[tokio::test]
    async fn records_raw_request_and_answers() {
        let server = Server::fixed(Response::new(201).header("X-Id", "7").body("done").close());
        let raw = b"\r\nPOST /a%2Fb?x=1+2 HTTP/1.1\r\nHost: h\r\nX-Dup: 1\r\nx-dup:  2 \r\n\
                    Content-Length: 5\r\n\r\nhello";
        let answer = exchange(&server, raw).await;
        assert_eq!(answer, "HTTP/1.1 201 Created\r\nX-Id: 7\r\nContent-Length: 4\r\nConnection: close\r\n\r\ndone");
        let request = server.single_request();
        assert_eq!(request.request_line, "POST /a%2Fb?x=1+2 HTTP/1.1");
        assert_eq!((request.method.as_str(), request.version.as_str()), ("POST", "HTTP/1.1"));
        assert_eq!((request.path(), request.query()), ("/a%2Fb", Some("x=1+2")));
        assert_eq!(request.header_names(), ["host", "x-dup", "x-dup", "content-length"]);
        assert_eq!(request.header_values("X-DUP"), ["1", "2"]);
        assert_eq!(request.body, b"hello");
        assert_eq!(request.path_segments().unwrap(), ["a/b"]);
        assert_eq!(request.query_pairs().unwrap(), [("x".to_owned(), "1 2".to_owned())]);
        assert_eq!(server.connections(), 1);
    }

    #[tokio::test]
    async fn keeps_connections_alive_and_decodes_chunked_bodies() {
        let server = Server::start(|request| Response::new(200).body(request.body.clone()).into());
        let mut stream = TcpStream::connect(server.addr()).await.unwrap();
        let raw =
            b"PUT /1 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nT: x\r\n\r\n\
                    GET /2 HTTP/1.1\r\n\r\n";
        stream.write_all(raw).await.unwrap();
        stream.shutdown().await.unwrap();
        let mut answer = Vec::new();
        tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await.unwrap().unwrap();
        assert_eq!(
            String::from_utf8(answer).unwrap(),
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcdeHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
        );
        let requests = server.requests();
        assert_eq!(requests.iter().map(|r| r.target.as_str()).collect::<Vec<_>>(), ["/1", "/2"]);
        assert_eq!(requests[0].body, b"abcde");
        assert_eq!(server.connections(), 1);
    }

    #[tokio::test]
    async fn refuses_oversized_heads_without_recording() {
        let server = Server::fixed(Response::new(200));
        let mut raw = b"GET / HTTP/1.1\r\nX-Big: ".to_vec();
        raw.extend(std::iter::repeat_n(b'a', MAX_HEAD));
        raw.extend_from_slice(b"\r\n\r\n");
        let answer = exchange(&server, &raw).await;
        assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
        assert!(server.requests().is_empty());
    }

    #[tokio::test]
    async fn close_reply_sends_nothing() {
        let server = Server::fixed(Reply::Close);
        assert_eq!(exchange(&server, b"GET / HTTP/1.1\r\n\r\n").await, "");
        assert_eq!(server.single_request().target, "/");
    }
}

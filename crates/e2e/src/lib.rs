//! Support for end-to-end tests of generated clients: a scripted HTTP/1.1
//! server on 127.0.0.1 that records exactly what arrives on the wire.
//!
//! The server is written by hand on top of tokio's TCP sockets instead of
//! using an HTTP library, so that nothing between the client and the
//! assertions normalizes, decodes or reorders what the client sent: the
//! request line, header order, duplicate headers and body bytes are kept as
//! received.
//!
//! ```no_run
//! # async fn demo() {
//! use swagger2rs_e2e::{Response, Server};
//!
//! let server = Server::fixed(Response::new(200).json(r#"{"ok":true}"#));
//! // ... point a client at `server.url()` and send one request ...
//! let request = server.single_request();
//! assert_eq!(request.request_line, "GET /api/2/attachment/meta HTTP/1.1");
//! # }
//! ```

mod decode;
pub mod prism;
mod request;
mod response;
mod server;

pub use prism::Prism;

use std::future::Future;
use std::time::Duration;

pub use decode::{DecodeError, decode_path_segments, decode_query, percent_decode};
pub use request::RecordedRequest;
pub use response::{Reply, Response};
pub use server::Server;

/// How long [`deadline`] lets a future run: far longer than any exchange
/// with a local server needs, far shorter than a CI job timeout, so a hang
/// shows up as a failing test with a message rather than a stuck build.
pub const TEST_DEADLINE: Duration = Duration::from_secs(20);

/// Awaits `future`, panicking with `what` if it takes longer than
/// [`TEST_DEADLINE`].
///
/// # Panics
///
/// When the deadline passes, or when called outside a tokio runtime.
pub async fn deadline<F: Future>(what: &str, future: F) -> F::Output {
    match tokio::time::timeout(TEST_DEADLINE, future).await {
        Ok(output) => output,
        Err(_) => panic!("{what} did not finish within {TEST_DEADLINE:?}"),
    }
}

/// The README's usage example, compiled as a doc test so it cannot drift from the generated API.
#[doc = include_str!("../../../README.md")]
mod readme {}

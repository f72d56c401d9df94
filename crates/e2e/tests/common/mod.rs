//! Helpers shared by the test binaries; each binary uses a different subset.
#![allow(dead_code, reason = "each test binary uses only some of these helpers")]

use std::time::Duration;

/// An HTTP client that can only reach the local test server: system proxy
/// settings are ignored (a proxy would see the requests instead of the
/// server, and leave 127.0.0.1), and a request that hangs fails the test
/// instead of stalling it.
pub fn http() -> reqwest::Client {
    http_with_timeout(Duration::from_secs(10))
}

/// Like [`http`], with a shorter `timeout` for tests that provoke one.
pub fn http_with_timeout(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder().no_proxy().timeout(timeout).build().expect("build reqwest client")
}

/// A Jira client for the API at `base_url`.
pub fn client(base_url: &str) -> jira::Client {
    jira::Client::with_http_client(base_url, http())
}

/// A base URL on which nothing listens, so connecting is refused: the port
/// was just free and is not handed out again right away.
pub fn refusing_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("listener address");
    drop(listener);
    format!("http://{addr}")
}

//! The one way to see and change every request before it is sent and every response head as it arrives.

use std::fmt;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// Code the client runs around every attempt of every call, registered with
/// [`ClientCore::add_hook`](super::ClientCore::add_hook): to add a signature or a correlation id, record
/// metrics, or rewrite what a misbehaving server sends.
///
/// Both methods do nothing by default, so a hook implements only what it needs. Hooks run in the order they
/// were added, on each attempt (a retried call passes through them again, with
/// [`HookContext::attempt`] counting up):
///
/// - [`on_request`](Self::on_request) sees the final `reqwest::Request` (URL with query, every header
///   including credentials, the body) after the runtime has built it, and may change any of it.
/// - [`on_response`](Self::on_response) sees the status and headers before the runtime looks at them, so a
///   change there also changes whether the attempt is retried and how the operation decodes it. The body is
///   not offered: it may still be streaming to the caller.
///
/// Hooks are synchronous and cannot fail a call; a credential that must be fetched asynchronously belongs in
/// a [`TokenProvider`](super::TokenProvider). A hook that logs must not print header values: they include
/// the credentials.
pub trait Hook: Send + Sync + 'static {
    /// Called with each request just before it is sent.
    fn on_request(&self, request: &mut reqwest::Request, context: &HookContext<'_>) {
        let _ = (request, context);
    }

    /// Called with each response's status and headers as soon as they arrive.
    fn on_response(&self, status: &mut StatusCode, headers: &mut HeaderMap, context: &HookContext<'_>) {
        let _ = (status, headers, context);
    }
}

/// What a [`Hook`] is told about the call an attempt belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HookContext<'a> {
    /// The operation's name (its `operationId`), empty if the request did not name one.
    pub operation: &'a str,
    /// The operation's path template, such as `/issue/{issueIdOrKey}`: unlike the request URL it holds no
    /// identifiers or keys, so it is safe to log and to group metrics by.
    pub path_template: &'a str,
    /// Which attempt this is, from 1.
    pub attempt: u32,
}

/// The hooks a client holds, shared by its clones.
#[derive(Clone, Default)]
pub(super) struct Hooks(Vec<std::sync::Arc<dyn Hook>>);

impl Hooks {
    pub(super) fn push(&mut self, hook: impl Hook) {
        self.0.push(std::sync::Arc::new(hook));
    }

    pub(super) fn on_request(&self, request: &mut reqwest::Request, context: &HookContext<'_>) {
        self.0.iter().for_each(|hook| hook.on_request(request, context));
    }

    pub(super) fn on_response(&self, status: &mut StatusCode, headers: &mut HeaderMap, context: &HookContext<'_>) {
        self.0.iter().for_each(|hook| hook.on_response(status, headers, context));
    }
}

/// Shows how many hooks there are; hooks are opaque.
impl fmt::Debug for Hooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} hook(s)", self.0.len())
    }
}

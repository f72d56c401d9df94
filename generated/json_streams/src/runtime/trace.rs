//! Tracing, behind the crate's `tracing` feature: one span per call and debug events per attempt.
//!
//! Only the operation name, method, path *template*, status, attempt count and duration are recorded. The
//! request URL is never recorded (it holds identifiers and, for API-key query schemes, secrets), nor headers
//! or bodies. Without the feature every function here is an empty inline function, so call sites need no
//! `cfg` and the compiler removes them.

use std::future::Future;
use std::time::Duration;

use reqwest::{Method, StatusCode};

/// The span of one call, named `http.request`; without the feature, nothing.
#[derive(Clone)]
pub(super) struct CallSpan {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

impl CallSpan {
    #[cfg(feature = "tracing")]
    pub(super) fn new(operation: &str, method: &Method, path_template: &str) -> Self {
        let span = tracing::info_span!(
            "http.request",
            operation = operation,
            http.method = %method,
            http.path_template = path_template,
            http.status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        Self { span }
    }

    #[cfg(not(feature = "tracing"))]
    pub(super) fn new(_operation: &str, _method: &Method, _path_template: &str) -> Self {
        Self {}
    }

    /// Runs `call` inside the span, so the per-attempt events belong to it.
    #[cfg(feature = "tracing")]
    pub(super) fn instrument<F: Future>(&self, call: F) -> impl Future<Output = F::Output> {
        tracing::Instrument::instrument(call, self.span.clone())
    }

    #[cfg(not(feature = "tracing"))]
    pub(super) fn instrument<F: Future>(&self, call: F) -> F {
        call
    }

    /// Records how the call ended.
    #[cfg(feature = "tracing")]
    pub(super) fn finished(&self, status: Option<StatusCode>, attempts: u32, duration: Duration) {
        if let Some(status) = status {
            self.span.record("http.status", status.as_u16());
        }
        self.span.record("attempts", attempts);
        self.span.record("duration_ms", u64::try_from(duration.as_millis()).unwrap_or(u64::MAX));
    }

    #[cfg(not(feature = "tracing"))]
    pub(super) fn finished(&self, _status: Option<StatusCode>, _attempts: u32, _duration: Duration) {}
}

/// An attempt is about to be sent.
#[cfg(feature = "tracing")]
pub(super) fn sending(attempt: u32) {
    tracing::debug!(attempt, "sending request");
}

#[cfg(not(feature = "tracing"))]
pub(super) fn sending(_attempt: u32) {}

/// An attempt was answered.
#[cfg(feature = "tracing")]
pub(super) fn received(attempt: u32, status: StatusCode) {
    tracing::debug!(attempt, http.status = status.as_u16(), "received response");
}

#[cfg(not(feature = "tracing"))]
pub(super) fn received(_attempt: u32, _status: StatusCode) {}

/// An attempt failed without an answer; `error` is the redacted description of what went wrong.
#[cfg(feature = "tracing")]
pub(super) fn failed(attempt: u32, error: &dyn std::fmt::Display) {
    tracing::debug!(attempt, error = %error, "request failed");
}

#[cfg(not(feature = "tracing"))]
pub(super) fn failed(_attempt: u32, _error: &dyn std::fmt::Display) {}

/// The client will send the call again after `delay`.
#[cfg(feature = "tracing")]
pub(super) fn retrying(attempt: u32, delay: Duration) {
    tracing::debug!(attempt, delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX), "retrying");
}

#[cfg(not(feature = "tracing"))]
pub(super) fn retrying(_attempt: u32, _delay: Duration) {}

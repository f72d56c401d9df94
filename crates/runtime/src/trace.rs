//! Tracing, behind the crate's `tracing` feature: one span per call and debug events per attempt.
//!
//! Only the operation name, method, path *template*, status, attempt count and duration are recorded. The
//! request URL is never recorded (it holds identifiers and, for API-key query schemes, secrets), nor headers
//! or bodies. Without the feature every function here is an empty inline function, so call sites need no
//! `cfg` and the compiler removes them.

use std::future::Future;
use std::time::Duration;

use reqwest::{Method, StatusCode};

/// Runs `call` inside a span named `http.request` for the operation, or just runs it without the feature.
#[cfg(feature = "tracing")]
pub(super) fn in_span<F: Future>(
    operation: &str,
    method: &Method,
    path_template: &str,
    call: F,
) -> impl Future<Output = F::Output> {
    use tracing::Instrument;
    let span = tracing::info_span!(
        "http.request",
        operation = operation,
        http.method = %method,
        http.path_template = path_template,
        http.status = tracing::field::Empty,
        attempts = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
    );
    call.instrument(span)
}

#[cfg(not(feature = "tracing"))]
pub(super) fn in_span<F: Future>(_operation: &str, _method: &Method, _path_template: &str, call: F) -> F {
    call
}

/// Records on the current span how the call ended.
#[cfg(feature = "tracing")]
pub(super) fn finished(status: Option<StatusCode>, attempts: u32, duration: Duration) {
    let span = tracing::Span::current();
    if let Some(status) = status {
        span.record("http.status", status.as_u16());
    }
    span.record("attempts", attempts);
    span.record("duration_ms", u64::try_from(duration.as_millis()).unwrap_or(u64::MAX));
}

#[cfg(not(feature = "tracing"))]
pub(super) fn finished(_status: Option<StatusCode>, _attempts: u32, _duration: Duration) {}

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

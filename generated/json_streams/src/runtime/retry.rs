//! When a failed attempt is sent again, and how long the client waits first.
//!
//! Everything here is a pure function of the policy, the attempt count, the time spent so far and what the
//! server said, so the schedule is unit-tested without a clock; the client only sleeps for what
//! [`RetryPolicy::next_delay`] returns.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

use super::retry_after::server_delay;

/// How a client retries calls that failed for reasons that are likely to pass: a refused connection, a
/// timeout, or a status of 408, 429, 502, 503 or 504.
///
/// A client does **not** retry until told to ([`ClientCore::set_retry`](super::ClientCore::set_retry)):
/// applications often already retry at another layer (a job queue, a service mesh, their own loop), and
/// nested retries multiply the load on a struggling server; a call's latency should also stay that of one
/// request unless the caller accepts more. [`RetryPolicy::default`] is the recommended policy to opt in
/// with: 3 attempts, backoff from 250 ms doubling up to 30 s, at most 60 s in all.
///
/// Only requests that are safe to repeat are retried: idempotent methods (`GET`, `HEAD`, `OPTIONS`, `PUT`,
/// `DELETE`, RFC 9110 §9.2.2) whose body can be sent again. `POST` and `PATCH` are retried only with
/// [`retry_non_idempotent`](Self::retry_non_idempotent), and a streamed body never is.
///
/// The wait before each retry is exponential backoff with jitter (a random point in the upper half of the
/// doubled delay, so clients failing together do not come back together), unless the server named one in
/// `Retry-After` (seconds or an HTTP date), `retry-after-ms` or `x-ms-retry-after-ms`: that wait is honoured
/// as given. A server wait longer than [`max_delay`](Self::max_delay), or any wait that would end past
/// [`max_elapsed`](Self::max_elapsed), ends the call instead with the last response or error, since sleeping
/// that long would only hide the failure from the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_delay: Duration,
    max_delay: Duration,
    max_elapsed: Duration,
    non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(30),
            max_elapsed: Duration::from_secs(60),
            non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// Sends every request exactly once.
    pub fn none() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// The most times one call is sent, first attempt included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff before the first retry; each further retry doubles it.
    pub fn initial_delay(mut self, delay: Duration) -> Self {
        self.initial_delay = delay;
        self
    }

    /// The longest single wait: backoff stops growing there, and a server asking for longer ends the call.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The longest time from the first attempt after which no retry starts.
    pub fn max_elapsed(mut self, elapsed: Duration) -> Self {
        self.max_elapsed = elapsed;
        self
    }

    /// Also retries `POST`, `PATCH` and other methods that may not be idempotent. Only for operations the
    /// caller knows are safe to repeat (for example, ones carrying an idempotency key).
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.non_idempotent = retry;
        self
    }

    /// The configured number of attempts.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Whether a request with `method` may be sent more than once under this policy.
    pub fn allows(&self, method: &Method) -> bool {
        self.max_attempts > 1 && (self.non_idempotent || is_idempotent(method))
    }

    /// How long to wait before attempt `attempts_made + 1`, or `None` to stop: the attempts are used up, the
    /// server asked for more than [`max_delay`](Self::max_delay), or the wait would end past
    /// [`max_elapsed`](Self::max_elapsed). `server` is the wait the server asked for, `jitter` a number in
    /// `[0, 1)`.
    pub(super) fn next_delay(
        &self,
        attempts_made: u32,
        elapsed: Duration,
        server: Option<Duration>,
        jitter: f64,
    ) -> Option<Duration> {
        if attempts_made >= self.max_attempts {
            return None;
        }
        let delay = match server {
            Some(wait) if wait > self.max_delay => return None,
            Some(wait) => wait,
            None => self.backoff(attempts_made, jitter),
        };
        (elapsed.saturating_add(delay) <= self.max_elapsed).then_some(delay)
    }

    /// `initial_delay * 2^(attempts_made - 1)`, capped at `max_delay`, then a random point in its upper half.
    fn backoff(&self, attempts_made: u32, jitter: f64) -> Duration {
        let doublings = attempts_made.saturating_sub(1).min(31);
        let full = self.initial_delay.saturating_mul(1 << doublings).min(self.max_delay);
        let half = full / 2;
        half + half.mul_f64(jitter.clamp(0.0, 1.0))
    }
}

/// The statuses that say "try again later" rather than "this request is wrong".
pub(super) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 502 | 503 | 504)
}

/// RFC 9110 §9.2.2: methods whose repetition has the same effect as sending them once.
fn is_idempotent(method: &Method) -> bool {
    [Method::GET, Method::HEAD, Method::OPTIONS, Method::PUT, Method::DELETE].contains(method)
}

/// The wait before retrying a response with `status` and `headers`, or `None` to stop (see
/// [`RetryPolicy::next_delay`]). Statuses outside [`is_retryable_status`] are never retried.
pub(super) fn delay_after_response(
    policy: &RetryPolicy,
    attempts_made: u32,
    elapsed: Duration,
    status: StatusCode,
    headers: &HeaderMap,
) -> Option<Duration> {
    if !is_retryable_status(status) {
        return None;
    }
    policy.next_delay(attempts_made, elapsed, server_delay(headers, SystemTime::now()), jitter())
}

/// The wait before retrying after a transport failure.
pub(super) fn delay_after_failure(policy: &RetryPolicy, attempts_made: u32, elapsed: Duration) -> Option<Duration> {
    policy.next_delay(attempts_made, elapsed, None, jitter())
}

/// A number in `[0, 1)` that differs between calls and processes, from the randomly keyed hasher the
/// standard library already seeds, so jitter needs no random-number dependency.
fn jitter() -> f64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u128(SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_nanos());
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    const MS: Duration = Duration::from_millis(1);

    fn policy() -> RetryPolicy {
        RetryPolicy::default().max_attempts(5).initial_delay(100 * MS).max_delay(Duration::from_secs(1))
    }

    #[test]
    fn backoff_doubles_within_the_jitter_band_and_stops_at_max_delay() {
        let p = policy();
        let low: Vec<_> = (1..5).map(|n| p.next_delay(n, Duration::ZERO, None, 0.0).unwrap()).collect();
        let high: Vec<_> = (1..5).map(|n| p.next_delay(n, Duration::ZERO, None, 0.999_999).unwrap()).collect();
        assert_eq!(low, [50 * MS, 100 * MS, 200 * MS, 400 * MS]);
        assert_eq!(high.iter().map(|d| d.as_millis()).collect::<Vec<_>>(), [99, 199, 399, 799]);
        let capped = RetryPolicy::default().max_attempts(40).initial_delay(100 * MS).max_delay(300 * MS);
        assert_eq!(capped.next_delay(30, Duration::ZERO, None, 0.0), Some(150 * MS), "huge doublings saturate");
        assert_eq!(p.next_delay(1, Duration::ZERO, None, 7.0), Some(100 * MS), "jitter is clamped");
    }

    #[test]
    fn attempts_and_total_time_are_capped() {
        let p = policy().max_elapsed(Duration::from_secs(2));
        assert_eq!(p.next_delay(5, Duration::ZERO, None, 0.0), None, "five attempts made");
        assert_eq!(p.next_delay(1, Duration::from_millis(1950), None, 0.0), Some(50 * MS));
        assert_eq!(p.next_delay(1, Duration::from_millis(1951), None, 0.0), None, "would end past max_elapsed");
        assert_eq!(RetryPolicy::none().next_delay(1, Duration::ZERO, None, 0.0), None);
        assert_eq!(RetryPolicy::default().max_attempts(0).attempts(), 1);
    }

    #[test]
    fn a_server_wait_is_honoured_up_to_max_delay_then_the_call_ends() {
        let p = policy();
        assert_eq!(p.next_delay(1, Duration::ZERO, Some(700 * MS), 0.5), Some(700 * MS));
        assert_eq!(p.next_delay(1, Duration::ZERO, Some(Duration::ZERO), 0.5), Some(Duration::ZERO));
        assert_eq!(p.next_delay(1, Duration::ZERO, Some(Duration::from_secs(365 * 86_400)), 0.5), None);
    }

    #[test]
    fn only_idempotent_methods_unless_opted_in() {
        let p = RetryPolicy::default();
        for method in [Method::GET, Method::HEAD, Method::OPTIONS, Method::PUT, Method::DELETE] {
            assert!(p.allows(&method), "{method}");
        }
        assert!(!p.allows(&Method::POST));
        assert!(!p.allows(&Method::PATCH));
        assert!(p.clone().retry_non_idempotent(true).allows(&Method::POST));
        assert!(!RetryPolicy::none().allows(&Method::GET));
    }

    #[test]
    fn only_transient_statuses_are_retried() {
        let retried: Vec<u16> = (100..600)
            .filter_map(|code| StatusCode::from_u16(code).ok())
            .filter(|status| is_retryable_status(*status))
            .map(|status| status.as_u16())
            .collect();
        assert_eq!(retried, [408, 429, 502, 503, 504]);
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", HeaderValue::from_static("0"));
        let p = policy();
        assert_eq!(delay_after_response(&p, 1, Duration::ZERO, StatusCode::INTERNAL_SERVER_ERROR, &headers), None);
        assert_eq!(
            delay_after_response(&p, 1, Duration::ZERO, StatusCode::TOO_MANY_REQUESTS, &headers),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn jitter_is_in_range_and_varies() {
        let values: Vec<f64> = (0..64).map(|_| jitter()).collect();
        assert!(values.iter().all(|v| (0.0..1.0).contains(v)), "{values:?}");
        assert!(values.windows(2).any(|w| w[0] != w[1]), "{values:?}");
    }
}

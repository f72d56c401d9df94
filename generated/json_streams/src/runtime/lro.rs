//! Long-running operations: send the request, then poll the status monitor the server names until the work
//! is done, and return the final resource.
//!
//! The protocol is Azure's (the one `x-ms-long-running-operation` marks): the first answer names a status
//! monitor in `Azure-AsyncOperation` (a body with `status`), else in `Location` (`202` while running, any
//! other 2xx when done), else the resource itself reports `properties.provisioningState`. Between polls the
//! client waits as long as `Retry-After` asks, else the configured interval; each poll is an ordinary call
//! through [`ClientCore::execute`], so the request's retry policy, timeout, credentials and hooks apply to
//! every one. Polling URLs, like next-page links, are only followed on the base URL's origin.

use std::fmt;
use std::time::{Duration, SystemTime};

use reqwest::header::ACCEPT;
use reqwest::{Method, StatusCode, Url};
use serde_json::Value;
use tokio::time::{Instant, sleep};

use super::client::{ClientCore, request_url};
use super::error::Error;
use super::raw::RawResponse;
use super::request::Request;
use super::response::ResponseValue;
use super::retry_after::server_delay;

/// Where the final result of a long-running operation is read once polling says it is done
/// (`x-ms-long-running-operation-options.final-state-via`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinalState {
    /// The body of the last `Azure-AsyncOperation` poll.
    AzureAsyncOperation,
    /// The URL in the first answer's `Location` header (the last poll when that was the monitor, or when
    /// there is no `Location`).
    Location,
    /// The URL of the original request, read with `GET`.
    OriginalUri,
}

/// How often and how long a long-running operation is polled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollOptions {
    interval: Duration,
    deadline: Duration,
}

impl Default for PollOptions {
    /// Polls every 5 seconds unless the server asks otherwise, and gives up after 30 minutes.
    fn default() -> Self {
        Self { interval: Duration::from_secs(5), deadline: Duration::from_secs(30 * 60) }
    }
}

impl PollOptions {
    /// The wait between polls when the server sends no `Retry-After`.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// The most time polling may take, counted from the first answer; a poll that would start later is not
    /// sent and the call ends with [`PollError::DeadlineExceeded`].
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// The configured interval.
    pub fn poll_interval(&self) -> Duration {
        self.interval
    }

    /// The configured deadline.
    pub fn poll_deadline(&self) -> Duration {
        self.deadline
    }
}

/// Why a long-running operation did not produce its result.
#[derive(Debug)]
pub enum PollError {
    /// The server reported the operation `Failed`; the status monitor's response is kept (its `error`
    /// usually says why).
    Failed(ResponseValue<Value>),
    /// The server reported the operation `Canceled`.
    Canceled(ResponseValue<Value>),
    /// The operation was still running when the deadline came.
    DeadlineExceeded {
        /// How long the client had been polling.
        elapsed: Duration,
        /// How many polls it sent.
        polls: u32,
    },
}

impl PollError {
    /// The status monitor's response, for failed and canceled operations.
    pub fn response(&self) -> Option<&ResponseValue<Value>> {
        match self {
            Self::Failed(response) | Self::Canceled(response) => Some(response),
            Self::DeadlineExceeded { .. } => None,
        }
    }
}

impl fmt::Display for PollError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Failed(response) => {
                match response.get("error").and_then(|e| e.get("message")).and_then(Value::as_str) {
                    Some(message) => {
                        write!(f, "the operation failed: {}", message.chars().take(120).collect::<String>())
                    }
                    None => f.write_str("the operation failed"),
                }
            }
            Self::Canceled(_) => f.write_str("the operation was canceled"),
            Self::DeadlineExceeded { elapsed, polls } => {
                write!(f, "still running after {} s and {polls} polls; the deadline has passed", elapsed.as_secs())
            }
        }
    }
}

impl std::error::Error for PollError {}

/// Where the client learns how the operation is going.
enum Monitor {
    /// `Azure-AsyncOperation`: a status body.
    AsyncOperation(Url),
    /// `Location`: `202` while running.
    Location(Url),
    /// The resource itself, with `properties.provisioningState`.
    OriginalUri(Url),
}

impl Monitor {
    fn url(&self) -> &Url {
        match self {
            Self::AsyncOperation(url) | Self::Location(url) | Self::OriginalUri(url) => url,
        }
    }
}

/// What a status says.
#[derive(Debug, PartialEq, Eq)]
enum State {
    Running,
    Succeeded,
    Failed,
    Canceled,
}

impl State {
    /// Reads Azure's terminal states case-insensitively; anything else (`InProgress`, `Accepted`,
    /// `Creating`, …) is still running.
    fn of(text: &str) -> Self {
        match text.to_ascii_lowercase().as_str() {
            "succeeded" => Self::Succeeded,
            "failed" => Self::Failed,
            "canceled" | "cancelled" => Self::Canceled,
            _ => Self::Running,
        }
    }
}

/// Sends `request`, polls until the operation is done, and decodes the final result with `decode` (the
/// operation's own status dispatch, which also turns error statuses of the first answer or of any poll into
/// the operation's typed errors).
///
/// # Errors
///
/// What `decode` and [`ClientCore::execute`] report, and [`Error::Polling`] for a failed or canceled
/// operation and for one still running at the deadline.
#[allow(
    clippy::result_large_err,
    reason = "Error keeps the whole response for diagnosis; its size is irrelevant next to an HTTP round trip"
)]
pub async fn wait_for_completion<T, E>(
    core: &ClientCore,
    request: Request,
    final_state: FinalState,
    options: PollOptions,
    decode: impl Fn(RawResponse) -> Result<ResponseValue<T>, Error<E>>,
) -> Result<ResponseValue<T>, Error<E>> {
    let original = request_url(core.base_url(), &request).map_err(Error::InvalidRequest)?;
    let first = core.execute(request.clone()).await?;
    if !first.status().is_success() {
        return decode(first);
    }
    let header_url = |response: &RawResponse, name: &str| {
        response.headers().get(name)?.to_str().ok().and_then(|link| original.join(link.trim()).ok())
    };
    let location = header_url(&first, "location");
    let monitor = match (header_url(&first, "azure-asyncoperation"), &location) {
        (Some(url), _) => Monitor::AsyncOperation(url),
        (None, Some(url)) if first.status() == StatusCode::ACCEPTED || first.status() == StatusCode::CREATED => {
            Monitor::Location(url.clone())
        }
        _ => match provisioning_state(&first) {
            State::Running => Monitor::OriginalUri(original.clone()),
            State::Succeeded => return decode(first),
            State::Failed => return Err(Error::Polling(PollError::Failed(status_body(first)?))),
            State::Canceled => return Err(Error::Polling(PollError::Canceled(status_body(first)?))),
        },
    };
    let started = Instant::now();
    let mut polls = 0;
    let mut last = first;
    loop {
        let delay = server_delay(last.headers(), SystemTime::now()).unwrap_or(options.interval);
        if started.elapsed() + delay > options.deadline {
            return Err(Error::Polling(PollError::DeadlineExceeded { elapsed: started.elapsed(), polls }));
        }
        sleep(delay).await;
        let response = core.execute(poll_request(&request, monitor.url().clone())).await?;
        polls += 1;
        if !response.status().is_success() {
            return Err(as_error(&decode, response));
        }
        let state = match &monitor {
            Monitor::AsyncOperation(_) => {
                let body = status_body(response.clone())?;
                State::of(body.get("status").and_then(Value::as_str).unwrap_or_default())
            }
            Monitor::Location(_) if response.status() == StatusCode::ACCEPTED => State::Running,
            Monitor::Location(_) => State::Succeeded,
            Monitor::OriginalUri(_) => provisioning_state(&response),
        };
        match state {
            State::Running => last = response,
            State::Succeeded => {
                last = response;
                break;
            }
            State::Failed => return Err(Error::Polling(PollError::Failed(status_body(response)?))),
            State::Canceled => return Err(Error::Polling(PollError::Canceled(status_body(response)?))),
        }
    }
    let final_url = match (final_state, &monitor) {
        (FinalState::AzureAsyncOperation, _) => None,
        (FinalState::Location, Monitor::Location(_)) => None,
        (FinalState::Location, _) => location,
        (FinalState::OriginalUri, Monitor::OriginalUri(_)) => None,
        (FinalState::OriginalUri, _) => Some(original),
    };
    match final_url {
        Some(url) => decode(core.execute(poll_request(&request, url)).await?),
        None => decode(last),
    }
}

/// A `GET` of `url` for `original`'s operation, with its credentials, `Accept`, timeout and retry policy.
fn poll_request(original: &Request, url: Url) -> Request {
    let mut poll = Request::new(Method::GET).operation(original.operation, original.path_template);
    poll = poll.security(original.security);
    poll.timeout = original.timeout;
    poll.retry = original.retry.clone();
    if let Some(accept) = original.headers.get(ACCEPT) {
        poll.headers.insert(ACCEPT, accept.clone());
    }
    poll.with_url(url)
}

/// The error a failed poll means: the operation's own error for the status, else an unexpected response.
fn as_error<T, E>(
    decode: impl Fn(RawResponse) -> Result<ResponseValue<T>, Error<E>>,
    response: RawResponse,
) -> Error<E> {
    match decode(response.clone()) {
        Err(err) => err,
        Ok(_) => response.unexpected(),
    }
}

/// A status monitor's body as JSON.
#[allow(
    clippy::result_large_err,
    reason = "Error keeps the whole response for diagnosis; its size is irrelevant next to an HTTP round trip"
)]
fn status_body<E>(response: RawResponse) -> Result<ResponseValue<Value>, Error<E>> {
    response.json()
}

/// `properties.provisioningState` of a resource; a resource without one is done.
fn provisioning_state(response: &RawResponse) -> State {
    let body: Option<Value> = serde_json::from_slice(response.body()).ok();
    match body.as_ref().and_then(|b| b.pointer("/properties/provisioningState")).and_then(Value::as_str) {
        Some(state) => State::of(state),
        None => State::Succeeded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_read_case_insensitively() {
        assert_eq!(State::of("Succeeded"), State::Succeeded);
        assert_eq!(State::of("FAILED"), State::Failed);
        assert_eq!(State::of("Cancelled"), State::Canceled);
        assert_eq!(State::of("InProgress"), State::Running);
        assert_eq!(State::of(""), State::Running);
    }

    #[test]
    fn options_have_safe_defaults() {
        let options = PollOptions::default();
        assert_eq!(
            (options.poll_interval(), options.poll_deadline()),
            (Duration::from_secs(5), Duration::from_secs(1800))
        );
        let options = options.interval(Duration::from_millis(10)).deadline(Duration::from_secs(1));
        assert_eq!(
            (options.poll_interval(), options.poll_deadline()),
            (Duration::from_millis(10), Duration::from_secs(1))
        );
    }

    #[test]
    fn failures_say_what_the_server_said() {
        let body = serde_json::json!({"status": "Failed", "error": {"code": "Quota", "message": "out of quota"}});
        let response = ResponseValue::new(StatusCode::OK, reqwest::header::HeaderMap::new(), body);
        assert_eq!(PollError::Failed(response).to_string(), "the operation failed: out of quota");
        let late = PollError::DeadlineExceeded { elapsed: Duration::from_secs(61), polls: 3 };
        assert_eq!(late.to_string(), "still running after 61 s and 3 polls; the deadline has passed");
        assert!(late.response().is_none());
    }

    #[test]
    fn a_resource_without_a_provisioning_state_is_done() {
        let raw = |body: &'static str| {
            RawResponse::new(
                StatusCode::OK,
                reqwest::header::HeaderMap::new(),
                bytes::Bytes::from_static(body.as_bytes()),
            )
        };
        assert_eq!(provisioning_state(&raw("{}")), State::Succeeded);
        assert_eq!(provisioning_state(&raw("not json")), State::Succeeded);
        assert_eq!(provisioning_state(&raw(r#"{"properties":{"provisioningState":"Creating"}}"#)), State::Running);
    }
}

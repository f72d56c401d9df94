//! The shared state of a generated client and the code that sends requests.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_LENGTH, HeaderMap, HeaderValue, USER_AGENT};
use reqwest::{Method, StatusCode, Url};
use tokio::time::{Instant, sleep};

use super::error::{Error, InvalidHeader, REDACTED};
use super::hooks::{Hook, HookContext, Hooks};
use super::json_stream::JsonStream;
use super::raw::RawResponse;
use super::request::{Request, header_pair};
use super::response::ResponseValue;
use super::retry::{RetryPolicy, delay_after_failure, delay_after_response};
use super::security::{AuthPart, Credential, Credentials, SecurityScheme, basic_auth_value, bearer_auth_value};
use super::stream::BodyStream;
use super::token::TokenProvider;
use super::trace;

/// The `User-Agent` sent unless one is set: the name and version of the crate this code is compiled in,
/// which in a generated client is the generated crate (the runtime is copied into it).
const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// What a generated client holds: where the API lives, the HTTP client, and
/// the headers and credentials added to every call.
///
/// Cloning is cheap enough to do per task; the underlying connection pool is
/// shared. `Debug` shows the base URL and the names of default headers, but
/// never header values or credentials.
#[derive(Clone)]
pub struct ClientCore {
    base_url: String,
    http: reqwest::Client,
    default_headers: HeaderMap,
    credentials: Credentials,
    user_agent: Option<HeaderValue>,
    timeout: Option<Duration>,
    retry: RetryPolicy,
    hooks: Hooks,
    tokens: Option<Tokens>,
}

/// A token provider and the requests it serves.
#[derive(Clone)]
struct Tokens {
    provider: Arc<dyn TokenProvider>,
    scope: TokenScope,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokenScope {
    /// Operations whose security requirement names an OAuth2 scheme.
    OAuth2Schemes,
    /// Every request, for APIs that declare no security schemes.
    EveryRequest,
}

impl Tokens {
    fn applies_to(&self, security: &[&[SecurityScheme]]) -> bool {
        match self.scope {
            TokenScope::EveryRequest => true,
            TokenScope::OAuth2Schemes => {
                security.iter().flat_map(|schemes| schemes.iter()).any(|s| matches!(s, SecurityScheme::OAuth2 { .. }))
            }
        }
    }
}

impl ClientCore {
    /// A client for the API at `base_url` (scheme, host and any path prefix,
    /// with or without a trailing slash) using a default HTTP client.
    ///
    /// # Panics
    ///
    /// Only if the TLS backend cannot be initialized, as
    /// `reqwest::Client::new` does; never because of the arguments. Use
    /// [`ClientCore::with_http_client`] to handle that case or to set
    /// timeouts and proxies.
    ///
    /// The default HTTP client follows redirects only within the same origin
    /// and sends no `Referer`: default headers and credentials must not reach
    /// a host the caller did not choose, nor the request URL (which can hold
    /// an API key) a third party. It gives up connecting after
    /// [`DEFAULT_CONNECT_TIMEOUT`](Self::DEFAULT_CONNECT_TIMEOUT); a different
    /// connect timeout is a setting of the HTTP client, so pass one built with
    /// `reqwest::Client::builder().connect_timeout(..)` to
    /// [`with_http_client`](Self::with_http_client).
    pub fn new(base_url: impl Into<String>) -> Self {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::custom(same_origin_redirects))
            .referer(false)
            .connect_timeout(Self::DEFAULT_CONNECT_TIMEOUT)
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        Self::with_http_client(base_url, http)
    }

    /// How long [`ClientCore::new`]'s HTTP client waits for a connection.
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

    /// A client for the API at `base_url` that sends through `http`, which
    /// carries the connect timeout, proxies, TLS settings and the connection
    /// pool. The client does not retry ([`RetryPolicy::none`]; see
    /// [`RetryPolicy`] for why), has no timeout of its own (one set on `http`
    /// still applies), and sends
    /// its default `User-Agent` (which wins over one set on `http`; see
    /// [`set_user_agent`](Self::set_user_agent)).
    pub fn with_http_client(base_url: impl Into<String>, http: reqwest::Client) -> Self {
        Self {
            base_url: base_url.into(),
            http,
            default_headers: HeaderMap::new(),
            credentials: Credentials::default(),
            user_agent: Some(HeaderValue::from_static(DEFAULT_USER_AGENT)),
            timeout: None,
            retry: RetryPolicy::none(),
            hooks: Hooks::default(),
            tokens: None,
        }
    }

    /// Sets the `User-Agent` sent with every request (by default
    /// `<crate name>/<crate version>` of the generated crate); a default or
    /// operation header of that name still wins. Fails if `user_agent`
    /// contains bytes a header cannot carry.
    pub fn set_user_agent(&mut self, user_agent: &str) -> Result<(), InvalidHeader> {
        let value = HeaderValue::from_str(user_agent).map_err(|_| InvalidHeader::for_value(USER_AGENT.as_str()))?;
        self.user_agent = Some(value);
        Ok(())
    }

    /// Sends no `User-Agent` of the runtime's own, leaving the HTTP client's, if it sets one.
    pub fn clear_user_agent(&mut self) {
        self.user_agent = None;
    }

    /// Limits every attempt of every call to `timeout`, from connecting until
    /// the whole body has arrived (streamed bodies included), unless the
    /// request sets its own ([`Request::timeout`]); `None` removes the limit.
    /// Expiry is [`Error::Timeout`], retried like a refused connection. This
    /// is separate from the connect timeout, a setting of the HTTP client
    /// (see [`ClientCore::new`]). No limit by default, so long downloads are
    /// not cut off.
    pub fn set_timeout(&mut self, timeout: Option<Duration>) {
        self.timeout = timeout;
    }

    /// The client-wide timeout, if any.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// Sets how failed calls are retried, unless a request sets its own
    /// ([`Request::retry`]); `set_retry(RetryPolicy::default())` turns on the
    /// recommended policy, [`RetryPolicy::none`] (the default) turns retries
    /// off.
    pub fn set_retry(&mut self, policy: RetryPolicy) {
        self.retry = policy;
    }

    /// The client-wide retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// Adds a hook that sees and may change every request before it is sent
    /// and every response head as it arrives; see [`Hook`]. Hooks run in the
    /// order they were added.
    pub fn add_hook(&mut self, hook: impl Hook) {
        self.hooks.push(hook);
    }

    /// Asks `provider` for the bearer token of every operation whose
    /// security requirement names an OAuth2 scheme, before each request,
    /// instead of a fixed [`Credential::Bearer`]. A token rejected with 401 is
    /// refreshed and the request repeated once. Replaces an earlier provider.
    pub fn set_token_provider(&mut self, provider: impl TokenProvider) {
        self.tokens = Some(Tokens { provider: Arc::new(provider), scope: TokenScope::OAuth2Schemes });
    }

    /// Like [`set_token_provider`](Self::set_token_provider), but the token is
    /// sent with every request, for APIs that require a bearer token without
    /// declaring `securityDefinitions` (the counterpart of
    /// [`set_bearer_token`](Self::set_bearer_token)). Credentials an
    /// operation's security requirement selects still take precedence.
    pub fn set_token_provider_for_every_request(&mut self, provider: impl TokenProvider) {
        self.tokens = Some(Tokens { provider: Arc::new(provider), scope: TokenScope::EveryRequest });
    }

    /// The base URL request paths are appended to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The HTTP client requests are sent with.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.http
    }

    /// Registers the credential for the security scheme named `scheme` (its
    /// `securityDefinitions` key); it is sent only with operations that
    /// accept that scheme.
    pub fn set_credential(&mut self, scheme: &str, credential: Credential) {
        self.credentials.set(scheme, credential);
    }

    /// Adds a header to every request, replacing an earlier default of the
    /// same name. Operation headers and security credentials of the same name
    /// take precedence. The value is treated as a secret: never printed.
    pub fn set_default_header(&mut self, name: &str, value: &str) -> Result<(), InvalidHeader> {
        let (name, mut value) = header_pair(name, value)?;
        value.set_sensitive(true);
        self.default_headers.insert(name, value);
        Ok(())
    }

    /// Sends HTTP Basic credentials with every request, for APIs that
    /// require authentication without declaring `securityDefinitions` (such
    /// as Jira Cloud's email and API token).
    ///
    /// Never fails in practice, since the credentials are base64-encoded;
    /// the `Result` mirrors [`ClientCore::set_bearer_token`].
    pub fn set_basic_auth(&mut self, username: &str, password: Option<&str>) -> Result<(), InvalidHeader> {
        self.set_default_header(AUTHORIZATION.as_str(), &basic_auth_value(username, password))
    }

    /// Sends `Authorization: Bearer <token>` with every request, for APIs
    /// that do not declare `securityDefinitions`. Fails if the token contains
    /// bytes a header cannot carry.
    pub fn set_bearer_token(&mut self, token: &str) -> Result<(), InvalidHeader> {
        self.set_default_header(AUTHORIZATION.as_str(), &bearer_auth_value(token))
    }

    /// Sends `request` and reads the whole response body.
    ///
    /// Headers are layered in this order, later ones winning: the `User-Agent`, default headers, a token
    /// from a provider set with [`set_token_provider_for_every_request`](Self::set_token_provider_for_every_request),
    /// the credentials chosen for the operation's security requirement, then the operation's own headers.
    /// Then [`Hook::on_request`] may change anything. Calls that fail transiently are retried per the
    /// [`RetryPolicy`] (the request's own, else the client's). Any status is returned as a [`RawResponse`];
    /// deciding whether it is an error is up to the caller.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] if the request was malformed and [`Error::TokenProvider`] if no token could
    /// be had (nothing is sent in either case), [`Error::Timeout`] if the last attempt timed out,
    /// [`Error::Transport`] if sending or receiving failed otherwise.
    pub async fn execute<E>(&self, request: Request) -> Result<RawResponse, Error<E>> {
        let span = trace::CallSpan::new(request.operation, &request.method, request.path_template);
        span.instrument(async {
            let started = Instant::now();
            let result = match self.send(request).await {
                Ok(sent) => sent.read().await,
                Err(err) => Err(err),
            };
            match &result {
                Ok(raw) => span.finished(Some(raw.status()), raw.attempts(), started.elapsed()),
                Err(err) => span.finished(err.status(), err.attempts(), started.elapsed()),
            }
            result
        })
        .await
    }

    /// [`execute`](Self::execute), then [`RawResponse::json_or_error`]: what most operations' `send` does.
    ///
    /// Operations' `send` returns this future rather than being an `async fn` of its own: each of those is
    /// a state machine the compiler checks separately (on the Kubernetes crate, 1,067 of them), where this
    /// one is generic and checked once.
    ///
    /// # Errors
    ///
    /// As for [`execute`](Self::execute), and as [`RawResponse::json_or_error`] decodes the response.
    pub async fn execute_json<T, E>(&self, request: Request) -> Result<ResponseValue<T>, Error<E>>
    where
        T: serde::de::DeserializeOwned,
        E: serde::de::DeserializeOwned,
    {
        self.execute(request).await?.json_or_error()
    }

    /// [`execute_json`](Self::execute_json) for a success type declared as an array or a map: `null` decodes
    /// as the empty value ([`RawResponse::json_collection_or_error`]).
    ///
    /// # Errors
    ///
    /// As for [`execute_json`](Self::execute_json).
    pub async fn execute_json_collection<T, E>(&self, request: Request) -> Result<ResponseValue<T>, Error<E>>
    where
        T: serde::de::DeserializeOwned + Default,
        E: serde::de::DeserializeOwned,
    {
        self.execute(request).await?.json_collection_or_error()
    }

    /// [`execute_json`](Self::execute_json) for a success body without a schema
    /// ([`RawResponse::json_value_or_error`]): a body that is not one JSON document is still returned.
    ///
    /// # Errors
    ///
    /// As for [`execute_json`](Self::execute_json).
    pub async fn execute_json_value<E>(&self, request: Request) -> Result<ResponseValue<serde_json::Value>, Error<E>>
    where
        E: serde::de::DeserializeOwned,
    {
        self.execute(request).await?.json_value_or_error()
    }

    /// Like [`execute_streaming`](Self::execute_streaming), with a successful (2xx) body read as a
    /// [`JsonStream`] of `T` items as it arrives; any other status is read in full and given to `decode`,
    /// the operation's status dispatch (a success it returns for a status that is not 2xx is
    /// [`Error::UnexpectedResponse`]).
    ///
    /// # Errors
    ///
    /// As for [`execute`](Self::execute), and whatever `decode` returns.
    pub async fn execute_json_stream<T, U, E, F>(
        &self,
        request: Request,
        decode: F,
    ) -> Result<ResponseValue<JsonStream<T>>, Error<E>>
    where
        T: serde::de::DeserializeOwned,
        F: FnOnce(RawResponse) -> Result<ResponseValue<U>, Error<E>>,
    {
        match self.execute_streaming(request).await? {
            Ok(body) => Ok(body.map(JsonStream::new)),
            Err(raw) => {
                let undeclared = raw.clone();
                match decode(raw) {
                    Ok(_) => Err(undeclared.unexpected()),
                    Err(err) => Err(err),
                }
            }
        }
    }

    /// [`execute`](Self::execute), then `decode` on the response: `send` of operations that dispatch on the
    /// status themselves (several success or error types), without an `async fn` of their own (see
    /// [`execute_json`](Self::execute_json)).
    ///
    /// # Errors
    ///
    /// As for [`execute`](Self::execute), and whatever `decode` returns.
    pub async fn execute_then<T, E, F>(&self, request: Request, decode: F) -> Result<T, Error<E>>
    where
        F: FnOnce(RawResponse) -> Result<T, Error<E>>,
    {
        decode(self.execute(request).await?)
    }

    /// Like [`execute`](Self::execute), but a successful (2xx) response's body is not read: it is returned as
    /// a [`BodyStream`] to read as it arrives. Any other status is read in full, for the caller to decode as
    /// usual.
    ///
    /// # Errors
    ///
    /// As for [`execute`](Self::execute).
    pub async fn execute_streaming<E>(
        &self,
        request: Request,
    ) -> Result<Result<ResponseValue<BodyStream>, RawResponse>, Error<E>> {
        let span = trace::CallSpan::new(request.operation, &request.method, request.path_template);
        span.instrument(async {
            let started = Instant::now();
            let result = match self.send(request).await {
                Ok(sent) if sent.status.is_success() => {
                    let Sent { response, status, headers, attempts, .. } = sent;
                    let value = ResponseValue::new(status, headers, BodyStream::new(response));
                    Ok(Ok(value.with_attempts(attempts)))
                }
                Ok(sent) => sent.read().await.map(Err),
                Err(err) => Err(err),
            };
            match &result {
                Ok(Ok(value)) => span.finished(Some(value.status()), value.attempts(), started.elapsed()),
                Ok(Err(raw)) => span.finished(Some(raw.status()), raw.attempts(), started.elapsed()),
                Err(err) => span.finished(err.status(), err.attempts(), started.elapsed()),
            }
            result
        })
        .await
    }

    /// Sends `request` until an attempt is final, returning its response with the body unread.
    ///
    /// An attempt is repeated only if the policy allows the method, the body can be sent again
    /// (`try_clone` fails for streamed bodies) and either the connection failed, the attempt timed out or
    /// the status asks for a retry; or, once, if a provider's token was answered with 401.
    async fn send<E>(&self, mut request: Request) -> Result<Sent, Error<E>> {
        if let Some(message) = request.error.take() {
            return Err(Error::InvalidRequest(message));
        }
        let policy = request.retry.take().unwrap_or_else(|| self.retry.clone());
        let timeout = request.timeout.or(self.timeout);
        let (operation, path_template) = (request.operation, request.path_template);
        let provider = self.tokens.as_ref().filter(|tokens| tokens.applies_to(request.security));
        let mut token = match provider {
            Some(tokens) => Some(tokens.provider.token(false).await.map_err(Error::TokenProvider)?),
            None => None,
        };
        let Prepared { request: mut current, sensitive } =
            self.prepare(request, token.as_deref()).map_err(Error::InvalidRequest)?;
        let retry_allowed = policy.allows(current.method());
        let started = Instant::now();
        let mut attempts = 0;
        let mut refreshed = false;
        loop {
            attempts += 1;
            // `None` for a streamed body: such a request is sent once, whatever happens.
            let spare = current.try_clone();
            if let Some(timeout) = timeout {
                *current.timeout_mut() = Some(timeout);
            }
            let context = HookContext { operation, path_template, attempt: attempts };
            self.hooks.on_request(&mut current, &context);
            let sent_token = current.headers().get(AUTHORIZATION).cloned();
            trace::sending(attempts);
            let failure = match self.http.execute(current).await {
                Ok(mut response) => {
                    let mut status = response.status();
                    let mut headers = std::mem::take(response.headers_mut());
                    self.hooks.on_response(&mut status, &mut headers, &context);
                    trace::received(attempts, status);
                    let rejected_token = status == StatusCode::UNAUTHORIZED
                        && !refreshed
                        && token
                            .as_deref()
                            .is_some_and(|t| sent_token.is_some_and(|sent| sent == bearer_auth_value(t)));
                    match (spare, provider) {
                        (Some(mut next), Some(tokens)) if rejected_token => {
                            refreshed = true;
                            // A provider failing now leaves the server's 401 as the call's answer.
                            match tokens.provider.token(true).await {
                                Ok(fresh) => {
                                    let value =
                                        sensitive_header(&bearer_auth_value(&fresh)).map_err(Error::InvalidRequest)?;
                                    next.headers_mut().insert(AUTHORIZATION, value);
                                    token = Some(fresh);
                                    current = next;
                                    continue;
                                }
                                Err(err) => trace::failed(attempts, &format!("could not refresh the token: {err}")),
                            }
                        }
                        (Some(next), _) if retry_allowed => {
                            if let Some(delay) =
                                delay_after_response(&policy, attempts, started.elapsed(), status, &headers)
                            {
                                drop(response);
                                trace::retrying(attempts, delay);
                                sleep(delay).await;
                                current = next;
                                continue;
                            }
                        }
                        _ => {}
                    }
                    return Ok(Sent { response, status, headers, attempts, sensitive });
                }
                Err(err) => err,
            };
            trace::failed(attempts, &describe(&failure));
            let transient = failure.is_connect() || failure.is_timeout();
            let delay = delay_after_failure(&policy, attempts, started.elapsed());
            match (spare, delay) {
                (Some(next), Some(delay)) if retry_allowed && transient => {
                    trace::retrying(attempts, delay);
                    sleep(delay).await;
                    current = next;
                }
                _ => return Err(Error::transport(failure, &sensitive, attempts)),
            }
        }
    }

    /// Turns `request` into what reqwest sends, or explains why it cannot be
    /// sent. `token` is the provider's token, if one was asked for.
    fn prepare(&self, mut request: Request, token: Option<&str>) -> Result<Prepared, String> {
        if let Some(message) = request.error.take() {
            return Err(message);
        }
        let mut headers = HeaderMap::new();
        if let Some(user_agent) = &self.user_agent {
            headers.insert(USER_AGENT, user_agent.clone());
        }
        headers.extend(self.default_headers.clone());
        let mut credentials = Cow::Borrowed(&self.credentials);
        match (token, self.tokens.as_ref().map(|tokens| tokens.scope)) {
            (Some(token), Some(TokenScope::EveryRequest)) => {
                headers.insert(AUTHORIZATION, sensitive_header(&bearer_auth_value(token))?);
            }
            (Some(token), Some(TokenScope::OAuth2Schemes)) => {
                for scheme in request.security.iter().flat_map(|schemes| schemes.iter()) {
                    if let SecurityScheme::OAuth2 { name } = scheme {
                        credentials.to_mut().set(*name, Credential::bearer(token));
                    }
                }
            }
            _ => {}
        }
        let mut query = std::mem::take(&mut request.query);
        let mut sensitive = Vec::new();
        for part in credentials.auth_parts(request.security) {
            match part {
                AuthPart::Header { name, value } => {
                    let (name, mut value) = header_pair(name, &value).map_err(|err| err.to_string())?;
                    value.set_sensitive(true);
                    headers.insert(name, value);
                }
                AuthPart::Query { param, value } => {
                    query.push((param.to_owned(), Some(value)));
                    sensitive.push(param);
                }
            }
        }
        let url = match request.url.take() {
            Some(url) => absolute_url(&self.base_url, url, &query)?,
            None => build_url(&self.base_url, &request.path, &query)?,
        };
        // Last, once nothing else can fail: encoding a form takes its streamed file parts, which can be sent
        // only once.
        let (request, streamed_body) = request.finish_form();
        if let Some(message) = request.error {
            return Err(message);
        }
        headers.extend(request.headers);
        let no_body = request.body.is_none() && streamed_body.is_none();
        if no_body && [Method::POST, Method::PUT, Method::PATCH].contains(&request.method) {
            // RFC 9110 §8.6: announce an empty body for methods whose body has meaning; some servers
            // and proxies answer 411 Length Required otherwise.
            headers.insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
        }
        let mut http_request = reqwest::Request::new(request.method, url);
        *http_request.headers_mut() = headers;
        *http_request.body_mut() = streamed_body.or_else(|| request.body.map(reqwest::Body::from));
        Ok(Prepared { request: http_request, sensitive })
    }
}

/// Follows at most ten redirects, and only to the origin (scheme, host and
/// port) of the original request.
fn same_origin_redirects(attempt: reqwest::redirect::Attempt<'_>) -> reqwest::redirect::Action {
    let same_origin = attempt.previous().first().is_some_and(|first| first.origin() == attempt.url().origin());
    if attempt.previous().len() > 10 {
        attempt.error("too many redirects")
    } else if same_origin {
        attempt.follow()
    } else {
        attempt.stop()
    }
}

/// A request ready to send, with the query parameters whose values must be
/// redacted from errors.
struct Prepared {
    request: reqwest::Request,
    sensitive: Vec<&'static str>,
}

/// The final attempt's response, its body not yet read.
struct Sent {
    response: reqwest::Response,
    status: StatusCode,
    headers: HeaderMap,
    attempts: u32,
    sensitive: Vec<&'static str>,
}

impl Sent {
    /// Reads the whole body; a connection lost on the way is [`Error::Transport`] (or
    /// [`Error::Timeout`]), never retried, as the server has already acted on the request.
    async fn read<E>(self) -> Result<RawResponse, Error<E>> {
        let Self { response, status, headers, attempts, sensitive } = self;
        let body = response.bytes().await.map_err(|err| Error::transport(err, &sensitive, attempts))?;
        Ok(RawResponse::new(status, headers, body).with_attempts(attempts))
    }
}

/// A header value for a secret, which `Debug` of the request never prints.
fn sensitive_header(value: &str) -> Result<HeaderValue, String> {
    let mut value = HeaderValue::from_str(value)
        .map_err(|_| "the access token contains bytes an HTTP header cannot carry".to_owned())?;
    value.set_sensitive(true);
    Ok(value)
}

/// What went wrong with an attempt, without the URL (which holds identifiers and perhaps an API key).
fn describe(err: &reqwest::Error) -> String {
    let kind = if err.is_timeout() {
        "timed out"
    } else if err.is_connect() {
        "could not connect"
    } else if err.is_redirect() {
        "redirect failed"
    } else {
        "transport error"
    };
    match std::error::Error::source(err) {
        Some(source) => format!("{kind}: {source}"),
        None => kind.to_owned(),
    }
}

/// Appends `path` (already percent-encoded) to the path of `base` and then
/// `query` as form-urlencoded pairs.
///
/// Fails if `base` is not an absolute URL that can have a path, if it
/// embeds credentials (which would be ignored, yet show up in errors), or if
/// URL normalization would rewrite the path, which happens only for `.` and
/// `..` segments (`%2E` counts as a dot) that would otherwise send the
/// request to a different resource.
fn build_url(base: &str, path: &str, query: &[(String, Option<String>)]) -> Result<Url, String> {
    let mut url = Url::parse(base).map_err(|err| format!("invalid base URL: {err}"))?;
    if url.cannot_be_a_base() {
        return Err("invalid base URL: it cannot have a path appended".to_owned());
    }
    if has_userinfo(&url) {
        return Err("invalid base URL: it must not contain a user name or password; use \
                    `set_basic_auth` or `set_credential` instead"
            .to_owned());
    }
    let separator = if path.starts_with('/') || path.is_empty() { "" } else { "/" };
    let full_path = format!("{}{separator}{path}", url.path().trim_end_matches('/'));
    url.set_path(&full_path);
    if url.path() != full_path && !full_path.is_empty() {
        return Err(format!(
            "the path {full_path:?} contains a `.` or `..` segment that URL normalization would \
             resolve; refusing to send it to a different resource"
        ));
    }
    url.set_fragment(None);
    append_query(&mut url, query);
    Ok(url)
}

/// Appends `pairs` to the query of `url`, form-urlencoded; a `None` value is a bare key (`?comp`). Nothing is
/// appended (not even `?`) when there are none.
fn append_query<'q>(url: &mut Url, pairs: impl IntoIterator<Item = &'q (String, Option<String>)>) {
    let mut pairs = pairs.into_iter().peekable();
    if pairs.peek().is_none() {
        return;
    }
    let mut serializer = url.query_pairs_mut();
    for (name, value) in pairs {
        match value {
            Some(value) => serializer.append_pair(name, value),
            None => serializer.append_key_only(name),
        };
    }
}

/// A URL the server handed out (a next-page link, a polling URL) with the pairs of `query` whose names it does
/// not carry appended. It must be on the base URL's origin (scheme, host and port): credentials go with every
/// request, and a link to another host must not receive them.
fn absolute_url(base: &str, mut url: Url, query: &[(String, Option<String>)]) -> Result<Url, String> {
    let base = Url::parse(base).map_err(|err| format!("invalid base URL: {err}"))?;
    if url.origin() != base.origin() || has_userinfo(&url) {
        return Err(format!(
            "the server's link to {}://{}{} is not on the origin of the base URL; refusing to send credentials there",
            url.scheme(),
            url.host_str().unwrap_or_default(),
            url.port().map(|port| format!(":{port}")).unwrap_or_default()
        ));
    }
    url.set_fragment(None);
    let carried: Vec<String> = url.query_pairs().map(|(name, _)| name.into_owned()).collect();
    append_query(&mut url, query.iter().filter(|(name, _)| !carried.contains(name)));
    Ok(url)
}

/// The URL `request` goes to before credentials are added, for resolving a relative link the server sent
/// in its answer.
pub(super) fn request_url(base: &str, request: &Request) -> Result<Url, String> {
    match &request.url {
        Some(url) => absolute_url(base, url.clone(), &request.query),
        None => build_url(base, &request.path, &request.query),
    }
}

fn has_userinfo(url: &Url) -> bool {
    !url.username().is_empty() || url.password().is_some()
}

/// `base` with any embedded password replaced, for `Debug`. Such a URL is
/// rejected when sending, but may still be printed before that.
fn redact_base_url(base: &str) -> Cow<'_, str> {
    match Url::parse(base) {
        Ok(mut url) if url.password().is_some() => {
            // Cannot fail: the URL already has a password, so it has a host.
            let _ = url.set_password(Some(REDACTED));
            Cow::Owned(url.into())
        }
        _ => Cow::Borrowed(base),
    }
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.default_headers.keys().map(|k| k.as_str()).collect();
        f.debug_struct("ClientCore")
            .field("base_url", &redact_base_url(&self.base_url))
            .field("default_headers", &header_names)
            .field("credentials", &self.credentials)
            .field("user_agent", &self.user_agent)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("hooks", &self.hooks)
            .field("token_provider", &self.tokens.as_ref().map(|tokens| tokens.scope))
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(base: &str, path: &str) -> Result<String, String> {
        build_url(base, path, &[]).map(String::from)
    }

    #[test]
    fn joins_base_and_path_regardless_of_slashes() {
        let expected = Ok("https://example.atlassian.net/rest/api/2/issue/X".to_owned());
        assert_eq!(url("https://example.atlassian.net/rest", "/api/2/issue/X"), expected);
        assert_eq!(url("https://example.atlassian.net/rest/", "/api/2/issue/X"), expected);
        assert_eq!(url("https://example.atlassian.net/rest/", "api/2/issue/X"), expected);
        assert_eq!(url("http://h/", "/a"), Ok("http://h/a".to_owned()));
        assert_eq!(url("http://h", "/a"), Ok("http://h/a".to_owned()));
        assert_eq!(url("http://h:8080", "/a/"), Ok("http://h:8080/a/".to_owned()));
        assert_eq!(url("http://h/base/", ""), Ok("http://h/base".to_owned()));
        assert_eq!(url("http://h", ""), Ok("http://h/".to_owned()));
    }

    #[test]
    fn keeps_encoded_path_and_appends_form_encoded_query() {
        let query = [
            ("jql".to_owned(), Some("a b+c&d=Ω".to_owned())),
            ("id".to_owned(), Some("1,2".to_owned())),
            ("bare key".to_owned(), None),
        ];
        let built = build_url("http://h/rest?fixed=1#frag", "/x%2Fy%3F", &query).unwrap();
        assert_eq!(built.as_str(), "http://h/rest/x%2Fy%3F?fixed=1&jql=a+b%2Bc%26d%3D%CE%A9&id=1%2C2&bare+key");
    }

    #[test]
    fn rejects_unusable_base_urls() {
        for base in ["", "example.com/api", "mailto:a@b", "http://", "http://h:99999"] {
            let err = url(base, "/a").unwrap_err();
            assert!(err.starts_with("invalid base URL"), "{base}: {err}");
        }
    }

    #[test]
    fn rejects_paths_that_would_be_normalized() {
        for path in ["/a/%2E%2E", "/a/%2E/b", "/a/../b", "/a/.%2e/b", "/%2E%2E"] {
            let err = url("http://h/base", path).unwrap_err();
            assert!(err.contains("segment"), "{path}: {err}");
        }
        assert!(url("http://h", "/a/.../b").is_ok());
        assert!(url("http://h", "/a/%252E%252E/b").is_ok());
    }

    #[test]
    fn rejects_credentials_in_base_url() {
        for base in ["http://user:pw@h/api", "http://user@h/api", "http://:pw@h/api"] {
            let err = url(base, "/a").unwrap_err();
            assert!(err.contains("user name or password"), "{base}: {err}");
            assert!(!err.contains("pw"), "{base}: {err}");
        }
    }

    #[test]
    fn debug_redacts_password_in_base_url() {
        let debug = format!("{:?}", ClientCore::new("https://me:pw-secret@h/api"));
        assert!(!debug.contains("pw-secret"), "{debug}");
        assert!(debug.contains("https://me:REDACTED@h/api"), "{debug}");
        assert!(format!("{:?}", ClientCore::new("not a url")).contains("not a url"));
    }

    #[test]
    fn debug_shows_header_names_but_no_secrets() {
        let mut client = ClientCore::new("https://h/api");
        client.set_default_header("X-Tenant", "tenant-secret").unwrap();
        client.set_basic_auth("me@example.com", Some("password-secret")).unwrap();
        client.set_credential("oauth", Credential::bearer("token-secret"));
        client.set_credential("key", Credential::api_key("key-secret"));
        let debug = format!("{client:?}");
        assert!(!debug.contains("secret"), "{debug}");
        assert!(!debug.contains(&basic_auth_value("me@example.com", Some("password-secret"))));
        assert!(debug.contains("https://h/api"), "{debug}");
        assert!(debug.contains("x-tenant"), "{debug}");
        assert!(debug.contains("authorization"), "{debug}");
        assert!(debug.contains("oauth"), "{debug}");
    }

    #[test]
    fn default_headers_are_validated_and_sensitive() {
        let mut client = ClientCore::with_http_client("http://h", reqwest::Client::new());
        assert_eq!(client.base_url(), "http://h");
        let err = client.set_default_header("X-A", "a\r\nb").unwrap_err();
        assert_eq!(err.header_name(), "X-A");
        assert!(client.set_default_header("bad name", "v").is_err());
        assert!(client.set_bearer_token("t\n").is_err());
        client.set_bearer_token("tok").unwrap();
        let value = &client.default_headers[AUTHORIZATION];
        assert_eq!(value, "Bearer tok");
        assert!(value.is_sensitive());
        client.set_basic_auth("u", None).unwrap();
        assert_eq!(client.default_headers[AUTHORIZATION], "Basic dTo=");
    }
}

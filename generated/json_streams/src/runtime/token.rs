//! Access tokens that change while the client runs: the [`TokenProvider`] trait the client asks before each
//! request that needs one, and [`OAuth2ClientCredentials`], a provider for the OAuth2 client-credentials
//! flow (RFC 6749 §4.4).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::encoding::{form_component, form_urlencode};
use super::error::BoxError;
use super::security::basic_auth_value;

/// What [`TokenProvider::token`] returns: a boxed future, so the trait needs no `async-trait` and stays
/// object-safe.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + 'a>>;

/// Supplies bearer tokens to a client (see [`ClientCore::set_token_provider`](super::ClientCore::set_token_provider)).
///
/// The client asks before every request that needs a bearer credential, so a provider should cache and
/// answer quickly while its token is fresh. If the server answers `401` to a request carrying the token, the
/// client asks once more with `refresh: true` and, if the body can be sent again, repeats the request once
/// with the new token: a token revoked or expired early costs one round trip instead of a failed call. A
/// provider error fails the call with [`Error::TokenProvider`](super::Error::TokenProvider) before anything
/// is sent.
///
/// ```ignore
/// struct FromVault(Vault);
/// impl TokenProvider for FromVault {
///     fn token(&self, refresh: bool) -> TokenFuture<'_> {
///         Box::pin(async move { self.0.read_token(refresh).await.map_err(Into::into) })
///     }
/// }
/// ```
pub trait TokenProvider: Send + Sync + 'static {
    /// The access token to send. `refresh` is true after the server rejected the last one: a cached token
    /// must not be returned again.
    fn token(&self, refresh: bool) -> TokenFuture<'_>;
}

/// Refresh a cached token this long before the server says it expires, so it is not rejected in flight.
const EXPIRY_MARGIN: Duration = Duration::from_secs(30);

/// Tokens from an OAuth2 token endpoint with the client-credentials grant, cached until shortly before the
/// `expires_in` the server sends (or, without one, until a request is rejected with 401).
///
/// The client id and secret are sent with HTTP Basic authentication, as RFC 6749 §2.3.1 asks servers to
/// support; use [`credentials_in_body`](Self::credentials_in_body) for servers that want them as form fields
/// instead. Concurrent calls share one token request. `Debug` never shows the secret or the token.
pub struct OAuth2ClientCredentials {
    token_url: String,
    client_id: String,
    client_secret: String,
    scopes: Vec<String>,
    in_body: bool,
    http: reqwest::Client,
    cached: Mutex<Option<Cached>>,
}

struct Cached {
    token: String,
    /// `None`: the server gave no lifetime; keep it until it is rejected.
    refresh_at: Option<Instant>,
}

impl OAuth2ClientCredentials {
    /// A provider asking `token_url` (the flow's `tokenUrl`) for tokens with `scopes`.
    pub fn new(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        scopes: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        Self {
            token_url: token_url.into(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            scopes: scopes.into_iter().map(Into::into).collect(),
            in_body: false,
            http: reqwest::Client::new(),
            cached: Mutex::new(None),
        }
    }

    /// Sends `client_id` and `client_secret` as form fields instead of HTTP Basic authentication.
    pub fn credentials_in_body(mut self) -> Self {
        self.in_body = true;
        self
    }

    /// The HTTP client token requests are sent with (for timeouts, proxies, TLS settings).
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.http = http;
        self
    }

    async fn fetch(&self) -> Result<Cached, BoxError> {
        let mut fields = vec![("grant_type".to_owned(), "client_credentials".to_owned())];
        if !self.scopes.is_empty() {
            fields.push(("scope".to_owned(), self.scopes.join(" ")));
        }
        let mut request = self.http.post(&self.token_url).header(ACCEPT, "application/json");
        if self.in_body {
            fields.push(("client_id".to_owned(), self.client_id.clone()));
            fields.push(("client_secret".to_owned(), self.client_secret.clone()));
        } else {
            // RFC 6749 §2.3.1: the id and secret are form-urlencoded before Basic encoding.
            let basic = basic_auth_value(&form_component(&self.client_id), Some(&form_component(&self.client_secret)));
            let mut value = HeaderValue::from_str(&basic).map_err(|_| "the client id cannot be sent in a header")?;
            value.set_sensitive(true);
            request = request.header(AUTHORIZATION, value);
        }
        let response = request
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form_urlencode(&fields))
            .send()
            .await
            .map_err(|err| format!("token request failed: {}", err.without_url()))?;
        let status = response.status();
        let body = response.bytes().await.map_err(|err| format!("token response failed: {}", err.without_url()))?;
        let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|err| {
            if status.is_success() {
                format!("the token endpoint sent a body that is not a token response: {err}")
            } else {
                format!("the token endpoint answered {status}")
            }
        })?;
        match (status.is_success(), parsed.access_token) {
            (true, Some(token)) if !token.is_empty() => {
                let lifetime = parsed.expires_in.and_then(|n| n.seconds());
                let refresh_at = lifetime.map(|secs| Instant::now() + refresh_after(Duration::from_secs(secs)));
                Ok(Cached { token, refresh_at })
            }
            _ => {
                let code = parsed.error.unwrap_or_else(|| "no access_token".to_owned());
                let description = parsed.error_description.map(|d| format!(": {d}")).unwrap_or_default();
                Err(format!("the token endpoint answered {status} ({code}{description})").into())
            }
        }
    }
}

/// How long a token that lives `lifetime` is used: until [`EXPIRY_MARGIN`] before it expires, or half its
/// life for tokens shorter than twice the margin.
fn refresh_after(lifetime: Duration) -> Duration {
    if lifetime > EXPIRY_MARGIN * 2 { lifetime - EXPIRY_MARGIN } else { lifetime / 2 }
}

impl TokenProvider for OAuth2ClientCredentials {
    fn token(&self, refresh: bool) -> TokenFuture<'_> {
        Box::pin(async move {
            // Held across the fetch so concurrent callers wait for one token request.
            let mut cached = self.cached.lock().await;
            let still_fresh = |current: &&Cached| current.refresh_at.is_none_or(|at| Instant::now() < at);
            if let Some(current) = cached.as_ref().filter(|_| !refresh).filter(still_fresh) {
                return Ok(current.token.clone());
            }
            let fresh = self.fetch().await?;
            let token = fresh.token.clone();
            *cached = Some(fresh);
            Ok(token)
        })
    }
}

impl fmt::Debug for OAuth2ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth2ClientCredentials")
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

/// The fields of a token response (RFC 6749 §5.1) or error response (§5.2) the provider reads.
#[derive(serde::Deserialize)]
struct TokenResponse {
    access_token: Option<String>,
    expires_in: Option<Lifetime>,
    error: Option<String>,
    error_description: Option<String>,
}

/// `expires_in` is a number, but some servers send it as a string.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Lifetime {
    Number(f64),
    Text(String),
}

impl Lifetime {
    fn seconds(&self) -> Option<u64> {
        let value = match self {
            Self::Number(n) => *n,
            Self::Text(text) => text.trim().parse().ok()?,
        };
        // Negative, NaN or absurd lifetimes are ignored rather than trusted.
        (0.0..1e12).contains(&value).then_some(value as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_refreshed_before_they_expire() {
        assert_eq!(refresh_after(Duration::from_secs(3600)), Duration::from_secs(3570));
        assert_eq!(refresh_after(Duration::from_secs(60)), Duration::from_secs(30));
        assert_eq!(refresh_after(Duration::from_secs(10)), Duration::from_secs(5));
        assert_eq!(refresh_after(Duration::ZERO), Duration::ZERO);
    }

    #[test]
    fn lifetimes_are_read_leniently_but_never_trusted_blindly() {
        let seconds = |json: &str| serde_json::from_str::<Lifetime>(json).ok().and_then(|l| l.seconds());
        assert_eq!(seconds("3600"), Some(3600));
        assert_eq!(seconds("\"3600\""), Some(3600));
        assert_eq!(seconds("59.9"), Some(59));
        assert_eq!(seconds("-1"), None);
        assert_eq!(seconds("1e300"), None);
        assert_eq!(seconds("\"soon\""), None);
    }

    #[test]
    fn debug_hides_the_secret() {
        let provider = OAuth2ClientCredentials::new("https://auth/token", "id", "s3cr3t", ["read"]);
        let debug = format!("{provider:?}");
        assert!(!debug.contains("s3cr3t"), "{debug}");
        assert!(debug.contains("\"id\"") && debug.contains("read"), "{debug}");
    }
}

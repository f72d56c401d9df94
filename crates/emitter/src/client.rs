//! The `Client` type: configuration, credentials, and one method per operation.

use proc_macro2::TokenStream;
use quote::quote;
use swagger2rs_parser::ir::{SecurityKind, SecurityScheme};

use crate::chunks::{items, members};
use crate::context::Emitter;
use crate::docs::{doc_attrs, plain_doc_attrs};
use crate::output_space::{OutputSpace, SourceFile};
use crate::rust_type::ident;

impl<'a> Emitter<'a> {
    /// ```text
    /// pub struct Client { pub(crate) core: ClientCore }
    /// impl Client {
    ///     pub fn new(base_url) -> Self; pub fn with_http_client(base_url, http) -> Self;
    ///     pub fn with_basic_auth(self, user, password) -> Result<Self, InvalidHeader>; …
    /// }
    /// ```
    /// (The operation methods are added by `operations`, the security constants by `security`.)
    pub fn emit_client(&'a self, out: &mut OutputSpace<'a>) {
        out.add(SourceFile::Client, items(move || self.client_struct()));
        out.add(SourceFile::Client, members("Client", move || self.base_methods()));
    }

    /// The documented `Client` struct.
    fn client_struct(&self) -> TokenStream {
        let api = self.api;
        let title = if api.title.trim().is_empty() {
            "the API".to_owned()
        } else {
            format!("`{}`", api.title.replace('`', "'"))
        };
        let mut docs = plain_doc_attrs(&format!("Client for {title}."));
        let base_url_doc = match &api.default_base_url {
            Some(url) => format!(
                "\nThe base URL is everything before an operation's path; the spec's is [`Client::DEFAULT_BASE_URL`] \
                 (`{}`).",
                url.replace('`', "'")
            ),
            None => format!(
                "\nThe spec names no host: pass the base URL, which is everything before an operation's path \
                 (the spec's `basePath` is `{}`).",
                api.base_path.replace('`', "'")
            ),
        };
        docs.extend(plain_doc_attrs(&base_url_doc));
        if let Some(template) = &self.options.base_url_template {
            let text = format!("\nThe base URL has this form: `{}`.", template.replace('`', "'"));
            docs.extend(plain_doc_attrs(&text));
        }
        quote! {
            #docs
            #[derive(Clone, Debug)]
            pub struct Client {
                pub(crate) core: crate::runtime::ClientCore,
            }
        }
    }

    /// Construction, configuration and credentials: the `Client` methods every crate has, plus one credential
    /// setter per security scheme.
    fn base_methods(&self) -> TokenStream {
        let default_url = self.api.default_base_url.as_ref().map(|url| {
            quote! {
                /// The base URL from the spec's `host`, `basePath` and first scheme.
                pub const DEFAULT_BASE_URL: &'static str = #url;
            }
        });
        let credential_setters = self.api.security_schemes.iter().map(credential_setter);
        let client_credentials = self.api.security_schemes.iter().filter_map(client_credentials_setter);
        let token_provider = self.token_provider_setter();
        quote! {
                #default_url

                /// A client for the API at `base_url` (with or without a trailing slash; a path prefix such as
                /// `https://example.com/api` is kept).
                pub fn new(base_url: impl Into<String>) -> Self {
                    Self { core: crate::runtime::ClientCore::new(base_url) }
                }

                /// Like [`Client::new`], sending through `http`, which carries timeouts, proxies and TLS settings.
                pub fn with_http_client(
                    base_url: impl Into<String>,
                    http: reqwest::Client,
                ) -> Self {
                    Self { core: crate::runtime::ClientCore::with_http_client(base_url, http) }
                }

                /// The base URL operation paths are appended to.
                pub fn base_url(&self) -> &str {
                    self.core.base_url()
                }

                /// The HTTP client requests are sent with.
                pub fn http_client(&self) -> &reqwest::Client {
                    self.core.http_client()
                }

                /// Sends `name: value` with every request. The value is treated as a secret and never printed.
                ///
                /// # Errors
                ///
                /// When `name` or `value` cannot be sent in a header (for example, `value` contains CR or LF).
                pub fn with_default_header(mut self, name: &str, value: &str) -> Result<Self, crate::runtime::InvalidHeader> {
                    self.core.set_default_header(name, value)?;
                    Ok(self)
                }

                /// Sends HTTP Basic credentials with every request, whatever the spec declares (for example an
                /// account e-mail and API token).
                ///
                /// # Errors
                ///
                /// When the credentials cannot be sent in a header.
                pub fn with_basic_auth(mut self, username: &str, password: Option<&str>) -> Result<Self, crate::runtime::InvalidHeader> {
                    self.core.set_basic_auth(username, password)?;
                    Ok(self)
                }

                /// Sends `Authorization: Bearer <token>` with every request, whatever the spec declares.
                ///
                /// # Errors
                ///
                /// When the token cannot be sent in a header (for example, it contains CR or LF).
                pub fn with_bearer_token(mut self, token: &str) -> Result<Self, crate::runtime::InvalidHeader> {
                    self.core.set_bearer_token(token)?;
                    Ok(self)
                }

                /// Retries failed calls as `policy` says: connect errors, timeouts, 408, 429, 502, 503 and 504,
                /// honouring `Retry-After`, with exponential backoff and jitter, for idempotent methods only
                /// unless the policy opts in; a streamed body is never sent twice. Off by default:
                /// `with_retry(RetryPolicy::default())` turns on the recommended policy. A request builder's
                /// `retry` overrides it for one call.
                pub fn with_retry(mut self, policy: crate::runtime::RetryPolicy) -> Self {
                    self.core.set_retry(policy);
                    self
                }

                /// Limits every attempt of every call to `timeout`, from connecting until the whole body has
                /// arrived; expiry is [`Error::Timeout`](crate::Error::Timeout). No limit by default. A request
                /// builder's `timeout` overrides it for one call; the connect timeout is a setting of the
                /// `reqwest::Client` (see [`Client::with_http_client`]).
                pub fn with_timeout(mut self, timeout: std::time::Duration) -> Self {
                    self.core.set_timeout(Some(timeout));
                    self
                }

                /// Sends `user_agent` as the `User-Agent` of every request instead of this crate's name and
                /// version.
                ///
                /// # Errors
                ///
                /// When `user_agent` cannot be sent in a header.
                pub fn with_user_agent(mut self, user_agent: &str) -> Result<Self, crate::runtime::InvalidHeader> {
                    self.core.set_user_agent(user_agent)?;
                    Ok(self)
                }

                /// Adds a hook that sees, and may change, every request before it is sent and every response
                /// as it arrives (logging, metrics, extra headers); hooks run in the order they were added.
                pub fn with_hook(mut self, hook: impl crate::runtime::Hook) -> Self {
                    self.core.add_hook(hook);
                    self
                }

                #token_provider

                #(#credential_setters)*

                #(#client_credentials)*
        }
    }
}

impl Emitter<'_> {
    /// `with_token_provider`: tokens that change, for the spec's OAuth2 operations, or for every request when
    /// the spec declares no OAuth2 scheme.
    fn token_provider_setter(&self) -> TokenStream {
        let oauth2 = self.api.security_schemes.iter().any(|s| matches!(s.kind, SecurityKind::OAuth2 { .. }));
        let (doc, call) = if oauth2 {
            (
                " Asks `provider` for the bearer token of every operation that accepts an OAuth2 scheme, before\n \
                 each request; a token the server rejects with 401 is refreshed and the request sent once more.",
                quote!(set_token_provider),
            )
        } else {
            (
                " Asks `provider` for a bearer token before every request (the spec declares no OAuth2 scheme);\n \
                 a token the server rejects with 401 is refreshed and the request sent once more.",
                quote!(set_token_provider_for_every_request),
            )
        };
        quote! {
            #[doc = #doc]
            pub fn with_token_provider(mut self, provider: impl crate::runtime::TokenProvider) -> Self {
                self.core.#call(provider);
                self
            }
        }
    }
}

/// `with_<scheme>_client_credentials`: the OAuth2 client-credentials flow the spec declares, with its token URL
/// and every scope it lists; tokens are fetched when first needed and refreshed before they expire.
fn client_credentials_setter(scheme: &SecurityScheme) -> Option<TokenStream> {
    let method = ident(scheme.client_credentials_name.as_ref()?);
    let SecurityKind::OAuth2 { token_url: Some(token_url), scopes, .. } = &scheme.kind else { return None };
    let scopes = scopes.iter().map(|(scope, _)| scope);
    let doc = format!(
        "Gets tokens for the `{}` security scheme with the OAuth2 client-credentials flow from `{}`, asking for \
         every scope it declares; they are fetched when first needed and refreshed before they expire.",
        scheme.key.replace('`', "'"),
        token_url.replace('`', "'")
    );
    let docs = plain_doc_attrs(&doc);
    Some(quote! {
        #docs
        pub fn #method(mut self, client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
            let scopes: &[&str] = &[#(#scopes),*];
            self.core.set_token_provider(crate::runtime::OAuth2ClientCredentials::new(
                #token_url,
                client_id,
                client_secret,
                scopes.iter().copied(),
            ));
            self
        }
    })
}

/// `with_<scheme>`: registers the credential for one `securityDefinitions` entry; it is sent only with the
/// operations whose `security` accepts that scheme.
fn credential_setter(scheme: &SecurityScheme) -> TokenStream {
    let method = ident(&scheme.name);
    let key = &scheme.key;
    let mut docs = doc_attrs([scheme.description.as_deref()]);
    let (summary, args, credential) = match &scheme.kind {
        SecurityKind::Basic => (
            format!("HTTP Basic credentials for the `{key}` security scheme."),
            quote!(username: impl Into<String>, password: Option<&str>),
            quote!(crate::runtime::Credential::basic(username, password)),
        ),
        SecurityKind::ApiKeyHeader { header } => (
            format!("The API key for the `{key}` security scheme, sent in the `{header}` header."),
            quote!(key: impl Into<String>),
            quote!(crate::runtime::Credential::api_key(key)),
        ),
        SecurityKind::ApiKeyQuery { param } => (
            format!("The API key for the `{key}` security scheme, sent as the `{param}` query parameter."),
            quote!(key: impl Into<String>),
            quote!(crate::runtime::Credential::api_key(key)),
        ),
        SecurityKind::OAuth2 { .. } => (
            format!("An OAuth2 access token for the `{key}` security scheme, sent as a bearer token."),
            quote!(token: impl Into<String>),
            quote!(crate::runtime::Credential::bearer(token)),
        ),
    };
    let summary = if docs.is_empty() { summary } else { format!("\n{summary}") };
    docs.extend(plain_doc_attrs(&summary));
    quote! {
        #docs
        pub fn #method(mut self, #args) -> Self {
            self.core.set_credential(#key, #credential);
            self
        }
    }
}

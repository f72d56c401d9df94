//! Security schemes declared by a spec, the credentials a caller holds for
//! them, and choosing which credentials to send with an operation.

use std::collections::BTreeMap;
use std::fmt;

use super::base64::encode as base64;

/// One entry of a spec's `securityDefinitions`, as an operation requires it.
///
/// `name` is the key under `securityDefinitions`; credentials are registered
/// under the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecurityScheme {
    /// `type: basic`: HTTP Basic authentication.
    Basic {
        /// The `securityDefinitions` key.
        name: &'static str,
    },
    /// `type: apiKey, in: header`: the key is sent in a header.
    ApiKeyHeader {
        /// The `securityDefinitions` key.
        name: &'static str,
        /// The header carrying the key.
        header: &'static str,
    },
    /// `type: apiKey, in: query`: the key is sent as a query parameter.
    ApiKeyQuery {
        /// The `securityDefinitions` key.
        name: &'static str,
        /// The query parameter carrying the key.
        param: &'static str,
    },
    /// `type: oauth2`: an access token obtained elsewhere, sent as a bearer
    /// token.
    OAuth2 {
        /// The `securityDefinitions` key.
        name: &'static str,
    },
}

impl SecurityScheme {
    /// The `securityDefinitions` key credentials are looked up by.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Basic { name }
            | Self::ApiKeyHeader { name, .. }
            | Self::ApiKeyQuery { name, .. }
            | Self::OAuth2 { name } => name,
        }
    }
}

/// A secret the caller holds for one security scheme.
///
/// `Debug` never prints the secret parts, so clients can be logged safely.
#[derive(Clone)]
pub enum Credential {
    /// Username and optional password for [`SecurityScheme::Basic`].
    Basic {
        /// The user name; shown by `Debug`.
        username: String,
        /// The password; never shown.
        password: Option<String>,
    },
    /// A key for [`SecurityScheme::ApiKeyHeader`] or
    /// [`SecurityScheme::ApiKeyQuery`].
    ApiKey(String),
    /// An access token for [`SecurityScheme::OAuth2`].
    Bearer(String),
}

impl Credential {
    /// Credentials for HTTP Basic authentication; a missing password is sent
    /// as an empty one.
    pub fn basic(username: impl Into<String>, password: Option<&str>) -> Self {
        Self::Basic { username: username.into(), password: password.map(str::to_owned) }
    }

    /// A key for API-key schemes, whether sent in a header or the query.
    pub fn api_key(key: impl Into<String>) -> Self {
        Self::ApiKey(key.into())
    }

    /// An OAuth2 access token, sent as `Authorization: Bearer <token>`.
    pub fn bearer(token: impl Into<String>) -> Self {
        Self::Bearer(token.into())
    }
}

/// Prints in place of a secret.
struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Basic { username, password } => f
                .debug_struct("Credential::Basic")
                .field("username", username)
                .field("password", &password.as_ref().map(|_| Redacted))
                .finish(),
            Self::ApiKey(_) => f.debug_tuple("Credential::ApiKey").field(&Redacted).finish(),
            Self::Bearer(_) => f.debug_tuple("Credential::Bearer").field(&Redacted).finish(),
        }
    }
}

/// The credentials a client holds, keyed by `securityDefinitions` name.
///
/// `Debug` shows which schemes have credentials, never the secrets.
#[derive(Clone, Debug, Default)]
pub struct Credentials(BTreeMap<String, Credential>);

impl Credentials {
    /// Registers (or replaces) the credential for the scheme named `scheme`.
    pub fn set(&mut self, scheme: impl Into<String>, credential: Credential) {
        self.0.insert(scheme.into(), credential);
    }

    /// What to add to a request for an operation whose security requirement
    /// is `alternatives` (any one alternative suffices; within an alternative
    /// every scheme is needed).
    ///
    /// The first non-empty alternative for which every scheme has a
    /// credential of a fitting kind wins. If none does, nothing is added and
    /// the server decides (typically `401`); an empty alternative (optional
    /// auth) likewise adds nothing.
    pub(super) fn auth_parts(&self, alternatives: &[&[SecurityScheme]]) -> Vec<AuthPart> {
        alternatives
            .iter()
            .filter(|schemes| !schemes.is_empty())
            .find_map(|schemes| {
                schemes
                    .iter()
                    .map(|scheme| self.0.get(scheme.name()).and_then(|c| auth_part(*scheme, c)))
                    .collect::<Option<Vec<_>>>()
            })
            .unwrap_or_default()
    }
}

/// One piece of authentication to add to a request.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum AuthPart {
    /// A header; its value is a secret.
    Header { name: &'static str, value: String },
    /// A query pair; its value is a secret.
    Query { param: &'static str, value: String },
}

/// How `credential` authenticates under `scheme`, or `None` if it is the
/// wrong kind of credential for that scheme.
fn auth_part(scheme: SecurityScheme, credential: &Credential) -> Option<AuthPart> {
    let part = match (scheme, credential) {
        (SecurityScheme::Basic { .. }, Credential::Basic { username, password }) => {
            AuthPart::Header { name: "authorization", value: basic_auth_value(username, password.as_deref()) }
        }
        (SecurityScheme::ApiKeyHeader { header, .. }, Credential::ApiKey(key)) => {
            AuthPart::Header { name: header, value: key.clone() }
        }
        (SecurityScheme::ApiKeyQuery { param, .. }, Credential::ApiKey(key)) => {
            AuthPart::Query { param, value: key.clone() }
        }
        (SecurityScheme::OAuth2 { .. }, Credential::Bearer(token)) => {
            AuthPart::Header { name: "authorization", value: bearer_auth_value(token) }
        }
        _ => return None,
    };
    Some(part)
}

/// The `Authorization` value for HTTP Basic (RFC 7617): `user:password`
/// in base64, with an empty password when there is none.
pub(super) fn basic_auth_value(username: &str, password: Option<&str>) -> String {
    let user_pass = format!("{username}:{}", password.unwrap_or_default());
    format!("Basic {}", base64(user_pass.as_bytes()))
}

/// The `Authorization` value for a bearer token (RFC 6750).
pub(super) fn bearer_auth_value(token: &str) -> String {
    format!("Bearer {token}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASIC: SecurityScheme = SecurityScheme::Basic { name: "basic" };
    const HEADER_KEY: SecurityScheme = SecurityScheme::ApiKeyHeader { name: "header_key", header: "X-Api-Key" };
    const QUERY_KEY: SecurityScheme = SecurityScheme::ApiKeyQuery { name: "query_key", param: "api_key" };
    const OAUTH: SecurityScheme = SecurityScheme::OAuth2 { name: "oauth" };

    fn header(name: &'static str, value: &str) -> AuthPart {
        AuthPart::Header { name, value: value.to_owned() }
    }

    #[test]
    fn basic_and_bearer_values() {
        assert_eq!(basic_auth_value("Aladdin", Some("open sesame")), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert_eq!(basic_auth_value("user", None), "Basic dXNlcjo=");
        assert_eq!(bearer_auth_value("t0k"), "Bearer t0k");
    }

    #[test]
    fn scheme_names() {
        assert_eq!(BASIC.name(), "basic");
        assert_eq!(HEADER_KEY.name(), "header_key");
        assert_eq!(QUERY_KEY.name(), "query_key");
        assert_eq!(OAUTH.name(), "oauth");
    }

    #[test]
    fn each_scheme_applies_its_kind_of_credential() {
        let mut creds = Credentials::default();
        creds.set("basic", Credential::basic("u", Some("p")));
        creds.set("header_key", Credential::api_key("k1"));
        creds.set("query_key", Credential::api_key("k2"));
        creds.set("oauth", Credential::bearer("t"));
        assert_eq!(creds.auth_parts(&[&[BASIC]]), [header("authorization", "Basic dTpw")]);
        assert_eq!(creds.auth_parts(&[&[HEADER_KEY]]), [header("X-Api-Key", "k1")]);
        assert_eq!(creds.auth_parts(&[&[QUERY_KEY]]), [AuthPart::Query { param: "api_key", value: "k2".into() }]);
        assert_eq!(creds.auth_parts(&[&[OAUTH]]), [header("authorization", "Bearer t")]);
        assert_eq!(
            creds.auth_parts(&[&[HEADER_KEY, OAUTH]]),
            [header("X-Api-Key", "k1"), header("authorization", "Bearer t")]
        );
    }

    #[test]
    fn first_fully_satisfied_alternative_wins() {
        let mut creds = Credentials::default();
        creds.set("basic", Credential::basic("u", Some("p")));
        creds.set("header_key", Credential::api_key("k"));
        let both = creds.auth_parts(&[&[OAUTH], &[HEADER_KEY], &[BASIC]]);
        assert_eq!(both, [header("X-Api-Key", "k")]);
        let and_missing_one = creds.auth_parts(&[&[HEADER_KEY, OAUTH], &[BASIC]]);
        assert_eq!(and_missing_one, [header("authorization", "Basic dTpw")]);
        let optional_first = creds.auth_parts(&[&[], &[BASIC]]);
        assert_eq!(optional_first, [header("authorization", "Basic dTpw")]);
    }

    #[test]
    fn nothing_is_sent_without_a_fitting_alternative() {
        let mut creds = Credentials::default();
        creds.set("oauth", Credential::api_key("wrong kind"));
        creds.set("basic", Credential::bearer("wrong kind"));
        assert_eq!(creds.auth_parts(&[&[OAUTH], &[BASIC]]), []);
        assert_eq!(creds.auth_parts(&[]), []);
        assert_eq!(creds.auth_parts(&[&[]]), []);
        assert_eq!(Credentials::default().auth_parts(&[&[QUERY_KEY]]), []);
    }

    #[test]
    fn debug_never_shows_secrets() {
        let mut creds = Credentials::default();
        creds.set("basic", Credential::basic("alice", Some("pw-secret")));
        creds.set("key", Credential::api_key("key-secret"));
        creds.set("oauth", Credential::bearer("token-secret"));
        creds.set("nopass", Credential::basic("bob", None));
        let debug = format!("{creds:?}");
        assert!(!debug.contains("secret"), "{debug}");
        assert!(debug.contains("alice"), "{debug}");
        assert_eq!(
            format!("{:?}", Credential::basic("alice", Some("pw"))),
            r#"Credential::Basic { username: "alice", password: Some("<redacted>") }"#
        );
        assert_eq!(format!("{:?}", Credential::bearer("t")), r#"Credential::Bearer("<redacted>")"#);
        assert_eq!(
            format!("{:?}", Credential::basic("bob", None)),
            r#"Credential::Basic { username: "bob", password: None }"#
        );
    }
}

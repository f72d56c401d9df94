use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::{Extensions, Parameter, PathItem, RefOr, Response, Schema};

/// The root Swagger 2.0 object.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Swagger {
    /// Must be `"2.0"`; checked by the loader before the rest is read.
    #[serde(deserialize_with = "string_or_number")]
    pub swagger: String,
    pub info: Info,
    pub host: Option<String>,
    pub base_path: Option<String>,
    #[serde(default)]
    pub schemes: Vec<String>,
    #[serde(default)]
    pub consumes: Vec<String>,
    #[serde(default)]
    pub produces: Vec<String>,
    #[serde(default)]
    pub paths: IndexMap<String, RefOr<PathItem>>,
    #[serde(default)]
    pub definitions: IndexMap<String, Schema>,
    #[serde(default)]
    pub parameters: IndexMap<String, Parameter>,
    #[serde(default)]
    pub responses: IndexMap<String, Response>,
    #[serde(default)]
    pub security_definitions: IndexMap<String, SecurityScheme>,
    #[serde(default)]
    pub security: Vec<SecurityRequirement>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    pub external_docs: Option<ExternalDocs>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Info {
    #[serde(default)]
    pub title: String,
    pub description: Option<String>,
    pub terms_of_service: Option<String>,
    pub contact: Option<Contact>,
    pub license: Option<License>,
    /// Often written unquoted in YAML (`version: 1.0`), which makes it a number.
    #[serde(default, deserialize_with = "string_or_number")]
    pub version: String,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct Contact {
    pub name: Option<String>,
    pub url: Option<String>,
    pub email: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct License {
    #[serde(default)]
    pub name: String,
    pub url: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tag {
    pub name: String,
    pub description: Option<String>,
    pub external_docs: Option<ExternalDocs>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct ExternalDocs {
    pub description: Option<String>,
    #[serde(default)]
    pub url: String,
}

/// A `securityDefinitions` entry, discriminated by `type`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum SecurityScheme {
    Basic {
        description: Option<String>,
        #[serde(flatten)]
        extensions: Extensions,
    },
    ApiKey {
        name: String,
        #[serde(rename = "in")]
        location: ApiKeyLocation,
        description: Option<String>,
        #[serde(flatten)]
        extensions: Extensions,
    },
    #[serde(rename = "oauth2", rename_all = "camelCase")]
    OAuth2 {
        flow: OAuth2Flow,
        authorization_url: Option<String>,
        token_url: Option<String>,
        #[serde(default)]
        scopes: IndexMap<String, String>,
        description: Option<String>,
        #[serde(flatten)]
        extensions: Extensions,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ApiKeyLocation {
    Header,
    Query,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OAuth2Flow {
    Implicit,
    Password,
    Application,
    AccessCode,
}

/// One alternative of a `security` list: scheme name → required scopes; all entries apply together.
pub type SecurityRequirement = IndexMap<String, Vec<String>>;

/// Accepts a string, or a number written where a version string belongs, as its decimal text.
fn string_or_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!("expected a version string, found {other}"))),
    }
}

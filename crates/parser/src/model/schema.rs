use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::{Extensions, ExternalDocs};

/// A Swagger 2.0 Schema Object (the JSON Schema subset plus `discriminator`, `readOnly`, `xml`, `example`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(rename = "type")]
    pub type_: Option<SchemaType>,
    pub format: Option<String>,
    pub default: Option<serde_json::Value>,
    #[serde(rename = "enum")]
    pub enum_: Option<Vec<serde_json::Value>>,
    pub items: Option<Box<Schema>>,
    #[serde(default)]
    pub all_of: Vec<Schema>,
    #[serde(default)]
    pub properties: IndexMap<String, Schema>,
    pub additional_properties: Option<AdditionalProperties>,
    #[serde(default)]
    pub required: Vec<String>,
    pub discriminator: Option<String>,
    #[serde(default)]
    pub read_only: bool,
    pub maximum: Option<f64>,
    pub exclusive_maximum: Option<bool>,
    pub minimum: Option<f64>,
    pub exclusive_minimum: Option<bool>,
    pub max_length: Option<u64>,
    pub min_length: Option<u64>,
    pub pattern: Option<String>,
    pub max_items: Option<u64>,
    pub min_items: Option<u64>,
    pub unique_items: Option<bool>,
    pub max_properties: Option<u64>,
    pub min_properties: Option<u64>,
    pub multiple_of: Option<f64>,
    pub xml: Option<serde_json::Value>,
    pub external_docs: Option<ExternalDocs>,
    pub example: Option<serde_json::Value>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// `type` is a single name in Swagger 2.0, but specs converted from JSON Schema sometimes give a list
/// (`["string", "null"]`), which is accepted and read as "nullable string".
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum SchemaType {
    One(String),
    Many(Vec<String>),
}

impl SchemaType {
    /// The non-`null` type names.
    pub fn names(&self) -> Vec<&str> {
        match self {
            SchemaType::One(name) => vec![name.as_str()],
            SchemaType::Many(names) => names.iter().map(String::as_str).filter(|n| *n != "null").collect(),
        }
    }

    pub fn includes_null(&self) -> bool {
        matches!(self, SchemaType::Many(names) if names.iter().any(|n| n == "null"))
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum AdditionalProperties {
    Allowed(bool),
    Schema(Box<Schema>),
}

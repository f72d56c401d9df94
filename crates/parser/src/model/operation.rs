use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize};

use super::{Extensions, ExternalDocs, RefOr, Schema, SecurityRequirement};

/// The HTTP methods a path item can hold, in the order the generator visits them.
pub const PATH_ITEM_METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct PathItem {
    pub get: Option<Operation>,
    pub put: Option<Operation>,
    pub post: Option<Operation>,
    pub delete: Option<Operation>,
    pub options: Option<Operation>,
    pub head: Option<Operation>,
    pub patch: Option<Operation>,
    /// Parameters shared by every operation of the path; an operation overrides one by name and location.
    #[serde(default)]
    pub parameters: Vec<RefOr<Parameter>>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl PathItem {
    /// The operations in [`PATH_ITEM_METHODS`] order, with their lower-case method names.
    pub fn operations(&self) -> impl Iterator<Item = (&'static str, &Operation)> {
        let slots = [&self.get, &self.put, &self.post, &self.delete, &self.options, &self.head, &self.patch];
        PATH_ITEM_METHODS.into_iter().zip(slots).filter_map(|(m, op)| op.as_ref().map(|op| (m, op)))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    #[serde(default)]
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub external_docs: Option<ExternalDocs>,
    pub operation_id: Option<String>,
    pub consumes: Option<Vec<String>>,
    pub produces: Option<Vec<String>>,
    #[serde(default)]
    pub parameters: Vec<RefOr<Parameter>>,
    #[serde(default)]
    pub responses: IndexMap<String, RefOr<Response>>,
    pub schemes: Option<Vec<String>>,
    #[serde(default)]
    pub deprecated: bool,
    /// `None` inherits the document's security; `Some(vec![])` explicitly turns it off.
    pub security: Option<Vec<SecurityRequirement>>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// Where a parameter travels. Unknown values are kept (not rejected by serde) so that lowering can report
/// them with their own diagnostic code and still lower the rest of the operation.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ParameterIn {
    Query,
    Header,
    Path,
    FormData,
    Body,
    Other(String),
}

impl<'de> Deserialize<'de> for ParameterIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match String::deserialize(deserializer)?.as_str() {
            "query" => ParameterIn::Query,
            "header" => ParameterIn::Header,
            "path" => ParameterIn::Path,
            "formData" => ParameterIn::FormData,
            "body" => ParameterIn::Body,
            other => ParameterIn::Other(other.to_owned()),
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CollectionFormat {
    Csv,
    Ssv,
    Tsv,
    Pipes,
    Multi,
}

/// The validation keywords shared by non-body parameters, `items` and response headers.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SimpleSchema {
    #[serde(rename = "type")]
    pub type_: Option<String>,
    pub format: Option<String>,
    pub items: Option<Box<Items>>,
    pub collection_format: Option<CollectionFormat>,
    pub default: Option<serde_json::Value>,
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
    #[serde(rename = "enum")]
    pub enum_: Option<Vec<serde_json::Value>>,
    pub multiple_of: Option<f64>,
}

/// The `items` of an array parameter or header (not a full schema: no `$ref`, no objects).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct Items {
    #[serde(flatten)]
    pub schema: SimpleSchema,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "in")]
    pub location: ParameterIn,
    pub description: Option<String>,
    pub required: Option<bool>,
    /// The body's schema; only for `in: body`.
    pub schema: Option<Schema>,
    pub allow_empty_value: Option<bool>,
    #[serde(flatten)]
    pub simple: SimpleSchema,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct Response {
    #[serde(default)]
    pub description: String,
    pub schema: Option<Schema>,
    #[serde(default)]
    pub headers: IndexMap<String, Header>,
    #[serde(default)]
    pub examples: IndexMap<String, serde_json::Value>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct Header {
    pub description: Option<String>,
    #[serde(flatten)]
    pub schema: SimpleSchema,
    #[serde(flatten)]
    pub extensions: Extensions,
}

use serde::{Deserialize, Deserializer, Serialize};

/// Either a `{"$ref": "..."}` object or the item itself.
///
/// Decided by the presence of `$ref` (siblings of `$ref` are ignored, as JSON Reference says), rather than
/// by serde's untagged matching, so that an invalid item reports its own precise error instead of
/// "did not match any variant".
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum RefOr<T> {
    Ref {
        #[serde(rename = "$ref")]
        reference: String,
    },
    /// An object whose `$ref` is not a string, as written: neither a reference nor an item. Lowering follows
    /// `$ref`s in the document itself and repairs this one there, with a located warning.
    Malformed(serde_json::Value),
    Item(T),
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for RefOr<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        if let Some(reference) = value.get("$ref") {
            return match reference {
                serde_json::Value::String(reference) => Ok(RefOr::Ref { reference: reference.clone() }),
                _ => Ok(RefOr::Malformed(value)),
            };
        }
        T::deserialize(value).map(RefOr::Item).map_err(serde::de::Error::custom)
    }
}

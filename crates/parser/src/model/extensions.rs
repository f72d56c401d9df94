use indexmap::IndexMap;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// The vendor extensions (`x-…` keys) of an object, in document order.
///
/// Used with `#[serde(flatten)]`: it sees every key the object's own fields did not claim and keeps only the
/// `x-` ones, so unknown non-extension keys are ignored as the specification allows tools to do.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Extensions(pub IndexMap<String, serde_json::Value>);

impl Extensions {
    pub fn get(&self, key: &str) -> Option<&serde_json::Value> {
        self.0.get(key)
    }

    /// A boolean extension such as `x-nullable: true`; absent or non-boolean is `None`.
    pub fn flag(&self, key: &str) -> Option<bool> {
        self.get(key).and_then(serde_json::Value::as_bool)
    }
}

impl<'de> Deserialize<'de> for Extensions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ExtensionsVisitor;
        impl<'de> Visitor<'de> for ExtensionsVisitor {
            type Value = Extensions;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extensions, A::Error> {
                let mut out = IndexMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key.starts_with("x-") {
                        out.insert(key, map.next_value()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(Extensions(out))
            }
        }
        deserializer.deserialize_map(ExtensionsVisitor)
    }
}

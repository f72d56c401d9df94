//! Reading a document into a JSON value while noting every mapping key that occurs twice.
//!
//! YAML 1.2 and JSON (RFC 8259 "SHOULD be unique", and every parser keeps only one) both treat a repeated
//! key as a mistake, and `serde_json::Value` silently keeps the last one, so a definition written twice
//! would lose its first half without a word. The same visitor serves both formats, since it reads from any
//! serde deserializer.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::pointer::JsonPointer;

/// Reads one value from `deserializer`; returns it with the pointers of the entries whose key repeated an
/// earlier key of the same mapping (in document order). The later entry's value is the one kept.
pub(crate) fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<(Value, Vec<JsonPointer>), D::Error> {
    let state = RefCell::new(State::default());
    let value = Reader { state: &state }.deserialize(deserializer)?;
    Ok((value, state.into_inner().duplicates))
}

#[derive(Default)]
struct State {
    /// The keys and indices from the document root down to the value being read.
    path: Vec<String>,
    duplicates: Vec<JsonPointer>,
}

#[derive(Clone, Copy)]
struct Reader<'s> {
    state: &'s RefCell<State>,
}

impl Reader<'_> {
    /// Reads the next value of `access` one level down, under `key`, and gives the key back (moved onto
    /// the path and off again rather than copied).
    fn nested<'de, A: MapAccess<'de>>(self, key: String, access: &mut A) -> Result<(String, Value), A::Error> {
        self.state.borrow_mut().path.push(key);
        let value = access.next_value_seed(self);
        let key = self.state.borrow_mut().path.pop().unwrap_or_default();
        Ok((key, value?))
    }

    fn float(self, v: f64) -> Value {
        Number::from_f64(v).map_or(Value::Null, Value::Number)
    }

    fn note_duplicate(self, key: &str) {
        let mut state = self.state.borrow_mut();
        let pointer = state.path.iter().fold(JsonPointer::root(), |p, segment| p.push(segment)).push(key);
        state.duplicates.push(pointer);
    }
}

impl<'de> DeserializeSeed<'de> for Reader<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Reader<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    /// An integer beyond 64 bits (YAML reads them exactly) is the nearest `f64`, as JSON text of it reads.
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| self.float(v as f64), |v| Value::Number(v.into())))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(u64::try_from(v).map_or_else(|_| self.float(v as f64), |v| Value::Number(v.into())))
    }

    /// A non-finite number (YAML's `.inf`, `.nan`) has no JSON form and reads as `null`, as
    /// `serde_json::Value` reads it.
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(self.float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(access.size_hint().unwrap_or(0).min(4096));
        loop {
            self.state.borrow_mut().path.push(items.len().to_string());
            let item = access.next_element_seed(self);
            self.state.borrow_mut().path.pop();
            match item? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let (key, value) = self.nested(key, &mut access)?;
            if let Some(entry) = map.get_mut(&key) {
                *entry = value;
                self.note_duplicate(&key);
            } else {
                map.insert(key, value);
            }
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> (Value, Vec<String>) {
        let mut de = serde_json::Deserializer::from_str(text);
        let (value, duplicates) = read(&mut de).unwrap();
        de.end().unwrap();
        (value, duplicates.iter().map(|p| p.as_str().to_owned()).collect())
    }

    #[test]
    fn reads_what_serde_json_reads_and_names_each_repeated_key() {
        let text = r#"{"a":{"b":1,"b":[true,null,{"c":"x","c":2.5}]},"a~/":-3}"#;
        let (value, duplicates) = json(text);
        assert_eq!(value, serde_json::from_str::<Value>(text).unwrap());
        assert_eq!(duplicates, ["/a/b/2/c", "/a/b"]);
    }

    #[test]
    fn yaml_duplicates_are_found_too() {
        let text =
            "definitions:\n  A: {type: string}\n  A: {type: integer}\nx: .inf\nbig: 123456789012345678901234567890\n";
        let (value, duplicates) = read(serde_yaml::Deserializer::from_str(text)).unwrap();
        assert_eq!(value["definitions"]["A"]["type"], "integer");
        assert_eq!(value["x"], Value::Null);
        let json: Value = serde_json::from_str("123456789012345678901234567890").unwrap();
        assert_eq!(value["big"], json, "a big integer reads as in JSON");
        let duplicates: Vec<&str> = duplicates.iter().map(JsonPointer::as_str).collect();
        assert_eq!(duplicates, ["/definitions/A"]);
    }
}

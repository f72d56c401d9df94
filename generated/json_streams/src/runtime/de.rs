//! What the generated `Deserialize` impls of plain models share.
//!
//! serde's derive writes, for every struct, an enum of its fields with a visitor of its own, a visitor for
//! sequences and one for maps, and a local and a missing-field check per field. Type checking and borrow
//! checking that code was two fifths of what `cargo check` of a large generated crate cost, though a JSON
//! API only ever sends objects. So the generator writes plain structs' `Deserialize` itself: one call to
//! [`deserialize_struct`] and a [`FromMap`] impl that matches each key to a field, with the per-key work in
//! the generic functions below, type checked once here rather than once per field. What a model accepts is
//! what the derive accepted for objects: the same keys, defaults, `null` handling, unknown-key policy and
//! error messages (`missing field`, `duplicate field`, `unknown field`). A JSON array is no longer read as
//! a struct's fields in order.
//!
//! Go servers (Docker, Kubernetes, Gitea, Grafana, go-swagger and grpc-gateway services) encode an empty
//! slice or map as `null` where the spec declares an array or an object. So by default (`[types] nulls =
//! "lenient"`) the generator reads a required array or map field through [`collection_field`] (written impls)
//! or [`null_as_empty`] (derived ones, as `deserialize_with`), and a whole body declared as one through
//! `RawResponse::json_collection`: `null` is then the empty value. An optional one is an `Option` already, for
//! which `null` is `None`, like an absent key. With `nulls = "strict"` none of these is used, and `null` stays
//! an error.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

/// A model built from the entries of a map; generated for every plain struct.
pub trait FromMap<'de>: Sized {
    /// Reads the map's entries into the model.
    ///
    /// # Errors
    ///
    /// A value of the wrong type, a required key missing, a key given twice, or (for models whose spec
    /// forbids them) an unknown key.
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Deserializes the model `T` from a map, as serde's derive does: `name` names it in errors, `fields`
/// lists its keys for formats that need them (a flattened struct takes only these keys).
///
/// # Errors
///
/// Anything `T::from_map` or the deserializer reports, or a value that is not a map.
pub fn deserialize_struct<'de, D, T>(
    deserializer: D,
    name: &'static str,
    fields: &'static [&'static str],
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromMap<'de>,
{
    deserializer.deserialize_struct(name, fields, StructVisitor { name, model: PhantomData })
}

struct StructVisitor<T> {
    name: &'static str,
    model: PhantomData<fn() -> T>,
}

impl<'de, T: FromMap<'de>> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "struct {}", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// A map key, borrowed from the input when the format allows it (JSON keys without escapes).
#[derive(Debug)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(value)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value)))
    }

    fn visit_borrowed_bytes<E: de::Error>(self, value: &'de [u8]) -> Result<Key<'de>, E> {
        match std::str::from_utf8(value) {
            Ok(text) => Ok(Key(Cow::Borrowed(text))),
            Err(_) => Ok(Key(Cow::Owned(String::from_utf8_lossy(value).into_owned()))),
        }
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(String::from_utf8_lossy(value).into_owned())))
    }
}

/// Reads the value of the key `name` into `slot`; a key given twice is an error, as with serde's derive.
///
/// # Errors
///
/// `duplicate field` if `slot` is already filled, or the value's own error.
pub fn field<'de, T, A>(slot: &mut Option<T>, map: &mut A, name: &'static str) -> Result<(), A::Error>
where
    T: Deserialize<'de>,
    A: MapAccess<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Like [`field`] for an optional, nullable field (`Option<Option<T>>`): `null` is kept as `Some(None)`,
/// apart from an absent key.
///
/// # Errors
///
/// As for [`field`].
pub fn nullable_field<'de, T, A>(
    slot: &mut Option<Option<Option<T>>>,
    map: &mut A,
    name: &'static str,
) -> Result<(), A::Error>
where
    T: Deserialize<'de>,
    A: MapAccess<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(Some(map.next_value()?));
    Ok(())
}

/// Like [`field`] for a required array or map (`Vec<T>`, `BTreeMap<String, T>`): `null` reads as empty, as
/// [`null_as_empty`] does. An absent key is still `missing field`.
///
/// # Errors
///
/// As for [`field`].
pub fn collection_field<'de, T, A>(slot: &mut Option<T>, map: &mut A, name: &'static str) -> Result<(), A::Error>
where
    T: Deserialize<'de> + Default,
    A: MapAccess<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value::<Option<T>>()?.unwrap_or_default());
    Ok(())
}

/// Reads an array or a map (`Vec<T>`, `BTreeMap<String, T>`, or any `Default` type), `null` as the empty
/// value: what Go servers send for an empty slice or map. For `#[serde(deserialize_with = "…")]` on the
/// required array and map fields of models that keep serde's derive.
///
/// # Errors
///
/// Anything but `null` or a valid `T`.
pub fn null_as_empty<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// The value of a required field, or `missing field` if its key never came.
///
/// # Errors
///
/// `missing field` when `slot` is empty.
pub fn required<'de, A: MapAccess<'de>, T>(slot: Option<T>, name: &'static str) -> Result<T, A::Error> {
    slot.ok_or_else(|| de::Error::missing_field(name))
}

/// Skips the value of a key the model does not name.
///
/// # Errors
///
/// The format's error if the value is malformed.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// The error for a key a model that denies unknown keys does not name.
pub fn unknown<'de, A: MapAccess<'de>>(key: &Key<'_>, fields: &'static [&'static str]) -> A::Error {
    de::Error::unknown_field(key.as_str(), fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the generator writes for `{ name (required), tag, note (nullable) }` with unknown keys denied
    /// when `STRICT`.
    #[derive(Debug, PartialEq)]
    struct Pet<const STRICT: bool> {
        name: String,
        tag: Option<String>,
        note: Option<Option<String>>,
        limit: Option<i32>,
    }

    const FIELDS: &[&str] = &["name", "tag", "note", "limit"];

    impl<'de, const STRICT: bool> Deserialize<'de> for Pet<STRICT> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_struct(deserializer, "Pet", FIELDS)
        }
    }

    impl<'de, const STRICT: bool> FromMap<'de> for Pet<STRICT> {
        fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut name: Option<String> = None;
            let mut tag: Option<Option<String>> = None;
            let mut note: Option<Option<Option<String>>> = None;
            let mut limit: Option<Option<i32>> = None;
            while let Some(key) = map.next_key::<Key<'de>>()? {
                match key.as_str() {
                    "name" => field(&mut name, &mut map, "name")?,
                    "tag" => field(&mut tag, &mut map, "tag")?,
                    "note" => nullable_field(&mut note, &mut map, "note")?,
                    "limit" => field(&mut limit, &mut map, "limit")?,
                    _ if STRICT => return Err(unknown::<A>(&key, FIELDS)),
                    _ => skip(&mut map)?,
                }
            }
            Ok(Self {
                name: required::<A, _>(name, "name")?,
                tag: tag.flatten(),
                note: note.flatten(),
                limit: limit.unwrap_or_else(ten),
            })
        }
    }

    fn read<const STRICT: bool>(json: &str) -> Result<Pet<STRICT>, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn absent_null_and_present_stay_apart() {
        let pet = read::<false>(r#"{"name":"rex","note":null,"extra":[1,{"a":2}]}"#).unwrap();
        assert_eq!(pet, Pet { name: "rex".into(), tag: None, note: Some(None), limit: Some(10) });
        let pet = read::<false>(r#"{"limit":null,"note":"n","tag":"t","name":"rex"}"#).unwrap();
        assert_eq!(pet, Pet { name: "rex".into(), tag: Some("t".into()), note: Some(Some("n".into())), limit: None });
    }

    /// The same model through serde's derive, to compare with (serde names the Rust type in errors).
    mod derived {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        pub struct Pet {
            pub name: String,
            #[serde(default)]
            pub tag: Option<String>,
            #[serde(default, deserialize_with = "super::super::super::deserialize_nullable")]
            pub note: Option<Option<String>>,
            #[serde(default = "super::ten")]
            pub limit: Option<i32>,
        }
    }

    /// The spec's default of `limit`, as the generator writes it.
    fn ten() -> Option<i32> {
        Some(10)
    }

    mod strict {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        pub struct Pet {
            name: String,
            tag: Option<String>,
            note: Option<String>,
            limit: Option<i32>,
        }
    }

    #[test]
    fn values_and_errors_are_those_of_the_derive() {
        let inputs = [
            r#"{"name":"rex"}"#,
            r#"{"name":"rex","tag":null,"note":null,"limit":null}"#,
            r#"{"name":"rex","tag":"t","note":"n","limit":3,"other":{"a":[1]}}"#,
            r#"{"tag":"t"}"#,
            r#"{"name":"a","name":"b"}"#,
            r#"{"name":1}"#,
            r#"{"name":"a","limit":"3"}"#,
            r#"{"name":"a","#,
            "[]",
            "null",
            "3",
        ];
        for input in inputs {
            let ours = read::<false>(input).map(|p| (p.name, p.tag, p.note, p.limit));
            let derived = serde_json::from_str::<derived::Pet>(input)
                .map(|p| (p.name, p.tag, p.note, p.limit))
                .map_err(|e| e.to_string());
            match (&ours, &derived) {
                // The derive also reads a struct from an array of its fields; a JSON API never sends one.
                (Err(e), Err(_)) if input == "[]" => assert!(e.starts_with("invalid type: sequence"), "{e}"),
                _ => assert_eq!(ours, derived, "{input}"),
            }
        }
        let strict = r#"{"name":"a","x":1}"#;
        let derived = serde_json::from_str::<strict::Pet>(strict).unwrap_err().to_string();
        assert_eq!(read::<true>(strict).unwrap_err(), derived);
        assert!(derived.starts_with("unknown field `x`, expected one of `name`, `tag`, `note`, `limit`"), "{derived}");
    }

    #[test]
    fn escaped_keys_and_owned_input_are_read() {
        let pet = read::<false>(r#"{"na\u006de":"rex"}"#).unwrap();
        assert_eq!(pet.name, "rex");
        let value = serde_json::json!({"name": "rex", "tag": "t"});
        let pet: Pet<true> = serde_json::from_value(value).unwrap();
        assert_eq!(pet.tag.as_deref(), Some("t"));
    }

    /// What the generator writes for `{ id (required), tags (required array), labels (required map),
    /// digests (optional array) }`: lenient (`LENIENT`, the default) reads a required array or map with
    /// [`collection_field`], strict with [`field`].
    #[derive(Debug, PartialEq)]
    struct Image<const LENIENT: bool> {
        id: i64,
        tags: Vec<String>,
        labels: std::collections::BTreeMap<String, String>,
        digests: Option<Vec<String>>,
    }

    const IMAGE_FIELDS: &[&str] = &["id", "tags", "labels", "digests"];

    impl<'de, const LENIENT: bool> Deserialize<'de> for Image<LENIENT> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_struct(deserializer, "Image", IMAGE_FIELDS)
        }
    }

    impl<'de, const LENIENT: bool> FromMap<'de> for Image<LENIENT> {
        fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut id: Option<i64> = None;
            let mut tags: Option<Vec<String>> = None;
            let mut labels: Option<std::collections::BTreeMap<String, String>> = None;
            let mut digests: Option<Option<Vec<String>>> = None;
            while let Some(key) = map.next_key::<Key<'de>>()? {
                match key.as_str() {
                    "id" => field(&mut id, &mut map, "id")?,
                    "tags" if LENIENT => collection_field(&mut tags, &mut map, "tags")?,
                    "tags" => field(&mut tags, &mut map, "tags")?,
                    "labels" if LENIENT => collection_field(&mut labels, &mut map, "labels")?,
                    "labels" => field(&mut labels, &mut map, "labels")?,
                    "digests" => field(&mut digests, &mut map, "digests")?,
                    _ => skip(&mut map)?,
                }
            }
            Ok(Self {
                id: required::<A, _>(id, "id")?,
                tags: required::<A, _>(tags, "tags")?,
                labels: required::<A, _>(labels, "labels")?,
                digests: digests.flatten(),
            })
        }
    }

    /// The lenient `Image` through serde's derive, as the generator writes models that keep it.
    mod derived_image {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        pub struct Image {
            pub id: i64,
            #[serde(deserialize_with = "super::super::null_as_empty")]
            pub tags: Vec<String>,
            #[serde(deserialize_with = "super::super::null_as_empty")]
            pub labels: std::collections::BTreeMap<String, String>,
            #[serde(default)]
            pub digests: Option<Vec<String>>,
        }
    }

    #[test]
    fn null_for_a_required_array_or_map_reads_as_empty_when_lenient() {
        let image: Image<true> = serde_json::from_str(r#"{"id":1,"tags":null,"labels":null,"digests":null}"#).unwrap();
        assert_eq!(image, Image { id: 1, tags: Vec::new(), labels: Default::default(), digests: None });
        let image: Image<true> = serde_json::from_str(r#"{"id":1,"tags":["a"],"labels":{"k":"v"}}"#).unwrap();
        assert_eq!((image.tags, image.labels["k"].as_str()), (vec!["a".to_owned()], "v"));
        let strict = serde_json::from_str::<Image<false>>(r#"{"id":1,"tags":null,"labels":{}}"#).unwrap_err();
        assert!(strict.to_string().starts_with("invalid type: null, expected a sequence"), "{strict}");
        let strict = serde_json::from_str::<Image<false>>(r#"{"id":1,"tags":[],"labels":null}"#).unwrap_err();
        assert!(strict.to_string().starts_with("invalid type: null, expected a map"), "{strict}");
    }

    #[test]
    fn lenient_collections_read_as_the_derive_with_null_as_empty() {
        let inputs = [
            r#"{"id":1,"tags":null,"labels":null}"#,
            r#"{"id":1,"tags":["a",null],"labels":{}}"#,
            r#"{"id":null,"tags":[],"labels":{}}"#,
            r#"{"id":1,"labels":null}"#,
            r#"{"id":1,"tags":null,"tags":null,"labels":{}}"#,
            r#"{"id":1,"tags":{},"labels":[]}"#,
            r#"{"id":1,"tags":[],"labels":{"k":null}}"#,
            r#"{"id":1,"tags":[],"labels":{},"digests":null}"#,
        ];
        for input in inputs {
            let ours = serde_json::from_str::<Image<true>>(input)
                .map(|i| (i.id, i.tags, i.labels, i.digests))
                .map_err(|e| e.to_string());
            let derived = serde_json::from_str::<derived_image::Image>(input)
                .map(|i| (i.id, i.tags, i.labels, i.digests))
                .map_err(|e| e.to_string());
            assert_eq!(ours, derived, "{input}");
        }
        let scalar = serde_json::from_str::<Image<true>>(r#"{"id":null,"tags":null,"labels":null}"#).unwrap_err();
        assert!(scalar.to_string().starts_with("invalid type: null, expected i64"), "a required scalar: {scalar}");
        let absent = serde_json::from_str::<Image<true>>(r#"{"id":1,"labels":null}"#).unwrap_err();
        assert!(absent.to_string().starts_with("missing field `tags`"), "absent is not null: {absent}");
    }

    #[test]
    fn null_as_empty_reads_values_and_null() {
        let read = |json: &str| null_as_empty::<_, Vec<u8>>(&mut serde_json::Deserializer::from_str(json));
        assert_eq!(read("null").unwrap(), Vec::<u8>::new());
        assert_eq!(read("[1,2]").unwrap(), vec![1, 2]);
        assert!(read("{}").is_err());
    }

    /// A flattened model takes only its own keys, so the rest reach the map beside it.
    #[test]
    fn a_flattened_model_leaves_other_keys() {
        #[derive(serde::Deserialize)]
        struct Holder {
            #[serde(flatten)]
            pet: Pet<false>,
            #[serde(flatten)]
            rest: std::collections::BTreeMap<String, serde_json::Value>,
        }
        let holder: Holder = serde_json::from_str(r#"{"name":"rex","x":1}"#).unwrap();
        assert_eq!(holder.pet.name, "rex");
        assert_eq!(holder.rest.keys().collect::<Vec<_>>(), ["x"]);
    }
}

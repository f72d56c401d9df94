//! Schemas: primitives with every format, enums of strings, integers and numbers, objects with required,
//! optional, nullable and read-only properties, maps, arrays (nested too), free-form objects, `$ref`s
//! (forward, backward and to the schema's own definition, which makes recursive types), `allOf`
//! compositions and discriminated families.

use serde_json::{Map, Value, json};

use super::Gen;
use super::names;

/// `(type, format)` for every primitive the IR distinguishes, plus formats it does not interpret.
const PRIMITIVES: &[(&str, Option<&str>)] = &[
    ("string", None),
    ("string", Some("byte")),
    ("string", Some("binary")),
    ("string", Some("date")),
    ("string", Some("date-time")),
    ("string", Some("password")),
    ("string", Some("uuid")),
    ("string", Some("email")),
    ("integer", None),
    ("integer", Some("int32")),
    ("integer", Some("int64")),
    ("integer", Some("uint8")),
    ("number", None),
    ("number", Some("float")),
    ("number", Some("double")),
    ("number", Some("decimal")),
    ("boolean", None),
];

impl Gen {
    /// A primitive schema, sometimes with validation keywords.
    pub(super) fn primitive(&mut self) -> Map<String, Value> {
        let (ty, format) = *self.rng.pick(PRIMITIVES);
        let mut schema = Map::new();
        schema.insert("type".into(), ty.into());
        if let Some(format) = format {
            schema.insert("format".into(), format.into());
        }
        if self.rng.chance(15) {
            match ty {
                "string" => {
                    schema.insert("maxLength".into(), 64.into());
                    schema.insert("pattern".into(), "^[a-z]+$".into());
                }
                "integer" | "number" => {
                    schema.insert("minimum".into(), 0.into());
                    schema.insert("maximum".into(), 100.into());
                    schema.insert("exclusiveMaximum".into(), true.into());
                }
                _ => {}
            }
        }
        schema
    }

    /// A value valid for the primitive `schema`, for `default`.
    pub(super) fn primitive_value(&mut self, schema: &Map<String, Value>) -> Option<Value> {
        let format = schema.get("format").and_then(Value::as_str);
        Some(match (schema.get("type")?.as_str()?, format) {
            ("string", Some("binary")) => return None,
            ("string", Some("byte")) => "aGVsbG8=".into(),
            ("string", Some("date")) => "2024-02-29".into(),
            ("string", Some("date-time")) => "2024-02-29T12:34:56Z".into(),
            ("string", Some("uuid")) => "3fa85f64-5717-4562-b3fc-2c963f66afa6".into(),
            ("string", _) => (*self.rng.pick(&["abc", "", "with \"quotes\" and \\", "ünï", "a\nb"])).into(),
            ("integer", Some("int32")) => (*self.rng.pick(&[0i64, 7, -3, 2_147_483_647])).into(),
            ("integer", _) => (*self.rng.pick(&[0i64, 42, -1, 9_007_199_254_740_993])).into(),
            ("number", _) => (*self.rng.pick(&[0.5f64, -2.25, 10.0, 1e-3])).into(),
            ("boolean", _) => self.rng.chance(50).into(),
            _ => return None,
        })
    }

    /// An enum of strings, integers or numbers, sometimes with names for its variants and a default.
    pub(super) fn enum_schema(&mut self) -> Map<String, Value> {
        let mut schema = Map::new();
        let values: Vec<Value> = match self.rng.below(4) {
            0 => {
                schema.insert("type".into(), "integer".into());
                let all = [0i64, 1, 2, -1, 10, 404, 9_000_000_000];
                self.nonempty_subset(&all).into_iter().map(Value::from).collect()
            }
            1 => {
                schema.insert("type".into(), "number".into());
                let all = [0.5f64, 1.0, -2.25, 3.75];
                self.nonempty_subset(&all).into_iter().map(Value::from).collect()
            }
            _ => {
                schema.insert("type".into(), "string".into());
                self.nonempty_subset(names::STRING_VALUES).into_iter().map(Value::from).collect()
            }
        };
        match self.rng.below(10) {
            0 | 1 => {
                let varnames: Vec<Value> = (0..values.len()).map(|i| format!("Choice{i}").into()).collect();
                schema.insert("x-enum-varnames".into(), varnames.into());
            }
            2 => {
                let names: Vec<Value> = values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| json!({ "value": v, "name": format!("Named{i}") }))
                    .collect();
                schema.insert("x-ms-enum".into(), json!({ "name": "MsEnum", "modelAsString": true, "values": names }));
            }
            _ => {}
        }
        if self.rng.chance(30) {
            let default = self.rng.pick(&values).clone();
            schema.insert("default".into(), default);
        }
        schema.insert("enum".into(), values.into());
        schema
    }

    fn nonempty_subset<T: Copy>(&mut self, items: &[T]) -> Vec<T> {
        let mut chosen: Vec<T> = self.rng.subset(items, 5).into_iter().copied().collect();
        if chosen.is_empty() {
            chosen.push(*self.rng.pick(items));
        }
        chosen
    }

    /// A reference to one of the document's definitions.
    pub(super) fn reference(&mut self) -> Value {
        let name = self.rng.pick(&self.definitions).clone();
        json!({ "$ref": format!("#/definitions/{}", pointer_escape(&name)) })
    }

    /// Any schema a property, an array item, a map value, a body or a response can have; `depth` bounds
    /// the nesting of inline schemas.
    pub(super) fn schema(&mut self, depth: u32) -> Value {
        let nested = depth < 3;
        // primitive, $ref, array, map, inline object, enum, free-form, file
        let weights =
            [30, 25, if nested { 12 } else { 0 }, if nested { 8 } else { 0 }, if nested { 7 } else { 0 }, 7, 4, 1];
        match self.rng.weighted(&weights) {
            0 => {
                let mut schema = self.primitive();
                if self.rng.chance(15)
                    && let Some(value) = self.primitive_value(&schema)
                {
                    schema.insert("default".into(), value);
                }
                Value::Object(schema)
            }
            1 => self.reference(),
            2 => {
                let mut items = self.schema(depth + 1);
                self.maybe_nullable(&mut items);
                let mut schema = json!({ "type": "array", "items": items });
                if self.rng.chance(10) {
                    schema["minItems"] = 1.into();
                    schema["uniqueItems"] = true.into();
                }
                schema
            }
            3 => {
                let mut values = self.schema(depth + 1);
                self.maybe_nullable(&mut values);
                json!({ "type": "object", "additionalProperties": values })
            }
            4 => self.object(depth + 1),
            5 => Value::Object(self.enum_schema()),
            6 => {
                if self.rng.chance(50) {
                    json!({ "type": "object" })
                } else {
                    json!({})
                }
            }
            _ => json!({ "type": "file" }),
        }
    }

    /// `x-nullable: true` on an array item or map value, sometimes.
    fn maybe_nullable(&mut self, schema: &mut Value) {
        if self.rng.chance(15)
            && let Value::Object(map) = schema
        {
            map.insert("x-nullable".into(), true.into());
        }
    }

    /// An object with properties (some required, nullable, read-only, documented, with defaults), sometimes
    /// with `additionalProperties` alongside them.
    pub(super) fn object(&mut self, depth: u32) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let count = self.rng.range(0, 5);
        for _ in 0..count {
            let name = (*self.rng.pick(names::PROPERTIES)).to_owned();
            if properties.contains_key(&name) {
                continue;
            }
            let mut schema = self.schema(depth);
            if let Value::Object(map) = &mut schema {
                if self.rng.chance(20) {
                    map.insert("x-nullable".into(), true.into());
                }
                if self.rng.chance(10) {
                    map.insert("readOnly".into(), true.into());
                }
                if self.rng.chance(30) {
                    map.insert("description".into(), self.prose().into());
                }
            }
            if self.rng.chance(40) {
                required.push(Value::from(name.clone()));
            }
            properties.insert(name, schema);
        }
        let mut object = Map::new();
        object.insert("type".into(), "object".into());
        if self.rng.chance(20) {
            object.insert("description".into(), self.prose().into());
        }
        if !required.is_empty() {
            object.insert("required".into(), required.into());
        }
        object.insert("properties".into(), properties.into());
        match self.rng.below(10) {
            0 => {
                object.insert("additionalProperties".into(), false.into());
            }
            1 => {
                object.insert("additionalProperties".into(), true.into());
            }
            2 if depth < 3 => {
                let values = self.schema(depth + 1);
                object.insert("additionalProperties".into(), values);
            }
            _ => {}
        }
        Value::Object(object)
    }

    /// The body of definition `index`: any schema shape, more often an object, and now and then a type
    /// that contains itself.
    pub(super) fn definition(&mut self, index: usize) -> Value {
        let own = format!("#/definitions/{}", pointer_escape(&self.definitions[index]));
        match self.rng.weighted(&[40, 10, 8, 6, 6, 5, 5, 4]) {
            0 => self.object(0),
            1 => Value::Object(self.enum_schema()),
            2 => Value::Object(self.primitive()),
            3 => json!({ "type": "array", "items": self.schema(1) }),
            4 => json!({ "type": "object", "additionalProperties": self.schema(1) }),
            // An alias of an earlier definition: alias chains, never a cycle of `$ref`s alone (which reaches no
            // schema and is an error).
            5 if index > 0 => {
                let name = pointer_escape(&self.definitions[self.rng.below(index)]);
                json!({ "$ref": format!("#/definitions/{name}") })
            }
            5 => self.object(0),
            // A tree: a node holding its children by value through an array, and an optional parent.
            6 => json!({
                "type": "object",
                "required": ["value"],
                "properties": {
                    "value": Value::Object(self.primitive()),
                    "children": { "type": "array", "items": { "$ref": own } },
                    "parent": { "$ref": own },
                    "index": { "type": "object", "additionalProperties": { "$ref": own } }
                }
            }),
            // An alias that contains itself through an array or a map.
            _ => {
                if self.rng.chance(50) {
                    json!({ "type": "array", "items": { "$ref": own } })
                } else {
                    json!({ "type": "object", "additionalProperties": { "$ref": own } })
                }
            }
        }
    }

    /// Spec prose, often hostile to rustdoc.
    pub(super) fn prose(&mut self) -> String {
        (*self.rng.pick(names::PROSE)).to_owned()
    }
}

/// A definition name as a JSON pointer token (`~` → `~0`, `/` → `~1`); URI escaping is not needed for the
/// names used here.
pub(super) fn pointer_escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

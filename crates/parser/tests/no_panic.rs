//! The parser must never panic (or abort), whatever it is fed: random bytes, structurally valid but weird
//! documents, hostile documents, and mutations of the seed spec. Inputs are deterministic (xorshift), so a
//! failure is reproducible; the report names the input that failed.

mod common;

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

/// xorshift64: small, fast and deterministic.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Collects the inputs that made the parser panic.
#[derive(Default)]
struct Harness {
    failures: Vec<String>,
    runs: usize,
}

impl Harness {
    /// Loads `text` as the file `path`, and checks what must hold for any input.
    fn run(&mut self, label: &str, path: &Path, text: String, check_names: bool) {
        self.runs += 1;
        let input = text.clone();
        let result = panic::catch_unwind(AssertUnwindSafe(|| {
            let loaded = swagger2rs_parser::load_str(path, text);
            for d in &loaded.diagnostics {
                let _ = d.to_string();
            }
            match &loaded.api {
                None => assert!(loaded.diagnostics.has_errors(), "no API, but no error either"),
                Some(api) => {
                    serde_json::to_string(api).expect("the IR serializes");
                    if check_names {
                        common::check_idents(api);
                    }
                }
            }
        }));
        if let Err(payload) = result {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            let shown: String = input.chars().take(1500).collect();
            self.failures.push(format!(
                "{label} ({}): {message}\n--- input ({} bytes) ---\n{shown}\n---",
                path.display(),
                input.len()
            ));
        }
    }

    fn finish(self, what: &str) {
        assert!(
            self.failures.is_empty(),
            "{} of {} {what} inputs panicked:\n\n{}",
            self.failures.len(),
            self.runs,
            self.failures.iter().take(5).cloned().collect::<Vec<_>>().join("\n\n")
        );
    }
}

/// A file name in the fixtures directory, so generated external refs can reach the real fixture files.
fn fuzz_path(json: bool) -> PathBuf {
    common::fixture_path(if json { "fuzz-input.json" } else { "fuzz-input.yaml" })
}

// ---------------------------------------------------------------------------------------------------------
// (a) random bytes and token soup
// ---------------------------------------------------------------------------------------------------------

const TOKENS: &[&str] = &[
    "swagger: \"2.0\"\n",
    "info: {title: t, version: v}\n",
    "paths:\n",
    "  /a/{b}:\n",
    "    get:\n",
    "      parameters:\n",
    "      - {name: b, in: path}\n",
    "      responses: {200: {description: ok}}\n",
    "definitions:\n",
    "  A: {$ref: '#/definitions/A'}\n",
    "$ref: ",
    "'#/definitions/A'",
    "allOf: [",
    "{",
    "}",
    "[",
    "]",
    ":",
    ": ",
    "- ",
    "? ",
    ",",
    "\n",
    "  ",
    "    ",
    "\"",
    "'",
    "&a ",
    "*a",
    "!!str ",
    "!!binary ",
    "!<tag:x> ",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "%TAG ! tag:x:\n",
    "#",
    "~",
    "null",
    "true",
    "1e999",
    "-0",
    "0x1F",
    "\u{feff}",
    "\t",
    "\r\n",
    "é",
    "日本",
    "\\u0000",
    "\\",
    "|\n",
    ">-\n",
    "<<: *a\n",
    "type: ",
    "string",
    "object",
    "properties:",
    "items:",
    "enum: [",
    "\"{\"",
];

#[test]
fn random_bytes_and_token_soup() {
    let mut h = Harness::default();
    let mut rng = Rng::new(1);
    for i in 0..1500 {
        let len = rng.below(300);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = rng.chance(30);
        h.run(&format!("random bytes #{i}"), &fuzz_path(json), text, false);
    }
    for i in 0..1500 {
        let mut text = String::new();
        if rng.chance(60) {
            text.push_str("swagger: \"2.0\"\n");
        }
        for _ in 0..rng.below(60) {
            text.push_str(rng.pick::<&str>(TOKENS));
        }
        let json = rng.chance(20);
        if json {
            text.insert(0, '{');
        }
        h.run(&format!("token soup #{i}"), &fuzz_path(json), text, false);
    }
    h.finish("random");
}

// ---------------------------------------------------------------------------------------------------------
// (b) structurally valid but weird documents
// ---------------------------------------------------------------------------------------------------------

const NAMES: &[&str] = &[
    "A",
    "B",
    "Pet",
    "pet",
    "type",
    "self",
    "Self",
    "",
    "日本",
    "1st",
    "a/b",
    "c~d",
    "{x}",
    "Other",
    "Error",
    "x-y",
    "__",
    "$ref",
    "additional_properties",
    "new",
    "client",
    "200",
    "default",
    "%7B",
    " ",
    "Ω",
];

const REFS: &[&str] = &[
    "#/definitions/A",
    "#/definitions/B",
    "#/definitions/Pet",
    "#/definitions/a~1b",
    "#/definitions/c~0d",
    "#/definitions/%7Bx%7D",
    "#/definitions/~2",
    "#/definitions/%zz",
    "#",
    "#/",
    "#/paths",
    "#/definitions",
    "#/parameters/A",
    "#/parameters/B",
    "#/responses/A",
    "#/info",
    "#/info/title",
    "#/swagger",
    "#/x-s/A",
    "#/x-s/B",
    "#/definitions/A/properties/A",
    "#/definitions/A/allOf/0",
    "#/paths/~1a~1{b}",
    "#/paths/~1a~1{b}/get",
    "refs/common.yaml#/definitions/Error",
    "refs/common.yaml",
    "refs/root.yaml#/definitions/Pet",
    "nonexistent.yaml#/x",
    "errors/syntax.yaml#/x",
    "http://example.com/x.yaml#/y",
    "~",
    "",
    "#x",
    "a#b#c",
    "%",
];

const TYPES: &[&str] = &["string", "integer", "number", "boolean", "array", "object", "file", "null", "cookie", ""];
const FORMATS: &[&str] =
    &["int32", "int64", "float", "double", "byte", "binary", "date", "date-time", "password", "uuid", ""];
const LOCATIONS: &[&str] = &["query", "header", "path", "formData", "body", "cookie", ""];
const PATHS: &[&str] = &[
    "/a/{b}",
    "/a/{b",
    "/a/}b{",
    "/{}",
    "/{{x}}",
    "/{a}{a}",
    "{",
    "}",
    "",
    "/",
    "/x-y",
    "x-ext",
    "/日本/{日本}",
    "/a/{b}/c",
];
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace", "parameters", "$ref"];

fn scalar(rng: &mut Rng) -> Value {
    match rng.below(12) {
        0 => Value::Null,
        1 => json!(rng.chance(50)),
        2 => json!(rng.next() as i64),
        3 => json!(-(rng.below(1000) as i64)),
        4 => json!(rng.below(1000) as f64 / 7.0),
        5 => json!(u64::MAX),
        6 => json!(""),
        7 => json!("x".repeat(rng.below(5000))),
        8 => json!(*rng.pick(REFS)),
        9 => json!(*rng.pick(TYPES)),
        10 => json!(*rng.pick(NAMES)),
        _ => json!(*rng.pick(LOCATIONS)),
    }
}

/// Anything at all, with Swagger keys so that it sometimes looks right.
fn any(rng: &mut Rng, depth: usize) -> Value {
    if depth == 0 || rng.chance(40) {
        return scalar(rng);
    }
    if rng.chance(30) {
        return Value::Array((0..rng.below(4)).map(|_| any(rng, depth - 1)).collect());
    }
    let keys = ["type", "$ref", "items", "properties", "allOf", "name", "in", "schema", "enum", "required"];
    let mut map = Map::new();
    for _ in 0..rng.below(5) {
        let key = if rng.chance(50) { *rng.pick(&keys) } else { *rng.pick(NAMES) };
        map.insert(key.to_owned(), any(rng, depth - 1));
    }
    Value::Object(map)
}

/// Some of the time `good`, otherwise something of the wrong shape.
fn mostly(good: Value, rng: &mut Rng) -> Value {
    if rng.chance(85) { good } else { any(rng, 2) }
}

fn schema(rng: &mut Rng, depth: usize) -> Value {
    if depth == 0 || rng.chance(10) {
        return if rng.chance(50) { json!({"$ref": *rng.pick(REFS)}) } else { json!({"type": *rng.pick(TYPES)}) };
    }
    if rng.chance(5) {
        return any(rng, 3);
    }
    let mut map = Map::new();
    for _ in 0..rng.below(6) {
        let (key, value) = match rng.below(18) {
            0 => ("type", mostly(json!(*rng.pick(TYPES)), rng)),
            1 => ("type", json!([*rng.pick(TYPES), "null"])),
            2 => ("format", mostly(json!(*rng.pick(FORMATS)), rng)),
            3 => ("$ref", mostly(json!(*rng.pick(REFS)), rng)),
            4 => ("items", schema(rng, depth - 1)),
            5 => ("allOf", Value::Array((0..rng.below(3)).map(|_| schema(rng, depth - 1)).collect())),
            6 | 7 => {
                let props: Map<String, Value> =
                    (0..rng.below(4)).map(|_| ((*rng.pick(NAMES)).to_owned(), schema(rng, depth - 1))).collect();
                ("properties", mostly(Value::Object(props), rng))
            }
            8 => ("additionalProperties", if rng.chance(50) { json!(rng.chance(50)) } else { schema(rng, depth - 1) }),
            9 => ("required", mostly(json!([*rng.pick(NAMES), *rng.pick(NAMES)]), rng)),
            10 => ("enum", mostly(Value::Array((0..rng.below(5)).map(|_| scalar(rng)).collect()), rng)),
            11 => ("discriminator", mostly(json!(*rng.pick(NAMES)), rng)),
            12 => ("readOnly", scalar(rng)),
            13 => ("x-nullable", scalar(rng)),
            14 => ("default", any(rng, 2)),
            15 => (
                "x-ms-enum",
                json!({"name": *rng.pick(NAMES), "values": [{"value": scalar(rng), "name": *rng.pick(NAMES)}]}),
            ),
            16 => ("x-enum-varnames", json!([*rng.pick(NAMES), scalar(rng)])),
            _ => ("x-ms-discriminator-value", scalar(rng)),
        };
        map.insert(key.to_owned(), value);
    }
    Value::Object(map)
}

fn parameter(rng: &mut Rng) -> Value {
    if rng.chance(15) {
        return json!({"$ref": *rng.pick(REFS)});
    }
    let mut map = Map::new();
    map.insert("name".into(), mostly(json!(*rng.pick(NAMES)), rng));
    map.insert("in".into(), mostly(json!(*rng.pick(LOCATIONS)), rng));
    for _ in 0..rng.below(5) {
        let (key, value) = match rng.below(9) {
            0 => ("type", mostly(json!(*rng.pick(TYPES)), rng)),
            1 => ("format", json!(*rng.pick(FORMATS))),
            2 => ("items", json!({"type": *rng.pick(TYPES), "items": {"type": *rng.pick(TYPES)}})),
            3 => ("collectionFormat", mostly(json!(*rng.pick(&["csv", "ssv", "tsv", "pipes", "multi", "x"])), rng)),
            4 => ("required", scalar(rng)),
            5 => ("schema", schema(rng, 3)),
            6 => ("default", scalar(rng)),
            7 => ("enum", Value::Array((0..rng.below(4)).map(|_| scalar(rng)).collect())),
            _ => ("maximum", scalar(rng)),
        };
        map.insert(key.into(), value);
    }
    Value::Object(map)
}

fn response(rng: &mut Rng) -> Value {
    if rng.chance(15) {
        return json!({"$ref": *rng.pick(REFS)});
    }
    let mut map = Map::new();
    map.insert("description".into(), mostly(json!("d"), rng));
    if rng.chance(60) {
        map.insert("schema".into(), schema(rng, 3));
    }
    if rng.chance(30) {
        map.insert("headers".into(), mostly(json!({*rng.pick(NAMES): {"type": *rng.pick(TYPES)}}), rng));
    }
    Value::Object(map)
}

fn operation(rng: &mut Rng) -> Value {
    let mut map = Map::new();
    if rng.chance(70) {
        map.insert("operationId".into(), mostly(json!(*rng.pick(NAMES)), rng));
    }
    if rng.chance(70) {
        let params = Value::Array((0..rng.below(5)).map(|_| parameter(rng)).collect());
        map.insert("parameters".into(), mostly(params, rng));
    }
    let responses: Map<String, Value> = (0..rng.below(4))
        .map(|_| ((*rng.pick(&["200", "201", "404", "default", "x-y", "999", "2XX", "abc"])).to_owned(), response(rng)))
        .collect();
    map.insert("responses".into(), mostly(Value::Object(responses), rng));
    if rng.chance(20) {
        map.insert("security".into(), mostly(json!([{*rng.pick(NAMES): [*rng.pick(NAMES)]}]), rng));
    }
    if rng.chance(20) {
        map.insert("consumes".into(), mostly(json!(["multipart/form-data"]), rng));
    }
    Value::Object(mostly(Value::Object(map), rng).as_object().cloned().unwrap_or_default())
}

fn path_item(rng: &mut Rng) -> Value {
    if rng.chance(10) {
        return json!({"$ref": *rng.pick(REFS)});
    }
    let mut map = Map::new();
    for _ in 0..rng.below(4) {
        let method = *rng.pick(METHODS);
        let value = match method {
            "parameters" => Value::Array((0..rng.below(3)).map(|_| parameter(rng)).collect()),
            "$ref" => json!(*rng.pick(REFS)),
            _ => operation(rng),
        };
        map.insert(method.into(), mostly(value, rng));
    }
    Value::Object(map)
}

fn table(rng: &mut Rng, n: usize, item: fn(&mut Rng) -> Value) -> Value {
    Value::Object((0..rng.below(n)).map(|_| ((*rng.pick(NAMES)).to_owned(), item(rng))).collect())
}

fn document(rng: &mut Rng) -> Value {
    let mut doc = Map::new();
    let version = if rng.chance(92) { json!("2.0") } else { mostly(json!(2.0), rng) };
    doc.insert("swagger".into(), version);
    doc.insert("info".into(), mostly(json!({"title": "t", "version": "1"}), rng));
    if rng.chance(30) {
        doc.insert("host".into(), scalar(rng));
    }
    if rng.chance(30) {
        doc.insert("basePath".into(), scalar(rng));
    }
    let paths: Map<String, Value> =
        (0..rng.below(5)).map(|_| ((*rng.pick(PATHS)).to_owned(), path_item(rng))).collect();
    doc.insert("paths".into(), mostly(Value::Object(paths), rng));
    let definitions = table(rng, 6, |rng| schema(rng, 4));
    doc.insert("definitions".into(), mostly(definitions, rng));
    if rng.chance(40) {
        let parameters = table(rng, 3, parameter);
        doc.insert("parameters".into(), mostly(parameters, rng));
    }
    if rng.chance(40) {
        let responses = table(rng, 3, response);
        doc.insert("responses".into(), mostly(responses, rng));
    }
    if rng.chance(40) {
        let x = table(rng, 3, |rng| schema(rng, 3));
        doc.insert("x-s".into(), x);
    }
    if rng.chance(30) {
        let schemes = json!({
            *rng.pick(NAMES): {"type": *rng.pick(&["basic", "apiKey", "oauth2", "x"]), "in": *rng.pick(LOCATIONS),
                               "name": *rng.pick(NAMES), "flow": *rng.pick(&["implicit", "accessCode", "x"]),
                               "scopes": {*rng.pick(NAMES): "s"}}
        });
        doc.insert("securityDefinitions".into(), mostly(schemes, rng));
    }
    if rng.chance(30) {
        doc.insert("security".into(), mostly(json!([{*rng.pick(NAMES): []}, {}]), rng));
    }
    Value::Object(doc)
}

fn serialize(rng: &mut Rng, doc: &Value) -> (String, bool) {
    match rng.below(3) {
        0 => (serde_json::to_string(doc).unwrap(), true),
        1 => (serde_json::to_string_pretty(doc).unwrap(), rng.chance(50)),
        _ => (serde_yaml::to_string(doc).unwrap(), false),
    }
}

#[test]
fn generated_weird_documents() {
    let mut h = Harness::default();
    let mut rng = Rng::new(2);
    for i in 0..600 {
        let doc = document(&mut rng);
        let (text, json) = serialize(&mut rng, &doc);
        h.run(&format!("generated document #{i}"), &fuzz_path(json), text, true);
    }
    h.finish("generated");
}

/// A schema nested `depth` levels deep, cycling through the ways schemas nest.
fn deep_schema(depth: usize) -> Value {
    let mut schema = json!({"type": "string"});
    for level in 0..depth {
        schema = match level % 4 {
            0 => json!({"type": "object", "properties": {"p": schema}}),
            1 => json!({"type": "array", "items": schema}),
            2 => json!({"allOf": [schema, {"properties": {"q": {"type": "integer"}}}]}),
            _ => json!({"type": "object", "additionalProperties": schema}),
        };
    }
    schema
}

fn doc_with(extra: Value) -> Value {
    let mut doc = json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}});
    for (k, v) in extra.as_object().unwrap() {
        doc[k] = v.clone();
    }
    doc
}

fn op_using(schema: Value) -> Value {
    json!({"/a": {"post": {
        "parameters": [{"name": "body", "in": "body", "schema": schema}],
        "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/A"}}}
    }}})
}

/// Hand-written hostile documents.
fn hostile() -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = Vec::new();
    let mut add = |label: &str, doc: Value| out.push((label.to_owned(), doc));

    add(
        "definition ref loop",
        doc_with(json!({
            "paths": op_using(json!({"$ref": "#/definitions/B"})),
            "definitions": {"A": {"$ref": "#/definitions/B"}, "B": {"$ref": "#/definitions/A"}, "C": {"$ref": "#/definitions/C"}}
        })),
    );
    add(
        "parameter ref loop",
        doc_with(json!({
            "parameters": {"p": {"$ref": "#/parameters/q"}, "q": {"$ref": "#/parameters/p"}},
            "paths": {"/a": {"parameters": [{"$ref": "#/parameters/p"}], "get": {"parameters": [{"$ref": "#/parameters/q"}], "responses": {}}}}
        })),
    );
    add(
        "response ref loop",
        doc_with(json!({
            "responses": {"r": {"$ref": "#/responses/s"}, "s": {"$ref": "#/responses/r"}},
            "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/responses/r"}, "404": {"$ref": "#/responses/404"}}}}}
        })),
    );
    add(
        "path item ref loop",
        doc_with(json!({"paths": {
            "/a": {"$ref": "#/paths/~1b"}, "/b": {"$ref": "#/paths/~1a"}, "/c": {"$ref": "#/paths/~1c"},
            "/d": {"$ref": "#"}, "/e": {"$ref": "#/paths"}, "/f": {"$ref": "#/info"}
        }})),
    );
    for target in [
        "#",
        "#/",
        "#/paths",
        "#/definitions",
        "#/info/title",
        "#/swagger",
        "#/paths/~1a/post",
        "#/definitions/A/properties",
    ] {
        add(
            &format!("refs to {target}"),
            doc_with(json!({
                "paths": {"/a": {"post": {
                    "parameters": [{"$ref": target}, {"name": "b", "in": "body", "schema": {"$ref": target}}],
                    "responses": {"200": {"$ref": target}, "201": {"description": "x", "schema": {"$ref": target}}}
                }}},
                "definitions": {"A": {"$ref": target}, "B": {"properties": {"x": {"$ref": target}}, "allOf": [{"$ref": target}]}}
            })),
        );
    }
    for depth in [40, 70, 100, 126, 200] {
        add(
            &format!("schema nested {depth} levels"),
            doc_with(json!({"paths": op_using(deep_schema(depth)), "definitions": {"A": deep_schema(depth)}})),
        );
    }
    let mut deep_value = json!(1);
    for level in 0..120 {
        deep_value = if level % 2 == 0 { json!([deep_value, 2]) } else { json!({"a": deep_value, "b": null}) };
    }
    add(
        "deep default value",
        doc_with(
            json!({"definitions": {"A": {"type": "object", "default": deep_value, "properties": {"x": {"enum": [deep_value]}}}}}),
        ),
    );
    add(
        "allOf self reference",
        doc_with(json!({"definitions": {
            "A": {"allOf": [{"$ref": "#/definitions/A"}, {"properties": {"x": {"type": "string"}}}]},
            "B": {"allOf": [{"$ref": "#/definitions/C"}]},
            "C": {"allOf": [{"$ref": "#/definitions/B"}], "discriminator": "kind"},
            "D": {"allOf": [{"$ref": "#/definitions/D/allOf/0"}]},
            "E": {"allOf": [{"allOf": [{"$ref": "#/definitions/E"}]}]}
        }})),
    );
    add(
        "discriminator pointing at nothing",
        doc_with(json!({"definitions": {
            "Base": {"discriminator": "nope"},
            "Child": {"allOf": [{"$ref": "#/definitions/Base"}], "x-ms-discriminator-value": 5},
            "Child2": {"allOf": [{"$ref": "#/definitions/Base"}, {"$ref": "#/definitions/Base"}]},
            "Empty": {"discriminator": ""},
            "Wrong": {"discriminator": 5},
            "Enum": {"type": "string", "enum": [], "discriminator": "x"}
        }})),
    );
    let mut paths = Map::new();
    for p in PATHS {
        paths.insert(
            (*p).to_owned(),
            json!({"get": {"parameters": [{"name": "b", "in": "path", "type": "string"}, {"name": "", "in": "path"}, {"name": "{", "in": "path"}], "responses": {}}}),
        );
    }
    add("unbalanced path templates", doc_with(json!({"paths": paths})));

    let many: Vec<Value> =
        (0..2000).map(|i| json!({"name": format!("p{i}"), "in": "query", "type": "string"})).collect();
    add("2000 parameters", doc_with(json!({"paths": {"/a": {"get": {"parameters": many, "responses": {}}}}})));
    let same: Vec<Value> = (0..600).map(|_| json!({"name": "a", "in": "query", "type": "string"})).collect();
    add(
        "600 parameters with one name",
        doc_with(json!({"paths": {"/a": {"parameters": same.clone(), "get": {"parameters": same, "responses": {}}}}})),
    );
    let template: String = (0..500).map(|i| format!("/{{t{i}}}")).collect();
    let path_params: Vec<Value> = (0..500).map(|i| json!({"name": format!("t{}", i * 2), "in": "path"})).collect();
    add(
        "500 path parameters",
        doc_with(json!({"paths": {template: {"get": {"parameters": path_params, "responses": {}}}}})),
    );
    let mut ops = Map::new();
    for i in 0..600 {
        ops.insert(format!("/p{i}"), json!({"get": {"operationId": "same", "responses": {}}}));
    }
    add("600 operations with one operationId", doc_with(json!({"paths": ops})));
    let mut defs = Map::new();
    for i in 0..600 {
        defs.insert(
            format!("pet{}", "_".repeat(i % 3)),
            json!({"properties": {"a": {"$ref": format!("#/definitions/D{}", i + 1)}}}),
        );
        defs.insert(format!("D{i}"), json!({"properties": {"next": {"$ref": format!("#/definitions/D{}", i + 1)}, "self": {"$ref": format!("#/definitions/D{i}")}}}));
    }
    add("600 chained definitions", doc_with(json!({"definitions": defs})));

    let huge = "x".repeat(1 << 16);
    add(
        "huge strings",
        doc_with(
            json!({"info": {"title": huge, "version": huge}, "definitions": {huge.clone(): {"type": "string", "description": huge}},
                        "paths": {format!("/{huge}"): {"get": {"operationId": huge, "responses": {}}}}}),
        ),
    );
    add(
        "empty strings",
        doc_with(
            json!({"info": {"title": "", "version": ""}, "host": "", "basePath": "", "definitions": {"": {"properties": {"": {"type": ""}}}},
                        "paths": {"": {"get": {"operationId": "", "parameters": [{"name": "", "in": ""}], "responses": {"": {}}}}}}),
        ),
    );
    add(
        "wrong types everywhere",
        json!({"swagger": "2.0", "info": "x", "paths": {"/a": 5, "/b": {"get": 5, "put": [], "post": {"responses": 5}, "parameters": {}}},
               "definitions": [1, 2], "parameters": 5, "responses": "x", "securityDefinitions": [1], "security": {"a": 1},
               "consumes": "x", "produces": 5, "schemes": {}, "tags": 5, "host": 5, "basePath": []}),
    );
    add(
        "paths is a number",
        json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": 5, "definitions": 5}),
    );
    add(
        "numbers and arrays for maps",
        doc_with(
            json!({"paths": {"/a": {"get": {"parameters": [5, "x", null, [], {}], "responses": {"200": 5, "201": [], "202": null}}}},
                        "definitions": {"A": 5, "B": [], "C": null, "D": "x", "E": {"properties": [], "allOf": {}, "items": 5, "required": "x", "enum": 5}}}),
        ),
    );
    for version in
        [json!(2.0), json!(2), json!(null), json!(["2.0"]), json!({"v": "2.0"}), json!("2.0.0"), json!("3.0.0")]
    {
        add(
            &format!("swagger: {version}"),
            json!({"swagger": version, "info": {"title": "t", "version": "1"}, "paths": {}}),
        );
    }
    add(
        "openapi and swagger",
        json!({"swagger": "2.0", "openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}),
    );
    out
}

#[test]
fn hostile_documents() {
    let mut h = Harness::default();
    for (i, (label, doc)) in hostile().into_iter().enumerate() {
        // Large documents in one format only (alternating), to keep the run short.
        let json = serde_json::to_string(&doc).unwrap();
        let large = json.len() > 50_000;
        if !large || i % 2 == 0 {
            h.run(&format!("{label} (json)"), &fuzz_path(true), json, true);
        }
        if !large || i % 2 == 1 {
            let yaml = serde_yaml::to_string(&doc).unwrap();
            h.run(&format!("{label} (yaml)"), &fuzz_path(false), yaml, true);
        }
    }
    // Text-level oddities the value model cannot express.
    let texts = [
        ("alias bomb", {
            let mut t = String::from("swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\na0: &a0 [x, x, x, x, x, x]\n");
            for i in 1..7 {
                let prev = format!("*a{}", i - 1);
                t.push_str(&format!("a{i}: &a{i} [{prev}, {prev}, {prev}, {prev}, {prev}, {prev}]\n"));
            }
            t.push_str("paths: {}\ndefinitions:\n  A:\n    enum: *a6\n");
            t
        }),
        ("merge keys and anchors", "swagger: \"2.0\"\ninfo: &i {title: t, version: \"1\"}\npaths:\n  /a: &p\n    get: {responses: {200: {description: ok}}}\n  /b: *p\n  /c:\n    <<: *p\ndefinitions: {A: {<<: *i}}\n".to_owned()),
        ("byte order mark and CRLF", "\u{feff}swagger: \"2.0\"\r\ninfo:\r\n  title: t\r\n  version: \"1\"\r\npaths:\r\n  /a:\r\n    get:\r\n      parameters:\r\n        - name: q\r\n          in: cookie\r\n      responses: {}\r\n".to_owned()),
        ("non-string keys", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  ? [a, b]\n  : {get: {}}\n  1: {get: {}}\n  true: 5\n  null: {}\n  1.5: {}\n".to_owned()),
        ("tags and binary", "swagger: !!str 2.0\ninfo: {title: !!binary aGVsbG8=, version: \"1\"}\npaths: !!map {}\ndefinitions: {A: !custom {type: string}}\n".to_owned()),
        ("duplicate keys", "swagger: \"2.0\"\nswagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths: {}\npaths: {}\n".to_owned()),
        ("json with comments", "{\"swagger\": \"2.0\", // comment\n \"paths\": {}}".to_owned()),
        ("json big numbers", "{\"swagger\": \"2.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}, \"definitions\": {\"A\": {\"type\": \"integer\", \"enum\": [1e400, -1e400, 123456789012345678901234567890, 0.1e-400], \"maximum\": 1e999}}}".to_owned()),
        ("lone surrogate escape", "{\"swagger\": \"2.0\", \"info\": {\"title\": \"\\ud800\", \"version\": \"1\"}, \"paths\": {}}".to_owned()),
        ("nul bytes", "swagger: \"2.0\"\ninfo: {title: \"a\\0b\", version: \"1\"}\npaths: {\"/\\0\": {get: {operationId: \"\\0\", responses: {}}}}\n".to_owned()),
    ];
    for (label, text) in texts {
        h.run(label, &fuzz_path(false), text.clone(), true);
        h.run(&format!("{label} (as .json)"), &fuzz_path(true), text, true);
    }
    h.finish("hostile");
}

// ---------------------------------------------------------------------------------------------------------
// (c) mutations of the seed spec
// ---------------------------------------------------------------------------------------------------------

#[test]
fn seed_spec_mutations() {
    let seed = std::fs::read_to_string(common::crate_dir().join("../../spec/jira.yaml")).unwrap();
    let lines: Vec<&str> = seed.lines().collect();
    let mut h = Harness::default();
    let mut rng = Rng::new(3);
    for i in 0..150 {
        let mut mutant: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        for _ in 0..1 + rng.below(6) {
            let n = mutant.len();
            if n < 2 {
                break;
            }
            let a = rng.below(n);
            let b = rng.below(n);
            match rng.below(6) {
                0 => {
                    mutant.remove(a);
                }
                1 => {
                    let line = mutant[a].clone();
                    mutant.insert(b, line);
                }
                2 => mutant.swap(a, b),
                3 => {
                    // Re-indent a line.
                    let trimmed = mutant[a].trim_start().to_owned();
                    mutant[a] = format!("{}{trimmed}", " ".repeat(rng.below(12)));
                }
                4 => {
                    // Delete a block of lines.
                    let end = (a + rng.below(30)).min(n);
                    mutant.drain(a..end);
                }
                _ => {
                    // Cut a line short.
                    let line = &mutant[a];
                    let cut =
                        line.char_indices().nth(rng.below(line.chars().count() + 1)).map_or(line.len(), |(i, _)| i);
                    mutant[a] = line[..cut].to_owned();
                }
            }
        }
        let text = mutant.join("\n");
        h.run(&format!("seed mutant #{i}"), &common::crate_dir().join("../../spec/jira.yaml"), text, true);
    }
    h.finish("seed mutation");
}

// ---------------------------------------------------------------------------------------------------------
// Stack depth: long `$ref` chains through targets that are not root definitions are lowered on first use.
// A stack overflow aborts the process, which `catch_unwind` cannot see, so each case runs in a child process.
// ---------------------------------------------------------------------------------------------------------

const CHILD_ENV: &str = "SWAGGER2RS_NO_PANIC_CHILD";

/// A chain `#/x-s/n0 → n1 → … → n{len}` where each link nests by `via`.
fn ref_chain(len: usize, via: &str) -> String {
    let mut s = String::from(
        "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      responses:\n        \
         200:\n          description: ok\n          schema: {$ref: '#/x-s/n0'}\nx-s:\n",
    );
    for i in 0..len {
        let next = format!("{{$ref: '#/x-s/n{}'}}", i + 1);
        s.push_str(&match via {
            "properties" => format!("  n{i}: {{properties: {{p: {next}}}}}\n"),
            "items" => format!("  n{i}: {{type: array, items: {next}}}\n"),
            "allOf" => format!("  n{i}: {{allOf: [{next}]}}\n"),
            _ => format!("  n{i}: {{additionalProperties: {next}}}\n"),
        });
    }
    s.push_str(&format!("  n{len}: {{type: string}}\n"));
    s
}

/// Definitions in another file are not declared up front either: a root spec referring to the first of
/// `len` chained definitions in `models.yaml`. Written to a temporary directory.
fn external_definition_chain(len: usize) -> swagger2rs_parser::Loaded {
    let dir = std::env::temp_dir().join(format!("swagger2rs-no-panic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut models = String::from("definitions:\n");
    for i in 0..len {
        models.push_str(&format!("  D{i}:\n    properties:\n      next:\n        $ref: '#/definitions/D{}'\n", i + 1));
    }
    models.push_str(&format!("  D{len}:\n    type: string\n"));
    std::fs::write(dir.join("models.yaml"), models).unwrap();
    let root = "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      responses:\n        \
                200:\n          description: ok\n          schema: {$ref: 'models.yaml#/definitions/D0'}\n";
    std::fs::write(dir.join("root.yaml"), root).unwrap();
    let loaded = swagger2rs_parser::load(&dir.join("root.yaml"));
    std::fs::remove_dir_all(&dir).unwrap();
    loaded
}

#[test]
fn long_ref_chains_do_not_overflow_the_stack() {
    if let Ok(via) = std::env::var(CHILD_ENV) {
        let loaded = if via == "external definitions" {
            external_definition_chain(3000)
        } else {
            swagger2rs_parser::load_str("chain.yaml", ref_chain(3000, &via))
        };
        assert!(loaded.api.is_some() || loaded.diagnostics.has_errors());
        return;
    }
    let cases = ["properties", "items", "allOf", "additionalProperties", "external definitions"];
    let children: Vec<(&str, std::process::Child)> = cases
        .into_iter()
        .map(|via| {
            let child = std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "long_ref_chains_do_not_overflow_the_stack", "--test-threads=1", "--nocapture"])
                .env(CHILD_ENV, via)
                .env_remove("RUST_MIN_STACK")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("the test binary runs");
            (via, child)
        })
        .collect();
    let mut failures = Vec::new();
    for (via, child) in children {
        let pid = child.id();
        let output = child.wait_with_output().expect("the child finishes");
        // A child that aborted could not clean up after itself.
        let _ = std::fs::remove_dir_all(std::env::temp_dir().join(format!("swagger2rs-no-panic-{pid}")));
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).rev().take(2).collect();
            failures.push(format!("chain of 3000 refs ({via}): {} ({})", output.status, last.join(" | ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

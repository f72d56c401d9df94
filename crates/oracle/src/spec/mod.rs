//! The document generator: one seed, one valid Swagger 2.0 document.
//!
//! Documents are valid by construction (every `$ref` resolves, path templates and path parameters agree,
//! parameter names are unique per location, `body` and `formData` never meet), so the parser must accept
//! each without errors; what they exercise is every shape the IR models and names that need escaping.

mod names;
mod operations;
mod schema;

use serde_json::{Map, Value, json};

use crate::rng::Rng;
use schema::pointer_escape;

/// Derives the emitter can be asked to add to every model (`[types] derives`).
const DERIVES: &[&str] = &["Eq", "Hash", "PartialOrd", "Ord", "Default", "Copy"];

/// A document and the emitter options its client is generated with.
#[derive(Clone, Debug)]
pub struct Case {
    /// Names the case in findings and is its module in the batch: `seed_12` for generated documents.
    pub name: String,
    /// `case.yaml` or `case.json`: the document is written in either syntax.
    pub file_name: String,
    pub text: String,
    /// Configured extra derives.
    pub derives: Vec<String>,
    /// Configured extra attributes.
    pub attributes: Vec<String>,
}

/// The document for `seed`.
pub fn case(seed: u64) -> Case {
    let mut generator = Gen::new(seed);
    let document = generator.document();
    let json = generator.rng.chance(30);
    let text = if json {
        serde_json::to_string_pretty(&document).expect("a JSON value serializes")
    } else {
        serde_yaml::to_string(&document).expect("a JSON value serializes as YAML")
    };
    let derives = generator.rng.subset(DERIVES, 3).into_iter().map(|d| (*d).to_owned()).collect();
    let attributes = if generator.rng.chance(20) { vec!["#[non_exhaustive]".to_owned()] } else { Vec::new() };
    let file_name = if json { "case.json" } else { "case.yaml" }.to_owned();
    Case { name: format!("seed_{seed}"), file_name, text, derives, attributes }
}

/// Generation state: the random source and the names every part of the document may refer to.
struct Gen {
    rng: Rng,
    /// Definition names, fixed before any schema is generated so references can point anywhere.
    definitions: Vec<String>,
    /// `#/parameters` entries: (name, location).
    shared_parameters: Vec<(String, &'static str)>,
    /// `#/responses` entries.
    shared_responses: Vec<String>,
    security_schemes: Vec<String>,
    operation_ids: Vec<String>,
}

impl Gen {
    fn new(seed: u64) -> Self {
        Self {
            rng: Rng::new(seed),
            definitions: Vec::new(),
            shared_parameters: Vec::new(),
            shared_responses: Vec::new(),
            security_schemes: Vec::new(),
            operation_ids: Vec::new(),
        }
    }

    fn document(&mut self) -> Value {
        let count = self.rng.range(2, 8);
        while self.definitions.len() < count {
            let name = (*self.rng.pick(names::DEFINITIONS)).to_owned();
            if !self.definitions.contains(&name) {
                self.definitions.push(name);
            }
        }
        let mut doc = Map::new();
        doc.insert("swagger".into(), "2.0".into());
        let title = *self.rng.pick(&["Oracle", "Pet Store", "", "type", "Ünïcode API \u{202e}"]);
        doc.insert("info".into(), json!({ "title": title, "version": "1.0.0", "description": self.prose() }));
        if self.rng.chance(60) {
            doc.insert("host".into(), "api.example.com".into());
            doc.insert("basePath".into(), (*self.rng.pick(&["/", "/v1", "/api/v2/"])).into());
            let schemes: &[&str] = self.rng.pick::<&[&str]>(&[&["https"], &["http", "https"], &["http"]]);
            doc.insert("schemes".into(), json!(schemes));
        }
        if self.rng.chance(40) {
            doc.insert("consumes".into(), json!(["application/json"]));
            doc.insert("produces".into(), json!(["application/json"]));
        }
        let security = self.security_definitions();
        if !security.is_empty() {
            doc.insert("securityDefinitions".into(), security.into());
            if self.rng.chance(50) {
                doc.insert("security".into(), self.security_requirement());
            }
        }
        let parameters = self.shared_parameter_definitions();
        if !parameters.is_empty() {
            doc.insert("parameters".into(), parameters.into());
        }
        let responses = self.shared_response_definitions();
        if !responses.is_empty() {
            doc.insert("responses".into(), responses.into());
        }
        // Paths before definitions in the document, definitions generated first: their bodies decide nothing
        // the paths depend on, and either order is valid.
        let definitions = self.definitions();
        doc.insert("paths".into(), self.paths());
        doc.insert("definitions".into(), definitions);
        doc.into()
    }

    /// Every definition: a discriminated family now and then, `allOf` compositions of earlier objects, and
    /// any other shape.
    fn definitions(&mut self) -> Value {
        let n = self.definitions.len();
        let mut bodies: Vec<Option<Value>> = vec![None; n];
        if n >= 3 && self.rng.chance(50) {
            let base = self.rng.below(n);
            let mut object = self.object(0);
            object["properties"]["kind"] = json!({ "type": "string" });
            let mut required = object.get("required").cloned().unwrap_or_else(|| json!([]));
            required.as_array_mut().expect("required is a list").push("kind".into());
            object["required"] = required;
            object["discriminator"] = "kind".into();
            bodies[base] = Some(object);
            let base_ref = format!("#/definitions/{}", pointer_escape(&self.definitions[base]));
            for (child, body) in bodies.iter_mut().enumerate() {
                if child == base || !self.rng.chance(50) {
                    continue;
                }
                let mut composed = json!({ "allOf": [{ "$ref": base_ref }, self.object(1)] });
                if self.rng.chance(30) {
                    composed["x-ms-discriminator-value"] = format!("tag-{child}").into();
                }
                *body = Some(composed);
            }
        }
        let mut definitions = Map::new();
        for (i, body) in bodies.into_iter().enumerate() {
            let body = match body {
                Some(body) => body,
                None => self.plain_definition(i, &definitions),
            };
            definitions.insert(self.definitions[i].clone(), body);
        }
        // Document order is name order in neither direction: keep generation order.
        definitions.into()
    }

    fn plain_definition(&mut self, index: usize, earlier: &Map<String, Value>) -> Value {
        let objects: Vec<&String> = earlier
            .iter()
            .filter(|(_, body)| body.get("properties").is_some() && body.get("discriminator").is_none())
            .map(|(name, _)| name)
            .collect();
        if !objects.is_empty() && self.rng.chance(20) {
            // A wide parent, when there is one, half the time: its children are the ones composed.
            let wide: Vec<&String> = objects
                .iter()
                .copied()
                .filter(|name| earlier[name.as_str()]["properties"].get("wide_0").is_some())
                .collect();
            let pool = if !wide.is_empty() && self.rng.chance(50) { &wide } else { &objects };
            let parent = pointer_escape(self.rng.pick::<&String>(pool));
            return json!({ "allOf": [{ "$ref": format!("#/definitions/{parent}") }, self.object(1)] });
        }
        let mut body = self.definition(index);
        // Now and then an object too wide for its `allOf` children to copy, which they compose instead.
        if let Some(Value::Object(properties)) = body.get_mut("properties")
            && self.rng.chance(20)
        {
            for k in 0..33 {
                let ty = if k % 3 == 0 { "integer" } else { "string" };
                properties.insert(format!("wide_{k}"), json!({ "type": ty }));
            }
        }
        if self.rng.chance(15)
            && let Value::Object(map) = &mut body
            && !map.contains_key("$ref")
        {
            map.insert("x-nullable".into(), true.into());
        }
        body
    }

    fn security_definitions(&mut self) -> Map<String, Value> {
        let all = [
            ("basic_auth", json!({ "type": "basic" })),
            ("api_key", json!({ "type": "apiKey", "name": "X-API-Key", "in": "header" })),
            ("query-key", json!({ "type": "apiKey", "name": "api_key", "in": "query" })),
            (
                "oauth",
                json!({ "type": "oauth2", "flow": "implicit", "authorizationUrl": "https://auth.example.com/authorize",
                        "scopes": { "read:pets": "read", "write": "write" } }),
            ),
            (
                "client credentials",
                json!({ "type": "oauth2", "flow": "application", "tokenUrl": "https://auth.example.com/token",
                        "scopes": { "admin": "everything" } }),
            ),
            (
                "password",
                json!({ "type": "oauth2", "flow": "password", "tokenUrl": "https://auth.example.com/token", "scopes": {} }),
            ),
        ];
        let mut out = Map::new();
        for (name, scheme) in self.rng.subset(&all, 3) {
            self.security_schemes.push((*name).to_owned());
            out.insert((*name).to_owned(), scheme.clone());
        }
        out
    }

    /// A `security` list: no security (`[]`), or alternatives of one or two schemes.
    fn security_requirement(&mut self) -> Value {
        if self.rng.chance(20) {
            return json!([]);
        }
        let mut alternatives = Vec::new();
        for _ in 0..self.rng.range(1, 2) {
            let mut requirement = Map::new();
            for scheme in self.rng.subset(&self.security_schemes, 2) {
                requirement.insert(scheme.clone(), json!([]));
            }
            if requirement.is_empty() {
                requirement.insert(self.security_schemes[0].clone(), json!([]));
            }
            alternatives.push(Value::Object(requirement));
        }
        alternatives.into()
    }

    fn shared_parameter_definitions(&mut self) -> Map<String, Value> {
        let mut out = Map::new();
        for _ in 0..self.rng.range(0, 2) {
            let name = (*self.rng.pick(names::PARAMETERS)).to_owned();
            if out.contains_key(&name) {
                continue;
            }
            out.insert(name.clone(), self.simple_parameter(&name, "query"));
            self.shared_parameters.push((name, "query"));
        }
        out
    }

    fn shared_response_definitions(&mut self) -> Map<String, Value> {
        let mut out = Map::new();
        for name in self.rng.subset(&["NotFound", "Error", "type"], 2) {
            let response = self.response("404");
            out.insert((*name).to_owned(), response);
            self.shared_responses.push((*name).to_owned());
        }
        out
    }
}

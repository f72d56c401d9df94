//! Paths and operations: path, query, header, formData and body parameters (collection formats, nested
//! arrays, enums, defaults, file uploads, shared `#/parameters` and path-level parameters), request and
//! response media types, multiple responses with headers, `default` responses, shared `#/responses`,
//! per-operation security.

use serde_json::{Map, Value, json};

use super::Gen;
use super::names;

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options"];
const FORMATS: &[&str] = &["csv", "ssv", "tsv", "pipes"];
const STATUSES: &[&str] =
    &["200", "201", "202", "204", "206", "301", "304", "400", "401", "404", "409", "422", "500", "503", "default"];
const PRODUCES: &[&[&str]] = &[
    &["application/json"],
    &["application/json", "application/xml"],
    &["text/plain"],
    &["application/octet-stream"],
    &["application/xml"],
    &["application/problem+json"],
];

impl Gen {
    /// `paths`: a few templates, each with one or more operations.
    pub(super) fn paths(&mut self) -> Value {
        let mut paths = Map::new();
        for _ in 0..self.rng.range(1, 5) {
            let (template, path_params) = self.template();
            if paths.contains_key(&template) {
                continue;
            }
            let mut item = Map::new();
            // Path parameters declared once for every operation of the path, sometimes.
            let shared = self.rng.chance(30);
            if shared {
                let params: Vec<Value> = path_params.iter().map(|p| self.path_parameter(p)).collect();
                item.insert("parameters".into(), params.into());
            }
            for method in self.rng.subset(METHODS, 3) {
                let operation = self.operation(method, if shared { &[] } else { &path_params });
                item.insert((*method).into(), operation);
            }
            if item.keys().any(|k| k != "parameters") {
                paths.insert(template, item.into());
            }
        }
        paths.into()
    }

    /// A path template and the names of its parameters.
    fn template(&mut self) -> (String, Vec<String>) {
        let mut template = String::new();
        let mut params = Vec::new();
        for _ in 0..self.rng.range(1, 3) {
            template.push('/');
            template.push_str(self.rng.pick::<&str>(names::SEGMENTS));
            if self.rng.chance(45) {
                let name = (*self.rng.pick(names::PATH_PARAMETERS)).to_owned();
                if !params.contains(&name) {
                    template.push_str(&format!("/{{{name}}}"));
                    params.push(name);
                }
            }
        }
        (template, params)
    }

    fn operation(&mut self, method: &str, path_params: &[String]) -> Value {
        let mut op = Map::new();
        if let Some(id) = self.rng.pick(names::OPERATION_IDS)
            && !self.operation_ids.iter().any(|used| used == id)
        {
            self.operation_ids.push((*id).to_owned());
            op.insert("operationId".into(), (*id).into());
        }
        if self.rng.chance(40) {
            op.insert("summary".into(), self.prose().into());
        }
        if self.rng.chance(30) {
            op.insert("description".into(), self.prose().into());
        }
        if self.rng.chance(50) {
            let tags: Vec<Value> = self.rng.subset(names::TAGS, 2).into_iter().map(|t| Value::from(*t)).collect();
            op.insert("tags".into(), tags.into());
        }
        if self.rng.chance(10) {
            op.insert("deprecated".into(), true.into());
        }
        let mut params: Vec<Value> = path_params.iter().map(|p| self.path_parameter(p)).collect();
        let mut used: Vec<(String, &str)> = path_params.iter().map(|p| (p.clone(), "path")).collect();
        for _ in 0..self.rng.range(0, 3) {
            let name = (*self.rng.pick(names::PARAMETERS)).to_owned();
            if used.contains(&(name.clone(), "query")) {
                continue;
            }
            params.push(self.simple_parameter(&name, "query"));
            used.push((name, "query"));
        }
        for _ in 0..self.rng.range(0, 2) {
            let name = (*self.rng.pick(names::HEADERS)).to_owned();
            if used.contains(&(name.clone(), "header")) {
                continue;
            }
            params.push(self.simple_parameter(&name, "header"));
            used.push((name, "header"));
        }
        if self.rng.chance(25) && !self.shared_parameters.is_empty() {
            let (name, location) = self.rng.pick(&self.shared_parameters).clone();
            if !used.iter().any(|(n, l)| *n == name && *l == location) {
                params.push(json!({ "$ref": format!("#/parameters/{name}") }));
            }
        }
        let sends_content = !matches!(method, "get" | "head" | "options" | "delete");
        if sends_content {
            match self.rng.below(3) {
                0 => self.body(&mut op, &mut params),
                1 => self.form(&mut op, &mut params),
                _ => {}
            }
        }
        if !params.is_empty() {
            op.insert("parameters".into(), params.into());
        }
        let produces = *self.rng.pick(PRODUCES);
        if self.rng.chance(60) {
            op.insert("produces".into(), produces.iter().map(|m| Value::from(*m)).collect::<Vec<_>>().into());
        }
        op.insert("responses".into(), self.responses());
        if self.rng.chance(25) && !self.security_schemes.is_empty() {
            op.insert("security".into(), self.security_requirement());
        }
        op.into()
    }

    fn path_parameter(&mut self, name: &str) -> Value {
        let mut param = Map::new();
        param.insert("name".into(), name.into());
        param.insert("in".into(), "path".into());
        param.insert("required".into(), true.into());
        match self.rng.below(5) {
            0 => {
                param.extend(self.enum_schema().into_iter().filter(|(k, _)| k != "default"));
            }
            1 => {
                param.insert("type".into(), "array".into());
                param.insert("items".into(), Value::Object(self.scalar()));
                param.insert("collectionFormat".into(), (*self.rng.pick(FORMATS)).into());
            }
            _ => {
                let scalar = self.scalar();
                param.extend(scalar);
            }
        }
        param.into()
    }

    /// A query, header or formData parameter that is not a file.
    pub(super) fn simple_parameter(&mut self, name: &str, location: &str) -> Value {
        let mut param = Map::new();
        param.insert("name".into(), name.into());
        param.insert("in".into(), location.into());
        if self.rng.chance(40) {
            param.insert("required".into(), true.into());
        }
        if self.rng.chance(30) {
            param.insert("description".into(), self.prose().into());
        }
        let multi = matches!(location, "query" | "formData");
        match self.rng.weighted(&[50, 15, 20, 8]) {
            0 => {
                let scalar = self.scalar();
                if self.rng.chance(25)
                    && let Some(default) = self.primitive_value(&scalar)
                {
                    param.insert("default".into(), default);
                }
                param.extend(scalar);
            }
            1 => param.extend(self.enum_schema()),
            2 => {
                let items = if self.rng.chance(25) { self.enum_schema() } else { self.scalar() };
                if self.rng.chance(20)
                    && let Some(value) =
                        items.get("enum").and_then(|e| e.get(0)).cloned().or_else(|| self.primitive_value(&items))
                {
                    param.insert("default".into(), json!([value]));
                }
                param.insert("type".into(), "array".into());
                param.insert("items".into(), Value::Object(items));
                if self.rng.chance(70) {
                    let format = if multi && self.rng.chance(30) { "multi" } else { self.rng.pick(FORMATS) };
                    param.insert("collectionFormat".into(), format.into());
                }
            }
            _ => {
                // An array of arrays: the inner one joined by its own format first.
                let mut inner = Map::new();
                inner.insert("type".into(), "array".into());
                inner.insert("items".into(), Value::Object(self.scalar()));
                inner.insert("collectionFormat".into(), (*self.rng.pick(FORMATS)).into());
                param.insert("type".into(), "array".into());
                param.insert("items".into(), inner.into());
                let format = if multi && self.rng.chance(30) { "multi" } else { self.rng.pick(FORMATS) };
                param.insert("collectionFormat".into(), format.into());
            }
        }
        param.into()
    }

    /// A primitive usable in a path, query, header or form value (no binary strings).
    fn scalar(&mut self) -> Map<String, Value> {
        loop {
            let schema = self.primitive();
            if schema.get("format").and_then(Value::as_str) != Some("binary") {
                return schema;
            }
        }
    }

    /// A `body` parameter and the `consumes` that go with it: JSON of any schema, raw bytes, or text.
    fn body(&mut self, op: &mut Map<String, Value>, params: &mut Vec<Value>) {
        let (consumes, schema): (&[&str], Value) = match self.rng.weighted(&[70, 10, 5, 8, 7]) {
            0 => (&["application/json"], self.schema(0)),
            1 => (&["application/octet-stream"], json!({ "type": "string", "format": "binary" })),
            2 => (&["application/octet-stream"], json!({ "type": "file" })),
            3 => (&["text/plain"], json!({ "type": "string" })),
            _ => (&["application/json", "text/plain"], self.object(0)),
        };
        op.insert("consumes".into(), consumes.iter().map(|m| Value::from(*m)).collect::<Vec<_>>().into());
        let name = *self.rng.pick(&["body", "payload", "type", "request", "Pet"]);
        let mut param = json!({ "name": name, "in": "body", "schema": schema });
        if self.rng.chance(60) {
            param["required"] = true.into();
        }
        params.push(param);
    }

    /// formData parameters (files make the form multipart) and their `consumes`.
    fn form(&mut self, op: &mut Map<String, Value>, params: &mut Vec<Value>) {
        let mut names: Vec<String> = Vec::new();
        let mut has_file = false;
        for _ in 0..self.rng.range(1, 3) {
            let name = (*self.rng.pick(names::PARAMETERS)).to_owned();
            if names.contains(&name) || params.iter().any(|p| p["name"] == name.as_str() && p["in"] == "formData") {
                continue;
            }
            if self.rng.chance(30) {
                has_file = true;
                let mut file = json!({ "name": name, "in": "formData", "type": "file" });
                if self.rng.chance(50) {
                    file["required"] = true.into();
                }
                params.push(file);
            } else {
                params.push(self.simple_parameter(&name, "formData"));
            }
            names.push(name);
        }
        let consumes =
            if has_file || self.rng.chance(50) { "multipart/form-data" } else { "application/x-www-form-urlencoded" };
        op.insert("consumes".into(), json!([consumes]));
    }

    /// One to four responses, with or without schemas and headers, sometimes shared through `#/responses`.
    fn responses(&mut self) -> Value {
        let mut responses = Map::new();
        for status in self.rng.subset(STATUSES, 4) {
            if self.rng.chance(15) && !self.shared_responses.is_empty() {
                let name = self.rng.pick(&self.shared_responses).clone();
                responses.insert((*status).into(), json!({ "$ref": format!("#/responses/{name}") }));
                continue;
            }
            responses.insert((*status).into(), self.response(status));
        }
        if responses.is_empty() {
            responses.insert("200".into(), self.response("200"));
        }
        responses.into()
    }

    pub(super) fn response(&mut self, status: &str) -> Value {
        let mut response = Map::new();
        response.insert("description".into(), self.prose().into());
        let with_schema = if status == "204" { self.rng.chance(10) } else { self.rng.chance(70) };
        if with_schema {
            let schema = if self.rng.chance(5) { json!({ "type": "file" }) } else { self.schema(0) };
            response.insert("schema".into(), schema);
        }
        if self.rng.chance(25) {
            let mut headers = Map::new();
            for name in self.rng.subset(names::RESPONSE_HEADERS, 3) {
                let header = if self.rng.chance(20) {
                    json!({ "type": "array", "items": Value::Object(self.scalar()), "collectionFormat": "csv" })
                } else {
                    Value::Object(self.scalar())
                };
                headers.insert((*name).into(), header);
            }
            response.insert("headers".into(), headers.into());
        }
        response.into()
    }
}

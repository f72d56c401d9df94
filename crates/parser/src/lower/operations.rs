//! Paths → operations: Swagger's `paths`, then AutoRest's `x-ms-paths`, whose keys may carry a fixed query
//! (`/{container}?restype=container&comp=list`) that tells apart operations on one path and method.

use std::borrow::Cow;
use std::collections::HashSet;

use serde_json::{Map, Value};

use super::Lowerer;
use super::parameters::Located;
use crate::diagnostic::Code;
use crate::ir::{HttpMethod, Operation, PathSegment, QueryPair, Response, SecurityScheme, StatusCode};
use crate::model::{self, PATH_ITEM_METHODS, ParameterIn, Swagger};
use crate::naming::Ident;
use crate::naming::operation_base_name;
use crate::source::{FileId, Node};

/// The root tables of path items, lowered in this order: `paths`, then AutoRest's `x-ms-paths`.
#[derive(Clone, Copy)]
enum PathTable {
    Paths,
    MsPaths,
}

impl PathTable {
    const ALL: [PathTable; 2] = [PathTable::Paths, PathTable::MsPaths];

    fn key(self) -> &'static str {
        match self {
            PathTable::Paths => "paths",
            PathTable::MsPaths => "x-ms-paths",
        }
    }

    /// Splits a key of this table into its path and its fixed query: only `x-ms-paths` keys carry one (a `?` in
    /// a `paths` key stays part of the path, as Swagger 2.0 says).
    fn split(self, key: &str) -> (&str, Option<&str>) {
        match self {
            PathTable::Paths => (key, None),
            PathTable::MsPaths => match key.split_once('?') {
                Some((path, query)) => (path, Some(query)),
                None => (key, None),
            },
        }
    }
}

/// A key of a path table, split, with where it was written.
struct PathKey<'a> {
    /// The key as written, query included.
    key: &'a str,
    path: &'a str,
    query: Option<&'a str>,
    /// The key's entry in its table (where path-syntax findings are reported).
    at: Node,
}

impl Lowerer<'_> {
    pub(super) fn operations(&mut self, swagger: &Swagger, schemes: &[SecurityScheme]) -> Vec<Operation> {
        let mut operations = Vec::new();
        let mut seen_ids = HashSet::new();
        for table in PathTable::ALL {
            let Some(paths) = self.path_table(table) else { continue };
            let table_at = Node::root(FileId::ROOT).push(table.key());
            for (key, item) in paths {
                if key.starts_with("x-") {
                    continue;
                }
                let (path, query) = table.split(key);
                let key = PathKey { key, path, query, at: table_at.push(key) };
                let context = ItemContext { swagger, schemes, key: &key };
                self.path_item(&context, item, &mut seen_ids, &mut operations);
            }
        }
        operations
    }
}

impl<'s> Lowerer<'s> {
    /// The root table `table` when it is an object. Anything else but `null` is reported as ignored.
    fn path_table(&mut self, table: PathTable) -> Option<&'s Map<String, Value>> {
        let sources = self.sources;
        match sources.root().value.get(table.key())? {
            Value::Object(paths) => Some(paths),
            Value::Null => None,
            _ => {
                let at = Node::root(FileId::ROOT).push(table.key());
                let message = format!(
                    "`{}` must be an object mapping paths to path items; it is ignored, so no operation comes from it",
                    table.key()
                );
                self.warning(Code::InvalidShape, &at, message);
                None
            }
        }
    }
}

impl Lowerer<'_> {
    /// Lowers the operations of one path item (following its `$ref`), in method order.
    fn path_item(
        &mut self,
        context: &ItemContext<'_>,
        item: &Value,
        seen_ids: &mut HashSet<String>,
        operations: &mut Vec<Operation>,
    ) {
        let Some((at, item)) = self.follow_path_item_refs(context.key.at.clone(), item) else { return };
        let Value::Object(item) = item else {
            self.warning(Code::InvalidShape, &at, "a path item must be an object; this path is left out");
            return;
        };
        self.report_unknown_item_keys(item, &at);
        let shared = self.parameter_list(item.get("parameters"), &at.push("parameters"));
        for method_key in PATH_ITEM_METHODS {
            let Some(op_value) = item.get(method_key) else { continue };
            let op_at = at.push(method_key);
            let Some(op) = self.deserialize::<model::Operation>(op_value, &op_at) else { continue };
            if let Some(id) = op.operation_id.as_deref() {
                if !seen_ids.insert(id.to_owned()) {
                    let message = format!("operationId `{id}` is used by an earlier operation; this one is renamed");
                    self.warning(Code::DuplicateOperationId, &op_at.push("operationId"), message);
                }
            }
            let own = self.parameter_list(op_value.get("parameters"), &op_at.push("parameters"));
            let context = OperationContext { item: context, method_key, at: op_at };
            operations.push(self.operation(&context, &op, &shared, own, op_value));
        }
    }

    /// Keys of a path item that are neither an operation nor `parameters`, `$ref` or an extension (`GET`,
    /// `trace`): reported, since no operation comes from them.
    fn report_unknown_item_keys(&mut self, item: &Map<String, Value>, at: &Node) {
        for key in item.keys() {
            let known = PATH_ITEM_METHODS.contains(&key.as_str()) || matches!(key.as_str(), "parameters" | "$ref");
            if !known && !key.starts_with("x-") {
                let message = format!(
                    "`{key}` is not a key of a Swagger 2.0 path item (the methods are {}); it is ignored",
                    PATH_ITEM_METHODS.join(", ")
                );
                self.warning(Code::Ignored, &at.push(key), message);
            }
        }
    }

    fn operation(
        &mut self,
        context: &OperationContext<'_>,
        op: &model::Operation,
        shared: &[Located],
        own: Vec<Located>,
        op_value: &Value,
    ) -> Operation {
        let OperationContext { item: &ItemContext { swagger, schemes, key }, method_key, ref at } = *context;
        let method = HttpMethod::from_key(method_key).unwrap_or(HttpMethod::Get);
        let merged = super::parameters::merge(shared, own);
        let template = self.path_template(key, &merged);
        let fixed_query = key.query.map(|query| self.fixed_query(query, &key.at)).unwrap_or_default();
        let base = operation_base_name(op.operation_id.as_deref(), method_key, &naming_path(&template, &fixed_query));
        let (name, type_name) = self.claim_operation_names(op.operation_id.as_deref(), &base);
        let path_segments = parse_path_template(&template);
        let consumes = op.consumes.clone().unwrap_or_else(|| swagger.consumes.clone());
        let (parameters, body) = self.lower_parameters(type_name.as_str(), merged, &path_segments, &consumes, at);
        let produces = op.produces.clone().unwrap_or_else(|| swagger.produces.clone());
        let mut responses = self.responses(op_value.get("responses"), type_name.as_str(), at);
        self.decide_decodings(&mut responses, &produces, at);
        let (success_enum, error_enum) = self.response_enums(&responses, type_name.as_str());
        let headers_type = responses
            .iter()
            .any(|r| !r.headers.is_empty())
            .then(|| self.type_names.claim(&format!("{type_name}Headers")));
        let security = self.effective_security(op.security.as_ref(), &swagger.security, schemes, at);
        let mut operation = Operation {
            operation_id: op.operation_id.clone(),
            group_method: name.clone(),
            name,
            type_name,
            method,
            path: key.key.to_owned(),
            path_segments,
            fixed_query,
            tags: op.tags.clone(),
            groups: Vec::new(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            deprecated: op.deprecated,
            accept: super::wire::accept(&produces),
            untyped_decoding: super::wire::untyped_decoding(&produces),
            form: super::wire::form_encoding(&parameters, &consumes),
            consumes,
            produces,
            schemes: op.schemes.clone().unwrap_or_else(|| swagger.schemes.clone()),
            security,
            parameters,
            body,
            responses,
            success_enum,
            error_enum,
            headers_type,
            pagination: None,
            long_running: None,
            location: self.location(at),
        };
        self.decide_paging(&mut operation, &op.extensions, at);
        operation
    }
}

impl Lowerer<'_> {
    /// Claims `{Op}Success` / `{Op}Failure` type names for the sides whose responses differ in body type.
    fn response_enums(&mut self, responses: &[Response], op_type_name: &str) -> (Option<Ident>, Option<Ident>) {
        let default = responses.iter().find(|r| r.status == StatusCode::Default);
        let distinct = |side: &dyn Fn(&Response) -> bool| {
            let mut bodies: Vec<&Response> = Vec::new();
            for r in responses.iter().filter(|r| side(r)).chain(default) {
                if !bodies.iter().any(|b| b.same_body_as(r)) {
                    bodies.push(r);
                }
            }
            bodies.len() > 1
        };
        let success = distinct(&|r: &Response| r.status.is_success());
        let error = distinct(&|r: &Response| r.status.is_error_code());
        (
            success.then(|| self.type_names.claim(&format!("{op_type_name}Success"))),
            error.then(|| self.type_names.claim(&format!("{op_type_name}Failure"))),
        )
    }
}

/// What the operations of one path item share.
struct ItemContext<'a> {
    swagger: &'a Swagger,
    schemes: &'a [SecurityScheme],
    key: &'a PathKey<'a>,
}

struct OperationContext<'a> {
    item: &'a ItemContext<'a>,
    method_key: &'static str,
    /// The operation object.
    at: Node,
}

impl Lowerer<'_> {
    /// The path part of `key` with each whole `:name` segment for a declared path parameter (Gin, Express,
    /// swaggo) written as `{name}`, each reported. Other `:` stay literal (`/v1/things:batchGet`).
    fn path_template<'k>(&mut self, key: &PathKey<'k>, merged: &[Located]) -> Cow<'k, str> {
        let declared: HashSet<&str> = merged
            .iter()
            .filter(|p| p.parameter.location == ParameterIn::Path)
            .map(|p| p.parameter.name.as_str())
            .collect();
        let (template, read) = colon_segments(key.path, &declared);
        for name in read {
            let message = format!(
                "path segment `:{name}` is read as the path parameter `{{{name}}}` (Gin/Express syntax; Swagger 2.0 \
                 writes `{{{name}}}`)"
            );
            self.warning(Code::PathSyntax, &key.at, message);
        }
        template
    }

    /// The pairs of an `x-ms-paths` key's query (`restype=container&comp`), percent-decoded; empty pieces
    /// (`a=1&&b=2`) carry nothing and are skipped.
    fn fixed_query(&mut self, query: &str, at: &Node) -> Vec<QueryPair> {
        let mut pairs = Vec::new();
        for piece in query.split('&').filter(|piece| !piece.is_empty()) {
            let (name, value) = match piece.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (piece, None),
            };
            let name = self.decode_query_text(name, at);
            let value = value.map(|value| self.decode_query_text(value, at));
            pairs.push(QueryPair { name, value });
        }
        pairs
    }

    /// Query text as the server reads it: `+` is a space and `%XX` a byte. Bytes that are not UTF-8 become
    /// U+FFFD, with a warning.
    fn decode_query_text(&mut self, text: &str, at: &Node) -> String {
        let bytes = percent_decode(text);
        match String::from_utf8(bytes) {
            Ok(decoded) => decoded,
            Err(err) => {
                let message = format!(
                    "the query text `{text}` is not UTF-8 once percent-decoded; invalid bytes are sent as U+FFFD"
                );
                self.warning(Code::InvalidShape, at, message);
                String::from_utf8_lossy(err.as_bytes()).into_owned()
            }
        }
    }
}

/// The whole segments of `path` that are `:name` for a name in `declared`, written as `{name}`, and those
/// names in path order. The path is returned unchanged (borrowed) when there is none.
fn colon_segments<'p>(path: &'p str, declared: &HashSet<&str>) -> (Cow<'p, str>, Vec<String>) {
    // A name with a brace could not be written back as one placeholder.
    let param = |segment: &'p str| {
        segment.strip_prefix(':').filter(|name| !name.contains(['{', '}']) && declared.contains(name))
    };
    if !path.split('/').any(|segment| param(segment).is_some()) {
        return (Cow::Borrowed(path), Vec::new());
    }
    let mut read = Vec::new();
    let segments: Vec<Cow<'_, str>> = path
        .split('/')
        .map(|segment| match param(segment) {
            Some(name) => {
                read.push(name.to_owned());
                Cow::Owned(format!("{{{name}}}"))
            }
            None => Cow::Borrowed(segment),
        })
        .collect();
    (Cow::Owned(segments.join("/")), read)
}

/// What an operation without an `operationId` is named from: its template, with the fixed query's names and
/// values as one more segment, so operations on one path and method that differ only in their query get
/// different names (`get_by_container_name_restype_container_comp_list`).
fn naming_path<'a>(template: &'a str, fixed_query: &[QueryPair]) -> Cow<'a, str> {
    if fixed_query.is_empty() {
        return Cow::Borrowed(template);
    }
    let words: Vec<&str> =
        fixed_query.iter().flat_map(|pair| [Some(pair.name.as_str()), pair.value.as_deref()]).flatten().collect();
    Cow::Owned(format!("{template}/{}", words.join(" ")))
}

/// `+` as a space and `%XX` as its byte; a `%` not followed by two hex digits is kept.
fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| char::from(*b).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

/// Splits `/a/{b}/c{d}` into literal and parameter segments. An unclosed `{` is literal text.
pub fn parse_path_template(path: &str) -> Vec<PathSegment> {
    let mut segments = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        if open > 0 {
            segments.push(PathSegment::Literal(rest[..open].to_owned()));
        }
        segments.push(PathSegment::Param(rest[open + 1..close].to_owned()));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        segments.push(PathSegment::Literal(rest.to_owned()));
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_templates() {
        use PathSegment::*;
        assert_eq!(
            parse_path_template("/a/{b}/c{d}"),
            [Literal("/a/".into()), Param("b".into()), Literal("/c".into()), Param("d".into())]
        );
        assert_eq!(parse_path_template("/x/{open"), [Literal("/x/{open".into())]);
        assert_eq!(parse_path_template(""), []);
    }
}

//! Paths → operations.

use std::collections::HashSet;

use serde_json::Value;

use super::Lowerer;
use crate::diagnostic::Code;
use crate::ir::{HttpMethod, Operation, PathSegment, Response, SecurityScheme, StatusCode};
use crate::model::{self, PATH_ITEM_METHODS, Swagger};
use crate::naming::Ident;
use crate::naming::operation_base_name;
use crate::source::{FileId, Node};

impl Lowerer<'_> {
    pub(super) fn operations(&mut self, swagger: &Swagger, schemes: &[SecurityScheme]) -> Vec<Operation> {
        let sources = self.sources;
        let Some(Value::Object(paths)) = sources.root().value.get("paths") else { return Vec::new() };
        let table = Node::root(FileId::ROOT).push("paths");
        let mut operations = Vec::new();
        let mut seen_ids = HashSet::new();
        for (path, item) in paths {
            if path.starts_with("x-") {
                continue;
            }
            let Some((at, item)) = self.follow_path_item_refs(table.push(path), item) else { continue };
            let Value::Object(item) = item else {
                self.error(Code::InvalidShape, &at, "a path item must be an object");
                continue;
            };
            let shared = self.parameter_list(item.get("parameters"), &at.push("parameters"));
            for method_key in PATH_ITEM_METHODS {
                let Some(op_value) = item.get(method_key) else { continue };
                let op_at = at.push(method_key);
                let Some(op) = self.deserialize::<model::Operation>(op_value, &op_at) else { continue };
                if let Some(id) = op.operation_id.as_deref() {
                    if !seen_ids.insert(id.to_owned()) {
                        let message =
                            format!("operationId `{id}` is used by an earlier operation; this one is renamed");
                        self.warning(Code::DuplicateOperationId, &op_at.push("operationId"), message);
                    }
                }
                let own = self.parameter_list(op_value.get("parameters"), &op_at.push("parameters"));
                let context = OperationContext { swagger, schemes, path, method_key, at: op_at };
                operations.push(self.operation(&context, &op, &shared, own, op_value));
            }
        }
        operations
    }

    fn operation(
        &mut self,
        context: &OperationContext<'_>,
        op: &model::Operation,
        shared: &[super::parameters::Located],
        own: Vec<super::parameters::Located>,
        op_value: &Value,
    ) -> Operation {
        let OperationContext { swagger, schemes, path, method_key, ref at } = *context;
        let method = HttpMethod::from_key(method_key).unwrap_or(HttpMethod::Get);
        let base = operation_base_name(op.operation_id.as_deref(), method_key, path);
        let (name, type_name) = self.claim_operation_names(op.operation_id.as_deref(), &base);
        let path_segments = parse_path_template(path);
        let consumes = op.consumes.clone().unwrap_or_else(|| swagger.consumes.clone());
        let merged = super::parameters::merge(shared, own);
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
            path: path.to_owned(),
            path_segments,
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

struct OperationContext<'a> {
    swagger: &'a Swagger,
    schemes: &'a [SecurityScheme],
    path: &'a str,
    method_key: &'static str,
    /// The operation object.
    at: Node,
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

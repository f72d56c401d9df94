//! Responses: one entry per declared status code (and `default`), each with its body type and headers.

use serde_json::Value;

use super::{Lowerer, Referrer};
use crate::diagnostic::Code;
use crate::ir::{Response, ResponseDecoding, ResponseHeader, StatusCode};
use crate::model;
use crate::naming::{Case, Namespace, to_ident};
use crate::source::Node;

impl Lowerer<'_> {
    /// Lowers an operation's `responses`, sorted by status code with `default` last.
    pub(super) fn responses(&mut self, value: Option<&Value>, op_type_name: &str, op_at: &Node) -> Vec<Response> {
        let table = op_at.push("responses");
        let Some(Value::Object(entries)) = value else { return Vec::new() };
        let mut responses = Vec::new();
        for (code, entry) in entries {
            if code.starts_with("x-") {
                continue;
            }
            let status = match code.as_str() {
                "default" => StatusCode::Default,
                digits => match digits.parse::<u16>() {
                    Ok(n) if (100..=599).contains(&n) => StatusCode::Code(n),
                    _ => {
                        let message = format!("`{code}` is not an HTTP status code or `default`; response ignored");
                        self.error(Code::InvalidShape, &table.push(code), message);
                        continue;
                    }
                },
            };
            let Some((at, value)) = self.follow_refs(table.push(code), entry, Referrer::Response) else { continue };
            let Some(response) = self.deserialize::<model::Response>(value, &at) else { continue };
            let context = match status {
                StatusCode::Code(200) => format!("{op_type_name}Response"),
                StatusCode::Code(n) => format!("{op_type_name}Response{n}"),
                StatusCode::Default => format!("{op_type_name}DefaultResponse"),
            };
            let ty = response.schema.as_ref().map(|schema| self.type_ref(schema, &at.push("schema"), &context));
            let mut names = Namespace::new(Case::Snake, "header", &[]);
            let mut headers = Vec::new();
            for (wire_name, header) in &response.headers {
                let header_context = format!("{context}{}", to_ident(wire_name, Case::UpperCamel, "Header"));
                let ptr = at.push("headers").push(wire_name);
                headers.push(ResponseHeader {
                    wire_name: wire_name.clone(),
                    name: names.claim(wire_name),
                    ty: self.header_type(&header.schema, &header_context, &ptr),
                    description: header.description.clone(),
                });
            }
            // Decided per operation once all responses are known (see `wire`).
            let decoding = ResponseDecoding::Json;
            responses.push(Response { status, description: response.description, ty, decoding, headers });
        }
        responses.sort_by_key(|r| r.status);
        responses
    }
}

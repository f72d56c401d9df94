//! Wire decisions: how each body is encoded, each response decoded, which `Accept` is sent and how forms are
//! encoded, decided once from the media types and schemas and stored in the IR as enums.

use super::Lowerer;
use crate::diagnostic::Code;
use crate::ir::{
    BodyEncoding, FormEncoding, MediaType, ParamLocation, Parameter, Primitive, Response, ResponseDecoding, StatusCode,
    StringFormat, TypeKind, TypeRef,
};
use crate::source::Node;

/// What a schema is, as far as the wire is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// `type: file`, or a `binary`/`byte` string: octets.
    Binary,
    /// Any other string.
    Text,
    /// Objects, arrays, numbers, booleans, free-form JSON.
    Structured,
}

impl Lowerer<'_> {
    /// The schema's shape, looking through named aliases (`Blob: {type: string, format: binary}`).
    fn shape(&self, ty: &TypeRef) -> Shape {
        let mut ty = ty;
        // Bounded: alias cycles are reported elsewhere and must not hang this walk.
        for _ in 0..64 {
            match ty {
                TypeRef::File | TypeRef::Primitive(Primitive::String(StringFormat::Binary | StringFormat::Byte)) => {
                    return Shape::Binary;
                }
                TypeRef::Primitive(Primitive::String(_)) => return Shape::Text,
                TypeRef::Named(id) => match self.types.get(id.0).and_then(Option::as_ref).map(|t| &t.kind) {
                    Some(TypeKind::Alias(target)) => ty = target,
                    _ => return Shape::Structured,
                },
                _ => return Shape::Structured,
            }
        }
        Shape::Structured
    }

    /// How a body of type `ty` is sent, given the operation's `consumes`:
    /// - files always, and binary or base64 strings when a non-JSON type is listed, as raw bytes in the first
    ///   such type (`application/octet-stream` when none is listed);
    /// - strings, when the first listed type is a non-JSON one, as text in it;
    /// - everything else as JSON, in the first JSON type listed (`application/merge-patch+json`), else
    ///   `application/json` — with a warning when the spec lists only types the client cannot encode.
    pub(super) fn body_encoding(&mut self, ty: &TypeRef, consumes: &[String], at: &Node) -> (BodyEncoding, MediaType) {
        let media: Vec<MediaType> = consumes.iter().map(MediaType::new).collect();
        let first_raw = media.iter().find(|m| m.is_raw()).cloned();
        let shape = self.shape(ty);
        match (shape, &first_raw) {
            (Shape::Binary, Some(raw)) => return (BodyEncoding::Bytes, raw.clone()),
            (Shape::Binary, None) if *ty == TypeRef::File => {
                return (BodyEncoding::Bytes, MediaType::octet_stream());
            }
            (Shape::Text, _) if media.first().is_some_and(MediaType::is_raw) => {
                return (BodyEncoding::Text, media[0].clone());
            }
            _ => {}
        }
        if let Some(json) = media.iter().find(|m| m.is_json()) {
            return (BodyEncoding::Json, json.clone());
        }
        if !media.is_empty() && !media.iter().any(MediaType::is_wildcard) {
            let listed = consumes.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
            let message = format!(
                "the body can only be sent as JSON, but the operation consumes {listed}; it is sent as \
                 `application/json`"
            );
            self.warning(Code::Unsupported, at, message);
        }
        (BodyEncoding::Json, MediaType::json())
    }

    /// How each response decodes, given the operation's `produces`: `204` without a schema is empty; files and
    /// binary strings are bytes; when a JSON stream type is listed (NDJSON, JSON Lines, `json-seq`), any other
    /// 2xx body is a stream of JSON values whose schema is the item type (a stream reader reads a single
    /// document too, so this holds beside `application/json`) and other statuses' schemas are one JSON
    /// document (an error is one object, not a stream); a string in a non-JSON type is text; a schema in a type
    /// the client cannot decode is kept as bytes, with a warning; everything else is JSON.
    pub(super) fn decide_decodings(&mut self, responses: &mut [Response], produces: &[String], op_at: &Node) {
        let untyped = untyped_decoding(produces);
        let json = untyped == ResponseDecoding::Json;
        let stream = untyped == ResponseDecoding::JsonStream;
        let mut warned = false;
        for response in responses {
            let shape = response.ty.as_ref().map(|ty| self.shape(ty));
            response.decoding = match (&response.ty, shape) {
                (None, _) if response.status == StatusCode::Code(204) => ResponseDecoding::Empty,
                (None, _) => untyped,
                (Some(TypeRef::File), _) => ResponseDecoding::Bytes,
                (Some(_), Some(Shape::Binary)) if stream => ResponseDecoding::Bytes,
                (Some(_), _) if stream && response.status.is_success() => ResponseDecoding::JsonStream,
                (Some(_), _) if stream => ResponseDecoding::Json,
                (Some(_), _) if json => ResponseDecoding::Json,
                (Some(_), Some(Shape::Binary)) => ResponseDecoding::Bytes,
                (Some(_), Some(Shape::Text)) => ResponseDecoding::Text,
                (Some(_), _) => {
                    if !warned {
                        warned = true;
                        let listed = produces.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
                        let message = format!(
                            "the operation produces {listed}, which the client cannot decode into the response \
                             schema; such bodies are returned as raw bytes"
                        );
                        self.warning(Code::Unsupported, &op_at.push("produces"), message);
                    }
                    ResponseDecoding::Bytes
                }
            };
        }
    }
}

/// How bodies without a schema decode: a stream of JSON values when the operation lists a JSON stream type;
/// JSON when it produces JSON or a wildcard, or lists nothing; else bytes.
pub(super) fn untyped_decoding(produces: &[String]) -> ResponseDecoding {
    let media: Vec<MediaType> = produces.iter().map(MediaType::new).collect();
    if media.iter().any(MediaType::is_json_stream) {
        ResponseDecoding::JsonStream
    } else if media.is_empty() || media.iter().any(MediaType::admits_json) {
        ResponseDecoding::Json
    } else {
        ResponseDecoding::Bytes
    }
}

/// The `Accept` header: the first JSON (or wildcard) type the operation produces, else every type it lists.
pub(super) fn accept(produces: &[String]) -> Option<String> {
    if produces.is_empty() {
        return None;
    }
    let json = produces.iter().find(|m| MediaType::new(m.as_str()).admits_json());
    Some(json.cloned().unwrap_or_else(|| produces.join(", ")))
}

/// Multipart when a form field is a file or the first form type listed in `consumes` is multipart; else
/// URL-encoded. `None` without formData parameters.
pub(super) fn form_encoding(parameters: &[Parameter], consumes: &[String]) -> Option<FormEncoding> {
    let mut fields = parameters.iter().filter(|p| p.location == ParamLocation::FormData).peekable();
    fields.peek()?;
    let has_file = fields.any(|p| p.ty == TypeRef::File);
    let first_form = consumes
        .iter()
        .map(MediaType::new)
        .find(|m| m.is_multipart() || m.is_urlencoded())
        .filter(|m| m.is_multipart());
    Some(if has_file || first_form.is_some() { FormEncoding::Multipart } else { FormEncoding::UrlEncoded })
}

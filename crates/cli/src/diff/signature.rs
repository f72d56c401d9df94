//! The generated Rust API of an operation, spelled from the IR the way the emitter spells it: the types callers
//! pass and get back, the `Client` method, the builder's setters and `send()`.
//!
//! These strings are what the diff compares (two inputs with the same spelling are the same to callers, however
//! the spec got there) and what the Markdown report shows. Named types are written without `crate::types::`
//! and runtime types without `crate::runtime::`, for reading; the emitter owns the exact paths.

use swagger2rs_parser::ir::{
    Api, Body, BodyEncoding, Field, IntegerFormat, NumberFormat, Operation, ParamLocation, Parameter, PathSegment,
    Primitive, Response, ResponseDecoding, StatusCode, StringFormat, TypeRef,
};

/// A field, parameter or response type as the generated code names it (`Vec<Pet>`, `Option<String>`, …).
pub fn rust_type(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(p) => primitive(p).to_owned(),
        // An id from this API's own lowering; `get` keeps a corrupt one from panicking.
        TypeRef::Named(id) => {
            api.types.get(id.0).map_or_else(|| "serde_json::Value".to_owned(), |d| d.name.to_string())
        }
        TypeRef::Array(inner) => format!("Vec<{}>", rust_type(api, inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", rust_type(api, inner)),
        TypeRef::Any => "serde_json::Value".to_owned(),
        TypeRef::Nullable(inner) => format!("Option<{}>", rust_type(api, inner)),
        TypeRef::External(path) => path.clone(),
        TypeRef::File => "Bytes".to_owned(),
    }
}

fn primitive(p: &Primitive) -> &'static str {
    match p {
        Primitive::String(StringFormat::Byte) => "Base64",
        Primitive::String(StringFormat::DateTime) => "chrono::DateTime<chrono::FixedOffset>",
        Primitive::String(StringFormat::Date) => "chrono::NaiveDate",
        Primitive::String(_) => "String",
        Primitive::Integer(IntegerFormat::Int32) => "i32",
        Primitive::Integer(IntegerFormat::Int64 | IntegerFormat::Unspecified) => "i64",
        Primitive::Number(NumberFormat::Float) => "f32",
        Primitive::Number(NumberFormat::Double | NumberFormat::Unspecified) => "f64",
        Primitive::Boolean => "bool",
    }
}

/// Strings the generated API accepts as `impl AsRef<str>` / `impl Into<String>` (not dates or base64).
fn is_string(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Primitive(Primitive::String(f))
        if !matches!(f, StringFormat::Date | StringFormat::DateTime | StringFormat::Byte))
}

/// A struct field's Rust type, with the `Option`s the emitter adds (optional, nullable, both) and the `Box` of
/// a cycle edge.
pub fn field_type(api: &Api, field: &Field) -> String {
    let mut ty = rust_type(api, &field.ty);
    if field.needs_indirection {
        ty = format!("Box<{ty}>");
    }
    match (field.required && !field.read_only, field.nullable) {
        (true, false) => ty,
        (true, true) | (false, false) => format!("Option<{ty}>"),
        (false, true) => format!("Option<Option<{ty}>>"),
    }
}

/// A value callers supply to an operation: a parameter or the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub name: String,
    /// Required inputs are arguments of the `Client` method; optional ones builder setters.
    pub required: bool,
    /// The type the argument or setter accepts (`impl AsRef<str>`, `Vec<Pet>`, …).
    pub accepts: String,
    /// Where and how it is sent (`query parameter `expand``, `JSON body (application/json)`), for wire changes.
    pub wire: String,
}

/// The operation's inputs in argument order: path parameters in template order, the other parameters as
/// declared, then the body (the emitter's order, so signatures read the same).
pub fn inputs(api: &Api, op: &Operation) -> Vec<Input> {
    let path_params = op.path_segments.iter().filter_map(|s| match s {
        PathSegment::Param(wire) => {
            op.parameters.iter().find(|p| p.location == ParamLocation::Path && p.wire_name == *wire)
        }
        PathSegment::Literal(_) => None,
    });
    let others = op.parameters.iter().filter(|p| p.location != ParamLocation::Path);
    let mut out: Vec<Input> = Vec::new();
    for p in path_params.chain(others) {
        if out.iter().any(|i| i.name == p.name.as_str()) {
            continue;
        }
        out.push(Input {
            name: p.name.to_string(),
            required: p.required || p.location == ParamLocation::Path,
            accepts: parameter_accepts(api, p),
            wire: parameter_wire(p),
        });
    }
    if let Some(body) = &op.body {
        out.push(Input {
            name: body.name.to_string(),
            required: body.required,
            accepts: body_accepts(api, body),
            wire: format!("{} body ({})", encoding(body.encoding), body.media_type.as_str().replace('`', "'")),
        });
    }
    out
}

fn encoding(encoding: BodyEncoding) -> &'static str {
    match encoding {
        BodyEncoding::Json => "JSON",
        BodyEncoding::Text => "text",
        BodyEncoding::Bytes => "bytes",
    }
}

fn parameter_accepts(api: &Api, p: &Parameter) -> String {
    match &p.ty {
        TypeRef::File => "impl Into<FilePart>".to_owned(),
        ty if is_string(ty) => "impl AsRef<str>".to_owned(),
        TypeRef::Array(item) if is_string(item) => "impl IntoIterator<Item = impl Into<String>>".to_owned(),
        TypeRef::Array(item) => format!("impl IntoIterator<Item = {}>", rust_type(api, item)),
        ty => rust_type(api, ty),
    }
}

fn parameter_wire(p: &Parameter) -> String {
    let location = match p.location {
        ParamLocation::Path => "path parameter",
        ParamLocation::Query => "query parameter",
        ParamLocation::Header => "header",
        ParamLocation::FormData => "form field",
    };
    let format = match (&p.ty, p.collection_format) {
        (TypeRef::Array(_), Some(format)) => format!(", {}", format!("{format:?}").to_lowercase()),
        _ => String::new(),
    };
    format!("{location} `{}`{format}", p.wire_name.replace('`', "'"))
}

fn body_accepts(api: &Api, body: &Body) -> String {
    match body.encoding {
        BodyEncoding::Bytes => "impl Into<Bytes>".to_owned(),
        BodyEncoding::Text => "impl Into<String>".to_owned(),
        BodyEncoding::Json if body.ty == TypeRef::File => "impl Into<FilePart>".to_owned(),
        BodyEncoding::Json => rust_type(api, &body.ty),
    }
}

/// One side of `send()`'s result: a single body type, or a per-status enum and its variants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Side {
    Single(String),
    Enum { name: String, variants: Vec<(String, String)> },
}

impl Side {
    /// The Rust type this side puts in the `Result`.
    pub fn rust(&self) -> &str {
        match self {
            Side::Single(ty) => ty,
            Side::Enum { name, .. } => name,
        }
    }
}

fn decode_type(api: &Api, op: &Operation, response: Option<&Response>) -> String {
    let (decoding, ty) = match response {
        Some(r) => (r.decoding, r.json_type().or(r.item_type())),
        None => (op.untyped_decoding, None),
    };
    match (decoding, ty) {
        (ResponseDecoding::Json, Some(ty)) => rust_type(api, ty),
        (ResponseDecoding::Json, None) => "serde_json::Value".to_owned(),
        (ResponseDecoding::JsonStream, Some(ty)) => format!("Vec<{}>", rust_type(api, ty)),
        (ResponseDecoding::JsonStream, None) => "Vec<serde_json::Value>".to_owned(),
        (ResponseDecoding::Text, _) => "String".to_owned(),
        (ResponseDecoding::Bytes, _) => "Bytes".to_owned(),
        (ResponseDecoding::Empty, _) => "()".to_owned(),
    }
}

fn variant_name(status: StatusCode) -> String {
    match status {
        StatusCode::Code(code) => format!("Status{code}"),
        StatusCode::Default => "Default".to_owned(),
    }
}

/// The success side (2xx and `default`; an enum gets `Other` when there is no `default`), as the emitter builds
/// it.
pub fn success_side(api: &Api, op: &Operation) -> Side {
    side(api, op, op.success_enum.as_ref().map(ToString::to_string), StatusCode::is_success, true)
}

/// The error side (other declared codes and `default`).
pub fn error_side(api: &Api, op: &Operation) -> Side {
    side(api, op, op.error_enum.as_ref().map(ToString::to_string), StatusCode::is_error_code, false)
}

fn side(api: &Api, op: &Operation, enum_name: Option<String>, on_side: fn(StatusCode) -> bool, other: bool) -> Side {
    let default = op.responses.iter().find(|r| r.status == StatusCode::Default);
    let declared: Vec<&Response> = op.responses.iter().filter(|r| on_side(r.status)).chain(default).collect();
    match enum_name {
        None => {
            let mut types = declared.iter().map(|r| decode_type(api, op, Some(r)));
            let untyped = decode_type(api, op, None);
            let single = match types.next() {
                Some(first) if types.all(|t| t == first) => first,
                _ => untyped,
            };
            Side::Single(single)
        }
        Some(name) => {
            let mut variants: Vec<(String, String)> =
                declared.iter().map(|r| (variant_name(r.status), decode_type(api, op, Some(r)))).collect();
            if other && default.is_none() {
                variants.push(("Other".to_owned(), decode_type(api, op, None)));
            }
            Side::Enum { name, variants }
        }
    }
}

/// `Result<ResponseValue<T>, Error<E>>` of `send()`.
pub fn send_result(api: &Api, op: &Operation) -> String {
    format!("Result<ResponseValue<{}>, Error<{}>>", success_side(api, op).rust(), error_side(api, op).rust())
}

/// The operation's whole generated surface, for the report:
///
/// ```text
/// pub fn get_pet(&self, pet_id: impl AsRef<str>) -> GetPet<'_>
/// impl GetPet<'_> {
///     pub fn expand(self, value: impl AsRef<str>) -> Self
///     pub async fn send(self) -> Result<ResponseValue<Pet>, Error<serde_json::Value>>
/// }
/// ```
pub fn operation(api: &Api, op: &Operation) -> String {
    let inputs = inputs(api, op);
    let mut args = vec!["&self".to_owned()];
    args.extend(inputs.iter().filter(|i| i.required).map(|i| format!("{}: {}", i.name, i.accepts)));
    let deprecated = if op.deprecated { "#[deprecated]\n" } else { "" };
    let mut text = format!("{deprecated}pub fn {}({}) -> {}<'_>\n", op.name, args.join(", "), op.type_name);
    text.push_str(&format!("impl {}<'_> {{\n", op.type_name));
    for i in inputs.iter().filter(|i| !i.required) {
        text.push_str(&format!("    pub fn {}(self, value: {}) -> Self\n", i.name, i.accepts));
    }
    text.push_str(&format!("    pub async fn send(self) -> {}\n}}", send_result(api, op)));
    text
}

//! IR types → Rust type tokens. The one place that decides which Rust type stands for which schema.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use swagger2rs_parser::ir::{Api, IntegerFormat, NumberFormat, Primitive, StringFormat, TypeRef};

/// Turns an IR identifier (already valid and non-keyword, see `swagger2rs_parser::naming`) into a token.
pub fn ident(name: &swagger2rs_parser::naming::Ident) -> Ident {
    Ident::new(name.as_str(), Span::call_site())
}

/// Where the tokens will be printed, which decides how named types are spelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Inside the `types` module: named types are in scope.
    Types,
    /// Anywhere else in the crate.
    Crate,
}

pub fn type_tokens(api: &Api, ty: &TypeRef, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::Primitive(p) => primitive_tokens(p),
        TypeRef::Named(id) => {
            let name = ident(&api.type_def(*id).name);
            match scope {
                Scope::Types => quote!(#name),
                Scope::Crate => quote!(crate::types::#name),
            }
        }
        TypeRef::Array(inner) => {
            let inner = type_tokens(api, inner, scope);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens(api, inner, scope);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::Any => quote!(serde_json::Value),
        TypeRef::Nullable(inner) => {
            let inner = type_tokens(api, inner, scope);
            quote!(Option<#inner>)
        }
        // Validated as a Rust type by the configuration that chose it; an unparsable one falls back to JSON.
        TypeRef::External(path) => path.parse().unwrap_or_else(|_| quote!(serde_json::Value)),
        TypeRef::File => quote!(bytes::Bytes),
    }
}

fn primitive_tokens(p: &Primitive) -> TokenStream {
    match p {
        Primitive::String(StringFormat::Byte) => quote!(crate::runtime::Base64),
        Primitive::String(StringFormat::DateTime) => quote!(chrono::DateTime<chrono::FixedOffset>),
        Primitive::String(StringFormat::Date) => quote!(chrono::NaiveDate),
        Primitive::String(_) => quote!(String),
        Primitive::Integer(IntegerFormat::Int32) => quote!(i32),
        Primitive::Integer(IntegerFormat::Int64 | IntegerFormat::Unspecified) => quote!(i64),
        Primitive::Number(NumberFormat::Float) => quote!(f32),
        Primitive::Number(NumberFormat::Double | NumberFormat::Unspecified) => quote!(f64),
        Primitive::Boolean => quote!(bool),
    }
}

/// Whether values of this type are strings, so APIs can accept `impl Into<String>`.
pub fn is_string(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Primitive(Primitive::String(format)) if !is_date(format) && *format != StringFormat::Byte)
}

/// `date` and `date-time` values are chrono types: chrono's serde support reads and writes exactly the RFC 3339
/// text Swagger 2.0 prescribes, with no per-field attributes, and `FixedOffset` keeps the server's offset so
/// a value round-trips unchanged.
fn is_date(format: &StringFormat) -> bool {
    matches!(format, StringFormat::Date | StringFormat::DateTime)
}

/// Whether the generated crate needs `chrono`: some type left as a date after configuration's overrides.
pub fn uses_dates(api: &Api) -> bool {
    let mut found = false;
    api.visit_type_refs(|ty| found |= matches!(ty, TypeRef::Primitive(Primitive::String(f)) if is_date(f)));
    found
}

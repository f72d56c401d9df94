//! How an operation's responses become `Result<ResponseValue<T>, Error<E>>`: the success type `T`, the error
//! type `E`, and the status dispatch in `send`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use swagger2rs_parser::ir::{Api, Operation, Primitive, Response, StatusCode, TypeRef};

use crate::rust_type::{Scope, ident, type_tokens};

/// How a body is decoded.
#[derive(Clone, Debug)]
enum Decode {
    /// JSON into the given type (an empty body reads as `null`).
    Json(TokenStream),
    /// UTF-8 text.
    Text,
    /// Raw bytes.
    Bytes,
}

/// Tokens have no equality; decodings compare by their printed type.
impl PartialEq for Decode {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Decode::Json(a), Decode::Json(b)) => a.to_string() == b.to_string(),
            (Decode::Text, Decode::Text) | (Decode::Bytes, Decode::Bytes) => true,
            _ => false,
        }
    }
}

impl Decode {
    fn ty(&self) -> TokenStream {
        match self {
            Decode::Json(ty) => ty.clone(),
            Decode::Text => quote!(String),
            Decode::Bytes => quote!(crate::runtime::Bytes),
        }
    }

    fn ok(&self) -> TokenStream {
        match self {
            Decode::Json(_) => quote!(response.json()),
            Decode::Text => quote!(response.text()),
            Decode::Bytes => quote!(Ok(response.bytes())),
        }
    }

    /// Decodes a success body and wraps it in `variant` (a tuple variant path).
    fn ok_into(&self, variant: &TokenStream) -> TokenStream {
        match self {
            Decode::Json(ty) => quote!(response.json::<#ty, _>().map(|body| body.map(#variant))),
            Decode::Text => quote!(response.text().map(|body| body.map(#variant))),
            Decode::Bytes => quote!(Ok(response.bytes().map(#variant))),
        }
    }

    /// Decodes an error body and wraps it in `variant`.
    fn err_into(&self, variant: &TokenStream) -> TokenStream {
        let err = self.err();
        quote!(#err.map_err(|error| error.map(#variant)))
    }

    fn err(&self) -> TokenStream {
        match self {
            Decode::Json(_) => quote!(Err(response.error_json())),
            Decode::Text => quote! {
                Err(response.error_with(|body| {
                    String::from_utf8(body.to_vec()).map_err(|e| e.to_string())
                }))
            },
            Decode::Bytes => quote!(Err(response.error_with(|body| Ok(body.clone())))),
        }
    }
}

/// The return types and the status dispatch of one operation's `send`.
pub struct ResponsePlan {
    pub ok_type: TokenStream,
    pub err_type: TokenStream,
    pub dispatch: Dispatch,
    /// Successful bodies are raw bytes (files, octet streams), which can also be streamed.
    pub streamable: bool,
}

/// How `send` turns the raw response into its result.
pub enum Dispatch {
    /// JSON success type, untyped JSON errors, no `default`, no declared 1xx/3xx: the runtime's
    /// `RawResponse::json_or_error` does exactly what the `match` would.
    JsonOrError,
    /// A `match` on the status, over `response`.
    Match(TokenStream),
}

/// One side (success or error) of an operation's responses: a single body type shared by every status, or an
/// enum by status when the spec gives different body types (see `Operation::success_enum`).
enum Side<'a> {
    Single(Decode),
    Enum { name: &'a swagger2rs_parser::naming::Ident, variants: Vec<Variant> },
}

/// A variant of a response enum: the status it stands for and how its body decodes.
struct Variant {
    ident: proc_macro2::Ident,
    status: StatusCode,
    decode: Decode,
    description: String,
}

impl Side<'_> {
    fn ty(&self) -> TokenStream {
        match self {
            Side::Single(decode) => decode.ty(),
            Side::Enum { name, .. } => {
                let name = ident(name);
                quote!(crate::types::#name)
            }
        }
    }

    /// The variant for `status`, if this side is an enum.
    fn variant(&self, status: StatusCode) -> Option<TokenStream> {
        let Side::Enum { name, variants } = self else { return None };
        let name = ident(name);
        variants.iter().find(|v| v.status == status).map(|v| {
            let variant = &v.ident;
            quote!(crate::types::#name::#variant)
        })
    }
}

/// Statuses are matched in this order:
/// 1. each declared status code, decoded with its own schema (2xx → `Ok`, others → `Error::ErrorResponse`);
/// 2. `default`, if declared, for every other status;
/// 3. otherwise any other 2xx is decoded as the success type (or the enum's `Other`), any other 4xx/5xx as the
///    error type when that is untyped JSON, and everything else is `Error::UnexpectedResponse` with the raw
///    body.
pub fn plan(api: &Api, op: &Operation) -> ResponsePlan {
    let json = produces_json(op);
    let ok = success_side(api, op);
    let err = error_side(api, op);
    if is_json_or_error(op, &ok, &err) {
        return ResponsePlan {
            ok_type: ok.ty(),
            err_type: err.ty(),
            dispatch: Dispatch::JsonOrError,
            streamable: false,
        };
    }
    let decode = |r: &Response| decode_for(api, r.ty.as_ref(), json);
    let default = op.responses.iter().find(|r| r.status == StatusCode::Default);
    let mut arms = Vec::new();
    for r in &op.responses {
        let StatusCode::Code(code) = r.status else { continue };
        let literal = proc_macro2::Literal::u16_unsuffixed(code);
        if r.status.is_success() {
            if let Some(variant) = ok.variant(r.status) {
                let expr = decode(r).ok_into(&variant);
                arms.push(quote!(#literal => #expr,));
            }
        } else {
            let expr = match err.variant(r.status) {
                Some(variant) => decode(r).err_into(&variant),
                None => single(&err).err(),
            };
            arms.push(quote!(#literal => #expr,));
        }
    }
    let other_success = match &ok {
        Side::Single(decode) => decode.ok(),
        Side::Enum { .. } => match (default, ok.variant(StatusCode::Default)) {
            (Some(d), Some(variant)) => decode(d).ok_into(&variant),
            _ => {
                let Side::Enum { name, .. } = &ok else { unreachable!("matched above") };
                let name = ident(name);
                untyped(json).ok_into(&quote!(crate::types::#name::Other))
            }
        },
    };
    // A guard rather than `200..=299`, which rustc reports as overlapping a declared `200` arm.
    arms.push(quote!(_ if response.status().is_success() => #other_success,));
    match default {
        Some(d) => {
            let expr = match err.variant(StatusCode::Default) {
                Some(variant) => decode(d).err_into(&variant),
                None => single(&err).err(),
            };
            arms.push(quote!(_ => #expr,));
        }
        None => {
            if let Side::Single(decode) = &err {
                if *decode == untyped(json) {
                    // A guard rather than `400..=599`, which rustc reports as overlapping a declared `404` arm.
                    let is_error = quote!(response.status().is_client_error() || response.status().is_server_error());
                    let expr = decode.err();
                    arms.push(quote!(_ if #is_error => #expr,));
                }
            }
            arms.push(quote!(_ => Err(response.unexpected()),));
        }
    }
    let dispatch = quote! {
        match response.status().as_u16() {
            #(#arms)*
        }
    };
    let streamable = matches!(ok, Side::Single(Decode::Bytes));
    ResponsePlan { ok_type: ok.ty(), err_type: err.ty(), dispatch: Dispatch::Match(dispatch), streamable }
}

/// Whether the status `match` would be: any 2xx → JSON success type, any 4xx/5xx → untyped JSON error, else
/// unexpected. Declared 4xx/5xx codes do not change that (they decode like the catch-all), declared 1xx/3xx
/// codes and `default` do.
fn is_json_or_error(op: &Operation, ok: &Side<'_>, err: &Side<'_>) -> bool {
    let untyped_json_errors = matches!(err, Side::Single(d) if *d == untyped(true));
    let only_success_or_error_codes = op.responses.iter().all(|r| match r.status {
        StatusCode::Code(code) => r.status.is_success() || (400..600).contains(&code),
        StatusCode::Default => false,
    });
    produces_json(op)
        && matches!(ok, Side::Single(Decode::Json(_)))
        && untyped_json_errors
        && only_success_or_error_codes
}

fn single<'a>(side: &'a Side<'_>) -> &'a Decode {
    match side {
        Side::Single(decode) => decode,
        Side::Enum { .. } => unreachable!("enum sides resolve every status to a variant"),
    }
}

fn success_side<'a>(api: &Api, op: &'a Operation) -> Side<'a> {
    let other = Variant {
        ident: format_ident!("Other"),
        status: StatusCode::Default,
        decode: untyped(produces_json(op)),
        description: "Another success status the spec does not declare.".to_owned(),
    };
    side(api, op, op.success_enum.as_ref(), StatusCode::is_success, Some(other))
}

fn error_side<'a>(api: &Api, op: &'a Operation) -> Side<'a> {
    side(api, op, op.error_enum.as_ref(), StatusCode::is_error_code, None)
}

/// One side of the responses: the declared statuses `on_side` plus `default`, as one decoding or as the enum
/// the parser named. `other` is the enum's catch-all variant, used when the spec declares no `default`.
fn side<'a>(
    api: &Api,
    op: &'a Operation,
    enum_name: Option<&'a swagger2rs_parser::naming::Ident>,
    on_side: fn(StatusCode) -> bool,
    other: Option<Variant>,
) -> Side<'a> {
    let json = produces_json(op);
    let default = op.responses.iter().find(|r| r.status == StatusCode::Default);
    let declared = op.responses.iter().filter(|r| on_side(r.status));
    match enum_name {
        None => Side::Single(common(
            declared.map(|r| decode_for(api, r.ty.as_ref(), json)),
            default.map(|r| decode_for(api, r.ty.as_ref(), json)),
            json,
        )),
        Some(name) => {
            let mut variants: Vec<Variant> = declared.chain(default).map(|r| variant(api, r, json)).collect();
            variants.extend(other.filter(|_| default.is_none()));
            Side::Enum { name, variants }
        }
    }
}

fn variant(api: &Api, r: &Response, json: bool) -> Variant {
    let (ident, status_text) = match r.status {
        StatusCode::Code(code) => (format_ident!("Status{code}"), format!("`{code}`")),
        StatusCode::Default => (format_ident!("Default"), "Any other status (`default`)".to_owned()),
    };
    let description = if r.description.trim().is_empty() {
        format!("{status_text}.")
    } else {
        format!("{status_text}: {}", crate::docs::sanitize(r.description.trim()))
    };
    Variant { ident, status: r.status, decode: decode_for(api, r.ty.as_ref(), json), description }
}

/// The success (or error) enum of an operation whose responses differ in body type by status, for the `types`
/// module (nothing when they do not).
///
/// ```text
/// pub enum GetThingSuccess { Status200(Thing), Status202(Job), Other(serde_json::Value) }
/// pub enum GetThingFailure { Status404(Problem), Default(serde_json::Value) }
/// ```
pub fn response_enum(api: &Api, op: &Operation, success: bool) -> TokenStream {
    let method = op.name.as_str();
    let (side, kind) = if success { (success_side(api, op), "successful") } else { (error_side(api, op), "error") };
    let Side::Enum { name, variants } = side else { return TokenStream::new() };
    let name = ident(name);
    let docs = crate::docs::plain_doc_attrs(&format!(
        "The {kind} responses of [`Client::{method}`](crate::Client::{method}), by status: their bodies differ."
    ));
    let variants = variants.iter().map(|v| {
        let variant = &v.ident;
        let ty = v.decode.ty();
        let doc = crate::docs::plain_doc_attrs(&v.description);
        quote! { #doc #variant(#ty), }
    });
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// Whether the operation answers in JSON (the usual case, and the assumption when `produces` is empty).
fn produces_json(op: &Operation) -> bool {
    op.produces.is_empty() || op.produces.iter().any(|m| is_json(m))
}

pub fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json") || essence == "*/*"
}

fn untyped(json: bool) -> Decode {
    if json { Decode::Json(quote!(serde_json::Value)) } else { Decode::Bytes }
}

fn decode_for(api: &Api, ty: Option<&TypeRef>, json: bool) -> Decode {
    match ty {
        None => untyped(json),
        Some(TypeRef::File) => Decode::Bytes,
        Some(TypeRef::Primitive(Primitive::String(_))) if !json => Decode::Text,
        Some(_) if !json => Decode::Bytes,
        Some(ty) => Decode::Json(type_tokens(api, ty, Scope::Crate)),
    }
}

/// The one decoding shared by all the given responses, or untyped JSON/bytes when they disagree (a typed
/// enum by status is planned; until then nothing is lost, the body is kept).
fn common(mut decodes: impl Iterator<Item = Decode>, default: Option<Decode>, json: bool) -> Decode {
    let first = decodes.next().or(default.clone());
    let Some(first) = first else { return untyped(json) };
    let mut all = decodes.chain(default);
    if all.all(|d| d == first) { first } else { untyped(json) }
}

/// Typed accessors for the response headers an operation declares, for the `types` module (nothing when it
/// declares none).
///
/// ```text
/// pub struct LoginUserHeaders { pub x_rate_limit: Option<i32>, pub x_expires_after: Option<String> }
/// impl LoginUserHeaders { pub fn from_headers(headers: &HeaderMap) -> Self { … } }
/// ```
pub fn header_struct(api: &Api, op: &Operation) -> TokenStream {
    header_struct_item(api, op).unwrap_or_default()
}

fn header_struct_item(api: &Api, op: &Operation) -> Option<TokenStream> {
    let name = ident(op.headers_type.as_ref()?);
    let method = op.name.as_str();
    let mut seen: Vec<&str> = Vec::new();
    let mut fields = Vec::new();
    let mut reads = Vec::new();
    for header in op.responses.iter().flat_map(|r| &r.headers) {
        if seen.iter().any(|s| s.eq_ignore_ascii_case(&header.wire_name)) {
            continue;
        }
        seen.push(&header.wire_name);
        let field = ident(&header.name);
        let wire = &header.wire_name;
        let (ty, read) = match &header.ty {
            TypeRef::Array(item) => {
                let item = type_tokens(api, item, Scope::Crate);
                (quote!(Vec<#item>), quote!(crate::runtime::header_list(headers, #wire)))
            }
            other => (type_tokens(api, other, Scope::Crate), quote!(crate::runtime::header_value(headers, #wire))),
        };
        let mut docs = crate::docs::doc_attrs([header.description.as_deref()]);
        let from = format!("The `{}` header.", wire.replace('`', "'"));
        docs.extend(crate::docs::plain_doc_attrs(&if docs.is_empty() { from } else { format!("\n{from}") }));
        fields.push(quote! { #docs pub #field: Option<#ty>, });
        reads.push(quote! { #field: #read, });
    }
    let docs = crate::docs::plain_doc_attrs(&format!(
        "The response headers [`Client::{method}`](crate::Client::{method}) declares, typed; read them with \
         `from_headers(response.headers())`."
    ));
    Some(quote! {
        #docs
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct #name {
            #(#fields)*
        }
        impl #name {
            /// Reads the declared headers; one that is absent or not a valid value of its type is `None`.
            pub fn from_headers(headers: &crate::runtime::HeaderMap) -> Self {
                Self { #(#reads)* }
            }
        }
    })
}

//! How an operation's responses become `Result<ResponseValue<T>, Error<E>>`: the success type `T`, the error
//! type `E`, and the status dispatch in `send`.

use proc_macro2::TokenStream;
use quote::quote;
use swagger2rs_parser::ir::{Api, Operation, Primitive, Response, StatusCode, TypeRef};

use crate::rust_type::{Scope, type_tokens};

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

/// The return types and the status `match` of one operation's `send`.
pub struct ResponsePlan {
    pub ok_type: TokenStream,
    pub err_type: TokenStream,
    pub dispatch: TokenStream,
}

/// Statuses are matched in this order:
/// 1. each declared status code, decoded with its own schema (2xx → `Ok`, others → `Error::ErrorResponse`);
/// 2. `default`, if declared, for every other status;
/// 3. otherwise any other 2xx is decoded as the success type, any other 4xx/5xx as the error type when that
///    is untyped JSON, and everything else is `Error::UnexpectedResponse` with the raw body.
pub fn plan(api: &Api, op: &Operation) -> ResponsePlan {
    let json = produces_json(op);
    let decode = |r: &Response| decode_for(api, r.ty.as_ref(), json);
    let successes: Vec<&Response> = op.responses.iter().filter(|r| r.status.is_success()).collect();
    let errors: Vec<&Response> =
        op.responses.iter().filter(|r| matches!(r.status, StatusCode::Code(c) if !(200..300).contains(&c))).collect();
    let default = op.responses.iter().find(|r| r.status == StatusCode::Default);

    let ok = common(successes.iter().map(|r| decode(r)), default.map(&decode), json);
    let err = common(errors.iter().map(|r| decode(r)), default.map(&decode), json);

    // Every 2xx decodes alike (see `common`), so one range arm serves them; declared error codes get their
    // own arms because without `default` other error statuses are not theirs.
    let err_expr = err.err();
    let mut arms: Vec<TokenStream> = errors
        .iter()
        .filter_map(|r| match r.status {
            StatusCode::Code(code) => {
                let code = proc_macro2::Literal::u16_unsuffixed(code);
                Some(quote!(#code => #err_expr,))
            }
            StatusCode::Default => None,
        })
        .collect();
    let ok_expr = ok.ok();
    if default.is_some() {
        arms.push(quote!(200..=299 => #ok_expr,));
        arms.push(quote!(_ => #err_expr,));
    } else {
        arms.push(quote!(200..=299 => #ok_expr,));
        if err == untyped(json) {
            // A guard rather than `400..=599`, which rustc reports as overlapping a declared `404` arm.
            let is_error = quote!(response.status().is_client_error() || response.status().is_server_error());
            arms.push(quote!(_ if #is_error => #err_expr,));
        }
        arms.push(quote!(_ => Err(response.unexpected()),));
    }
    let dispatch = quote! {
        match response.status().as_u16() {
            #(#arms)*
        }
    };
    ResponsePlan { ok_type: ok.ty(), err_type: err.ty(), dispatch }
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

//! How an operation's responses become `Result<ResponseValue<T>, Error<E>>`: the success type `T`, the error
//! type `E`, and the status dispatch in `send`; plus the response enums and typed header structs this needs,
//! which go to the `types` module.
//!
//! How each body decodes was decided by the parser ([`ResponseDecoding`]); this module only spells it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use swagger2rs_parser::ir::{Operation, Response, ResponseDecoding, StatusCode, TypeRef};
use swagger2rs_parser::naming::Ident;

use crate::chunks::items;
use crate::context::Emitter;
use crate::output_space::{OutputSpace, SourceFile};
use crate::rust_type::{Scope, ident, type_tokens};

/// How one body decodes: the parser's decision and, for JSON and JSON streams, the schema's type (`None`:
/// untyped JSON).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Decode<'t> {
    decoding: ResponseDecoding,
    ty: Option<&'t TypeRef>,
}

impl<'t> Decode<'t> {
    fn of(response: &'t Response) -> Self {
        Self { decoding: response.decoding, ty: response.json_type().or(response.item_type()) }
    }

    /// How bodies without a schema decode for `op` (untyped JSON or bytes).
    fn untyped(op: &Operation) -> Self {
        Self { decoding: op.untyped_decoding, ty: None }
    }

    fn is_untyped_json(&self) -> bool {
        self.decoding == ResponseDecoding::Json && self.ty.is_none()
    }
}

impl Emitter<'_> {
    fn decode_type(&self, decode: Decode<'_>) -> TokenStream {
        match (decode.decoding, decode.ty) {
            (ResponseDecoding::Json, Some(ty)) => type_tokens(self.api, ty, Scope::Crate),
            (ResponseDecoding::Json, None) => quote!(serde_json::Value),
            (ResponseDecoding::JsonStream, _) => {
                let item = self.item_type(decode);
                quote!(Vec<#item>)
            }
            (ResponseDecoding::Text, _) => quote!(String),
            (ResponseDecoding::Bytes, _) => quote!(crate::runtime::Bytes),
            (ResponseDecoding::Empty, _) => quote!(()),
        }
    }

    /// The type of one item of a JSON stream: the schema's, else untyped JSON.
    fn item_type(&self, decode: Decode<'_>) -> TokenStream {
        match decode.ty {
            Some(ty) => type_tokens(self.api, ty, Scope::Crate),
            None => quote!(serde_json::Value),
        }
    }

    /// Whether a JSON body of this decoding reads `null` as empty: an array or a map, unless
    /// `[types] nulls = "strict"` (see [`crate::nulls`]).
    fn null_as_empty_body(&self, decode: Decode<'_>) -> bool {
        decode.decoding == ResponseDecoding::Json && decode.ty.is_some_and(|ty| self.null_as_empty(ty))
    }

    /// Decodes a success body as the `Ok` of `send`.
    fn decode_ok(&self, decode: Decode<'_>) -> TokenStream {
        match decode.decoding {
            ResponseDecoding::Json if self.null_as_empty_body(decode) => quote!(response.json_collection()),
            ResponseDecoding::Json if decode.ty.is_none() => quote!(response.json_value()),
            ResponseDecoding::Json => quote!(response.json()),
            ResponseDecoding::JsonStream => quote!(response.json_seq()),
            ResponseDecoding::Text => quote!(response.text()),
            ResponseDecoding::Bytes => quote!(Ok(response.bytes())),
            ResponseDecoding::Empty => quote!(Ok(response.empty())),
        }
    }

    /// Decodes a success body into the enum variant `variant` (a unit variant for empty bodies).
    fn decode_ok_into(&self, decode: Decode<'_>, variant: &TokenStream) -> TokenStream {
        match decode.decoding {
            ResponseDecoding::Json if decode.ty.is_none() => {
                quote!(response.json_value().map(|body| body.map(#variant)))
            }
            ResponseDecoding::Json => {
                let ty = self.decode_type(decode);
                let json = if self.null_as_empty_body(decode) { quote!(json_collection) } else { quote!(json) };
                quote!(response.#json::<#ty, _>().map(|body| body.map(#variant)))
            }
            ResponseDecoding::JsonStream => {
                let item = self.item_type(decode);
                quote!(response.json_seq::<#item, _>().map(|body| body.map(#variant)))
            }
            ResponseDecoding::Text => quote!(response.text().map(|body| body.map(#variant))),
            ResponseDecoding::Bytes => quote!(Ok(response.bytes().map(#variant))),
            ResponseDecoding::Empty => quote!(Ok(response.empty().map(|()| #variant))),
        }
    }

    /// Decodes an error body as the `Error::ErrorResponse` of `send`.
    fn decode_err(&self, decode: Decode<'_>) -> TokenStream {
        match decode.decoding {
            ResponseDecoding::Json if self.null_as_empty_body(decode) => quote!(Err(response.error_json_collection())),
            ResponseDecoding::Json => quote!(Err(response.error_json())),
            ResponseDecoding::JsonStream => {
                quote!(Err(response.error_with(|body| crate::runtime::decode_json_seq(body))))
            }
            ResponseDecoding::Text => quote! {
                Err(response.error_with(|body| {
                    String::from_utf8(body.to_vec()).map_err(|e| e.to_string())
                }))
            },
            ResponseDecoding::Bytes => quote!(Err(response.error_with(|body| Ok(body.clone())))),
            ResponseDecoding::Empty => quote!(Err(response.error_with(|_| Ok(())))),
        }
    }

    /// Decodes an error body into the enum variant `variant`.
    fn decode_err_into(&self, decode: Decode<'_>, variant: &TokenStream) -> TokenStream {
        if decode.decoding == ResponseDecoding::Empty {
            return quote!(Err(response.error_with(|_| Ok(#variant))));
        }
        let err = self.decode_err(decode);
        quote!(#err.map_err(|error| error.map(#variant)))
    }
}

/// The return types and the status dispatch of one operation's `send`.
pub struct ResponsePlan {
    pub ok_type: TokenStream,
    /// `None` when errors are untyped JSON, `crate::Result`'s default.
    pub err_type: Option<TokenStream>,
    pub dispatch: Dispatch,
    /// Successful bodies are raw bytes (files, octet streams), which can also be streamed.
    pub streamable: bool,
    /// The item type when successful bodies can be read as a stream of JSON values (`send_json_stream`): a
    /// declared JSON stream (the schema's type, else untyped JSON), or JSON without a schema, which servers
    /// such as Docker's send as one object per line.
    pub json_stream: Option<TokenStream>,
}

/// How `send` turns the raw response into its result.
#[derive(Clone)]
pub enum Dispatch {
    /// JSON success type, untyped JSON errors, no `default`, no declared 1xx/3xx: the runtime's
    /// `RawResponse::json_or_error` (or its variant for the success body) does exactly what the `match` would.
    JsonOrError(JsonBody),
    /// A `match` on the status, over `response`.
    Match(TokenStream),
}

/// How the success body of a [`Dispatch::JsonOrError`] decodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonBody {
    /// Into the schema's type.
    Typed,
    /// Into an array or a map that reads `null` as empty.
    Collection,
    /// Without a schema: whatever the server sent (`RawResponse::json_value`).
    Untyped,
}

impl Dispatch {
    /// The dispatch as one expression over `response`, the `RawResponse`.
    pub fn expr(self) -> TokenStream {
        match self {
            Dispatch::JsonOrError(JsonBody::Typed) => quote!(response.json_or_error()),
            Dispatch::JsonOrError(JsonBody::Collection) => quote!(response.json_collection_or_error()),
            Dispatch::JsonOrError(JsonBody::Untyped) => quote!(response.json_value_or_error()),
            Dispatch::Match(dispatch) => dispatch,
        }
    }
}

/// One side (success or error) of an operation's responses: a single body type shared by every status, or an
/// enum by status when the spec gives different body types (see `Operation::success_enum`).
enum Side<'o> {
    Single(Decode<'o>),
    Enum { name: &'o Ident, variants: Vec<Variant<'o>> },
}

/// A variant of a response enum: the status it stands for and how its body decodes.
struct Variant<'o> {
    ident: proc_macro2::Ident,
    status: StatusCode,
    decode: Decode<'o>,
    description: String,
}

impl Side<'_> {
    /// The path of the variant for `status`, if this side is an enum that has one.
    fn variant(&self, status: StatusCode) -> Option<(TokenStream, Decode<'_>)> {
        let Side::Enum { name, variants } = self else { return None };
        let name = ident(name);
        variants.iter().find(|v| v.status == status).map(|v| {
            let variant = &v.ident;
            (quote!(crate::types::#name::#variant), v.decode)
        })
    }
}

impl<'a> Emitter<'a> {
    /// Adds each operation's response enums and typed header struct to the `types` module.
    pub fn emit_responses(&'a self, out: &mut OutputSpace<'a>) {
        let gate = |op| crate::features::cfg(self.api, &self.features.operation(self.api, op));
        for op in &self.api.operations {
            out.add(SourceFile::Types, items(move || self.response_enum(op, true)).gated(gate(op)));
            out.add(SourceFile::Types, items(move || self.response_enum(op, false)).gated(gate(op)));
        }
        for op in &self.api.operations {
            out.add(SourceFile::Types, items(move || self.header_struct(op)).gated(gate(op)));
        }
    }

    fn side_type(&self, side: &Side<'_>) -> TokenStream {
        match side {
            Side::Single(decode) => self.decode_type(*decode),
            Side::Enum { name, .. } => {
                let name = ident(name);
                quote!(crate::types::#name)
            }
        }
    }

    /// Statuses are matched in this order:
    /// 1. each declared status code, decoded with its own schema (2xx → `Ok`, others → `Error::ErrorResponse`);
    /// 2. `default`, if declared, for every other status;
    /// 3. otherwise any other 2xx is decoded as the success type (or the enum's `Other`), any other 4xx/5xx as
    ///    the error type when that is untyped JSON, and everything else is `Error::UnexpectedResponse` with the
    ///    raw body.
    pub fn response_plan(&self, op: &Operation) -> ResponsePlan {
        let ok = success_side(op);
        let err = error_side(op);
        let err_type = match &err {
            Side::Single(decode) if decode.is_untyped_json() => None,
            side => Some(self.side_type(side)),
        };
        let ok_type = self.side_type(&ok);
        let json_stream = match ok {
            Side::Single(decode) if streams_json_decode(decode) => Some(self.item_type(decode)),
            _ => None,
        };
        if is_json_or_error(op, &ok, &err) {
            let body = match ok {
                Side::Single(decode) if self.null_as_empty_body(decode) => JsonBody::Collection,
                Side::Single(decode) if decode.is_untyped_json() => JsonBody::Untyped,
                _ => JsonBody::Typed,
            };
            let dispatch = Dispatch::JsonOrError(body);
            return ResponsePlan { ok_type, err_type, dispatch, streamable: false, json_stream };
        }
        let default = op.responses.iter().find(|r| r.status == StatusCode::Default);
        let mut arms = Vec::new();
        for r in &op.responses {
            let StatusCode::Code(code) = r.status else { continue };
            let literal = proc_macro2::Literal::u16_unsuffixed(code);
            if r.status.is_success() {
                if let Some((variant, decode)) = ok.variant(r.status) {
                    let expr = self.decode_ok_into(decode, &variant);
                    arms.push(quote!(#literal => #expr,));
                }
            } else {
                let expr = self.error_expr(&err, r.status);
                arms.push(quote!(#literal => #expr,));
            }
        }
        let other_success = match &ok {
            Side::Single(decode) => self.decode_ok(*decode),
            // Success enums always have a variant for other statuses: `Default`, or `Other` without one.
            Side::Enum { .. } => match ok.variant(StatusCode::Default) {
                Some((variant, decode)) => self.decode_ok_into(decode, &variant),
                None => quote!(Err(response.unexpected())),
            },
        };
        // A guard rather than `200..=299`, which rustc reports as overlapping a declared `200` arm.
        arms.push(quote!(_ if response.status().is_success() => #other_success,));
        match (default, &err) {
            (Some(_), _) => {
                let expr = self.error_expr(&err, StatusCode::Default);
                arms.push(quote!(_ => #expr,));
            }
            (None, Side::Single(decode)) if *decode == Decode::untyped(op) => {
                // A guard rather than `400..=599`, which rustc reports as overlapping a declared `404` arm.
                let is_error = quote!(response.status().is_client_error() || response.status().is_server_error());
                let expr = self.decode_err(*decode);
                arms.push(quote!(_ if #is_error => #expr,));
                arms.push(quote!(_ => Err(response.unexpected()),));
            }
            (None, _) => arms.push(quote!(_ => Err(response.unexpected()),)),
        }
        let dispatch = quote! {
            match response.status().as_u16() {
                #(#arms)*
            }
        };
        let streamable = matches!(ok, Side::Single(Decode { decoding: ResponseDecoding::Bytes, .. }));
        ResponsePlan { ok_type, err_type, dispatch: Dispatch::Match(dispatch), streamable, json_stream }
    }

    /// The error result for a declared error status (or `default`): into its enum variant, else the single
    /// error decoding.
    fn error_expr(&self, err: &Side<'_>, status: StatusCode) -> TokenStream {
        match err {
            Side::Single(decode) => self.decode_err(*decode),
            Side::Enum { .. } => match err.variant(status) {
                Some((variant, decode)) => self.decode_err_into(decode, &variant),
                // Every declared error status has a variant; anything else is undeclared.
                None => quote!(Err(response.unexpected())),
            },
        }
    }

    /// The success (or error) enum of an operation whose responses differ in body type by status, for the
    /// `types` module (nothing when they do not).
    ///
    /// ```text
    /// pub enum GetThingSuccess { Status200(Thing), Status202(Job), Status204, Other(serde_json::Value) }
    /// pub enum GetThingFailure { Status404(Problem), Default(serde_json::Value) }
    /// ```
    fn response_enum(&self, op: &Operation, success: bool) -> TokenStream {
        let (side, kind) = if success { (success_side(op), "successful") } else { (error_side(op), "error") };
        let Side::Enum { name, variants } = side else { return TokenStream::new() };
        let name = ident(name);
        let docs = crate::docs::plain_doc_attrs(&format!(
            "The {kind} responses of {}, by status: their bodies differ.",
            self.method_link(op)
        ));
        let variants = variants.iter().map(|v| {
            let variant = &v.ident;
            let doc = crate::docs::plain_doc_attrs(&v.description);
            if v.decode.decoding == ResponseDecoding::Empty {
                quote! { #doc #variant, }
            } else {
                let ty = self.decode_type(v.decode);
                quote! { #doc #variant(#ty), }
            }
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

    /// Typed accessors for the response headers an operation declares, for the `types` module (nothing when
    /// it declares none).
    ///
    /// ```text
    /// pub struct LoginUserHeaders { pub x_rate_limit: Option<i32>, pub x_expires_after: Option<String> }
    /// impl LoginUserHeaders { pub fn from_headers(headers: &HeaderMap) -> Self { … } }
    /// ```
    fn header_struct(&self, op: &Operation) -> TokenStream {
        let Some(name) = op.headers_type.as_ref() else { return TokenStream::new() };
        let name = ident(name);
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
                    let item = type_tokens(self.api, item, Scope::Crate);
                    (quote!(Vec<#item>), quote!(crate::runtime::header_list(headers, #wire)))
                }
                other => {
                    (type_tokens(self.api, other, Scope::Crate), quote!(crate::runtime::header_value(headers, #wire)))
                }
            };
            let mut docs = crate::docs::doc_attrs([header.description.as_deref()]);
            let from = format!("The `{}` header.", wire.replace('`', "'"));
            docs.extend(crate::docs::plain_doc_attrs(&if docs.is_empty() { from } else { format!("\n{from}") }));
            fields.push(quote! { #docs pub #field: Option<#ty>, });
            reads.push(quote! { #field: #read, });
        }
        let docs = crate::docs::plain_doc_attrs(&format!(
            "The response headers {} declares, typed; read them with `from_headers(response.headers())`.",
            self.method_link(op)
        ));
        quote! {
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
        }
    }
}

/// Whether the status `match` would be: any 2xx → JSON success type, any 4xx/5xx → untyped JSON error, else
/// unexpected. Declared 4xx/5xx codes do not change that (they decode like the catch-all), declared 1xx/3xx
/// codes and `default` do.
fn is_json_or_error(op: &Operation, ok: &Side<'_>, err: &Side<'_>) -> bool {
    let untyped_json_errors = matches!(err, Side::Single(d) if d.is_untyped_json());
    let only_success_or_error_codes = op.responses.iter().all(|r| match r.status {
        StatusCode::Code(code) => r.status.is_success() || (400..600).contains(&code),
        StatusCode::Default => false,
    });
    op.untyped_decoding == ResponseDecoding::Json
        && matches!(ok, Side::Single(Decode { decoding: ResponseDecoding::Json, .. }))
        && untyped_json_errors
        && only_success_or_error_codes
}

/// Whether `op`'s successful bodies can be read as a stream of JSON values (its builder's `send_json_stream`):
/// one success decoding that is a declared JSON stream or JSON without a schema.
pub(crate) fn streams_json(op: &Operation) -> bool {
    matches!(success_side(op), Side::Single(decode) if streams_json_decode(decode))
}

fn streams_json_decode(decode: Decode<'_>) -> bool {
    decode.is_untyped_json() || decode.decoding == ResponseDecoding::JsonStream
}

fn success_side(op: &Operation) -> Side<'_> {
    let other = Variant {
        ident: format_ident!("Other"),
        status: StatusCode::Default,
        decode: Decode::untyped(op),
        description: "Another success status the spec does not declare.".to_owned(),
    };
    side(op, op.success_enum.as_ref(), StatusCode::is_success, Some(other))
}

fn error_side(op: &Operation) -> Side<'_> {
    side(op, op.error_enum.as_ref(), StatusCode::is_error_code, None)
}

/// One side of the responses: the declared statuses `on_side` plus `default`, as one decoding or as the enum
/// the parser named. `other` is the enum's catch-all variant, used when the spec declares no `default`.
fn side<'o>(
    op: &'o Operation,
    enum_name: Option<&'o Ident>,
    on_side: fn(StatusCode) -> bool,
    other: Option<Variant<'o>>,
) -> Side<'o> {
    let default = op.responses.iter().find(|r| r.status == StatusCode::Default);
    let declared = op.responses.iter().filter(|r| on_side(r.status));
    match enum_name {
        None => Side::Single(common(declared.chain(default).map(Decode::of), Decode::untyped(op))),
        Some(name) => {
            let mut variants: Vec<Variant<'o>> = declared.chain(default).map(variant).collect();
            variants.extend(other.filter(|_| default.is_none()));
            Side::Enum { name, variants }
        }
    }
}

/// The name of a response enum's variant for a declared status: `Status200`.
pub(crate) fn status_variant(code: u16) -> proc_macro2::Ident {
    format_ident!("Status{code}")
}

fn variant(r: &Response) -> Variant<'_> {
    let (ident, status_text) = match r.status {
        StatusCode::Code(code) => (status_variant(code), format!("`{code}`")),
        StatusCode::Default => (format_ident!("Default"), "Any other status (`default`)".to_owned()),
    };
    let prose = crate::docs::sanitize(r.description.trim());
    let description = if prose.is_empty() {
        format!("{status_text}.")
    } else if prose.contains('\n') {
        // Its own paragraph: a code fence or a heading after `404: ` would no longer start a line.
        format!("{status_text}:\n\n{prose}")
    } else {
        format!("{status_text}: {prose}")
    };
    Variant { ident, status: r.status, decode: Decode::of(r), description }
}

/// The one decoding shared by all the given responses (declared ones, then `default`), or `untyped` when there
/// are none or they disagree (the parser names an enum by status when they disagree, so that is rare).
fn common<'o>(mut decodes: impl Iterator<Item = Decode<'o>>, untyped: Decode<'o>) -> Decode<'o> {
    let Some(first) = decodes.next() else { return untyped };
    if decodes.all(|d| d == first) { first } else { untyped }
}

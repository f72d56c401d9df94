//! The `operations` module: one request builder per operation, and the `Client` method that starts it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use swagger2rs_parser::ir::{
    Api, Body, CollectionFormat, Operation, ParamLocation, Parameter, PathSegment, Primitive, SecurityKind,
    StringFormat, TypeRef,
};

use swagger2rs_parser::naming::{Case, Namespace};

use crate::chunks::{Chunk, items};
use crate::docs::{doc_attrs, plain_doc_attrs};
use crate::responses::{Dispatch, is_json, plan};
use crate::rust_type::{Scope, ident, is_string, type_tokens};

/// Where an input goes on the wire.
#[derive(Clone, Copy)]
enum Place<'a> {
    Param(&'a Parameter),
    Body(&'a Body),
}

/// A value a caller supplies: a parameter or the body. Required ones are arguments of the `Client` method,
/// optional ones setters of the builder; either way they go straight into the builder's runtime `Request`.
struct Input<'a> {
    name: &'a swagger2rs_parser::naming::Ident,
    place: Place<'a>,
    required: bool,
    description: Option<&'a str>,
    /// Where the value goes, for documentation: "the `expand` query parameter".
    wire: String,
}

impl Input<'_> {
    fn ty(&self) -> &TypeRef {
        match self.place {
            Place::Param(p) => &p.ty,
            Place::Body(b) => &b.ty,
        }
    }

    /// The type callers pass: strings as `impl AsRef<str>`, bytes, files and text bodies through `Into`,
    /// arrays as any iterable.
    fn accepted_type(&self, api: &Api) -> TokenStream {
        match (self.place, self.ty()) {
            (Place::Body(b), _) if is_raw_bytes(b) => quote!(impl Into<crate::runtime::Bytes>),
            (Place::Body(b), _) if is_text_body(b) => quote!(impl Into<String>),
            (_, TypeRef::File) => quote!(impl Into<crate::runtime::FilePart>),
            (Place::Param(_), ty) if is_string(ty) => quote!(impl AsRef<str>),
            (Place::Param(_), TypeRef::Array(item)) if is_string(item) => {
                quote!(impl IntoIterator<Item = impl Into<String>>)
            }
            (Place::Param(_), TypeRef::Array(item)) => {
                let item = type_tokens(api, item, Scope::Crate);
                quote!(impl IntoIterator<Item = #item>)
            }
            (_, ty) => type_tokens(api, ty, Scope::Crate),
        }
    }

    /// The `Request` method call that puts `value` (of [`Self::accepted_type`]) on the wire:
    /// `.query("expand", value.as_ref())`, `.json_body(&value)`, …
    fn request_call(&self, value: &proc_macro2::Ident) -> TokenStream {
        let p = match self.place {
            Place::Body(body) => {
                let media = &body.media_type;
                return if is_raw_bytes(body) {
                    quote!(.bytes_body(#media, #value))
                } else if is_text_body(body) {
                    quote!(.text_body(#media, #value.into()))
                } else {
                    let media = json_content_type(media);
                    quote!(.json_body(#media, &#value))
                };
            }
            Place::Param(p) => p,
        };
        let wire = &p.wire_name;
        if p.ty == TypeRef::File {
            return quote!(.form_file(#wire, #value.into()));
        }
        if let TypeRef::Array(item) = &p.ty {
            let values =
                if is_string(item) { quote!(#value.into_iter().map(Into::<String>::into)) } else { quote!(#value) };
            let format = collection_format(p.collection_format);
            return match p.location {
                ParamLocation::Path => quote!(.path_array(#values, #format)),
                ParamLocation::Query => quote!(.query_array(#wire, #values, #format)),
                ParamLocation::Header => quote!(.header_array(#wire, #values, #format)),
                ParamLocation::FormData => quote!(.form_array(#wire, #values, #format)),
            };
        }
        let arg = if is_string(&p.ty) { quote!(#value.as_ref()) } else { quote!(&#value) };
        match p.location {
            ParamLocation::Path => quote!(.path_param(#arg)),
            ParamLocation::Query => quote!(.query(#wire, #arg)),
            ParamLocation::Header => quote!(.header(#wire, #arg)),
            ParamLocation::FormData => quote!(.form_text(#wire, #arg)),
        }
    }
}

/// Bodies in a non-JSON media type whose schema is a file or binary string are sent as bytes.
fn is_raw_bytes(body: &Body) -> bool {
    !is_json(&body.media_type)
        && matches!(body.ty, TypeRef::File | TypeRef::Primitive(Primitive::String(StringFormat::Binary)))
}

/// The `Content-Type` of a JSON body: the operation's own JSON media type (`application/merge-patch+json`),
/// or `application/json` when it only names a wildcard.
fn json_content_type(media: &str) -> &str {
    let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") { media } else { "application/json" }
}

/// String bodies in a non-JSON media type are sent as the text itself.
fn is_text_body(body: &Body) -> bool {
    is_string(&body.ty) && !is_json(&body.media_type)
}

/// The inputs of an operation in argument order: path parameters in template order, then the other
/// parameters as declared, then the body.
fn inputs(op: &Operation) -> Vec<Input<'_>> {
    let path_params = op.path_segments.iter().filter_map(|s| match s {
        PathSegment::Param(wire) => path_parameter(op, wire),
        PathSegment::Literal(_) => None,
    });
    let others = op.parameters.iter().filter(|p| p.location != ParamLocation::Path);
    let mut seen = Vec::new();
    let mut out: Vec<Input<'_>> = Vec::new();
    for p in path_params.chain(others) {
        if seen.contains(&&p.name) {
            continue;
        }
        seen.push(&p.name);
        let description = p.description.as_deref();
        let kind = match p.location {
            ParamLocation::Path => "path parameter",
            ParamLocation::Query => "query parameter",
            ParamLocation::Header => "header",
            ParamLocation::FormData => "form field",
        };
        let wire = format!("the `{}` {kind}", p.wire_name.replace('`', "'"));
        // A path parameter is always sent: the path cannot be built without it.
        let required = p.required || p.location == ParamLocation::Path;
        out.push(Input { name: &p.name, place: Place::Param(p), required, description, wire });
    }
    if let Some(b) = &op.body {
        let description = b.description.as_deref();
        let wire = format!("the request body (`{}`)", b.media_type.replace('`', "'"));
        out.push(Input { name: &b.name, place: Place::Body(b), required: b.required, description, wire });
    }
    out
}

fn path_parameter<'a>(op: &'a Operation, wire: &str) -> Option<&'a Parameter> {
    op.parameters.iter().find(|p| p.location == ParamLocation::Path && p.wire_name == wire)
}

/// ```text
/// /// Get issue …
/// pub fn get_issue(&self, issue_id_or_key: impl AsRef<str>) -> operations::GetIssue<'_> {
///     operations::GetIssue { client: self, request: Request::new(Method::GET).path("/api/2/issue/")… }
/// }
/// ```
pub fn client_method(api: &Api, op: &Operation, security: &SecurityConsts) -> TokenStream {
    let method = ident(&op.name);
    let builder = ident(&op.type_name);
    let inputs = inputs(op);
    let required: Vec<&Input<'_>> = inputs.iter().filter(|i| i.required).collect();
    let args = required.iter().map(|i| {
        let name = ident(i.name);
        let ty = i.accepted_type(api);
        quote!(#name: #ty)
    });
    // An array the template uses more than once is collected first, then each use borrows it.
    let used_twice =
        |wire: &str| op.path_segments.iter().filter(|s| **s == PathSegment::Param(wire.to_owned())).count() > 1;
    let mut collected = Vec::new();
    for p in op.parameters_in(ParamLocation::Path) {
        if let (TypeRef::Array(item), true) = (&p.ty, used_twice(&p.wire_name)) {
            let name = ident(&p.name);
            collected.push(if is_string(item) {
                quote!(let #name: Vec<String> = #name.into_iter().map(Into::into).collect();)
            } else {
                quote!(let #name: Vec<_> = #name.into_iter().collect();)
            });
        }
    }
    let path = op.path_segments.iter().map(|segment| match segment {
        PathSegment::Literal(text) => quote!(.path(#text)),
        PathSegment::Param(wire) => match inputs
            .iter()
            .find(|i| matches!(i.place, Place::Param(p) if p.location == ParamLocation::Path && p.wire_name == *wire))
        {
            Some(Input { place: Place::Param(p), name, .. })
                if used_twice(wire) && matches!(p.ty, TypeRef::Array(_)) =>
            {
                let name = ident(name);
                let format = collection_format(p.collection_format);
                quote!(.path_array(&#name, #format))
            }
            Some(input) => input.request_call(&ident(input.name)),
            None => quote!(),
        },
    });
    let form = form_start(op);
    let calls = required
        .iter()
        .filter(|i| !matches!(i.place, Place::Param(p) if p.location == ParamLocation::Path))
        .map(|i| i.request_call(&ident(i.name)));
    let accept = accept(op).map(|media| quote!(.accept(#media)));
    let security = security.name_for(op).map(|name| quote!(.security(#name)));
    let http_method = format_ident!("{}", op.method.as_str());
    let docs = operation_docs(op, &required);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated = "the spec marks this operation deprecated"]));
    let many_args = (required.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #docs
        #deprecated
        #many_args
        pub fn #method(&self, #(#args),*) -> crate::operations::#builder<'_> {
            #(#collected)*
            crate::operations::#builder {
                client: self,
                request: crate::runtime::Request::new(crate::runtime::Method::#http_method)
                    #(#path)*
                    #form
                    #(#calls)*
                    #accept
                    #security,
            }
        }
    }
}

/// Summary and description, the HTTP signature, and the required arguments with where each is sent.
fn operation_docs(op: &Operation, required: &[&Input<'_>]) -> TokenStream {
    let mut docs = doc_attrs([op.summary.as_deref(), op.description.as_deref()]);
    let mut text = format!("`{} {}`", op.method.as_str(), op.path.replace('`', "'"));
    if !docs.is_empty() {
        text.insert(0, '\n');
    }
    if !required.is_empty() {
        text.push_str("\n\n# Arguments\n");
        for input in required {
            let summary = input.description.map(first_paragraph).map(|d| format!(": {d}")).unwrap_or_default();
            text.push_str(&format!("\n- `{}`{summary} (sent as {})", input.name, input.wire));
        }
    }
    docs.extend(plain_doc_attrs(&text));
    docs
}

/// The first paragraph of spec prose on one line, for list items.
fn first_paragraph(text: &str) -> String {
    let first = text.trim().split("\n\n").next().unwrap_or_default();
    crate::docs::sanitize(first).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ```text
/// pub struct GetIssue<'a> { client: &'a Client, request: Request }
/// impl GetIssue<'_> {
///     pub fn expand(mut self, value: impl AsRef<str>) -> Self { … }
///     pub async fn send(self) -> crate::Result<serde_json::Value> { … }
/// }
/// ```
pub fn builder(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.type_name);
    let inputs = inputs(op);
    let setters = inputs.iter().filter(|i| !i.required).map(|i| setter(api, i));
    let send = send(api, op);
    let method = op.name.as_str();
    let docs = plain_doc_attrs(&format!(
        "Request builder for [`Client::{method}`](crate::Client::{method}): set optional parameters, then `send`."
    ));
    let must_use = "a request builder does nothing until `send` is awaited";
    quote! {
        #docs
        #[derive(Clone, Debug)]
        #[must_use = #must_use]
        pub struct #name<'a> {
            pub(crate) client: &'a crate::Client,
            pub(crate) request: crate::runtime::Request,
        }

        impl #name<'_> {
            #(#setters)*

            #send
        }
    }
}

fn setter(api: &Api, input: &Input<'_>) -> TokenStream {
    let name = ident(input.name);
    // Where the value goes leads the first paragraph: "Sets the `pretty` query parameter: If 'true', …".
    let lead = format!("Sets {}", input.wire);
    let text = match input.description.map(str::trim).filter(|d| !d.is_empty()) {
        Some(description) => format!("{lead}: {description}"),
        None => format!("{lead}."),
    };
    let docs = doc_attrs([Some(text.as_str())]);
    let ty = input.accepted_type(api);
    let call = input.request_call(&format_ident!("value"));
    quote! {
        #docs
        pub fn #name(mut self, value: #ty) -> Self {
            self.request = self.request #call;
            self
        }
    }
}

/// `send`: executes the request and dispatches on the status.
fn send(api: &Api, op: &Operation) -> TokenStream {
    let plan = plan(api, op);
    let ok_type = plan.ok_type;
    let err_type = plan.err_type;
    let untyped_errors = err_type.to_string() == quote!(serde_json::Value).to_string();
    let result = |ok: TokenStream| {
        if untyped_errors { quote!(crate::Result<#ok>) } else { quote!(crate::Result<#ok, #err_type>) }
    };
    let send_result = result(ok_type);
    let (body, streaming) = match plan.dispatch {
        Dispatch::JsonOrError => (quote!(self.client.core.execute(self.request).await?.json_or_error()), None),
        Dispatch::Match(dispatch) => {
            let streaming = plan.streamable.then(|| {
                let stream_result = result(quote!(crate::runtime::BodyStream));
                let bytes_result = result(quote!(crate::runtime::Bytes));
                quote! {
                    /// Sends the request and returns a successful response's body as a stream, read as it arrives
                    /// rather than held in memory; other statuses decode as with [`send`](Self::send).
                    pub async fn send_streaming(self) -> #stream_result {
                        let response = match self.client.core.execute_streaming(self.request).await? {
                            Ok(body) => return Ok(body),
                            Err(response) => response,
                        };
                        let result: #bytes_result = #dispatch;
                        result.map(|body| body.map(crate::runtime::BodyStream::from))
                    }
                }
            });
            let body = quote! {
                let response = self.client.core.execute(self.request).await?;
                #dispatch
            };
            (body, streaming)
        }
    };
    quote! {
        /// Sends the request and decodes the response; [`Error`](crate::Error) says what can go wrong.
        pub async fn send(self) -> #send_result {
            #body
        }

        #streaming
    }
}

fn collection_format(format: Option<CollectionFormat>) -> TokenStream {
    let variant = match format.unwrap_or(CollectionFormat::Csv) {
        CollectionFormat::Csv => quote!(Csv),
        CollectionFormat::Ssv => quote!(Ssv),
        CollectionFormat::Tsv => quote!(Tsv),
        CollectionFormat::Pipes => quote!(Pipes),
        CollectionFormat::Multi => quote!(Multi),
    };
    quote!(crate::runtime::CollectionFormat::#variant)
}

/// `.multipart_form(&["name", "file"])` or `.urlencoded_form(…)` for operations with formData parameters, with
/// the fields in declaration order: multipart when the operation uploads a file or its first form media type is
/// `multipart/form-data`.
fn form_start(op: &Operation) -> Option<TokenStream> {
    op.parameters_in(ParamLocation::FormData).next()?;
    let fields = op.parameters_in(ParamLocation::FormData).map(|p| p.wire_name.as_str());
    Some(if is_multipart(op) {
        quote!(.multipart_form(&[#(#fields),*]))
    } else {
        quote!(.urlencoded_form(&[#(#fields),*]))
    })
}

fn is_multipart(op: &Operation) -> bool {
    let first_form_type = op.consumes.iter().find(|m| {
        let m = m.to_ascii_lowercase();
        m.starts_with("multipart/form-data") || m.starts_with("application/x-www-form-urlencoded")
    });
    op.parameters_in(ParamLocation::FormData).any(|p| p.ty == TypeRef::File)
        || first_form_type.is_some_and(|m| m.to_ascii_lowercase().starts_with("multipart/"))
}

/// The `Accept` header: the JSON media type when the operation offers one, else everything it lists.
fn accept(op: &Operation) -> Option<String> {
    if op.produces.is_empty() {
        return None;
    }
    Some(op.produces.iter().find(|m| is_json(m)).cloned().unwrap_or_else(|| op.produces.join(", ")))
}

/// The security requirements operations use, each emitted once as a constant of the client module named after
/// its schemes (`BEARER_TOKEN`, `API_KEY_OR_PETSTORE_AUTH`), so an operation names its requirement in one word.
pub struct SecurityConsts {
    /// `(requirement as scheme keys, constant name)`, in first-use order.
    consts: Vec<(Vec<Vec<String>>, swagger2rs_parser::naming::Ident)>,
}

impl SecurityConsts {
    pub fn new(api: &Api) -> Self {
        let mut names = Namespace::new(Case::ShoutySnake, "SECURITY", &[]);
        let mut consts: Vec<(Vec<Vec<String>>, swagger2rs_parser::naming::Ident)> = Vec::new();
        for op in &api.operations {
            let key = requirement_key(op);
            if key.is_empty() || consts.iter().any(|(k, _)| *k == key) {
                continue;
            }
            let raw = key.iter().map(|alternative| alternative.join(" and ")).collect::<Vec<_>>().join(" or ");
            consts.push((key, names.claim(&raw)));
        }
        Self { consts }
    }

    /// The constant holding `op`'s requirement; `None` when it needs no authentication.
    fn name_for(&self, op: &Operation) -> Option<proc_macro2::Ident> {
        let key = requirement_key(op);
        self.consts.iter().find(|(k, _)| *k == key).map(|(_, name)| ident(name))
    }

    /// `const BEARER_TOKEN: &[&[SecurityScheme]] = &[&[SecurityScheme::ApiKeyHeader { … }]];`
    pub fn items(&self, api: &Api) -> TokenStream {
        let items = self.consts.iter().map(|(key, name)| {
            let alternatives = key.iter().map(|alternative| {
                let schemes = alternative.iter().filter_map(|key| scheme_tokens(api, key));
                quote!(&[#(#schemes),*])
            });
            let described = key
                .iter()
                .map(|alternative| {
                    alternative.iter().map(|k| format!("`{}`", k.replace('`', "'"))).collect::<Vec<_>>().join(" and ")
                })
                .collect::<Vec<_>>()
                .join(", or ");
            let doc = format!(" Operations that need {described}.");
            let name = ident(name);
            quote! {
                #[doc = #doc]
                const #name: &[&[crate::runtime::SecurityScheme]] = &[#(#alternatives),*];
            }
        });
        quote!(#(#items)*)
    }
}

/// The scheme keys of an operation's security alternatives; only schemes the spec defines.
fn requirement_key(op: &Operation) -> Vec<Vec<String>> {
    op.security.iter().map(|alternative| alternative.iter().map(|used| used.scheme.clone()).collect()).collect()
}

/// `SecurityScheme::ApiKeyHeader { name: "api_key", header: "X-API-Key" }`
fn scheme_tokens(api: &Api, key: &str) -> Option<TokenStream> {
    let scheme = api.security_schemes.iter().find(|s| s.key == key)?;
    let name = &scheme.key;
    Some(match &scheme.kind {
        SecurityKind::Basic => quote!(crate::runtime::SecurityScheme::Basic { name: #name }),
        SecurityKind::ApiKeyHeader { header } => {
            quote!(crate::runtime::SecurityScheme::ApiKeyHeader { name: #name, header: #header })
        }
        SecurityKind::ApiKeyQuery { param } => {
            quote!(crate::runtime::SecurityScheme::ApiKeyQuery { name: #name, param: #param })
        }
        SecurityKind::OAuth2 { .. } => quote!(crate::runtime::SecurityScheme::OAuth2 { name: #name }),
    })
}

/// ```text
/// //! One request builder per operation.
/// pub struct GetIssue<'a> { … }
/// ```
pub fn operations_module(api: &Api) -> Vec<Chunk<'_>> {
    let header = items(|| {
        quote! {
            #![doc = " Request builders, one per operation. Start one with the `Client` method of the same name."]
        }
    });
    std::iter::once(header).chain(api.operations.iter().map(|op| items(move || builder(api, op)))).collect()
}

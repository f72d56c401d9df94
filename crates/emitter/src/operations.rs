//! The `operations` module: one request builder per operation, and the `Client` method that starts it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use swagger2rs_parser::ir::{
    Api, Body, CollectionFormat, Operation, ParamLocation, Parameter, PathSegment, Primitive, SecurityKind,
    StringFormat, TypeRef,
};

use crate::docs::{doc_attrs, plain_doc_attrs};
use crate::responses::{is_json, plan};
use crate::rust_type::{Scope, ident, is_string, type_tokens};

/// A value the builder holds: a parameter or the body.
struct Input<'a> {
    name: &'a swagger2rs_parser::naming::Ident,
    ty: &'a TypeRef,
    required: bool,
    description: Option<&'a str>,
    /// A body sent as raw bytes (a file or binary string in a non-JSON media type).
    raw_bytes: bool,
    /// Where the value goes, for documentation: "the `expand` query parameter".
    wire: String,
}

impl Input<'_> {
    /// The Rust type the builder stores.
    fn stored_type(&self, api: &Api) -> TokenStream {
        match self.ty {
            _ if self.raw_bytes => quote!(crate::runtime::Bytes),
            TypeRef::File => quote!(crate::runtime::FilePart),
            ty => type_tokens(api, ty, Scope::Crate),
        }
    }

    /// The type callers pass: strings and bytes through `Into`, for `&str` and `Vec<u8>` alike.
    /// `(parameter type, expression converting `value` to the stored type)`.
    fn accepted_type(&self, api: &Api, value: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
        if self.raw_bytes {
            (quote!(impl Into<crate::runtime::Bytes>), quote!(#value.into()))
        } else if *self.ty == TypeRef::File {
            (quote!(impl Into<crate::runtime::FilePart>), quote!(#value.into()))
        } else if is_string(self.ty) {
            (quote!(impl Into<String>), quote!(#value.into()))
        } else if let TypeRef::Array(item) = self.ty {
            // Any iterable: `["a", "b"]`, a `Vec<String>`, an iterator adapter.
            if is_string(item) {
                (
                    quote!(impl IntoIterator<Item = impl Into<String>>),
                    quote!(#value.into_iter().map(Into::into).collect()),
                )
            } else {
                let item = type_tokens(api, item, Scope::Crate);
                (quote!(impl IntoIterator<Item = #item>), quote!(#value.into_iter().collect()))
            }
        } else {
            (type_tokens(api, self.ty, Scope::Crate), quote!(#value))
        }
    }
}

/// Bodies in a non-JSON media type whose schema is a file or binary string are sent as bytes.
fn is_raw_bytes(body: &Body) -> bool {
    !is_json(&body.media_type)
        && matches!(body.ty, TypeRef::File | TypeRef::Primitive(Primitive::String(StringFormat::Binary)))
}

/// The inputs of an operation in argument order: path parameters in template order, then the other
/// parameters as declared, then the body.
fn inputs(op: &Operation) -> Vec<Input<'_>> {
    let path_params = op.path_segments.iter().filter_map(|s| match s {
        PathSegment::Param(wire) => {
            op.parameters.iter().find(|p| p.location == ParamLocation::Path && &p.wire_name == wire)
        }
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
        out.push(Input { name: &p.name, ty: &p.ty, required: p.required, description, raw_bytes: false, wire });
    }
    if let Some(b) = &op.body {
        let description = b.description.as_deref();
        let wire = format!("the request body (`{}`)", b.media_type.replace('`', "'"));
        let raw_bytes = is_raw_bytes(b);
        out.push(Input { name: &b.name, ty: &b.ty, required: b.required, description, raw_bytes, wire });
    }
    out
}

/// ```text
/// /// Get issue …
/// pub fn get_issue(&self, issue_id_or_key: impl Into<String>) -> operations::GetIssue<'_> { … }
/// ```
pub fn client_method(api: &Api, op: &Operation) -> TokenStream {
    let method = ident(&op.name);
    let builder = ident(&op.type_name);
    let required: Vec<_> = inputs(op).into_iter().filter(|i| i.required).collect();
    let args = required.iter().map(|i| {
        let name = ident(i.name);
        let (ty, _) = i.accepted_type(api, &name);
        quote!(#name: #ty)
    });
    let values = required.iter().map(|i| i.accepted_type(api, &ident(i.name)).1);
    let docs = operation_docs(op, &required);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated = "the spec marks this operation deprecated"]));
    let many_args = (required.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #docs
        #deprecated
        #many_args
        pub fn #method(&self, #(#args),*) -> crate::operations::#builder<'_> {
            crate::operations::#builder::new(self, #(#values),*)
        }
    }
}

/// Summary and description, the HTTP signature, and the required arguments with where each is sent.
fn operation_docs(op: &Operation, required: &[Input<'_>]) -> TokenStream {
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
/// pub struct GetIssue<'a> { client: &'a Client, issue_id_or_key: String, expand: Option<String> }
/// impl<'a> GetIssue<'a> {
///     pub fn expand(mut self, value: impl Into<String>) -> Self { … }
///     pub async fn send(self) -> Result<ResponseValue<serde_json::Value>, Error<serde_json::Value>> { … }
/// }
/// ```
pub fn builder(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.type_name);
    let inputs = inputs(op);
    let fields = inputs.iter().map(|i| {
        let field = ident(i.name);
        let ty = i.stored_type(api);
        if i.required { quote!(#field: #ty,) } else { quote!(#field: Option<#ty>,) }
    });
    let (required, optional): (Vec<&Input<'_>>, Vec<&Input<'_>>) = inputs.iter().partition(|i| i.required);
    let new_args = required.iter().map(|i| {
        let field = ident(i.name);
        let ty = i.stored_type(api);
        quote!(#field: #ty)
    });
    let init_required = required.iter().map(|i| ident(i.name));
    let init_optional = optional.iter().map(|i| ident(i.name));
    let setters = optional.iter().map(|i| setter(api, i));
    let send = send(api, op);
    let method = op.name.as_str();
    let docs = plain_doc_attrs(&format!(
        "Request builder for [`Client::{method}`](crate::Client::{method}): set optional parameters, then `send`."
    ));
    let must_use = "a request builder does nothing until `send` is awaited";
    let many_args = (required.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #docs
        #[derive(Clone, Debug)]
        #[must_use = #must_use]
        pub struct #name<'a> {
            client: &'a crate::Client,
            #(#fields)*
        }

        impl<'a> #name<'a> {
            #many_args
            pub(crate) fn new(client: &'a crate::Client, #(#new_args),*) -> Self {
                Self {
                    client,
                    #(#init_required,)*
                    #(#init_optional: None,)*
                }
            }

            #(#setters)*

            #send
        }
    }
}

fn setter(api: &Api, input: &Input<'_>) -> TokenStream {
    let field = ident(input.name);
    // Where the value goes leads the first paragraph: "Sets the `pretty` query parameter: If 'true', …".
    let lead = format!("Sets {}", input.wire);
    let text = match input.description.map(str::trim).filter(|d| !d.is_empty()) {
        Some(description) => format!("{lead}: {description}"),
        None => format!("{lead}."),
    };
    let docs = doc_attrs([Some(text.as_str())]);
    let (ty, value) = input.accepted_type(api, &format_ident!("value"));
    quote! {
        #docs
        pub fn #field(mut self, value: #ty) -> Self {
            self.#field = Some(#value);
            self
        }
    }
}

/// `send`: fills a runtime `Request`, executes it, and dispatches on the status.
fn send(api: &Api, op: &Operation) -> TokenStream {
    let method = format_ident!("{}", op.method.as_str());
    let path = op.path_segments.iter().map(|segment| match segment {
        PathSegment::Literal(text) => quote!(.path(#text)),
        PathSegment::Param(wire) => {
            match op.parameters.iter().find(|p| p.location == ParamLocation::Path && &p.wire_name == wire) {
                Some(p) => path_param(p),
                None => quote!(),
            }
        }
    });
    let query = op.parameters_in(ParamLocation::Query).map(|p| located_param(p, "query"));
    let headers = op.parameters_in(ParamLocation::Header).map(|p| located_param(p, "header"));
    let form = form_body(op);
    let body = op.body.as_ref().map(body_call);
    let accept = accept(op).map(|media| quote!(.accept(#media)));
    let security = security(api, op);
    let plan = plan(api, op);
    let ok_type = plan.ok_type;
    let err_type = plan.err_type;
    let dispatch = plan.dispatch;
    quote! {
        /// Sends the request and decodes the response.
        ///
        /// # Errors
        ///
        /// [`Error::InvalidRequest`](crate::Error::InvalidRequest) when a parameter cannot be sent (nothing is
        /// sent then), [`Error::Transport`](crate::Error::Transport) when the exchange fails, and the other
        /// variants for statuses and bodies the spec does not lead to expect.
        pub async fn send(self) -> Result<crate::ResponseValue<#ok_type>, crate::Error<#err_type>> {
            let request = crate::runtime::Request::new(crate::runtime::Method::#method)
                #(#path)*
                #(#query)*
                #(#headers)*
                #accept
                .security(#security);
            #body
            #form
            let response = self.client.core.execute(request).await?;
            #dispatch
        }
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

fn path_param(p: &Parameter) -> TokenStream {
    let field = ident(&p.name);
    match p.ty {
        TypeRef::Array(_) => {
            let format = collection_format(p.collection_format);
            quote!(.path_array(&self.#field, #format))
        }
        _ => quote!(.path_param(&self.#field)),
    }
}

/// `.query("name", &self.name)`, `.query_opt(…)`, `.query_array(…)` (and the same for headers).
fn located_param(p: &Parameter, kind: &str) -> TokenStream {
    let field = ident(&p.name);
    let wire = &p.wire_name;
    let is_array = matches!(p.ty, TypeRef::Array(_));
    match (is_array, p.required) {
        (true, required) => {
            let call = format_ident!("{kind}_array");
            let format = collection_format(p.collection_format);
            let values =
                if required { quote!(&self.#field) } else { quote!(self.#field.as_deref().unwrap_or_default()) };
            quote!(.#call(#wire, #values, #format))
        }
        (false, true) => {
            let call = format_ident!("{kind}");
            quote!(.#call(#wire, &self.#field))
        }
        (false, false) => {
            let call = format_ident!("{kind}_opt");
            quote!(.#call(#wire, self.#field.as_ref()))
        }
    }
}

/// formData parameters, sent as a multipart form when the operation uploads a file or its first form media
/// type is `multipart/form-data`, else URL-encoded.
fn form_body(op: &Operation) -> TokenStream {
    let fields: Vec<&Parameter> = op.parameters_in(ParamLocation::FormData).collect();
    if fields.is_empty() {
        return quote!();
    }
    let constructor = if is_multipart(op) { quote!(multipart) } else { quote!(urlencoded) };
    let adds = fields.iter().map(|p| {
        let field = ident(&p.name);
        let wire = &p.wire_name;
        let add = match &p.ty {
            TypeRef::Array(_) => {
                let format = collection_format(p.collection_format);
                quote!(form.array(#wire, value, #format))
            }
            TypeRef::File => quote!(form.file(#wire, value)),
            _ => quote!(form.text(#wire, value)),
        };
        if p.required {
            quote! { let value = &self.#field; #add; }
        } else {
            quote! { if let Some(value) = &self.#field { #add; } }
        }
    });
    quote! {
        let mut form = crate::runtime::Form::#constructor();
        #(#adds)*
        let request = request.form(&form);
    }
}

fn is_multipart(op: &Operation) -> bool {
    let first_form_type = op.consumes.iter().find(|m| {
        let m = m.to_ascii_lowercase();
        m.starts_with("multipart/form-data") || m.starts_with("application/x-www-form-urlencoded")
    });
    op.parameters_in(ParamLocation::FormData).any(|p| p.ty == TypeRef::File)
        || first_form_type.is_some_and(|m| m.to_ascii_lowercase().starts_with("multipart/"))
}

/// `let request = request.json_body(&self.body);` (or the text/bytes form for non-JSON media types).
fn body_call(body: &Body) -> TokenStream {
    let field = ident(&body.name);
    let media = &body.media_type;
    let call = match &body.ty {
        _ if is_raw_bytes(body) => quote!(request.bytes_body(#media, value.clone())),
        ty if is_string(ty) && !is_json(media) => {
            quote!(request.text_body(#media, value.clone()))
        }
        _ => quote!(request.json_body(value)),
    };
    if body.required {
        quote! {
            let value = &self.#field;
            let request = #call;
        }
    } else {
        quote! {
            let request = match &self.#field {
                Some(value) => #call,
                None => request,
            };
        }
    }
}

/// The `Accept` header: the JSON media type when the operation offers one, else everything it lists.
fn accept(op: &Operation) -> Option<String> {
    if op.produces.is_empty() {
        return None;
    }
    Some(op.produces.iter().find(|m| is_json(m)).cloned().unwrap_or_else(|| op.produces.join(", ")))
}

/// `&[&[SecurityScheme::ApiKeyHeader { name: "api_key", header: "X-API-Key" }]]`
fn security(api: &Api, op: &Operation) -> TokenStream {
    let alternatives = op.security.iter().map(|alternative| {
        let schemes = alternative.iter().filter_map(|used| {
            let scheme = api.security_schemes.iter().find(|s| s.key == used.scheme)?;
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
        });
        quote!(&[#(#schemes),*])
    });
    quote!(&[#(#alternatives),*])
}

/// ```text
/// //! One request builder per operation.
/// pub struct GetIssue<'a> { … }
/// ```
pub fn operations_module(api: &Api) -> impl Iterator<Item = TokenStream> + '_ {
    let header = quote! {
        #![doc = " Request builders, one per operation. Start one with the `Client` method of the same name."]
    };
    std::iter::once(header).chain(api.operations.iter().map(|op| builder(api, op)))
}

//! The `operations` module: one request builder per operation, and the `Client` method that starts it (added
//! to the client module).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use swagger2rs_parser::ir::{
    Api, Body, BodyEncoding, CollectionFormat, FormEncoding, Operation, ParamLocation, Parameter, PathSegment,
    QueryPair, TypeRef,
};

use crate::chunks::{items, members};
use crate::context::Emitter;
use crate::docs::{doc_attrs, plain_doc_attrs};
use crate::output_space::{OutputSpace, SourceFile};
use crate::responses::{Dispatch, JsonBody};
use crate::rust_type::{Scope, ident, is_string, type_tokens};

/// The most calls one method chain makes to build a request; a longer request is built in statements of
/// this many calls.
const MAX_CHAINED_CALLS: usize = 64;

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
            (Place::Body(Body { encoding: BodyEncoding::Bytes, .. }), _) => quote!(impl Into<crate::runtime::Bytes>),
            (Place::Body(Body { encoding: BodyEncoding::Text, .. }), _) => quote!(impl Into<String>),
            (_, TypeRef::File) => quote!(impl Into<crate::runtime::FilePart>),
            (Place::Param(_), ty) if is_string(ty) => quote!(impl AsRef<str>),
            (Place::Param(_), TypeRef::Array(item)) if is_string(item) => {
                quote!(impl IntoIterator<Item = impl Into<String>>)
            }
            (Place::Param(_), TypeRef::Array(item)) if matches!(**item, TypeRef::Array(_)) => {
                let TypeRef::Array(inner) = &**item else { return quote!(serde_json::Value) };
                if is_string(inner) {
                    quote!(impl IntoIterator<Item = impl IntoIterator<Item = impl Into<String>>>)
                } else {
                    let inner = type_tokens(api, inner, Scope::Crate);
                    quote!(impl IntoIterator<Item = impl IntoIterator<Item = #inner>>)
                }
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
                let media = body.media_type.as_str();
                return match body.encoding {
                    BodyEncoding::Bytes => quote!(.bytes_body(#media, #value)),
                    BodyEncoding::Text => quote!(.text_body(#media, #value.into())),
                    BodyEncoding::Json => quote!(.json_body(#media, &#value)),
                };
            }
            Place::Param(p) => p,
        };
        let wire = &p.wire_name;
        if p.ty == TypeRef::File {
            return quote!(.form_file(#wire, #value.into()));
        }
        if let TypeRef::Array(_) = &p.ty {
            let values = array_values(p, value);
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

/// The items of array parameter `p` held in `value` (of the accepted type), as `ParamValue`s: strings as
/// `String`, and each inner array of an array of arrays joined by its own collection format first.
fn array_values(p: &Parameter, value: &proc_macro2::Ident) -> TokenStream {
    let TypeRef::Array(item) = &p.ty else { return quote!(#value) };
    match &**item {
        TypeRef::Array(inner) => {
            let format = collection_format(p.item_collection_format);
            let inner_values =
                if is_string(inner) { quote!(inner.into_iter().map(Into::<String>::into)) } else { quote!(inner) };
            quote!(#value.into_iter().map(|inner| crate::runtime::join_values(#inner_values, #format)))
        }
        item if is_string(item) => quote!(#value.into_iter().map(Into::<String>::into)),
        _ => quote!(#value),
    }
}

/// The inputs of an operation in argument order: path parameters in template order, then the other
/// parameters as declared, then the body.
fn inputs(op: &Operation) -> Vec<Input<'_>> {
    let by_wire = path_parameters(op);
    let path_params = op.path_segments.iter().filter_map(|s| match s {
        PathSegment::Param(wire) => by_wire.get(wire.as_str()).copied(),
        PathSegment::Literal(_) => None,
    });
    let others = op.parameters.iter().filter(|p| p.location != ParamLocation::Path);
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<Input<'_>> = Vec::new();
    for p in path_params.chain(others) {
        if !seen.insert(&p.name) {
            continue;
        }
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
        let wire = format!("the request body (`{}`)", b.media_type.as_str().replace('`', "'"));
        out.push(Input { name: &b.name, place: Place::Body(b), required: b.required, description, wire });
    }
    out
}

/// The path parameters by wire name (the first of a name, as a search from the front finds it), so a long
/// template is matched to them in linear time.
fn path_parameters(op: &Operation) -> std::collections::HashMap<&str, &Parameter> {
    let mut out = std::collections::HashMap::new();
    for p in op.parameters_in(ParamLocation::Path) {
        out.entry(p.wire_name.as_str()).or_insert(p);
    }
    out
}

/// How many times the template uses each path parameter.
fn template_uses(op: &Operation) -> std::collections::HashMap<&str, usize> {
    let mut out = std::collections::HashMap::new();
    for segment in &op.path_segments {
        if let PathSegment::Param(wire) = segment {
            *out.entry(wire.as_str()).or_insert(0) += 1;
        }
    }
    out
}

impl<'a> Emitter<'a> {
    /// ```text
    /// //! One request builder per operation.
    /// pub struct GetIssue<'a> { … }
    /// ```
    /// and, in the client module (or its group's), the method that starts each.
    /// The `cfg` predicate of everything emitted for `op` (its method, its builder and the builder's other
    /// `impl` blocks), so they are compiled under exactly the same features.
    pub(crate) fn operation_cfg(&self, op: &Operation) -> Option<String> {
        crate::features::cfg(self.api, &self.features.operation(self.api, op))
    }

    pub fn emit_operations(&'a self, out: &mut OutputSpace<'a>) {
        out.add(
            SourceFile::Operations,
            items(|| {
                quote! {
                    #![doc = " Request builders, one per operation. Start one with the `Client` method of the same name."]
                }
            }),
        );
        for op in &self.api.operations {
            let gate = self.operation_cfg(op);
            let (file, self_ty) = match self.home(op) {
                Some(id) => (SourceFile::Group(id), format!("<'a> {}<'a>", self.api.group(id).type_name)),
                None => (SourceFile::Client, "Client".to_owned()),
            };
            out.add(file, members(self_ty, move || self.client_method(op)).gated(gate.clone()));
            out.add(SourceFile::Operations, items(move || self.builder(op)).gated(gate));
        }
    }

    /// ```text
    /// /// Get issue …
    /// pub fn get_issue(&self, issue_id_or_key: impl AsRef<str>) -> operations::GetIssue<'_> {
    ///     operations::GetIssue { client: self, request: Request::new(Method::GET).path("/api/2/issue/")… }
    /// }
    /// ```
    /// A group's method is the same with `client: self.client` and the group's lifetime `'a`.
    fn client_method(&self, op: &Operation) -> TokenStream {
        let api = self.api;
        let method = ident(self.method_name(op));
        let (client, lifetime) = match self.home(op) {
            Some(_) => (quote!(self.client), quote!('a)),
            None => (quote!(self), quote!('_)),
        };
        let builder = ident(&op.type_name);
        let inputs = inputs(op);
        let required: Vec<&Input<'_>> = inputs.iter().filter(|i| i.required).collect();
        let args = required.iter().map(|i| {
            let name = ident(i.name);
            let ty = i.accepted_type(api);
            quote!(#name: #ty)
        });
        // An array the template uses more than once is collected first, then each use borrows it.
        let uses = template_uses(op);
        let used_twice = |wire: &str| uses.get(wire).is_some_and(|&n| n > 1);
        let mut path_inputs: std::collections::HashMap<&str, &Input<'_>> = std::collections::HashMap::new();
        for input in &inputs {
            if let Place::Param(p) = input.place {
                if p.location == ParamLocation::Path {
                    path_inputs.entry(p.wire_name.as_str()).or_insert(input);
                }
            }
        }
        let mut collected = Vec::new();
        for p in op.parameters_in(ParamLocation::Path) {
            if let (TypeRef::Array(item), true) = (&p.ty, used_twice(&p.wire_name)) {
                let name = ident(&p.name);
                collected.push(if is_string(item) || matches!(**item, TypeRef::Array(_)) {
                    let values = array_values(p, &name);
                    quote!(let #name: Vec<String> = #values.collect();)
                } else {
                    quote!(let #name: Vec<_> = #name.into_iter().collect();)
                });
            }
        }
        let path: Vec<TokenStream> = op
            .path_segments
            .iter()
            .map(|segment| match segment {
                PathSegment::Literal(text) => quote!(.path(#text)),
                PathSegment::Param(wire) => match path_inputs.get(wire.as_str()).copied() {
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
            })
            .collect();
        let calls = required
            .iter()
            .filter(|i| !matches!(i.place, Place::Param(p) if p.location == ParamLocation::Path))
            .map(|i| i.request_call(&ident(i.name)));
        let accept = op.accept.as_deref().map(|media| quote!(.accept(#media)));
        let security = self.security.name_for(op).map(|name| quote!(.security(crate::client::#name)));
        let chained: Vec<TokenStream> = path
            .into_iter()
            .chain(fixed_query(op))
            .chain(form_start(op))
            .chain(calls)
            .chain(accept)
            .chain(security)
            .collect();
        let http_method = format_ident!("{}", op.method.as_str());
        let operation_name = op.name.as_str();
        let template = op.path.as_str();
        let new_request = quote! {
            crate::runtime::Request::new(crate::runtime::Method::#http_method).operation(#operation_name, #template)
        };
        // A request with thousands of path segments or required parameters is built in statements of a few
        // calls each: one chain that long nests as deep in syn's and prettyplease's trees, which walk it
        // recursively.
        let request = if chained.len() > MAX_CHAINED_CALLS {
            let statements = chained.chunks(MAX_CHAINED_CALLS).map(|calls| quote!(request = request #(#calls)*;));
            quote! {
                request: {
                    let mut request = #new_request;
                    #(#statements)*
                    request
                }
            }
        } else {
            quote!(request: #new_request #(#chained)*)
        };
        let docs = operation_docs(op, &required);
        let deprecated = op.deprecated.then(|| quote!(#[deprecated = "the spec marks this operation deprecated"]));
        let many_args = (required.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        quote! {
            #docs
            #deprecated
            #many_args
            pub fn #method(&self, #(#args),*) -> crate::operations::#builder<#lifetime> {
                #(#collected)*
                crate::operations::#builder {
                    client: #client,
                    #request,
                }
            }
        }
    }

    /// ```text
    /// pub struct GetIssue<'a> { client: &'a Client, request: Request }
    /// impl<'a> GetIssue<'a> {
    ///     pub fn expand(mut self, value: impl AsRef<str>) -> Self { … }
    ///     pub fn send(self) -> impl Future<Output = crate::Result<serde_json::Value>> + 'a { … }
    /// }
    /// ```
    fn builder(&self, op: &Operation) -> TokenStream {
        let name = ident(&op.type_name);
        let inputs = inputs(op);
        let setters = inputs.iter().filter(|i| !i.required).map(|i| setter(self.api, i));
        let send = self.send(op);
        let docs = plain_doc_attrs(&format!(
            "Request builder for {}: set optional parameters, then `send`.",
            self.method_link(op)
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

            impl<'a> #name<'a> {
                #(#setters)*

                /// Gives this call its own time limit instead of the client's (see
                /// [`Client::with_timeout`](crate::Client::with_timeout)).
                pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                    self.request = self.request.timeout(timeout);
                    self
                }

                /// Gives this call its own retry policy instead of the client's (see
                /// [`Client::with_retry`](crate::Client::with_retry)).
                pub fn retry(mut self, policy: crate::runtime::RetryPolicy) -> Self {
                    self.request = self.request.retry(policy);
                    self
                }

                #send
            }
        }
    }

    fn send(&self, op: &Operation) -> TokenStream {
        let plan = self.response_plan(op);
        let ok_type = plan.ok_type;
        let err_type = plan.err_type;
        let result = |ok: TokenStream| match &err_type {
            None => quote!(crate::Result<#ok>),
            Some(err_type) => quote!(crate::Result<#ok, #err_type>),
        };
        let send_result = result(ok_type);
        let json_stream = plan.json_stream.as_ref().map(|item| {
            let stream_result = result(quote!(crate::runtime::JsonStream<#item>));
            let dispatch = plan.dispatch.clone().expr();
            quote! {
                /// Sends the request and reads a successful response's body item by item as it arrives: JSON values
                /// one per line (NDJSON, JSON Lines), after RS bytes (`application/json-seq`) or simply one after
                /// another. A bad item is an error item and the stream goes on; other statuses decode as with
                /// [`send`](Self::send).
                #[allow(clippy::result_large_err, reason = "the error keeps the whole response for diagnosis")]
                pub fn send_json_stream(self) -> impl std::future::Future<Output = #stream_result> + 'a {
                    self.client.core.execute_json_stream(self.request, |response| -> #send_result { #dispatch })
                }
            }
        });
        let (body, streaming, allow) = match plan.dispatch {
            Dispatch::JsonOrError(JsonBody::Typed) => (quote!(self.client.core.execute_json(self.request)), None, None),
            Dispatch::JsonOrError(JsonBody::Collection) => {
                (quote!(self.client.core.execute_json_collection(self.request)), None, None)
            }
            Dispatch::JsonOrError(JsonBody::Untyped) => {
                (quote!(self.client.core.execute_json_value(self.request)), None, None)
            }
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
                    self.client.core.execute_then(self.request, |response| #dispatch)
                };
                // The decoding closure returns the crate's `Result`, whose error is large on purpose.
                let allow = quote!(#[allow(clippy::result_large_err, reason = "the error keeps the whole response for diagnosis")]);
                (body, streaming, Some(allow))
            }
        };
        // Not an `async fn`: the runtime's generic future is checked once instead of a state machine per
        // operation (see `ClientCore::execute_json`). The future is `Send` (callers see through the opaque
        // type), but saying `+ Send` here would have rustc prove it once per operation: on Kubernetes that
        // took `cargo check` from 24 s to 39 s.
        quote! {
            /// Sends the request and decodes the response; [`Error`](crate::Error) says what can go wrong.
            #allow
            pub fn send(self) -> impl std::future::Future<Output = #send_result> + 'a {
                #body
            }

            #streaming

            #json_stream
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

/// `.query("restype", "container").query_key("comp")`: the fixed query of an `x-ms-paths` key, in its order,
/// set before the operation's own parameters so that one of the same name replaces its pair when set.
fn fixed_query(op: &Operation) -> impl Iterator<Item = TokenStream> + '_ {
    op.fixed_query.iter().map(|QueryPair { name, value }| match value {
        Some(value) => quote!(.query(#name, #value)),
        None => quote!(.query_key(#name)),
    })
}

/// `.multipart_form(&["name", "file"])` or `.urlencoded_form(…)` for operations with formData parameters, with
/// the fields in declaration order.
fn form_start(op: &Operation) -> Option<TokenStream> {
    let fields = op.parameters_in(ParamLocation::FormData).map(|p| p.wire_name.as_str());
    Some(match op.form? {
        FormEncoding::Multipart => quote!(.multipart_form(&[#(#fields),*])),
        FormEncoding::UrlEncoded => quote!(.urlencoded_form(&[#(#fields),*])),
    })
}

impl Emitter<'_> {
    /// Example arguments for the `Client` method of `op`, as Rust source (`"value"`, `1`,
    /// `crate_name::types::Pet::default()`), when every required input is simple enough to invent one that
    /// compiles: strings, numbers, booleans, and JSON bodies of models with `Default`. `None` otherwise.
    pub(crate) fn example_args(&self, op: &Operation) -> Option<Vec<String>> {
        use swagger2rs_parser::ir::{Primitive, TypeKind};
        let inputs = inputs(op);
        let mut args = Vec::new();
        for input in inputs.iter().filter(|i| i.required) {
            let arg = match (input.place, input.ty()) {
                (Place::Param(_), ty) if is_string(ty) => "\"value\"".to_owned(),
                (Place::Param(_), TypeRef::Primitive(Primitive::Integer(_))) => "1".to_owned(),
                (Place::Param(_), TypeRef::Primitive(Primitive::Number(_))) => "1.0".to_owned(),
                (Place::Param(_), TypeRef::Primitive(Primitive::Boolean)) => "true".to_owned(),
                (Place::Body(Body { encoding: BodyEncoding::Json, .. }), TypeRef::Named(id)) => {
                    let def = self.api.type_def(*id);
                    let is_struct = matches!(def.kind, TypeKind::Struct(_));
                    if !is_struct || !self.derives.has_default(def) {
                        return None;
                    }
                    format!("{}::types::{}::default()", self.options.crate_name.replace('-', "_"), def.name)
                }
                _ => return None,
            };
            args.push(arg);
        }
        Some(args)
    }
}

//! The methods of paged and long-running operations, added to their request builders in `src/operations.rs`
//! as an impl block of their own: `stream` and `pages` (lazy streams over the items and the pages) for
//! operations with `Operation::pagination`, `send_and_wait` and `send_and_wait_with` (send, then poll until
//! done) for those with `Operation::long_running`. The machinery is the runtime's (`runtime/paging.rs`,
//! `runtime/lro.rs`); what is emitted here only says where the items, totals, cursors and links are.

use proc_macro2::TokenStream;
use quote::quote;
use swagger2rs_parser::ir::{
    Api, FieldAccess, FinalState, IntegerFormat, LongRunning, Operation, PageNext, PageStop, Pagination, Presence,
    Primitive, TypeKind, TypeRef,
};

use crate::chunks::items;
use crate::context::Emitter;
use crate::docs::plain_doc_attrs;
use crate::output_space::{OutputSpace, SourceFile};
use crate::responses::status_variant;
use crate::rust_type::{Scope, ident, type_tokens};

impl<'a> Emitter<'a> {
    /// ```text
    /// impl<'a> GetIssueWorklog<'a> {
    ///     fn pager() -> Pager<PageOfWorklogs, Worklog> { … }
    ///     pub fn stream(self) -> impl Stream<Item = Result<Worklog, Error<ErrorCollection>>> + 'a { … }
    ///     pub fn pages(self) -> impl Stream<Item = crate::Result<PageOfWorklogs, ErrorCollection>> + 'a { … }
    /// }
    /// ```
    /// for every pageable operation, and `send_and_wait(_with)` for every long-running one.
    pub fn emit_paging(&'a self, out: &mut OutputSpace<'a>) {
        for op in &self.api.operations {
            if op.pagination.is_some() || op.long_running.is_some() {
                out.add(SourceFile::Operations, items(move || self.paging_impl(op)).gated(self.operation_cfg(op)));
            }
        }
    }

    fn paging_impl(&self, op: &Operation) -> TokenStream {
        let builder = ident(&op.type_name);
        let streams = op.pagination.as_ref().map(|pagination| self.streams(op, pagination));
        let wait = op.long_running.as_ref().map(|long_running| self.wait(op, long_running));
        quote! {
            impl<'a> #builder<'a> {
                #streams
                #wait
            }
        }
    }

    fn streams(&self, op: &Operation, pagination: &Pagination) -> TokenStream {
        let plan = self.response_plan(op);
        let page = plan.ok_type;
        let error = plan.err_type.unwrap_or_else(|| quote!(serde_json::Value));
        let item = type_tokens(self.api, &pagination.item_type, Scope::Crate);
        let access = PageAccess::new(op, pagination);
        let take = match &pagination.items {
            Some(field) => take_items(field),
            None => quote!(page),
        };
        let take = access.read(take, quote!(Vec::new()));
        let count = match &pagination.items {
            Some(field) => count_items(field),
            None => quote!(page.len()),
        };
        let count = access.read(count, quote!(0));
        let next = next_tokens(self.api, &access, &pagination.next);
        let how = describe(pagination);
        let stream_docs = plain_doc_attrs(&format!(
            "Every item of every page, in order, as a stream: {how}. Lazy: a page is requested only when the \
             items before it have been read, with every optional parameter set on this builder. The stream ends \
             after its first error; a next link or cursor the server already sent is \
             [`Error::Paging`](crate::Error::Paging), never an endless loop."
        ));
        let pages_docs = plain_doc_attrs(
            "Every page, in order, with its status and headers, as a stream; as lazy as [`stream`](Self::stream).",
        );
        quote! {
            /// How this operation's pages hold their items and lead to the next.
            fn pager() -> crate::runtime::Pager<#page, #item> {
                crate::runtime::Pager {
                    items: |page: #page| #take,
                    count: |page: &#page| #count,
                    next: #next,
                }
            }

            #stream_docs
            pub fn stream(self) -> impl crate::runtime::Stream<Item = Result<#item, crate::Error<#error>>> + 'a {
                let client = self.client;
                crate::runtime::item_stream(
                    client.core.base_url().to_owned(),
                    self.request,
                    Self::pager(),
                    move |request| Self { client, request }.send(),
                )
            }

            #pages_docs
            pub fn pages(self) -> impl crate::runtime::Stream<Item = crate::Result<#page, #error>> + 'a {
                let client = self.client;
                crate::runtime::page_stream(
                    client.core.base_url().to_owned(),
                    self.request,
                    Self::pager(),
                    move |request| Self { client, request }.send(),
                )
            }
        }
    }

    fn wait(&self, op: &Operation, long_running: &LongRunning) -> TokenStream {
        let plan = self.response_plan(op);
        let ok = plan.ok_type;
        let result = match plan.err_type {
            Some(err) => quote!(crate::Result<#ok, #err>),
            None => quote!(crate::Result<#ok>),
        };
        let dispatch = plan.dispatch.expr();
        let (final_state, where_final) = match long_running.final_state {
            FinalState::AzureAsyncOperation => (quote!(AzureAsyncOperation), "the last status poll"),
            FinalState::Location => (quote!(Location), "the first answer's `Location`"),
            FinalState::OriginalUri => (quote!(OriginalUri), "a `GET` of the request's URL"),
        };
        let docs = plain_doc_attrs(&format!(
            "Sends the request, then polls until the operation is done (`Azure-AsyncOperation`, `Location` or \
             the resource's `provisioningState`, waiting as `Retry-After` asks, else `options`' interval) and \
             decodes the final result, read from {where_final}. The request's retry policy and timeout apply to \
             every poll. A `Failed` or `Canceled` operation, and one still running at `options`' deadline, is \
             [`Error::Polling`](crate::Error::Polling)."
        ));
        quote! {
            /// [`send_and_wait_with`](Self::send_and_wait_with) with the default
            /// [`PollOptions`](crate::runtime::PollOptions): every 5 s unless the server asks otherwise, for at
            /// most 30 minutes.
            pub async fn send_and_wait(self) -> #result {
                self.send_and_wait_with(crate::runtime::PollOptions::default()).await
            }

            #docs
            pub async fn send_and_wait_with(self, options: crate::runtime::PollOptions) -> #result {
                #[allow(clippy::result_large_err, reason = "the error keeps the whole response for diagnosis")]
                let decode = |response: crate::runtime::RawResponse| -> #result { #dispatch };
                crate::runtime::wait_for_completion(
                    &self.client.core,
                    self.request,
                    crate::runtime::FinalState::#final_state,
                    options,
                    decode,
                )
                .await
            }
        }
    }
}

/// One sentence on how the pages follow each other, for the docs.
fn describe(pagination: &Pagination) -> String {
    let quoted = |name: &str| format!("`{}`", name.replace('`', "'"));
    match &pagination.next {
        PageNext::Single => "the operation answers with one page".to_owned(),
        PageNext::Offset { param, .. } => {
            format!("the {} query parameter is advanced by the items received", quoted(param))
        }
        PageNext::PageNumber { param, .. } => format!("the {} query parameter counts the pages", quoted(param)),
        PageNext::Cursor { param, field } => {
            format!("each page's {} field is sent as the {} query parameter", quoted(&field.wire_name), quoted(param))
        }
        PageNext::NextLink { field } => format!("each page's {} field links to the next", quoted(&field.wire_name)),
        PageNext::LinkHeader => "each page's `Link: <…>; rel=\"next\"` header links to the next".to_owned(),
    }
}

/// The items of `page`, moved out of `field` (an array; absent and `null` are no items).
fn take_items(field: &FieldAccess) -> TokenStream {
    let name = ident(&field.name);
    match field.presence {
        Presence::Required => quote!(page.#name),
        Presence::RequiredNullable | Presence::Optional => quote!(page.#name.unwrap_or_default()),
        Presence::OptionalNullable => quote!(page.#name.flatten().unwrap_or_default()),
    }
}

/// How many items `field` of `page` holds.
fn count_items(field: &FieldAccess) -> TokenStream {
    let name = ident(&field.name);
    match field.presence {
        Presence::Required => quote!(page.#name.len()),
        Presence::RequiredNullable | Presence::Optional => quote!(page.#name.as_ref().map_or(0, Vec::len)),
        Presence::OptionalNullable => quote!(page.#name.as_ref().and_then(Option::as_ref).map_or(0, Vec::len)),
    }
}

/// The primitive behind `ty`, through aliases and nullability.
fn primitive<'t>(api: &'t Api, mut ty: &'t TypeRef) -> Option<&'t Primitive> {
    for _ in 0..64 {
        ty = match ty {
            TypeRef::Primitive(p) => return Some(p),
            TypeRef::Nullable(inner) => inner,
            TypeRef::Named(id) => match &api.type_def(*id).kind {
                TypeKind::Alias(inner) => inner,
                _ => return None,
            },
            _ => return None,
        };
    }
    None
}

/// An integer field as `Option<i64>` (integers are `Copy`; 32-bit ones are widened).
fn integer(api: &Api, field: &FieldAccess) -> TokenStream {
    let name = ident(&field.name);
    let narrow = matches!(primitive(api, &field.ty), Some(Primitive::Integer(IntegerFormat::Int32)));
    match (field.presence, narrow) {
        (Presence::Required, true) => quote!(Some(i64::from(page.#name))),
        (Presence::Required, false) => quote!(Some(page.#name)),
        (Presence::RequiredNullable | Presence::Optional, true) => quote!(page.#name.map(i64::from)),
        (Presence::RequiredNullable | Presence::Optional, false) => quote!(page.#name),
        (Presence::OptionalNullable, true) => quote!(page.#name.flatten().map(i64::from)),
        (Presence::OptionalNullable, false) => quote!(page.#name.flatten()),
    }
}

/// A string (or, for cursors, integer) field as `Option<String>`.
fn text(api: &Api, field: &FieldAccess) -> TokenStream {
    let name = ident(&field.name);
    let is_integer = matches!(primitive(api, &field.ty), Some(Primitive::Integer(_)));
    match (field.presence, is_integer) {
        (Presence::Required, false) => quote!(Some(page.#name.clone())),
        (Presence::Required, true) => quote!(Some(page.#name.to_string())),
        (Presence::RequiredNullable | Presence::Optional, false) => quote!(page.#name.clone()),
        (Presence::RequiredNullable | Presence::Optional, true) => quote!(page.#name.map(|value| value.to_string())),
        (Presence::OptionalNullable, false) => quote!(page.#name.clone().flatten()),
        (Presence::OptionalNullable, true) => quote!(page.#name.flatten().map(|value| value.to_string())),
    }
}

/// Reads a page inside the closures of the `Pager`: the body itself, or the variants of the operation's
/// success enum that hold a page.
struct PageAccess {
    variants: Vec<TokenStream>,
}

impl PageAccess {
    fn new(op: &Operation, pagination: &Pagination) -> Self {
        let variants = match &op.success_enum {
            Some(name) if !pagination.page_statuses.is_empty() => {
                let name = ident(name);
                (pagination.page_statuses.iter())
                    .map(|code| {
                        let variant = status_variant(*code);
                        quote!(crate::types::#name::#variant(page))
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        Self { variants }
    }

    /// `value`, an expression over `page`, with `fallback` for variants that are no page.
    fn read(&self, value: TokenStream, fallback: TokenStream) -> TokenStream {
        if self.variants.is_empty() {
            return value;
        }
        let variants = &self.variants;
        quote!(match page { #(#variants)|* => #value, _ => #fallback })
    }

    /// A closure reading an `Option` from a borrowed page.
    fn optional(&self, value: TokenStream) -> TokenStream {
        let value = self.read(value, quote!(None));
        quote!(|page| #value)
    }
}

fn next_tokens(api: &Api, access: &PageAccess, next: &PageNext) -> TokenStream {
    match next {
        PageNext::Single => quote!(crate::runtime::Next::Single),
        PageNext::Offset { param, first, stop } => {
            let stop = stop_tokens(api, access, stop);
            quote!(crate::runtime::Next::Offset { param: #param, first: #first, stop: #stop })
        }
        PageNext::PageNumber { param, first, stop } => {
            let stop = stop_tokens(api, access, stop);
            quote!(crate::runtime::Next::PageNumber { param: #param, first: #first, stop: #stop })
        }
        PageNext::Cursor { param, field } => {
            let read = access.optional(text(api, field));
            quote!(crate::runtime::Next::Cursor { param: #param, next: #read })
        }
        PageNext::NextLink { field } => {
            let read = access.optional(text(api, field));
            quote!(crate::runtime::Next::NextLink(#read))
        }
        PageNext::LinkHeader => quote!(crate::runtime::Next::LinkHeader),
    }
}

fn stop_tokens(api: &Api, access: &PageAccess, stop: &PageStop) -> TokenStream {
    match stop {
        PageStop::Total(field) => {
            let read = access.optional(integer(api, field));
            quote!(crate::runtime::Stop::Total(#read))
        }
        PageStop::TotalPages(field) => {
            let read = access.optional(integer(api, field));
            quote!(crate::runtime::Stop::TotalPages(#read))
        }
        PageStop::ShortPage { limit, default } => {
            let default = match default {
                Some(value) => quote!(Some(#value)),
                None => quote!(None),
            };
            quote!(crate::runtime::Stop::ShortPage { limit: #limit, default: #default })
        }
        PageStop::EmptyPage => quote!(crate::runtime::Stop::EmptyPage),
    }
}

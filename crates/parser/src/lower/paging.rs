//! Paged and long-running operations. Every source of a paging setting — configuration per operation,
//! the `x-swagger2rs-pagination` extension (which an Overlay can add next to the spec), AutoRest's
//! `x-ms-pageable`, and configured patterns — becomes the same [`PaginationSpec`] and goes through one check
//! against the operation's query parameters and success schema, so each is held to the same rules and
//! reported at its own location. `x-ms-long-running-operation` becomes [`LongRunning`].
//!
//! Whose setting it is decides what a misfit costs. The user's own (configuration, `x-swagger2rs-pagination`)
//! must fit: a problem is an error. AutoRest's `x-ms-pageable` and `x-ms-long-running-operation(-options)` are
//! hints the spec's authors wrote for other tools, often wrong in practice: a problem is a warning and the
//! operation is generated without that feature ([`Hint`]). Two common `x-ms-pageable` mistakes are repaired
//! first, with a warning each ([`Lowerer::repair_ms_pageable`]).

use serde_json::Value;

use super::Lowerer;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::ir::{
    Field, FieldAccess, FinalState, HttpMethod, LongRunning, Operation, PageNext, PageStop, Pagination, ParamLocation,
    Parameter, Primitive, StringFormat, Struct, TypeKind, TypeRef,
};
use crate::model::{Extensions, LongRunningOptions, MsPageable, PaginationSpec, PagingRules, StopSpec};
use crate::source::Node;

/// The extension that carries a [`PaginationSpec`] in the spec.
pub const PAGINATION_EXTENSION: &str = "x-swagger2rs-pagination";
const MS_PAGEABLE: &str = "x-ms-pageable";
const MS_LONG_RUNNING: &str = "x-ms-long-running-operation";
const MS_LONG_RUNNING_OPTIONS: &str = "x-ms-long-running-operation-options";

/// The configured rules, and which of them matched an operation.
#[derive(Default)]
pub(super) struct ConfiguredPaging {
    rules: PagingRules,
    operation_used: Vec<bool>,
    pattern_used: Vec<bool>,
}

impl ConfiguredPaging {
    pub(super) fn new(rules: &PagingRules) -> Self {
        Self {
            rules: rules.clone(),
            operation_used: vec![false; rules.operations.len()],
            pattern_used: vec![false; rules.patterns.len()],
        }
    }
}

/// The item field `x-ms-pageable` reads when `itemName` is left out.
const DEFAULT_ITEM_NAME: &str = "value";

/// A paging or long-running hint the spec carries for AutoRest, as opposed to a setting the user wrote: a
/// problem with it is a warning, and the operation is generated without what it describes.
#[derive(Clone, Copy)]
enum Hint {
    /// `x-ms-pageable`.
    Pageable,
    /// `x-ms-long-running-operation` and its `-options`.
    LongRunning,
}

impl Hint {
    /// `problem` as a warning that says the hint is ignored (warnings pass unchanged).
    fn ignored(self, problem: Diagnostic) -> Diagnostic {
        if !problem.is_error() {
            return problem;
        }
        let consequence = match self {
            Hint::Pageable => "`x-ms-pageable` is ignored, so the operation is generated without paging",
            Hint::LongRunning => {
                "`x-ms-long-running-operation` is ignored, so the operation is generated without `send_and_wait`"
            }
        };
        let message = format!("{}; {consequence}", problem.message);
        Diagnostic::warning(Code::InvalidPaging, problem.location, message)
    }
}

/// Where a setting was written, to locate its problems at the key that names them.
struct Origin {
    location: Location,
    /// `x-ms-pageable` spells the keys its own way (and may leave `itemName` out).
    ms_pageable: Option<MsPageable>,
}

impl Origin {
    fn at(&self, key: &str) -> Location {
        let key = match (&self.ms_pageable, key) {
            (None, key) => Some(key),
            (Some(ms), "items") => ms.item_name.as_ref().map(|_| "itemName"),
            (Some(_), "next-link") => Some("nextLinkName"),
            (Some(_), _) => None,
        };
        let mut location = self.location.clone();
        if let Some(key) = key.filter(|k| !k.is_empty()) {
            location.pointer = location.pointer.push(key);
        }
        location
    }
}

impl Lowerer<'_> {
    /// Decides whether `op` pages and whether it is long-running, from its extensions (`at` is the operation
    /// object) and the configured rules.
    pub(super) fn decide_paging(&mut self, op: &mut Operation, extensions: &Extensions, at: &Node) {
        op.long_running = self.as_hint(Hint::LongRunning, |this| this.long_running(op.method, extensions, at));
        op.pagination = self.pagination(op, extensions, at);
    }

    fn pagination(&mut self, op: &Operation, extensions: &Extensions, at: &Node) -> Option<Pagination> {
        let configured = self.paging.rules.operations.iter().enumerate().position(|(i, rule)| {
            !self.paging.operation_used[i]
                && (op.operation_id.as_deref() == Some(rule.operation.as_str()) || op.name.as_str() == rule.operation)
        });
        if let Some(i) = configured {
            self.paging.operation_used[i] = true;
            let rule = &self.paging.rules.operations[i];
            let origin = Origin { location: rule.location.clone(), ms_pageable: None };
            let spec = rule.spec.clone();
            self.checked_pagination(op, &spec, &origin)
        } else if let Some(value) = extensions.get(PAGINATION_EXTENSION) {
            let node = at.push(PAGINATION_EXTENSION);
            let spec = self.deserialize::<PaginationSpec>(value, &node)?;
            self.checked_pagination(op, &spec, &Origin { location: self.location(&node), ms_pageable: None })
        } else if let Some(value) = extensions.get(MS_PAGEABLE) {
            self.as_hint(Hint::Pageable, |this| this.ms_pageable(op, value, &at.push(MS_PAGEABLE)))
        } else {
            self.matching_pattern(op)
        }
    }

    /// `spec` checked against `op`, its problems reported as errors.
    fn checked_pagination(&mut self, op: &Operation, spec: &PaginationSpec, origin: &Origin) -> Option<Pagination> {
        match self.check_pagination(op, spec, origin) {
            Ok(pagination) => Some(pagination),
            Err(errors) => {
                self.diagnostics.extend(errors);
                None
            }
        }
    }

    /// `x-ms-pageable` (at `node`) as a paging setting, repaired where [`Self::repair_ms_pageable`] can.
    /// Its repairs are reported only when the setting then fits: otherwise the problems say it all.
    fn ms_pageable(&mut self, op: &Operation, value: &Value, node: &Node) -> Option<Pagination> {
        let ms = self.deserialize::<MsPageable>(value, node)?;
        let location = self.location(node);
        let (spec, repairs) = self.repair_ms_pageable(op, &ms, &location);
        let pagination = self.checked_pagination(op, &spec, &Origin { location, ms_pageable: Some(ms) })?;
        self.diagnostics.extend(repairs);
        Some(pagination)
    }

    /// `x-ms-pageable` as a [`PaginationSpec`], with the repairs of two common mistakes, each a warning at
    /// `at` (the extension):
    ///
    /// - `itemName` left out (so `value`) where the page has no field `value` but exactly one array field:
    ///   that field holds the items.
    /// - `nextLinkName` naming a field the page does not have, where exactly one string field of the page has
    ///   a link-like name ([`is_link_like`]): that field holds the next link.
    ///
    /// Anything else (no page object, two candidates, none) is left for the check to report.
    fn repair_ms_pageable(&self, op: &Operation, ms: &MsPageable, at: &Location) -> (PaginationSpec, Vec<Diagnostic>) {
        let mut items = ms.item_name.clone().unwrap_or_else(|| DEFAULT_ITEM_NAME.to_owned());
        let mut next_link = ms.next_link_name.clone();
        let mut repairs = Vec::new();
        if let Some((page_type, page)) = page_type(op).ok().and_then(|(ty, _)| Some((ty, self.page_struct(ty)?))) {
            let described = self.describe(page_type);
            let lacks = |name: &str| !page_fields(page).any(|f| f.wire_name == name);
            if ms.item_name.is_none()
                && lacks(DEFAULT_ITEM_NAME)
                && let Some(field) = only(page_fields(page).filter(|f| self.array_item(&f.ty).is_some()))
            {
                let message = format!(
                    "`itemName` is left out, so the items would be in `value`, which the success body ({described}) \
                     does not have; its only array field `{}` is read as the items",
                    field.wire_name
                );
                repairs.push(Diagnostic::warning(Code::InvalidPaging, at.clone(), message));
                items = field.wire_name.clone();
            }
            if let Some(name) = next_link.as_deref().filter(|name| lacks(name))
                && let Some(field) = only(page_fields(page).filter(|f| self.is_next_link(f)))
            {
                let message = format!(
                    "the success body ({described}) has no field `{name}`; its only link-like string field `{}` is \
                     read as the next page's link",
                    field.wire_name
                );
                let location = Location { pointer: at.pointer.push("nextLinkName"), ..at.clone() };
                repairs.push(Diagnostic::warning(Code::InvalidPaging, location, message));
                next_link = Some(field.wire_name.clone());
            }
        }
        let items = Some(items);
        let spec = match next_link {
            Some(next_link) => PaginationSpec::NextLink { items, next_link },
            None => PaginationSpec::Single { items },
        };
        (spec, repairs)
    }

    /// Whether a page's field may hold the next link where the spec names a missing one: a string with a
    /// link-like name.
    fn is_next_link(&self, field: &Field) -> bool {
        is_link_like(&field.wire_name) && self.is_string(&field.ty)
    }

    /// Runs `lower`, which reads `hint`, turning each error it reports into a warning that the operation is
    /// generated without the feature: the spec's hints for other tools must not block the spec.
    fn as_hint<T>(&mut self, hint: Hint, lower: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let earlier = std::mem::take(&mut self.diagnostics);
        let result = lower(self);
        let reported = std::mem::replace(&mut self.diagnostics, earlier);
        self.diagnostics.extend(reported.into_vec().into_iter().map(|d| hint.ignored(d)));
        result
    }

    /// The first configured pattern whose parameters and fields `op` has.
    fn matching_pattern(&mut self, op: &Operation) -> Option<Pagination> {
        for i in 0..self.paging.rules.patterns.len() {
            let rule = &self.paging.rules.patterns[i];
            let origin = Origin { location: rule.location.clone(), ms_pageable: None };
            if let Ok(pagination) = self.check_pagination(op, &rule.spec, &origin) {
                self.paging.pattern_used[i] = true;
                return Some(pagination);
            }
        }
        None
    }

    /// Reports configured operations that name no operation (errors) and patterns that matched none
    /// (warnings), at their keys.
    pub(super) fn report_paging_rules(&mut self) {
        let paging = std::mem::take(&mut self.paging);
        for (rule, used) in paging.rules.operations.iter().zip(&paging.operation_used) {
            if !used {
                let message = format!("no operation has the operationId or method name `{}`", rule.operation);
                self.diagnostics.push(Diagnostic::error(Code::InvalidPaging, rule.location.clone(), message));
            }
        }
        for (rule, used) in paging.rules.patterns.iter().zip(&paging.pattern_used) {
            if !used {
                let message = "this pagination pattern matches no operation".to_owned();
                self.diagnostics.push(Diagnostic::warning(Code::InvalidPaging, rule.location.clone(), message));
            }
        }
    }

    /// Checks `spec` against `op` and lowers it; every problem is an error at the key that names it.
    fn check_pagination(
        &self,
        op: &Operation,
        spec: &PaginationSpec,
        origin: &Origin,
    ) -> Result<Pagination, Vec<Diagnostic>> {
        let mut problems = Problems { origin, errors: Vec::new() };
        let page = problems.check("", page_type(op));
        let Some((page, page_statuses)) = page else { return Err(problems.errors) };
        let items = match spec.items() {
            Some(name) => self.field(page, name).and_then(|field| match self.array_item(&field.ty) {
                Some(item) => Ok((Some(field), item)),
                None => Err(format!("the response field `{name}` is not an array, so it cannot hold the items")),
            }),
            None => self.array_item(page).map(|item| (None, item)).ok_or_else(|| {
                "the response is not an array; name the field that holds the items with `items`".to_owned()
            }),
        };
        let items = problems.check("items", items);
        let next = match spec {
            PaginationSpec::Single { .. } => Some(PageNext::Single),
            PaginationSpec::Offset { offset, limit, first, stop, total, .. } => {
                let param = problems.check("offset", query_param(op, offset));
                let limit = limit.as_deref().and_then(|l| problems.check("limit", query_param(op, l)));
                let total = total.as_deref().and_then(|t| problems.check("total", self.integer_field(page, t)));
                let stop = match stop {
                    StopSpec::Total => total.map(PageStop::Total).ok_or(NEEDS_TOTAL),
                    StopSpec::TotalPages => Err("`stop = total-pages` is for the page style; offsets stop at `total`"),
                    StopSpec::ShortPage => short_page(limit),
                    StopSpec::EmptyPage => Ok(PageStop::EmptyPage),
                };
                let stop = problems.check("stop", stop.map_err(str::to_owned));
                param.zip(stop).map(|(param, stop)| PageNext::Offset {
                    param: param.wire_name.clone(),
                    first: first.or_else(|| integer_default(param)).unwrap_or(0),
                    stop,
                })
            }
            PaginationSpec::Page { page: page_param, limit, first, stop, total_pages, .. } => {
                let param = problems.check("page", query_param(op, page_param));
                let limit = limit.as_deref().and_then(|l| problems.check("limit", query_param(op, l)));
                let total =
                    total_pages.as_deref().and_then(|t| problems.check("total-pages", self.integer_field(page, t)));
                let stop = match stop {
                    StopSpec::TotalPages => total.map(PageStop::TotalPages).ok_or(NEEDS_TOTAL_PAGES),
                    StopSpec::Total => {
                        Err("`stop = total` is for the offset style; page numbers stop at `total-pages`")
                    }
                    StopSpec::ShortPage => short_page(limit),
                    StopSpec::EmptyPage => Ok(PageStop::EmptyPage),
                };
                let stop = problems.check("stop", stop.map_err(str::to_owned));
                param.zip(stop).map(|(param, stop)| PageNext::PageNumber {
                    param: param.wire_name.clone(),
                    first: first.or_else(|| integer_default(param)).unwrap_or(1),
                    stop,
                })
            }
            PaginationSpec::Cursor { cursor, next_cursor, .. } => {
                let param = problems.check("cursor", query_param(op, cursor));
                let field = self.field(page, next_cursor).and_then(|f| self.cursor_field(f));
                let field = problems.check("next-cursor", field);
                param.zip(field).map(|(param, field)| PageNext::Cursor { param: param.wire_name.clone(), field })
            }
            PaginationSpec::NextLink { next_link, .. } => {
                let field = self.field(page, next_link).and_then(|f| self.string_field(f));
                problems.check("next-link", field).map(|field| PageNext::NextLink { field })
            }
            PaginationSpec::LinkHeader { .. } => Some(PageNext::LinkHeader),
        };
        match (items, next) {
            (Some((items, item_type)), Some(next)) if problems.errors.is_empty() => {
                Ok(Pagination { items, item_type, next, page_statuses })
            }
            _ => Err(problems.errors),
        }
    }

    /// The field `name` of the page type.
    fn field(&self, page: &TypeRef, name: &str) -> Result<FieldAccess, String> {
        let described = self.describe(page);
        let Some(s) = self.page_struct(page) else {
            return Err(format!("the success body ({described}) is not an object with properties"));
        };
        match page_fields(s).find(|f| f.wire_name == name) {
            Some(f) => Ok(FieldAccess {
                wire_name: f.wire_name.clone(),
                name: f.name.clone(),
                presence: f.presence(),
                ty: f.ty.clone(),
            }),
            None => {
                let names: Vec<&str> = page_fields(s).map(|f| f.wire_name.as_str()).collect();
                Err(format!("the success body ({described}) has no field `{name}`; it has {}", list(&names)))
            }
        }
    }

    /// The page type as a struct, if it is one.
    fn page_struct(&self, page: &TypeRef) -> Option<&Struct> {
        match self.resolve(page).and_then(|id| self.kind(id)) {
            Some(TypeKind::Struct(s)) => Some(s),
            _ => None,
        }
    }

    fn integer_field(&self, page: &TypeRef, name: &str) -> Result<FieldAccess, String> {
        let field = self.field(page, name)?;
        match self.primitive(&field.ty) {
            Some(Primitive::Integer(_)) => Ok(field),
            _ => Err(format!("the response field `{name}` is not an integer")),
        }
    }

    fn string_field(&self, field: FieldAccess) -> Result<FieldAccess, String> {
        if self.is_string(&field.ty) {
            Ok(field)
        } else {
            Err(format!("the response field `{}` is not a string", field.wire_name))
        }
    }

    /// Whether `ty` is read as a Rust `String` (not a date or bytes), as links and string cursors must be.
    fn is_string(&self, ty: &TypeRef) -> bool {
        matches!(
            self.primitive(ty),
            Some(Primitive::String(StringFormat::Plain | StringFormat::Other(_) | StringFormat::Password))
        )
    }

    fn cursor_field(&self, field: FieldAccess) -> Result<FieldAccess, String> {
        match self.primitive(&field.ty) {
            Some(Primitive::Integer(_)) => Ok(field),
            _ => self.string_field(field).map_err(|m| format!("{m} or an integer")),
        }
    }

    /// The item type of an array (through aliases).
    fn array_item(&self, ty: &TypeRef) -> Option<TypeRef> {
        match self.unalias(ty) {
            TypeRef::Array(item) => Some((**item).clone()),
            _ => None,
        }
    }

    fn primitive<'t>(&'t self, ty: &'t TypeRef) -> Option<&'t Primitive> {
        match self.unalias(ty) {
            TypeRef::Primitive(p) => Some(p),
            _ => None,
        }
    }

    /// `ty` with aliases and nullability looked through.
    fn unalias<'t>(&'t self, mut ty: &'t TypeRef) -> &'t TypeRef {
        // Bounded: alias cycles were already wrapped, but a bound costs nothing.
        for _ in 0..64 {
            ty = match ty {
                TypeRef::Nullable(inner) => inner,
                TypeRef::Named(id) => match self.kind(*id) {
                    Some(TypeKind::Alias(inner)) => inner,
                    _ => return ty,
                },
                _ => return ty,
            };
        }
        ty
    }

    fn resolve(&self, ty: &TypeRef) -> Option<crate::ir::TypeId> {
        match self.unalias(ty) {
            TypeRef::Named(id) => Some(*id),
            _ => None,
        }
    }

    fn kind(&self, id: crate::ir::TypeId) -> Option<&TypeKind> {
        self.types.get(id.0).and_then(Option::as_ref).map(|def| &def.kind)
    }

    /// How a type is named in messages: `` `PageOfWorklogs` `` or its shape.
    fn describe(&self, ty: &TypeRef) -> String {
        match self.resolve(ty).and_then(|id| self.types.get(id.0).and_then(Option::as_ref)) {
            Some(def) => format!("`{}`", def.definition.as_deref().unwrap_or(def.name.as_str())),
            None => match self.unalias(ty) {
                TypeRef::Array(_) => "an array".to_owned(),
                TypeRef::Map(_) => "a map".to_owned(),
                TypeRef::Primitive(_) => "a primitive value".to_owned(),
                _ => "untyped".to_owned(),
            },
        }
    }

    fn long_running(&mut self, method: HttpMethod, extensions: &Extensions, at: &Node) -> Option<LongRunning> {
        match extensions.get(MS_LONG_RUNNING)? {
            Value::Bool(true) => {}
            Value::Bool(false) => return None,
            _ => {
                self.error(
                    Code::InvalidPaging,
                    &at.push(MS_LONG_RUNNING),
                    "`x-ms-long-running-operation` must be a boolean",
                );
                return None;
            }
        }
        let default = match method {
            HttpMethod::Put | HttpMethod::Patch => FinalState::OriginalUri,
            _ => FinalState::Location,
        };
        let Some(value) = extensions.get(MS_LONG_RUNNING_OPTIONS) else {
            return Some(LongRunning { final_state: default });
        };
        let node = at.push(MS_LONG_RUNNING_OPTIONS);
        let options = self.deserialize::<LongRunningOptions>(value, &node)?;
        let final_state = match options.final_state_via.as_deref() {
            None => default,
            Some("azure-async-operation") => FinalState::AzureAsyncOperation,
            Some("location") => FinalState::Location,
            Some("original-uri") => FinalState::OriginalUri,
            Some(other) => {
                let message = format!(
                    "unknown `final-state-via` `{other}`; expected azure-async-operation, location or original-uri"
                );
                self.error(Code::InvalidPaging, &node.push("final-state-via"), message);
                return None;
            }
        };
        Some(LongRunning { final_state })
    }
}

/// The JSON type of the operation's successful answers (the first 2xx one with a schema when they differ by
/// status), and the 2xx statuses that answer with it when they differ.
fn page_type(op: &Operation) -> Result<(&TypeRef, Vec<u16>), String> {
    let successes = || op.responses.iter().filter(|r| r.status.is_success());
    let page = successes()
        .chain(op.responses.iter().filter(|r| r.status == crate::ir::StatusCode::Default))
        .find_map(|r| r.json_type())
        .ok_or_else(|| {
            "the operation declares no JSON schema for its successful answers, so there are no pages to read".to_owned()
        })?;
    let statuses = match op.success_enum {
        None => Vec::new(),
        Some(_) => successes()
            .filter(|r| r.json_type() == Some(page))
            .filter_map(|r| match r.status {
                crate::ir::StatusCode::Code(code) => Some(code),
                crate::ir::StatusCode::Default => None,
            })
            .collect(),
    };
    if op.success_enum.is_some() && statuses.is_empty() {
        return Err("no 2xx answer of the operation declares a JSON schema, so there are no pages to read".to_owned());
    }
    Ok((page, statuses))
}

/// The query parameter `name` of `op`, which must be an integer or a string.
fn query_param<'o>(op: &'o Operation, name: &str) -> Result<&'o Parameter, String> {
    match op.parameters.iter().find(|p| p.wire_name == name) {
        Some(p) if p.location != ParamLocation::Query => {
            Err(format!("the parameter `{name}` is not a query parameter; paging parameters go in the query"))
        }
        Some(p) if matches!(p.ty, TypeRef::Primitive(Primitive::Integer(_) | Primitive::String(_))) => Ok(p),
        Some(_) => Err(format!("the query parameter `{name}` is neither an integer nor a string")),
        None => {
            let names: Vec<&str> = op.parameters_in(ParamLocation::Query).map(|p| p.wire_name.as_str()).collect();
            Err(format!("the operation has no query parameter `{name}`; it has {}", list(&names)))
        }
    }
}

const NEEDS_TOTAL: &str = "`stop = total` needs `total`, the response field with the number of items";
const NEEDS_TOTAL_PAGES: &str = "`stop = total-pages` needs `total-pages`, the response field with the number of pages";

/// `stop = short-page` with the page-size parameter (`None` when it is not given or not valid).
fn short_page(limit: Option<&Parameter>) -> Result<PageStop, &'static str> {
    match limit {
        None => Err("`stop = short-page` needs `limit`, a query parameter with the page size"),
        Some(limit) => Ok(PageStop::ShortPage { limit: limit.wire_name.clone(), default: integer_default(limit) }),
    }
}

/// Problems found while checking one setting, each at the key that names it.
struct Problems<'o> {
    origin: &'o Origin,
    errors: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn check<T>(&mut self, key: &str, result: Result<T, String>) -> Option<T> {
        result
            .map_err(|message| self.errors.push(Diagnostic::error(Code::InvalidPaging, self.origin.at(key), message)))
            .ok()
    }
}

/// A parameter's spec default as an integer.
fn integer_default(p: &Parameter) -> Option<i64> {
    match p.default.as_ref()? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The fields of a page that paging can read: its top-level ones (a composed parent's fields are one level
/// down in Rust).
fn page_fields(page: &Struct) -> impl Iterator<Item = &Field> {
    page.fields.iter().filter(|f| !f.flatten)
}

/// The one item of `candidates`, if there is exactly one.
fn only<T>(mut candidates: impl Iterator<Item = T>) -> Option<T> {
    let first = candidates.next()?;
    candidates.next().is_none().then_some(first)
}

/// Whether a response field's wire name looks like a next page's link: it contains `next` and one of `link`,
/// `url`, `uri` or `href`, in any case (`nextLink`, `@odata.nextLink`, `next_page_url`, `NextPageUri`).
fn is_link_like(wire_name: &str) -> bool {
    let name = wire_name.to_ascii_lowercase();
    name.contains("next") && ["link", "url", "uri", "href"].iter().any(|word| name.contains(word))
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        return "none".to_owned();
    }
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::is_link_like;

    #[test]
    fn link_like_names_say_next_and_link_in_any_spelling() {
        for name in ["nextLink", "@odata.nextLink", "next_page_url", "NextPageUri", "nextHref", "NEXT-LINK"] {
            assert!(is_link_like(name), "{name}");
        }
        for name in ["next", "link", "nextPage", "self", "previousLink", "url"] {
            assert!(!is_link_like(name), "{name}");
        }
    }
}

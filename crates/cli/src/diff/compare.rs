//! Compares two lowered APIs as the generated crate presents them.
//!
//! Everything is matched by the Rust names the IR already carries (configured renames are applied during
//! lowering), so a renamed `operationId` kept by `[rename.operations]` is no change at all. Operations are
//! paired by HTTP method and path template first (placeholder names ignored, so renaming `{id}` to `{petId}` does
//! not lose the pairing), then by method name; types by name. What is compared is the Rust spelling from
//! [`signature`], so spec edits that generate the same code report nothing.

use std::collections::{BTreeMap, BTreeSet};

use swagger2rs_parser::ir::{Api, Operation, SecurityKind, StatusCode, TypeDef, TypeId, TypeKind, TypeRef};

use super::signature::{self, Input, Side};
use super::{Change, Kind};

/// Every change from `old` to `new`, operations first (in the new API's order), then security schemes, types
/// and the base URL.
pub fn changes(old: &Api, new: &Api) -> Vec<Change> {
    let mut out = Vec::new();
    operations(old, new, &mut out);
    schemes(old, new, &mut out);
    types(old, new, &mut out);
    base_url(old, new, &mut out);
    out
}

/// `/pets/{petId}` → `/pets/{}`: placeholder names do not reach the Rust API.
fn path_shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match (c, in_param) {
            ('{', _) => {
                in_param = true;
                out.push('{');
            }
            ('}', true) => {
                in_param = false;
                out.push('}');
            }
            (_, true) => {}
            (c, false) => out.push(c),
        }
    }
    out
}

/// Pairs of (old index, new index), then the old operations left unpaired, then the new ones.
pub fn pair_operations(old: &Api, new: &Api) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    let mut old_free: Vec<bool> = vec![true; old.operations.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut new_free = Vec::new();
    for (n, op) in new.operations.iter().enumerate() {
        let shape = path_shape(&op.path);
        let found = old
            .operations
            .iter()
            .enumerate()
            .position(|(o, old_op)| old_free[o] && old_op.method == op.method && path_shape(&old_op.path) == shape);
        match found {
            Some(o) => {
                old_free[o] = false;
                pairs.push((o, n));
            }
            None => new_free.push(n),
        }
    }
    let mut added = Vec::new();
    for n in new_free {
        let name = &new.operations[n].name;
        match old.operations.iter().enumerate().position(|(o, old_op)| old_free[o] && old_op.name == *name) {
            Some(o) => {
                old_free[o] = false;
                pairs.push((o, n));
            }
            None => added.push(n),
        }
    }
    pairs.sort_by_key(|&(_, n)| n);
    let removed = old_free.iter().enumerate().filter(|(_, free)| **free).map(|(o, _)| o).collect();
    (pairs, removed, added)
}

/// Spec text as it goes inside a report's backticks: a backtick of its own would end the code span early.
fn q(text: &str) -> String {
    text.replace('`', "'")
}

fn client(op: &Operation) -> String {
    format!("Client::{}", op.name)
}

fn route(op: &Operation) -> String {
    format!("{} {}", op.method.as_str(), q(&op.path))
}

fn operations(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let (pairs, removed, added) = pair_operations(old, new);
    for (o, n) in pairs {
        operation(old, new, o, n, out);
    }
    for o in removed {
        let op = &old.operations[o];
        out.push(
            Change::new(Kind::OperationRemoved, client(op), format!("`{}` is gone", route(op))).ops(Some(o), None),
        );
    }
    for n in added {
        let op = &new.operations[n];
        out.push(Change::new(Kind::OperationAdded, client(op), format!("new, for `{}`", route(op))).ops(None, Some(n)));
    }
}

fn operation(old_api: &Api, new_api: &Api, o: usize, n: usize, out: &mut Vec<Change>) {
    let (old, new) = (&old_api.operations[o], &new_api.operations[n]);
    let item = client(new);
    let mut push =
        |kind: Kind, item: String, message: String| out.push(Change::new(kind, item, message).ops(Some(o), Some(n)));
    if old.name != new.name {
        push(Kind::OperationRenamed, client(old), format!("renamed to `{}` (same `{}`)", client(new), route(new)));
    } else if old.type_name != new.type_name {
        // Only the builder type was renamed (a configured rename can do that): code naming it breaks.
        push(
            Kind::OperationRenamed,
            client(old),
            format!("its request builder `{}` is now `{}`", old.type_name, new.type_name),
        );
    }
    if old.method != new.method || old.path != new.path {
        push(Kind::OperationMoved, item.clone(), format!("sends `{}` (was `{}`)", route(new), route(old)));
    }
    if new.deprecated && !old.deprecated {
        push(Kind::OperationDeprecated, item.clone(), "marked deprecated".to_owned());
    }
    inputs(&signature::inputs(old_api, old), &signature::inputs(new_api, new), &item, &mut push);
    let sides = [
        ("Ok", signature::success_side(old_api, old), signature::success_side(new_api, new)),
        ("Err", signature::error_side(old_api, old), signature::error_side(new_api, new)),
    ];
    for (which, before, after) in sides {
        compare_side(which, &before, &after, old, new, &item, &mut push);
    }
    headers(old_api, new_api, old, new, &mut push);
    if security(old) != security(new) {
        push(
            Kind::SecurityChanged,
            item,
            format!("needs {} (was {})", describe_security(&security(new)), describe_security(&security(old))),
        );
    }
}

/// The typed response headers struct (`Option` fields, `Default`, read with `from_headers`): a read-only
/// struct like a response-only model.
fn header_members(api: &Api, op: &Operation) -> Members {
    let mut out = Members::new();
    let mut seen: Vec<String> = Vec::new();
    for header in op.responses.iter().flat_map(|r| &r.headers) {
        if seen.iter().any(|s| s.eq_ignore_ascii_case(&header.wire_name)) {
            continue;
        }
        seen.push(header.wire_name.clone());
        let inner = signature::rust_type(api, &header.ty);
        out.insert(
            header.name.to_string(),
            (format!("Option<{inner}>"), inner, format!("header `{}`", q(&header.wire_name))),
        );
    }
    out
}

fn headers(
    old_api: &Api,
    new_api: &Api,
    old: &Operation,
    new: &Operation,
    push: &mut impl FnMut(Kind, String, String),
) {
    match (&old.headers_type, &new.headers_type) {
        (Some(before), Some(after)) if before == after => {
            let mut found = Vec::new();
            member_changes(
                after.as_str(),
                &header_members(old_api, old),
                &header_members(new_api, new),
                false,
                &mut found,
            );
            for change in found {
                push(change.kind, change.item, change.message);
            }
        }
        (before, after) => {
            if let Some(before) = before.as_ref().filter(|b| Some(*b) != after.as_ref()) {
                push(Kind::TypeRemoved, format!("types::{before}"), "typed response headers are gone".to_owned());
            }
            if let Some(after) = after.as_ref().filter(|a| Some(*a) != before.as_ref()) {
                push(Kind::TypeAdded, format!("types::{after}"), "new typed response headers".to_owned());
            }
        }
    }
}

/// Arguments are positional, setters named: a required argument renamed in place (same position, same type,
/// neither name on the other side) is the same argument to callers, and arguments that kept their names but
/// changed places are a change of their own.
fn inputs(old: &[Input], new: &[Input], item: &str, push: &mut impl FnMut(Kind, String, String)) {
    let old_args: Vec<&Input> = old.iter().filter(|i| i.required).collect();
    let new_args: Vec<&Input> = new.iter().filter(|i| i.required).collect();
    let renamed: Vec<(&str, &str)> = old_args
        .iter()
        .zip(&new_args)
        .filter(|(o, n)| {
            o.name != n.name
                && o.accepts == n.accepts
                && !new.iter().any(|i| i.name == o.name)
                && !old.iter().any(|i| i.name == n.name)
        })
        .map(|(o, n)| (o.name.as_str(), n.name.as_str()))
        .collect();
    let counterpart = |input: &Input| -> Option<&Input> {
        let name = renamed.iter().find(|(_, n)| *n == input.name).map_or(input.name.as_str(), |(o, _)| *o);
        old.iter().find(|i| i.name == name)
    };
    for input in new {
        let Some(before) = counterpart(input) else {
            let (kind, what) = if input.required {
                (Kind::RequiredInputAdded, "argument")
            } else {
                (Kind::OptionalInputAdded, "setter")
            };
            push(kind, item.to_owned(), format!("new {what} `{}: {}` ({})", input.name, input.accepts, input.wire));
            continue;
        };
        if before.name != input.name {
            push(
                Kind::ArgumentRenamed,
                item.to_owned(),
                format!("argument `{}` is now `{}`, {} (was {})", before.name, input.name, input.wire, before.wire),
            );
        }
        compare_input(before, input, item, push);
    }
    for input in
        old.iter().filter(|i| !new.iter().any(|n| n.name == i.name) && !renamed.iter().any(|(o, _)| *o == i.name))
    {
        let what = if input.required { "argument" } else { "setter" };
        push(Kind::InputRemoved, item.to_owned(), format!("{what} `{}` ({}) is gone", input.name, input.wire));
    }
    let positions: Vec<usize> = new_args
        .iter()
        .filter_map(|n| counterpart(n).and_then(|before| old_args.iter().position(|o| o.name == before.name)))
        .collect();
    if positions.windows(2).any(|w| w[0] > w[1]) {
        let names = |args: &[&Input]| args.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ");
        push(
            Kind::ArgumentsReordered,
            item.to_owned(),
            format!("arguments are `({})` (was `({})`)", names(&new_args), names(&old_args)),
        );
    }
}

/// Required-ness and type of one input; its wire form when the name is unchanged (a renamed argument's message
/// already says how it is sent).
fn compare_input(before: &Input, after: &Input, item: &str, push: &mut impl FnMut(Kind, String, String)) {
    let name = &after.name;
    match (before.required, after.required) {
        (false, true) => push(
            Kind::InputBecameRequired,
            item.to_owned(),
            format!("`{name}` is now a required argument (was a setter)"),
        ),
        (true, false) => push(
            Kind::InputBecameOptional,
            item.to_owned(),
            format!("`{name}` is now an optional setter (was an argument)"),
        ),
        _ => {}
    }
    if before.accepts != after.accepts {
        push(
            Kind::InputRetyped,
            item.to_owned(),
            format!("`{name}` accepts `{}` (was `{}`)", after.accepts, before.accepts),
        );
    } else if before.wire != after.wire && before.name == after.name {
        push(
            Kind::InputWireChanged,
            item.to_owned(),
            format!("`{name}` is sent as {} (was {})", after.wire, before.wire),
        );
    }
}

fn compare_side(
    which: &str,
    before: &Side,
    after: &Side,
    old: &Operation,
    new: &Operation,
    item: &str,
    push: &mut impl FnMut(Kind, String, String),
) {
    if before.rust() != after.rust() {
        push(
            Kind::ResponseTypeChanged,
            item.to_owned(),
            format!("`send()`'s `{which}` is `{}` (was `{}`)", after.rust(), before.rust()),
        );
        return;
    }
    match (before, after) {
        (Side::Enum { name, variants: old_variants }, Side::Enum { variants: new_variants, .. }) => {
            for (variant, ty) in new_variants {
                match old_variants.iter().find(|(v, _)| v == variant) {
                    None => push(
                        Kind::ResponseVariantAdded,
                        format!("types::{name}::{variant}"),
                        format!("new variant holding `{ty}`"),
                    ),
                    Some((_, old_ty)) if old_ty != ty => push(
                        Kind::ResponseTypeChanged,
                        format!("types::{name}::{variant}"),
                        format!("holds `{ty}` (was `{old_ty}`)"),
                    ),
                    Some(_) => {}
                }
            }
            for (variant, _) in old_variants.iter().filter(|(v, _)| !new_variants.iter().any(|(n, _)| n == v)) {
                push(Kind::ResponseVariantRemoved, format!("types::{name}::{variant}"), "variant is gone".to_owned());
            }
        }
        _ => {
            let on_side = if which == "Ok" { StatusCode::is_success } else { StatusCode::is_error_code };
            let statuses = |op: &Operation| -> BTreeSet<String> {
                op.responses
                    .iter()
                    .filter(|r| on_side(r.status) || r.status == StatusCode::Default)
                    .map(|r| status_text(r.status))
                    .collect()
            };
            let (was, now) = (statuses(old), statuses(new));
            if was != now {
                push(
                    Kind::ResponseStatusChanged,
                    item.to_owned(),
                    format!("declared {} statuses: {} (was {})", which, list(&now), list(&was)),
                );
            }
        }
    }
}

fn status_text(status: StatusCode) -> String {
    match status {
        StatusCode::Code(code) => code.to_string(),
        StatusCode::Default => "default".to_owned(),
    }
}

fn list(items: &BTreeSet<String>) -> String {
    if items.is_empty() { "none".to_owned() } else { items.iter().cloned().collect::<Vec<_>>().join(", ") }
}

/// The alternatives, each a sorted set of `scheme[scopes]`, as a set: order does not reach the client.
fn security(op: &Operation) -> BTreeSet<BTreeSet<String>> {
    op.security
        .iter()
        .map(|alternative| {
            alternative
                .iter()
                .map(|u| {
                    let mut scopes = u.scopes.clone();
                    scopes.sort();
                    if scopes.is_empty() { u.scheme.clone() } else { format!("{}[{}]", u.scheme, scopes.join(" ")) }
                })
                .collect()
        })
        .collect()
}

fn describe_security(security: &BTreeSet<BTreeSet<String>>) -> String {
    if security.is_empty() {
        return "no authentication".to_owned();
    }
    let alternatives: Vec<String> =
        security.iter().map(|all| all.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" and ")).collect();
    alternatives.join(" or ")
}

/// What a credential setter takes: the part of a scheme that decides its signature.
fn setter_shape(kind: &SecurityKind) -> &'static str {
    match kind {
        SecurityKind::Basic => "basic (username, password)",
        SecurityKind::ApiKeyHeader { .. } | SecurityKind::ApiKeyQuery { .. } => "API key (key)",
        SecurityKind::OAuth2 { .. } => "OAuth2 (token)",
    }
}

/// How a scheme's credential travels, for messages.
fn wire(kind: &SecurityKind) -> String {
    match kind {
        SecurityKind::Basic => "HTTP basic".to_owned(),
        SecurityKind::ApiKeyHeader { header } => format!("an API key in header `{}`", q(header)),
        SecurityKind::ApiKeyQuery { param } => format!("an API key in query parameter `{}`", q(param)),
        SecurityKind::OAuth2 { flow, authorization_url, token_url, scopes } => {
            let urls: Vec<&str> = authorization_url.iter().chain(token_url).map(String::as_str).collect();
            let scopes: Vec<&str> = scopes.iter().map(|(s, _)| s.as_str()).collect();
            format!("OAuth2 `{}` at `{}` with scopes `{}`", q(flow), q(&urls.join(" ")), q(&scopes.join(" ")))
        }
    }
}

fn schemes(old: &Api, new: &Api, out: &mut Vec<Change>) {
    for scheme in &new.security_schemes {
        let item = format!("Client::{}", scheme.name);
        let Some(before) = old.security_schemes.iter().find(|s| s.key == scheme.key) else {
            out.push(Change::new(
                Kind::SchemeAdded,
                item,
                format!("new {} scheme `{}`", setter_shape(&scheme.kind), q(&scheme.key)),
            ));
            continue;
        };
        if before.name != scheme.name || setter_shape(&before.kind) != setter_shape(&scheme.kind) {
            let message = format!(
                "scheme `{}` is {} via `Client::{}` (was {} via `Client::{}`)",
                q(&scheme.key),
                setter_shape(&scheme.kind),
                scheme.name,
                setter_shape(&before.kind),
                before.name
            );
            out.push(Change::new(Kind::SchemeRetyped, item, message));
        } else if before.kind != scheme.kind {
            out.push(Change::new(
                Kind::SchemeWireChanged,
                item,
                format!("scheme `{}` is {} (was {})", q(&scheme.key), wire(&scheme.kind), wire(&before.kind)),
            ));
        }
        // The client-credentials flow's setter comes and goes with the flow and its token URL.
        match (&before.client_credentials_name, &scheme.client_credentials_name) {
            (None, Some(name)) => out.push(Change::new(
                Kind::SchemeAdded,
                format!("Client::{name}"),
                format!("new client-credentials setter for scheme `{}`", q(&scheme.key)),
            )),
            (Some(name), None) => out.push(Change::new(
                Kind::SchemeRemoved,
                format!("Client::{name}"),
                format!("the client-credentials setter of scheme `{}` is gone", q(&scheme.key)),
            )),
            (Some(a), Some(b)) if a != b => {
                out.push(Change::new(Kind::SchemeRemoved, format!("Client::{a}"), format!("renamed to `Client::{b}`")));
                out.push(Change::new(Kind::SchemeAdded, format!("Client::{b}"), format!("replaces `Client::{a}`")));
            }
            _ => {}
        }
    }
    for scheme in old.security_schemes.iter().filter(|s| !new.security_schemes.iter().any(|n| n.key == s.key)) {
        out.push(Change::new(
            Kind::SchemeRemoved,
            format!("Client::{}", scheme.name),
            format!("scheme `{}` is gone", q(&scheme.key)),
        ));
    }
}

/// Types callers build: everything reachable from a parameter or a body, through fields, aliases, array items,
/// map values and discriminator children.
pub fn request_types(api: &Api) -> BTreeSet<TypeId> {
    let mut pending: Vec<&TypeRef> = Vec::new();
    for op in &api.operations {
        pending.extend(op.parameters.iter().map(|p| &p.ty));
        pending.extend(op.body.iter().map(|b| &b.ty));
    }
    let mut seen = BTreeSet::new();
    while let Some(ty) = pending.pop() {
        let mut named = Vec::new();
        ty.visit(&mut |t| {
            if let TypeRef::Named(id) = t {
                named.push(*id);
            }
        });
        for id in named {
            let Some(def) = api.types.get(id.0) else { continue };
            if !seen.insert(id) {
                continue;
            }
            match &def.kind {
                TypeKind::Struct(s) => {
                    pending.extend(s.fields.iter().map(|f| &f.ty));
                    pending.extend(s.additional_properties.iter().map(|a| &a.ty));
                    if let Some(d) = &s.discriminator {
                        for (_, child) in &d.mapping {
                            if let Some(child_def) = api.types.get(child.0) {
                                if seen.insert(*child) {
                                    if let TypeKind::Struct(cs) = &child_def.kind {
                                        pending.extend(cs.fields.iter().map(|f| &f.ty));
                                    }
                                }
                            }
                        }
                    }
                }
                TypeKind::Alias(target) | TypeKind::Newtype(target) => pending.push(target),
                TypeKind::Enum(_) => {}
            }
        }
    }
    seen
}

/// A struct's members as callers see them: name → (Rust type, inner type without the `Option`s, wire
/// description). The `additionalProperties` map counts as a field.
fn members(api: &Api, def: &TypeDef) -> Members {
    let mut out = BTreeMap::new();
    let TypeKind::Struct(s) = &def.kind else { return out };
    for f in &s.fields {
        let inner = signature::rust_type(api, &f.ty);
        let wire = if f.flatten {
            format!("the properties of `{}`, flattened", q(&f.wire_name))
        } else {
            format!(
                "`{}`{}{}",
                q(&f.wire_name),
                if f.required { ", required" } else { "" },
                if f.nullable { ", nullable" } else { "" }
            )
        };
        out.insert(f.name.to_string(), (signature::field_type(api, f), inner, wire));
    }
    if let Some(extra) = &s.additional_properties {
        let ty = format!("BTreeMap<String, {}>", signature::rust_type(api, &extra.ty));
        out.insert(extra.name.to_string(), (ty.clone(), ty, "additional properties".to_owned()));
    }
    out
}

fn shape(api: &Api, def: &TypeDef) -> String {
    match &def.kind {
        TypeKind::Struct(s) if s.discriminator.is_some() => "an enum of its discriminated children".to_owned(),
        TypeKind::Struct(_) => "a struct".to_owned(),
        TypeKind::Enum(e) => format!("an enum of {:?} values", e.repr).to_lowercase(),
        TypeKind::Alias(target) => format!("an alias of `{}`", signature::rust_type(api, target)),
        TypeKind::Newtype(inner) => format!("a newtype of `{}`", signature::rust_type(api, inner)),
    }
}

fn types(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let requested = request_types(old);
    for def in &new.types {
        let item = format!("types::{}", def.name);
        let Some(before) = old.types.iter().find(|d| d.name == def.name) else {
            out.push(Change::new(Kind::TypeAdded, item, format!("new: {}", shape(new, def))));
            continue;
        };
        let (was, now) = (shape(old, before), shape(new, def));
        if was != now {
            out.push(Change::new(Kind::TypeChanged, item, format!("is {now} (was {was})")));
            continue;
        }
        match (&before.kind, &def.kind) {
            // A discriminated base is generated as an open enum of its children, not as a struct: its children
            // are its variants (their own fields are compared as their own types).
            (TypeKind::Struct(b), TypeKind::Struct(a)) if a.discriminator.is_some() => {
                let (was, now) = (children(old, b), children(new, a));
                for (child, tag) in now.iter().filter(|(c, _)| !was.iter().any(|(o, _)| o == c)) {
                    out.push(Change::new(
                        Kind::VariantAdded,
                        format!("{item}::{child}"),
                        format!("new child for tag {tag}"),
                    ));
                }
                for (child, tag) in was.iter().filter(|(c, _)| !now.iter().any(|(n, _)| n == c)) {
                    out.push(Change::new(
                        Kind::VariantRemoved,
                        format!("{item}::{child}"),
                        format!("child for tag {tag} is gone"),
                    ));
                }
            }
            (TypeKind::Struct(_), TypeKind::Struct(_)) => {
                let requested = requested.contains(&before.id);
                member_changes(&def.name.to_string(), &members(old, before), &members(new, def), requested, out);
            }
            (TypeKind::Enum(b), TypeKind::Enum(a)) => {
                for v in a.variants.iter().filter(|v| !b.variants.iter().any(|o| o.name == v.name)) {
                    out.push(Change::new(
                        Kind::VariantAdded,
                        format!("{item}::{}", v.name),
                        format!("new value `{}`", q(&v.value.to_string())),
                    ));
                }
                for v in b.variants.iter().filter(|v| !a.variants.iter().any(|n| n.name == v.name)) {
                    out.push(Change::new(
                        Kind::VariantRemoved,
                        format!("{item}::{}", v.name),
                        format!("value `{}` is gone", q(&v.value.to_string())),
                    ));
                }
            }
            _ => {}
        }
    }
    for def in old.types.iter().filter(|d| !new.types.iter().any(|n| n.name == d.name)) {
        out.push(Change::new(
            Kind::TypeRemoved,
            format!("types::{}", def.name),
            format!("{} is gone", shape(old, def)),
        ));
    }
}

/// A discriminated base's variants: (child type name, `tag`), as generated (the first tag of a child wins).
fn children(api: &Api, s: &swagger2rs_parser::ir::Struct) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (tag, child) in s.discriminator.iter().flat_map(|d| &d.mapping) {
        let name = api.types.get(child.0).map_or_else(String::new, |d| d.name.to_string());
        if !out.iter().any(|(_, t)| t == tag) {
            out.push((name, format!("`{}`", q(tag))));
        }
    }
    out
}

/// Members: name → (Rust type, inner type, wire description).
type Members = BTreeMap<String, (String, String, String)>;

/// Field changes of the struct `owner` (a model, or an operation's typed response headers).
fn member_changes(owner: &str, was: &Members, now: &Members, in_request: bool, out: &mut Vec<Change>) {
    for (name, (ty, inner, wire)) in now {
        let item = format!("types::{owner}::{name}");
        let Some((old_ty, old_inner, old_wire)) = was.get(name) else {
            let (kind, used) = if in_request {
                (Kind::RequestFieldAdded, "a model used in requests")
            } else {
                (Kind::ResponseFieldAdded, "a response-only model")
            };
            out.push(Change::new(kind, item, format!("new field `{name}: {ty}` ({wire}) in {used}")));
            continue;
        };
        if old_inner != inner {
            out.push(Change::new(Kind::FieldRetyped, item, format!("is `{ty}` (was `{old_ty}`)")));
        } else if old_ty != ty {
            out.push(Change::new(Kind::FieldRequiredChanged, item, format!("is `{ty}` (was `{old_ty}`)")));
        } else if old_wire != wire {
            out.push(Change::new(Kind::FieldWireChanged, item, format!("maps to {wire} (was {old_wire})")));
        }
    }
    for name in was.keys().filter(|n| !now.contains_key(*n)) {
        out.push(Change::new(Kind::FieldRemoved, format!("types::{owner}::{name}"), "field is gone".to_owned()));
    }
}

fn base_url(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let item = "Client::DEFAULT_BASE_URL".to_owned();
    match (&old.default_base_url, &new.default_base_url) {
        (None, Some(url)) => out.push(Change::new(Kind::BaseUrlAdded, item, format!("new: `{}`", q(url)))),
        (Some(url), None) => out.push(Change::new(Kind::BaseUrlRemoved, item, format!("gone (was `{}`)", q(url)))),
        (Some(a), Some(b)) if a != b => {
            out.push(Change::new(Kind::BaseUrlChanged, item, format!("`{}` (was `{}`)", q(b), q(a))))
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn spec_text_cannot_close_a_code_span() {
        assert_eq!(super::q("/a`<b>`"), "/a'<b>'");
    }

    #[test]
    fn placeholder_names_do_not_matter_for_pairing() {
        assert_eq!(super::path_shape("/pets/{petId}/toys/{id}"), "/pets/{}/toys/{}");
        assert_eq!(super::path_shape("/pets"), "/pets");
    }
}

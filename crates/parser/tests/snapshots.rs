//! Snapshots of a compact, human-readable IR dump for a few fixtures: a review aid that shows every decision
//! the parser made (names, types, requiredness, order) at a glance.

mod common;

use std::fmt::Write;

use swagger2rs_parser::ir::{
    Api, IntegerFormat, NumberFormat, ParamLocation, Primitive, SecurityKind, StatusCode, StringFormat, TypeKind,
    TypeRef,
};

fn ty(api: &Api, t: &TypeRef) -> String {
    match t {
        TypeRef::Primitive(Primitive::Boolean) => "bool".into(),
        TypeRef::Primitive(Primitive::Integer(f)) => match f {
            IntegerFormat::Int32 => "i32".into(),
            IntegerFormat::Int64 => "i64".into(),
            IntegerFormat::Unspecified => "integer".into(),
        },
        TypeRef::Primitive(Primitive::Number(f)) => match f {
            NumberFormat::Float => "f32".into(),
            NumberFormat::Double => "f64".into(),
            NumberFormat::Unspecified => "number".into(),
        },
        TypeRef::Primitive(Primitive::String(f)) => match f {
            StringFormat::Plain => "string".into(),
            StringFormat::Other(other) => format!("string({other})"),
            other => format!("string({other:?})"),
        },
        TypeRef::Named(id) => api.type_def(*id).name.to_string(),
        TypeRef::Array(inner) => format!("[{}]", ty(api, inner)),
        TypeRef::Map(inner) => format!("{{string: {}}}", ty(api, inner)),
        TypeRef::Any => "any".into(),
        TypeRef::File => "file".into(),
        TypeRef::External(path) => format!("external({path})"),
    }
}

fn flags(items: &[(bool, &str)]) -> String {
    let set: Vec<&str> = items.iter().filter(|(on, _)| *on).map(|(_, name)| *name).collect();
    if set.is_empty() { String::new() } else { format!(" [{}]", set.join(", ")) }
}

/// One line per decision; no file paths, so the dump does not depend on where the repository lives.
fn dump(name: &str) -> String {
    let loaded = common::load_fixture(name);
    let mut out = String::new();
    for d in &loaded.diagnostics {
        let at = d.location.line_col.map(|l| format!("{}:{}", l.line, l.column)).unwrap_or_default();
        writeln!(out, "{}[{}] {} {at}: {}", d.severity, d.code, d.location.pointer, d.message).unwrap();
    }
    let Some(api) = loaded.api else { return out };
    common::check_idents(&api);
    writeln!(
        out,
        "api {:?} {:?} base_url={:?} base_path={:?}",
        api.title, api.version, api.default_base_url, api.base_path
    )
    .unwrap();
    for s in &api.security_schemes {
        let kind = match &s.kind {
            SecurityKind::Basic => "basic".to_owned(),
            SecurityKind::ApiKeyHeader { header } => format!("api key in header {header}"),
            SecurityKind::ApiKeyQuery { param } => format!("api key in query {param}"),
            SecurityKind::OAuth2 { flow, scopes, .. } => {
                format!("oauth2 {flow} scopes={:?}", scopes.iter().map(|(k, _)| k).collect::<Vec<_>>())
            }
        };
        writeln!(out, "security {} -> {}: {kind}", s.key, s.name).unwrap();
    }
    for t in &api.types {
        let origin = t.definition.as_deref().map_or_else(|| "inline".to_owned(), |d| format!("definition {d:?}"));
        match &t.kind {
            TypeKind::Alias(target) => writeln!(out, "type {} ({origin}) = {}", t.name, ty(&api, target)).unwrap(),
            TypeKind::Newtype(inner) => writeln!(out, "newtype {} ({origin})({})", t.name, ty(&api, inner)).unwrap(),
            TypeKind::Enum(e) => {
                let variants: Vec<String> = e.variants.iter().map(|v| format!("{}={}", v.name, v.value)).collect();
                writeln!(out, "enum {} ({origin}) {:?}: {}", t.name, e.repr, variants.join(" ")).unwrap();
            }
            TypeKind::Struct(s) => {
                let mut head = format!("struct {} ({origin})", t.name);
                if !s.all_of.is_empty() {
                    let parents: Vec<String> = s.all_of.iter().map(|p| api.type_def(*p).name.to_string()).collect();
                    write!(head, " allOf {}", parents.join(", ")).unwrap();
                }
                if s.deny_unknown {
                    head.push_str(" deny_unknown");
                }
                writeln!(out, "{head}").unwrap();
                if let Some(d) = &s.discriminator {
                    let mapping: Vec<String> =
                        d.mapping.iter().map(|(tag, id)| format!("{tag}->{}", api.type_def(*id).name)).collect();
                    writeln!(out, "  discriminator {} {}", d.property, mapping.join(" ")).unwrap();
                }
                for f in &s.fields {
                    let marks = flags(&[
                        (f.required, "required"),
                        (f.nullable, "nullable"),
                        (f.read_only, "read-only"),
                        (f.needs_indirection, "boxed"),
                    ]);
                    let default = f.default.as_ref().map(|d| format!(" = {d}")).unwrap_or_default();
                    writeln!(out, "  {} {:?}: {}{default}{marks}", f.name, f.wire_name, ty(&api, &f.ty)).unwrap();
                }
                if let Some(a) = &s.additional_properties {
                    writeln!(out, "  {} (other keys): {}", a.name, ty(&api, &a.ty)).unwrap();
                }
            }
        }
    }
    for op in &api.operations {
        writeln!(
            out,
            "op {} / {} {} {}{}",
            op.name,
            op.type_name,
            op.method.as_str(),
            op.path,
            flags(&[(op.deprecated, "deprecated")])
        )
        .unwrap();
        writeln!(
            out,
            "  accept: {}, form: {:?}, untyped bodies: {:?}",
            op.accept.as_deref().unwrap_or("-"),
            op.form,
            op.untyped_decoding
        )
        .unwrap();
        for p in &op.parameters {
            let location = match p.location {
                ParamLocation::Path => "path",
                ParamLocation::Query => "query",
                ParamLocation::Header => "header",
                ParamLocation::FormData => "formData",
            };
            let format = p.collection_format.map(|c| format!(" {c:?}")).unwrap_or_default();
            let default = p.default.as_ref().map(|d| format!(" = {d}")).unwrap_or_default();
            writeln!(
                out,
                "  {location} {} {:?}: {}{format}{default}{}",
                p.name,
                p.wire_name,
                ty(&api, &p.ty),
                flags(&[(p.required, "required")])
            )
            .unwrap();
        }
        if let Some(b) = &op.body {
            writeln!(
                out,
                "  body {} {:?}: {} as {:?} {}{}",
                b.name,
                b.wire_name,
                ty(&api, &b.ty),
                b.encoding,
                b.media_type,
                flags(&[(b.required, "required")])
            )
            .unwrap();
        }
        for r in &op.responses {
            let status = match r.status {
                StatusCode::Code(n) => n.to_string(),
                StatusCode::Default => "default".into(),
            };
            let body = r.ty.as_ref().map_or_else(|| "-".to_owned(), |t| ty(&api, t));
            let headers: Vec<String> =
                r.headers.iter().map(|h| format!("{} {:?}: {}", h.name, h.wire_name, ty(&api, &h.ty))).collect();
            let headers = if headers.is_empty() { String::new() } else { format!(" headers {}", headers.join(", ")) };
            writeln!(out, "  {status} {body} ({:?}){headers}", r.decoding).unwrap();
        }
        let security: Vec<String> = op
            .security
            .iter()
            .map(|alt| alt.iter().map(|u| format!("{}{:?}", u.scheme, u.scopes)).collect::<Vec<_>>().join("+"))
            .collect();
        writeln!(out, "  security: {}", if security.is_empty() { "none".to_owned() } else { security.join(" | ") })
            .unwrap();
    }
    out
}

#[test]
fn petstore() {
    insta::assert_snapshot!("petstore", dump("petstore.yaml"));
}

#[test]
fn refs() {
    insta::assert_snapshot!("refs", dump("refs/root.yaml"));
}

#[test]
fn schemas() {
    let text = ["all_of.yaml", "discriminator.yaml", "recursion.yaml", "enums.yaml"]
        .into_iter()
        .map(|name| format!("== {name}\n{}", dump(name)))
        .collect::<String>();
    insta::assert_snapshot!("schemas", text);
}

#[test]
fn lenient_and_naming() {
    let text = ["lenient.yaml", "operation_names.yaml", "security.yaml"]
        .into_iter()
        .map(|name| format!("== {name}\n{}", dump(name)))
        .collect::<String>();
    insta::assert_snapshot!("lenient_and_naming", text);
}

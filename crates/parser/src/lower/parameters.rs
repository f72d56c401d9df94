//! Parameters: merging path-level and operation-level lists, lenient repairs, and their types.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::{Lowerer, Referrer};
use crate::diagnostic::Code;
use crate::ir::{Body, CollectionFormat, Constraints, ParamLocation, Parameter, PathSegment, TypeKind, TypeRef};
use crate::model::{self, ParameterIn, Schema, SchemaType, SimpleSchema};
use crate::naming::{Case, Namespace, RESERVED_BUILDER_NAMES, to_ident};
use crate::source::Node;

/// A parameter with where it was written (after following its `$ref`), for diagnostics.
#[derive(Clone)]
pub(super) struct Located {
    pub at: ParamAt,
    pub parameter: model::Parameter,
}

/// Where a parameter was written. An inline parameter shares its list's node rather than holding its own
/// pointer: each pointer repeats the path key, so a long path with many parameters would otherwise hold
/// their product in memory.
#[derive(Clone)]
pub(super) enum ParamAt {
    /// Item `index` of the `parameters` list at the node.
    Item(std::rc::Rc<Node>, usize),
    /// The target of the item's `$ref`.
    Ref(Node),
}

impl ParamAt {
    pub(super) fn node(&self) -> Node {
        match self {
            ParamAt::Item(list, index) => list.index(*index),
            ParamAt::Ref(target) => target.clone(),
        }
    }
}

/// Path-level parameters first, each replaced in place by an operation parameter with the same name and
/// location; then the operation's other parameters in their order.
pub(super) fn merge(shared: &[Located], own: Vec<Located>) -> Vec<Located> {
    let key = |p: &Located| (p.parameter.name.clone(), p.parameter.location.clone());
    let mut merged: Vec<Located> = shared.to_vec();
    // The first slot holding each (name, location), as a search from the front would find it.
    let mut slots: HashMap<(String, ParameterIn), usize> = HashMap::new();
    for (i, param) in merged.iter().enumerate() {
        slots.entry(key(param)).or_insert(i);
    }
    for param in own {
        match slots.get(&key(&param)) {
            Some(&slot) => merged[slot] = param,
            None => {
                slots.insert(key(&param), merged.len());
                merged.push(param);
            }
        }
    }
    merged
}

impl Lowerer<'_> {
    /// Reads a `parameters` array, following `$ref`s; bad entries are reported and skipped.
    pub(super) fn parameter_list(&mut self, list: Option<&Value>, at: &Node) -> Vec<Located> {
        let Some(list) = list else { return Vec::new() };
        let Value::Array(items) = list else {
            self.error(Code::InvalidShape, at, "`parameters` must be an array");
            return Vec::new();
        };
        let mut out = Vec::new();
        let list = std::rc::Rc::new(at.clone());
        for (i, item) in items.iter().enumerate() {
            let Some((target, value)) = self.follow_refs(at.index(i), item, Referrer::Parameter) else { continue };
            if let Some(parameter) = self.deserialize::<model::Parameter>(value, &target) {
                let at = if item.get("$ref").is_some() { ParamAt::Ref(target) } else { ParamAt::Item(list.clone(), i) };
                out.push(Located { at, parameter });
            }
        }
        out
    }

    pub(super) fn lower_parameters(
        &mut self,
        op_type_name: &str,
        merged: Vec<Located>,
        template: &[PathSegment],
        consumes: &[String],
        op_at: &Node,
    ) -> (Vec<Parameter>, Option<Body>) {
        let template_params: Vec<&str> = template
            .iter()
            .filter_map(|s| match s {
                PathSegment::Param(name) => Some(name.as_str()),
                PathSegment::Literal(_) => None,
            })
            .collect();
        let in_template: HashSet<&str> = template_params.iter().copied().collect();
        let mut declared_path_params: HashSet<String> = HashSet::new();
        let mut names = Namespace::new(Case::Snake, "param", RESERVED_BUILDER_NAMES);
        let mut parameters = Vec::new();
        let mut body = None;
        for Located { at, parameter: p } in merged {
            let at = at.node();
            let location = match &p.location {
                ParameterIn::Query => ParamLocation::Query,
                ParameterIn::Header => ParamLocation::Header,
                ParameterIn::Path => ParamLocation::Path,
                ParameterIn::FormData => ParamLocation::FormData,
                ParameterIn::Body => {
                    if body.is_some() {
                        let message = "an operation can have only one body parameter, and this is a second one";
                        self.error(Code::InvalidShape, &at, message);
                    } else {
                        body = Some(self.body(op_type_name, &p, consumes, &mut names, &at));
                    }
                    continue;
                }
                ParameterIn::Other(other) => {
                    let message = format!(
                        "parameter `{}` has `in: {other}`; expected one of query, header, path, formData, body",
                        p.name
                    );
                    self.error(Code::InvalidParameterLocation, &at.push("in"), message);
                    continue;
                }
            };
            if location == ParamLocation::Path {
                if !in_template.contains(p.name.as_str()) {
                    let message = format!("path parameter `{}` does not occur in the path template; dropped", p.name);
                    self.warning(Code::UnusedPathParameter, &at, message);
                    continue;
                }
                if p.required != Some(true) {
                    let message =
                        format!("path parameter `{}` is not marked `required: true`; treated as required", p.name);
                    self.warning(Code::PathParameterNotRequired, &at, message);
                }
            }
            if location == ParamLocation::Path {
                declared_path_params.insert(p.name.clone());
            }
            let ty = self.simple_type(&p.simple, location, &p.name, op_type_name, &at);
            let ty = self.flatten_deep_arrays(ty, &p.name, &at);
            let collection_format = matches!(ty, TypeRef::Array(_))
                .then(|| collection_format(p.simple.collection_format.unwrap_or(model::CollectionFormat::Csv)));
            let item_collection_format = matches!(&ty, TypeRef::Array(item) if matches!(**item, TypeRef::Array(_)))
                .then(|| {
                    let inner = p.simple.items.as_ref().and_then(|items| items.schema.collection_format);
                    match self::collection_format(inner.unwrap_or(model::CollectionFormat::Csv)) {
                        CollectionFormat::Multi => CollectionFormat::Csv,
                        other => other,
                    }
                });
            let default = p.simple.default.clone().filter(|d| !d.is_null()).filter(|d| {
                let kind = |id: crate::ir::TypeId| self.types[id.0].as_ref().map(|t| &t.kind);
                let fits = super::types::default_fits(&kind, &ty, d, 0);
                // An inline enum has already reported a default that is not one of its values.
                let reported = matches!(ty, TypeRef::Named(id) if matches!(kind(id), Some(TypeKind::Enum(_))));
                if !fits && !reported {
                    let message =
                        format!("default {d} of parameter `{}` is not a value of its type; it is left out", p.name);
                    self.warning(Code::InvalidShape, &at.push("default"), message);
                }
                fits
            });
            parameters.push(Parameter {
                wire_name: p.name.clone(),
                name: names.claim(&p.name),
                location,
                ty,
                required: location == ParamLocation::Path || p.required == Some(true),
                collection_format,
                item_collection_format,
                default,
                constraints: constraints(&p.simple),
                description: p.description.clone(),
                allow_empty_value: p.allow_empty_value.unwrap_or(false),
            });
        }
        for name in template_params {
            if declared_path_params.insert(name.to_owned()) {
                let message = format!(
                    "path template names `{{{name}}}` but no such path parameter is declared; added as a string"
                );
                self.warning(Code::UndeclaredPathParameter, op_at, message);
                parameters.push(Parameter {
                    wire_name: name.to_owned(),
                    name: names.claim(name),
                    location: ParamLocation::Path,
                    ty: TypeRef::Primitive(crate::ir::Primitive::String(crate::ir::StringFormat::Plain)),
                    required: true,
                    collection_format: None,
                    item_collection_format: None,
                    default: None,
                    constraints: Constraints::default(),
                    description: None,
                    allow_empty_value: false,
                });
            }
        }
        (parameters, body)
    }

    fn body(
        &mut self,
        op_type_name: &str,
        p: &model::Parameter,
        consumes: &[String],
        names: &mut Namespace,
        at: &Node,
    ) -> Body {
        let ty = match &p.schema {
            Some(schema) => self.type_ref(schema, &at.push("schema"), &format!("{op_type_name}Body")),
            None => {
                let message = format!("body parameter `{}` has no `schema`; treated as free-form JSON", p.name);
                self.warning(Code::InvalidShape, at, message);
                TypeRef::Any
            }
        };
        let (encoding, media_type) = self.body_encoding(&ty, consumes, at);
        Body {
            wire_name: p.name.clone(),
            name: names.claim(&p.name),
            ty,
            required: p.required.unwrap_or(false),
            encoding,
            media_type,
            description: p.description.clone(),
        }
    }

    /// Parameters carry arrays of arrays at most (each level is joined by its own `collectionFormat`); deeper
    /// levels are read as strings, with a warning, since no encoding of them is defined.
    fn flatten_deep_arrays(&mut self, ty: TypeRef, name: &str, at: &Node) -> TypeRef {
        let TypeRef::Array(item) = ty else { return ty };
        let TypeRef::Array(inner) = *item else { return TypeRef::Array(item) };
        if !matches!(*inner, TypeRef::Array(_)) {
            return TypeRef::Array(Box::new(TypeRef::Array(inner)));
        }
        let message =
            format!("parameter `{name}` nests arrays more than two levels deep; the innermost are sent as strings");
        self.warning(Code::Unsupported, &at.push("items"), message);
        let string = TypeRef::Primitive(crate::ir::Primitive::String(crate::ir::StringFormat::Plain));
        TypeRef::Array(Box::new(TypeRef::Array(Box::new(string))))
    }

    /// The type of a non-body parameter (or header), built by viewing its keywords as a schema.
    fn simple_type(
        &mut self,
        simple: &SimpleSchema,
        location: ParamLocation,
        name: &str,
        op_type_name: &str,
        at: &Node,
    ) -> TypeRef {
        let mut simple = simple.clone();
        match simple.type_.as_deref() {
            None => {
                let message = format!("parameter `{name}` has no `type`; treated as a string");
                self.warning(Code::MissingParameterType, at, message);
                simple.type_ = Some("string".to_owned());
            }
            Some("file") if location != ParamLocation::FormData => {
                let message =
                    format!("`type: file` is only allowed for formData parameters; `{name}` treated as a string");
                self.warning(Code::InvalidShape, &at.push("type"), message);
                simple.type_ = Some("string".to_owned());
            }
            Some("object") => {
                let message = format!("non-body parameter `{name}` has `type: object`; treated as a string");
                self.warning(Code::InvalidShape, &at.push("type"), message);
                simple.type_ = Some("string".to_owned());
            }
            _ => {}
        }
        let context = format!("{op_type_name}{}", to_ident(name, Case::UpperCamel, "Param"));
        self.type_ref(&simple_to_schema(&simple), at, &context)
    }

    /// The type of a response header.
    pub(super) fn header_type(&mut self, simple: &SimpleSchema, context: &str, at: &Node) -> TypeRef {
        let mut simple = simple.clone();
        if simple.type_.is_none() {
            simple.type_ = Some("string".to_owned());
        }
        self.type_ref(&simple_to_schema(&simple), at, context)
    }
}

/// Views the keywords of a non-body parameter as a schema, so one function decides types for both.
pub(super) fn simple_to_schema(simple: &SimpleSchema) -> Schema {
    Schema {
        type_: simple.type_.clone().map(SchemaType::One),
        format: simple.format.clone(),
        items: simple.items.as_ref().map(|items| Box::new(simple_to_schema(&items.schema))),
        default: simple.default.clone(),
        enum_: simple.enum_.clone(),
        ..Schema::default()
    }
}

fn collection_format(format: model::CollectionFormat) -> CollectionFormat {
    match format {
        model::CollectionFormat::Csv => CollectionFormat::Csv,
        model::CollectionFormat::Ssv => CollectionFormat::Ssv,
        model::CollectionFormat::Tsv => CollectionFormat::Tsv,
        model::CollectionFormat::Pipes => CollectionFormat::Pipes,
        model::CollectionFormat::Multi => CollectionFormat::Multi,
    }
}

fn constraints(s: &SimpleSchema) -> Constraints {
    Constraints {
        maximum: s.maximum,
        exclusive_maximum: s.exclusive_maximum.unwrap_or(false),
        minimum: s.minimum,
        exclusive_minimum: s.exclusive_minimum.unwrap_or(false),
        max_length: s.max_length,
        min_length: s.min_length,
        pattern: s.pattern.clone(),
        max_items: s.max_items,
        min_items: s.min_items,
        unique_items: s.unique_items.unwrap_or(false),
        multiple_of: s.multiple_of,
    }
}

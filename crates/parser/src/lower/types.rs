//! Schemas → types: definitions and inline schemas become [`TypeDef`]s or inline [`TypeRef`]s.

use std::collections::HashSet;

use serde_json::Value;

use super::Lowerer;
use crate::diagnostic::Code;
use crate::ir::{
    AdditionalProperties, Discriminator, Enum, EnumRepr, Field, IntegerFormat, NumberFormat, Primitive, StringFormat,
    Struct, TypeDef, TypeId, TypeKind, TypeRef, Variant,
};
use crate::model::{AdditionalProperties as ModelAdditional, Schema};
use crate::naming::{self, Case, Namespace};
use crate::source::{FileId, Node};

/// How deep `allOf` and inline nesting may go before the input is treated as hostile. Together with
/// [`MAX_NESTED_DEFINITIONS`] this bounds recursion so that even a debug build on a 2 MiB test thread stack
/// cannot overflow; real specs nest far less.
const MAX_DEPTH: usize = 32;

/// How many not-yet-lowered named types may be entered from inside each other.
const MAX_NESTED_DEFINITIONS: usize = 24;

/// The most fields an `allOf` parent may have for a child to copy them; a bigger parent is composed
/// instead, as one field flattened on the wire ([`Field::flatten`]). Copying keeps shallow hierarchies flat
/// (`child.id`, as callers expect); composing keeps a deep chain's output linear in its depth, because no
/// struct then holds more than about this many fields plus its own.
const MAX_COPIED_FIELDS: usize = 32;

/// The most fields a parent may have for a child that redefines one of its properties to copy them (so the
/// child's definition wins). Beyond it the parent is composed all the same and the child's redefinition is
/// dropped with a warning: copying without a bound would make a chain of redefining children quadratic again.
const MAX_COPIED_FOR_REDEFINITION: usize = 4 * MAX_COPIED_FIELDS;

impl Lowerer<'_> {
    /// Reserves a type (id and name) for every root definition, in document order, before any is lowered,
    /// so that definitions claim their own names ahead of inline types named after them.
    pub(super) fn declare_definitions(&mut self) {
        let Some(Value::Object(definitions)) = self.sources.root().value.get("definitions") else { return };
        let table = Node::root(FileId::ROOT).push("definitions");
        let names: Vec<&str> = definitions.keys().map(String::as_str).collect();
        for (name, raw) in names.iter().zip(naming::definition_type_names(&names)) {
            let target = table.push(name);
            self.declare(target, &raw, Some(name));
        }
    }

    pub(super) fn lower_definitions(&mut self) {
        let Some(Value::Object(definitions)) = self.sources.root().value.get("definitions") else { return };
        let table = Node::root(FileId::ROOT).push("definitions");
        for (name, value) in definitions {
            let at = table.push(name);
            let id = self.by_target[&at];
            if !self.defined.contains(&id) {
                self.define_from_value(id, value, &at);
            }
        }
    }

    fn declare(&mut self, target: Node, raw_name: &str, definition: Option<&str>) -> TypeId {
        let id = TypeId(self.types.len());
        let name = self.claim_type_name(raw_name, definition);
        let location = self.location(&target);
        // A placeholder until `define_from_value` fills in the kind; references may point here meanwhile.
        self.types.push(Some(TypeDef {
            id,
            name,
            definition: definition.map(str::to_owned),
            title: None,
            description: None,
            kind: TypeKind::Alias(TypeRef::Any),
            location,
        }));
        self.by_target.insert(target, id);
        id
    }

    fn define_from_value(&mut self, id: TypeId, value: &Value, at: &Node) {
        if self.nesting >= MAX_NESTED_DEFINITIONS {
            let message = format!(
                "references nest more than {MAX_NESTED_DEFINITIONS} deep (a chain of schemas each first used inside \
                 the previous), which the generator does not support"
            );
            self.error(Code::Unsupported, at, message);
            self.defined.insert(id);
            return;
        }
        if !self.defining.insert(id) {
            return;
        }
        self.nesting += 1;
        self.define_schema(id, value, at);
        self.nesting -= 1;
        self.defining.remove(&id);
        self.defined.insert(id);
    }

    fn define_schema(&mut self, id: TypeId, value: &Value, at: &Node) {
        let Some(schema) = self.deserialize_schema(value, at) else { return };
        if let Some(v) = schema.extensions.get("x-ms-discriminator-value").and_then(Value::as_str) {
            self.discriminator_values.insert(id, v.to_owned());
        }
        let name = self.types[id.0].as_ref().map(|d| d.name.as_str().to_owned()).unwrap_or_default();
        let kind = self.type_kind(&schema, at, &name, 0);
        if let TypeKind::Struct(s) = &kind {
            let composes_map =
                |f: &Field| f.flatten && matches!(f.ty, TypeRef::Named(p) if self.map_holders.contains(&p));
            if s.additional_properties.is_some() || s.fields.iter().any(composes_map) {
                self.map_holders.insert(id);
            }
        }
        if let Some(def) = self.types[id.0].as_mut() {
            def.title = schema.title.clone();
            def.description = schema.description.clone();
            def.kind = kind;
        }
    }

    /// The type of a schema used in a field, parameter or response. `context` names an inline type that has to
    /// be created (e.g. `PetStatus` for the `status` property of `Pet`).
    pub(super) fn type_ref(&mut self, schema: &Schema, at: &Node, context: &str) -> TypeRef {
        self.type_ref_at_depth(schema, at, context, 0)
    }

    fn type_ref_at_depth(&mut self, schema: &Schema, at: &Node, context: &str, depth: usize) -> TypeRef {
        if depth > MAX_DEPTH {
            let message =
                format!("schemas nest more than {MAX_DEPTH} levels deep, which the generator does not support");
            self.error(Code::Unsupported, at, message);
            return TypeRef::Any;
        }
        if let Some(reference) = &schema.reference {
            return self.ref_type(reference, at);
        }
        if needs_named_type(schema) {
            let id = TypeId(self.types.len());
            let name = self.claim_type_name(enum_type_name(schema).unwrap_or(context), None);
            self.types.push(None);
            let kind = self.type_kind(schema, at, name.as_str(), depth + 1);
            self.types[id.0] = Some(TypeDef {
                id,
                name,
                definition: None,
                title: schema.title.clone(),
                description: schema.description.clone(),
                kind,
                location: self.location(at),
            });
            return TypeRef::Named(id);
        }
        self.anonymous_type(schema, at, context, depth)
    }

    /// Types that need no declaration of their own: primitives, arrays, maps, free-form JSON.
    fn anonymous_type(&mut self, schema: &Schema, at: &Node, context: &str, depth: usize) -> TypeRef {
        let names = schema.type_.as_ref().map(|t| t.names()).unwrap_or_default();
        let type_name = match names.as_slice() {
            [] if schema.items.is_some() => "array",
            [] if schema.additional_properties.is_some() || !schema.properties.is_empty() => "object",
            [] => return TypeRef::Any,
            [one] => *one,
            _ => return TypeRef::Any,
        };
        match type_name {
            "array" => match &schema.items {
                Some(items) => {
                    let items_at = at.push("items");
                    let inner = self.type_ref_at_depth(items, &items_at, &format!("{context}Item"), depth + 1);
                    TypeRef::Array(Box::new(self.nullable_if(items, &items_at, inner)))
                }
                None => TypeRef::Array(Box::new(TypeRef::Any)),
            },
            "object" => match &schema.additional_properties {
                Some(ModelAdditional::Schema(inner)) => {
                    let ptr = at.push("additionalProperties");
                    let value = self.type_ref_at_depth(inner, &ptr, &format!("{context}Value"), depth + 1);
                    TypeRef::Map(Box::new(self.nullable_if(inner, &ptr, value)))
                }
                Some(ModelAdditional::Allowed(true)) => TypeRef::Map(Box::new(TypeRef::Any)),
                _ => TypeRef::Any,
            },
            // A file is a whole body or response; inside a JSON document it can only be text.
            "file" if depth > 0 => {
                let message = "`type: file` inside a schema cannot be sent as raw bytes; read as a base64 string";
                self.warning(Code::Unsupported, &at.push("type"), message);
                TypeRef::Primitive(Primitive::String(crate::ir::StringFormat::Byte))
            }
            "file" => TypeRef::File,
            other => match primitive(other, schema.format.as_deref()) {
                Some(p) => TypeRef::Primitive(p),
                None => {
                    let message = format!("unknown type `{other}`; treated as free-form JSON");
                    self.warning(Code::Unsupported, &at.push("type"), message);
                    TypeRef::Any
                }
            },
        }
    }

    /// A `$ref` to a schema: the named type of its target, lowering the target on first use.
    pub(super) fn ref_type(&mut self, reference: &str, at: &Node) -> TypeRef {
        let start = serde_json::json!({ "$ref": reference });
        let Some((target, value)) = self.follow_schema_refs(at.clone(), &start) else {
            return TypeRef::Any;
        };
        if let Some(id) = self.by_target.get(&target) {
            return TypeRef::Named(*id);
        }
        let pointer = &target.pointer;
        let raw_name = pointer.last().unwrap_or_else(|| file_stem(self.sources.file(target.file).path.as_path()));
        let is_definition =
            pointer.tokens().count() == 2 && pointer.tokens().next().is_some_and(|t| t == "definitions");
        let id = self.declare(target.clone(), &raw_name, is_definition.then_some(raw_name.as_str()));
        self.define_from_value(id, value, &target);
        TypeRef::Named(id)
    }

    fn type_kind(&mut self, schema: &Schema, at: &Node, name: &str, depth: usize) -> TypeKind {
        if let Some(reference) = &schema.reference {
            return TypeKind::Alias(self.ref_type(reference, at));
        }
        if let Some(e) = self.enum_kind(schema, at) {
            return TypeKind::Enum(e);
        }
        if is_struct(schema) {
            return TypeKind::Struct(self.struct_kind(schema, at, name, depth));
        }
        TypeKind::Alias(self.anonymous_type(schema, at, name, depth))
    }

    fn enum_kind(&mut self, schema: &Schema, at: &Node) -> Option<Enum> {
        let values = schema.enum_.as_ref().filter(|v| !v.is_empty())?;
        let repr = match schema.type_.as_ref().map(|t| t.names()).unwrap_or_default().as_slice() {
            ["integer"] => EnumRepr::Integer,
            ["number"] => EnumRepr::Number,
            ["string"] | [] => EnumRepr::String,
            _ => return None,
        };
        let names = variant_names(schema);
        let mut namespace = Namespace::new(Case::UpperCamel, "Variant", naming::RESERVED_VARIANTS);
        let mut variants = Vec::new();
        // JSON text is one spelling per value (`1` and `1.0` differ, as they do for `Value`'s `==`).
        let mut seen: HashSet<String> = HashSet::new();
        for (i, value) in values.iter().enumerate() {
            let fits = match repr {
                EnumRepr::String => value.is_string(),
                EnumRepr::Integer => value.is_i64() || value.is_u64(),
                EnumRepr::Number => value.is_number(),
            };
            if value.is_null() || !seen.insert(value.to_string()) {
                continue;
            }
            if !fits {
                let message = format!("enum value {value} does not match the enum's type; skipped");
                self.warning(Code::InvalidShape, &at.push("enum").index(i), message);
                continue;
            }
            let (raw, description) = match names.get(i) {
                Some((Some(name), description)) => (name.clone(), description.clone()),
                Some((None, description)) => (variant_text(value), description.clone()),
                None => (variant_text(value), None),
            };
            variants.push(Variant { name: namespace.claim(&raw), value: value.clone(), description });
        }
        let default = schema.default.as_ref().filter(|d| !d.is_null()).and_then(|d| {
            let found = variants.iter().position(|v| v.value == *d);
            if found.is_none() {
                let message = format!("default {d} is not one of the enum's values; the enum has no default");
                self.warning(Code::InvalidShape, &at.push("default"), message);
            }
            found
        });
        Some(Enum { repr, variants, default })
    }

    fn struct_kind(&mut self, schema: &Schema, at: &Node, name: &str, depth: usize) -> Struct {
        // Only the schema itself makes a type a discriminated base; parents merged in do not.
        let mut builder = StructBuilder { discriminator: schema.discriminator.clone(), ..StructBuilder::default() };
        own_property_names(schema, 0, &mut builder.own_properties);
        self.merge_schema(schema, at, name, depth, &mut builder);
        let StructBuilder {
            mut fields,
            required,
            all_of,
            mut additional,
            deny_unknown,
            discriminator,
            parent_has_map,
            shadowed,
            ..
        } = builder;
        for (wire_name, parent, property_at) in shadowed {
            let message = format!(
                "redefines property `{wire_name}` of its `allOf` parent `{parent}`, which has too many fields to \
                 copy and is composed instead; the parent's definition of it is used"
            );
            self.warning(Code::Unsupported, &property_at, message);
        }
        if parent_has_map && additional.is_some() {
            let message = "`additionalProperties` here are kept by the composed `allOf` parent's map instead \
                           (a second flattened map would read and write each unknown key twice)";
            self.warning(Code::Unsupported, at, message.to_owned());
            additional = None;
        }
        for field in &mut fields {
            field.required = field.flatten || required.contains(&field.wire_name);
        }
        let mut names = Namespace::new(Case::Snake, "field", &[]);
        for field in &mut fields {
            field.name = names.claim(&field.wire_name);
        }
        let additional_properties =
            additional.map(|ty| AdditionalProperties { name: names.claim("additional_properties"), ty });
        Struct {
            fields,
            all_of,
            additional_properties,
            deny_unknown,
            discriminator: discriminator.map(|property| Discriminator {
                property,
                mapping: Vec::new(),
                indirect_children: Vec::new(),
            }),
        }
    }

    /// Adds the properties of `schema` (at `file`, `pointer`) and of its `allOf` parts, recursively, to
    /// `builder`; later properties of the same name replace earlier ones.
    fn merge_schema(&mut self, schema: &Schema, at: &Node, owner: &str, depth: usize, builder: &mut StructBuilder) {
        if depth > MAX_DEPTH {
            let message =
                format!("`allOf` nests more than {MAX_DEPTH} levels deep, which the generator does not support");
            self.error(Code::Unsupported, at, message);
            return;
        }
        for (i, part) in schema.all_of.iter().enumerate() {
            let part_at = at.push("allOf").index(i);
            match &part.reference {
                Some(reference) => self.merge_parent(reference, &part_at, owner, depth, builder),
                None => self.merge_schema(part, &part_at, owner, depth + 1, builder),
            }
        }
        builder.required.extend(schema.required.iter().cloned());
        match &schema.additional_properties {
            Some(ModelAdditional::Allowed(false)) => builder.deny_unknown = true,
            Some(ModelAdditional::Allowed(true)) => builder.additional = Some(TypeRef::Any),
            Some(ModelAdditional::Schema(inner)) => {
                let ptr = at.push("additionalProperties");
                let ty = self.type_ref_at_depth(inner, &ptr, &format!("{owner}Value"), depth + 1);
                builder.additional = Some(ty);
            }
            None => {}
        }
        for (wire_name, property) in &schema.properties {
            let ptr = at.push("properties").push(wire_name);
            let field = self.property_field(wire_name, property, &ptr, owner, depth);
            builder.upsert_own(field, ptr);
        }
    }

    /// Merges the `allOf` part that is `$ref: reference` (at `file`, `pointer`): its named type becomes a
    /// parent, and its fields are merged in, reused as lowered when the parent is already defined, so inline
    /// types inside it (an enum property, say) are declared once, under the parent's name.
    fn merge_parent(&mut self, reference: &str, at: &Node, owner: &str, depth: usize, builder: &mut StructBuilder) {
        let TypeRef::Named(parent) = self.ref_type(reference, at) else { return };
        builder.all_of.push(parent);
        let start = serde_json::json!({ "$ref": reference });
        let Some((target, value)) = self.follow_schema_refs(at.clone(), &start) else { return };
        if !builder.visited.insert(target.clone()) {
            return;
        }
        if !self.defined.contains(&parent) && !self.defining.contains(&parent) {
            self.define_from_value(parent, value, &target);
        }
        if let Some(TypeDef { kind: TypeKind::Struct(parent_struct), name, .. }) = &self.types[parent.0] {
            if self.defined.contains(&parent) {
                if composes(parent_struct, &builder.own_properties) {
                    builder.compose(parent, name.as_str(), parent_struct, self.map_holders.contains(&parent));
                } else {
                    builder.inherit(parent_struct);
                }
                return;
            }
        }
        // The parent is being defined right now (an `allOf` cycle): merge its schema as written.
        if let Some(parent_schema) = self.deserialize_schema(value, &target) {
            let parent_name = self.types[parent.0].as_ref().map(|d| d.name.as_str().to_owned());
            let parent_name = parent_name.unwrap_or_else(|| owner.to_owned());
            self.merge_schema(&parent_schema, &target, &parent_name, depth + 1, builder);
        }
    }

    /// Reads a schema, repairing the mistakes real specs make instead of losing the whole type, each with a
    /// warning: a schema whose `$ref` is not a string is free-form JSON (as one whose `$ref` names nothing); a
    /// JSON-Schema tuple `items: [A, B]` becomes the one schema when all are the same, else free-form; any other
    /// shape error inside a property makes just that property free-form JSON. Anything else is an error, as
    /// for every other object.
    fn deserialize_schema(&mut self, value: &Value, at: &Node) -> Option<Schema> {
        /// Each repair removes a bad node, so a schema needs at most one per node; this bounds hostile input.
        const MAX_REPAIRS: usize = 64;
        let mut repaired: Option<Value> = None;
        for _ in 0..MAX_REPAIRS {
            let current = repaired.as_ref().unwrap_or(value);
            let error = match serde_path_to_error::deserialize::<_, Schema>(current) {
                Ok(schema) => return Some(schema),
                Err(error) => error,
            };
            let path: Vec<String> = error
                .path()
                .iter()
                .filter_map(|segment| match segment {
                    serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
                    serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                    serde_path_to_error::Segment::Enum { variant } => Some(variant.clone()),
                    serde_path_to_error::Segment::Unknown => None,
                })
                .collect();
            if let Some((holder, why)) = malformed_ref_on(current, &path) {
                let place = holder.iter().fold(at.clone(), |node, key| node.push(key));
                self.report_malformed_schema_ref(place.push("$ref"), why);
                let mut fixed = current.clone();
                if let Some(node) = pointer_mut(&mut fixed, &holder) {
                    *node = Value::Object(serde_json::Map::new());
                }
                repaired = Some(fixed);
                continue;
            }
            let Some((repair, message)) = schema_repair(current, &path) else { break };
            let mut fixed = current.clone();
            let place = repair.iter().fold(at.clone(), |node, key| node.push(key));
            if let Some(node) = pointer_mut(&mut fixed, &repair) {
                *node = match node.get("items").filter(|_| message == TUPLE) {
                    Some(Value::Array(parts)) if parts.windows(2).all(|w| w[0] == w[1]) && !parts.is_empty() => {
                        let mut replaced = node.clone();
                        replaced["items"] = parts[0].clone();
                        replaced
                    }
                    Some(_) => {
                        let mut replaced = node.clone();
                        replaced["items"] = Value::Object(serde_json::Map::new());
                        replaced
                    }
                    None => Value::Object(serde_json::Map::new()),
                };
            }
            self.warning(Code::InvalidShape, &place, format!("{message}: {}", error.into_inner()));
            repaired = Some(fixed);
        }
        self.deserialize::<Schema>(repaired.as_ref().unwrap_or(value), at)
    }

    /// Whether values of `schema` may be `null`: `x-nullable: true` (or `type: [..., "null"]`) on it, or on
    /// the definition it refers to (a referenced definition that is nullable makes every use nullable).
    fn is_nullable(&self, schema: &Schema, at: &Node) -> bool {
        if schema.extensions.flag("x-nullable").unwrap_or(false)
            || schema.type_.as_ref().is_some_and(|t| t.includes_null())
        {
            return true;
        }
        let (mut file, mut reference) = (at.file, schema.reference.clone());
        // Bounded: reference cycles are reported where the type is resolved.
        for _ in 0..32 {
            let Some(current) = reference.take() else { return false };
            let Ok((target, value)) = self.sources.resolve(file, &current) else { return false };
            if value.get("x-nullable").and_then(Value::as_bool) == Some(true) {
                return true;
            }
            file = target.file;
            reference = value.get("$ref").and_then(Value::as_str).map(str::to_owned);
        }
        false
    }

    /// `ty` as the type of an array item or map value lowered from `schema`: `Option` when it may be `null`.
    fn nullable_if(&self, schema: &Schema, at: &Node, ty: TypeRef) -> TypeRef {
        if self.is_nullable(schema, at) { TypeRef::Nullable(Box::new(ty)) } else { ty }
    }

    /// The field for property `wire_name` of `owner` (its Rust name is decided later, per struct).
    fn property_field(&mut self, wire_name: &str, property: &Schema, at: &Node, owner: &str, depth: usize) -> Field {
        let context = format!("{owner}{}", crate::naming::to_ident(wire_name, Case::UpperCamel, "Field"));
        let ty = self.type_ref_at_depth(property, at, &context, depth + 1);
        let nullable = self.is_nullable(property, at);
        Field {
            wire_name: wire_name.to_owned(),
            name: crate::naming::to_ident(wire_name, Case::Snake, "field"),
            ty,
            required: false,
            nullable,
            read_only: property.read_only,
            default: property.default.clone(),
            description: property.description.clone().or_else(|| property.title.clone()),
            needs_indirection: false,
            flatten: false,
        }
    }

    /// Records each child of a discriminated base (a type composing the base with `allOf`) in the base's mapping.
    pub(super) fn link_discriminators(&mut self) {
        let mut links = Vec::new();
        for def in self.types.iter().flatten() {
            let TypeKind::Struct(s) = &def.kind else { continue };
            for parent in &s.all_of {
                let tag = self
                    .discriminator_values
                    .get(&def.id)
                    .cloned()
                    .unwrap_or_else(|| def.definition.clone().unwrap_or_else(|| def.name.as_str().to_owned()));
                links.push((*parent, tag, def.id));
            }
        }
        for (parent, tag, child) in links {
            if let Some(TypeDef { kind: TypeKind::Struct(Struct { discriminator: Some(d), .. }), .. }) =
                self.types[parent.0].as_mut()
            {
                d.mapping.push((tag, child));
            }
        }
    }
}

#[derive(Default)]
struct StructBuilder {
    fields: Vec<Field>,
    /// Where each wire name is in `fields`.
    slots: std::collections::HashMap<String, usize>,
    required: HashSet<String>,
    all_of: Vec<TypeId>,
    additional: Option<TypeRef>,
    deny_unknown: bool,
    discriminator: Option<String>,
    /// `allOf` parents already merged, so a diamond or a cycle merges each once.
    visited: HashSet<Node>,
    /// Parents composed as flattened fields, so one reached twice (a diamond) is composed once.
    composed: HashSet<TypeId>,
    /// The wire names of the properties the schema declares itself (not through `$ref` parents): a parent
    /// declaring one of them is copied, not composed, so the child's definition replaces the parent's.
    own_properties: HashSet<String>,
    /// A composed parent keeps unknown keys in its own flattened map.
    parent_has_map: bool,
    /// The wire names of composed parents' own (top-level) properties, with the parent's name: the child
    /// must not declare them again, or two members would claim one key.
    composed_properties: std::collections::HashMap<String, String>,
    /// Properties of the schema dropped because a composed parent holds them (wire name, parent name, where
    /// the property is).
    shadowed: Vec<(String, String, Node)>,
}

impl StructBuilder {
    /// Adds `field`, replacing an earlier field of the same wire name in place (a child overriding a parent's
    /// property keeps the parent's position).
    fn upsert(&mut self, field: Field) {
        if field.flatten {
            // Not a JSON key: kept apart from the properties, once per composed type.
            if let TypeRef::Named(parent) = field.ty {
                if self.composed.insert(parent) {
                    self.fields.push(field);
                }
            }
            return;
        }
        match self.slots.get(&field.wire_name) {
            Some(&slot) => self.fields[slot] = field,
            None => {
                self.slots.insert(field.wire_name.clone(), self.fields.len());
                self.fields.push(field);
            }
        }
    }

    /// Adds a property the schema declares itself, unless a composed parent already holds that key.
    fn upsert_own(&mut self, field: Field, at: Node) {
        match self.composed_properties.get(&field.wire_name) {
            Some(parent) => self.shadowed.push((field.wire_name, parent.clone(), at)),
            None => self.upsert(field),
        }
    }

    /// Takes over an already lowered parent's fields, requiredness, additional properties and strictness.
    fn inherit(&mut self, parent: &Struct) {
        for field in &parent.fields {
            if field.required && !field.flatten {
                self.required.insert(field.wire_name.clone());
            }
            self.upsert(field.clone());
        }
        if let Some(extra) = &parent.additional_properties {
            self.additional = Some(extra.ty.clone());
        }
        self.deny_unknown |= parent.deny_unknown;
    }

    /// Holds `parent` (named `name`) as one flattened field instead of copying its fields: its properties,
    /// additional properties and strictness stay in its own type.
    fn compose(&mut self, parent: TypeId, name: &str, parent_struct: &Struct, holds_map: bool) {
        for field in parent_struct.fields.iter().filter(|f| !f.flatten) {
            self.composed_properties.insert(field.wire_name.clone(), name.to_owned());
        }
        self.upsert(Field {
            wire_name: name.to_owned(),
            name: crate::naming::to_ident(name, Case::Snake, "parent"),
            ty: TypeRef::Named(parent),
            required: true,
            nullable: false,
            read_only: false,
            default: None,
            description: Some(format!("The properties this type takes from [`{name}`] (`allOf`).")),
            needs_indirection: false,
            flatten: true,
        });
        self.parent_has_map |= holds_map;
    }
}

/// Adds the wire names of the properties `schema` declares itself, in its inline `allOf` parts too.
fn own_property_names(schema: &Schema, depth: usize, out: &mut HashSet<String>) {
    if depth > MAX_DEPTH {
        return;
    }
    out.extend(schema.properties.keys().cloned());
    for part in schema.all_of.iter().filter(|part| part.reference.is_none()) {
        own_property_names(part, depth + 1, out);
    }
}

/// Whether a child declaring `own_properties` composes `parent` rather than copying its fields: only a
/// plain struct (a discriminated base is an enum in Rust) with more than [`MAX_COPIED_FIELDS`] fields, and,
/// when the child redefines one of them (a flattened parent would claim the key, or miss a field it
/// requires), only beyond [`MAX_COPIED_FOR_REDEFINITION`].
fn composes(parent: &Struct, own_properties: &HashSet<String>) -> bool {
    let redefines = || parent.fields.iter().any(|f| !f.flatten && own_properties.contains(&f.wire_name));
    parent.discriminator.is_none()
        && parent.fields.len() > MAX_COPIED_FIELDS
        && (parent.fields.len() > MAX_COPIED_FOR_REDEFINITION || !redefines())
}

const TUPLE: &str = "tuple `items` (a JSON-Schema array of schemas) read as one schema";
const BAD_PROPERTY: &str = "this property's schema is malformed; it is read as free-form JSON";

/// Where a failed schema can be repaired, and how: the schema holding a tuple `items` on the failing path, or
/// else the deepest property on it. `None` when the error is not inside a property.
fn schema_repair(value: &Value, path: &[String]) -> Option<(Vec<String>, &'static str)> {
    let mut node = value;
    let mut deepest_property = None;
    for (i, key) in path.iter().enumerate() {
        if key == "items" && node.get("items").is_some_and(Value::is_array) {
            return Some((path[..i].to_vec(), TUPLE));
        }
        if i > 0 && path[i - 1] == "properties" {
            deepest_property = Some(i + 1);
        }
        node = match node {
            Value::Object(map) => map.get(key)?,
            Value::Array(items) => items.get(key.parse::<usize>().ok()?)?,
            _ => break,
        };
    }
    if node.get("items").is_some_and(Value::is_array) {
        return Some((path.to_vec(), TUPLE));
    }
    deepest_property.map(|end| (path[..end].to_vec(), BAD_PROPERTY))
}

/// The schema on the failing `path` whose `$ref` is no usable reference (not a string), and why: it is read as
/// free-form JSON, as a `$ref` that names nothing is.
fn malformed_ref_on(value: &Value, path: &[String]) -> Option<(Vec<String>, String)> {
    let (last, holder) = path.split_last()?;
    if last != "$ref" {
        return None;
    }
    let node = holder.iter().try_fold(value, |node, key| match node {
        Value::Object(map) => map.get(key),
        Value::Array(items) => items.get(key.parse::<usize>().ok()?),
        _ => None,
    })?;
    super::refs::malformed_ref(node).map(|why| (holder.to_vec(), why))
}

/// The node at `path` inside `value`, for repairs.
fn pointer_mut<'v>(value: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |node, key| match node {
        Value::Object(map) => map.get_mut(key),
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

/// Inline schemas that need a declared type: objects with properties, compositions and (non-boolean) enums.
fn needs_named_type(schema: &Schema) -> bool {
    is_struct(schema) || is_enum(schema)
}

fn is_enum(schema: &Schema) -> bool {
    let names = schema.type_.as_ref().map(|t| t.names()).unwrap_or_default();
    schema.enum_.as_ref().is_some_and(|v| !v.is_empty())
        && matches!(names.as_slice(), [] | ["string"] | ["integer"] | ["number"])
}

fn is_struct(schema: &Schema) -> bool {
    let names = schema.type_.as_ref().map(|t| t.names()).unwrap_or_default();
    let objectish = matches!(names.as_slice(), [] | ["object"]);
    objectish
        && (!schema.all_of.is_empty()
            || !schema.properties.is_empty()
            || schema.discriminator.is_some()
            || matches!(schema.additional_properties, Some(ModelAdditional::Allowed(false))) && names == ["object"])
}

/// `x-ms-enum: {name: …}` names the enum type itself.
fn enum_type_name(schema: &Schema) -> Option<&str> {
    schema.extensions.get("x-ms-enum")?.get("name")?.as_str().filter(|n| !n.is_empty())
}

/// Variant names and descriptions from `x-enum-varnames`/`x-enum-descriptions` or `x-ms-enum.values`,
/// parallel to the `enum` list.
fn variant_names(schema: &Schema) -> Vec<(Option<String>, Option<String>)> {
    let values = schema.enum_.as_deref().unwrap_or_default();
    let strings = |key: &str| -> Vec<Option<String>> {
        let list = schema.extensions.get(key).and_then(Value::as_array);
        (0..values.len()).map(|i| list.and_then(|l| l.get(i)).and_then(Value::as_str).map(str::to_owned)).collect()
    };
    if let Some(ms_values) = schema.extensions.get("x-ms-enum").and_then(|e| e.get("values")).and_then(Value::as_array)
    {
        // The first entry for each value, as a search from the front would find it.
        let mut entries: std::collections::HashMap<String, &Value> = std::collections::HashMap::new();
        for entry in ms_values {
            if let Some(value) = entry.get("value") {
                entries.entry(value.to_string()).or_insert(entry);
            }
        }
        return values
            .iter()
            .map(|v| {
                let entry = entries.get(&v.to_string()).copied();
                let text = |k: &str| entry.and_then(|e| e.get(k)).and_then(Value::as_str).map(str::to_owned);
                (text("name"), text("description"))
            })
            .collect();
    }
    strings("x-enum-varnames").into_iter().zip(strings("x-enum-descriptions")).collect()
}

/// The text a variant is named after: strings as they are, numbers spelled so signs and points survive.
fn variant_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string().replace('-', "minus ").replace('.', " point "),
    }
}

fn primitive(type_name: &str, format: Option<&str>) -> Option<Primitive> {
    Some(match type_name {
        "string" => Primitive::String(match format {
            None | Some("") => StringFormat::Plain,
            Some("byte") => StringFormat::Byte,
            Some("binary") => StringFormat::Binary,
            Some("date") => StringFormat::Date,
            Some("date-time") => StringFormat::DateTime,
            Some("password") => StringFormat::Password,
            Some(other) => StringFormat::Other(other.to_owned()),
        }),
        "integer" => Primitive::Integer(match format {
            Some("int32") => IntegerFormat::Int32,
            Some("int64") => IntegerFormat::Int64,
            _ => IntegerFormat::Unspecified,
        }),
        "number" => Primitive::Number(match format {
            Some("float") => NumberFormat::Float,
            Some("double") => NumberFormat::Double,
            _ => NumberFormat::Unspecified,
        }),
        "boolean" => Primitive::Boolean,
        _ => return None,
    })
}

fn file_stem(path: &std::path::Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "Type".to_owned())
}

/// Marks the fields (and discriminator variants) that close a by-value cycle between types
/// (`Node { next: Option<Node> }`), so the emitter adds indirection exactly there. Arrays and maps already
/// allocate, so edges through them never count. Deterministic: types are visited in id order and edges in
/// declaration order.
/// Walks the graph of `count` nodes depth first from every node `root` accepts, calling `back_edge(path, node,
/// label, target)` for each edge that closes a cycle (its `target` is on the current `path`, which ends at
/// `node`). Each node's edges are computed once, and an explicit stack keeps hostile specs from overflowing the
/// call stack.
fn for_each_back_edge<E: Copy>(
    count: usize,
    root: impl Fn(usize) -> bool,
    edges: impl Fn(usize) -> Vec<(E, usize)>,
    mut back_edge: impl FnMut(&[usize], usize, E, usize),
) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Active,
        Done,
    }
    let mut state = vec![State::New; count];
    let mut path: Vec<usize> = Vec::new();
    for start in 0..count {
        if state[start] != State::New || !root(start) {
            continue;
        }
        let mut stack = vec![(start, edges(start), 0usize)];
        path.push(start);
        state[start] = State::Active;
        while let Some((node, node_edges, next)) = stack.last_mut() {
            let node = *node;
            if let Some(&(label, target)) = node_edges.get(*next) {
                *next += 1;
                match state[target] {
                    State::Active => back_edge(&path, node, label, target),
                    State::New => {
                        state[target] = State::Active;
                        stack.push((target, edges(target), 0));
                        path.push(target);
                    }
                    State::Done => {}
                }
            } else {
                state[node] = State::Done;
                stack.pop();
                path.pop();
            }
        }
    }
}

/// Turns every alias that contains itself through other aliases (`A = Vec<A>`, `M = BTreeMap<String, B>` with
/// `B = Vec<M>`) into a newtype, since Rust rejects recursive type aliases; arrays and maps allocate, so the
/// newtype needs no further indirection. Each is reported as a warning, naming the definition.
pub fn wrap_recursive_aliases(types: &mut [TypeDef]) -> Vec<(crate::diagnostic::Location, String)> {
    // Alias → the named aliases its target mentions (through arrays and maps).
    let alias_edges = |def: &TypeDef, types: &[TypeDef]| -> Vec<usize> {
        let TypeKind::Alias(target) = &def.kind else { return Vec::new() };
        let mut out = Vec::new();
        target.visit(&mut |ty| {
            if let TypeRef::Named(id) = ty {
                if matches!(types[id.0].kind, TypeKind::Alias(_)) {
                    out.push(id.0);
                }
            }
        });
        out
    };
    let is_alias = |t: usize| matches!(types[t].kind, TypeKind::Alias(_));
    let mut on_cycle = vec![false; types.len()];
    let edges = |t: usize| alias_edges(&types[t], types).into_iter().map(|target| ((), target)).collect();
    for_each_back_edge(types.len(), is_alias, edges, |stack, _, (), target| {
        // Every alias on the path from `target` to here is on the cycle.
        let from = stack.iter().position(|n| *n == target).unwrap_or(0);
        for n in &stack[from..] {
            on_cycle[*n] = true;
        }
    });
    let mut found = Vec::new();
    for (def, _) in types.iter_mut().zip(&on_cycle).filter(|(_, cycle)| **cycle) {
        let TypeKind::Alias(target) = std::mem::replace(&mut def.kind, TypeKind::Alias(TypeRef::Any)) else { continue };
        def.kind = TypeKind::Newtype(target);
        let message = format!(
            "`{}` contains itself, which a Rust type alias cannot; it is a newtype struct `{}(…)` instead",
            def.definition.as_deref().unwrap_or(def.name.as_str()),
            def.name
        );
        found.push((def.location.clone(), message));
    }
    found
}

pub fn mark_cycles(types: &mut [TypeDef]) {
    let mut marks = Vec::new();
    let edges = |t: usize| by_value_edges(&types[t]).into_iter().map(|(slot, target)| (slot, target.0)).collect();
    for_each_back_edge(types.len(), |_| true, edges, |_, node, slot, target| marks.push((node, slot, TypeId(target))));
    for (node, slot, target) in marks {
        let TypeKind::Struct(s) = &mut types[node].kind else { continue };
        match slot {
            Edge::Field(index) => {
                if let Some(field) = s.fields.get_mut(index) {
                    field.needs_indirection = true;
                }
            }
            Edge::Variant => {
                if let Some(d) = &mut s.discriminator {
                    d.indirect_children.push(target);
                }
            }
            Edge::Alias => {}
        }
    }
}

/// Where a by-value edge between two types sits.
#[derive(Clone, Copy)]
enum Edge {
    /// A struct field, by index.
    Field(usize),
    /// A discriminated base's variant holding a child.
    Variant,
    /// An alias to another type (aliases cannot be boxed; they only pass the edge on).
    Alias,
}

/// The edges along which one type embeds another by value.
fn by_value_edges(def: &TypeDef) -> Vec<(Edge, TypeId)> {
    match &def.kind {
        TypeKind::Struct(s) => {
            let fields = s.fields.iter().enumerate().filter_map(|(i, f)| match f.ty {
                TypeRef::Named(id) => Some((Edge::Field(i), id)),
                _ => None,
            });
            let variants =
                s.discriminator.iter().flat_map(|d| d.mapping.iter().map(|(_, child)| (Edge::Variant, *child)));
            fields.chain(variants).collect()
        }
        TypeKind::Alias(TypeRef::Named(id)) => vec![(Edge::Alias, *id)],
        _ => Vec::new(),
    }
}

/// Drops field defaults that cannot be values of the field's type (`default: "abc"` on an integer), with a
/// warning at the schema: the emitter writes defaults as Rust literals of the field's type, and one that does
/// not fit would otherwise read as absent without a word.
pub fn check_field_defaults(types: &mut [TypeDef], diagnostics: &mut crate::diagnostic::Diagnostics) {
    let mut misfits = Vec::new();
    for (t, def) in types.iter().enumerate() {
        let TypeKind::Struct(s) = &def.kind else { continue };
        for (f, field) in s.fields.iter().enumerate() {
            let Some(default) = field.default.as_ref().filter(|d| !d.is_null()) else { continue };
            if !default_fits(&|id| Some(&types[id.0].kind), &field.ty, default, 0) {
                let message = format!(
                    "default {default} of property `{}` is not a value of its type; the field has no default",
                    field.wire_name
                );
                diagnostics.push(crate::diagnostic::Diagnostic::warning(
                    Code::InvalidShape,
                    def.location.clone(),
                    message,
                ));
                misfits.push((t, f));
            }
        }
    }
    for (t, f) in misfits {
        if let TypeKind::Struct(s) = &mut types[t].kind {
            s.fields[f].default = None;
        }
    }
}

/// Whether `value` is a value of `ty`; `kind` looks named types up (`None`, for a type not lowered yet,
/// accepts anything).
pub(super) fn default_fits<'t>(
    kind: &dyn Fn(TypeId) -> Option<&'t TypeKind>,
    ty: &TypeRef,
    value: &Value,
    depth: usize,
) -> bool {
    if depth > MAX_DEPTH {
        return true;
    }
    match ty {
        TypeRef::Primitive(Primitive::String(_)) => value.is_string(),
        TypeRef::Primitive(Primitive::Integer(IntegerFormat::Int32)) => {
            value.as_i64().is_some_and(|n| i32::try_from(n).is_ok())
        }
        TypeRef::Primitive(Primitive::Integer(_)) => value.is_i64(),
        TypeRef::Primitive(Primitive::Number(_)) => value.is_number(),
        TypeRef::Primitive(Primitive::Boolean) => value.is_boolean(),
        TypeRef::Array(inner) => {
            value.as_array().is_some_and(|items| items.iter().all(|v| default_fits(kind, inner, v, depth + 1)))
        }
        TypeRef::Map(_) => value.is_object(),
        TypeRef::Named(id) => match kind(*id) {
            None => true,
            Some(TypeKind::Alias(target) | TypeKind::Newtype(target)) => default_fits(kind, target, value, depth + 1),
            Some(TypeKind::Enum(e)) => match e.repr {
                EnumRepr::String => value.is_string(),
                EnumRepr::Integer => value.is_i64(),
                EnumRepr::Number => value.is_number(),
            },
            Some(TypeKind::Struct(_)) => value.is_object(),
        },
        TypeRef::Nullable(inner) => value.is_null() || default_fits(kind, inner, value, depth + 1),
        TypeRef::Any | TypeRef::External(_) => true,
        TypeRef::File => false,
    }
}

//! The `types` module: one Rust item per IR type (structs, open enums, aliases).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use swagger2rs_parser::ir::{Api, Discriminator, Enum, EnumRepr, Field, Presence, Struct, TypeDef, TypeKind, TypeRef};
use swagger2rs_parser::naming::{FALLBACK_VARIANT, union_variant_names};

use crate::chunks::items;
use crate::context::Emitter;
use crate::docs::{doc_attrs, plain_doc_attrs};
use crate::output_space::{OutputSpace, SourceFile};
use crate::rust_type::{Scope, ident, is_string, type_tokens};

impl<'a> Emitter<'a> {
    /// ```text
    /// //! Types of the API's schemas.
    /// pub struct Pet { … }
    /// pub enum PetStatus { Available, …, Other(String) }
    /// pub type Tags = Vec<String>;
    /// ```
    pub fn emit_types(&'a self, out: &mut OutputSpace<'a>) {
        let header = items(|| quote! { #![doc = " Types of the API's schemas (definitions and inline schemas)."] });
        out.add(SourceFile::Types, header);
        for def in &self.api.types {
            let gate = crate::features::cfg(self.api, self.features.type_gate(def.id));
            out.add(SourceFile::Types, items(move || self.type_item(def)).gated(gate));
        }
    }

    /// `ParamValue` impls for configured types used in parameters, at the end of the `types` module.
    pub fn emit_param_impls(&'a self, out: &mut OutputSpace<'a>) {
        out.add(SourceFile::Types, items(move || external_param_impls(self.api)));
    }

    fn type_item(&self, def: &TypeDef) -> TokenStream {
        let api = self.api;
        let mut docs = doc_attrs([def.title.as_deref(), def.description.as_deref()]);
        if let Some(definition) = &def.definition {
            let note = format!("Schema `{}` of the spec.", definition.replace('`', "'"));
            let note = if docs.is_empty() { note } else { format!("\n{note}") };
            docs.extend(plain_doc_attrs(&note));
            // rustdoc search then finds the type by the spec's name (`io.k8s.api.core.v1.Pod`) too. rustdoc
            // rejects aliases with quotes, spaces or the item's own name, so only plain dotted names get one.
            let plain = definition.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '$'));
            if plain && definition.contains('.') && definition != def.name.as_str() {
                docs.extend(quote!(#[doc(alias = #definition)]));
            }
        } else if docs.is_empty() {
            docs = plain_doc_attrs("An inline schema of the spec.");
        }
        docs.extend(self.skipped_derives_note(def));
        let extra = self.model_attributes(def);
        match &def.kind {
            TypeKind::Struct(Struct { discriminator: Some(d), .. }) if !d.mapping.is_empty() => {
                discriminated_item(api, def, d, docs, extra)
            }
            TypeKind::Struct(s) => self.struct_item(def, s, docs, extra),
            TypeKind::Enum(e) => enum_item(def, e, docs, extra, self.derives.has_default(def)),
            TypeKind::Alias(target) => {
                let name = ident(&def.name);
                let target = type_tokens(api, target, Scope::Types);
                quote! {
                    #docs
                    pub type #name = #target;
                }
            }
            TypeKind::Newtype(inner) => newtype_item(api, def, inner, docs, extra),
        }
    }

    /// The configured derives that apply to `def` (as extra paths for its `#[derive]`) and the configured
    /// attributes, which every model gets.
    fn model_attributes(&self, def: &TypeDef) -> ModelAttributes {
        let derives = self.derives.added(def).iter().filter_map(|d| d.path.parse().ok()).collect();
        let attributes = self.options.attributes.iter().filter_map(|a| a.parse().ok()).collect();
        ModelAttributes { derives, attributes }
    }

    /// "Configured derives left out: `Eq`, `Hash` (it holds `f64`)." for configured derives a type cannot
    /// have, grouped by reason.
    fn skipped_derives_note(&self, def: &TypeDef) -> TokenStream {
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for skipped in self.derives.skipped(self.api, def) {
            let name = format!("`{}`", skipped.derive.path);
            match groups.iter_mut().find(|(reason, _)| *reason == skipped.reason) {
                Some((_, names)) => names.push(name),
                None => groups.push((skipped.reason, vec![name])),
            }
        }
        if groups.is_empty() {
            return TokenStream::new();
        }
        let list: Vec<String> =
            groups.iter().map(|(reason, names)| format!("{} ({reason})", names.join(", "))).collect();
        plain_doc_attrs(&format!("\nConfigured derives left out: {}.", list.join("; ")))
    }
}

/// What configuration adds to every model: derives (in its `#[derive]`) and attributes (after it).
struct ModelAttributes {
    derives: Vec<TokenStream>,
    attributes: Vec<TokenStream>,
}

/// Rust types the runtime already knows how to send as parameters; configuration can name them too.
const PARAM_VALUE_TYPES: &[&str] = &[
    "String",
    "bool",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "f32",
    "f64",
    "serde_json::Value",
];

/// The types `runtime/dates.rs` implements `ParamValue` for, as configuration would spell them.
const CHRONO_TYPES: &[&str] = &["chrono::DateTime<chrono::FixedOffset>", "chrono::NaiveDate"];

/// `impl ParamValue for uuid::Uuid` (by `Display`) for each type that configuration put in a parameter, so
/// `[types.formats] uuid = "uuid::Uuid"` works for path, query, header and form values as well as in models.
fn external_param_impls(api: &Api) -> TokenStream {
    let mut paths = std::collections::BTreeSet::new();
    let runtime_dates = crate::rust_type::uses_dates(api);
    for param in api.operations.iter().flat_map(|op| &op.parameters) {
        let mut ty = &param.ty;
        // Bounded: a cycle of aliases must not hang the generator.
        for _ in 0..32 {
            ty = match ty {
                TypeRef::Array(inner) => inner,
                TypeRef::Named(id) => match &api.type_def(*id).kind {
                    TypeKind::Alias(target) => target,
                    _ => break,
                },
                _ => break,
            };
        }
        if let TypeRef::External(path) = ty {
            let compact: String = path.chars().filter(|c| !c.is_whitespace()).collect();
            // The runtime's `dates.rs` already covers chrono's types when the crate has built-in dates.
            let in_runtime = runtime_dates && CHRONO_TYPES.contains(&compact.as_str());
            if !PARAM_VALUE_TYPES.contains(&compact.as_str()) && !in_runtime {
                paths.insert(path.as_str());
            }
        }
    }
    paths
        .into_iter()
        .filter_map(|path| {
            let ty: TokenStream = path.parse().ok()?;
            let doc = format!(" Sends `{path}` parameters as their `Display` text.");
            Some(quote! {
                #[doc = #doc]
                impl crate::runtime::ParamValue for #ty {
                    fn to_param(&self) -> String {
                        self.to_string()
                    }
                }
            })
        })
        .collect()
}

/// ```text
/// #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
/// pub struct Pet {
///     #[serde(rename = "petId")]
///     pub pet_id: i64,
///     #[serde(default, skip_serializing_if = "Option::is_none")]
///     pub tag: Option<String>,
/// }
/// ```
impl Emitter<'_> {
    fn struct_item(&self, def: &TypeDef, s: &Struct, docs: TokenStream, extra: ModelAttributes) -> TokenStream {
        let (api, has_default) = (self.api, self.derives.has_default(def));
        let name = ident(&def.name);
        let own_deserialize = crate::deserialize::writes_own(s, &extra.attributes);
        let fields = s.fields.iter().map(|f| self.field(&def.name, f, own_deserialize));
        let mut members: Vec<TokenStream> = constructor(api, def, s, has_default).into_iter().collect();
        members.extend(s.fields.iter().filter_map(|f| default_fn(api, f)));
        let defaults = (!members.is_empty()).then(|| quote! { impl #name { #(#members)* } });
        let additional = s.additional_properties.as_ref().map(|extra| {
            let field_name = ident(&extra.name);
            let ty = type_tokens(api, &extra.ty, Scope::Types);
            quote! {
                #[doc = " Properties not named by the schema (`additionalProperties`)."]
                #[serde(flatten)]
                pub #field_name: std::collections::BTreeMap<String, #ty>,
            }
        });
        // serde cannot deny unknown keys beside a flattened member: the member's keys would count as unknown.
        let flattens = s.additional_properties.is_some() || s.fields.iter().any(|f| f.flatten);
        let deny = (s.deny_unknown && !flattens && !own_deserialize).then(|| quote!(#[serde(deny_unknown_fields)]));
        let ModelAttributes { derives, attributes } = extra;
        let (serde_derives, deserialize) = if own_deserialize {
            (quote!(serde::Serialize), Some(self.deserialize_impls(def, s)))
        } else {
            (quote!(serde::Serialize, serde::Deserialize), None)
        };
        quote! {
            #docs
            #[derive(Clone, Debug, PartialEq, #serde_derives #(, #derives)*)]
            #(#attributes)*
            #deny
            pub struct #name {
                #(#fields)*
                #additional
            }
            #defaults
            #deserialize
        }
    }

    /// A field and its serde attributes. `own_deserialize` when the struct's `Deserialize` is written out
    /// ([`crate::deserialize`]): then only what `Serialize` reads is kept (`rename`, `skip_serializing_if`).
    /// Otherwise a required array or map reads `null` as empty through `runtime::de::null_as_empty` unless
    /// `[types] nulls = "strict"` (see [`crate::nulls`]).
    fn field(&self, owner: &swagger2rs_parser::naming::Ident, f: &Field, own_deserialize: bool) -> TokenStream {
        let api = self.api;
        let name = ident(&f.name);
        let ty = declared_type(api, f);
        let wire = &f.wire_name;
        let docs = doc_attrs([f.description.as_deref()]);
        if f.flatten {
            return quote! {
                #docs
                #[serde(flatten)]
                pub #name: #ty,
            };
        }
        let docs = if docs.is_empty() { plain_doc_attrs(&format!("`{}`", wire.replace('`', "'"))) } else { docs };
        // Optional fields may be absent (`None`, left out when sending). Required nullable ones are `None` for
        // `null`. Optional nullable ones keep the three cases apart: absent `None`, `null` `Some(None)`, and
        // `Some(Some(v))`, which matters when a request must clear a value rather than leave it alone.
        let mut serde_args = Vec::new();
        serde_args.extend((f.name.as_str() != wire).then(|| quote!(rename = #wire)));
        let optional = matches!(f.presence(), Presence::Optional | Presence::OptionalNullable);
        if optional && !own_deserialize {
            if field_default(api, f).is_some() {
                let path = format!("{owner}::{}", default_fn_name(f));
                serde_args.push(quote!(default = #path));
            } else {
                serde_args.push(quote!(default));
            }
            if f.presence() == Presence::OptionalNullable {
                serde_args.push(quote!(deserialize_with = "crate::runtime::deserialize_nullable"));
            }
        }
        if !own_deserialize && self.null_as_empty_field(f) {
            serde_args.push(quote!(deserialize_with = "crate::runtime::de::null_as_empty"));
        }
        if optional {
            serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
        }
        let serde = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
        quote! {
            #docs
            #serde
            pub #name: #ty,
        }
    }
}

/// A definition that contains itself, as a transparent newtype (a type alias cannot be recursive).
///
/// ```text
/// #[serde(transparent)]
/// pub struct Tree(pub Vec<Tree>);
/// ```
fn newtype_item(api: &Api, def: &TypeDef, inner: &TypeRef, docs: TokenStream, extra: ModelAttributes) -> TokenStream {
    let name = ident(&def.name);
    let inner = type_tokens(api, inner, Scope::Types);
    let ModelAttributes { derives, attributes } = extra;
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize #(, #derives)*)]
        #(#attributes)*
        #[serde(transparent)]
        pub struct #name(pub #inner);
    }
}

/// Whether a field is a positional argument of `new`: required and not `readOnly` (those are `Option`s).
fn is_required(f: &Field) -> bool {
    f.required && !f.read_only
}

/// `pub fn new(name: impl Into<String>, spec: PodSpec) -> Self` for a struct with required fields: they are
/// the arguments, every optional field is `None` (not the spec's default: leaving it out lets the server
/// apply its own, and sends nothing the caller did not set), additional properties empty. Structs without
/// required fields have `Default` instead, which is the same thing.
///
/// ```text
/// pub fn new(name: impl Into<String>) -> Self { Self { name: name.into(), ..Default::default() } }
/// ```
fn constructor(api: &Api, def: &TypeDef, s: &Struct, has_default: bool) -> Option<TokenStream> {
    let required: Vec<&Field> = s.fields.iter().filter(|f| is_required(f)).collect();
    if required.is_empty() {
        return None;
    }
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for f in &required {
        let name = ident(&f.name);
        let mut ty = type_tokens(api, &f.ty, Scope::Types);
        let mut value = quote!(#name);
        if is_string(&f.ty) && !f.nullable {
            ty = quote!(impl Into<String>);
            value = quote!(#name.into());
        }
        if f.needs_indirection {
            value = quote!(Box::new(#value));
        }
        if f.nullable {
            ty = quote!(Option<#ty>);
            if f.needs_indirection {
                value = quote!(#name.map(Box::new));
            }
        }
        args.push(quote!(#name: #ty));
        let shorthand = name == value.to_string();
        inits.push(if shorthand { quote!(#name,) } else { quote!(#name: #value,) });
    }
    let rest = s.fields.len() > required.len() || s.additional_properties.is_some();
    let rest = if !rest {
        TokenStream::new()
    } else if has_default {
        quote!(..Default::default())
    } else {
        let optional = s.fields.iter().filter(|f| !is_required(f)).map(|f| ident(&f.name));
        let additional = s.additional_properties.as_ref().map(|a| {
            let name = ident(&a.name);
            quote!(#name: std::collections::BTreeMap::new(),)
        });
        quote!(#(#optional: None,)* #additional)
    };
    let allow = (args.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let doc = format!(" `{}` from its required fields; every optional field is `None`, so it is not sent.", def.name);
    Some(quote! {
        #[doc = #doc]
        #allow
        pub fn new(#(#args),*) -> Self {
            Self { #(#inits)* #rest }
        }
    })
}

/// The spec's `default` of an optional field, as the Rust expression of the field's own type (not wrapped
/// in `Option`), when the field reads as it when absent.
pub(crate) fn field_default(api: &Api, f: &Field) -> Option<FieldDefault> {
    if is_required(f) {
        return None;
    }
    let value = f.default.as_ref().filter(|d| !d.is_null())?;
    match literal(api, &f.ty, value, 0) {
        Literal::Expr(expr) => Some(FieldDefault::Literal(expr)),
        Literal::Decoded => Some(FieldDefault::Json(value.to_string())),
        Literal::Mismatch => None,
    }
}

pub(crate) enum FieldDefault {
    /// `10`, `"cm".to_owned()`, `PetStatus::Available`, `vec![1, 2]`.
    Literal(TokenStream),
    /// A type Rust has no literal for (dates, bytes, objects, free-form JSON, configured types): decoded from
    /// the JSON text when first needed.
    Json(String),
}

/// How a default can be written for a type.
enum Literal {
    Expr(TokenStream),
    /// No Rust literal for this type: decode the JSON text instead.
    Decoded,
    /// The value cannot be of this type (`"abc"` for an integer): the field has no default.
    Mismatch,
}

/// `value` as a Rust expression of type `ty`.
fn literal(api: &Api, ty: &TypeRef, value: &serde_json::Value, depth: usize) -> Literal {
    use swagger2rs_parser::ir::{IntegerFormat, NumberFormat, Primitive, StringFormat};
    let expr = |tokens: TokenStream| Literal::Expr(tokens);
    let fits = |ok: Option<TokenStream>| ok.map_or(Literal::Mismatch, Literal::Expr);
    if depth > 32 {
        return Literal::Decoded;
    }
    match ty {
        TypeRef::Primitive(Primitive::String(StringFormat::Byte | StringFormat::Date | StringFormat::DateTime)) => {
            if value.is_string() {
                Literal::Decoded
            } else {
                Literal::Mismatch
            }
        }
        TypeRef::Primitive(Primitive::String(_)) => fits(value.as_str().map(|text| quote!(#text.to_owned()))),
        TypeRef::Primitive(Primitive::Boolean) => fits(value.as_bool().map(|b| quote!(#b))),
        TypeRef::Primitive(Primitive::Integer(format)) => {
            let n = value.as_i64();
            fits(
                match format {
                    IntegerFormat::Int32 => {
                        n.and_then(|n| i32::try_from(n).ok()).map(proc_macro2::Literal::i32_unsuffixed)
                    }
                    IntegerFormat::Int64 | IntegerFormat::Unspecified => n.map(proc_macro2::Literal::i64_unsuffixed),
                }
                .map(|lit| quote!(#lit)),
            )
        }
        TypeRef::Primitive(Primitive::Number(format)) => fits(value.as_f64().map(|x| match format {
            #[allow(clippy::cast_possible_truncation)]
            NumberFormat::Float => {
                let lit = proc_macro2::Literal::f32_unsuffixed(x as f32);
                quote!(#lit)
            }
            NumberFormat::Double | NumberFormat::Unspecified => {
                let lit = proc_macro2::Literal::f64_unsuffixed(x);
                quote!(#lit)
            }
        })),
        TypeRef::Nullable(inner) => {
            if value.is_null() {
                return expr(quote!(None));
            }
            match literal(api, inner, value, depth + 1) {
                Literal::Expr(e) => expr(quote!(Some(#e))),
                other => other,
            }
        }
        TypeRef::Array(inner) => {
            let Some(items) = value.as_array() else { return Literal::Mismatch };
            let mut exprs = Vec::new();
            for item in items {
                match literal(api, inner, item, depth + 1) {
                    Literal::Expr(e) => exprs.push(e),
                    other => return other,
                }
            }
            expr(quote!(vec![#(#exprs),*]))
        }
        TypeRef::Named(id) => {
            let def = api.type_def(*id);
            let name = ident(&def.name);
            match &def.kind {
                TypeKind::Alias(target) => literal(api, target, value, depth + 1),
                // `Tree(Vec<Tree>)`: decoded through its transparent serde impl.
                TypeKind::Newtype(_) => Literal::Decoded,
                TypeKind::Enum(e) => {
                    if let Some(v) = e.variants.iter().find(|v| v.value == *value) {
                        let variant = ident(&v.name);
                        return expr(quote!(#name::#variant));
                    }
                    let other = match e.repr {
                        EnumRepr::String => value.as_str().map(|text| quote!(#text.to_owned())),
                        EnumRepr::Integer => value.as_i64().map(|n| {
                            let lit = proc_macro2::Literal::i64_unsuffixed(n);
                            quote!(#lit)
                        }),
                        EnumRepr::Number => value.as_f64().map(|x| {
                            let lit = proc_macro2::Literal::f64_unsuffixed(x);
                            quote!(#lit)
                        }),
                    };
                    let fallback = fallback_variant();
                    fits(other.map(|inner| quote!(#name::#fallback(#inner))))
                }
                TypeKind::Struct(_) => {
                    if value.is_object() {
                        Literal::Decoded
                    } else {
                        Literal::Mismatch
                    }
                }
            }
        }
        TypeRef::Map(_) => {
            if value.is_object() {
                Literal::Decoded
            } else {
                Literal::Mismatch
            }
        }
        TypeRef::Any | TypeRef::External(_) => Literal::Decoded,
        TypeRef::File => Literal::Mismatch,
    }
}

pub(crate) fn default_fn_name(f: &Field) -> proc_macro2::Ident {
    format_ident!("default_{}", f.name.as_str().trim_start_matches('_'))
}

/// `fn default_limit() -> Option<i32> { Some(10) }`: what an absent field reads as, for serde's
/// `default = "…"`; `Option<Option<T>>` for a nullable field (absent is the default, `null` stays `None`).
/// Types with no Rust literal decode the JSON text instead (a value that does not fit reads as absent).
fn default_fn(api: &Api, f: &Field) -> Option<TokenStream> {
    let default = field_default(api, f)?;
    let json = f.default.as_ref()?.to_string();
    let function = default_fn_name(f);
    let mut ty = type_tokens(api, &f.ty, Scope::Types);
    if f.needs_indirection {
        ty = quote!(Box<#ty>);
    }
    let value = match default {
        FieldDefault::Literal(expr) if f.needs_indirection => quote!(Some(Box::new(#expr))),
        FieldDefault::Literal(expr) => quote!(Some(#expr)),
        FieldDefault::Json(json) => quote!(serde_json::from_str(#json).ok()),
    };
    let (ty, value) =
        if f.nullable { (quote!(Option<Option<#ty>>), quote!(Some(#value))) } else { (quote!(Option<#ty>), value) };
    let doc = format!(" The spec's default for `{}`: `{}`.", f.wire_name.replace('`', "'"), json.replace('`', "'"));
    Some(quote! {
        #[doc = #doc]
        fn #function() -> #ty {
            #value
        }
    })
}

/// The Rust type of `f` as declared: its value type (boxed when it holds its owner), wrapped in `Option` once
/// per way it may be missing.
pub(crate) fn declared_type(api: &Api, f: &Field) -> TokenStream {
    let mut ty = type_tokens(api, &f.ty, Scope::Types);
    if f.needs_indirection {
        ty = quote!(Box<#ty>);
    }
    match f.presence() {
        Presence::Required => ty,
        Presence::RequiredNullable | Presence::Optional => quote!(Option<#ty>),
        Presence::OptionalNullable => quote!(Option<Option<#ty>>),
    }
}

/// An open enum: known values as variants, anything else a server sends kept in `Other` and sent back unchanged.
///
/// ```text
/// pub enum PetStatus { Available, Sold, Other(String) }
/// impl PetStatus { pub fn as_str(&self) -> &str { … } }
/// impl Serialize / Deserialize / Display / ParamValue for PetStatus
/// ```
fn enum_item(def: &TypeDef, e: &Enum, docs: TokenStream, extra: ModelAttributes, has_default: bool) -> TokenStream {
    let fallback = fallback_variant();
    let name = ident(&def.name);
    let variants: Vec<_> = e
        .variants
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let docs = doc_attrs([v.description.as_deref()]);
            let docs = if docs.is_empty() {
                plain_doc_attrs(&format!("`{}`", v.value.to_string().replace('`', "'")))
            } else {
                docs
            };
            let variant = ident(&v.name);
            // The spec's `default`, for the `Default` derive `derives.rs` adds.
            let default = (has_default && e.default == Some(i)).then(|| quote!(#[default]));
            quote! { #docs #default #variant, }
        })
        .collect();
    let (other_ty, derives) = match e.repr {
        EnumRepr::String => (quote!(String), quote!(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)),
        EnumRepr::Integer => (quote!(i64), quote!(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)),
        EnumRepr::Number => (quote!(f64), quote!(Clone, Copy, Debug, PartialEq, PartialOrd)),
    };
    let conversions = match e.repr {
        EnumRepr::String => string_enum_impls(def, e),
        EnumRepr::Integer => number_enum_impls(def, e),
        EnumRepr::Number => number_enum_impls(def, e),
    };
    let ModelAttributes { derives: added, attributes } = extra;
    quote! {
        #docs
        #[derive(#derives #(, #added)*)]
        #(#attributes)*
        #[allow(clippy::enum_variant_names)]
        pub enum #name {
            #(#variants)*
            #[doc = " A value the spec does not list, kept as received so it is sent back unchanged."]
            #fallback(#other_ty),
        }
        #conversions
    }
}

/// The open enums' and discriminated unions' last variant, which the spec's variants yield to
/// ([`swagger2rs_parser::naming::RESERVED_VARIANTS`]).
fn fallback_variant() -> proc_macro2::Ident {
    format_ident!("{}", FALLBACK_VARIANT)
}

fn string_enum_impls(def: &TypeDef, e: &Enum) -> TokenStream {
    let fallback = fallback_variant();
    let name = ident(&def.name);
    let (variants, values): (Vec<_>, Vec<_>) =
        e.variants.iter().map(|v| (ident(&v.name), v.value.as_str().unwrap_or_default().to_owned())).unzip();
    quote! {
        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::#fallback(value) => value.as_str(),
                }
            }
        }
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::#fallback(other.to_owned()),
                }
            }
        }
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
        impl crate::runtime::ParamValue for #name {
            fn to_param(&self) -> String {
                self.as_str().to_owned()
            }
        }
    }
}

/// `value()`, `From`, `Display`, serde and `ParamValue` for an integer (`i64`) or number (`f64`) enum.
fn number_enum_impls(def: &TypeDef, e: &Enum) -> TokenStream {
    let fallback = fallback_variant();
    let float = e.repr == EnumRepr::Number;
    let (repr, serialize) = if float {
        (quote!(f64), format_ident!("serialize_f64"))
    } else {
        (quote!(i64), format_ident!("serialize_i64"))
    };
    let name = ident(&def.name);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let literals: Vec<TokenStream> = e
        .variants
        .iter()
        .map(|v| {
            let text = v.value.to_string();
            let text = if float && !text.contains(['.', 'e', 'E']) { format!("{text}.0") } else { text };
            text.parse().unwrap_or_else(|_| quote!(0))
        })
        .collect();
    quote! {
        impl #name {
            /// The value as sent on the wire.
            pub fn value(&self) -> #repr {
                match self {
                    #(Self::#variants => #literals,)*
                    Self::#fallback(value) => *value,
                }
            }
        }
        impl From<#repr> for #name {
            fn from(value: #repr) -> Self {
                #(if value == #literals { return Self::#variants; })*
                Self::#fallback(value)
            }
        }
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.value(), f)
            }
        }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.#serialize(self.value())
            }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <#repr as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value))
            }
        }
        impl crate::runtime::ParamValue for #name {
            fn to_param(&self) -> String {
                self.value().to_string()
            }
        }
    }
}

/// A discriminated base and its `allOf` children as one enum, chosen by the tag property; a tag the spec
/// does not list keeps the whole object in `Other`, so it round-trips unchanged.
///
/// ```text
/// pub enum Pet { Cat(Cat), Dog(Dog), Other(serde_json::Value) }
/// impl Serialize for Pet { … the child as is … }
/// impl Deserialize for Pet { … by `value["petType"]` … }
/// ```
fn discriminated_item(
    api: &Api,
    def: &TypeDef,
    d: &Discriminator,
    docs: TokenStream,
    extra: ModelAttributes,
) -> TokenStream {
    let fallback = fallback_variant();
    let name = ident(&def.name);
    let property = &d.property;
    let mut seen_tags = Vec::new();
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let mut serialize_arms = Vec::new();
    let mut tag_arms = Vec::new();
    let names = union_variant_names(d.mapping.iter().map(|(_, child)| &api.type_def(*child).name));
    for ((tag, child), variant) in d.mapping.iter().zip(&names) {
        if seen_tags.contains(&tag) {
            continue;
        }
        seen_tags.push(tag);
        let variant = ident(variant);
        let child_ty = type_tokens(api, &swagger2rs_parser::ir::TypeRef::Named(*child), Scope::Types);
        let boxed = d.indirect_children.contains(child);
        let stored = if boxed { quote!(Box<#child_ty>) } else { child_ty };
        let doc = format!(" `{property}: {tag}`");
        variants.push(quote! { #[doc = #doc] #variant(#stored), });
        let wrap = if boxed { quote!(|child| Self::#variant(Box::new(child))) } else { quote!(Self::#variant) };
        arms.push(quote! {
            Some(#tag) => serde_json::from_value(value).map(#wrap).map_err(serde::de::Error::custom),
        });
        serialize_arms.push(quote! { Self::#variant(value) => serde::Serialize::serialize(value, serializer), });
        tag_arms.push(quote! { Self::#variant(_) => Some(#tag), });
    }
    let other_doc = format!(" An object whose `{property}` names no known variant, kept whole.");
    let ModelAttributes { derives, attributes } = extra;
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq #(, #derives)*)]
        #(#attributes)*
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            #[doc = #other_doc]
            #fallback(serde_json::Value),
        }
        impl #name {
            /// The value of the tag property that selected this variant.
            pub fn tag(&self) -> Option<&str> {
                match self {
                    #(#tag_arms)*
                    Self::#fallback(value) => value.get(#property).and_then(serde_json::Value::as_str),
                }
            }
        }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms)*
                    Self::#fallback(value) => serde::Serialize::serialize(value, serializer),
                }
            }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                match value.get(#property).and_then(serde_json::Value::as_str) {
                    #(#arms)*
                    _ => Ok(Self::#fallback(value)),
                }
            }
        }
    }
}

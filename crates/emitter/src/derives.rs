//! Extra derives for every model (`[types] derives` in `swagger2rs.toml`), decided per type so that a derive a
//! type cannot have is left out with a note in its docs instead of failing to compile.
//!
//! A derive applies to a type when every value the type holds implements the trait. For the traits rustc
//! knows (`Eq`, `Hash`, `PartialOrd`, `Ord`, `Default`, `Copy`) the leaf types are known exactly (`f64` is not
//! `Eq`, `String` is not `Copy`, …). For any other derive (`schemars::JsonSchema`) nothing is known about
//! foreign types, so it applies only to types built from std types and generated types that get it too: a
//! field of a runtime, chrono, `bytes`, `serde_json` or configured external type rules it out. Recursive types
//! are decided as the greatest fixed point: a type gets a derive unless something it holds rules it out.

use swagger2rs_parser::ir::{
    Api, EnumRepr, IntegerFormat, NumberFormat, Primitive, StringFormat, TypeDef, TypeKind, TypeRef,
};

/// A configured derive, classified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Derive {
    /// The path as configured (`Eq`, `schemars::JsonSchema`), validated as a Rust path by the configuration.
    pub path: String,
    pub kind: TraitKind,
}

/// What the emitter knows about a derived trait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TraitKind {
    /// Already implemented by every generated model (`Clone`, `Debug`, `PartialEq`, serde's traits).
    Implemented,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Copy,
    /// A derive from another crate.
    Foreign,
}

impl Derive {
    pub fn new(path: &str) -> Self {
        let compact: String = path.chars().filter(|c| !c.is_whitespace()).collect();
        let segments: Vec<&str> = compact.split("::").filter(|s| !s.is_empty()).collect();
        let name = segments.last().copied().unwrap_or_default();
        let std_path = segments.len() == 1 || matches!(segments.first(), Some(&("std" | "core")));
        let serde_path = segments.len() == 1 || segments.first() == Some(&"serde");
        let kind = match name {
            "Clone" | "Debug" | "PartialEq" if std_path => TraitKind::Implemented,
            "Serialize" | "Deserialize" if serde_path => TraitKind::Implemented,
            "Eq" if std_path => TraitKind::Eq,
            "Hash" if std_path => TraitKind::Hash,
            "PartialOrd" if std_path => TraitKind::PartialOrd,
            "Ord" if std_path => TraitKind::Ord,
            "Default" if std_path => TraitKind::Default,
            "Copy" if std_path => TraitKind::Copy,
            _ => TraitKind::Foreign,
        };
        Self { path: compact, kind }
    }
}

/// Which configured derives each type gets.
pub struct Derives {
    requested: Vec<Derive>,
    /// `applies[type][derive]`, by [`TypeId`](swagger2rs_parser::ir::TypeId) index and position in `requested`.
    applies: Vec<Vec<bool>>,
}

/// A derive that does not apply to a type, and the first held type that rules it out (for the docs).
pub struct Skipped<'d> {
    pub derive: &'d Derive,
    pub reason: String,
}

impl Derives {
    pub fn new(api: &Api, configured: &[String]) -> Self {
        let mut requested: Vec<Derive> = Vec::new();
        for derive in configured.iter().map(|d| Derive::new(d)) {
            if !requested.contains(&derive) {
                requested.push(derive);
            }
        }
        let mut applies: Vec<Vec<bool>> =
            api.types.iter().map(|def| requested.iter().map(|d| can_derive(def, d.kind)).collect()).collect();
        // Greatest fixed point: each pass rules out what a held type no longer supports; every pass that
        // changes something clears at least one entry, so this ends.
        loop {
            let mut changed = false;
            for (t, def) in api.types.iter().enumerate() {
                for (d, derive) in requested.iter().enumerate() {
                    if applies[t][d] && first_unsupported(api, def, derive.kind, d, &applies).is_some() {
                        applies[t][d] = false;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        Self { requested, applies }
    }

    /// The derives to add to `def`'s own list: those that apply and that the type does not already implement.
    pub fn added(&self, api: &Api, def: &TypeDef) -> Vec<&Derive> {
        self.requested
            .iter()
            .enumerate()
            .filter(|(d, derive)| self.applies[def.id.0][*d] && !already_implemented(def, derive.kind))
            .map(|(_, derive)| derive)
            .filter(|_| !matches!(api.type_def(def.id).kind, TypeKind::Alias(_)))
            .collect()
    }

    /// The derives left out of `def`, with why.
    pub fn skipped<'d>(&'d self, api: &Api, def: &TypeDef) -> Vec<Skipped<'d>> {
        if matches!(def.kind, TypeKind::Alias(_)) {
            return Vec::new();
        }
        self.requested
            .iter()
            .enumerate()
            .filter(|(d, _)| !self.applies[def.id.0][*d])
            .map(|(d, derive)| {
                let reason = if !can_derive(def, derive.kind) {
                    match &def.kind {
                        TypeKind::Enum(_) if derive.kind == TraitKind::Default => {
                            "the spec gives this enum no default value".to_owned()
                        }
                        TypeKind::Enum(e) if e.repr == EnumRepr::String && derive.kind == TraitKind::Copy => {
                            "values the spec does not list are kept as a `String`".to_owned()
                        }
                        TypeKind::Enum(_) => "its values are `f64`".to_owned(),
                        _ => "objects with a tag the spec does not list are kept as `serde_json::Value`".to_owned(),
                    }
                } else {
                    let held = first_unsupported(api, def, derive.kind, d, &self.applies);
                    format!("it holds `{}`, which does not implement it", held.unwrap_or_default())
                };
                Skipped { derive, reason }
            })
            .collect()
    }
}

/// Whether the type's own shape allows the derive at all (before looking at what it holds).
fn can_derive(def: &TypeDef, kind: TraitKind) -> bool {
    match &def.kind {
        TypeKind::Alias(_) => false,
        TypeKind::Struct(s) if s.discriminator.as_ref().is_some_and(|d| !d.mapping.is_empty()) => {
            // `Other(serde_json::Value)` keeps unknown tags; a derived `Default` needs a `#[default]` variant.
            matches!(kind, TraitKind::Implemented | TraitKind::Eq | TraitKind::Hash)
        }
        TypeKind::Struct(_) => true,
        TypeKind::Enum(e) => match kind {
            // A derived `Default` needs a `#[default]` variant, and the spec names none.
            TraitKind::Default => false,
            TraitKind::Copy => e.repr != EnumRepr::String,
            TraitKind::Eq | TraitKind::Hash | TraitKind::Ord => e.repr != EnumRepr::Number,
            TraitKind::Implemented | TraitKind::PartialOrd | TraitKind::Foreign => true,
        },
    }
}

/// What the generated item already derives or implements by hand.
fn already_implemented(def: &TypeDef, kind: TraitKind) -> bool {
    match (&def.kind, kind) {
        (_, TraitKind::Implemented) => true,
        (TypeKind::Enum(e), _) => match e.repr {
            EnumRepr::String => {
                matches!(kind, TraitKind::Eq | TraitKind::Hash | TraitKind::PartialOrd | TraitKind::Ord)
            }
            EnumRepr::Integer => matches!(
                kind,
                TraitKind::Eq | TraitKind::Hash | TraitKind::PartialOrd | TraitKind::Ord | TraitKind::Copy
            ),
            EnumRepr::Number => matches!(kind, TraitKind::PartialOrd | TraitKind::Copy),
        },
        _ => false,
    }
}

/// The first type `def` holds that does not support the derive (as Rust spells it), if any.
fn first_unsupported(api: &Api, def: &TypeDef, kind: TraitKind, d: usize, applies: &[Vec<bool>]) -> Option<String> {
    let supports = |ty: &TypeRef| supports(api, ty, kind, d, applies);
    match &def.kind {
        TypeKind::Alias(_) => None,
        // `Other(String)`, `Other(i64)`, `Other(f64)`: std types, and `can_derive` rules out what they lack.
        TypeKind::Enum(_) => None,
        TypeKind::Struct(s) => {
            if let Some(d) = s.discriminator.as_ref().filter(|d| !d.mapping.is_empty()) {
                let child = d.mapping.iter().map(|(_, id)| TypeRef::Named(*id)).find(|ty| !supports(ty));
                return child
                    .map(|ty| describe(api, &ty))
                    .or_else(|| (!supports(&TypeRef::Any)).then(|| "serde_json::Value".to_owned()));
            }
            let boxed_copy = kind == TraitKind::Copy && s.fields.iter().any(|f| f.needs_indirection);
            if boxed_copy {
                return Some("Box<_>".to_owned());
            }
            // An optional (or nullable) field is an `Option`, which is `Default` whatever it holds.
            let in_option = |f: &&swagger2rs_parser::ir::Field| !f.required || f.read_only || f.nullable;
            let fields = s.fields.iter().filter(|f| kind != TraitKind::Default || !in_option(f)).map(|f| &f.ty);
            let mut held = fields.chain(s.additional_properties.iter().map(|a| &a.ty));
            let unsupported = held.find(|ty| !supports(ty)).map(|ty| describe(api, ty));
            let map_copy = kind == TraitKind::Copy && s.additional_properties.is_some();
            unsupported.or_else(|| map_copy.then(|| "BTreeMap<String, _>".to_owned()))
        }
    }
}

/// Whether a held type (a field, an item, a map value) implements the trait: `Option` and `Box` around it change
/// nothing except that `Option` is always `Default`.
fn supports(api: &Api, ty: &TypeRef, kind: TraitKind, d: usize, applies: &[Vec<bool>]) -> bool {
    let mut ty = ty;
    // Bounded: alias cycles must not hang the walk (they are reported by the parser).
    for _ in 0..64 {
        match ty {
            TypeRef::Primitive(p) => return primitive_supports(p, kind),
            TypeRef::Named(id) => match &api.type_def(*id).kind {
                TypeKind::Alias(target) => ty = target,
                _ => return applies[id.0][d],
            },
            TypeRef::Array(inner) | TypeRef::Map(inner) => match kind {
                TraitKind::Copy => return false,
                TraitKind::Default => return true,
                _ => ty = inner,
            },
            // serde_json::Value
            TypeRef::Any => {
                return matches!(kind, TraitKind::Implemented | TraitKind::Eq | TraitKind::Hash | TraitKind::Default);
            }
            // bytes::Bytes
            TypeRef::File => return !matches!(kind, TraitKind::Copy | TraitKind::Foreign),
            // A configured type: nothing is known about it.
            TypeRef::External(_) => return kind == TraitKind::Implemented,
        }
    }
    false
}

fn primitive_supports(p: &Primitive, kind: TraitKind) -> bool {
    match p {
        // `runtime::Base64`: everything but `Copy`; a foreign derive knows nothing of it.
        Primitive::String(StringFormat::Byte) => !matches!(kind, TraitKind::Copy | TraitKind::Foreign),
        // chrono's types: `Copy` and ordered, but a foreign derive may not cover them.
        Primitive::String(StringFormat::Date | StringFormat::DateTime) => kind != TraitKind::Foreign,
        Primitive::String(_) => kind != TraitKind::Copy,
        Primitive::Integer(IntegerFormat::Int32 | IntegerFormat::Int64 | IntegerFormat::Unspecified) => true,
        Primitive::Number(NumberFormat::Float | NumberFormat::Double | NumberFormat::Unspecified) => {
            !matches!(kind, TraitKind::Eq | TraitKind::Hash | TraitKind::Ord)
        }
        Primitive::Boolean => true,
    }
}

/// A held type as the docs name it (text only: nothing is decided on it).
fn describe(api: &Api, ty: &TypeRef) -> String {
    let printed = crate::rust_type::type_tokens(api, ty, crate::rust_type::Scope::Types).to_string();
    printed.split_whitespace().collect::<String>().replace(',', ", ")
}

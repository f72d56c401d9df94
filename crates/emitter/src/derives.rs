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
    /// `Default` as every model gets it unasked: like [`Default`](TraitKind::Default), except that a required
    /// date is not a natural default (an epoch timestamp sent by mistake would be silently wrong).
    NaturalDefault,
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
    /// Where `Default` is in `requested`: configured, or added by [`Derives::new`] for every model that can
    /// have it, so it is decided (and derived) once either way.
    default: usize,
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
            // `Hash` and `std::hash::Hash` are one trait: deriving it twice would not compile.
            let same = |r: &Derive| r.path == derive.path || (r.kind == derive.kind && r.kind != TraitKind::Foreign);
            if !requested.iter().any(same) {
                requested.push(derive);
            }
        }
        // `Ord` needs `Eq` and `PartialOrd`: asking for it asks for them, as rustc would otherwise refuse it.
        if requested.iter().any(|d| d.kind == TraitKind::Ord) {
            for (path, kind) in [("Eq", TraitKind::Eq), ("PartialOrd", TraitKind::PartialOrd)] {
                if !requested.iter().any(|d| d.kind == kind) {
                    requested.push(Derive { path: path.to_owned(), kind });
                }
            }
        }
        let default = match requested.iter().position(|d| d.kind == TraitKind::Default) {
            Some(configured) => configured,
            None => {
                requested.push(Derive { path: "Default".to_owned(), kind: TraitKind::NaturalDefault });
                requested.len() - 1
            }
        };
        let mut applies: Vec<Vec<bool>> =
            api.types.iter().map(|def| requested.iter().map(|d| can_derive(def, d.kind)).collect()).collect();
        // Greatest fixed point: each pass rules out what a held type no longer supports; every pass that
        // changes something clears at least one entry, so this ends.
        loop {
            let mut changed = false;
            for (t, def) in api.types.iter().enumerate() {
                for (d, derive) in requested.iter().enumerate() {
                    let unsupported = first_unsupported(api, def, derive.kind, d, &applies).is_some()
                        || (derive.kind == TraitKind::Ord && !supertraits_apply(&requested, &applies[t]));
                    if applies[t][d] && unsupported {
                        applies[t][d] = false;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        Self { requested, default, applies }
    }

    /// Whether `def` derives `Default` (configured or not), so `..Default::default()` works on it.
    pub fn has_default(&self, def: &TypeDef) -> bool {
        !matches!(def.kind, TypeKind::Alias(_)) && self.applies[def.id.0][self.default]
    }

    /// The derives to add to `def`'s own list: those that apply and that the type does not already implement.
    pub fn added(&self, def: &TypeDef) -> Vec<&Derive> {
        self.requested
            .iter()
            .enumerate()
            .filter(|(d, derive)| self.applies[def.id.0][*d] && !already_implemented(def, derive.kind))
            .map(|(_, derive)| derive)
            .filter(|_| !matches!(def.kind, TypeKind::Alias(_)))
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
            .filter(|(d, derive)| !self.applies[def.id.0][*d] && derive.kind != TraitKind::NaturalDefault)
            .map(|(d, derive)| {
                let reason = match own_obstacle(def, derive.kind) {
                    Some(obstacle) => obstacle.to_owned(),
                    None if derive.kind == TraitKind::Ord
                        && !supertraits_apply(&self.requested, &self.applies[def.id.0]) =>
                    {
                        "it is not both `Eq` and `PartialOrd`".to_owned()
                    }
                    None => {
                        let held = first_unsupported(api, def, derive.kind, d, &self.applies);
                        format!("it holds `{}`", held.unwrap_or_default())
                    }
                };
                Skipped { derive, reason }
            })
            .collect()
    }
}

/// Whether a type that may derive `Ord` also derives `Eq` and `PartialOrd`, given which requested derives apply
/// to it (both are requested whenever `Ord` is).
fn supertraits_apply(requested: &[Derive], applies: &[bool]) -> bool {
    [TraitKind::Eq, TraitKind::PartialOrd]
        .iter()
        .all(|kind| requested.iter().zip(applies).any(|(d, applies)| d.kind == *kind && *applies))
}

/// Whether the type's own shape allows the derive at all (before looking at what it holds).
fn can_derive(def: &TypeDef, kind: TraitKind) -> bool {
    own_obstacle(def, kind).is_none()
}

/// Why the type's own shape rules the derive out, if it does.
fn own_obstacle(def: &TypeDef, kind: TraitKind) -> Option<&'static str> {
    const HAND_WRITTEN: &str = "its serde impls are written by hand, which a derive cannot see";
    match &def.kind {
        TypeKind::Alias(_) => Some("it is an alias"),
        TypeKind::Struct(s) if s.discriminator.as_ref().is_some_and(|d| !d.mapping.is_empty()) => match kind {
            TraitKind::Implemented | TraitKind::Eq | TraitKind::Hash => None,
            TraitKind::Foreign => Some(HAND_WRITTEN),
            TraitKind::Default | TraitKind::NaturalDefault => Some("a derived `Default` needs a variant to default to"),
            _ => Some("objects with a tag the spec does not list are kept as `serde_json::Value`"),
        },
        TypeKind::Struct(_) | TypeKind::Newtype(_) => None,
        TypeKind::Enum(e) => match kind {
            TraitKind::Default | TraitKind::NaturalDefault if e.default.is_none() => {
                Some("the spec gives this enum no default value")
            }
            TraitKind::Foreign => Some(HAND_WRITTEN),
            TraitKind::Copy if e.repr == EnumRepr::String => {
                Some("values the spec does not list are kept as a `String`")
            }
            TraitKind::Eq | TraitKind::Hash | TraitKind::Ord if e.repr == EnumRepr::Number => {
                Some("its values are `f64`")
            }
            _ => None,
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
        TypeKind::Newtype(inner) => (!supports(inner)).then(|| describe(api, inner)),
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
            let fields = s.fields.iter().filter(|f| !is_default(kind) || !in_option(f)).map(|f| &f.ty);
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
            // `Option<T>`: `Default` whatever `T` is, the rest as `T`.
            TypeRef::Nullable(inner) => match kind {
                TraitKind::Default => return true,
                _ => ty = inner,
            },
            TypeRef::Array(inner) | TypeRef::Map(inner) => match kind {
                TraitKind::Copy => return false,
                TraitKind::Default | TraitKind::NaturalDefault => return true,
                _ => ty = inner,
            },
            // serde_json::Value
            TypeRef::Any => {
                return matches!(kind, TraitKind::Implemented | TraitKind::Eq | TraitKind::Hash) || is_default(kind);
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
        Primitive::String(StringFormat::Date | StringFormat::DateTime) => {
            !matches!(kind, TraitKind::Foreign | TraitKind::NaturalDefault)
        }
        Primitive::String(_) => kind != TraitKind::Copy,
        Primitive::Integer(IntegerFormat::Int32 | IntegerFormat::Int64 | IntegerFormat::Unspecified) => true,
        Primitive::Number(NumberFormat::Float | NumberFormat::Double | NumberFormat::Unspecified) => {
            !matches!(kind, TraitKind::Eq | TraitKind::Hash | TraitKind::Ord)
        }
        Primitive::Boolean => true,
    }
}

fn is_default(kind: TraitKind) -> bool {
    matches!(kind, TraitKind::Default | TraitKind::NaturalDefault)
}

/// A held type as the docs name it (text only: nothing is decided on it).
fn describe(api: &Api, ty: &TypeRef) -> String {
    let printed = crate::rust_type::type_tokens(api, ty, crate::rust_type::Scope::Types).to_string();
    printed.split_whitespace().collect::<String>().replace(',', ", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The configured derives each named type gets, for a spec whose definitions are given in YAML.
    fn derived(definitions: &str, configured: &[&str]) -> Vec<(String, Vec<String>)> {
        let spec =
            format!("swagger: '2.0'\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ndefinitions:\n{definitions}");
        let api = swagger2rs_parser::load_str("s.yaml", spec).api.unwrap();
        let configured: Vec<String> = configured.iter().map(|d| (*d).to_owned()).collect();
        let derives = Derives::new(&api, &configured);
        api.types
            .iter()
            .map(|def| (def.name.to_string(), derives.added(def).iter().map(|d| d.path.clone()).collect()))
            .collect()
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn known_derives_follow_what_a_type_holds() {
        let definitions = "  Plain: {type: object, required: [n], properties: {n: {type: integer}, s: {type: string}}}\n  \
                           Float: {type: object, properties: {x: {type: number}}}\n  \
                           Holder: {type: object, required: [p], properties: {p: {$ref: '#/definitions/Float'}}}\n  \
                           Free: {type: object, required: [v], properties: {v: {}}}\n  \
                           When: {type: object, required: [at], properties: {at: {type: string, format: date-time}}}\n";
        let all = ["Eq", "Hash", "Ord", "Default", "Copy", "std::hash::Hash"];
        assert_eq!(
            derived(definitions, &all),
            [
                // `s` is a `String`: no `Copy`.
                // `Ord` brings `PartialOrd`, which it needs.
                ("Plain".to_owned(), names(&["Eq", "Hash", "Ord", "Default", "PartialOrd"])),
                // `Option<f64>`: `Copy`, `Default` and `PartialOrd`, but not `Eq`.
                ("Float".to_owned(), names(&["Default", "Copy", "PartialOrd"])),
                // Holds a required `Float`, so it has what `Float` has.
                ("Holder".to_owned(), names(&["Default", "Copy", "PartialOrd"])),
                // `serde_json::Value` is `Eq` and `Hash` but not ordered.
                ("Free".to_owned(), names(&["Eq", "Hash", "Default"])),
                // chrono's `DateTime<FixedOffset>` is `Copy`, ordered and `Default`.
                ("When".to_owned(), names(&["Eq", "Hash", "Ord", "Default", "Copy", "PartialOrd"])),
            ]
        );
    }

    /// Found by the compile oracle: `derives = ["Hash", "Ord"]` derived `Ord` alone, which rustc refuses
    /// (`Ord: Eq + PartialOrd`), also on an empty struct and on one holding a map of itself.
    #[test]
    fn ord_alone_brings_eq_and_partial_ord() {
        let definitions = "  Empty: {type: object, properties: {}, additionalProperties: false}\n  \
                           Server: {type: object, properties: {n: {type: integer}}, additionalProperties: {$ref: '#/definitions/Server'}}\n  \
                           Float: {type: object, properties: {x: {type: number}}}\n";
        assert_eq!(
            derived(definitions, &["Hash", "Ord"]),
            [
                ("Empty".to_owned(), names(&["Hash", "Ord", "Eq", "PartialOrd", "Default"])),
                ("Server".to_owned(), names(&["Hash", "Ord", "Eq", "PartialOrd", "Default"])),
                // Not `Eq`, so not `Ord` either.
                ("Float".to_owned(), names(&["PartialOrd", "Default"])),
            ]
        );
    }

    #[test]
    fn foreign_derives_need_std_or_generated_types_and_skip_hand_written_serde() {
        let definitions = "  A: {type: object, properties: {b: {$ref: '#/definitions/B'}, n: {type: number}}}\n  \
                           B: {type: object, properties: {tags: {type: array, items: {type: string}}}}\n  \
                           C: {type: object, properties: {raw: {type: string, format: byte}}}\n  \
                           D: {type: object, properties: {e: {$ref: '#/definitions/E'}}}\n  \
                           E: {type: string, enum: [x, y]}\n";
        let got = derived(definitions, &["schemars::JsonSchema", "Clone"]);
        let expected = [
            // Every model that can have `Default` gets it unasked.
            ("A".to_owned(), names(&["schemars::JsonSchema", "Default"])),
            ("B".to_owned(), names(&["schemars::JsonSchema", "Default"])),
            ("C".to_owned(), names(&["Default"])),
            ("D".to_owned(), names(&["Default"])),
            ("E".to_owned(), names(&[])),
        ];
        assert_eq!(got, expected, "`Clone` is already derived and never added twice");
    }

    #[test]
    fn recursive_types_get_a_derive_unless_something_rules_it_out() {
        let definitions = "  Node: {type: object, properties: {next: {$ref: '#/definitions/Node'}, v: {type: integer}}}\n  \
                           Bad: {type: object, properties: {next: {$ref: '#/definitions/Bad'}, v: {type: number}}}\n";
        assert_eq!(
            derived(definitions, &["Eq", "Copy"]),
            [("Node".to_owned(), names(&["Eq", "Default"])), ("Bad".to_owned(), names(&["Default"]))],
            "a boxed self-reference is never `Copy`"
        );
    }

    #[test]
    fn default_is_automatic_decided_once_and_needs_natural_defaults() {
        let definitions = "  Opt: {type: object, properties: {at: {type: string, format: date-time}}}\n  \
                           Req: {type: object, required: [n, s, tags], properties: {n: {type: integer}, s: {type: string}, tags: {type: array, items: {type: string}}}}\n  \
                           Dated: {type: object, required: [at], properties: {at: {type: string, format: date-time}}}\n  \
                           Tagged: {type: object, required: [e], properties: {e: {$ref: '#/definitions/E'}}}\n  \
                           WithDefault: {type: object, required: [d], properties: {d: {$ref: '#/definitions/D'}}}\n  \
                           E: {type: string, enum: [x, y]}\n  \
                           D: {type: string, enum: [x, y], default: y}\n";
        let automatic = [
            // Optional fields are `Option`s, whatever they hold.
            ("Opt".to_owned(), names(&["Default"])),
            // Required strings, numbers and collections have natural defaults.
            ("Req".to_owned(), names(&["Default"])),
            // A required date has none (an epoch timestamp sent by mistake would be silently wrong)...
            ("Dated".to_owned(), names(&[])),
            // ... nor a required enum the spec gives no default.
            ("Tagged".to_owned(), names(&[])),
            ("WithDefault".to_owned(), names(&["Default"])),
            ("E".to_owned(), names(&[])),
            ("D".to_owned(), names(&["Default"])),
        ];
        assert_eq!(derived(definitions, &[]), automatic);
        // Configured, `Default` is the one entry (never derived twice), with Rust's own rule: dates included.
        let configured = derived(definitions, &["Default", "std::default::Default"]);
        assert_eq!(configured[2], ("Dated".to_owned(), names(&["Default"])));
        assert_eq!(configured.iter().filter(|(_, d)| d.len() > 1).count(), 0);
    }

    #[test]
    fn enums_keep_their_own_derives_and_explain_the_rest() {
        let definitions =
            "  S: {type: string, enum: [a]}\n  I: {type: integer, enum: [1]}\n  F: {type: number, enum: [1.5]}\n";
        let spec =
            format!("swagger: '2.0'\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ndefinitions:\n{definitions}");
        let api = swagger2rs_parser::load_str("s.yaml", spec).api.unwrap();
        let configured = names(&["Eq", "Copy", "Default"]);
        let derives = Derives::new(&api, &configured);
        let skipped = |i: usize| -> Vec<(String, String)> {
            derives.skipped(&api, &api.types[i]).into_iter().map(|s| (s.derive.path.clone(), s.reason)).collect()
        };
        assert!(api.types.iter().all(|def| derives.added(def).is_empty()), "enums derive these themselves");
        assert_eq!(skipped(0).iter().map(|(d, _)| d.as_str()).collect::<Vec<_>>(), ["Copy", "Default"]);
        assert_eq!(skipped(1).iter().map(|(d, _)| d.as_str()).collect::<Vec<_>>(), ["Default"]);
        assert_eq!(skipped(2)[0], ("Eq".to_owned(), "its values are `f64`".to_owned()));
    }
}

//! Schemas → types: recursion, allOf, discriminators, additionalProperties, enums, field flags, formats.

mod common;

use std::collections::BTreeSet;

use common::*;
use serde_json::json;
use swagger2rs_parser::ir::{
    Api, EnumRepr, IntegerFormat, NumberFormat, StringFormat, Struct, TypeDef, TypeId, TypeKind, TypeRef,
};

/// `(type name, field wire name)` of every field marked `needs_indirection`.
fn indirections(api: &Api) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for t in &api.types {
        if let TypeKind::Struct(s) = &t.kind {
            for f in s.fields.iter().filter(|f| f.needs_indirection) {
                out.insert((t.name.as_str().to_owned(), f.wire_name.clone()));
            }
        }
    }
    out
}

/// By-value edges between types that are not broken by `needs_indirection` (arrays and maps allocate).
fn unboxed_edges(def: &TypeDef) -> Vec<TypeId> {
    match &def.kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .filter(|f| !f.needs_indirection)
            .filter_map(|f| match f.ty {
                TypeRef::Named(id) => Some(id),
                _ => None,
            })
            .collect(),
        TypeKind::Alias(TypeRef::Named(id)) => vec![*id],
        _ => Vec::new(),
    }
}

/// Panics if some by-value cycle has no field marked for indirection (the emitted types would have infinite size).
fn assert_no_infinite_types(api: &Api) {
    // Kahn's algorithm: whatever cannot be peeled off lies on (or behind) a cycle.
    let n = api.types.len();
    let mut indegree = vec![0usize; n];
    for t in &api.types {
        for target in unboxed_edges(t) {
            indegree[target.0] += 1;
        }
    }
    let mut ready: Vec<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
    let mut removed = 0;
    while let Some(i) = ready.pop() {
        removed += 1;
        for target in unboxed_edges(&api.types[i]) {
            indegree[target.0] -= 1;
            if indegree[target.0] == 0 {
                ready.push(target.0);
            }
        }
    }
    let stuck: Vec<&str> = (0..n).filter(|&i| indegree[i] > 0).map(|i| api.types[i].name.as_str()).collect();
    assert_eq!(removed, n, "types on a by-value cycle without indirection: {stuck:?}");
}

fn pairs(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

#[test]
fn recursion_marks_exactly_the_cycle_closing_fields() {
    let api = load_clean("recursion.yaml");
    let marked: BTreeSet<(String, String)> = indirections(&api)
        .into_iter()
        .filter(|(t, _)| !matches!(t.as_str(), "Loop" | "LoopAlias" | "AliasFirst" | "Looped"))
        .collect();
    assert_eq!(marked, pairs(&[("Node", "next"), ("B", "a"), ("OuterInner", "outer")]));

    // Arrays and maps allocate, so they never need indirection, even on a cycle.
    let node = struct_of(&api, "Node");
    assert_eq!(field(node, "children").ty, array(TypeRef::Named(def(&api, "Node").id)));
    assert_eq!(field(node, "index").ty, map(TypeRef::Named(def(&api, "Node").id)));
    assert_eq!(as_alias(def(&api, "HolderList")), &array(TypeRef::Named(def(&api, "Holder").id)));
    let outer = field(struct_of(&api, "Outer"), "inner");
    assert_eq!(named(&api, &outer.ty).name.as_str(), "OuterInner");
    assert!(!outer.needs_indirection);
}

#[test]
fn recursion_through_an_alias_declared_first() {
    let api = load_clean("recursion.yaml");
    assert_eq!(as_alias(def(&api, "AliasFirst")), &TypeRef::Named(def(&api, "Looped").id));
    assert!(field(struct_of(&api, "Looped"), "back").needs_indirection);
}

/// `Loop { w: LoopAlias }` with `LoopAlias = Loop`: the alias cannot be boxed, so `Loop.w` must be.
#[test]
fn recursion_through_an_alias_declared_after_the_struct() {
    let api = load_clean("recursion.yaml");
    assert_eq!(as_alias(def(&api, "LoopAlias")), &TypeRef::Named(def(&api, "Loop").id));
    assert!(field(struct_of(&api, "Loop"), "w").needs_indirection, "Loop.w closes the cycle Loop → LoopAlias → Loop");
}

#[test]
fn recursion_leaves_no_infinitely_sized_type() {
    assert_no_infinite_types(&load_clean("recursion.yaml"));
}

#[test]
fn all_of_merges_fields_and_required_from_all_parts() {
    let api = load_clean("all_of.yaml");
    let base = def(&api, "Base").id;
    let mixin = def(&api, "Mixin").id;
    let combined_def = def(&api, "Combined");

    let combined = as_struct(combined_def);
    assert_eq!(wire_names(combined), ["id", "name", "status", "tag", "extra"]);
    assert_eq!(required_names(combined), ["id", "name", "tag", "extra"]);
    assert_eq!(combined.all_of, [base, mixin]);
    assert_eq!(field(combined, "id").ty, integer(IntegerFormat::Int64));
    assert_eq!(field(combined, "extra").ty, boolean());
    assert!(combined.discriminator.is_none());

    // The parents themselves are untouched.
    assert_eq!(wire_names(struct_of(&api, "Base")), ["id", "name", "status"]);
    assert_eq!(required_names(struct_of(&api, "Base")), ["id"]);
    assert!(struct_of(&api, "Base").all_of.is_empty());
    assert_eq!(required_names(struct_of(&api, "Mixin")), ["tag"]);
}

#[test]
fn nested_all_of() {
    let api = load_clean("all_of.yaml");
    let nested = struct_of(&api, "Nested");
    assert_eq!(wire_names(nested), ["id", "name", "status", "tag", "extra", "deep", "more"]);
    assert_eq!(required_names(nested), ["id", "name", "tag", "extra", "deep"]);
    assert_eq!(nested.all_of.first(), Some(&def(&api, "Combined").id));
    assert_eq!(field(nested, "more").ty, number(NumberFormat::Unspecified));
    assert_eq!(rust_names(nested), ["id", "name", "status", "tag", "extra", "deep", "more"]);
}

#[test]
fn all_of_later_parts_override_fields_in_place() {
    let api = load_clean("all_of.yaml");
    let o = struct_of(&api, "Override");
    assert_eq!(wire_names(o), ["id", "name", "status"]);
    assert_eq!(field(o, "name").ty, integer(IntegerFormat::Int32));
    assert_eq!(required_names(o), ["id"]);
}

/// A field merged from an `allOf` parent has the parent's field type, not a re-lowered copy of it
/// (which would add a second, identical inline type named `BaseStatus2`).
#[test]
fn all_of_reuses_the_parents_inline_types() {
    let api = load_clean("all_of.yaml");
    let base_status = &field(struct_of(&api, "Base"), "status").ty;
    assert_eq!(named(&api, base_status).name.as_str(), "BaseStatus");
    for child in ["Combined", "Nested", "Override"] {
        assert_eq!(&field(struct_of(&api, child), "status").ty, base_status, "{child}.status");
    }
    let enums: Vec<&str> =
        api.types.iter().filter(|t| matches!(t.kind, TypeKind::Enum(_))).map(|t| t.name.as_str()).collect();
    assert_eq!(enums, ["BaseStatus"]);
}

#[test]
fn discriminator_maps_children_by_name_and_by_x_ms_discriminator_value() {
    let api = load_clean("discriminator.yaml");
    let pet = def(&api, "Pet").id;
    let cat = def(&api, "Cat").id;
    let dog = def(&api, "Dog").id;
    let base = struct_of(&api, "Pet");
    let d = base.discriminator.as_ref().expect("Pet has a discriminator");
    assert_eq!(d.property, "petType");
    assert_eq!(d.mapping, [("Cat".to_owned(), cat), ("doggo".to_owned(), dog)]);
    assert_eq!(wire_names(base), ["petType", "name"]);
    assert_eq!(required_names(base), ["petType", "name"]);

    let cat_struct = struct_of(&api, "Cat");
    assert_eq!(wire_names(cat_struct), ["petType", "name", "huntingSkill"]);
    assert_eq!(required_names(cat_struct), ["petType", "name"]);
    assert_eq!(cat_struct.all_of, [pet]);
    assert_eq!(wire_names(struct_of(&api, "Dog")), ["petType", "name", "packSize"]);
    assert_eq!(struct_of(&api, "Dog").all_of, [pet]);
    // Only the schema that declares the discriminator is a discriminated base; children do not inherit it.
    assert!(cat_struct.discriminator.is_none());
    assert!(struct_of(&api, "Dog").discriminator.is_none());

    // allOf without a discriminator links nothing.
    assert!(struct_of(&api, "Plain").discriminator.is_none());
    assert_eq!(struct_of(&api, "Toy").all_of, [def(&api, "Plain").id]);
    assert_eq!(wire_names(struct_of(&api, "Toy")), ["x"]);
}

#[test]
fn additional_properties_forms() {
    let api = load_clean("additional_properties.yaml");
    assert_eq!(as_alias(def(&api, "FreeMap")), &map(TypeRef::Any));
    assert_eq!(as_alias(def(&api, "StringMap")), &map(string()));
    assert_eq!(as_alias(def(&api, "RefMap")), &map(TypeRef::Named(def(&api, "Closed").id)));

    let mixed = struct_of(&api, "Mixed");
    assert_eq!(wire_names(mixed), ["a"]);
    let extra = mixed.additional_properties.as_ref().expect("Mixed keeps unknown keys");
    assert_eq!(extra.name.as_str(), "additional_properties");
    assert_eq!(extra.ty, integer(IntegerFormat::Int32));
    assert!(!mixed.deny_unknown);

    // The map field's name avoids a property of the same name.
    let mixed_any = struct_of(&api, "MixedAny");
    assert_eq!(rust_names(mixed_any), ["additional_properties"]);
    let extra = mixed_any.additional_properties.as_ref().unwrap();
    assert_eq!(extra.name.as_str(), "additional_properties_2");
    assert_eq!(extra.ty, TypeRef::Any);

    let closed = struct_of(&api, "Closed");
    assert!(closed.deny_unknown);
    assert!(closed.additional_properties.is_none());
    let open = struct_of(&api, "Open");
    assert!(!open.deny_unknown);
    assert!(open.additional_properties.is_none());
}

/// (Rust name, wire value, description) of each variant.
fn variants(def: &TypeDef) -> Vec<(String, serde_json::Value, Option<String>)> {
    as_enum(def).variants.iter().map(|v| (v.name.as_str().to_owned(), v.value.clone(), v.description.clone())).collect()
}

fn plain(items: &[(&str, serde_json::Value)]) -> Vec<(String, serde_json::Value, Option<String>)> {
    items.iter().map(|(n, v)| ((*n).to_owned(), v.clone(), None)).collect()
}

#[test]
fn enums() {
    let api = load_clean("enums.yaml");
    let color = def(&api, "Color");
    assert_eq!(as_enum(color).repr, EnumRepr::String);
    // Duplicate values are dropped.
    assert_eq!(
        variants(color),
        plain(&[("Red", json!("red")), ("Green", json!("green")), ("DarkBlue", json!("dark-blue"))])
    );

    let level = def(&api, "Level");
    assert_eq!(as_enum(level).repr, EnumRepr::Integer);
    assert_eq!(variants(level), plain(&[("_1", json!(1)), ("_2", json!(2)), ("Minus3", json!(-3))]));

    let ratio = def(&api, "Ratio");
    assert_eq!(as_enum(ratio).repr, EnumRepr::Number);
    assert_eq!(variants(ratio), plain(&[("_0Point5", json!(0.5)), ("_2", json!(2))]));

    assert_eq!(
        variants(def(&api, "Switch")),
        [
            ("Off".to_owned(), json!(0), Some("switched off".to_owned())),
            ("On".to_owned(), json!(1), Some("switched on".to_owned())),
        ]
    );

    // x-ms-enum: variant names and descriptions from `values`; a definition keeps its own name.
    let mode = def(&api, "Mode");
    assert_eq!(mode.name.as_str(), "Mode");
    assert_eq!(
        variants(mode),
        [("Alpha".to_owned(), json!("a"), Some("first".to_owned())), ("Beta".to_owned(), json!("b"), None)]
    );

    let untyped = def(&api, "Untyped");
    assert_eq!(as_enum(untyped).repr, EnumRepr::String);
    assert_eq!(variants(untyped), plain(&[("X", json!("x")), ("Y", json!("y"))]));

    // `null` is not a variant.
    assert_eq!(variants(def(&api, "WithNull")), plain(&[("On", json!("on")), ("Off", json!("off"))]));

    // `Other` is reserved for the catch-all variant; the two spellings still get distinct names.
    assert_eq!(variants(def(&api, "Reserved")), plain(&[("Other_", json!("Other")), ("Other2", json!("other"))]));
}

#[test]
fn inline_enums_are_named_after_their_owner_or_x_ms_enum_name() {
    let api = load_clean("enums.yaml");
    let holder = struct_of(&api, "Holder");
    let kind = named(&api, &field(holder, "kind").ty);
    assert_eq!(kind.name.as_str(), "SizeKind");
    assert_eq!(kind.definition, None);
    assert_eq!(variants(kind), plain(&[("Small", json!("small")), ("Large", json!("large"))]));
    let state = named(&api, &field(holder, "state").ty);
    assert_eq!(state.name.as_str(), "HolderState");
    assert_eq!(state.definition, None);
    assert_eq!(variants(state), plain(&[("Open", json!("open")), ("Closed", json!("closed"))]));
    assert_eq!(state.location.pointer.as_str(), "/definitions/Holder/properties/state");
}

#[test]
fn nullable_read_only_and_defaults() {
    let api = load_clean("field_flags.yaml");
    let thing = struct_of(&api, "Thing");
    assert_eq!(wire_names(thing), ["id", "nick", "count", "label", "flags", "maybe", "either", "other", "plain"]);
    let flags = |name: &str| {
        let f = field(thing, name);
        (f.required, f.nullable, f.read_only, f.default.clone())
    };
    assert_eq!(flags("id"), (true, false, true, None));
    assert_eq!(flags("nick"), (false, true, false, None));
    assert_eq!(flags("count"), (false, false, false, Some(json!(5))));
    assert_eq!(flags("label"), (false, false, false, Some(json!("none"))));
    assert_eq!(flags("flags"), (false, false, false, Some(json!([true]))));
    assert_eq!(flags("other"), (false, true, false, None));
    assert_eq!(flags("plain"), (false, false, false, None));
    assert_eq!(field(thing, "plain").description.as_deref(), Some("just a string"));
    assert_eq!(field(thing, "flags").ty, array(boolean()));
    assert_eq!(field(thing, "other").ty, TypeRef::Named(def(&api, "Other").id));
    assert!(thing.fields.iter().all(|f| !f.needs_indirection));

    // Parameter defaults.
    let list = op(&api, "list_things");
    assert_eq!(param(list, "limit").default, Some(json!(20)));
    assert_eq!(param(list, "limit").ty, integer(IntegerFormat::Unspecified));
    let order = param(list, "order");
    assert_eq!(order.default, Some(json!("asc")));
    let order_ty = named(&api, &order.ty);
    assert_eq!(order_ty.name.as_str(), "ListThingsOrder");
    assert_eq!(variants(order_ty), plain(&[("Asc", json!("asc")), ("Desc", json!("desc"))]));
}

#[test]
fn openapi_style_type_lists() {
    let api = load_clean("field_flags.yaml");
    let thing = struct_of(&api, "Thing");
    // `type: [string, "null"]` is a nullable string.
    let maybe = field(thing, "maybe");
    assert_eq!(maybe.ty, string());
    assert!(maybe.nullable);
    // Several non-null types cannot be one Rust type: free-form JSON.
    let either = field(thing, "either");
    assert_eq!(either.ty, TypeRef::Any);
    assert!(!either.nullable);
}

#[test]
fn formats() {
    let api = load_clean("formats.yaml");
    let s: &Struct = struct_of(&api, "Formats");
    let expected = [
        ("i32", integer(IntegerFormat::Int32)),
        ("i64", integer(IntegerFormat::Int64)),
        ("int", integer(IntegerFormat::Unspecified)),
        ("intOdd", integer(IntegerFormat::Unspecified)),
        ("f32", number(NumberFormat::Float)),
        ("f64", number(NumberFormat::Double)),
        ("num", number(NumberFormat::Unspecified)),
        ("byte", string_fmt(StringFormat::Byte)),
        ("binary", string_fmt(StringFormat::Binary)),
        ("date", string_fmt(StringFormat::Date)),
        ("dateTime", string_fmt(StringFormat::DateTime)),
        ("password", string_fmt(StringFormat::Password)),
        ("uuid", string_fmt(StringFormat::Other("uuid".to_owned()))),
        ("plain", string()),
        ("flag", boolean()),
        ("any", TypeRef::Any),
        ("object", TypeRef::Any),
        ("list", array(TypeRef::Any)),
    ];
    let actual: Vec<(&str, TypeRef)> = s.fields.iter().map(|f| (f.wire_name.as_str(), f.ty.clone())).collect();
    let expected: Vec<(&str, TypeRef)> = expected.into_iter().collect();
    assert_eq!(actual, expected);
    // Formats need no types of their own.
    assert_eq!(api.types.len(), 1);
}

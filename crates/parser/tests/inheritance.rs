//! `allOf` parents: copied into a child while small, composed as one flattened field once big, so an
//! inheritance chain's IR (and the Rust emitted from it) grows linearly with its depth.

mod common;

use common::{field, load_ok, struct_of};
use swagger2rs_parser::Code;
use swagger2rs_parser::ir::TypeRef;

/// A chain `P0 ← P1 ← … ← Pn`, each level adding one property.
fn chain(levels: usize) -> String {
    let mut spec = String::from(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  P0:\n    type: object\n    \
         required: [p0]\n    properties: {p0: {type: string}}\n",
    );
    for i in 1..=levels {
        spec.push_str(&format!(
            "  P{i}:\n    allOf:\n      - $ref: '#/definitions/P{}'\n      - {{properties: {{p{i}: {{type: string}}}}}}\n",
            i - 1
        ));
    }
    spec
}

#[test]
fn a_deep_chain_holds_a_bounded_number_of_fields_per_level() {
    let levels = 2_000;
    let loaded = swagger2rs_parser::load_str("chain.yaml", chain(levels));
    assert!(loaded.diagnostics.iter().all(|d| !d.is_error()), "{:?}", loaded.diagnostics);
    let api = loaded.api.expect("an API");
    let fields: usize = api.types.iter().map(|t| common::as_struct(t).fields.len()).sum();
    // Copying every parent's fields would give levels² / 2 = 2,000,000 fields.
    assert!(fields < 40 * levels, "{fields} fields for {levels} levels");
    let widest = api.types.iter().map(|t| common::as_struct(t).fields.len()).max().unwrap();
    assert!(widest <= 34, "a level holds {widest} fields");
}

#[test]
fn a_small_parent_is_copied_and_a_big_one_composed() {
    let loaded = swagger2rs_parser::load_str("chain.yaml", chain(40));
    let api = loaded.api.expect("an API");
    // P31 has 32 fields (p0..p31): still copied into P32, which has 33.
    let p32 = struct_of(&api, "P32");
    assert_eq!(p32.fields.len(), 33);
    assert!(p32.fields.iter().all(|f| !f.flatten));
    assert!(field(p32, "p0").required, "a copied field keeps its requiredness");
    // P32 is too big to copy: P33 holds it as one flattened, required field, then its own.
    let p33 = struct_of(&api, "P33");
    let wire: Vec<(&str, bool)> = p33.fields.iter().map(|f| (f.wire_name.as_str(), f.flatten)).collect();
    assert_eq!(wire, [("P32", true), ("p33", false)]);
    let TypeRef::Named(parent) = p33.fields[0].ty else { panic!("{:?}", p33.fields[0].ty) };
    assert_eq!(api.types[parent.0].name.as_str(), "P32");
    assert!(p33.fields[0].required);
    assert_eq!(p33.fields[0].name.as_str(), "p32");
    // P34 copies P33's two fields (the flattened one included) and adds its own.
    let p34 = struct_of(&api, "P34");
    let wire: Vec<&str> = p34.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(wire, ["P32", "p33", "p34"]);
}

#[test]
fn the_fixture_copies_a_redefining_child_and_keeps_one_map_of_unknown_keys() {
    let (api, diagnostics) = load_ok("../../../../spec/fixtures/inheritance.yaml");
    let redefined = struct_of(&api, "Redefined");
    assert!(redefined.fields.iter().all(|f| !f.flatten));
    assert_eq!(field(redefined, "p1").ty, common::integer(swagger2rs_parser::ir::IntegerFormat::Unspecified));
    let both = struct_of(&api, "Both");
    assert_eq!(both.fields.iter().filter(|f| f.flatten).count(), 1, "Entity is reached twice, held once");
    let child = struct_of(&api, "OpenChild");
    assert!(child.additional_properties.is_none());
    let codes: Vec<(Code, &str)> = diagnostics.iter().map(|d| (d.code, d.location.pointer.as_str())).collect();
    assert_eq!(codes, [(Code::Unsupported, "/definitions/OpenChild")]);
}

/// A chain whose every level redefines an inherited property is copied while the parent is small enough
/// (the child's definition wins), and composed beyond 128 fields, where the redefinition gives way with a
/// warning: its output stays linear too.
#[test]
fn a_chain_of_redefining_children_stays_linear() {
    let levels = 1_000;
    let mut spec = String::from(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  P0:\n    type: object\n    \
         properties: {p0: {type: string}}\n",
    );
    for i in 1..=levels {
        spec.push_str(&format!(
            "  P{i}:\n    allOf:\n      - $ref: '#/definitions/P{}'\n      - {{properties: {{p0: {{type: integer}}, \
             p{i}: {{type: string}}}}}}\n",
            i - 1
        ));
    }
    let loaded = swagger2rs_parser::load_str("redefining.yaml", spec);
    let api = loaded.api.clone().expect("an API");
    let fields: usize = api.types.iter().map(|t| common::as_struct(t).fields.len()).sum();
    assert!(fields < 140 * levels, "{fields} fields for {levels} levels");
    // P128 has 129 fields, so P129 composes it and its own `p0` gives way.
    let p128 = struct_of(&api, "P128");
    assert_eq!((p128.fields.len(), p128.fields.iter().any(|f| f.flatten)), (129, false));
    assert_eq!(field(p128, "p0").ty, common::integer(swagger2rs_parser::ir::IntegerFormat::Unspecified));
    let p129 = struct_of(&api, "P129");
    let wire: Vec<&str> = p129.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(wire, ["P128", "p129"]);
    let shadowed = loaded
        .diagnostics
        .iter()
        .find(|d| d.location.pointer.as_str() == "/definitions/P129/allOf/1/properties/p0")
        .expect("a warning at P129's p0");
    assert_eq!((shadowed.severity, shadowed.code), (swagger2rs_parser::Severity::Warning, Code::Unsupported));
}

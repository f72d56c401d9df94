//! Naming edge cases: keywords, leading digits, collisions, duplicate and missing operationIds, non-ASCII
//! and empty names. Every identifier in every IR is also checked to be valid and unique (see `common`).

mod common;

use common::*;
use swagger2rs_parser::ir::TypeRef;
use swagger2rs_parser::{Code, Severity};

#[test]
fn type_names() {
    let api = load_clean("naming.yaml");
    let names: Vec<(&str, &str)> =
        api.types.iter().map(|t| (t.definition.as_deref().unwrap_or("<inline>"), t.name.as_str())).collect();
    assert_eq!(
        names,
        [
            ("type", "Type"),
            // `Self` is a keyword; the second spelling collides with the first.
            ("self", "Self_"),
            ("Self", "Self2"),
            ("pet", "Pet"),
            ("Pet", "Pet2"),
            ("PetRefs", "PetRefs"),
            ("123abc", "_123abc"),
            // Non-ASCII letters are separators.
            ("Ärger", "Rger"),
            // Reserved in the generated crate.
            ("Option", "Option_"),
            // Empty after cleaning: the fallback word, deduplicated.
            ("", "Type2"),
            ("日本", "Type3"),
        ]
    );
}

#[test]
fn collisions_resolve_to_the_right_definition() {
    let api = load_clean("naming.yaml");
    let refs = struct_of(&api, "PetRefs");
    assert_eq!(field(refs, "lower").ty, TypeRef::Named(def(&api, "pet").id));
    assert_eq!(field(refs, "upper").ty, TypeRef::Named(def(&api, "Pet").id));
    assert_eq!(wire_names(struct_of(&api, "pet")), ["lower"]);
    assert_eq!(wire_names(struct_of(&api, "Pet")), ["upper"]);
}

#[test]
fn field_names() {
    let api = load_clean("naming.yaml");
    let s = struct_of(&api, "type");
    let names: Vec<(&str, &str)> = s.fields.iter().map(|f| (f.wire_name.as_str(), f.name.as_str())).collect();
    assert_eq!(
        names,
        [
            ("type", "type_"),
            ("self", "self_"),
            ("Self", "self_2"),
            ("1st", "_1st"),
            ("fooBar", "foo_bar"),
            ("foo_bar", "foo_bar_2"),
            ("", "field"),
            ("日本", "field_2"),
            ("naïve", "na_ve"),
            ("async", "async_"),
        ]
    );
}

#[test]
fn operation_names() {
    let (api, _) = load_ok("operation_names.yaml");
    let names: Vec<(Option<&str>, &str, &str)> =
        api.operations.iter().map(|o| (o.operation_id.as_deref(), o.name.as_str(), o.type_name.as_str())).collect();
    assert_eq!(
        names,
        [
            (Some("listThings"), "list_things", "ListThings"),
            // Duplicates are renamed in document order.
            (Some("listThings"), "list_things_2", "ListThings2"),
            (Some("listThings"), "list_things_3", "ListThings3"),
            // Without an operationId: method and path.
            (None, "get_c", "GetC"),
            (None, "post_pets_by_pet_id_toys", "PostPetsByPetIdToys"),
            (None, "delete", "Delete"),
            // Methods of one path item in get, put, post, delete, options, head, patch order.
            (Some("type"), "type_", "Type"),
            (Some("new"), "new_", "New"),
            // The security scheme `basic` claimed `with_basic` first.
            (Some("with_basic"), "with_basic_2", "WithBasic2"),
            (Some("ünïcode"), "n_code", "NCode"),
            (Some("123go"), "_123go", "_123go"),
            (Some("日本"), "operation", "Operation"),
            // A blank operationId is no operationId.
            (Some("  "), "patch_kw", "PatchKw"),
            (Some("params"), "params", "Params"),
        ]
    );
    assert_eq!(api.security_schemes[0].name.as_str(), "with_basic");
}

#[test]
fn duplicate_operation_ids_are_reported() {
    let (_, diagnostics) = load_ok("operation_names.yaml");
    assert_eq!(
        findings(&diagnostics),
        [
            (Severity::Warning, Code::DuplicateOperationId, "/paths/~1b/get/operationId".to_owned()),
            (Severity::Warning, Code::DuplicateOperationId, "/paths/~1b/post/operationId".to_owned()),
        ],
        "{}",
        show(&diagnostics)
    );
    let at: Vec<(u32, u32)> =
        diagnostics.iter().map(|d| d.location.line_col.map(|l| (l.line, l.column)).unwrap()).collect();
    assert_eq!(at, [(17, 7), (22, 7)]);
    assert!(diagnostics[0].message.contains("listThings"), "{}", diagnostics[0]);
}

#[test]
fn renaming_is_deterministic() {
    let names = || -> Vec<String> {
        let (api, _) = load_ok("operation_names.yaml");
        api.operations.iter().map(|o| format!("{} {}", o.name, o.type_name)).collect()
    };
    let first = names();
    for _ in 0..5 {
        assert_eq!(names(), first);
    }
}

#[test]
fn parameter_names() {
    let (api, _) = load_ok("operation_names.yaml");
    let params = op(&api, "params");
    let names: Vec<(&str, &str)> = params.parameters.iter().map(|p| (p.wire_name.as_str(), p.name.as_str())).collect();
    // `client` and `send` are the request builder's own names.
    assert_eq!(
        names,
        [("client", "client_"), ("send", "send_"), ("日本", "param"), ("", "param_2"), ("type", "type_")]
    );
    let body = params.body.as_ref().expect("a body");
    assert_eq!((body.wire_name.as_str(), body.name.as_str()), ("body", "body"));
    assert_eq!(body.ty, string());
}

/// Repeated ids are numbered in document order, skipping a number an operation took by its own id.
#[test]
fn shared_operation_ids_are_numbered_in_order() {
    let (api, diagnostics) = load_ok("duplicate_operation_ids.yaml");
    let names: Vec<(&str, &str)> = api.operations.iter().map(|o| (o.name.as_str(), o.type_name.as_str())).collect();
    assert_eq!(
        names,
        [("same", "Same"), ("same_2", "Same2"), ("same_3", "Same3"), ("same_4", "Same4"), ("same_5", "Same5")]
    );
    let renamed = diagnostics.iter().filter(|d| d.code == Code::DuplicateOperationId).count();
    assert_eq!(renamed, 3, "{}", show(&diagnostics));
}

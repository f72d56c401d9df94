//! Names the generated code adds itself never collide with the spec's (`spec/fixtures/name_collisions.yaml`):
//! the fallback variant `Other` of enums and discriminated unions, the builder's own methods. (That the crate
//! compiles under clippy is checked by the workspace build of `generated/name_collisions`.)

mod common;

use common::{emit, file};

fn parse(path: &str) -> syn::File {
    let files = emit("name_collisions.yaml");
    syn::parse_file(file(&files, path)).unwrap_or_else(|e| panic!("{path} does not parse: {e}"))
}

/// The variants of enum `name` in `file`, as `Variant(Type)` or `Variant`.
fn variants(file: &syn::File, name: &str) -> Vec<String> {
    let found = file.items.iter().find_map(|item| match item {
        syn::Item::Enum(e) if e.ident == name => Some(e),
        _ => None,
    });
    let e = found.unwrap_or_else(|| panic!("no enum {name}"));
    e.variants
        .iter()
        .map(|v| match &v.fields {
            syn::Fields::Unnamed(fields) => {
                let ty = &fields.unnamed[0].ty;
                format!("{}({})", v.ident, quote::quote!(#ty).to_string().replace(' ', ""))
            }
            _ => v.ident.to_string(),
        })
        .collect()
}

/// The names of every method of every inherent impl of `type_name` in `file`.
fn methods(file: &syn::File, type_name: &str) -> Vec<String> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(i) if i.trait_.is_none() => Some(i),
            _ => None,
        })
        .filter(|i| matches!(&*i.self_ty, syn::Type::Path(p) if p.path.segments.last().unwrap().ident == type_name))
        .flat_map(|i| &i.items)
        .filter_map(|item| match item {
            syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_discriminated_child_named_other_is_not_the_fallback_variant() {
    let types = parse("src/types.rs");
    assert_eq!(variants(&types, "Shape"), ["Circle(Circle)", "Other_(Other)", "Other(serde_json::Value)"]);
}

#[test]
fn enum_values_named_other_are_not_the_fallback_variant() {
    let types = parse("src/types.rs");
    assert_eq!(variants(&types, "Colour"), ["Red", "Other_", "Other2", "Other(String)"]);
    assert_eq!(variants(&types, "Size"), ["Small", "Other_", "Other(i64)"]);
}

#[test]
fn a_paged_builder_s_own_methods_keep_their_names() {
    let operations = parse("src/operations.rs");
    let mut found = methods(&operations, "ListShapes");
    found.sort();
    let expected = ["pager", "pager_", "pages", "retry", "send", "send_", "stream", "stream_", "timeout"];
    assert_eq!(found, expected);
}

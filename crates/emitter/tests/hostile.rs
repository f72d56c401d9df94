//! A spec full of code-injection attempts (`spec/fixtures/hostile.yaml`) must produce exactly the items its
//! operations and definitions call for, with the hostile text surviving only inside string literals and doc
//! attributes. (That the crate compiles without warnings is checked by the workspace build of
//! `generated/hostile`.)

mod common;

use common::{emit, file};
use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

fn parse(files: &[swagger2rs_emitter::GeneratedFile], path: &str) -> syn::File {
    syn::parse_file(file(files, path)).unwrap_or_else(|e| panic!("{path} does not parse: {e}"))
}

/// `struct Foo`, `impl Foo`, `impl Trait for Foo`, `mod foo`, `use …` — one line per top-level item.
fn item_summary(file: &syn::File) -> Vec<String> {
    file.items
        .iter()
        .map(|item| match item {
            syn::Item::Struct(s) => format!("struct {}", s.ident),
            syn::Item::Enum(e) => format!("enum {}", e.ident),
            syn::Item::Type(t) => format!("type {}", t.ident),
            syn::Item::Mod(m) => format!("mod {}", m.ident),
            syn::Item::Use(u) => format!("use {}", u.tree.to_token_stream().to_string().replace(' ', "")),
            syn::Item::Impl(i) => {
                let compact = |tokens: TokenStream| tokens.to_string().replace(' ', "");
                let trait_ = i.trait_.as_ref().map(|(path, _)| format!("{} for ", compact(path.to_token_stream())));
                format!("impl {}{}", trait_.unwrap_or_default(), compact(i.self_ty.to_token_stream()))
            }
            other => format!("unexpected item: {}", other.to_token_stream()),
        })
        .collect()
}

fn methods(file: &syn::File, type_name: &str) -> Vec<String> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(i)
                if i.trait_.is_none() && i.self_ty.to_token_stream().to_string().starts_with(type_name) =>
            {
                Some(i)
            }
            _ => None,
        })
        .flat_map(|i| &i.items)
        .filter_map(|item| match item {
            syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
            syn::ImplItem::Const(c) => Some(format!("const {}", c.ident)),
            _ => None,
        })
        .collect()
}

/// Every identifier in the tokens, recursively (string literals and doc attribute values are not identifiers).
fn identifiers(tokens: TokenStream, out: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Group(group) => identifiers(group.stream(), out),
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
}

#[test]
fn items_are_exactly_the_ones_the_spec_calls_for() {
    let files = emit("hostile.yaml");
    let lib = parse(&files, "src/lib.rs");
    assert_eq!(
        item_summary(&lib),
        [
            "mod client",
            "mod operations",
            "mod runtime",
            "mod types",
            "use client::Client",
            "use runtime::{Error,ResponseValue,Result}"
        ]
    );
    let inner_attributes: Vec<String> =
        lib.attrs.iter().filter(|a| !a.path().is_ident("doc")).map(|a| a.to_token_stream().to_string()).collect();
    assert_eq!(
        inner_attributes,
        [
            "# ! [allow (clippy :: doc_lazy_continuation , clippy :: doc_overindented_list_items)]",
            "# ! [allow (clippy :: type_complexity)]",
            "# ! [warn (missing_docs)]"
        ]
    );

    let types = parse(&files, "src/types.rs");
    assert_eq!(
        item_summary(&types),
        [
            "struct ReversedName",
            "impl serde::Deserialize<'de> for ReversedName",
            "impl crate::runtime::de::FromMap<'de> for ReversedName",
            "struct FnMain",
            "impl FnMain",
            "impl serde::Deserialize<'de> for FnMain",
            "impl crate::runtime::de::FromMap<'de> for FnMain",
            "enum Self_",
            "impl Self_",
            "impl From<&str> for Self_",
            "impl std::fmt::Display for Self_",
            "impl serde::Serialize for Self_",
            "impl serde::Deserialize<'de> for Self_",
            "impl crate::runtime::ParamValue for Self_",
        ]
    );

    // A property name imitating a deferred doc placeholder leaves the struct's docs where they were.
    assert_eq!(methods(&types, "FnMain"), ["default_a_0_b"]);
    let text = file(&files, "src/types.rs");
    assert!(
        text.contains("/// */ #\\[derive(Debug)\\] struct Evil; /*\n///\n/// Schema `fn main() {}` of the spec.\n")
    );

    let operations = parse(&files, "src/operations.rs");
    assert_eq!(item_summary(&operations), ["struct FnMain", "impl FnMain<'a>", "struct Self_", "impl Self_<'a>"]);
    assert_eq!(
        methods(&operations, "FnMain"),
        ["type_", "_123abc", "param", "unicode", "x_fn_y", "timeout", "retry", "send"]
    );

    let client = parse(&files, "src/client.rs");
    assert_eq!(item_summary(&client), ["struct Client", "impl Client"]);
    assert_eq!(
        methods(&client, "Client"),
        [
            "new",
            "with_http_client",
            "base_url",
            "http_client",
            "with_default_header",
            "with_basic_auth",
            "with_bearer_token",
            "with_retry",
            "with_timeout",
            "with_user_agent",
            "with_hook",
            "with_token_provider",
            "fn_main",
            "self_"
        ]
    );
}

#[test]
fn hostile_text_survives_only_in_literals_and_docs() {
    let files = emit("hostile.yaml");
    for path in ["src/lib.rs", "src/client.rs", "src/operations.rs", "src/types.rs"] {
        let parsed = parse(&files, path);
        let mut idents = Vec::new();
        identifiers(parsed.to_token_stream(), &mut idents);
        for forbidden in ["evil", "injected", "Evil", "alert", "script", "forbid", "warnings", "v", "y", "z"] {
            assert!(!idents.iter().any(|i| i == forbidden), "{path}: identifier `{forbidden}` was injected");
        }
    }
    let types = file(&files, "src/types.rs");
    // The text is still there, escaped inside literals and docs.
    assert!(types.contains(r##"Self::AllowUnused => "#![allow(unused)]""##));
    assert!(types.contains(r#"rename = "r#type""#));
    assert!(types.contains("#\\[derive(Debug)\\] struct Evil;"), "description kept as (escaped) doc text");
    // The crate docs are the README, where spec prose gets the same treatment.
    let readme = file(&files, "README.md");
    assert!(readme.contains("```text\nfn injected() { panic!() }"), "code blocks in docs are text, not doc tests");
    assert_eq!(readme.matches("```rust").count(), 1, "the only doc test is the generated example");
    assert!(file(&files, "src/lib.rs").contains("#![doc = include_str!(\"../README.md\")]"));
}

/// Text-direction controls in spec text would make rustc refuse the crate (`text_direction_codepoint_in_comment`
/// is deny-by-default) and could make the code read differently from how it compiles: docs spell them out.
#[test]
fn text_direction_controls_never_reach_the_output() {
    for file in emit("hostile.yaml") {
        let found = file.contents.chars().find(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'));
        assert_eq!(found, None, "{}", file.path.display());
    }
    let types = file(&emit("hostile.yaml"), "src/types.rs").to_owned();
    assert!(types.contains(r"Schema `Reversed\u{202E}name` of the spec."), "{types}");
}

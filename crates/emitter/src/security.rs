//! Security requirements as constants of the client module: each distinct requirement is emitted once,
//! named after its schemes (`BEARER_TOKEN`, `API_KEY_OR_PETSTORE_AUTH`), so an operation names its
//! requirement in one word.

use proc_macro2::TokenStream;
use quote::quote;
use swagger2rs_parser::ir::{Api, Operation, SecurityKind};
use swagger2rs_parser::naming::{Case, Ident, Namespace};

use crate::chunks::items;
use crate::context::Emitter;
use crate::output_space::{OutputSpace, SourceFile};
use crate::rust_type::ident;

/// The distinct security requirements of the API's operations, named.
pub struct SecurityConsts {
    /// `(requirement as scheme keys, constant name)`, in first-use order.
    consts: Vec<(Vec<Vec<String>>, Ident)>,
}

impl SecurityConsts {
    pub fn new(api: &Api) -> Self {
        let mut names = Namespace::new(Case::ShoutySnake, "SECURITY", &[]);
        let mut consts: Vec<(Vec<Vec<String>>, Ident)> = Vec::new();
        for op in &api.operations {
            let key = requirement_key(op);
            if key.is_empty() || consts.iter().any(|(k, _)| *k == key) {
                continue;
            }
            let raw = key.iter().map(|alternative| alternative.join(" and ")).collect::<Vec<_>>().join(" or ");
            consts.push((key, names.claim(&raw)));
        }
        Self { consts }
    }

    /// The constant holding `op`'s requirement; `None` when it needs no authentication.
    pub fn name_for(&self, op: &Operation) -> Option<proc_macro2::Ident> {
        let key = requirement_key(op);
        self.consts.iter().find(|(k, _)| *k == key).map(|(_, name)| ident(name))
    }
}

impl<'a> Emitter<'a> {
    /// Adds the constants to the client module, each compiled when an operation using it is.
    pub fn emit_security(&'a self, out: &mut OutputSpace<'a>) {
        for (key, name) in &self.security.consts {
            let users = self
                .api
                .operations
                .iter()
                .filter(|op| requirement_key(op) == *key)
                .map(|op| self.features.operation(self.api, op));
            let gate = crate::features::cfg(self.api, &crate::features::Gate::union(users));
            out.add(SourceFile::Client, items(move || self.security_item(key, name)).gated(gate));
        }
    }

    /// `pub(crate) const BEARER_TOKEN: &[&[SecurityScheme]] = &[&[SecurityScheme::ApiKeyHeader { … }]];`
    fn security_item(&self, key: &[Vec<String>], name: &Ident) -> TokenStream {
        {
            let alternatives = key.iter().map(|alternative| {
                let schemes = alternative.iter().filter_map(|key| self.scheme_tokens(key));
                quote!(&[#(#schemes),*])
            });
            let described = key
                .iter()
                .map(|alternative| {
                    alternative.iter().map(|k| format!("`{}`", k.replace('`', "'"))).collect::<Vec<_>>().join(" and ")
                })
                .collect::<Vec<_>>()
                .join(", or ");
            let doc = format!(" Operations that need {described}.");
            let name = ident(name);
            quote! {
                #[doc = #doc]
                pub(crate) const #name: &[&[crate::runtime::SecurityScheme]] = &[#(#alternatives),*];
            }
        }
    }

    /// `SecurityScheme::ApiKeyHeader { name: "api_key", header: "X-API-Key" }`
    fn scheme_tokens(&self, key: &str) -> Option<TokenStream> {
        let scheme = self.api.security_schemes.iter().find(|s| s.key == key)?;
        let name = &scheme.key;
        Some(match &scheme.kind {
            SecurityKind::Basic => quote!(crate::runtime::SecurityScheme::Basic { name: #name }),
            SecurityKind::ApiKeyHeader { header } => {
                quote!(crate::runtime::SecurityScheme::ApiKeyHeader { name: #name, header: #header })
            }
            SecurityKind::ApiKeyQuery { param } => {
                quote!(crate::runtime::SecurityScheme::ApiKeyQuery { name: #name, param: #param })
            }
            SecurityKind::OAuth2 { .. } => quote!(crate::runtime::SecurityScheme::OAuth2 { name: #name }),
        })
    }
}

/// The scheme keys of an operation's security alternatives; only schemes the spec defines.
fn requirement_key(op: &Operation) -> Vec<Vec<String>> {
    op.security.iter().map(|alternative| alternative.iter().map(|used| used.scheme.clone()).collect()).collect()
}

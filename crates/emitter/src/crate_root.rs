//! `src/lib.rs`: the crate docs, the module declarations and the re-exports.

use proc_macro2::TokenStream;
use quote::quote;

use crate::chunks::items;
use crate::context::Emitter;
use crate::output_space::{OutputSpace, SourceFile};

impl<'a> Emitter<'a> {
    pub fn emit_crate_root(&'a self, out: &mut OutputSpace<'a>) {
        out.add(SourceFile::Lib, items(move || self.lib_rs()));
    }

    /// ```text
    /// #![doc = include_str!("../README.md")]
    /// mod client;
    /// pub mod groups; // when grouped by tag
    /// pub mod operations;
    /// pub mod runtime;
    /// pub mod types;
    /// pub use client::Client;
    /// pub use runtime::{Error, ResponseValue, Result};
    /// ```
    fn lib_rs(&self) -> TokenStream {
        let grouped = self.options.group_by == crate::GroupBy::Tag && !self.api.groups.is_empty();
        let groups = grouped.then(|| {
            quote!(
                pub mod groups;
            )
        });
        let recursion_limit = crate::nesting::recursion_limit(self.api).map(|limit| {
            let limit = limit.to_string();
            quote! {
                // The spec's models contain each other along a chain deeper than rustc's drop check
                // follows by default.
                #![recursion_limit = #limit]
            }
        });
        quote! {
            #recursion_limit
            // The README (see `readme.rs`) is the crate docs, so its example is compiled by `cargo test --doc`.
            #![doc = include_str!("../README.md")]
            // Spec prose is Markdown written for web renderers; its list indentation is kept as written rather
            // than rewritten to suit clippy's Markdown style lints.
            #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]
            // Types are as deep as the spec's schemas (`Option<Vec<Option<BTreeMap<String, Option<String>>>>>`
            // for an optional array of nullable maps of nullable strings); naming the parts would invent names
            // the spec does not have.
            #![allow(clippy::type_complexity)]
            #![warn(missing_docs)]

            // Generated modules keep prettyplease's layout; rustfmt would only churn them.
            #[rustfmt::skip]
            mod client;
            #groups
            #[rustfmt::skip]
            pub mod operations;
            pub mod runtime;
            #[rustfmt::skip]
            pub mod types;

            pub use client::Client;
            pub use runtime::{Error, ResponseValue, Result};
        }
    }
}

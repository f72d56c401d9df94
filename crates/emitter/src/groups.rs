//! Operations grouped by tag (`[client] group_by = "tag"`): `client.core_v1().list_namespaced_pod(ns)`. Each
//! group is a `Copy` struct borrowing the client, in its own file `src/groups/<feature>.rs` (so rustdoc gives
//! each group its own page), compiled under its feature; untagged operations stay on the `Client`. With
//! `group_by = "none"` every operation is a `Client` method, still compiled under its tags' features.

use proc_macro2::TokenStream;
use quote::quote;
use swagger2rs_parser::ir::{Group, GroupId, Operation};

use crate::GroupBy;
use crate::chunks::{items, members};
use crate::context::Emitter;
use crate::docs::{doc_attrs, plain_doc_attrs};
use crate::features::cfg;
use crate::output_space::{OutputSpace, SourceFile};
use crate::rust_type::ident;

impl<'a> Emitter<'a> {
    /// The group whose struct holds `op`'s method; `None` when it is a `Client` method.
    pub fn home(&self, op: &Operation) -> Option<GroupId> {
        match self.options.group_by {
            GroupBy::Tag => op.groups.first().copied(),
            GroupBy::None => None,
        }
    }

    /// The name of `op`'s method where it lives.
    pub fn method_name<'o>(&self, op: &'o Operation) -> &'o swagger2rs_parser::naming::Ident {
        if self.home(op).is_some() { &op.group_method } else { &op.name }
    }

    /// A rustdoc link to `op`'s method: ``[`CoreV1::list_namespaced_pod`](crate::groups::CoreV1::list_namespaced_pod)``.
    pub fn method_link(&self, op: &Operation) -> String {
        let method = self.method_name(op);
        match self.home(op) {
            Some(id) => {
                let group = &self.api.group(id).type_name;
                format!("[`{group}::{method}`](crate::groups::{group}::{method})")
            }
            None => format!("[`Client::{method}`](crate::Client::{method})"),
        }
    }

    /// How a caller reaches `op` from `client`: `client.get_issue` or `client.core_v1().list_namespaced_pod`.
    pub fn call_path(&self, op: &Operation) -> String {
        let method = self.method_name(op);
        match self.home(op) {
            Some(id) => format!("client.{}().{method}", self.api.group(id).method),
            None => format!("client.{method}"),
        }
    }

    /// The group accessors on the `Client`, `src/groups/mod.rs` and one file per group.
    pub fn emit_groups(&'a self, out: &mut OutputSpace<'a>) {
        if self.options.group_by != GroupBy::Tag || self.api.groups.is_empty() {
            return;
        }
        out.add(SourceFile::Groups, items(|| quote! { #![doc = " The API's operations by tag, one struct per tag."] }));
        for (index, group) in self.api.groups.iter().enumerate() {
            let id = GroupId(index);
            let gate = cfg(self.api, self.features.group(id));
            out.add(SourceFile::Client, members("Client", move || self.accessor(group)).gated(gate.clone()));
            out.add(SourceFile::Groups, items(move || group_module(group)).gated(gate.clone()));
            out.add(SourceFile::Group(id), items(move || self.group_struct(id, group)));
        }
    }

    /// ```text
    /// /// Operations tagged `core_v1`.
    /// pub fn core_v1(&self) -> crate::groups::CoreV1<'_> { crate::groups::CoreV1 { client: self } }
    /// ```
    fn accessor(&self, group: &Group) -> TokenStream {
        let method = ident(&group.method);
        let name = ident(&group.type_name);
        let docs = plain_doc_attrs(&format!("The operations tagged `{}`.", group.tag.replace('`', "'")));
        quote! {
            #docs
            pub fn #method(&self) -> crate::groups::#name<'_> {
                crate::groups::#name { client: self }
            }
        }
    }

    /// ```text
    /// //! The operations tagged `core_v1`.
    /// pub struct CoreV1<'a> { pub(crate) client: &'a Client }
    /// ```
    /// The methods are added by `operations`.
    fn group_struct(&self, id: GroupId, group: &Group) -> TokenStream {
        let name = ident(&group.type_name);
        let method = group.method.as_str();
        let tag = group.tag.replace('`', "'");
        let mut docs = plain_doc_attrs(&format!(
            "The operations tagged `{tag}`, from [`Client::{method}`](crate::Client::{method})."
        ));
        let description = doc_attrs([group.description.as_deref()]);
        if !description.is_empty() {
            docs.extend(plain_doc_attrs("\n"));
            docs.extend(description);
        }
        // Operations also tagged with this tag live in their first tag's group.
        let elsewhere: Vec<String> = self
            .api
            .operations
            .iter()
            .filter(|op| op.groups.iter().skip(1).any(|g| *g == id))
            .map(|op| format!("- {}", self.method_link(op)))
            .collect();
        if !elsewhere.is_empty() {
            let text =
                format!("\nAlso tagged `{tag}`, and found in their first tag's group:\n\n{}", elsewhere.join("\n"));
            docs.extend(plain_doc_attrs(&text));
        }
        quote! {
            #docs
            #[derive(Clone, Copy, Debug)]
            pub struct #name<'a> {
                pub(crate) client: &'a crate::Client,
            }
        }
    }
}

/// `mod core_v1; pub use self::core_v1::CoreV1;`
fn group_module(group: &Group) -> TokenStream {
    let module = ident(&group.feature);
    let name = ident(&group.type_name);
    quote! {
        #[rustfmt::skip]
        mod #module;
        // `self::`, because a tag may be named like a crate in scope (`core`, `std`).
        pub use self::#module::#name;
    }
}

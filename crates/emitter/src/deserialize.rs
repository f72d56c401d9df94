//! `Deserialize` for plain structs, written out instead of derived.
//!
//! serde's derive expands to a field enum with its own visitor, a sequence visitor and a map visitor per
//! struct; on the Kubernetes crate that code was 41% of a cold `cargo check`. A model only ever arrives as
//! a JSON object, so the generator writes one `FromMap` impl per struct that matches each key to its field
//! and leaves the per-key work to the runtime's generic helpers (`runtime/de.rs`), which behave as the
//! derive does for objects. Structs the helpers do not cover keep the derive: a flattened member
//! (`additionalProperties`, a composed parent) needs serde's buffering of unclaimed entries, and configured
//! `#[serde]` attributes could change anything.
//!
//! ```text
//! impl<'de> serde::Deserialize<'de> for Pet {
//!     fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
//!         crate::runtime::de::deserialize_struct(deserializer, "Pet", &["name", "photoUrls", "tag"])
//!     }
//! }
//! impl<'de> crate::runtime::de::FromMap<'de> for Pet {
//!     fn from_map<__A: serde::de::MapAccess<'de>>(mut __map: __A) -> Result<Self, __A::Error> {
//!         let mut name: Option<String> = None;
//!         let mut photo_urls: Option<Vec<String>> = None;
//!         let mut tag: Option<Option<String>> = None;
//!         while let Some(__key) = __map.next_key::<crate::runtime::de::Key<'de>>()? {
//!             match __key.as_str() {
//!                 "name" => crate::runtime::de::field(&mut name, &mut __map, "name")?,
//!                 "photoUrls" => crate::runtime::de::collection_field(&mut photo_urls, &mut __map, "photoUrls")?,
//!                 "tag" => crate::runtime::de::field(&mut tag, &mut __map, "tag")?,
//!                 _ => crate::runtime::de::skip(&mut __map)?,
//!             }
//!         }
//!         Ok(Self {
//!             name: crate::runtime::de::required::<__A, _>(name, "name")?,
//!             photo_urls: crate::runtime::de::required::<__A, _>(photo_urls, "photoUrls")?,
//!             tag: tag.flatten(),
//!         })
//!     }
//! }
//! ```

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;
use swagger2rs_parser::ir::{Presence, Struct, TypeDef};

use crate::context::Emitter;
use crate::rust_type::ident;
use crate::types::{declared_type, default_fn_name, field_default};

/// The names the written impl binds besides the fields' own.
const MAP: &str = "__map";
const KEY: &str = "__key";
/// The type parameter of `from_map`. Its body names the fields' types, so a model of the same name would be
/// shadowed there: no model name starts with `__` (see `swagger2rs_parser::naming`).
const ACCESS: &str = "__A";

/// Whether `s` gets a written-out `Deserialize` rather than the derive; `attributes` are the configured
/// model attributes. A struct without fields keeps the derive too: it costs little, and its `match` would
/// have only the fallback arm.
pub(crate) fn writes_own(s: &Struct, attributes: &[TokenStream]) -> bool {
    let mut wire_names = BTreeSet::new();
    !s.fields.is_empty()
        && s.additional_properties.is_none()
        && s.fields.iter().all(|f| !f.flatten && f.name.as_str() != MAP && f.name.as_str() != KEY)
        && s.fields.iter().all(|f| wire_names.insert(f.wire_name.as_str()))
        && !attributes.iter().any(|a| a.to_string().contains("serde"))
}

impl Emitter<'_> {
    /// The `Deserialize` and `FromMap` impls of `def`, a struct for which [`writes_own`] holds. A required
    /// array or map reads `null` as empty (`collection_field`) unless `[types] nulls = "strict"` (see
    /// [`crate::nulls`]).
    pub(crate) fn deserialize_impls(&self, def: &TypeDef, s: &Struct) -> TokenStream {
        let api = self.api;
        let name = ident(&def.name);
        let type_name = def.name.as_str();
        let map = quote::format_ident!("{MAP}");
        let key = quote::format_ident!("{KEY}");
        let access = quote::format_ident!("{ACCESS}");
        let wire_names: Vec<&str> = s.fields.iter().map(|f| f.wire_name.as_str()).collect();
        let mut slots = Vec::new();
        let mut arms = Vec::new();
        let mut values = Vec::new();
        for f in &s.fields {
            let slot = ident(&f.name);
            let ty = declared_type(api, f);
            let wire = f.wire_name.as_str();
            let presence = f.presence();
            slots.push(quote!(let mut #slot: Option<#ty> = None;));
            let read = match presence {
                Presence::OptionalNullable => quote!(nullable_field),
                Presence::Required if self.null_as_empty_field(f) => quote!(collection_field),
                _ => quote!(field),
            };
            arms.push(quote!(#wire => crate::runtime::de::#read(&mut #slot, &mut #map, #wire)?,));
            let value = match presence {
                Presence::Required => quote!(crate::runtime::de::required::<#access, _>(#slot, #wire)?),
                Presence::Optional | Presence::OptionalNullable if field_default(api, f).is_some() => {
                    let function = default_fn_name(f);
                    quote!(#slot.unwrap_or_else(Self::#function))
                }
                // Absent reads as `None`, as serde's derive reads an absent `Option` field.
                _ => quote!(#slot.flatten()),
            };
            values.push(quote!(#slot: #value,));
        }
        let unknown = if s.deny_unknown {
            quote!(_ => return Err(crate::runtime::de::unknown::<#access>(&#key, &[#(#wire_names),*])),)
        } else {
            quote!(_ => crate::runtime::de::skip(&mut #map)?,)
        };
        quote! {
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    crate::runtime::de::deserialize_struct(deserializer, #type_name, &[#(#wire_names),*])
                }
            }

            impl<'de> crate::runtime::de::FromMap<'de> for #name {
                // The locals are named after the fields, which clippy's name lints do not check on fields.
                #[allow(clippy::disallowed_names, clippy::just_underscores_and_digits)]
                fn from_map<#access: serde::de::MapAccess<'de>>(mut #map: #access) -> Result<Self, #access::Error> {
                    #(#slots)*
                    while let Some(#key) = #map.next_key::<crate::runtime::de::Key<'de>>()? {
                        match #key.as_str() {
                            #(#arms)*
                            #unknown
                        }
                    }
                    Ok(Self { #(#values)* })
                }
            }
        }
    }
}

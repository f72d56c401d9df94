//! A serde model of the whole Swagger 2.0 document, as written (before `$ref`s are followed).
//!
//! The model is deliberately faithful rather than convenient: every field the specification defines is here,
//! optional where the specification (or real-world practice) lets it be absent, so that lowering can tell
//! "absent" from "default" and warn about lenient repairs. Vendor extensions (`x-…`) are kept on every object
//! that commonly carries them.

mod document;
mod extensions;
mod operation;
mod paging;
mod reference;
mod schema;

pub use document::*;
pub use extensions::Extensions;
pub use operation::*;
pub use paging::*;
pub use reference::RefOr;
pub use schema::*;

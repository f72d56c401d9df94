//! `swagger2rs-overlay`: applies [OpenAPI Overlay Specification 1.0.0](https://spec.openapis.org/overlay/v1.0.0.html)
//! documents to a spec's JSON tree before it is lowered.
//!
//! Real specs are wrong in ways no generator can guess (untyped parameters, missing enums, bogus formats). An
//! overlay lets users fix them in a separate file, without forking the spec. Overlays act on the JSON tree, so
//! they apply to Swagger 2.0 documents exactly as to OpenAPI 3 ones.
//!
//! ```
//! let text = r"
//! overlay: 1.0.0
//! info: {title: Type maxResults, version: 1.0.0}
//! actions:
//!   - target: $.paths.*.*.parameters[?@.name=='maxResults']
//!     update: {type: integer, format: int32}
//! ";
//! let overlay = swagger2rs_overlay::parse_overlay("fix.yaml", text)
//! .expect("a valid overlay");
//! let mut spec = serde_json::json!({
//!     "swagger": "2.0",
//!     "paths": {"/search": {"get": {"parameters": [{"name": "maxResults", "in": "query"}]}}}
//! });
//! let diagnostics = swagger2rs_overlay::apply(&mut spec, &overlay);
//! assert!(diagnostics.is_empty());
//! assert_eq!(
//!     spec["paths"]["/search"]["get"]["parameters"][0],
//!     serde_json::json!({"name": "maxResults", "in": "query", "type": "integer", "format": "int32"})
//! );
//! ```

mod apply;
mod document;
mod merge;
mod select;

pub use apply::{apply, apply_all};
pub use document::{Action, Info, Overlay, load_overlay, parse_overlay};

//! `swagger2rs-parser`: loads a Swagger 2.0 spec (YAML or JSON, possibly spread over several files) and lowers
//! it into the [`ir`], reporting located [`diagnostic`]s.
//!
//! ```no_run
//! let spec = swagger2rs_parser::load(std::path::Path::new("spec/jira.yaml"));
//! for d in &spec.diagnostics {
//!     eprintln!("{d}");
//! }
//! if let Some(api) = spec.api {
//!     println!("{} operations", api.operations.len());
//! }
//! ```

pub mod diagnostic;
mod duplicate_keys;
mod encoding;
pub mod ir;
mod lenient_json;
pub mod locate;
mod lower;
pub mod media;
pub mod model;
pub mod naming;
pub mod pointer;
pub mod source;

use std::path::{Path, PathBuf};

pub use diagnostic::{Code, Diagnostic, Diagnostics, Location, Severity};
pub use lower::{PAGINATION_EXTENSION, parse_path_template};
pub use source::Sources;

/// The result of reading a spec: the API when the document could be read as Swagger 2.0 at all, and every
/// finding. `api` is `None` only for fatal problems (unreadable file, bad syntax, not Swagger 2.0).
#[derive(Debug)]
pub struct Loaded {
    pub api: Option<ir::Api>,
    pub diagnostics: Diagnostics,
}

/// Loads and lowers the spec at `path`, following references into other files relative to it.
pub fn load(path: &Path) -> Loaded {
    from_sources(Sources::load(path))
}

/// Like [`load`], with external references also allowed into `options.extra_ref_roots`.
pub fn load_with(path: &Path, options: &source::LoadOptions) -> Loaded {
    from_sources(Sources::load_with(path, options))
}

/// Loads and lowers an in-memory spec; `path` names it in diagnostics and anchors relative `$ref`s.
pub fn load_str(path: impl Into<PathBuf>, text: impl Into<String>) -> Loaded {
    from_sources(Sources::from_text(path, text.into()))
}

/// Lowers an already loaded set of sources (e.g. after overlays were applied to the documents).
pub fn lower(sources: &Sources) -> Loaded {
    lower_with(sources, &naming::Renames::default())
}

/// Like [`lower`], with names chosen by configuration applied while names are decided.
pub fn lower_with(sources: &Sources, renames: &naming::Renames) -> Loaded {
    lower_configured(sources, renames, &model::PagingRules::default())
}

/// Like [`lower_with`], with configured paging rules (`[pagination]` in `swagger2rs.toml`) decided alongside
/// the spec's own paging extensions.
pub fn lower_configured(sources: &Sources, renames: &naming::Renames, paging: &model::PagingRules) -> Loaded {
    let mut diagnostics = Diagnostics::default();
    match lower::check_version(sources) {
        Ok(warning) => diagnostics.extend(warning),
        Err(error) => {
            diagnostics.push(error);
            sources.locate(&mut diagnostics);
            return Loaded { api: None, diagnostics };
        }
    }
    let (api, found) = lower::lower(sources, renames, paging);
    diagnostics.extend(found);
    sources.locate(&mut diagnostics);
    Loaded { api: Some(api), diagnostics }
}

fn from_sources(sources: Result<Sources, Diagnostic>) -> Loaded {
    match sources {
        Ok(sources) => lower(&sources),
        Err(d) => {
            let mut diagnostics = Diagnostics::default();
            diagnostics.push(d);
            Loaded { api: None, diagnostics }
        }
    }
}

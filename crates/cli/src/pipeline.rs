//! From files on disk to what the emitter needs: spec → overlays → lowering → configuration.

use std::path::{Path, PathBuf};

use swagger2rs_emitter::Options;
use swagger2rs_parser::ir::Api;
use swagger2rs_parser::source::LoadOptions;
use swagger2rs_parser::{Diagnostics, Sources};

use crate::config::Config;

/// What to read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    pub spec: PathBuf,
    /// Applied in order, before lowering.
    pub overlays: Vec<PathBuf>,
    pub config: Option<PathBuf>,
    /// Directories external `$ref`s may read besides the spec's repository checkout (or, outside any, its own
    /// directory tree); the configuration's `[spec] allow_ref_roots` are added to these.
    pub ref_roots: Vec<PathBuf>,
}

/// The API ready to emit (`None` when reading failed fatally), the emitter options, and every finding from
/// the spec, the overlays and the configuration.
#[derive(Debug)]
pub struct Prepared {
    pub api: Option<Api>,
    pub options: Options,
    pub diagnostics: Diagnostics,
}

impl Prepared {
    /// The API, if there was no error anywhere.
    pub fn api_without_errors(&self) -> Option<&Api> {
        self.api.as_ref().filter(|_| !self.diagnostics.has_errors())
    }
}

/// Runs the whole front end; `default_crate_name` is used when neither the caller nor the configuration
/// names the crate.
pub fn prepare(inputs: &Inputs, default_crate_name: &str) -> Prepared {
    let mut diagnostics = Diagnostics::default();
    let config = match &inputs.config {
        Some(path) => match Config::load(path) {
            Ok(config) => config,
            Err(d) => {
                diagnostics.push(d);
                Config::default()
            }
        },
        None => Config::default(),
    };
    let options = options(&config, &inputs.spec, default_crate_name);
    let inputs = &Inputs { ref_roots: [inputs.ref_roots.clone(), config.ref_roots()].concat(), ..inputs.clone() };
    let api = match patched_sources(inputs, &mut diagnostics) {
        Some(sources) => {
            let loaded = swagger2rs_parser::lower_configured(&sources, &config.renames(), &config.paging_rules());
            diagnostics.extend(loaded.diagnostics);
            loaded.api.map(|mut api| {
                diagnostics.extend(config.apply(&mut api));
                api
            })
        }
        None => None,
    };
    Prepared { api, options, diagnostics }
}

/// The spec's sources with every overlay applied to the root document.
pub fn patched_sources(inputs: &Inputs, diagnostics: &mut Diagnostics) -> Option<Sources> {
    let options = LoadOptions { extra_ref_roots: inputs.ref_roots.clone(), ..LoadOptions::default() };
    let mut sources = match Sources::load_with(&inputs.spec, &options) {
        Ok(sources) => sources,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    for path in &inputs.overlays {
        match swagger2rs_overlay::load_overlay(path) {
            Ok(overlay) => {
                diagnostics.extend(sources.patch_root(|document| swagger2rs_overlay::apply(document, &overlay)))
            }
            Err(found) => diagnostics.extend(found),
        }
    }
    Some(sources)
}

fn options(config: &Config, spec: &Path, default_crate_name: &str) -> Options {
    let spec_name = spec.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut options =
        Options::new(config.crate_.name.clone().unwrap_or_else(|| default_crate_name.to_owned()), spec_name);
    if let Some(version) = &config.crate_.version {
        options.crate_version = version.clone();
    }
    options.description = config.crate_.description.clone();
    options.base_url_template = config.client.base_url_template.clone();
    options.extra_dependencies = config.extra_dependencies();
    options.derives = config.types.derives.clone();
    options.attributes = config.types.attributes.clone();
    options.group_by = config.client.group_by.into();
    options.nulls = config.types.nulls.into();
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `[spec] allow_ref_roots` widens what the spec's references may read, relative to the configuration.
    #[test]
    fn configured_ref_roots_widen_what_references_may_read() {
        let dir = std::env::temp_dir().join(format!("swagger2rs-ref-roots-{}", std::process::id()));
        let write = |path: &str, text: &str| {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("common/types.yaml", "type: object\nproperties: {a: {type: string}}\n");
        write(
            "api/spec.yaml",
            "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  T: {$ref: '../common/types.yaml'}\n",
        );
        write("api/swagger2rs.toml", "[spec]\nallow_ref_roots = [\"../common\"]\n");
        let refused = |config: Option<PathBuf>| {
            let inputs = Inputs { spec: dir.join("api/spec.yaml"), config, ..Inputs::default() };
            let prepared = prepare(&inputs, "t");
            prepared.diagnostics.iter().any(|d| d.message.contains("outside the directories"))
        };
        let (without, with) = (refused(None), refused(Some(dir.join("api/swagger2rs.toml"))));
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(without, "refused without the key");
        assert!(!with, "read with the key");
    }
}

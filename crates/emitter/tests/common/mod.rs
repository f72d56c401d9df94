//! Shared helpers: emitting a fixture spec from `spec/fixtures/` in memory.
#![allow(dead_code, reason = "each test binary uses only some of these helpers")]

use std::path::PathBuf;

use swagger2rs_emitter::{GeneratedFile, Options};

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../spec/fixtures").join(name)
}

/// Emits the crate for `spec/fixtures/<name>`, failing on any spec error.
pub fn emit(name: &str) -> Vec<GeneratedFile> {
    let loaded = swagger2rs_parser::load(&fixture_path(name));
    let errors: Vec<String> = loaded.diagnostics.errors().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{name} has errors: {errors:#?}");
    let api = loaded.api.expect("a Swagger 2.0 document");
    let options = Options::new("fixture", name);
    swagger2rs_emitter::generate(&api, &options).expect("the emitter produces valid Rust")
}

/// The contents of one generated file.
pub fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    &files.iter().find(|f| f.path == std::path::Path::new(path)).unwrap_or_else(|| panic!("no {path}")).contents
}

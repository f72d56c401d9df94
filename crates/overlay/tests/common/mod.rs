//! Helpers shared by the integration tests: loading fixtures, applying overlays, comparing JSON exactly.
#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;
use swagger2rs_overlay::Overlay;
use swagger2rs_parser::source::SourceFile;
use swagger2rs_parser::{Code, Diagnostic, Diagnostics, Severity};

/// The path of a fixture under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Loads an overlay fixture that must parse.
pub fn overlay(name: &str) -> Overlay {
    swagger2rs_overlay::load_overlay(&fixture(name))
        .unwrap_or_else(|d| panic!("{name}: overlay does not parse:\n{}", show(&d)))
}

/// Loads a YAML or JSON document fixture (the spec an overlay is applied to).
pub fn document(name: &str) -> Value {
    let path = fixture(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    SourceFile::parse(path, text).unwrap_or_else(|d| panic!("{name}: {d}")).value
}

/// Applies overlay fixture `overlay_name` to document fixture `document_name`; the result and the diagnostics.
pub fn apply(document_name: &str, overlay_name: &str) -> (Value, Vec<Diagnostic>) {
    let mut doc = document(document_name);
    let diagnostics = swagger2rs_overlay::apply(&mut doc, &overlay(overlay_name));
    (doc, diagnostics.into_vec())
}

/// Applies an overlay that must produce no diagnostic at all; the resulting document.
pub fn apply_clean(document_name: &str, overlay_name: &str) -> Value {
    let (doc, diagnostics) = apply(document_name, overlay_name);
    assert!(diagnostics.is_empty(), "{overlay_name}: unexpected diagnostics:\n{}", show(&diagnostics));
    doc
}

/// Asserts two documents are equal including the order of object keys (which `Value`'s `==` ignores).
#[track_caller]
pub fn assert_json(actual: &Value, expected: &Value) {
    let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap();
    assert_eq!(pretty(actual), pretty(expected));
}

/// Renders diagnostics for assertion messages.
pub fn show<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> String {
    diagnostics.into_iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

/// What a test checks of a diagnostic: severity, code, pointer, line:column.
pub type Finding = (Severity, Code, String, Option<(u32, u32)>);

/// The [`Finding`] of each diagnostic, in order.
pub fn findings(diagnostics: &[Diagnostic]) -> Vec<Finding> {
    diagnostics
        .iter()
        .map(|d| {
            let at = d.location.line_col.map(|lc| (lc.line, lc.column));
            (d.severity, d.code, d.location.pointer.as_str().to_owned(), at)
        })
        .collect()
}

/// The errors of a failed parse, as a vector.
pub fn parse_errors(name: &str, text: &str) -> Vec<Diagnostic> {
    match swagger2rs_overlay::parse_overlay(name, text) {
        Ok(_) => panic!("{name}: expected the overlay to be rejected"),
        Err(diagnostics) => {
            assert!(diagnostics.has_errors(), "{name}: rejected without an error:\n{}", show(&diagnostics));
            Diagnostics::into_vec(diagnostics)
        }
    }
}

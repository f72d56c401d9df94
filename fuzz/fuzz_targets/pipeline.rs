//! The whole front and back end on arbitrary text: load → overlay → lower → emit.
//!
//! Input: a spec (YAML, or JSON when it starts with `{`), optionally followed by a line `#@overlay` and an
//! Overlay 1.0 document applied to it. Everything stays in memory: the spec is named by a path in a directory
//! that does not exist, so the external `$ref`s it may contain find nothing to read.
//!
//! Findings: any panic; an emitter that produces invalid Rust (`EmitError`) for a spec accepted without
//! errors, since that is a bug in the emitter and never the spec's fault; and anything slower than
//! libFuzzer's `-timeout`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use swagger2rs_emitter::Options;
use swagger2rs_parser::Sources;

/// Separates the spec from the overlay applied to it.
const OVERLAY_LINE: &str = "\n#@overlay\n";

/// Where the in-memory spec claims to live: a directory that does not exist, so references find no files.
const SPEC_PATH: &str = "/nonexistent/swagger2rs-fuzz/spec.yaml";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (spec, overlay) = match text.split_once(OVERLAY_LINE) {
        Some((spec, overlay)) => (spec, Some(overlay)),
        None => (text, None),
    };
    let Ok(mut sources) = Sources::from_text(SPEC_PATH, spec.to_owned()) else { return };
    if let Some(overlay) = overlay
        && let Ok(overlay) = swagger2rs_overlay::parse_overlay("/nonexistent/swagger2rs-fuzz/overlay.yaml", overlay)
    {
        let found = sources.patch_root(|document| swagger2rs_overlay::apply(document, &overlay));
        render(&found);
    }
    let loaded = swagger2rs_parser::lower(&sources);
    render(&loaded.diagnostics);
    let Some(api) = loaded.api.filter(|_| !loaded.diagnostics.has_errors()) else { return };
    let options = Options::new("fuzzed", "spec.yaml");
    if let Err(error) = swagger2rs_emitter::generate(&api, &options) {
        panic!("a spec accepted without errors emitted invalid Rust: {error}");
    }
});

/// Displays every diagnostic, as the command-line tool does, so formatting locations and messages is covered.
fn render(diagnostics: &swagger2rs_parser::Diagnostics) {
    for diagnostic in diagnostics {
        std::hint::black_box(diagnostic.to_string());
    }
}

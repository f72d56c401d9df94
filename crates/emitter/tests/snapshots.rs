//! What the emitter writes that `generated/` does not show.
//!
//! The checked-in crates under `generated/` are the one golden copy of every fixture's full output: a change
//! to the emitter shows up there as a diff, reviewed once, and the drift check (`cargo xtask codegen --check`,
//! also run by `cargo test`) fails until it is regenerated. Snapshots here cover only output no checked-in
//! crate contains: options no fixture enables and diagnostics.

mod common;

use common::emit;

#[test]
fn output_is_byte_identical_across_runs() {
    for fixture in ["models.yaml", "security.yaml", "hostile.yaml", "kitchen_sink.yaml"] {
        assert_eq!(emit(fixture), emit(fixture), "{fixture}");
    }
}

/// Every finding the parser reports for the fixture specs (the lenient repairs their crates are built with).
#[test]
fn fixture_diagnostics() {
    let mut fixtures: Vec<String> = std::fs::read_dir(common::fixture_path(""))
        .expect("spec/fixtures is readable")
        .map(|entry| entry.expect("directory entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml") || name.ends_with(".json"))
        .collect();
    fixtures.sort();
    let mut out = String::new();
    for fixture in fixtures {
        let loaded = swagger2rs_parser::load(&common::fixture_path(&fixture));
        out.push_str(&format!("== {fixture}\n"));
        for d in loaded.diagnostics.iter() {
            let at = d.location.line_col.map(|l| format!("{}:{}", l.line, l.column)).unwrap_or_default();
            out.push_str(&format!("{} {at} {} {}: {}\n", d.severity, d.location.pointer, d.code, d.message));
        }
    }
    insta::assert_snapshot!(out);
}

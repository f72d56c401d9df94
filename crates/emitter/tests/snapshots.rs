//! Snapshots of what the emitter writes for each fixture spec: a change to the emitter shows up here as a diff
//! to review with `cargo insta review`. (The same fixtures are generated into checked-in crates under
//! `generated/`, where the workspace build compiles, lints and documents them.)

mod common;

use common::{emit, file};

/// The generated modules of one fixture, as one snapshot (the runtime is copied verbatim and not repeated).
fn snapshot(fixture: &str) -> String {
    let files = emit(fixture);
    ["Cargo.toml", "src/lib.rs", "src/client.rs", "src/operations.rs", "src/types.rs"]
        .iter()
        .map(|path| format!("===== {path} =====\n{}", file(&files, path)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn collection_formats() {
    insta::assert_snapshot!(snapshot("collection_formats.yaml"));
}

#[test]
fn security() {
    insta::assert_snapshot!(snapshot("security.yaml"));
}

#[test]
fn models() {
    insta::assert_snapshot!(snapshot("models.yaml"));
}

#[test]
fn responses() {
    insta::assert_snapshot!(snapshot("responses.yaml"));
}

#[test]
fn kitchen_sink() {
    insta::assert_snapshot!(snapshot("kitchen_sink.yaml"));
}

#[test]
fn hostile() {
    insta::assert_snapshot!(snapshot("hostile.yaml"));
}

#[test]
fn output_is_byte_identical_across_runs() {
    for fixture in ["models.yaml", "security.yaml", "hostile.yaml"] {
        assert_eq!(emit(fixture), emit(fixture), "{fixture}");
    }
}

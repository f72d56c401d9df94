//! The tagged fixture's crate compiles without a warning or an error under its default features, with none,
//! and with each tag's feature alone: every operation, type and constant is gated by exactly what uses it.
//!
//! `cargo check` only, in this build's own target directory, so the dependencies are the ones already built
//! and each run checks just the one small crate (a few seconds per feature set).

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The target directory this test binary was built in (`<target>/debug/deps/features-…`).
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    exe.ancestors().nth(3).expect("<target>/debug/deps/…").to_path_buf()
}

/// The features the crate declares, from its manifest.
fn features(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).expect("read the manifest");
    let manifest: toml::Table = toml::from_str(&text).expect("the manifest parses");
    manifest["features"].as_table().expect("a [features] table").keys().cloned().collect()
}

/// Runs `cargo check` on the crate with `args`; the compiler's warnings and errors, if any.
fn check(manifest: &Path, args: &[&str]) -> Option<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["check", "--quiet", "--manifest-path"])
        .arg(manifest)
        .args(args)
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .expect("run cargo check");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (!output.status.success() || stderr.contains("warning") || stderr.contains("error")).then_some(stderr)
}

#[test]
fn the_tags_crate_compiles_clean_under_every_feature_set() {
    let manifest = workspace().join("generated/tags/Cargo.toml");
    let features = features(&manifest);
    let tags: Vec<&str> =
        features.iter().map(String::as_str).filter(|f| !["default", "full", "tracing"].contains(f)).collect();
    assert_eq!(tags, ["admin", "full_", "pets", "store_orders", "store_orders_2"], "one feature per tag");
    let mut sets: Vec<Vec<&str>> = vec![vec![], vec!["--no-default-features"], vec!["--features", "tracing"]];
    sets.extend(tags.iter().map(|tag| vec!["--no-default-features", "--features", tag]));
    let failures: Vec<String> = sets
        .iter()
        .filter_map(|args| check(&manifest, args).map(|output| format!("cargo check {}:\n{output}", args.join(" "))))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A sample of the Jira crate's feature sets: none, and single tags whose operations page (`worklog`, whose
/// builder has `stream()`/`pages()` in an `impl` block of its own) or share many models (`issue`). Every
/// item emitted for an operation must be gated like the operation, or one of these fails to compile.
#[test]
fn the_jira_crate_compiles_clean_under_a_sample_of_feature_sets() {
    let manifest = workspace().join("generated/jira/Cargo.toml");
    let features = features(&manifest);
    for tag in ["worklog", "issue"] {
        assert!(features.iter().any(|f| f == tag), "jira declares the `{tag}` feature");
    }
    let sets: [&[&str]; 3] = [
        &["--no-default-features"],
        &["--no-default-features", "--features", "worklog"],
        &["--no-default-features", "--features", "issue"],
    ];
    let failures: Vec<String> = sets
        .iter()
        .filter_map(|args| check(&manifest, args).map(|output| format!("cargo check {}:\n{output}", args.join(" "))))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

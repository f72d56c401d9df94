//! Compiles the batch with `cargo clippy` and documents it with `cargo doc` (both with all features, so code
//! behind the clients' `tracing` feature is checked too), and turns every message about it into a finding.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::Finding;
use crate::batch;

/// Runs clippy on the batch at `dir`, building dependencies in `target`.
pub fn clippy(dir: &Path, target: &Path) -> Result<Vec<Finding>, String> {
    cargo(dir, target, "clippy")
}

/// Runs rustdoc on the batch (not its dependencies): broken links, bare URLs and stray HTML in the docs made
/// from spec prose are findings too.
pub fn rustdoc(dir: &Path, target: &Path) -> Result<Vec<Finding>, String> {
    cargo(dir, target, "doc")
}

fn cargo(dir: &Path, target: &Path, subcommand: &str) -> Result<Vec<Finding>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command.args([subcommand, "--all-features", "--message-format=json", "--manifest-path"]);
    command.arg(dir.join("Cargo.toml")).env("CARGO_TARGET_DIR", target);
    if subcommand == "doc" {
        command.arg("--no-deps");
    }
    let output = command.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let findings: Vec<Finding> = stdout.lines().filter_map(finding).collect();
    if !output.status.success() && findings.is_empty() {
        return Err(format!("cargo {subcommand} failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    Ok(findings)
}

/// The finding in one line of cargo's JSON output, if it is a compiler message about the batch.
fn finding(line: &str) -> Option<Finding> {
    let value: Value = serde_json::from_str(line).ok()?;
    if value["reason"] != "compiler-message" || !value["target"]["name"].as_str()?.starts_with("oracle") {
        return None;
    }
    let message = &value["message"];
    let spans = message["spans"].as_array()?;
    let primary = spans.iter().find(|s| s["is_primary"] == true).or(spans.first());
    // The closing "N warnings emitted" / "aborting due to …" lines point nowhere and repeat the others.
    primary?;
    let case = primary.and_then(|s| batch::case_of(s["file_name"].as_str()?)).map(str::to_owned);
    let rendered = message["rendered"].as_str().unwrap_or_else(|| message["message"].as_str().unwrap_or_default());
    Some(Finding::Compile { case, message: rendered.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::finding;
    use crate::Finding;

    #[test]
    fn compiler_messages_of_the_batch_become_findings_with_their_seed() {
        let line = r#"{"reason":"compiler-message","target":{"name":"oracle_batch"},"message":{"rendered":"warning: unused","message":"unused","spans":[{"file_name":"cases/seed_7/src/types.rs","is_primary":true}]}}"#;
        match finding(line) {
            Some(Finding::Compile { case, message }) => {
                assert_eq!(case.as_deref(), Some("seed_7"));
                assert_eq!(message, "warning: unused");
            }
            other => panic!("{other:?}"),
        }
        let summary = r#"{"reason":"compiler-message","target":{"name":"oracle_batch"},"message":{"rendered":"warning: 1 warning emitted","spans":[]}}"#;
        assert!(finding(summary).is_none());
        let dependency = r#"{"reason":"compiler-message","target":{"name":"reqwest"},"message":{"rendered":"x","spans":[{"file_name":"a.rs","is_primary":true}]}}"#;
        assert!(finding(dependency).is_none());
        assert!(finding(r#"{"reason":"build-finished","success":true}"#).is_none());
    }
}

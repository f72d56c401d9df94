//! The table of generated crates and the write/check passes over it.

use std::path::{Path, PathBuf};

use swagger2rs_emitter::output::{check_crate, write_crate};
use swagger2rs_emitter::{GeneratedFile, Options};

/// A checked-in crate and the spec it is generated from (paths relative to the workspace root).
pub struct Target {
    pub spec: &'static str,
    pub dir: &'static str,
    pub crate_name: &'static str,
}

/// Every crate under `generated/`: the Jira client users depend on, and fixture clients whose behaviour the
/// end-to-end tests check on the wire.
pub const TARGETS: &[Target] = &[
    Target { spec: "spec/jira.yaml", dir: "generated/jira", crate_name: "jira" },
    Target {
        spec: "spec/fixtures/collection_formats.yaml",
        dir: "generated/collection_formats",
        crate_name: "collection_formats",
    },
    Target { spec: "spec/fixtures/security.yaml", dir: "generated/security", crate_name: "security" },
    Target { spec: "spec/fixtures/hostile.yaml", dir: "generated/hostile", crate_name: "hostile" },
    Target { spec: "spec/fixtures/models.yaml", dir: "generated/models", crate_name: "models" },
    Target { spec: "spec/fixtures/responses.yaml", dir: "generated/responses", crate_name: "responses" },
    Target { spec: "spec/fixtures/forms.yaml", dir: "generated/forms", crate_name: "forms" },
];

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

pub fn run(mode: Mode) -> Result<(), String> {
    let root = workspace_root();
    let mut problems = Vec::new();
    for target in TARGETS {
        let files = generate(&root, target)?;
        let dir = root.join(target.dir);
        match mode {
            Mode::Write => {
                write_crate(&dir, &files).map_err(|e| format!("writing {}: {e}", dir.display()))?;
                println!("generated {} from {} ({} files)", target.dir, target.spec, files.len());
            }
            Mode::Check => {
                let drift = check_crate(&dir, &files).map_err(|e| format!("reading {}: {e}", dir.display()))?;
                problems.extend(drift.iter().map(ToString::to_string));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("generated crates are stale; run `cargo xtask codegen`:\n  {}", problems.join("\n  ")))
    }
}

/// Loads the target's spec and emits its crate; errors in the spec fail the run (warnings are expected:
/// real specs need lenient repairs, and `swagger2rs check` lists them).
pub fn generate(root: &Path, target: &Target) -> Result<Vec<GeneratedFile>, String> {
    let spec = root.join(target.spec);
    let loaded = swagger2rs_parser::load(&spec);
    let errors: Vec<String> = loaded.diagnostics.errors().map(ToString::to_string).collect();
    let api = match loaded.api {
        Some(api) if errors.is_empty() => api,
        _ => return Err(format!("{} has errors:\n{}", target.spec, errors.join("\n"))),
    };
    let options = Options {
        crate_name: target.crate_name.to_owned(),
        crate_version: "0.1.0".to_owned(),
        spec_name: Path::new(target.spec).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
    };
    swagger2rs_emitter::generate(&api, &options).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    /// Fails when a checked-in generated crate differs from what the generator emits now.
    #[test]
    fn generated_crates_are_fresh() {
        if let Err(message) = super::run(super::Mode::Check) {
            panic!("{message}");
        }
    }
}

//! The table of generated crates and the write/check passes over it.

use std::path::{Path, PathBuf};

use swagger2rs::pipeline::Inputs;
use swagger2rs_emitter::GeneratedFile;
use swagger2rs_emitter::output::{check_crate, write_crate};

/// A checked-in crate and what it is generated from (paths relative to the workspace root).
pub struct Target {
    pub spec: &'static str,
    /// Overlays applied to the spec, in order.
    pub overlays: &'static [&'static str],
    pub config: Option<&'static str>,
    pub dir: &'static str,
    pub crate_name: &'static str,
}

impl Target {
    const fn fixture(spec: &'static str, dir: &'static str, crate_name: &'static str) -> Self {
        Self { spec, overlays: &[], config: None, dir, crate_name }
    }
}

/// Every crate under `generated/`: the Jira client users depend on (the raw seed spec, fixed by our overlay),
/// and fixture clients whose behaviour the end-to-end tests check on the wire.
pub const TARGETS: &[Target] = &[
    Target {
        spec: "spec/jira.yaml",
        overlays: &["spec/jira.overlay.yaml"],
        config: Some("spec/jira.swagger2rs.toml"),
        dir: "generated/jira",
        crate_name: "jira",
    },
    Target::fixture("spec/fixtures/collection_formats.yaml", "generated/collection_formats", "collection_formats"),
    Target::fixture("spec/fixtures/security.yaml", "generated/security", "security"),
    Target::fixture("spec/fixtures/hostile.yaml", "generated/hostile", "hostile"),
    Target {
        spec: "spec/fixtures/models.yaml",
        overlays: &[],
        config: Some("spec/fixtures/models.swagger2rs.toml"),
        dir: "generated/models",
        crate_name: "models",
    },
    Target::fixture("spec/fixtures/responses.yaml", "generated/responses", "responses"),
    Target::fixture("spec/fixtures/forms.yaml", "generated/forms", "forms"),
    Target {
        spec: "spec/fixtures/kitchen_sink.yaml",
        overlays: &[],
        config: Some("spec/fixtures/kitchen_sink.swagger2rs.toml"),
        dir: "generated/kitchen_sink",
        crate_name: "kitchen_sink",
    },
    Target::fixture("spec/fixtures/bodies.yaml", "generated/bodies", "bodies"),
    Target::fixture("spec/fixtures/recursive_aliases.yaml", "generated/recursive_aliases", "recursive_aliases"),
    Target::fixture("spec/fixtures/nullable_values.yaml", "generated/nullable_values", "nullable_values"),
    Target::fixture("spec/fixtures/file_schemas.yaml", "generated/file_schemas", "file_schemas"),
    Target::fixture("spec/fixtures/nested_arrays.yaml", "generated/nested_arrays", "nested_arrays"),
    Target::fixture("spec/fixtures/k8s_like.yaml", "generated/k8s_like", "k8s_like"),
    Target::fixture("spec/fixtures/inheritance.yaml", "generated/inheritance", "inheritance"),
    Target::fixture("spec/fixtures/azure_paging.yaml", "generated/azure_paging", "azure_paging"),
    Target {
        spec: "spec/fixtures/paging.yaml",
        overlays: &[],
        config: Some("spec/fixtures/paging.swagger2rs.toml"),
        dir: "generated/paging",
        crate_name: "paging",
    },
    Target {
        spec: "spec/fixtures/tags.yaml",
        overlays: &[],
        config: Some("spec/fixtures/tags.swagger2rs.toml"),
        dir: "generated/tags",
        crate_name: "tags",
    },
    Target::fixture("spec/fixtures/name_collisions.yaml", "generated/name_collisions", "name_collisions"),
    Target::fixture("spec/fixtures/azure_paths.yaml", "generated/azure_paths", "azure_paths"),
    Target::fixture("spec/fixtures/go_nulls.yaml", "generated/go_nulls", "go_nulls"),
    Target {
        spec: "spec/fixtures/go_nulls.yaml",
        overlays: &[],
        config: Some("spec/fixtures/go_nulls_strict.swagger2rs.toml"),
        dir: "generated/go_nulls_strict",
        crate_name: "go_nulls_strict",
    },
    Target::fixture("spec/fixtures/json_streams.yaml", "generated/json_streams", "json_streams"),
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
                if let Some(summary) = crate::api_change::summary(&root, target) {
                    println!("  {summary}");
                }
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

/// Loads the target's spec (with its overlays and configuration) and emits its crate; errors fail the run
/// (warnings are expected: real specs need lenient repairs, and `swagger2rs check` lists them).
pub fn generate(root: &Path, target: &Target) -> Result<Vec<GeneratedFile>, String> {
    let inputs = Inputs {
        spec: root.join(target.spec),
        overlays: target.overlays.iter().map(|o| root.join(o)).collect(),
        config: target.config.map(|c| root.join(c)),
        ref_roots: Vec::new(),
    };
    let prepared = swagger2rs::pipeline::prepare(&inputs, target.crate_name);
    let Some(api) = prepared.api_without_errors() else {
        let errors: Vec<String> = prepared.diagnostics.errors().map(ToString::to_string).collect();
        return Err(format!("{} has errors:\n{}", target.spec, errors.join("\n")));
    };
    swagger2rs_emitter::generate(api, &prepared.options).map_err(|e| e.to_string())
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

//! `cargo xtask specs`: runs the generator on every third-party spec under `../shared/specs` and checks that
//! each generated crate passes clippy and rustdoc with warnings denied. Skips (successfully, saying why) when
//! that folder is absent, since it is not part of this repository.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use swagger2rs_emitter::Options;
use swagger2rs_parser::Code;
use swagger2rs_parser::source::LoadOptions;

use crate::codegen::workspace_root;

pub fn run() -> Result<(), String> {
    let root = workspace_root();
    let specs_dir = root.join("../shared/specs");
    if !specs_dir.is_dir() {
        println!("skipped: {} does not exist (third-party specs are not part of the repository)", specs_dir.display());
        return Ok(());
    }
    let out = root.join("target/shared-specs");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let mut rows = Vec::new();
    let mut crates = Vec::new();
    for spec in spec_files(&specs_dir) {
        let name = crate_name(&specs_dir, &spec);
        let started = Instant::now();
        let loaded = load(&specs_dir, &spec);
        if loaded.diagnostics.iter().any(|d| d.code == Code::NotSwagger2) {
            continue; // a fragment referenced by another spec
        }
        let warnings = loaded.diagnostics.warnings().count();
        let errors: Vec<String> = loaded.diagnostics.errors().map(ToString::to_string).collect();
        let Some(api) = loaded.api.filter(|_| errors.is_empty()) else {
            rows.push(format!("| {name} | spec errors: {} | | |", errors.len()));
            continue;
        };
        let options = Options::new(name.clone(), name.clone());
        let files = swagger2rs_emitter::generate(&api, &options).map_err(|e| e.to_string())?;
        swagger2rs_emitter::output::write_crate(&out.join(&name), &files).map_err(|e| e.to_string())?;
        let generate_ms = started.elapsed().as_millis();
        let lines: usize = files.iter().filter(|f| f.path.starts_with("src")).map(|f| f.contents.lines().count()).sum();
        crates.push((name, warnings, generate_ms, lines));
    }
    let members: Vec<String> = crates.iter().map(|(n, ..)| format!("\"{n}\"")).collect();
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", members.join(", "));
    std::fs::write(out.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    let _ = std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock"));
    let mut failed = Vec::new();
    for (name, warnings, generate_ms, lines) in &crates {
        let started = Instant::now();
        let clippy = cargo(&root, &out, &["clippy", "-p", name, "--all-targets", "--", "-D", "warnings"], false);
        let check_s = started.elapsed().as_secs_f32();
        let doc = cargo(&root, &out, &["doc", "-p", name, "--no-deps"], true);
        let verdict = match (clippy, doc) {
            (true, true) => "clean",
            (false, _) => "clippy fails",
            (true, false) => "rustdoc fails",
        };
        if verdict != "clean" {
            failed.push(name.clone());
        }
        rows.push(format!("| {name} | {verdict} | {warnings} | {generate_ms} ms | {lines} | {check_s:.1} s |"));
    }
    println!("| spec | generated crate | spec warnings | generate | lines | clippy |");
    println!("|---|---|---|---|---|---|");
    for row in &rows {
        println!("{row}");
    }
    if failed.is_empty() { Ok(()) } else { Err(format!("generated crates with warnings: {}", failed.join(", "))) }
}

/// Loads a third-party spec, whose references may read the whole corpus (some share schemas with a sibling
/// directory, `../common/Error.json`): the corpus is trusted, unlike a spec in general.
fn load(specs_dir: &Path, spec: &Path) -> swagger2rs_parser::Loaded {
    let options = LoadOptions { extra_ref_roots: vec![specs_dir.to_path_buf()], ..LoadOptions::default() };
    swagger2rs_parser::load_with(spec, &options)
}

fn cargo(root: &Path, dir: &Path, args: &[&str], deny_doc_warnings: bool) -> bool {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.args(args).current_dir(dir).env("CARGO_TARGET_DIR", root.join("target"));
    if deny_doc_warnings {
        command.env("RUSTDOCFLAGS", "-D warnings");
    }
    command.status().is_ok_and(|s| s.success())
}

/// `*.json`/`*.yaml` files under `dir`, sorted for a stable table.
fn spec_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "json" || e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// `swagger-codegen-2_0/petstore.yaml` → `swagger_codegen_2_0_petstore_yaml`.
fn crate_name(base: &Path, spec: &Path) -> String {
    let relative = spec.strip_prefix(base).unwrap_or(spec).to_string_lossy().to_string();
    relative.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect()
}

#[cfg(test)]
mod tests {
    use swagger2rs_emitter::Options;
    use swagger2rs_parser::Code;

    /// Every third-party spec loads without errors and generates a crate (its tokens parse as Rust, which
    /// `generate` checks); that the crates compile cleanly is `cargo xtask specs`' job, too slow for a test.
    #[test]
    fn every_shared_spec_generates() {
        let specs_dir = crate::codegen::workspace_root().join("../shared/specs");
        if !specs_dir.is_dir() {
            println!(
                "skipped: {} does not exist (third-party specs are not part of the repository)",
                specs_dir.display()
            );
            return;
        }
        let mut generated = 0;
        for spec in super::spec_files(&specs_dir) {
            let loaded = super::load(&specs_dir, &spec);
            if loaded.diagnostics.iter().any(|d| d.code == Code::NotSwagger2) {
                continue;
            }
            let errors: Vec<String> = loaded.diagnostics.errors().map(ToString::to_string).collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", spec.display());
            let api = loaded.api.unwrap_or_else(|| panic!("{}: no API", spec.display()));
            let name = super::crate_name(&specs_dir, &spec);
            let files = swagger2rs_emitter::generate(&api, &Options::new(name.clone(), name))
                .unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
            assert!(files.iter().any(|f| f.path.ends_with("operations.rs")), "{}", spec.display());
            generated += 1;
        }
        assert!(generated > 0, "no spec found under {}", specs_dir.display());
    }
}

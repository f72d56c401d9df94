//! The `swagger2rs` binary as a user runs it: exit codes, rustc-style diagnostics, and the files it writes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_swagger2rs")).args(args).current_dir(root()).output().expect("runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("swagger2rs-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn check_prints_located_warnings_and_succeeds() {
    let output = run(&["check", "spec/jira.yaml"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(text.contains("warning[missing-parameter-type]: parameter `id` has no `type`; treated as a string"));
    assert!(text.contains("  --> spec/jira.yaml:52:9 (#/paths/~1api~12~1attachment~1{id}/get/parameters/0)"), "{text}");
    assert!(text.contains("0 error(s)"));
}

#[test]
fn check_fails_on_errors() {
    let dir = scratch("openapi3");
    let spec = dir.join("v3.yaml");
    std::fs::write(&spec, "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap();
    let output = run(&["check", spec.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("error[not-swagger-2]: this is an OpenAPI 3.0.0 document"), "{}", stderr(&output));
}

#[test]
fn overlays_and_config_fix_the_seed() {
    let output = run(&[
        "check",
        "spec/jira.yaml",
        "--overlay",
        "spec/jira.overlay.yaml",
        "--config",
        "spec/jira.swagger2rs.toml",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(!text.contains("parameter `maxResults` has no `type`"), "the overlay types maxResults");
    assert!(!text.contains("overlay-target-unmatched"), "every overlay action matches: {text}");
}

#[test]
fn overlay_prints_the_patched_spec() {
    let output = run(&["overlay", "spec/jira.yaml", "spec/jira.overlay.yaml"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let patched: serde_json::Value = serde_yaml::from_slice(&output.stdout).expect("YAML out for a YAML spec");
    let timetracking = &patched["paths"]["/api/2/configuration/timetracking"]["get"]["operationId"];
    assert!(timetracking.as_str().unwrap().ends_with("getSelectedTimeTrackingImplementation_get"));
}

#[test]
fn an_unmatched_overlay_target_is_a_located_warning() {
    let dir = scratch("unmatched");
    let overlay = dir.join("o.yaml");
    std::fs::write(
        &overlay,
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths['/nope'].get\n    update: {x-a: 1}\n",
    )
    .unwrap();
    let output = run(&["check", "spec/jira.yaml", "--overlay", overlay.to_str().unwrap()]);
    assert!(output.status.success());
    assert!(stderr(&output).contains("warning[overlay-target-unmatched]"), "{}", stderr(&output));
    assert!(stderr(&output).contains("o.yaml:4:5 (#/actions/0)"), "{}", stderr(&output));
}

#[test]
fn a_config_with_an_unknown_key_is_an_error() {
    let dir = scratch("config");
    let config = dir.join("swagger2rs.toml");
    std::fs::write(&config, "[crate]\nnmae = \"x\"\n").unwrap();
    let output = run(&["check", "spec/jira.yaml", "--config", config.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("swagger2rs.toml:2:1"), "{}", stderr(&output));
}

#[test]
fn generate_writes_a_standalone_crate() {
    let dir = scratch("generate");
    let out = dir.join("client");
    let output = run(&["generate", "spec/fixtures/models.yaml", "-o", out.to_str().unwrap(), "--name", "my_models"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"my_models\""));
    assert!(!manifest.contains("path ="), "no path dependencies back into this workspace");
    for file in ["src/lib.rs", "src/client.rs", "src/operations.rs", "src/types.rs", "src/runtime/mod.rs"] {
        assert!(out.join(file).is_file(), "{file}");
    }
}

#[test]
fn dates_are_chrono_types_unless_the_config_keeps_them_strings() {
    let dir = scratch("dates");
    let chrono_out = dir.join("chrono");
    let output = run(&["generate", "spec/fixtures/models.yaml", "-o", chrono_out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let types = std::fs::read_to_string(chrono_out.join("src/types.rs")).unwrap();
    assert!(types.contains("pub when: Option<chrono::DateTime<chrono::FixedOffset>>,"), "{types}");
    assert!(std::fs::read_to_string(chrono_out.join("Cargo.toml")).unwrap().contains("chrono = "));
    assert!(chrono_out.join("src/runtime/dates.rs").is_file());

    let config = dir.join("swagger2rs.toml");
    std::fs::write(&config, "[types.formats]\ndate = \"String\"\n\"date-time\" = \"String\"\n").unwrap();
    let strings_out = dir.join("strings");
    let output = run(&[
        "generate",
        "spec/fixtures/models.yaml",
        "-o",
        strings_out.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let types = std::fs::read_to_string(strings_out.join("src/types.rs")).unwrap();
    assert!(types.contains("pub when: Option<String>,"), "{types}");
    assert!(!std::fs::read_to_string(strings_out.join("Cargo.toml")).unwrap().contains("chrono"));
    assert!(!strings_out.join("src/runtime/dates.rs").exists());
    let runtime = std::fs::read_to_string(strings_out.join("src/runtime/mod.rs")).unwrap();
    assert!(!runtime.contains("mod dates"), "{runtime}");

    // Naming chrono itself for one format, beside the built-in date-time: one `chrono` dependency, and no
    // second `ParamValue` impl for a type the runtime already covers.
    std::fs::write(&config, "[types.formats]\ndate = \"chrono::NaiveDate\"\n[dependencies]\nchrono = \"0.4\"\n")
        .unwrap();
    let mixed_out = dir.join("mixed");
    let output = run(&[
        "generate",
        "spec/fixtures/models.yaml",
        "-o",
        mixed_out.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let manifest = std::fs::read_to_string(mixed_out.join("Cargo.toml")).unwrap();
    assert_eq!(manifest.matches("chrono").count(), 1, "{manifest}");
    let types = std::fs::read_to_string(mixed_out.join("src/types.rs")).unwrap();
    assert!(!types.contains("ParamValue for chrono"), "{types}");
    assert!(mixed_out.join("src/runtime/dates.rs").is_file());
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(run(&["generate", "spec/jira.yaml"]).status.code(), Some(2));
    assert_eq!(run(&[]).status.code(), Some(2));
}

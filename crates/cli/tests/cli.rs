//! The `swagger2rs` binary as a user runs it: exit codes, rustc-style diagnostics, and the files it writes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_swagger2rs")).args(args).current_dir(root()).output().expect("runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every file under `dir` with its bytes, to prove a refused run touched nothing.
fn tree(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// A hand-written project: what `generate -o` must never destroy.
fn hand_written_project(dir: &Path) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"mine\"\nversion = \"0.1.0\"\nedition = \"2021\"\n")
        .unwrap();
    std::fs::write(dir.join("src/main.rs"), "fn main() {\n    println!(\"mine\");\n}\n").unwrap();
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
    assert!(text.contains("  --> spec/jira.yaml:52:9\n"), "{text}");
    assert!(text.contains("   = note: at #/paths/~1api~12~1attachment~1{id}/get/parameters/0\n"), "{text}");
    assert!(
        text.ends_with("\nchecked spec/jira.yaml: 19 operations, 0 types; 0 errors, 75 warnings\n"),
        "one summary line, last: {text}"
    );
}

#[test]
fn check_fails_on_errors() {
    let dir = scratch("openapi3");
    let spec = dir.join("v3.yaml");
    std::fs::write(&spec, "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap();
    let output = run(&["check", spec.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("error[not-swagger-2]: this is an OpenAPI 3.0.0 document"), "{}", stderr(&output));
    assert!(
        stderr(&output).ends_with("v3.yaml: 1 error, 0 warnings\n"),
        "no sizes without an API: {}",
        stderr(&output)
    );
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
    assert!(stderr(&output).contains("o.yaml:4:5\n"), "{}", stderr(&output));
    assert!(stderr(&output).contains("= note: at #/actions/0\n"), "{}", stderr(&output));
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
    let summary =
        format!("generated crate `my_models` in {}: 2 operations, 18 types; 0 errors, 1 warning\n", out.display());
    assert!(stderr(&output).ends_with(&summary), "one summary line, last: {}", stderr(&output));
    assert_eq!(stderr(&output).matches("0 errors").count(), 1, "{}", stderr(&output));
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

#[test]
fn every_subcommand_has_help() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["help"],
        &["generate", "--help"],
        &["check", "--help"],
        &["overlay", "--help"],
        &["completions", "--help"],
        &["help", "generate"],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", stderr(&output));
        let text = stdout(&output);
        assert!(text.contains("Usage: swagger2rs"), "{args:?}: {text}");
        assert!(text.contains("Exit codes:\n  0  success"), "{args:?}: {text}");
        if args.len() > 1 {
            assert!(text.contains("Examples:\n  swagger2rs "), "{args:?}: {text}");
        }
    }
    let generate = stdout(&run(&["generate", "--help"]));
    assert!(generate.contains("swagger2rs generate petstore.yaml -o petstore-client"), "{generate}");
    assert!(generate.contains("the spec's file name"), "says how --name defaults: {generate}");
    assert!(generate.contains("Any other non-empty directory is refused unless"), "{generate}");
    assert!(stdout(&run(&["--help"])).contains("2  usage error"), "exit codes are documented");
}

#[test]
fn version_is_printed() {
    let output = run(&["--version"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), format!("swagger2rs {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn typos_get_a_suggestion() {
    let output = run(&["chek", "spec/jira.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("a similar subcommand exists: 'check'"), "{}", stderr(&output));
    let output = run(&["check", "spec/jira.yaml", "--mesage-format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("a similar argument exists: '--message-format'"), "{}", stderr(&output));
}

#[test]
fn completions_are_printed_for_a_shell() {
    let output = run(&["completions", "bash"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("_swagger2rs()"), "{}", stdout(&output));
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn generate_refuses_a_directory_it_did_not_write() {
    let dir = scratch("foreign");
    hand_written_project(&dir);
    let before = tree(&dir);
    let output = run(&["generate", "crates/cli/tests/fixtures/clean_check.yaml", "-o", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("refusing to write into"), "{}", stderr(&output));
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert_eq!(tree(&dir), before, "nothing touched, byte for byte");

    let notes = scratch("foreign-notes");
    std::fs::write(notes.join("notes.txt"), "mine").unwrap();
    let output = run(&["generate", "crates/cli/tests/fixtures/clean_check.yaml", "-o", notes.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "a non-empty directory without a Cargo.toml is refused too");
    assert_eq!(tree(&notes).len(), 1);
}

#[test]
fn force_writes_the_generated_files_and_removes_nothing_else() {
    let dir = scratch("force");
    hand_written_project(&dir);
    let main_rs = std::fs::read(dir.join("src/main.rs")).unwrap();
    let output =
        run(&["generate", "crates/cli/tests/fixtures/clean_check.yaml", "-o", dir.to_str().unwrap(), "--force"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read(dir.join("src/main.rs")).unwrap(), main_rs, "not written by the generator: kept");
    assert!(std::fs::read_to_string(dir.join("Cargo.toml")).unwrap().starts_with("# @generated by swagger2rs"));
    assert!(dir.join("src/lib.rs").is_file());
}

#[test]
fn regenerating_replaces_only_generated_files() {
    let dir = scratch("regenerate");
    let out = dir.join("client");
    let spec = "crates/cli/tests/fixtures/clean_check.yaml";
    assert!(run(&["generate", spec, "-o", out.to_str().unwrap()]).status.success());
    std::fs::write(out.join("src/notes.rs"), "// mine\n").unwrap();
    std::fs::write(out.join("src/gone.rs"), "// @generated by swagger2rs. Do not edit by hand.\n").unwrap();
    let output = run(&["generate", spec, "-o", out.to_str().unwrap()]);
    assert!(output.status.success(), "a crate it generated is regenerated without --force: {}", stderr(&output));
    assert_eq!(std::fs::read_to_string(out.join("src/notes.rs")).unwrap(), "// mine\n", "hand-written: kept");
    assert!(!out.join("src/gone.rs").exists(), "generated, no longer produced: removed");
}

#[test]
fn bad_crate_names_are_usage_errors() {
    let dir = scratch("bad-name");
    let out = dir.join("client");
    for (name, why) in [("123 bad", "invalid character ` `"), ("9lives", "starts with a digit"), ("fn", "keyword")] {
        let output = run(&[
            "generate",
            "crates/cli/tests/fixtures/clean_check.yaml",
            "-o",
            out.to_str().unwrap(),
            "--name",
            name,
        ]);
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert!(stderr(&output).contains(why), "{name}: {}", stderr(&output));
        assert!(!out.exists(), "{name}: nothing written");
    }
}

/// crates.io takes package names of at most 64 characters: a longer `--name` is a usage error, before anything
/// is written.
#[test]
fn a_crate_name_over_64_characters_is_refused_before_writing() {
    let dir = scratch("long-name");
    let out = dir.join("client");
    let spec = "crates/cli/tests/fixtures/clean_check.yaml";
    let longest = "a".repeat(64);
    let output = run(&["generate", spec, "-o", out.to_str().unwrap(), "--name", &format!("{longest}b")]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("is 65 characters long; crates.io allows at most 64"), "{}", stderr(&output));
    assert!(!out.exists(), "nothing written");

    let config = dir.join("swagger2rs.toml");
    std::fs::write(&config, format!("[crate]\nname = \"{longest}b\"\n")).unwrap();
    let output = run(&["generate", spec, "-o", out.to_str().unwrap(), "--config", config.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("is 65 characters long"), "{}", stderr(&output));
    assert!(stderr(&output).contains("`[crate] name`"), "says where the name came from: {}", stderr(&output));
    assert!(!out.exists(), "nothing written");

    let output = run(&["generate", spec, "-o", out.to_str().unwrap(), "--name", &longest]);
    assert!(output.status.success(), "64 characters are fine: {}", stderr(&output));
}

/// A tag may be a sentence of any length; its group's file `src/groups/<feature>.rs` must still be a name the
/// file system takes (at most 255 bytes).
#[test]
fn a_long_tag_gives_a_group_file_the_file_system_takes() {
    let dir = scratch("long-tag");
    let tag = format!("Operations for managing {}long things", "very ".repeat(60));
    let spec = dir.join("spec.yaml");
    std::fs::write(
        &spec,
        format!(
            "swagger: '2.0'\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      operationId: getA\n      \
             tags: ['{tag}']\n      responses: {{'200': {{description: ok}}}}\n"
        ),
    )
    .unwrap();
    let config = dir.join("swagger2rs.toml");
    std::fs::write(&config, "[client]\ngroup_by = \"tag\"\n").unwrap();
    let out = dir.join("client");
    let output =
        run(&["generate", spec.to_str().unwrap(), "-o", out.to_str().unwrap(), "--config", config.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let groups: Vec<String> = std::fs::read_dir(out.join("src/groups"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(groups.len(), 2, "mod.rs and the group's file: {groups:?}");
    assert!(groups.iter().all(|name| name.len() <= 64 + ".rs".len()), "{groups:?}");
}

#[test]
fn generate_with_errors_says_so_in_its_summary_and_writes_nothing() {
    let dir = scratch("errors");
    let spec = dir.join("spec.yaml");
    // A `$ref` to a file that does not exist stays an error: what it names cannot be known.
    let text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        \
                '200': {description: ok, schema: {$ref: 'missing.yaml#/definitions/A'}}\n";
    std::fs::write(&spec, text).unwrap();
    let out = dir.join("client");
    let output = run(&["generate", spec.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let summary = format!("\nerror: not generating {}: 1 error, 0 warnings\n", out.display());
    assert!(stderr(&output).ends_with(&summary), "{}", stderr(&output));
    assert!(!out.exists());
}

#[test]
fn a_crate_inside_a_foreign_workspace_is_its_own_workspace() {
    let dir = scratch("workspace");
    std::fs::write(dir.join("Cargo.toml"), "[workspace]\nmembers = [\"members/*\"]\n").unwrap();
    let out = dir.join("my-client");
    let output = run(&["generate", "crates/cli/tests/fixtures/clean_check.yaml", "-o", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("note:"), "{}", stderr(&output));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.ends_with("\n[workspace]\n"), "{manifest}");
    let located = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(["locate-project", "--workspace", "--message-format", "plain", "--offline", "--manifest-path"])
        .arg(out.join("Cargo.toml"))
        .output()
        .unwrap();
    assert!(located.status.success(), "cargo accepts it: {}", stderr(&located));
    assert_eq!(PathBuf::from(stdout(&located).trim()), out.join("Cargo.toml"));

    let member = dir.join("members/api");
    assert!(
        run(&["generate", "crates/cli/tests/fixtures/clean_check.yaml", "-o", member.to_str().unwrap()])
            .status
            .success()
    );
    assert!(!std::fs::read_to_string(member.join("Cargo.toml")).unwrap().contains("[workspace]"), "a member stays one");
}

#[test]
fn a_clean_check_prints_the_summary() {
    let output = run(&["check", "crates/cli/tests/fixtures/clean_check.yaml"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stderr(&output),
        "checked crates/cli/tests/fixtures/clean_check.yaml: 1 operation, 0 types; 0 errors, 0 warnings\n"
    );
    assert_eq!(stdout(&output), "");
}

#[test]
fn json_messages_are_one_object_per_line_on_stdout() {
    let output = run(&["check", "crates/cli/tests/fixtures/diagnostic_snippet.yaml", "--message-format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let lines: Vec<serde_json::Value> =
        stdout(&output).lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect();
    assert_eq!(
        lines,
        [serde_json::json!({
            "severity": "warning",
            "code": "dangling-ref",
            "message": "`#/definitions/Pet` does not name anything; read as free-form JSON (`serde_json::Value`)",
            "file": "crates/cli/tests/fixtures/diagnostic_snippet.yaml",
            "line": 16,
            "column": 13,
            "pointer": "#/paths/~1pets~1{id}/get/responses/200/schema/$ref",
        })]
    );
    assert_eq!(
        stderr(&output),
        "checked crates/cli/tests/fixtures/diagnostic_snippet.yaml: 1 operation, 1 type; 0 errors, 1 warning\n",
        "the summary stays on stderr"
    );
}

#[test]
fn diagnostics_show_the_yaml_source_line() {
    let output = run(&["check", "--color", "never", "crates/cli/tests/fixtures/diagnostic_snippet.yaml"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stderr(&output));
}

#[test]
fn diagnostics_show_the_json_source_line() {
    let output = run(&["check", "--color", "never", "crates/cli/tests/fixtures/diagnostic_snippet.json"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stderr(&output));
}

#[test]
fn colour_is_opt_in_off_a_terminal() {
    let spec = "crates/cli/tests/fixtures/diagnostic_snippet.yaml";
    assert!(!stderr(&run(&["check", spec])).contains('\u{1b}'), "stderr is not a terminal here");
    assert!(stderr(&run(&["check", spec, "--color", "always"])).contains("\u{1b}["));
    let no_color = Command::new(env!("CARGO_BIN_EXE_swagger2rs"))
        .args(["check", spec, "--color", "auto"])
        .env("NO_COLOR", "1")
        .current_dir(root())
        .output()
        .unwrap();
    assert!(!stderr(&no_color).contains('\u{1b}'));
    assert!(stderr(&run(&["--color", "always", "chek"])).contains("\u{1b}["), "clap's own errors follow --color");
    assert!(!stderr(&run(&["--color", "never", "chek"])).contains('\u{1b}'));
}

#[test]
fn spec_text_cannot_send_control_sequences() {
    let output = run(&["check", "--color", "never", "crates/cli/tests/fixtures/control_characters.yaml"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stderr(&output);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'), "{text:?}");
    assert!(text.contains(r"\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}gnp.exe"), "escaped visibly: {text}");
    assert!(text.contains('\u{FFFD}'), "the raw bidi control in the source line is replaced: {text}");
}

#[test]
fn empty_and_missing_specs_say_so() {
    let output = run(&["check", "crates/cli/tests/fixtures/empty_spec.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("error[not-swagger-2]: the file is empty"), "{}", stderr(&output));
    let output = run(&["check", "crates/cli/tests/fixtures/no_such_spec.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("error[io]: cannot read spec"), "{text}");
    assert!(text.contains("--> crates/cli/tests/fixtures/no_such_spec.yaml\n"), "{text}");
    assert!(!text.contains("(#)"), "{text}");
}

#[test]
fn a_bad_crate_name_from_the_config_is_refused_before_writing() {
    let dir = scratch("config-name");
    let config = dir.join("swagger2rs.toml");
    std::fs::write(&config, "[crate]\nname = \"9lives\"\n").unwrap();
    let out = dir.join("client");
    let output = run(&[
        "generate",
        "crates/cli/tests/fixtures/clean_check.yaml",
        "-o",
        out.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("starts with a digit"), "{}", stderr(&output));
    assert!(!out.exists());
}

#[test]
fn json_messages_give_null_for_an_unknown_position() {
    let output = run(&["check", "crates/cli/tests/fixtures/no_such_spec.yaml", "--message-format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let d: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(
        (d["code"].as_str(), &d["line"], &d["column"]),
        (Some("io"), &serde_json::Value::Null, &serde_json::Value::Null)
    );
    assert_eq!(d["pointer"], "#");
}

/// A spec's external references may read only its own directory tree unless `--allow-ref-root` widens it.
#[test]
fn references_outside_the_spec_directory_need_allow_ref_root() {
    let shared = scratch("ref-root-shared");
    std::fs::write(shared.join("thing.yaml"), "type: object\nproperties: {a: {type: string}}\n").unwrap();
    let api = scratch("ref-root-api");
    let reference = shared.join("thing.yaml");
    let spec = format!(
        "swagger: '2.0'\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ndefinitions:\n  Thing: {{$ref: '{}'}}\n",
        reference.display()
    );
    std::fs::write(api.join("spec.yaml"), spec).unwrap();
    let spec_path = api.join("spec.yaml");
    let spec_arg = spec_path.to_str().unwrap();
    let refused = run(&["check", spec_arg]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("outside the directories references may read"), "{}", stderr(&refused));
    let allowed = run(&["check", spec_arg, "--allow-ref-root", shared.to_str().unwrap()]);
    assert!(allowed.status.success(), "{}", stderr(&allowed));
}

/// A hostile name (ESC sequence, newline, bidi override) is printed inert in both formats: one diagnostic,
/// every such character spelled as an escape, nothing raw.
#[test]
fn a_hostile_name_is_printed_inert() {
    let spec = "crates/cli/tests/fixtures/hostile_name.yaml";
    let human = run(&["check", "--color", "never", spec]);
    assert_eq!(human.status.code(), Some(0));
    let text = stderr(&human);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'), "{text:?}");
    assert_eq!(text.lines().filter(|l| l.starts_with("warning[")).count(), 1, "no injected line: {text}");
    assert!(!text.lines().any(|l| l.starts_with("error[")), "no injected line: {text}");
    insta::assert_snapshot!("hostile_name_human", text);
    let json = run(&["check", "--message-format", "json", spec]);
    let line = stdout(&json);
    assert!(!line.contains('\u{1b}') && !line.contains('\u{202e}'), "{line:?}");
    assert_eq!(line.lines().count(), 1, "{line}");
    insta::assert_snapshot!("hostile_name_json", line);
}

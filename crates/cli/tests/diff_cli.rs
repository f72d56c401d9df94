//! `swagger2rs diff` as a user runs it: exit codes, the text, Markdown and JSON reports, git revisions as
//! sides, per-side configuration and `--bump`. (The rules themselves are table-tested in `diff_rules.rs`.)

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

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("swagger2rs-diff-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// `diff` has exit codes of its own: a breaking change is 1, so CI can gate on it.
#[test]
fn diff_has_help_with_examples_and_its_exit_codes() {
    let diff = run(&["diff", "--help"]);
    assert_eq!(diff.status.code(), Some(0));
    let diff = stdout(&diff);
    assert!(diff.contains("Examples:\n  swagger2rs diff "), "{diff}");
    assert!(diff.contains("Exit codes:\n  0  no breaking change\n  1  at least one breaking change\n"), "{diff}");
    assert!(diff.contains("--format <FORMAT>"), "{diff}");
    assert!(stdout(&run(&["--help"])).contains("diff"), "listed among the commands");
}

#[test]
fn diff_reports_a_breaking_release_in_markdown() {
    let output = run(&[
        "diff",
        "crates/cli/tests/fixtures/diff_e2e/v1.yaml",
        "crates/cli/tests/fixtures/diff_e2e/v2.yaml",
        "--format",
        "markdown",
    ]);
    assert_eq!(output.status.code(), Some(1), "breaking changes exit 1: {}", stderr(&output));
    insta::assert_snapshot!("diff_markdown", stdout(&output));
}

#[test]
fn diff_exits_0_without_breaking_changes_and_prints_text_and_json() {
    let v1 = "crates/cli/tests/fixtures/diff_e2e/v1.yaml";
    let same = run(&["diff", v1, v1]);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert!(stdout(&same).starts_with("no change to the generated API\n"), "{}", stdout(&same));

    let additive =
        run(&["diff", v1, "crates/cli/tests/fixtures/diff/optional-input-added/new.yaml", "--format", "json"]);
    assert_eq!(additive.status.code(), Some(0), "{}", stderr(&additive));
    let json: serde_json::Value = serde_json::from_str(&stdout(&additive)).expect("one JSON document");
    assert_eq!(json["changes"][0]["kind"], "optional-input-added");
    assert_eq!(json["changes"][0]["level"], "additive");
    assert_eq!(json["verdict"]["bump"], "patch", "0.1.0 + additive → patch for a 0.x crate");
    assert_eq!(json["verdict"]["next_version"], "0.1.1");

    let case = "crates/cli/tests/fixtures/diff_cases/rename-kept-by-config";
    let renamed = run(&[
        "diff",
        &format!("{case}/old.yaml"),
        &format!("{case}/new.yaml"),
        "--new-config",
        &format!("{case}/swagger2rs.toml"),
    ]);
    assert_eq!(renamed.status.code(), Some(0), "a rename kept by the new side's config: {}", stderr(&renamed));
    let unkept = run(&["diff", &format!("{case}/old.yaml"), &format!("{case}/new.yaml")]);
    assert_eq!(unkept.status.code(), Some(1), "{}", stdout(&unkept));
    assert!(stdout(&unkept).contains("Client::delete_pet: renamed to `Client::remove_pet`"), "{}", stdout(&unkept));

    let text =
        run(&["diff", "crates/cli/tests/fixtures/diff_e2e/v1.yaml", "crates/cli/tests/fixtures/diff_e2e/v2.yaml"]);
    assert_eq!(text.status.code(), Some(1));
    let text = stdout(&text);
    assert!(text.contains("Breaking (1):\n  Client::get_pet: new argument `x_tenant: impl AsRef<str>` (header `X-Tenant`) [required-input-added]\n"), "{text}");
    assert!(text.trim_end().ends_with("bump the minor version"), "{text}");
}

#[test]
fn diff_exits_2_on_unreadable_or_broken_input() {
    let v1 = "crates/cli/tests/fixtures/diff_e2e/v1.yaml";
    let missing = run(&["diff", v1, "crates/cli/tests/fixtures/diff_e2e/missing.yaml"]);
    assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));
    assert!(stderr(&missing).contains("error[io]"), "{}", stderr(&missing));
    assert!(stdout(&missing).is_empty());

    let dir = scratch("diff-broken");
    let broken = dir.join("v3.yaml");
    std::fs::write(&broken, "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap();
    let output = run(&["diff", v1, broken.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("error[not-swagger-2]"), "{}", stderr(&output));

    let bad_rev = run(&["diff", "no-such-revision-xyz:spec/jira.yaml", v1]);
    assert_eq!(bad_rev.status.code(), Some(2));
    assert!(stderr(&bad_rev).contains("is neither a file nor a file in git"), "{}", stderr(&bad_rev));
}

#[test]
fn diff_reads_a_side_from_git_with_its_relative_refs() {
    // A throwaway repository whose spec `$ref`s a file next to it: the old side comes from the commit.
    let dir = scratch("diff-git");
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("git runs");
        assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
    };
    std::fs::create_dir_all(dir.join("api/models")).unwrap();
    let spec = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      \
                responses:\n        '200': {description: ok, schema: {$ref: 'models/pet.yaml#/Pet'}}\n";
    std::fs::write(dir.join("api/spec.yaml"), spec).unwrap();
    std::fs::write(dir.join("api/models/pet.yaml"), "Pet:\n  type: object\n  properties:\n    name: {type: string}\n")
        .unwrap();
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "v1"]);
    std::fs::write(
        dir.join("api/models/pet.yaml"),
        "Pet:\n  type: object\n  properties:\n    name: {type: string}\n    age: {type: integer}\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_swagger2rs"))
        .args(["diff", "HEAD:api/spec.yaml", "api/spec.yaml"])
        .current_dir(&dir)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains(
            "types::Pet::age: new field `age: Option<i64>` (`age`) in a response-only model [response-field-added]"
        ),
        "{}",
        stdout(&output)
    );
}

#[test]
fn diff_bump_writes_the_next_version_into_the_configuration() {
    let dir = scratch("diff-bump");
    let config = dir.join("swagger2rs.toml");
    std::fs::write(&config, "# kept\n[crate]\nname = \"pets\"\nversion = \"0.3.1\"\n").unwrap();
    let args = |extra: &[&str]| {
        let mut args = vec![
            "diff",
            "crates/cli/tests/fixtures/diff/base.yaml",
            "crates/cli/tests/fixtures/diff/required-input-added/new.yaml",
            "--config",
        ];
        args.push(config.to_str().unwrap());
        args.extend_from_slice(extra);
        run(&args)
    };
    let output = args(&["--bump"]);
    assert_eq!(output.status.code(), Some(1), "breaking: {}", stderr(&output));
    assert!(stdout(&output).contains("0.3.1 → 0.4.0"), "{}", stdout(&output));
    assert!(stderr(&output).contains("wrote version 0.4.0 to"), "{}", stderr(&output));
    let written = std::fs::read_to_string(&config).unwrap();
    assert_eq!(written, "# kept\n[crate]\nname = \"pets\"\nversion = \"0.4.0\"\n");

    let no_config = run(&[
        "diff",
        "crates/cli/tests/fixtures/diff/base.yaml",
        "crates/cli/tests/fixtures/diff/base.yaml",
        "--bump",
    ]);
    assert_eq!(no_config.status.code(), Some(2));
    assert!(stderr(&no_config).contains("--bump needs the configuration"), "{}", stderr(&no_config));
}

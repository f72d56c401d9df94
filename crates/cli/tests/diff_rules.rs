//! Table tests for `swagger2rs diff`'s rules: for every kind of change, a pair of small specs under
//! `tests/fixtures/diff/<kind>/` (`old.yaml`, else `base.yaml`, and `new.yaml`) must produce exactly that kind,
//! at the level written here. The expected levels are spelled out again on purpose: changing a rule in
//! `src/diff/rules.rs` must be a conscious edit of this table too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use swagger2rs::diff::{self, Kind, Level};
use swagger2rs::pipeline::{self, Inputs};
use swagger2rs_parser::ir::Api;

const EXPECTED: &[(&str, Level)] = &[
    ("operation-added", Level::Additive),
    ("operation-removed", Level::Breaking),
    ("operation-renamed", Level::Breaking),
    ("operation-moved", Level::Patch),
    ("operation-deprecated", Level::Additive),
    ("required-input-added", Level::Breaking),
    ("optional-input-added", Level::Additive),
    ("input-removed", Level::Breaking),
    ("input-became-required", Level::Breaking),
    ("input-became-optional", Level::Breaking),
    ("input-retyped", Level::Breaking),
    ("argument-renamed", Level::Patch),
    ("arguments-reordered", Level::Breaking),
    ("input-wire-changed", Level::Patch),
    ("response-type-changed", Level::Breaking),
    ("response-variant-added", Level::Breaking),
    ("response-variant-removed", Level::Breaking),
    ("response-status-changed", Level::Patch),
    ("security-changed", Level::Patch),
    ("scheme-added", Level::Additive),
    ("scheme-removed", Level::Breaking),
    ("scheme-retyped", Level::Breaking),
    ("scheme-wire-changed", Level::Patch),
    ("type-added", Level::Additive),
    ("type-removed", Level::Breaking),
    ("type-changed", Level::Breaking),
    ("request-field-added", Level::Breaking),
    ("response-field-added", Level::Additive),
    ("field-removed", Level::Breaking),
    ("field-retyped", Level::Breaking),
    ("field-required-changed", Level::Breaking),
    ("field-wire-changed", Level::Patch),
    ("variant-added", Level::Additive),
    ("variant-removed", Level::Breaking),
    ("base-url-added", Level::Additive),
    ("base-url-removed", Level::Breaking),
    ("base-url-changed", Level::Patch),
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

fn load(spec: &Path) -> Api {
    let prepared = pipeline::prepare(&Inputs { spec: spec.to_path_buf(), ..Inputs::default() }, "pets");
    let errors: Vec<String> = prepared.diagnostics.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{}: {errors:#?}", spec.display());
    prepared.api.unwrap_or_else(|| panic!("{}: no API", spec.display()))
}

fn diff_of(kind: &str) -> diff::Diff {
    let dir = fixtures().join(kind);
    let old = if dir.join("old.yaml").exists() { dir.join("old.yaml") } else { fixtures().join("base.yaml") };
    diff::diff(&load(&old), &load(&dir.join("new.yaml")), "pets", "1.2.3")
}

#[test]
fn the_table_is_the_rules() {
    let table: Vec<(&str, Level)> = Kind::ALL.iter().map(|k| (k.as_str(), k.level())).collect();
    assert_eq!(table, EXPECTED);
}

#[test]
fn every_rule_has_a_fixture_that_produces_exactly_it() {
    for &(kind, level) in EXPECTED {
        let diff = diff_of(kind);
        let kinds: BTreeSet<&str> = diff.changes.iter().map(|c| c.kind.as_str()).collect();
        assert_eq!(kinds, BTreeSet::from([kind]), "{kind}: {:#?}", diff.changes);
        assert!(diff.changes.iter().all(|c| c.level == level), "{kind}");
        assert_eq!(diff.verdict.level, Some(level), "{kind}");
        assert_eq!(diff.is_breaking(), level == Level::Breaking, "{kind}");
    }
}

#[test]
fn every_fixture_directory_is_a_rule() {
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(EXPECTED.iter().any(|(k, _)| *k == name), "{name} names no rule");
        }
    }
}

#[test]
fn a_spec_compared_with_itself_has_no_changes() {
    let base = load(&fixtures().join("base.yaml"));
    let diff = diff::diff(&base, &base, "pets", "1.2.3");
    assert!(diff.changes.is_empty(), "{:#?}", diff.changes);
    assert_eq!((diff.verdict.bump, diff.verdict.next_version.as_deref()), ("none", None));
}

#[test]
fn messages_say_what_changed_in_rust_terms() {
    let added = diff_of("required-input-added");
    assert_eq!(added.changes[0].item, "Client::get_pet");
    assert_eq!(added.changes[0].message, "new argument `fields: impl AsRef<str>` (query parameter `fields`)");
    let method = &added.methods[0];
    assert!(
        method.before.as_deref().unwrap().starts_with("pub fn get_pet(&self, pet_id: impl AsRef<str>) -> GetPet<'_>")
    );
    assert!(
        method
            .after
            .as_deref()
            .unwrap()
            .starts_with("pub fn get_pet(&self, pet_id: impl AsRef<str>, fields: impl AsRef<str>) -> GetPet<'_>"),
        "{method:#?}"
    );
    let renamed = diff_of("operation-renamed");
    assert_eq!(renamed.changes[0].item, "Client::delete_pet");
    assert!(renamed.changes[0].message.contains("`Client::remove_pet`"), "{:?}", renamed.changes[0]);
    let field = diff_of("field-required-changed");
    assert_eq!(
        (field.changes[0].item.as_str(), field.changes[0].message.as_str()),
        ("types::Pet::tag", "is `String` (was `Option<String>`)")
    );
    assert_eq!(field.verdict.next_version.as_deref(), Some("2.0.0"));
}

/// Cases beyond one rule each, under `tests/fixtures/diff_cases/<case>/` (`old.yaml`, `new.yaml`, and a
/// `swagger2rs.toml` for the new side only): the kinds each must produce.
const CASES: &[(&str, &[&str])] = &[
    // An operationId renamed in the spec with a configured rename back to the old method name is no change.
    ("rename-kept-by-config", &[]),
    // `{petId}` → `{id}`: still the same operations (paired by method and path shape); the argument is
    // positional, so its new name is not breaking.
    ("path-placeholder-renamed", &["operation-moved", "argument-renamed"]),
    // A discriminated base is an open enum of its children: a new child is a new variant (and a new type).
    ("discriminator-child-added", &["variant-added", "type-added"]),
    // Typed response headers are a read-only struct: a new header is a new field of it.
    ("response-header-added", &["response-field-added"]),
    // Switching OAuth2 to the client-credentials flow keeps the token setter and adds the setter that fetches
    // tokens itself.
    ("oauth-client-credentials-added", &["scheme-wire-changed", "scheme-added"]),
];

#[test]
fn cases_produce_their_kinds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff_cases");
    for &(case, expected) in CASES {
        let case_dir = dir.join(case);
        let old = load(&case_dir.join("old.yaml"));
        let config = Some(case_dir.join("swagger2rs.toml")).filter(|c| c.exists());
        let prepared = pipeline::prepare(&diff::side_inputs(case_dir.join("new.yaml"), vec![], config), "pets");
        let errors: Vec<String> = prepared.diagnostics.errors().map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{case}: {errors:#?}");
        let new = prepared.api.expect("an API");
        let diff = diff::diff(&old, &new, "pets", "1.0.0");
        let kinds: BTreeSet<&str> = diff.changes.iter().map(|c| c.kind.as_str()).collect();
        assert_eq!(kinds, expected.iter().copied().collect::<BTreeSet<_>>(), "{case}: {:#?}", diff.changes);
    }
}

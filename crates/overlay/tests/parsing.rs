//! Reading overlay documents: YAML and JSON, the required fields, the `overlay` version, and errors located with
//! line:column in the overlay file.

mod common;

use common::*;
use serde_json::json;
use swagger2rs_overlay::parse_overlay;
use swagger2rs_parser::{Code, Severity};

const HEAD: &str = "info:\n  title: t\n  version: 1.0.0\nactions:\n  - target: $.info\n    update: {x-a: 1}\n";

#[test]
fn yaml_and_json_overlays_read_the_same_and_keep_their_metadata() {
    let yaml = overlay("jira.overlay.yaml");
    let json = overlay("jira.overlay.json");
    for overlay in [&yaml, &json] {
        assert_eq!(overlay.overlay, "1.0.0");
        assert_eq!(overlay.info.title, "Type Jira's untyped paging parameters");
        assert_eq!(overlay.info.version, "1.0.0");
        assert_eq!(overlay.extends, None);
        assert_eq!(overlay.actions.len(), 1);
        let action = &overlay.actions[0];
        assert_eq!(action.target, "$.paths.*.*.parameters[?@.name=='maxResults']");
        assert_eq!(
            action.description.as_deref(),
            Some("`maxResults` has no type in the published spec; it is a 32-bit integer.")
        );
        assert_json(action.update.as_ref().unwrap(), &json!({"type": "integer", "format": "int32"}));
        assert!(!action.remove);
        assert_eq!(action.pointer.as_str(), "/actions/0");
    }
    assert!(yaml.path().ends_with("fixtures/jira.overlay.yaml"));
    assert!(json.path().ends_with("fixtures/jira.overlay.json"));
    assert_eq!(yaml.actions, json.actions);
}

#[test]
fn extends_is_kept_and_extensions_are_ignored() {
    let text = "overlay: 1.0.3\nx-owner: me\nextends: ./spec.yaml\ninfo:\n  title: t\n  version: '2'\n  x-note: n\n\
                actions:\n  - target: $\n    remove: false\n    update: null\n    x-why: because\n";
    let overlay = parse_overlay("ext.yaml", text).unwrap_or_else(|d| panic!("{}", show(&d)));
    assert_eq!(overlay.overlay, "1.0.3");
    assert_eq!(overlay.extends.as_deref(), Some("./spec.yaml"));
    assert_eq!(overlay.info.version, "2");
    assert_eq!(overlay.actions[0].update, Some(json!(null)), "`update: null` is kept as a null update");
}

#[test]
fn an_overlay_version_other_than_1_0_x_is_rejected() {
    let errors = parse_errors(
        "bad-version.overlay.yaml",
        &std::fs::read_to_string(fixture("bad-version.overlay.yaml")).unwrap(),
    );
    assert_eq!(findings(&errors), [(Severity::Error, Code::Unsupported, "/overlay".to_owned(), Some((1, 1)))]);
    assert!(errors[0].message.contains("`1.1.0` is not supported"), "{}", errors[0]);

    for (version, code) in [
        ("2.0.0", Code::Unsupported),
        ("'1.0'", Code::InvalidShape),
        ("1.0", Code::InvalidShape),
        ("v1.0.0", Code::InvalidShape),
        ("1.0.x", Code::InvalidShape),
    ] {
        let errors = parse_errors("v.yaml", &format!("overlay: {version}\n{HEAD}"));
        assert_eq!(findings(&errors), [(Severity::Error, code, "/overlay".to_owned(), Some((1, 1)))], "{version}");
    }
    for version in ["1.0.0", "1.0.1", "1.0.12"] {
        assert!(parse_overlay("v.yaml", &format!("overlay: {version}\n{HEAD}")).is_ok(), "{version}");
    }
}

#[test]
fn missing_required_fields_are_errors() {
    let errors = parse_errors("empty.yaml", "x-only: 1\n");
    let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        ["missing required field `overlay`", "missing required field `info`", "missing required field `actions`"]
    );
    assert!(errors.iter().all(|d| d.location.pointer.as_str().is_empty() && d.code == Code::InvalidShape));

    let errors = parse_errors("info.yaml", "overlay: 1.0.0\ninfo:\n  title: 5\nactions:\n  - update: {}\n");
    assert_eq!(
        findings(&errors),
        [
            (Severity::Error, Code::InvalidShape, "/info/title".to_owned(), Some((3, 3))),
            (Severity::Error, Code::InvalidShape, "/info".to_owned(), Some((2, 1))),
            (Severity::Error, Code::InvalidShape, "/actions/0".to_owned(), Some((5, 5))),
        ],
        "{}",
        show(&errors)
    );
    assert!(errors[1].message.contains("`version`"), "{}", errors[1]);
    assert!(errors[2].message.contains("`target`"), "{}", errors[2]);
}

#[test]
fn actions_must_be_a_non_empty_list_of_well_formed_actions() {
    let errors = parse_errors("empty-actions.yaml", "overlay: 1.0.0\ninfo: {title: t, version: v}\nactions: []\n");
    assert_eq!(findings(&errors), [(Severity::Error, Code::InvalidShape, "/actions".to_owned(), Some((3, 1)))]);

    let text = "overlay: 1.0.0\ninfo: {title: t, version: v}\nactions:\n  - target: $.a\n    remvoe: true\n\
                \x20 - target: $.b\n    remove: 'yes'\n  - just text\n";
    let errors = parse_errors("typos.yaml", text);
    assert_eq!(
        findings(&errors),
        [
            (Severity::Error, Code::InvalidShape, "/actions/0/remvoe".to_owned(), Some((5, 5))),
            (Severity::Error, Code::InvalidShape, "/actions/1/remove".to_owned(), Some((7, 5))),
            (Severity::Error, Code::InvalidShape, "/actions/2".to_owned(), Some((8, 5))),
        ],
        "{}",
        show(&errors)
    );
    assert!(errors[0].message.contains("unknown field `remvoe`"), "{}", errors[0]);
}

#[test]
fn syntax_errors_are_located() {
    let errors = parse_errors("broken.yaml", "overlay: 1.0.0\ninfo: {title: t\nactions: []\n");
    assert_eq!(errors.len(), 1, "{}", show(&errors));
    assert_eq!(errors[0].code, Code::Syntax);
    assert!(errors[0].message.contains("YAML"), "{}", errors[0]);
    assert!(errors[0].location.line_col.is_some(), "{}", errors[0]);

    let errors = parse_errors("broken.json", "{\n  \"overlay\": \"1.0.0\",\n  \"info\": {,\n}");
    assert_eq!(findings(&errors), [(Severity::Error, Code::Syntax, String::new(), Some((3, 12)))], "{}", show(&errors));
    assert!(errors[0].message.contains("JSON"), "{}", errors[0]);

    let errors = parse_errors("list.yaml", "- target: $\n");
    assert_eq!(findings(&errors), [(Severity::Error, Code::InvalidShape, String::new(), Some((1, 1)))]);
}

#[test]
fn a_missing_file_is_an_io_error() {
    let path = fixture("does-not-exist.overlay.yaml");
    let errors = swagger2rs_overlay::load_overlay(&path).unwrap_err().into_vec();
    assert_eq!(findings(&errors), [(Severity::Error, Code::Io, String::new(), None)]);
}

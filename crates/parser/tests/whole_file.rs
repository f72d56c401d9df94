//! Problems with a file as a whole (its encoding, its documents, its nesting): each is located at the byte
//! where it is, never just at the file.

mod common;

use common::*;
use swagger2rs_parser::{Code, Diagnostic, Severity};

fn only(loaded: swagger2rs_parser::Loaded) -> Diagnostic {
    let diagnostics = loaded.diagnostics.into_vec();
    assert_eq!(diagnostics.len(), 1, "{}", show(&diagnostics));
    diagnostics.into_iter().next().unwrap()
}

fn at(d: &Diagnostic) -> (u32, u32) {
    let lc = d.location.line_col.unwrap_or_else(|| panic!("no line:column: {d}"));
    (lc.line, lc.column)
}

/// Flow collections deeper than the limit are refused at the bracket that passes it.
#[test]
fn deep_flow_nesting_is_refused_where_it_passes_the_limit() {
    let d = only(load_fixture("errors/deep_flow_nesting.yaml"));
    assert_eq!((d.severity, d.code), (Severity::Error, Code::Syntax), "{d}");
    assert!(d.message.contains("128 levels"), "{d}");
    // `x-deep: ` is 8 columns, each `{a: ` 4: the 65th `[` opens level 129.
    assert_eq!(at(&d), (5, 9 + 64 * 4 + 64), "{d}");
}

/// 100,000 levels of `[` or of `{a: ` fail as fast as JSON of that depth: the scan before parsing is linear
/// (serde_yaml's scanner alone took minutes, quadratic in the depth). The bound is generous for debug builds.
#[test]
fn very_deep_flow_nesting_fails_in_linear_time() {
    let depth = 100_000;
    let head = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep: ";
    for (open, close) in [("[", "]"), ("{a: ", "}")] {
        let text = format!("{head}{}1{}\n", open.repeat(depth), close.repeat(depth));
        let started = std::time::Instant::now();
        let d = only(swagger2rs_parser::load_str("deep.yaml", text));
        assert_eq!(d.code, Code::Syntax, "{d}");
        assert_eq!(at(&d).0, 4, "{d}");
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "{open}: {:?}", started.elapsed());
    }
}

/// A byte that is not UTF-8 is reported at its line and column (characters before it, 1-based).
#[test]
fn invalid_utf8_is_located_at_the_byte() {
    let d = only(load_fixture("errors/not_utf8.yaml"));
    assert_eq!(d.code, Code::Io, "{d}");
    assert!(d.message.contains("not UTF-8"), "{d}");
    // `x-é: "` is six characters (seven bytes).
    assert_eq!(at(&d), (4, 7), "{d}");
}

#[test]
fn an_empty_file_is_located_at_its_start() {
    let d = only(load_fixture("errors/empty.yaml"));
    assert_eq!(d.code, Code::NotSwagger2, "{d}");
    assert_eq!(at(&d), (1, 1), "{d}");
}

/// serde_json says column 0 at the start of a line; columns are 1-based everywhere, and the message does not
/// repeat serde_json's own position.
#[test]
fn a_truncated_json_file_has_a_one_based_column() {
    let d = only(load_fixture("errors/truncated.json"));
    assert_eq!(d.code, Code::Syntax, "{d}");
    assert_eq!(at(&d), (2, 1), "{d}");
    assert!(!d.message.contains("column 0"), "{d}");
}

/// A UTF-8 byte order mark is no content, in YAML as in JSON.
#[test]
fn a_byte_order_mark_is_accepted() {
    for name in ["byte_order_mark.yaml", "byte_order_mark.json"] {
        let api = load_clean(name);
        assert_eq!(api.title, "byte order mark", "{name}");
    }
}

/// A key written twice in one mapping is an error at the repeat that names the first, in YAML and in JSON
/// alike, nested or not; the same key in different mappings is fine.
#[test]
fn a_repeated_mapping_key_is_an_error_naming_both_places() {
    let yaml = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  A:\n    type: object\n    \
                properties: {a: {type: string}, b: {type: string}, a: {type: integer}}\n  B: {properties: {a: {}}}\n  \
                B: {type: string}\n";
    let loaded = swagger2rs_parser::load_str("dup.yaml", yaml.to_owned());
    let found: Vec<(Severity, Code, String, (u32, u32))> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.code, d.location.pointer.as_str().to_owned(), at(d)))
        .collect();
    let expected = [
        (Severity::Error, Code::Syntax, "/definitions/A/properties/a".to_owned(), (7, 56)),
        (Severity::Error, Code::Syntax, "/definitions/B".to_owned(), (9, 3)),
    ];
    assert_eq!(found, expected, "{}", show(&loaded.diagnostics.clone().into_vec()));
    assert!(loaded.diagnostics.iter().next().unwrap().message.contains("first at line 7 column 18"));
    assert!(loaded.diagnostics.iter().nth(1).unwrap().message.contains("first at line 8 column 3"));

    let json = r#"{"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{},"info":{"title":"u","version":"2"}}"#;
    let d = only(swagger2rs_parser::load_str("dup.json", json.to_owned()));
    assert_eq!(
        (d.severity, d.code, d.location.pointer.as_str(), at(&d)),
        (Severity::Error, Code::Syntax, "/info", (1, 64))
    );
    assert!(d.message.contains("`info`") && d.message.contains("first at line 1 column 18"), "{d}");
}

/// Aliases that expand past serde_yaml's limit are refused at the first alias, which is where a reader
/// finds the anchors involved (serde_yaml itself gives no position).
#[test]
fn an_alias_bomb_is_refused_at_its_first_alias() {
    let mut text =
        String::from("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\nx-0: &a0 [x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let prev = format!("*a{}", i - 1);
        text.push_str(&format!("x-{i}: &a{i} [{}]\n", vec![prev; 8].join(", ")));
    }
    let d = only(swagger2rs_parser::load_str("bomb.yaml", text));
    assert_eq!((d.severity, d.code, at(&d)), (Severity::Error, Code::Syntax, (5, 11)), "{d}");
    assert!(d.message.contains("alias bomb"), "{d}");
}

/// An integer beyond 64 bits reads as the nearest float in YAML as in JSON, instead of failing the whole
/// YAML file at pointer `#`.
#[test]
fn integers_beyond_64_bits_read_alike_in_yaml_and_json() {
    let yaml = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  A: {type: integer, maximum: 123456789012345678901234567890}\n";
    let json = r#"{"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{},"definitions":{"A":{"type":"integer","maximum":123456789012345678901234567890}}}"#;
    for (name, text) in [("big.yaml", yaml), ("big.json", json)] {
        let loaded = swagger2rs_parser::load_str(name, text.to_owned());
        assert!(loaded.diagnostics.is_empty(), "{name}: {}", show(&loaded.diagnostics.clone().into_vec()));
        assert!(loaded.api.is_some(), "{name}");
    }
}

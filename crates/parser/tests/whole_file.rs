//! Problems with a file as a whole (its encoding, its documents, its nesting): each is located at the byte
//! where it is, never just at the file.

mod common;

use common::*;
use swagger2rs_parser::ir::{Primitive, TypeRef};
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

/// A file that is not UTF-8 is read as Windows-1252, with a warning at its first such byte (line and column
/// counted in characters before it); positions of later findings are those of the decoded text.
#[test]
fn a_windows_1252_spec_is_read_with_a_warning_at_its_first_byte() {
    let (api, diagnostics) = load_ok("encoding/windows_1252.yaml");
    assert_eq!(api.title, "Café \u{201C}quoted\u{201D}");
    assert_eq!(type_named(&api, "Price").description.as_deref(), Some("5 €"));
    let encoding: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code == Code::Encoding).collect();
    assert_eq!(encoding.len(), 1, "{}", show(&diagnostics));
    assert_eq!((encoding[0].severity, encoding[0].location.pointer.as_str()), (Severity::Warning, ""));
    assert_eq!(at(encoding[0]), (3, 14), "{}", encoding[0]);
    assert!(encoding[0].message.contains("0xE9") && encoding[0].message.contains("3 more"), "{}", encoding[0]);
    let default = diagnostics.iter().find(|d| d.code == Code::InvalidShape).expect("the default is reported");
    assert_eq!(at(default), (7, 3), "{default}");
}

/// A referenced file that is not UTF-8 is read the same way, and its findings are located in it.
#[test]
fn a_referenced_windows_1252_file_is_read_with_a_warning_there() {
    let (api, diagnostics) = load_ok("encoding/referring.yaml");
    assert!(api.types.iter().any(|t| t.description.as_deref() == Some("Coût en €")), "the description is decoded");
    let found: Vec<(Code, String, (u32, u32))> = diagnostics
        .iter()
        .map(|d| (d.code, d.location.file.file_name().unwrap().to_string_lossy().into_owned(), at(d)))
        .collect();
    let file = "windows_1252_schemas.json".to_owned();
    assert_eq!(found, [(Code::Encoding, file.clone(), (3, 23)), (Code::InvalidShape, file, (2, 3))]);
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

/// A key written twice in one mapping is read as its last entry (as serde_json, Jackson and PyYAML read it),
/// with a warning at the repeat that names the first, in YAML and in JSON alike, nested or not; the same key
/// in different mappings is fine.
#[test]
fn a_repeated_mapping_key_reads_the_last_entry_with_a_warning_naming_both_places() {
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
        (Severity::Warning, Code::DuplicateKey, "/definitions/A/properties/a".to_owned(), (7, 56)),
        (Severity::Warning, Code::DuplicateKey, "/definitions/B".to_owned(), (9, 3)),
    ];
    assert_eq!(found, expected, "{}", show(&loaded.diagnostics.clone().into_vec()));
    assert!(loaded.diagnostics.iter().next().unwrap().message.contains("first at line 7 column 18"));
    assert!(loaded.diagnostics.iter().nth(1).unwrap().message.contains("first at line 8 column 3"));
    let api = loaded.api.expect("read");
    let a = struct_of(&api, "A");
    assert_eq!(wire_names(a), ["a", "b"]);
    assert!(matches!(field(a, "a").ty, TypeRef::Primitive(Primitive::Integer(_))), "the last `a` is read");
    assert!(matches!(as_alias(type_named(&api, "B")), TypeRef::Primitive(Primitive::String(_))), "the last `B`");

    let json = r#"{"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{},"info":{"title":"u","version":"2"},"info":{"title":"v","version":"3"}}"#;
    let loaded = swagger2rs_parser::load_str("dup.json", json.to_owned());
    let d = loaded.diagnostics.iter().next().expect("a warning");
    assert_eq!(
        (d.severity, d.code, d.location.pointer.as_str(), at(d)),
        (Severity::Warning, Code::DuplicateKey, "/info", (1, 99))
    );
    assert!(d.message.contains("`info`") && d.message.contains("first at line 1 column 18"), "{d}");
    assert_eq!(loaded.api.expect("read").title, "v");
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

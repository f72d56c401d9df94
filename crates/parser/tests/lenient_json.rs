//! JSON slips common readers accept (trailing commas, raw control characters in strings, spaces JSON does not
//! count as whitespace) are read as those readers read them, each with a `lenient-syntax` warning at its place,
//! and positions of everything after a repair stay those of the file as written.

mod common;

use common::*;
use swagger2rs_parser::{Code, Diagnostic, Severity};

/// (pointer, line, column) of each diagnostic with `code`, in order; every one must be a located warning.
fn warnings(diagnostics: &[Diagnostic], code: Code) -> Vec<(String, u32, u32)> {
    diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            assert_eq!(d.severity, Severity::Warning, "{d}");
            let at = d.location.line_col.unwrap_or_else(|| panic!("no line:column: {d}"));
            (d.location.pointer.as_str().to_owned(), at.line, at.column)
        })
        .collect()
}

fn place(pointer: &str, line: u32, column: u32) -> (String, u32, u32) {
    (pointer.to_owned(), line, column)
}

#[test]
fn trailing_commas_are_read_as_absent() {
    let (api, diagnostics) = load_ok("lenient_json/trailing_commas.json");
    assert_eq!(api.title, "Trailing commas");
    let op = op(&api, "list_things");
    assert_eq!(op.schemes, ["https"]);
    assert_eq!(op.parameters.len(), 1);
    assert_eq!(wire_names(struct_of(&api, "Thing")), ["name", "size"]);
    assert_eq!(
        warnings(&diagnostics, Code::LenientSyntax),
        [
            place("/info", 3, 54),
            place("/schemes", 4, 22),
            place("/paths/~1things/get/parameters", 10, 39),
            place("/definitions/Thing/properties", 19, 77),
            place("/definitions/Thing", 19, 79),
        ]
    );
    assert!(diagnostics[0].message.contains("trailing comma"), "{}", diagnostics[0]);
    // Positions after a repair are those of the file as written.
    assert_eq!(warnings(&diagnostics, Code::MissingParameterType), [place("/paths/~1things/get/parameters/0", 10, 11)]);
}

#[test]
fn raw_control_characters_in_strings_are_read_as_written() {
    let (api, diagnostics) = load_ok("lenient_json/control_characters.json");
    assert_eq!(api.title, "Raw\tcontrol characters");
    let op = op(&api, "list_things");
    assert_eq!(op.description.as_deref(), Some("First line\nsecond line"));
    let values: Vec<&serde_json::Value> = as_enum(type_named(&api, "Kind")).variants.iter().map(|v| &v.value).collect();
    assert_eq!(values, ["a\u{1}b", "c"]);
    assert_eq!(
        warnings(&diagnostics, Code::LenientSyntax),
        [
            place("/info/title", 3, 25),
            place("/paths/~1things/get/description", 8, 35),
            place("/definitions/Kind/enum/0", 16, 43),
        ]
    );
    let messages: Vec<&str> =
        diagnostics.iter().filter(|d| d.code == Code::LenientSyntax).map(|d| d.message.as_str()).collect();
    assert!(messages[0].contains("U+0009") && messages[2].contains("U+0001"), "{messages:?}");
    // The raw line break is still a line break for every position after it.
    assert_eq!(warnings(&diagnostics, Code::MissingParameterType), [place("/paths/~1things/get/parameters/0", 10, 24)]);
}

#[test]
fn spaces_json_does_not_know_are_read_as_spaces() {
    let (api, diagnostics) = load_ok("lenient_json/odd_spaces.json");
    assert_eq!(api.title, "Odd spaces");
    type_named(&api, "Thing");
    assert_eq!(warnings(&diagnostics, Code::LenientSyntax), [place("/info", 3, 49), place("", 4, 15)]);
    assert!(diagnostics[0].message.contains("U+2003") && diagnostics[1].message.contains("U+00A0"));
}

/// Thousands of slips make one warning with their count, at the first; reading stays linear.
#[test]
fn many_slips_make_one_warning_with_their_count() {
    let properties: Vec<String> = (0..20_000).map(|i| format!("\"p{i}\": {{\"type\": \"string\",}}")).collect();
    let text = format!(
        "{{\"swagger\": \"2.0\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}}, \"paths\": {{}},\n\"definitions\": \
         {{\"Big\": {{\"type\": \"object\", \"properties\": {{{}}}}}}}}}",
        properties.join(", ")
    );
    let started = std::time::Instant::now();
    let loaded = swagger2rs_parser::load_str("many.json", text);
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
    let diagnostics = loaded.diagnostics.into_vec();
    assert_eq!(
        warnings(&diagnostics, Code::LenientSyntax),
        [place("/definitions/Big/properties/p0", 2, 81)],
        "{}",
        show(&diagnostics)
    );
    assert!(diagnostics[0].message.starts_with("20000 trailing commas"), "{}", diagnostics[0]);
    assert_eq!(loaded.api.map(|api| struct_of(&api, "Big").fields.len()), Some(20_000));
}

/// JSON that the repairs do not make readable is an error at the place in the file as written: columns count
/// characters, and a repair that lengthened the line before the place does not move it.
#[test]
fn json_still_broken_after_repairs_is_an_error_where_it_is_written() {
    let text = "{\"swagger\": \"2.0\",\n \"info\": {\"title\": \"é\tx\", \"version\": \"1\",} \"paths\": {}}";
    let loaded = swagger2rs_parser::load_str("broken.json", text);
    let diagnostics = loaded.diagnostics.into_vec();
    assert_eq!(diagnostics.len(), 1, "{}", show(&diagnostics));
    let d = &diagnostics[0];
    assert_eq!((d.severity, d.code), (Severity::Error, Code::Syntax), "{d}");
    let at = d.location.line_col.unwrap();
    // ` "info": {"title": "é<tab>x", "version": "1",} ` is 43 characters: `"paths"` starts at 44.
    assert_eq!((at.line, at.column), (2, 44), "{d}");
    assert!(loaded.api.is_none());
}

/// Slips in a referenced file are reported in that file.
#[test]
fn slips_in_a_referenced_file_are_reported_there() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schemas.json"), "{\"Thing\": {\"type\": \"object\",\n\"required\": [\"a\",]}}\n")
        .unwrap();
    let spec = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Thing: {$ref: 'schemas.json#/Thing'}\n";
    std::fs::write(dir.path().join("spec.yaml"), spec).unwrap();
    let loaded = swagger2rs_parser::load(&dir.path().join("spec.yaml"));
    let diagnostics = loaded.diagnostics.into_vec();
    let found: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code == Code::LenientSyntax).collect();
    assert_eq!(found.len(), 1, "{}", show(&diagnostics));
    assert!(found[0].location.file.ends_with("schemas.json"), "{}", found[0]);
    assert_eq!(found[0].location.pointer.as_str(), "/Thing/required");
    assert_eq!(found[0].location.line_col.map(|at| (at.line, at.column)), Some((2, 17)));
}

use swagger2rs_parser::locate::{LineCol, LineIndex};

fn at(line: u32, column: u32) -> Option<LineCol> {
    Some(LineCol { line, column })
}

#[test]
fn yaml_nested_mapping_points_at_keys() {
    let index = LineIndex::build(
        "swagger: \"2.0\"\n\
         info:\n  title: Demo\n  version: 1.0.0\n\
         paths:\n  /pets:\n    get:\n      summary: List\n",
    );
    assert_eq!(index.locate("/swagger"), at(1, 1));
    assert_eq!(index.locate("/info"), at(2, 1));
    assert_eq!(index.locate("/info/title"), at(3, 3));
    assert_eq!(index.locate("/info/version"), at(4, 3));
    assert_eq!(index.locate("/paths/~1pets"), at(6, 3));
    assert_eq!(index.locate("/paths/~1pets/get"), at(7, 5));
    assert_eq!(index.locate("/paths/~1pets/get/summary"), at(8, 7));
}

#[test]
fn yaml_sequence_items_are_indexed_by_position() {
    let index =
        LineIndex::build("tags:\n  - name: a\n    description: first\n  - b\n  - [x, y]\nlist:\n- one\n- two\n");
    assert_eq!(index.locate("/tags"), at(1, 1));
    // A block mapping item starts at its first key, not at the `:` yaml-rust2 marks.
    assert_eq!(index.locate("/tags/0"), at(2, 5));
    assert_eq!(index.locate("/tags/0/name"), at(2, 5));
    assert_eq!(index.locate("/tags/0/description"), at(3, 5));
    assert_eq!(index.locate("/tags/1"), at(4, 5));
    assert_eq!(index.locate("/tags/2"), at(5, 5));
    assert_eq!(index.locate("/tags/2/1"), at(5, 9));
    assert_eq!(index.locate("/list/0"), at(7, 3));
    assert_eq!(index.locate("/list/1"), at(8, 3));
}

#[test]
fn keys_with_slash_and_tilde_are_escaped() {
    let index = LineIndex::build(
        "paths:\n  /api/2/issue/{issueIdOrKey}:\n    get:\n      parameters:\n        - in: path\n\
         \x20 \"c~d\": 1\n  \"~1\": 2\n",
    );
    assert_eq!(index.locate("/paths/~1api~12~1issue~1{issueIdOrKey}/get/parameters/0"), at(5, 11));
    assert_eq!(index.locate("/paths/c~0d"), at(6, 3));
    // `~01` is the key "~1"; `~1` would be the absent key "/".
    assert_eq!(index.locate("/paths/~01"), at(7, 3));
    assert_eq!(index.locate("/paths/~1"), at(1, 1));
}

#[test]
fn integer_like_keys_use_their_text() {
    let index = LineIndex::build(
        "responses:\n  200:\n    description: ok\n  \"404\":\n    description: missing\n  \
         default:\n    description: other\n  0x1F: hex\n",
    );
    assert_eq!(index.locate("/responses/200"), at(2, 3));
    assert_eq!(index.locate("/responses/200/description"), at(3, 5));
    assert_eq!(index.locate("/responses/404/description"), at(5, 5));
    assert_eq!(index.locate("/responses/default"), at(6, 3));
    assert_eq!(index.locate("/responses/0x1F"), at(8, 3));
}

#[test]
fn flow_style_collections() {
    let index = LineIndex::build("root: {a: 1, b: [2, {c: 3}]}\nnext: [a: 1]\n");
    assert_eq!(index.locate("/root"), at(1, 1));
    assert_eq!(index.locate("/root/a"), at(1, 8));
    assert_eq!(index.locate("/root/b"), at(1, 14));
    assert_eq!(index.locate("/root/b/0"), at(1, 18));
    assert_eq!(index.locate("/root/b/1"), at(1, 21));
    assert_eq!(index.locate("/root/b/1/c"), at(1, 22));
    // A single-pair mapping inside a flow sequence.
    assert_eq!(index.locate("/next/0/a"), at(2, 8));
}

#[test]
fn multi_line_strings_do_not_shift_later_keys() {
    let index = LineIndex::build(
        "description: |\n  line one\n  line two\nsummary: >-\n  folded\n  text\n\
         plain: a plain\n  continued scalar\nquoted: \"multi\n  line\"\nafter: x\n",
    );
    assert_eq!(index.locate("/description"), at(1, 1));
    assert_eq!(index.locate("/summary"), at(4, 1));
    assert_eq!(index.locate("/plain"), at(7, 1));
    assert_eq!(index.locate("/quoted"), at(9, 1));
    assert_eq!(index.locate("/after"), at(11, 1));
}

#[test]
fn quoted_keys_use_their_unquoted_text() {
    let index =
        LineIndex::build("\"quoted key\": 1\n'single': 2\n\"with \\\"escape\\\"\": 3\n\"\\u00e9t\\u00e9\": 4\n");
    assert_eq!(index.locate("/quoted key"), at(1, 1));
    assert_eq!(index.locate("/single"), at(2, 1));
    assert_eq!(index.locate("/with \"escape\""), at(3, 1));
    assert_eq!(index.locate("/été"), at(4, 1));
}

#[test]
fn pretty_json() {
    let index = LineIndex::build(
        r#"{
  "swagger": "2.0",
  "paths": {
    "/pets": {
      "get": {
        "parameters": [
          {"name": "id", "in": "path"},
          {
            "name": "q"
          }
        ]
      }
    }
  }
}
"#,
    );
    assert_eq!(index.locate(""), at(1, 1));
    assert_eq!(index.locate("/swagger"), at(2, 3));
    assert_eq!(index.locate("/paths"), at(3, 3));
    assert_eq!(index.locate("/paths/~1pets"), at(4, 5));
    assert_eq!(index.locate("/paths/~1pets/get/parameters"), at(6, 9));
    assert_eq!(index.locate("/paths/~1pets/get/parameters/0"), at(7, 11));
    assert_eq!(index.locate("/paths/~1pets/get/parameters/0/in"), at(7, 26));
    assert_eq!(index.locate("/paths/~1pets/get/parameters/1"), at(8, 11));
    assert_eq!(index.locate("/paths/~1pets/get/parameters/1/name"), at(9, 13));
}

#[test]
fn minified_json_columns_count_characters() {
    let index = LineIndex::build(r#"{"a":{"b/c":[10,{"d":"x"}]},"é":1,"z":null}"#);
    assert_eq!(index.locate(""), at(1, 1));
    assert_eq!(index.locate("/a"), at(1, 2));
    assert_eq!(index.locate("/a/b~1c"), at(1, 7));
    assert_eq!(index.locate("/a/b~1c/0"), at(1, 14));
    assert_eq!(index.locate("/a/b~1c/1"), at(1, 17));
    assert_eq!(index.locate("/a/b~1c/1/d"), at(1, 18));
    assert_eq!(index.locate("/é"), at(1, 29));
    // "é" is two bytes; a byte column would say 36.
    assert_eq!(index.locate("/z"), at(1, 35));
}

#[test]
fn long_single_line_json() {
    let entries: Vec<String> = (0..5000).map(|i| format!(r#""k{i}":[{i}]"#)).collect();
    let text = format!("{{{}}}", entries.join(","));
    let index = LineIndex::build(&text);
    let column = |needle: &str| {
        let byte = text.find(needle).expect("needle in text");
        Some(LineCol { line: 1, column: u32::try_from(byte).unwrap() + 1 })
    };
    assert_eq!(index.locate("/k4999"), column(r#""k4999""#));
    assert_eq!(index.locate("/k4999/0"), column("[4999]").map(|c| LineCol { column: c.column + 1, ..c }));
}

#[test]
fn missing_nodes_fall_back_to_nearest_indexed_ancestor() {
    let index = LineIndex::build("info:\n  title: Demo\ntags:\n  - a\nbase: &b {x: 1}\nuse: *b\ntext: plain\n");
    assert_eq!(index.locate("/info/nonexistent/deeper"), at(1, 1));
    assert_eq!(index.locate("/info/title/0"), at(2, 3));
    assert_eq!(index.locate("/tags/7"), at(3, 1));
    // Not valid array indices, so not the items they resemble.
    assert_eq!(index.locate("/tags/00"), at(3, 1));
    assert_eq!(index.locate("/tags/-"), at(3, 1));
    assert_eq!(index.locate("/nope"), at(1, 1));
    // Aliases are located where written and not expanded.
    assert_eq!(index.locate("/base/x"), at(5, 11));
    assert_eq!(index.locate("/use"), at(6, 1));
    assert_eq!(index.locate("/use/x"), at(6, 1));
    assert_eq!(index.locate("/text/x"), at(7, 1));
}

#[test]
fn root_pointer() {
    // A block mapping starts at its first key, after leading comments and blank lines.
    let index = LineIndex::build("# comment\n\nswagger: '2.0'\n");
    assert_eq!(index.locate(""), at(3, 1));
    // Not a pointer at all: the root is the only defensible answer.
    assert_eq!(index.locate("swagger"), at(3, 1));
    assert_eq!(LineIndex::build("- a\n- b\n").locate(""), at(1, 1));
    assert_eq!(LineIndex::build("  hello\n").locate(""), at(1, 3));
    assert_eq!(LineIndex::build("  {\"a\": 1}").locate(""), at(1, 3));
}

#[test]
fn invalid_yaml_keeps_what_was_indexed_before_the_error() {
    let index = LineIndex::build("a: 1\nb:\n  c: 2\n  - bad\nd: 3\n");
    assert_eq!(index.locate("/a"), at(1, 1));
    assert_eq!(index.locate("/b/c"), at(3, 3));
    assert_eq!(index.locate("/d"), at(1, 1));

    let index = LineIndex::build(r#"{"a": 1, "b": [1, 2,, 3], "c": 4}"#);
    assert_eq!(index.locate("/b/1"), at(1, 19));
    assert_eq!(index.locate("/c"), at(1, 1));

    let index = LineIndex::build("a:\n  b: [x\n");
    assert_eq!(index.locate("/a/b/0"), at(2, 7));
}

#[test]
fn empty_input_has_empty_index() {
    for text in ["", "   \n", "# only a comment\n"] {
        let index = LineIndex::build(text);
        assert_eq!(index.locate(""), None, "{text:?}");
        assert_eq!(index.locate("/a"), None, "{text:?}");
    }
    // An explicit empty document still has a (null) root.
    assert!(LineIndex::build("---\n").locate("").is_some());
}

#[test]
fn only_the_first_document_is_indexed() {
    let index = LineIndex::build("a: 1\n---\nb: 2\n");
    assert_eq!(index.locate("/a"), at(1, 1));
    assert_eq!(index.locate("/b"), at(1, 1));
}

#[test]
fn non_scalar_keys_are_skipped_with_their_values() {
    let index = LineIndex::build("? [k]\n: {v: 1}\n? {a: 1}\n: [b]\nnext: 1\n");
    assert_eq!(index.locate("/next"), at(5, 1));
    assert_eq!(index.locate("/v"), at(1, 1));
    assert_eq!(index.locate("/a"), at(1, 1));
    assert_eq!(index.locate("/0"), at(1, 1));
}

#[test]
fn duplicate_keys_locate_the_last_occurrence() {
    let index = LineIndex::build("a: {x: 1}\na: {y: 2}\n");
    assert_eq!(index.locate("/a"), at(2, 1));
    assert_eq!(index.locate("/a/y"), at(2, 5));
    assert_eq!(index.locate("/a/x"), at(2, 1));
}

#[test]
fn byte_order_mark_and_crlf() {
    let index = LineIndex::build("\u{feff}{\"a\": 1}");
    assert_eq!(index.locate("/a"), at(1, 2));
    let index = LineIndex::build("a: 1\r\nb:\r\n  c: 2\r\n");
    assert_eq!(index.locate("/b/c"), at(3, 3));
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 20_000;
    let text = format!("{}x", "- ".repeat(depth));
    let index = LineIndex::build(&text);
    let innermost = "/0".repeat(depth);
    assert_eq!(index.locate(&innermost), at(1, 2 * 20_000 + 1));
    assert_eq!(index.locate(&format!("{innermost}/0/0")), at(1, 2 * 20_000 + 1));

    let text: String = (0..2_000).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    let index = LineIndex::build(&text);
    assert_eq!(index.locate(&"/k".repeat(2_000)), at(2_000, 2_000));

    // yaml-rust2 stops at 255 levels of flow nesting; up to there everything is indexed.
    let text = format!("{}{}", "[".repeat(250), "]".repeat(250));
    assert_eq!(LineIndex::build(&text).locate(&"/0".repeat(249)), at(1, 250));
    let text = "{\"a\":".repeat(100_000);
    let _ = LineIndex::build(&text).locate("/a/a");
}

#[test]
fn arbitrary_input_never_panics() {
    const YAMLISH: &[u8] = b"{}[]:,-?&*!|>'\"#%@`~/\\ \t\r\n\n\n  ab01.\xc3\xa9\xff";
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..600 {
        let len = usize::try_from(next() % 256).unwrap();
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                let r = next();
                // Half the inputs are raw bytes, half are built from YAML's syntax characters,
                // which reach far more parser states.
                if round % 2 == 0 {
                    r.to_le_bytes()[0]
                } else {
                    YAMLISH[usize::try_from(r % YAMLISH.len() as u64).unwrap()]
                }
            })
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        let index = LineIndex::build(&text);
        for pointer in ["", "/", "/0", "/a/0/b", "/~0~1/~", "x"] {
            if let Some(found) = index.locate(pointer) {
                assert!(found.line >= 1 && found.column >= 1, "{text:?}");
            }
        }
    }
}

/// JSON writers escape characters beyond the BMP as UTF-16 surrogate pairs; YAML has no such escape, and
/// before they were rewritten one made every position in the file unknown.
#[test]
fn json_with_surrogate_pair_escapes_keeps_its_positions() {
    let text = "{\n  \"title\": \"smile \\ud83d\\ude00 and \\uD83E\\uDD80\", \"after\": 1,\n  \"key \\ud83d\\ude00\": {\"x\": 2}\n}\n";
    let index = swagger2rs_parser::locate::LineIndex::build(text);
    let at = |pointer: &str| index.locate(pointer).map(|p| (p.line, p.column));
    assert_eq!(at("/title"), Some((2, 3)));
    assert_eq!(at("/after"), Some((2, 51)), "columns after the escapes count the original characters");
    assert_eq!(at("/key 😀/x"), Some((3, 24)));
}

//! The README's reference tables are checked against the code they describe, so they cannot drift.

use swagger2rs_parser::Code;

/// The "Diagnostic codes" table as the code defines it.
fn codes_table() -> String {
    let mut table = String::from("| code | meaning |\n|---|---|\n");
    for code in Code::ALL {
        table.push_str(&format!("| `{}` | {} |\n", code.as_str(), code.meaning().replace('|', "\\|")));
    }
    table
}

#[test]
fn the_readme_lists_every_diagnostic_code() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let start = "<!-- diagnostic-codes: generated from swagger2rs_parser::Code::ALL; crates/cli/tests/readme.rs keeps it equal -->\n";
    let end = "<!-- end diagnostic-codes -->";
    let from = readme.find(start).expect("start marker in README.md") + start.len();
    let to = from + readme[from..].find(end).expect("end marker in README.md");
    let expected = codes_table();
    assert!(
        readme[from..to] == expected,
        "README.md's diagnostic-code table is out of date; put this between the markers:\n\n{expected}"
    );
}

#[test]
fn code_names_are_unique() {
    let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), Code::ALL.len());
}

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

/// The text between `<!-- {name}: … -->` and `<!-- end {name} -->` in the README.
fn readme_block(name: &str) -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let start = format!("<!-- {name}:");
    let from = readme.find(&start).unwrap_or_else(|| panic!("{name} marker in README.md"));
    let from = from + readme[from..].find("-->\n").expect("end of the start marker") + 4;
    let end = format!("<!-- end {name} -->");
    let to = from + readme[from..].find(&end).unwrap_or_else(|| panic!("end {name} marker in README.md"));
    readme[from..to].to_owned()
}

/// The "Diff rules" table as `swagger2rs::diff::rules` declares it.
fn rules_table() -> String {
    let mut table = String::from("| change | level | why |\n|---|---|---|\n");
    for kind in swagger2rs::diff::Kind::ALL {
        table.push_str(&format!(
            "| `{}` | {} | {} |\n",
            kind.as_str(),
            kind.level().as_str(),
            kind.why().replace('|', "\\|")
        ));
    }
    table
}

#[test]
fn the_readme_lists_every_diff_rule() {
    let expected = rules_table();
    assert!(
        readme_block("diff-rules") == expected,
        "README.md's diff rules table is out of date; put this between the markers:\n\n{expected}"
    );
}

/// The README's example report is the real output for a copy of `spec/jira.yaml` whose "Get issue" gains a
/// required `tenantId` and an optional `includeArchived` query parameter (the seed spec itself is never edited).
#[test]
fn the_readme_shows_the_real_jira_diff() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let seed = std::fs::read_to_string(root.join("spec/jira.yaml")).unwrap();
    let anchor = "      operationId: com.atlassian.jira.rest.v2.issue.IssueResource.getIssue_get\n      \
                  x-api-path-slug: api2issueissueidorkey-get\n      parameters:\n";
    assert!(seed.contains(anchor), "the Get issue operation moved in spec/jira.yaml");
    let added = "      - in: query\n        name: tenantId\n        required: true\n        type: string\n        \
                 description: The tenant the issue belongs to\n      - in: query\n        name: includeArchived\n        \
                 type: boolean\n        description: Also find archived issues\n";
    let dir = std::env::temp_dir().join(format!("swagger2rs-readme-jira-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    let next = dir.join("spec/jira.yaml");
    std::fs::write(&next, seed.replacen(anchor, &format!("{anchor}{added}"), 1)).unwrap();
    let side = |spec: std::path::PathBuf| {
        let inputs = swagger2rs::diff::side_inputs(
            spec,
            vec![root.join("spec/jira.overlay.yaml")],
            Some(root.join("spec/jira.swagger2rs.toml")),
        );
        swagger2rs::pipeline::prepare(&inputs, "jira")
    };
    let (old, new) = (side(root.join("spec/jira.yaml")), side(next));
    let diff = swagger2rs::diff::diff(
        old.api_without_errors().expect("the seed loads"),
        new.api_without_errors().expect("the edited copy loads"),
        &old.options.crate_name,
        &old.options.crate_version,
    );
    let _ = std::fs::remove_dir_all(&dir);
    let expected = format!("````markdown\n{}````\n", swagger2rs::diff::report::markdown(&diff));
    assert!(
        readme_block("diff-jira-example") == expected,
        "README.md's Jira diff example is out of date; put this between the markers:\n\n{expected}"
    );
}

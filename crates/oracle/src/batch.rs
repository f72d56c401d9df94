//! One crate holding many generated clients: each is a module named after its case (`seed_12`), its files
//! unchanged but for `crate::` paths, which become `crate::seed_12::` so each client still finds its own types
//! and operations.
//!
//! The runtime is most of every client's code and the same text in most of them (it varies only with date
//! support), so each distinct runtime is compiled once, as a module of the batch root, and a client's
//! `pub mod runtime;` becomes `pub use crate::runtime_0 as runtime;`. Nothing is lost: the runtime holds no
//! `crate::` paths and no private items that a client's use could make dead, so its lints are the same in
//! every crate that copies it. The batch root carries the inner attributes of a client's `lib.rs`
//! (`#![warn(missing_docs)]`, …) so the shared runtimes are linted as they are inside a client.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use swagger2rs_emitter::GeneratedFile;

use crate::Client;

/// The line of a client's `lib.rs` that declares its runtime.
const RUNTIME_DECLARATION: &str = "pub mod runtime;";

/// The case whose client a path in the batch belongs to (`cases/seed_12/src/types.rs` → `seed_12`).
pub fn case_of(path: &str) -> Option<&str> {
    let rest = &path[path.find("cases/")? + "cases/".len()..];
    Some(&rest[..rest.find('/')?])
}

/// Writes the batch crate to `dir`, replacing any earlier batch there; returns the lines of Rust written.
pub fn write(dir: &Path, lockfile: &Path, clients: &[Client]) -> io::Result<usize> {
    for stale in ["cases", "runtimes", "src"] {
        match fs::remove_dir_all(dir.join(stale)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    let mut lines = 0;
    let mut runtimes: Vec<Vec<&GeneratedFile>> = Vec::new();
    let mut modules = String::new();
    for client in clients {
        let module = &client.case.name;
        let case_dir = dir.join("cases").join(module);
        let (runtime, own): (Vec<&GeneratedFile>, Vec<&GeneratedFile>) =
            client.files.iter().partition(|f| f.path.starts_with("src/runtime"));
        let shared = match runtimes.iter().position(|known| *known == runtime) {
            Some(index) => index,
            None => {
                runtimes.push(runtime);
                runtimes.len() - 1
            }
        };
        for file in own {
            let mut contents = file.contents.clone();
            if file.path.extension().is_some_and(|e| e == "rs") {
                contents = contents.replace("crate::", &format!("crate::{module}::"));
                if file.path == Path::new("src/lib.rs") {
                    contents =
                        contents.replace(RUNTIME_DECLARATION, &format!("pub use crate::runtime_{shared} as runtime;"));
                }
                lines += contents.lines().count();
            }
            write_file(&case_dir.join(&file.path), &contents)?;
        }
        fs::write(case_dir.join(&client.case.file_name), &client.case.text)?;
        // No outer docs: rustdoc would resolve the links of the module's own docs from here.
        modules.push_str(&format!("#[path = \"../cases/{module}/src/lib.rs\"]\npub mod {module};\n"));
    }
    let mut root = String::from("//! Generated clients of the compile oracle, one module per document.\n");
    root.push_str(&client_lint_attributes(clients));
    root.push('\n');
    for (index, files) in runtimes.iter().enumerate() {
        let runtime_dir = dir.join("runtimes").join(format!("runtime_{index}"));
        for file in files {
            let relative: PathBuf = file.path.strip_prefix("src/runtime").expect("a runtime file").into();
            write_file(&runtime_dir.join(relative), &file.contents)?;
            lines += file.contents.lines().count();
        }
        root.push_str(&format!("#[path = \"../runtimes/runtime_{index}/mod.rs\"]\npub mod runtime_{index};\n"));
    }
    root.push_str(&modules);
    write_file(&dir.join("src/lib.rs"), &root)?;
    fs::write(dir.join("Cargo.toml"), manifest(clients))?;
    if !dir.join("Cargo.lock").exists() {
        fs::copy(lockfile, dir.join("Cargo.lock"))?;
    }
    Ok(lines)
}

fn write_file(path: &Path, contents: &str) -> io::Result<()> {
    fs::create_dir_all(path.parent().expect("a file has a directory"))?;
    fs::write(path, contents)
}

/// The inner lint attributes of the first client's `lib.rs` (`#![warn(missing_docs)]`, `#![allow(…)]`): what a
/// runtime is linted under inside a client.
fn client_lint_attributes(clients: &[Client]) -> String {
    let lib = clients.iter().flat_map(|c| &c.files).find(|f| f.path == Path::new("src/lib.rs"));
    let attributes = lib
        .map(|f| f.contents.lines())
        .into_iter()
        .flatten()
        .filter(|line| line.starts_with("#![") && !line.starts_with("#![doc"));
    attributes.map(|line| format!("{line}\n")).collect()
}

/// A manifest whose dependencies and features are the union of the clients' own.
fn manifest(clients: &[Client]) -> String {
    let mut dependencies = BTreeSet::new();
    // Clients share feature names (`default`, `full`, tags of the same name): each feature enables the union
    // of what it enables in any client, so every client's gates mean the same in the batch.
    let mut features: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for client in clients {
        let manifest = client.files.iter().find(|f| f.path == Path::new("Cargo.toml"));
        let mut section = "";
        for line in manifest.map(|f| f.contents.as_str()).unwrap_or_default().lines() {
            if line.starts_with('[') {
                section = line;
            } else if !line.trim().is_empty() && !line.starts_with('#') {
                match section {
                    "[dependencies]" => dependencies.insert(line.to_owned()),
                    "[features]" => {
                        let (name, enables) = feature_line(line);
                        features.entry(name).or_default().extend(enables);
                        true
                    }
                    _ => false,
                };
            }
        }
    }
    let join = |lines: BTreeSet<String>| lines.into_iter().collect::<Vec<_>>().join("\n");
    let features: BTreeSet<String> = features
        .into_iter()
        .map(|(name, enables)| {
            let enables: Vec<String> = enables.iter().map(|f| format!("{f:?}")).collect();
            format!("{name} = [{}]", enables.join(", "))
        })
        .collect();
    format!(
        "[package]\nname = \"oracle-batch\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [workspace]\n\n[dependencies]\n{}\n\n[features]\n{}\n",
        join(dependencies),
        join(features)
    )
}

/// A `[features]` line of a generated manifest (`name = ["a", "b"]`): the feature and what it enables.
fn feature_line(line: &str) -> (String, Vec<String>) {
    let (name, list) = line.split_once('=').unwrap_or((line, "[]"));
    let list = list.trim().trim_start_matches('[').trim_end_matches(']');
    let enables =
        list.split(',').map(|item| item.trim().trim_matches('"').to_owned()).filter(|item| !item.is_empty()).collect();
    (name.trim().to_owned(), enables)
}

#[cfg(test)]
mod tests {
    use super::{case_of, feature_line};

    #[test]
    fn feature_lines_split_into_name_and_what_they_enable() {
        assert_eq!(
            feature_line(r#"full = ["admin", "pets"]"#),
            ("full".to_owned(), vec!["admin".to_owned(), "pets".to_owned()])
        );
        assert_eq!(feature_line("pets = []"), ("pets".to_owned(), vec![]));
        assert_eq!(
            feature_line(r#"tracing = ["dep:tracing"]"#),
            ("tracing".to_owned(), vec!["dep:tracing".to_owned()])
        );
    }

    #[test]
    fn paths_name_their_case() {
        assert_eq!(case_of("/t/oracle/x/cases/seed_12/src/types.rs"), Some("seed_12"));
        assert_eq!(case_of("src/../cases/ord_alone/src/runtime/mod.rs"), Some("ord_alone"));
        assert_eq!(case_of("src/lib.rs"), None);
    }
}

//! External `$ref`s are input, not paths to anything on the machine: they read only regular files inside the
//! repository checkout holding the root spec (outside any, the spec's directory tree) or directories allowed
//! explicitly, each bounded in size, resolved where the referring file really is.

use std::fs;
use std::path::Path;

use swagger2rs_parser::source::{LoadOptions, Sources};
use swagger2rs_parser::{Code, Diagnostic, Loaded};

/// A spec whose one definition is `$ref: <reference>`.
fn spec_referring_to(reference: &str) -> String {
    format!(
        "swagger: '2.0'\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ndefinitions:\n  Thing: {{$ref: '{reference}'}}\n"
    )
}

const SCHEMA: &str = "type: object\nproperties: {a: {type: string}}\n";

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn load(spec: &Path, options: &LoadOptions) -> Loaded {
    match Sources::load_with(spec, options) {
        Ok(sources) => swagger2rs_parser::lower(&sources),
        Err(d) => panic!("the root spec loads: {d}"),
    }
}

fn dangling(loaded: &Loaded) -> Vec<&Diagnostic> {
    loaded.diagnostics.iter().filter(|d| d.code == Code::DanglingRef).collect()
}

#[test]
fn files_inside_the_spec_directory_are_read() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("schemas/thing.yaml"), SCHEMA);
    write(&dir.path().join("spec.yaml"), &spec_referring_to("schemas/thing.yaml"));
    let loaded = load(&dir.path().join("spec.yaml"), &LoadOptions::default());
    assert!(dangling(&loaded).is_empty(), "{:?}", loaded.diagnostics);
}

#[test]
fn absolute_paths_and_parent_escapes_outside_the_tree_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    write(&outside.path().join("secret.yaml"), SCHEMA);
    let dir = tempfile::tempdir().unwrap();
    let absolute = outside.path().join("secret.yaml");
    let escape = format!("../{}/secret.yaml", outside.path().file_name().unwrap().to_string_lossy());
    for reference in [absolute.to_string_lossy().into_owned(), escape, "/etc/hostname".to_owned()] {
        write(&dir.path().join("spec.yaml"), &spec_referring_to(&reference));
        let loaded = load(&dir.path().join("spec.yaml"), &LoadOptions::default());
        let found = dangling(&loaded);
        assert_eq!(found.len(), 1, "{reference}: {:?}", loaded.diagnostics);
        assert!(found[0].message.contains("outside the directories"), "{}", found[0].message);
        assert_eq!(found[0].location.pointer.as_str(), "/definitions/Thing/$ref");
    }
}

#[test]
fn an_allowed_root_widens_what_references_may_read() {
    let outside = tempfile::tempdir().unwrap();
    write(&outside.path().join("shared.yaml"), SCHEMA);
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("spec.yaml"), &spec_referring_to(&outside.path().join("shared.yaml").to_string_lossy()));
    let options = LoadOptions { extra_ref_roots: vec![outside.path().to_path_buf()], ..LoadOptions::default() };
    let loaded = load(&dir.path().join("spec.yaml"), &options);
    assert!(dangling(&loaded).is_empty(), "{:?}", loaded.diagnostics);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_tree_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    write(&outside.path().join("secret.yaml"), SCHEMA);
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.yaml"), dir.path().join("link.yaml")).unwrap();
    write(&dir.path().join("spec.yaml"), &spec_referring_to("link.yaml"));
    let loaded = load(&dir.path().join("spec.yaml"), &LoadOptions::default());
    assert!(dangling(&loaded)[0].message.contains("outside the directories"), "{:?}", loaded.diagnostics);
}

/// `..` is resolved where the referring file really is, not by cancelling path text: a spec reached through
/// a linked directory reads the real sibling, however it was named.
#[cfg(unix)]
#[test]
fn parent_references_resolve_from_the_real_directory() {
    let root = tempfile::tempdir().unwrap();
    write(&root.path().join("real/api/spec.yaml"), &spec_referring_to("../common/thing.yaml"));
    write(&root.path().join("real/common/thing.yaml"), SCHEMA);
    std::os::unix::fs::symlink(root.path().join("real/api"), root.path().join("api")).unwrap();
    let options = LoadOptions { extra_ref_roots: vec![root.path().join("real")], ..LoadOptions::default() };
    let loaded = load(&root.path().join("api/spec.yaml"), &options);
    assert!(dangling(&loaded).is_empty(), "{:?}", loaded.diagnostics);
}

#[test]
fn only_regular_files_within_the_size_limit_are_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("folder.yaml")).unwrap();
    write(&dir.path().join("big.yaml"), &format!("{SCHEMA}# {}\n", "x".repeat(4096)));
    let options = LoadOptions { max_file_size: 1024, ..LoadOptions::default() };
    for (reference, why) in [("folder.yaml", "not a regular file"), ("big.yaml", "more than the limit")] {
        write(&dir.path().join("spec.yaml"), &spec_referring_to(reference));
        let loaded = load(&dir.path().join("spec.yaml"), &options);
        assert!(dangling(&loaded)[0].message.contains(why), "{reference}: {:?}", loaded.diagnostics);
    }
    let error = Sources::load_with(&dir.path().join("big.yaml"), &options).unwrap_err();
    assert_eq!(error.code, Code::Io);
}

#[cfg(unix)]
#[test]
fn devices_are_never_read() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("spec.yaml"), &spec_referring_to("/dev/zero"));
    let options = LoadOptions { extra_ref_roots: vec!["/dev".into()], ..LoadOptions::default() };
    let started = std::time::Instant::now();
    let loaded = load(&dir.path().join("spec.yaml"), &options);
    assert!(dangling(&loaded)[0].message.contains("not a regular file"), "{:?}", loaded.diagnostics);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

/// A spec at `repo/specification/x/stable/v1/spec.json`, as API repositories lay them out, referring to
/// `repo/common-types/types.json`.
fn repository_layout(root: &Path) -> std::path::PathBuf {
    let spec = root.join("repo/specification/x/stable/v1/spec.json");
    let text = r#"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "definitions": {"Thing": {"$ref": "../../../../common-types/types.json#/definitions/Error"}}}"#;
    write(&spec, text);
    write(&root.join("repo/common-types/types.json"), r#"{"definitions": {"Error": {"type": "object"}}}"#);
    spec
}

/// Inside a repository checkout (Git's `.git` directory, or a `.git` file in a linked worktree; Mercurial's
/// `.hg`; Jujutsu's `.jj`), references may read any file of the checkout.
#[test]
fn a_spec_in_a_repository_may_read_files_anywhere_in_its_checkout() {
    for (marker, is_dir) in [(".git", true), (".git", false), (".hg", true), (".jj", true)] {
        let root = tempfile::tempdir().unwrap();
        let spec = repository_layout(root.path());
        if is_dir {
            fs::create_dir_all(root.path().join("repo").join(marker)).unwrap();
        } else {
            write(&root.path().join("repo").join(marker), "gitdir: /elsewhere/worktrees/repo\n");
        }
        let loaded = load(&spec, &LoadOptions::default());
        assert!(dangling(&loaded).is_empty(), "{marker} (directory: {is_dir}): {:?}", loaded.diagnostics);
    }
}

/// Outside any repository, the boundary is the spec's own directory.
#[test]
fn outside_a_repository_only_the_spec_directory_may_be_read() {
    let root = tempfile::tempdir().unwrap();
    let spec = repository_layout(root.path());
    let loaded = load(&spec, &LoadOptions::default());
    let found = dangling(&loaded);
    assert_eq!(found.len(), 1, "{:?}", loaded.diagnostics);
    assert!(found[0].message.contains("outside the directories"), "{}", found[0].message);
}

/// The checkout is the boundary: a sibling of the repository, or a system file, is refused.
#[test]
fn a_spec_in_a_repository_cannot_read_outside_its_checkout() {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("repo/.git")).unwrap();
    write(&root.path().join("other/secret.yaml"), SCHEMA);
    let spec = root.path().join("repo/api/spec.yaml");
    for reference in ["../../other/secret.yaml", "/etc/hostname"] {
        write(&spec, &spec_referring_to(reference));
        let loaded = load(&spec, &LoadOptions::default());
        let found = dangling(&loaded);
        assert_eq!(found.len(), 1, "{reference}: {:?}", loaded.diagnostics);
        assert!(found[0].message.contains("outside the directories"), "{reference}: {}", found[0].message);
    }
}

//! Whether an output directory lies inside someone else's cargo workspace.
//!
//! Cargo looks upward from a package for a `[workspace]` root; a package under a root that does not list it
//! fails to build ("current package believes it's in a workspace when it's not"). A generated crate written
//! there gets an empty `[workspace]` table of its own instead, so `cargo build` in it works as written.

use std::path::{Component, Path, PathBuf};

/// What is appended to the generated Cargo.toml when [`foreign_workspace`] finds one.
pub const STANDALONE_TABLE: &str = "\n# Not a member of the enclosing cargo workspace: this empty table makes the crate a workspace of its own.\n# To make it a member instead, add it to that workspace's `members` and generate again.\n[workspace]\n";

/// The root of the nearest enclosing workspace that neither lists `out` as a member nor excludes it, if any.
/// `out` need not exist yet. Unreadable or malformed manifests on the way up are skipped, as they cannot be
/// judged.
pub fn foreign_workspace(out: &Path) -> Option<PathBuf> {
    let out = normalize(&std::path::absolute(out).ok()?);
    for root in out.ancestors().skip(1) {
        let Ok(text) = std::fs::read_to_string(root.join("Cargo.toml")) else { continue };
        let Ok(manifest) = text.parse::<toml::Table>() else { continue };
        let Some(workspace) = manifest.get("workspace").and_then(toml::Value::as_table) else { continue };
        let relative = out.strip_prefix(root).ok()?;
        let listed = |key: &str| {
            workspace.get(key).and_then(toml::Value::as_array).is_some_and(|patterns| {
                patterns.iter().filter_map(toml::Value::as_str).any(|p| covers(p, relative, key == "exclude"))
            })
        };
        return (!listed("members") && !listed("exclude")).then(|| root.to_path_buf());
    }
    None
}

/// Whether the workspace path pattern `pattern` (a path with `*` and `?` globs per segment, as in
/// `members = ["crates/*"]`) names `path`; with `prefix`, also any path below the one it names (how
/// `exclude` works).
fn covers(pattern: &str, path: &Path, prefix: bool) -> bool {
    let pattern: Vec<String> =
        normalize(Path::new(pattern)).components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let path: Vec<String> = path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if pattern.len() > path.len() || (!prefix && pattern.len() != path.len()) {
        return false;
    }
    pattern.iter().zip(&path).all(|(p, s)| glob(p.as_bytes(), s.as_bytes()))
}

/// `*` and `?` matching within one path segment.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => (0..=text.len()).any(|skip| glob(rest, &text[skip..])),
        Some((b'?', rest)) => !text.is_empty() && glob(rest, &text[1..]),
        Some((c, rest)) => text.first() == Some(c) && glob(rest, &text[1..]),
    }
}

/// Removes `.` and resolves `..` lexically, so `a/./b/../c` compares equal to `a/c`.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_within_a_segment() {
        assert!(covers("crates/*", Path::new("crates/cli"), false));
        assert!(covers("./generated/*", Path::new("generated/models"), false));
        assert!(!covers("crates/*", Path::new("crates/cli/sub"), false));
        assert!(covers("vendor", Path::new("vendor/x/y"), true));
        assert!(covers("c?i", Path::new("cli"), false));
        assert!(!covers("xtask", Path::new("my-client"), false));
    }

    #[test]
    fn finds_a_workspace_that_does_not_list_the_directory() {
        let dir = std::env::temp_dir().join(format!("swagger2rs-workspace-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("member")).unwrap();
        std::fs::write(dir.join("Cargo.toml"), "[workspace]\nmembers = [\"clients/*\"]\nexclude = [\"vendor\"]\n")
            .unwrap();
        assert_eq!(foreign_workspace(&dir.join("my-client")), Some(dir.clone()));
        assert_eq!(foreign_workspace(&dir.join("nested/./deeper/../client")), Some(dir.clone()));
        assert_eq!(foreign_workspace(&dir.join("clients/api")), None, "a member");
        assert_eq!(foreign_workspace(&dir.join("vendor/api")), None, "excluded");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! Where a side of the diff comes from: a file, or `REV:PATH`, a file as git has it at a revision
//! (`main:spec/jira.yaml`, `HEAD~1:spec/jira.yaml`).
//!
//! A revision is copied into a temporary directory with the same layout, so relative `$ref`s still resolve:
//! every YAML and JSON file under the spec's directory at that revision (or, for a spec at the repository root,
//! the root's own YAML and JSON files) is written there. `$ref`s reaching outside that directory (`../`) are
//! not copied and fail to resolve. `PATH` is relative to the repository root, as in `git show REV:PATH`.
//! Overlays and the configuration are always read from the working tree.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A spec ready to read; a copy taken from git is deleted when this is dropped.
#[derive(Debug)]
pub struct Resolved {
    pub spec: PathBuf,
    /// What the user wrote, for messages.
    pub label: String,
    temp: Option<PathBuf>,
}

impl Drop for Resolved {
    fn drop(&mut self) {
        if let Some(dir) = &self.temp {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// `REV:PATH` split, unless `arg` names an existing file (a path may contain `:`) or has no revision part.
pub fn git_revision(arg: &str) -> Option<(&str, &str)> {
    if Path::new(arg).exists() {
        return None;
    }
    let (rev, path) = arg.split_once(':')?;
    // `C:\spec.yaml` is a Windows path, not a revision named `C`.
    let drive = rev.len() == 1 && path.starts_with(['\\', '/']);
    (!rev.is_empty() && !path.is_empty() && !drive).then_some((rev, path))
}

/// Resolves one side; `side` (`old`, `new`) keeps the two temporary copies apart. Git runs in the current
/// directory.
pub fn resolve(arg: &str, side: &str) -> Result<Resolved, String> {
    resolve_in(Path::new("."), arg, side)
}

/// [`resolve`], with git run in `git_dir` (any directory of the repository; `PATH` stays relative to its
/// root). A plain file is still taken as given.
pub fn resolve_in(git_dir: &Path, arg: &str, side: &str) -> Result<Resolved, String> {
    let git = |args: &[&str]| git(git_dir, args);
    let git_bytes = |args: &[&str]| git_bytes(git_dir, args);
    let Some((rev, path)) = git_revision(arg) else {
        return Ok(Resolved { spec: PathBuf::from(arg), label: arg.to_owned(), temp: None });
    };
    let path = path.trim_start_matches("./").trim_start_matches('/');
    git(&["cat-file", "-e", &format!("{rev}:{path}")])
        .map_err(|why| format!("`{arg}` is neither a file nor a file in git at revision `{rev}`: {why}"))?;
    let temp = std::env::temp_dir().join(format!("swagger2rs-diff-{}-{side}", std::process::id()));
    let _ = std::fs::remove_dir_all(&temp);
    let resolved = Resolved { spec: temp.join(path), label: arg.to_owned(), temp: Some(temp.clone()) };
    let dir = Path::new(path).parent().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    let listing = if dir.is_empty() {
        git(&["ls-tree", "--name-only", "-z", rev])?
    } else {
        git(&["ls-tree", "-r", "--name-only", "-z", rev, "--", &format!("{dir}/")])?
    };
    let mut files: Vec<&str> =
        listing.split('\0').filter(|f| [".yaml", ".yml", ".json"].iter().any(|e| f.ends_with(e))).collect();
    if !files.contains(&path) {
        files.push(path);
    }
    for file in files {
        let contents = git_bytes(&["show", &format!("{rev}:{file}")])?;
        let target = temp.join(file);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
        }
        std::fs::write(&target, contents).map_err(|e| format!("writing {}: {e}", target.display()))?;
    }
    Ok(resolved)
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    git_bytes(dir, args).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

fn git_bytes(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git").args(args).current_dir(dir).output().map_err(|e| format!("running git: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(format!("`git {}` failed: {}", args.join(" "), stderr.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::git_revision;

    #[test]
    fn revisions_are_told_from_paths() {
        assert_eq!(git_revision("main:spec/jira.yaml"), Some(("main", "spec/jira.yaml")));
        assert_eq!(git_revision("HEAD~1:a.yaml"), Some(("HEAD~1", "a.yaml")));
        assert_eq!(git_revision("spec/jira.yaml"), None);
        assert_eq!(git_revision("C:\\spec.yaml"), None);
        assert_eq!(git_revision(":a.yaml"), None);
    }
}

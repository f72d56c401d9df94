//! Writing a generated crate to disk, and comparing one with what is on disk (the drift check).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::GeneratedFile;

/// Writes `files` under `dir`, replacing what the generator owns there: files under `src/` that the
/// generator no longer produces are removed, so renamed modules leave nothing stale behind.
pub fn write_crate(dir: &Path, files: &[GeneratedFile]) -> io::Result<()> {
    for stale in owned_files(dir)?.into_iter().filter(|p| !files.iter().any(|f| &f.path == p)) {
        std::fs::remove_file(dir.join(stale))?;
    }
    for file in files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if std::fs::read_to_string(&path).ok().as_deref() != Some(file.contents.as_str()) {
            std::fs::write(&path, &file.contents)?;
        }
    }
    Ok(())
}

/// A difference between the generated files and the files on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drift {
    Missing(PathBuf),
    Changed(PathBuf),
    Extra(PathBuf),
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::Missing(p) => write!(f, "missing: {}", p.display()),
            Drift::Changed(p) => write!(f, "stale:   {}", p.display()),
            Drift::Extra(p) => write!(f, "extra:   {}", p.display()),
        }
    }
}

/// Every way `dir` differs from `files` (paths joined onto `dir`).
pub fn check_crate(dir: &Path, files: &[GeneratedFile]) -> io::Result<Vec<Drift>> {
    let mut drift = Vec::new();
    for file in files {
        let path = dir.join(&file.path);
        match std::fs::read_to_string(&path) {
            Ok(existing) if existing == file.contents => {}
            Ok(_) => drift.push(Drift::Changed(path)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => drift.push(Drift::Missing(path)),
            Err(e) => return Err(e),
        }
    }
    for extra in owned_files(dir)?.into_iter().filter(|p| !files.iter().any(|f| &f.path == p)) {
        drift.push(Drift::Extra(dir.join(extra)));
    }
    Ok(drift)
}

/// Files under `dir/src` (relative to `dir`), sorted; everything there belongs to the generator.
fn owned_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut pending = vec![dir.join("src")];
    while let Some(current) = pending.pop() {
        let entries = match std::fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                out.push(relative.to_path_buf());
            }
        }
    }
    out.sort();
    Ok(out)
}

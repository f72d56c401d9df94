//! Writing a generated crate to disk, and comparing one with what is on disk (the drift check).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::GeneratedFile;

/// Writes `files` under `dir`, replacing what the generator owns there: files under `src/` that the
/// generator no longer produces are removed, so renamed modules leave nothing stale behind.
pub fn write_crate(dir: &Path, files: &[GeneratedFile]) -> io::Result<()> {
    let mut writer = CrateWriter::new(dir);
    files.iter().try_for_each(|file| writer.write(file))?;
    writer.finish()
}

/// Writes a crate one file at a time, as [`generate_each`](crate::generate_each) produces them, and all or
/// nothing: changed files are staged next to their targets and only [`finish`](Self::finish) moves them into
/// place (and removes the files under `src/` that were not written), so a generation that fails halfway leaves
/// the crate as it was. A file whose contents are unchanged is not rewritten: its modification time stays, so
/// cargo does not rebuild for nothing.
pub struct CrateWriter {
    dir: PathBuf,
    written: Vec<PathBuf>,
    /// `(staged file, target)` for every changed file.
    staged: Vec<(PathBuf, PathBuf)>,
}

impl CrateWriter {
    pub fn new(dir: &Path) -> Self {
        Self { dir: dir.to_path_buf(), written: Vec::new(), staged: Vec::new() }
    }

    pub fn write(&mut self, file: &GeneratedFile) -> io::Result<()> {
        let path = self.dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if !same_contents(&path, &file.contents)? {
            let mut staged = path.clone().into_os_string();
            staged.push(".swagger2rs-new");
            let staged = PathBuf::from(staged);
            std::fs::write(&staged, &file.contents)?;
            self.staged.push((staged, path));
        }
        self.written.push(file.path.clone());
        Ok(())
    }

    /// Moves the staged files into place, then removes what the generator owns under `src/` but did not
    /// write this time.
    pub fn finish(mut self) -> io::Result<()> {
        for (staged, target) in std::mem::take(&mut self.staged) {
            std::fs::rename(staged, target)?;
        }
        for stale in owned_files(&self.dir)?.into_iter().filter(|p| !self.written.contains(p)) {
            std::fs::remove_file(self.dir.join(stale))?;
        }
        Ok(())
    }
}

/// A writer dropped without `finish` (generation failed) removes what it staged and leaves the rest alone.
impl Drop for CrateWriter {
    fn drop(&mut self) {
        for (staged, _) in &self.staged {
            let _ = std::fs::remove_file(staged);
        }
    }
}

/// Whether `path` holds exactly `contents` (compared by length first, so a changed file is rarely read).
fn same_contents(path: &Path, contents: &str) -> io::Result<bool> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() == contents.len() as u64 => Ok(std::fs::read(path)? == contents.as_bytes()),
        Ok(_) => Ok(false),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile { path: path.into(), contents: contents.to_owned() }
    }

    #[test]
    fn unchanged_files_are_left_alone_and_stale_ones_removed() {
        let dir = std::env::temp_dir().join(format!("swagger2rs-output-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let first = [file("Cargo.toml", "a"), file("src/lib.rs", "lib"), file("src/old.rs", "old")];
        write_crate(&dir, &first).unwrap();
        let lib = dir.join("src/lib.rs");
        let written_at = std::fs::metadata(&lib).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));

        let second = [file("Cargo.toml", "b"), file("src/lib.rs", "lib"), file("src/new.rs", "new")];
        let mut writer = CrateWriter::new(&dir);
        second.iter().try_for_each(|f| writer.write(f)).unwrap();
        writer.finish().unwrap();
        assert_eq!(std::fs::metadata(&lib).unwrap().modified().unwrap(), written_at, "same contents: not rewritten");
        assert_eq!(std::fs::read_to_string(dir.join("Cargo.toml")).unwrap(), "b");
        assert!(!dir.join("src/old.rs").exists(), "no longer generated: removed");
        assert_eq!(check_crate(&dir, &second).unwrap(), []);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_generation_that_fails_halfway_leaves_the_crate_as_it_was() {
        let dir = std::env::temp_dir().join(format!("swagger2rs-output-abort-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let first = [file("Cargo.toml", "a"), file("src/lib.rs", "lib")];
        write_crate(&dir, &first).unwrap();
        let mut writer = CrateWriter::new(&dir);
        writer.write(&file("Cargo.toml", "changed")).unwrap();
        writer.write(&file("src/new.rs", "new")).unwrap();
        drop(writer);
        assert_eq!(check_crate(&dir, &first).unwrap(), [], "old files intact, nothing staged left behind");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2, "Cargo.toml and src/ only");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

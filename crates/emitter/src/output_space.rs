//! The output space: every emitting function adds its chunks here, tagged with the file they belong to, and
//! files are assembled from it in one place. Emitting modules never call each other to build a file.

use crate::chunks::{Chunk, Module};

/// A source file of the generated crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SourceFile {
    /// `src/lib.rs`: crate docs, module declarations, re-exports.
    Lib,
    /// `src/client.rs`: the `Client` and one method per operation.
    Client,
    /// `src/operations.rs`: one request builder per operation.
    Operations,
    /// `src/types.rs`: models, response enums, header structs.
    Types,
}

impl SourceFile {
    const ALL: [SourceFile; 4] = [SourceFile::Lib, SourceFile::Client, SourceFile::Operations, SourceFile::Types];

    pub fn path(self) -> &'static str {
        match self {
            SourceFile::Lib => "src/lib.rs",
            SourceFile::Client => "src/client.rs",
            SourceFile::Operations => "src/operations.rs",
            SourceFile::Types => "src/types.rs",
        }
    }
}

/// Chunks by destination file, each file's in the order they were added.
#[derive(Default)]
pub struct OutputSpace<'a> {
    files: Vec<(SourceFile, Vec<Chunk<'a>>)>,
}

impl<'a> OutputSpace<'a> {
    pub fn add(&mut self, file: SourceFile, chunk: Chunk<'a>) {
        match self.files.iter_mut().find(|(f, _)| *f == file) {
            Some((_, chunks)) => chunks.push(chunk),
            None => self.files.push((file, vec![chunk])),
        }
    }

    /// The files in crate order (`lib.rs`, `client.rs`, `operations.rs`, `types.rs`), each with its chunks;
    /// a file nothing was added to is left out.
    pub fn into_modules(mut self) -> Vec<Module<'a>> {
        SourceFile::ALL
            .iter()
            .filter_map(|file| {
                let index = self.files.iter().position(|(f, _)| f == file)?;
                let (_, chunks) = self.files.swap_remove(index);
                Some(Module { path: file.path(), chunks })
            })
            .collect()
    }
}

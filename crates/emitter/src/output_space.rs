//! The output space: every emitting function adds its chunks here, tagged with the file they belong to, and
//! files are assembled from it in one place. Emitting modules never call each other to build a file.

use swagger2rs_parser::ir::GroupId;

use crate::chunks::{Chunk, Module};

/// A source file of the generated crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SourceFile {
    /// `src/lib.rs`: crate docs, module declarations, re-exports.
    Lib,
    /// `src/client.rs`: the `Client`, its group accessors and the methods of operations outside groups.
    Client,
    /// `src/groups/mod.rs`: the group modules, each behind its feature.
    Groups,
    /// `src/groups/<feature>.rs`: one group's struct and one method per operation in it.
    Group(GroupId),
    /// `src/operations.rs`: one request builder per operation.
    Operations,
    /// `src/types.rs`: models, response enums, header structs.
    Types,
}

impl SourceFile {
    /// The path of the file; a group's is named by its feature, which the parser made a unique identifier.
    pub fn path(self, feature: impl FnOnce(GroupId) -> String) -> String {
        match self {
            SourceFile::Lib => "src/lib.rs".to_owned(),
            SourceFile::Client => "src/client.rs".to_owned(),
            SourceFile::Groups => "src/groups/mod.rs".to_owned(),
            SourceFile::Group(id) => format!("src/groups/{}.rs", feature(id)),
            SourceFile::Operations => "src/operations.rs".to_owned(),
            SourceFile::Types => "src/types.rs".to_owned(),
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

    /// The files in crate order (`lib.rs`, `client.rs`, `groups/` in group order, `operations.rs`,
    /// `types.rs`), each with its chunks; a file nothing was added to is left out.
    pub fn into_modules(mut self, feature: impl Fn(GroupId) -> String) -> Vec<Module<'a>> {
        self.files.sort_by_key(|(file, _)| *file);
        self.files.into_iter().map(|(file, chunks)| Module { path: file.path(&feature), chunks }).collect()
    }
}

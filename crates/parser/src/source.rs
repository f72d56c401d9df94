//! Reading spec files (YAML or JSON) into JSON values, and the set of files a spec spans through `$ref`s.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::encoding::{Decoded, Fallback};
use crate::lenient_json::{self, Found, Repaired};
use crate::locate::{LineCol, LineIndex};
use crate::pointer::JsonPointer;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

/// One parsed file. Line:column positions are computed only when a diagnostic asks for one.
pub struct SourceFile {
    /// The path as diagnostics show it: the root spec as it was named, referenced files relative to it.
    pub path: PathBuf,
    /// Where the file really is (symbolic links and `..` resolved against the file system, when it exists);
    /// relative references are resolved from here, and confinement is checked on it.
    real: PathBuf,
    pub format: Format,
    pub value: Value,
    /// Mapping entries whose key repeats an earlier key of the same mapping (the value read is the last).
    pub duplicate_keys: Vec<JsonPointer>,
    /// What reading repaired (an encoding, JSON slips), each located; see [`Sources::load_warnings`].
    read_warnings: Vec<Diagnostic>,
    /// The text, for line:column lookups; `None` once it is known to be on disk at `path`, where a lookup
    /// reads it again. Most specs yield no diagnostic, and a big spec's text is a tenth of the peak memory.
    text: Option<String>,
    /// Whether `text` is what the file holds, so it can be read again rather than kept: not when reading
    /// decoded it from Windows-1252 or repaired JSON slips (positions are looked up in the repaired text).
    text_is_file: bool,
    line_index: OnceLock<LineIndex>,
}

impl std::fmt::Debug for SourceFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceFile").field("path", &self.path).field("format", &self.format).finish_non_exhaustive()
    }
}

impl SourceFile {
    /// Parses `text` as JSON when it looks like JSON (large JSON never goes through the YAML parser),
    /// otherwise as YAML.
    pub fn parse(path: impl Into<PathBuf>, text: String) -> Result<Self, Diagnostic> {
        Self::read(path.into(), Decoded::utf8(text))
    }

    /// Parses a decoded file (see [`Self::parse`]), noting a fallback from UTF-8 as a warning.
    fn read(path: PathBuf, decoded: Decoded) -> Result<Self, Diagnostic> {
        let Decoded { text, mut fallback } = decoded;
        // A UTF-8 byte order mark is no content in either format (editors on Windows write one); positions are
        // counted without it, as editors show them.
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => {
                if let Some(at) = fallback.as_mut().map(|f| &mut f.at).filter(|at| at.line == 1) {
                    at.column = at.column.saturating_sub(1).max(1);
                }
                rest.to_owned()
            }
            None => text,
        };
        if text.trim().is_empty() {
            // Empty YAML is a valid `null` document; saying so beats "not an object".
            let mut location = Location::new(path, JsonPointer::root());
            location.line_col = Some(LineCol { line: 1, column: 1 });
            return Err(Diagnostic::error(
                Code::NotSwagger2,
                location,
                "the file is empty; a Swagger 2.0 spec is a YAML or JSON object with `swagger: \"2.0\"`",
            ));
        }
        let looks_json =
            path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) || text.trim_start().starts_with('{');
        let parsed = if looks_json {
            read_json_leniently(&text).map(|((v, duplicates), repaired)| (v, duplicates, Format::Json, repaired))
        } else {
            parse_yaml(&text).map(|(v, duplicates)| (v, duplicates, Format::Yaml, None))
        };
        match parsed {
            Ok((value, duplicate_keys, format, repaired)) => {
                let mut read_warnings: Vec<Diagnostic> = fallback.iter().map(|f| encoding_warning(&path, f)).collect();
                let text_is_file = fallback.is_none() && repaired.is_none();
                let text = match repaired {
                    Some(repaired) => {
                        read_warnings.extend(repaired.found.iter().flat_map(|found| slip_warnings(&path, found)));
                        repaired.in_place
                    }
                    None => text,
                };
                Ok(Self {
                    real: real_path(&path),
                    path,
                    format,
                    value,
                    duplicate_keys,
                    read_warnings,
                    text: Some(text),
                    text_is_file,
                    line_index: OnceLock::new(),
                })
            }
            Err((message, line_col)) => {
                let mut location = Location::new(path, JsonPointer::root());
                location.line_col = line_col;
                Err(Diagnostic::error(Code::Syntax, location, message))
            }
        }
    }

    /// Where the node at `pointer` starts in the text (1-based), indexing the file on first use.
    pub fn line_col(&self, pointer: &JsonPointer) -> Option<LineCol> {
        let index = self.line_index.get_or_init(|| match &self.text {
            Some(text) => LineIndex::build(text),
            // Changed or gone since it was parsed: positions are then left out (the pointer still says where).
            None => LineIndex::build(&std::fs::read_to_string(&self.path).unwrap_or_default()),
        });
        index.locate(pointer.as_str())
    }

    /// Where the first entry of a repeated key was, given the pointer of the repeat (see [`Self::duplicate_keys`]).
    pub fn earlier_duplicate(&self, pointer: &JsonPointer) -> Option<LineCol> {
        self.line_col(pointer)?;
        self.line_index.get()?.earlier_duplicate(pointer.as_str())
    }

    /// Drops the text of a file read from disk as it is; [`Self::line_col`] reads it again if it is ever needed.
    fn release_text(&mut self) {
        if self.text_is_file {
            self.text = None;
        }
    }
}

/// Index of a file in [`Sources`]; the root spec is always `FileId::ROOT`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(usize);

impl FileId {
    pub const ROOT: FileId = FileId(0);
}

/// The largest spec file read by default: far above any real spec (Kubernetes is 4 MB, Azure's largest tens of
/// MB), far below what would exhaust memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// What a spec may read besides itself. A spec is untrusted input (a generator runs in CI on pull requests):
/// its external `$ref`s may name only regular files inside the repository checkout holding it (or, outside any,
/// its own directory) and the directories allowed here, each at most `max_file_size` bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadOptions {
    /// Directories whose files references may read, besides the one always allowed: the top of the repository
    /// checkout holding the root spec, or outside any the root spec's own directory.
    pub extra_ref_roots: Vec<PathBuf>,
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self { extra_ref_roots: Vec::new(), max_file_size: DEFAULT_MAX_FILE_SIZE }
    }
}

/// The root spec and every file reachable from it through `$ref`s, loaded up front so that lowering can
/// follow references without I/O.
#[derive(Debug)]
pub struct Sources {
    files: Vec<SourceFile>,
    /// By real path.
    by_path: HashMap<PathBuf, FileId>,
    /// Files that were referenced but could not be loaded, with the reason; reported where they are referenced.
    unreadable: HashMap<PathBuf, String>,
    /// Real directories references may read from: the root spec's directory tree, and any allowed in addition.
    ref_roots: Vec<PathBuf>,
    max_file_size: u64,
}

/// A node of the loaded sources: a file and a JSON pointer into it. A `$ref` resolves to one, and lowering
/// passes one wherever it may report a diagnostic, rather than a file and a pointer apart.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Node {
    pub file: FileId,
    pub pointer: JsonPointer,
}

impl Node {
    pub fn new(file: FileId, pointer: JsonPointer) -> Self {
        Self { file, pointer }
    }

    /// The root of `file`.
    pub fn root(file: FileId) -> Self {
        Self::new(file, JsonPointer::root())
    }

    /// The member `key` of this node.
    pub fn push(&self, key: &str) -> Self {
        Self::new(self.file, self.pointer.push(key))
    }

    /// The item `index` of this node.
    pub fn index(&self, index: usize) -> Self {
        Self::new(self.file, self.pointer.index(index))
    }
}

impl Sources {
    /// Reads and parses the spec at `path` and the files it refers to, confined to the spec's directory tree.
    pub fn load(path: &Path) -> Result<Self, Diagnostic> {
        Self::load_with(path, &LoadOptions::default())
    }

    /// Like [`load`](Self::load), with references also allowed into `options.extra_ref_roots`.
    pub fn load_with(path: &Path, options: &LoadOptions) -> Result<Self, Diagnostic> {
        let unreadable = |why: String| {
            Diagnostic::error(Code::Io, Location::new(path, JsonPointer::root()), format!("cannot read spec: {why}"))
        };
        let bytes = read_bounded(path, options.max_file_size).map_err(unreadable)?;
        let mut sources = Self::from_decoded(path.to_path_buf(), crate::encoding::decode(bytes), options)?;
        sources.files[0].release_text();
        Ok(sources)
    }

    /// Parses an in-memory spec; relative `$ref`s to other files are read from disk next to `path`, confined
    /// to its directory tree.
    pub fn from_text(path: impl Into<PathBuf>, text: String) -> Result<Self, Diagnostic> {
        Self::from_text_with(path, text, &LoadOptions::default())
    }

    /// Like [`from_text`](Self::from_text), with references also allowed into `options.extra_ref_roots`.
    pub fn from_text_with(path: impl Into<PathBuf>, text: String, options: &LoadOptions) -> Result<Self, Diagnostic> {
        Self::from_decoded(path.into(), Decoded::utf8(text), options)
    }

    fn from_decoded(path: PathBuf, decoded: Decoded, options: &LoadOptions) -> Result<Self, Diagnostic> {
        let root = SourceFile::read(normalize(&path), decoded)?;
        let root_dir = root.real.parent().map(Path::to_path_buf).unwrap_or_default();
        let ref_roots = std::iter::once(default_ref_root(&root_dir))
            .chain(options.extra_ref_roots.iter().map(|d| real_path(d)))
            .collect();
        let mut sources = Self {
            by_path: HashMap::new(),
            files: Vec::new(),
            unreadable: HashMap::new(),
            ref_roots,
            max_file_size: options.max_file_size,
        };
        sources.by_path.insert(root.real.clone(), FileId::ROOT);
        sources.files.push(root);
        sources.load_referenced_files();
        Ok(sources)
    }

    pub fn root(&self) -> &SourceFile {
        &self.files[0]
    }

    /// Changes the root document in place (applying overlays, say), then loads the files the changed document
    /// newly refers to. Line:column positions keep pointing into the original text: nodes the patch added are
    /// located at their nearest original ancestor.
    pub fn patch_root<R>(&mut self, patch: impl FnOnce(&mut Value) -> R) -> R {
        let result = patch(&mut self.files[0].value);
        self.load_referenced_files();
        result
    }

    /// The warnings of reading the files, file by file: what decoding and reading JSON repaired (see
    /// [`SourceFile::parse`]), and each mapping key a file repeats, at the repeat, naming where the key first
    /// occurs. YAML 1.2 and JSON both want unique keys, but serde_json, Jackson and PyYAML read the last entry,
    /// and so does this reader.
    pub fn load_warnings(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (i, file) in self.files.iter().enumerate() {
            out.extend(file.read_warnings.iter().cloned());
            for pointer in &file.duplicate_keys {
                let key = pointer.last().unwrap_or_default();
                let first = file
                    .earlier_duplicate(pointer)
                    .map(|at| format!(" (first at line {} column {})", at.line, at.column))
                    .unwrap_or_default();
                let message = format!(
                    "the key `{key}` occurs more than once in this mapping{first}; only the last entry is read, as \
                     serde_json, Jackson and PyYAML read it"
                );
                out.push(Diagnostic::warning(Code::DuplicateKey, self.location(FileId(i), pointer.clone()), message));
            }
        }
        out
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Follows the worklist of external references until every reachable file is loaded (or known unreadable).
    fn load_referenced_files(&mut self) {
        let mut next = 0;
        while next < self.files.len() {
            let mut external = Vec::new();
            collect_external_refs(&self.files[next].value, &mut external);
            for reference in external {
                let (shown, real) = self.referenced_path(FileId(next), &reference);
                if self.by_path.contains_key(&real) || self.unreadable.contains_key(&real) {
                    continue;
                }
                match self.read_referenced(&real) {
                    Ok(decoded) => match SourceFile::read(shown, decoded) {
                        Ok(mut file) => {
                            file.real = real.clone();
                            file.release_text();
                            self.by_path.insert(real, FileId(self.files.len()));
                            self.files.push(file);
                        }
                        Err(d) => {
                            self.unreadable.insert(real, d.message);
                        }
                    },
                    Err(why) => {
                        self.unreadable.insert(real, why);
                    }
                }
            }
            next += 1;
        }
    }

    /// The file a reference in `from` names: as diagnostics show it (next to `from` as shown), and where it
    /// really is (resolved from where `from` really is, so `..` means the same however the spec was named).
    fn referenced_path(&self, from: FileId, file_part: &str) -> (PathBuf, PathBuf) {
        let decoded = percent_decode(file_part);
        let from = self.file(from);
        let shown_dir = from.path.parent().map(Path::to_path_buf).unwrap_or_default();
        let real_dir = from.real.parent().map(Path::to_path_buf).unwrap_or_default();
        (normalize(&shown_dir.join(&decoded)), real_path(&real_dir.join(&decoded)))
    }

    /// Reads a referenced file: only a regular file inside an allowed directory, and at most
    /// `max_file_size` bytes.
    fn read_referenced(&self, real: &Path) -> Result<Decoded, String> {
        if !self.ref_roots.iter().any(|root| real.starts_with(root)) {
            let roots: Vec<String> = self.ref_roots.iter().map(|r| format!("`{}`", r.display())).collect();
            return Err(format!(
                "outside the directories references may read ({}); allow another with `--allow-ref-root`",
                roots.join(", ")
            ));
        }
        Ok(crate::encoding::decode(read_bounded(real, self.max_file_size)?))
    }
    /// Resolves `reference` as written in file `from`. The error is a message for a diagnostic at the `$ref`.
    pub fn resolve(&self, from: FileId, reference: &str) -> Result<(Node, &Value), (Code, String)> {
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if file_part.contains("://") {
            return Err((Code::Unsupported, format!("remote reference `{reference}` is not supported")));
        }
        let file = if file_part.is_empty() {
            from
        } else {
            let (shown, real) = self.referenced_path(from, file_part);
            match self.by_path.get(&real) {
                Some(id) => *id,
                None => {
                    let why = self.unreadable.get(&real).map(String::as_str).unwrap_or("not loaded");
                    return Err((Code::DanglingRef, format!("`{reference}`: file `{}`: {why}", shown.display())));
                }
            }
        };
        let pointer = JsonPointer::parse(&percent_decode(fragment))
            .ok_or_else(|| (Code::DanglingRef, format!("`{reference}`: fragment is not a JSON pointer")))?;
        match pointer.resolve(&self.file(file).value) {
            Some(value) => Ok((Node { file, pointer }, value)),
            None => Err((Code::DanglingRef, format!("`{reference}` does not name anything"))),
        }
    }

    /// A location in file `file`.
    pub fn location(&self, file: FileId, pointer: JsonPointer) -> Location {
        Location::new(self.file(file).path.clone(), pointer)
    }

    /// Fills in line:column for every diagnostic that points into one of these files.
    pub fn locate(&self, diagnostics: &mut Diagnostics) {
        // By shown path, built once: a spec spread over thousands of files with a diagnostic in each must not
        // compare every diagnostic's file with every file.
        let mut by_shown: HashMap<&Path, &SourceFile> = HashMap::with_capacity(self.files.len());
        for file in &self.files {
            by_shown.entry(file.path.as_path()).or_insert(file);
        }
        for d in diagnostics.iter_mut() {
            if d.location.line_col.is_some() {
                continue;
            }
            if let Some(file) = by_shown.get(d.location.file.as_path()) {
                d.location.line_col = file.line_col(&d.location.pointer);
            }
        }
    }
}

/// A document read, with the pointers of its repeated keys.
type Document = (Value, Vec<JsonPointer>);

/// Why a text could not be read, and where.
type SyntaxError = (String, Option<LineCol>);

/// A JSON document, with its repeated keys, and what was repaired to read it: when serde_json refuses the
/// text, the slips common readers accept are repaired (`lenient_json`) and the repaired text is read. An
/// error is located in the original text.
fn read_json_leniently(text: &str) -> Result<(Document, Option<Repaired>), SyntaxError> {
    let strict = match read_json(text) {
        Ok(document) => return Ok((document, None)),
        Err(e) => e,
    };
    let Some(repaired) = lenient_json::repair(text) else {
        return Err(json_error(&strict, text, text, |offset| offset));
    };
    match read_json(&repaired.json) {
        Ok(document) => Ok((document, Some(repaired))),
        Err(e) => Err(json_error(&e, &repaired.json, text, |offset| repaired.original_offset(offset))),
    }
}

/// A JSON document, with its repeated keys; trailing text is an error, as for `serde_json::from_str`.
fn read_json(text: &str) -> Result<Document, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let read = crate::duplicate_keys::read(&mut deserializer)?;
    deserializer.end()?;
    Ok(read)
}

/// The message and position in `original` of serde_json's error `e` about `parsed`, a text whose byte offsets
/// `to_original` maps to the original's. serde_json counts columns in bytes from 1 but says 0 at the start of
/// a line (a truncated file); positions are given in characters from 1, as everywhere else. The position goes
/// in the location, so the message leaves out serde_json's own.
fn json_error(
    e: &serde_json::Error,
    parsed: &str,
    original: &str,
    to_original: impl Fn(usize) -> usize,
) -> SyntaxError {
    let line_start: usize = parsed.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum();
    let offset = to_original(line_start + e.column().saturating_sub(1));
    let message = e.to_string();
    let message = message.rfind(" at line ").map_or(message.as_str(), |i| &message[..i]);
    (format!("invalid JSON: {message}"), Some(crate::encoding::line_col_at(original, offset)))
}

/// Reads the first YAML document. Exporters often end files with a stray `---`, so later documents that are
/// empty are accepted; a later document with content is an error, since it is unclear which one is the spec.
fn parse_yaml(text: &str) -> Result<Document, SyntaxError> {
    check_flow_depth(text)?;
    let located = |e: serde_yaml::Error| {
        let at = e.location().map(|l| LineCol { line: l.line() as u32, column: l.column() as u32 });
        match at {
            // serde_yaml gives no position when aliases expand past its limit; the first alias is the place to look.
            None if e.to_string().starts_with("repetition limit exceeded") => (
                "invalid YAML: its aliases (`*name`) expand to more nodes than a spec may hold (an alias bomb); \
                 the first alias is here"
                    .to_owned(),
                first_alias(text),
            ),
            _ => (format!("invalid YAML: {e}"), at),
        }
    };
    let mut documents = serde_yaml::Deserializer::from_str(text);
    let first = match documents.next() {
        Some(document) => crate::duplicate_keys::read(document).map_err(located)?,
        None => (Value::Null, Vec::new()),
    };
    for document in documents {
        if !Value::deserialize(document).map_err(located)?.is_null() {
            let message = "the file holds more than one YAML document; a spec must be a single document";
            return Err((message.into(), second_document_start(text)));
        }
    }
    Ok(first)
}

/// Where the second document of a YAML stream starts (its `---`, or its first node), found by replaying the
/// parser's events; only asked for once a second document with content is known to be there.
fn second_document_start(text: &str) -> Option<LineCol> {
    let mut documents = 0;
    first_event(text, |event| {
        if matches!(event, yaml_rust2::parser::Event::DocumentStart) {
            documents += 1;
        }
        documents == 2
    })
}

/// Where the first alias (`*name`) of a YAML text is.
fn first_alias(text: &str) -> Option<LineCol> {
    first_event(text, |event| matches!(event, yaml_rust2::parser::Event::Alias(_)))
}

/// Where the first parser event of `text` that `wanted` accepts is, replaying yaml-rust2's events.
fn first_event(text: &str, mut wanted: impl FnMut(&yaml_rust2::parser::Event) -> bool) -> Option<LineCol> {
    use yaml_rust2::parser::{Event, Parser};
    let mut parser = Parser::new_from_str(text);
    while let Ok((event, mark)) = parser.next_token() {
        if wanted(&event) {
            return Some(crate::locate::line_col(mark));
        }
        if event == Event::StreamEnd {
            break;
        }
    }
    None
}

/// How deeply YAML flow collections (`[…]`, `{…}`) may nest: serde_yaml's own recursion limit, so no document
/// it accepts is refused.
pub const MAX_FLOW_DEPTH: usize = 128;

/// Refuses flow collections nested deeper than [`MAX_FLOW_DEPTH`], at the first bracket beyond it, before
/// serde_yaml sees them: its scanner (libyaml's) re-checks every open level at each token, so `[[[…]]]`
/// 100,000 deep would cost minutes before its recursion limit is reached. yaml-rust2's scanner tracks at most
/// 255 levels, so this pass is linear; it runs only when the text has enough brackets to be that deep.
///
/// The error is at the bracket that opens level 129 when the scanner has emitted it; brackets that may still
/// turn out to start an implicit key (`[[[…` in a sequence) are held back by the scanner, and then the error is
/// where it gives up, at level 256.
fn check_flow_depth(text: &str) -> Result<(), (String, Option<LineCol>)> {
    use yaml_rust2::scanner::{Marker, Scanner, Token, TokenType};
    if text.bytes().filter(|b| matches!(b, b'[' | b'{')).count() <= MAX_FLOW_DEPTH {
        return Ok(());
    }
    let too_deep = |mark: Marker| {
        let at = crate::locate::line_col(mark);
        let message =
            format!("invalid YAML: flow collections (`[…]`, `{{…}}`) nest more than {MAX_FLOW_DEPTH} levels deep");
        Err((message, Some(at)))
    };
    let mut scanner = Scanner::new(text.chars());
    let mut depth = 0usize;
    for Token(mark, token) in scanner.by_ref() {
        match token {
            TokenType::FlowSequenceStart | TokenType::FlowMappingStart => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return too_deep(mark);
                }
            }
            TokenType::FlowSequenceEnd | TokenType::FlowMappingEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    match scanner.get_error() {
        Some(error) if error.info() == "recursion limit exceeded" => too_deep(*error.marker()),
        // Any other scanning error is serde_yaml's to report, in its own words.
        _ => Ok(()),
    }
}

/// Every `$ref` string whose file part is non-empty (and not remote), in document order.
fn collect_external_refs(value: &Value, out: &mut Vec<String>) {
    let mut stack = vec![value];
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    let file = r.split_once('#').map_or(r.as_str(), |(f, _)| f);
                    if !file.is_empty() && !file.contains("://") {
                        out.push(file.to_owned());
                    }
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
}

/// Reads `path` if it is a regular file of at most `limit` bytes (a device such as `/dev/zero`, a directory or
/// a huge file is refused before anything is read, and a file growing while it is read stops at the limit).
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file".to_owned());
    }
    if meta.len() > limit {
        return Err(format!("{} bytes, more than the limit of {limit}", meta.len()));
    }
    let mut bytes = Vec::new();
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!("more than the limit of {limit} bytes"));
    }
    Ok(bytes)
}

/// The warning that a file was not UTF-8, at its first byte that is not.
fn encoding_warning(path: &Path, fallback: &Fallback) -> Diagnostic {
    let mut location = Location::new(path, JsonPointer::root());
    location.line_col = Some(fallback.at);
    let (byte, read_as) = (fallback.byte, fallback.read_as);
    let message = match fallback.bytes {
        1 => format!("the file is not UTF-8: the byte 0x{byte:02X} here was read as Windows-1252 `{read_as}`"),
        n => format!(
            "the file is not UTF-8: the byte 0x{byte:02X} here and {} more were read as Windows-1252 (this one as \
             `{read_as}`)",
            n - 1
        ),
    };
    Diagnostic::warning(Code::Encoding, location, message)
}

/// The warnings for one kind of JSON slip in a file, each at its place.
fn slip_warnings<'f>(path: &'f Path, found: &'f Found) -> impl Iterator<Item = Diagnostic> + 'f {
    found.reports().map(move |(place, message)| {
        let mut location = Location::new(path, place.pointer.clone());
        location.line_col = Some(place.at);
        Diagnostic::warning(Code::LenientSyntax, location, message)
    })
}

/// What marks the top directory of a repository checkout: Git's `.git` (a directory, or a file in a linked
/// worktree or submodule), Mercurial's `.hg`, Jujutsu's `.jj`.
const REPOSITORY_MARKERS: [&str; 3] = [".git", ".hg", ".jj"];

/// The directory external references may read by default, given the root spec's real directory: the top of
/// the repository checkout holding it (its nearest ancestor, itself included, with a
/// [marker](REPOSITORY_MARKERS)), so specs may share files across the repository as API repositories lay them
/// out (`../../../../common-types/…`); outside any repository, the spec's own directory.
fn default_ref_root(spec_dir: &Path) -> PathBuf {
    let is_checkout = |dir: &Path| REPOSITORY_MARKERS.iter().any(|marker| dir.join(marker).exists());
    spec_dir.ancestors().find(|dir| is_checkout(dir)).unwrap_or(spec_dir).to_path_buf()
}

/// Where `path` really is: canonical (symbolic links and `..` resolved by the file system) when it exists,
/// else absolute and normalized lexically below its deepest existing ancestor's canonical path.
fn real_path(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|dir| dir.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    let absolute = normalize(&absolute);
    // The longest existing prefix, canonicalized, with the rest appended.
    let mut existing = absolute.clone();
    let mut rest = Vec::new();
    while !existing.as_os_str().is_empty() {
        if let Ok(real) = std::fs::canonicalize(&existing) {
            return rest.iter().rev().fold(real, |p, c: &std::ffi::OsString| p.join(c));
        }
        match (existing.file_name().map(ToOwned::to_owned), existing.parent().map(Path::to_path_buf)) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent;
            }
            _ => break,
        }
    }
    absolute
}

/// Removes `.` and resolves `..` lexically, so one file reached by two spellings is loaded once.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Decodes `%XX` escapes (as allowed in URI references); invalid escapes are kept literally.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b%7Bc%7D"), "a b{c}");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }

    #[test]
    fn normalizing_paths() {
        assert_eq!(normalize(Path::new("a/./b/../c.yaml")), PathBuf::from("a/c.yaml"));
    }
}

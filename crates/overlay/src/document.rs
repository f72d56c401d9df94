//! The Overlay document model and its loading from YAML or JSON text.
//!
//! The model is read by hand from the JSON tree rather than derived with serde: every problem is then reported at
//! its own pointer (with line:column) and all of them in one pass, instead of serde's first-error-wins.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Map, Value};
use swagger2rs_parser::pointer::JsonPointer;
use swagger2rs_parser::source::SourceFile;
use swagger2rs_parser::{Code, Diagnostic, Diagnostics, Location};

/// A parsed Overlay 1.0.x document: an ordered list of actions to apply to a target document.
///
/// It keeps its source text, so that problems found while applying it are reported at `line:column` in the
/// overlay file.
#[derive(Clone, Debug)]
pub struct Overlay {
    /// The Overlay Specification version the document declares; always `1.0.x`.
    pub overlay: String,
    pub info: Info,
    /// The URI reference of the document the overlay was written for. Kept for the caller; never fetched.
    pub extends: Option<String>,
    /// The actions, in document order, which is the order they are applied in.
    pub actions: Vec<Action>,
    source: Arc<SourceFile>,
}

/// The overlay's metadata; both fields are required by the specification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Info {
    pub title: String,
    pub version: String,
}

/// One change: a JSONPath `target` and what to do with the nodes it selects.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    /// An RFC 9535 JSONPath query; it is compiled when the action is applied.
    pub target: String,
    pub description: Option<String>,
    /// The value merged into (objects) or appended to (arrays) each selected node. `Some(Null)` when the
    /// overlay says `update: null`, `None` when it has no `update` at all.
    pub update: Option<Value>,
    /// Whether each selected node is removed from its parent; when true, `update` is ignored.
    pub remove: bool,
    /// Where the action is in the overlay file (`/actions/3`), for diagnostics.
    pub pointer: JsonPointer,
}

impl Overlay {
    /// The file the overlay was read from, as given to [`parse_overlay`].
    pub fn path(&self) -> &Path {
        &self.source.path
    }

    /// A location in the overlay file, with its line:column.
    pub(crate) fn location(&self, pointer: JsonPointer) -> Location {
        let line_col = self.source.line_col(&pointer);
        Location { file: self.source.path.clone(), pointer, line_col }
    }
}

/// Reads an overlay file from disk; see [`parse_overlay`].
pub fn load_overlay(path: &Path) -> Result<Overlay, Diagnostics> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_overlay(path, &text),
        Err(e) => {
            let location = Location::new(path, JsonPointer::root());
            let mut diagnostics = Diagnostics::default();
            diagnostics.push(Diagnostic::error(Code::Io, location, format!("cannot read overlay: {e}")));
            Err(diagnostics)
        }
    }
}

/// Parses an Overlay 1.0.x document from YAML or JSON text; `path` names it in diagnostics.
///
/// JSON (a `.json` path or text starting with `{`) and YAML are told apart exactly as for specs, by the parser
/// crate's [`SourceFile`]. Every problem is an error, reported at its pointer with line:column: syntax errors,
/// a missing or ill-typed required field, an `overlay` version other than `1.0.x`, an empty `actions` list, and
/// fields the specification does not define (its JSON schema forbids them, and a misspelt `remvoe:` silently
/// doing nothing would be worse than an error). Fields starting with `x-` are extensions and are ignored.
/// JSONPath syntax is checked when the overlay is applied.
pub fn parse_overlay(path: impl Into<PathBuf>, text: &str) -> Result<Overlay, Diagnostics> {
    let source = match SourceFile::parse(path, text.to_owned()) {
        Ok(source) => source,
        Err(syntax) => {
            let mut diagnostics = Diagnostics::default();
            diagnostics.push(syntax);
            return Err(diagnostics);
        }
    };
    let mut reader = Reader { source: &source, diagnostics: Diagnostics::default() };
    let parsed = reader.overlay(&source.value);
    match parsed {
        Some((overlay, info, extends, actions)) if !reader.diagnostics.has_errors() => {
            Ok(Overlay { overlay, info, extends, actions, source: Arc::new(source) })
        }
        _ => Err(reader.diagnostics),
    }
}

/// Collects the errors found while reading the tree.
struct Reader<'s> {
    source: &'s SourceFile,
    diagnostics: Diagnostics,
}

type Parts = (String, Info, Option<String>, Vec<Action>);

impl Reader<'_> {
    fn error(&mut self, code: Code, pointer: JsonPointer, message: impl Into<String>) {
        let line_col = self.source.line_col(&pointer);
        let location = Location { file: self.source.path.clone(), pointer, line_col };
        self.diagnostics.push(Diagnostic::error(code, location, message));
    }

    fn overlay(&mut self, root: &Value) -> Option<Parts> {
        let here = JsonPointer::root();
        let map = self.object(root, &here, "an overlay document")?;
        self.known_fields(map, &here, "Overlay Object", &["overlay", "info", "extends", "actions"]);
        let version = self.required_string(map, &here, "overlay");
        if let Some(version) = &version {
            self.check_version(version, here.push("overlay"));
        }
        let info = match map.get("info") {
            Some(info) => self.info(info, here.push("info")),
            None => {
                self.error(Code::InvalidShape, here.clone(), "missing required field `info`");
                None
            }
        };
        let extends = self.optional_string(map, &here, "extends");
        let actions = match map.get("actions") {
            Some(actions) => self.actions(actions, here.push("actions")),
            None => {
                self.error(Code::InvalidShape, here.clone(), "missing required field `actions`");
                None
            }
        };
        Some((version?, info?, extends, actions?))
    }

    /// The specification's schema requires `^1\.0\.\d+$`; the patch number is not significant ("The patch
    /// version SHOULD NOT be considered by tooling").
    fn check_version(&mut self, version: &str, at: JsonPointer) {
        let numbers: Vec<&str> = version.split('.').collect();
        let is_number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if numbers.len() == 3 && numbers.iter().all(|n| is_number(n)) {
            if numbers[0] != "1" || numbers[1] != "0" {
                let message = format!("overlay version `{version}` is not supported; only Overlay 1.0.x is");
                self.error(Code::Unsupported, at, message);
            }
        } else {
            let message =
                format!("`overlay` must be an Overlay Specification version such as `1.0.0`, not `{version}`");
            self.error(Code::InvalidShape, at, message);
        }
    }

    fn info(&mut self, value: &Value, here: JsonPointer) -> Option<Info> {
        let map = self.object(value, &here, "`info`")?;
        self.known_fields(map, &here, "Info Object", &["title", "version"]);
        let title = self.required_string(map, &here, "title");
        let version = self.required_string(map, &here, "version");
        Some(Info { title: title?, version: version? })
    }

    /// The specification: "The array MUST contain at least one value."
    fn actions(&mut self, value: &Value, here: JsonPointer) -> Option<Vec<Action>> {
        let Value::Array(items) = value else {
            self.error(Code::InvalidShape, here, format!("`actions` must be an array, found {}", kind(value)));
            return None;
        };
        if items.is_empty() {
            self.error(Code::InvalidShape, here.clone(), "`actions` must contain at least one action");
        }
        let actions: Vec<Option<Action>> =
            items.iter().enumerate().map(|(i, item)| self.action(item, here.index(i))).collect();
        actions.into_iter().collect()
    }

    fn action(&mut self, value: &Value, here: JsonPointer) -> Option<Action> {
        let map = self.object(value, &here, "an action")?;
        self.known_fields(map, &here, "Action Object", &["target", "description", "update", "remove"]);
        let target = self.required_string(map, &here, "target");
        let description = self.optional_string(map, &here, "description");
        let remove = match map.get("remove") {
            None => Some(false),
            Some(Value::Bool(remove)) => Some(*remove),
            Some(other) => {
                let message = format!("`remove` must be a boolean, found {}", kind(other));
                self.error(Code::InvalidShape, here.push("remove"), message);
                None
            }
        };
        Some(Action {
            target: target?,
            description,
            update: map.get("update").cloned(),
            remove: remove?,
            pointer: here,
        })
    }

    fn object<'v>(&mut self, value: &'v Value, here: &JsonPointer, what: &str) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(map) => Some(map),
            other => {
                self.error(
                    Code::InvalidShape,
                    here.clone(),
                    format!("{what} must be an object, found {}", kind(other)),
                );
                None
            }
        }
    }

    fn known_fields(&mut self, map: &Map<String, Value>, here: &JsonPointer, object: &str, fields: &[&str]) {
        for key in map.keys() {
            if !key.starts_with("x-") && !fields.contains(&key.as_str()) {
                let expected = fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
                let message = format!(
                    "unknown field `{key}` in the {object} (Overlay 1.0 defines {expected} and `x-` extensions)"
                );
                self.error(Code::InvalidShape, here.push(key), message);
            }
        }
    }

    fn required_string(&mut self, map: &Map<String, Value>, here: &JsonPointer, field: &str) -> Option<String> {
        if !map.contains_key(field) {
            self.error(Code::InvalidShape, here.clone(), format!("missing required field `{field}`"));
            return None;
        }
        self.optional_string(map, here, field)
    }

    fn optional_string(&mut self, map: &Map<String, Value>, here: &JsonPointer, field: &str) -> Option<String> {
        match map.get(field)? {
            Value::String(text) => Some(text.clone()),
            other => {
                self.error(
                    Code::InvalidShape,
                    here.push(field),
                    format!("`{field}` must be a string, found {}", kind(other)),
                );
                None
            }
        }
    }
}

pub(crate) use swagger2rs_parser::diagnostic::json_kind as kind;

//! Diagnostics: what the parser reports about a spec, and where.

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;

use crate::locate::LineCol;
use crate::pointer::JsonPointer;

/// Characters that would act on a terminal instead of being shown: C0/C1 controls (ESC, CR, LF, …) and the
/// Unicode bidirectional controls and line separators. Tabs are shown as they are.
pub fn is_unsafe(c: char) -> bool {
    c != '\t'
        && (c.is_control()
            || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}')
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c))
}

/// `text` with every [unsafe](is_unsafe) character written as a visible escape (`\n`, `\u{1b}`, `\u{202e}`).
///
/// The one rule for spec text in diagnostics: a message (which quotes names, values and `$ref`s from the spec)
/// is shown through this in every format — the terminal, `--message-format json` and [`Diagnostic`]'s
/// `Display` — so a spec can neither split a message into fake ones nor drive the reader's terminal.
/// Structured fields (the file, the pointer) keep their exact value where they are data (JSON) and go through
/// this where they are text.
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars().map(|c| if is_unsafe(c) { c.escape_default().to_string() } else { c.to_string() }).collect(),
    )
}

/// The JSON type of a value, with its article, as messages name it: "found an array".
pub fn json_kind(value: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// How bad a finding is: errors stop the affected item from being generated, warnings report a lenient repair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A stable identifier for each kind of finding, so that tools and tests can match on it and users can search it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The file could not be read.
    Io,
    /// The text is neither valid YAML nor valid JSON, even read as leniently as common tools read it.
    Syntax,
    /// The document is not Swagger 2.0 (for example an OpenAPI 3 document).
    NotSwagger2,
    /// A node does not have the shape Swagger 2.0 requires (wrong type, unknown enum value, missing field).
    InvalidShape,
    /// A `$ref` names nothing (or is no reference at all): a warning with the repair made, or an error when it
    /// names a file that could not be read.
    DanglingRef,
    /// A `$ref` chain refers back to itself without ever reaching a value.
    RefCycle,
    /// A parameter's `in` is not one of query, header, path, formData, body.
    InvalidParameterLocation,
    /// A non-body parameter has no `type`; it was treated as a string.
    MissingParameterType,
    /// A path parameter lacks `required: true`; it was treated as required.
    PathParameterNotRequired,
    /// The path template names a parameter that is not declared; a string path parameter was added.
    UndeclaredPathParameter,
    /// A declared path parameter does not occur in the path template; it was dropped.
    UnusedPathParameter,
    /// Two operations share an `operationId`; the later one was renamed.
    DuplicateOperationId,
    /// A construct the generator does not support; the item was approximated as documented in the message.
    Unsupported,
    /// An overlay action's `target` is not a valid RFC 9535 JSONPath expression.
    InvalidJsonPath,
    /// An overlay action's `target` selects nothing in the document, so the action does nothing.
    OverlayTargetUnmatched,
    /// A paging or long-running setting names a parameter or field the operation does not have, or one of the
    /// wrong type; the operation is generated without it.
    InvalidPaging,
    /// A key repeats within one mapping; the last value is read, as common JSON and YAML loaders do.
    DuplicateKey,
    /// JSON that common tools read although the standard forbids it (a trailing comma, a raw control character
    /// in a string, a space character JSON does not know between tokens); it was read as they read it.
    LenientSyntax,
    /// The file is not UTF-8; each byte that is not was decoded as Windows-1252.
    Encoding,
    /// A path uses a `:name` segment (Gin, Express) for a declared path parameter; it was read as `{name}`.
    PathSyntax,
    /// Something in the document does not become code; the message says what and why.
    Ignored,
}

impl Code {
    /// Every code, in the order of the reference table in the README (which a test keeps equal to this list).
    pub const ALL: [Code; 21] = [
        Code::Io,
        Code::Syntax,
        Code::NotSwagger2,
        Code::InvalidShape,
        Code::DanglingRef,
        Code::RefCycle,
        Code::InvalidParameterLocation,
        Code::MissingParameterType,
        Code::PathParameterNotRequired,
        Code::UndeclaredPathParameter,
        Code::UnusedPathParameter,
        Code::DuplicateOperationId,
        Code::Unsupported,
        Code::InvalidJsonPath,
        Code::OverlayTargetUnmatched,
        Code::InvalidPaging,
        Code::DuplicateKey,
        Code::LenientSyntax,
        Code::Encoding,
        Code::PathSyntax,
        Code::Ignored,
    ];

    /// One line saying what the code means, for the user-facing reference.
    pub fn meaning(self) -> &'static str {
        match self {
            Code::Io => "a file (spec, `$ref`'d file, overlay or configuration) could not be read",
            Code::Syntax => "the text is neither valid YAML nor valid JSON, even read as leniently as common tools do",
            Code::NotSwagger2 => "the document is not Swagger 2.0 (empty, not an object, or OpenAPI 3)",
            Code::InvalidShape => {
                "a node does not have the shape Swagger 2.0 requires (wrong type, bad enum value, missing field)"
            }
            Code::DanglingRef => {
                "a `$ref` names nothing: a schema is read as free-form JSON, a parameter, response or path is left \
                 out; a file that cannot be read is an error"
            }
            Code::RefCycle => "a `$ref` chain refers back to itself without reaching a value",
            Code::InvalidParameterLocation => "a parameter's `in` is not query, header, path, formData or body",
            Code::MissingParameterType => "a non-body parameter has no `type`; it is treated as a string",
            Code::PathParameterNotRequired => "a path parameter lacks `required: true`; it is treated as required",
            Code::UndeclaredPathParameter => {
                "the path template names an undeclared parameter; a string parameter is added"
            }
            Code::UnusedPathParameter => "a declared path parameter is not in the path template; it is dropped",
            Code::DuplicateOperationId => "two operations share an `operationId`; the later one is renamed",
            Code::Unsupported => "a construct the generator does not support; it is approximated as the message says",
            Code::InvalidJsonPath => "an overlay action's `target` is not a valid RFC 9535 JSONPath",
            Code::OverlayTargetUnmatched => "an overlay action's `target` selects nothing, so the action does nothing",
            Code::InvalidPaging => {
                "a paging or long-running setting does not fit the operation: an error for your own, a warning for \
                 the spec's `x-ms-*` hints (the operation is generated without it)"
            }
            Code::DuplicateKey => "a key repeats within one mapping; the last value is read",
            Code::LenientSyntax => {
                "JSON with a trailing comma, a raw control character in a string or a non-JSON space between tokens; \
                 read as common tools read it"
            }
            Code::Encoding => "the file is not UTF-8; each byte that is not is decoded as Windows-1252",
            Code::PathSyntax => "a path has a `:name` segment for a declared path parameter; it is read as `{name}`",
            Code::Ignored => "something in the document does not become code; the message says what and why",
        }
    }

    /// The kebab-case name printed in diagnostics, e.g. `dangling-ref`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Io => "io",
            Code::Syntax => "syntax",
            Code::NotSwagger2 => "not-swagger-2",
            Code::InvalidShape => "invalid-shape",
            Code::DanglingRef => "dangling-ref",
            Code::RefCycle => "ref-cycle",
            Code::InvalidParameterLocation => "invalid-parameter-location",
            Code::MissingParameterType => "missing-parameter-type",
            Code::PathParameterNotRequired => "path-parameter-not-required",
            Code::UndeclaredPathParameter => "undeclared-path-parameter",
            Code::UnusedPathParameter => "unused-path-parameter",
            Code::DuplicateOperationId => "duplicate-operation-id",
            Code::Unsupported => "unsupported",
            Code::InvalidJsonPath => "invalid-jsonpath",
            Code::OverlayTargetUnmatched => "overlay-target-unmatched",
            Code::InvalidPaging => "invalid-paging",
            Code::DuplicateKey => "duplicate-key",
            Code::LenientSyntax => "lenient-syntax",
            Code::Encoding => "encoding",
            Code::PathSyntax => "path-syntax",
            Code::Ignored => "ignored",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in which file a finding is: always a JSON pointer, and a line:column once the source has been indexed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: PathBuf,
    pub pointer: JsonPointer,
    pub line_col: Option<LineCol>,
}

impl Location {
    pub fn new(file: impl Into<PathBuf>, pointer: JsonPointer) -> Self {
        Self { file: file.into(), pointer, line_col: None }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", inert(&self.file.display().to_string()))?;
        if let Some(lc) = self.line_col {
            write!(f, ":{}:{}", lc.line, lc.column)?;
        }
        // The root pointer (`#`) says nothing the file name does not, as for a file that cannot be read.
        if self.pointer.as_str().is_empty() { Ok(()) } else { write!(f, " ({})", inert(&self.pointer.to_string())) }
    }
}

/// One finding about a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub location: Location,
}

impl Diagnostic {
    pub fn error(code: Code, location: Location, message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, code, message: message.into(), location }
    }

    pub fn warning(code: Code, location: Location, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, code, message: message.into(), location }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Renders rustc-style: `error[dangling-ref]: message` then `  --> file:line:col (#/pointer)` (the pointer
/// left out when it is the root). The CLI renders richer output with source snippets; this one-liner serves
/// logs and test messages.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}\n  --> {}", self.severity, self.code, inert(&self.message), self.location)
    }
}

/// The findings of one run, in the order they were made.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }

    pub(crate) fn iter_mut(&mut self) -> std::slice::IterMut<'_, Diagnostic> {
        self.0.iter_mut()
    }

    /// Drops repeated findings (same severity, code, message and location), keeping the first of each.
    pub(crate) fn dedup(&mut self) {
        let mut seen = std::collections::HashSet::new();
        self.0.retain(|d| seen.insert((d.severity, d.code, d.message.clone(), d.location.clone())));
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_line_form_leaves_out_a_root_pointer() {
        let mut at = Location::new("spec.yaml", JsonPointer::root().push("paths"));
        at.line_col = Some(LineCol { line: 3, column: 1 });
        let d = Diagnostic::error(Code::InvalidShape, at, "bad");
        assert_eq!(d.to_string(), "error[invalid-shape]: bad\n  --> spec.yaml:3:1 (#/paths)");
        let d = Diagnostic::error(Code::Io, Location::new("gone.yaml", JsonPointer::root()), "cannot read spec");
        assert_eq!(d.to_string(), "error[io]: cannot read spec\n  --> gone.yaml");
    }
}

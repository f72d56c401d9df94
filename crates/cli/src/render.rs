//! Printing diagnostics the way a Rust user reads them: rustc-style with the offending source line and a
//! caret (through `annotate-snippets`, the renderer rustc itself uses), or one JSON object per line for tools.
//!
//! Everything printed that comes from a spec (messages, file names, pointers, source lines) is first made
//! inert: a spec must not be able to move the cursor, recolour the terminal or reorder text with control or
//! bidirectional-override characters.

use std::collections::HashMap;
use std::io::{BufWriter, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use swagger2rs_parser::diagnostic::{inert, is_unsafe};
use swagger2rs_parser::ir::Api;
use swagger2rs_parser::{Diagnostic, Diagnostics, Severity};

use crate::args::MessageFormat;

/// Source files larger than this are not re-read to show a snippet (the location line still says where).
const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// A source line longer than this (minified JSON) is not shown, so one diagnostic cannot print megabytes;
/// the location line still gives line and column.
const MAX_SHOWN_CHARS: usize = 4096;

/// Prints diagnostics in the chosen format, re-reading each source file once per report for its snippets.
pub struct Reporter {
    format: MessageFormat,
    color: bool,
    sources: HashMap<PathBuf, Option<Source>>,
}

/// A source file re-read for snippets, with where each line starts so that finding a line costs one look-up
/// (thousands of diagnostics in one large file must not each scan it).
struct Source {
    text: String,
    line_starts: Vec<usize>,
}

impl Source {
    fn new(text: String) -> Self {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Self { text, line_starts }
    }

    /// Line `index` (0-based) without its line ending.
    fn line(&self, index: usize) -> Option<&str> {
        let start = *self.line_starts.get(index)?;
        let end = self.line_starts.get(index + 1).map_or(self.text.len(), |next| next - 1);
        let line = &self.text[start..end];
        Some(line.strip_suffix('\r').unwrap_or(line))
    }

    /// Line `index` (0-based) if it is short enough to show ([`MAX_SHOWN_CHARS`]). Borrowed, and judged by
    /// looking at no more than that many characters: a minified JSON spec is one line of megabytes, and each
    /// of its thousands of diagnostics must not copy or count all of it.
    fn shown_line(&self, index: usize) -> Option<&str> {
        self.line(index).filter(|line| line.len() <= MAX_SHOWN_CHARS || line.chars().nth(MAX_SHOWN_CHARS).is_none())
    }
}

impl Reporter {
    pub fn new(format: MessageFormat, color: bool) -> Self {
        Self { format, color, sources: HashMap::new() }
    }

    /// Prints every diagnostic (stderr for `human`, stdout for `json`); the caller prints the summary line.
    pub fn report(&mut self, diagnostics: &Diagnostics) {
        // Buffered, so thousands of diagnostics do not cost a system call per piece of each; a reader that
        // went away (`| head -1`) is not an error worth a panic: writing to it stops.
        let _ = match self.format {
            MessageFormat::Human => self.write_each(diagnostics, BufWriter::new(std::io::stderr().lock())),
            MessageFormat::Json => self.write_each(diagnostics, BufWriter::new(std::io::stdout().lock())),
        };
        // The texts were only needed for the snippets; `generate` goes on to emit, and should not carry them.
        self.sources.clear();
    }

    /// Writes every diagnostic to `out` in the chosen format.
    fn write_each(&mut self, diagnostics: &Diagnostics, mut out: impl Write) -> std::io::Result<()> {
        for d in diagnostics {
            match self.format {
                MessageFormat::Human => write!(out, "{}\n\n", self.human(d))?,
                MessageFormat::Json => writeln!(out, "{}", json(d))?,
            }
        }
        out.flush()
    }

    /// One diagnostic, rustc-style, with its source line when the file can be read again.
    pub fn human(&mut self, d: &Diagnostic) -> String {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = escape(&d.message);
        let path = escape(&d.location.file.display().to_string());
        let mut group = Group::with_title(level.primary_title(message).id(d.code.as_str()));
        match d.location.line_col {
            Some(lc) => {
                let (line, column) = (lc.line as usize, lc.column as usize);
                match self.shown_line(&d.location.file, line) {
                    // annotate-snippets prints `--> file:line:col` from the span, and trims a line too wide
                    // for the terminal around it.
                    Some(text) => {
                        let (shown, span) = excerpt(text, column);
                        group = group.element(
                            Snippet::source(shown)
                                .line_start(line)
                                .path(path)
                                .annotation(AnnotationKind::Primary.span(span)),
                        );
                    }
                    None => group = group.element(Origin::path(path).line(line).char_column(column)),
                }
            }
            None => group = group.element(Origin::path(path)),
        }
        let pointer = d.location.pointer.as_str();
        if !pointer.is_empty() {
            group = group.element(Level::NOTE.message(format!("at #{}", escape(pointer))));
        }
        let renderer = if self.color { Renderer::styled() } else { Renderer::plain() };
        renderer.render(&[group])
    }

    /// Line `line` (1-based) of `file`, or `None` when the file is gone, too large, has no such line or the
    /// line is too long to show. The file is read on its first diagnostic only.
    fn shown_line(&mut self, file: &Path, line: usize) -> Option<&str> {
        if !self.sources.contains_key(file) {
            self.sources.insert(file.to_path_buf(), read_bounded(file).map(Source::new));
        }
        self.sources.get(file)?.as_ref()?.shown_line(line.checked_sub(1)?)
    }
}

/// The file's text if it is at most [`MAX_SOURCE_BYTES`] long and UTF-8.
fn read_bounded(file: &Path) -> Option<String> {
    let handle = std::fs::File::open(file).ok()?;
    let mut text = String::new();
    handle.take(MAX_SOURCE_BYTES + 1).read_to_string(&mut text).ok()?;
    (text.len() as u64 <= MAX_SOURCE_BYTES).then_some(text)
}

/// `0 errors, 3 warnings`.
pub fn counts(diagnostics: &Diagnostics) -> String {
    format!("{}, {}", count(diagnostics.errors().count(), "error"), count(diagnostics.warnings().count(), "warning"))
}

/// The one summary line of a run that read a spec, on stderr after its diagnostics: what was done to what
/// (`checked spec.yaml`, ``generated crate `petstore` in client``), the size of the API when it was read without
/// errors, and the diagnostics' counts: `checked spec.yaml: 69 operations, 120 types; 0 errors, 3 warnings`.
pub fn summary(done: &str, api: Option<&Api>, diagnostics: &Diagnostics) -> String {
    match api {
        Some(api) => format!(
            "{done}: {}, {}; {}",
            count(api.operations.len(), "operation"),
            count(api.types.len(), "type"),
            counts(diagnostics)
        ),
        None => format!("{done}: {}", counts(diagnostics)),
    }
}

/// `1 error`, `2 errors`.
pub fn count(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// One diagnostic as a single-line JSON object; `line` and `column` are `null` when unknown. The message is
/// inert text as in the terminal; `file` and `pointer` are exact values, escaped so no character acts on a
/// terminal showing the line.
pub fn json(d: &Diagnostic) -> String {
    let line_col = d.location.line_col;
    let value = serde_json::json!({
        "severity": d.severity.to_string(),
        "code": d.code.as_str(),
        "message": inert(&d.message),
        "file": d.location.file.display().to_string(),
        "line": line_col.map(|lc| lc.line),
        "column": line_col.map(|lc| lc.column),
        "pointer": d.location.pointer.to_string(),
    });
    inert_json(value.to_string())
}

/// Text with every unsafe character written as a visible escape (`\n`, `\u{1b}`, …): the parser's one rule
/// for spec text in diagnostics ([`swagger2rs_parser::diagnostic::inert`]), also used for the CLI's own
/// messages that quote paths.
pub fn escape(text: &str) -> String {
    inert(text).into_owned()
}

/// Serialized JSON with every unsafe character that serde_json leaves raw (DEL, C1 controls, bidirectional
/// controls, line separators; it escapes only the C0 controls) written as a `\uXXXX` escape: the same value,
/// and nothing in the line can act on a terminal that shows it.
fn inert_json(json: String) -> String {
    if !json.chars().any(is_unsafe) {
        return json;
    }
    json.chars().fold(String::with_capacity(json.len()), |mut out, c| {
        if is_unsafe(c) {
            // Every unsafe character is in the Basic Multilingual Plane, so one escape spells it.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
        out
    })
}

/// The source line made safe to print, and the byte range of the token at `column` (1-based, in characters)
/// within it. Unsafe characters become U+FFFD, one character each, so columns still line up.
fn excerpt(line: &str, column: usize) -> (String, Range<usize>) {
    let chars: Vec<char> = line.chars().map(|c| if is_unsafe(c) { '\u{FFFD}' } else { c }).collect();
    let at = column.saturating_sub(1).min(chars.len());
    let start: usize = chars[..at].iter().map(|c| c.len_utf8()).sum();
    let len: usize = chars[at..].iter().take(token_len(&chars[at..])).map(|c| c.len_utf8()).sum();
    (chars.into_iter().collect(), start..start + len)
}

/// How many characters the key or value starting at `rest[0]` spans: a quoted string up to its closing quote,
/// a flow collection's opening bracket, or a plain scalar up to `: `, `,`, a closing bracket or a comment.
fn token_len(rest: &[char]) -> usize {
    match rest.first() {
        None => 0,
        Some(&quote @ ('"' | '\'')) => {
            let mut escaped = false;
            for (i, &c) in rest.iter().enumerate().skip(1) {
                match c {
                    '\\' if quote == '"' && !escaped => escaped = true,
                    c if c == quote && !escaped => return i + 1,
                    _ => escaped = false,
                }
            }
            rest.len()
        }
        Some('{' | '[') => 1,
        Some(_) => {
            let mut end = rest.len();
            for (i, &c) in rest.iter().enumerate() {
                let next = rest.get(i + 1).copied();
                let ends = match c {
                    ',' | ']' | '}' => true,
                    ':' => next.is_none_or(char::is_whitespace),
                    '#' => i > 0 && rest[i - 1].is_whitespace(),
                    _ => false,
                };
                if ends {
                    end = i;
                    break;
                }
            }
            let trimmed = rest[..end].iter().rposition(|c| !c.is_whitespace()).map_or(0, |p| p + 1);
            trimmed.max(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(line: &str, column: usize) -> String {
        let (shown, span) = excerpt(line, column);
        shown[span].to_owned()
    }

    #[test]
    fn the_caret_covers_the_key_or_value() {
        assert_eq!(marked("      - name: id", 9), "name");
        assert_eq!(marked("        in: nowhere # comment", 13), "nowhere");
        assert_eq!(marked(r#"  "in": "nowhere", "name": "id""#, 9), r#""nowhere""#);
        assert_eq!(marked(r#"  {"a": "say \"hi\"", "b": 1}"#, 9), r#""say \"hi\"""#);
        assert_eq!(marked("  items: {type: string}", 10), "{");
        assert_eq!(marked("  $ref: '#/definitions/Nope'", 9), "'#/definitions/Nope'");
        assert_eq!(marked("short", 40), "", "a column past the end marks the end");
    }

    #[test]
    fn a_very_long_line_is_not_shown() {
        let dir = std::env::temp_dir().join(format!("swagger2rs-render-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("minified.json");
        std::fs::write(&file, format!("{{\"swagger\": 2, \"x\": \"{}\"}}", "y".repeat(MAX_SHOWN_CHARS))).unwrap();
        let mut location = swagger2rs_parser::Location::new(&file, swagger2rs_parser::pointer::JsonPointer::root());
        location.line_col = Some(swagger2rs_parser::locate::LineCol { line: 1, column: 2 });
        let d = Diagnostic::error(swagger2rs_parser::Code::InvalidShape, location, "bad");
        let shown = Reporter::new(MessageFormat::Human, false).human(&d);
        assert!(shown.contains("minified.json:1:2"), "{shown}");
        assert!(shown.len() < 400, "{shown}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Renders `n` diagnostics into one minified line of `n` parameters, each padded to 16 KiB, so the line
    /// grows with the number of diagnostics as in a minified spec; returns the fastest of `runs` renderings.
    fn render_one_line(dir: &Path, n: usize, runs: usize) -> std::time::Duration {
        let file = dir.join(format!("minified-{n}.json"));
        let parameter = format!("{{\"name\":\"q\",\"in\":\"query\",\"description\":\"{}\"}},", "x".repeat(16_384));
        std::fs::write(&file, format!("{{\"parameters\":[{}{{}}]}}", parameter.repeat(n))).unwrap();
        let diagnostics: Vec<Diagnostic> = (0..n)
            .map(|i| {
                let pointer = swagger2rs_parser::pointer::JsonPointer::root().push("parameters").index(i);
                let mut location = swagger2rs_parser::Location::new(&file, pointer);
                let column = 16 + i * parameter.len();
                location.line_col = Some(swagger2rs_parser::locate::LineCol { line: 1, column: column as u32 });
                Diagnostic::warning(swagger2rs_parser::Code::MissingParameterType, location, "no type")
            })
            .collect();
        (0..runs)
            .map(|_| {
                let started = std::time::Instant::now();
                let mut reporter = Reporter::new(MessageFormat::Human, false);
                let shown: usize = diagnostics.iter().map(|d| reporter.human(d).len()).sum();
                assert!(shown > 0);
                started.elapsed()
            })
            .min()
            .unwrap()
    }

    /// Rendering costs the same per diagnostic however long the line it points into: 8× the diagnostics on an
    /// 8× longer line must cost less than 24× the time (linear is 8×; copying or counting the whole line per
    /// diagnostic is quadratic, 64×). As in `benches/scaling`, only a ratio is compared, of the fastest runs.
    #[test]
    fn rendering_is_linear_in_diagnostics_on_one_long_line() {
        let dir = std::env::temp_dir().join(format!("swagger2rs-render-scaling-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        render_one_line(&dir, 100, 1);
        let one = render_one_line(&dir, 100, 3).as_secs_f64();
        let eight = render_one_line(&dir, 800, 2).as_secs_f64();
        std::fs::remove_dir_all(&dir).unwrap();
        let ratio = eight / one;
        assert!(ratio < 24.0, "8× the diagnostics cost {ratio:.1}× the time");
    }

    #[test]
    fn spec_text_cannot_drive_the_terminal() {
        assert_eq!(escape("plain `text`"), "plain `text`");
        assert_eq!(escape("a\u{1b}[2Jb\r\nc"), "a\\u{1b}[2Jb\\r\\nc");
        assert_eq!(escape("x\u{202E}y\u{2066}z"), "x\\u{202e}y\\u{2066}z");
        let (shown, span) = excerpt("  bad: \u{1b}[31mred", 8);
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        assert_eq!(&shown[span], "\u{FFFD}[31mred");
    }

    #[test]
    fn the_summary_counts_with_plurals() {
        let mut diagnostics = Diagnostics::default();
        assert_eq!(summary("checked a.yaml", None, &diagnostics), "checked a.yaml: 0 errors, 0 warnings");
        let location = swagger2rs_parser::Location::new("a.yaml", swagger2rs_parser::pointer::JsonPointer::root());
        diagnostics.push(Diagnostic::warning(swagger2rs_parser::Code::Unsupported, location.clone(), "w"));
        diagnostics.push(Diagnostic::error(swagger2rs_parser::Code::InvalidShape, location, "e"));
        assert_eq!(counts(&diagnostics), "1 error, 1 warning");
        let loaded = swagger2rs_parser::load_str(
            "a.yaml",
            "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: \
             {'200': {description: ok, schema: {type: object, properties: {a: {type: string}}}}}\n"
                .to_owned(),
        );
        let api = loaded.api.as_ref().unwrap();
        assert_eq!((api.operations.len(), api.types.len()), (1, 1));
        assert_eq!(
            summary("checked a.yaml", Some(api), &Diagnostics::default()),
            "checked a.yaml: 1 operation, 1 type; 0 errors, 0 warnings"
        );
    }
}

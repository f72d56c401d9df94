//! Source positions for JSON pointers, so diagnostics can cite `line:column` in the user's file.
//!
//! JSON is parsed as YAML 1.2, so one event parser serves both formats. Positions are
//! stored in a tree keyed by (parent, segment) rather than by full pointer strings: full
//! pointers would cost memory proportional to depth for every node, which is quadratic on
//! deeply nested input.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

/// 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Maps JSON pointers to where the node they name starts in the source text.
pub struct LineIndex {
    /// Start of each indexed node; node 0 is the document root.
    positions: Vec<LineCol>,
    /// Child node of (parent node, unescaped key or decimal sequence index).
    children: HashMap<(usize, String), usize>,
    /// For an entry whose key repeats an earlier one in its mapping: the first entry's position.
    earlier: HashMap<usize, LineCol>,
}

impl LineIndex {
    /// Indexes `text` (YAML or JSON). Never panics; on a syntax error it keeps what it indexed before the error.
    pub fn build(text: &str) -> LineIndex {
        // yaml-rust2 reads a byte order mark as content, which would break the whole parse,
        // and editors do not count it as a column.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // YAML has no UTF-16 surrogate escapes; JSON writers emit them for every character beyond the BMP
        // (`\ud83d\ude00`), and one would stop the whole parse.
        let (text, shifts) = rewrite_surrogate_escapes(text);
        let mut builder = Builder {
            index: LineIndex { positions: Vec::new(), children: HashMap::new(), earlier: HashMap::new() },
            stack: Vec::new(),
            skip_depth: 0,
        };
        // Pull events one by one rather than using `Parser::load`, which recurses once per
        // nesting level; yaml-rust2 limits flow nesting but not block nesting.
        let mut parser = Parser::new_from_str(&text);
        while let Ok((event, mark)) = parser.next_token() {
            if !builder.event(event, mark) {
                break;
            }
        }
        let mut index = builder.index;
        if !shifts.is_empty() {
            for at in &mut index.positions {
                at.column +=
                    shifts.iter().filter(|s| s.line == at.line && s.column < at.column).map(|s| s.by).sum::<u32>();
            }
        }
        index
    }

    /// Position of the node at `pointer` (an RFC 6901 pointer string, "" = document root). For a mapping entry,
    /// the position of its KEY (that's where a reader looks). If the exact node is not indexed, fall back to the
    /// longest indexed ancestor pointer (so a pointer into a node that does not exist still gets a nearby position).
    /// Returns None only for an empty index.
    pub fn locate(&self, pointer: &str) -> Option<LineCol> {
        let mut node = 0;
        // Anything but "" or "/..." is not a pointer; the root is the only honest answer.
        if let Some(rest) = pointer.strip_prefix('/') {
            for segment in rest.split('/') {
                let key = segment.replace("~1", "/").replace("~0", "~");
                match self.children.get(&(node, key)) {
                    Some(&child) => node = child,
                    None => break,
                }
            }
        }
        self.positions.get(node).copied()
    }

    fn add(&mut self, parent: Option<(usize, String)>, at: LineCol) -> usize {
        let node = self.positions.len();
        self.positions.push(at);
        if let Some(edge) = parent {
            // Later duplicates win, matching serde_json, which keeps the last value; each remembers the first.
            if let Some(earlier) = self.children.insert(edge, node) {
                let first = self.earlier.get(&earlier).copied().unwrap_or(self.positions[earlier]);
                self.earlier.insert(node, first);
            }
        }
        node
    }

    /// Where the first entry of a repeated key was, given the pointer of the entry (which names the last).
    pub fn earlier_duplicate(&self, pointer: &str) -> Option<LineCol> {
        let mut node = 0;
        for segment in pointer.strip_prefix('/')?.split('/') {
            let key = segment.replace("~1", "/").replace("~0", "~");
            node = *self.children.get(&(node, key))?;
        }
        self.earlier.get(&node).copied()
    }
}

/// Turns the flat event stream back into a tree walk without recursion, so nesting depth
/// is bounded only by memory.
struct Builder {
    index: LineIndex,
    stack: Vec<Frame>,
    /// Depth inside a subtree no pointer can name: a non-scalar key, or the value of one.
    skip_depth: usize,
}

enum Frame {
    Sequence { node: usize, next: usize },
    Mapping { node: usize, slot: Slot },
}

#[derive(PartialEq, Eq)]
enum Shape {
    Leaf,
    Sequence,
    Mapping,
}

/// What the next node event in a mapping is.
enum Slot {
    Key,
    /// The value of the entry whose (key-positioned) node is given.
    Value(usize),
    /// The value of an entry whose key is not a scalar.
    SkippedValue,
}

impl Builder {
    /// Feeds one parser event; returns false once the first document is complete.
    fn event(&mut self, event: Event, mark: Marker) -> bool {
        let (shape, scalar) = match event {
            Event::Scalar(text, ..) => (Shape::Leaf, Some(text)),
            Event::Alias(_) => (Shape::Leaf, None),
            Event::SequenceStart(..) => (Shape::Sequence, None),
            Event::MappingStart(..) => (Shape::Mapping, None),
            Event::SequenceEnd | Event::MappingEnd => {
                if self.skip_depth > 0 {
                    self.skip_depth -= 1;
                } else {
                    self.stack.pop();
                }
                return true;
            }
            Event::DocumentEnd | Event::StreamEnd => return false,
            Event::StreamStart | Event::DocumentStart | Event::Nothing => return true,
        };
        if self.skip_depth > 0 {
            if shape != Shape::Leaf {
                self.skip_depth += 1;
            }
            return true;
        }
        let at = line_col(mark);
        let node = match self.stack.last_mut() {
            None if self.index.positions.is_empty() => self.index.add(None, at),
            None => return false,
            Some(Frame::Sequence { node, next }) => {
                let edge = (*node, next.to_string());
                *next += 1;
                self.index.add(Some(edge), at)
            }
            Some(Frame::Mapping { node, slot }) => match std::mem::replace(slot, Slot::Key) {
                Slot::Key => {
                    if let Some(key) = scalar {
                        // A block mapping's start mark is the first key's `:`, so the
                        // first key is where the mapping really begins.
                        let start = &mut self.index.positions[*node];
                        *start = (*start).min(at);
                        *slot = Slot::Value(self.index.add(Some((*node, key)), at));
                    } else {
                        *slot = Slot::SkippedValue;
                        self.skip_depth = usize::from(shape != Shape::Leaf);
                    }
                    return true;
                }
                Slot::Value(node) => node,
                Slot::SkippedValue => {
                    self.skip_depth = usize::from(shape != Shape::Leaf);
                    return true;
                }
            },
        };
        match shape {
            Shape::Sequence => self.stack.push(Frame::Sequence { node, next: 0 }),
            Shape::Mapping => self.stack.push(Frame::Mapping { node, slot: Slot::Key }),
            Shape::Leaf => {}
        }
        true
    }
}

/// yaml-rust2 markers have 1-based lines but 0-based columns (both counted in characters).
/// Where a rewrite made the text shorter: columns after `column` on `line` move right by `by` again.
struct Shift {
    line: u32,
    column: u32,
    by: u32,
}

/// Replaces each escaped surrogate pair `\uD83D\uDE00` (12 characters) in JSON text with the YAML escape
/// `\U0001F600` (10), recording where columns shift. Only JSON-looking text is touched: in YAML outside
/// double quotes a backslash is literal.
fn rewrite_surrogate_escapes(text: &str) -> (std::borrow::Cow<'_, str>, Vec<Shift>) {
    if !text.trim_start().starts_with('{') || !text.contains("\\u") {
        return (std::borrow::Cow::Borrowed(text), Vec::new());
    }
    let hex = |s: &str| u32::from_str_radix(s, 16).ok();
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut shifts = Vec::new();
    let (mut line, mut column) = (1u32, 1u32);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            let pair = text.get(i..i + 12);
            let code = pair.and_then(|p| {
                let (high, low) = (p.strip_prefix("\\u")?.get(..4)?, p.get(6..)?.strip_prefix("\\u")?);
                let (high, low) = (hex(high)?, hex(low)?);
                ((0xD800..0xDC00).contains(&high) && (0xDC00..0xE000).contains(&low))
                    .then(|| 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            });
            if let Some(code) = code {
                out.push_str(&format!("\\U{code:08X}"));
                column += 10;
                shifts.push(Shift { line, column: column - 1, by: 2 });
                i += 12;
                continue;
            }
            // Any other escape: copy the backslash and the escaped character as they are.
            out.push('\\');
            column += 1;
            i += 1;
            if let Some(c) = text[i..].chars().next() {
                out.push(c);
                column += 1;
                i += c.len_utf8();
            }
            continue;
        }
        let c = text[i..].chars().next().unwrap_or('\0');
        out.push(c);
        i += c.len_utf8().max(1);
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (std::borrow::Cow::Owned(out), shifts)
}

pub(crate) fn line_col(mark: Marker) -> LineCol {
    let saturate = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    LineCol { line: saturate(mark.line()), column: saturate(mark.col().saturating_add(1)) }
}

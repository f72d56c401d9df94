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
}

impl LineIndex {
    /// Indexes `text` (YAML or JSON). Never panics; on a syntax error it keeps what it indexed before the error.
    pub fn build(text: &str) -> LineIndex {
        // yaml-rust2 reads a byte order mark as content, which would break the whole parse,
        // and editors do not count it as a column.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut builder = Builder {
            index: LineIndex { positions: Vec::new(), children: HashMap::new() },
            stack: Vec::new(),
            skip_depth: 0,
        };
        // Pull events one by one rather than using `Parser::load`, which recurses once per
        // nesting level; yaml-rust2 limits flow nesting but not block nesting.
        let mut parser = Parser::new_from_str(text);
        while let Ok((event, mark)) = parser.next_token() {
            if !builder.event(event, mark) {
                break;
            }
        }
        builder.index
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
            // Later duplicates win, matching serde_json, which keeps the last value.
            self.children.insert(edge, node);
        }
        node
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
fn line_col(mark: Marker) -> LineCol {
    let saturate = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    LineCol { line: saturate(mark.line()), column: saturate(mark.col().saturating_add(1)) }
}

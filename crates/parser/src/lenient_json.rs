//! JSON slips that common readers accept although RFC 8259 forbids them, repaired so serde_json can read the
//! text as those readers do.
//!
//! - A trailing comma (`[1, 2,]`, `{"a": 1,}`) is read as absent, as Json.NET (which reads specs for Power
//!   Platform and Azure tooling), JSON5 and JavaScript's object literals read it.
//! - A raw control character inside a string (a tab or line break pasted into a description) is read as that
//!   character, as Json.NET, Python's `json` with `strict=False` and Jackson's `ALLOW_UNESCAPED_CONTROL_CHARS`
//!   read it.
//! - A space character between tokens that JSON does not count as whitespace (a no-break space U+00A0, an em
//!   space U+2003, a vertical tab or form feed) is read as a space, as Json.NET (`char.IsWhiteSpace`) and JSON5
//!   read it.
//!
//! The pass runs only after serde_json refused the text, so valid JSON costs nothing; it is one linear scan
//! with an explicit stack (no recursion, whatever the nesting). It produces two texts: the repaired JSON for
//! serde_json, and the original with each slip replaced by one character in place (a space; line breaks kept),
//! whose lines and columns are the original's, for looking positions up.

use std::ops::Range;

use crate::locate::LineCol;
use crate::pointer::JsonPointer;

/// How many places of one kind of slip are reported one by one; beyond it a file gets one warning with the
/// count and the first place.
pub(crate) const PLACES_LISTED: usize = 10;

/// A kind of slip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slip {
    TrailingComma,
    ControlCharacter,
    OddSpace,
}

impl Slip {
    const ALL: [Slip; 3] = [Slip::TrailingComma, Slip::ControlCharacter, Slip::OddSpace];
}

/// One place where a slip was repaired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    /// Where it is in the original text.
    pub at: LineCol,
    /// The innermost node holding it: the array or object of a comma or a space, the string of a control
    /// character in a value, the object of one in a key.
    pub pointer: JsonPointer,
    /// The character found there.
    pub found: char,
}

/// Every place of one kind of slip in a text: the first [`PLACES_LISTED`] located, all counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub slip: Slip,
    pub places: Vec<Place>,
    pub count: usize,
}

impl Found {
    /// The message for each place, or past [`PLACES_LISTED`] one message for them all, at the first place.
    pub fn reports(&self) -> impl Iterator<Item = (&Place, String)> + '_ {
        let each = self.count <= PLACES_LISTED;
        let listed = if each { &self.places[..] } else { &self.places[..self.places.len().min(1)] };
        listed.iter().map(move |place| {
            let message = if each { self.slip.one(place.found) } else { self.slip.many(self.count, place.found) };
            (place, message)
        })
    }
}

impl Slip {
    /// What one slip is and how it was read.
    fn one(self, found: char) -> String {
        let code = u32::from(found);
        match self {
            Slip::TrailingComma => {
                "a trailing comma is not JSON; it was read as absent, as Json.NET and JSON5 read it".to_owned()
            }
            Slip::ControlCharacter => format!(
                "a raw control character (U+{code:04X}) in a string is not JSON; it was read as that character, as \
                 Json.NET reads it"
            ),
            Slip::OddSpace => format!(
                "U+{code:04X} between tokens is not JSON whitespace; it was read as a space, as Json.NET and JSON5 \
                 read it"
            ),
        }
    }

    /// What `count` slips of this kind in one file are, the first (`found`) being where the message is.
    fn many(self, count: usize, found: char) -> String {
        let code = u32::from(found);
        match self {
            Slip::TrailingComma => format!(
                "{count} trailing commas in this file are not JSON (the first is here); each was read as absent, as \
                 Json.NET and JSON5 read them"
            ),
            Slip::ControlCharacter => format!(
                "{count} raw control characters in strings of this file are not JSON (the first, U+{code:04X}, is \
                 here); each was read as that character, as Json.NET reads them"
            ),
            Slip::OddSpace => format!(
                "{count} characters between tokens of this file are not JSON whitespace (the first, U+{code:04X}, is \
                 here); each was read as a space, as Json.NET and JSON5 read them"
            ),
        }
    }
}

/// A text with its slips repaired.
#[derive(Debug)]
pub(crate) struct Repaired {
    /// What serde_json reads.
    pub json: String,
    /// The original text with each slip replaced in place by one character: the same lines and columns.
    pub in_place: String,
    /// Each kind of slip that occurs, in [`Slip::ALL`] order.
    pub found: Vec<Found>,
    /// Where `json` and the original differ in length, in order.
    edits: Vec<Edit>,
}

/// A stretch of the original text that `json` spells with a different number of bytes.
#[derive(Debug)]
struct Edit {
    json_at: usize,
    json_len: usize,
    original_at: usize,
    original_len: usize,
}

impl Repaired {
    /// The offset in the original text of byte `offset` of [`Self::json`] (the start of a repair, for a byte
    /// inside one).
    pub fn original_offset(&self, offset: usize) -> usize {
        let before = self.edits.partition_point(|e| e.json_at <= offset);
        match before.checked_sub(1).map(|i| &self.edits[i]) {
            None => offset,
            Some(e) if offset < e.json_at + e.json_len => e.original_at,
            Some(e) => e.original_at + e.original_len + (offset - e.json_at - e.json_len),
        }
    }
}

/// Repairs the slips of `text`; `None` when it has none (its problem is something else).
pub(crate) fn repair(text: &str) -> Option<Repaired> {
    let mut scan = Scan {
        text,
        json: String::with_capacity(text.len() + 64),
        in_place: String::with_capacity(text.len()),
        edits: Vec::new(),
        stack: Vec::new(),
        string: None,
        found: Slip::ALL.map(|slip| Found { slip, places: Vec::new(), count: 0 }),
        at: LineCol { line: 1, column: 1 },
        run: None,
        after_value: false,
    };
    scan.run();
    let found: Vec<Found> = scan.found.into_iter().filter(|f| f.count > 0).collect();
    if found.is_empty() {
        return None;
    }
    Some(Repaired { json: scan.json, in_place: scan.in_place, found, edits: scan.edits })
}

/// The state of the one pass over a text.
struct Scan<'t> {
    text: &'t str,
    json: String,
    in_place: String,
    edits: Vec<Edit>,
    /// The open arrays and objects, outermost first.
    stack: Vec<Frame>,
    /// Inside a string: whether it is an object key, and where it starts in `json`.
    string: Option<(bool, usize)>,
    found: [Found; 3],
    /// Where the next character is.
    at: LineCol,
    /// The kind of the last slip and the offset just after it: a slip right there continues it (a line break
    /// written as CR LF, a run of em spaces) and is one place.
    run: Option<(Slip, usize)>,
    /// Whether the last token outside strings ended a value (`"`, `}`, `]`, a digit, a letter of `true`…): only
    /// a comma after a value can be a trailing one; `{,}` and `[1,,]` stay errors at the stray comma.
    after_value: bool,
}

/// An open array or object, and which of its children is being read.
enum Frame {
    Array {
        index: usize,
    },
    /// `key` is the last key read, as written in `json` (quotes included); `awaiting_key` is true from `{` or
    /// `,` up to the next key.
    Object {
        key: Option<Range<usize>>,
        awaiting_key: bool,
    },
}

impl Scan<'_> {
    fn run(&mut self) {
        let text = self.text;
        let mut chars = text.char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            if self.string.is_some() {
                if c == '\\' {
                    self.copy(c);
                    if let Some((_, escaped)) = chars.next() {
                        self.copy(escaped);
                    }
                } else if c < ' ' {
                    self.control_character(offset, c);
                } else {
                    if c == '"' {
                        self.close_string();
                        self.after_value = true;
                    }
                    self.copy(c);
                }
                continue;
            }
            let after_value = self.after_value;
            if !matches!(c, ' ' | '\t' | '\n' | '\r' | '"') && !is_odd_space(c) {
                self.after_value = !matches!(c, '{' | '[' | ',' | ':');
            }
            match c {
                '"' => {
                    let is_key = matches!(self.stack.last(), Some(Frame::Object { awaiting_key: true, .. }));
                    self.string = Some((is_key, self.json.len()));
                }
                '{' => self.stack.push(Frame::Object { key: None, awaiting_key: true }),
                '[' => self.stack.push(Frame::Array { index: 0 }),
                '}' | ']' => {
                    self.stack.pop();
                }
                ',' if after_value && trailing(&text[offset + 1..]) => {
                    self.slip(Slip::TrailingComma, offset, c, self.stack.len().saturating_sub(1));
                    self.replace(offset, c, " ");
                    continue;
                }
                ',' => match self.stack.last_mut() {
                    Some(Frame::Array { index }) => *index += 1,
                    Some(Frame::Object { awaiting_key, .. }) => *awaiting_key = true,
                    None => {}
                },
                _ if is_odd_space(c) => {
                    self.slip(Slip::OddSpace, offset, c, self.stack.len().saturating_sub(1));
                    self.replace(offset, c, " ");
                    continue;
                }
                _ => {}
            }
            self.copy(c);
        }
    }

    /// Copies `c` to both texts.
    fn copy(&mut self, c: char) {
        self.json.push(c);
        self.in_place.push(c);
        self.advance(c);
    }

    /// Writes `json` instead of the character `c` at `offset`, and a space in place of it.
    fn replace(&mut self, offset: usize, c: char, json: &str) {
        if json.len() != c.len_utf8() {
            let json_at = self.json.len();
            self.edits.push(Edit { json_at, json_len: json.len(), original_at: offset, original_len: c.len_utf8() });
        }
        self.json.push_str(json);
        // Line breaks stay where they are, and so do tabs, which YAML reads in a quoted string.
        self.in_place.push(if matches!(c, '\n' | '\r' | '\t') { c } else { ' ' });
        self.advance(c);
    }

    fn advance(&mut self, c: char) {
        if c == '\n' {
            self.at = LineCol { line: self.at.line.saturating_add(1), column: 1 };
        } else {
            self.at.column = self.at.column.saturating_add(1);
        }
    }

    /// A raw control character inside a string: written as its escape.
    fn control_character(&mut self, offset: usize, c: char) {
        let depth = match self.string {
            Some((true, _)) => self.stack.len().saturating_sub(1),
            _ => self.stack.len(),
        };
        self.slip(Slip::ControlCharacter, offset, c, depth);
        let escape = match c {
            '\t' => "\\t".to_owned(),
            '\n' => "\\n".to_owned(),
            '\r' => "\\r".to_owned(),
            '\u{8}' => "\\b".to_owned(),
            '\u{c}' => "\\f".to_owned(),
            _ => format!("\\u{:04x}", u32::from(c)),
        };
        self.replace(offset, c, &escape);
    }

    /// Ends the string being read; a key becomes its object's current key. Called before the closing quote
    /// is copied.
    fn close_string(&mut self) {
        let Some((is_key, start)) = self.string.take() else { return };
        if let (true, Some(Frame::Object { key, awaiting_key })) = (is_key, self.stack.last_mut()) {
            *key = Some(start..self.json.len() + 1);
            *awaiting_key = false;
        }
    }

    /// Counts a slip (`found` at `offset`) at the current position, unless it continues the last one, locating it at the node `depth` containers down when it is among
    /// the first few of its kind (the pointer is built only then, so thousands of slips cost no more than their
    /// count).
    fn slip(&mut self, slip: Slip, offset: usize, found: char, depth: usize) {
        let continues = self.run == Some((slip, offset));
        self.run = Some((slip, offset + found.len_utf8()));
        if continues {
            return;
        }
        let index = slip as usize;
        self.found[index].count += 1;
        if self.found[index].places.len() < PLACES_LISTED {
            let place = Place { at: self.at, pointer: self.pointer(depth), found };
            self.found[index].places.push(place);
        }
    }

    /// The pointer of the node reached through the children being read in the outermost `depth` open
    /// containers (`depth` 0: the root; the stack's length: the child being read in the innermost one).
    fn pointer(&self, depth: usize) -> JsonPointer {
        let mut pointer = JsonPointer::root();
        for frame in &self.stack[..depth.min(self.stack.len())] {
            pointer = match frame {
                Frame::Array { index } => pointer.index(*index),
                Frame::Object { key: Some(key), awaiting_key: false } => pointer.push(&self.key(key.clone())),
                Frame::Object { .. } => break,
            };
        }
        pointer
    }

    /// A key as the document means it (escapes decoded), from its spelling in `json`.
    fn key(&self, range: Range<usize>) -> String {
        let written = &self.json[range];
        serde_json::from_str(written).unwrap_or_else(|_| written.trim_matches('"').to_owned())
    }
}

/// Whether a comma followed by `rest` is a trailing one: only whitespace between it and a closing bracket.
fn trailing(rest: &str) -> bool {
    rest.chars()
        .find(|&c| !matches!(c, ' ' | '\t' | '\n' | '\r') && !is_odd_space(c))
        .is_some_and(|c| matches!(c, ']' | '}'))
}

/// A space character that JSON does not count as whitespace but lenient readers do.
fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{b}' | '\u{c}') || (!c.is_ascii() && c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(repaired: &Repaired, slip: Slip) -> Vec<(u32, u32, String)> {
        let found = repaired.found.iter().find(|f| f.slip == slip).map_or(&[][..], |f| &f.places[..]);
        found.iter().map(|p| (p.at.line, p.at.column, p.pointer.as_str().to_owned())).collect()
    }

    #[test]
    fn valid_json_and_other_mistakes_have_nothing_to_repair() {
        assert!(repair(r#"{"a": [1, 2], "b": "x,]"}"#).is_none());
        assert!(repair("{\"a\": 1 \"b\": 2}").is_none());
    }

    #[test]
    fn only_a_comma_after_a_value_is_trailing() {
        assert!(repair("{\"a\": [1, 2,], \"b\": {\"c\": true,},}").is_some());
        for stray in ["{,}", "[,]", "[1,,]", "{\"a\":,}"] {
            let found = repair(stray).map_or(0, |r| r.found.len());
            assert_eq!(found, 0, "{stray}: a comma after no value is left for the parser to refuse");
        }
    }

    #[test]
    fn trailing_commas_become_spaces_in_place() {
        let text = "{\"a\": [1, 2,],\n \"b~/\": {\"c\": [{}, {\"d\": 1,\n}],},\n}";
        let repaired = repair(text).unwrap();
        assert_eq!(repaired.in_place, text.replace(",]", " ]").replace(",\n}", " \n}").replace(",}", " }"));
        assert_eq!(repaired.json, repaired.in_place);
        let value: serde_json::Value = serde_json::from_str(&repaired.json).unwrap();
        assert_eq!(value, serde_json::json!({"a": [1, 2], "b~/": {"c": [{}, {"d": 1}]}}));
        assert_eq!(
            places(&repaired, Slip::TrailingComma),
            [
                (1, 12, "/a".to_owned()),
                (2, 27, "/b~0~1/c/1".to_owned()),
                (3, 3, "/b~0~1".to_owned()),
                (3, 5, String::new())
            ]
        );
    }

    #[test]
    fn control_characters_in_strings_are_escaped_and_kept_in_place() {
        let text = "{\"a\tb\": \"x\ty\",\n \"c\": [\"1\n2\", \"\u{1}\"]}";
        let repaired = repair(text).unwrap();
        let value: serde_json::Value = serde_json::from_str(&repaired.json).unwrap();
        assert_eq!(value, serde_json::json!({"a\tb": "x\ty", "c": ["1\n2", "\u{1}"]}));
        assert_eq!(
            repaired.in_place,
            text.replace('\u{1}', " "),
            "line breaks and tabs stay, other controls are spaces"
        );
        assert_eq!(
            places(&repaired, Slip::ControlCharacter),
            [(1, 4, String::new()), (1, 11, "/a\tb".to_owned()), (2, 10, "/c/0".to_owned()), (3, 6, "/c/1".to_owned())]
        );
    }

    /// Positions in the repaired JSON map back to the original, before, inside and after a longer repair.
    #[test]
    fn offsets_map_back_to_the_original() {
        let text = "[\"\u{1}\",\u{2003}1 2]";
        let repaired = repair(text).unwrap();
        assert_eq!(repaired.json, "[\"\\u0001\", 1 2]");
        assert_eq!(repaired.in_place, "[\" \", 1 2]");
        let error = serde_json::from_str::<serde_json::Value>(&repaired.json).unwrap_err();
        assert_eq!((error.line(), error.column()), (1, 14));
        assert_eq!(repaired.original_offset(13), text.find('2').unwrap());
        assert_eq!(repaired.original_offset(4), 2, "inside the escape: the control character");
        assert_eq!(repaired.original_offset(1), 1);
        assert_eq!(places(&repaired, Slip::OddSpace), [(1, 6, String::new())]);
    }

    /// Slips of one kind next to each other are one place.
    #[test]
    fn a_run_of_slips_is_one_place() {
        let repaired = repair("{\"a\": \"x\r\ny\",\u{2003}\u{2003}\"b\": 1\u{a0}}").unwrap();
        assert_eq!(places(&repaired, Slip::ControlCharacter), [(1, 9, "/a".to_owned())]);
        assert_eq!(places(&repaired, Slip::OddSpace), [(2, 4, String::new()), (2, 12, String::new())]);
        assert_eq!(repaired.json, "{\"a\": \"x\\r\\ny\",  \"b\": 1 }");
    }

    /// Thousands of slips are counted, and only the first few are located.
    #[test]
    fn many_slips_are_counted() {
        let text = format!("[{}]", "[1,],".repeat(5000));
        let repaired = repair(&text).unwrap();
        let found = &repaired.found[0];
        assert_eq!((found.count, found.places.len()), (5001, PLACES_LISTED));
        assert_eq!(found.places[1].pointer.as_str(), "/1");
    }
}

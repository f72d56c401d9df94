//! Turning a file's bytes into text: UTF-8, and Windows-1252 for the bytes that are not.
//!
//! Specs written on Windows are sometimes saved as "ANSI" (Windows-1252), or are UTF-8 with one pasted
//! character (a curly quote, an en dash) in Windows-1252. Each byte sequence that is valid UTF-8 is read as
//! UTF-8 and each byte that is not is read as Windows-1252, so a wholly Windows-1252 file reads as that
//! encoding (a run of its bytes that happens to be valid UTF-8 is as rare as mojibake in real text) and a
//! UTF-8 file with a stray byte keeps every other character right. Windows-1252 is WHATWG's definition: the
//! five bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are the C1 controls of the same number.

use crate::locate::LineCol;

/// A file's text, and where decoding had to fall back to Windows-1252.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    /// `None` when the bytes were UTF-8.
    pub fallback: Option<Fallback>,
}

/// Where the first byte that is not UTF-8 is, and how many there are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fallback {
    /// The first such byte's value.
    pub byte: u8,
    /// What it was read as.
    pub read_as: char,
    /// Its position in the decoded text (1-based; the column counted in characters, as editors count).
    pub at: LineCol,
    /// How many bytes in the file are not UTF-8.
    pub bytes: usize,
}

impl Decoded {
    /// Text that is already a Rust string (given in memory).
    pub fn utf8(text: String) -> Self {
        Self { text, fallback: None }
    }
}

/// Decodes `bytes`: as UTF-8 when they are, else byte sequence by byte sequence as described in the module
/// documentation. Linear in the length.
pub(crate) fn decode(bytes: Vec<u8>) -> Decoded {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Decoded::utf8(text),
        Err(e) => e.into_bytes(),
    };
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut first: Option<(u8, usize)> = None;
    let mut invalid = 0;
    let mut rest = bytes.as_slice();
    while !rest.is_empty() {
        let (valid, bad) = match std::str::from_utf8(rest) {
            Ok(valid) => (valid, 0),
            Err(e) => {
                let valid = std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default();
                (valid, e.error_len().unwrap_or(rest.len() - e.valid_up_to()))
            }
        };
        text.push_str(valid);
        let bad_bytes = &rest[valid.len()..valid.len() + bad];
        if let (None, Some(&byte)) = (first, bad_bytes.first()) {
            first = Some((byte, text.len()));
        }
        text.extend(bad_bytes.iter().map(|&b| windows_1252(b)));
        invalid += bad;
        rest = &rest[valid.len() + bad..];
    }
    let fallback = first.map(|(byte, offset)| Fallback {
        byte,
        read_as: windows_1252(byte),
        at: line_col_at(&text, offset),
        bytes: invalid,
    });
    Decoded { text, fallback }
}

/// The character Windows-1252 (as WHATWG defines it) gives `byte`.
pub(crate) fn windows_1252(byte: u8) -> char {
    match byte {
        0x80..=0x9F => HIGH_CONTROLS[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// Windows-1252's characters for 0x80..=0x9F, where it differs from Latin-1.
const HIGH_CONTROLS: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', // 0x80
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}', // 0x88
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', // 0x90
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}', // 0x98
];

/// The 1-based line and column (in characters) of byte `offset` of `text`; `offset` is clamped to the text
/// and moved back to a character boundary.
pub(crate) fn line_col_at(text: &str, offset: usize) -> LineCol {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let saturate = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    LineCol {
        line: saturate(before.bytes().filter(|&b| b == b'\n').count() + 1),
        column: saturate(before[line_start..].chars().count() + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_read_as_it_is() {
        let decoded = decode("a: é\n".as_bytes().to_vec());
        assert_eq!((decoded.text.as_str(), decoded.fallback), ("a: é\n", None));
    }

    #[test]
    fn windows_1252_reads_every_byte() {
        let decoded = decode(b"x: caf\xe9\ny: \x93q\x94 \x80 \x81\x8d\x8f\x90\x9d \xff".to_vec());
        assert_eq!(decoded.text, "x: café\ny: \u{201C}q\u{201D} € \u{81}\u{8d}\u{8f}\u{90}\u{9d} ÿ");
        let fallback = decoded.fallback.unwrap();
        assert_eq!((fallback.byte, fallback.read_as, fallback.bytes), (0xE9, 'é', 10));
        assert_eq!(fallback.at, LineCol { line: 1, column: 7 });
    }

    /// Valid UTF-8 around a stray byte stays UTF-8, and positions count the characters before it.
    #[test]
    fn a_stray_byte_in_utf8_is_the_only_byte_read_as_windows_1252() {
        let mut bytes = "a: «é»\nb: it".as_bytes().to_vec();
        bytes.push(0x92);
        bytes.extend_from_slice("s\nc: ü".as_bytes());
        let decoded = decode(bytes);
        assert_eq!(decoded.text, "a: «é»\nb: it\u{2019}s\nc: ü");
        let fallback = decoded.fallback.unwrap();
        assert_eq!((fallback.at, fallback.bytes), (LineCol { line: 2, column: 6 }, 1));
    }

    /// A multi-byte sequence cut short (at the end, or by an ASCII byte) is read byte by byte.
    #[test]
    fn truncated_sequences_are_read_byte_by_byte() {
        assert_eq!(decode(b"a\xe2\x82".to_vec()).text, "a\u{e2}\u{201a}");
        assert_eq!(decode(b"\xc3 x".to_vec()).text, "\u{c3} x");
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col_at("ab\nçd", 5), LineCol { line: 2, column: 2 });
        assert_eq!(line_col_at("ab\nçd", 4), LineCol { line: 2, column: 1 }, "inside a character: its start");
        assert_eq!(line_col_at("ab", 99), LineCol { line: 1, column: 3 });
    }
}

//! Offsets in a text (`docs/FORMATS.md#offsets-and-ids`). Discern stores and exports Unicode
//! code points (what Python and the W3C Web Annotation model count); Rust slices UTF-8 bytes;
//! the browser's DOM counts UTF-16 units.
//! [`TextIndex`] converts between the three in O(1) plus a short scan, and knows where the
//! grapheme clusters (an emoji, a flag, a letter with its combining marks) begin and end.
//!
//! What needs Unicode's tables (where clusters begin, by UAX #29; which characters are letters
//! or digits) is asked of a [`Unicode`], which every function that needs one is given (its
//! first parameter): the app gives the browser's (`browser::unicode`), native code and tests
//! [`Tables`] (Rust's own and unicode-segmentation), which the page's module never links.
//! For clusters the model asks about a short stretch around an offset that begins and ends
//! where a cluster must begin (`docs/ARCHITECTURE.md#unicode-from-the-browser`): either end
//! of the text, after a line feed, or between two ASCII characters other than CR LF, since no
//! rule of UAX #29 joins those. It looks for such edges within 256 bytes either side, and
//! otherwise takes the whole line; the property test `boundaries_match_the_whole_texts`
//! checks the stretches against whole-text segmentation. An offset between two such ASCII
//! characters is answered without asking at all, and so are ASCII's letters and digits.

/// How many code points lie between two checkpoints of a [`TextIndex`].
const STRIDE: usize = 64;

/// Offset tables for one text: byte and UTF-16 positions of every 64th code point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextIndex {
    len_cp: usize,
    len_utf16: usize,
    /// (byte, utf16) of code point `i * STRIDE`.
    marks: Vec<(u32, u32)>,
    ascii: bool,
}

impl TextIndex {
    /// Builds the index of `text`.
    pub fn new(text: &str) -> Self {
        let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
        let (mut cp, mut u16s) = (0usize, 0usize);
        for (b, c) in text.char_indices() {
            if cp % STRIDE == 0 {
                marks.push((b as u32, u16s as u32));
            }
            cp += 1;
            u16s += c.len_utf16();
        }
        if cp % STRIDE == 0 {
            marks.push((text.len() as u32, u16s as u32));
        }
        TextIndex {
            len_cp: cp,
            len_utf16: u16s,
            marks,
            ascii: text.is_ascii(),
        }
    }

    /// Length in code points.
    pub fn len_cp(&self) -> usize {
        self.len_cp
    }

    /// Length in UTF-16 units.
    pub fn len_utf16(&self) -> usize {
        self.len_utf16
    }

    /// Byte offset of code point `cp` (clamped to the end of the text).
    pub fn byte_of_cp(&self, text: &str, cp: usize) -> usize {
        let cp = cp.min(self.len_cp);
        if self.ascii {
            return cp;
        }
        let (b, _) = self.marks[cp / STRIDE];
        let b = b as usize;
        let rest = cp % STRIDE;
        if rest == 0 {
            return b;
        }
        text[b..]
            .char_indices()
            .nth(rest)
            .map_or(text.len(), |(i, _)| b + i)
    }

    /// Code point at byte offset `byte`, or `None` when it is not on a character boundary.
    pub fn cp_of_byte(&self, text: &str, byte: usize) -> Option<usize> {
        if byte > text.len() || !text.is_char_boundary(byte) {
            return None;
        }
        if self.ascii {
            return Some(byte);
        }
        let i = self.marks.partition_point(|&(b, _)| b as usize <= byte) - 1;
        let (b, _) = self.marks[i];
        Some(i * STRIDE + text[b as usize..byte].chars().count())
    }

    /// UTF-16 offset of code point `cp` (clamped to the end of the text).
    pub fn utf16_of_cp(&self, text: &str, cp: usize) -> usize {
        let cp = cp.min(self.len_cp);
        if self.ascii {
            return cp;
        }
        let (b, u) = self.marks[cp / STRIDE];
        let rest = cp % STRIDE;
        u as usize
            + text[b as usize..]
                .chars()
                .take(rest)
                .map(char::len_utf16)
                .sum::<usize>()
    }

    /// Code point at UTF-16 offset `u`, or `None` inside a surrogate pair or past the end.
    pub fn cp_of_utf16(&self, text: &str, u: usize) -> Option<usize> {
        if u > self.len_utf16 {
            return None;
        }
        if self.ascii {
            return Some(u);
        }
        let i = self.marks.partition_point(|&(_, m)| m as usize <= u) - 1;
        let (b, mut at) = (self.marks[i].0 as usize, self.marks[i].1 as usize);
        let mut cp = i * STRIDE;
        for c in text[b..].chars() {
            if at >= u {
                break;
            }
            at += c.len_utf16();
            cp += 1;
        }
        (at == u).then_some(cp)
    }

    /// The text of code points `start..end`.
    pub fn slice<'a>(&self, text: &'a str, start: usize, end: usize) -> &'a str {
        let b0 = self.byte_of_cp(text, start);
        let b1 = self.byte_of_cp(text, end.max(start));
        &text[b0..b1]
    }

    /// Whether code point offset `cp` is a grapheme cluster boundary.
    pub fn is_grapheme_boundary(&self, unicode: &dyn Unicode, text: &str, cp: usize) -> bool {
        let b = self.byte_of_cp(text, cp);
        is_grapheme_boundary(unicode, text, b)
    }
}

/// What the model asks of Unicode's tables.
pub trait Unicode: std::fmt::Debug {
    /// The byte offsets at which the grapheme clusters of `text` begin (UAX #29), in order
    /// (`0` first; none for an empty text). `text` begins and ends at cluster boundaries.
    fn cluster_starts(&self, text: &str) -> Vec<usize>;
    /// Whether `c` is a letter or a digit, as [`char::is_alphanumeric`] has it (asked only
    /// of characters beyond ASCII).
    fn is_alphanumeric(&self, c: char) -> bool;
    /// Whether `c` is a digit or another number, as [`char::is_numeric`] has it (asked only
    /// of characters beyond ASCII).
    fn is_numeric(&self, c: char) -> bool;
}

/// Rust's own tables, and UAX #29 as the unicode-segmentation crate implements it: what
/// native tests use.
#[derive(Debug)]
pub struct Tables;

impl Unicode for Tables {
    fn cluster_starts(&self, text: &str) -> Vec<usize> {
        use unicode_segmentation::UnicodeSegmentation;
        text.grapheme_indices(true).map(|(i, _)| i).collect()
    }
    fn is_alphanumeric(&self, c: char) -> bool {
        c.is_alphanumeric()
    }
    fn is_numeric(&self, c: char) -> bool {
        c.is_numeric()
    }
}

/// No tables: every character its own cluster, and only ASCII letters and digits.
#[derive(Debug)]
pub struct NoTables;

impl Unicode for NoTables {
    fn cluster_starts(&self, text: &str) -> Vec<usize> {
        text.char_indices().map(|(i, _)| i).collect()
    }
    fn is_alphanumeric(&self, c: char) -> bool {
        c.is_ascii_alphanumeric()
    }
    fn is_numeric(&self, c: char) -> bool {
        c.is_ascii_digit()
    }
}

/// Whether `c` is a letter or a digit of any script ([`char::is_alphanumeric`]).
pub fn is_alphanumeric(unicode: &dyn Unicode, c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        unicode.is_alphanumeric(c)
    }
}

/// Whether `c` is a number of any script ([`char::is_numeric`]).
pub fn is_numeric(unicode: &dyn Unicode, c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        unicode.is_numeric(c)
    }
}

/// How far the model looks for a stretch's edges before it falls back to the whole line.
const REACH: usize = 256;

/// Whether a cluster must begin at byte `b` (a character boundary) whatever the characters
/// are: at either end, after a line feed, or between two ASCII characters other than CR LF
/// (no rule of UAX #29 joins two such characters).
fn sure_boundary(text: &str, b: usize) -> bool {
    let bytes = text.as_bytes();
    if b == 0 || b >= bytes.len() {
        return true;
    }
    let (before, after) = (bytes[b - 1], bytes[b]);
    before == b'\n' || (before.is_ascii() && before != b'\r' && after.is_ascii())
}

/// A stretch `lo..hi` around the character that begins at byte `c`, with `lo <= c < hi`,
/// whose ends are sure boundaries: the nearest within [`REACH`] bytes, or else the line's.
fn stretch(text: &str, c: usize) -> (usize, usize) {
    let lo = (c.saturating_sub(REACH)..=c)
        .rev()
        .find(|&p| text.is_char_boundary(p) && sure_boundary(text, p))
        .unwrap_or_else(|| line_start(text, c));
    let hi = (c + 1..=(c + REACH).min(text.len()))
        .find(|&p| text.is_char_boundary(p) && sure_boundary(text, p))
        .unwrap_or_else(|| line_end(text, c));
    (lo, hi)
}

/// The byte offsets where clusters begin in the stretch around the character at byte `c`.
fn starts_around(unicode: &dyn Unicode, text: &str, c: usize) -> (usize, usize, Vec<usize>) {
    let (lo, hi) = stretch(text, c);
    let starts = unicode
        .cluster_starts(&text[lo..hi])
        .into_iter()
        .map(|s| lo + s)
        .collect();
    (lo, hi, starts)
}

/// Whether byte offset `b` of `text` is a grapheme cluster boundary.
pub fn is_grapheme_boundary(unicode: &dyn Unicode, text: &str, b: usize) -> bool {
    if b >= text.len() {
        return true;
    }
    if !text.is_char_boundary(b) {
        return false;
    }
    if sure_boundary(text, b) {
        return true;
    }
    starts_around(unicode, text, b).2.binary_search(&b).is_ok()
}

/// The grapheme boundary at or before byte `b`.
pub fn grapheme_floor(unicode: &dyn Unicode, text: &str, b: usize) -> usize {
    grapheme_edge(unicode, text, b, false)
}

/// The grapheme boundary at or after byte `b`.
pub fn grapheme_ceil(unicode: &dyn Unicode, text: &str, b: usize) -> usize {
    grapheme_edge(unicode, text, b, true)
}

/// The grapheme boundary at `b`, or the nearest one after (`forward`) or before it.
fn grapheme_edge(unicode: &dyn Unicode, text: &str, b: usize, forward: bool) -> usize {
    let b = b.min(text.len());
    if is_grapheme_boundary(unicode, text, b) {
        return b;
    }
    let (lo, hi, starts) = starts_around(unicode, text, floor_char(text, b));
    if forward {
        starts.into_iter().find(|&s| s > b).unwrap_or(hi)
    } else {
        starts.into_iter().rev().find(|&s| s < b).unwrap_or(lo)
    }
}

/// The start of the character that byte `b` of `text` falls in.
pub(crate) fn floor_char(text: &str, mut b: usize) -> usize {
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}

/// A grapheme cluster always ends after a line feed, so a line (with its line feed) is always
/// enough context.
fn line_start(text: &str, b: usize) -> usize {
    text.as_bytes()[..b]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1)
}

fn line_end(text: &str, b: usize) -> usize {
    text.as_bytes()[b..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(text.len(), |i| b + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_and_emoji_count_as_expected() {
        let s = "a🇸🇻b👍🏽c";
        let idx = TextIndex::new(s);
        assert_eq!(idx.len_cp(), 7);
        assert_eq!(idx.len_utf16(), 11);
        assert_eq!(idx.utf16_of_cp(s, 3), 5);
        assert_eq!(idx.cp_of_utf16(s, 5), Some(3));
        assert_eq!(idx.cp_of_utf16(s, 2), None);
        assert!(!idx.is_grapheme_boundary(&Tables, s, 2));
        assert!(idx.is_grapheme_boundary(&Tables, s, 3));
        assert!(!idx.is_grapheme_boundary(&Tables, s, 5));
        assert_eq!(idx.slice(s, 4, 6), "👍🏽");
    }

    #[test]
    fn edges_from_inside_a_character() {
        assert_eq!(grapheme_floor(&Tables, "aé", 2), 1);
        assert_eq!(grapheme_ceil(&Tables, "aé", 2), 3);
        assert_eq!(grapheme_floor(&Tables, "a👍🏽", 3), 1);
        assert_eq!(grapheme_ceil(&Tables, "a👍🏽", 3), 9);
    }

    #[test]
    fn crlf_is_one_grapheme() {
        let s = "x\r\ny";
        assert!(!is_grapheme_boundary(&Tables, s, 2));
        assert_eq!(grapheme_floor(&Tables, s, 2), 1);
        assert_eq!(grapheme_ceil(&Tables, s, 2), 3);
    }
}

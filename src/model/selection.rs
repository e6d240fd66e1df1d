//! Turning what a reader selected into the span Discern tags: trimmed of surrounding white
//! space, optionally widened to whole words, and never splitting a grapheme cluster.

use super::text::{floor_char, grapheme_ceil, grapheme_floor, TextIndex};
use unicode_segmentation::UnicodeSegmentation;

/// Normalizes the code-point range `start..end` of `text` into a span to tag, or `None` when
/// nothing but white space was selected.
pub fn normalize(
    text: &str,
    index: &TextIndex,
    start: usize,
    end: usize,
    snap_words: bool,
) -> Option<(usize, usize)> {
    let (start, end) = (start.min(end), start.max(end));
    let mut b0 = index.byte_of_cp(text, start);
    let mut b1 = index.byte_of_cp(text, end);
    // Trim white space.
    let inner = &text[b0..b1];
    let trimmed = inner.trim_start();
    b0 += inner.len() - trimmed.len();
    b1 = b0 + trimmed.trim_end().len();
    if b0 >= b1 {
        return None;
    }
    if snap_words {
        b0 = word_start(text, b0);
        b1 = word_end(text, b1);
    }
    b0 = grapheme_floor(text, b0);
    b1 = grapheme_ceil(text, b1);
    // A grapheme that begins with white space (a space carrying a joiner or a combining
    // mark) is white space too: trim whole graphemes, so no edge falls inside one.
    while b0 < b1 && text[b0..].starts_with(char::is_whitespace) {
        b0 = grapheme_ceil(text, b0 + 1);
    }
    while b0 < b1 {
        let last = grapheme_floor(text, floor_char(text, b1 - 1));
        if !text[last..].starts_with(char::is_whitespace) {
            break;
        }
        b1 = last;
    }
    if b0 >= b1 {
        return None;
    }
    let s = index.cp_of_byte(text, b0)?;
    let e = index.cp_of_byte(text, b1)?;
    (s < e).then_some((s, e))
}

fn is_wordlike(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// The line around byte `b` (without its line feed), as a window for word segmentation.
fn line_around(text: &str, b: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let lo = bytes[..b]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1);
    let hi = bytes[b..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(text.len(), |i| b + i);
    (lo, hi)
}

/// Start of the word that byte `b` falls inside, or `b` itself between words.
fn word_start(text: &str, b: usize) -> usize {
    let (lo, hi) = line_around(text, b);
    for (i, seg) in text[lo..hi].split_word_bound_indices() {
        let (s, e) = (lo + i, lo + i + seg.len());
        if s <= b && b < e {
            return if is_wordlike(seg) { s } else { b };
        }
    }
    b
}

/// End of the word that the byte before `b` falls inside, or `b` itself between words.
fn word_end(text: &str, b: usize) -> usize {
    if b == 0 {
        return b;
    }
    let (lo, hi) = line_around(text, b - 1);
    for (i, seg) in text[lo..hi].split_word_bound_indices() {
        let (s, e) = (lo + i, lo + i + seg.len());
        if s < b && b <= e {
            return if is_wordlike(seg) { e } else { b };
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(text: &str, s: usize, e: usize, snap: bool) -> Option<&str> {
        let idx = TextIndex::new(text);
        normalize(text, &idx, s, e, snap).map(|(a, b)| idx.slice(text, a, b))
    }

    #[test]
    fn trims_white_space() {
        assert_eq!(norm("  hello world  ", 0, 15, true), Some("hello world"));
        assert_eq!(norm("   \n  ", 0, 6, true), None);
    }

    #[test]
    fn snaps_to_whole_words() {
        let t = "El Salvador’s president said";
        assert_eq!(norm(t, 5, 16, true), Some("Salvador’s president"));
        assert_eq!(norm(t, 5, 16, false), Some("lvador’s pr"));
    }

    #[test]
    fn keeps_punctuation_as_selected() {
        let t = "he said “yes.” Then";
        assert_eq!(norm(t, 8, 14, true), Some("“yes.”"));
    }

    #[test]
    fn a_space_carrying_a_joiner_is_white_space() {
        assert_eq!(norm("El \u{200d}word", 3, 4, false), None);
        assert_eq!(norm("El \u{200d}word", 3, 6, false), Some("wo"));
    }

    #[test]
    fn never_splits_a_flag_or_skin_tone() {
        let t = "go 🇺🇸🇸🇻 now 👍🏽!";
        // Start inside the first flag, end inside the skin-tone sequence.
        assert_eq!(norm(t, 4, 13, false), Some("🇺🇸🇸🇻 now 👍🏽"));
    }
}

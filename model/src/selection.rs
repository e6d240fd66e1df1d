//! Turning what a reader selected into the span Discern tags: trimmed of surrounding white
//! space, optionally widened to whole words, and never splitting a grapheme cluster.

use crate::text::{
    floor_char, grapheme_ceil, grapheme_floor, is_alphanumeric, is_numeric, TextIndex, Unicode,
};

/// Normalizes the code-point range `start..end` of `text` into a span to tag, or `None` when
/// nothing but white space was selected.
pub fn normalize(
    unicode: &dyn Unicode,
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
        b0 = word_start(unicode, text, b0);
        b1 = word_end(unicode, text, b1);
    }
    b0 = grapheme_floor(unicode, text, b0);
    b1 = grapheme_ceil(unicode, text, b1);
    // A grapheme that begins with white space (a space carrying a joiner or a combining
    // mark) is white space too: trim whole graphemes, so no edge falls inside one.
    while b0 < b1 && text[b0..].starts_with(char::is_whitespace) {
        b0 = grapheme_ceil(unicode, text, b0 + 1);
    }
    while b0 < b1 {
        let last = grapheme_floor(unicode, text, floor_char(text, b1 - 1));
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

/// What a grapheme is to word snapping, by its first character.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A letter or digit of any script (with its marks), or `_`.
    Word {
        digit: bool,
    },
    /// A Chinese character, or Japanese kana: a word of its own, as these scripts put no
    /// spaces between words.
    Ideograph,
    /// Joins two words into one: an apostrophe or a full stop (`don’t`, `U.S`, `3.5`); a comma
    /// joins digits only (`1,000`).
    Joiner {
        comma: bool,
    },
    Other,
}

fn kind(unicode: &dyn Unicode, text: &str, b: usize) -> Kind {
    let Some(c) = text[b..].chars().next() else {
        return Kind::Other;
    };
    match c {
        '\u{3040}'..='\u{30ff}'
        | '\u{31f0}'..='\u{31ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ff66}'..='\u{ff9f}'
        | '\u{20000}'..='\u{3ffff}' => Kind::Ideograph,
        '\'' | '’' | '.' => Kind::Joiner { comma: false },
        ',' => Kind::Joiner { comma: true },
        // A soft hyphen and the invisible joiners sit inside words.
        '\u{ad}' | '\u{200c}' | '\u{200d}' | '\u{2060}' => Kind::Word { digit: false },
        c if is_alphanumeric(unicode, c) || c == '_' => Kind::Word {
            digit: is_numeric(unicode, c),
        },
        _ => Kind::Other,
    }
}

/// Whether `joiner` joins the words `before` and `after`: letters to letters and digits to
/// digits (`don’t`, `3.5`); a comma joins digits only (`1,000`).
fn joins(before: Kind, joiner: Kind, after: Kind) -> bool {
    match (before, joiner, after) {
        (Kind::Word { digit: a }, Kind::Joiner { comma }, Kind::Word { digit: b }) => {
            a == b && (!comma || a)
        }
        _ => false,
    }
}

/// Whether the joiner at byte `at` joins the graphemes around it.
fn joiner_inside(unicode: &dyn Unicode, text: &str, at: usize, lo: usize, hi: usize) -> bool {
    let j = kind(unicode, text, at);
    if !matches!(j, Kind::Joiner { .. }) || at <= lo {
        return false;
    }
    let after = next(unicode, text, at);
    after < hi
        && joins(
            kind(unicode, text, prev(unicode, text, at).max(lo)),
            j,
            kind(unicode, text, after),
        )
}

/// The grapheme boundary after `b`, and the one before it.
fn next(unicode: &dyn Unicode, text: &str, b: usize) -> usize {
    grapheme_ceil(unicode, text, b + 1)
}

fn prev(unicode: &dyn Unicode, text: &str, b: usize) -> usize {
    grapheme_floor(unicode, text, b - 1)
}

/// The line around byte `b` (without its line feed): words never cross it.
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
fn word_start(unicode: &dyn Unicode, text: &str, b: usize) -> usize {
    if b >= text.len() {
        return b;
    }
    let (lo, hi) = line_around(text, b);
    let mut s = grapheme_floor(unicode, text, b).max(lo);
    match kind(unicode, text, s) {
        Kind::Ideograph => return s,
        Kind::Word { .. } => {}
        // On the apostrophe of "don’t": the word around it.
        Kind::Joiner { .. } if joiner_inside(unicode, text, s, lo, hi) => {
            s = prev(unicode, text, s).max(lo)
        }
        _ => return b,
    }
    while s > lo {
        let p = prev(unicode, text, s).max(lo);
        match kind(unicode, text, p) {
            Kind::Word { .. } => s = p,
            j @ Kind::Joiner { .. } if p > lo => {
                let pp = prev(unicode, text, p).max(lo);
                if !joins(kind(unicode, text, pp), j, kind(unicode, text, s)) {
                    break;
                }
                s = pp;
            }
            _ => break,
        }
    }
    s
}

/// End of the word that the byte before `b` falls inside, or `b` itself between words.
fn word_end(unicode: &dyn Unicode, text: &str, b: usize) -> usize {
    if b == 0 {
        return b;
    }
    let (lo, hi) = line_around(text, b - 1);
    let mut last = prev(unicode, text, b);
    match kind(unicode, text, last) {
        Kind::Ideograph => return next(unicode, text, last).min(hi.max(b)),
        Kind::Word { .. } => {}
        // Ending on the apostrophe of "don’t": the word around it.
        Kind::Joiner { .. } if joiner_inside(unicode, text, last, lo, hi) => {
            last = next(unicode, text, last)
        }
        _ => return b,
    }
    let mut e = next(unicode, text, last).min(hi.max(b));
    let mut at = last;
    while e < hi {
        match kind(unicode, text, e) {
            Kind::Word { .. } => {
                at = e;
                e = next(unicode, text, e);
            }
            j @ Kind::Joiner { .. } => {
                let n = next(unicode, text, e);
                if n >= hi || !joins(kind(unicode, text, at), j, kind(unicode, text, n)) {
                    break;
                }
                at = n;
                e = next(unicode, text, n);
            }
            _ => break,
        }
    }
    e.min(hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(text: &str, s: usize, e: usize, snap: bool) -> Option<&str> {
        let idx = TextIndex::new(text);
        normalize(&crate::text::Tables, text, &idx, s, e, snap).map(|(a, b)| idx.slice(text, a, b))
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
    fn words_hold_apostrophes_stops_and_digit_commas() {
        let t = "They don’t say 3.5 or 1,000, said U.S. officials.";
        assert_eq!(norm(t, 6, 7, true), Some("don’t"));
        assert_eq!(norm(t, 15, 16, true), Some("3.5"));
        assert_eq!(norm(t, 22, 23, true), Some("1,000"));
        assert_eq!(norm(t, 34, 35, true), Some("U.S"));
        assert_eq!(norm(t, 39, 41, true), Some("officials"));
        // Starting or ending on the apostrophe itself.
        assert_eq!(norm(t, 8, 9, true), Some("don’t"));
        assert_eq!(norm(t, 6, 9, true), Some("don’t"));
        // A stop between a digit and a letter ends the word; a soft hyphen does not.
        assert_eq!(norm("in 3.Then", 3, 4, true), Some("3"));
        assert_eq!(
            norm("a news\u{ad}paper here", 3, 4, true),
            Some("news\u{ad}paper")
        );
    }

    #[test]
    fn letters_with_their_marks_stay_in_one_word() {
        // "café" with a combining acute accent, then "s".
        let t = "the cafe\u{301}s here";
        assert_eq!(norm(t, 5, 6, true), Some("cafe\u{301}s"));
        assert_eq!(norm("नमस्ते दुनिया", 1, 2, true), Some("नमस्ते"));
    }

    #[test]
    fn chinese_and_japanese_snap_to_whole_characters() {
        let t = "我们今天去東京。ひらがなです";
        assert_eq!(norm(t, 1, 2, true), Some("们"));
        assert_eq!(norm(t, 9, 11, true), Some("らが"));
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

//! Property tests of Discern's offsets and selections over right-to-left and mixed text:
//! Arabic and Hebrew with their vowel marks, Arabic-Indic digits, the invisible direction
//! marks (LRM, RLM, ALM), the bidi embeddings, overrides and isolates, and English, Japanese
//! and emoji between them. What the eye sees in another order is still counted in the
//! text's own (logical) order, by code points.

mod common;
mod props;

use discern_model::selection::normalize;
use discern_model::text::Tables;
use discern_model::text::TextIndex;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Pieces of right-to-left and mixed text.
fn atom() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "مرحبا",
        "بِسْمِ",
        "السَّلَامُ",
        "الرئيس",
        "ـ",
        "ﷺ",
        "שלום",
        "עִבְרִית",
        "ירושלים",
        "١٢٣",
        "٣٫٥",
        "؟",
        "،",
        "word",
        "Bukele",
        "東京",
        "👍🏽",
        "🇸🇻",
        " ",
        "\n",
        ".",
        "\u{200e}",
        "\u{200f}",
        "\u{61c}",
        "\u{202a}",
        "\u{202b}",
        "\u{202c}",
        "\u{202d}",
        "\u{202e}",
        "\u{2066}",
        "\u{2067}",
        "\u{2068}",
        "\u{2069}",
        "\u{200c}",
        "\u{200d}",
    ])
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(atom(), 0..50).prop_map(|v| v.concat())
}

/// A letter of an alphabet, not of a script without spaces (Chinese or Japanese, where each
/// character is a word of its own).
fn alphabetic(c: char) -> bool {
    c.is_alphabetic() && !matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn offsets_round_trip(t in text()) {
        props::offsets_round_trip(&t)?;
    }

    /// A selection made anywhere, in either direction, becomes a span of whole graphemes
    /// (a letter keeps its vowel marks) that holds everything with text the selection
    /// touched, is the same when normalized again, and is exactly the code points it names.
    #[test]
    fn selections_keep_whole_letters(t in text(), a in 0usize..200, b in 0usize..200, snap: bool) {
        props::selection_holds(&t, a, b, snap)?;
    }

    /// Snapped to words, a span never cuts an Arabic, Hebrew or English word in two: no
    /// letter on both sides of either edge. A direction mark or a bidi control ends a word.
    #[test]
    fn snapped_spans_hold_whole_words(t in text(), a in 0usize..200, b in 0usize..200) {
        let idx = TextIndex::new(&t);
        let n = idx.len_cp();
        if let Some((s, e)) = normalize(&Tables, &t, &idx, a.min(n), b.min(n), true) {
            let chars: Vec<char> = t.chars().collect();
            // The letter a grapheme begins with (a mark belongs to the letter before it).
            let letter_before = |at: usize| {
                let byte = idx.byte_of_cp(&t, at);
                t[..byte].graphemes(true).next_back().and_then(|g| g.chars().next())
            };
            if s > 0 && alphabetic(chars[s]) {
                prop_assert!(!letter_before(s).is_some_and(alphabetic), "cuts a word at its start: {:?}", &t);
            }
            if e < chars.len() && alphabetic(chars[e]) {
                let last = letter_before(e);
                prop_assert!(!last.is_some_and(alphabetic), "cuts a word at its end: {:?}", &t);
            }
        }
    }

    /// The text as drawn, chunk by chunk, is the document; the highlights' segments cover
    /// exactly what each annotation covers, whatever the directions inside.
    #[test]
    fn drawn_text_and_highlights_cover_the_document(t in text(), spans in prop::collection::vec((0usize..200, 1usize..30, 0usize..3), 0..10)) {
        props::highlights_cover(&t, spans)?;
    }
}

#[test]
fn arabic_and_hebrew_words_snap_whole_with_their_marks() {
    let t = "قال \u{200f}الرَّئِيسُ\u{200f} إن שָׁלוֹם עליכם 3.5";
    let idx = TextIndex::new(t);
    let word = |at: usize| {
        normalize(&Tables, t, &idx, at, at + 1, true).map(|(s, e)| idx.slice(t, s, e).to_string())
    };
    // Inside the Arabic word with its vowel marks, between its direction marks.
    let at = t.chars().position(|c| c == 'ئ').unwrap();
    assert_eq!(word(at).as_deref(), Some("الرَّئِيسُ"));
    // Inside the Hebrew word with its points.
    let at = t.chars().position(|c| c == 'ל').unwrap();
    assert_eq!(word(at).as_deref(), Some("שָׁלוֹם"));
}

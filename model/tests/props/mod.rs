//! The properties of offsets, selections and highlights that must hold over any text, shared
//! by the property tests that generate different kinds of text (`model_props`: emoji, marks,
//! CRLF and non-Latin scripts; `bidi_props`: right-to-left and mixed text with direction
//! marks and bidi controls). Each returns the first failure, as `prop_assert!` does.

use crate::common;
use discern_model::render::{pieces_by_chunk, segments};
use discern_model::selection::normalize;
use discern_model::text::Tables;
use discern_model::text::TextIndex;
use discern_model::{Change, Document, DocumentMeta, Workspace};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// The byte offsets where the graphemes of `t` begin, and its end.
pub fn grapheme_edges(t: &str) -> Vec<usize> {
    let mut edges: Vec<usize> = t.grapheme_indices(true).map(|(b, _)| b).collect();
    edges.push(t.len());
    edges
}

/// Code points, UTF-16 units and bytes convert into each other exactly, and nothing inside a
/// character (a UTF-8 continuation byte, the middle of a surrogate pair) is a code point.
pub fn offsets_round_trip(t: &str) -> Result<(), TestCaseError> {
    let idx = TextIndex::new(t);
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    prop_assert_eq!(idx.len_cp(), chars.len());
    prop_assert_eq!(idx.len_utf16(), t.encode_utf16().count());
    let mut u16_at = 0;
    for cp in 0..=chars.len() {
        let byte = chars.get(cp).map_or(t.len(), |c| c.0);
        prop_assert_eq!(idx.byte_of_cp(t, cp), byte);
        prop_assert_eq!(idx.cp_of_byte(t, byte), Some(cp));
        prop_assert_eq!(idx.utf16_of_cp(t, cp), u16_at);
        prop_assert_eq!(idx.cp_of_utf16(t, u16_at), Some(cp));
        if let Some((_, c)) = chars.get(cp) {
            if c.len_utf16() == 2 {
                // The middle of a surrogate pair is no code point.
                prop_assert_eq!(idx.cp_of_utf16(t, u16_at + 1), None);
            }
            for inner in 1..c.len_utf8() {
                prop_assert_eq!(idx.cp_of_byte(t, byte + inner), None);
            }
            u16_at += c.len_utf16();
        }
    }
    Ok(())
}

/// A selection from code point `a` to `b` (either way round, clamped to the text) becomes a
/// span of whole graphemes with no white space at its edges, the same whichever way it was
/// made and when normalized again, exactly the code points it names, holding every grapheme
/// with text that the selection touched; without snapping, no wider than the graphemes the
/// selection touched. Only a selection of nothing but white space is refused.
pub fn selection_holds(t: &str, a: usize, b: usize, snap: bool) -> Result<(), TestCaseError> {
    let idx = TextIndex::new(t);
    let n = idx.len_cp();
    let (a, b) = (a.min(n), b.min(n));
    let edges = grapheme_edges(t);
    let (b0, b1) = (idx.byte_of_cp(t, a.min(b)), idx.byte_of_cp(t, a.max(b)));
    let solid: Vec<(usize, usize)> = t
        .grapheme_indices(true)
        .map(|(g, s)| (g, g + s.len()))
        .filter(|&(g0, g1)| {
            b0 < b1 && g0 < b1 && b0 < g1 && !t[g0..].starts_with(char::is_whitespace)
        })
        .collect();
    // A right-to-left drag ends where it started from: the same span.
    prop_assert_eq!(
        normalize(&Tables, t, &idx, a, b, snap),
        normalize(&Tables, t, &idx, b, a, snap)
    );
    match normalize(&Tables, t, &idx, a, b, snap) {
        None => prop_assert!(
            solid.is_empty(),
            "refused a selection with text: {:?}",
            &t[b0..b1]
        ),
        Some((s, e)) => {
            prop_assert!(s < e && e <= n);
            let (p0, p1) = (idx.byte_of_cp(t, s), idx.byte_of_cp(t, e));
            prop_assert!(edges.contains(&p0), "start inside a grapheme");
            prop_assert!(edges.contains(&p1), "end inside a grapheme");
            let picked = idx.slice(t, s, e);
            prop_assert_eq!(picked.trim(), picked, "white space at an edge");
            let by_code_points: String = t.chars().skip(s).take(e - s).collect();
            prop_assert_eq!(picked, by_code_points.as_str());
            // Normalizing again changes nothing.
            prop_assert_eq!(normalize(&Tables, t, &idx, s, e, snap), Some((s, e)));
            for (g0, g1) in solid {
                prop_assert!(
                    p0 <= g0 && g1 <= p1,
                    "lost {:?} from {:?}",
                    &t[g0..g1],
                    picked
                );
            }
            if !snap {
                // Without snapping, nothing outside the selection's graphemes is added.
                let lo = edges.iter().rev().find(|&&g| g <= b0).copied().unwrap_or(0);
                let hi = edges.iter().find(|&&g| g >= b1).copied().unwrap_or(t.len());
                prop_assert!(lo <= p0 && p1 <= hi);
            }
        }
    }
    Ok(())
}

/// With the annotations `spans` (start, length, label) added to a document of `t`: the chunks
/// drawn are the text; each chunk's segments cover it, each covered by exactly the
/// annotations over it; and what an annotation's highlights hold, put together, is its slice
/// of the text.
pub fn highlights_cover(t: &str, spans: Vec<(usize, usize, usize)>) -> Result<(), TestCaseError> {
    let doc = Document::new(&Tables, DocumentMeta::default(), t, true);
    let n = doc.len();
    let joined: String = doc.chunks.iter().map(|c| &*c.text).collect();
    prop_assert_eq!(joined.as_str(), t);
    let mut ws = Workspace::new(vec![doc]);
    let doc = ws.documents()[0].clone();
    for (i, (s, len, l)) in spans.into_iter().enumerate() {
        if n == 0 {
            break;
        }
        let s = s % n;
        let _ = ws.apply(&Change::Add(common::ann(
            i,
            &doc.id,
            l,
            s,
            (s + len).min(n),
        )));
    }
    let anns = ws.annotations(&doc.id);
    let pieces = pieces_by_chunk(&doc.chunks, &anns, &[], None);
    let mut held = vec![String::new(); anns.len()];
    for (chunk, p) in doc.chunks.iter().zip(&pieces) {
        let text: Vec<char> = chunk.text.chars().collect();
        let segs = segments(p, text.len());
        prop_assert_eq!(segs.first().map(|s| s.start), Some(0));
        prop_assert_eq!(segs.last().map(|s| s.end), Some(text.len()));
        for s in &segs {
            let mut got: Vec<&str> = s.covering.iter().map(|&i| p[i].ann.id.as_str()).collect();
            got.sort();
            let at = chunk.start + s.start;
            let mut want: Vec<&str> = anns
                .iter()
                .filter(|a| a.start <= at && at < a.end)
                .map(|a| a.id.as_str())
                .collect();
            want.sort();
            prop_assert_eq!(got, want);
            for (k, a) in anns.iter().enumerate() {
                if s.covering.iter().any(|&i| p[i].ann.id == a.id) {
                    held[k].extend(&text[s.start..s.end]);
                }
            }
        }
    }
    for (a, held) in anns.iter().zip(&held) {
        prop_assert_eq!(held.as_str(), doc.slice(a.start, a.end));
    }
    Ok(())
}

//! Property tests of Discern's model over text full of what breaks offsets: emoji with skin
//! tones, ZWJ sequences, flags, combining marks, CRLF, and non-Latin scripts.

mod common;
mod props;

use discern_model::text::{grapheme_ceil, grapheme_floor, is_grapheme_boundary, Tables, TextIndex};
use discern_model::{Change, Document, DocumentMeta, History, Workspace};
use proptest::prelude::*;

/// Pieces of text that are hard on offsets.
fn atom() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "word",
        "Bukele",
        "El",
        "a",
        "’s",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\n\n",
        "\t",
        ".",
        ",",
        "“",
        "”",
        "👍",
        "👍🏽",
        "👨‍👩‍👧",
        "🇸🇻",
        "🇺🇸",
        "🤝🏼",
        "e\u{301}",
        "Ábrego",
        "García",
        "中文",
        "😂",
        "\u{200d}",
        "\u{fe0f}",
        "x\u{308}\u{301}",
        "—",
        "12.5",
        "pic.twitter.com",
    ])
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(atom(), 0..60).prop_map(|v| v.concat())
}

/// Long texts, with long runs of emoji, flags (and lone regional indicators) and marks
/// between the plain words: the model looks at a short stretch around an offset, or at the
/// whole line when no sure boundary is near.
fn long_text() -> impl Strategy<Value = String> {
    let run = prop::sample::select(vec!["🇸", "🇸🇻", "👍🏽", "e\u{301}", "\u{200d}", "中"]);
    let piece = prop_oneof![
        atom().prop_map(str::to_string),
        (run, 1usize..120).prop_map(|(r, n)| r.repeat(n)),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn offsets_round_trip(t in text()) {
        props::offsets_round_trip(&t)?;
    }

    #[test]
    fn slices_agree_with_code_point_slicing(t in text(), a in 0usize..200, b in 0usize..200) {
        let idx = TextIndex::new(&t);
        let n = idx.len_cp();
        let (s, e) = (a.min(b).min(n), a.max(b).min(n));
        let expected: String = t.chars().skip(s).take(e - s).collect();
        prop_assert_eq!(idx.slice(&t, s, e), expected.as_str());
        // The same span in UTF-16 units, as the browser counts, holds the same text.
        let u: Vec<u16> = t.encode_utf16().collect();
        let (us, ue) = (idx.utf16_of_cp(&t, s), idx.utf16_of_cp(&t, e));
        prop_assert_eq!(String::from_utf16(&u[us..ue]).unwrap(), expected);
    }

    #[test]
    fn selections_never_split_a_grapheme(t in text(), a in 0usize..200, b in 0usize..200, snap: bool) {
        props::selection_holds(&t, a, b, snap)?;
    }

    #[test]
    fn chunks_and_segments_cover_the_text(t in text(), spans in prop::collection::vec((0usize..200, 1usize..40, 0usize..3), 0..12)) {
        props::highlights_cover(&t, spans)?;
    }

    #[test]
    fn undo_all_restores_and_redo_all_replays(ops in prop::collection::vec((0usize..30, 1usize..10, 0usize..3, any::<bool>()), 1..30)) {
        let doc = Document::new(&Tables, DocumentMeta::default(), "Alpha 👍🏽 beta 🇸🇻 gamma delta epsilon zeta eta.", true);
        let mut ws = Workspace::new(vec![doc]);
        let id = ws.documents()[0].id.clone();
        let start = ws.clone();
        let mut h = History::default();
        for (i, (s, len, l, remove)) in ops.into_iter().enumerate() {
            let existing = ws.annotations(&id);
            let change = if remove && !existing.is_empty() {
                Change::Remove(existing[s % existing.len()].clone())
            } else {
                Change::Add(common::ann(i, &id, l, s, s + len))
            };
            if ws.apply(&change).is_ok() {
                h.record(vec![change], None);
            }
        }
        let end = ws.clone();
        while h.can_undo() { h.undo(&mut ws).unwrap(); }
        prop_assert_eq!(&ws, &start);
        while h.can_redo() { h.redo(&mut ws).unwrap(); }
        prop_assert_eq!(&ws, &end);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A batch of changes (runs of adds and removes are applied at once) succeeds exactly when
    /// applying its changes one by one does, and leaves the same work.
    #[test]
    fn a_batch_is_its_changes_one_by_one(
        before in prop::collection::vec((0usize..8, 1usize..3, 0usize..2), 0..12),
        batch in prop::collection::vec((0usize..8, 1usize..3, 0usize..2, 0u8..40, 0usize..20), 1..12),
    ) {
        let text = "Alpha 👍🏽 beta 🇸🇻 gamma delta epsilon zeta eta theta.";
        let mut ws = Workspace::new(vec![Document::new(&Tables, DocumentMeta::default(), text, true)]);
        let id = ws.documents()[0].id.clone();
        for (i, (s, len, l)) in before.into_iter().enumerate() {
            let _ = ws.apply(&Change::Add(common::ann(1000 + i, &id, l, s, s + len)));
        }
        let existing = ws.annotations(&id);
        let changes: Vec<Change> = batch
            .into_iter()
            .enumerate()
            .map(|(i, (s, len, l, what, pick))| match what {
                // Remove one that is there (or was), or (rarely) one that never was.
                0..=9 if !existing.is_empty() => Change::Remove(existing[pick % existing.len()].clone()),
                10 => Change::Remove(common::ann(5000 + i, &id, l, s, s + len)),
                // Add a new one, often a tag already there, or (rarely) under an id taken.
                11 if !existing.is_empty() => {
                    let mut a = (*common::ann(i, &id, l, s, s + len)).clone();
                    a.id = existing[pick % existing.len()].id.clone();
                    Change::Add(std::rc::Rc::new(a))
                }
                _ => Change::Add(common::ann(i, &id, l, s, s + len)),
            })
            .collect();
        let mut one_by_one = ws.clone();
        let sequential = changes.iter().try_for_each(|c| one_by_one.apply(c));
        let mut batched = ws.clone();
        let at_once = batched.apply_all(&changes);
        prop_assert_eq!(sequential.is_ok(), at_once.is_ok(), "{:?} vs {:?}", sequential, at_once);
        if at_once.is_ok() {
            prop_assert_eq!(&batched, &one_by_one);
        } else {
            prop_assert_eq!(&batched, &ws, "a refused batch changes nothing");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Boundaries found from a stretch around each offset are the whole text's.
    #[test]
    fn boundaries_match_the_whole_texts(t in long_text()) {
        let edges = props::grapheme_edges(&t);
        for b in (0..=t.len()).filter(|&b| t.is_char_boundary(b)) {
            let at = edges.partition_point(|&e| e < b);
            let is_edge = edges.get(at) == Some(&b);
            prop_assert_eq!(is_grapheme_boundary(&Tables, &t, b), is_edge, "at byte {}", b);
            let floor = if is_edge { b } else { edges[at - 1] };
            prop_assert_eq!(grapheme_floor(&Tables, &t, b), floor, "floor at byte {}", b);
            prop_assert_eq!(grapheme_ceil(&Tables, &t, b), edges[at], "ceil at byte {}", b);
        }
    }
}

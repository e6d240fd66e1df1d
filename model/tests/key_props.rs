//! A key built from the class's work, by property:
//! - every span is in exactly one group, matches its range, and no two groups share a place;
//!   a group counts each of its annotators once;
//! - with one annotator, the key is that annotator's spans;
//! - the groups, and so the accepted ones, depend only on the spans and the threshold, not
//!   on the order the files were loaded in; a higher threshold accepts fewer;
//! - a group's range is one its members chose, the most chosen, and of those the earliest,
//!   then the longest;
//! - span matching, which looks only near each key span, finds the matches that comparing
//!   every pair finds.

use discern_model::compare::matches;
use discern_model::key::{groups, Chosen, Group, DEFAULT_THRESHOLD};
use discern_model::span::Span;
use discern_model::Label;
use proptest::prelude::*;
use std::collections::BTreeSet;

/// Spans of up to five annotators over two short documents, often on the same words.
fn class() -> impl Strategy<Value = Vec<Chosen>> {
    let one = (0..5usize, 0..2usize, 0..3usize, 0..60usize, 1..15usize).prop_map(
        |(annotator, doc, label, start, len)| Chosen {
            annotator,
            span: Span {
                doc: format!("d{doc}"),
                label: Label::ALL[label],
                start,
                end: start + len,
            },
            note: String::new(),
        },
    );
    prop::collection::vec(one, 0..60)
}

fn key(g: &[Group]) -> BTreeSet<(String, Label, usize, usize, usize)> {
    g.iter()
        .map(|g| (g.doc.clone(), g.label, g.start, g.end, g.members.len()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn every_span_is_in_exactly_one_group(chosen in class()) {
        let g = groups(&chosen);
        let mut seen = vec![0; chosen.len()];
        let places: BTreeSet<_> = g.iter().map(|g| g.place()).collect();
        prop_assert_eq!(places.len(), g.len(), "two groups at one place");
        for group in &g {
            let mut annotators = BTreeSet::new();
            for &m in &group.members {
                seen[m] += 1;
                annotators.insert(chosen[m].annotator);
                let s = &chosen[m].span;
                prop_assert_eq!(&s.doc, &group.doc);
                prop_assert_eq!(s.label, group.label);
                // It matches the group's range: overlap at least half of the union.
                let o = s.end.min(group.end).saturating_sub(s.start.max(group.start));
                prop_assert!(2 * o >= s.end.max(group.end) - s.start.min(group.start), "a member out of reach");
            }
            prop_assert_eq!(group.chosen_by, annotators.len());
            // The range is the one most members chose.
            let count = |s: usize, e: usize| {
                group.members.iter().filter(|&&m| (chosen[m].span.start, chosen[m].span.end) == (s, e)).count()
            };
            let most = group.members.iter().map(|&m| count(chosen[m].span.start, chosen[m].span.end)).max().unwrap();
            prop_assert_eq!(count(group.start, group.end), most);
            // Ties: the earliest start, then the longest.
            let best = group.members.iter()
                .map(|&m| (chosen[m].span.start, chosen[m].span.end))
                .filter(|&(s, e)| count(s, e) == most)
                .min_by_key(|&(s, e)| (s, std::cmp::Reverse(e)))
                .unwrap();
            prop_assert_eq!((group.start, group.end), best);
        }
        prop_assert!(seen.iter().all(|&n| n == 1), "{seen:?}");
    }

    #[test]
    fn with_one_annotator_the_key_is_their_spans(chosen in class()) {
        // One annotator's work, each range and label once (as the workspace keeps it).
        let mut mine: Vec<Chosen> = Vec::new();
        for mut c in chosen {
            c.annotator = 0;
            if !mine.iter().any(|m| m.span == c.span) {
                mine.push(c);
            }
        }
        let g = groups(&mine);
        prop_assert!(g.iter().all(|g| g.accepted(1, DEFAULT_THRESHOLD)));
        let built: BTreeSet<_> = g.iter().map(|g| (g.doc.clone(), g.label, g.start, g.end)).collect();
        let theirs: BTreeSet<_> = mine.iter().map(|c| (c.span.doc.clone(), c.span.label, c.span.start, c.span.end)).collect();
        prop_assert_eq!(built, theirs);
    }

    #[test]
    fn accepted_groups_depend_only_on_the_threshold(chosen in class(), seed in any::<u64>(), t in 0u32..100) {
        let mut shuffled = chosen.clone();
        // A shuffle from the seed: the files in another order.
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let (a, b) = (groups(&chosen), groups(&shuffled));
        prop_assert_eq!(key(&a), key(&b));
        let accepted = |g: &[Group], t: u32| -> BTreeSet<_> {
            key(&g.iter().filter(|g| g.accepted(5, t)).cloned().collect::<Vec<_>>())
        };
        prop_assert_eq!(accepted(&a, t), accepted(&b, t));
        prop_assert!(accepted(&a, (t + 20).min(100)).is_subset(&accepted(&a, t)));
    }

    #[test]
    fn matching_near_each_key_span_finds_what_every_pair_finds(a in class(), b in class()) {
        let key: Vec<Span> = a.into_iter().map(|c| c.span).collect();
        let other: Vec<Span> = b.into_iter().map(|c| c.span).collect();
        // Every pair, best overlap first (ties by place, as the compare rules say).
        let iou = |x: &Span, y: &Span| {
            let o = x.end.min(y.end).saturating_sub(x.start.max(y.start));
            o as f64 / (x.end.max(y.end) - x.start.min(y.start)) as f64
        };
        let mut pairs = Vec::new();
        for (k, ks) in key.iter().enumerate() {
            for (o, os) in other.iter().enumerate() {
                if ks.doc == os.doc && ks.label == os.label && iou(ks, os) >= 0.5 {
                    pairs.push((iou(ks, os), k, o));
                }
            }
        }
        pairs.sort_by(|x, y| y.0.partial_cmp(&x.0).unwrap()
            .then((key[x.1].place(), other[x.2].place()).cmp(&(key[y.1].place(), other[y.2].place())))
            .then((x.1, x.2).cmp(&(y.1, y.2))));
        let (mut uk, mut uo) = (vec![false; key.len()], vec![false; other.len()]);
        let mut expected = Vec::new();
        for (_, k, o) in pairs {
            if !uk[k] && !uo[o] {
                uk[k] = true;
                uo[o] = true;
                expected.push((k, o));
            }
        }
        expected.sort_unstable();
        prop_assert_eq!(matches(&key, &other), expected);
    }
}

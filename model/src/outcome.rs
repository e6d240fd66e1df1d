//! How each span fares against a key (`docs/FORMATS.md#outcomes`): the one rule behind an
//! assignment's practice *Check* and a teacher's feedback for each student.
//!
//! Per document, the annotator's spans and the key's are paired one to one, best overlap
//! first, in three rounds, each among the spans the rounds before left unpaired:
//!
//! 1. **hit**: the same label, overlap over union (IoU) at least 0.5 (the compare view's
//!    match);
//! 2. **wrong label**: another label, IoU at least 0.5;
//! 3. **partial**: the same label, IoU above 0 and below 0.5.
//!
//! A pair's outcome is both spans' outcome; an annotator's span left unpaired is **extra**,
//! a key span left unpaired is **missed**. Every span gets exactly one outcome.
//!
//! Within a round, pairs with the larger IoU go first (compared exactly, as fractions); among
//! equal ones, the pair whose key span comes first in the text (start, then end, then label
//! in the order claim, quote, opinion), then whose annotator's span comes first. So the outcome never depends on the order the spans are
//! listed in. Only spans that overlap are ever compared: the pairs are found by one sweep
//! over each side sorted by start, so the work grows with the spans and their overlaps, not
//! with the product of the two sides.

use crate::span::Span;
use std::cmp::Ordering;

/// What became of one span.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    Hit,
    WrongLabel,
    Partial,
    /// The annotator's span has no partner in the key.
    Extra,
    /// The key's span has no partner in the annotator's work.
    Missed,
}

impl Outcome {
    /// Every outcome, in the order counts are given.
    pub const ALL: [Outcome; 5] = [
        Outcome::Hit,
        Outcome::WrongLabel,
        Outcome::Partial,
        Outcome::Extra,
        Outcome::Missed,
    ];

    /// The outcome's name in files (CSV and the like): `hit`, `wrong label`, `partial`,
    /// `extra`, `missed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Hit => "hit",
            Outcome::WrongLabel => "wrong label",
            Outcome::Partial => "partial",
            Outcome::Extra => "extra",
            Outcome::Missed => "missed",
        }
    }
}

/// Every span's outcome: the annotator's and the key's, each in the order they were given,
/// with the index of the span on the other side it is paired with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcomes {
    pub mine: Vec<(Outcome, Option<usize>)>,
    pub key: Vec<(Outcome, Option<usize>)>,
}

impl Outcomes {
    /// How many of each outcome, in the order of [`Outcome::ALL`]; a pair counts once.
    pub fn counts(&self) -> [usize; 5] {
        let mut n = [0; 5];
        for &(o, _) in &self.mine {
            n[o as usize] += 1;
        }
        n[Outcome::Missed as usize] = self
            .key
            .iter()
            .filter(|(o, _)| *o == Outcome::Missed)
            .count();
        n
    }
}

/// One line of a list of outcomes: a pair, an extra span of the annotator's, or a missed key
/// span (indices into the lists given to [`outcomes`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub outcome: Outcome,
    pub key: Option<usize>,
    pub mine: Option<usize>,
}

impl Outcomes {
    /// Every outcome once, in the order of the text: by document, then by the places of the
    /// row's spans (start, end, label; the earlier span first), then by its outcome; a pair
    /// is one row. The order never depends on the order the spans were given in.
    pub fn rows(&self, key: &[Span], mine: &[Span]) -> Vec<Row> {
        let mut rows: Vec<Row> = self
            .mine
            .iter()
            .enumerate()
            .map(|(m, &(outcome, k))| Row {
                outcome,
                key: k,
                mine: Some(m),
            })
            .chain(
                self.key
                    .iter()
                    .enumerate()
                    .filter(|(_, (o, _))| *o == Outcome::Missed)
                    .map(|(k, &(outcome, _))| Row {
                        outcome,
                        key: Some(k),
                        mine: None,
                    }),
            )
            .collect();
        let at = |r: &Row| {
            let mut spans: Vec<&Span> = [r.key.map(|k| &key[k]), r.mine.map(|m| &mine[m])]
                .into_iter()
                .flatten()
                .collect();
            spans.sort_by_key(|s| s.place());
            let doc = spans.first().map(|s| s.doc.clone());
            (
                doc,
                spans.iter().map(|s| s.place()).collect::<Vec<_>>(),
                r.outcome,
            )
        };
        rows.sort_by_cached_key(at);
        rows
    }
}

/// The outcome of every span of `mine` against `key` (both over any number of documents;
/// spans pair only within their document).
pub fn outcomes(key: &[Span], mine: &[Span]) -> Outcomes {
    let mut candidates = overlapping(key, mine);
    let mut out = Outcomes {
        mine: vec![(Outcome::Extra, None); mine.len()],
        key: vec![(Outcome::Missed, None); key.len()],
    };
    // Best overlap first, then by place in the text: the same order in every round.
    candidates.sort_unstable_by(|a, b| {
        Ratio(b.overlap, b.union)
            .cmp(&Ratio(a.overlap, a.union))
            .then_with(|| key[a.key].place().cmp(&key[b.key].place()))
            .then_with(|| mine[a.mine].place().cmp(&mine[b.mine].place()))
            .then_with(|| (a.key, a.mine).cmp(&(b.key, b.mine)))
    });
    for round in [Outcome::Hit, Outcome::WrongLabel, Outcome::Partial] {
        for c in &candidates {
            let same = key[c.key].label == mine[c.mine].label;
            let takes = match round {
                Outcome::Hit => same && c.half(),
                Outcome::WrongLabel => !same && c.half(),
                _ => same && !c.half(),
            };
            if takes && out.key[c.key].1.is_none() && out.mine[c.mine].1.is_none() {
                out.key[c.key] = (round, Some(c.mine));
                out.mine[c.mine] = (round, Some(c.key));
            }
        }
    }
    out
}

/// A key span and an annotator's span that overlap, with the size of their overlap and union.
struct Candidate {
    key: usize,
    mine: usize,
    overlap: usize,
    union: usize,
}

impl Candidate {
    /// Whether the IoU is at least 0.5.
    fn half(&self) -> bool {
        2 * self.overlap >= self.union
    }
}

/// A fraction, compared exactly (so 1/2 equals 2/4).
struct Ratio(usize, usize);

impl PartialEq for Ratio {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}

impl Eq for Ratio {}

impl Ord for Ratio {
    fn cmp(&self, o: &Self) -> Ordering {
        (self.0 as u128 * o.1 as u128).cmp(&(o.0 as u128 * self.1 as u128))
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// Every pair of a key span and an annotator's span of the same document that share at
/// least one code point: a sweep over both sides in order of start.
fn overlapping(key: &[Span], mine: &[Span]) -> Vec<Candidate> {
    let sides = [key, mine];
    let mut order: Vec<(usize, usize)> = (0..2)
        .flat_map(|side| (0..sides[side].len()).map(move |i| (side, i)))
        .filter(|&(side, i)| sides[side][i].start < sides[side][i].end)
        .collect();
    order.sort_unstable_by(|&(sa, a), &(sb, b)| {
        let (x, y) = (&sides[sa][a], &sides[sb][b]);
        (x.doc.as_str(), x.start, sa, a).cmp(&(y.doc.as_str(), y.start, sb, b))
    });
    let mut active: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    let mut doc: Option<&str> = None;
    let mut out = Vec::new();
    for (side, i) in order {
        let s = &sides[side][i];
        if doc != Some(s.doc.as_str()) {
            doc = Some(s.doc.as_str());
            active = [Vec::new(), Vec::new()];
        }
        let other = 1 - side;
        // A span of the other side that started at or before this one overlaps it exactly
        // when it ends after this one starts.
        active[other].retain(|&j| sides[other][j].end > s.start);
        for &j in &active[other] {
            let t = &sides[other][j];
            let (k, m) = if side == 0 { (s, t) } else { (t, s) };
            let (ki, mi) = if side == 0 { (i, j) } else { (j, i) };
            out.push(Candidate {
                key: ki,
                mine: mi,
                overlap: k.end.min(m.end) - k.start.max(m.start),
                union: k.end.max(m.end) - k.start.min(m.start),
            });
        }
        active[side].push(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Outcome::*;
    use super::*;
    use crate::Label;

    fn span(doc: &str, label: Label, start: usize, end: usize) -> Span {
        Span {
            doc: doc.into(),
            label,
            start,
            end,
        }
    }
    const C: Label = Label::Claim;
    const Q: Label = Label::Quote;
    const O: Label = Label::Opinion;

    #[test]
    fn the_three_rounds_and_what_is_left() {
        let key = [
            span("d", C, 0, 10),  // hit by mine[0]
            span("d", Q, 20, 30), // wrong label: mine[1] is an opinion over it
            span("d", O, 40, 60), // partial: mine[2] covers 5 of its 20
            span("d", C, 80, 90), // missed
        ];
        let mine = [
            span("d", C, 0, 9),
            span("d", O, 20, 30),
            span("d", O, 40, 45),
            span("d", Q, 100, 110), // extra
        ];
        let r = outcomes(&key, &mine);
        assert_eq!(
            r.key,
            vec![
                (Hit, Some(0)),
                (WrongLabel, Some(1)),
                (Partial, Some(2)),
                (Missed, None)
            ]
        );
        assert_eq!(
            r.mine,
            vec![
                (Hit, Some(0)),
                (WrongLabel, Some(1)),
                (Partial, Some(2)),
                (Extra, None)
            ]
        );
        assert_eq!(r.counts(), [1, 1, 1, 1, 1]);
    }

    #[test]
    fn rows_list_each_outcome_once_in_the_order_of_the_text() {
        let key = [
            span("d", C, 50, 60),
            span("d", Q, 0, 10),
            span("d", O, 80, 90),
        ];
        let mine = [
            span("d", C, 52, 60),
            span("d", O, 20, 30),
            span("d", Q, 1, 10),
        ];
        let r = outcomes(&key, &mine);
        let rows = r.rows(&key, &mine);
        assert_eq!(
            rows,
            [
                Row {
                    outcome: Hit,
                    key: Some(1),
                    mine: Some(2)
                },
                Row {
                    outcome: Extra,
                    key: None,
                    mine: Some(1)
                },
                Row {
                    outcome: Hit,
                    key: Some(0),
                    mine: Some(0)
                },
                Row {
                    outcome: Missed,
                    key: Some(2),
                    mine: None
                },
            ]
        );
        assert_eq!(rows.len(), r.counts().iter().sum::<usize>());
    }

    #[test]
    fn an_empty_key_makes_every_span_extra_and_an_empty_file_misses_every_key_span() {
        let spans = [span("d", C, 0, 4), span("d", Q, 2, 8)];
        let r = outcomes(&[], &spans);
        assert_eq!(r.mine, vec![(Extra, None); 2]);
        assert_eq!(r.counts(), [0, 0, 0, 2, 0]);
        let r = outcomes(&spans, &[]);
        assert_eq!(r.key, vec![(Missed, None); 2]);
        assert_eq!(r.counts(), [0, 0, 0, 0, 2]);
        assert_eq!(outcomes(&[], &[]).counts(), [0; 5]);
    }

    #[test]
    fn a_hit_comes_before_a_wrong_label_even_with_less_overlap() {
        // mine[0] overlaps key[0] (another label) exactly and key[1] (its label) at 0.5.
        let key = [span("d", Q, 0, 10), span("d", C, 0, 20)];
        let mine = [span("d", C, 0, 10)];
        let r = outcomes(&key, &mine);
        assert_eq!(r.mine, vec![(Hit, Some(1))]);
        assert_eq!(r.key, vec![(Missed, None), (Hit, Some(0))]);
    }

    #[test]
    fn a_span_that_could_pair_two_ways_takes_the_better_overlap_then_the_earlier_key_span() {
        // Better overlap wins: 8/10 against 6/12.
        let key = [span("d", C, 0, 10), span("d", C, 4, 14)];
        let mine = [span("d", C, 2, 10)];
        assert_eq!(outcomes(&key, &mine).mine, vec![(Hit, Some(0))]);
        // A tie (7/13 each): the key span earlier in the text, whatever the order given.
        let key = [span("d", C, 6, 16), span("d", C, 0, 10)];
        let mine = [span("d", C, 3, 13)];
        let r = outcomes(&key, &mine);
        assert_eq!(r.mine, vec![(Hit, Some(1))]);
        assert_eq!(r.key[0], (Missed, None));
    }

    #[test]
    fn ties_of_two_annotator_spans_go_to_the_one_earlier_in_the_text() {
        let key = [span("d", C, 10, 20)];
        let mine = [span("d", C, 12, 20), span("d", C, 10, 18)];
        let r = outcomes(&key, &mine);
        assert_eq!(r.mine, vec![(Extra, None), (Hit, Some(0))]);
    }

    #[test]
    fn a_wrong_label_beside_a_partial() {
        // key[0] is a claim; mine[0] a quote over nearly all of it (wrong label); mine[1] a
        // claim over a fifth of it, which is left the partial of key[1].
        let key = [span("d", C, 0, 10), span("d", C, 8, 30)];
        let mine = [span("d", Q, 0, 9), span("d", C, 8, 10)];
        let r = outcomes(&key, &mine);
        assert_eq!(r.key, vec![(WrongLabel, Some(0)), (Partial, Some(1))]);
        assert_eq!(r.counts(), [0, 1, 1, 0, 0]);
    }

    #[test]
    fn exactly_half_is_a_hit_and_just_under_is_partial() {
        let key = [span("d", C, 0, 10)];
        assert_eq!(outcomes(&key, &[span("d", C, 0, 5)]).mine[0].0, Hit);
        assert_eq!(outcomes(&key, &[span("d", C, 0, 4)]).mine[0].0, Partial);
        assert_eq!(outcomes(&key, &[span("d", O, 0, 5)]).mine[0].0, WrongLabel);
        // Another label under half: nothing pairs.
        assert_eq!(outcomes(&key, &[span("d", O, 0, 4)]).mine[0].0, Extra);
        // Touching is not overlapping.
        assert_eq!(outcomes(&key, &[span("d", C, 10, 14)]).mine[0].0, Extra);
    }

    #[test]
    fn spans_pair_only_within_their_document() {
        let key = [span("a", C, 0, 10)];
        let mine = [span("b", C, 0, 10)];
        let r = outcomes(&key, &mine);
        assert_eq!(r.counts(), [0, 0, 0, 1, 1]);
    }

    #[test]
    fn a_chain_of_overlaps_pairs_each_span_once() {
        // Each of mine overlaps two key spans; best overlaps first leave no span twice.
        let key = [
            span("d", C, 0, 10),
            span("d", C, 8, 18),
            span("d", C, 16, 26),
        ];
        let mine = [
            span("d", C, 1, 10),
            span("d", C, 9, 18),
            span("d", C, 17, 26),
        ];
        let r = outcomes(&key, &mine);
        assert_eq!(r.mine, vec![(Hit, Some(0)), (Hit, Some(1)), (Hit, Some(2))]);
    }
}

//! A key built from the class's own work (`docs/FORMATS.md#building-a-key`): the spans of
//! several annotators, grouped where they agree, each group with the range most of them
//! chose and how many chose it; a teacher then accepts, rejects or relabels the groups the
//! class did not settle.
//!
//! Spans of one document and label form a group when they match the group's range (IoU at
//! least 0.5, as in the compare view), at most one span of each annotator per group. The
//! spans are taken in the order of the text (start, then the longer first, then the
//! annotator): each joins the open group whose range it overlaps best among those it matches
//! and that have no span of its annotator yet (ties: the group that began first), or begins
//! a group of its own. A group's range is the exact range most of its members chose (ties:
//! the earliest start, then the longest). So every span is in exactly one group, and the
//! groups never depend on the order the files were loaded in. The work grows with the spans
//! and the groups each one overlaps, not with the product of annotators and spans.

use super::annotation::Label;
use super::compare::Span;
use std::collections::BTreeMap;

/// One annotator's span, with the note they gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chosen {
    /// Which annotator (an index into the caller's list).
    pub annotator: usize,
    pub span: Span,
    pub note: String,
}

/// Spans of several annotators that agree: the range most chose, and who chose what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub doc: String,
    pub label: Label,
    pub start: usize,
    pub end: usize,
    /// The members, as indices into the list given to [`groups`], in the order they joined.
    pub members: Vec<usize>,
}

impl Group {
    /// Whether more than `threshold` (a share, 0 to 1) of `annotators` chose the group: with
    /// the default of one half, more than half of them.
    pub fn accepted(&self, annotators: usize, threshold: f64) -> bool {
        annotators > 0 && self.members.len() as f64 > threshold * annotators as f64
    }

    /// The group as a span of the key.
    pub fn span(&self) -> Span {
        Span {
            doc: self.doc.clone(),
            label: self.label,
            start: self.start,
            end: self.end,
        }
    }
}

/// The share of annotators a group needs by default: more than half.
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// Overlap over union of two ranges, as a fraction (overlap, union).
fn iou(a: (usize, usize), b: (usize, usize)) -> (usize, usize) {
    let overlap = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let union = a.1.max(b.1) - a.0.min(b.0);
    (overlap, union)
}

/// The groups of `chosen`, in the order of the text (document, start, end, label).
pub fn groups(chosen: &[Chosen]) -> Vec<Group> {
    let mut order: Vec<usize> = (0..chosen.len())
        .filter(|&i| chosen[i].span.start < chosen[i].span.end)
        .collect();
    order.sort_unstable_by_key(|&i| {
        let c = &chosen[i];
        (
            c.span.doc.as_str(),
            c.span.label,
            c.span.start,
            std::cmp::Reverse(c.span.end),
            c.annotator,
            i,
        )
    });
    let mut out: Vec<Group> = Vec::new();
    // The groups of the current document and label that a later span may still reach.
    let mut open: Vec<usize> = Vec::new();
    let mut at: Option<(&str, Label)> = None;
    for i in order {
        let c = &chosen[i];
        let here = (c.span.doc.as_str(), c.span.label);
        if at != Some(here) {
            at = Some(here);
            open.clear();
        }
        let range = (c.span.start, c.span.end);
        // Spans come by start, so a group whose range ends before this one starts is out of
        // reach of every later span too (a range only changes when a member joins, and a
        // member overlaps it).
        open.retain(|&g| out[g].end > c.span.start);
        let best = open
            .iter()
            .copied()
            .filter(|&g| {
                let (o, u) = iou((out[g].start, out[g].end), range);
                2 * o >= u
                    && !out[g]
                        .members
                        .iter()
                        .any(|&m| chosen[m].annotator == c.annotator)
            })
            .max_by(|&a, &b| {
                let (oa, ua) = iou((out[a].start, out[a].end), range);
                let (ob, ub) = iou((out[b].start, out[b].end), range);
                // The better overlap (compared exactly), then the group that began first.
                (oa as u128 * ub as u128)
                    .cmp(&(ob as u128 * ua as u128))
                    .then(b.cmp(&a))
            });
        match best {
            Some(g) => {
                out[g].members.push(i);
                let (start, end) = mode_range(chosen, &out[g].members);
                out[g].start = start;
                out[g].end = end;
            }
            None => {
                open.push(out.len());
                out.push(Group {
                    doc: c.span.doc.clone(),
                    label: c.span.label,
                    start: c.span.start,
                    end: c.span.end,
                    members: vec![i],
                });
            }
        }
    }
    out.sort_by(|a, b| {
        (a.doc.as_str(), a.start, a.end, a.label).cmp(&(b.doc.as_str(), b.start, b.end, b.label))
    });
    out
}

/// The exact range most of `members` chose: ties go to the earliest start, then the longest.
fn mode_range(chosen: &[Chosen], members: &[usize]) -> (usize, usize) {
    let mut counts: BTreeMap<(usize, std::cmp::Reverse<usize>), usize> = BTreeMap::new();
    for &m in members {
        let s = &chosen[m].span;
        *counts
            .entry((s.start, std::cmp::Reverse(s.end)))
            .or_default() += 1;
    }
    // The map is in the order of the ties (earliest start, then longest); the first of the
    // most chosen wins.
    let most = counts.values().copied().max().unwrap_or(0);
    counts
        .into_iter()
        .find(|&(_, n)| n == most)
        .map_or((0, 0), |((start, end), _)| (start, end.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Label::*;

    fn c(annotator: usize, label: Label, start: usize, end: usize) -> Chosen {
        Chosen {
            annotator,
            span: Span {
                doc: "d".into(),
                label,
                start,
                end,
            },
            note: String::new(),
        }
    }

    fn ranges(g: &[Group]) -> Vec<(Label, usize, usize, usize)> {
        g.iter()
            .map(|g| (g.label, g.start, g.end, g.members.len()))
            .collect()
    }

    #[test]
    fn agreeing_spans_form_one_group_with_the_range_most_chose() {
        // Three annotators tag about the same words; two chose exactly 10..20.
        let chosen = [
            c(0, Claim, 10, 20),
            c(1, Claim, 10, 20),
            c(2, Claim, 11, 20),
        ];
        let g = groups(&chosen);
        assert_eq!(ranges(&g), [(Claim, 10, 20, 3)]);
        assert!(g[0].accepted(3, DEFAULT_THRESHOLD));
    }

    #[test]
    fn range_ties_go_to_the_earliest_start_then_the_longest() {
        let g = groups(&[c(0, Claim, 12, 20), c(1, Claim, 10, 20)]);
        assert_eq!(ranges(&g), [(Claim, 10, 20, 2)]);
        let g = groups(&[c(0, Claim, 10, 18), c(1, Claim, 10, 20)]);
        assert_eq!(ranges(&g), [(Claim, 10, 20, 2)]);
    }

    #[test]
    fn an_annotator_with_two_spans_in_reach_gives_the_group_one_and_starts_another() {
        // Annotator 0 has two spans that both match the group; the second begins its own.
        let chosen = [c(0, Claim, 0, 10), c(0, Claim, 1, 10), c(1, Claim, 0, 10)];
        let g = groups(&chosen);
        assert_eq!(ranges(&g), [(Claim, 0, 10, 2), (Claim, 1, 10, 1)]);
    }

    #[test]
    fn labels_and_documents_never_mix() {
        let mut other = c(1, Claim, 0, 10);
        other.span.doc = "e".into();
        let g = groups(&[c(0, Claim, 0, 10), c(1, Quote, 0, 10), other]);
        assert_eq!(g.len(), 3);
        assert!(g.iter().all(|g| g.members.len() == 1));
    }

    #[test]
    fn a_chain_of_overlaps_does_not_pull_far_spans_together() {
        // 0..10, 5..15, 10..20: each overlaps the next by a third, less than IoU 0.5.
        let g = groups(&[c(0, Claim, 0, 10), c(1, Claim, 5, 15), c(2, Claim, 10, 20)]);
        assert_eq!(
            ranges(&g),
            [(Claim, 0, 10, 1), (Claim, 5, 15, 1), (Claim, 10, 20, 1)]
        );
    }

    #[test]
    fn a_span_joins_the_group_it_overlaps_best() {
        // Annotator 0's 0..10 and 2..14 are two groups (one span of each annotator a group);
        // annotator 1's 3..12 matches both, 0..10 by 7/12 and 2..14 by 9/12, and joins the
        // second.
        let chosen = [c(0, Claim, 0, 10), c(0, Claim, 2, 14), c(1, Claim, 3, 12)];
        let g = groups(&chosen);
        assert_eq!(ranges(&g), [(Claim, 0, 10, 1), (Claim, 2, 14, 2)]);
    }

    #[test]
    fn the_threshold_edges() {
        let g = &groups(&[c(0, Claim, 0, 10), c(1, Claim, 0, 10)])[0];
        // Two of four is not more than half; two of three is.
        assert!(!g.accepted(4, DEFAULT_THRESHOLD));
        assert!(g.accepted(3, DEFAULT_THRESHOLD));
        // With a threshold of a quarter, two of four is enough; with none, one is.
        assert!(g.accepted(4, 0.25));
        assert!(!g.accepted(0, 0.0));
    }

    #[test]
    fn the_order_of_the_files_does_not_matter() {
        let a = [
            c(0, Claim, 0, 10),
            c(1, Claim, 1, 10),
            c(2, Opinion, 30, 40),
            c(1, Claim, 0, 9),
        ];
        let mut b = a.to_vec();
        b.reverse();
        let spans = |g: Vec<Group>| {
            g.iter()
                .map(|g| (g.span(), g.members.len()))
                .collect::<Vec<_>>()
        };
        assert_eq!(spans(groups(&a)), spans(groups(&b)));
    }
}

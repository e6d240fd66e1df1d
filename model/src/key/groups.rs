//! The groups a class's spans form where annotators agree, each with its most chosen range
//! (`docs/FORMATS.md#building-a-key`).

use crate::annotation::Label;
use crate::span::Span;

/// A group's document, label, start and end.
pub type Place = (String, Label, usize, usize);

/// One annotator's span, with the note they gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chosen {
    /// Which annotator: a number, the same for all of one annotator's spans; ties between
    /// equal spans go by it.
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
    /// The members, as indices into the list given to [`groups`], in the order of the text.
    pub members: Vec<usize>,
    /// How many annotators chose the group (each once, though one may have two spans in it
    /// when two groups came to the same place and are one).
    pub chosen_by: usize,
}

impl Group {
    /// Whether more than `percent` per cent of `annotators` chose the group: with the
    /// default of 50, more than half of them. (Counted exactly, in whole numbers.)
    pub fn accepted(&self, annotators: usize, percent: u32) -> bool {
        annotators > 0 && self.chosen_by * 100 > percent as usize * annotators
    }

    /// Where the group is: its document, label and range. A teacher's decision is kept by
    /// it, so that it holds while files come and go.
    pub fn place(&self) -> Place {
        (self.doc.clone(), self.label, self.start, self.end)
    }
}

/// The share of annotators a group needs by default, in per cent: more than half.
pub const DEFAULT_THRESHOLD: u32 = 50;

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
    // Per group, how many members chose each exact range, and the most chosen (counts only
    // grow, so the most chosen is kept as they do).
    let mut ranges: Vec<Vec<(RangeOrder, usize)>> = Vec::new();
    // The groups of the current document and label that a later span may still reach.
    let mut open: Vec<usize> = Vec::new();
    let mut at: Option<(&str, Label)> = None;
    for &i in &order {
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
                let this = (c.span.start, std::cmp::Reverse(c.span.end));
                let counts = &mut ranges[g];
                let n = match counts.iter_mut().find(|(r, _)| *r == this) {
                    Some((_, n)) => {
                        *n += 1;
                        *n
                    }
                    None => {
                        counts.push((this, 1));
                        1
                    }
                };
                // The most chosen range; ties go to the earliest start, then the longest.
                let best = (out[g].start, std::cmp::Reverse(out[g].end));
                let best_n = counts.iter().find(|(r, _)| *r == best).map_or(0, |x| x.1);
                if n > best_n || (n == best_n && this < best) {
                    out[g].start = this.0;
                    out[g].end = this.1 .0;
                }
            }
            None => {
                ranges.push(vec![((c.span.start, std::cmp::Reverse(c.span.end)), 1)]);
                open.push(out.len());
                out.push(alone(chosen, i));
            }
        }
    }
    // Settling: a member that no longer matches its group's range (the range moved as others
    // joined) leaves it, the worst first (ties: the later in the text), and the range is
    // counted again; each span that left is a group of its own. A group never empties: the
    // member whose range it is matches it.
    let mut left = Vec::new();
    for g in &mut out {
        loop {
            let worst = g
                .members
                .iter()
                .enumerate()
                .map(|(k, &m)| {
                    (
                        k,
                        iou((g.start, g.end), (chosen[m].span.start, chosen[m].span.end)),
                    )
                })
                .filter(|&(_, (o, u))| 2 * o < u)
                .min_by(|a, b| {
                    let ((oa, ua), (ob, ub)) = (a.1, b.1);
                    (oa as u128 * ub as u128)
                        .cmp(&(ob as u128 * ua as u128))
                        .then(b.0.cmp(&a.0))
                });
            let Some((k, _)) = worst else {
                break;
            };
            left.push(g.members.remove(k));
            (g.start, g.end) = most_chosen(chosen, &g.members);
        }
    }
    out.extend(left.into_iter().map(|m| alone(chosen, m)));
    // Groups that came to the same place are one: their key span would be the same.
    let place = |g: &Group| (g.doc.clone(), g.start, g.end, g.label);
    out.sort_by(|a, b| {
        (a.doc.as_str(), a.start, a.end, a.label).cmp(&(b.doc.as_str(), b.start, b.end, b.label))
    });
    let mut merged: Vec<Group> = Vec::with_capacity(out.len());
    for g in out {
        match merged.last_mut() {
            Some(last) if place(last) == place(&g) => last.members.extend(g.members),
            _ => merged.push(g),
        }
    }
    let mut rank = vec![0; chosen.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    for g in &mut merged {
        g.members.sort_unstable_by_key(|&m| rank[m]);
        let mut who: Vec<usize> = g.members.iter().map(|&m| chosen[m].annotator).collect();
        who.sort_unstable();
        who.dedup();
        g.chosen_by = who.len();
    }
    merged
}

/// A group of span `i` alone.
fn alone(chosen: &[Chosen], i: usize) -> Group {
    let s = &chosen[i].span;
    Group {
        doc: s.doc.clone(),
        label: s.label,
        start: s.start,
        end: s.end,
        members: vec![i],
        chosen_by: 1,
    }
}

/// The exact range most of `members` chose; ties go to the earliest start, then the longest.
fn most_chosen(chosen: &[Chosen], members: &[usize]) -> (usize, usize) {
    let mut counts: Vec<(RangeOrder, usize)> = Vec::new();
    for &m in members {
        let r = (chosen[m].span.start, std::cmp::Reverse(chosen[m].span.end));
        match counts.iter_mut().find(|(x, _)| *x == r) {
            Some((_, n)) => *n += 1,
            None => counts.push((r, 1)),
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map_or((0, 0), |((start, end), _)| (start, end.0))
}

/// A range in the order of the ties: the earliest start, then the longest.
type RangeOrder = (usize, std::cmp::Reverse<usize>);

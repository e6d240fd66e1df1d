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

use crate::annotation::Label;
use crate::compare::{CompareSet, BUILT_KEY};
use crate::formats::native::{Exported, ExportedDocument, NativeFile, FORMAT};
use crate::span::Span;
use crate::{Annotation, Document, Workspace};
use std::rc::Rc;

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

impl Decision {
    /// The decision as one word: `accept`, `reject`, or the label it gives. It is how the
    /// compare set's storage and the key building's buttons name it.
    pub fn code(self) -> &'static str {
        match self {
            Decision::Accept => "accept",
            Decision::Reject => "reject",
            Decision::Relabel(l) => l.as_str(),
        }
    }

    /// The decision a [`Decision::code`] names, if it names one.
    pub fn from_code(code: &str) -> Option<Decision> {
        match code {
            "accept" => Some(Decision::Accept),
            "reject" => Some(Decision::Reject),
            l => Label::parse(l).map(Decision::Relabel),
        }
    }
}

/// A group's document, label, start and end.
pub type Place = (String, Label, usize, usize);

/// What the teacher decided for a group, over what the threshold says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// In the key, whoever chose it.
    Accept,
    /// Not in the key.
    Reject,
    /// In the key, with this label instead of the group's.
    Relabel(Label),
}

/// The part of a [`KeyDraft`] that Undo and Redo go back and forth over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settled {
    /// The share of annotators a group needs, in per cent (see [`Group::accepted`]).
    pub threshold: u32,
    /// The teacher's decisions, by the group's place, in the order of places.
    pub decisions: Vec<(Place, Decision)>,
}

impl Default for Settled {
    fn default() -> Self {
        Settled {
            threshold: DEFAULT_THRESHOLD,
            decisions: Vec::new(),
        }
    }
}

/// A key being built from the files of a compare set (`docs/FORMATS.md#building-a-key`):
/// the threshold and the teacher's decisions, with their own Undo and Redo. The groups are
/// never stored: they follow from the files, so a decision is kept by its group's place and
/// holds while files are added or removed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyDraft {
    /// Whether the key building is shown.
    pub open: bool,
    /// The file (by annotator name) that was the key when the building was opened: it stays
    /// out of what the key is built from, also once a built key is used in its place.
    pub without: Option<String>,
    pub settled: Settled,
    undo: Vec<Settled>,
    redo: Vec<Settled>,
}

/// The name a built key goes by, in the compare set and in its file.
pub const KEY_NAME: &str = "Key";

impl KeyDraft {
    /// Where group `g`'s decision is, or would go.
    fn find(&self, g: &Group) -> Result<usize, usize> {
        let place = (g.doc.as_str(), g.label, g.start, g.end);
        self.settled
            .decisions
            .binary_search_by(|(p, _)| (p.0.as_str(), p.1, p.2, p.3).cmp(&place))
    }

    /// The decision on group `g`, if the teacher made one.
    pub fn decision(&self, g: &Group) -> Option<Decision> {
        self.find(g).ok().map(|i| self.settled.decisions[i].1)
    }

    /// The label group `g` has in the key, if it is in it: the teacher's decision, else the
    /// threshold over `annotators`.
    pub fn in_key(&self, g: &Group, annotators: usize) -> Option<Label> {
        match self.decision(g) {
            Some(Decision::Accept) => Some(g.label),
            Some(Decision::Relabel(l)) => Some(l),
            Some(Decision::Reject) => None,
            None => g
                .accepted(annotators, self.settled.threshold)
                .then_some(g.label),
        }
    }

    /// Changes what is settled, as one step that Undo takes back.
    fn step(&mut self, change: impl FnOnce(&mut Settled)) {
        let before = self.settled.clone();
        change(&mut self.settled);
        if self.settled != before {
            self.undo.push(before);
            self.redo.clear();
        }
    }

    /// Decides group `g` (or takes the decision back, with `None`).
    pub fn decide(&mut self, g: &Group, d: Option<Decision>) {
        let at = self.find(g);
        self.step(|s| match (at, d) {
            (Ok(i), Some(d)) => s.decisions[i].1 = d,
            (Ok(i), None) => {
                s.decisions.remove(i);
            }
            (Err(i), Some(d)) => s.decisions.insert(i, (g.place(), d)),
            (Err(_), None) => {}
        });
    }

    /// Sets the threshold (per cent, at most 100).
    pub fn set_threshold(&mut self, percent: u32) {
        self.step(|s| s.threshold = percent.min(100));
    }

    /// Forgets every decision and the threshold, as one step.
    pub fn start_over(&mut self) {
        self.step(|s| *s = Settled::default());
    }

    /// Whether there is nothing to keep: hidden, with the default threshold and no decision
    /// (the undo history is not kept).
    pub fn is_empty(&self) -> bool {
        !self.open && self.without.is_none() && self.settled == Settled::default()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Takes the last step back (`undo`), or does again the one last taken back; false when
    /// there is none.
    pub fn step_back(&mut self, undo: bool) -> bool {
        let (from, to) = match undo {
            true => (&mut self.undo, &mut self.redo),
            false => (&mut self.redo, &mut self.undo),
        };
        let Some(settled) = from.pop() else {
            return false;
        };
        to.push(std::mem::replace(&mut self.settled, settled));
        true
    }
}

/// What a key is built from: the spans of every file of `set` but its key, a key built in
/// Discern and the file named `without`, with their notes; and those files, by place in
/// the set. Annotators are
/// numbered in the order of their names (unique in a set), so that no tie between equal
/// spans, and so no group, depends on the order the files were loaded in.
pub fn chosen(set: &CompareSet, without: Option<&str>) -> (Vec<Chosen>, Vec<usize>) {
    let mut files: Vec<usize> = (0..set.files.len())
        .filter(|&i| {
            let f = &set.files[i];
            Some(i) != set.key && f.file != BUILT_KEY && Some(f.submission.name.as_str()) != without
        })
        .collect();
    files.sort_by(|&a, &b| {
        set.files[a]
            .submission
            .name
            .cmp(&set.files[b].submission.name)
    });
    let mut out = Vec::new();
    for (annotator, &i) in files.iter().enumerate() {
        let f = &set.files[i];
        for (span, note) in f.submission.spans.iter().zip(&f.notes) {
            out.push(Chosen {
                annotator,
                span: span.clone(),
                note: note.clone(),
            });
        }
    }
    (out, files)
}

/// The built key's spans, in text order, each with its note: the distinct notes of the
/// group's members, one a line, in the order of the text. A range and label the key would
/// have twice (a group relabelled onto another's place) is there once, with the notes of
/// both.
pub fn key_spans(
    draft: &KeyDraft,
    groups: &[Group],
    chosen: &[Chosen],
    annotators: usize,
) -> Vec<(Span, String)> {
    let mut out: Vec<(Span, Vec<&str>)> = Vec::new();
    for g in groups {
        let Some(label) = draft.in_key(g, annotators) else {
            continue;
        };
        let notes = g.members.iter().map(|&m| chosen[m].note.trim());
        let span = Span {
            doc: g.doc.clone(),
            label,
            start: g.start,
            end: g.end,
        };
        out.push((span, notes.filter(|n| !n.is_empty()).collect()));
    }
    out.sort_by(|a, b| (a.0.doc.as_str(), a.0.place()).cmp(&(b.0.doc.as_str(), b.0.place())));
    let mut merged: Vec<(Span, Vec<&str>)> = Vec::with_capacity(out.len());
    for (span, notes) in out {
        match merged.last_mut() {
            Some(last) if last.0 == span => last.1.extend(notes),
            _ => merged.push((span, notes)),
        }
    }
    merged
        .into_iter()
        .map(|(span, notes)| {
            let mut once: Vec<&str> = Vec::new();
            for n in notes {
                if !once.contains(&n) {
                    once.push(n);
                }
            }
            (span, once.join("\n"))
        })
        .collect()
}

/// The built key as a native file (`docs/FORMATS.md#native-format`) of `annotations`, whose
/// documents are taken from `ws`, by `annotator`, written at `now`.
pub fn key_file(
    ws: &Workspace,
    annotations: &[Annotation],
    annotator: &str,
    now: &str,
) -> NativeFile {
    let mut docs: Vec<&str> = annotations.iter().map(|a| a.document.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    let docs: Vec<&Rc<Document>> = docs.into_iter().filter_map(|id| ws.document(id)).collect();
    NativeFile {
        format: FORMAT.to_string(),
        version: 1,
        exported_at: now.to_string(),
        annotator: annotator.to_string(),
        assignment: None,
        documents: docs
            .iter()
            .map(|d| ExportedDocument::of(d, true, false))
            .collect(),
        annotations: annotations
            .iter()
            .filter_map(|a| Some(Exported::of(ws.document(&a.document)?, a)))
            .collect(),
    }
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

    /// A claim `start..end` of document `d` as a loaded file holds it, with no note.
    fn loaded(start: usize, end: usize) -> (Span, String) {
        let span = Span {
            doc: "d".into(),
            label: Claim,
            start,
            end,
        };
        (span, String::new())
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
        assert!(g.accepted(4, 25));
        assert!(g.accepted(4, 49));
        assert!(!g.accepted(4, 50));
        assert!(!g.accepted(0, 0));
        // Counted exactly: 57 of 100 is not more than 57 per cent (57.0 as 0.57 × 100 in
        // floating point would be 56.99…).
        let many = Group {
            members: (0..57).collect(),
            chosen_by: 57,
            ..g.clone()
        };
        assert!(!many.accepted(100, 57));
        assert!(many.accepted(100, 56));
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
                .map(|g| (g.place(), g.members.len()))
                .collect::<Vec<_>>()
        };
        assert_eq!(spans(groups(&a)), spans(groups(&b)));
    }

    #[test]
    fn a_decision_and_its_word_name_each_other() {
        for d in [Decision::Accept, Decision::Reject]
            .into_iter()
            .chain(Label::ALL.map(Decision::Relabel))
        {
            assert_eq!(Decision::from_code(d.code()), Some(d));
        }
        assert_eq!(Decision::from_code("maybe"), None);
    }

    #[test]
    fn groups_that_come_to_one_place_are_one_and_count_each_annotator_once() {
        // C tagged 20..50 and 30..50; A and B 30..50. C's 20..50 begins the group, A and B
        // move its range to 30..50, and C's 30..50 (C is in already) would begin another
        // group at the same place: it is the same group, chosen by three.
        let chosen = [
            c(0, Claim, 30, 50),
            c(1, Claim, 30, 50),
            c(2, Claim, 20, 50),
            c(2, Claim, 30, 50),
        ];
        let g = groups(&chosen);
        assert_eq!(ranges(&g), [(Claim, 30, 50, 4)]);
        assert_eq!(g[0].chosen_by, 3);
        // One decision is on that one group.
        let mut d = KeyDraft::default();
        d.decide(&g[0], Some(Decision::Reject));
        assert!(key_spans(&d, &g, &chosen, 3).is_empty());
    }

    #[test]
    fn a_member_the_range_moved_away_from_leaves_the_group() {
        // A 0..40 and B 0..20 begin a group at 0..40; C and D at 20..40 make its range
        // 20..40, which B's 0..20 does not overlap at all: B's span is a group of its own.
        let chosen = [
            c(0, Claim, 0, 40),
            c(1, Claim, 0, 20),
            c(2, Claim, 20, 40),
            c(3, Claim, 20, 40),
        ];
        let g = groups(&chosen);
        assert_eq!(ranges(&g), [(Claim, 0, 20, 1), (Claim, 20, 40, 3)]);
        assert_eq!(g[1].chosen_by, 3);
    }

    #[test]
    fn a_relabel_onto_another_groups_place_keeps_both_groups_notes() {
        let mut chosen = [c(0, Quote, 0, 10), c(1, Quote, 0, 10), c(2, Claim, 0, 10)];
        chosen[0].note = "her words".into();
        chosen[2].note = "a fact".into();
        let g = groups(&chosen);
        let mut d = KeyDraft::default();
        let claim = g.iter().find(|g| g.label == Claim).unwrap();
        d.decide(claim, Some(Decision::Relabel(Quote)));
        let key = key_spans(&d, &g, &chosen, 3);
        assert_eq!(key.len(), 1);
        assert_eq!(
            (key[0].0.label, key[0].1.as_str()),
            (Quote, "a fact\nher words")
        );
    }

    #[test]
    fn decisions_go_over_the_threshold_and_undo_takes_them_back() {
        // Three annotators: 0..10 chosen by all three, 20..30 by one, 40..50 by two.
        let chosen = [
            c(0, Claim, 0, 10),
            c(1, Claim, 0, 10),
            c(2, Claim, 0, 10),
            c(0, Quote, 20, 30),
            c(1, Opinion, 40, 50),
            c(2, Opinion, 40, 50),
        ];
        let g = groups(&chosen);
        let mut d = KeyDraft::default();
        let key = |d: &KeyDraft| {
            key_spans(d, &g, &chosen, 3)
                .into_iter()
                .map(|(s, _)| (s.label, s.start))
                .collect::<Vec<_>>()
        };
        assert_eq!(key(&d), [(Claim, 0), (Opinion, 40)]);
        // Accept the lone quote, reject the opinion, relabel the claim.
        d.decide(&g[1], Some(Decision::Accept));
        d.decide(&g[2], Some(Decision::Reject));
        d.decide(&g[0], Some(Decision::Relabel(Opinion)));
        assert_eq!(key(&d), [(Opinion, 0), (Quote, 20)]);
        assert_eq!(d.decision(&g[2]), Some(Decision::Reject));
        // Undo, undo: the opinion comes back, then the claim's label.
        assert!(d.step_back(true));
        assert_eq!(key(&d), [(Claim, 0), (Quote, 20)]);
        assert!(d.step_back(true));
        assert_eq!(key(&d), [(Claim, 0), (Quote, 20), (Opinion, 40)]);
        assert!(d.step_back(false));
        assert_eq!(key(&d), [(Claim, 0), (Quote, 20)]);
        // A threshold of 0: every group counts (the rejected one stays out).
        d.set_threshold(0);
        assert_eq!(key(&d), [(Claim, 0), (Quote, 20)]);
        d.decide(&g[2], None);
        assert_eq!(key(&d), [(Claim, 0), (Quote, 20), (Opinion, 40)]);
        // A new step ends the redo; starting over is one step too.
        assert!(!d.can_redo());
        d.start_over();
        assert_eq!(key(&d), [(Claim, 0), (Opinion, 40)]);
        assert!(d.step_back(true));
        assert_eq!(d.settled.threshold, 0);
        // A step that changes nothing is no step.
        let steps = d.undo.len();
        d.decide(&g[1], Some(Decision::Accept));
        assert_eq!(d.undo.len(), steps);
    }

    #[test]
    fn the_key_gathers_its_members_notes_and_has_each_span_once() {
        let mut chosen = [c(0, Claim, 0, 10), c(1, Claim, 0, 10), c(2, Quote, 0, 10)];
        chosen[0].note = "a number".into();
        chosen[1].note = " a number ".into();
        chosen[2].note = "said so".into();
        let g = groups(&chosen);
        let mut d = KeyDraft::default();
        d.decide(&g[1], Some(Decision::Relabel(Claim)));
        let key = key_spans(&d, &g, &chosen, 3);
        assert_eq!(key.len(), 1);
        // The relabelled quote's note comes too.
        assert_eq!(
            (key[0].0.label, key[0].1.as_str()),
            (Claim, "a number\nsaid so")
        );
    }

    #[test]
    fn the_key_is_built_from_every_file_but_the_key_and_numbers_annotators_by_name() {
        let mut set = CompareSet::default();
        let span = |start| loaded(start, start + 5);
        set.add("Key".into(), "k", vec![span(0)]);
        set.add("Ben".into(), "b", vec![span(10)]);
        set.add("Ana".into(), "a", vec![span(0), span(10)]);
        set.use_built_key(KEY_NAME.into(), vec![span(20)]);
        set.key = Some(0);
        // Neither the key nor a key built in Discern: Ana (file 2) is annotator 0, Ben 1.
        let (chosen, files) = chosen(&set, None);
        assert_eq!(files, [2, 1]);
        assert_eq!(
            chosen
                .iter()
                .map(|c| (c.annotator, c.span.start))
                .collect::<Vec<_>>(),
            [(0, 0), (0, 10), (1, 10)]
        );
    }

    #[test]
    fn the_groups_do_not_depend_on_the_order_the_files_were_loaded_in() {
        // Ana has 0..10 and 1..10, Ben 1..10: which of the two equal 1..10 spans comes first
        // decides the groups, and it goes by the names, not by the order of the files.
        let span = |start| loaded(start, 10);
        let built = |first_ben: bool| {
            let mut set = CompareSet::default();
            let (ana, ben) = (vec![span(0), span(1)], vec![span(1)]);
            if first_ben {
                set.add("Ben".into(), "b", ben);
                set.add("Ana".into(), "a", ana);
            } else {
                set.add("Ana".into(), "a", ana);
                set.add("Ben".into(), "b", ben);
            }
            let (chosen, _) = chosen(&set, None);
            groups(&chosen)
                .iter()
                .map(|g| (g.place(), g.chosen_by))
                .collect::<Vec<_>>()
        };
        assert_eq!(built(false), built(true));
    }
}

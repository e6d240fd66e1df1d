//! What each chunk of a document shows: the pieces of annotations that fall inside it, and
//! the segments of its text with the labels covering each. Pure data, so the reader component
//! only compares it and re-renders the chunks whose pieces changed.

use crate::annotation::{Annotation, Label};
use crate::document::{Chunk, Document};
use crate::outcome::Outcome;
use std::rc::Rc;

/// The part of an annotation inside one chunk, in code points relative to the chunk.
#[derive(Clone, Debug)]
pub struct Piece {
    pub ann: Rc<Annotation>,
    pub start: usize,
    pub end: usize,
    /// The annotation is the one selected in the reader.
    pub active: bool,
    /// How the annotation fared in a practice *Check*, when one is shown.
    pub outcome: Option<Outcome>,
}

impl Piece {
    /// Whether the annotation begins in this piece (where its badge goes).
    pub fn opens(&self, chunk_start: usize) -> bool {
        self.ann.start == chunk_start + self.start
    }
}

impl PartialEq for Piece {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.ann, &other.ann)
            && self.start == other.start
            && self.end == other.end
            && self.active == other.active
            && self.outcome == other.outcome
    }
}

/// The pieces of `annotations` (in text order) for every chunk; `outcomes` gives the outcome
/// of each annotation at the same place, when a *Check* is shown (empty otherwise).
pub fn pieces_by_chunk(
    chunks: &[Chunk],
    annotations: &[Rc<Annotation>],
    outcomes: &[Option<Outcome>],
    active: Option<&str>,
) -> Vec<Vec<Piece>> {
    let mut out = Vec::with_capacity(chunks.len());
    let mut open: Vec<(&Rc<Annotation>, Option<Outcome>)> = Vec::new();
    let mut next = 0;
    for chunk in chunks {
        open.retain(|(a, _)| a.end > chunk.start);
        while next < annotations.len() && annotations[next].start < chunk.end {
            if annotations[next].end > chunk.start {
                open.push((&annotations[next], outcomes.get(next).copied().flatten()));
            }
            next += 1;
        }
        out.push(
            open.iter()
                .map(|&(a, outcome)| Piece {
                    ann: Rc::clone(a),
                    start: a.start.max(chunk.start) - chunk.start,
                    end: a.end.min(chunk.end) - chunk.start,
                    active: active == Some(a.id.as_str()),
                    outcome,
                })
                .collect(),
        );
    }
    out
}

/// A run of a chunk's text covered by the same pieces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    /// Indices into the chunk's pieces, outermost first.
    pub covering: Vec<usize>,
}

impl Segment {
    /// The labels present, each once, in label order.
    pub fn labels(&self, pieces: &[Piece]) -> Vec<Label> {
        let mut labels: Vec<Label> = self.covering.iter().map(|&i| pieces[i].ann.label).collect();
        labels.sort_unstable();
        labels.dedup();
        labels
    }
}

/// Cuts a chunk of `len` code points into segments at every piece edge. Uncovered runs are
/// segments with nothing covering them.
pub fn segments(pieces: &[Piece], len: usize) -> Vec<Segment> {
    let mut edges: Vec<usize> = vec![0, len];
    for p in pieces {
        edges.push(p.start);
        edges.push(p.end);
    }
    edges.sort_unstable();
    edges.dedup();
    edges
        .windows(2)
        .map(|w| {
            let (start, end) = (w[0], w[1]);
            let mut covering: Vec<usize> = (0..pieces.len())
                .filter(|&i| pieces[i].start <= start && end <= pieces[i].end)
                .collect();
            covering
                .sort_unstable_by_key(|&i| (pieces[i].start, std::cmp::Reverse(pieces[i].end), i));
            Segment {
                start,
                end,
                covering,
            }
        })
        .collect()
}

/// What drawing each block of `doc` costs, in units: one for each of its chunks and four for
/// each piece of an annotation in them (a highlight is a few elements with their attributes
/// and title, a plain chunk one text; measured, a piece costs four to five times a chunk). `pieces` holds the pieces of every chunk, as [`pieces_by_chunk`] gives
/// them.
pub fn block_costs(doc: &Document, pieces: &[Vec<Piece>]) -> Vec<usize> {
    doc.blocks
        .iter()
        .map(|b| {
            let chunks = doc.lines[b.start].start..doc.lines[b.end - 1].end;
            let chunks = &pieces[chunks.start.min(pieces.len())..chunks.end.min(pieces.len())];
            chunks.len() + 4 * chunks.iter().map(Vec::len).sum::<usize>()
        })
        .collect()
}

/// Where a batch of blocks that starts at block `from` ends: blocks are taken while their
/// `costs` add up to at most `budget`, and always at least one (when one is left), so that a
/// long document is drawn in tasks of about the same length whatever its highlights.
pub fn batch_end(costs: &[usize], from: usize, budget: usize) -> usize {
    let mut spent = 0;
    let mut end = from;
    while end < costs.len() && (end == from || spent + costs[end] <= budget) {
        spent += costs[end];
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocumentMeta;
    use crate::text::Tables;

    fn ann(id: &str, label: Label, start: usize, end: usize) -> Rc<Annotation> {
        Rc::new(Annotation::new(id, "d", label, start, end))
    }

    #[test]
    fn pieces_split_across_chunks() {
        let doc = Document::new(&Tables, DocumentMeta::default(), "ab\ncd\nef", true);
        let anns = vec![ann("x", Label::Quote, 1, 7), ann("y", Label::Claim, 3, 4)];
        let p = pieces_by_chunk(&doc.chunks, &anns, &[], Some("y"));
        assert_eq!(p.len(), 3);
        assert_eq!((p[0][0].start, p[0][0].end), (1, 3));
        assert!(p[0][0].opens(0));
        assert_eq!(p[1].len(), 2);
        assert!(!p[1][0].opens(3) && p[1][1].opens(3) && p[1][1].active);
        assert_eq!((p[2][0].start, p[2][0].end), (0, 1));
    }

    #[test]
    fn segments_nest() {
        let doc = Document::new(&Tables, DocumentMeta::default(), "0123456789", true);
        let anns = vec![ann("q", Label::Quote, 1, 8), ann("c", Label::Claim, 3, 5)];
        let p = pieces_by_chunk(&doc.chunks, &anns, &[], None);
        let s = segments(&p[0], 10);
        let spans: Vec<_> = s
            .iter()
            .map(|s| (s.start, s.end, s.covering.len()))
            .collect();
        assert_eq!(
            spans,
            [(0, 1, 0), (1, 3, 1), (3, 5, 2), (5, 8, 1), (8, 10, 0)]
        );
        assert_eq!(s[2].labels(&p[0]), [Label::Claim, Label::Quote]);
    }

    #[test]
    fn batches_take_blocks_within_the_budget_and_at_least_one() {
        let costs = [3, 3, 10, 1, 1, 1];
        assert_eq!(batch_end(&costs, 0, 6), 2);
        assert_eq!(batch_end(&costs, 0, 5), 1);
        // A block dearer than the budget is a batch of its own.
        assert_eq!(batch_end(&costs, 2, 6), 3);
        assert_eq!(batch_end(&costs, 3, 6), 6);
        // Nothing left, nothing taken.
        assert_eq!(batch_end(&costs, 6, 6), 6);
        // Batches cover every block once, in order.
        let (mut from, mut seen) = (0, 0);
        while from < costs.len() {
            let end = batch_end(&costs, from, 4);
            assert!(end > from);
            seen += end - from;
            from = end;
        }
        assert_eq!(seen, costs.len());
    }

    #[test]
    fn a_block_costs_its_chunks_and_four_times_its_pieces() {
        let doc = Document::new(&Tables, DocumentMeta::default(), "ab\ncd\nef", true);
        let anns = vec![ann("x", Label::Quote, 1, 7), ann("y", Label::Claim, 3, 4)];
        let p = pieces_by_chunk(&doc.chunks, &anns, &[], None);
        // One block of three chunks and four pieces (x in each chunk, y in the second).
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(block_costs(&doc, &p), vec![3 + 4 * 4]);
    }
}

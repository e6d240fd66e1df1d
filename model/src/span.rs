//! A tagged range of a document as comparing and span outcomes see it: which document, which
//! label, which code points.

use crate::annotation::{Annotation, Label};

/// A tagged range, as far as comparing is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub doc: String,
    pub label: Label,
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// The span of an annotation.
    pub fn of(a: &Annotation) -> Span {
        Span {
            doc: a.document.clone(),
            label: a.label,
            start: a.start,
            end: a.end,
        }
    }

    /// Where the span comes in the text: its start, then its end, then its label (claim,
    /// quote, opinion), which tells apart any two spans of one annotator. Ties in matching
    /// and in span outcomes go by it, so that no result depends on the order of a list.
    pub fn place(&self) -> (usize, usize, Label) {
        (self.start, self.end, self.label)
    }
}

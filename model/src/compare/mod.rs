//! Comparing a class's annotations with a key and with each other
//! (`docs/FORMATS.md#compare-rules`).
//!
//! - Matching: a span matches a key span of the same document and label when their overlap in
//!   code points divided by their union is at least 0.5; matching is one-to-one, best overlap
//!   first. Precision, recall and F1 per annotator and label follow from the matches.
//! - Agreement: character-level kappa per label, over every code point of the documents
//!   compared (a code point is "in" for an annotator when one of their spans with that label
//!   covers it): Cohen's between two annotators, Fleiss' for the whole class.
//! - Coverage: how many annotators tagged each passage, and as what; and the share of a text
//!   each label covers.
//!
//! Its parts: matching and scores against a key ([`scores`]), agreement between annotators
//! ([`agreement`]), every figure of a compare set ([`figures`]), and the set itself, the
//! loaded files and the key ([`set`]).

pub mod agreement;
pub mod figures;
pub mod scores;
pub mod set;
#[cfg(test)]
mod tests;

pub use agreement::*;
pub use figures::*;
pub use scores::*;
pub use set::*;

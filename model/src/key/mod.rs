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
//!
//! Its parts: the groups a class's spans form ([`groups`]), the teacher's decisions on them
//! with their undo ([`draft`]), and the key built from the groups and decisions, as spans and
//! as a native file ([`build`]).

pub mod build;
pub mod draft;
pub mod groups;
#[cfg(test)]
mod tests;

pub use build::*;
pub use draft::*;
pub use groups::*;

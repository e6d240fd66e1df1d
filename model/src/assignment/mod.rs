//! Assignments (`docs/FORMATS.md#assignments`): one file in which a teacher sets the work:
//! a title and instructions, the documents to read, what each label means, and optionally a
//! practice document with the key's spans and why. This module reads and checks such a file
//! and writes one; what is wrong with a file is an [`AssignmentError`], turned into words
//! where it is shown.
//!
//! - [`file`]: the file's types, and what it says;
//! - [`read`]: reading and checking a file, and opening it in the workspace;
//! - [`practice`]: the practice *Check*;
//! - [`hand_in`]: the hand-in and its file name;
//! - [`draft`]: a teacher's draft, and the file it makes.

pub mod draft;
pub mod file;
pub mod hand_in;
pub mod practice;
pub mod read;

pub use draft::{Draft, DraftProblem};
pub use file::{is_assignment, AssignmentFile, Guidelines, Practice, FORMAT, VERSION};
pub use hand_in::hand_in_name;
pub use practice::{check_practice, Checked};
pub use read::{check, parse, Assignment, AssignmentError, SpanProblem};

#[cfg(test)]
mod tests;

//! Reading annotation files: Discern's native format and W3C Web Annotation JSON-LD. A file
//! is checked whole before anything changes: a bad file gets one message that names the file
//! and what is wrong with it, and changes nothing. Annotations whose offsets no longer fit the
//! text are re-anchored by their quote and its context; those that cannot be placed are kept
//! as orphans, never dropped.
//!
//! - [`parse`]: a file's text read into what it holds ([`incoming`]), by [`native`] or
//!   [`w3c`];
//! - [`plan`]: one file planned into the workspace, its annotations placed or
//!   re-anchored ([`reanchor`]);
//! - [`job`]: several files, a small step at a time;
//! - [`report`]: what import says about each file, as data.
//!
//! What is wrong with a JSON text itself is `crate::json`.

pub mod incoming;
pub mod job;
pub mod native;
pub mod parse;
pub mod plan;
pub mod reanchor;
pub mod report;
pub mod w3c;

pub use incoming::{Incoming, IncomingDocument};
pub use job::{plan_files, ImportJob, Imported, Step};
pub use parse::parse;
pub use plan::plan;
pub use reanchor::reanchor;
pub use report::{
    FileOutcome, FileReport, Found, ImportPlan, ImportSummary, Item, ItemNote, ItemProblem,
    OrphanReason, Refusal,
};

#[cfg(test)]
mod tests;

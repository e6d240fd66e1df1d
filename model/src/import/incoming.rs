//! What an annotation file holds, as import reads it before anything is placed: the
//! annotator it names, its documents, and its annotations, each the annotation record with
//! its quote (`formats::native::Exported`); the document an annotation names is an id, or
//! `sha256:<hex>` when the file names it by its text.

use crate::formats::native::Exported;

/// A document as a file describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncomingDocument {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub sha256: Option<String>,
    pub length: Option<usize>,
    pub text: Option<String>,
}

/// What a file holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Incoming {
    /// The annotator the file names as its author (native files), if any.
    pub annotator: Option<String>,
    pub documents: Vec<IncomingDocument>,
    pub annotations: Vec<Exported>,
}

//! What import says about a file, as data: why a file changes nothing ([`Refusal`], naming
//! the item and the problem), what became of each of its annotations, and each file's outcome
//! ([`FileReport`]). The app puts them into words where it shows them.

use crate::json::{JsonProblem, JsonWhat};
use crate::workspace::{Change, ChangeError};

/// Which item of a file a problem is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// An annotation, by its id.
    Annotation(String),
    /// A document, by its id.
    Document(String),
}

/// What a file holds where a whole number ≥ 0 should be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// A negative whole number.
    Integer(i64),
    /// A whole number too large for an offset.
    TooLarge,
    Fraction,
    Text(String),
    /// `true`, `false`, `null`, a list or an object.
    Other,
}

/// What is wrong with one item of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemProblem {
    UnknownLabel(String),
    /// An offset field (`start`, `end`) is missing.
    NoOffset(&'static str),
    /// An offset field holds something other than a whole number ≥ 0.
    BadOffset {
        field: &'static str,
        found: Found,
    },
    NotAnAnnotation,
    NoTaggingBody,
    NoTarget,
    NoSource,
    NoSelector,
    EndsBeforeStart {
        start: usize,
        end: usize,
    },
    PastTheEnd {
        end: usize,
        length: usize,
    },
    TextDoesNotMatchSha256,
    LengthDoesNotMatch {
        length: usize,
        actual: usize,
    },
    AppearsTwice,
}

/// Why a file changes nothing (see `docs/FORMATS.md#importing`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Over `json::MAX_BYTES`; the size in whole megabytes, rounded up.
    TooLarge {
        megabytes: usize,
    },
    /// Nested deeper than `json::MAX_DEPTH`.
    TooDeep {
        depth: usize,
    },
    LoneSurrogate,
    NotJson(JsonProblem),
    /// Neither a Discern file nor W3C Web Annotations.
    UnknownKind,
    OtherFormat(String),
    FormatNotAString,
    NewerVersion(u64),
    UnknownVersion,
    /// JSON of the right format whose fields have the wrong shape.
    Malformed(JsonProblem),
    /// Annotation number `.0` (from 1) of the file has the wrong shape.
    MalformedAt(usize, JsonWhat),
    Item(Item, ItemProblem),
    /// Two annotations share an id.
    IdUsedTwice(String),
    /// The workspace refused the planned changes.
    Conflict(ChangeError),
}

/// Refusal for annotation `id` of a file.
pub(crate) fn item(id: &str, problem: ItemProblem) -> Refusal {
    Refusal::Item(Item::Annotation(id.to_string()), problem)
}

/// Why an annotation could not be placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrphanReason {
    /// The file's annotation names a document this library does not have.
    NoDocument,
    /// Its offsets do not fit and its quote is nowhere in the text.
    QuoteNotFound,
}

/// What import says about one annotation of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemNote {
    /// Its offsets no longer fit, and its quote was found elsewhere.
    Reanchored {
        id: String,
        from: (usize, usize),
        to: (usize, usize),
    },
    /// It could not be placed and is kept as an orphan.
    Orphaned { id: String, why: OrphanReason },
}

/// What importing a file does, in numbers, and what it says about single annotations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    /// Tags this workspace already has.
    pub already: usize,
    pub reanchored: usize,
    pub orphaned: usize,
    pub documents_added: usize,
    pub notes: Vec<ItemNote>,
}

/// What importing a file would do: the changes, and what it found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    pub changes: Vec<Change>,
    pub summary: ImportSummary,
}

/// What became of one file that was imported or loaded to compare.
#[derive(Clone, Debug, PartialEq)]
pub struct FileReport {
    pub file: String,
    pub outcome: FileOutcome,
}

/// The outcome of one file.
#[derive(Clone, Debug, PartialEq)]
pub enum FileOutcome {
    /// Imported into the work.
    Imported(ImportSummary),
    /// Loaded to compare: whose spans (the file's annotator), how many, how many could not
    /// be placed, and the other names its annotations carry (reported, not renamed).
    Loaded {
        annotator: String,
        spans: usize,
        orphaned: usize,
        others: Vec<String>,
    },
    /// The file changes nothing.
    Refused(Refusal),
}

impl FileOutcome {
    /// Whether the file was refused.
    pub fn is_refused(&self) -> bool {
        matches!(self, FileOutcome::Refused(_))
    }
}

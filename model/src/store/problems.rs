//! What loading or saving the work finds wrong, as data ([`StorageProblem`], and
//! [`CompareNotKept`] for the compare set): the browser side puts it into words, where it is
//! shown.

use crate::store::backend::StoreError;
use crate::workspace::ChangeError;

/// Why a stored value was not loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// It was written by a newer Discern, with this schema.
    Newer(u32),
    /// It does not parse as what the key holds: what the parser found, and where.
    Malformed(crate::json::JsonProblem),
    /// It parses but has an older, unknown schema number.
    UnknownSchema(u32),
    /// It parses but has no schema number.
    NoSchema,
}

/// Where a value that was not loaded went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Copied aside under this key; the original may be written over.
    Aside(String),
    /// It could not be copied aside: left where it was, and never written over.
    InPlace,
}

/// What loading or saving found wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageProblem {
    /// There is no storage: the work is kept in the tab only.
    Unavailable(StoreError),
    /// Reading `key` failed.
    ReadFailed { key: String, error: StoreError },
    /// The value under `key` was not loaded, for `why`; it went to `kept`.
    NotLoaded {
        key: String,
        why: Unreadable,
        kept: Kept,
    },
    /// A stored annotation was not loaded: the workspace refused it.
    AnnotationRefused { id: String, refusal: ChangeError },
    /// A stored document was not loaded: the workspace refused it.
    DocumentRefused { title: String, refusal: ChangeError },
    /// Part of the value under `key` was refused (reported before this); the value as it was
    /// went to `kept`.
    PartlyLoaded { key: String, kept: Kept },
    /// A write failed: the work is kept in the tab only.
    SaveFailed(StoreError),
    /// The `count` annotations of the document `title` found no room in the store, though
    /// every other write succeeded: they are kept in the tab only, and tried again with the
    /// next change.
    AnnotationsNotKept { title: String, count: usize },
    /// The reader's own document `title`, of `chars` code points, does not fit in the store:
    /// it is kept in the tab only (its annotations are saved).
    DocumentNotKept { title: String, chars: usize },
}

/// Why the compare set is not kept in the store (the work itself keeps its room).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompareNotKept {
    /// The set of `files` files, `chars` characters stored, passes [`COMPARE_MAX_CHARS`], or
    /// (`full`) the store had no room for it. What was kept of an earlier set is removed, so
    /// that a reload does not bring back an old one.
    TooLarge {
        files: usize,
        chars: usize,
        full: bool,
    },
    /// The store refused to write or remove it.
    Failed(StoreError),
}

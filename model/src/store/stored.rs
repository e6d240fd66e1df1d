//! The stored forms of the work (schema 1, `docs/FORMATS.md#storage`): the meta (the name,
//! preferences, open document, and the id of the store as this tab named it), the reader's
//! own documents, a document's annotations, the orphans, the open assignments; and the
//! preferences and meta as the app holds them.

use crate::annotation::Annotation;
use crate::assignment::AssignmentFile;
use crate::document::DocumentMeta;
use crate::store::keys::SCHEMA;
use crate::workspace::Orphan;
use serde::{Deserialize, Serialize};

/// Preferences kept with the work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Widen selections to whole words.
    pub snap_words: bool,
    /// The reader was asked for their name once (and answered or skipped).
    pub name_asked: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            snap_words: true,
            name_asked: false,
        }
    }
}

/// The rest of the state kept with the work.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// The annotator's name.
    pub annotator: String,
    pub prefs: Prefs,
    /// The id of the document open in the reader.
    pub open: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct StoredMeta {
    pub(crate) schema: u32,
    /// Which store this is: the id of the tab that first wrote to it after it was empty.
    #[serde(default)]
    pub(crate) store: String,
    #[serde(default)]
    pub(crate) annotator: String,
    #[serde(default)]
    pub(crate) prefs: Prefs,
    #[serde(default)]
    pub(crate) open: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct StoredDocument {
    pub(crate) meta: DocumentMeta,
    pub(crate) text: String,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct StoredDocuments {
    pub(crate) schema: u32,
    pub(crate) documents: Vec<StoredDocument>,
}

/// (Written from references, read as owned annotations.)
#[derive(Serialize, Deserialize)]
pub(crate) struct StoredAnnotations<A = Annotation> {
    pub(crate) schema: u32,
    pub(crate) annotations: Vec<A>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct StoredOrphans {
    pub(crate) schema: u32,
    pub(crate) orphans: Vec<Orphan>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct StoredAssignments {
    pub(crate) schema: u32,
    pub(crate) assignments: Vec<AssignmentFile>,
}

#[derive(Deserialize)]
pub(crate) struct SchemaOnly {
    pub(crate) schema: u32,
}

pub(crate) fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

pub(crate) fn meta_json(meta: &Meta, store: &str) -> String {
    to_json(&StoredMeta {
        schema: SCHEMA,
        store: store.to_string(),
        annotator: meta.annotator.clone(),
        prefs: meta.prefs.clone(),
        open: meta.open.clone(),
    })
}

//! The app state and its one reducer (`docs/ARCHITECTURE.md#data-flow`). Every [`Action`]
//! reads like what the reader meant to do; the reducer calls the model, does no I/O (ids and
//! times come in the action), and returns the same `Rc` when nothing changed so that nothing
//! re-renders.
//!
//! - [`AppState`] and [`View`] (here), compared part by part ([`compared`]);
//! - [`action`]: what the reader asks for, and the changes only some pages make;
//! - [`reduce`]: the reducer, and [`work`]: how a change to the work is made and recorded;
//! - [`read`], [`compare`], [`files`]: the changes of the reader and library, of the compare
//!   page, and of files taken in;
//! - [`message`]: what the state tells the reader, as data.

use discern_model::compare::CompareSet;
use discern_model::key::KeyDraft;
use discern_model::store::{CompareNotKept, StorageProblem};
use discern_model::{Annotation, Document, History, Label, Workspace};
use std::rc::Rc;

pub mod action;
pub mod compare;
pub mod compared;
pub mod files;
pub mod message;
pub mod read;
pub mod reduce;
pub mod work;

pub use action::{Action, FileRequest, PageChange};
pub use compare::CompareAction;
pub use compared::{Revised, Shared};
pub use discern_model::store::Prefs;
pub use message::{
    Attempt, FetchFailure, Message, NotOpened, Notice, ReadFailure, Report, ReportKind, Tone,
    Warning,
};
pub use read::ReadAction;

/// What the page shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// Every document, with its counts.
    #[default]
    Library,
    /// One document, by id, in the reader.
    Reader(String),
    /// The compare view.
    Compare,
    /// An open assignment, by id: its instructions, guidelines and documents.
    Assignment(String),
}

impl View {
    /// The document open in the reader, if any.
    pub fn document_id(&self) -> Option<&str> {
        match self {
            View::Reader(id) => Some(id),
            _ => None,
        }
    }
}

/// The state of the whole app. Its equality is derived: each part says how it is compared
/// (`compared`), so a new field needs nothing more.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The work, compared by its revision: how many times it changed.
    pub workspace: Revised<Workspace>,
    pub history: Shared<History>,
    pub annotator: String,
    pub prefs: Prefs,
    /// The code of the language the interface speaks (`crate::i18n`): the page draws again
    /// in another when it changes.
    pub language: &'static str,
    /// What the page shows.
    pub view: View,
    /// The annotation files loaded for comparing, and which is the key.
    pub compare: Shared<CompareSet>,
    /// The key being built from the compare set.
    pub key_draft: Shared<KeyDraft>,
    /// Why the compare set is not kept in storage; cleared when it is kept again.
    pub compare_not_kept: Option<Rc<CompareNotKept>>,
    /// The annotation whose details are shown.
    pub selected: Option<String>,
    /// The keys overlay (`?`) is open.
    pub help: bool,
    /// Bumped when the selected annotation should be scrolled into view (chosen in the list,
    /// or touched by undo and redo), not when it was chosen where it already shows.
    pub reveal: u64,
    /// Which label the annotation list shows; all when `None`.
    pub filter: Option<Label>,
    pub notice: Option<Notice>,
    /// What loading found wrong with the built-in articles and the stored work (kept
    /// aside); lasts the session. Put into words where it is shown, in the language of the
    /// moment.
    pub storage_warning: Shared<[Warning]>,
    /// What the last save could not do; cleared by the next save that works.
    pub save_error: Rc<[StorageProblem]>,
    /// What the last import or compare load did, file by file, until the reader closes it.
    pub report: Option<Shared<Report>>,
    /// How far the import under way is (a share, 0 to 1), once it takes more than one slice.
    pub importing: Option<f64>,
    /// The last files asked to be imported, for the import hook to plan; and how many
    /// imports were asked for.
    pub import_request: Option<Shared<FileRequest>>,
    /// The last assignment files asked to be opened, for the page's hook.
    pub assignment_request: Option<Shared<FileRequest>>,
    pub imports: u64,
    /// The last *Check* of a practice document: the document, and the reader's annotations
    /// on it as they were when checked.
    pub check: Option<(String, Shared<Vec<Rc<Annotation>>>)>,
}

impl AppState {
    /// A fresh state over `workspace`.
    pub fn new(workspace: Workspace) -> Self {
        AppState {
            workspace: Revised::new(workspace),
            history: Shared::default(),
            annotator: String::new(),
            prefs: Prefs::default(),
            language: "",
            view: View::Library,
            compare: Shared::default(),
            key_draft: Shared::default(),
            compare_not_kept: None,
            selected: None,
            help: false,
            reveal: 0,
            filter: None,
            notice: None,
            storage_warning: Shared::from([]),
            save_error: Rc::new([]),
            report: None,
            importing: None,
            import_request: None,
            assignment_request: None,
            imports: 0,
            check: None,
        }
    }

    /// Whether the key being built is shown (opened, over some files, on the compare page):
    /// Compare draws it, and Undo and Redo go to it, not to the work.
    pub fn builds_key(&self) -> bool {
        self.key_draft.open && !self.compare.files.is_empty()
    }

    /// Whether there is a step to undo (`true`) or redo (`false`) where Undo and Redo go.
    pub fn can_step(&self, undo: bool) -> bool {
        match (self.builds_key(), undo) {
            (true, true) => self.key_draft.can_undo(),
            (true, false) => self.key_draft.can_redo(),
            (false, true) => self.history.can_undo(),
            (false, false) => self.history.can_redo(),
        }
    }

    /// How many times the work changed: what an import planned over it compares.
    pub fn revision(&self) -> u64 {
        self.workspace.revision()
    }

    /// The document open in the reader.
    pub fn open_document(&self) -> Option<&Rc<Document>> {
        self.view
            .document_id()
            .and_then(|id| self.workspace.document(id))
    }

    pub(crate) fn notify(&mut self, message: Message) {
        let seq = self.notice.as_ref().map_or(0, |n| n.seq + 1);
        self.notice = Some(Notice {
            message: Rc::new(message),
            seq,
        });
    }
}

#[cfg(test)]
mod tests;

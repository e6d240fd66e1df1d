//! What the reader asks for: the [`Action`]s of every page, which the reducer carries out
//! (`state::reduce`), and the changes only some pages make ([`PageChange`]), which come with
//! the code that makes them.

use crate::state::message::Message;
use crate::state::AppState;
use discern_model::store::StorageProblem;
use discern_model::sync::FromOtherTab;
use discern_model::Document;
use std::cell::RefCell;
use std::rc::Rc;

/// What the reader asks for.
#[derive(Debug)]
pub enum Action {
    Open(String),
    ShowLibrary,
    ShowCompare,
    /// Open or close the keys overlay (`?`), or toggle it when `None`.
    Help(Option<bool>),
    /// A change that only some pages make, with the code that makes it ([`PageChange`]).
    Page(Box<dyn PageChange>),
    /// Add the reader's own documents (pasted or opened files).
    AddDocuments(Vec<Rc<Document>>),
    /// The reader answered (or skipped) the question for their name.
    NameAsked,
    Undo,
    Redo,
    SetAnnotator(String),
    /// Show a message.
    Notify(Message),
    /// The interface speaks the language of this code now (its words are in place).
    Language(&'static str),
    /// Hide message `seq`, if it is still the one shown.
    ClearNotice(u64),
    /// How the last save went: why it failed, or `None`.
    SaveResult(Rc<[StorageProblem]>),
    /// Take in what another tab saved (not undoable here: it is that tab's work).
    FromOtherTab(FromOtherTab),
    /// How far the import under way is (a share, 0 to 1); `None` when there is none.
    Importing(Option<f64>),
    /// Close the import or compare report.
    DismissReport,
    /// Assignment files to open (name or link, and text), for the page's hook to read: the
    /// assignment page opens them, the others hand them to it.
    AssignmentFiles(Vec<(String, String)>),
    ShowAssignment(String),
    /// Close the open assignment with this id (its documents and the work on them stay).
    CloseAssignment(String),
}

/// A change that only some pages make, with the code that makes it: the reader's and the
/// library's ([`ReadAction`](crate::state::read::ReadAction), on the pages with a reader),
/// the compare set's ([`CompareAction`](crate::state::compare::CompareAction), on the compare
/// page), and taking in files and imports (`state::files`, on the reading and assignment
/// pages). The reducer calls it without knowing it, so a page that never makes a change
/// carries none of its code: the compare page's changes are 3 KB (gzip) of the reading
/// page's download it does without.
pub trait PageChange: std::fmt::Debug {
    /// Makes the change; whether anything changed (a refusal changes the notice).
    fn apply(self: Box<Self>, state: &mut AppState) -> bool;
}

impl<C: PageChange + 'static> From<C> for Action {
    fn from(change: C) -> Action {
        Action::Page(Box::new(change))
    }
}

/// Files (name, text) to import or to open as assignments, taken once by the hook that
/// reads them.
#[derive(Debug)]
pub struct FileRequest {
    pub seq: u64,
    pub files: RefCell<Vec<(String, String)>>,
}

/// Two requests are the same when they have the same number: each new one counts up.
impl PartialEq for FileRequest {
    fn eq(&self, o: &Self) -> bool {
        self.seq == o.seq
    }
}

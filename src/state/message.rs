//! What the state tells the reader, as data: notices ([`Message`], [`Notice`]), the reports
//! of imports and compare loads ([`Report`]), the lasting warnings ([`Warning`]), and why a
//! change, a file or a download failed. `crate::messages` alone puts them into words, where
//! they are shown, in the language of the moment.

use discern_model::assignment::AssignmentError;
use discern_model::import::FileReport;
use discern_model::store::StorageProblem;
use discern_model::{ChangeError, Label};
use std::rc::Rc;

/// How a message should look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Refused,
}

/// What the reader tried when a change was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt {
    Tag,
    Edit,
    Delete,
    AddDocument,
    RemoveDocument,
    AddAnnotations,
    Import,
    OpenAssignment,
    CloseAssignment,
}

/// Something to tell the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    Tagged(Label),
    Relabeled(Label),
    Deleted(Label),
    Undone,
    Redone,
    NothingToUndo,
    NothingToRedo,
    /// An undo or redo that no longer applies (another tab changed what it touched).
    UndoFailed(ChangeError),
    /// A change the workspace refused, and why.
    Refused(Attempt, ChangeError),
    /// A document was removed (by title).
    DocumentRemoved(String),
    /// Documents offered to the library (title, and whether it was new).
    DocumentsAdded(Vec<(String, bool)>),
    /// A document needs a title and some text.
    DocumentIncomplete,
    /// A tag key was pressed with nothing selected.
    NothingSelected,
    /// Enter was pressed on the text where there is no highlight.
    NoHighlightHere,
    /// A file was downloaded (its name).
    Downloaded(String),
    /// A download did not start (why, in the browser's words).
    DownloadFailed(String),
    /// A picked or dropped file could not be read.
    Unreadable {
        file: String,
        why: ReadFailure,
    },
    /// An assignment was opened (its title).
    AssignmentOpened(String),
    /// An assignment was closed (its title); Undo brings it back.
    AssignmentClosed(String),
    /// The assignment file (by name or link) was not opened, for the reason given.
    AssignmentNotOpened {
        file: String,
        why: NotOpened,
    },
    /// The saved work was gone from storage (another tab or the browser cleared it); this tab
    /// still had it and saved it again.
    StorageRestored,
    /// The words of another language (its name) could not be had.
    LanguageNotLoaded(String),
}

impl Message {
    /// How the message should look.
    pub fn tone(&self) -> Tone {
        match self {
            Message::NothingToUndo
            | Message::NothingToRedo
            | Message::UndoFailed(_)
            | Message::Refused(..)
            | Message::DocumentIncomplete
            | Message::NothingSelected
            | Message::NoHighlightHere
            | Message::DownloadFailed(_)
            | Message::AssignmentNotOpened { .. }
            | Message::LanguageNotLoaded(_)
            | Message::Unreadable { .. } => Tone::Refused,
            _ => Tone::Info,
        }
    }
}

/// Why an assignment was not opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotOpened {
    /// The link's server answered with this status (404: there is no such file).
    Status(u16),
    /// The link's server answered with a web page (this address), not a file: many hosts
    /// answer a missing file with their start page.
    WebPage(String),
    /// The file could not be fetched at all: the network failed.
    Network,
    /// What the link names is not a link.
    NotALink,
    /// The link points to another origin than the app's.
    OtherOrigin(String),
    /// The file is not a good assignment.
    File(AssignmentError),
    /// The file could not be handed to the assignment page: no room in the tab's storage.
    NoRoom,
}

/// A short message shown to the reader and announced to screen readers.
#[derive(Clone, Debug)]
pub struct Notice {
    pub message: Rc<Message>,
    /// Distinguishes two notices in a row (equal messages too, so both are announced): each
    /// replacing notice counts one up from the one it replaces.
    pub seq: u64,
}

/// Two notices are the same when they have the same number: a notice replacing another
/// always has a new one, and after no notice at all the change shows anyway.
impl PartialEq for Notice {
    fn eq(&self, o: &Self) -> bool {
        self.seq == o.seq
    }
}

/// Where a file report comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportKind {
    Import,
    Compare,
}

/// What the last import or compare load did, file by file.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub kind: ReportKind,
    /// (Shared, so that a compare load in slices adds to the report without copying it.)
    pub files: Vec<Rc<FileReport>>,
}

/// One thing the lasting warning says: what could not be loaded or read.
#[derive(Clone, Debug, PartialEq)]
pub enum Warning {
    /// A built-in article (its file) could not be had, and why.
    BuiltinMissing(&'static str, FetchFailure),
    /// What reading the stored work found wrong, and what became of it.
    Storage(StorageProblem),
}

/// Why the browser could not read a file the reader picked or dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadFailure {
    /// What it read is not text.
    NotText,
    /// It could not read the file at all.
    Refused,
}

/// Why a file the release ships could not be had.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FetchFailure {
    /// No answer within this many seconds.
    NoAnswer(u32),
    /// The server answered with this HTTP status.
    Status(u16),
    /// The network failed.
    Network,
    /// The request could not be made.
    NotAsked,
    /// What came is not the text the release shipped.
    NotShipped,
}

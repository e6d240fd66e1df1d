//! The app state and its one reducer. Every [`Action`] reads like what the reader meant to
//! do; the reducer calls the model, does no I/O (ids and times come in the action), and
//! returns the same `Rc` when nothing changed so that nothing re-renders
//! (`docs/ARCHITECTURE.md#data-flow`).

use discern_model::assignment::{self, Assignment, AssignmentError};
use discern_model::compare::{own_spans, CompareSet};
use discern_model::document;
use discern_model::import::{FileReport, Imported};
use discern_model::key::KeyDraft;
use discern_model::span::Span;
use discern_model::store::StorageProblem;
use discern_model::sync::FromOtherTab;
use discern_model::workspace::AnnotationList;
use discern_model::{Annotation, Change, ChangeError, Document, History, Label, Workspace};
use std::cell::RefCell;
use std::rc::Rc;
use yew::Reducible;

pub use discern_model::store::Prefs;

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

/// Something to tell the reader, as data; `crate::messages` makes the sentence.
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

/// The state of the whole app.
#[derive(Clone, Debug)]
pub struct AppState {
    pub workspace: Workspace,
    /// Counts the workspace's changes; cheaper to compare than the workspace itself.
    pub revision: u64,
    pub history: Rc<History>,
    pub annotator: String,
    pub prefs: Prefs,
    /// The code of the language the interface speaks (`crate::i18n`): the page draws again
    /// in another when it changes.
    pub language: &'static str,
    /// What the page shows.
    pub view: View,
    /// The annotation files loaded for comparing, and which is the key.
    pub compare: Rc<CompareSet>,
    /// The key being built from the compare set.
    pub key_draft: Rc<KeyDraft>,
    /// Why the compare set is not kept in storage; cleared when it is kept again.
    pub compare_not_kept: Option<Rc<StorageProblem>>,
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
    pub storage_warning: Rc<[Warning]>,
    /// What the last save could not do; cleared by the next save that works.
    pub save_error: Rc<[StorageProblem]>,
    /// What the last import or compare load did, file by file, until the reader closes it.
    pub report: Option<Rc<Report>>,
    /// How far the import under way is (a share, 0 to 1), once it takes more than one slice.
    pub importing: Option<f64>,
    /// The last files asked to be imported, for the import hook to plan; and how many
    /// imports were asked for.
    pub import_request: Option<Rc<FileRequest>>,
    /// The last assignment files asked to be opened, for the page's hook.
    pub assignment_request: Option<Rc<FileRequest>>,
    pub imports: u64,
    /// The last *Check* of a practice document: the document, and the reader's annotations
    /// on it as they were when checked.
    pub check: Option<(String, AnnotationList)>,
}

/// Files (name, text) to import or to open as assignments, taken once by the hook that
/// reads them.
#[derive(Debug)]
pub struct FileRequest {
    pub seq: u64,
    pub files: RefCell<Vec<(String, String)>>,
}

/// Cheap equality: the workspace is compared by its revision, the history by identity.
impl PartialEq for AppState {
    fn eq(&self, o: &Self) -> bool {
        self.revision == o.revision
            && Rc::ptr_eq(&self.history, &o.history)
            && self.annotator == o.annotator
            && self.prefs == o.prefs
            && self.language == o.language
            && self.view == o.view
            && Rc::ptr_eq(&self.compare, &o.compare)
            && Rc::ptr_eq(&self.key_draft, &o.key_draft)
            && self.compare_not_kept == o.compare_not_kept
            && self.selected == o.selected
            && self.help == o.help
            && self.reveal == o.reveal
            && self.filter == o.filter
            && self.notice == o.notice
            && Rc::ptr_eq(&self.storage_warning, &o.storage_warning)
            && self.save_error == o.save_error
            && self.importing == o.importing
            && self.imports == o.imports
            && match (&self.check, &o.check) {
                (Some(a), Some(b)) => a.0 == b.0 && Rc::ptr_eq(&a.1, &b.1),
                (a, b) => a.is_none() && b.is_none(),
            }
            && match (&self.report, &o.report) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }
}

impl AppState {
    /// A fresh state over `workspace`.
    pub fn new(workspace: Workspace) -> Self {
        AppState {
            workspace,
            revision: 0,
            history: Rc::default(),
            annotator: String::new(),
            prefs: Prefs::default(),
            language: "",
            view: View::Library,
            compare: Rc::default(),
            key_draft: Rc::default(),
            compare_not_kept: None,
            selected: None,
            help: false,
            reveal: 0,
            filter: None,
            notice: None,
            storage_warning: Rc::new([]),
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

    /// The document open in the reader.
    pub fn open_document(&self) -> Option<&Rc<Document>> {
        self.view
            .document_id()
            .and_then(|id| self.workspace.document(id))
    }

    fn notify(&mut self, message: Message) {
        let seq = self.notice.as_ref().map_or(0, |n| n.seq + 1);
        self.notice = Some(Notice {
            message: Rc::new(message),
            seq,
        });
    }
}

/// What the reader asks for.
#[derive(Clone, Debug)]
pub enum Action {
    /// Replace the state with one loaded from storage.
    Restore(Box<AppState>),
    Open(String),
    ShowLibrary,
    ShowCompare,
    /// Open or close the keys overlay (`?`), or toggle it when `None`.
    Help(Option<bool>),
    /// A change to the compare set or to the key being built, made by `.1`
    /// ([`AppState::compare`]; sent with [`Action::compare`]). Both come from the compare
    /// page, so that the pages that compare nothing carry none of it (as with `TakeFiles`
    /// and `Imported`).
    Compare(CompareAction, fn(&mut AppState, CompareAction) -> bool),
    /// Add the reader's own documents (pasted or opened files).
    AddDocuments(Vec<Rc<Document>>),
    /// A change made in the reader or the library (tagging, notes, the selection, the list's
    /// filter, removing a document), made by `.1` ([`AppState::read`]; sent with
    /// [`Action::read`]). Both come from the pages with a reader, so that the compare page
    /// carries none of it (as with `Compare`).
    Read(ReadAction, fn(&mut AppState, ReadAction) -> bool),
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
    /// Take in picked or dropped files (name, text) with `AppState::take_files`: texts
    /// (`.txt`, `.md`) become documents, the rest are imported. The way comes with the action
    /// from the reading page, so that the other pages do not carry it (as with
    /// `Compare`).
    TakeFiles(
        Vec<(String, String)>,
        fn(&mut AppState, Vec<(String, String)>),
    ),
    /// How far the import under way is (a share, 0 to 1); `None` when there is none.
    Importing(Option<f64>),
    /// A finished import, planned over the workspace at revision `.0`: taken in as one
    /// undoable step (bad files change nothing).
    Imported(u64, Box<Imported>, fn(&mut AppState, u64, Imported)),
    /// Close the import or compare report.
    DismissReport,
    /// Assignment files to open (name or link, and text), for the page's hook to read: the
    /// assignment page opens them, the others hand them to it.
    AssignmentFiles(Vec<(String, String)>),
    /// Open an assignment that was read and checked, and show it (with
    /// `AppState::open_assignment`, from the assignment page).
    OpenAssignment(Rc<Assignment>, fn(&mut AppState, &Assignment)),
    ShowAssignment(String),
    /// Close the open assignment with this id (its documents and the work on them stay).
    CloseAssignment(String),
}

/// What the compare page asks of its compare set and key being built.
#[derive(Clone, Debug)]
pub enum CompareAction {
    /// Load annotation files (name, text) to compare. A large load comes in slices: `.1`
    /// files of `.2` came before this one (their report is added to).
    Load(Vec<(String, String)>, usize, usize),
    /// Add this browser's own annotations to the comparison: named after the reader, or
    /// `.0` when they have no name, from the file `.1` (both in the reader's language).
    AddMine(String, String),
    /// Make loaded file `i` the key.
    Key(usize),
    /// The compare set and key being built as stored, and what reading them found wrong.
    Restore(Box<(CompareSet, KeyDraft)>, Vec<StorageProblem>),
    /// How keeping the compare set went: why it is not kept, or `None`.
    Kept(Option<StorageProblem>),
    /// The key being built, as the teacher changed it: shown or hidden, or a group decided,
    /// the threshold changed or all started over (steps its own history records).
    Draft(Rc<KeyDraft>),
    /// Put the built key's spans (with notes) into the compare set as the key, in place of
    /// the one built before.
    Use(Vec<(Span, String)>),
    /// Remove loaded file `i`.
    Remove(usize),
}

impl Action {
    /// The action for `change`, made in the reader or the library.
    pub fn read(change: ReadAction) -> Action {
        Action::Read(change, AppState::read)
    }

    /// The action for `change`, made on the compare page.
    pub fn compare(change: CompareAction) -> Action {
        Action::Compare(change, AppState::compare)
    }
}

/// What the reader asks of the reader and the library.
#[derive(Clone, Debug)]
pub enum ReadAction {
    /// Remove a document and its annotations (one undoable step).
    RemoveDocument(String),
    /// Tag code points `start..end` (already normalized) of `doc`.
    Tag {
        doc: String,
        start: usize,
        end: usize,
        label: Label,
        id: String,
        now: String,
    },
    /// Add several annotations as one undoable step (the JS API, the benchmark).
    AddAnnotations(Vec<Annotation>),
    AddDocument(Rc<Document>),
    /// Choose an annotation where it shows (or none).
    Select(Option<String>),
    /// Choose an annotation and scroll its highlight into view.
    Reveal(String),
    Relabel {
        id: String,
        label: Label,
        now: String,
    },
    SetNote {
        id: String,
        note: String,
        now: String,
    },
    SetSpeaker {
        id: String,
        speaker: String,
        now: String,
    },
    Delete(String),
    SetFilter(Option<Label>),
    SetSnapWords(bool),
    /// *Check* the practice document with this id: the reader's tags on it as they are now.
    Check(String),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Restore(state) => return Rc::new(*state),
            Action::Open(id) => {
                if s.workspace.document(&id).is_none() {
                    return self;
                }
                return s.show(View::Reader(id), self);
            }
            Action::ShowLibrary => return s.show(View::Library, self),
            Action::ShowCompare => return s.show(View::Compare, self),
            Action::ShowAssignment(id) => return s.show(View::Assignment(id), self),
            Action::AssignmentFiles(files) => s.ask_to_open(files),
            Action::OpenAssignment(a, open) => open(&mut s, &a),
            Action::CloseAssignment(id) => {
                let Some(a) = s.workspace.assignment(&id).cloned() else {
                    return self;
                };
                if s.commit(
                    vec![Change::CloseAssignment(a.clone())],
                    None,
                    Attempt::CloseAssignment,
                ) {
                    s.notify(Message::AssignmentClosed(a.title.clone()));
                    s.view = View::Library;
                }
            }
            Action::Compare(change, compare) => {
                if !compare(&mut s, change) {
                    return self;
                }
            }
            Action::Read(change, read) => {
                if !read(&mut s, change) {
                    return self;
                }
            }
            Action::AddDocuments(docs) => s.add_documents(docs),
            Action::NameAsked => {
                if s.prefs.name_asked {
                    return self;
                }
                s.prefs.name_asked = true;
            }
            Action::Undo | Action::Redo if s.builds_key() => {
                let undo = matches!(action, Action::Undo);
                let mut d = (*s.key_draft).clone();
                let message = match (undo, d.step_back(undo)) {
                    (true, true) => Message::Undone,
                    (false, true) => Message::Redone,
                    (true, false) => Message::NothingToUndo,
                    (false, false) => Message::NothingToRedo,
                };
                s.key_draft = Rc::new(d);
                s.notify(message);
            }
            Action::Undo | Action::Redo => {
                let undo = matches!(action, Action::Undo);
                let mut history = (*s.history).clone();
                let result = if undo {
                    history.undo(&mut s.workspace)
                } else {
                    history.redo(&mut s.workspace)
                };
                match result {
                    Ok(Some(changes)) => {
                        s.history = Rc::new(history);
                        s.revision += 1;
                        s.after_undo(&changes);
                        s.notify(if undo {
                            Message::Undone
                        } else {
                            Message::Redone
                        });
                    }
                    Ok(None) => s.notify(if undo {
                        Message::NothingToUndo
                    } else {
                        Message::NothingToRedo
                    }),
                    Err(e) => s.notify(Message::UndoFailed(e)),
                }
            }
            Action::Help(open) => {
                let open = open.unwrap_or(!s.help);
                if s.help == open {
                    return self;
                }
                s.help = open;
            }
            Action::SetAnnotator(name) => {
                s.annotator = name.trim().to_string();
                s.prefs.name_asked = true;
            }
            Action::Notify(message) => s.notify(message),
            Action::Language(code) => s.language = code,
            Action::ClearNotice(seq) => {
                if s.notice.as_ref().map(|n| n.seq) != Some(seq) {
                    return self;
                }
                s.notice = None;
            }
            Action::FromOtherTab(other) => {
                let restored = other.restored;
                if other.take_into(&mut s.workspace) {
                    if let Some(sel) = &s.selected {
                        if s.workspace.annotation(sel).is_none() {
                            s.selected = None;
                        }
                    }
                    s.revision += 1;
                } else if !restored {
                    return self;
                }
                if restored {
                    s.notify(Message::StorageRestored);
                }
            }
            Action::TakeFiles(files, take) => take(&mut s, files),
            Action::Importing(share) => {
                if s.importing == share {
                    return self;
                }
                s.importing = share;
            }
            Action::Imported(revision, imported, take) => take(&mut s, revision, *imported),
            Action::DismissReport => {
                if s.report.is_none() {
                    return self;
                }
                s.report = None;
            }
            Action::SaveResult(e) => {
                if s.save_error == e {
                    return self;
                }
                s.save_error = e;
            }
        }
        Rc::new(s)
    }
}

impl AppState {
    /// Adds the reader's own documents in one undoable step; those already in the library
    /// are named, not added again.
    /// Asks the page's hook to open assignment `files` (name, text).
    /// Takes in picked or dropped files (name, text): assignment files are handed on to be
    /// opened, texts (`.txt`, `.md`) become documents, and the rest are asked to be imported
    /// (`Action::TakeFiles`, from the reading page).
    pub fn take_files(&mut self, files: Vec<(String, String)>) {
        let (assignments, files): (Vec<_>, Vec<_>) = files
            .into_iter()
            .partition(|(_, text)| assignment::is_assignment(text));
        if !assignments.is_empty() {
            self.ask_to_open(assignments);
        }
        let (texts, annotations): (Vec<_>, Vec<_>) = files
            .into_iter()
            .partition(|(name, _)| document::is_text_file(name));
        if !texts.is_empty() {
            let docs = texts
                .iter()
                .map(|(name, text)| Rc::new(document::from_file(name, text)))
                .collect();
            self.add_documents(docs);
        }
        if !annotations.is_empty() {
            // Planned in steps by the import hook, then taken in by `Imported`.
            self.imports += 1;
            self.import_request = Some(Rc::new(FileRequest {
                seq: self.imports,
                files: RefCell::new(annotations),
            }));
        }
    }

    fn ask_to_open(&mut self, files: Vec<(String, String)>) {
        self.imports += 1;
        self.assignment_request = Some(Rc::new(FileRequest {
            seq: self.imports,
            files: RefCell::new(files),
        }));
    }

    /// Opens an assignment that was read and checked, and shows it, in one undoable step
    /// (`Action::OpenAssignment`, from the assignment page).
    pub fn open_assignment(&mut self, a: &Assignment) {
        let changes = a.opening(&self.workspace);
        if changes.is_empty() || self.commit(changes, None, Attempt::OpenAssignment) {
            self.notify(Message::AssignmentOpened(a.file.title.clone()));
            self.view = View::Assignment(a.file.id.clone());
            self.selected = None;
        }
    }

    fn add_documents(&mut self, docs: Vec<Rc<Document>>) {
        let mut changes = Vec::new();
        let mut titles = Vec::new();
        for d in docs {
            let here = self.workspace.document(&d.id).is_some()
                || changes
                    .iter()
                    .any(|c| matches!(c, Change::AddDocument(x) if x.id == d.id));
            titles.push((d.meta.title.clone(), !here));
            if !here {
                changes.push(Change::AddDocument(d));
            }
        }
        if changes.is_empty() || self.commit(changes, None, Attempt::AddDocument) {
            self.notify(Message::DocumentsAdded(titles));
        }
    }

    /// Makes a change in the reader or the library (`Action::Read`, from the pages with a
    /// reader); whether anything changed (a refusal changes the notice).
    pub fn read(&mut self, change: ReadAction) -> bool {
        let s = self;
        match change {
            ReadAction::Check(doc) => {
                let list = s.workspace.annotations(&doc);
                s.check = Some((doc, list));
            }
            ReadAction::RemoveDocument(id) => {
                let Some(doc) = s.workspace.document(&id).cloned() else {
                    return false;
                };
                let mut changes: Vec<Change> = s
                    .workspace
                    .annotations(&id)
                    .iter()
                    .map(|a| Change::Remove(a.clone()))
                    .collect();
                changes.push(Change::RemoveDocument(doc.clone()));
                if s.commit(changes, None, Attempt::RemoveDocument) {
                    if s.view.document_id() == Some(id.as_str()) {
                        s.view = View::Library;
                    }
                    s.notify(Message::DocumentRemoved(doc.meta.title.clone()));
                }
            }
            ReadAction::Tag {
                doc,
                start,
                end,
                label,
                id,
                now,
            } => {
                let ann = Annotation {
                    annotator: s.annotator.clone(),
                    created: now.clone(),
                    modified: now,
                    ..Annotation::new(id.clone(), doc, label, start, end)
                };
                if !s.commit(vec![Change::Add(Rc::new(ann))], None, Attempt::Tag) {
                    return true;
                }
                s.selected = Some(id);
                s.notify(Message::Tagged(label));
            }
            ReadAction::AddAnnotations(list) => {
                let changes = list.into_iter().map(|a| Change::Add(Rc::new(a))).collect();
                s.commit(changes, None, Attempt::AddAnnotations);
            }
            ReadAction::AddDocument(doc) => {
                let title = doc.meta.title.clone();
                if s.commit(vec![Change::AddDocument(doc)], None, Attempt::AddDocument) {
                    s.notify(Message::DocumentsAdded(vec![(title, true)]));
                }
            }
            ReadAction::Select(id) => {
                if s.selected == id {
                    return false;
                }
                s.selected = id;
            }
            ReadAction::Reveal(id) => {
                s.selected = Some(id);
                s.reveal += 1;
            }
            ReadAction::Relabel { id, label, now } => {
                if !s.edit(&id, None, |a| {
                    a.label = label;
                    a.modified = now;
                }) {
                    return true;
                }
                s.notify(Message::Relabeled(label));
            }
            ReadAction::SetNote { id, note, now } => {
                let key = format!("note:{id}");
                s.edit(&id, Some(key), |a| {
                    a.note = note;
                    a.modified = now;
                });
            }
            ReadAction::SetSpeaker { id, speaker, now } => {
                let key = format!("speaker:{id}");
                s.edit(&id, Some(key), |a| {
                    let speaker = speaker.trim();
                    a.speaker = (!speaker.is_empty()).then(|| speaker.to_string());
                    a.modified = now;
                });
            }
            ReadAction::Delete(id) => {
                let Some(a) = s.workspace.annotation(&id).cloned() else {
                    return false;
                };
                if s.commit(vec![Change::Remove(a.clone())], None, Attempt::Delete) {
                    s.selected = None;
                    s.notify(Message::Deleted(a.label));
                }
            }
            ReadAction::SetFilter(filter) => {
                if s.filter == filter {
                    return false;
                }
                s.filter = filter;
            }
            ReadAction::SetSnapWords(on) => s.prefs.snap_words = on,
        }
        true
    }

    /// Makes a change to the compare set or to the key being built (`Action::Compare`, from
    /// the compare page); whether anything changed.
    pub fn compare(&mut self, change: CompareAction) -> bool {
        let s = self;
        match change {
            CompareAction::Load(files, before, total) => {
                let mut set = (*s.compare).clone();
                let done = before + files.len();
                let mut files: Vec<Rc<FileReport>> = set
                    .load(&s.workspace, &files)
                    .into_iter()
                    .map(Rc::new)
                    .collect();
                s.compare = Rc::new(set);
                // Slices after the first add to the report; so does a load asked for while
                // another is still coming in.
                let adds = before > 0 || s.importing.is_some();
                if let Some(r) = s
                    .report
                    .as_ref()
                    .filter(|r| adds && r.kind == ReportKind::Compare)
                {
                    files.splice(0..0, r.files.iter().cloned());
                }
                s.report = Some(Rc::new(Report {
                    kind: ReportKind::Compare,
                    files,
                }));
                s.importing = (done < total).then(|| done as f64 / total as f64);
            }
            CompareAction::AddMine(me, file) => {
                let mut set = (*s.compare).clone();
                let name = if s.annotator.is_empty() {
                    me
                } else {
                    s.annotator.clone()
                };
                set.add(name, &file, own_spans(&s.workspace));
                s.compare = Rc::new(set);
            }
            CompareAction::Key(i) => {
                let mut set = (*s.compare).clone();
                set.key = (i < set.files.len()).then_some(i);
                s.compare = Rc::new(set);
            }
            CompareAction::Restore(loaded, problems) => {
                let (set, draft) = *loaded;
                s.compare = Rc::new(set);
                s.key_draft = Rc::new(draft);
                let more = problems.into_iter().map(Warning::Storage);
                s.storage_warning = s.storage_warning.iter().cloned().chain(more).collect();
            }
            CompareAction::Kept(problem) => {
                let problem = problem.map(Rc::new);
                if problem == s.compare_not_kept {
                    return false;
                }
                s.compare_not_kept = problem;
            }
            CompareAction::Draft(draft) => s.key_draft = draft,
            CompareAction::Use(spans) => {
                let mut set = (*s.compare).clone();
                set.use_built_key(discern_model::key::KEY_NAME.to_string(), spans);
                s.compare = Rc::new(set);
            }
            CompareAction::Remove(i) => {
                let mut set = (*s.compare).clone();
                set.remove(i);
                s.compare = Rc::new(set);
            }
        }
        true
    }

    /// Takes in a finished import, planned over the workspace at `revision`, in one undoable
    /// step, and reports each file (`Action::Imported`, from the reading page).
    pub fn take_import(&mut self, revision: u64, imported: Imported) {
        self.importing = None;
        self.import_request = None;
        let Imported {
            workspace,
            changes,
            reports,
        } = imported;
        let taken = changes.is_empty()
            || if revision == self.revision {
                // Nothing changed meanwhile: the workspace the import built is the result.
                self.workspace = workspace;
                self.record(changes, None);
                true
            } else {
                self.commit(changes, None, Attempt::Import)
            };
        if taken {
            self.report = Some(Rc::new(Report {
                kind: ReportKind::Import,
                files: reports,
            }));
        }
    }

    /// Shows `view`; the same `Rc` when it is already shown.
    fn show(mut self, view: View, unchanged: Rc<Self>) -> Rc<Self> {
        if self.view == view {
            return unchanged;
        }
        self.view = view;
        self.selected = None;
        Rc::new(self)
    }

    /// Applies and records `changes`; on refusal says what was refused and why, and changes
    /// nothing.
    fn commit(&mut self, changes: Vec<Change>, merge_key: Option<String>, what: Attempt) -> bool {
        match self.workspace.apply_all(&changes) {
            Ok(()) => {
                self.record(changes, merge_key);
                true
            }
            Err(e) => {
                self.notify(Message::Refused(what, e));
                false
            }
        }
    }

    /// Records applied `changes` in the history.
    fn record(&mut self, changes: Vec<Change>, merge_key: Option<String>) {
        Rc::make_mut(&mut self.history).record(changes, merge_key);
        self.revision += 1;
    }

    /// Replaces annotation `id` by an edited copy.
    fn edit(
        &mut self,
        id: &str,
        merge_key: Option<String>,
        f: impl FnOnce(&mut Annotation),
    ) -> bool {
        let Some(before) = self.workspace.annotation(id).cloned() else {
            return false;
        };
        let mut after = (*before).clone();
        f(&mut after);
        if after == *before {
            return false;
        }
        self.commit(
            vec![Change::Update {
                before,
                after: Rc::new(after),
            }],
            merge_key,
            Attempt::Edit,
        )
    }

    /// After undo or redo, select what it touched and drop a selection that is gone.
    fn after_undo(&mut self, changes: &[Change]) {
        if let Some(sel) = &self.selected {
            if self.workspace.annotation(sel).is_none() {
                self.selected = None;
            }
        }
        let open = self.view.document_id().map(str::to_string);
        for c in changes {
            match c {
                Change::Add(a) | Change::Update { after: a, .. }
                    if open.as_deref() == Some(a.document.as_str()) =>
                {
                    self.selected = Some(a.id.clone());
                    self.reveal += 1;
                }
                Change::RemoveDocument(d) if open.as_deref() == Some(d.id.as_str()) => {
                    self.view = View::Library;
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use discern_model::corpus;

    fn state() -> Rc<AppState> {
        Rc::new(AppState::new(Workspace::new(corpus::builtin())))
    }

    fn tag(s: &Rc<AppState>, id: &str, start: usize, end: usize, label: Label) -> Rc<AppState> {
        let doc = s.workspace.documents()[2].id.clone();
        s.clone().reduce(Action::read(ReadAction::Tag {
            doc,
            start,
            end,
            label,
            id: id.into(),
            now: "2026-11-22T10:00:00Z".into(),
        }))
    }

    #[test]
    fn tag_refuse_duplicate_then_undo_redo() {
        let s0 = state();
        let s1 = tag(&s0, "a", 0, 7, Label::Claim);
        let doc = s1.workspace.documents()[2].id.clone();
        assert_eq!(s1.workspace.counts(&doc), [1, 0, 0]);
        assert_eq!(s1.selected.as_deref(), Some("a"));
        let s2 = tag(&s1, "b", 0, 7, Label::Claim);
        assert_eq!(s2.workspace, s1.workspace);
        assert_eq!(
            *s2.notice.as_ref().unwrap().message,
            Message::Refused(Attempt::Tag, ChangeError::Duplicate(Label::Claim))
        );
        let s3 = s2.clone().reduce(Action::Undo);
        assert_eq!(s3.workspace.counts(&doc), [0, 0, 0]);
        let s4 = s3.clone().reduce(Action::Redo);
        assert_eq!(s4.workspace, s1.workspace);
    }

    /// A refused change says what was refused: only tagging says "Not tagged".
    #[test]
    fn refusals_name_what_was_refused() {
        let s1 = tag(&state(), "a", 0, 7, Label::Claim);
        let doc = s1.workspace.documents()[2].id.clone();
        let again = Annotation::new("b", &doc, Label::Claim, 0, 7);
        let s2 = s1
            .clone()
            .reduce(Action::read(ReadAction::AddAnnotations(vec![again])));
        let refused = Message::Refused(
            Attempt::AddAnnotations,
            ChangeError::Duplicate(Label::Claim),
        );
        assert_eq!(*s2.notice.as_ref().unwrap().message, refused);
        assert_eq!(
            crate::messages::message(&refused),
            "Not added: this passage is already tagged as claim"
        );
        let tagging = Message::Refused(Attempt::Tag, ChangeError::Duplicate(Label::Claim));
        assert!(crate::messages::message(&tagging).starts_with("Not tagged: "));
        for what in [Attempt::Import, Attempt::RemoveDocument, Attempt::Edit] {
            let m = crate::messages::message(&Message::Refused(what, ChangeError::Empty));
            assert!(!m.starts_with("Not tagged"), "{m}");
        }
    }

    #[test]
    fn unchanged_state_is_the_same_rc() {
        let s0 = state();
        let s1 = s0.clone().reduce(Action::read(ReadAction::Select(None)));
        assert!(Rc::ptr_eq(&s0, &s1));
        let s2 = s0.clone().reduce(Action::read(ReadAction::SetFilter(None)));
        assert!(Rc::ptr_eq(&s0, &s2));
    }

    #[test]
    fn relabel_and_note_are_undoable() {
        let s1 = tag(&state(), "a", 0, 7, Label::Claim);
        let now = "t".to_string();
        let s2 = s1.clone().reduce(Action::read(ReadAction::Relabel {
            id: "a".into(),
            label: Label::Opinion,
            now: now.clone(),
        }));
        let s3 = s2.clone().reduce(Action::read(ReadAction::SetNote {
            id: "a".into(),
            note: "why".into(),
            now,
        }));
        assert_eq!(s3.workspace.annotation("a").unwrap().label, Label::Opinion);
        assert_eq!(s3.workspace.annotation("a").unwrap().note, "why");
        let s4 = s3.clone().reduce(Action::Undo).reduce(Action::Undo);
        assert_eq!(s4.workspace.annotation("a").unwrap().label, Label::Claim);
        assert_eq!(s4.workspace.annotation("a").unwrap().note, "");
    }

    /// The compare page's changes: a load in slices reports every slice's files, a key is
    /// only a loaded file, and keeping the set as before changes nothing (the same `Rc`).
    #[test]
    fn compare_changes_report_slices_and_keep_the_state_when_nothing_changed() {
        let s1 = tag(&state(), "a", 0, 7, Label::Claim);
        let file = |who: &str| {
            let native = discern_model::formats::export::export_native(
                &s1.workspace,
                None,
                who,
                "2026-11-22T10:00:00Z",
                false,
            );
            serde_json::to_string(&native).unwrap()
        };
        let compare = |s: &Rc<AppState>, change| s.clone().reduce(Action::compare(change));
        let first = vec![("ana.json".to_string(), file("Ana"))];
        let second = vec![("ben.json".to_string(), file("Ben"))];
        let s2 = compare(&s1, CompareAction::Load(first, 0, 2));
        assert_eq!(s2.compare.files.len(), 1);
        assert_eq!(s2.importing, Some(0.5));
        let s3 = compare(&s2, CompareAction::Load(second, 1, 2));
        let report = s3.report.as_ref().unwrap();
        assert_eq!(report.kind, ReportKind::Compare);
        let names: Vec<&str> = report.files.iter().map(|f| f.file.as_str()).collect();
        assert_eq!(names, ["ana.json", "ben.json"]);
        assert_eq!(s3.importing, None);

        assert_eq!(compare(&s3, CompareAction::Key(1)).compare.key, Some(1));
        assert_eq!(compare(&s3, CompareAction::Key(2)).compare.key, None);
        assert_eq!(
            compare(&s3, CompareAction::Remove(0)).compare.files.len(),
            1
        );

        let kept = compare(&s3, CompareAction::Kept(None));
        assert!(Rc::ptr_eq(&kept, &s3));
    }
}

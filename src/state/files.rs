//! Taking in what comes from files: picked or dropped files sorted into assignments, texts
//! and annotation files ([`TakeFiles`], on the reading page), a finished import as one
//! undoable step ([`Imported`], on the reading page), and an assignment that was read and
//! checked ([`OpenAssignment`], on the assignment page). Each is a [`PageChange`], so the
//! pages that take none of them carry none of this code.

use crate::state::action::{FileRequest, PageChange};
use crate::state::compared::Shared;
use crate::state::message::{Attempt, Message, Report, ReportKind};
use crate::state::{AppState, View};
use discern_model::assignment::{self, Assignment};
use discern_model::document;
use discern_model::import;
use discern_model::text::Unicode;
use discern_model::Document;
use std::cell::RefCell;
use std::rc::Rc;

/// Picked or dropped files, sorted by what they are ([`TakeFiles::sort`]): assignment files
/// to hand on to be opened, texts (`.txt`, `.md`) made documents, and annotation files to
/// import.
#[derive(Debug)]
pub struct TakeFiles {
    pub assignments: Vec<(String, String)>,
    pub documents: Vec<Rc<Document>>,
    pub annotations: Vec<(String, String)>,
}

impl TakeFiles {
    /// Sorts `files` (name, text); a text becomes a document with `unicode`'s tables.
    pub fn sort(unicode: &dyn Unicode, files: Vec<(String, String)>) -> Self {
        let (assignments, files): (Vec<_>, Vec<_>) = files
            .into_iter()
            .partition(|(_, text)| assignment::is_assignment(text));
        let (texts, annotations): (Vec<_>, Vec<_>) = files
            .into_iter()
            .partition(|(name, _)| document::is_text_file(name));
        let documents = texts
            .iter()
            .map(|(name, text)| Rc::new(document::from_file(unicode, name, text)))
            .collect();
        TakeFiles {
            assignments,
            documents,
            annotations,
        }
    }
}

impl PageChange for TakeFiles {
    fn apply(self: Box<Self>, state: &mut AppState) -> bool {
        state.take_files(*self);
        true
    }
}

/// A finished import, planned over the workspace at revision `.0`: taken in as one undoable
/// step (bad files change nothing).
#[derive(Debug)]
pub struct Imported(pub u64, pub import::Imported);

impl PageChange for Imported {
    fn apply(self: Box<Self>, state: &mut AppState) -> bool {
        let Imported(revision, imported) = *self;
        state.take_import(revision, imported);
        true
    }
}

/// An assignment that was read and checked: opened, and shown.
#[derive(Debug)]
pub struct OpenAssignment(pub Rc<Assignment>);

impl PageChange for OpenAssignment {
    fn apply(self: Box<Self>, state: &mut AppState) -> bool {
        state.open_assignment(&self.0);
        true
    }
}

impl AppState {
    /// Takes in picked or dropped files: assignment files are asked to be opened (handed on
    /// to the assignment page), documents added, annotation files asked to be imported.
    fn take_files(&mut self, files: TakeFiles) {
        let TakeFiles {
            assignments,
            documents,
            annotations,
        } = files;
        if !assignments.is_empty() {
            self.ask_to_open(assignments);
        }
        if !documents.is_empty() {
            self.add_documents(documents);
        }
        if !annotations.is_empty() {
            // Planned in steps by the import hook, then taken in by `Imported`.
            self.imports += 1;
            self.import_request = Some(Shared::new(FileRequest {
                seq: self.imports,
                files: RefCell::new(annotations),
            }));
        }
    }

    /// Opens an assignment that was read and checked, and shows it, in one undoable step
    ///.
    fn open_assignment(&mut self, a: &Assignment) {
        let changes = a.opening(&self.workspace);
        if changes.is_empty() || self.commit(changes, None, Attempt::OpenAssignment) {
            self.notify(Message::AssignmentOpened(a.file.title.clone()));
            self.view = View::Assignment(a.file.id.clone());
            self.selected = None;
        }
    }

    /// Takes in a finished import, planned over the workspace at `revision`, in one undoable
    /// step, and reports each file.
    fn take_import(&mut self, revision: u64, imported: import::Imported) {
        self.importing = None;
        self.import_request = None;
        let import::Imported {
            workspace,
            changes,
            reports,
        } = imported;
        let taken = changes.is_empty()
            || if revision == self.revision() {
                // Nothing changed meanwhile: the workspace the import built is the result.
                *self.workspace.get_mut() = workspace;
                self.record(changes, None);
                true
            } else {
                self.commit(changes, None, Attempt::Import)
            };
        if taken {
            self.report = Some(Shared::new(Report {
                kind: ReportKind::Import,
                files: reports,
            }));
        }
    }
}

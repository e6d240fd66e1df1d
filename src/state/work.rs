//! How every change to the work goes: applied and recorded in the undo history as one step,
//! or refused with the reason and nothing changed; an annotation edited as a copy; what undo
//! and redo touched selected; documents added; files asked to be opened.

use crate::state::action::FileRequest;
use crate::state::compared::Shared;
use crate::state::message::{Attempt, Message};
use crate::state::{AppState, View};
use discern_model::{Annotation, Change, Document};
use std::cell::RefCell;
use std::rc::Rc;

impl AppState {
    /// Shows `view`; the same `Rc` when it is already shown.
    pub(crate) fn show(mut self, view: View, unchanged: Rc<Self>) -> Rc<Self> {
        if self.view == view {
            return unchanged;
        }
        self.view = view;
        self.selected = None;
        Rc::new(self)
    }

    /// Applies and records `changes`; on refusal says what was refused and why, and changes
    /// nothing.
    pub(crate) fn commit(
        &mut self,
        changes: Vec<Change>,
        merge_key: Option<String>,
        what: Attempt,
    ) -> bool {
        match self.workspace.try_change(|w| w.apply_all(&changes)) {
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

    /// Records applied `changes` in the undo history (the work counted them as it took them).
    pub(crate) fn record(&mut self, changes: Vec<Change>, merge_key: Option<String>) {
        self.history.make_mut().record(changes, merge_key);
    }

    /// Replaces annotation `id` by an edited copy.
    pub(crate) fn edit(
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
    pub(crate) fn after_undo(&mut self, changes: &[Change]) {
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

    /// Asks the page's hook to open assignment `files` (name, text).
    pub(crate) fn ask_to_open(&mut self, files: Vec<(String, String)>) {
        self.imports += 1;
        self.assignment_request = Some(Shared::new(FileRequest {
            seq: self.imports,
            files: RefCell::new(files),
        }));
    }

    /// Adds the reader's own documents in one undoable step; those already in the library
    /// are named, not added again.
    pub(crate) fn add_documents(&mut self, docs: Vec<Rc<Document>>) {
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
}

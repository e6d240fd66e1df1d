//! The changes made in the reader and the library ([`ReadAction`]): tagging, notes and
//! speakers, relabelling, deleting, the selection and the list's filter, removing a
//! document, a practice *Check*. They come from the pages with a reader; the others carry
//! none of this code (`PageChange`).

use crate::state::action::PageChange;
use crate::state::message::{Attempt, Message};
use crate::state::{AppState, View};
use discern_model::{Annotation, Change, Document, Label};
use std::rc::Rc;

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

impl PageChange for ReadAction {
    fn apply(self: Box<Self>, state: &mut AppState) -> bool {
        state.read(*self)
    }
}

impl AppState {
    /// Makes a change in the reader or the library (`Action::Read`, from the pages with a
    /// reader); whether anything changed (a refusal changes the notice).
    fn read(&mut self, change: ReadAction) -> bool {
        let s = self;
        match change {
            ReadAction::Check(doc) => {
                let list = s.workspace.annotations(&doc);
                s.check = Some((doc, list.into()));
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
}

//! The one reducer: every [`Action`] of every page is carried out here, by the model's
//! rules, with no I/O (ids and times come in the action); a change only some pages make comes
//! with its own code ([`PageChange`](crate::state::action::PageChange)). When nothing
//! changed, the same `Rc` comes back, so nothing draws again.

use crate::state::action::Action;
use crate::state::compared::Shared;
use crate::state::message::{Attempt, Message};
use crate::state::{AppState, View};
use discern_model::Change;
use std::rc::Rc;
use yew::Reducible;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
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
            Action::Page(change) => {
                if !change.apply(&mut s) {
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
                let message = match (undo, s.key_draft.make_mut().step_back(undo)) {
                    (true, true) => Message::Undone,
                    (false, true) => Message::Redone,
                    (true, false) => Message::NothingToUndo,
                    (false, false) => Message::NothingToRedo,
                };
                s.notify(message);
            }
            Action::Undo | Action::Redo => {
                let undo = matches!(action, Action::Undo);
                let mut history = (*s.history).clone();
                let result = if undo {
                    history.undo(s.workspace.get_mut())
                } else {
                    history.redo(s.workspace.get_mut())
                };
                match result {
                    Ok(Some(changes)) => {
                        s.history = Shared::new(history);
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
                if other.take_into(s.workspace.get_mut()) {
                    if let Some(sel) = &s.selected {
                        if s.workspace.annotation(sel).is_none() {
                            s.selected = None;
                        }
                    }
                } else if !restored {
                    return self;
                }
                if restored {
                    s.notify(Message::StorageRestored);
                }
            }
            Action::Importing(share) => {
                if s.importing == share {
                    return self;
                }
                s.importing = share;
            }
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
